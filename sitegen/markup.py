"""Metadata headers and Markdown for article sources: pure text in, records or safe HTML out.

Two header styles are read, because archives arrive from both worlds:

* YAML front matter between a first line ``---`` and a closing ``---`` (or ``...``), the
  Jekyll/Hugo habit. Every scalar is kept as the text the author typed: a date stays
  ``"2024-04-19"``, ``no`` stays ``"no"``, so the later stages (dates.py, frontmatter.py) interpret
  values with our own rules instead of YAML 1.1's surprises.
* Pelican / MultiMarkdown ``Key: value`` lines at the very top, ending at the first blank line.

Markdown bodies are rendered with Python-Markdown and then sanitized with nh3 (ammonia): the
sanitizer, not the Markdown options, is the security boundary, because Markdown passes raw HTML
through untouched.
"""

from __future__ import annotations

import datetime
import functools
import html as html_module
import json
import re
import tomllib
import unicodedata
import urllib.parse
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any

import markdown
import nh3
import yaml

from sitegen.arabic import split_tags, to_western_digits
from sitegen.errors import SourceError
from sitegen.model import Diagnostic
from sitegen.views import linkify

__all__ = [
    "TAG_KEYS",
    "Changed",
    "Metadata",
    "changed_diagnostics",
    "headings_in_order",
    "markdown_in_blocks",
    "render_body",
    "render_markdown",
    "split_metadata",
    "split_tags",
]

MetaValue = str | tuple[str, ...]

# Keys whose values are lists; a plain string value is split on commas.
TAG_KEYS = frozenset({"tags", "tag", "keywords", "categories"})
# Keys whose value may be a table of text, read as KEY.SUBKEY fields: the lead image as Jekyll's
# Chirpy theme writes it (image: {path, alt}) and Hugo's PaperMod (cover: {image, alt, caption}),
# Minimal Mistakes' header (header: {image, teaser, caption}), and the author as jekyll-seo-tag
# reads it (author: {name, twitter, url}).
TABLE_KEYS = frozenset({"image", "cover", "header", "author"})

# Inside an item of a YAML list an ASCII comma was quoted on purpose ("Washington, D.C."); the
# Arabic comma and semicolon, which YAML does not know as separators, were not.
_ARABIC_SEPARATORS = re.compile(r"[\u060c\u061b]")

# A Pelican header line: an ASCII key starting with a letter, a colon, then a space or the end
# of the line. The space rule keeps "http://..." and "12:30" out of the header.
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):(?:[ \t]+(.*))?\Z")
_CONTINUATION = re.compile(r"[ \t]+(\S.*)\Z")
_YAML_OPEN = "---"
_TOML_FENCE = "+++"  # Hugo's default front matter
_JSON_KEY = re.compile(r'\s*"[^"]+"\s*:')  # the second line of JSON front matter (Hugo)
_YAML_CLOSE = frozenset({"---", "..."})
_FIRST_KEY = re.compile(r"""\s*(?P<key>[A-Za-z_][\w-]*|"[^"]+"|'[^']+')\s*(?::(?:\s|$)|=)""")  # title: / title =


@dataclass(frozen=True)
class Metadata:
    """The header of one source file and the body that follows it.

    ``lines`` maps each key to its 1-based line in the file, so that frontmatter.py can say
    "article.md:3: Date: cannot read '2024-13-45'" rather than just naming the file.
    """

    fields: dict[str, MetaValue]  # keys lowercased; tags/tag/keywords as tuples of str
    lines: dict[str, int]  # key -> 1-based line number in the file
    body: str  # the text after the header (the whole text when there is no header)
    body_line: int  # 1-based line where the body starts
    pelican: bool = False  # a Pelican-style header ("Title: ..." lines), not front matter


