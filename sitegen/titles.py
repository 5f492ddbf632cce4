"""The title of a plain text: which line it is, and what stands over and under it. Pure.

A plain-text file may open with lines about the article (date lines, a dateline, a byline, a
section label) before its title, and have more under it (a byline, a dateline, a date or update
line, a subtitle over the date line, the tags it names). Which line is the title is decided by
what surrounds it; a file with no title line, which opens with its text, gets one made of the
text's first words. What a line is, this asks of datelines.py, bylines.py and published.py (the
date lines met so far); extract.py reads the rest of the file around these steps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from sitegen import dates
from sitegen.arabic import loose_phrases, split_tags, strip_invisible
from sitegen.blocks import (
    PARAGRAPH_END,
    WRAP_MIN_WIDTH,
    body_blocks,
    ends_paragraph,
    fills_line,
    is_heading,
    line_groups,
    opens_wrapped_paragraph,
    wrap_width,
)
from sitegen.bylines import (
    BYLINE_MARKED,
    BYLINE_START,
    goes_on_byline,
    is_byline,
    join_byline,
    opens_title,
    title_before_byline,
)
from sitegen.datelines import (
    PLACE_DATELINE,
    PLACE_SPACE_DATE,
    TITLE_DATE,
    dateline_bare,
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
    openings,
    place_dateline,
    strip_into_text,
    wire_dateline,
    yearless_dateline,
)
from sitegen.model import Block, Diagnostic, Tag, TagResolver
from sitegen.published import Dates

TITLE_MAX_CHARS = 300  # a longer first line is a paragraph, not a title
TITLE_CUT_CHARS = 100  # how much of such a paragraph becomes the title
TITLE_SENTENCE_CHARS = 150  # a first line this long that ends a sentence is a paragraph too

_TITLE_LABEL = re.compile(
    rf"^(?:title|headline|{loose_phrases('العنوان', 'عنوان الخبر', 'عنوان المقال', 'عنوان المقالة')})\s*:\s*(?=\S)",
    re.IGNORECASE,
)
_BODY_LABEL = re.compile(
    rf"(?:text|body|content|{loose_phrases('النص', 'نص الخبر', 'نص المقال', 'المتن', 'المحتوى')})\s*:", re.IGNORECASE
)
_HAS_WORD = re.compile(r"\w")
_CRUMBS = re.compile(r"\s+[>»›]\s+")
# The tags a page names, under its title or at its end, as news sites and exports write them.
TAGS_LINE = re.compile(
    rf"(?:{loose_phrases('الكلمات المفتاحية', 'كلمات مفتاحية', 'الكلمات الدالة', 'كلمات دالة', 'الوسوم', 'وسوم')}"
    r"|tags|keywords)\s*:\s*(?P<tags>\W*\w.*)",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True, slots=True)
class Top:
    """What stands over the title (made by over_title)."""

    end: int  # the index in numbered of the first line under it
    byline: str | None  # a byline or a dateline with a place
    doubtful: tuple[dt.date, tuple[int, str]] | None  # a "Title - date" line read as a dateline
    stamp: tuple[int, str] | None = None  # a relative time over the title ("منذ ساعتين"), kept as text


@dataclasses.dataclass(frozen=True, slots=True)
class Title:
    """The title as chosen (made by choose_title), and what choosing it told."""

    line: int  # the number of its (first) line
    text: str
    end: int  # the index in numbered of the first line under it
    byline: str | None  # the byline over it, or the wire dateline over the text it is made of
    opens_text: bool  # no title line: the title is made of the text's first words
    first_paragraph: Block | None  # the text the title was cut from, kept as the first paragraph
    date: tuple[dt.date, str, str] | None  # a "Title - date" line's day, pending: (day, its text, the whole title line)


@dataclasses.dataclass(frozen=True, slots=True)
class Under:
    """What the lines under the title told (made by under_title)."""

    end: int  # the index in numbered of the body's first line
    byline: str | None
    named: tuple[str, ...]  # tags the text names itself ("الكلمات المفتاحية: ...")
    taken: int | None  # the number of a date line under a subtitle, read as the date: no text


def over_title(numbered: list[tuple[int, str]], lines: list[str], dated: Dates) -> Top:
    """The date lines over the title, read into dated, and the dateline or byline among them."""
    i = 0
    byline: str | None = None
    # Leading date and update lines ("Posted on April 19, 2024 by ..." gives the byline too, "التاريخ:"
    # / "19 أبريل 2024" is one); an exact repeat of a date line is collapsed.
    while i < len(numbered) and not _anniversary(numbered, i):
        if dated.take(numbered[i]) or (byline is None and (byline := dated.byline(numbered[i]))):
            i += 1
        elif _take_labelled(numbered, i, dated):
            i += 2
        else:
            break
    # A relative time over a title-like line ("Updated 2 hours ago", "منذ ساعتين"): the site's
    # stamp, no title; kept as text (extract.py), as under the title.
    stamp: tuple[int, str] | None = None
    if i < len(numbered) and dates.is_relative_time(numbered[i][1]) and _title_under(numbered, i + 1):
        stamp = numbered[i]
        i += 1
        while i < len(numbered) and dated.take(numbered[i]):
            i += 1
    # Before the title, when a title-like line follows (after the date lines that may come
    # between): a dateline with a place ("القاهرة في 19 أبريل 2024") or a byline that starts
    # with its keyword ("كتب: ..."), kept as the byline.
    line = numbered[i][1] if i < len(numbered) else ""
    after = _past_date_lines(numbered, i + 1) if byline is None and _may_head_title(line) else len(numbered)
    if after >= len(numbered) or not _heads_title(line, numbered, after, lines):
        return Top(i, byline, None, stamp)
    doubtful: tuple[dt.date, tuple[int, str]] | None = None
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
        (BYLINE_START.match(line) and len(line) <= 80 and not title_before_byline(line, numbered[after][1]))
        or wire_dateline(line)
        or yearless_dateline(line)
    ):
        # also "القاهرة (أ ش أ) -", "CAIRO (MENA) -": a place and a credit, no date; "أبوظبي في 3
        # ديسمبر / وام /": a day and month, no year (which dates nothing: none is guessed)
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
    return Top(i, byline, doubtful, stamp)


def _anniversary(numbered: list[tuple[int, str]], i: int) -> bool:
    """Whether numbered[i], a day and how many weeks, months or years ago it was ("7 أكتوبر 2023 -
    منذ عام", "September 11, 2001 - 20 years ago"), has no title-like line under it: an
    anniversary's title, not the site's date line over the title ("December 3, 2024 - 2 weeks
    ago" over "Title"), which would date the article and make its title of the text."""
    return dates.says_long_ago(numbered[i][1]) and not _title_under(numbered, i + 1)


def _title_under(numbered: list[tuple[int, str]], i: int) -> bool:
    """Whether numbered[i], or the first line after the date lines from i on, looks like a
    title and has more under it: a line over it is no title. A byline ("كتب: ...", "By ...")
    is none, though it looks like one: the line under it is looked at."""
    after = _past_date_lines(numbered, i)
    if after + 1 < len(numbered) and BYLINE_START.match(numbered[after][1]):
        after = _past_date_lines(numbered, after + 1)
    return (
        after + 1 < len(numbered)
        and looks_like_title(numbered[after][1])
        and not BYLINE_START.match(numbered[after][1])
    )


def _may_head_title(line: str) -> bool:
    """Whether line opens as a dateline with a place or a byline does, and so may stand over a
    title (_heads_title decides, by the line under it)."""
    placed_line = dateline_bare(line)
    return bool(
        BYLINE_START.match(line)
        or PLACE_DATELINE.match(placed_line)
        or PLACE_SPACE_DATE.match(placed_line)
        or wire_dateline(line)
    )


def _heads_title(line: str, numbered: list[tuple[int, str]], after: int, lines: list[str]) -> bool:
    """Whether line, a dateline or a byline by its look, stands over the title-like line
    numbered[after], rather than being the title itself or the first line of a paragraph."""
    return (
        looks_like_title(numbered[after][1])
        # "Title - date" over a byline ("By Jane Doe") or a hard-wrapped first paragraph, whose
        # first line only looks like a title, or naming an event, which no place does ("Yom Kippur
        # War - October 6, 1973"): the title, not a dateline above one.
        and not _title_with_date_over(line, numbered, after, lines)
        # A dateline whose dash leads into the text ("CAIRO, April 19, 2024 (Reuters) -") over a
        # hard-wrapped paragraph, perhaps wrapped narrower than the paragraphs after it: the
        # paragraph's first line only looks like a title.
        and not (leads_on(line) and opens_wrapped_paragraph(lines, numbered[after][0], own_block=True))
    )


def _title_with_date_over(line: str, numbered: list[tuple[int, str]], after: int, lines: list[str]) -> bool:
    """Whether line, read as "Title - date", is the title over numbered[after] (_heads_title)."""
    dated_line = TITLE_DATE.match(line)
    if dated_line is None or dates.dateline_dates(dated_line["date"])[0] is None:  # as the title's date is read
        return False
    under = numbered[after][1]
    return bool(
        (
            BYLINE_START.match(under)
            # ... but a place over a byline over a title ("القاهرة - 19 أبريل 2024" /
            # "بقلم: أحمد علي" / "عنوان الخبر"), or over a title that opens with a
            # byline's word ("متابعة الانتخابات الرئاسية في مصر": opens_title), is a dateline
            and not (
                named_as_place(dated_line["title"])
                and (opens_title(under) or _second_top_line(numbered, after, lines, line))
            )
        )
        or opens_wrapped_paragraph(lines, numbered[after][0])
        or names_event(dated_line["title"], dated_line["date"])
    )


def _second_top_line(numbered: list[tuple[int, str]], i: int, lines: list[str], first: str) -> bool:
    """Whether numbered[i], under the first line of a file read as a dateline or a byline (first),
    is the other of the two, over a title-like line (date lines may come between) that has text
    under it: "القاهرة - 19 أبريل 2024" / "بقلم: أحمد علي" / "عنوان الخبر", or the byline first."""
    text, after = numbered[i][1], _past_date_lines(numbered, i + 1)
    if after + 1 >= len(numbered):
        return False
    following = numbered[after][1]
    if not looks_like_title(following) or opens_wrapped_paragraph(lines, numbered[after][0]):
        return False
    if BYLINE_START.match(first):  # a title with its date ("غزة تحت النار - 19 أبريل 2024") is no place
        return place_dateline(text) is not None and not doubtful_place(text)
    return (
        BYLINE_START.match(text) is not None
        and len(text) <= 80
        and not title_before_byline(text, following)
        and not opens_title(text)
    )


def _past_date_lines(numbered: list[tuple[int, str]], i: int) -> int:
    """The index of the first line from i on that is not a date line."""
    while i < len(numbered) and is_date_line(numbered[i][1]):
        i += 1
    return i


def section_over_title(numbered: list[tuple[int, str]], i: int, resolve_tag: TagResolver, undated: bool) -> Tag | None:
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


def choose_title(
    source: str,
    numbered: list[tuple[int, str]],
    lines: list[str],
    first: int,
    byline: str | None,
    dated: Dates,
    notes: list[Diagnostic],
) -> Title:
    """The title on line numbered[first], or one made of the text when the file opens with it."""
    head = _text_as_title(source, numbered, lines, first, byline, dated, notes)
    if head is None:
        head = _title_line(source, numbered, lines, first, byline, dated, notes)
    if not _HAS_WORD.search(head.text):
        notes.append(
            Diagnostic(
                source,
                "the title has no letters or digits; the URL is made from the file name (check the first line)",
                head.line,
            )
        )
    return head


def _text_as_title(
    source: str,
    numbered: list[tuple[int, str]],
    lines: list[str],
    first: int,
    byline: str | None,
    dated: Dates,
    notes: list[Diagnostic],
) -> Title | None:
    """A title made of the text's first words, when numbered[first] is no title line but the
    text: a paragraph or a dateline over one."""
    title_line = numbered[first][0]
    # No title line: the file opens with its text, whose first paragraph begins with a wire
    # dateline ("القاهرة في 19 أبريل 2024 (أ ش أ) - أعلن ...", "CAIRO, April 19, 2024 (Reuters) -
    # Egypt said ..."). The paragraph is kept whole as the first of the text, and dates the
    # article as such a paragraph under a title does; its words after the dateline give the title.
    if (untitled := _untitled(lines, title_line)) is not None:
        end, first_paragraph = first, None
        if untitled[2]:  # a first line that body_blocks left alone: the paragraph made of it and the lines under it
            first_paragraph = Block("p", " ".join(untitled[2]))
            end = first + len(untitled[2])
        notes.append(
            Diagnostic(
                source,
                f"no title line: the first line opens with a dateline ({untitled[0]!r}) and goes on as the text, "
                "so it is kept whole as the first paragraph and the words after the dateline are used as the "
                "title (put a short title line first)",
                title_line,
            )
        )
        return Title(title_line, untitled[1], end, byline, True, first_paragraph, None)
    if byline is not None or (over := _dateline_over_text(lines, numbered, first)) is None:
        return None
    # No title line either: a wire dateline alone on the first line, whose dash leads into
    # the text under it ("CAIRO, April 19, 2024 (Reuters) -" / "Egypt said ..."). It dates the
    # article and is kept as its dateline, as under a title; the text gives the title.
    byline = numbered[first][1]
    if isinstance(over[0], dt.date):
        dated.place(over[0], numbered[first])
    elif over[0] is not None:  # "بغداد في 31 نيسان 2024 (أ ش أ) -": said on its line, as under a title
        dated.impossible_place(numbered[first], over[0])
    end = first + 1
    while end < len(numbered) and dated.take(numbered[end]):  # a date line under the dateline, as above a title
        end += 1
    notes.append(
        Diagnostic(
            source,
            f"no title line: the first line is a dateline ({byline!r}) leading into the text under it, so it "
            "is kept as the dateline and the words of the first paragraph are used as the title (put a short "
            "title line first)",
            title_line,
        )
    )
    return Title(title_line, over[1], end, byline, True, None, None)


def _untitled(lines: list[str], n: int) -> tuple[str, str, list[str]] | None:
    """(the dateline, a title from the words after it, the paragraph's lines when body_blocks did not
    join them) when line n opens a paragraph that begins with a wire dateline (_opening_dateline) and
    goes on as a sentence: text, not a title line. A dateline and a short title after it
    ("القاهرة - 19 أبريل 2024 - افتتاح معرض الكتاب") is left as the title it may be."""
    if (opening := _opening_dateline(lines[n - 1])) is None:
        return None
    paragraph, taken = body_blocks(lines, n)[0], []
    # Hard-wrapped by hand, or narrower than the paragraphs after it, the first line stops short
    # of the width body_blocks joins at, so it is left alone ("CAIRO, April 19, 2024 (Reuters) - Egypt
    # said on" / "Friday that ..."). A wire agency's credit in its dateline says it is wire copy,
    # not a title: it goes on in the lines under it, to the first that ends a paragraph.
    if paragraph.text == lines[n - 1] and is_credited(opening) and not ends_paragraph(lines[n - 1]):
        taken = [lines[n - 1]]
        while n + len(taken) <= len(lines) and lines[n + len(taken) - 1] and not ends_paragraph(taken[-1]):
            taken.append(lines[n + len(taken) - 1])
        paragraph = Block("p", " ".join(taken)) if len(taken) > 1 else paragraph
    if paragraph.kind != "p" or (lead := _opening_dateline(paragraph.text)) is None:
        return None
    rest = strip_into_text(paragraph.text[len(lead) :])
    if looks_like_title(rest) or not _HAS_WORD.search(rest):
        return None
    return lead, _title_of_text(rest), taken if len(taken) > 1 else []


def _opening_dateline(text: str) -> str | None:
    """The dateline that opens a paragraph and leads into its text: lead_dateline's, or a wire
    dateline with its credit but no whole date, as wire services write it without the year
    ("PARIS, April 19 (AFP) -", "القاهرة (أ ش أ) -": wire_dateline), which dates nothing."""
    if (lead := lead_dateline(text)) is not None:
        return lead[1]
    found = openings(text)
    if not found:
        return None
    opening = found[0]
    return opening if is_credited(opening) and (wire_dateline(f"{opening} -") or yearless_dateline(opening)) else None


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
    paragraph = body_blocks(lines, numbered[under][0])[0]
    if paragraph.kind != "p" or not _HAS_WORD.search(paragraph.text):
        return None
    return day, _title_of_text(paragraph.text)


def _title_of_text(text: str) -> str:
    """A title made of the beginning of the text, for a file with no title line: the text
    without its final stop, or cut at a word with "…" past TITLE_CUT_CHARS."""
    return text.rstrip(" .,،;؛:!?؟…") if len(text) <= TITLE_CUT_CHARS else shorten(text, TITLE_CUT_CHARS)


def _title_line(
    source: str,
    numbered: list[tuple[int, str]],
    lines: list[str],
    first: int,
    byline: str | None,
    dated: Dates,
    notes: list[Diagnostic],
) -> Title:
    """The title on numbered[first] and the line it is hard-wrapped onto, without its label, its
    date pending (_date_of_title), and cut short when it is a paragraph (_paragraph_as_title)."""
    title_line, title = numbered[first]
    end = first + 1
    if end < len(numbered) and _wraps_onto(title, numbered, end, lines):  # a title hard-wrapped as its text
        title = f"{title} {numbered[end][1]}"
        end += 1
    written = title  # the title line(s) as written: the first paragraph, if too long for a title
    title = _TITLE_LABEL.sub("", strip_invisible(title).strip())  # "العنوان: ..." as exported
    title, title_date = _date_of_title(source, title, title_line, dated, notes)
    title, first_paragraph = _paragraph_as_title(source, title, written, title_line, end - first == 2, notes)
    return Title(title_line, title, end, byline, False, first_paragraph, title_date)


def _wraps_onto(title: str, numbered: list[tuple[int, str]], i: int, lines: list[str]) -> bool:
    """Whether the title (the line before numbered[i]) goes on in line i: right under it, in a
    file hard-wrapped at a width (wrap_width) that the title fills, and line i is neither a date
    line nor a byline, and ends the heading: a blank line, a date line or a byline follows (the
    first line of a paragraph would go on in the next)."""
    n, line = numbered[i]
    if n != numbered[i - 1][0] + 1 or len(title) < WRAP_MIN_WIDTH:
        return False
    if i + 1 < len(numbered):
        after_n, after = numbered[i + 1]
        if after_n == n + 1 and not is_date_line(after) and not is_byline(after):
            return False
    width = wrap_width(line_groups(lines, n - 1))
    return (
        width is not None
        and fills_line(title, line, width, slack=False)
        and not is_date_line(line)
        and not is_byline(line)
        and place_dateline(line) is None
    )


def _date_of_title(
    source: str, title: str, title_line: int, dated: Dates, notes: list[Diagnostic]
) -> tuple[str, tuple[dt.date, str, str] | None]:
    """The title without the date it ends with, and that date, pending (extract._settled_title)."""
    # "Title - 19 April 2024" on one line: the date is the article's, the rest its title. Under
    # a dateline of another day it is part of the title ("ذكرى دير ياسين - 9 أبريل 1948").
    # Without a date line, whether the title's date is the article's is decided once the file's
    # other dates (the last line, a dateline opening the text, the path) are known: until then
    # the title is read without it, as before.
    title_date: tuple[dt.date, str, str] | None = None  # (day, its text, the whole title line)
    if (
        (dated_title := TITLE_DATE.match(title))
        and (in_title := dates.dateline_dates(dated_title["date"]))[0] is not None
        and in_title[1] is None
        and dated.date in (None, in_title[0])
    ):
        if dated.date is None:
            title_date = (in_title[0], dated_title["date"], title)
        title = dated_title["title"]
    elif dated_title and dated.date is None and (impossible := impossible_date(dated_title["date"])) is not None:
        dated.impossible = True
        message = (
            f"the title line ends with an impossible date ({impossible}); it is kept in the title "
            "and the article is listed as undated"
        )
        notes.append(Diagnostic(source, message, title_line))
    return title, title_date


def _paragraph_as_title(
    source: str, title: str, written: str, title_line: int, wrapped: bool, notes: list[Diagnostic]
) -> tuple[str, Block | None]:
    """The title, and None; or, for a title line too long to be one, its beginning and the
    line(s) as written, kept as the first paragraph."""
    if not (len(title) > TITLE_MAX_CHARS or (len(title) > TITLE_SENTENCE_CHARS and PARAGRAPH_END.search(title))):
        return title, None
    first_paragraph = Block("p", written)
    title = shorten(title, TITLE_CUT_CHARS)
    sentence = ", and it ends a sentence" if len(first_paragraph.text) <= TITLE_MAX_CHARS else ""
    length = len(first_paragraph.text)
    said, kept = f"the first line is {length} characters long", "the whole line is"
    if wrapped:  # a title hard-wrapped over two lines (_wraps_onto), measured joined
        said = f"the first two lines (a title hard-wrapped) are {length} characters long together"
        kept = "the whole of them is"
    notes.append(
        Diagnostic(
            source,
            f"{said}{sentence}, too long for a title; its beginning is used as the title and {kept} kept "
            "as the first paragraph (put a short title line first)",
            title_line,
        )
    )
    return title, first_paragraph


def under_title(numbered: list[tuple[int, str]], lines: list[str], head: Title, dated: Dates) -> Under:
    """The byline, date, update and tags lines under the title (up to three of them), read into
    dated; or a subtitle over the date line."""
    i, byline, title = head.end, head.byline, head.text
    named: list[str] = []
    taken: int | None = None
    # While it is pending, a title's date is read as the article's, unless it names an event
    # ("حرب أكتوبر - 6 أكتوبر 1973"): then, as under an undated title, a date line under a
    # subtitle, or a dateline under a byline, gives the article its date.
    title_dates = head.date is not None and not names_event(title, head.date[1])
    # Right after the title: an optional byline/dateline, date and update line, in any order. A
    # line that is only a date ("Updated: April 20, 2024", "الجمعة - 19 أبريل 2024") is a date
    # line even where it would pass for a dateline with a place or a byline.
    for _ in range(0 if head.opens_text else 3):
        if i >= len(numbered):
            break
        line = numbered[i][1]
        if dated.take(numbered[i]) or (byline is None and (byline := dated.byline(numbered[i]))):
            i += 1
            continue
        if _take_labelled(numbered, i, dated):  # "تاريخ الخبر:" / "19 أبريل 2024": one date line
            i += 2
            continue
        if (listed := TAGS_LINE.match(line)) is not None:
            named.extend(split_tags(listed["tags"]))
            i += 1
            continue
        if _BODY_LABEL.fullmatch(line):  # "النص:" over the text, as exported: no paragraph
            i += 1
            break
        if opens_wrapped_paragraph(lines, numbered[i][0]):
            break
        if (byline is None or (dated.date is None and not title_dates)) and (placed := place_dateline(line)):
            # Under a byline ("By Jane Doe" / "DUBAI, March 3, 2023 (Reuters) -"), the dateline
            # gives the date and joins the byline, as a byline's second line does.
            dated.place(placed, numbered[i])
            byline = line if byline is None else join_byline(byline, line)
            i += 1
            continue
        if byline is None and (impossible := impossible_place_dateline(line)) is not None:
            byline = line  # "بغداد في 31 نيسان 2024" under the title: said as above it, not "no date found"
            dated.impossible_place(numbered[i], impossible)
            i += 1
            continue
        if goes_on_byline(byline, line) or (
            is_byline(line)
            and (
                byline is None or (BYLINE_MARKED.match(line) and (place_dateline(byline) or yearless_dateline(byline)))
            )
        ):
            # The author under a dateline with a place ("CAIRO, April 19, 2024 (Reuters)" / "By
            # Jane Doe", also without the year: "أبوظبي في 3 ديسمبر / وام /"), or the agency under
            # the author ("By JANE DOE" / "Associated Press"), joins it, as a byline's second line does.
            byline = line if byline is None else join_byline(byline, line)
            i += 1
            continue
        if (
            i + 1 < len(numbered)
            and (byline is not None or len(line) < len(title))  # a title is longer than a name
            and _is_name(line)
            and is_date_line(numbered[i + 1][1])
        ):
            # A short line right above the date line: the author's name without a keyword
            # ("أحمد محمد"), or the second line of a byline ("By JANE DOE" / "Associated Press").
            byline = line if byline is None else join_byline(byline, line)
            i += 1
            continue
        if (
            dated.date is None
            and not title_dates
            and i + 1 < len(numbered)
            and len(line) <= TITLE_MAX_CHARS
            # a lead-in: the date is the one it announces ("The deadline is:"); a date's label
            # ("التاريخ:") was taken with its date above
            and not line.endswith(":")
            and is_date_line(numbered[i + 1][1])
            and dated.take(numbered[i + 1])
        ):
            # A subtitle between the title and the date line ("Talks expected to last two
            # days"): the first paragraph, and the date line the date, as right under the title.
            taken = numbered[i + 1][0]
        break
    return Under(i, byline, tuple(named), taken)


def _take_labelled(numbered: list[tuple[int, str]], i: int, dated: Dates) -> bool:
    """Whether numbered[i] is a date's label alone on its line over the date line under it
    (dates.labels_date): the two are read into dated as one date or update line, on the date's
    line number, as the same words on one line are ("آخر تحديث:" / "20 أبريل 2024" is the update)."""
    line = numbered[i][1]
    if not line.endswith(":") or i + 1 >= len(numbered) or not dates.labels_date(line, numbered[i + 1][1]):
        return False
    n, date = numbered[i + 1]
    return dated.take((n, dates.labelled(line, date)))


def _is_name(line: str) -> bool:
    """A name, an agency or a newspaper: a few words, no digits, no sentence punctuation, none
    of the words that make a phrase (datelines._PHRASE_WORDS; also after و or ف: "وفي")."""
    if not (len(line) <= 50 and len(line.split()) <= 5 and is_heading(line)) or any(c.isdigit() for c in line):
        return False
    return not is_phrase(line)


def looks_like_title(line: str) -> bool:
    """Short enough and not a sentence: what a title line looks like."""
    return len(line.split()) <= 25 and not line.endswith((".", "؟", "?", "!", "…", ":"))


def shorten(text: str, limit: int) -> str:
    """text cut at a word boundary before limit characters, with an ellipsis."""
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,.،;؛:") + "…"
