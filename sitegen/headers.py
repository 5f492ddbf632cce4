"""Metadata headers of Markdown sources: the header split from the body, as pure text in and a
record out. What the values mean (dates, tags, slugs) is frontmatter.py's job.

Two header styles are read, because archives arrive from both worlds:

* Front matter, the Jekyll/Hugo habit: YAML between a first line ``---`` and a closing ``---``
  (or ``...``), or Hugo's TOML between ``+++`` lines or JSON between ``{`` and ``}``. Every
  scalar is kept as the text the author typed: a date stays ``"2024-04-19"``, ``no`` stays
  ``"no"``, so the later stages (dates.py, frontmatter.py) interpret values with our own rules
  instead of YAML 1.1's surprises.
* Pelican / MultiMarkdown ``Key: value`` lines at the very top, ending at the first blank line.

In both, a key written in Arabic (``العنوان:``) is read as its English key (metakeys.py).
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from sitegen.arabic import reference_semicolons, split_tags
from sitegen.errors import SourceError
from sitegen.metakeys import english_key, fits, meta_key

__all__ = ["TABLE_KEYS", "TAG_KEYS", "TEXT_KEYS", "Metadata", "TemplateCode", "split_metadata"]


MetaValue = str | tuple[str, ...]

# Keys whose values are lists; a plain string value is split on commas. Zola writes its tags and
# categories in a table, [taxonomies].
TAG_KEYS = frozenset({"tags", "tag", "keywords", "categories", "taxonomies.tags", "taxonomies.categories"})
# Keys whose value may be a table of text, read as KEY.SUBKEY fields: the lead image as Jekyll's
# Chirpy theme writes it (image: {path, alt}) and Hugo's PaperMod (cover: {image, alt, caption}),
# Minimal Mistakes' header (header: {image, teaser, caption}), and the author as jekyll-seo-tag
# reads it (author: {name, twitter, url}), and Zola's taxonomies (taxonomies: {tags, categories}).
TABLE_KEYS = frozenset({"image", "cover", "header", "author", "taxonomies"})
# Keys whose value is a line of prose, which people type without quotes ("title: Breaking: Q&A",
# "author: @sara"): where YAML cannot read such a line, its text is read as typed (_typed_text).
# Not lists, dates, switches or tables, where a line YAML cannot read has no one clear meaning.
TEXT_KEYS = frozenset(
    {"title", "subtitle", "description", "summary", "excerpt", "custom_excerpt", "author", "byline", "slug"}
    | {"image_alt", "image_caption", "alt", "caption"}
)

# Text keys whose value may be a list of names (author: [Sara, Omar]): a list under them is one.
_NAME_KEYS = frozenset({"author", "byline"})
# Template code left in an export at the start of a value: Jekyll's Liquid ({{ page.title }},
# {% ... %}) and Hugo's Go templates ({{ .Title }}). YAML reads '{{ x }}' as a table in a table,
# and '{%' not at all: under a text key it is read as typed; under any other key, or a slug (an
# address made of '{{ page.slug }}' is page-slug, which no one meant), the line is ignored.
_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_TEMPLATE_TEXT_KEYS = TEXT_KEYS - {"slug"}

# Inside an item of a YAML list an ASCII comma was quoted on purpose ("Washington, D.C."); the
# Arabic comma and semicolon, which YAML does not know as separators, were not.
_ARABIC_SEPARATORS = re.compile(r"[\u060c\u061b]")

# A Pelican header line: an ASCII key starting with a letter, a colon, then a space or the end
# of the line. The space rule keeps "http://..." and "12:30" out of the header.
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):(?:[ \t]+(.*))?\Z")
# Under the first line, a key of up to four words (MultiMarkdown's "Base Header Level: 2"); on
# the first, a title with a colon ("Breaking News: ...") is more likely.
_WORDS_KEY_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+){1,3}):(?:[ \t]+(.*))?\Z")
# A header line whose key is Arabic words (one to three: "العنوان:", "تاريخ النشر:"), a colon, then
# a space or the end of the line; a header line if metakeys knows its key, or, under an Arabic first
# line, if it is one word ("المصدر: رويترز"). Prose ("عاجل: انفجار في بيروت") stays prose.
_ARABIC_WORD = "[\u0621-\u065f\u0670-\u06d3]+"
_ARABIC_HEADER_LINE = re.compile(rf"({_ARABIC_WORD}(?: {_ARABIC_WORD}){{0,2}}):(?:[ \t]+(.*))?\Z")
# keys whose value the article page shows (a date or a picture once metakeys.fits says it is one)
_SHOWN = frozenset({"title", "author", "date", "updated", "image"})
_CONTINUATION = re.compile(r"[ \t]+(\S.*)\Z")
_YAML_OPEN = "---"
_TOML_FENCE = "+++"  # Hugo's default front matter
_JSON_KEY = re.compile(r'\s*"[^"]+"\s*:')  # the second line of JSON front matter (Hugo)
_YAML_CLOSE = frozenset({"---", "..."})
# A top-level "key: value" line of the YAML header (also an Arabic key of up to three words:
# "العنوان:", "آخر تحديث:"); anchored, and without nested repeats, so it takes time linear in the line.
_YAML_KEY_LINE = re.compile(rf"([A-Za-z_][\w-]*|{_ARABIC_WORD}(?: {_ARABIC_WORD}){{0,2}}):[ \t]+")
# At most this many lines of one header are read as typed (each costs a new parse of the header).
_MAX_TYPED = 2 * len(TEXT_KEYS)
# And only while the parses that failed so far read at most this many characters in all (each
# stops at its mistake): a retry reads the header again from its start, so without this a header
# of 50,000 lines with such lines at its end was read 27 times over (9 s). With it, the work is
# at most this plus two readings of the header, and every header under about 19 KB (headers are
# a few hundred bytes) is read as before, wherever its lines YAML cannot read are.
_RETRY_CHARS = 2**19
_FIRST_KEY = re.compile(r"""\s*(?P<key>[^\W\d][\w-]*|"[^"]+"|'[^']+')\s*(?::(?:\s|$)|=)""")  # title: / title =


