"""Pure helpers that turn records into what templates show: body HTML, excerpts, pagers,
plural categories, text direction. No I/O, no state."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from itertools import groupby
from typing import Any

from markupsafe import Markup, escape

from sitegen.arabic import ENGLISH_MAJORITY, count_scripts, is_numbered_item, item_bullet, item_number, to_arabic_digits
from sitegen.dateformat import hijri_date, iso_moment
from sitegen.dates import is_relative_time
from sitegen.model import Article, Block, Body
from sitegen.stemming import Memo, make_stems
from sitegen.urls import fixed_url, unreachable

_TAGS = re.compile(r"<[^>]+>")
# Tags that end a run of text (blocks, table cells, line breaks): a space where they were. Other
# (inline) tags go without one, so "<strong>Cairo</strong>." stays "Cairo.", not "Cairo .".
_BREAKING_TAGS = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|caption|"
    r"br|hr|figure|figcaption|section|details|summary)\b[^>]*>",
    re.IGNORECASE,
)
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
# A footnote mark (Python-Markdown's <sup id="fnref:1">): a number glued to the word in a lead.
_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.DOTALL)
# A bare URL: a scheme in any case (HTTPS://, as typed on phones and in old archives), or "www."
# and a host name with a dot (linked as https://). Not inside a word or an e-mail address: no
# letter, "@", ".", "-" or "/" just before "www.". The lookahead first lets the search skip to
# the letters h and w (twice as fast as trying the alternatives at every character).
_URL = re.compile(r"(?=[hHwW])(?:(?<!\w)[hH][tT][tT][pP][sS]?://|(?<![\w@./-])[wW]{3}\.(?=\w[\w-]*\.\w))[^\s<>\"'«»]+")
_HOST_END = re.compile(r"[/?#]")
# Punctuation of the sentence around a URL, not part of it ("…" ends a truncated one).
_URL_TRAILING = ".,،;؛:!?؟)]…"
_OPENING = {")": "(", "]": "["}


def linkify(text: str) -> Markup:
    """Escape plain text and turn bare URLs (http(s) in any case, www.) into links that stay
    left-to-right. The text is shown as typed; a www. address links to https://."""
    if not _may_have_url(text):  # most paragraphs: skip the URL search
        return escape(text)
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        url = _without_trailing(match.group(0))
        if url[0] in "wW":
            if "@" in _HOST_END.split(url, 1)[0]:  # www.x.org@mail.com: an e-mail address
                continue
            href = "https://" + url
        else:
            scheme, rest = url.split("://", 1)
            if not rest:  # "https://." names nothing
                continue
            href = scheme.lower() + "://" + rest
        href = fixed_url(href)
        if unreachable(href):  # "https://x.org[1]": text that only looks like an address
            continue
        out.append(escape(text[last : match.start()]))
        out.append(f'<a href="{escape(href)}" dir="ltr" rel="noopener noreferrer">{escape(url)}</a>')
        last = match.start() + len(url)
    out.append(escape(text[last:]))
    return Markup("".join(out))


# Digits in groups a space apart (also a no-break one): a telephone number ("+20 2 1234 5678",
# "0100 123 4567", "٠١٠٠ ١٢٣ ٤٥٦٧"), a number grouped by thousands ("1 000 000"). In a right-to-left
# paragraph the bidirectional algorithm lays such groups out right to left, the number then
# read "5678 1234 2 +20": each is kept left to right in a <bdo dir="ltr"> of its own. Not a
# <span dir="ltr">: it isolates the number, but Arabic-Indic digits ("٠١٠٠ ١٢٣ ٤٥٦٧") still
# make the spaces between their groups right to left inside it, shown in reverse as before
# (Chromium); an override lays every group out as typed, and its text stays as typed.
# Not after a letter, a sign or a separator ("A4 123", "10:30 45"), nor into a word. Sanitized
# Markdown writes a no-break space as &nbsp;.
_GROUPED = re.compile(r"(?<![\w+.,/:#\-])\+?\d{1,6}(?:(?:[ \u00a0\u202f]|&nbsp;)\d{1,6}){1,5}(?!\w)")
# Whether a text may hold one, tested quickly: a search that starts with a literal skips to it in C.
_SPACED_DIGIT = re.compile(r" (?<=\d )\d")
# A start or end tag of sanitized HTML: "/" if an end tag, the name, the attributes.
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_NOT_ISOLATED = frozenset({"code", "pre", "kbd", "samp", "math", "svg", "textarea", "script", "style"})
# Elements within a line of text, whose letters before a number count (see _spans): any other
# tag starts a new paragraph or line, read from the paragraph's direction.
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp"}
    | {"bdo", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
_ENTITY = re.compile(r"&#?\w+;")


def _is_grouped_number(number: str) -> bool:
    """Whether digit groups a space apart are one number: after a "+" (a country code), grouped
    by thousands (1–3 digits, then groups of 3), or 7 digits or more, as a telephone number has,
    unless every group is a year (Gregorian or Hijri: "2019 2020 2021", "1445 1446") or they are
    a day's date ("19 4 2024", "2024 4 19"): lists, read in the paragraph's direction."""
    if number[0] == "+":
        return True
    groups = number.replace("&nbsp;", " ").split()
    if len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:]):
        return True
    if sum(map(len, groups)) < 7:
        return False
    if len(groups) == 3 and _is_year(groups[0]) != _is_year(groups[2]):  # a date, either way round
        day = groups[0] if _is_year(groups[2]) else groups[2]
        if len(day) <= 2 and len(groups[1]) <= 2 and 1 <= int(day) <= 31 and 1 <= int(groups[1]) <= 12:
            return False
    return not all(_is_year(group) for group in groups)


