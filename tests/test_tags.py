"""Tag vocabulary parsing, merging, and matching (derive_tags, resolve_tag)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.arabic import normalize_key
from sitegen.errors import ConfigError
from sitegen.extract import parse_article
from sitegen.model import SourceText, Tag
from sitegen.read import discover, read_source
from sitegen.tags import (
    Vocabulary,
    _words,
    derive_tags,
    load_vocabulary,
    merge_vocabularies,
    parse_vocabulary,
    resolve_tag,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SMALL = """
[[tag]]
slug = "russia"
ar = "روسيا"
en = "Russia"
aliases = ["روسي", "الاتحاد الروسي", "Russian"]

[[tag]]
slug = "pakistan"
ar = "باكستان"
en = "Pakistan"
aliases = ["باكستاني", "Pakistani"]

[[tag]]
slug = "united-nations"
ar = "الأمم المتحدة"
en = "United Nations"

[[tag]]
slug = "security-council"
ar = "مجلس الأمن"
en = "Security Council"

[[tag]]
slug = "imran-khan"
ar = "عمران خان"
en = "Imran Khan"

[[tag]]
slug = "putin"
ar = "فلاديمير بوتين"
en = "Vladimir Putin"
aliases = ["بوتين", "Putin"]

[[tag]]
slug = "bahrain"
ar = "البحرين"
en = "Bahrain"

[[tag]]
slug = "germany"
ar = "ألمانيا"
en = "Germany"

[[tag]]
slug = "qatar"
ar = "قطر"
en = "Qatar"
aliases = ["قطري"]

[[tag]]
slug = "vaccines"
ar = "لقاح"
en = "Vaccines"
aliases = ["vaccine"]

[[tag]]
slug = "economy"
ar = "اقتصاد"
en = "Economy"
aliases = ["economy"]

[[tag]]
slug = "sudan"
ar = "السودان"
en = "Sudan"

