"""Decoded text -> Article. Pure: no I/O, the same text always gives the same article.

Plain-text archives have no markup, so structure is inferred line by line: leading date
lines, the title, an optional byline or dateline and update line, then the body, whose short
heading-like lines become subheadings. Nothing is dropped: every non-empty line of the file
ends up as the title, the byline, a date or update line (shown as the formatted date), or a
body block. Markdown articles, whose metadata says most of this, are read by frontmatter.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import PurePosixPath

from sitegen import dates
from sitegen.anchors import Ids
from sitegen.arabic import (
    ORDINAL_ITEM,
    bullet_level,
    detect_lang,
    has_invisible,
    is_blank,
    is_numbered_item,
    item_number,
    loose,
    loose_phrases,
    slugify,
    split_tags,
    strip_invisible,
    to_western_digits,
)
from sitegen.bylines import (
    BYLINE_MARKED,
    BYLINE_START,
    SENTENCE_END,
    goes_on_byline,
    is_byline,
    join_byline,
    opens_title,
    title_before_byline,
)
from sitegen.datelines import (
    INTO_TEXT,
    PLACE_DATELINE,
    PLACE_SPACE_DATE,
    TITLE_DATE,
    doubtful_place,
    impossible_date,
    impossible_place_dateline,
    is_credited,
    is_date_line,
    is_phrase,
    lead_dateline,
    leads_on,
    named_as_place,
    names_event,
    place_dateline,
    wire_dateline,
    without_credit,
)
from sitegen.errors import SourceError
from sitegen.model import Article, Block, Diagnostic, SourceText, Tag
from sitegen.published import Dates, check_update

TagResolver = Callable[[str], Tag]
TagDeriver = Callable[[str, str], tuple[Tag, ...]]

MARKDOWN_SUFFIXES = (".md", ".markdown")
_TITLE_LABEL = re.compile(
    rf"^(?:title|headline|{loose_phrases('العنوان', 'عنوان الخبر', 'عنوان المقال', 'عنوان المقالة')})\s*:\s*(?=\S)",
    re.IGNORECASE,
)
_BODY_LABEL = re.compile(
    rf"(?:text|body|content|{loose_phrases('النص', 'نص الخبر', 'نص المقال', 'المتن', 'المحتوى')})\s*:", re.IGNORECASE
)
_HAS_WORD = re.compile(r"\w")
_LETTER_OR_DIGIT = re.compile(r"[^\W_\u0640]")  # tatweel is a "letter" to \w
# A character reference with its semicolon (never "&copy" alone, nor "AT&T" or "Q&A").
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# The block tags of text exported from a web page or a content system's database.
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|h[1-6]|ul|ol|li|blockquote|strong|em|b|i|a)(?:\s[^<>]*)?/?>", re.IGNORECASE
)
# A web page saved under .txt (a browser's "Save as", a scraper's output): it opens, under an
# XML declaration and comments perhaps, with its doctype or <html> tag, and markup follows it. An
# article that starts by naming the tag ("<html> explained", a line of text after it) is no page.
# A comment ends at its first '-->', once found (an atomic group), or a text under n comments
# that is no page would be tried 2**n ways, each comment running on to a later one's end.
_WEB_PAGE = re.compile(
    r"\s*(?P<start>(?:<\?xml[^>]*>\s*)?(?:<!--(?>.*?-->)\s*)*<(?:!doctype\s+html|html)\b[^>]*>)\s*(?:<|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_PAGE_TITLE = re.compile(r"<title\b[^>]*>(?P<title>[^<]*)</title", re.IGNORECASE)


def _web_page_said(text: str) -> str:
    """Why a web page saved as .txt is skipped, and what to do. Reading its title and paragraphs
    would publish the site's menus, related links and comments with them, or drop text in markup
    we do not know, neither of which the archivist would see: the page is named instead (by its
    <title>, since pages saved from a site are often numbered files)."""
    found = _PAGE_TITLE.search(text, 0, 100_000)
    title = " ".join(html.unescape(found["title"]).split()) if found is not None else ""
    named = f" titled {title if len(title) <= 80 else _shorten(title, 80)!r}" if title else ""
    return (
        f"a web page (HTML){named}, not plain text; its markup would be published as the article. Open it in a "
        "browser and save the article's own text as .txt (the title on the first line), or put the article's "
        "HTML in a .md file under a 'title:' line (Markdown reads HTML)"
    )


# A line drawn across the text ("=====" under a title, "-----" or "* * *" between sections): no
# words of the article, and no paragraph of its own. Arabic typists draw it with tatweel
# ("ـــــ", Shift+J on the Arabic keyboard), word processors with dashes or box-drawing lines.
# Searched from each newline (a text gets one in front): 4x faster than ^ with re.MULTILINE.
_RULE_LINE = re.compile(r"\n[^\S\n]*(?:[=\-_*~#•·\u0640–—─━═][^\S\n]*){3,}(?=\n|\Z)")
# A table typed with dashes: a rule in columns ("-----     -----"), or a row next to a rule with
# columns three spaces or a tab apart, or with bars ("| Ali | 10 |"). Two spaces end sentences.
_COLUMNS = re.compile(r"\S(?: {3,}|\t)\S|\|")

TITLE_MAX_CHARS = 300  # a longer first line is a paragraph, not a title
TITLE_CUT_CHARS = 100  # how much of such a paragraph becomes the title
TITLE_SENTENCE_CHARS = 150  # a first line this long that ends a sentence is a paragraph too
HEADING_MAX_WORDS = 10
HEADING_MAX_CHARS = 90
WRAP_MIN_CHARS = 55  # a line this long that ends mid-sentence is a hard-wrapped paragraph
WRAP_MIN_WIDTH = 30  # the narrowest and widest hard-wrapping width recognized (columns, e-mail, wires)
WRAP_MAX_WIDTH = 100
# A longer line was not hard-wrapped: it is a paragraph of its own, its final stop left out (as
# much Arabic copy does), not the first part of one.
WRAP_LINE_MAX = 2 * WRAP_MAX_WIDTH
_PARAGRAPH_END = re.compile(r"[.!?؟…][\"'”’»)\]]*$")  # a comma or colon goes on in the next line
# A list marker as typed: bullets (also as word processors export them to plain text: ●, ·, ■,
# ✓), a dash, a number with a dot, a bracket or a dash ("1.", "٢)", "1 )", "١- ", "3 - "; not a
# range, "20 - 30 ألف"), a number or letter in brackets ("(1)", "(أ)", "(a)"), or a letter with
# a dash or bracket ("أ- ", "ب) ", "a) "; not an initial, "A. Smith", nor أ. for أستاذ). Arabic
# copy often has the dash or dot against the word ("1-رفع الأجور", "-رفع الأجور"): a marker too,
# as an Arabic letter never follows a number or a dash so in a sentence (scores and decimals,
# "3-0", "1.5", have digits). A slash or a tatweel after a number is a dash ("1/ ", "١ـ "; not
# "1/2", "1/ 2 كوب", "15/4/2024").
_BULLET_SIGNS = "•*▪◦●○■□◆◇►▶➢✓✔·"
_BULLET = re.compile(
    rf"^(?:[{_BULLET_SIGNS}]|[-–](?= |[\u0621-\u064a])"
    r"|[0-9٠-٩۰-۹]{1,2}(?: ?[.)](?= )| ?[-–](?= (?![0-9٠-٩۰-۹]))|[-–.)](?=[\u0621-\u064a])"
    r"|[/ـ](?= (?![0-9٠-٩۰-۹])|[\u0621-\u064a]))"
    r"|\((?:[0-9٠-٩۰-۹]{1,2}|[\u0621-\u064aA-Za-z])\)(?= )|(?:[\u0621-\u064a][-–)]|[A-Za-z]\))(?= )"
    rf"|{ORDINAL_ITEM})"
)
# An English word in lower case opens no paragraph: after a line that stops mid-sentence, it goes
# on the sentence however long that line is ("and", "the"; not "iPhone", "www.", "https:").
_LOWERCASE_WORD = re.compile(r"[a-z]+(?=[ ,;])")


def _is_quoted(line: str) -> bool:
    """A line quoted as e-mail quotes it ("> Dear all,", ">> ..."): kept as typed, one paragraph
    per line, never a subheading, never joined to another line."""
    return line.startswith(">")


# A quantity opens a sentence ("20 - 30 ألف متظاهر خرجوا ..."), not a heading: sections are
# numbered with one number.
_NUMBER_RANGE = re.compile(r"[0-9٠-٩۰-۹]+ ?[-–] ?[0-9٠-٩۰-۹]")
# A span of years, though, heads the part of a retrospective about that period ("2011 - 2021:
# عقد من التحولات", "1967–1973 من النكسة إلى العبور"), with or without a colon after it.
_YEAR_SPAN = re.compile(r"(?P<since>[0-9٠-٩۰-۹]{4}) ?[-–—] ?(?P<until>[0-9٠-٩۰-۹]{4})(?![0-9٠-٩۰-۹])(?P<colon> ?:)?")
# ... unless a currency or a unit follows the years, which makes them a quantity: "1900 - 2000
# جنيه" is a price range, "1900 - 2000 متظاهر" a crowd. English units in lower case only, as a
# sentence has them ("1900 - 2000 people"): a heading's name is capitalized ("People and power"),
# though a currency may follow a capitalized country word ("US dollars", "Saudi riyals"). Arabic
# currencies are also written as the initials of their name and country, a dot between them
# ("ج.م" جنيه مصري, "ر.س" ريال سعودي, "د.إ" درهم إماراتي); a letter after the second initial
# makes them a name ("د. محمد").
_MONEY = (
    r"(?:pounds?|dollars?|euros?|riyals?|dirhams?|dinars?|liras?|sterling|yen|yuan|rupees?|francs?|shekels?"
    r"|roubles?|rubles?|pence|cents?)(?![A-Za-z])"
)
_CURRENCY_INITIALS = "|".join(
    rf"{loose(first)}\.\s?{loose(second)}"
    for first, second in (
        *(("ج", "م"), ("ج", "س"), ("ر", "س"), ("ر", "ق"), ("ر", "ع"), ("ر", "ي"), ("د", "إ"), ("د", "ك")),
        *(("د", "أ"), ("د", "ب"), ("د", "ع"), ("د", "ل"), ("د", "ت"), ("د", "ج"), ("د", "م"), ("ل", "س")),
        ("ل", "ل"),
    )
)
_QUANTITY = re.compile(
    r"\s*(?:(?:"
    + loose_phrases(
        *("جنيه", "جنيهات", "دولار", "دولارات", "ريال", "ريالات", "درهم", "دراهم", "دينار", "دنانير"),
        *("يورو", "ليرة", "ليرات", "فرنك", "روبل", "يوان", "شيكل", "شيقل", "روبية", "قرش", "فلس"),
        *("طن", "أطنان", "متر", "أمتار", "كيلو", "كيلومتر", "كيلومترات", "كيلوغرام", "كيلوجرام", "كجم"),
        *("غرام", "جرام", "لتر", "برميل", "براميل", "ميغاواط", "ميجاوات", "فدان", "أفدنة", "هكتار", "دونم"),
        *("ألف", "آلاف", "مليون", "ملايين", "مليار", "مليارات", "شخص", "أشخاص", "فرد", "أفراد", "نسمة"),
        *("مواطن", "مواطنين", "متظاهر", "متظاهرين", "محتج", "محتجين", "قتيل", "قتلى", "جريح", "جرحى"),
        *("مصاب", "مصابين", "عمال", "طلاب", "لاجئ", "لاجئين", "جندي", "جنود", "سائح", "سياح", "زائر"),
        *("بالمئة", "بالمائة", "في المئة", "في المائة"),
    )
    + rf")(?:{loose('ا')})?(?!\w)"  # with the accusative's alef: "جنيها", "متظاهرا"
    + rf"|(?:{_CURRENCY_INITIALS})(?!\w)"
    + rf"|(?:(?:[A-Z][A-Za-z]*|(?:[A-Z]\.){{2,3}})\s+){{1,2}}{_MONEY}|{_MONEY}"  # "US dollars", "Hong Kong dollars"
    + r"|(?:tons?|tonnes?|metres?|meters?|kilometres?"
    r"|kilometers?|km|kg|kilograms?|barrels?|megawatts?|acres?|hectares?|thousand|million|billion|people"
    r"|persons?|protesters?|demonstrators?|workers?|students?|refugees?|troops|soldiers?|dead|deaths"
    r"|casualties|visitors?|tourists?|percent|per cent|USD|EGP|SAR|AED|KWD|GBP|EUR)(?![A-Za-z])"
    r"|(?:US|U\.S\.)?[$€£¥%٪])"
)
# A single year heads its part too with a colon before the part's name ("2024: عام التحديات"),
# as with a dash ("2024 - عام التحديات"); the name opens with a letter ("2024: 10 آلاف قتيل" is
# a figure for the year, not a name).
_YEAR_NAMED = re.compile(r"(?P<year>[0-9٠-٩۰-۹]{4}) ?:(?= ?[^\W\d_])")
# A count after one year or a span of them, in digits or words ("2011 - 2021: 10 آلاف قتيل",
# "2024: ألف قتيل"), is the subject of a sentence whose stop was left out: no name of a part.
_COUNTED = re.compile(rf"\s*:?\s*[0-9٠-٩۰-۹]|\s*:?{_QUANTITY.pattern}")
_HYPHENATED = re.compile(r"[A-Za-z]-$")  # "well-" + "known", "al-" + "Assad": a word broken at its hyphen


def parse_article(
    src: SourceText,
    resolve_tag: TagResolver,
    derive_tags: TagDeriver,
) -> Article:
    """Parse one decoded file into an Article; raise SourceError if it holds no article."""
    if is_blank(src.text):
        raise SourceError("empty file (no visible text); add the article or delete the file", src.source)
    if src.source.lower().endswith(MARKDOWN_SUFFIXES):
        from sitegen.frontmatter import parse_markdown  # Markdown, YAML and this only for Markdown files

        article = parse_markdown(src, resolve_tag)
    else:
        article = _parse_plain(src, resolve_tag, derive_tags)
    # Jekyll keeps unfinished posts in _drafts/ and publishes them only when asked to.
    draft = article.draft or _DRAFTS_FOLDER in f"/{src.source}"
    # Said in the order of the file's lines (the checks run in another order), those of the
    # whole file first.
    notes = article.diagnostics
    if any(a.line is not None and b.line is not None and a.line > b.line for a, b in itertools.pairwise(notes)):
        notes = tuple(sorted(notes, key=lambda d: d.line or 0))
    if src.digest or draft != article.draft or notes is not article.diagnostics:
        article = dataclasses.replace(article, digest=src.digest or article.digest, draft=draft, diagnostics=notes)
    return article


_DRAFTS_FOLDER = "/_drafts/"


# --- plain text -------------------------------------------------------------------------


def _parse_plain(src: SourceText, resolve_tag: TagResolver, derive_tags: TagDeriver) -> Article:
    if (page := _WEB_PAGE.match(src.text)) is not None:
        raise SourceError(_web_page_said(src.text), src.source, line_at(src.text, page.start("start")))
    notes = list(src.diagnostics)
    # A rule separates, as a blank line does; lines keep their numbers. Between two paragraphs
    # it is a section break (_blocks), unless it is a table's (_section_breaks).
    padded = "\n" + src.text
    rules = [(m.start(), m.group()) for m in _RULE_LINE.finditer(padded)]
    text = _RULE_LINE.sub("\n", padded)[1:] if rules else src.text
    if "&" in text:  # text copied out of a web page keeps its entities: &quot;, &amp;, &#1575;
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if is_blank(text):  # only &nbsp; and the like
            raise SourceError("no visible text (only spaces written as HTML entities); add the article", src.source)
    if _LETTER_OR_DIGIT.search(text) is None:  # "...", "ـــــ": no word to make a title or a text of
        raise SourceError(
            "no letters or digits, only punctuation or tatweel: no article; add it or delete the file", src.source
        )
    if (tag := _HTML_TAG.search(text)) is not None:
        notes.append(
            Diagnostic(
                src.source,
                f"the text holds HTML tags ({tag.group(0)[:20]}), shown as typed; if it is HTML, rename the file "
                "to .md (Markdown reads HTML, sanitized) or remove the tags",
                line_at(text, tag.start()),
            )
        )
    typed = text.split("\n")  # as typed: a list's sub-items are indented (_depths)
    # Without invisible characters, " ".join(line.split()) is _clean at C speed.
    lines = [_clean(line) for line in typed] if has_invisible(text) else [" ".join(line.split()) for line in typed]
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line]
    i = 0
    dated = Dates(src.source, notes)
    doubtful: tuple[dt.date, tuple[int, str]] | None = None  # a "Title - date" line read as a dateline
    byline: str | None = None
    named: list[str] = []  # tags the text names itself ("الكلمات المفتاحية: ...")
    # Leading date and update lines ("Posted on April 19, 2024 by ..." gives the byline too); an
    # exact repeat of a date line is collapsed.
    while i < len(numbered) and (dated.take(numbered[i]) or (byline is None and (byline := dated.byline(numbered[i])))):
        i += 1
    # Before the title, when a title-like line follows (after the date lines that may come
    # between): a dateline with a place ("القاهرة في 19 أبريل 2024") or a byline that starts
    # with its keyword ("كتب: ..."), kept as the byline.
    line = numbered[i][1] if i < len(numbered) else ""
    placed_line = without_credit(line)
    could_be = (
        BYLINE_START.match(line)
        or PLACE_DATELINE.match(placed_line)
        or PLACE_SPACE_DATE.match(placed_line)
        or wire_dateline(line)
    )
    after = _past_date_lines(numbered, i + 1) if could_be and byline is None else len(numbered)
    if (
        after < len(numbered)
        and looks_like_title(numbered[after][1])
        # "Title - date" over a byline ("By Jane Doe") or a hard-wrapped first paragraph, whose
        # first line only looks like a title, or naming an event, which no place does ("Yom Kippur
        # War - October 6, 1973"): the title, not a dateline above one.
        and not (
            (dated_line := TITLE_DATE.match(line))
            and dates.dateline_dates(dated_line["date"])[0] is not None  # as the title's date is read
            and (
                (
                    BYLINE_START.match(numbered[after][1])
                    # ... but a place over a byline over a title ("القاهرة - 19 أبريل 2024" /
                    # "بقلم: أحمد علي" / "عنوان الخبر"), or over a title that opens with a
                    # byline's word ("متابعة الانتخابات الرئاسية في مصر": opens_title), is a dateline
                    and not (
                        named_as_place(dated_line["title"])
                        and (opens_title(numbered[after][1]) or _second_top_line(numbered, after, lines, line))
                    )
                )
                or _opens_wrapped_paragraph(lines, numbered[after][0])
                or names_event(dated_line["title"], dated_line["date"])
            )
        )
        # A dateline whose dash leads into the text ("CAIRO, April 19, 2024 (Reuters) -") over a
        # hard-wrapped paragraph, perhaps wrapped narrower than the paragraphs after it: the
        # paragraph's first line only looks like a title.
        and not (leads_on(line) and _opens_wrapped_paragraph(lines, numbered[after][0], own_block=True))
    ):
        if (placed := place_dateline(line)) is not None:
            if dated.date is None and doubtful_place(line):
                doubtful = (placed, numbered[i])
            dated.place(placed, numbered[i])
            byline = line
            i += 1
        elif (impossible := impossible_place_dateline(line)) is not None:  # "بغداد في 31 نيسان 2024"
            byline = line
            dated.impossible_place(numbered[i], impossible)
            i += 1
        elif (
            BYLINE_START.match(line) and len(line) <= 80 and not title_before_byline(line, numbered[after][1])
        ) or wire_dateline(line):  # also "القاهرة (أ ش أ) -", "CAIRO (MENA) -": a place and a credit, no date
            byline = line
            i += 1
        while i < after and dated.take(numbered[i]):
            i += 1
        if byline is not None and i == after and _second_top_line(numbered, i, lines, byline):
            # A dateline and a byline above the title, in either order: joined as under a title.
            if (placed := place_dateline(numbered[i][1])) is not None:
                dated.place(placed, numbered[i])
            byline = join_byline(byline, numbered[i][1])
            i += 1
            while i < len(numbered) and dated.take(numbered[i]):
                i += 1
    # A section label or a breadcrumb over the title ("سياسة", "عاجل", "الرئيسية > أخبار > دولي"), as
    # pages copied from news sites have it: the article's section, kept as a tag.
    section = _section_over_title(numbered, i, resolve_tag, dated.date is None and dated.updated is None)
    if section is not None:
        i += 1
    if i == len(numbered):
        raise SourceError(
            "the file holds only a date line, no title or text; add the article below the date", src.source
        )
    first = i
    title_line, title = numbered[i]
    i += 1
    if i < len(numbered) and _wraps_onto(title, numbered, i, lines):  # a title hard-wrapped as its text
        title = f"{title} {numbered[i][1]}"
        i += 1
    written = title  # the title line(s) as written: the first paragraph, if too long for a title
    title = _TITLE_LABEL.sub("", strip_invisible(title).strip())  # "العنوان: ..." as exported
    # No title line: the file opens with its text, whose first paragraph begins with a wire
    # dateline ("القاهرة في 19 أبريل 2024 (أ ش أ) - أعلن ...", "CAIRO, April 19, 2024 (Reuters) -
    # Egypt said ..."). The paragraph is kept whole as the first of the text, and dates the
    # article as such a paragraph under a title does; its words after the dateline give the title.
    first_paragraph: Block | None = None
    untitled = _untitled(lines, title_line)
    opens_text = untitled is not None
    if untitled is not None:
        title, i = untitled[1], first
        if untitled[2]:  # a first line that _blocks left alone: the paragraph made of it and the lines under it
            first_paragraph = Block("p", " ".join(untitled[2]))
            i = first + len(untitled[2])
        notes.append(
            Diagnostic(
                src.source,
                f"no title line: the first line opens with a dateline ({untitled[0]!r}) and goes on as the text, "
                "so it is kept whole as the first paragraph and the words after the dateline are used as the "
                "title (put a short title line first)",
                title_line,
            )
        )
    elif byline is None and (over := _dateline_over_text(lines, numbered, first)) is not None:
        # No title line either: a wire dateline alone on the first line, whose dash leads into
        # the text under it ("CAIRO, April 19, 2024 (Reuters) -" / "Egypt said ..."). It dates the
        # article and is kept as its dateline, as under a title; the text gives the title.
        title, i, opens_text, byline = over[1], first + 1, True, numbered[first][1]
        if isinstance(over[0], dt.date):
            dated.place(over[0], numbered[first])
        elif over[0] is not None:  # "بغداد في 31 نيسان 2024 (أ ش أ) -": said on its line, as under a title
            dated.impossible_place(numbered[first], over[0])
        while i < len(numbered) and dated.take(numbered[i]):  # a date line under the dateline, as above a title
            i += 1
        notes.append(
            Diagnostic(
                src.source,
                f"no title line: the first line is a dateline ({byline!r}) leading into the text under it, so it "
                "is kept as the dateline and the words of the first paragraph are used as the title (put a short "
                "title line first)",
                title_line,
            )
        )
    # "Title - 19 April 2024" on one line: the date is the article's, the rest its title. Under
    # a dateline of another day it is part of the title ("ذكرى دير ياسين - 9 أبريل 1948").
    # Without a date line, whether the title's date is the article's is decided once the file's
    # other dates (the last line, a dateline opening the text, the path) are known: until then
    # the title is read without it, as before.
    title_date: tuple[dt.date, str, str] | None = None  # (day, its text, the whole title line)
    if (
        not opens_text
        and (dated_title := TITLE_DATE.match(title))
        and (in_title := dates.dateline_dates(dated_title["date"]))[0] is not None
        and in_title[1] is None
        and dated.date in (None, in_title[0])
    ):
        if dated.date is None:
            title_date = (in_title[0], dated_title["date"], title)
        title = dated_title["title"]
    elif (
        not opens_text
        and dated_title
        and dated.date is None
        and (impossible := impossible_date(dated_title["date"])) is not None
    ):
        dated.impossible = True
        message = (
            f"the title line ends with an impossible date ({impossible}); it is kept in the title "
            "and the article is listed as undated"
        )
        notes.append(Diagnostic(src.source, message, title_line))
    if not opens_text and (
        len(title) > TITLE_MAX_CHARS or (len(title) > TITLE_SENTENCE_CHARS and _PARAGRAPH_END.search(title))
    ):
        first_paragraph = Block("p", written)
        title = _shorten(title, TITLE_CUT_CHARS)
        sentence = ", and it ends a sentence" if len(first_paragraph.text) <= TITLE_MAX_CHARS else ""
        length = len(first_paragraph.text)
        said, kept = f"the first line is {length} characters long", "the whole line is"
        if i - first == 2:  # a title hard-wrapped over two lines (_wraps_onto), measured joined
            said = f"the first two lines (a title hard-wrapped) are {length} characters long together"
            kept = "the whole of them is"
        notes.append(
            Diagnostic(
                src.source,
                f"{said}{sentence}, too long for a title; its beginning is used as the title and {kept} kept "
                "as the first paragraph (put a short title line first)",
                title_line,
            )
        )
    if not _HAS_WORD.search(title):
        notes.append(
            Diagnostic(
                src.source,
                "the title has no letters or digits; the URL is made from the file name (check the first line)",
                title_line,
            )
        )
    # While it is pending, a title's date is read as the article's, unless it names an event
    # ("حرب أكتوبر - 6 أكتوبر 1973"): then, as under an undated title, a date line under a
    # subtitle, or a dateline under a byline, gives the article its date.
    title_dates = title_date is not None and not names_event(title, title_date[1])
    # Right after the title: an optional byline/dateline, date and update line, in any order. A
    # line that is only a date ("Updated: April 20, 2024", "الجمعة - 19 أبريل 2024") is a date
    # line even where it would pass for a dateline with a place or a byline.
    for _ in range(0 if opens_text else 3):
        if i >= len(numbered):
            break
        text = numbered[i][1]
        if dated.take(numbered[i]) or (byline is None and (byline := dated.byline(numbered[i]))):
            i += 1
            continue
        if (listed := _TAGS_LINE.match(text)) is not None:
            named.extend(split_tags(listed["tags"]))
            i += 1
            continue
        if _BODY_LABEL.fullmatch(text):  # "النص:" over the text, as exported: no paragraph
            i += 1
            break
        if _opens_wrapped_paragraph(lines, numbered[i][0]):
            break
        if (byline is None or (dated.date is None and not title_dates)) and (placed := place_dateline(text)):
            # Under a byline ("By Jane Doe" / "DUBAI, March 3, 2023 (Reuters) -"), the dateline
            # gives the date and joins the byline, as a byline's second line does.
            dated.place(placed, numbered[i])
            byline = text if byline is None else join_byline(byline, text)
            i += 1
            continue
        if byline is None and (impossible := impossible_place_dateline(text)) is not None:
            byline = text  # "بغداد في 31 نيسان 2024" under the title: said as above it, not "no date found"
            dated.impossible_place(numbered[i], impossible)
            i += 1
            continue
        if goes_on_byline(byline, text) or (
            is_byline(text) and (byline is None or (BYLINE_MARKED.match(text) and place_dateline(byline)))
        ):
            # The author under a dateline with a place ("CAIRO, April 19, 2024 (Reuters)" / "By
            # Jane Doe"), or the agency under the author ("By JANE DOE" / "Associated Press"),
            # joins it, as a byline's second line does.
            byline = text if byline is None else join_byline(byline, text)
            i += 1
            continue
        if (
            i + 1 < len(numbered)
            and (byline is not None or len(text) < len(title))  # a title is longer than a name
            and _is_name(text)
            and is_date_line(numbered[i + 1][1])
        ):
            # A short line right above the date line: the author's name without a keyword
            # ("أحمد محمد"), or the second line of a byline ("By JANE DOE" / "Associated Press").
            byline = text if byline is None else join_byline(byline, text)
            i += 1
            continue
        if (
            dated.date is None
            and not title_dates
            and i + 1 < len(numbered)
            and len(text) <= TITLE_MAX_CHARS
            and is_date_line(numbered[i + 1][1])
            and dated.take(numbered[i + 1])
        ):
            # A subtitle between the title and the date line ("Talks expected to last two
            # days"): the first paragraph, and the date line the date, as right under the title.
            lines[numbered[i + 1][0] - 1] = ""
        break
    # The tags line a page ends with ("الكلمات المفتاحية: ..."): the line itself, before lines are
    # joined into paragraphs, so that a tags line never takes in the text above it.
    if i < len(numbered) - 1 and (listed := _TAGS_LINE.match(numbered[-1][1])) is not None:
        named.extend(split_tags(listed["tags"]))
        lines[numbered[-1][0] - 1] = ""
    breaks = _section_breaks(padded, rules, typed) if rules else ()
    body = _blocks(lines, numbered[i][0] if i < len(numbered) else len(lines) + 1, typed, breaks)
    # Some archives put the date or the update last ("نشر في 19 أبريل 2024"): shown as the
    # date, not as text, when it tells what the top of the article did not.
    if len(body) > 1 and body[-1].kind == "p":
        try:
            found, found_update = dates.parse_dateline(body[-1].text)
        except dates.InvalidDate as exc:
            found = found_update = None
            what = "update date" if exc.update else "date"
            message = f"impossible {what} {body[-1].text!r} ({exc}) in the last line; it is kept as text (correct it)"
            notes.append(Diagnostic(src.source, message, _last_line(lines)))
        # A last line that repeats the title's date stays text, as one repeating a date line does.
        repeated = found is not None and (dated.date is not None or (title_date is not None and found == title_date[0]))
        if (found or found_update) and not repeated and not (found_update and dated.updated):
            if found and dated.date is None:
                dated.date, dated.time = found, dated.time_of(body[-1].text, _last_line(lines))
            if found_update:
                dated.updated, dated.updated_line = found_update, _last_line(lines)
            body = body[:-2] if body[-2].kind == "hr" else body[:-1]  # a break over it breaks from nothing
    if first_paragraph is not None:
        body = (first_paragraph, *body)
    if (
        dated.date is None
        and not dated.impossible
        and body
        and body[0].kind == "p"
        and (lead := lead_dateline(body[0].text)) is not None
    ):
        # Wire copy opens its first paragraph with the dateline ("القاهرة - 19 أبريل 2024 (أ ف ب)
        # - أعلنت ...", "CAIRO, April 19, 2024 (Reuters) - Egypt ..."): the date, and the
        # paragraph kept whole, as printed.
        lead_line = title_line if first_paragraph is not None else numbered[i][0]
        dated.date, dated.time = lead[0], dated.time_of(lead[1], lead_line)
    event_date = None
    if title_date is not None:
        day, said, whole = title_date
        other = dated.date or (dates.date_in_path(src.source) if not dated.impossible else None)
        if other is None and names_event(title, said):
            event_date = said  # "حرب أكتوبر - 6 أكتوبر 1973": the event's day, not the article's
            title = whole if first_paragraph is None else title
        elif other is None or other == day:
            if dated.date is None:
                dated.date = day
            if dated.time is None:
                dated.time = dated.time_of(said, title_line)
        else:  # another day: the title's date is the day it names
            if dated.date is None and not names_event(title, said):
                # Only the path says otherwise: a folder is weak evidence, and the title's day
                # might be the article's. The path's day is used, but said, not chosen unseen.
                message = (
                    f"the date in the title line ({said!r}) is not the date in the file's path ({other.isoformat()}); "
                    "the path's date is used, as the day the archive filed the article under, and the title's date "
                    "is kept in the title as the day it names (if it is the article's date, put it on a date line "
                    "before the title, or move the file)"
                )
                notes.append(Diagnostic(src.source, message, title_line))
            if first_paragraph is None:
                title = whole
    if (
        doubtful is not None
        and dated.date == doubtful[0]
        and (path_date := dates.date_in_path(src.source)) not in (None, dated.date)
    ):
        # As for a title's date (above), the day that a line which may be a title names is not
        # chosen over the path's unseen; a dateline surely of a place (doubtful_place) is not
        # said: the wire's day often differs from the day the site filed it under.
        n, line = doubtful[1]
        message = (
            f"the first line {line!r} is read as a dateline (a place and a date) over the title, and its date is "
            f"not the date in the file's path ({path_date.isoformat()}); the dateline's date is used (if the line "
            "is the title with its date, put the date on a line of its own before it, or move the file)"
        )
        notes.append(Diagnostic(src.source, message, n))
    date, updated = dated.date, dated.updated
    body = _subheading_ids(body)
    if not body:
        notes.append(Diagnostic(src.source, "the article has a title but no body text", title_line))
    if date is None and not dated.impossible:
        date = dates.date_in_path(src.source)
    if date is None and not dated.impossible:  # an impossible date line has said it all
        if dates.looks_like_date(title):  # "أبريل 2024", "19/4/24" on the first line
            message = (
                f"the title {title!r} looks like a date that sitegen cannot read (it needs the day, the month "
                "and a four-digit year: '19 أبريل 2024'), so the article is listed as undated under it; "
                "write the date in full, with the title on the line after it"
            )
            notes.append(Diagnostic(src.source, message, title_line))
        else:
            event = (
                f" (the date in the title, {event_date!r}, is taken as the date of the event it names, not as "
                "the day the article appeared)"
                if event_date is not None
                else ""
            )
            notes.append(
                Diagnostic(
                    src.source,
                    ("no date found" if updated is None else "no publication date found, only an update date")
                    + "; the article is listed as undated"
                    + event
                    + " (put a date line such as '19 أبريل 2024' before the title)"
                    + dates.impossible_path_date(src.source),
                    title_line if event_date is not None else None,
                )
            )
    check_update(date, updated, src.source, dated.updated_line, notes)
    lang = detect_lang(title + " " + " ".join(b.text for b in body[:3]))
    body_text = "\n".join(b.text for b in body)
    return Article(
        source=src.source,
        title=title,
        lang=lang,
        body=body,
        date=date,
        updated=updated,
        time=dated.time if date == dated.date else None,
        byline=byline,
        tags=_own_tags(section, named, derive_tags(title, body_text), resolve_tag, src.source, notes),
        slug=slug_for(title, src.source),
        diagnostics=tuple(notes),
    )


def _subheading_ids(body: tuple[Block, ...]) -> tuple[Block, ...]:
    """The body with an id on each subheading, made from its text as a Markdown heading's is, so
    that readers and other articles can link to a section."""
    if not any(block.kind == "h2" for block in body):
        return body
    ids = Ids()
    return tuple(Block("h2", b.text, ids.heading(b.text)) if b.kind == "h2" else b for b in body)


def _clean(line: str) -> str:
    """Whitespace collapsed; "" for a line with nothing visible (only bidi marks or spaces)."""
    line = " ".join(line.split())  # str.split knows the same Unicode spaces as \s, at C speed
    return line if strip_invisible(line).strip() else ""


def _untitled(lines: list[str], n: int) -> tuple[str, str, list[str]] | None:
    """(the dateline, a title from the words after it, the paragraph's lines when _blocks did not
    join them) when line n opens a paragraph that begins with a wire dateline (_opening_dateline) and
    goes on as a sentence: text, not a title line. A dateline and a short title after it
    ("القاهرة - 19 أبريل 2024 - افتتاح معرض الكتاب") is left as the title it may be."""
    if (opening := _opening_dateline(lines[n - 1])) is None:
        return None
    paragraph, taken = _blocks(lines, n)[0], []
    # Hard-wrapped by hand, or narrower than the paragraphs after it, the first line stops short
    # of the width _blocks joins at, so it is left alone ("CAIRO, April 19, 2024 (Reuters) - Egypt
    # said on" / "Friday that ..."). A wire agency's credit in its dateline says it is wire copy,
    # not a title: it goes on in the lines under it, to the first that ends a paragraph.
    if paragraph.text == lines[n - 1] and is_credited(opening) and not _ends_paragraph(lines[n - 1]):
        taken = [lines[n - 1]]
        while n + len(taken) <= len(lines) and lines[n + len(taken) - 1] and not _ends_paragraph(taken[-1]):
            taken.append(lines[n + len(taken) - 1])
        paragraph = Block("p", " ".join(taken)) if len(taken) > 1 else paragraph
    if paragraph.kind != "p" or (lead := _opening_dateline(paragraph.text)) is None:
        return None
    rest = INTO_TEXT.sub("", paragraph.text[len(lead) :], count=1).strip()
    if looks_like_title(rest) or not _HAS_WORD.search(rest):
        return None
    return lead, _title_of_text(rest), taken if len(taken) > 1 else []


def _opening_dateline(text: str) -> str | None:
    """The dateline that opens a paragraph and leads into its text: lead_dateline's, or a wire
    dateline with its credit but no whole date, as wire services write it without the year
    ("PARIS, April 19 (AFP) -", "القاهرة (أ ش أ) -": wire_dateline), which dates nothing."""
    if (lead := lead_dateline(text)) is not None:
        return lead[1]
    dash = INTO_TEXT.search(text, 0, 100)
    if dash is None:
        return None
    opening = text[: dash.start()]
    return opening if is_credited(opening) and wire_dateline(f"{opening} -") else None


def _dateline_over_text(
    lines: list[str], numbered: list[tuple[int, str]], first: int
) -> tuple[dt.date | dates.InvalidDate | None, str] | None:
    """(the date, or what is impossible in it, or None for a dateline without a date, and a title
    from the text) when numbered[first] is a wire dateline alone whose dash leads into the
    paragraph under it ("CAIRO, April 19, 2024 (Reuters) -", "القاهرة في 19 أبريل 2024 (أ ش أ) -",
    "CAIRO -"): the dash says the text goes on there, so the line is no title. A day that does
    not exist ("بغداد في 31 نيسان 2024 (أ ش أ) -") does not make the line a title: it is warned
    about as under one."""
    line = numbered[first][1]
    if first + 1 >= len(numbered) or not leads_on(line):
        return None
    day = place_dateline(line) or impossible_place_dateline(line)
    if day is None and not wire_dateline(line):
        return None
    # A date line under the dateline ("CAIRO (Reuters)" / "April 19, 2024") is no text: the
    # paragraph under it is.
    if (under := _past_date_lines(numbered, first + 1)) == len(numbered):
        return None
    paragraph = _blocks(lines, numbered[under][0])[0]
    if paragraph.kind != "p" or not _HAS_WORD.search(paragraph.text):
        return None
    return day, _title_of_text(paragraph.text)


def _second_top_line(numbered: list[tuple[int, str]], i: int, lines: list[str], first: str) -> bool:
    """Whether numbered[i], under the first line of a file read as a dateline or a byline (first),
    is the other of the two, over a title-like line (date lines may come between) that has text
    under it: "القاهرة - 19 أبريل 2024" / "بقلم: أحمد علي" / "عنوان الخبر", or the byline first."""
    text, after = numbered[i][1], _past_date_lines(numbered, i + 1)
    if after + 1 >= len(numbered):
        return False
    following = numbered[after][1]
    if not looks_like_title(following) or _opens_wrapped_paragraph(lines, numbered[after][0]):
        return False
    if BYLINE_START.match(first):  # a title with its date ("غزة تحت النار - 19 أبريل 2024") is no place
        return place_dateline(text) is not None and not doubtful_place(text)
    return (
        BYLINE_START.match(text) is not None
        and len(text) <= 80
        and not title_before_byline(text, following)
        and not opens_title(text)
    )


def _title_of_text(text: str) -> str:
    """A title made of the beginning of the text, for a file with no title line: the text
    without its final stop, or cut at a word with "…" past TITLE_CUT_CHARS."""
    return text.rstrip(" .,،;؛:!?؟…") if len(text) <= TITLE_CUT_CHARS else _shorten(text, TITLE_CUT_CHARS)


def looks_like_title(line: str) -> bool:
    """Short enough and not a sentence: what a title line looks like."""
    return len(line.split()) <= 25 and not line.endswith((".", "؟", "?", "!", "…", ":"))


def _wraps_onto(title: str, numbered: list[tuple[int, str]], i: int, lines: list[str]) -> bool:
    """Whether the title (the line before numbered[i]) goes on in line i: right under it, in a
    file hard-wrapped at a width (_wrap_width) that the title fills, and line i is neither a date
    line nor a byline, and ends the heading: a blank line, a date line or a byline follows (the
    first line of a paragraph would go on in the next)."""
    n, line = numbered[i]
    if n != numbered[i - 1][0] + 1 or len(title) < WRAP_MIN_WIDTH:
        return False
    if i + 1 < len(numbered):
        after_n, after = numbered[i + 1]
        if after_n == n + 1 and not is_date_line(after) and not is_byline(after):
            return False
    width = _wrap_width(_groups(lines, n - 1))
    return (
        width is not None
        and _fills(title, line, width, slack=False)
        and not is_date_line(line)
        and not is_byline(line)
        and place_dateline(line) is None
    )


def _past_date_lines(numbered: list[tuple[int, str]], i: int) -> int:
    """The index of the first line from i on that is not a date line."""
    while i < len(numbered) and is_date_line(numbered[i][1]):
        i += 1
    return i


_CRUMBS = re.compile(r"\s+[>»›]\s+")
# A fenced block, or a code span: a run of backticks to the next run of as many ("``a `b` c``").
_MD_CODE = re.compile(r"^(```|~~~).*?^\1|(?<!`)(`+)(?!`)[^\n]*?(?<!`)\2(?!`)", re.DOTALL | re.MULTILINE)


_LIST_ITEM_START = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def without_code(markdown: str) -> str:
    """The Markdown with its code blanked out, lines and offsets kept: what code shows is text."""
    fenced = _MD_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), markdown)
    return _without_indented_code(fenced) if "\n    " in fenced or "\n\t" in fenced else fenced


def _without_indented_code(markdown: str) -> str:
    """The Markdown with its indented code blocks blanked out (lines indented by four spaces or
    a tab after a blank line, outside a list, where they go on an item's text)."""
    lines = markdown.split("\n")
    blank, in_list, code = True, False, False
    for n, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and (code or (blank and not in_list)):
            code = True
            lines[n] = " " * len(line)
        elif not indented:
            code = False
            in_list = _LIST_ITEM_START.match(line) is not None or (in_list and not blank)
        blank = False
    return "\n".join(lines)


# Template code that Jekyll and Hugo run in a post and sitegen does not: {% include x %},
# {{ site.baseurl }}, {{< figure src="x" >}}, {{% note %}}.
TEMPLATE_CODE = re.compile(r"\{%-?\s*\w.*?%\}|\{\{-?\s*(?:site|page|include|post)\.[\w.]+.*?\}\}|\{\{[<%].*?[>%]\}\}")
# The tags a page names, under its title or at its end, as news sites and exports write them.
_TAGS_LINE = re.compile(
    rf"(?:{loose_phrases('الكلمات المفتاحية', 'كلمات مفتاحية', 'الكلمات الدالة', 'كلمات دالة', 'الوسوم', 'وسوم')}"
    r"|tags|keywords)\s*:\s*(?P<tags>\W*\w.*)",
    re.IGNORECASE,
)


def _section_over_title(numbered: list[tuple[int, str]], i: int, resolve_tag: TagResolver, undated: bool) -> Tag | None:
    """The section tag of a label or breadcrumb on line i, when the title follows it: a short
    label, in a file with no date line above it, needs a longer title-like line (no byline)
    with the date line under it; a breadcrumb (Home > News > World, whose last step names the
    section) only the title-like line."""
    if i + 1 >= len(numbered):
        return None
    line, title = numbered[i][1], numbered[i + 1][1]
    crumbs = _CRUMBS.split(line)
    if len(crumbs) > 1:
        if len(line.split()) > 10 or not all(_HAS_WORD.search(c) for c in crumbs) or not looks_like_title(title):
            return None
    elif not (
        undated
        and len(line.split()) <= 3
        and len(line) <= 30
        and is_heading(line)
        and len(title.split()) >= 3
        and len(title) > len(line)
        and looks_like_title(title)
        and not is_byline(title)
        and place_dateline(title) is None
        and not is_date_line(title)
        and i + 2 < len(numbered)
        and is_date_line(numbered[i + 2][1])
    ):
        return None
    try:
        return resolve_tag(crumbs[-1].strip())
    except ValueError:
        return None


def _own_tags(
    section: Tag | None,
    named: list[str],
    derived: tuple[Tag, ...],
    resolve_tag: TagResolver,
    source: str,
    notes: list[Diagnostic],
) -> tuple[Tag, ...]:
    """A plain-text article's tags: its section, the tags it names, then those derived, once each."""
    tags: dict[str, Tag] = {}
    if section is not None:
        tags[section.slug] = section
    for label in named:
        try:
            tag = resolve_tag(label)
        except ValueError:
            notes.append(Diagnostic(source, f"tag {label!r} has no letters or digits; ignored"))
            continue
        tags.setdefault(tag.slug, tag)
    for tag in derived:
        tags.setdefault(tag.slug, tag)
    return tuple(tags.values())


def _is_name(line: str) -> bool:
    """A name, an agency or a newspaper: a few words, no digits, no sentence punctuation, none
    of the words that make a phrase (_PHRASE_WORDS; also after و or ف: "وفي")."""
    if not (len(line) <= 50 and len(line.split()) <= 5 and is_heading(line)) or any(c.isdigit() for c in line):
        return False
    return not is_phrase(line)


def line_at(text: str, offset: int) -> int:
    """The 1-based line of text that holds the character at offset."""
    return text.count("\n", 0, offset) + 1


def _last_line(lines: list[str]) -> int:
    """The 1-based number of the last non-empty line."""
    return next(n for n in range(len(lines), 0, -1) if lines[n - 1])


def _shorten(text: str, limit: int) -> str:
    """text cut at a word boundary before limit characters, with an ellipsis."""
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,.،;؛:") + "…"


def _blocks(lines: list[str], start: int, typed: Sequence[str] = (), breaks: Sequence[int] = ()) -> tuple[Block, ...]:
    """Body lines (1-based start) -> paragraphs, subheadings and list items; the lines as typed
    (typed, their spaces not collapsed) tell a sub-item indented under an item (_depths). A rule
    line between two paragraphs (breaks: the indexes of such lines, in order) is a section break,
    an "hr" block, but not under a subheading, which it underlines.

    Blank lines separate blocks; inside a block, each line is its own paragraph unless it is
    a long line (but not longer than WRAP_LINE_MAX, unless the next opens with an English word
    in lower case) ending mid-sentence (a hard-wrapped paragraph), which is joined to the next.
    Lines quoted with ">" are never joined.
    In a file hard-wrapped at a narrower width (_wrap_width), a line that fills that width is
    joined to the next as well.
    """
    groups = _groups(lines, start)
    width = _wrap_width(groups)
    paragraphs: list[str] = []
    firsts: list[int] = []  # the index in lines of each paragraph's first line
    at = iter([n for n in range(start - 1, len(lines)) if lines[n]])  # the lines of the groups, in turn
    indented = _paragraph_indents(lines, start, typed)
    left_open: set[int] = set()  # paragraphs cut mid-sentence by a list under them: no subheadings
    for group in groups:
        wrapped = _WrappedBlock.of(group, width) if width else None
        # The paragraph being read: its first line, then each line joined with what goes before
        # it, and its length. Only its start and end are looked at, so that a paragraph of
        # thousands of hard-wrapped lines is joined in linear time (it was copied and searched
        # whole at each line: 5,000 lines took 17 s).
        parts: list[str] = []
        size = 0
        for n, line in enumerate(group):
            previous = group[n - 1]
            index = next(at)
            tail = "".join(parts[-8:])[-8:]
            # After an item (a paragraph that opens with a list marker), a line that opens with
            # one is the next item; two lines of one list in a row are its items, not words of
            # the paragraph above them. Not where the wrapping pushed a dash between words to the
            # head of the line: in a hard-wrapped file, the line above is full for it.
            listed = (
                parts
                and _BULLET.match(line)
                and (_BULLET.match(parts[0]) or _lists_on(line, group[n + 1 : n + 2]))
                and not (width and _fills(previous, line, width, slack=False))
            )
            if (
                parts
                and parts[0][0] != ">"  # _is_quoted, inline: a call per line costs
                and line[0] != ">"
                and not listed
                and (
                    (
                        size >= WRAP_MIN_CHARS
                        and _ends_mid_sentence(tail)
                        and (len(previous) <= WRAP_LINE_MAX or _LOWERCASE_WORD.match(line))
                    )
                    or (wrapped and wrapped.goes_on(n - 1, previous, line, opens=len(parts) == 1))
                    or (
                        typed
                        and _goes_under(parts[0], typed[firsts[-1]], line, typed[index])
                        and _indent(typed[index]) not in indented
                    )
                )
            ):
                joint = "" if _HYPHENATED.search(tail) and line[0].isascii() and line[0].isalpha() else " "
                parts.append(joint + line)
                size += len(joint) + len(line)
            else:
                if listed and size >= WRAP_MIN_CHARS and _ends_mid_sentence(tail):
                    left_open.add(len(paragraphs))  # "..., including" over "1. ...", "2. ...": text
                if parts:
                    paragraphs.append("".join(parts))
                parts, size = [line], len(line)
                firsts.append(index)
        paragraphs.append("".join(parts))
    # Short lines that open with a list marker, two or more in a row, are a list's items (one
    # alone, or a long one, is a paragraph: a line of dialogue, "2. وفي المحور الثاني، ...";
    # a long one among short ones is an item: _with_long_items); a numbered item's number
    # follows the one before ("1-", "2-"; "3.", "4."), so "7." after "3." or a second "1-" is
    # no item of that list, unless three or more numbered lines in a row go up but for a typo
    # ("1-", "2-", "2-", "4-": _mistyped_list) or are all "1." (as Markdown is typed, maybe
    # counted on: _numbered_one). The sub-items of a numbered item do not come between it and
    # the next (_under_numbered). A heading-like line is a subheading, unless it is one of three
    # or more in a row (names one per line, the verses of a poem), which are text; a section
    # and its subsection are two.
    kinds = _with_long_items(paragraphs, [_list_of_line(text) for text in paragraphs])
    indents = [_indent(typed[first]) if kind and typed else 0 for first, kind in zip(firsts, kinds, strict=True)]
    indents = _counted_on(paragraphs, kinds, indents)
    parents = _under_numbered(paragraphs, kinds, indents, [f > 0 and not lines[f - 1] for f in firsts])
    if kinds.count(None) >= len(kinds) - 1:
        items = [False] * len(kinds)
    elif parents.count(-1) == len(parents):
        items = _items(paragraphs, kinds)
    else:
        items = _nested_items(paragraphs, kinds, parents)
        indents = [max(indents[n], indents[up] + 2) if up >= 0 else indents[n] for n, up in enumerate(parents)]
    # A numbered or lettered line alone that reads as a heading ("1 - المحور الأول", "٢- النتائج",
    # "أ- المحور الاقتصادي", "(a) The economy") numbers a section: a subheading, as it was before
    # such markers made list items. A bulleted one ("• ...", "- ...") alone is text, as ever.
    headings = [
        (kinds[n] is None or (not items[n] and not _bulleted(text)))
        and n not in left_open
        and _reads_as_heading(text)
        and not _is_quoted(text)
        for n, text in enumerate(paragraphs[:-1])
    ] + [False]
    depths = _depths(paragraphs, items, indents) if any(items) else [0] * len(paragraphs)
    blocks: list[Block] = []
    n = 0
    while n < len(paragraphs):
        end = n
        while end < len(paragraphs) and headings[end]:
            end += 1
        if end - n >= 3:  # a run of short lines: text
            blocks.extend(Block("p", text) for text in paragraphs[n:end])
            n = end
            continue
        text = paragraphs[n]
        blocks.append(Block("li" if items[n] else "h2" if headings[n] else "p", text, depth=depths[n]))
        n += 1
    return _with_breaks(blocks, firsts, breaks) if breaks else tuple(blocks)


def _with_breaks(blocks: list[Block], firsts: list[int], breaks: Sequence[int]) -> tuple[Block, ...]:
    """The blocks, a block per paragraph, with an "hr" where a rule line (breaks: their indexes,
    in order) comes between two paragraphs (firsts: the index of each one's first line); a run
    of rules is one break, and none comes under a subheading, which the rule underlines."""
    broken: list[Block] = []
    ruled = iter(breaks)
    rule = next(ruled, None)
    for n, block in enumerate(blocks):
        if rule is not None and rule < firsts[n]:
            if n and blocks[n - 1].kind != "h2":
                broken.append(Block("hr", ""))
            while rule is not None and rule < firsts[n]:
                rule = next(ruled, None)
        broken.append(block)
    return tuple(broken)


def _section_breaks(padded: str, rules: list[tuple[int, str]], typed: Sequence[str]) -> list[int]:
    """The indexes of the rule lines (rules: where _RULE_LINE found each in padded, the text with
    a newline in front, and the line) that may break sections: not a table's (_COLUMNS), in the
    rule or in a line next to it."""
    breaks: list[int] = []
    at = row = 0
    for start, rule in rules:
        row += padded.count("\n", at, start)  # the newline before the rule is the row's
        at = start
        if not any(_COLUMNS.search(line) for line in (rule.strip(), *typed[max(row - 1, 0) : row + 2 : 2])):
            breaks.append(row)
    return breaks


def _bulleted(text: str) -> bool:
    """Whether a line opens with a bullet or a dash and a space, not a number or a letter."""
    return text[:1] in _BULLET_SIGNS or text[:2] in ("- ", "– ")


def _indent(line: str) -> int:
    """How far a line as typed is indented: its leading spaces, a tab as far as four."""
    return len(line[: len(line) - len(line.lstrip())].expandtabs(4))


def _depths(paragraphs: list[str], items: list[bool], indents: list[int]) -> list[int]:
    """The level of each list item (0 for any other paragraph). A sub-item is indented two
    spaces or more further than the item above it ("• a", "  - a1"; one space is a slip), or,
    its indentation lost as word processors save a list as plain text, typed as far in with the
    bullet of the next level ("• a", "◦ a1": arabic.bullet_level; a "■" right under a "•"
    skips a level: another list, as typed by hand). An item goes back to the level it is
    indented as, or whose bullet it has ("• a", "◦ a1", "• b"); one indented further than the
    item above is one level deeper, however far (a list inside an item); the first item of a
    list is at level 0. Linear: each level is opened and closed once."""
    depths = [0] * len(paragraphs)
    levels: list[tuple[int, int]] = []  # the open levels, outermost first: (indentation, bullet level)
    for n, text in enumerate(paragraphs):
        if not items[n]:
            levels = []
            continue
        indent, bullet = indents[n], bullet_level(text)
        while len(levels) > 1 and levels[-1][0] > indent:
            levels.pop()
        while len(levels) > 1 and levels[-1][0] == levels[-2][0] == indent and levels[-1][1] > bullet:
            levels.pop()  # a word processor's sub-items end: "• a", "◦ a1", "• b"
        if not levels or indent >= levels[-1][0] + 2 or (indent == levels[-1][0] and bullet == levels[-1][1] + 1):
            levels.append((indent, bullet))
        depths[n] = len(levels) - 1
    return depths


def _paragraph_indents(lines: list[str], start: int, typed: Sequence[str]) -> frozenset[int]:
    """How far the body's paragraphs are indented, as typed, where an archive indents them
    (two spaces, four, a tab): the indentation of each line with no list marker that opens a
    paragraph (the first of the body, or under a blank line or a line that ends one) and is
    not right under a list item. A line so indented under an item is a paragraph of its own,
    not the item's text going on (_goes_under)."""
    found: set[int] = set()
    for n in range(start - 1, len(typed)):
        if typed[n][:1] not in (" ", "\t") or not lines[n] or _BULLET.match(lines[n]):
            continue
        above = lines[n - 1] if n >= start else ""
        if not above or (_ends_paragraph(above) and not _BULLET.match(above)):
            found.add(_indent(typed[n]))
    return frozenset(found)


def _counted_on(paragraphs: list[str], kinds: list[str | None], indents: list[int]) -> list[int]:
    """indents, with a numbered line that counts on the one right above it ("1. ...", "  2.
    ...", as archives that indent every line but the first have it) at that line's
    indentation: a sub-list is not numbered on from its parent, so it is the next item of the
    same list, however far in it is typed."""
    found = list(indents)
    for n in range(1, len(kinds)):
        if found[n] > found[n - 1] and kinds[n] not in (None, "ul") and kinds[n] == kinds[n - 1]:
            number, previous = item_number(paragraphs[n]), item_number(paragraphs[n - 1])
            if number is not None and previous is not None and number == previous + 1:
                found[n] = found[n - 1]
    return found


def _goes_under(first: str, first_typed: str, line: str, line_typed: str) -> bool:
    """Whether a line goes on the list item that opens its paragraph (first, clean and as
    typed): it opens with no list marker and is indented under the item's text, two spaces or
    more further than the item but no further than its text begins ("• رفع الأجور في القطاع"
    over "  العام والخاص"; "1. Raise wages in the" over "   public sector"), however short the
    item's first line. A paragraph indented further (its first line, "    وقال الوزير ...") is
    no part of the item above it, nor is a line longer than one wrapped there could be, whose
    first word would have fit on the item's line ("1- المحور الأول" over "   وقال المتحدث ...":
    a section's text under its name)."""
    if line_typed[:1] not in (" ", "\t") or (marker := _BULLET.match(first)) is None or _BULLET.match(line):
        return False
    typed = first_typed.expandtabs(4).rstrip()
    text = typed.lstrip()
    after = text[marker.end() :]
    starts = len(typed) - len(text) + marker.end() + len(after) - len(after.lstrip())  # where the item's text begins
    wrapped = len(line_typed.expandtabs(4).rstrip()) <= len(typed) + 1 + len(line.split(" ", 1)[0])
    return wrapped and _indent(first_typed) + 2 <= _indent(line_typed) <= starts


def _lists_on(line: str, following: list[str]) -> bool:
    """Whether a line and the one after it (if any) open with markers of one kind of list."""
    kind = _list_of_line(line)
    return kind is not None and bool(following) and _list_of_line(following[0]) == kind


def _reads_as_heading(text: str) -> bool:
    """is_heading, for a line of the body: one that opens with a number range is a paragraph
    whose stop was left out ("20 - 30 ألف متظاهر خرجوا إلى الشوارع"), unless the range is a
    span of years (_is_period), which may head a section as a single year does ("2024 - عام
    التحديات"); the colon after it ("2011 - 2021: عقد من التحولات") joins a period to its name,
    as a label's colon ("المصدر: وكالات") does not, and is read past."""
    if (span := _YEAR_SPAN.match(text)) is not None and _is_period(span):
        return is_heading(text[: span.end("until")] + text[span.end() :])
    if (
        (year := _YEAR_NAMED.match(text)) is not None
        and _is_year(year["year"])
        and not _COUNTED.match(text, year.end("year"))
    ):
        return is_heading(text[: year.end("year")] + text[year.end() :])  # the same for one year
    return is_heading(text) and not _NUMBER_RANGE.match(text)


def _is_period(span: re.Match[str]) -> bool:
    """Whether two four-digit numbers joined by a dash are years of modern history, the second
    later and at most a century on, with no currency, unit or count after them (_COUNTED); a
    quantity ("1500 - 2000 جنيه", "2000 - 2500 متظاهر", "1900 - 2000 جنيه") is none, and
    years followed by a count ("2011 - 2021: 10 آلاف قتيل") open a sentence, as "2024: 10 آلاف
    قتيل" does. A span of Hijri years (1445 - 1446) is not looked for."""
    since, until = int(to_western_digits(span["since"])), int(to_western_digits(span["until"]))
    return (
        _is_year(span["since"])
        and since < until <= min(since + 100, 2100)
        and not _COUNTED.match(span.string, span.end("until"))
    )


def _is_year(digits: str) -> bool:
    """Whether four digits are a year of modern history (1800 to 2100), as a heading would name
    one; Hijri years (1445) are not looked for."""
    return 1800 <= int(to_western_digits(digits)) <= 2100


def _items(paragraphs: list[str], kinds: list[str | None]) -> list[bool]:
    """Which paragraphs are list items: of a list (kinds) with the one before or after, and, if
    numbered, numbered one more than the one before (arabic.item_number), or one of three or
    more numbered lines in a row whose numbers ascend but for a typo (_mistyped_list) or are
    all 1, maybe counted on after (_numbered_one), a list of 1s being cut from a list counted
    from 1 right under it (_ones_before_a_count)."""
    numbers = [
        item_number(text) if kind is not None and kind != "ul" else None
        for text, kind in zip(paragraphs, kinds, strict=True)
    ]
    follows = [False] + [
        kind is not None and kinds[n] == kind and (kind == "ul" or numbers[n + 1] == (numbers[n] or 0) + 1)
        for n, kind in enumerate(kinds[1:])
    ]  # paragraph n is the next item of the list that n - 1 is in
    items = [follows[n] or (n + 1 < len(kinds) and follows[n + 1]) for n in range(len(kinds))]
    start = 0
    for end in range(1, len(kinds) + 1):
        previous, number = numbers[end - 1], numbers[end] if end < len(kinds) else None
        if (
            end < len(kinds)
            and previous is not None
            and number is not None
            and kinds[end] == kinds[end - 1]
            and 0 <= number - previous <= 2
        ):
            continue  # the run of numbered lines that may be one list goes on
        run = [value for value in numbers[start:end] if value is not None]  # all of it, if 2 or more
        if kinds[start] == "ol" and (ones := _ones_before_a_count(run)):  # as Markdown, then counted from 1
            items[start : start + ones] = [True] * ones
            start, run = start + ones, run[ones:]
        if end - start >= 3 and (_mistyped_list(run) or (kinds[start] == "ol" and _numbered_one(run))):
            items[start:end] = [True] * (end - start)
        start = end
    return items


def _under_numbered(paragraphs: list[str], kinds: list[str | None], indents: list[int], blank: list[bool]) -> list[int]:
    """For each line with a list marker that is a sub-item of a numbered line above it, that
    line's index (else -1): indented two spaces or more further than it ("1. Wages", "   -
    minimum wage"), or bulleted at its indentation up to the next numbered line, which goes on
    its numbers ("1- الأجور", "• الحد الأدنى", "• الحوافز", "2- المعاشات"): the numbered lines
    are one list, however many sub-items come between them. Once a list has such sub-items, so
    do its items after (its last, "ثانياً: ..." over "أ- ..." at the end), but not a list after
    a blank line (blank: whether one is right above each line), which is a list of its own.
    Linear: the next line that is no bulleted one is found from the end."""
    parents = [-1] * len(kinds)
    after = len(kinds)  # the first line from here on that is not bulleted
    beyond = [after] * len(kinds)
    for n in range(len(kinds) - 1, -1, -1):
        after = after if kinds[n] == "ul" else n
        beyond[n] = after
    base = -1  # the last numbered line of the list being read, or -1
    bridged = False  # that list has had sub-items bulleted at its indentation
    for n, kind in enumerate(kinds):
        deeper = base >= 0 and indents[n] >= indents[base] + 2
        if kind is None:
            base, bridged = -1, False
        elif deeper or (
            base >= 0 and kind == "ul" and ((bridged and not blank[n]) or _goes_on(paragraphs, kinds, base, beyond[n]))
        ):
            parents[n] = base
            bridged = bridged or not deeper
        elif kind == "ul":
            base, bridged = -1, False
        else:
            bridged = bridged and _goes_on(paragraphs, kinds, base, n)
            base = n
    return parents


def _goes_on(paragraphs: list[str], kinds: list[str | None], before: int, line: int) -> bool:
    """Whether numbered line ``line`` goes on the numbers of numbered line ``before`` as an item
    of its list may: of the same kind, numbered as it is or up to two more (a typo's)."""
    if line >= len(kinds) or kinds[line] != kinds[before]:
        return False
    number, previous = item_number(paragraphs[line]), item_number(paragraphs[before])
    return number is not None and previous is not None and 0 <= number - previous <= 2


def _nested_items(paragraphs: list[str], kinds: list[str | None], parents: list[int]) -> list[bool]:
    """_items, of a body where some lines are sub-items of a numbered line (parents): the other
    paragraphs are read as if those were not there, and the sub-items of an item are items;
    those of a numbered line that is no item are read on their own, as a list may be."""
    top = [n for n, up in enumerate(parents) if up < 0]
    items = [False] * len(kinds)
    for n, item in zip(top, _items([paragraphs[n] for n in top], [kinds[n] for n in top]), strict=True):
        items[n] = item
    for _, run in itertools.groupby(range(len(kinds)), lambda n: parents[n] >= 0):
        under = list(run)
        if parents[under[0]] < 0:
            continue
        alone = _items([paragraphs[n] for n in under], [kinds[n] for n in under])
        for n, item in zip(under, alone, strict=True):
            items[n] = items[parents[n]] or item
    return items


def _numbered_one(numbers: list[int]) -> bool:
    """Whether lines in a row numbered with digits are a list numbered the way Markdown is
    typed, every item 1 ("1.", "1.", "1."; "1-", "١-"), which Markdown counts itself, or at
    first, its author then counting on from 2 ("1.", "1.", "1.", "2."; Markdown makes one list
    of these too): three or more lines, so that two lines that happen to open with "1-" stay as
    typed. Only 1 is that habit; "5-", "5-", "5-" and ordinals ("أولاً:" three times) are no
    list. Three or more 1s, then 1 and 2, are two lists (_ones_before_a_count)."""
    ones = next((n for n, number in enumerate(numbers) if number != 1), len(numbers))
    return len(numbers) >= 3 and ones >= 2 and all(number == n for n, number in enumerate(numbers[ones:], start=2))


def _ones_before_a_count(numbers: list[int]) -> int:
    """How many of numbered lines in a row are a list all numbered 1 (_numbered_one) over a list
    counted from 1, the two typed with no line between them ("1.", "1.", "1.", then "1-", "2-",
    "3-"): three or more 1s, then a 1 followed by a 2, which opens the counted list; else 0.
    Taken whole, such a run is neither all 1 nor ascending but for a typo, so the 1s were
    paragraphs; views._restarts splits the page's lists at the same line."""
    ones = next((n for n, number in enumerate(numbers) if number != 1), len(numbers))
    return ones - 1 if ones >= 4 and ones < len(numbers) and numbers[ones] == 2 else 0


def _mistyped_list(numbers: list[int]) -> bool:
    """Whether numbered lines in a row, each numbered as the one before or up to two more, are
    one list whose author mistyped a number: three or more lines, with at most one typo in
    each three. A typo is a number repeated ("1-", "2-", "2-", "3-") or skipped ("1-", "2-",
    "4-"), or one number wrong ("1-", "2-", "2-", "4-": 3 typed as 2, which both repeats a
    number and skips one). A list is read by its order, so these numbers do not make it any
    less one: typed as items with no neighbour numbered one more, they were subheadings. Lines
    that open with years are never numbered items (_BULLET: one or two digits), and numbers
    that jump further ("3.", "7.", "9."), go back, or stray more than that ("5-", "5-", "5-")
    are no list; lines all numbered 1 are a list of their own kind (_numbered_one)."""
    if len(numbers) < 3:
        return False
    steps = [b - a for a, b in pairwise(numbers)]
    typos = n = 0
    while n < len(steps):
        if steps[n] != 1:
            typos += 1
            if n + 1 < len(steps) and steps[n + 1] != 1 and steps[n] + steps[n + 1] == 2:
                n += 1  # one number wrong: the step to it and the step from it, 0 and 2
        n += 1
    return 3 * typos <= len(numbers)


_LIST_ITEM_MAX = 250  # a longer line with a list marker is a paragraph that opens with one


def _list_of_line(text: str, long: bool = False) -> str | None:
    """The list (ol or ul) of a short line (or, if long, of any) that opens with a list marker,
    else None; points numbered with ordinals ("أولاً: ") are a list of their own ("ordinal"):
    one that heads a list numbered with digits ("أولاً: المطالب" over "1- رفع الأجور") is not
    its first item."""
    if (len(text) > _LIST_ITEM_MAX and not long) or not _BULLET.match(text):
        return None
    if re.match(ORDINAL_ITEM, text):
        return "ordinal"
    return "ol" if is_numbered_item(text) else "ul"


def _with_long_items(paragraphs: list[str], kinds: list[str | None]) -> list[str | None]:
    """kinds, with the list of a long line that opens with a list marker when it is among short
    lines of that list, in a run of lines of that list with no more long ones than short: one
    long point among short ones ("1- رفع الأجور", "2- زيادة المعاشات ..." over 250 characters,
    "3- دعم المزارعين") is an item of their list; alone, it cut the list in two, its neighbours
    left alone (numbered ones made subheadings). Long lines with markers among their like ("1.
    في المحور الأول، ...", "2. وفي المحور الثاني، ...", a shorter "3." among them) stay
    paragraphs."""
    longs = [
        _list_of_line(text, long=True) if kind is None and len(text) > _LIST_ITEM_MAX else None
        for text, kind in zip(paragraphs, kinds, strict=True)
    ]
    found = list(kinds)
    for kind, run in itertools.groupby(range(len(kinds)), lambda n: kinds[n] or longs[n]):
        lines = list(run)
        long = [n for n in lines if longs[n] is not None]
        if kind is not None and long and len(long) <= len(lines) - len(long):
            for n in long:
                found[n] = kind
    return found


def _groups(lines: list[str], start: int) -> list[list[str]]:
    """The blank-line separated blocks of lines from start (1-based) on."""
    groups: list[list[str]] = [[]]
    for line in lines[start - 1 :]:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    if not groups[-1]:
        groups.pop()
    return groups


def _opens_wrapped_paragraph(lines: list[str], n: int, *, own_block: bool = False) -> bool:
    """Whether line n (1-based) begins a hard-wrapped paragraph: its first line may be short
    enough to pass for a byline ("Report of the World Bank says ..."). With own_block, the width
    is that of line n's block alone, which may be wrapped though the paragraphs after it are one
    line each: what a line under a dateline that leads into the text (leads_on) is read by. One
    block is weaker evidence, so line n must fill it without slack: a long title right over the
    paragraph stops a few characters short of it, where the paragraph's first word would fit."""
    line, following = lines[n - 1], lines[n] if n < len(lines) else ""
    if not following or not _fills(line, following, WRAP_MIN_WIDTH) or _ends_paragraph(line):
        return False  # the usual byline is far too short to fill a line
    groups = _groups(lines, n)
    if (width := _wrap_width(groups)) is not None:
        return _fills(line, following, width)
    return own_block and (width := _wrap_width(groups[:1])) is not None and _fills(line, following, width, slack=False)


def _ends_mid_sentence(line: str) -> bool:
    """Only the end of the (whitespace-collapsed) line is searched: a paragraph grows as it is joined."""
    return not SENTENCE_END.search(line[-8:]) and not line.endswith(("»", "”", '"', ")"))


def _ends_paragraph(line: str) -> bool:
    return _PARAGRAPH_END.search(line[-8:]) is not None


def _wrap_width(groups: list[list[str]]) -> int | None:
    """The width the body was hard-wrapped at, or None when its lines are paragraphs of their own.

    A wrapping tool (a terminal, a mail program, a wire service) breaks a line where the next
    word would not fit: no line with a space is longer than the width W, and a line followed by
    more of its paragraph plus that line's first word is longer than W (_fills). A file is taken
    as wrapped at W, the length of its longest line, when at least two lines fill it and lines
    that stop short of it mid-sentence (a poem, a list) are few: a file of one paragraph per
    line has longer lines, or lines of every length.
    """
    width = 0
    for group in groups:
        for line in group:
            if len(line) > width and " " in line:
                if len(line) > WRAP_MAX_WIDTH:
                    return None  # the usual file: its paragraphs are longer, often the first one
                width = len(line)
    if width < WRAP_MIN_WIDTH:
        return None
    filled = short = 0
    for group in groups:
        for line, following in pairwise(group):
            if _fills(line, following, width):
                filled += 1
            elif 2 * len(line) > width and not _ends_paragraph(line):
                short += 1
    return width if filled >= 2 and filled >= 3 * short else None


def _fills(line: str, following: str, width: int, slack: bool = True) -> bool:
    """Whether the first word of the following line would not have fitted on this one; with a
    little slack for tools that balance lines (fmt) rather than fill each one in turn."""
    first_word = following.find(" ")
    length = len(line) + 1 + (first_word if first_word >= 0 else len(following))
    return length > width - width // 8 if slack else length > width


@dataclasses.dataclass(frozen=True)
class _WrappedBlock:
    """A blank-line separated block of a file hard-wrapped at width."""

    width: int
    fills: tuple[bool, ...]  # for each line but the last: _fills
    one_paragraph: bool  # no line ends a sentence short of the width, as a paragraph's last does
    dash_list: bool  # lines open with "- ": a list, where one such line alone may be wrapped text
    verse: bool  # the last line is long and stops mid-sentence: verse or a list, not a paragraph's end

    @classmethod
    def of(cls, group: list[str], width: int) -> _WrappedBlock:
        fills = tuple(_fills(a, b, width) for a, b in pairwise(group))
        return cls(
            width,
            fills,
            not any(not full and _ends_paragraph(a) for a, full in zip(group, fills, strict=False)),
            sum(line.startswith(("- ", "– ")) for line in group) >= 2,
            _ends_mid_sentence(group[-1]) and 2 * len(group[-1]) > width,
        )

    def goes_on(self, n: int, line: str, following: str, opens: bool) -> bool:
        """Whether the following line goes on the paragraph of line n, which opens it or not.

        A line that fills the width and stops mid-sentence goes on; so does one that ends a
        sentence, when the block is one paragraph, unless the next is the block's last line and
        no sentence ("محمد علي", "(رويترز)"). Nothing goes on in a block of verse.
        A heading-like line that opens a paragraph and stops well short of the width stays a
        subheading unless the next word would not have fitted on it; a list item (•, -, 1.)
        starts a paragraph.
        """
        if self.verse or not self.fills[n]:
            return False
        if _ends_paragraph(line) and not self.one_paragraph:
            return False
        if (
            _ends_paragraph(line)
            and n == len(self.fills) - 1
            and (_ends_mid_sentence(following) or is_byline(following))
        ):
            return False  # a signature, source or date line under the paragraph is no sentence of it
        if (bullet := _BULLET.match(following)) and (self.dash_list or bullet.group() not in ("-", "–")):
            return False
        if opens and self.width - len(line) >= max(8, self.width // 6) and is_heading(line):
            return _fills(line, following, self.width, slack=False)  # the next word would have fitted
        return True


def is_heading(line: str) -> bool:
    """Short, heading-like lines: few words, no sentence punctuation, at least one letter."""
    if len(line) > HEADING_MAX_CHARS or len(line.split()) > HEADING_MAX_WORDS:
        return False
    if SENTENCE_END.search(line) or ":" in line or not re.search(r"[^\W\d_]", line):
        return False
    return dates.date_line(line) is None


def slug_for(title: str, source: str) -> str:
    """The title's slug; the file name's when the title has no usable letters."""
    return slugify(title) or slugify(PurePosixPath(source).stem) or "article"


__all__ = ["is_heading", "parse_article"]