def _is_year(group: str) -> bool:
    """Whether a group of digits is a year of the archive's calendars, Hijri (1300–) or Gregorian."""
    return len(group) == 4 and 1300 <= int(group) <= 2099


def isolate_numbers(text: str) -> str:
    """Escaped text (or sanitized HTML: its tags kept, code left alone) with every grouped number
    (see _GROUPED) in a left-to-right <bdo>: for right-to-left paragraphs."""
    if not _may_hold_grouped(text):
        return text
    if "<" not in text:
        return _spans(text, False)[0]
    out: list[str] = []
    inside = 0  # depth in elements whose text stays as written
    isolating: list[bool] = []  # each open inline element: whether it isolates its text (dir, bdi)
    ltr = False  # whether the last strong letter of the line, outside isolated elements, is left to right
    last = 0
    for tag in _ANY_TAG.finditer(text):
        segment = text[last : tag.start()]
        if inside:
            out.append(segment)
            ltr = ltr if any(isolating) else _last_strong(segment, ltr)
        elif any(isolating):  # a link or span with its own direction: neutral to the text around it
            out.append(_spans(segment, False)[0])
        else:
            shown, ltr = _spans(segment, ltr)
            out.append(shown)
        out.append(tag.group(0))
        last = tag.end()
        name = tag.group(2).lower()
        if name in _NOT_ISOLATED:
            inside = max(inside + (-1 if tag.group(1) else 1), 0)
        if name not in _INLINE:  # a block or a line break: the next text starts in the paragraph's direction
            ltr = False
        elif tag.group(1):
            if isolating:
                isolating.pop()
        else:
            isolating.append(name == "bdi" or " dir=" in tag.group(0))
    out.append(text[last:] if inside else _spans(text[last:], ltr)[0])
    return "".join(out)


def _may_hold_grouped(text: str) -> bool:
    """Whether a text may hold a grouped number: a digit after a space after a digit, or a
    no-break space. Most paragraphs have neither, and this test is 3–5 times quicker than _GROUPED's search."""
    return _SPACED_DIGIT.search(text) is not None or "\u00a0" in text or "\u202f" in text or "&nbsp;" in text


def _spans(text: str, ltr: bool) -> tuple[str, bool]:
    """text with its grouped numbers in <bdo>s, and whether its last strong letter is left to
    right (``ltr``: the one before it). A number of European digits after a left-to-right letter
    ("Tel +20 2 1234 5678") is no span: the bidirectional algorithm keeps it in that letter's
    left-to-right run, and a span (an isolate) would lay it out apart, to the left of "Tel"."""
    if not _may_hold_grouped(text):
        return text, _last_strong(text, ltr)
    out: list[str] = []
    last = 0
    for match in _GROUPED.finditer(text):
        ltr = _last_strong(text[last : match.start()], ltr)
        number = match.group(0)
        joined = ltr and unicodedata.bidirectional(number[-1]) == "EN"
        out.append(text[last : match.start()])
        out.append(f'<bdo dir="ltr">{number}</bdo>' if not joined and _is_grouped_number(number) else number)
        last = match.end()
    out.append(text[last:])
    return "".join(out), _last_strong(text[last:], ltr)


def _last_strong(text: str, ltr: bool) -> bool:
    """Whether the last strong letter of escaped text is left to right (its character references
    are no letters); ``ltr`` when it has none."""
    for char in reversed(_ENTITY.sub("", text) if "&" in text else text):
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return True
        if kind in ("R", "AL"):
            return False
    return ltr


