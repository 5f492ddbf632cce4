"""The search index: Arabic stems, every article found by its words, and edits patched in."""

from __future__ import annotations

import json
import pickle
import re
import tomllib
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import SEEDS, build_site, write_source
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_incremental import (
    append_paragraph,
    assert_same_as_full_build,
    build_in_session,
    snapshot,
    touch_later,
)

from sitegen import search
from sitegen.arabic import normalize_key
from sitegen.articles import article_store, articles_key
from sitegen.config import load
from sitegen.dateformat import month_name
from sitegen.model import Article
from sitegen.months import MONTH_SYSTEMS
from sitegen.search import shard_key, stem, stems
from sitegen.session import Session
from sitegen.stemming import Memo, fold_latin, index_stems, joined_words, make_stems, stems_of, stems_of_words
from sitegen.tags import matching_words


def test_arabic_words_lose_conjunction_article_and_endings():
    assert stems("والاقتصادية") == ["اقتصاد"]
    assert stems("الاقتصاد الاقتصادي اقتصادي") == ["اقتصاد"] * 3
    assert stems("للأمم") == ["امم"]  # ل + the article, whose alef ل swallows
    assert stems("المصريين مصرية") == ["مصر", "مصر"]


@pytest.mark.parametrize(
    "forms",
    [
        "باكستان الباكستانية باكستاني الباكستانيين",
        "إيران الإيرانية الإيرانيون",
        "لبنان اللبنانية اللبنانيون",
        "أمريكا الأمريكية الأمريكي الأمريكيين",
        "روسيا الروسية روسي",
        "فلسطين الفلسطينية الفلسطينيين",
        "فرنسا الفرنسية",
        "اليابان اليابانية",
        "تركيا التركية تركي",
    ],
)
def test_a_country_and_its_adjective_share_a_stem(forms):
    """light10 takes each ending off once, in a fixed order: باكستان lost ان, الباكستانية only ية,
    and a search for the country missed every article that names only its people."""
    assert len(set(stems(forms))) == 1, stems(forms)


def test_every_name_of_the_tag_vocabulary_shares_a_stem_with_its_adjectives():
    """The figure the READMEs give: every one-word Arabic name and alias of the shipped
    vocabulary against its adjective forms (روسيا: روسي، الروسية، الروسيين، روسيون); light10
    joined 331 of the 533."""
    vocabulary = tomllib.loads((Path(search.__file__).parent / "data" / "tags.toml").read_text("utf-8"))
    names = {
        name
        for tag in vocabulary["tag"]
        for name in [tag["ar"], *tag.get("aliases", [])]
        if re.fullmatch("[\u0621-\u064a]+", name)
    }
    apart = []
    for name in sorted(names):
        base = name.removeprefix("ال")
        for end in ("يا", "ا", "ي"):  # روسيا, أمريكا, and an adjective given as an alias
            if base.endswith(end) and len(base) - len(end) >= 3:
                base = base.removesuffix(end)
                break
        if len(set(stems(f"{name} {base}ي ال{base}ية ال{base}يين {base}يون"))) != 1:
            apart.append(name)
    assert len(names) >= 500  # 533 in the vocabulary of 2026-12-02
    assert apart == []


def test_germany_keeps_its_own_alef_lam_and_meets_its_adjectives():
    """ألمانيا lost its ال as if it were the article (مان); الألمانية lost only the article (المان)."""
    assert set(stems("ألمانيا الألمانية الألماني ألمانيون الألمان")) == {"المان"}
    assert "المان" in indexed("بألمانيا") and "المان" in indexed("وألمانيا")
    assert stems("المانع المانحة") == ["مانع", "مانح"]  # other words keep their article rules


def test_a_final_alef_goes_only_from_three_letters_on():
    assert stems("رسمياً رسمي") == ["رسم", "رسم"]  # the adverb's tanween alef
    assert stems("هنا دعا") == ["هنا", "دعا"]  # two letters would be left
    assert stems("تعاون التعاونية") == ["تعا", "تعا"]  # ون, then not ا (تع)


def test_nouns_of_four_letters_in_alef_noon_keep_it():
    """light10 cut ان from four letters: a search for بيان (statement) found every بي, مكان (place)
    found مكة, أمان (safety) found أم and الأمة, كيان (entity) found the particle كي."""
    assert stems("بيان البيان بيانات") == ["بيان"] * 3
    assert stems("مكان مكانة") == ["مكان"] * 2
    assert stems("مكة") == ["مك"]
    assert stems("أمان الأمة كيان كي عمان العمانية") == ["امان", "ام", "كيان", "كي", "عمان", "عمان"]
    assert stems("لبنان اللبنانية ميدان") == ["لبن", "لبن", "ميد"]  # three letters left: cut


def test_nouns_of_four_letters_in_waw_noon_or_yaa_noon_keep_it():
    """The same for ون and ين: الأمين (the trustee) found أم and الأمة, جنين (Jenin) found جن,
    ثمين (precious) found the particle ثم, ديون (debts) found دي."""
    assert stems("الأمين أمين الأمة") == ["امين", "امين", "ام"]
    assert stems("جنين جن ثمين ثم ديون يمين") == ["جنين", "جن", "ثمين", "ثم", "ديون", "يمين"]
    assert stems("المعلمون المعلمين الفلسطينيون") == ["معلم", "معلم", "فلسط"]  # plurals still meet


def test_feminine_plurals_still_meet_their_singular():
    assert stems("قوات قوة لغات لغة") == ["قو", "قو", "لغ", "لغ"]


def test_hamza_tashkeel_tatweel_and_digits_fold_as_tag_matching_folds_them():
    assert stems("أُسْرَة") == stems("اسره")
    assert stems("إعـــلان") == stems("اعلان")
    assert stems("٢٠٢٤") == ["2024"]


def test_the_name_of_god_is_not_cut_into_another_word():
    assert stems("الله والله لله") == ["الله", "والله", "لله"]
    assert indexed("والله") == {"والله", "الله"}  # found by الله


def test_a_leading_waw_stays_in_a_query_and_the_index_has_both_readings():
    """light10 took و off whenever three letters were left: وزارة (ministry) became زار (he
    visited) while الوزارة kept it (وزار), so a search for وزارة missed الوزارة and found زار."""
    assert stems("وزارة الوزارة ووزارة للوزارة وللوزارة") == ["وزار", "وزار", "ووزار", "وزار", "وزار"]
    assert indexed("وزارة") == {"وزار", "زار"}
    assert indexed("ووزارة") == {"ووزار", "وزار"}
    assert indexed("وقال") == {"وقال", "قال"}
    assert indexed("وطن") == {"وطن"}  # two letters would be left: not the conjunction
    assert indexed("والاقتصاد") == {"اقتصاد"}  # و before the article: one reading


def test_and_before_the_article_with_bi_is_the_article_too():
    """وبالقاهرة, فبالتالي: و or ف before بال is as sure a sign of the article as before ال,
    but light10's list had only وال and فال, so a query keeping its letters was وبالقاهر and found
    only the articles with that very word, not القاهرة (the index filed it under قاهر already)."""
    assert stems("وبالقاهرة فبالقاهرة بالقاهرة القاهرة") == ["قاهر"] * 4
    assert stems("وبالتالي") == stems("بالتالي")
    assert indexed("وبالقاهرة") == {"قاهر"}
    assert stems("وبال وكالات وكالة") == ["وبال", "وكال", "وكال"]  # وبال alone is a word; وكال is no article


