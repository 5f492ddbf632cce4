"""Source files -> decoded text. The only module that opens article files.

Archives come from many systems: UTF-8 with or without BOM, UTF-16 from Windows tools, and
Windows-1256 from old Arabic Windows installations. We decode what we can prove, warn when we
had to guess, and refuse (naming the file) what is not text.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from pathlib import Path

from sitegen.errors import SourceError
from sitegen.model import Diagnostic, SourceText

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_BYTES = 50 * 1024 * 1024  # larger files are almost certainly not articles

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Characters that Windows-1256 text about Arabic news plausibly contains beyond ASCII.
_PLAUSIBLE_1256 = re.compile(r"[\u0600-\u06ff\u00a0-\u00ff\u2013\u2014\u2018-\u201e\u2026\u200c-\u200f]")


def discover(source_dir: Path) -> tuple[list[str], list[Diagnostic]]:
    """All article files under source_dir, as sorted POSIX paths relative to it.

    Hidden files and folders are ignored; symbolic links are never followed (a link could
    point outside the archive), and each one is reported so that nothing disappears silently.
    """
    found: list[str] = []
    notes: list[Diagnostic] = []
    for dirpath, dirnames, filenames in os.walk(source_dir, followlinks=False):
        rel_dir = Path(dirpath).relative_to(source_dir)
        keep = []
        for name in dirnames:
            if name.startswith("."):
                continue
            if os.path.islink(os.path.join(dirpath, name)):
                notes.append(Diagnostic((rel_dir / name).as_posix(), "symbolic link to a folder not followed"))
                continue
            keep.append(name)
        dirnames[:] = sorted(keep)
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            rel = (rel_dir / name).as_posix()
            if os.path.islink(os.path.join(dirpath, name)):
                notes.append(Diagnostic(rel, "symbolic link not followed; copy the file into the archive instead"))
                continue
            found.append(rel)
    found.sort()
    return found, notes


def read_source(source_dir: Path, rel: str) -> SourceText:
    """Read and decode one article file; raise SourceError naming it when it is not text."""
    path = source_dir / rel
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not an article", rel)
        data = path.read_bytes()
    except PermissionError:
        raise SourceError("permission denied; make the file readable (chmod +r)", rel) from None
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", rel) from None
    text, encoding, notes = decode(data, rel)
    return SourceText(source=rel, text=text, encoding=encoding, diagnostics=tuple(notes))


def decode(data: bytes, rel: str) -> tuple[str, str, list[Diagnostic]]:
    """bytes -> (normalized text, encoding name, warnings). Pure."""
    notes: list[Diagnostic] = []
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", rel), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", rel), "utf-16"
    else:
        if b"\x00" in data:
            raise SourceError("binary file (contains NUL bytes); not a text article", rel)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text = _windows_1256(data)
            if text is None:
                line = data[: exc.start].count(b"\n") + 1
                raise SourceError(
                    "not valid UTF-8, UTF-16 or Windows-1256 text; re-save the file as UTF-8",
                    rel,
                    line,
                ) from None
            encoding = "windows-1256"
            notes.append(Diagnostic(rel, "not UTF-8; decoded as Windows-1256 (re-save as UTF-8 to be sure)"))
    if "\x00" in text:
        raise SourceError("binary file (contains NUL characters); not a text article", rel)
    return normalize_text(text), encoding, notes


def normalize_text(text: str) -> str:
    """Unix newlines and Unicode NFC, so that equal-looking text compares equal."""
    text = text.removeprefix("\ufeff")
    return unicodedata.normalize("NFC", _NEWLINES.sub("\n", text))


def _strict(data: bytes, encoding: str, rel: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise SourceError(
            f"the file starts with a {encoding} byte-order mark but is not valid {encoding}", rel
        ) from None


def _windows_1256(data: bytes) -> str | None:
    """Decode as Windows-1256 only if the result looks like Arabic text, else None.

    Windows-1256 maps almost every byte, so decoding alone proves nothing: we also require
    the non-ASCII characters to be mostly Arabic letters and common punctuation.
    """
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return text
    plausible = sum(1 for c in non_ascii if _PLAUSIBLE_1256.match(c) and (c >= "\u0600" or c in "\u00a0\u00ab\u00bb"))
    if plausible / len(non_ascii) < 0.85 or any(unicodedata.category(c) == "Cc" for c in non_ascii):
        return None
    return text
