"""Markdown bodies to safe HTML: pure text in, HTML text out.

Bodies are converted with Python-Markdown (its "extra" and sane_lists, each extension and inline
pattern used only where the body has its syntax, and lists numbered "1)" read as CommonMark reads
them), after two fixes of the text for the way
GitHub, Hugo and CommonMark read it (lists nested by two spaces, Markdown inside HTML blocks), and
then sanitized (sanitize.py): the sanitizer, not the Markdown options, is the security boundary,
because Markdown passes raw HTML through untouched.
"""

from __future__ import annotations

import functools
import re
import weakref
import xml.etree.ElementTree as etree
from collections.abc import Iterator

import markdown
from markdown.blockparser import BlockParser
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneOListProcessor, SaneUListProcessor

from sitegen.arabic import to_western_digits
from sitegen.errors import SourceError
from sitegen.sanitize import ACROSS_PARAGRAPHS, Changed, sanitize
from sitegen.shortcodes import without_code

__all__ = [
    "headings_in_order",
    "markdown_in_blocks",
    "nested_lists_by_four",
    "render_body",
    "render_markdown",
]

_EXTENSIONS = ("extra", "sane_lists")  # no smarty: its English quotes are wrong for Arabic
# The footnote back-link title is English prose ("Jump back to footnote 1 in the text"); an empty
# title (dropped by the sanitizer) keeps Arabic pages free of it.
_EXTENSION_CONFIGS = {"extra": {"footnotes": {"BACKLINK_TITLE": ""}}}
# "extra" is these extensions, in this order. Each can change the HTML only where the body has
# its syntax, which needs certain characters: a body without them converts to the same HTML
# without the extension, 20 % sooner. Each entry lists alternatives; an alternative is a set of
# characters that must all be in the body, anywhere: raw HTML, quote markers and indentation are
# taken off before some syntax is looked for, so what looks apart in the file may meet (a
# definition's ":" starts a line only then, `*<!-- -->[` becomes an abbreviation's `*[`).
_EXTRA = (
    ("fenced_code", ("`", "~")),
    ("footnotes", ("[^",)),
    ("attr_list", ("{",)),
    ("def_list", (":",)),
    ("tables", ("|",)),
    ("abbr", ("*[",)),
    ("md_in_html", ("<",)),
)
# Python-Markdown's own inline patterns, and the characters each needs to match anything, as
# above. The inline step tries every pattern on every piece of text, in Python: leaving out the
# ones that cannot match makes a typical article a third faster, with the same HTML.
_INLINE = (
    ("backtick", ("`",)),
    ("escape", ("\\",)),
    ("reference", ("[",)),
    ("link", ("[",)),
    ("image_link", ("![",)),
    ("image_reference", ("![",)),
    ("short_reference", ("[",)),
    ("short_image_ref", ("![",)),
    ("autolink", ("<",)),
    ("automail", ("<",)),
    ("linebreak", (" \n", " \r", "\t")),  # tabs become spaces first
    ("html", ("<",)),
    ("entity", ("&",)),
    ("em_strong", ("*", "_")),
)


def _extensions_for(body: str) -> tuple[str, ...]:
    """The extensions of "extra" whose syntax the body may use (a superset, never fewer)."""
    return tuple(name for name, marks in _EXTRA if _may_use(body, marks))


def _unused_inline(body: str) -> tuple[str, ...]:
    """Python-Markdown's inline patterns that cannot match anywhere in the body."""
    return tuple(name for name, marks in _INLINE if not _may_use(body, marks))


def _may_use(body: str, alternatives: tuple[str, ...]) -> bool:
    """Whether the body has every character of at least one of the alternatives."""
    return any(all(char in body for char in chars) for chars in alternatives)


def _converter_for(body: str) -> markdown.Markdown:
    return _converter(_extensions_for(body), _unused_inline(body))