@dataclass(frozen=True)
class TemplateCode:
    """Template code that was the whole value of a key that is not text (layout: {{ x }}): the
    key is left out of Metadata.fields, and frontmatter.py says so (or holds a draft back)."""

    key: str  # as read (lowercased, an Arabic key as its English one)
    typed: str  # as the author typed it, for what is said
    line: int  # 1-based line in the file
    code: str  # the value as typed


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
    # key -> the key as typed, where it was not the key lowercased (an Arabic one: "العنوان"),
    # so that a warning names the key the author wrote
    typed: dict[str, str] = field(default_factory=dict)
    # (line, message): what the author should know of how the header was read (a text value YAML
    # cannot read, taken as typed), for frontmatter.py to give as warnings.
    warnings: tuple[tuple[int, str], ...] = ()
    # The lines of those values YAML cannot read (read as typed, or template code left out):
    # nested.py reads the header again without them.
    typed_lines: tuple[int, ...] = ()
    # Template code under keys that are not text, left out of fields (TemplateCode).
    template_code: tuple[TemplateCode, ...] = ()


def split_metadata(text: str, known: Collection[str] | None = None, read: Collection[str] | None = None) -> Metadata:
    """Separate the metadata header (YAML, TOML or JSON front matter, or Pelican style) from the
    body of a source text.

    A text with neither header style is all body. Raises SourceError (with the line) for YAML
    that does not parse, is not a mapping, holds nested mappings, is not closed, or repeats a key;
    but a line of a text key (TEXT_KEYS) typed without the quotes YAML needs ('title: Breaking:
    Q&A', 'title: #1 story') is read as typed, as its author meant, and said in ``warnings``.
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
        typed_key = _FIRST_KEY.match(lines[blank + 1])["key"].strip("'\"")  # type: ignore[index]
        first_key = meta_key(typed_key)
        # Under an Arabic key, one line between the fences is a rule over a heading to Markdown
        # (---, التاريخ: يعيد نفسه, ---), as it was before Arabic keys were read: not an error.
        arabic_key = english_key(typed_key) is not None
        heading = arabic_key and blank + 2 < len(lines) and lines[blank + 2].rstrip() in (*_YAML_CLOSE, _TOML_FENCE)
        try:
            meta = split_metadata("\n".join(lines[blank:]), known, read)
        except SourceError as exc:
            if (known is None or first_key in known) and not heading:
                raise SourceError(exc.reason, exc.file, exc.line + blank if exc.line else None) from None
        else:
            named = known is None or any(key.split(".")[0] in known or key in known for key in meta.fields)
            # A heading's line YAML could read only as typed ('العنوان: خبر: عاجل') is a heading.
            if named and not (arabic_key and _doubtful(meta, first_key)) and not (heading and meta.typed_lines):
                moved = {key: line + blank for key, line in meta.lines.items()}
                warnings = tuple((line + blank, message) for line, message in meta.warnings)
                typed = tuple(line + blank for line in meta.typed_lines)
                code = tuple(replace(found, line=found.line + blank) for found in meta.template_code)
                return replace(
                    meta,
                    lines=moved,
                    body_line=meta.body_line + blank,
                    warnings=warnings,
                    typed_lines=typed,
                    template_code=code,
                )
    first = lines[0].lstrip("\ufeff").rstrip()
    if first == _YAML_OPEN:
        return _split_yaml(lines, read, known)
    if first == _TOML_FENCE:
        return _split_toml(lines, read)
    if first == "{" and len(lines) > 1 and _JSON_KEY.match(lines[1]):
        return _split_json(lines, read)
    english = _HEADER_LINE.match(first.rstrip("\r"))
    arabic = None if english else _arabic_header(first.rstrip("\r"), first=True)
    if english or arabic:
        meta = _split_pelican(lines)
        doubtful = arabic is not None and (_doubtful(meta, meta_key(arabic.group(1))) or _turns(lines, meta))
        if (known is None or any(key in known for key in meta.fields)) and not doubtful:
            return meta
    return Metadata(fields={}, lines={}, body=text, body_line=1)


# --- YAML front matter -------------------------------------------------------------------------


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (libyaml when available) that resolves no implicit types.

    Without the implicit resolvers (bool, int, float, null, timestamp) every plain scalar keeps
    the typed text: '2024-04-19', 'no', '1.10' and '0755' stay exactly as written.
    """

    yaml_implicit_resolvers: dict[str, list[Any]] = {}  # noqa: RUF012 (class-level YAML table)