def test_a_word_is_indexed_without_each_proclitic_it_may_carry():
    """light10 takes ب, ك and ل off only with the article: بمصر and لروسيا were never found by
    مصر and روسيا."""
    assert indexed("بمصر") == {"بمصر", "مصر"}
    assert indexed("وبمصر") == {"وبمصر", "بمصر", "مصر"}
    assert "روس" in indexed("لروسيا") and "روس" in indexed("فلروسيا")
    assert indexed("بين") == {"بين"} and indexed("لها") == {"لها"}  # two letters would be left
    assert stems("بمصر") == ["بمصر"]  # a query word keeps its letters


def test_a_memo_shared_by_articles_gives_each_its_own_stems():
    memo = Memo()
    texts = ["وقال الوزير بمصر", "قال وزير لبنان", "وبمصر قال"]
    for text in texts * 2:
        assert stems_of(text, memo) == indexed(text), text
    assert memo.joined and all(" " in pair for pair in memo.joined)


def test_a_parse_stems_each_word_once_across_its_batches_and_keeps_its_memo_bounded(tmp_path, monkeypatch):
    """A worker parses batch after batch with one state: a word stemmed in one batch is looked
    up in the next. Past MEMO_WORDS the memo starts again; the stems are the same either way."""
    import sitegen.articles as articles_module
    import sitegen.stemming as stemming_module
    from sitegen.articles import ParseState, _parse_files, cached_vocabulary

    source = tmp_path / "src"
    source.mkdir()
    for n in range(4):
        text = f"2024-05-0{n + 1}\nقال الوزير بمصر {n}\n\nوقال الوزير إن الاقتصاد ينمو.\n"
        (source / f"{n}.txt").write_text(text, "utf-8")
    config = load(None, source=source, output=tmp_path / "out", cwd=tmp_path)
    state: ParseState = (config, cached_vocabulary(config, articles_key(config)), False, Memo())
    stemmed: list[str] = []
    real = stemming_module.index_stems

    def counted_index_stems(word: str) -> list[str]:
        stemmed.append(word)
        return real(word)

    monkeypatch.setattr(stemming_module, "index_stems", counted_index_stems)

    def parse(names: list[str], state: ParseState) -> dict[str, object]:
        stems: dict[str, object] = {}
        for rel, entry in _parse_files(state, names).items():
            assert isinstance(entry.result, Article)  # not a parse error
            stems[rel] = entry.result.stems
        return stems

    first = parse(["0.txt", "1.txt"], state)
    assert "الوزير" in stemmed and "وقال" in stemmed
    stemmed.clear()
    second = parse(["2.txt", "3.txt"], state)
    assert sorted(stemmed) == ["2", "3"]  # only the words the first batch did not have
    fresh = parse(["0.txt", "1.txt", "2.txt", "3.txt"], (*state[:3], Memo()))
    assert {**first, **second} == fresh

    monkeypatch.setattr(articles_module, "MEMO_WORDS", 3)
    small = (*state[:3], Memo())
    for name in ("0.txt", "1.txt", "2.txt", "3.txt"):
        assert parse([name], small) == {name: fresh[name]}
        assert len(small[3]) <= 3 + len(stemmed_words(source / name))  # emptied before each batch once full


def stemmed_words(path: Path) -> set[str]:
    return set(matching_words(path.read_text("utf-8")))


def indexed(text: str) -> set[str]:
    """The stems the index files a text's words under."""
    return {s for word in matching_words(text) for s in index_stems(word)}


