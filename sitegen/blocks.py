"""The body of a plain-text article: its lines -> paragraphs, subheadings, list items, section breaks. Pure.

A plain-text file has no markup, so each block's kind is read from its lines: a line is a paragraph
of its own unless it was hard-wrapped (long and cut mid-sentence, or filling the width the file
was wrapped at), a short heading-like line is a subheading, and a rule line between paragraphs is
a section break. Which lines are list items, and how deep, lists.py says.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from itertools import pairwise

from sitegen import dates
from sitegen.arabic import loose, loose_phrases, to_western_digits
from sitegen.bylines import SENTENCE_END, is_byline
from sitegen.lists import (
    BULLET,
    bulleted,
    counted_on,
    goes_under,
    indent_of,
    item_depths,
    list_items,
    list_marker,
    list_of_line,
    lists_on,
    nested_items,
    outside_word_lists,
    under_numbered,
    with_long_items,
)
from sitegen.model import Block

# A table typed with dashes: a rule in columns ("-----     -----"), or a row next to a rule with
# columns three spaces or a tab apart, or with bars ("| Ali | 10 |"). Two spaces end sentences.
_COLUMNS = re.compile(r"\S(?: {3,}|\t)\S|\|")

HEADING_MAX_WORDS = 10
HEADING_MAX_CHARS = 90
WRAP_MIN_CHARS = 55  # a line this long that ends mid-sentence is a hard-wrapped paragraph
WRAP_MIN_WIDTH = 30  # the narrowest and widest hard-wrapping width recognized (columns, e-mail, wires)
WRAP_MAX_WIDTH = 100
# A longer line was not hard-wrapped: it is a paragraph of its own, its final stop left out (as
# much Arabic copy does), not the first part of one.
WRAP_LINE_MAX = 2 * WRAP_MAX_WIDTH
PARAGRAPH_END = re.compile(r"[.!?؟…][\"'”’»)\]]*$")  # a comma or colon goes on in the next line
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


def body_blocks(
    lines: list[str], start: int, typed: Sequence[str] = (), breaks: Sequence[int] = ()
) -> tuple[Block, ...]:
    """Body lines (1-based start) -> paragraphs, subheadings and list items; the lines as typed
    (typed, their spaces not collapsed) tell a sub-item indented under an item (item_depths). A rule
    line between two paragraphs (breaks: the indexes of such lines, in order) is a section break,
    an "hr" block, but not under a subheading, which it underlines.

    Blank lines separate blocks; inside a block, each line is its own paragraph unless it is
    a long line (but not longer than WRAP_LINE_MAX, unless the next opens with an English word
    in lower case) ending mid-sentence (a hard-wrapped paragraph), which is joined to the next.
    Lines quoted with ">" are never joined.
    In a file hard-wrapped at a narrower width (wrap_width), a line that fills that width is
    joined to the next as well.
    """
    groups = line_groups(lines, start)
    width = wrap_width(groups)
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
                and list_marker(line, parts[0])
                and (BULLET.match(parts[0]) or lists_on(line, group[n + 1 : n + 2]))
                and not (width and fills_line(previous, line, width, slack=False))
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
                        and goes_under(parts[0], typed[firsts[-1]], line, typed[index])
                        and indent_of(typed[index]) not in indented
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
    # a long one among short ones is an item: with_long_items); a numbered item's number
    # follows the one before ("1-", "2-"; "3.", "4."), so "7." after "3." or a second "1-" is
    # no item of that list, unless three or more numbered lines in a row go up but for a typo
    # ("1-", "2-", "2-", "4-": lists._mistyped_list) or are all "1." (as Markdown is typed,
    # maybe counted on: lists._numbered_one). The sub-items of a numbered item do not come
    # between it and the next (under_numbered). A heading-like line is a subheading, unless it
    # is one of three or more in a row (names one per line, the verses of a poem), which are
    # text; a section and its subsection are two.
    kinds = with_long_items(
        paragraphs, [list_of_line(text, above=paragraphs[n - 1] if n else "") for n, text in enumerate(paragraphs)]
    )
    # ... but "o captain, my captain" under no list is verse, not Word's second level (outside_word_lists)
    unlisted = outside_word_lists(paragraphs, kinds, [typed[first] for first in firsts] if typed else [])
    indents = [indent_of(typed[first]) if kind and typed else 0 for first, kind in zip(firsts, kinds, strict=True)]
    indents = counted_on(paragraphs, kinds, indents)
    parents = under_numbered(paragraphs, kinds, indents, [f > 0 and not lines[f - 1] for f in firsts])
    if kinds.count(None) >= len(kinds) - 1:
        items = [False] * len(kinds)
    elif parents.count(-1) == len(parents):
        items = list_items(paragraphs, kinds)
    else:
        items = nested_items(paragraphs, kinds, parents)
        indents = [max(indents[n], indents[up] + 2) if up >= 0 else indents[n] for n, up in enumerate(parents)]
    # A numbered or lettered line alone that reads as a heading ("1 - المحور الأول", "٢- النتائج",
    # "أ- المحور الاقتصادي", "(a) The economy") numbers a section: a subheading, as it was before
    # such markers made list items. A bulleted one ("• ...", "- ...") alone is text, as ever.
    headings = (
        [
            (kinds[n] is None or (not items[n] and not bulleted(text)))
            and n not in left_open
            and n not in unlisted  # text, as a bulleted line alone is
            and _reads_as_heading(text)
            and not _is_quoted(text)
            for n, text in enumerate(paragraphs[:-1])
        ]
        + [False]
    )
    depths = item_depths(paragraphs, items, indents) if any(items) else [0] * len(paragraphs)
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


def section_breaks(padded: str, rules: list[tuple[int, str]], typed: Sequence[str]) -> list[int]:
    """The indexes of the rule lines (rules: where extract._RULE_LINE found each in padded, the
    text with a newline in front, and the line) that may break sections: not a table's
    (_COLUMNS), in the rule or in a line next to it."""
    breaks: list[int] = []
    at = row = 0
    for start, rule in rules:
        row += padded.count("\n", at, start)  # the newline before the rule is the row's
        at = start
        if not any(_COLUMNS.search(line) for line in (rule.strip(), *typed[max(row - 1, 0) : row + 2 : 2])):
            breaks.append(row)
    return breaks


def _paragraph_indents(lines: list[str], start: int, typed: Sequence[str]) -> frozenset[int]:
    """How far the body's paragraphs are indented, as typed, where an archive indents them
    (two spaces, four, a tab): the indentation of each line with no list marker that opens a
    paragraph (the first of the body, or under a blank line or a line that ends one) and is
    not right under a list item. A line so indented under an item is a paragraph of its own,
    not the item's text going on (goes_under)."""
    found: set[int] = set()
    for n in range(start - 1, len(typed)):
        if typed[n][:1] not in (" ", "\t") or not lines[n] or BULLET.match(lines[n]):
            continue
        above = lines[n - 1] if n >= start else ""
        if not above or (ends_paragraph(above) and not BULLET.match(above)):
            found.add(indent_of(typed[n]))
    return frozenset(found)


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