def split_metadata(text: str, known: Collection[str] | None = None, read: Collection[str] | None = None) -> Metadata:
    """Separate the metadata header (YAML, TOML or JSON front matter, or Pelican style) from the
    body of a source text.

    A text with neither header style is all body. Raises SourceError (with the line) for YAML
    that does not parse, is not a mapping, holds nested mappings, is not closed, or repeats a key.
    The Pelican style has one ambiguity: a first line that is a single ASCII word, a colon and
    text ("Breaking: Earthquake hits Turkey"). Pelican and Python-Markdown's meta extension take
    it for a header, and its text is then lost. With ``known`` keys, a Pelican-style header none
    of whose keys is known is read as the body instead. With ``read`` keys, a nested value (a
    table, as Hugo themes put under ``cover:`` or ``menu:``) under any other key is kept as ""
    instead: nothing is read from it, and it is no reason to give up the article.
    """
    lines = text.split("\n")
    blank = 0
    while blank < len(lines) - 1 and not lines[blank].strip(" \t\ufeff"):
        blank += 1
    if (
        blank
        and blank + 1 < len(lines)  # (a fence as the last line, under blank lines: no header)
        and lines[blank].rstrip() in (_YAML_OPEN, _TOML_FENCE)
        and _FIRST_KEY.match(lines[blank + 1])
    ):
        # Front matter under blank lines (an export's, a copy-paste's), which Hugo reads too: it
        # was body text, its 'title: ...' shown under a rule. Its lines are counted in the file.
        # A rule over prose stays a rule: the fence must be followed by a key.
        # So does a rule over a line of prose with a colon ("Correction: ...", "Update: ..."):
        # with known keys, the header must name one of them (as its first line, if it is no
        # header at all), or it is body text as it was.
        first_key = _FIRST_KEY.match(lines[blank + 1])["key"].strip("'\"").lower()  # type: ignore[index]
        try:
            meta = split_metadata("\n".join(lines[blank:]), known, read)
        except SourceError as exc:
            if known is None or first_key in known:
                raise SourceError(exc.reason, exc.file, exc.line + blank if exc.line else None) from None
        else:
            if known is None or any(key.split(".")[0] in known or key in known for key in meta.fields):
                moved = {key: line + blank for key, line in meta.lines.items()}
                return replace(meta, lines=moved, body_line=meta.body_line + blank)
    first = lines[0].lstrip("\ufeff").rstrip()
    if first == _YAML_OPEN:
        return _split_yaml(lines, read)
    if first == _TOML_FENCE:
        return _split_toml(lines, read)
    if first == "{" and len(lines) > 1 and _JSON_KEY.match(lines[1]):
        return _split_json(lines, read)
    if _HEADER_LINE.match(first.rstrip("\r")):
        meta = _split_pelican(lines)
        if known is None or any(key in known for key in meta.fields):
            return meta
    return Metadata(fields={}, lines={}, body=text, body_line=1)


# --- YAML front matter -------------------------------------------------------------------------


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (libyaml when available) that resolves no implicit types.

    Without the implicit resolvers (bool, int, float, null, timestamp) every plain scalar keeps
    the typed text: '2024-04-19', 'no', '1.10' and '0755' stay exactly as written.
    """

    yaml_implicit_resolvers: dict[str, list[Any]] = {}  # noqa: RUF012 (class-level YAML table)


def _split_yaml(lines: list[str], read: Collection[str] | None = None) -> Metadata:
    close = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in _YAML_CLOSE),
        None,
    )
    if close is None:
        raise SourceError(
            "the front matter opened with '---' is never closed; add a '---' line after it",
            line=1,
        )
    yaml_text = "\n".join(lines[1:close])
    offset = 2  # the YAML text starts on line 2 of the file
    # Composing (not constructing) is enough: we read scalars and flat lists straight from the
    # nodes, which keeps the line of every key and never builds Python objects from tags.
    loader = _TextLoader(yaml_text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context_mark is not None and exc.context and ("flow" in exc.context or "quoted" in exc.context):
            # A list or a quoted text never closed: the parser stops where it gave up (the next
            # key, the end), but the mistake is on the line that opened it.
            mark, problem = exc.context_mark, f"{problem} {exc.context} opened on this line"
        line = mark.line + offset if mark is not None else 1
        raise SourceError(
            f"front matter is not valid YAML ({problem}); fix that line of the header "
            "(put quotes around a value that contains ': ' or starts with a special character)",
            line=line,
        ) from exc
    except yaml.YAMLError as exc:  # pragma: no cover - marks are nearly always present
        raise SourceError(f"front matter is not valid YAML ({exc}); fix the header", line=1) from exc
    finally:
        loader.dispose()

    fields: dict[str, MetaValue] = {}
    key_lines: dict[str, int] = {}
    if node is not None:
        if not isinstance(node, yaml.MappingNode):
            raise SourceError(
                "front matter must be 'key: value' lines (a YAML mapping)",
                line=node.start_mark.line + offset,
            )
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError("a front matter key must be plain text", line=line)
            key = str(key_node.value).strip().lower()
            if key in TABLE_KEYS and isinstance(value_node, yaml.MappingNode):
                for sub_node, sub_value in value_node.value:
                    sub_line = sub_node.start_mark.line + offset
                    if not isinstance(sub_node, yaml.ScalarNode):
                        raise SourceError("a front matter key must be plain text", line=sub_line)
                    name = f"{key}.{str(sub_node.value).strip().lower()}"
                    _add_field(fields, key_lines, name, _value(_yaml_value, name, sub_value, sub_line, read), sub_line)
                continue
            _add_field(fields, key_lines, key, _value(_yaml_value, key, value_node, line, read), line)
    return Metadata(fields=fields, lines=key_lines, body="\n".join(lines[close + 1 :]), body_line=close + 2)


def _value(
    convert: Callable[[str, Any, int], MetaValue], key: str, raw: Any, line: int, read: Collection[str] | None
) -> MetaValue:
    """convert(key, raw, line); "" for a nested value under a key that is not read (see split_metadata)."""
    try:
        return convert(key, raw, line)
    except SourceError:
        if read is None or key in read:
            raise
        return ""


# YAML's null written plain ('summary: null', 'image: ~'), as exporters write a key they have no
# value for: no value, as Jekyll and Hugo read it, not the text "null". Quoted, it is text.
_YAML_NULLS = frozenset({"~", "null", "Null", "NULL"})


def _yaml_text(node: yaml.ScalarNode) -> str:
    """A scalar's text as typed ("" for a plain null): never converted to a bool or a number."""
    value = str(node.value).strip()
    return "" if not node.style and value in _YAML_NULLS else value  # plain: None, or "" from libyaml


