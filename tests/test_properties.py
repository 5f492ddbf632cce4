"""Properties that hold for any input: extraction, decoding, slugs and Markdown sanitising.

Hypothesis looks for counter-examples; each property is a promise from docs/robustness.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import re
from html.parser import HTMLParser
from urllib.parse import quote

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen import dates
from sitegen.arabic import HAMZA_AFTER, HAMZA_BEFORE, INVISIBLE, SLUG_MAX_BYTES, slugify, strip_invisible
from sitegen.bylines import byline_and_date
from sitegen.collect import unique_slugs
from sitegen.errors import SourceError
from sitegen.extract import parse_article
from sitegen.markup import render_markdown
from sitegen.model import Article, SourceText, Tag
from sitegen.read import decode, normalize_text
from sitegen.render import PercentEncoding
from sitegen.views import body_html

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like the archive: Arabic and Latin words, digits of both kinds, dates,
# punctuation that drives the line rules, bidi marks, and blank lines.
WORDS = st.sampled_from(
    [
        "القاهرة", "كتب:", "أ ش أ", "رويترز", "19", "أبريل", "2024", "١٩", "فبراير", "31", "By", "Reuters",
        "the", "minister", "said", "-", "—", ":", ".", "،", "؟", "!", "»", "«", '"', ")", "(", "#", "*",
        "\u200f", "\u200e", "\u202b", "\u00a0", "الجمعة", "Friday", "April", "February", "2024-04-19",
        "<script>", "{{ x }}", "&amp;", "آخر تحديث:", "تحديث", "Updated:", "Last", "updated", "25:99", "10:30",
        "|", "Posted", "by", "الكاتب:", "العنوان:", "Title:", "النص:", "&quot;", "-----", "=====", ">", "سياسة",
        "الوسوم:", "Tags:", "&#1575;",
    ]
)  # fmt: skip
LINES = st.one_of(
    st.lists(WORDS, max_size=14).map(" ".join),
    st.text(max_size=80),
    st.text(min_size=60, max_size=120, alphabet="ابتثجحخ دذرزسشصضطظعغفقكلمنهوي."),
)
TEXTS = st.one_of(st.lists(LINES, max_size=12).map("\n".join), st.text(max_size=400))


def no_tag(label: str) -> Tag:
    raise ValueError(label)


def as_tag(label: str) -> Tag:
    """A tag for any label with a letter or digit, as resolve_tag makes one."""
    if not slugify(label):
        raise ValueError(label)
    return Tag(slugify(label), label, label)


def no_tags(title: str, body: str) -> tuple[Tag, ...]:
    return ()


def squash(text: str) -> str:
    """What 'the same text' means here: invisible marks dropped, whitespace runs made one space."""
    return " ".join(strip_invisible(text).split())


# What extraction reads differently from the typed line (README, docs/robustness.md): a character
# reference with its semicolon is its character; a rule line is a separator; a field label
# ("Title:", "العنوان:") and a lone "النص:" over the body are no text of the article.
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
RULE = re.compile(r"(?: ?[=\-_*~#•·\u0640–—─━═]){3,} ?")
BODY_LABEL = re.compile(r"(?i:text|body|content|النص|نص الخبر|نص المقال|المتن|المحتوى) ?:")
TAGS_LINE = re.compile(
    r"(?i:الكلمات المفتاحية|كلمات مفتاحية|الكلمات الدالة|كلمات دالة|الوسوم|وسوم|tags|keywords) ?: ?(.+)"
)
FIELD_LABEL = re.compile(r"(?i:title|headline|العنوان|عنوان الخبر|عنوان المقال|عنوان المقالة) ?: ?")


def is_date_line(line: str) -> bool:
    try:
        return dates.parse_date(line) is not None
    except dates.InvalidDate:
        return True  # an impossible dateline is reported, not kept as text


@FAST
@given(TEXTS)
@example("0\nالوسوم: القاهرة\nالوسوم: القاهرة -")  # two tags lines, one tag: the oracle lost it
def test_plain_text_extraction_raises_only_source_error_and_drops_no_line(raw):
    text = normalize_text(raw)
    try:
        article = parse_article(SourceText("a.txt", text, "utf-8"), as_tag, no_tags)
    except SourceError:
        return
    kept = [squash(article.title), squash(article.byline or "")] + [squash(b.text) for b in article.body]
    labels = [squash(t.label_ar) for t in article.tags]  # a section over the title, a tags line
    for line in text.split("\n"):
        line = squash(CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group(0)), line))
        if not line or is_date_line(line) or RULE.fullmatch(line) or BODY_LABEL.fullmatch(line):
            continue
        if (both := byline_and_date(line)) is not None and squash(both[0]) in kept[1]:
            continue  # "By Jane Doe | 19 April 2024": the byline and the article's date
        if (label := FIELD_LABEL.match(line)) and any(line[label.end() :] in k for k in kept):
            continue  # "العنوان: ..." as exported: the label is not part of the title
        if line in labels or squash(re.split(r"\s+[>»›]\s+", line)[-1]) in labels:
            continue  # a section label or breadcrumb over the title
        if (tags := TAGS_LINE.match(line)) and all(
            any(squash(t) in label for label in labels)
            or not slugify(t)  # one without letters: warned
            or slugify(t) in {slugify(label) for label in labels}  # 'القاهرة' and 'القاهرة -': one tag
            for t in re.split(r"[,،;؛]", tags[1])
        ):
            continue  # "الوسوم: ...": the article's tags (a wrapped tags line takes in the next line)
        # "Title - 19 April 2024": the title is kept as text and the date as the article's date
        title_and_date = line.startswith(squash(article.title)) and is_date_line(
            line[len(squash(article.title)) :].strip(" -–—|")
        )
        assert title_and_date or any(line in k for k in kept), line


MARKERS = ["• ", "◦ ", "▪ ", "■ ", "- ", "* ", "1. ", "1. ", "2. ", "3. ", "1- ", "٢- ", "3) ", "أولاً: ", "ثانياً: "]
MARKERS += ["(أ) ", "ب- ", "1/ ", "o\t", "§ ", "[1] ", "[2] ", ""]
ITEM_WORDS = ["رفع", "الأجور", "wages", "المعاشات", "قال", "الوزير.", "2024", "،", "3"]
# A line of a list as typed: indented or not, with a marker of any kind or none.
LIST_LINES = st.tuples(
    st.sampled_from(["", "", " ", "  ", "   ", "    ", "\t"]),
    st.sampled_from(MARKERS),
    st.lists(st.sampled_from(ITEM_WORDS), min_size=1, max_size=14),
).map(lambda parts: parts[0] + parts[1] + " ".join(parts[2]))


class Nesting(HTMLParser):
    """Whether list items sit in lists and every element closes in the order it opened."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.sound = True

    def handle_starttag(self, tag, attrs):
        if tag == "li" and (not self.open or self.open[-1] not in ("ul", "ol")):
            self.sound = False
        if tag in ("ul", "ol") and self.open and self.open[-1] != "li":
            self.sound = False
        self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.sound = False


