"""Python-Markdown's HTML made safe to put in a page: pure HTML text in, HTML text out.

The sanitizer, not the Markdown options, is the security boundary, because Markdown passes raw HTML
through untouched and links take any address: everything goes through nh3 (ammonia) with an
allow-list of elements, attributes and values. Raw HTML that nh3 would lose or garble (a form, a
drawing, an embedded page) is first made readable, and each such element is reported to the author
(changed_diagnostics). The clean HTML is then fitted to the page: <h1> becomes <h2>, links that
leave the site get rel, bare web addresses become links as in plain-text articles.
"""

from __future__ import annotations

import functools
import html as html_module
import re
import unicodedata
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

import nh3

from sitegen.arabic import NOT_TEXT, to_western_digits
from sitegen.model import Diagnostic
from sitegen.shortcodes import without_code  # the rule for code that the Liquid warning uses
from sitegen.urls import fixed_url, unreachable
from sitegen.views import linkify

__all__ = ["Changed", "changed_diagnostics", "sanitize"]

_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code", "kbd", "samp",
        "em", "strong", "b", "i", "s", "u", "small", "mark", "del", "ins", "sup", "sub",
        "abbr", "q", "cite", "span", "div", "bdi", "a", "img", "figure", "figcaption",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        "details", "summary",
    }
)  # fmt: skip
# MathML's presentation elements, as MathML Core has them (no maction, no mglyph): a formula
# shown as text loses its structure (a fraction 1/2 would read "12"). Browsers render MathML
# Core natively, and nh3 checks that no element crosses from MathML into HTML where a browser
# would not (the mutation-XSS tricks of <mtext><table><mglyph><style>).
_MATHML = frozenset(
    {
        "math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot",
        "mstyle", "merror", "mpadded", "mphantom", "msub", "msup", "msubsup", "munder", "mover",
        "munderover", "mmultiscripts", "mprescripts", "none", "mtable", "mtr", "mtd",
        "semantics", "annotation",
    }
)  # fmt: skip
# Dropped with everything inside them: their content is code, or never shown. Elements whose
# content a reader saw (a button's label, a form's text, an object's fallback) are unwrapped:
# nh3 keeps the text of any element it does not allow. _prepared() takes care of the rest
# (textarea, svg, iframe, noscript) before, and says what was changed.
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "embed", "noscript", "noembed", "noframes", "template", "svg"}
)  # fmt: skip
# id on any element: a link may lead to a paragraph or a span as well as to a heading (anchors
# keeps ids unique on the page and out of the page's own)
_GLOBAL_ATTRIBUTES = {"dir", "lang", "title", "id"}
_ATTRIBUTES = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "class"},
    "img": {"src", "alt", "width", "height", "loading"},
    "code": {"class"},
    "div": {"class"},
    "li": {"value"},
    "ol": {"start", "reversed"},
    "th": {"colspan", "rowspan", "scope", "abbr"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "del": {"datetime"},  # no cite attributes: nh3 does not check their URL scheme
    "ins": {"datetime"},
    "details": {"open"},
    "math": {"display"},
    "mi": {"mathvariant"},
    "mo": {
        "stretchy", "fence", "separator", "form", "largeop", "movablelimits", "symmetric", "accent", "lspace", "rspace",
    },
    "mover": {"accent"},
    "munder": {"accentunder"},
    "munderover": {"accent", "accentunder"},
    "mfrac": {"linethickness"},
    "mstyle": {"displaystyle", "scriptlevel"},
    "mtd": {"columnspan", "rowspan"},
    "annotation": {"encoding"},
}  # fmt: skip
_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Attribute values that would make the page invalid HTML5 (or are a clobbering risk) are
# dropped; the allowed names above are checked by nh3 first.
_BOOLEAN = re.compile(r"true|false")
_LENGTH = re.compile(r"0|-?[0-9]*\.?[0-9]+(em|ex|px|in|cm|mm|pt|pc|%)")
_VALUE_RULES: dict[str, re.Pattern[str]] = {
    "dir": re.compile(r"(?i)ltr|rtl|auto"),
    "lang": re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*"),
    "class": re.compile(r"(language-[\w+#-]+|footnote|footnote-ref|footnote-backref)"),
    "width": re.compile(r"[0-9]{1,5}"),
    "height": re.compile(r"[0-9]{1,5}"),
    "span": re.compile(r"[1-9][0-9]{0,2}"),
    "colspan": re.compile(r"[1-9][0-9]{0,2}"),
    "rowspan": re.compile(r"[0-9]{1,4}"),
    "start": re.compile(r"-?[0-9]{1,9}"),
    "value": re.compile(r"-?[0-9]{1,9}"),
    "scope": re.compile(r"(?i)row|col|rowgroup|colgroup"),
    "loading": re.compile(r"(?i)lazy|eager"),
    "reversed": re.compile(r"(?i)|reversed"),
    "title": re.compile(r".*\S.*", re.DOTALL),  # an empty title says nothing
    "open": re.compile(r"(?i)|open"),
    # MathML's (the Nu checker knows their values)
    "display": re.compile(r"block|inline"),
    "mathvariant": re.compile(r"normal|bold|italic|bold-italic|double-struck|script|fraktur|sans-serif|monospace"),
    **dict.fromkeys(
        ("stretchy", "fence", "separator", "largeop", "movablelimits", "symmetric", "accent", "accentunder"), _BOOLEAN
    ),
    "displaystyle": _BOOLEAN,
    "form": re.compile(r"prefix|infix|postfix"),
    **dict.fromkeys(("lspace", "rspace", "linethickness"), _LENGTH),
    "scriptlevel": re.compile(r"[+-]?[0-9]{1,2}"),
    "columnspan": re.compile(r"[1-9][0-9]{0,2}"),
    "encoding": re.compile(r"[\w.+/-]{1,60}"),
    "datetime": re.compile(
        r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?"
    ),  # the Nu checker rejects a malformed datetime
}