def _may_have_url(text: str) -> bool:
    """Whether text may hold a URL ("://" or "www." in some case), tested quickly: one-character
    tests are the fastest (two-character ones cost twice the old test for "http"), an Arabic
    paragraph has no "w", and lowering an English one is quicker than a regular expression."""
    return "/" in text or (("w" in text or "W" in text) and "www." in text.lower())


def _without_trailing(url: str) -> str:
    """The URL without the punctuation that follows it in the sentence. A ')' or ']' that
    closes one opened inside the URL stays: Wikipedia's .../Python_(programming_language)."""
    while url[-1] in _URL_TRAILING:
        opening = _OPENING.get(url[-1])
        if opening is not None and url.count(opening) >= url.count(url[-1]):
            break
        url = url[:-1]
    return url


def body_html(blocks: Iterable[Block], lang: str | None = None) -> Markup:
    """An article body as HTML: paragraphs and subheadings escaped, Markdown already sanitized.
    With the article's ``lang``, a paragraph in the other language gets its own lang and dir."""
    # tuple() of a Body would unpack it twice: once for its length, once for its items.
    blocks = blocks.blocks() if isinstance(blocks, Body) else tuple(blocks)
    mark = lang is not None and _may_hold_other(_TAGS.sub("", "\n".join(b.text for b in blocks)), lang)
    parts: list[str] = []
    # The lists being written, outermost first: each its tag ("ul" or "ol") and the numbers of
    # its items so far. An item stays open (no </li>) until the next at its level or above:
    # a sub-item's list goes inside it.
    lists: list[tuple[str, list[int | None]]] = []
    speaking: list[str | None] = []  # the other language of each open item, if it is in one
    levels = _levels(blocks)
    rebulleted = _rebulleted(blocks, levels)
    for n, block in enumerate(blocks):
        level = levels[n]
        number = item_number(block.text) if level >= 0 else None
        while len(lists) > level + 1:  # the sub-items end (all lists, at a paragraph)
            parts[-1] += "</li>"
            parts.append(f"</{lists.pop()[0]}>")
        if level >= 0 and len(lists) == level + 1:
            listed, numbers = lists[-1]
            parts[-1] += "</li>"  # the item before, at this level
            following = blocks[n + 1] if n + 1 < len(blocks) and levels[n + 1] == level else None
            if _list_of(block.text) != listed or _restarts(number, numbers, following) or n in rebulleted:
                parts.append(f"</{listed}>")
                lists.pop()
        if block.kind == "hr":  # a section break drawn in plain text
            parts.append("<hr>")
            continue
        if block.kind == "html":
            fragment = _marked_blocks(block.text, lang) if mark and lang else block.text
            if lang and "<img" in fragment:  # (an alt text is not in what _may_hold_other looked at)
                fragment = _marked_images(fragment, lang)
            parts.append(isolate_numbers(fragment) if lang == "ar" else fragment)
            continue
        other = other_lang(block.text, lang) if mark and lang else None
        attributes = f' lang="{other}" dir="{direction(other)}"' if other else ""
        shown = isolate_numbers if (other or lang) == "ar" else str
        if block.kind == "h2":
            ident = f' id="{escape(block.id)}"' if block.id else ""
            parts.append(f"<h2{ident}{attributes}>{shown(escape(block.text))}</h2>")
        elif level >= 0:
            if other is None and level and speaking[level - 1] and lang:  # under an item in the other language
                attributes = f' lang="{lang}" dir="{direction(lang)}"'
            del speaking[level:]
            speaking.append(other)
            if len(lists) == level:
                lists.append((_list_of(block.text), []))
                parts.append(f'<{lists[-1][0]} class="typed">')
            lists[-1][1].append(number)
            parts.append(f"<li{attributes}>{shown(linkify(block.text))}")
        else:
            parts.append(f"<p{attributes}>{shown(linkify(block.text))}</p>")
    while lists:
        parts[-1] += "</li>"
        parts.append(f"</{lists.pop()[0]}>")
    return Markup("\n".join(parts))


# Python-Markdown's footnote marks and back-links (markup.py, the footnotes extension), as the
# sanitizer (sanitize.py) leaves them. A note referred to twice has a back-link to each mark (#fnref2:NAME).
_FOOTNOTE_MARK = re.compile(r'(<a class="footnote-ref" href="#fn:([^"]*)")>([^<]*)</a>')
_FOOTNOTE_BACK = re.compile(r'(<a class="footnote-backref" href="#fnref\d*:([^"]*)")>\u21a9</a>')