def _yaml_value(key: str, node: yaml.Node, line: int) -> MetaValue:
    """Text for a scalar, a tuple of text for a list of scalars; anything deeper is a mistake."""
    if isinstance(node, yaml.ScalarNode):
        value = _yaml_text(node)
        return _front_matter_tags(value) if key in TAG_KEYS else value
    if key in TAG_KEYS and isinstance(node, yaml.SequenceNode):
        node = yaml.SequenceNode(node.tag, [_named(item) for item in node.value])
    if isinstance(node, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in node.value):
        items = tuple(s for s in (_yaml_text(item) for item in node.value) if s)
        if key in TAG_KEYS:  # YAML separates items with ',' only, so [روسيا، باكستان] is one item
            return tuple(t for item in items for t in (p.strip() for p in _ARABIC_SEPARATORS.split(item)) if t)
        return items
    raise SourceError(f"'{key}' must be text or a list of text, not a nested structure", line=line)


def _named(item: yaml.Node) -> yaml.Node:
    """A tag written as an object (Ghost's and some exporters' '- name: News' with its slug and
    id): its name, the text a reader sees; any other item as it is."""
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value.lower() == "name" and isinstance(value, yaml.ScalarNode):
                return value
    return item


def _front_matter_tags(text: str) -> tuple[str, ...]:
    """Tags written as text in front matter. Jekyll and Hugo split such text at spaces (`tags:
    news cairo` is two tags, as the old site showed them); text with a comma or semicolon, or
    with any letter beyond ASCII, is split at those only, so that `الأمم المتحدة، روسيا` keeps
    its two-word name."""
    if text.isascii() and "," not in text and ";" not in text:
        return tuple(text.split())
    return split_tags(text)


# --- TOML and JSON front matter (Hugo) ----------------------------------------------------------


def _split_toml(lines: list[str], read: Collection[str] | None = None) -> Metadata:
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _TOML_FENCE), None)
    if close is None:
        raise SourceError("the front matter opened with '+++' is never closed; add a '+++' line after it", line=1)
    try:
        data = tomllib.loads("\n".join(lines[1:close]))
    except tomllib.TOMLDecodeError as exc:
        from sitegen.config import toml_error_line

        line = toml_error_line(exc)
        problem = str(exc).split(" (at ")[0]
        opened = _unclosed_line(lines[1:close])
        if line is None and "end of document" in str(exc):  # found only at the end: say where it began
            line = opened or close - 1
        elif line is not None and opened is not None and opened < line and "[" in lines[opened]:
            line = opened  # a list never closed: the next key is where the parser gave up
        raise SourceError(
            f"front matter is not valid TOML ({problem}); fix that line of the header (put text in quotes)",
            line=line + 1 if line else 1,
        ) from None
    return _structured(data, lines, close, r"\s*\[?\s*(?:\"{key}\"|'{key}'|{key})\s*[=\]]", read)


