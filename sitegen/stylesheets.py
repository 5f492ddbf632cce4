"""Stylesheets as they are published: each relative url(), @import and image-set() picture naming
another file the build publishes (a static file, or a picture an article publishes under media/)
carries the version of that file's bytes, as pages link static files (theme.asset_version).

A stylesheet is cached by browsers for GitHub Pages' ten minutes, and so are the pictures and fonts
it names: a deploy that changes a background picture but links it by the same name could show the
old one under the new stylesheet. With the version in the reference, a changed picture changes
the stylesheet's bytes, so its own version, so every page's link to it. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

# A comment, a url(), an @import of a string, the start of an image-set() or a string: scanned in
# one pass from the left, so that nothing inside a comment or a string is taken for a reference. A
# string is a picture's name only directly inside an image-set() ("a.png" 1x), not in a function
# within it (type("image/avif")): from an image-set() to its end, _IN_SET also gives a string's
# text as a group (where it has no escape), each bracket and the end of a declaration, so that
# the brackets are counted; outside, a stylesheet (a large one too) is scanned token by token as
# before image-set() was known.
_TOKENS = r"""
    /\*.*?(?:\*/|\Z)
    | (?<![\w-])url\(\s*(?:"(?P<dq>[^"\\\n]*)"|'(?P<sq>[^'\\\n]*)'|(?P<bare>[^"'()\\\s]*))\s*\)
    | @import\s+(?:"(?P<idq>[^"\\\n]*)"|'(?P<isq>[^'\\\n]*)')
    | (?P<set>(?<![\w-])(?:-webkit-)?image-set\()
"""
_STRING = r"""| "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'"""
_TOKEN = re.compile(_TOKENS + _STRING, re.VERBOSE | re.DOTALL | re.IGNORECASE)
_IN_SET = re.compile(
    _TOKENS
    + r"""
    | "(?P<sdq>[^"\\\n]*)" | '(?P<ssq>[^'\\\n]*)'
    """
    + _STRING
    + r"""
    | (?P<open>\() | (?P<close>\)) | (?P<end>[;{}])
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
_REFERENCES = ("dq", "sq", "bare", "idq", "isq")
_STRINGS = ("sdq", "ssq")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Unknown:
    """A relative reference of a stylesheet that names no file the build publishes."""

    line: int
    written: str  # the reference as the stylesheet writes it: url(img/x.png), @import "x.css", image-set("x.png")
    # the output path it resolves to ("static/img/x.png"); above the site, the reference itself
    # (../../x.png) or, where it climbs there only once resolved (sub/../../../x.png), that path (../x.png)
    target: str


def versioned(text: str, path: str, version_of: Callable[[str], str | None]) -> tuple[str, list[Unknown]]:
    """The stylesheet at output path ``path`` ("static/site.css") with the version of each
    published file its relative references (url(), @import, the pictures of an image-set()) name
    added to them ("img/bg.png?v=0123456789"), and the relative references that name no such
    file, left as written. ``version_of``: output path -> version, None for a file not published.
    data: URIs, other sites, paths from the site's root, fragments alone and references that
    already have a query are left as written."""
    folder = posixpath.dirname(path)
    unknown: list[Unknown] = []
    parts: list[str] = []
    done = 0
    # From an image-set() to its end: for each open bracket, whether it is an image-set()'s.
    brackets: list[bool] = []
    at = 0
    while (match := (_IN_SET if brackets else _TOKEN).search(text, at)) is not None:
        at = match.end()
        kind = match.lastgroup or ""  # (none: a comment, or a string outside an image-set() or with an escape)
        if kind in _STRINGS:
            if not (brackets and brackets[-1]):
                continue  # a string, not a picture of an image-set()
            written = f"image-set({match.group(0)})"
        elif kind in _REFERENCES:
            written = match.group(0)
        else:
            if kind == "set":
                brackets.append(True)
            elif kind == "open" and brackets:
                brackets.append(False)
            elif kind == "close" and brackets:
                brackets.pop()
            elif kind == "end":
                brackets.clear()  # an image-set() left open ends with its declaration
            continue
        reference = match.group(kind)
        if not reference or reference[0] in "#/" or "?" in reference or _SCHEME.match(reference):
            continue
        name, hash_, fragment = reference.partition("#")
        target = posixpath.normpath(posixpath.join(folder, unquote(name)))
        outside = target == ".." or target.startswith("../")
        version = version_of(target) if not outside else None
        if version is None:
            line = text.count("\n", 0, match.start(kind)) + 1
            if outside and reference.startswith("../"):
                target = reference
            unknown.append(Unknown(line, written, target))
            continue
        parts += [text[done : match.start(kind)], f"{name}?v={version}{hash_}{fragment}"]
        done = match.end(kind)
    return "".join(parts) + text[done:], unknown


def is_stylesheet(path: str) -> bool:
    return path.lower().endswith(".css")


def published(
    sheets: Mapping[str, bytes],
    versions: Mapping[str, str],
    version: Callable[[bytes], str],
    others: Callable[[str], str | None] | None = None,
) -> tuple[dict[str, bytes], dict[str, list[Unknown]]]:
    """Every stylesheet's bytes as published (only those that differ from their file) and what
    each names that the build does not publish. ``versions``: every static file's version of its
    own bytes; ``others``: the version of another published file (a picture of an article, under
    media/), asked only for the paths a stylesheet names. A stylesheet's version is that of its
    bytes as published, so a stylesheet that names another is made after it (in a cycle, the one
    reached again is named with the version of its file)."""
    made: dict[str, bytes] = {}
    unknown: dict[str, list[Unknown]] = {}
    final: dict[str, str] = {}
    making: set[str] = set()

    def version_of(path: str) -> str | None:
        if path in sheets and path not in final and path not in making:
            make(path)
        found = final.get(path, versions.get(path))
        return others(path) if found is None and others is not None else found

    def make(path: str) -> None:
        making.add(path)
        data = sheets[path]
        # Bytes that are not UTF-8 (an @charset of another encoding) go through unchanged.
        text, found = versioned(data.decode("utf-8", "surrogateescape"), path, version_of)
        out = text.encode("utf-8", "surrogateescape")
        if out != data:
            made[path] = out
        if found:
            unknown[path] = found
        final[path] = version(out)
        making.discard(path)

    for path in sorted(sheets):
        if path not in final:
            make(path)
    return made, unknown