# The list of notes under the text (Python-Markdown's footnotes), whose markers CSS counts.
_FOOTNOTE_LIST = re.compile(r'(<div class="footnote">\s*<hr>\s*)<ol>')


def labelled_footnotes(
    body: str, mark: Callable[[str], str], back: Callable[[str], str], digits: str = "western", *, styled: bool = True
) -> str:
    """Footnote links that say where they lead, in the article's language: the mark, whose text
    is a bare number, as ``mark(number)`` ("Footnote 1"); the back-link, whose text is an arrow,
    as ``back(number)`` ("Back to footnote 1 in the text"). The number is the one the mark
    shows, so the name holds the visible text (WCAG 2.5.3). The back-link's name is text, not an
    aria-label that leaves out the arrow it shows (axe: label-content-name-mismatch): the arrow,
    hidden from screen readers, and the label, hidden from the eye by the site's stylesheet. A
    page without it (``styled`` False: a feed) keeps the label as an aria-label, out of sight.
    The arrow gets the text presentation selector U+FE0E: without it iOS and Edge draw U+21A9 as
    a coloured emoji (as goldmark, pandoc and kramdown found). Under ``digits`` "arabic"
    (config.digits, on an Arabic page) the numbers are written ١٢٣ as the page's others are
    (Python-Markdown numbers `[^١]` 1), and the list of notes counts in them too (class
    digits-arabic, see style.css)."""
    if 'class="footnote-ref"' not in body:
        return body
    numbers: dict[str, str] = {}

    def marked(match: re.Match[str]) -> str:
        opening, name, number = match.groups()
        number = to_arabic_digits(number) if digits == "arabic" else number
        numbers.setdefault(name, number)
        return f'{opening} aria-label="{escape(mark(html.unescape(number)))}">{number}</a>'

    def backed(match: re.Match[str]) -> str:
        opening, name = match.groups()
        number = numbers.get(name)
        if number is None:
            return f"{opening}>\u21a9\ufe0e</a>"
        label = escape(back(html.unescape(number)))
        if not styled:
            return f'{opening} aria-label="{label}">\u21a9\ufe0e</a>'
        return f'{opening}><span aria-hidden="true">\u21a9\ufe0e</span><span class="visually-hidden">{label}</span></a>'

    labelled = _FOOTNOTE_BACK.sub(backed, _FOOTNOTE_MARK.sub(marked, body))
    return _FOOTNOTE_LIST.sub(r'\1<ol class="digits-arabic">', labelled) if digits == "arabic" else labelled


# A list Markdown numbered (its numbers drawn by the browser), not one typed in plain text
# (class "typed": its numbers are in its items' text) nor the notes' (labelled_footnotes), nor
# one whose items are all English (_marked_blocks), which counts 1, 2, 3 as its text reads.
_COUNTED_LIST = re.compile(r'<ol(?=[\s>])(?![^>]*\s(?:class=|lang="en"))')


def counted_in_digits(body: str, digits: str) -> str:
    """The body with the numbered lists of its Markdown counting in the page's digits: under
    ``digits`` "arabic" (config.digits, on an Arabic page) ١، ٢، ٣ (class digits-arabic, see
    style.css), as the page's other numbers and its notes do; the browser drew 1. 2. 3. A list
    typed in plain text shows the numbers it was typed with."""
    if digits != "arabic" or "<ol" not in body:
        return body
    return _COUNTED_LIST.sub('<ol class="digits-arabic"', body)


def _restarts(number: int | None, listed: list[int | None], following: Block | None) -> bool:
    """Whether a numbered item opens a list of its own after the items of the list being
    written (their numbers, listed): its number goes back ("1-", "2-", then "1-", "2-";
    "أولاً:", "ثانياً:", then "1-") or jumps forward by more than a typo's two ("1-", "2-",
    then "7-", "8-"), or it is a 1 counted on by a 2 under a list all numbered 1 ("1.", "1.",
    "1.", then "1-", "2-"), so a reader sees two lists. The extractor never makes one list of
    such numbers (its items follow each other, go up by 0 to 2 but for a typo, or are all 1,
    and it cuts the 1s from the counted list: lists._ones_before_a_count), and the page
    agrees. A number repeated or skipped by a typo ("1-", "2-", "2-", "4-") or each item
    numbered 1 ("1.", "1.", "1.") goes on the list."""
    before = listed[-1] if listed else None
    if number is None or before is None:
        return False
    if not 0 <= number - before <= 2:
        return True
    return (  # the items before are looked over last, only at a 1 followed by a 2: linear in a list of 1s
        number == 1
        and len(listed) >= 3
        and following is not None
        and following.kind == "li"
        and item_number(following.text) == 2
        and all(one == 1 for one in listed)
    )