[[tag]]
slug = "south-sudan"
ar = "جنوب السودان"
en = "South Sudan"
"""


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return parse_vocabulary(SMALL)


@pytest.fixture(scope="module")
def shipped() -> Vocabulary:
    return load_vocabulary(None)


def title_tags(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    return derive_tags(text, "", vocabulary)


# ------------------------------------------------------------------ Arabic word forms


@pytest.mark.parametrize(
    "word",
    [
        "روسيا",
        "وروسيا",
        "لروسيا",
        "بروسيا",
        "فروسيا",
        "الروسي",
        "الروسى",
        "الروسية",
        "روسية",
        "الروسيين",
        "الروسيون",
        "الروسيات",
        "والروسية",
        "بالروسي",
        "للروسي",
        "وللروسية",
        "روسيّة",
        "الرّوسيـة",
    ],
)
def test_arabic_inflections_and_clitics_reach_the_alias(word: str, vocab: Vocabulary) -> None:
    assert title_tags(word, vocab) == ("russia",)


@pytest.mark.parametrize("word", ["بروس", "لروس", "روس", "الروس", "روسو"])
def test_stems_that_are_not_aliases_do_not_match(word: str, vocab: Vocabulary) -> None:
    assert title_tags(word, vocab) == ()


def test_a_leading_waw_is_not_stripped_into_a_non_alias() -> None:
    vocabulary = parse_vocabulary('[[tag]]\nslug = "lid"\nar = "ليد"\nen = "Lid"\n')
    # 'ليد' has 3 letters and is an alias, so و + ليد is read as "and Lid" ...
    assert title_tags("وليد", vocabulary) == ("lid",)
    # ... but a 2-letter alias is never given proclitics: 'بيد' is not ب + يد.
    short = parse_vocabulary('[[tag]]\nslug = "yad"\nar = "يد"\nen = "Yad"\n')
    assert title_tags("بيد", short) == ()
    assert title_tags("يد", short) == ("yad",)


def test_walid_is_not_read_as_a_known_tag(shipped: Vocabulary) -> None:
    assert title_tags("وليد", shipped) == ()


def test_alias_written_with_the_article_requires_it(vocab: Vocabulary) -> None:
    assert title_tags("البحرين", vocab) == ("bahrain",)
    assert title_tags("والبحرين", vocab) == ("bahrain",)
    assert title_tags("للبحرين", vocab) == ("bahrain",)
    assert title_tags("بحرين", vocab) == ()


def test_alias_written_without_the_article_matches_with_it(vocab: Vocabulary) -> None:
    assert title_tags("الاقتصاد", vocab) == ("economy",)
    assert title_tags("للاقتصاد", vocab) == ("economy",)
    assert title_tags("والاقتصاد", vocab) == ("economy",)


def test_word_that_starts_with_alef_lam_keeps_it_after_lam(vocab: Vocabulary) -> None:
    assert title_tags("لألمانيا", vocab) == ("germany",)
    assert title_tags("وألمانيا", vocab) == ("germany",)
    assert title_tags("مانيا", vocab) == ()


def test_plural_endings_need_a_long_stem(vocab: Vocabulary) -> None:
    assert title_tags("اللقاحات", vocab) == ("vaccines",)
    assert title_tags("قطرات", vocab) == ()  # drops, not Qatar
    assert title_tags("قطرة", vocab) == ()  # a drop, not Qatar
    assert title_tags("القطرية", vocab) == ("qatar",)  # nisba endings apply to short stems


def test_nisba_plural_reaches_the_country_adjective(vocab: Vocabulary) -> None:
    assert title_tags("الباكستانيين", vocab) == ("pakistan",)
    assert title_tags("الباكستانيون", vocab) == ("pakistan",)


# ------------------------------------------------------------------ phrases and English


def test_multiword_alias_matches_with_clitics(vocab: Vocabulary) -> None:
    assert title_tags("للأمم المتحدة", vocab) == ("united-nations",)
    assert title_tags("والأمم المتحدة", vocab) == ("united-nations",)
    assert title_tags("بمجلس الأمن", vocab) == ("security-council",)


def test_multiword_alias_needs_every_word(vocab: Vocabulary) -> None:
    assert title_tags("عمران", vocab) == ()
    assert title_tags("خان", vocab) == ()
    assert title_tags("عمران خان", vocab) == ("imran-khan",)
    assert title_tags("عمران فاروق خان", vocab) == ()


def test_longest_alias_wins(vocab: Vocabulary) -> None:
    assert title_tags("جنوب السودان", vocab) == ("south-sudan",)
    assert title_tags("السودان", vocab) == ("sudan",)


def test_full_name_and_surname_count_as_one_mention(vocab: Vocabulary) -> None:
    body = "قال فلاديمير بوتين إن"
    assert derive_tags("", body, vocab, min_body_mentions=2) == ()
    assert derive_tags("", body + " بوتين", vocab, min_body_mentions=2) == ("putin",)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Russia", "russia"),
        ("RUSSIA", "russia"),
        ("Russia's", "russia"),
        ("Russia’s", "russia"),
        ("Russians", "russia"),
        ("Pakistanis", "pakistan"),
        ("Imran Khan's party", "imran-khan"),
        ("the united nations", "united-nations"),
        ("Vaccines", "vaccines"),
        ("economies", "economy"),
    ],
)
def test_english_is_case_insensitive_with_plurals_and_possessives(text: str, slug: str, vocab: Vocabulary) -> None:
    assert title_tags(text, vocab) == (slug,)


def test_english_word_inside_a_longer_word_does_not_match(vocab: Vocabulary) -> None:
    assert title_tags("Russianness Prussia", vocab) == ()


@pytest.mark.parametrize(
    ("title", "body", "slugs"),
    [
        ("CIS summit in Minsk", "", ("cis",)),
        ("New cis-regulatory elements found", "The cis effect and cis elements.", ()),
        ("Leaders meet", "The CIS leaders met. Later the CIS's secretary spoke.", ("cis",)),
        ("Leaders meet", "The CIS leaders met. Later the cis effect was studied.", ()),  # one mention
        ("UN vote on Gaza", "", ("united-nations",)),
        ("Je suis un homme", "Un deux trois. Un homme, un chat.", ()),  # 'Un' begins sentences
        ("Nato expands", "", ("nato",)),  # four letters on: an initial capital will do
        ("Covid cases rise", "", ("covid-19",)),
        ("قمة CIS في مينسك", "", ("cis",)),
        ("G20 leaders meet", "", ("g20",)),
    ],
)
def test_an_acronym_matches_only_where_the_text_writes_it_as_one(
    title: str, body: str, slugs: tuple[str, ...], shipped: Vocabulary
) -> None:
    acronyms = {"cis", "united-nations", "nato", "covid-19", "g20"}
    assert set(derive_tags(title, body, shipped)) & acronyms == set(slugs)


def test_the_acronyms_survive_the_vocabulary_cache(shipped: Vocabulary) -> None:
    import pickle

    restored = pickle.loads(pickle.dumps(shipped))
    assert restored.capitals == shipped.capitals and restored.capitals["cis"] == "cis"
    assert derive_tags("cis-regulatory", "", restored) == ()


# ------------------------------------------------------------------ derive_tags rules


def test_title_mention_suffices(vocab: Vocabulary) -> None:
    assert derive_tags("زيارة إلى باكستان", "نص بلا ذكر", vocab) == ("pakistan",)


def test_body_needs_min_mentions(vocab: Vocabulary) -> None:
    assert derive_tags("عنوان", "روسيا", vocab) == ()
    assert derive_tags("عنوان", "روسيا والروسية", vocab) == ("russia",)
    assert derive_tags("عنوان", "روسيا والروسية", vocab, min_body_mentions=3) == ()
    assert derive_tags("عنوان", "روسيا", vocab, min_body_mentions=1) == ("russia",)


def test_min_body_mentions_below_one_is_rejected(vocab: Vocabulary) -> None:
    with pytest.raises(ValueError):
        derive_tags("", "", vocab, min_body_mentions=0)


def test_order_is_mentions_then_vocabulary_order(vocab: Vocabulary) -> None:
    body = "باكستان روسيا باكستان روسيا باكستان لقاح لقاح اقتصاد اقتصاد"
    assert derive_tags("", body, vocab) == ("pakistan", "russia", "vaccines", "economy")


def test_order_is_deterministic(vocab: Vocabulary) -> None:
    body = "اقتصاد لقاح روسيا باكستان " * 2
    results = {derive_tags("", body, vocab) for _ in range(5)}
    assert results == {("russia", "pakistan", "vaccines", "economy")}


def test_empty_text_has_no_tags(vocab: Vocabulary) -> None:
    assert derive_tags("", "", vocab) == ()


_FOLDED_LETTERS = "روسياالأمتحدةَُِّـىإآ \u200c٣Ab'.,-ئؤءﻣﺼﺮﻻﷲﹰ"


@given(st.text(alphabet=_FOLDED_LETTERS, max_size=60))
def test_word_splitting_agrees_with_normalize_key(text: str) -> None:
    assert _words(text) == re.findall(r"\w+(?:['’]\w+)*", normalize_key(text))


@given(st.text(alphabet=_FOLDED_LETTERS, min_size=1, max_size=60))
def test_word_splitting_of_a_whole_article_agrees_with_normalize_key(text: str) -> None:
    """Long texts take another way through the folding (a str.replace per character)."""
    article = (text + " ") * (1 + 250 // len(text))
    assert _words(article) == re.findall(r"\w+(?:['’]\w+)*", normalize_key(article))


# ------------------------------------------------------------------ resolve_tag


@pytest.mark.parametrize("label", ["russia", "Russia", "روسيا", "الروسية", " Russian ", "الاتحاد الروسي"])
def test_resolve_tag_finds_the_vocabulary_tag(label: str, vocab: Vocabulary) -> None:
    assert resolve_tag(label, vocab).slug == "russia"


def test_resolve_tag_by_multiword_label(vocab: Vocabulary) -> None:
    assert resolve_tag("الأمم المتحدة", vocab).slug == "united-nations"
    assert resolve_tag("united-nations", vocab).slug == "united-nations"


def test_presentation_forms_copied_from_a_pdf_name_the_same_tags(vocab: Vocabulary) -> None:
    assert resolve_tag("ﺭﻭﺳﻴﺎ", vocab).slug == "russia"
    assert resolve_tag("ﺍﻷﻣﻢ ﺍﻟﻤﺘﺤﺪﺓ", vocab).slug == "united-nations"
    assert derive_tags("اجتماع ﺍﻷﻣﻢ ﺍﻟﻤﺘﺤﺪﺓ في نيويورك", "", vocab) == ("united-nations",)
    body = "قالت ﺭﻭﺳﻴﺎ إن ﺍﻷﻣﻢ ﺍﻟﻤﺘﺤﺪﺓ " * 30  # long enough for the folding of whole articles
    assert set(derive_tags("", body, vocab)) == {"russia", "united-nations"}


@pytest.mark.parametrize(("label", "slug"), [("the United Nations", "united-nations"), ("The Kremlin", "kremlin")])
def test_resolve_tag_reads_an_english_name_without_its_article(label: str, slug: str, shipped: Vocabulary) -> None:
    assert resolve_tag(label, shipped).slug == slug


def test_resolve_tag_keeps_the_article_of_an_unknown_name(vocab: Vocabulary) -> None:
    assert resolve_tag("The Hague Talks", vocab) == Tag("the-hague-talks", "The Hague Talks", "The Hague Talks")


def test_resolve_tag_makes_a_new_tag_for_an_unknown_label(vocab: Vocabulary) -> None:
    assert resolve_tag("Space Race", vocab) == Tag("space-race", "Space Race", "Space Race")
    assert resolve_tag("طاقة نظيفة", vocab).slug == "طاقة-نظيفة"


def test_resolve_tag_needs_the_whole_label_to_match(vocab: Vocabulary) -> None:
    assert resolve_tag("روسيا وباكستان", vocab).slug == "روسيا-وباكستان"


def test_resolve_tag_rejects_a_label_without_letters(vocab: Vocabulary) -> None:
    with pytest.raises(ValueError):
        resolve_tag(" -- ", vocab)


# ------------------------------------------------------------------ parsing


def test_parse_keeps_file_order_and_fields(vocab: Vocabulary) -> None:
    assert vocab.tags[0] == Tag("russia", "روسيا", "Russia", ("روسي", "الاتحاد الروسي", "Russian"))
    assert vocab.get("pakistan") is vocab.tags[1]
    assert vocab.get("nope") is None


def test_empty_file_is_an_empty_vocabulary() -> None:
    assert parse_vocabulary("# nothing yet\n").tags == ()


def test_bad_toml_names_the_file_and_line() -> None:
    with pytest.raises(ConfigError) as info:
        parse_vocabulary('[[tag]]\nslug = "x"\nar = \n', source="site/tags.toml")
    assert info.value.file == "site/tags.toml"
    assert info.value.line == 3
    assert str(info.value).startswith("site/tags.toml:3: ")


def test_duplicate_slug_is_an_error() -> None:
    text = '[[tag]]\nslug = "a"\nar = "أ"\nen = "A"\n\n[[tag]]\nslug = "a"\nar = "ب"\nen = "B"\n'
    with pytest.raises(ConfigError, match=r"duplicate slug 'a' \(first at line 2\)") as info:
        parse_vocabulary(text)
    assert info.value.line == 7


def test_missing_label_is_an_error() -> None:
    with pytest.raises(ConfigError, match="tag 'a': missing 'en' label"):
        parse_vocabulary('[[tag]]\nslug = "a"\nar = "أ"\n')


@pytest.mark.parametrize("slug", ["Russia", "a/b", "..", "a b", ""])
def test_unsafe_slug_is_an_error(slug: str) -> None:
    with pytest.raises(ConfigError, match="slug"):
        parse_vocabulary(f'[[tag]]\nslug = "{slug}"\nar = "أ"\nen = "A"\n')


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(ConfigError, match="unknown key 'alias'"):
        parse_vocabulary('[[tag]]\nslug = "a"\nar = "أ"\nen = "A"\nalias = ["b"]\n')
    with pytest.raises(ConfigError, match="unknown key 'tags'"):
        parse_vocabulary("tags = 1\n")


def test_alias_naming_two_tags_is_an_error() -> None:
    text = '[[tag]]\nslug = "a"\nar = "أ"\nen = "A"\n\n[[tag]]\nslug = "b"\nar = "ب"\nen = "a"\n'
    with pytest.raises(ConfigError, match="already names tag 'a'"):
        parse_vocabulary(text)


def test_all_problems_are_reported_at_once() -> None:
    text = (
        '[[tag]]\nslug = "Bad Slug"\nar = "أ"\nen = "A"\n\n'
        '[[tag]]\nslug = "b"\nen = "B"\n\n'
        '[[tag]]\nslug = "c"\nar = "ج"\nen = "C"\ncolour = "red"\n'
    )
    with pytest.raises(ConfigError) as info:
        parse_vocabulary(text, source="tags.toml")
    message = str(info.value)
    assert "3 problems" in message
    assert "line 2: tag 'Bad Slug': unsafe slug" in message
    assert "line 6: tag 'b': missing 'ar' label" in message  # a missing key: its table's line
    assert "line 14: tag 'c': unknown key 'colour'" in message
    assert info.value.line == 2
    # listed as configuration errors are, in the file's order
    assert [line.split(":")[0] for line in message.splitlines()[1:]] == ["  - line 2", "  - line 6", "  - line 14"]


def test_a_problem_inside_a_long_tag_table_names_the_line_of_its_key() -> None:
    """A [[tag]] table with a long aliases list: 'line 1' sent the reader to the header, 20
    lines above the alias at fault."""
    aliases = "".join(f'  "alias {n}",\n' for n in range(20))
    text = f'[[tag]]\nslug = "a"\nar = "أ"\nen = "A"\naliases = [\n{aliases}  "...",\n]\nen_name = "x"\n'
    with pytest.raises(ConfigError) as info:
        parse_vocabulary(text, source="tags.toml")
    message = str(info.value)
    assert "line 28: tag 'a': unknown key 'en_name'" in message
    assert "line 5: tag 'a': alias '...' has no letters or digits" in message
    text = '[[tag]]\nslug = "a"\nar = "أ"\nen = "A"\n\n[[tag]]\nar = "ب"\nen = "B"\nslug = "a"\n'
    with pytest.raises(ConfigError) as info:
        parse_vocabulary(text, source="tags.toml")
    assert info.value.line == 9 and "duplicate slug 'a' (first at line 2)" in str(info.value)


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ('# site tags\nfoo = 1\n[[tag]]\nslug = "a"\nar = "أ"\nen = "A"\n', 2, "unknown key 'foo'"),
        ('[[tag]]\nslug = "a"\nar = "أ"\nen = "A"\n\n[other]\nx = 1\n', 6, "unknown key 'other'"),
        ('# site tags\n\ntag = "russia"\n', 3, "'tag' must be a list of [[tag]] tables"),
        ('# site tags\n[tag]\nslug = "a"\n', 2, "'tag' must be a list of [[tag]] tables"),
        ('# site tags\ntag = [\n  {slug = "A B", ar = "ب", en = "B"},\n]\n', 2, "tag 'A B': unsafe slug"),
        ('"tag" = [{slug = "a", ar = "أ", en = "A"}, {slug = "a", ar = "ب", en = "B"}]\n', 1, "duplicate slug 'a'"),
    ],
)
def test_every_problem_of_a_tag_vocabulary_names_a_line(text: str, line: int, said: str) -> None:
    """Keys beside the [[tag]] tables, a 'tag' that is no list of tables, and tags written as an
    inline list were reported without a line."""
    with pytest.raises(ConfigError) as info:
        parse_vocabulary(text, source="tags.toml")
    assert info.value.line == line and said in str(info.value)


@pytest.mark.parametrize(
    ("table", "line", "said"),
    [
        ('slug = "b"\nar = "ب"\nen = "B"\naliases.x = "y"\n', 9, "tag 'b': 'aliases' must be a list of strings"),
        ('slug = "b"\nen = "B"\nar.y = "ب"\n', 8, "tag 'b': missing 'ar' label"),
        ('slug = "b"\nar = "ب"\nen = "B"\naliases = ["B2", "A"]\n', 9, "tag 'b': 'a' already names tag 'a'"),
        ('slug = "b"\nar = "ب"\n\nen = "A"\n', 9, "tag 'b': 'a' already names tag 'a'"),
    ],
)
def test_a_dotted_key_or_an_alias_conflict_names_the_line_of_its_key(table: str, line: int, said: str) -> None:
    """A dotted key under [[tag]] (aliases.x = ..., ar.y = ...) and a label or alias that names
    another tag sent the reader to the [[tag]] header's line (line 5 here), not to the key."""
    text = '[[tag]]\nslug = "a"\nar = "أ"\nen = "A"\n[[tag]]\n' + table
    with pytest.raises(ConfigError) as info:
        parse_vocabulary(text, source="tags.toml")
    assert info.value.line == line and said in str(info.value)