def _split_yaml(
    lines: list[str], read: Collection[str] | None = None, known: Collection[str] | None = None
) -> Metadata:
    close = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in _YAML_CLOSE),
        None,
    )
    if close is None:
        raise SourceError(
            "the front matter opened with '---' is never closed; add a '---' line after it",
            line=1,
        )
    yaml_lines = lines[1:close]  # a copy: a line YAML cannot read is replaced in it
    offset = 2  # the YAML text starts on line 2 of the file
    typed: dict[int, str] = {}  # 0-based line of yaml_lines -> its value, read as typed
    code: dict[int, str] = {}  # 0-based line of yaml_lines -> template code YAML cannot read, ignored
    warnings: list[tuple[int, str]] = []
    spent = 0  # characters read by the parses that failed (_RETRY_CHARS)
    while True:
        # Composing (not constructing) is enough: we read scalars and flat lists straight from
        # the nodes, which keeps the line of every key and never builds Python objects from tags.
        yaml_text = "\n".join(yaml_lines)
        loader = _TextLoader(yaml_text)
        try:
            node = loader.get_single_node()
            break
        except yaml.MarkedYAMLError as exc:
            reached = exc.problem_mark or exc.context_mark
            spent += reached.index + 1 if reached is not None else len(yaml_text)
            more = len(typed) + len(code) < _MAX_TYPED and spent <= _RETRY_CHARS
            if more and (template := _template_line(yaml_lines, exc)) is not None:
                n, code[n] = template
                yaml_lines[n] = yaml_lines[n][: yaml_lines[n].index(":") + 1]
                continue
            found = _typed_text(yaml_lines, exc) if more else None
            if found is None:
                raise _yaml_error(exc, lines, offset) from exc
            n, text, said = found
            # The line becomes an empty value of its key: the parse goes on, every line in place.
            yaml_lines[n] = yaml_lines[n][: yaml_lines[n].index(":") + 1]
            typed[n] = text
            warnings.append((n + offset, said))
        except yaml.YAMLError as exc:  # pragma: no cover - marks are nearly always present
            raise SourceError(f"front matter is not valid YAML ({exc}); fix the header", line=1) from exc
        finally:
            loader.dispose()

    fields: dict[str, MetaValue] = {}
    key_lines: dict[str, int] = {}
    as_typed: dict[str, str] = {}
    template_code: list[TemplateCode] = []
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
            key = meta_key(written := str(key_node.value))
            n = key_node.start_mark.line
            meant = None if n in typed else _meant_text(yaml_lines, n, key, value_node)
            ignored = code.get(n)
            if ignored is None and meant is not None and meant[1] == "template" and key not in _TEMPLATE_TEXT_KEYS:
                ignored = meant[0]
            if ignored is not None:
                template_code.append(TemplateCode(key, written.strip(), line, ignored))
                continue
            if meant is None and n not in typed and (known is None or key in known):
                for tag_line, tag in _local_tags(value_node):
                    warnings.append((tag_line + offset, _said_unknown_tag(written.strip(), tag)))
            if key in TABLE_KEYS and isinstance(value_node, yaml.MappingNode) and meant is None:
                for sub_node, sub_value in value_node.value:
                    sub_line = sub_node.start_mark.line + offset
                    if not isinstance(sub_node, yaml.ScalarNode):
                        raise SourceError("a front matter key must be plain text", line=sub_line)
                    name = f"{key}.{str(sub_node.value).strip().lower()}"
                    _add_field(
                        fields,
                        key_lines,
                        name,
                        _value(_yaml_value, name, sub_value, sub_line, read),
                        sub_line,
                        as_typed,
                        f"{written.strip()}.{str(sub_node.value).strip()}",
                    )
                continue
            value: MetaValue
            if n in typed:
                value = typed[n]
            elif meant is not None:
                value, what = meant
                warnings.append((line, _said_as_typed(written.strip(), value, what)))
                value, comments = _comment_read(yaml_lines, n, value_node, written.strip(), value)
                warnings.extend((line, message) for message in comments)
            else:
                value = _value(_yaml_value, key, value_node, line, read)
                if key in TEXT_KEYS and isinstance(value_node, yaml.ScalarNode) and not value_node.style:
                    value, comments = _comment_read(yaml_lines, n, value_node, written.strip(), value)
                    warnings.extend((line, message) for message in comments)
            _add_field(fields, key_lines, key, value, line, as_typed, written)
    return Metadata(
        fields=fields,
        lines=key_lines,
        body="\n".join(lines[close + 1 :]),
        body_line=close + 2,
        typed=as_typed,
        warnings=tuple(sorted(warnings)),
        typed_lines=tuple(sorted(n + offset for n in (*typed, *code))),
        template_code=tuple(template_code),
    )