def _levels(blocks: Sequence[Block]) -> list[int]:
    """The level of each list item on the page (-1 for any other block): its depth, but no
    more than one below the item before it, as a list can only be opened inside an item."""
    levels: list[int] = []
    before = -1
    for block in blocks:
        before = min(block.depth, before + 1) if block.kind == "li" else -1
        levels.append(before)
    return levels


def _rebulleted(blocks: Sequence[Block], levels: list[int]) -> set[int]:
    """Where a bulleted list typed right under another with a different bullet opens ("• a",
    "• b", then "- c", "- d"), which a reader sees as two lists: the index of its first item.
    The items of a list are those at its level, with no item above that level between them
    (sub-items are lists of their own). A list is cut where its bullet changes only if each
    bullet is typed in one stretch of two or more items; where a bullet comes back (bullets
    alternating: "• a", "- b", "• c") or one item alone has another (a stray bullet, which the
    extractor never makes a list of its own), the list is one, as typed."""
    cuts: set[int] = set()
    siblings: list[list[int]] = []  # the bulleted items of each level being read, outermost first
    for n, level in enumerate([*levels, -1]):
        while len(siblings) > level + 1:
            cuts.update(_bullet_cuts(blocks, siblings.pop()))
        if level < 0:
            continue
        if len(siblings) == level:
            siblings.append([])
        if _list_of(blocks[n].text) == "ul":
            siblings[level].append(n)
        else:  # a numbered item: a list of another kind
            cuts.update(_bullet_cuts(blocks, siblings[level]))
            siblings[level] = []
    return cuts


def _bullet_cuts(blocks: Sequence[Block], items: list[int]) -> list[int]:
    """Where the bulleted items of one level (indices in blocks) are cut into lists by their
    bullets (_rebulleted): the first item of each list but the first."""
    stretches = [(bullet, list(run)) for bullet, run in groupby(items, lambda n: item_bullet(blocks[n].text))]
    if 1 < len(stretches) == len({bullet for bullet, _ in stretches}) and min(len(r) for _, r in stretches) >= 2:
        return [run[0] for _, run in stretches[1:]]
    return []


def _list_of(item: str) -> str:
    """The list a typed item belongs to: numbered (1. / ١) / (1)) or not (• - *). Its marker stays
    in its text, as typed; the list's own markers are hidden (style.css: .typed)."""
    return "ol" if is_numbered_item(item) else "ul"


# A paragraph, heading, table cell, list item or figure caption that holds no other block, with
# its attributes.
_OWN_BLOCK = re.compile(
    r"<(p|h[1-6]|td|th|li|figcaption)\b([^>]*)>((?:(?!<(?:p|li|ul|ol|table|blockquote|div|pre)\b).)*?)</\1>", re.DOTALL
)
# What does not tell a paragraph's language: URLs and code read left to right in any language.
_NOT_PROSE = re.compile(r"<code\b.*?</code>|<[^>]+>|(?i:\bhttps?://|(?<![\w@./-])www\.)\S+", re.DOTALL)


_NOT_LATIN = bytes(sorted(set(range(256)) - set(string.ascii_letters.encode())))
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a]")


def _may_hold_other(text: str, lang: str) -> bool:
    """Whether text has a letter of the other script at all: most bodies have none, and then
    looking at each paragraph would cost a tenth of a page's rendering time for nothing.
    (Latin letters are found through bytes: a regular expression is ten times slower.)"""
    if lang == "ar":
        return bool(text.encode("ascii", "ignore").translate(None, _NOT_LATIN))
    return not text.isascii() and _ARABIC_LETTER.search(text) is not None


def other_lang(text: str, lang: str) -> str | None:
    """The language of a paragraph written in the other script than its article's (an Arabic
    statement quoted in an English report), by the rule that tells articles apart; None for
    the article's own language and for mixed text. Its direction must be its own: under the
    article's, its sentence-final punctuation is drawn at the wrong end of the line."""
    arabic, latin = count_scripts(_NOT_PROSE.sub(" ", text) if "<" in text or _may_have_url(text) else text)
    if lang == "ar":
        return "en" if latin > ENGLISH_MAJORITY * arabic else None
    return "ar" if arabic > ENGLISH_MAJORITY * latin else None