def test_problems_with_and_without_tables_are_all_reported_in_the_file_order() -> None:
    text = 'zzz = 1\n[[tag]]\nslug = "Bad"\nar = "أ"\nen = "A"\n\n[aaa]\nx = 1\n'
    with pytest.raises(ConfigError) as info:
        parse_vocabulary(text, source="tags.toml")
    listed = [line.split(":")[0] for line in str(info.value).splitlines()[1:]]
    assert listed == ["  - line 1", "  - line 3", "  - line 7"]


# ------------------------------------------------------------------ merging and loading


def test_merge_replaces_same_slug_in_place_and_appends_new(vocab: Vocabulary) -> None:
    extra = parse_vocabulary(
        '[[tag]]\nslug = "pakistan"\nar = "الباكستان"\nen = "Pakistan"\naliases = ["إسلام آباد"]\n'
        '[[tag]]\nslug = "local"\nar = "محلي"\nen = "Local"\n'
    )
    merged = merge_vocabularies(vocab, extra)
    assert [t.slug for t in merged.tags][:2] == ["russia", "pakistan"]
    assert merged.tags[-1].slug == "local"
    assert merged.get("pakistan") == extra.get("pakistan")
    assert title_tags("إسلام آباد", merged) == ("pakistan",)
    assert title_tags("باكستاني", merged) == ()  # the replaced entry's aliases are gone