@FAST
@given(st.lists(LIST_LINES, min_size=1, max_size=16), st.booleans())
def test_lists_of_any_markers_and_indentation_keep_every_line_in_order_in_sound_html(lines, blank):
    body = ("\n\n" if blank else "\n").join(lines)
    article = parse_article(
        SourceText("a.txt", f"العنوان\n19 أبريل 2024\n\nمقدمة الخبر.\n\n{body}\n", "utf-8"), as_tag, no_tags
    )
    text = " ".join(squash(b.text) for b in article.body)
    at = 0
    for line in lines:
        at = text.index(squash(line), at)  # each line, whole, after the one before
    checked = Nesting()
    checked.feed(str(body_html(article.body, "ar")))
    assert checked.sound and not checked.open


@FAST
@given(TEXTS)
def test_markdown_extraction_raises_only_source_error(raw):
    with contextlib.suppress(SourceError):
        parse_article(SourceText("a.md", normalize_text(raw), "utf-8"), no_tag, no_tags)


@FAST
@given(
    st.binary(max_size=300)
    | st.lists(st.sampled_from([b"\xd8\xa7", b"\xc7", b"\n", b"a", b"\xef\xbb\xbf"])).map(b"".join)
)
def test_decode_raises_only_source_error_and_returns_clean_text(data):
    try:
        text, _, _ = decode(data, "a.txt")
    except SourceError:
        return
    assert "\r" not in text and "\x00" not in text
    assert not re.search("[\x01-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]", text)