def title_view(title: str, lang: str) -> dict[str, Any]:
    """What every page shows of an article's title (``lang``: its article's): the text as typed
    (``title``, for <title>, meta tags, feeds and attributes), its language and direction when it
    is in the other script than its article (``title_lang``, ``title_dir``: None otherwise), and
    ``title_html``, the title as HTML: in a right-to-left one, each grouped number (a telephone
    number) in a left-to-right <bdo>, as in the body. Pages show a title in several places (the
    <h1>, cards, the links to the older and newer articles, translations); each takes this view,
    so that they all lay it out the same way."""
    other = other_lang(title, lang)
    shown = escape(title)
    if (other or lang) == "ar":  # the rule of body_html's paragraphs
        shown = Markup(isolate_numbers(shown))
    return {
        "title": title,
        "title_lang": other,
        "title_dir": direction(other) if other else None,
        "title_html": shown,
    }


# A quotation, table or list holding no other such block, with its attributes.
_OWN_GROUP = re.compile(
    r"<(blockquote|table|ol|ul)\b([^>]*)>((?:(?!<(?:blockquote|table|ol|ul)\b).)*?)</\1>", re.DOTALL
)


def _marked_blocks(fragment: str, lang: str) -> str:
    """A Markdown body's paragraphs, cells and items in the other language marked with it
    (_marked), and then each quotation, table and list whose blocks are all in it: its border,
    columns and numbers follow its text (an English quotation in an Arabic article has its
    border on the left). A mixed one keeps the article's direction."""
    marked = _OWN_BLOCK.sub(lambda m: _marked(m, lang), fragment)
    return _OWN_GROUP.sub(lambda m: _marked_group(m, lang), marked) if ' lang="' in marked else marked


def _marked_group(match: re.Match[str], lang: str) -> str:
    name, attributes, inner = match.groups()
    if " dir=" in attributes or " lang=" in attributes or '<li id="fn:' in inner:  # the notes count as their marks
        return match.group(0)
    other = "en" if lang == "ar" else "ar"
    rest = _OWN_BLOCK.sub(" ", inner)  # text outside its blocks (an item's own words above its sub-list)
    langs = {_lang_of(block.group(2), block.group(3), lang) for block in _OWN_BLOCK.finditer(inner)}
    langs.add((other_lang(rest, lang) or lang) if _worded(rest) else "")
    langs.discard("")  # a cell of figures, an empty item: in no language
    if langs != {other}:
        return match.group(0)
    return f'<{name}{attributes} lang="{other}" dir="{direction(other)}">{inner}</{name}>'


_LANG_OF = re.compile(r'\slang="([^"]*)"')


def _worded(text: str) -> bool:
    """Whether a block's text has a letter of either script (not figures, a bare address, code)."""
    arabic, latin = count_scripts(_NOT_PROSE.sub(" ", text))
    return bool(arabic or latin)


def _lang_of(attributes: str, text: str, lang: str) -> str:
    """The language of a block (_marked): the one its attributes give, or the article's (its
    own or mixed text), or "" for a block without words."""
    found = _LANG_OF.search(attributes)
    return found.group(1) if found else lang if _worded(text) else ""


def _marked(match: re.Match[str], lang: str) -> str:
    name, attributes, inner = match.groups()
    other = None if " dir=" in attributes or " lang=" in attributes else other_lang(inner, lang)
    if other is None:
        return match.group(0)
    return f'<{name}{attributes} lang="{other}" dir="{direction(other)}">{inner}</{name}>'


# A picture of a sanitized body (nh3: one space before each attribute, double quotes), and the
# attributes whose words it carries.
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_IMAGE_WORDS = re.compile(r' (?:alt|title)="([^"]*)"')


def _marked_images(fragment: str, lang: str) -> str:
    """A body's pictures whose alternative text (and title) is in another language than the
    element around them (the article's, or the paragraph's, quotation's or item's own), marked
    with it: a screen reader reads the alt text in its own voice, and a picture that does not
    load shows it laid out in its own direction. An Arabic picture in an English paragraph of an
    Arabic article is marked Arabic: the paragraph's lang would have it read as English."""
    pieces: list[str] = []
    done = 0
    # The open elements (sanitized HTML: every one is closed), each with the language inside it.
    around: list[tuple[str, str]] = []
    for tag in _ANY_TAG.finditer(fragment):
        closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            for at in range(len(around) - 1, -1, -1):
                if around[at][0] == name:
                    del around[at:]
                    break
        elif name == "img":
            context = around[-1][1] if around else lang
            words = " ".join(html.unescape(w) for w in _IMAGE_WORDS.findall(attributes))
            if words and " lang=" not in attributes and " dir=" not in attributes:  # else the author's
                other = other_lang(words, context.split("-")[0].lower())
                if other is not None:
                    pieces += (
                        fragment[done : tag.start()],
                        f'<img{attributes} lang="{other}" dir="{direction(other)}">',
                    )
                    done = tag.end()
        elif name not in _VOID_ELEMENTS:
            given = _LANG_OF.search(attributes)
            around.append((name, given.group(1) if given else around[-1][1] if around else lang))
    return "".join(pieces) + fragment[done:] if pieces else fragment