def line_groups(lines: list[str], start: int) -> list[list[str]]:
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


def opens_wrapped_paragraph(lines: list[str], n: int, *, own_block: bool = False) -> bool:
    """Whether line n (1-based) begins a hard-wrapped paragraph: its first line may be short
    enough to pass for a byline ("Report of the World Bank says ..."). With own_block, the width
    is that of line n's block alone, which may be wrapped though the paragraphs after it are one
    line each: what a line under a dateline that leads into the text (leads_on) is read by. One
    block is weaker evidence, so line n must fill it without slack: a long title right over the
    paragraph stops a few characters short of it, where the paragraph's first word would fit."""
    line, following = lines[n - 1], lines[n] if n < len(lines) else ""
    if not following or not fills_line(line, following, WRAP_MIN_WIDTH) or ends_paragraph(line):
        return False  # the usual byline is far too short to fill a line
    groups = line_groups(lines, n)
    if (width := wrap_width(groups)) is not None:
        return fills_line(line, following, width)
    return (
        own_block and (width := wrap_width(groups[:1])) is not None and fills_line(line, following, width, slack=False)
    )


def _ends_mid_sentence(line: str) -> bool:
    """Only the end of the (whitespace-collapsed) line is searched: a paragraph grows as it is joined."""
    return not SENTENCE_END.search(line[-8:]) and not line.endswith(("»", "”", '"', ")"))