def _meant_text(yaml_lines: list[str], n: int, key: str, node: yaml.Node) -> tuple[str, str] | None:
    """(the value as typed, what YAML reads it as) when a value on line n, all on that line, is
    text its writer meant and YAML reads as something else: template code ('{{ page.title }}', a
    table to YAML), under any key; under a text key (TEXT_KEYS), a tag ('!important news', the
    text 'news' to YAML, and '!sara' no text at all), or a list where none is meant ('[Video]',
    the text 'Video'; not under author or byline, which may list names). YAML's own tags ('!!str
    2024', '!<...>') are YAML written on purpose, as is a table with keys ('{en: ..., ar: ...}')."""
    start, end = node.start_mark, node.end_mark
    if start.line != n or end.line != n or n >= len(yaml_lines):
        return None
    typed = yaml_lines[n][start.column : end.column].strip()
    if isinstance(node, yaml.MappingNode) and _TEMPLATE_CODE.match(typed):
        return typed, "template"
    if key not in TEXT_KEYS:
        return None
    if isinstance(node, yaml.ScalarNode) and typed.startswith("!") and typed[1:2] not in ("!", "<"):
        return typed, "tag"
    if isinstance(node, yaml.SequenceNode) and typed.startswith("[") and key not in _NAME_KEYS:
        return typed, "list"
    return None


# What YAML reads a value typed as text as (_meant_text), and what to do so that it reads text.
_READ_AS = {
    "template": (
        "a table: it is template code of another generator (Jekyll's Liquid or Hugo's), which sitegen does not run",
        "replace it with the text it stood for",
    ),
    "tag": (
        "a tagged value ('!' at its start names a YAML tag, which is no part of the text)",
        "put it in quotes so that YAML reads it so too",
    ),
    "list": ("a list", "put it in quotes so that YAML reads it so too"),
}


def _local_tags(node: yaml.Node) -> list[tuple[int, str]]:
    """(0-based line, tag) of each local YAML tag ('!x') on a value or inside it, once per line:
    on the value ('tags: !list [a]'), on an item of its list ('tags: [!x a]', '- !x a') or on a
    value of its table ('image: {src: !x a.png}'); each is read as if it were not there. YAML's
    own tags ('!!str', 'tag:yaml.org,...') are not local. A loop, not recursion: nesting is the
    writer's to choose."""
    found: dict[tuple[int, str], None] = {}
    stack = [node]
    while stack:
        node = stack.pop()
        if node.tag.startswith("!"):
            found[(node.start_mark.line, node.tag)] = None
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))
    return list(found)