# Arabic letters and marks, ASCII, Latin-1 letters and punctuation: no character U+xx00
PROSE_WORDS = st.text(
    st.characters(min_codepoint=0x621, max_codepoint=0x652)
    | st.characters(min_codepoint=0x21, max_codepoint=0x7E)
    | st.characters(min_codepoint=0xC0, max_codepoint=0xFF)
    | st.sampled_from("،؛؟«»—…\u200f\u200c"),
    min_size=1,
    max_size=12,
)


@FAST
@given(st.lists(PROSE_WORDS, min_size=1, max_size=60), st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_without_a_byte_order_mark_is_read_as_written(words, encoding):
    text = " ".join(words) + "\n"
    decoded, found, notes = decode(text.encode(encoding), "a.txt")
    assert (decoded, found) == (normalize_text(text), encoding)
    assert "without a byte-order mark" in notes[0].message


SAFE_SEGMENT = re.compile(r"[\w-]*")
FORBIDDEN = set("/\\.\x00_") | set(INVISIBLE)


@FAST
@given(st.text(max_size=400), st.integers(min_value=1, max_value=200))
def test_slugify_returns_a_safe_path_segment(text, max_length):
    slug = slugify(text, max_length)
    assert SAFE_SEGMENT.fullmatch(slug)
    assert not FORBIDDEN & set(slug)
    assert all(c.isalnum() or c == "-" for c in slug)
    assert len(slug) <= max_length and len(slug.encode("utf-8")) <= SLUG_MAX_BYTES
    assert slug not in (".", "..")
    assert slugify(slug, max_length) == slug  # stable: a slug given as metadata is kept


@FAST
@given(st.text(alphabet=st.characters(min_codepoint=0x10000, max_codepoint=0x2FFFF, categories=["Lo"]), min_size=90))
def test_slugs_of_four_byte_letters_fit_a_file_name(text):
    assert len(slugify(text).encode("utf-8")) <= SLUG_MAX_BYTES


SLUG_SEEDS = st.sampled_from(["a", "A", "خبر", "a-1", "a-b", "news", "News", "x" * 80])


@FAST
@given(
    st.lists(
        st.tuples(
            st.one_of(SLUG_SEEDS, st.text(max_size=30).map(lambda t: slugify(t) or "article")),
            st.sampled_from(["a.txt", "b.txt", "A.txt", "x/a.txt", "خبر.txt"]),
            st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1))),
        ),
        max_size=25,
    )
)
def test_unique_slugs_are_unique_case_insensitively_and_fit_a_file_name(rows):
    articles = [Article(source=src, title="t", lang="ar", body=(), date=d, slug=slug) for slug, src, d in rows]
    result = unique_slugs(articles)
    assert [a.source for a in result] == [a.source for a in articles]
    slugs = [a.slug.casefold() for a in result]
    assert len(set(slugs)) == len(slugs)
    assert all(len(a.slug.encode("utf-8")) <= 255 for a in result)


def test_a_renamed_article_gets_a_listing_digest_that_follows_its_fields_and_its_new_slug():
    """Listing pages are re-rendered when an article's listing digest changes: a renamed article's
    digest must differ from the one made with the slug it wanted, and still follow its fields."""
    from dataclasses import replace

    from sitegen.views import light_digest

    def article(source: str, summary: str) -> Article:
        bare = Article(
            source=source, title="t", lang="ar", body=(), date=dt.date(2020, 1, 1), slug="x", summary=summary
        )
        return replace(bare, light=light_digest(bare))

    kept, renamed = unique_slugs([article("a.txt", "s"), article("b.txt", "s")])
    assert kept.slug == "x" and kept.light == light_digest(kept)
    assert renamed.slug != "x"
    assert renamed.light not in ("", kept.light, article("b.txt", "s").light)
    assert unique_slugs([article("a.txt", "s"), article("b.txt", "s")])[1].light == renamed.light
    assert unique_slugs([article("a.txt", "s"), article("b.txt", "other")])[1].light != renamed.light
    unlit = unique_slugs([article("a.txt", "s"), replace(article("b.txt", "s"), light="")])[1]
    assert unlit.light == ""  # left for collect() to digest in full