def test_a_search_finds_a_word_after_its_proclitics_and_a_word_beginning_with_waw(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "src"
    source.mkdir()
    texts = {
        "ministry.md": "Title: بيان\n\nأعلنت الوزارة خطة جديدة.",
        "and-ministry.md": "Title: خطة\n\nوقالت ووزارة الخارجية إن الخطة جاهزة.",
        "visit.md": "Title: زيارة\n\nزار الرئيس القاهرة أمس.",
        "said.md": "Title: تصريح\n\nوقال المتحدث إن الاجتماع انتهى.",
        "egypt.md": "Title: وصول\n\nوصل الوفد بمصر أمس.",
    }
    for name, text in texts.items():
        (source / name).write_text(text, "utf-8")
    out = build_site(source, tmp_path / "out")
    ids = {title: _id_of(out, title) for title in ("بيان", "خطة", "زيارة", "تصريح", "وصول")}
    assert _lookup(out, "وزارة") == {ids["بيان"], ids["خطة"]}
    assert _lookup(out, "زار") == {ids["زيارة"]}
    assert _lookup(out, "قال") == {ids["تصريح"]}  # وقال
    assert _lookup(out, "وقال") == {ids["تصريح"]}
    assert _lookup(out, "مصر") == {ids["وصول"]}  # بمصر


def test_short_words_keep_their_letters():
    # the article comes off only when two letters are left, و only when three are
    assert stems("الحج") == ["حج"]
    assert stems("وطن") == ["وطن"]
    assert stem("ولد") == "ولد"


def test_english_words_lose_possessive_and_plural():
    assert stems("Elections election's countries country") == ["election", "election", "country", "country"]
    assert stems("bus glass US") == ["bus", "glass", "us"]


def test_latin_letters_lose_their_accents_so_that_a_name_typed_without_them_is_found():
    assert stems("café São Paulo Zürich Erdoğan") == stems("cafe Sao Paulo Zurich Erdogan")
    assert stems("cafés CAFÉ Café") == ["cafe"] * 3  # the plural -s, any case
    # Turkish (dotless ı, ş, ğ, ç) and the letters no decomposition takes apart
    assert stems("Kılıçdaroğlu Beşiktaş Øresund Straße Æsir Œuvre Đoković Łódź") == [
        "kilicdaroglu",
        "besikta",  # a plural -s, as besiktas has
        "oresund",
        "strasse",
        "aesir",
        "oeuvre",
        "dokovic",
        "lodz",
    ]
    assert stems("Nguyễn Thị") == ["nguyen", "thi"]  # Vietnamese: two marks on one letter


def test_a_turkish_capital_dotted_i_is_an_i_not_the_end_of_a_word():
    """casefold() writes İ as i and a combining dot, which no word may hold: İzmir was the words
    i and zmir, and izmir did not find it."""
    assert stems("İzmir İSTANBUL İnönü") == stems("Izmir Istanbul Inonu") == ["izmir", "istanbul", "inonu"]


def test_latin_folding_leaves_arabic_letters_and_marks_to_the_arabic_rules():
    """NFD would take the hamza off أ, إ, ؤ and ئ (a letter and U+0654 or U+0655): the Arabic
    rules decide what an Arabic word becomes, and they are unchanged."""
    arabic = "أحمد إبراهيم آمال مسؤول رئيس مُحَمَّدٌ ألمانيا"
    assert fold_latin(arabic) == arabic
    assert stems(arabic) == ["احمد", "ابراهيم", "امال", "مسوول", "رييس", "محمد", "المان"]


def test_an_article_is_found_by_its_accented_words_typed_without_accents(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "src"
    source.mkdir()
    (source / "cafe.md").write_text(
        "---\ntitle: Café culture in São Paulo\ndate: 2024-05-01\nlang: en\n---\nErdoğan met him in Zürich.\n",
        "utf-8",
    )
    out = build_site(source, tmp_path / "out")
    found = {_id_of(out, "Café culture")}
    for word in ("cafe", "café", "sao", "paulo", "zurich", "erdogan"):
        assert _lookup(out, word) == found, word
    assert _lookup(out, "cafe", "t") == found


def test_an_article_is_found_by_a_word_typed_with_or_without_its_zwnj_and_its_title_keeps_it(tmp_path, monkeypatch):
    """Persian spelling (می‌خواهم): the index key has no ZWNJ, a query typed either way finds it,
    and the title the results show keeps it."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "src"
    source.mkdir()
    (source / "want.md").write_text("---\ntitle: می\u200cخواهم بروم\ndate: 2024-05-01\n---\nکتاب\u200cها.\n", "utf-8")
    out = build_site(source, tmp_path / "out")
    found = {_id_of(out, "می\u200cخواهم بروم")}
    assert stems("می\u200cخواهم") == stems("میخواهم") == ["ميخواهم"]
    for word in ("می\u200cخواهم", "میخواهم"):
        assert _lookup(out, word, "t") == _lookup(out, word) == found, word
    assert _lookup(out, "کتابها") == found
    shards = [json.loads(path.read_bytes()) for path in (out / search.SHARDS).glob("*.json")]
    assert not any("\u200c" in term for shard in shards for terms in shard.values() for term in terms)
    assert _records(out)[0][1] == "می\u200cخواهم بروم"


def test_short_words_joined_by_an_ampersand_are_one_word():
    """Q&A, AT&T, R&D: their letters alone are too short to search (or everywhere: at), so the
    whole is a word, with or without spaces around the ampersand."""
    assert stems("Q&A") == stems("q & a") == stems("Q &A") == ["q&a"]
    assert stems("AT&T R&D H&M") == ["at&t", "r&d", "h&m"]
    assert stems("Tom & Jerry, Marks&Spencer") == ["tom", "jerry", "mark", "spencer"]  # words of their own
    assert stems("G7 & EU") == ["g7", "eu"]
    assert stems("Q&A's Tom's & Jerry's") == ["q&a", "tom", "jerry"]  # a possessive comes off as ever
    # the index has the whole and its letters that are long enough
    assert stems_of("A Q&A with AT&T", Memo()) == {"q&a", "with", "at&t", "at"}
    assert stems_of("Q and A", Memo()) == {"and"}


def test_a_possessive_does_not_make_a_short_word_joined_by_an_ampersand_long_enough():
    """AT&T's is AT&T: its T's is a T, too short to search by itself (it was the word at alone,
    so that an article that wrote only AT&T's was never found by at&t)."""
    assert stems("AT&T's") == stems("AT&T’s") == ["at&t"]
    assert "at&t" in stems_of("AT&T's results", Memo())


def test_an_article_is_found_by_a_short_word_joined_by_an_ampersand(tmp_path, monkeypatch):
    out = built(
        tmp_path,
        monkeypatch,
        {
            "qa.md": "---\ntitle: Q&A with the minister\ndate: 2024-05-01\nlang: en\n---\nHe spoke of AT & T.\n",
            "other.md": "---\ntitle: A quiet day\ndate: 2024-05-02\nlang: en\n---\nQ was at home, and a cat.\n",
        },
    )
    qa = {_id_of(out, "Q&A")}
    assert _lookup(out, "q&a") == _lookup(out, "q&a", "t") == qa
    assert _lookup(out, "at&t") == qa
    assert _lookup(out, "at&t", "t") == set()


def test_initials_with_dots_are_one_word_without_them():
    """U.S., U.N., D.C.: each letter alone is too short to search, so a reader's U.S. found
    nothing (no word at all) and US never found U.S. Single Latin letters only."""
    assert stems("U.S.") == stems("U.S") == stems("US") == stems("u.s.") == ["us"]
    assert stems("the U.N.'s envoy in Washington, D.C.") == ["the", "un", "envoy", "in", "washington", "dc"]
    assert stems("U.S.-backed") == ["us", "backed"]
    assert stems("1.5 million at bbc.co.uk") == ["1", "5", "million", "at", "bbc", "co", "uk"]  # no initials
    assert stems_of("A U.S. envoy", Memo()) == {"us", "envoy"}


def test_an_article_is_found_by_initials_written_with_or_without_dots(tmp_path, monkeypatch):
    out = built(
        tmp_path,
        monkeypatch,
        {"us.md": "---\ntitle: U.S. envoy in Cairo\ndate: 2024-05-01\nlang: en\n---\nThe U.N. said so.\n"},
    )
    found = {_id_of(out, "U.S. envoy")}
    assert _lookup(out, "us") == _lookup(out, "us", "t") == _lookup(out, "un") == found
    assert _lookup(out, "un", "t") == set()


def test_numbers_with_thousands_separators_are_one_number_without_them():
    """A reader types 4500; the article wrote 4,500 (or ٤٬٥٠٠), which was the numbers 4 and 500."""
    assert stems("4,500") == stems("4500") == stems("٤٬٥٠٠") == stems("٤,٥٠٠") == ["4500"]
    assert stems("1,250,000 people") == ["1250000", "people"]
    assert stems("4,500.5 and 2023,2024 and 12,5") == ["4", "500", "5", "and", "2023", "2024", "and", "12", "5"]
    assert stems_of("نحو 4,500 شخص", Memo()) >= {"4500", "4", "500"}


def test_a_grouped_number_before_a_clause_comma_is_one_number_and_before_an_arabic_decimal_is_not():
    """'4,500, most of them ...': the comma ends a clause, not a list; '٤٬٥٠٠٫٧٥' has a decimal
    part (the Arabic decimal separator), as '4,500.75' has."""
    assert stems("Some 4,500, most of them") == ["some", "4500", "most", "of", "them"]
    assert stems("نحو ٤٬٥٠٠، معظمهم") == stems("نحو 4500، معظمهم")
    assert stems("٤٬٥٠٠٫٧٥") == stems("4,500.75") == ["4", "500", "75"]
    assert stems("1,234,5") == ["1", "234", "5"]


def test_an_article_is_found_by_a_number_typed_without_its_thousands_separator(tmp_path, monkeypatch):
    out = built(
        tmp_path,
        monkeypatch,
        {
            "n.md": "---\ntitle: Floods displace thousands\ndate: 2024-05-01\nlang: en\n---\nSome 4,500 people left.\n",
            "a.txt": "19 أبريل 2024\n\nنزوح الآلاف\n\nنزح نحو ٤٬٥٠٠ شخص.\n",
        },
    )
    assert _lookup(out, "4500") == {_id_of(out, "Floods displace"), _id_of(out, "نزوح الآلاف")}


def test_single_letters_are_not_indexed_but_numbers_are():
    assert stems("a b و 7 G20") == ["7", "g20"]


def test_shard_key_is_the_first_two_letters_as_hex():
    assert shard_key("اقتصاد") == "627-642"
    assert shard_key("g20") == "67-32"


def _index(out: Path) -> dict:
    return json.loads((out / search.INDEX).read_bytes())


def _records(out: Path) -> list[list[str]]:
    meta = _index(out)
    records = []
    for n in range(len(meta["docs"])):
        records += json.loads((out / f"{search.DOCS}{n}.json").read_bytes())
    return records


def built(tmp_path: Path, monkeypatch, files: dict[str, str]) -> Path:
    """The site of these article files (name -> text), built with a cache of its own."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    return build_site(write_source(tmp_path, files), tmp_path / "out")


def _lookup(out: Path, word: str, kind: str = "b") -> set[int]:
    """The ids of the articles with the word's stem, as the page's script finds them."""
    (term,) = stems(word)
    return _lookup_stem(out, term, kind)


def _lookup_stem(out: Path, term: str, kind: str = "b") -> set[int]:
    path = out / f"{search.SHARDS}{shard_key(term)}.json"
    if not path.exists():
        return set()
    deltas = json.loads(path.read_bytes()).get(kind, {}).get(term, [])
    ids, total = set(), 0
    for d in deltas:
        total += d
        ids.add(total)
    return ids


def _id_of(out: Path, title: str) -> int:
    (found,) = [i for i, r in enumerate(_records(out)) if title in r[1]]
    return found


def build(site: Path, source: Path, out: Path, *extra: str) -> None:
    build_site(source, out, "--config", str(site / "sitegen.toml"), *extra)


def test_every_article_is_found_by_every_word_of_its_title_and_body(workspace):
    site, source, out = workspace
    build(site, source, out)
    records = _records(out)
    assert len(records) == _index(out)["articles"] == len(list(out.glob("articles/*/index.html")))
    seed = sorted(SEEDS.glob("*.txt"))[1]
    lines = [line for line in seed.read_text("utf-8").splitlines() if line.strip()]
    (i,) = [n for n, r in enumerate(records) if r[1] in lines]
    title = records[i][1]
    for term in set(stems(" ".join(lines))):
        assert i in _lookup_stem(out, term), term
    for term in set(stems(title)):
        assert i in _lookup_stem(out, term, "t"), term


def test_records_show_link_title_dates_and_lead(workspace):
    site, source, out = workspace
    build(site, source, out)
    meta = _index(out)
    assert meta["languages"] == ["ar", "en"]
    for url, title, lang, iso, date_ar, date_en, lead in _records(out):
        assert (out / unquote(url) / "index.html").is_file(), url
        assert title and lang in ("ar", "en")
        assert bool(iso) == bool(date_ar) == bool(date_en)
        assert len(lead) <= 221
    dated = [r for r in _records(out) if r[3]]
    # the Arabic date with its Hijri date beside it (as on the cards), the English one alone
    assert all(isinstance(r[4], list) and len(r[4]) == 2 and isinstance(r[5], str) for r in dated)
    assert any("2" in r[4][0] and "هـ" in r[4][1] for r in dated)


def test_ids_count_from_the_oldest_article_so_that_a_new_one_comes_last(workspace):
    site, source, out = workspace
    build(site, source, out)
    records = _records(out)
    undated = [r for r in records if not r[3]]
    assert records[: len(undated)] == undated  # undated first: they are listed last
    dates = [r[3] for r in records[len(undated) :]]
    assert dates == sorted(dates)


def test_an_edit_rewrites_only_the_shards_of_the_words_it_changed(workspace, tmp_path, monkeypatch):
    site, source, out = workspace
    build(site, source, out)
    before = snapshot(out / "search")

    def not_afresh(renderer):
        raise AssertionError("the index was made afresh, not patched")

    monkeypatch.setattr(search, "full_index", not_afresh)
    append_paragraph(source / "english-plain.txt", "Zanzibar quokkas appear.")
    build(site, source, out)
    after = snapshot(out / "search")
    changed = {path for path in after if before.get(path) != after[path]}
    keys = {f"s/{shard_key(term)}.json" for term in stems("Zanzibar quokkas appear")}
    assert changed - {"index.json"} <= keys  # the lead is unchanged: no record chunk either
    assert {f"s/{shard_key('zanzibar')}.json", "index.json"} <= changed
    i = _id_of(out, "Russia and Pakistan")
    assert i in _lookup(out, "quokkas") and i in _lookup(out, "Zanzibar")
    monkeypatch.undo()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_word_removed_by_an_edit_no_longer_finds_the_article(workspace, tmp_path, monkeypatch):
    site, source, out = workspace
    append_paragraph(source / "english-plain.txt", "Xylophones everywhere.")
    build(site, source, out)
    assert _lookup(out, "xylophones")
    english = source / "english-plain.txt"
    english.write_text(english.read_text("utf-8").replace("Xylophones everywhere.", ""), "utf-8")
    touch_later(english)
    monkeypatch.setattr(search, "full_index", None)  # patched, never made afresh
    build(site, source, out)
    assert not _lookup(out, "xylophones")
    monkeypatch.undo()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_new_newest_article_is_added_without_making_the_index_afresh(workspace, tmp_path, monkeypatch):
    site, source, out = workspace
    build(site, source, out)
    count = _index(out)["articles"]
    (source / "newest.txt").write_text(
        "Quasar telescopes open in Cairo\n\n2099-01-02\n\nAstronomers opened quasar telescopes.\n", "utf-8"
    )
    monkeypatch.setattr(search, "full_index", None)
    build(site, source, out)
    assert _index(out)["articles"] == count + 1
    assert _lookup(out, "quasar") == {count}  # the next id
    assert _records(out)[count][1] == "Quasar telescopes open in Cairo"
    monkeypatch.undo()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_deleted_article_makes_the_index_afresh_without_it(workspace, tmp_path):
    site, source, out = workspace
    append_paragraph(source / "english-plain.txt", "Xylophones everywhere.")
    build(site, source, out)
    (source / "english-plain.txt").unlink()
    build(site, source, out)
    assert not _lookup(out, "xylophones")
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_shard_deleted_from_the_output_is_made_again(workspace, tmp_path):
    site, source, out = workspace
    build(site, source, out)
    shard = next((out / "search" / "s").iterdir())
    shard.unlink()
    build(site, source, out)
    assert shard.exists()
    append_paragraph(source / "english-plain.txt", "Zanzibar again.")
    next((out / "search" / "d").iterdir()).unlink()
    build(site, source, out)
    assert_same_as_full_build(site, source, out, tmp_path)


def test_search_false_makes_no_index(workspace):
    site, source, out = workspace
    (site / "sitegen.toml").write_text("search = false\n", "utf-8")
    build(site, source, out)
    assert not (out / "search").exists()
    assert 'search/"' not in (out / "index.html").read_text("utf-8")  # no link to a search page


def test_parsed_articles_carry_their_stems_through_the_cache(workspace):
    site, source, out = workspace
    build(site, source, out)
    config = load(site / "sitegen.toml", source=source, output=out)
    store = article_store(config, articles_key(config), None)
    articles = [e.result for e in store.entries.values() if not isinstance(e.result, tuple)]
    assert len(articles) >= 10
    for article in articles:
        assert article.stems is not None, article.source
        assert article.stems == make_stems(article, article.body), article.source
        title, anywhere = article.stems.unpack()
        assert title <= anywhere and indexed(article.title) == title
        buffers: list = []
        again = pickle.loads(pickle.dumps(article.stems, protocol=5, buffer_callback=buffers.append), buffers=buffers)
        assert again == article.stems and buffers  # out of band, as the cache stores it


def test_without_search_articles_are_parsed_without_stems(workspace):
    site, source, out = workspace
    (site / "sitegen.toml").write_text("search = false\n", "utf-8")
    build(site, source, out)
    config = load(site / "sitegen.toml", source=source, output=out)
    store = article_store(config, articles_key(config), None)
    assert all(e.result.stems is None for e in store.entries.values() if not isinstance(e.result, tuple))


def test_stems_of_a_very_large_archive_are_kept_compressed_and_read_the_same():
    from sitegen.model import Stems

    title = stems("قمة القاهرة الاقتصادية")
    anywhere = title + stems(sorted(SEEDS.glob("*.txt"))[1].read_text("utf-8"))
    plain, packed = Stems(title, anywhere), Stems(title, anywhere, compress=True)
    assert packed == plain and packed.unpack() == plain.unpack() == (frozenset(title), frozenset(anywhere))
    assert len(packed._packed) < len(plain._packed)
    buffers: list = []
    again = pickle.loads(pickle.dumps(packed, protocol=5, buffer_callback=buffers.append), buffers=buffers)
    assert again.unpack() == plain.unpack()


def test_a_days_next_article_is_added_without_making_the_index_afresh(workspace, tmp_path, monkeypatch):
    site, source, out = workspace
    day = "2099-03-04\n\n{title}\n\n{body}\n"
    (source / "2099-03-04-001.txt").write_text(day.format(title="Morning pulsar news", body="Pulsars."), "utf-8")
    build(site, source, out)
    (source / "2099-03-04-002.txt").write_text(day.format(title="Evening pulsar news", body="Pulsars."), "utf-8")
    monkeypatch.setattr(search, "full_index", None)  # the day's second file comes after the first
    build(site, source, out)
    records = _records(out)
    assert [r[1] for r in records[-2:]] == ["Morning pulsar news", "Evening pulsar news"]
    assert _lookup(out, "pulsars") == {len(records) - 2, len(records) - 1}
    monkeypatch.undo()
    assert_same_as_full_build(site, source, out, tmp_path)


@pytest.mark.parametrize("damaged", ["index.json", "shard"])
def test_a_search_file_damaged_in_the_output_is_made_again_not_a_crash(workspace, tmp_path, damaged):
    site, source, out = workspace
    build(site, source, out)
    i = _id_of(out, "Russia and Pakistan")
    assert _lookup(out, "riyadh") and i not in _lookup(out, "riyadh")
    target = out / search.INDEX if damaged == "index.json" else out / search.SHARDS / f"{shard_key('riyadh')}.json"
    append_paragraph(source / "english-plain.txt", "Zanzibar and Riyadh.")  # the patch reads that shard
    target.write_text("{not json", "utf-8")  # edited by hand between two builds
    build(site, source, out)
    assert i in _lookup(out, "riyadh")
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_session_starts_its_ids_from_the_last_build_and_gets_what_sorting_afresh_gives(workspace):
    """In sitegen serve, an article edited in place keeps every id (the last build's are
    patched, not sorted again); an article whose date changed may move, and ids are made anew.
    Either way they are those of the Site as it is."""
    site, source, out = workspace
    session = Session()

    def rebuilt() -> search.Ids:
        build_in_session(session, site, source, out)
        session.settle()
        assert session.search_ids is not None and session.collected is not None
        by_id = search._by_id(session.collected.site.articles)
        assert [a.source for a in session.search_ids.articles] == [a.source for a in by_id]
        assert session.search_ids.articles == by_id
        assert session.search_ids.state == (
            tuple(a.source for a in by_id),
            tuple(a.digest + a.light for a in by_id),
        )
        assert session.search_ids.listed is session.collected.site.articles
        return session.search_ids

    first = rebuilt()
    append_paragraph(source / "english-plain.txt", "Zanzibar quokkas appear.")
    edited = rebuilt()
    assert edited.at is first.at  # patched: the ids did not move
    assert edited.state[1] != first.state[1]
    path = source / "2023" / "levantine.txt"
    text = path.read_text("utf-8")
    assert text.startswith("الخميس 12 تشرين الأول 2023")
    path.write_text(text.replace("تشرين", "كانون", 1), "utf-8")  # October -> December
    touch_later(path)
    moved = rebuilt()
    assert moved.at is not edited.at  # another date: made afresh


def _found(out: Path, word: str) -> set[int]:
    """The ids of the articles a whole word finds: by their words or their date."""
    return _lookup(out, word) | _lookup(out, word, "d")


def test_an_article_is_found_by_the_year_and_month_of_its_date(tmp_path, monkeypatch):
    """A reader's 2024, أبريل 2024 or April 2024 finds the articles of that month, though their
    text never says it: a dateline is taken out of the body, so an article dated 19 April 2024
    was found by none of them. The month as the results name it in either language; not the
    day, which would file every article under one of the numbers 1 to 31."""
    out = built(
        tmp_path,
        monkeypatch,
        {
            "a.txt": "19 أبريل 2024\n\nمحادثات في القاهرة\n\nبحث الوزيران العلاقات الثنائية.\n",
            "b.md": "---\ntitle: Talks in Cairo\ndate: 2023-05-03\nlang: en\n---\nThe ministers met.\n",
            "c.md": "---\ntitle: Undated note\nlang: en\n---\nNothing of 1973 here.\n",
        },
    )
    a, b, c = _id_of(out, "محادثات"), _id_of(out, "Talks in Cairo"), _id_of(out, "Undated")
    assert _found(out, "2024") == _found(out, "٢٠٢٤") == {a}
    assert _found(out, "أبريل") == _found(out, "April") == _found(out, "إبريل") == {a}
    assert _found(out, "مايو") == _found(out, "may") == {b}
    assert _found(out, "2023") == {b}
    assert _lookup(out, "١٩٧٣") == _lookup(out, "1973") == {c}  # a year in the text, as before
    assert _found(out, "19") == _found(out, "3") == set()  # not the day
    assert _lookup(out, "2024", "t") == set()  # the date is no word of the title
    assert _lookup(out, "2024", "d") == {a} and _lookup(out, "2024") == set()  # filed apart from the words


def test_the_month_of_an_articles_date_is_named_as_the_sites_month_system_names_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = write_source(tmp_path, {"a.txt": "19 أبريل 2024\n\nمحادثات في دمشق\n\nبحث الوزيران العلاقات.\n"})
    (tmp_path / "sitegen.toml").write_text('month_system = "levantine"\n', "utf-8")
    out = tmp_path / "out"
    build_site(source, out, "--config", str(tmp_path / "sitegen.toml"))
    assert _found(out, "نيسان") == _found(out, "April") == _found(out, "2024") == {0}
    assert _found(out, "أبريل") == set()


def _found_by(out: Path, query: str) -> set[int]:
    """The ids of the articles a whole query finds: every word, by the article's words or date."""
    found: set[int] | None = None
    for term in stems(query):
        ids = _lookup_stem(out, term) | _lookup_stem(out, term, "d")
        found = ids if found is None else found & ids
    return found or set()


def test_a_month_of_two_words_is_one_word_written_with_or_without_its_article():
    """كانون الثاني (January) and تشرين الأول (October) were two words each to a query, كان (was: the
    stem of كانون) and an ordinal (الأول, الثاني: first, second), so every article of the month
    was filed under those common words. Joined as عبد الله is, the month is one word; كانون ثاني
    and تشرين أول, which the date parser also reads, are the same month. The index keeps the
    words apart beside the joined one."""
    january = stem("كانونالثاني")
    assert stems("كانون الثاني") == stems("كانون ثاني") == stems("كانونُ الثانى") == stems("كانـون الثاني") == [january]
    assert stems("تشرين الأول 2023") == stems("تشرين أول 2023") == [stem("تشرينالاول"), "2023"]
    assert len({january, stem("كانونالاول"), stem("تشرينالثاني"), stem("تشرينالاول")}) == 4
    assert stems("في كانون الثاني الماضي") == ["في", january, "ماض"]
    assert stems("منذ وكانون الأول") == ["منذ", stem("وكانونالاول")]  # after a proclitic, as عبد الله
    assert stems("الثاني") == ["ثان"] and stems("كانون") == ["كان"]  # each alone is the word it is
    assert stems("كانون الثانية") == ["كان", "ثان"]  # no month: the ordinal is feminine
    assert stems_of("في كانون الثاني الماضي", Memo()) >= {"كان", "ثان", january}


def test_a_month_of_two_words_joined_by_a_hyphen_or_a_tatweel_is_the_same_month():
    """كانون-الثاني (as the date parser also reads it) was two words, كان and ثان, so a reader's
    كانون الثاني did not find an article that wrote it with a hyphen, nor كانون-الثاني one that
    wrote it apart. A hyphen (with or without spaces around it) joins the month as a space does,
    in a query and in the index, whether or not the index has the text's words at hand."""
    january = stems("كانون الثاني")
    for written in ("كانون-الثاني", "كانون - الثاني", "كانون‐ثاني", "كانون‑الثاني", "كانونـالثاني", "كانون ـ الثاني"):
        assert stems(written) == january, written
        text = f"في {written} الماضي"
        assert set(january) <= stems_of(text, Memo()), written
        words = set(matching_words(text))
        assert set(january) <= stems_of_words([*words, *joined_words(text, words)], Memo()), written
    assert stems("تشرين-الأول 2023") == stems("تشرين الأول 2023") == [stem("تشرينالاول"), "2023"]
    assert stems("وتشرين-أول") == stems("وتشرين الأول")  # after a proclitic
    assert stems("كانون-الثانية") == ["كان", "ثان"]  # no month: the ordinal is feminine
    assert stems("كانون--الثاني") == stems("كانون—الثاني") == ["كان", "ثان"]  # a dash is no hyphen


def test_a_month_of_two_words_joined_by_a_tatweel_without_the_article_is_the_same_month():
    """تشرينـأول: the tatweel, which folding drops, joined the month into تشريناول, one word that
    neither تشرين الأول nor the articles of October (by their date) had; كانونـالثاني, with the
    article, was كانونالثاني already. Without it, too, the month is the one word with its article."""
    for written, apart in (
        ("تشرينـأول", "تشرين الأول"),
        ("كانونـثاني", "كانون الثاني"),
        ("وتشرينــاول", "وتشرين الأول"),
    ):
        month = stems(apart)
        assert stems(written) == month and stems(f"{written} 2023") == [*month, "2023"], written
        text = f"في {written} الماضي"
        assert set(month) <= stems_of(text, Memo()), written
        words = set(matching_words(text))
        assert set(month) <= stems_of_words([*words, *joined_words(text, words)], Memo()), written
    assert stems("تشرينـأولى") == [stem("تشريناولي")]  # no month: no such ordinal
    assert stems("كانونـثانية") == [stem("كانونثانيه")]  # no month: the ordinal is feminine


def test_a_month_whose_name_is_a_common_word_is_one_word_with_its_year():
    """آب (August, in the Levantine names) folds into أب (father), and ماي (May, in the Maghrebi
    names) stems as ما (what): named with a year, the month and the year are one word; alone
    they are the common word, which a reader's أب or ما means."""
    assert stems("آب 2024") == stems("آب ٢٠٢٤") == stems("آب 2024م") == ["اب2024"]
    assert stems("وآب 2024") == ["واب2024"] and "اب2024" in stems_of("وآب 2024", Memo())  # as وعبد الله
    assert stems("ماي 2024") == stems("ماى ٢٠٢٤") == ["ماي2024"]
    assert stems("آب") == stems("أب") == ["اب"] and stems("ماي") == ["ما"]
    assert stems("باب 2024") == ["باب", "2024"]  # a word that ends in آب's letters
    assert stems("آب 24") == ["اب", "24"] and stems("آب 20245") == ["اب", "20245"]  # no year
    assert stems("مايو 2024") == ["مايو", "2024"]  # a month name that is no common word
    assert stems_of("في آب 2024 عاد الأب", Memo()) >= {"اب", "2024", "اب2024"}


def test_an_articles_date_is_filed_under_the_words_a_query_of_its_month_makes():
    """In every month system: a query of the month's name, with or without the year (or, for a
    month whose name is a common word, with it), finds the date; no common word does (an
    ordinal, كان, أب, ما: every Arabic term has three letters or more), and the name is filed
    once, not under every reading of a proclitic it seems to carry (فبراير is no براير)."""
    common = {t for word in ("الأول", "الثاني", "أول", "ثاني", "كان", "أب", "ما") for t in stems(word)}
    for system in MONTH_SYSTEMS:
        for month in range(1, 13):
            terms = search.date_terms(2024, month, system)
            arabic, english = month_name(month, "ar", system), month_name(month, "en")
            assert set(stems(f"{arabic} 2024")) <= terms, (system, arabic)
            assert set(stems(f"{english} 2024")) <= terms
            assert not terms & common, (system, arabic)
            assert all(len(t) >= 3 for t in terms if not t.isascii()), (system, terms)
            assert len(terms) == 3, (system, terms)  # the month in each language and the year
            if " " in arabic or len(stem(normalize_key(arabic))) >= 3:
                assert set(stems(arabic)) <= terms, (system, arabic)  # the name alone
    assert search.date_terms(2024, 2, "egyptian") == {"فبراير", "february", "2024"}


def test_a_levantine_month_is_found_by_its_name_and_not_by_an_ordinal_or_a_common_word(tmp_path, monkeypatch):
    """On a site of Levantine month names, الأول found every article of تشرين الأول and كانون
    الأول by its date, الثاني those of three months, كان (was) those of both كانون, and أب
    (father) every article of آب."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = write_source(
        tmp_path,
        {
            "jan.txt": "15 كانون الثاني 2024\n\nمحادثات في دمشق\n\nبحث الوزيران العلاقات.\n",
            "oct.txt": "2 تشرين الأول 2023\n\nمعرض الكتاب\n\nافتتح المعرض أبوابه.\n",
            "dec.txt": "20 كانون الأول 2023\n\nقمة الشتاء\n\nانعقدت القمة في بيروت.\n",
            "aug.txt": "5 آب 2024\n\nموسم الحصاد\n\nبدأ المزارعون الحصاد.\n",
            "text.txt": "3 أيار 2024\n\nذكرى\n\nاستعاد الكاتب ما جرى في كانون الثاني 2024 حين كان الأب الأول.\n",
        },
    )
    (tmp_path / "sitegen.toml").write_text('month_system = "levantine"\n', "utf-8")
    out = tmp_path / "out"
    build_site(source, out, "--config", str(tmp_path / "sitegen.toml"))
    jan, oct_, dec, aug, text = (_id_of(out, t) for t in ("محادثات", "معرض", "قمة", "موسم", "ذكرى"))
    assert _found_by(out, "كانون الثاني") == _found_by(out, "كانون ثاني") == {jan, text}
    assert _found_by(out, "كانون الثاني 2024") == _found_by(out, "January 2024") | {text} == {jan, text}
    assert _found_by(out, "تشرين الأول") == _found_by(out, "October") == {oct_}
    assert _found_by(out, "كانون الأول 2023") == {dec}
    assert _found_by(out, "آب 2024") == _found_by(out, "August") == {aug}
    for word in ("الأول", "الثاني", "كان", "أب", "آب", "كانون"):
        assert _found_by(out, word) == {text}, word  # by the words of its text alone
    # a first word alone is no month: تشرين (a daily, a dam) finds no article of October by its date
    assert _found_by(out, "تشرين") == _found_by(out, "تشرين 2023") == set()


def test_a_maghrebi_may_is_found_with_its_year_and_not_by_the_word_ma(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source = write_source(
        tmp_path,
        {
            "may.txt": "3 ماي 2024\n\nمهرجان المدينة\n\nافتتح المهرجان.\n",
            "june.txt": "4 جوان 2024\n\nسؤال\n\nما الذي جرى؟\n",
        },
    )
    (tmp_path / "sitegen.toml").write_text('month_system = "maghrebi"\n', "utf-8")
    out = tmp_path / "out"
    build_site(source, out, "--config", str(tmp_path / "sitegen.toml"))
    may, june = _id_of(out, "مهرجان"), _id_of(out, "سؤال")
    assert _found_by(out, "ما") == {june}
    assert _found_by(out, "ماي 2024") == _found_by(out, "May 2024") == {may}
    assert _found_by(out, "جوان") == {june}


def test_a_name_with_abd_or_abu_is_one_word_written_apart_or_joined():
    """عبد الله and عبدالله, أبو ظبي and أبوظبي: news writes them either way, readers too, and
    each found nothing of the other (عبدالله was a word no article had). The index has the
    joined word beside the words apart; a query has it instead of them, as with q&a."""
    assert stems("عبد الله") == stems("عبدالله") == stems("عبـدُ اللهِ") == [stem("عبدالله")]
    assert stems("أبو ظبي") == stems("أبوظبي") == stems("ابو ظبى") == [stem("ابوظبي")]
    assert stems("الملك عبد الله الثاني") == ["ملك", stem("عبدالله"), "ثان"]
    assert stems_of("عبد الفتاح السيسي في أبو ظبي", Memo()) >= {
        "عبد",
        "فتاح",
        stem("عبدالفتاح"),
        "ابو",
        "ظب",
        stem("ابوظبي"),
    }
    assert stem("عبدالفتاح") in stems_of("ﻋﺒﺪ ﺍﻟﻔﺘﺎﺡ", Memo())  # presentation forms, from a PDF
    assert stems("العبد الصالح") == ["عبد", "صالح"]  # not the name's عبد: a word that ends in it
    assert stems("عبد 5") == ["عبد", "5"]  # a name is Arabic letters


def test_a_name_with_abd_or_abu_joined_by_a_hyphen_is_the_same_name():
    """عبد-الله and أبو-ظبي were two words each (عبد, الله), while عبد الله and عبدالله are one
    joined word: a reader's عبد الله did not find an article that wrote عبد-الله, nor عبد-الله one
    that wrote it apart. A hyphen joins the name as it joins a month (_JOINER), in a query
    and in the index, whether or not the index has the text's words at hand."""
    abdullah, abu_dhabi = stems("عبد الله"), stems("أبو ظبي")
    for written, name in [
        *((w, abdullah) for w in ("عبد-الله", "عبد - الله", "عبد‐الله", "عبد‑الله", "عبدـالله")),
        *((w, abu_dhabi) for w in ("أبو-ظبي", "ابو - ظبى", "أبو‑ظبي")),
    ]:
        assert stems(written) == name, written
        text = f"في {written} أمس"
        assert set(name) <= stems_of(text, Memo()), written
        words = set(matching_words(text))
        assert set(name) <= stems_of_words([*words, *joined_words(text, words)], Memo()), written
    assert stems("وعبد-الله") == stems("وعبد الله")  # after a proclitic
    assert stems("عبد--الله") == stems("عبد—الله") == ["عبد", "الله"]  # a dash is no hyphen
    assert stems("عبد-5") == ["عبد", "5"]  # a name is Arabic letters


def test_an_article_is_found_by_a_name_with_abd_or_abu_written_apart_or_joined(tmp_path, monkeypatch):
    out = built(
        tmp_path,
        monkeypatch,
        {
            "a.txt": "19 أبريل 2024\n\nزيارة رسمية\n\nاستقبل الرئيس عبد الفتاح السيسي وفدا من أبوظبي.\n",
            "b.txt": "20 أبريل 2024\n\nلقاء آخر\n\nالتقى عبدالفتاح الوزير في أبو ظبي، وقال عبد إنه فتاح.\n",
        },
    )
    a, b = _id_of(out, "زيارة رسمية"), _id_of(out, "لقاء آخر")
    assert _lookup(out, "عبد الفتاح") == _lookup(out, "عبدالفتاح") == {a, b}
    assert _lookup(out, "أبو ظبي") == _lookup(out, "أبوظبي") == {a, b}


def test_an_english_country_and_its_people_share_a_stem():
    """Egyptian found no article that said only Egypt, nor Iranian one about Iran (none of 35 in
    a 500-article archive), while the Arabic stems join مصر and المصري: a country and the
    adjective of its people are one stem in English too."""
    for forms in (
        "Egypt Egyptian Egyptians Egypt's",
        "Iran Iranian Iranians",
        "China Chinese",
        "Turkey Turkish",
        "Israel Israeli Israelis",
        "Lebanon Lebanese",
        "Netherlands Dutch",
        "Switzerland Swiss",
        "Philippines Filipino Filipinos",
        "Britain British",
        "Emirates Emirati Emiratis",
        "Argentina Argentine Argentinian",
    ):
        assert len(set(stems(forms))) == 1, forms
    assert stems("polish finish Turk") == ["polish", "finish", "turk"]  # English words of their own


def test_every_country_of_the_tag_vocabulary_shares_a_stem_with_its_people():
    """Each one-word English alias of the shipped vocabulary with a people's ending (Algerian of
    Algeria, Sudanese of Sudan, Thai of Thailand, Swiss of Switzerland) shares its one-word
    country's stem; the aliases that do not are places (capitals and regions)."""
    vocabulary = tomllib.loads((Path(search.__file__).parent / "data" / "tags.toml").read_text("utf-8"))
    people = re.compile(r"[A-Z][a-z]+(?:an|i|ese|ish|ch|ss|k|z|ot|ino|eek|ai|en|ine)")
    pairs = [
        (tag["en"], alias)
        for tag in vocabulary["tag"]
        for alias in tag.get("aliases", [])
        if re.fullmatch("[A-Z][a-z]+", tag["en"]) and people.fullmatch(alias)
    ]
    apart = {alias for en, alias in pairs if stem(en.lower()) != stem(alias.lower())}
    places = {"Moroni", "Tehran", "Copenhagen", "Helsinki", "Minsk", "Yerevan", "Tbilisi", "Bishkek", "Bangkok"}
    places |= {"Hanoi", "Taipei", "Nairobi", "Kurdistan", "Donbass", "Donetsk", "Luhansk"}
    assert len(pairs) >= 100  # 110 in the vocabulary of 2026-12-03
    assert apart <= places


def test_a_number_after_a_proclitic_is_indexed_as_the_number():
    """'في يومي 6 و7 أبريل': و7 was filed only as و7 (a proclitic came off only where three
    letters were left), so a reader's 7 never found it; و2024 was found by 2024."""
    assert indexed("و7") == {"و7", "7"}
    assert indexed("ب5") == {"ب5", "5"}
    assert indexed("و٣") == {"و3", "3"}
    assert "7" in stems_of("في يومي 6 و7 أبريل", Memo())
    assert indexed("وبل") == {"وبل"}  # letters still need three


def test_a_year_with_its_era_letter_is_the_year():
    """Gulf and Saudi news write years as 2024م and ١٤٤٥هـ (Gregorian, Hijri): one word each, which
    a reader's 2024 or 1445 never found."""
    assert stems("2024م ١٤٤٥هـ ٢٠٢٤م 1445ه") == ["2024", "1445", "2024", "1445"]
    assert indexed("و2024م") == {"و2024م", "2024"}
    assert stems("G20 5G 3D 20مليون") == ["g20", "5g", "3d", "20مليون"]  # other letters stay


def test_an_article_is_found_by_a_year_written_with_its_era_letter(tmp_path, monkeypatch):
    out = built(
        tmp_path,
        monkeypatch,
        {"a.txt": "19 أبريل 2024\n\nموسم الحج\n\nبدأ موسم حج عام ١٤٤٥هـ بعد أن انتهى موسم 2023م.\n"},
    )
    assert _lookup(out, "1445") == _lookup(out, "2023") == {0}


def test_an_article_is_found_by_the_initials_of_its_tags_english_name(tmp_path, monkeypatch):
    """A reader types UAE, IMF or GCC: an article tagged United Arab Emirates (every Arabic one
    about الإمارات) was found by United, Arab, Emirates and الإمارات, and not by UAE unless its
    text said UAE (7 of 56 in a 500-article archive). An alias that is the initials of the tag's
    English name is another name of it; one that is not (LNG of Gas, FIFA of Football) is not."""
    out = built(
        tmp_path,
        monkeypatch,
        {
            "a.txt": "19 أبريل 2024\n\nزيارة إلى الإمارات\n\nوصل الوفد إلى الإمارات، وقالت الإمارات إن الغاز مهم.\n",
            "b.md": "---\ntitle: Gas prices\ndate: 2024-05-01\nlang: en\ntags: [Gas, IMF]\n---\nPrices rose.\n",
        },
    )
    a, b = _id_of(out, "زيارة"), _id_of(out, "Gas prices")
    assert _lookup(out, "UAE") == {a}
    assert _lookup(out, "IMF") == {b}
    assert _lookup(out, "LNG") == set()


def test_the_arabic_article_written_in_english_is_left_out_of_a_query():
    """English news writes the Arabic article as al-, el- or Al (al-Sisi, el-Sisi, Al Sisi,
    Sisi): a reader's al-Sisi found nothing in an archive that wrote el-Sisi, since every word
    must match. A query leaves al and el out before another word; the index keeps them."""
    assert stems("al-Sisi") == stems("el-Sisi") == stems("Al Sisi") == stems("Sisi") == ["sisi"]
    assert stems("Bashar al-Assad") == ["bashar", "assad"]
    assert stems("al") == ["al"] and stems("Sisi al") == ["sisi", "al"]  # alone, or last
    assert "al" in stems_of("Bashar al-Assad", Memo())


def test_an_english_noun_in_sis_meets_its_plural_in_ses():
    """crisis and crises, analysis and analyses: the S-stemmer made them crisi and crise, so a
    reader's crises found none of 46 articles about a crisis."""
    for forms in ("crisis crises", "analysis analyses analyse", "diagnosis diagnoses", "hypothesis hypotheses"):
        assert len(set(stems(forms))) == 1, forms
    assert stems("basis oasis Francis these") == ["basi", "oasi", "franci", "these"]  # short, or no -sis
    assert stems("thesis") != stems("these")


# Every word that joined_words may give, found the slow way: the whole text folded and searched.
def _joined_the_slow_way(text: str) -> list[str]:
    from sitegen.arabic import normalize_key
    from sitegen.stemming import _COMPOUND, _GROUPED, _INITIALS, _JOINS, _MONTH, _SEPARATORS, _month_word, _tokens
    from sitegen.tags import fold_text

    folded = normalize_key(text)
    return (
        [w for w in _tokens(folded) if "&" in w]
        + [w.replace(".", "") for w in re.findall(_INITIALS, folded)]
        + [_SEPARATORS.sub("", w) for w in re.findall(_GROUPED, folded)]
        + [_JOINS.sub("", w) for w in re.findall(_COMPOUND, fold_text(text))]
        + [_month_word(w) for w in re.findall(_MONTH, fold_text(text))]
    )


@example("x'كانون الثاني 2024 and q&a'عبد الله")  # one word to tags._WORD: the looks at the text decide
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("U.S.", "a.b", "www.example.org", "q&a", "4,500", "٤٬٥٠٠", "1,234,5", "x", "ب", "ال", " ", ".", ","),
                # (no tatweel: inside Latin initials or a number, 'S.ـQ', it is no text anyone types)
                *("عبد", "الله", "أبو", "ظبي", "و", "\ufe8b"),
                # months: two words, or a common word before a year; marks, another keheh or yeh
                *("كانون", "تشرين", "الثاني", "أول", "آب", "ماى", "2024", "٢٠٢٤", "م"),
                *("\u0640", "\u064f", "ک", "ء", "\n"),
                # what stands before a word: an apostrophe joins it to the one before (x'كانون)
                *("'", "\u2019", "_", "«", "☆", "-", "\ufedb\ufe8e\ufee7\ufeee\ufee5"),
            ]
        ),
        max_size=12,
    )
    .map("".join)
    # (a tatweel or a mark beside the dot of Latin initials, 'U.S.ـQ', is no text anyone types)
    .filter(lambda text: re.search(r"[\u0640\u064f]\.|\.[\u0640\u064f]", text) is None)
)
def test_joined_words_looks_only_where_the_text_has_such_words_and_finds_them_all(text):
    # The quick checks before folding (a link's www.example.org is no initials) miss none of
    # them, whether they look at the text as written or up its words (what make_stems does).
    from sitegen.stemming import joined_words
    from sitegen.tags import matching_words

    slow = _joined_the_slow_way(text)
    assert joined_words(text) == slow
    assert joined_words(text, set(matching_words(text))) == slow