def ends_paragraph(line: str) -> bool:
    """Whether a line ends a paragraph with its full stop (PARAGRAPH_END, searched in its end only)."""
    return PARAGRAPH_END.search(line[-8:]) is not None


def wrap_width(groups: list[list[str]]) -> int | None:
    """The width the body was hard-wrapped at, or None when its lines are paragraphs of their own.

    A wrapping tool (a terminal, a mail program, a wire service) breaks a line where the next
    word would not fit: no line with a space is longer than the width W, and a line followed by
    more of its paragraph plus that line's first word is longer than W (fills_line). A file is taken
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
            if fills_line(line, following, width):
                filled += 1
            elif 2 * len(line) > width and not ends_paragraph(line):
                short += 1
    return width if filled >= 2 and filled >= 3 * short else None


def fills_line(line: str, following: str, width: int, slack: bool = True) -> bool:
    """Whether the first word of the following line would not have fitted on this one; with a
    little slack for tools that balance lines (fmt) rather than fill each one in turn."""
    first_word = following.find(" ")
    length = len(line) + 1 + (first_word if first_word >= 0 else len(following))
    return length > width - width // 8 if slack else length > width


@dataclasses.dataclass(frozen=True)
class _WrappedBlock:
    """A blank-line separated block of a file hard-wrapped at width."""

    width: int
    fills: tuple[bool, ...]  # for each line but the last: fills_line
    one_paragraph: bool  # no line ends a sentence short of the width, as a paragraph's last does
    dash_list: bool  # lines open with "- ": a list, where one such line alone may be wrapped text
    verse: bool  # the last line is long and stops mid-sentence: verse or a list, not a paragraph's end

    @classmethod
    def of(cls, group: list[str], width: int) -> _WrappedBlock:
        fills = tuple(fills_line(a, b, width) for a, b in pairwise(group))
        return cls(
            width,
            fills,
            not any(not full and ends_paragraph(a) for a, full in zip(group, fills, strict=False)),
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
        if ends_paragraph(line) and not self.one_paragraph:
            return False
        if (
            ends_paragraph(line)
            and n == len(self.fills) - 1
            and (_ends_mid_sentence(following) or is_byline(following))
        ):
            return False  # a signature, source or date line under the paragraph is no sentence of it
        if (bullet := BULLET.match(following)) and (self.dash_list or bullet.group() not in ("-", "–")):
            return False
        if opens and self.width - len(line) >= max(8, self.width // 6) and is_heading(line):
            return fills_line(line, following, self.width, slack=False)  # the next word would have fitted
        return True


def is_heading(line: str) -> bool:
    """Short, heading-like lines: few words, no sentence punctuation, at least one letter."""
    if len(line) > HEADING_MAX_CHARS or len(line.split()) > HEADING_MAX_WORDS:
        return False
    if SENTENCE_END.search(line) or ":" in line or not re.search(r"[^\W\d_]", line):
        return False
    # "Updated 2 hours ago", "منذ 3 ساعات": the time of a site's page, not a section of the text
    # ("منذ 3 أشهر" may head a timeline's: extract.py reads it as the page's under the title),
    # also after its day ("7 أكتوبر 2023 - منذ عام"), which a date line may hold
    return (dates.date_line(line) is None or dates.says_long_ago(line)) and not dates.is_relative_time(
        line, long_ago=False
    )