def test_unique_slugs_never_loops_when_every_hash_suffix_is_taken():
    same = [Article(source="a.txt", title="t", lang="ar", body=(), slug="x") for _ in range(30)]
    slugs = [a.slug for a in unique_slugs(same)]
    assert len(set(slugs)) == 30


class Dangers(HTMLParser):
    """Tags, event-handler attributes and URLs with a script-capable scheme in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "style", "form", "svg", "math"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.found.append(name)
            if value and scheme(value) in ("javascript", "data", "vbscript"):
                self.found.append(f"{name}={value}")


def scheme(url: str) -> str:
    """The scheme a browser sees (WHATWG URL: strip C0 and spaces at the ends, tab and newline anywhere)."""
    url = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>", "<iframe src=x>", '<img src=x onerror="alert(1)">', "<a href='javascript:x'>",
        "[a](javascript:alert(1))", "[a](data:text/html,x)", "[a](JaVaScRiPt:x)", "[a](java\tscript:x)",
        '<a href="&#106;avascript:x">', "{: onclick=\"x\" }", '<div onmouseover="x">', "<svg onload=x>",
        "![i](javascript:x)", "<", ">", "`", "\n\n", "# ", "* ", "> ", "<p ", '"', "'", "=", "on", "click",
        "<scr<script>ipt>", "<!--", "-->", "<style>", "&lt;script&gt;", "[x]: javascript:y", "[x]",
    ]
)  # fmt: skip


@FAST
@given(st.one_of(st.lists(HOSTILE | st.text(max_size=5), max_size=20).map("".join), st.text(max_size=200)))
def test_rendered_markdown_has_no_script_handler_or_script_url(body):
    try:
        html = render_markdown(body)
    except SourceError:
        return
    assert "<script" not in html.lower()
    parser = Dangers()
    parser.feed(html)
    parser.close()
    assert parser.found == []


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8")) | TEXTS)
def test_normalize_key_in_one_pass_equals_its_steps_in_turn(text):
    """normalize_key applies the digit and letter tables together, for speed: the same as in turn
    (between the hamza rules on the text as written and on the text folded)."""
    from sitegen import arabic

    steps = arabic.to_western_digits(arabic.seat_hamza(text)).translate(arabic._KEY_TABLE).casefold()
    assert arabic.normalize_key(text) == arabic._SPACES.sub(" ", arabic.fold_hamza_after(steps)).strip()
    assert arabic.normalize_key("ئول") == arabic.normalize_key("ؤول")


@FAST
@given(st.text(alphabet=st.sampled_from([*INVISIBLE, " ", "\n", "\u00a0", "a", "ب"])) | TEXTS)
def test_is_blank_says_what_stripping_invisible_characters_and_spaces_would(text):
    from sitegen.arabic import is_blank

    assert is_blank(text) == (not strip_invisible(text).strip())


def test_noncharacters_beyond_the_basic_plane_are_removed_and_other_astral_text_kept():
    text, _, notes = decode("خبر \U0001f600 عن \U0001fffe غزة \U0010ffff\n".encode(), "a.txt")
    assert text == "خبر \U0001f600 عن  غزة \n"
    assert len(notes) == 1 and notes[0].message.startswith("2 control character(s) such as U+1FFFE removed")
    plain, _, none = decode("خبر عن غزة \U0001f600\n".encode(), "a.txt")
    assert plain == "خبر عن غزة \U0001f600\n" and none == []


URL_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("/#?=&%:-_.~ +'\"<>مقالاتأخبار٣éß"),
        st.characters(blacklist_categories=["Cs"]),  # no lone surrogates: quote cannot encode them
    ),
    max_size=60,
)


@settings(deadline=None)  # a first call of 312 ms on a busy machine failed the default 200 ms deadline
@given(st.lists(URL_TEXT, min_size=1, max_size=5))
def test_percent_encoding_a_url_says_what_urllib_quote_says(urls):
    """The renderer quotes links with one str.translate table, filled as characters come."""
    table = PercentEncoding("/#?=&%:")
    for url in urls:  # the same table for several URLs, as a renderer keeps it
        assert url.translate(table) == quote(url, safe="/#?=&%:")


# Words a reader may type otherwise than an article writes them: accents, ampersands, Arabic.
SEARCH_WORDS = st.sampled_from(
    [
        "Q", "A", "AT", "T", "&", " & ", "&&", "Tom", "Jerry", "G7", "7", "'s", "’", "café", "CAFÉ", "São", "Zürich",
        "Erdoğan", "İzmir", "ı", "ß", "Æ", "ǰ", "e\u0301", "ألمانيا", "الألمانية", "مسئول", "بمصر", "و", "ب", "ال",
        "ﻣﺼﺮ", "٢٠٢٤", "\u200f", "-", ".", "\n",
    ]
)  # fmt: skip


@FAST
@given(st.lists(SEARCH_WORDS, max_size=12).map("".join) | st.lists(SEARCH_WORDS, max_size=12).map(" ".join) | TEXTS)
@example("&Q.ǰ")  # initials once folded (ǰ is j): the index did not look for them
def test_an_article_is_found_by_a_query_of_its_own_words(text):
    """Whatever a text holds, a query of that very text looks up only stems the index files the
    text under: accents, words joined by an ampersand and proclitics fold alike on both sides."""
    from sitegen.stemming import Memo, stems, stems_of

    assert set(stems(text)) <= stems_of(text, Memo())


# Words of the hamza rules' patterns (arabic.HAMZA_BEFORE and HAMZA_AFTER), their letters and
# seats, after a first م, which keeps an article or a proclitic off their start.
HAMZA_PIECES = st.sampled_from([*"مسشنلئؤويىاءه", *(written for written, _ in HAMZA_BEFORE + HAMZA_AFTER)])
HAMZA_WORDS = st.lists(HAMZA_PIECES, min_size=1, max_size=4).map(lambda pieces: "م" + "".join(pieces))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HAMZA_WORDS, min_size=1, max_size=40))
def test_a_word_is_found_at_every_letter_it_is_typed_whatever_its_hamza_becomes(words):
    """The search page finds a word at each of its prefixes while a reader types it, however
    the hamza rules seat it once it is whole (مسئو finds مسئول). One Node call per example."""
    from test_search_page import found_while_typed

    cases = [(word[:n], word) for word in words for n in range(2, len(word))]
    if cases:
        found = found_while_typed(cases)
        assert [case for case, ok in zip(cases, found, strict=True) if not ok] == []


RULES = ["ـــــــ", "-----", "* * *", "***", "———", "=====", "ـ ـ ـ ـ", "~~~~", "───"]
PARAGRAPHS = (
    st.text(min_size=60, max_size=120, alphabet="ابتثجحخ دذرزسشصضطظعغفقكلمنهوي")
    .map(lambda words: " ".join(words.split()) + ".")
    .filter(lambda paragraph: len(paragraph) > 40)
)


@FAST
@given(st.lists(st.tuples(st.lists(st.sampled_from(RULES), max_size=2), PARAGRAPHS), min_size=1, max_size=8))
def test_rule_lines_between_paragraphs_are_breaks_and_every_paragraph_stays_in_order(parts):
    """A rule line is no paragraph, yet not lost: between two paragraphs, however many rules, one
    "hr"; before the first (under the title) or after the last, nothing to break from."""
    text = "\n\n".join(line for rules, paragraph in parts for line in (*rules, paragraph))
    article = parse_article(
        SourceText("a.txt", f"العنوان\n19 أبريل 2024\n\n{text}\n\n-----\n", "utf-8"), as_tag, no_tags
    )
    expected = [paragraph for _, paragraph in parts[:1]]
    for rules, paragraph in parts[1:]:
        expected += ["", paragraph] if rules else [paragraph]
    assert [b.text for b in article.body] == expected
    assert str(body_html(article.body, "ar")).count("<hr>") == expected.count("")
