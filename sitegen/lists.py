"""Lists typed in plain text: which lines are items, of which list, and how deep. Pure.

Lines that open with a marker ("•", "-", "1.", "٢)", "(أ)", "أولاً:") are items when two or more of one
list come together and, if numbered, their numbers follow on (but for a typo); an item indented
under another, or typed with the next level's bullet, is inside it. blocks.py asks this of the
body's paragraphs.
"""

from __future__ import annotations

import itertools
import re
from itertools import pairwise

from sitegen.arabic import ORDINAL_ITEM, bullet_level, is_numbered_item, item_number

# A list marker as typed: bullets (also as word processors export them to plain text: ●, ·, ■,
# ✓), a dash, a number with a dot, a bracket or a dash ("1.", "٢)", "1 )", "١- ", "3 - "; not a
# range, "20 - 30 ألف"), a number or letter in brackets ("(1)", "(أ)", "(a)"), or a letter with
# a dash or bracket ("أ- ", "ب) ", "a) "; not an initial, "A. Smith", nor أ. for أستاذ). Arabic
# copy often has the dash or dot against the word ("1-رفع الأجور", "-رفع الأجور"): a marker too,
# as an Arabic letter never follows a number or a dash so in a sentence (scores and decimals,
# "3-0", "1.5", have digits). A slash or a tatweel after a number is a dash ("1/ ", "١ـ "; not
# "1/2", "1/ 2 كوب", "15/4/2024"). Notes as Word saves them, "[1] ", are numbered too; "(c)" before
# a year or "Copyright" is a copyright sign.
# Word saves its second and third levels as "o" and "§" (the glyphs of its Courier New and
# Wingdings bullets) and a tab: bullets only with a space after them, and "§" not before a number
# ("§ 3 of the Act": a section of a law).
_BULLET_SIGNS = "•*▪◦●○■□◆◇►▶➢✓✔·"
_WORD_BULLETS = ("o ", "§ ")
BULLET = re.compile(
    rf"^(?:[{_BULLET_SIGNS}]|[-–](?= |[\u0621-\u064a])|o(?= )|§(?= (?![0-9٠-٩۰-۹]))"
    r"|[0-9٠-٩۰-۹]{1,2}(?: ?[.)](?= )| ?[-–](?= (?![0-9٠-٩۰-۹]))|[-–.)](?=[\u0621-\u064a])"
    r"|[/ـ](?= (?![0-9٠-٩۰-۹])|[\u0621-\u064a]))"
    r"|\((?![cC]\) (?:[0-9٠-٩۰-۹]{4}|(?i:copyright)))(?:[0-9٠-٩۰-۹]{1,2}|[\u0621-\u064aA-Za-z])\)(?= )"
    r"|\[[0-9٠-٩۰-۹]{1,2}\](?= )"
    r"|(?:[\u0621-\u064a][-–)]|[A-Za-z]\))(?= )"
    rf"|{ORDINAL_ITEM})"
)


# ... but under "(b) ...", "(c)" is a lettered list's next letter, whatever follows it.
_THIRD_LETTER = re.compile(r"\([cC]\)(?= )")


def list_marker(line: str, above: str = "") -> re.Match[str] | None:
    """BULLET's match of a line, or of the "(c)" of a line right under "(b) ..." ("(C)" under
    "(B) ..."): a lettered list's third item ("(c) 2024 budget review"), not a copyright sign."""
    found = BULLET.match(line)
    if found is None and line[:4] in ("(c) ", "(C) ") and above[:4] == f"({chr(ord(line[1]) - 1)}) ":
        return _THIRD_LETTER.match(line)
    return found


def bulleted(text: str) -> bool:
    """Whether a line opens with a bullet or a dash and a space, not a number or a letter."""
    return text[:1] in _BULLET_SIGNS or text[:2] in ("- ", "– ", *_WORD_BULLETS)