@functools.cache
def _converter(extensions: tuple[str, ...], unused: tuple[str, ...] = ()) -> markdown.Markdown:
    """One Markdown instance per process and set of extensions and unused inline patterns, reset
    before each use: building one costs ~1 ms, as much as converting a typical article."""
    configs = {name: config for name, config in _EXTENSION_CONFIGS["extra"].items() if name in extensions}
    converter = markdown.Markdown(
        extensions=[*extensions, "sane_lists", _BracketLists()], extension_configs=configs, output_format="html"
    )
    for name in unused:
        converter.inlinePatterns.deregister(name)
    return converter


# Lists numbered "1)" (CommonMark's other ordered-list marker, which GitHub and Hugo read), in any
# script's digits as "1." is (Python's \d; the sanitizer makes start="٣" a number). Python-Markdown
# reads only "1.": it ran "1) a", "2) b" into one paragraph. An item is one where a "1." item
# would be (at a block's start, never in the middle of a paragraph, never in code), and items of
# either kind nest under the other. A change of delimiter starts a new list, as in CommonMark.
# (Indents as sane_lists reads them, for Python-Markdown's tab_length of 4.)


class _DotListProcessor(SaneOListProcessor):
    """sane_lists' "1." lists, which take a "1)" item indented under one as nested, and do not
    go on a "1)" list above."""

    SIBLING_TAGS: list[str] = ["ol"]  # noqa: RUF012 (sane_lists' value, typed; run() swaps it)
    STARTSWITH: str = "1"

    def __init__(self, parser: BlockParser, bracketed: weakref.WeakSet[etree.Element]) -> None:
        super().__init__(parser)
        self.INDENT_RE = re.compile(r"^[ ]{4,7}(\d+[.)]|[*+-])[ ]+.*")
        self.bracketed = bracketed

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        sibling = self.lastChild(parent)
        if sibling is None or (sibling in self.bracketed) == isinstance(self, _BracketListProcessor):
            super().run(parent, blocks)
            return
        tags = self.SIBLING_TAGS
        self.SIBLING_TAGS = []  # the list above is of the other kind: start a new one
        try:
            super().run(parent, blocks)
        finally:
            self.SIBLING_TAGS = tags


class _BracketListProcessor(_DotListProcessor):
    def __init__(self, parser: BlockParser, bracketed: weakref.WeakSet[etree.Element]) -> None:
        super().__init__(parser, bracketed)
        self.RE = re.compile(r"^[ ]{0,3}\d+\)[ ]+(.*)")
        self.CHILD_RE = re.compile(r"^[ ]{0,3}((\d+\)))[ ]+(.*)")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        before = len(parent)
        super().run(parent, blocks)
        if len(parent) > before and parent[-1].tag == "ol":
            self.bracketed.add(parent[-1])

    def get_items(self, block: str) -> list[str]:
        items = super().get_items(block)
        self.STARTSWITH = to_western_digits(self.STARTSWITH)  # "١)" starts at 1: no start="١"
        return items


class _BulletListProcessor(SaneUListProcessor):
    """sane_lists' bullet lists, which take a "1)" item indented under one as nested."""

    def __init__(self, parser: BlockParser) -> None:
        super().__init__(parser)
        self.INDENT_RE = re.compile(r"^[ ]{4,7}(\d+[.)]|[*+-])[ ]+.*")