def _unclosed_line(lines: list[str]) -> int | None:
    """The 1-based line of a TOML text that opens a string or a list it does not close, if one does."""
    for n, line in enumerate(lines, start=1):
        plain = line.replace('\\"', "")
        if plain.count('"') % 2 or plain.count("'") % 2 or plain.count("[") > plain.count("]"):
            return n
    return None


def _split_json(lines: list[str], read: Collection[str] | None = None) -> Metadata:
    """A JSON object from the first line '{' to the first line '}', as Hugo writes it."""
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "}"), None)
    if close is None:
        raise SourceError("the front matter opened with '{' is never closed; add a '}' line after it", line=1)
    try:
        data = json.loads("\n".join(lines[: close + 1]).lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        problem = f"front matter is not valid JSON ({exc.msg}); fix that line of the header"
        raise SourceError(problem, line=exc.lineno) from None
    return _structured(data, lines, close, r'\s*"{key}"\s*:', read)


def _structured(
    data: dict[str, Any], lines: list[str], close: int, key_pattern: str, read: Collection[str] | None = None
) -> Metadata:
    """Metadata from a parsed TOML or JSON header (lines 0 to close): values as the YAML header
    gives them, text or a tuple of text; each key's line found by key_pattern."""
    fields: dict[str, MetaValue] = {}
    key_lines: dict[str, int] = {}
    for raw_key, raw in data.items():
        spelled = re.compile(key_pattern.format(key=re.escape(raw_key)))
        line = next((n + 1 for n in range(1, close) if spelled.match(lines[n])), 1)
        key = raw_key.strip().lower()
        if key in TABLE_KEYS and isinstance(raw, dict):  # its keys are found on the table's line or after it
            for raw_sub, sub_value in raw.items():
                sub = re.compile(key_pattern.format(key=re.escape(str(raw_sub))))
                sub_line = next((n + 1 for n in range(line - 1, close) if sub.match(lines[n])), line)
                name = f"{key}.{str(raw_sub).strip().lower()}"
                _add_field(fields, key_lines, name, _value(_plain_value, name, sub_value, sub_line, read), sub_line)
            continue
        _add_field(fields, key_lines, key, _value(_plain_value, key, raw, line, read), line)
    return Metadata(fields=fields, lines=key_lines, body="\n".join(lines[close + 1 :]), body_line=close + 2)


def _plain_value(key: str, value: object, line: int) -> MetaValue:
    """Text for a scalar (a date as ISO 8601, a boolean as true/false), a tuple of text for a
    list of scalars: what the YAML header gives, so that every key means the same in each."""
    if isinstance(value, list):
        if key in TAG_KEYS:  # tags as objects: their names (_named)
            value = [_named_value(item) for item in value]
        if all(not isinstance(item, (list, dict)) for item in value):
            items = tuple(t for t in (_plain_value("", item, line) for item in value) if isinstance(t, str) and t)
            if key in TAG_KEYS:  # as in YAML: "a, b" is one item, [روسيا، باكستان] two
                return tuple(t for item in items for t in (p.strip() for p in _ARABIC_SEPARATORS.split(item)) if t)
            return items
    elif not isinstance(value, dict):
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, (datetime.date, datetime.time)):
            text = value.isoformat()
        else:
            text = "" if value is None else str(value).strip()
        return _front_matter_tags(text) if key in TAG_KEYS else text
    raise SourceError(f"'{key}' must be text or a list of text, not a nested structure", line=line)


def _named_value(item: object) -> object:
    """_named for a TOML or JSON value."""
    if isinstance(item, dict):
        name = next((v for k, v in item.items() if str(k).lower() == "name"), None)
        if name is not None and not isinstance(name, (list, dict)):
            return name
    return item


# --- Pelican / MultiMarkdown header -------------------------------------------------------------


