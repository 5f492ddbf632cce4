"""Ids for an article's headings, and the #fragments of links that lead to them. Pure.

Authors who write Markdown for GitHub, Hugo or Jekyll link to a section by its heading
(``[see](#background)``, ``[see](other.md#الخلفية)``) without giving the heading an id: those
sites give every heading one. So does sitegen, the GitHub way (github-slugger): the heading's
text lowercased, every character that is not a letter, mark, digit, '_', '-' or space left out,
spaces made '-', the second "Background" ``background-1``, the third ``background-2``.

One difference, for Arabic: tashkeel (fatha, shadda, sukun ...), the dagger alef and tatweel are
left out as well. Writers add or leave out diacritics as they please and stretch words with
tatweel for looks; a browser matches a #fragment letter for letter, so with them the id of
"الخلفيّة" would be missed by every link typed as "#الخلفية". The letters stay as written (no
folding of hamza forms, ى/ي or ة/ه: those are spelling, and the id should read as the heading).
A link's fragment that matches no id as written is matched the same way (resolve), so
``#Background`` and ``#الخلفيّة`` reach their heading too.

The ids are made when an article is parsed, so the cached body already has them; they are unique
on the page: an id the author gave (attr_list ``{#id}``, raw HTML) or Python-Markdown's footnotes
(``fn:1``, ``fnref:1``) keeps its name and a heading's id steps aside, and none is one of the
page's own ids (RESERVED).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from urllib.parse import unquote

from pyarabic import araby

from sitegen.model import Block

__all__ = ["PAGE_IDS", "RESERVED", "Ids", "anchor", "body_ids", "dangling", "heading_ids", "resolve"]

# Ids an article body must not take on its page:
# * the article page's own: templates/base.html's <main id="content"> (the skip link's target);
# * names that an element's id would shadow on ``window`` (DOM clobbering): an element's id is a
#   property of window unless window or Window.prototype has one of that name. document, location,
#   EventSource, JSON and the rest of what live.js reads are such own properties and cannot be
#   clobbered (and document's named properties need a name attribute, which the sanitizer never
#   lets through); what window inherits from EventTarget.prototype and Object.prototype can be.
#   A heading's id is lowercase, so only "__proto__" could reach one; an author's {#id} any.
PAGE_IDS = frozenset({"content"})
RESERVED = PAGE_IDS | frozenset(
    {
        "addEventListener", "removeEventListener", "dispatchEvent",
        "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
        "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
    }
)  # fmt: skip
_RESERVED_COUNT = dict.fromkeys(RESERVED, 0)
_EMPTY = "section"  # the id of a heading with no letter or digit ("***", an emoji)

_DROP = str.maketrans("", "", "".join(araby.TASHKEEL) + araby.TATWEEL + araby.SMALL_ALEF)
# What \w leaves out: punctuation and symbols (left out of an id), but also marks and connector
# punctuation such as '‿' (kept, as GitHub keeps them). \w itself is letters, digits and '_'.
_NOT_WORD = re.compile(r"[^\w\- ]")


def _kept(match: re.Match[str]) -> str:
    category = unicodedata.category(match.group())
    return match.group() if category[0] == "M" or category == "Pc" else ""


def anchor(text: str) -> str:
    """The id GitHub gives a heading of this text, without Arabic diacritics and tatweel; "" when
    nothing is left."""
    return _NOT_WORD.sub(_kept, text.strip().lower().translate(_DROP)).replace(" ", "-")


class Ids:
    """The ids of one page: each name once, a repeat numbered as github-slugger numbers it."""

    def __init__(self) -> None:
        self._count: dict[str, int] = _RESERVED_COUNT.copy()

    def __contains__(self, name: object) -> bool:
        return name in self._count

    def unique(self, name: str) -> str:
        """name, or name-1, name-2 ... when it is taken; the result is then taken."""
        result = name
        while result in self._count:
            self._count[name] = self._count.get(name, 0) + 1
            result = f"{name}-{self._count[name]}"
        self._count[result] = 0
        return result

    def heading(self, text: str) -> str:
        """A new id for a heading of this text."""
        return self.unique(anchor(text) or _EMPTY)


# In sanitized HTML (nh3's output: one space before each attribute, values double-quoted, a '<'
# always starts a tag, but '>' and '"' may stand in text and '>' in a value): a tag's attributes,
# a start tag with an id, a heading and its content, a link to a #fragment. The regular
# expressions find what they look for in C; Python runs only for each hit.
_ATTRIBUTES = r'(?: [^\s"\'>/=]+(?:="[^"]*")?)'
_WITH_ID = re.compile(rf'(<[a-zA-Z][a-zA-Z0-9]*{_ATTRIBUTES}*? id=")([^"]*)"')
_HEADING = re.compile(rf"<(h[1-6])({_ATTRIBUTES}*)>(.*?)</\1>", re.DOTALL)
_TO_FRAGMENT = re.compile(rf'(<a{_ATTRIBUTES}*? href="#)([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
# The ids Python-Markdown's footnotes make, which its own links lead to: a mark's and a note's.
_FOOTNOTE_ID = re.compile(r'<sup id="(fnref\d*:[^"]*)"><a class="footnote-ref" |<li id="(fn:[^"]*)">')


def _footnote_ids(body: str) -> dict[int, str]:
    """Where in body each id that a footnote made stands, and the id: the author may have given
    it too (<span id="fn:1">), and then the author's is renamed, not the one its links lead to."""
    found = {}
    for match in _FOOTNOTE_ID.finditer(body):
        name = match.group(1) or match.group(2)
        if match.group(1) or f'class="footnote-backref" href="#fnref:{name[3:]}"' in body:
            found[match.start()] = html.unescape(name)
    return found