def _said_unknown_tag(key: str, tag: str) -> str:
    """A local YAML tag ('date: !x 2024-01-01') under a key sitegen reads: it names a type only
    the writer's program knew. The value is read as if it were not there (composing gives the
    text), which is what was meant most likely; said, since the tag may have meant more."""
    return f"{key}: the YAML tag {_shown(tag)} means nothing to sitegen; the value is read without it"


def _said_as_typed(key: str, text: str, what: str) -> str:
    why, how = _READ_AS[what]
    return f"{key}: YAML reads this value as {why}; read as text as typed, {_shown(text)}; {how}"


def _template_line(yaml_lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """(line, code) when exc failed on a top-level line whose value starts with template code
    ('layout: {% if x %}wide{% endif %}') under a key that is not text (_TEMPLATE_TEXT_KEYS):
    the line is ignored, as template code YAML can read is. None for any other mistake (a list or
    quote opened on another line, a value that goes on under its line)."""
    context, opened = exc.context or "", exc.context_mark
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is None or mark.line >= len(yaml_lines):
            continue
        if opened is not None and ("flow" in context or "quoted" in context) and opened.line != mark.line:
            return None
        typed = yaml_lines[mark.line]
        key_line = _YAML_KEY_LINE.match(typed)
        if key_line is None or mark.column < key_line.end() or meta_key(key_line.group(1)) in _TEMPLATE_TEXT_KEYS:
            continue
        text = typed[key_line.end() :].strip()
        if _TEMPLATE_CODE.match(text) and not _continued(yaml_lines, mark.line):
            return mark.line, text
    return None


def _yaml_error(exc: yaml.MarkedYAMLError, lines: list[str], offset: int) -> SourceError:
    """The error for YAML that does not parse, at the line to fix, with what to do."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context_mark is not None and exc.context and ("flow" in exc.context or "quoted" in exc.context):
        # A list or a quoted text never closed: the parser stops where it gave up (the next
        # key, the end), but the mistake is on the line that opened it.
        mark, problem = exc.context_mark, f"{problem} {exc.context} opened on this line"
    elif exc.context_mark is not None and exc.context == "while scanning a simple key":
        mark = exc.context_mark  # a line with no ':' (a value going on at the left margin), not the next one
    line = mark.line + offset if mark is not None else 1
    how = "(put quotes around a value that contains ': ' or starts with a special character)"
    typed = lines[line - 1] if line <= len(lines) else ""
    if "\t" in typed[: len(typed) - len(typed.lstrip())]:  # invisible in most editors: said outright
        how = "(it is indented with a tab, which YAML does not allow; indent it with spaces)"
    problem = f"front matter is not valid YAML ({problem}); fix that line of the header {how}"
    return SourceError(problem, line=line)


# How to quote a text that holds the quote it is put in.
_QUOTE_HOW = {
    "'": "inside '...' write an apostrophe twice ('Don''t panic'), or put the text in \"...\"",
    '"': 'inside "..." write a quote as \\", or put the text in \'...\'',
}
# What YAML reads as syntax at the start of a plain value: flow lists and tables, quotes, block
# scalars, anchors and aliases, tags, directives and characters it reserves.
_SYNTAX = frozenset("[]{}'\"|>&*!%@`,?-#")
_CLOSERS = {"[": "]", "{": "}"}
_ANCHOR = re.compile(r"&[A-Za-z0-9_-]+[ \t]")  # as YAML reads one ('& more' and '&amp;' are none)
_SAID_CHARS = 80  # of a value read as typed, a warning shows this many characters


def _shown(text: str) -> str:
    return repr(text if len(text) <= _SAID_CHARS else text[:_SAID_CHARS] + "…")


def _typed_text(yaml_lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, str, str] | None:
    """(line, text, warning) when exc failed in the value of a top-level line of a text key
    (TEXT_KEYS): the rest of that line, as typed (between its outer quotes when they enclose it
    all and every quote inside is an apostrophe, as in 'Don't panic'). None for any other
    mistake, which stays an error: not in a text key's value, a value that goes on under its
    line (indented), a quote, list or table opened and never closed (where it was meant to
    end is anyone's guess), a mistake inside a list or table, or a value that starts with a
    YAML anchor ('&t ...', YAML written on purpose)."""
    context, opened, at = exc.context or "", exc.context_mark, exc.problem_mark
    if opened is not None and ("flow" in context or ("quoted" in context and at is not None and opened.line < at.line)):
        # Inside a list or table (a line of one opened above, or a value written as one, '[a, "b" c]'),
        # or a quote opened above: no text typed without quotes.
        return None
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is None or mark.line >= len(yaml_lines):
            continue
        typed = yaml_lines[mark.line]
        key_line = _YAML_KEY_LINE.match(typed)
        if key_line is None or meta_key(key_line.group(1)) not in TEXT_KEYS or mark.column < key_line.end():
            continue
        text = typed[key_line.end() :].strip()
        if not text or _continued(yaml_lines, mark.line) or _ANCHOR.match(text):
            return None
        key, first = key_line.group(1), text[0]
        if first in _QUOTE_HOW:
            inner = text[1:-1]
            if first == '"' and len(text) > 1 and text[-1] == first and first not in inner and "\\" in inner:
                # no quote inside: what YAML cannot read is a backslash it takes for an escape ("C:\path")
                why = exc.problem or "invalid YAML"
                said = f'{key}: YAML reads a backslash inside "..." as the start of an escape ({why}); read as the '
                said += "text between the quotes, as typed (write the backslash twice, \\\\, or put the text in '...', "
                said += "so that YAML reads it so too)"
                return mark.line, inner, said
            if len(text) > 1 and text[-1] == first and _apostrophes_only(inner, first):
                said = f"{key}: YAML ends a quoted text at the first {first} inside it; read as the text between the "
                said += f"outer quotes, as typed ({_QUOTE_HOW[first]}, so that YAML reads it so too)"
                return mark.line, inner, said
            if text.find(first, 1) < 0:
                return None
        elif first in _CLOSERS and _CLOSERS[first] not in text:
            return None  # a list or a table never closed (as '[' alone is, too)
        how = "put it in quotes"
        if first in _QUOTE_HOW:
            why, how = f"YAML ends a text quoted with {first} at the next {first}", _QUOTE_HOW[first]
        elif first in _SYNTAX:
            why = f"YAML reads {first!r} at its start as syntax"
        elif ": " in text or ":\t" in text:
            why = "YAML reads ': ' in it as the start of another key"
        else:
            why = str(exc.problem or "invalid YAML")
        said = f"{key}: YAML cannot read this value ({why}); read as text as typed, {_shown(text)}; {how} "
        said += "so that YAML reads it so too"
        return mark.line, text, said
    return None


def _continued(yaml_lines: list[str], n: int) -> bool:
    """Whether the value on line n goes on under it: the next line (after blank and comment lines)
    is indented, or a list's item, which YAML would take for the key's value."""
    for after in yaml_lines[n + 1 :]:
        stripped = after.strip()
        if stripped and not stripped.startswith("#"):
            return after[:1] in (" ", "\t") or stripped == "-" or after.startswith(("- ", "-\t"))
    return False


def _apostrophes_only(inner: str, quote: str) -> bool:
    """Whether every quote in inner stands between two letters or digits (an apostrophe: Don't,
    Sara's), so that the outer pair encloses one text."""
    at = inner.find(quote)
    while at >= 0:
        if at == 0 or at == len(inner) - 1 or not (inner[at - 1].isalnum() and inner[at + 1].isalnum()):
            return False
        at = inner.find(quote, at + 1)
    return True


def _run_on_hash(text: str) -> bool:
    """Whether text starts with '#' run on to a letter or digit ('#1', '#MeToo'), as prose writes
    a number or a hashtag; '# TODO' ('#' and a space, or '##') is a comment typed as one."""
    return text.startswith("#") and text[1:2].isalnum()


def _comment_read(
    yaml_lines: list[str], n: int, node: yaml.ScalarNode, key: str, value: MetaValue
) -> tuple[MetaValue, tuple[str, ...]]:
    """A text key's plain value on line n, and what to say of a comment YAML found in it. A
    value that starts with '#' ('title: #1 story') is all comment to YAML, and the title was
    lost: it is read as typed. A comment after the text ('title: We're #1 again') is left out,
    as YAML, Jekyll and Hugo read it, but its words are named, not silently dropped. Only where
    the '#' runs on to a word (_run_on_hash): 'title: # TODO' is no title, and 'title: Talks #
    TODO' is 'Talks', with nothing to say, as before."""
    key_line = _YAML_KEY_LINE.match(yaml_lines[n]) if n < len(yaml_lines) else None
    if key_line is None:
        return value, ()
    rest = yaml_lines[n][key_line.end() :].strip()
    if value == "" and _run_on_hash(rest):
        said = f"{key}: YAML reads a value that starts with '#' as a comment (no {key} at all); read as text as "
        said += f"typed, {_shown(rest)}; put it in quotes so that YAML reads it so too"
        return rest, (said,)
    end = node.end_mark
    after = yaml_lines[end.line][end.column :] if end.line < len(yaml_lines) else ""
    if value and after[:1] in (" ", "\t") and _run_on_hash(after.lstrip(" \t")):
        said = f"{key}: {_shown(after.strip())} after ' #' is a YAML comment, left out of the {key}; to keep it, "
        said += "put the whole value in quotes"
        return value, (said,)
    return value, ()


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
    if text.isascii() and "," not in text and text.count(";") == len(reference_semicolons(text)):
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
    # A key is named by `key =`, a dotted `key.sub =`, a table `[key]` (`[key.sub]`) or an array
    # of tables `[[key]]` (nested.py finds the same lines).
    return _structured(data, lines, close, r"\s*\[{{0,2}}\s*(?:\"{key}\"|'{key}'|{key})\s*[=\].]", read)


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
    as_typed: dict[str, str] = {}
    for raw_key, raw in data.items():
        spelled = re.compile(key_pattern.format(key=re.escape(raw_key)))
        line = next((n + 1 for n in range(1, close) if spelled.match(lines[n])), 1)
        key = meta_key(raw_key)
        if key in TABLE_KEYS and isinstance(raw, dict):  # its keys are found on the table's line or after it
            for raw_sub, sub_value in raw.items():
                sub = re.compile(key_pattern.format(key=re.escape(str(raw_sub))))
                sub_line = next((n + 1 for n in range(line - 1, close) if sub.match(lines[n])), line)
                name = f"{key}.{str(raw_sub).strip().lower()}"
                value = _value(_plain_value, name, sub_value, sub_line, read)
                _add_field(
                    fields, key_lines, name, value, sub_line, as_typed, f"{raw_key.strip()}.{str(raw_sub).strip()}"
                )
            continue
        _add_field(fields, key_lines, key, _value(_plain_value, key, raw, line, read), line, as_typed, raw_key)
    body = "\n".join(lines[close + 1 :])
    return Metadata(fields=fields, lines=key_lines, body=body, body_line=close + 2, typed=as_typed)


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


def _keys_of_words_end(lines: list[str], index: int) -> int:
    """Where the keys of words from index on end (with their continuation lines), when a key of
    one word follows them in the header (Title: …, Base Header Level: 2, Author: …), else index:
    as the header's last lines, 'Cairo Today: the minister said …' is more likely the article's
    first sentence, which was shown (a sentence taken for a key is not)."""
    after = index
    while after < len(lines) and lines[after].strip():
        ahead = lines[after].rstrip()
        if _HEADER_LINE.match(ahead):
            return after
        if not (_WORDS_KEY_LINE.match(ahead) or _CONTINUATION.match(ahead)):
            return index
        after += 1
    return index


def _split_pelican(lines: list[str]) -> Metadata:
    """Header lines up to the first blank line; a line that is neither a header line nor an
    indented continuation ends the header early (as in Python-Markdown's meta extension). A key
    may be words (MultiMarkdown's), under the first line and above a key of one word: that one
    line ended the header, and it and the keys under it were shown as the first paragraph."""
    raw: list[tuple[str, str, int, list[str]]] = []  # (key as typed, key as read, line, value lines)
    index = 0
    words_end = 0  # the keys of words above this line are keys (_keys_of_words_end)
    seen: set[str] = set()  # keys read: an Arabic line that repeats one ends the header (_turns)
    in_arabic = False  # whether the header opens with an Arabic key
    while index < len(lines):
        line = lines[index].rstrip("\r")
        if index == 0:
            line = line.lstrip("\ufeff")
        if not line.strip():
            index += 1  # the blank line belongs to the header
            break
        header = _HEADER_LINE.match(line.rstrip())
        if header is None and (arabic := _arabic_header(line.rstrip(), first=not raw, unknown=in_arabic)):
            header = None if meta_key(arabic.group(1)) in seen else arabic
        if index == 0:
            in_arabic = header is not None and header.re is _ARABIC_HEADER_LINE
        if header is None and raw and (words := _WORDS_KEY_LINE.match(line.rstrip())):
            words_end = words_end if index < words_end else _keys_of_words_end(lines, index)
            header = words if index < words_end else None
        continuation = _CONTINUATION.match(line.rstrip()) if raw else None
        if header:
            key = meta_key(header.group(1))
            raw.append((header.group(1), key, index + 1, [(header.group(2) or "").strip()]))
            seen.add(key)
        elif continuation:
            raw[-1][3].append(continuation.group(1).strip())
        else:
            break
        index += 1

    fields: dict[str, MetaValue] = {}
    key_lines: dict[str, int] = {}
    as_typed: dict[str, str] = {}
    for written, key, line_no, parts in raw:
        if key in TAG_KEYS:
            value: MetaValue = split_tags("\n".join(parts))
        else:
            value = " ".join(p for p in parts if p)
        _add_field(fields, key_lines, key, value, line_no, as_typed, written)
    body = "\n".join(lines[index:])
    return Metadata(fields=fields, lines=key_lines, body=body, body_line=index + 1, pelican=True, typed=as_typed)


def _doubtful(meta: Metadata, key: str) -> bool:
    """Whether a header that opens with an Arabic key (key, as read) is as likely the article's
    first line: its value cannot be the key's (metakeys.fits: "التاريخ: يعيد نفسه"), or it is
    the header's only key and one whose value the page does not show (a summary, a tag, a
    draft: the line would be gone from the page). A title, a byline or a date alone is a header."""
    value = meta.fields.get(key)
    return (len(meta.fields) == 1 and key not in _SHOWN) or (isinstance(value, str) and not fits(key, value))


def _turns(lines: list[str], meta: Metadata) -> bool:
    """Whether a fence-less header ended at an Arabic key line that repeats one of its keys:
    speakers' turns (الكاتب: … / المحاور: … / الكاتب: …), an interview's text, not a header."""
    end = meta.body_line - 1  # the line the header ended at, unless a blank line ended it
    if not 0 < end < len(lines) or not lines[end - 1].strip():
        return False
    turn = _ARABIC_HEADER_LINE.match(lines[end].rstrip())
    return turn is not None and meta_key(turn.group(1)) in meta.fields


def _arabic_header(line: str, first: bool, unknown: bool = False) -> re.Match[str] | None:
    """A header line with an Arabic key (_ARABIC_HEADER_LINE), or None. As the first line, its
    key must be known and its value fit it (metakeys.fits): "التاريخ: يعيد نفسه" is prose. Under
    it, with ``unknown`` (a header in Arabic), a key of one word that is not known is one too
    ("المصدر: رويترز"); under an English header such a line is text, as Pelican reads it (a
    dateline: "القاهرة: أعلنت الحكومة …")."""
    match = _ARABIC_HEADER_LINE.match(line)
    if match is None:
        return None
    key = english_key(match.group(1))
    if first:
        return match if key is not None and fits(key, match.group(2) or "") else None
    return match if key is not None or (unknown and " " not in match.group(1)) else None


def _add_field(
    fields: dict[str, MetaValue],
    lines: dict[str, int],
    key: str,
    value: MetaValue,
    line: int,
    typed: dict[str, str] | None = None,
    written: str | None = None,
) -> None:
    """A repeated key would silently lose one value, so it is an error in both styles. A key
    given in two languages or spellings (title:, العنوان:), as a bilingual archive's file may
    give both, is no error that would cost the article: the English one is read (as before
    Arabic keys were), else the first, and the other is kept under its name as typed, to be
    warned about. Where the key as written is not the key lowercased, it goes into typed
    (Metadata.typed), and messages name it so."""
    written = key if written is None else written.strip()
    said = written if written.lower() != key else key
    if key in fields and typed is not None and said != typed.get(key, key):
        if said == key:  # the English one comes later: the Arabic one above it is kept as typed
            first = typed.pop(key)
            fields[first], lines[first] = fields.pop(key), lines.pop(key)
        else:
            key = said
    if key in fields:
        raise SourceError(f"'{said}' appears twice in the header (first on line {lines[key]}); keep one", line=line)
    fields[key] = value
    lines[key] = line
    if typed is not None and said != key:
        typed[key] = said