# Word's second-level bullet before English words, typed with a space: also a line of verse or a
# sentence ("o captain, my captain", "o say can you see").
_O_BEFORE_LATIN = re.compile(r"o [\W\d_]*[A-Za-z\u00c0-\u024f]")
# ... but saved by Word with a tab after it, or copied out of Word with the tab made spaces up to
# the tab stop or a no-break space, it is the bullet: verse has one space after "o".
_WORD_O = re.compile(r"o(?:\t| {2}|\u00a0)")


def outside_word_lists(paragraphs: list[str], kinds: list[str | None], typed: list[str]) -> set[int]:
    """The paragraphs (their indices, made no list's by setting kinds to None) that open with Word's
    second-level bullet "o " and English words, under no line of a list, and typed with a space
    where Word saves a tab (typed: each paragraph's first line as typed, or []): verse or
    sentences, not a list. Under an item ("· Raise wages" over "o in the public sector") or a
    lead-in ending with a colon ("The plan includes:"), after a tab ("o\tcut taxes"), two spaces
    or a no-break space (_WORD_O) or before Arabic words ("o رفع الأجور"), "o" is Word's bullet."""
    found: set[int] = set()
    for n, text in enumerate(paragraphs):
        if kinds[n] != "ul" or not text.startswith("o ") or (n and kinds[n - 1] is not None):
            continue
        if n and paragraphs[n - 1].rstrip().endswith(":"):
            continue
        if _O_BEFORE_LATIN.match(text) and not (typed and _WORD_O.match(typed[n].lstrip())):
            kinds[n] = None
            found.add(n)
    return found


def indent_of(line: str) -> int:
    """How far a line as typed is indented: its leading spaces, a tab as far as four."""
    return len(line[: len(line) - len(line.lstrip())].expandtabs(4))


def item_depths(paragraphs: list[str], items: list[bool], indents: list[int]) -> list[int]:
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


def counted_on(paragraphs: list[str], kinds: list[str | None], indents: list[int]) -> list[int]:
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


def goes_under(first: str, first_typed: str, line: str, line_typed: str) -> bool:
    """Whether a line goes on the list item that opens its paragraph (first, clean and as
    typed): it opens with no list marker and is indented under the item's text, two spaces or
    more further than the item but no further than its text begins ("• رفع الأجور في القطاع"
    over "  العام والخاص"; "1. Raise wages in the" over "   public sector"), however short the
    item's first line. A paragraph indented further (its first line, "    وقال الوزير ...") is
    no part of the item above it, nor is a line longer than one wrapped there could be, whose
    first word would have fit on the item's line ("1- المحور الأول" over "   وقال المتحدث ...":
    a section's text under its name)."""
    if line_typed[:1] not in (" ", "\t") or (marker := BULLET.match(first)) is None or BULLET.match(line):
        return False
    typed = first_typed.expandtabs(4).rstrip()
    text = typed.lstrip()
    after = text[marker.end() :]
    starts = len(typed) - len(text) + marker.end() + len(after) - len(after.lstrip())  # where the item's text begins
    wrapped = len(line_typed.expandtabs(4).rstrip()) <= len(typed) + 1 + len(line.split(" ", 1)[0])
    return wrapped and indent_of(first_typed) + 2 <= indent_of(line_typed) <= starts


def lists_on(line: str, following: list[str]) -> bool:
    """Whether a line and the one after it (if any) open with markers of one kind of list."""
    kind = list_of_line(line)
    return kind is not None and bool(following) and list_of_line(following[0]) == kind


def list_items(paragraphs: list[str], kinds: list[str | None]) -> list[bool]:
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