def test_load_vocabulary_merges_the_site_file(tmp_path: Path, shipped: Vocabulary) -> None:
    site = tmp_path / "tags.toml"
    site.write_text(
        '\ufeff[[tag]]\nslug = "russia"\nar = "روسيا"\nen = "Russia"\n\n'
        '[[tag]]\nslug = "sputnik"\nar = "سبوتنيك"\nen = "Sputnik V"\n',
        encoding="utf-8",
    )
    loaded = load_vocabulary(site)
    assert len(loaded.tags) == len(shipped.tags) + 1
    assert loaded.get("russia") == Tag("russia", "روسيا", "Russia")
    assert title_tags("لقاح سبوتنيك", loaded) == ("vaccines", "sputnik")


def test_load_vocabulary_without_a_site_file(tmp_path: Path, shipped: Vocabulary) -> None:
    assert load_vocabulary(tmp_path / "missing.toml") == shipped


def test_load_vocabulary_reports_a_bad_site_file(tmp_path: Path) -> None:
    site = tmp_path / "tags.toml"
    site.write_text('[[tag]]\nslug = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_vocabulary(site)
    assert info.value.file == str(site)


# ------------------------------------------------------------------ the shipped vocabulary


def test_shipped_vocabulary_has_unique_ascii_slugs(shipped: Vocabulary) -> None:
    slugs = [t.slug for t in shipped.tags]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) for s in slugs)
    assert 300 <= len(slugs) <= 400