def _is_id(value: str) -> bool:
    """An id an author may give (attr_list ``{#الخلفية}``, raw HTML): letters of any script,
    digits and marks, with '_', '-', '.' and ':' after the first; no space, quote or '#', so
    that it is valid HTML5 and a link can name it. Names that would clobber window properties
    are taken care of with the headings' ids (anchors.RESERVED): the page renames them."""
    return (
        bool(value)
        and unicodedata.category(value[0])[0] in "LN"
        and all(c in "_-.:" or unicodedata.category(c)[0] in "LMN" for c in value)
    )


# Elements whose id (with a name, which is never let through) is a property of document: none,
# so that nothing live.js reads from document can be shadowed.
_NO_ID = frozenset({"img", "object", "embed", "form", "iframe"})


# A list's numbers typed in Arabic-Indic or Persian digits: Python-Markdown keeps "٣." as start="٣"
# (Python's \d is every script's), which browsers do not read as a number.
_NUMBERING = frozenset({"start", "value"})


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if _is_id(value) and element not in _NO_ID else None
    if attribute in _NUMBERING:
        value = to_western_digits(value)
    rule = _VALUE_RULES.get(attribute)
    if rule is None:
        return value
    return value if rule.fullmatch(value.strip()) else None


# Built once: the Cleaner is immutable configuration, not state, and rebuilding it per article
# would repeat the allow-list conversion ten thousand times.
_CLEANER = nh3.Cleaner(
    tags=set(_TAGS | _MATHML),
    clean_content_tags=set(_DROP_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=None,  # added below, to external links only
    url_schemes=set(_URL_SCHEMES),
)

# A start or end tag in nh3's output. The serializer always double-quotes attribute values and
# escapes '<' in text, so a '<' outside a quoted value always starts a real tag.
_TAG_RE = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*(/?)>')
_HREF_RE = re.compile(r'\shref="([^"]*)"')
_SRC_RE = re.compile(r'\ssrc="')
_ALT_RE = re.compile(r'\salt="([^"]*)"')
_EXTERNAL = re.compile(r"(?i)(https?:)?//")
_EXTERNAL_REL = ' rel="noopener noreferrer"'
# A link whose address nh3 removed (javascript:, data:, an unknown scheme) or that never had one.
# Anchors never nest in nh3's output, so the first </a> after it closes it.
_LINK_WITHOUT_HREF = re.compile(r'<a((?:\s+(?!href=)[^\s"\'>/=]+(?:="[^"]*")?)*)\s*>(.*?)</a>', re.DOTALL)


def _unlink(match: re.Match[str]) -> str:
    """A link that leads nowhere becomes its text: search engines and Lighthouse count an <a>
    without href as a link they cannot follow. An id (a target of #links) stays on a <span>."""
    attrs, text = match.groups()
    return f"<span{attrs}>{text}</span>" if attrs else text


_BLOCKS = "p|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|div|hr|figure|details|summary"
_INLINE_TAGS = "a|abbr|b|bdi|bdo|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var"
_BLOCK_IN_INLINE = re.compile(rf"<(?:{_INLINE_TAGS})\b[^>]*>\s*<(?:{_BLOCKS})\b")
_BETWEEN_BLOCKS = re.compile(rf"(</?(?:{_BLOCKS})\b[^>]*>)\s+(?=</?(?:{_BLOCKS})\b)")


def _rewrite_tag(match: re.Match[str]) -> str:
    """h1 -> h2 (the page's h1 is the article title); rel on links that leave the site; boxes
    that may scroll reachable by keyboard; images keep HTML5 valid: without a (safe) src they
    go, without alt they get alt="", and an alt of only spaces (![ ](map.png)) is alt="": no
    description, and not the mark of decoration either."""
    slash, name, attrs, self_close = match.groups()
    name = name.lower()
    if name == "h1":
        return f"<{slash}h2{attrs}{self_close}>"
    if name in ("a", "img") and not slash and _NOT_AS_TYPED.search(attrs):  # (an alt text's spaces too)
        attrs = _URL_ATTRIBUTE.sub(_url_attribute_fixed, attrs)
    if name == "img":
        if not _SRC_RE.search(attrs):
            return ""
        alt = _ALT_RE.search(attrs)
        if alt is None:
            return f'<img{attrs} alt="">'
        if alt.group(1) and alt.group(1).isspace():
            return f'<img{attrs[: alt.start()]} alt=""{attrs[alt.end() :]}>'
    if name in ("pre", "table") and not slash:
        # They scroll sideways on a phone (see style.css): a keyboard user must be able to reach
        # them to scroll (axe: scrollable-region-focusable).
        return f'<{name}{attrs} tabindex="0">'
    if name == "a" and not slash:
        href = _HREF_RE.search(attrs)
        if href and _EXTERNAL.match(href.group(1).strip()):
            return f"<a{attrs}{_EXTERNAL_REL}>"
    return match.group(0) if attrs is match.group(3) else f"<{slash}{match.group(2)}{attrs}{self_close}>"


# An address attribute whose value holds what no valid URL holds as such (nh3 escapes quotes and
# angle brackets): a space, a line break, a quote, a brace, a second '#', a '%' that starts no
# escape, one slash too few or too many ... typed into a Markdown link, [report](https://x.org/my file.pdf).
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_NOT_AS_TYPED = re.compile(
    r'[\s`{}|^\\\[\]\x00-\x1f\x7f\ufffd]|&(?:quot|lt|gt);|%(?![0-9A-Fa-f]{2})|#[^"]*#'
    r"|(?i:https?:(?:/(?!/)|//[/\\]))"
)


def _without_unreachable(unlinked: list[Changed], link: re.Match[str]) -> str:
    """A link to a web address that names no host a browser can reach (urls.unreachable) as its
    words, its other attributes on a <span>; noted in ``unlinked`` (tag "a", detail: the address)."""
    attrs, words = link.groups()
    href = _HREF_RE.search(attrs)
    if href is None or not unreachable(address := html_module.unescape(href.group(1))):
        return link.group(0)
    unlinked.append(Changed("a", len(unlinked), address))
    rest = _REL_RE.sub("", attrs[: href.start()] + attrs[href.end() :])
    return f"<span{rest}>{words}</span>" if rest.strip() else words


_REL_RE = re.compile(r'\srel="[^"]*"')


def _url_attribute_fixed(match: re.Match[str]) -> str:
    value = match.group(2)
    if _NOT_AS_TYPED.search(value) is None:
        return match.group(0)
    return match.group(1) + html_module.escape(fixed_url(html_module.unescape(value))) + match.group(3)


# A link in nh3's output, its attributes and its words (anchors never nest there).
_LINK = re.compile(r"<a(\s[^>]*)>(.*?)</a>", re.DOTALL)
_DIR_RE = re.compile(r"\sdir=")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_HTML_TAG = re.compile(r"<[^>]*>")


def _address_left_to_right(match: re.Match[str]) -> str:
    """A link whose words are its address (an autolink <https://x.org/a>, [x.org/a](https://x.org/a/))
    gets dir="ltr", as a bare address linked in the text does (views.linkify): an address reads
    left to right in an Arabic sentence too, and the print stylesheet prints the address of a
    link without dir after its words (style.css, @media print), which for these was the same
    address twice. A dir the author gave stays."""
    attrs, words = match.groups()
    href = _HREF_RE.search(attrs)
    if href is None or _DIR_RE.search(attrs) or not _same_address(_HTML_TAG.sub("", words), href.group(1)):
        return match.group(0)
    return f'<a{attrs} dir="ltr">{words}</a>'


def _same_address(words: str, href: str) -> bool:
    """Whether a link's words (HTML text) show its address (an attribute's value) to a reader: the
    same but for the scheme, a closing slash, percent-encoding ("/%D9%85" is "/م") or case."""
    shown, address = (
        _SCHEME.sub("", urllib.parse.unquote(html_module.unescape(text)).strip()).rstrip("/").casefold()
        for text in (words, href)
    )
    return bool(shown) and shown == address


@dataclass(frozen=True)
class Changed:
    """An element of the raw HTML in a Markdown body that the page cannot show as written: a
    script, a form's button, a drawing. Its readable text stays on the page, but the author must
    be told what became of the element (changed_diagnostics): nothing is left out in silence."""

    tag: str  # the element's name, lowercase
    nth: int  # 0: the first element of that name in the body, 1: the second ...
    detail: str = ""  # an embedded page's address (iframe), to name it
    closed: bool = True  # False: no end tag, so the element would have taken the rest of the body


# The start of an address as its author typed it (fixed_url changes only what follows the host).
_AS_TYPED = re.compile(r"[^/?#]*(?://[^/?#]*)?")
# Changed.detail of a raw <pre> or <code> that starts in a sentence and ends paragraphs later
# (markup.render_body leaves its tags out).
ACROSS_PARAGRAPHS = "across paragraphs"


# The elements that _prepared() changes or notes. Each must be followed by what ends a tag name,
# as the HTML parser reads it ("<svgs>" is no <svg>).
_NOTED = (
    "script|style|template|iframe|object|embed|video|audio|canvas|noscript|noembed|noframes"
    "|svg|form|input|textarea|select|button"
)
_NOTED_TAG = re.compile(rf"(?i)<({_NOTED})(?=[\s/>])")
# What the HTML parser would read as text (textarea), never show (iframe, script, style,
# template: they run to their end tag), or show only when scripts are off (noscript ...).
_RAW_HTML = re.compile(
    r"(?is)<textarea\b[^>]*>(?P<textarea>.*?)</textarea\s*>"
    r"|<svg\b.*?</svg\s*>"
    r"|<iframe\b(?P<iframe>[^>]*)>(?:.*?</iframe\s*>)?"
    r"|</?(?:noscript|noembed|noframes)\b[^>]*>"
    r"|</option\s*>"
    rf"|<(?P<tag>{_NOTED})(?=[\s/>])[^>]*>?"
)
_SVG_CODE = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<!\[CDATA\[.*?\]\]>|<!--.*?-->")
_ANY_TAG = re.compile(r"<[^>]*>")
_RAW_ATTRIBUTE = re.compile(r"""(?is)\s(src|title)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# Elements whose content the parser takes up to their end tag: without one, the rest of the body.
_RUN_TO_END = frozenset({"script", "style", "template", "textarea", "svg"})


def _prepared(html: str) -> tuple[str, tuple[Changed, ...]]:
    """Python-Markdown's HTML with the raw elements that nh3 would lose or garble made readable,
    and each element of _NOTED in order: a textarea's text as preformatted text (or plain text on
    one line), an SVG drawing as its text, an iframe as a link to the page it showed, the
    content of noscript as HTML (the parser, which runs scripts, reads it as text). An element
    that runs to its end tag but has none loses its start tag: the rest of the body is shown."""
    changed: list[Changed] = []
    seen: dict[str, int] = {}
    lowered = html.lower()

    def note(tag: str, detail: str = "", closed: bool = True) -> None:
        changed.append(Changed(tag, seen.get(tag, 0), detail, closed))
        seen[tag] = seen.get(tag, 0) + 1

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        opened = _NOTED_TAG.match(found)
        if opened is None:  # an end tag: of an option (a space keeps its text apart from the next one's) ...
            return found + " " if found[2] in "oO" else ""  # ... or of noscript, noembed, noframes
        tag = opened.group(1).lower()
        if match.group("tag") is not None:  # a start tag alone
            if tag in _RUN_TO_END and lowered.find(f"</{tag}", match.end()) < 0:
                note(tag, closed=False)
                return ""
            note(tag)
            return found
        if tag == "textarea":
            note(tag)
            text = html_module.escape(html_module.unescape(match.group("textarea")), quote=False)
            return f"<pre>{text}</pre>" if "\n" in text.strip("\n") else text.strip("\n")
        if tag == "svg":
            note(tag)
            for code in _SVG_CODE.finditer(found):  # its scripts and styles are left out too
                if code.group(1):
                    note(code.group(1).lower())
            words = html_module.unescape(_ANY_TAG.sub(" ", _SVG_CODE.sub(" ", found))).split()
            return html_module.escape(" ".join(words), quote=False)
        if tag == "iframe":
            attributes = {m.group(1).lower(): html_module.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                          for m in _RAW_ATTRIBUTE.finditer(match.group("iframe"))}  # fmt: skip
            src = attributes.get("src", "").strip()
            note(tag, src)
            if not src.lower().startswith(("https://", "http://")):
                return ""
            text = attributes.get("title", "").strip() or src
            return f'<a href="{html_module.escape(src)}">{html_module.escape(text, quote=False)}</a>'
        note(tag)  # a start tag of noscript, noembed, noframes
        return ""

    return _RAW_HTML.sub(replace, html), tuple(changed)


# What the reader finds in place of each element of _NOTED, and what the author may do.
_CHANGES = {
    "script": "a <script> is left out: sitegen publishes no scripts from articles",
    "style": "a <style> is left out: the site's pages take no styles from articles",
    "template": "a <template> is left out, as browsers never show its content; move any text for readers out of it",
    "object": "an embedded object (<object>) is not published; its fallback text is shown",
    "embed": "an embedded object (<embed>) is not published; link to what it showed instead",
    "video": "a <video> is not published (only images and PDF files are); its fallback text is shown; link to it",
    "audio": "an <audio> is not published (only images and PDF files are); its fallback text is shown; link to it",
    "canvas": "a <canvas> shows nothing without its scripts, which are not published; its fallback text is shown",
    "noscript": "the content of <noscript> is shown, as the scripts it stands in for are not published",
    "noembed": "the content of <noembed> is shown, as embedded objects are not published",
    "noframes": "the content of <noframes> is shown, as frames are not published",
    "svg": (
        "a drawing (<svg>) is not published, as it can carry scripts; its text is shown instead "
        "(save the drawing as PNG or WebP beside the article and show it with ![text](file.png))"
    ),
    "form": "a form (<form>) cannot work on a static page; its text is shown",
    "input": "a form field (<input>) is left out: it cannot work on a static page",
    "textarea": "a text box (<textarea>) is shown as its text",
    "select": "a drop-down list (<select>) is shown as the text of its options",
    "button": "the button (<button>) does nothing on a static page; its label is shown as text",
}


def changed_diagnostics(changed: Sequence[Changed], body: str, source: str, first_line: int) -> list[Diagnostic]:
    """A warning for each element sanitize changed (markup.render_body), at the line of the file
    that opens it.

    ``body`` is the Markdown the HTML was made from, which starts on line ``first_line`` of the
    file ``source``. An element is found by its place among the body's start tags of its name
    outside code (where a tag is text); one Markdown hides otherwise (an indented code block)
    may shift the count, and the warning then names a line of another element of that name."""
    if not changed:
        return []

    plain = without_code(body).lower()
    notes = []
    for element in changed:
        places = [m.start() for m in re.finditer(rf"<{element.tag}(?=[\s/>])", plain)]
        line = first_line + body.count("\n", 0, places[element.nth]) if element.nth < len(places) else None
        if element.tag == "a" and element.closed:  # a link to an unreachable address, Markdown or raw: found by it
            typed = _AS_TYPED.match(element.detail)
            at = body.find(typed.group()) if typed else -1
            line = first_line + body.count("\n", 0, at) if at >= 0 else None
            message = (
                f"the link to '{element.detail}' names no site a browser can reach (an address is "
                "https://host/path, with no space, bracket, '%' or user name in the host): its words are shown "
                "without the link; correct the address"
            )
        elif element.detail == ACROSS_PARAGRAPHS:
            message = (
                f"a <{element.tag}> starts in a sentence and ends paragraphs later, so the paragraphs between "
                f"would be inside it: its tags are left out and its text is shown as paragraphs; to keep it "
                f"{'preformatted' if element.tag == 'pre' else 'as code'}, start it on a line of its own "
                f"(or use a code block: ``` before and after)"
            )
        elif not element.closed:
            message = (
                f"a <{element.tag}> is never closed, so it would take the rest of the article: its start tag is "
                f"left out and what follows is shown; close it with </{element.tag}> where it ends"
            )
        elif element.tag == "iframe":
            shown = "a link to its address is shown instead" if element.detail.startswith("http") else "it is left out"
            message = f"an embedded page (<iframe src={element.detail!r}>) is not published; {shown}"
        else:
            message = _CHANGES[element.tag]
        notes.append(Diagnostic(source, message, line))
    return notes


def sanitize(html: str, raw: bool = True) -> tuple[str, tuple[Changed, ...]]:
    """Python-Markdown's HTML made safe to put in a page and valid HTML5, and each element of its
    raw HTML that the page cannot show as written (see _prepared), in order. ``raw`` False says
    that the Markdown had no '<' at all, so no raw HTML: nothing of it is looked for.

    Python-Markdown keeps raw HTML, attr_list lets authors add any attribute, and links take any
    URL, so everything it produces goes through nh3 with an allow-list: no scripts, frames,
    forms, event handlers, style attributes or javascript:/data:/vbscript: URLs. Table alignment
    is lost with the style attribute; that is the price of not allowing CSS from sources.
    """
    changed: tuple[Changed, ...] = ()
    if raw and _NOTED_TAG.search(html):
        html, changed = _prepared(html)
    cleaned = _CLEANER.clean(html)
    if "&#" in html and NOT_TEXT.search(cleaned):  # a reference to a control (&#129;) is read as one
        cleaned = NOT_TEXT.sub("", cleaned)
    if changed:  # a paragraph that held only what was left out (Markdown puts <svg> in one)
        cleaned = cleaned.replace("<p></p>", "")
    if _BLOCK_IN_INLINE.search(cleaned):
        # An inline tag left open ("a<b and c>d" is raw HTML to Markdown) is opened again by the
        # HTML parser at the whitespace between the blocks that follow, around them: <b><p>, which
        # is not valid HTML. Without that whitespace it is opened again inside each block instead.
        cleaned = _CLEANER.clean(_BETWEEN_BLOCKS.sub(r"\1", html))
    if "<a>" in cleaned or "<a " in cleaned:
        cleaned = _LINK_WITHOUT_HREF.sub(_unlink, cleaned)
    cleaned = _TAG_RE.sub(_rewrite_tag, cleaned)
    if "<a " in cleaned:
        unlinked: list[Changed] = []
        cleaned = _LINK.sub(functools.partial(_without_unreachable, unlinked), cleaned)
        changed += tuple(unlinked)
    if "<a " in cleaned:
        cleaned = _LINK.sub(_address_left_to_right, cleaned)
    if "://" in cleaned or "www." in cleaned or "WWW." in cleaned:
        cleaned = _linked(cleaned)
    return cleaned, changed


# Where a bare address is text as written: inside a link already, or code.
_NOT_LINKED = frozenset({"a", "code", "pre", "kbd", "samp", "math", "svg", "textarea"})


def _linked(html: str) -> str:
    """The HTML with the bare web addresses of its text made links, as in plain-text articles
    (views.linkify) and as GitHub and Hugo do: an archive moved from Hugo keeps its links. Not
    inside a link or code."""
    out: list[str] = []
    inside = 0  # depth in elements whose text stays as written
    last = 0
    for tag in _TAG_RE.finditer(html):
        out.append(_link_text(html[last : tag.start()]) if not inside else html[last : tag.start()])
        out.append(tag.group(0))
        last = tag.end()
        if tag.group(2).lower() in _NOT_LINKED and not tag.group(4):
            inside += -1 if tag.group(1) else 1
            inside = max(inside, 0)
    out.append(_link_text(html[last:]) if not inside else html[last:])
    return "".join(out)


def _link_text(text: str) -> str:
    """A text segment of sanitized HTML with its addresses linked; unchanged when it has none."""
    if not text or ("://" not in text and "www." not in text.lower()):
        return text
    linked = str(linkify(html_module.unescape(text)))
    if "<a " not in linked:
        return text
    # quotes and non-breaking spaces in text as nh3 writes them
    return linked.replace("&#34;", '"').replace("&#39;", "'").replace("\xa0", "&nbsp;")