class _BracketLists(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        bracketed: weakref.WeakSet[etree.Element] = weakref.WeakSet()
        md.parser.blockprocessors.register(_DotListProcessor(md.parser, bracketed), "olist", 40)
        md.parser.blockprocessors.register(_BracketListProcessor(md.parser, bracketed), "olist_bracket", 39)
        md.parser.blockprocessors.register(_BulletListProcessor(md.parser), "ulist", 30)


_LIST_ITEM = re.compile(r"( *)([-*+]|\d{1,9}[.)])( {1,4})(?=\S)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_PRE_OPEN = re.compile(r" {0,3}<pre\b", re.IGNORECASE)
# What ends a paragraph without a blank line (a heading, a quote, a fence, a rule, HTML): never
# a lazy continuation of an item's text.
_INTERRUPTS = re.compile(r" {0,3}(?:#{1,6}(?:\s|$)|>|`{3}|~{3}|<|(?:[-*_] *){3,}$)")


def nested_lists_by_four(markdown: str) -> str:
    """The Markdown with lists nested by two or three spaces (GitHub, CommonMark, Hugo and
    Jekyll nest an item under the text of the one above it: "- a" then "  - b") re-indented by
    four, which is what Python-Markdown reads as nesting: it flattened "  - b" into the list
    above, and a numbered list under an item became text. Text that nests by four already is
    returned unchanged, and so is everything in fenced code.

    An item is a child of the item above while it starts at or after that item's text; its new
    indent is four spaces per level, and the lines that go on an item's text keep their place
    after it."""
    lines = markdown.split("\n")
    items = [m for line in lines if (m := _LIST_ITEM.match(line.expandtabs(4))) is not None]
    if not any(len(m.group(1)) % 4 for m in items):
        return markdown
    stack: list[tuple[int, int]] = []  # (the column an item's text starts at, its new indent)
    fence = ""  # in fenced code: the fence
    pre = False  # in raw HTML <pre>
    code = False  # in an indented code block outside any list
    blank = True  # whether the line before was blank (or the text starts)
    out = []
    for raw in lines:
        line = raw.expandtabs(4)
        indent = len(line) - len(line.lstrip(" "))
        if fence:
            opened = _FENCE.match(raw)
            fence = "" if opened and opened.group(1).startswith(fence) else fence
            out.append(raw)
            continue
        if pre:
            pre = "</pre" not in line.lower()
            out.append(raw)
            continue
        if code and (not line.strip() or indent >= 4):
            out.append(raw)
            continue
        code = False
        if not line.strip():
            out.append(raw)
            blank = True
            continue
        if _PRE_OPEN.match(line):
            pre = "</pre" not in line.lower()
            out.append(raw)
            blank = False
            continue
        if not stack and blank and indent >= 4:
            code = True
            out.append(raw)
            blank = False
            continue
        lazy = not blank  # text right under text may go on it (CommonMark's lazy continuation)
        blank = False
        if opened := _FENCE.match(raw):
            fence = opened.group(1)[:3]
        item = _LIST_ITEM.match(line)
        if item is None and stack and lazy and indent < stack[-1][0] and not _INTERRUPTS.match(line):
            out.append(raw)  # the item's paragraph goes on unindented: the list is not over
            continue
        while stack and indent < stack[-1][0]:
            stack.pop()
        if item is not None:
            new = 4 * len(stack)
            stack.append((indent + len(item.group(2)) + len(item.group(3)), new))
            out.append(" " * new + line[indent:])
        elif stack:  # the text of the item above, further indented
            text_at, new = stack[-1]
            out.append(" " * (new + 4 + indent - text_at) + line[indent:])
        else:
            out.append(raw)
    return "\n".join(out)


# A line that opens an HTML block which may hold Markdown (CommonMark's kind 6), alone or with its
# <summary> ("<details><summary>More</summary>", as GitHub READMEs write it).
_BLOCK_OPEN = re.compile(
    r" {0,3}<(div|details|section|aside|article|figure|blockquote|center|header|footer|main|nav)"
    r"((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*>(?:\s*<summary\b.*</summary>)?\s*",
    re.IGNORECASE,
)

# A tag indented by four spaces or a tab: in a block read as Markdown, a line of code.
_INDENTED_TAG = re.compile(r"(?: {4}|\t)\s*</?[A-Za-z]")


def markdown_in_blocks(markdown: str) -> str:
    """The Markdown with each HTML block whose content follows a blank line (``<details>``, a
    blank line, Markdown, ``</details>``) marked to have that content read as Markdown, as GitHub,
    Hugo and every CommonMark reader read it: an HTML block ends at a blank line. Python-Markdown
    kept all of it as raw HTML up to the end tag: its emphasis showed as typed, and its links,
    pictures and lists were lost to the page. A block without a blank line stays raw HTML, and
    so does one whose HTML is indented by four spaces (which Markdown would show as code)."""
    lines = markdown.split("\n")
    fence = ""
    for n, line in enumerate(lines):
        if fence:
            opened = _FENCE.match(line)
            fence = "" if opened and opened.group(1).startswith(fence) else fence
            continue
        if opened := _FENCE.match(line):
            fence = opened.group(1)[:3]
            continue
        block = _BLOCK_OPEN.fullmatch(line)
        if block is None or re.search(r"(?i)\bmarkdown\s*=", block.group(2)):
            continue
        end = f"</{block.group(1).lower()}"
        blank = False
        for after in lines[n + 1 :]:
            if end in after.lower():
                break
            if _INDENTED_TAG.match(after):
                blank = False  # HTML laid out by indentation, which Markdown would show as code
                break
            blank = blank or not after.strip()
        if blank:
            at = block.end(2)
            lines[n] = line[:at] + ' markdown="1"' + line[at:]
    return "\n".join(lines)


def render_markdown(body: str) -> str:
    """Markdown to HTML that is safe to put in a page and valid HTML5 (render_body, without
    what it changed)."""
    return render_body(body)[0]


def render_body(body: str) -> tuple[str, tuple[Changed, ...]]:
    """Markdown to HTML that is safe to put in a page and valid HTML5 (sanitize.sanitize), and
    each element of its raw HTML that the page cannot show as written, in order."""
    converter = _converter_for(body)
    html = _converted(converter, body)
    unclosed: tuple[Changed, ...] = ()
    if "<" in body and _RAW_START.search(body) and _left_open(html):
        # A raw element never closed ("see <pre>below", "<b>Note:" typed in a sentence) took the
        # rest of the article: every paragraph after it inside a <pre> or a heading, which may
        # hold no paragraph (not valid HTML), or in bold or code type. Its start tag is left out,
        # with a warning, as sanitize does for a <script> or <style> never closed.
        body, unclosed = _without_unclosed(body)
        if unclosed:
            html = _converted(converter, body)
    cleaned, changed = sanitize(html, raw="<" in body)
    return cleaned, unclosed + changed


def _converted(converter: markdown.Markdown, body: str) -> str:
    if "  " in body:  # (every nested list has an indented line)
        body = nested_lists_by_four(body)
    if "<" in body and "\n\n" in body:
        body = markdown_in_blocks(body)
    try:
        html: str = converter.reset().convert(body)
    except BaseException as exc:
        _converter.cache_clear()  # a conversion cut short may leave state behind: start afresh
        if not isinstance(exc, RecursionError):
            raise  # Python-Markdown recurses once per nesting level of lists and quotes
        raise SourceError(
            "the Markdown nests lists or quotes too deeply to render; flatten them (or, if the text is "
            "not meant as Markdown, save it as .txt)"
        ) from None
    return html


# Start and end tags, raw or Markdown's, and the elements whose start tag left open takes the rest
# of the article (the HTML parser reopens a <b> or <code> left open in every paragraph after it;
# a heading or a <div> holds everything after it): Markdown's own are always closed, a
# raw one typed in the text may not be. Not the elements whose end tag HTML lets out (p, li,
# td ...), nor those without content (br, img ...), nor lists and tables, whose items and cells
# would be left without them.
_ANY_TAG = re.compile(r"(?i)<(/?)([a-z][a-z0-9]*)(?=[\s/>])[^>]*>")
_MUST_CLOSE = frozenset({
    "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "b", "i", "em", "strong", "sup", "sub",
    "small", "mark", "abbr", "cite", "q", "s", "u", "del", "ins", "kbd", "samp", "var", "bdi", "bdo", "a",
    "blockquote", "figure", "figcaption", "details", "summary",
})  # fmt: skip
# Those that may hold no paragraph: one that starts in a sentence and ends paragraphs later holds
# the paragraphs between.
_NO_PARAGRAPHS = frozenset({"pre", "code", "h1", "h2", "h3", "h4", "h5", "h6"})
_RAW_START = re.compile(r"<[A-Za-z]")  # raw HTML in the Markdown, or nothing to look for


def _elements(text: str) -> Iterator[tuple[str, re.Match[str], re.Match[str] | None, int]]:
    """Each start tag of _MUST_CLOSE in text, with the end tag that closes it (None: none does)
    and its number among the start tags of its name; those never closed last."""
    opened: dict[str, list[tuple[re.Match[str], int]]] = {}
    seen: dict[str, int] = {}
    for tag in _ANY_TAG.finditer(text):
        name = tag.group(2).lower()
        if name not in _MUST_CLOSE:
            continue
        stack = opened.setdefault(name, [])
        if not tag.group(1):
            stack.append((tag, seen.get(name, 0)))
            seen[name] = seen.get(name, 0) + 1
        elif stack:
            start, nth = stack.pop()
            yield name, start, tag, nth
    for name, stack in opened.items():
        for start, nth in stack:
            yield name, start, None, nth


def _left_open(html: str) -> bool:
    """Whether the HTML has a start tag (_MUST_CLOSE) that no end tag closes, or one of a <pre>,
    <code> or heading whose end tag comes after the end of its paragraph (Markdown closes a
    paragraph at a blank line)."""
    return any(
        end is None or (name in _NO_PARAGRAPHS and "</p>" in html[start.end() : end.start()])
        for name, start, end, _ in _elements(html)
    )


def _without_unclosed(body: str) -> tuple[str, tuple[Changed, ...]]:
    """The Markdown without the start tags of its raw elements (_MUST_CLOSE, outside code, where
    a tag is text) that no end tag closes, and without both tags of a <pre>, <code> or heading
    that starts in a sentence and ends paragraphs later; a Changed for each, numbered among the
    start tags of its name as changed_diagnostics counts them (closed=False, or detail
    ACROSS_PARAGRAPHS)."""
    plain = without_code(body)  # offsets kept
    cut: list[tuple[int, int, str, int, bool]] = []  # (start, end, name, nth, closed)
    for name, start, end, nth in _elements(plain):
        if end is None:
            cut.append((start.start(), start.end(), name, nth, False))
        elif name in _NO_PARAGRAPHS and _BLANK_LINE.search(plain, start.end(), end.start()):
            # A <pre> or a heading on a line of its own is an HTML block to Markdown, blank lines and all.
            line_start = plain.rfind("\n", 0, start.start()) + 1
            if name == "code" or plain[line_start : start.start()].strip():
                cut += [(start.start(), start.end(), name, nth, True), (end.start(), end.end(), name, -1, True)]
    if not cut:
        return body, ()
    cut.sort()
    pieces, done = [], 0
    for at, to, *_ in cut:
        pieces.append(body[done:at])
        done = to
    pieces.append(body[done:])
    said = tuple(
        Changed(name, nth, detail=ACROSS_PARAGRAPHS if closed else "", closed=closed)
        for _, _, name, nth, closed in cut
        if nth >= 0
    )
    return "".join(pieces), said


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


_HEADING_TAG = re.compile(r"<(/?)h([2-6])\b")


def headings_in_order(html: str) -> str:
    """An article body's headings with no level skipped, under the page's <h1> title: the first
    is an <h2>, and each is at most one level below the one before it. Jekyll and Hugo themes
    show the title in a heading of their own, so posts often open with '###' or go from '##'
    to '####'; the page then skipped a level, which the Nu checker reports as an error and
    screen readers announce as a missing section. Their order and relative depth stay."""
    if "<h3" not in html and "<h4" not in html and "<h5" not in html and "<h6" not in html:
        return html
    above = 1  # the page's title
    opened: list[int] = []  # the level each open heading is shown at, for its end tag

    def level(match: re.Match[str]) -> str:
        nonlocal above
        if match.group(1):
            return f"</h{opened.pop() if opened else match.group(2)}"
        above = min(int(match.group(2)), above + 1)
        opened.append(above)
        return f"<h{above}"

    return _HEADING_TAG.sub(level, html)