def test_every_shipped_alias_is_reachable(shipped: Vocabulary) -> None:
    missed = [
        (tag.slug, name)
        for tag in shipped.tags
        for name in (tag.label_ar, tag.label_en, *tag.aliases)
        if tag.slug not in title_tags(name, shipped)
    ]
    assert missed == []


@pytest.mark.parametrize(
    "text", ["عمان", "خان", "شريف", "مالي", "كيف", "بحماس", "القاعدة", "رئيسي", "لولا", "who", "us"]
)
def test_shipped_vocabulary_avoids_ambiguous_words(text: str, shipped: Vocabulary) -> None:
    assert title_tags(text, shipped) == ()


def test_real_seed_is_about_russia_and_pakistan(shipped: Vocabulary) -> None:
    text = (SEEDS / "000_ed9f55617d7db0d4.txt").read_text(encoding="utf-8")
    tags = derive_tags("علاقات روسية ـ باكستانية متنامية", text, shipped)
    assert tags[:2] == ("pakistan", "russia")
    assert {"russia", "pakistan", "vaccines", "gas"} <= set(tags)
    assert set(derive_tags("", text, shipped)) >= {"russia", "pakistan"}


@pytest.mark.parametrize(
    "text",
    [
        "روسيا، باكستان؛ (الهند) «الصين» - إيران…",
        "Russia's talks with O’Brien, the U.N. and snake_case words; 2024-04-19",
        "قال: «الأمم المتحدة» إن ١٢ دولة… وأضاف:'نعم'",
        "tab\tand\u00a0no-break\u2003em space, ZWNJ\u200cjoined",
        "",
    ],
)
def test_words_are_the_same_as_a_regex_search_over_the_whole_text(text):
    from sitegen.tags import _WORD, _fold, _words

    assert _words(text) == _WORD.findall(_fold(text))