def word_count(blocks: Iterable[Block]) -> int:
    return len(body_text(blocks).split())


def body_text(blocks: Iterable[Block]) -> str:
    """The visible text of a body, a line per block: what its words are counted and searched in."""
    return "\n".join(plain_text(b.text) if b.kind == "html" else b.text for b in blocks)


def plain_text(markup: str) -> str:
    """Visible text of a sanitized HTML fragment, for excerpts and descriptions."""
    return " ".join(html.unescape(_TAGS.sub("", _BREAKING_TAGS.sub(" ", markup))).split())


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis, so excerpts never end mid-word."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,،.;؛:")
    return cut + "…"


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    prev_url: str | None
    next_url: str | None
    links: tuple[tuple[int | None, str | None], ...]  # (number, url); None marks a gap
    # Numbers a phone leaves out, so that the rest fit one row: two away from this page, with a
    # gap already beside them ("1 … 3 4 5 6 7 … 50" is "1 … 4 5 6 … 50"), never the first or last.
    far: frozenset[int] = frozenset()


def pages_of(items: tuple[Any, ...], per_page: int) -> list[tuple[Any, ...]]:
    if not items:
        return [()]
    return [items[i : i + per_page] for i in range(0, len(items), per_page)]


Months = dict[int, dict[int, list[Article]]]  # year -> month -> articles, in listing order


def by_month(articles: Iterable[Article], hijri_offset: int | None = None) -> tuple[Months, list[Article], int]:
    """Articles by year and month of their date (Gregorian, or Umm al-Qura Hijri when
    hijri_offset is given), the undated ones, and how many dated ones the Hijri tables cannot
    place (about before 1924 or after 2077): what an archive lists, and where."""
    years: Months = {}
    undated: list[Article] = []
    out_of_range = 0
    for article in articles:
        if article.date is None:
            undated.append(article)
            continue
        if hijri_offset is None:
            year, month = article.date.year, article.date.month
        else:
            try:
                year, month, _ = hijri_date(article.date, hijri_offset)
            except ValueError:
                out_of_range += 1
                continue
        years.setdefault(year, {}).setdefault(month, []).append(article)
    return years, undated, out_of_range


def month_pages(
    months: Sequence[tuple[int, Sequence[Any]]], per_page: int
) -> list[list[tuple[int, Sequence[Any], bool]]]:
    """An archive year's (month, articles) in order, cut into pages of at most per_page
    articles: (month, its articles on this page, whether the month began on an earlier page).
    A month runs on across pages, so that no page of a busy year gets too long to load."""
    pages: list[list[tuple[int, Sequence[Any], bool]]] = []
    page: list[tuple[int, Sequence[Any], bool]] = []
    room = per_page
    for month, items in months:
        start = 0
        while start < len(items):
            if room == 0:
                pages.append(page)
                page, room = [], per_page
            part = items[start : start + room]
            page.append((month, part, start > 0))
            start += len(part)
            room -= len(part)
    pages.append(page)
    return pages


def page_url(base: str, n: int) -> str:
    """Section URL for page n: 'tags/x/' then 'tags/x/page/2/'."""
    return base if n == 1 else f"{base}page/{n}/"


def make_pager(base: str, n: int, total: int) -> Pager:
    shown = sorted({1, total, *range(max(1, n - 2), min(total, n + 2) + 1)})
    links: list[tuple[int | None, str | None]] = []
    for k in shown:
        if links and links[-1][0] is not None and k - links[-1][0] > 1:
            links.append((None, None))
        links.append((k, page_url(base, k)))
    return Pager(
        number=n,
        total=total,
        prev_url=page_url(base, n - 1) if n > 1 else None,
        next_url=page_url(base, n + 1) if n < total else None,
        links=tuple(links),
        far=frozenset(k for k in (n - 2, n + 2) if 1 < k < total and k + (k - n) // 2 not in shown),
    )


def plural_category(n: Any, lang: str) -> str:
    """The CLDR plural category of n: Arabic has six (zero, one, two, few, many, other)."""
    if not isinstance(n, int):
        return "other"
    if lang == "ar":
        if n in (0, 1, 2):
            return ("zero", "one", "two")[n]
        rest = n % 100
        return "few" if 3 <= rest <= 10 else "many" if 11 <= rest <= 99 else "other"
    return "one" if n == 1 else "other"


# og:locale of each interface language: Open Graph wants language_TERRITORY, and link previews
# (Facebook, LinkedIn, messengers) know Arabic as ar_AR.
OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}