def under_numbered(paragraphs: list[str], kinds: list[str | None], indents: list[int], blank: list[bool]) -> list[int]:
    """For each line with a list marker that is a sub-item of a numbered line above it, that
    line's index (else -1): indented two spaces or more further than it ("1. Wages", "   -
    minimum wage"), or bulleted at its indentation up to the next numbered line, which goes on
    its numbers ("1- الأجور", "• الحد الأدنى", "• الحوافز", "2- المعاشات"): the numbered lines
    are one list, however many sub-items come between them. Once a list has such sub-items, so
    do its items after (its last, "ثانياً: ..." over "أ- ..." at the end), but not a list after
    a blank line (blank: whether one is right above each line), which is a list of its own.
    A word processor's second or third level ("1. Raise wages", "o in the public sector") right
    under a numbered line or its sub-items is one too, also under the last or only numbered line.
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
            base >= 0
            and kind == "ul"
            and (
                (bridged and not blank[n])
                or _goes_on(paragraphs, kinds, base, beyond[n])
                or (not blank[n] and bullet_level(paragraphs[n]) > 1 and base in (n - 1, parents[n - 1]))
            )
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


def nested_items(paragraphs: list[str], kinds: list[str | None], parents: list[int]) -> list[bool]:
    """list_items, of a body where some lines are sub-items of a numbered line (parents): the other
    paragraphs are read as if those were not there, and the sub-items of an item are items;
    those of a numbered line that is no item are read on their own, as a list may be. A numbered
    line over a word processor's second level ("o ...") is an item, alone too: its list's first level."""
    top = [n for n, up in enumerate(parents) if up < 0]
    items = [False] * len(kinds)
    for n, item in zip(top, list_items([paragraphs[n] for n in top], [kinds[n] for n in top]), strict=True):
        items[n] = item
    for n, up in enumerate(parents):
        if up >= 0 and n == up + 1 and bullet_level(paragraphs[n]) > 1:
            items[up] = True
    for _, run in itertools.groupby(range(len(kinds)), lambda n: parents[n] >= 0):
        under = list(run)
        if parents[under[0]] < 0:
            continue
        alone = list_items([paragraphs[n] for n in under], [kinds[n] for n in under])
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
    that open with years are never numbered items (BULLET: one or two digits), and numbers
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


def list_of_line(text: str, long: bool = False, above: str = "") -> str | None:
    """The list (ol or ul) of a short line (or, if long, of any) that opens with a list marker
    (list_marker, under the paragraph above), else None; points numbered with ordinals ("أولاً:
    ") are a list of their own ("ordinal"): one that heads a list numbered with digits ("أولاً:
    المطالب" over "1- رفع الأجور") is not its first item."""
    if (len(text) > _LIST_ITEM_MAX and not long) or not list_marker(text, above):
        return None
    if re.match(ORDINAL_ITEM, text):
        return "ordinal"
    return "ol" if is_numbered_item(text) else "ul"


def with_long_items(paragraphs: list[str], kinds: list[str | None]) -> list[str | None]:
    """kinds, with the list of a long line that opens with a list marker when it is among short
    lines of that list, in a run of lines of that list with no more long ones than short: one
    long point among short ones ("1- رفع الأجور", "2- زيادة المعاشات ..." over 250 characters,
    "3- دعم المزارعين") is an item of their list; alone, it cut the list in two, its neighbours
    left alone (numbered ones made subheadings). Long lines with markers among their like ("1.
    في المحور الأول، ...", "2. وفي المحور الثاني، ...", a shorter "3." among them) stay
    paragraphs."""
    longs = [
        list_of_line(text, long=True, above=paragraphs[n - 1] if n else "")
        if kind is None and len(text) > _LIST_ITEM_MAX
        else None
        for n, (text, kind) in enumerate(zip(paragraphs, kinds, strict=True))
    ]
    found = list(kinds)
    for kind, run in itertools.groupby(range(len(kinds)), lambda n: kinds[n] or longs[n]):
        lines = list(run)
        long = [n for n in lines if longs[n] is not None]
        if kind is not None and long and len(long) <= len(lines) - len(long):
            for n in long:
                found[n] = kind
    return found