@given(st.text(alphabet=st.sampled_from("ab_'’ ،؛«»\t\n.-١2روسياالأمم\u200c\u00a0\u0640\u064e"), max_size=60))
def test_words_equal_the_regex_search_for_any_text(text):
    from sitegen.tags import _WORD, _fold, _words

    assert _words(text) == _WORD.findall(_fold(text))


# ------------------------------------------------------------------ spelling variants and frequent names
# Arabic transliterations of foreign names vary in their vowel letters (ديمتري/دميتري, بوتين/بوتن)
# and in g as غ or ج (شويغو/شويجو); English ones in their endings (Zelensky/Zelenskyy). Every
# common spelling must reach the same tag page, or one person gets several pages.


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("ديمتري ميدفيديف", "dmitry-medvedev"),
        ("ديميتري ميدفيديف", "dmitry-medvedev"),
        ("دميتري مدفيديف", "dmitry-medvedev"),
        ("مدفيدف", "dmitry-medvedev"),
        ("Dmitri Medvedev", "dmitry-medvedev"),
        ("بوتن", "vladimir-putin"),
        ("فلاديمير بوتن", "vladimir-putin"),
        ("زلينسكي", "volodymyr-zelensky"),
        ("فولوديمير زيلنسكي", "volodymyr-zelensky"),
        ("Volodymyr Zelenskyy", "volodymyr-zelensky"),
        ("Zelenski", "volodymyr-zelensky"),
        ("دونالد ترمب", "donald-trump"),
        ("Recep Tayyip Erdogan", "recep-tayyip-erdogan"),
        ("بنيامين نتانياهو", "benjamin-netanyahu"),
        ("إمانويل ماكرون", "emmanuel-macron"),
        ("Alexander Lukashenka", "alexander-lukashenko"),
        ("Abdel Fattah al-Sisi", "abdel-fattah-el-sisi"),
        ("بيلاروس", "belarus"),
        ("قازاقستان", "kazakhstan"),
        ("البرلمان الأوروبي", "european-union"),
    ],
)
def test_spelling_variants_of_a_shipped_name_resolve_to_its_tag(label: str, slug: str, shipped: Vocabulary) -> None:
    assert resolve_tag(label, shipped).slug == slug


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("شويغو", "sergei-shoigu"),
        ("سيرجي شويجو", "sergei-shoigu"),
        ("Sergey Shoigu", "sergei-shoigu"),
        ("ديمتري بيسكوف", "dmitry-peskov"),
        ("Peskov", "dmitry-peskov"),
        ("زاخاروفا", "maria-zakharova"),
        ("ميشوستين", "mikhail-mishustin"),
        ("قاسم جومارت توكاييف", "kassym-jomart-tokayev"),
        ("Kassym-Jomart Tokayev", "kassym-jomart-tokayev"),
        ("حسن روحاني", "hassan-rouhani"),
        ("عراقجي", "abbas-araghchi"),
        ("غازبروم", "gazprom"),
        ("جازبروم", "gazprom"),
        ("روسنيفت", "rosneft"),
        ("نوفاتيك", "novatek"),
        ("مجموعة فاغنر", "wagner-group"),
        ("مجلس الدوما", "state-duma"),
        ("الكونغرس", "us-congress"),
        ("the US Congress", "us-congress"),
        ("اليونسكو", "unesco"),
        ("برنامج الأغذية العالمي", "wfp"),
        ("جورجيا", "georgia"),
        ("سانت بطرسبورغ", "saint-petersburg"),
        ("St. Petersburg", "saint-petersburg"),
        ("سوتشي", "sochi"),
        ("إسطنبول", "istanbul"),
        ("بيزشكيان", "masoud-pezeshkian"),
        ("أحمد الشرع", "ahmed-al-sharaa"),
        ("Abu Mohammed al-Jolani", "ahmed-al-sharaa"),
    ],
)
def test_frequent_names_of_the_archive_have_shipped_tags(label: str, slug: str, shipped: Vocabulary) -> None:
    assert resolve_tag(label, shipped).slug == slug