def og_locale(lang: str) -> str:
    return OG_LOCALES.get(lang, lang)


def news_article_data(
    article: Article,
    description: str,
    tags: Sequence[str],
    *,
    url: str | None,
    image: str | None,
    site: dict[str, str],
    zone: tzinfo | None = None,
) -> dict[str, Any]:
    """schema.org data of an article page (JSON-LD): what search engines show an article by
    (headline, dates, language, image) and how they tell its pages apart from the lists. Only
    what the article says: its byline may be a city and an agency, so no author is claimed."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": article.lang,
        "description": description,
        "isPartOf": {"@type": "WebSite", **site},
    }
    if article.date is not None:
        data["datePublished"] = iso_moment(article.date, article.time, zone)
    if article.lastmod is not None and article.lastmod != article.date:
        data["dateModified"] = article.lastmod.isoformat()
    if tags:
        data["keywords"] = list(tags)
    if url:
        data["url"] = url
    if image:
        data["image"] = [image]
    return data


def website_data(name: str, lang: str, description: str, url: str) -> dict[str, Any]:
    """schema.org data of an interface's home page: the site's name as search engines should show
    it, in that interface's language."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "inLanguage": lang,
        "description": description,
        "url": url,
    }


def direction(lang: str) -> str:
    return "rtl" if lang in ("ar", "fa", "he", "ur") else "ltr"


def first_text(article: Article) -> str:
    """The first paragraph's plain text: the excerpt and description when there is no summary."""
    if article.lead is not None:
        return article.lead
    return lead_text(article.body)


def lead_text(blocks: Iterable[Block]) -> str:
    """The first paragraph's text. A Markdown body is one HTML block: its first <p> with text
    (a lead picture has none), not the whole body, whose headings, table cells and code would
    run together in an excerpt. A line that says only how long ago a site's page changed
    ("Updated 2 hours ago", kept as typed) says nothing of the article: the next one is its lead."""
    stamp = ""
    for block in blocks:
        if block.kind in ("p", "li"):  # an interview or a list of points starts with an item
            if not stamp and block.kind == "p" and is_relative_time(block.text):
                stamp = block.text
                continue
            return block.text
        if block.kind == "html":
            found = False
            for paragraph in _PARAGRAPH.finditer(block.text):
                found = True
                text = plain_text(_FOOTNOTE_REF.sub("", paragraph.group(1)))
                if text.strip():
                    return text
            return "" if found else plain_text(_FOOTNOTE_REF.sub("", block.text))
    return stamp


def light_digest(article: Article, lead: str | None = None) -> str:
    """A digest of everything listings, neighbouring pages, feeds and the sitemap show of an
    article: its fields (the update date: feeds and the sitemap), slug and excerpt, not its body.
    Page keys are made of these (incremental builds).
    ``lead``: the article's first paragraph, when the caller has it already."""
    tags = [(t.slug, t.label_ar, t.label_en) for t in article.tags]
    fields = (
        article.source,
        article.title,
        article.slug,
        article.lang,
        article.date,
        article.time,  # the order within a day, the feeds' times
        article.updated,
        article.summary,
    )
    text = repr((fields, article.byline, tags, article.translation, first_text(article) if lead is None else lead))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def prepared(
    article: Article,
    *,
    compress: bool = False,
    stems: bool = False,
    memo: Memo | None = None,
    body_words: tuple[str, list[str]] | None = None,
) -> Article:
    """The article with what every build derives from its body worked out once: the lead
    paragraph, the word count, the listing digest and (``stems``) its search stems travel with
    it in the article cache. ``compress`` packs the body smaller (very large archives); ``memo``
    and ``body_words`` are stemming's (stemming.make_stems)."""
    body = article.body
    blocks = body.blocks() if isinstance(body, Body) else tuple(body)  # unpacked once
    if compress:
        body = Body(blocks, compress=True)
    lead = lead_text(blocks)
    text = body_text(blocks)  # once for the word count and the stems: Markdown's blocks are HTML
    return dataclasses.replace(
        article,
        body=body,
        lead=lead,
        words=len(text.split()),
        light=light_digest(article, lead),
        stems=make_stems(article, text, memo, compress=compress, body_words=body_words) if stems else None,
    )