def heading_ids(body: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Sanitized HTML with an id on every heading that has none; the page's ids in the order
    they come; and each id the author gave that had to be renamed, a repeat or one of RESERVED
    (the first of a name keeps it, the next is name-1 ...), with its new name.

    A link within the body to a #fragment that matches no id as written, but matches one the
    way a heading's id is made (``#Background``), is pointed at it.
    """
    # Each search of a whole body costs as much as making a heading's id: as few as can be.
    had_ids = ' id="' in body
    ids = Ids()
    renamed: list[tuple[str, str]] = []
    if had_ids:
        footnotes = _footnote_ids(body) if 'class="footnote' in body else {}
        for name in footnotes.values():
            ids.unique(name)

        def given(match: re.Match[str]) -> str:
            if match.start() in footnotes:
                return match.group(0)
            name = html.unescape(match.group(2))
            if name not in ids:
                ids.unique(name)
                return match.group(0)
            renamed.append((name, ids.unique(name)))
            return f'{match.group(1)}{html.escape(renamed[-1][1])}"'

        body = _WITH_ID.sub(given, body)

    made: list[str] = []

    def add_id(match: re.Match[str]) -> str:
        name, attributes, content = match.groups()
        if ' id="' in attributes:
            return match.group(0)
        text = _TAG.sub("", content) if "<" in content else content
        made.append(ids.heading(html.unescape(text) if "&" in text else text))
        return f'<{name} id="{made[-1]}"{attributes}>{content}</{name}>'

    body = _HEADING.sub(add_id, body)
    # In page order; when only headings have ids, those are the ones just made.
    names = tuple(html.unescape(m.group(2)) for m in _WITH_ID.finditer(body)) if had_ids else tuple(made)
    if names and ' href="#' in body:

        def to_id(match: re.Match[str]) -> str:
            fragment = html.unescape(match.group(2))
            found = resolve(fragment, names)
            return match.group(0) if found == fragment else f'{match.group(1)}{html.escape(found)}"'

        body = _TO_FRAGMENT.sub(to_id, body)
    return body, names, tuple(renamed)


def dangling(body: str, ids: Sequence[str]) -> list[str]:
    """The #fragments of links within the body that lead to none of the page's ids (heading_ids
    has pointed those it could at theirs), in order, each once. '#' and '#top' lead to the top."""
    found: list[str] = []
    if ' href="#' in body:
        for match in _TO_FRAGMENT.finditer(body):
            fragment = html.unescape(match.group(2))
            if fragment in ("", "top") or fragment in found or unquote(fragment) in ids or fragment in ids:
                continue
            found.append(fragment)
    return found


def body_ids(blocks: Iterable[Block]) -> tuple[str, ...]:
    """The ids of an article body, in order: its subheadings' (plain text) or every element's
    (Markdown). Asked only of an article that another one links to, when that page is rendered:
    kept with every article, they would cost memory and cache space for the few that are."""
    found: list[str] = []
    for block in blocks:
        if block.id:
            found.append(block.id)
        elif block.kind == "html" and ' id="' in block.text:
            found.extend(html.unescape(m.group(2)) for m in _WITH_ID.finditer(block.text))
    return tuple(found)


def resolve(fragment: str, ids: Sequence[str]) -> str:
    """The id a link's #fragment leads to among a page's ids (in page order): the fragment as
    written (or percent-decoded) when it is one; else the id it makes the way a heading's id is
    made (``Background`` -> ``background``, ``الخلفيّة`` -> ``الخلفية``), or the id it was given
    when that name is RESERVED (``#content`` -> ``content-1``), or the first id that makes the
    same (an author's ``{#الخلفيّة}`` for ``#الخلفية``); else the fragment unchanged."""
    if fragment in ids or unquote(fragment) in ids:
        return fragment
    made = anchor(unquote(fragment))
    for name in (unquote(fragment), made):  # "## Content", {#toString}: the id stepped aside
        if name in RESERVED and f"{name}-1" in ids:
            return f"{name}-1"
    if not made:
        return fragment
    if made in ids:
        return made
    return next((name for name in ids if anchor(name) == made), fragment)