def test_markdown_tag_in_another_spelling_joins_the_shipped_tag(shipped: Vocabulary) -> None:
    text = "---\ntitle: تصريحات\ndate: 2024-01-01\ntags: [ديمتري ميدفيديف, زلينسكي]\n---\nنص.\n"
    article = parse_article(
        SourceText(source="a.md", text=text, encoding="utf-8"),
        lambda label: resolve_tag(label, shipped),
        lambda title, body: (),
    )
    assert [t.slug for t in article.tags] == ["dmitry-medvedev", "volodymyr-zelensky"]


def test_spelling_variants_in_a_text_count_for_one_tag(shipped: Vocabulary) -> None:
    body = "قال ديمتري ميدفيديف إن موسكو مستعدة. وأضاف مدفيدف أن الحوار مستمر. ورد زلينسكي على تصريحات ميدفيديف."
    tags = derive_tags("", body, shipped)
    assert tags[0] == "dmitry-medvedev"
    assert "volodymyr-zelensky" not in tags  # one mention in the body is not enough
    assert set(derive_tags("Zelenskyy meets Dmitri Medvedev's envoy", "", shipped)) == {
        "volodymyr-zelensky",
        "dmitry-medvedev",
    }


def test_new_names_are_found_in_arabic_text_with_clitics(shipped: Vocabulary) -> None:
    title = "شويغو وبيسكوف يبحثان صادرات غازبروم ولروسنفت حصة في سانت بطرسبورغ"
    assert set(derive_tags(title, "", shipped)) >= {
        "sergei-shoigu",
        "dmitry-peskov",
        "gazprom",
        "rosneft",
        "saint-petersburg",
    }


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # Words of the new multi-word names, and their first names, are common words on their own.
        ("تقديم الدعم السريع للمتضررين", "rapid-support-forces"),
        ("الحرس الجمهوري", "irgc"),
        ("الجهاد في سبيل الله", "islamic-jihad"),
        ("باب الحوار مفتوح", "bab-el-mandeb"),
        ("على الطريق الصحيح", "belt-and-road"),
        ("صفقة تجارية", "grain-deal"),
        ("محطة القطار", "el-dabaa"),
        ("قاعدة عسكرية", "hmeimim"),
        ("إنه رجل ظريف", "mohammad-javad-zarif"),
        ("مع شكري وتقديري", "sameh-shoukry"),
        ("البرهان على ذلك", "abdel-fattah-al-burhan"),
        ("جلسة روحانية", "hassan-rouhani"),
        ("حصان جواد", "mohammad-javad-zarif"),
        ("حسين", "hossein-amir-abdollahian"),
        ("قاسم", "kassym-jomart-tokayev"),
        ("ماريا", "maria-zakharova"),
        ("فيصل", "faisal-bin-farhan"),
        ("يزور دوما دائما", "state-duma"),  # الدوما needs its article: دوما is "always", or a Syrian town
        ("بروس ويليس", "rosneft"),  # not ب + روس (روس نفت)
        ("the Congress party in India", "us-congress"),
        ("Wagner's operas", "wagner-group"),
        ("a silk road and a stream", "belt-and-road"),
        ("a stream", "nord-stream"),
        ("Saint Mary", "saint-petersburg"),
        ("الشرع والقانون", "ahmed-al-sharaa"),  # الشرع: religious law
        ("لواء جولاني", "ahmed-al-sharaa"),  # the Israeli Golani Brigade, not al-Jolani
    ],
)
def test_new_shipped_names_leave_common_words_alone(text: str, slug: str, shipped: Vocabulary) -> None:
    assert slug in shipped.by_slug
    assert slug not in title_tags(text, shipped)


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Storms hit Atlanta, Georgia", ("united-states",)),
        ("Athens, Georgia and Athens, Greece", ("greece", "united-states")),  # Greece twice: Athens, Greece
        ("Georgia's governor signs the bill", ("united-states",)),
        ("Georgia Senate runoff", ("united-states",)),
        ("عاصفة تضرب أتلانتا، جورجيا", ("united-states",)),
        ("جورجيا الأمريكية تصوت", ("united-states",)),
        ("Protests in Tbilisi, Georgia", ("georgia", "protests")),
        ("Georgia and Armenia talks", ("armenia", "georgia")),
        ("جورجيا وأرمينيا", ("armenia", "georgia")),
    ],
)
def test_georgia_the_us_state_is_not_tagged_as_the_country(
    text: str, tags: tuple[str, ...], shipped: Vocabulary
) -> None:
    """ "Atlanta, Georgia" tagged the country in the Caucasus: a US city before the name, or a US
    office after it, makes it the state (the longest name takes the mention)."""
    assert title_tags(text, shipped) == tags