def _split_pelican(lines: list[str]) -> Metadata:
    """Header lines up to the first blank line; a line that is neither a header line nor an
    indented continuation ends the header early (as in Python-Markdown's meta extension)."""
    raw: list[tuple[str, int, list[str]]] = []  # (key, line, value lines)
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        if index == 0:
            line = line.lstrip("\ufeff")
        if not line.strip():
            index += 1  # the blank line belongs to the header
            break
        header = _HEADER_LINE.match(line.rstrip())
        continuation = _CONTINUATION.match(line.rstrip()) if raw else None
        if header:
            raw.append((header.group(1).lower(), index + 1, [(header.group(2) or "").strip()]))
        elif continuation:
            raw[-1][2].append(continuation.group(1).strip())
        else:
            break
        index += 1

    fields: dict[str, MetaValue] = {}
    key_lines: dict[str, int] = {}
    for key, line_no, parts in raw:
        if key in TAG_KEYS:
            value: MetaValue = split_tags("\n".join(parts))
        else:
            value = " ".join(p for p in parts if p)
        _add_field(fields, key_lines, key, value, line_no)
    return Metadata(fields=fields, lines=key_lines, body="\n".join(lines[index:]), body_line=index + 1, pelican=True)


def _add_field(fields: dict[str, MetaValue], lines: dict[str, int], key: str, value: MetaValue, line: int) -> None:
    """A repeated key would silently lose one value, so it is an error in both styles."""
    if key in fields:
        raise SourceError(
            f"'{key}' appears twice in the header (first on line {lines[key]}); keep one",
            line=line,
        )
    fields[key] = value
    lines[key] = line


# --- Markdown ----------------------------------------------------------------------------------

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
    return match.group(0)


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
        extensions=[*extensions, "sane_lists"], extension_configs=configs, output_format="html"
    )
    for name in unused:
        converter.inlinePatterns.deregister(name)
    return converter


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


@dataclass(frozen=True)
class Changed:
    """An element of the raw HTML in a Markdown body that the page cannot show as written: a
    script, a form's button, a drawing. Its readable text stays on the page, but the author must
    be told what became of the element (changed_diagnostics): nothing is left out in silence."""

    tag: str  # the element's name, lowercase
    nth: int  # 0: the first element of that name in the body, 1: the second ...
    detail: str = ""  # an embedded page's address (iframe), to name it
    closed: bool = True  # False: no end tag, so the element would have taken the rest of the body


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
    """A warning for each element render_body changed, at the line of the file that opens it.

    ``body`` is the Markdown the HTML was made from, which starts on line ``first_line`` of the
    file ``source``. An element is found by its place among the body's start tags of its name
    outside code (where a tag is text); one Markdown hides otherwise (an indented code block)
    may shift the count, and the warning then names a line of another element of that name."""
    if not changed:
        return []
    from sitegen.extract import without_code  # the rule for code that the Liquid warning uses

    plain = without_code(body).lower()
    notes = []
    for element in changed:
        places = [m.start() for m in re.finditer(rf"<{element.tag}(?=[\s/>])", plain)]
        line = first_line + body.count("\n", 0, places[element.nth]) if element.nth < len(places) else None
        if not element.closed:
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


def render_markdown(body: str) -> str:
    """Markdown to HTML that is safe to put in a page and valid HTML5 (render_body, without
    what it changed)."""
    return render_body(body)[0]


def render_body(body: str) -> tuple[str, tuple[Changed, ...]]:
    """Markdown to HTML that is safe to put in a page and valid HTML5, and each element of its
    raw HTML that the page cannot show as written (see _prepared), in order.

    Python-Markdown keeps raw HTML, attr_list lets authors add any attribute, and links take any
    URL, so everything it produces goes through nh3 with an allow-list: no scripts, frames,
    forms, event handlers, style attributes or javascript:/data:/vbscript: URLs. Table alignment
    is lost with the style attribute; that is the price of not allowing CSS from sources.
    """
    converter = _converter_for(body)
    if "  " in body:  # (every nested list has an indented line)
        body = nested_lists_by_four(body)
    if "<" in body and "\n\n" in body:
        body = markdown_in_blocks(body)
    try:
        html = converter.reset().convert(body)
    except BaseException as exc:
        _converter.cache_clear()  # a conversion cut short may leave state behind: start afresh
        if not isinstance(exc, RecursionError):
            raise  # Python-Markdown recurses once per nesting level of lists and quotes
        raise SourceError(
            "the Markdown nests lists or quotes too deeply to render; flatten them (or, if the text is "
            "not meant as Markdown, save it as .txt)"
        ) from None
    changed: tuple[Changed, ...] = ()
    if "<" in body and _NOTED_TAG.search(html):
        html, changed = _prepared(html)
    cleaned = _CLEANER.clean(html)
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
        cleaned = _LINK.sub(_address_left_to_right, cleaned)
    if "://" in cleaned or "www." in cleaned or "WWW." in cleaned:
        cleaned = _linked(cleaned)
    return cleaned, changed


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