def test_a_links_host_name_is_not_taken_for_initials():
    from sitegen.stemming import joined_words

    assert joined_words("See https://www.example.org/a.html and bbc.co.uk, then the U.S. and e.g. 4,500.") == [
        "us",
        "eg",
        "4500",
    ]


def test_initials_are_looked_for_in_every_letter_folding_makes_latin_and_beside_what_it_deletes():
    """The index looks for initials (U.S.) only in texts a quick test finds them in before folding;
    "&Q.ǰ" has them once folded (ǰ is j), and a query of it found no article with it."""
    from sitegen.arabic import normalize_key
    from sitegen.stemming import FOLDED_AWAY, FOLDS_TO_LATIN, Memo, stems, stems_of

    latin, away = [], []
    for code in range(0x80, 0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        folded = normalize_key(f"a{chr(code)}a")
        if folded == "aa":
            away.append(chr(code))
        elif any("a" <= c <= "z" for c in folded[1:-1]):
            latin.append(chr(code))
    assert [c for c in latin if not re.fullmatch(f"[{FOLDS_TO_LATIN}]", c)] == []
    assert [c for c in away if not re.fullmatch(f"[{FOLDED_AWAY}]", c)] == []
    for text, word in (("&Q.ǰ", "qj"), ("Q.ǰ", "qj"), ("Q.\u200bj", "qj"), ("Q\u064e.j", "qj"), ("K.ſ", "ks")):
        assert stems(text) == [word] and word in stems_of(text, Memo()), text