def test_tags_of_every_seed_and_fixture_article(shipped: Vocabulary) -> None:
    # The real and hand-made articles, tagged as a build tags them. A vocabulary change that
    # moves any of them shows here, to be checked by hand (false tags are worse than missing ones).
    expected = {
        "000_ed9f55617d7db0d4.txt": ["pakistan", "russia", "trade", "economy", "gas", "vaccines"],
        "001_cc7b3c5100db086b.txt": [
            "pakistan", "russia", "india", "united-states", "afghanistan",
            "vladimir-putin", "imran-khan", "economy", "covid-19",
        ],
        "2023/levantine.txt": ["united-nations", "ceasefire"],
        "2023/world news/markdown-arabic.md": ["egypt", "economy", "trade"],
        "draft.md": [],
        "duplicate-title-1.txt": [],
        "duplicate-title-2.txt": [],
        "english-front-matter.md": ["egypt", "economy"],
        "english-plain.txt": ["pakistan", "russia", "trade"],
        "meta-translation-ar.md": ["tunisia", "elections"],
        "meta-translation-en.md": ["tunisia", "elections"],
        "pairs/summit.ar.txt": ["energy", "saudi-arabia"],
        "pairs/summit.en.txt": ["energy", "saudi-arabia"],
        "windows-1256.txt": [],
    }  # fmt: skip

    def derive(title: str, body: str) -> tuple[Tag, ...]:
        return tuple(shipped.by_slug[slug] for slug in derive_tags(title, body, shipped))

    found = {}
    for root in (SEEDS, Path(__file__).resolve().parent / "fixtures" / "archive"):
        rels, _ = discover(root)
        for rel in rels:
            article = parse_article(read_source(root, rel), lambda label: resolve_tag(label, shipped), derive)
            found[rel] = [tag.slug for tag in article.tags]
    assert found == expected


def test_a_site_tags_toml_that_is_a_symbolic_link_to_nothing_is_an_error_naming_it(tmp_path: Path) -> None:
    """It was taken for no tags.toml: the site's own tags were dropped from every article unseen."""
    from sitegen.tags import load_vocabulary, vocabulary_texts

    site = tmp_path / "tags.toml"
    site.symlink_to(tmp_path / "moved" / "tags.toml")
    for read in (vocabulary_texts, load_vocabulary):
        with pytest.raises(ConfigError) as info:
            read(site)
        assert info.value.file == str(site) and "symbolic link to a file that does not exist" in str(info.value)


# ------------------------------------------------------------------ the zero-width non-joiner


def test_two_tags_that_differ_only_by_a_zwnj_are_one_tag() -> None:
    """Persian spelling writes می‌خواهم with a ZWNJ, and a hand without the key میخواهم: one tag,
    its label as first written (the ZWNJ kept), said once as two labels of one address are."""
    text = "---\ntitle: T\ntags: [می\u200cخواهم, میخواهم, Cairo]\ndate: 2024-05-01\n---\n\nBody.\n"
    v = parse_vocabulary(SMALL)
    article = parse_article(SourceText("p.md", text, "utf-8"), lambda label: resolve_tag(label, v), lambda t, b: ())
    assert [(t.slug, t.label_ar) for t in article.tags] == [("میخواهم", "می\u200cخواهم"), ("cairo", "Cairo")]
    assert resolve_tag("میخواهم", v) == Tag("میخواهم", "میخواهم", "میخواهم")
    assert [d.line for d in article.diagnostics] == [3]


def test_a_vocabulary_name_is_found_in_text_written_with_or_without_a_zwnj() -> None:
    v = parse_vocabulary('[[tag]]\nslug = "books"\nar = "کتابها"\nen = "Books"\n')
    assert title_tags("کتاب\u200cها تازه", v) == title_tags("کتابها تازه", v) == ("books",)
    v = parse_vocabulary('[[tag]]\nslug = "books"\nar = "کتاب\u200cها"\nen = "Books"\n')
    assert title_tags("کتابها تازه", v) == ("books",)
