"""Source files -> decoded text. The only module that opens article files.

Archives come from many systems: UTF-8 with or without BOM, UTF-16 from Windows tools, and
Windows-1256 from old Arabic Windows installations, Windows-1252 from English and French ones.
We decode what we can prove, warn when we had to guess, and refuse (naming the file) what is
not text.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from sitegen.arabic import NOT_TEXT
from sitegen.cache import stamp
from sitegen.errors import SourceError
from sitegen.model import Diagnostic, SourceText

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
# Other names for text and Markdown files: such a file is surely an article that would be left
# out, so it is reported (other files, such as images beside the articles, are not).
NEAR_SUFFIXES = (".text", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext")
# Documents that may well hold an article sitegen cannot read (old archives keep articles as web
# pages or word-processor files): each is reported with what to do, so that no article is left
# out unsaid. Files of other kinds (images and PDFs beside the articles, stylesheets, data) are
# not articles and are not reported, so a source folder that holds more than articles stays quiet.
_NOT_READ = "not read: only .txt, .md and .markdown files are articles; "  # one kind in the build's report
_CONVERT = {
    **dict.fromkeys(NEAR_SUFFIXES, "rename it to .txt (plain text) or .md (Markdown)"),
    **dict.fromkeys(
        (".htm", ".html", ".xhtml", ".shtml", ".mht", ".mhtml"),
        "if this web page is an article, save its text as .txt or .md",
    ),
    **dict.fromkeys(
        (".doc", ".docx", ".docm", ".rtf", ".odt", ".fodt", ".wpd", ".wps", ".pages"),
        "if this document is an article, export it as plain text (.txt)",
    ),
    **dict.fromkeys(
        (".rst", ".rest", ".adoc", ".asciidoc", ".org", ".textile", ".tex"),
        "if this file is an article, convert it to Markdown (.md)",
    ),
}
_TEXT_WITHOUT_SUFFIX = "if this file is an article, add .txt to its name"
# Files a repository or a site holds beside the articles (README, LICENSE.html, CNAME): never
# articles, whatever their suffix, so a source folder that is a repository's root stays quiet.
_REPOSITORY_FILES = frozenset(
    {
        *("readme", "license", "licence", "copying", "copyright", "notice", "authors", "contributors"),
        *("changelog", "codeowners", "manifest", "cname", "makefile", "dockerfile", "procfile", "gemfile"),
        *("rakefile", "vagrantfile", "jenkinsfile", "pipfile"),
    }
)
# A repository's documents, which GitHub shows beside the files (README.md, LICENSE.txt,
# README.ar.md): written in an article format, but about the folder, not news. With the source
# folder at a repository's root (source = "."), the README would otherwise open the archive.
_REPOSITORY_DOCUMENTS = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "contributing", "code_of_conduct", "security"}
)
_REPOSITORY_DOCUMENT = "a repository's document, not published as an article (rename the file if it is one)"
# Hugo's section pages (the text over a section's list of posts, the home page's): not articles.
_SECTION_PAGES = frozenset({"_index.md", "_index.markdown"})
_SECTION_PAGE = "a Hugo section page (the text over a list of posts), not published as an article (rename it if it is)"
# The site's own theme folders, when the source folder is the site root (source = "."): their
# web pages (templates, a search engine's verification page) are not articles in another format.
_THEME_FOLDERS = ("templates", "static", "locales")
_SNIFF_BYTES = 4096
MAX_BYTES = 50 * 1024 * 1024  # larger files are almost certainly not articles

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# The same test restricted to the Basic Multilingual Plane compiles to a fast lookup table;
# the full one is only needed for the rare text with characters beyond U+FFFF (_has_astral).
_NOT_TEXT_BMP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# Characters that Windows-1256 text about Arabic news plausibly contains beyond ASCII.
_PLAUSIBLE_1256 = re.compile(r"[\u0600-\u06ff\u00a0-\u00ff\u2013\u2014\u2018-\u201e\u2026\u200c-\u200f]")


def discover(source_dir: Path, root: Path | None = None) -> tuple[list[str], list[Diagnostic]]:
    """All article files under source_dir, as sorted POSIX paths relative to it.

    Hidden files and folders are ignored; symbolic links are never followed (a link could
    point outside the archive), and each one is reported so that nothing disappears silently;
    so is each file that looks like an article in a form sitegen does not read (not_read), and
    each README, LICENSE or the like in an article format, which is not read. The
    theme folders of the site ``root``, when that lies in the source folder, are not looked into:
    their files (a static/robots.txt, a template's notes.md) are the site's own, not articles.
    """
    found: list[str] = []
    notes: list[Diagnostic] = []
    theme = theme_folders(source_dir, root)
    # os.scandir gives each entry's type without a system call per file (10,000s in an archive).
    pending = [""]
    while pending:
        rel_dir = pending.pop()
        try:
            with os.scandir(os.path.join(source_dir, rel_dir) if rel_dir else source_dir) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:  # never skip a folder silently
            reason = exc.strerror or str(exc)
            where = rel_dir or str(source_dir)
            notes.append(Diagnostic(where, f"cannot read this folder ({reason}); make it readable", level="error"))
            continue
        folders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if entry.is_symlink():
                if entry.is_dir():
                    notes.append(Diagnostic(rel, "symbolic link to a folder not followed"))
                elif name.lower().endswith(ARTICLE_SUFFIXES):
                    notes.append(Diagnostic(rel, "symbolic link not followed; copy the file into the archive instead"))
                continue
            if entry.is_dir(follow_symlinks=False):
                if rel + "/" not in theme:  # the site's own files, even a static/robots.txt
                    folders.append(rel)
                continue
            if not name.lower().endswith(ARTICLE_SUFFIXES):
                if advice := not_read(name, entry.path):
                    notes.append(Diagnostic(rel, _NOT_READ + advice))
                continue
            if name.split(".", 1)[0].lower() in _REPOSITORY_DOCUMENTS:
                notes.append(Diagnostic(rel, _REPOSITORY_DOCUMENT, level="info"))
                continue
            if name.lower() in _SECTION_PAGES:
                notes.append(Diagnostic(rel, _SECTION_PAGE, level="info"))
                continue
            if not _is_utf8_name(rel):
                shown = os.fsencode(rel).decode("utf-8", "backslashreplace")
                notes.append(
                    Diagnostic(shown, "file name is not valid UTF-8; skipped (rename the file)", level="error")
                )
                continue
            found.append(rel)
        pending.extend(reversed(folders))
    found.sort()
    return found, notes


def source_stats(source: Path, files: list[str]) -> dict[str, tuple[int, int]] | None:
    """(size, cache.stamp) of every source file, taken once per build; None if one cannot be stat-ed."""
    root = str(source) + os.sep
    stats: dict[str, tuple[int, int]] = {}
    try:
        for rel in files:
            st = os.stat(root + rel)
            stats[rel] = (st.st_size, stamp(st))
    except OSError:
        return None
    return stats


# What a build first learns of its source folder: discover()'s files and notes, and their stats.
SourceScan = tuple[tuple[list[str], list[Diagnostic]], dict[str, tuple[int, int]] | None]


def scan_sources(source: Path, root: Path | None = None) -> SourceScan | None:
    """discover() and source_stats() of a source folder; None when it is not a folder. The CLI
    has a forked child scan while it imports the rest of sitegen and loads the manifest: listing
    and stat-ing 10,000 files (~0.1 s on a slow machine) is then off an edit build's path."""
    if not source.is_dir():
        return None
    discovered = discover(source, root)
    return discovered, source_stats(source, discovered[0])


def not_read(name: str, path: str) -> str | None:
    """What to do with a file that is not read but may hold an article; None for the files that
    are surely not articles (images, data, a repository's README). Only a file without any
    suffix is opened (its first bytes), to tell a text from a program or data."""
    decided, advice = _advice_by_name(name)
    if decided:
        return advice
    try:
        with open(path, "rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return None  # a file that cannot even be opened is nothing sitegen could read either
    return _TEXT_WITHOUT_SUFFIX if _looks_like_text(head) else None


def _advice_by_name(name: str) -> tuple[bool, str | None]:
    """not_read() when the name alone decides it: (True, advice or None); else (False, None)."""
    lowered = name.lower()
    trimmed = name.rstrip(" .\t")
    if trimmed != name and trimmed.lower().endswith(ARTICLE_SUFFIXES):  # "story.txt ", "notes.md."
        suffix = trimmed[trimmed.rfind(".") :]
        return True, f"remove the space or dot after {suffix} at the end of its name"
    dot = lowered.rfind(".")
    if dot > 0:  # most often an image: one look-up decides
        advice = _CONVERT.get(lowered[dot:])
        return True, None if advice is None or lowered.split(".")[0] in _REPOSITORY_FILES else advice
    return lowered in _REPOSITORY_FILES, None


def passed_over(rel: str, theme: tuple[str, ...]) -> bool:
    """Whether discover() passes over the file at rel (a POSIX path relative to the source
    folder) without a word, judged from the path alone: a hidden file, a file in the site's
    theme folders (``theme``, from theme_folders), an image. A change to such a file changes
    nothing in a build."""
    if rel.startswith(".") or "/." in rel or rel.startswith(theme):
        return True
    name = rel.rpartition("/")[2]
    if name.lower().endswith(ARTICLE_SUFFIXES):
        return False
    decided, advice = _advice_by_name(name)
    return decided and advice is None


def _looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file are prose in an encoding sitegen reads (not a script,
    not binary data): they decode as UTF-8, UTF-16 or UTF-32 with a BOM, or as Windows-1256."""
    if head.startswith(b"#!"):
        return False
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head)  # a cut last character is fine
    except UnicodeDecodeError:
        text = _windows_1256(head) or ""
    return any(c.isalpha() for c in text)


def theme_folders(source_dir: Path, root: Path | None) -> tuple[str, ...]:
    """The site root's theme folders as paths relative to source_dir (with a trailing '/'), when
    the root lies in it; else ()."""
    if root is None:
        return ()
    try:
        inside = Path(os.path.realpath(root)).relative_to(os.path.realpath(source_dir)).as_posix()
    except ValueError:
        return ()
    prefix = "" if inside == "." else inside + "/"
    return tuple(f"{prefix}{folder}/" for folder in _THEME_FOLDERS)


def read_source(source_dir: str | Path, rel: str, info: os.stat_result | None = None) -> SourceText:
    """Read and decode one article file; raise SourceError naming it when it is not text.
    ``info``: the file's stat, when the caller has just taken it."""
    path = os.path.join(source_dir, rel)  # not a Path: a tenth of the time of reading a file went to pathlib
    try:
        if info is None:
            info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("not a regular file (a folder, pipe or device); rename or remove it", rel)
        if info.st_size > MAX_BYTES:
            raise SourceError(
                f"file is larger than {MAX_BYTES // (1024 * 1024)} MB, so it is not an article; "
                "split it or move it out of the source folder",
                rel,
            )
        data = _read_bytes(path)
    except PermissionError:
        raise SourceError("permission denied; make the file readable (chmod +r)", rel) from None
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", rel) from None
    text, encoding, notes = decode(data, rel)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return SourceText(source=rel, text=text, encoding=encoding, diagnostics=tuple(notes), digest=digest)


def _read_bytes(path: str) -> bytes:
    """The whole file, with plain system calls (a Path and a file object per article cost a tenth
    of reading it)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        parts = []
        while part := os.read(fd, 1 << 20):
            parts.append(part)
        return b"".join(parts)
    finally:
        os.close(fd)


def media_files(source_dir: Path, rels: Iterable[str]) -> dict[str, tuple[int, int] | str]:
    """Each file an article refers to -> its (size, change stamp), or why it cannot be published.

    Like articles, a file is never reached through a symbolic link, which could lead out of the
    archive: each folder is resolved once, each file costs one lstat (and one access check).
    """
    root = os.path.realpath(source_dir)
    folders: dict[str, bool] = {}  # folder -> reached without a symbolic link
    found: dict[str, tuple[int, int] | str] = {}
    for rel in rels:
        folder = os.path.dirname(rel)
        if folder not in folders:
            folders[folder] = os.path.realpath(os.path.join(root, folder)) == os.path.join(root, folder).rstrip(os.sep)
        path = os.path.join(root, rel)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            found[rel] = "does not exist; put the file beside the article or correct the reference"
            continue
        except OSError as exc:
            found[rel] = f"cannot be read ({exc.strerror or exc})"
            continue
        if not folders[folder] or stat.S_ISLNK(info.st_mode):
            found[rel] = "is reached through a symbolic link, which is not followed; copy the file instead"
        elif not stat.S_ISREG(info.st_mode):
            found[rel] = "is not a regular file (a folder, pipe or device)"
        elif not os.access(path, os.R_OK):
            found[rel] = "cannot be read (permission denied); make it readable (chmod +r)"
        else:
            found[rel] = (info.st_size, stamp(info))
    return found


# Documents that other programs may write as plain ASCII (WordPad's RTF, an uncompressed PDF), so
# that they decode as text: read as articles, their control words and objects were the text.
_DOCUMENTS = (
    (
        b"{\\rtf",
        "an RTF document (a word processor's file), not plain text; open it in the word processor "
        "and save it as plain text (.txt)",
    ),
    (
        b"%PDF-",
        "a PDF document, not a text article; copy its text into a .txt or .md file (to publish the PDF "
        "itself, name it .pdf and link to it from a Markdown article)",
    ),
)


def decode(data: bytes, rel: str) -> tuple[str, str, list[Diagnostic]]:
    """bytes -> (normalized text, encoding name, warnings). Pure; raises only SourceError.

    Nothing is decoded by guesswork that could lose text silently: a file that is UTF-8 in some
    lines and something else in others is refused with the first bad line, because no single
    decoding reads it right and a per-line guess can turn bytes into wrong letters unnoticed.
    """
    notes: list[Diagnostic] = []
    for signature, kind in _DOCUMENTS:
        if data.startswith(signature):
            raise SourceError(kind, rel)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text, encoding = _strict(data, "utf-32", rel), "utf-32"
    elif data.startswith(codecs.BOM_UTF8):
        text, encoding = (
            _utf8_repaired(_strict(_without_padding(data, rel, notes)[3:], "utf-8", rel), rel, notes),
            "utf-8-sig",
        )
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", rel), "utf-16"
    else:
        unmarked = _utf16_unmarked(data) if b"\x00" in data else None
        if unmarked is None:
            data = _without_padding(data, rel, notes)
        if unmarked is not None:
            text, encoding = unmarked
            order = "little" if encoding == "utf-16-le" else "big"
            notes.append(
                Diagnostic(rel, f"UTF-16 ({order}-endian) without a byte-order mark; re-save as UTF-8 to be sure")
            )
        elif b"\x00" in data:  # inside the text: binary
            raise SourceError(
                "binary file (contains NUL bytes), not a text article; remove it, or if it is "
                "UTF-16 text without a byte-order mark, re-save it as UTF-8",
                rel,
                data[: data.index(b"\x00")].count(b"\n") + 1,
            )
        else:
            try:
                text, encoding = _utf8_repaired(data.decode("utf-8"), rel, notes), "utf-8"
            except UnicodeDecodeError as exc:
                text, encoding = _not_utf8(data, rel, exc)
                name = _ENCODING_NAMES[encoding]
                notes.append(Diagnostic(rel, f"not UTF-8; decoded as {name} (re-save as UTF-8 to be sure)"))
    if "\x00" in text:
        raise SourceError("binary file (contains NUL characters); not a text article; remove it", rel)
    text = normalize_text(text)
    bad = NOT_TEXT.search(text) if _has_astral(text) else _NOT_TEXT_BMP.search(text)
    if bad is not None:
        count = len(NOT_TEXT.findall(text))
        notes.append(
            Diagnostic(
                rel,
                f"{count} control character(s) such as U+{ord(bad.group()):04X} removed or made line breaks "
                "(they are not text and would make the pages invalid); check the file around this line",
                text.count("\n", 0, bad.start()) + 1,
            )
        )
        text = NOT_TEXT.sub(_replace_not_text, text)
    return text, encoding, notes


_NOT_UTF16_TEXT = frozenset({"Cc", "Cn", "Co", "Cs"})


def _utf16_unmarked(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of UTF-16 saved without a byte-order mark (some exporters and old
    archive tools write it), when that is provable, else None (a binary file).

    In such text the spaces, line breaks, digits and Latin punctuation put a NUL in every other
    byte, on the side of the byte order: at least one character in twenty (prose has spaces),
    and more than on the other side (where only the rare U+xx00 puts one). Decoded in that
    order, the text must be letters, marks, digits, punctuation and spaces, with no control
    character but line breaks and tabs, no unassigned or private-use code point (format
    characters such as the right-to-left mark are text). (The other order would
    read Arabic as symbols and CJK, so it is not tried.)"""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    encoding, high, low = ("utf-16-le", odd, even) if odd > even else ("utf-16-be", even, odd)
    if high < len(data) / 40 or low >= high:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if all(c in "\t\n\r" or unicodedata.category(c) not in _NOT_UTF16_TEXT for c in text):
        return text, encoding
    return None


def _has_astral(text: str) -> bool:
    """Whether text has a character beyond U+FFFF: each takes two UTF-16 units. Encoding is a
    C loop five times as fast on an article as a regular expression's character class."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _replace_not_text(match: re.Match[str]) -> str:
    """Vertical tab and form feed separate lines (page breaks in old word processors); keep that."""
    return "\n" if match.group() in "\x0b\x0c" else ""


def _not_utf8(data: bytes, rel: str, exc: UnicodeDecodeError) -> tuple[str, str]:
    """(text, encoding) of a file that is not UTF-8: Windows-1256 (Arabic Windows) or Windows-1252
    (English or French Windows, in that order) when that is provable, else SourceError."""
    first_bad = data[: exc.start].count(b"\n") + 1
    utf8_lines = []
    for n, raw in enumerate(data.split(b"\n"), start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        utf8_lines.append(n)
    if utf8_lines:
        raise SourceError(
            f"mixed encodings: line {utf8_lines[0]} is UTF-8 but line {first_bad} is not (perhaps Windows-1256); "
            "open the file in an editor, fix that line and re-save the whole file as UTF-8",
            rel,
            first_bad,
        )
    text = _windows_1256(data)
    if text is not None:
        return text, "windows-1256"
    text = _iso_8859_6(data)
    if text is not None:
        return text, "iso-8859-6"
    as_arabic = data.decode("cp1256", "replace")
    if _ARABIC_WORD.search(as_arabic) is not None:  # Arabic words among others (French): Arabic Windows
        if _prose_in_two_scripts(as_arabic):
            return as_arabic, "windows-1256"
    else:
        text = _windows_1252(data)
        if text is not None:
            return text, "windows-1252"
    raise SourceError(
        "not valid UTF-8, UTF-16, Windows-1256 or Windows-1252 text; re-save the file as UTF-8 "
        "(or remove it if it is not an article)",
        rel,
        first_bad,
    )


def normalize_text(text: str) -> str:
    """Unix newlines and Unicode NFC, so that equal-looking text compares equal. Byte-order marks
    go, inside the text too: files joined together bring theirs along, and as a character
    (a zero-width no-break space, long replaced by the word joiner U+2060) it is never meant."""
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:  # (each `in` is a fast scan)
        text = _NEWLINES.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def _strict(data: bytes, encoding: str, rel: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise SourceError(
            f"the file starts with a {encoding} byte-order mark but is not valid {encoding}; re-save it as UTF-8",
            rel,
        ) from None


def _is_utf8_name(rel: str) -> bool:
    """False for names os.walk could only decode with surrogate escapes (not UTF-8 on disk)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Three Arabic letters in a row: a Windows-1256 file that holds Arabic, even among French words
# whose accents make it fail _windows_1256; as Windows-1252 its Arabic would read "ÚíÏ ÇáÝØÑ".
_ARABIC_WORD = re.compile(r"(?<![^\W\d_])[\u0621-\u064a]{3,}(?![^\W\d_])")
# What Windows-1252 text in a Western language plausibly holds beyond ASCII: accented Latin
# letters, typographic quotes and dashes, the euro and pound signs, the degree sign.
_PLAUSIBLE_1252 = re.compile(
    r"[\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013\u2014\u2018-\u201e\u2022\u2026\u20ac\u2122]"
)


def _prose_in_two_scripts(text: str) -> bool:
    """Whether Windows-1256 text that failed _windows_1256 is still prose: words between spaces,
    its other characters Arabic or Latin letters and common punctuation (not bytes of a binary
    file, which Windows-1256 maps to letters too)."""
    non_ascii = [c for c in text if ord(c) > 127]
    if "\ufffd" in text or text.count(" ") < len(text) / 25:
        return False
    plausible = sum(1 for c in non_ascii if _PLAUSIBLE_1256.match(c) or (c.isalpha() and c < "\u0250"))
    return plausible >= 0.95 * len(non_ascii) and not any(unicodedata.category(c) == "Cc" for c in non_ascii)


def _windows_1252(data: bytes) -> str | None:
    """Decode as Windows-1252 only if the result looks like text in a Western language: mostly
    ASCII, the rest accented letters and typographic punctuation ("Café", “quotes”, 5 €). Arabic
    text in Windows-1256 that failed _windows_1256 would read as runs of accented letters here."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    letters = sum(1 for c in text if c.isalpha())
    if not non_ascii:
        return text
    if len(non_ascii) > 0.5 * max(letters, 1) or any(unicodedata.category(c) == "Cc" for c in non_ascii):
        return None
    if sum(1 for c in non_ascii if _PLAUSIBLE_1252.match(c)) / len(non_ascii) < 0.95:
        return None
    return text


def _without_padding(data: bytes, rel: str, notes: list[Diagnostic]) -> bytes:
    """The bytes without NULs after the text (a crash, a fixed-size export), said in notes: the
    text is whole. NULs inside the text are left for the caller (a binary file)."""
    if not data.endswith(b"\x00"):
        return data
    text = data.rstrip(b"\x00")
    if b"\x00" in text:
        return data
    line = text.count(b"\n") + (0 if text.endswith(b"\n") else 1)
    notes.append(Diagnostic(rel, f"{len(data) - len(text)} NUL bytes after the end of the text removed", line))
    return text


_TWICE = (
    "the text was encoded as UTF-8 twice (read as Windows-1252 in between: 'Ø¹Ù„Ø§Ù‚Ø§Øª' for 'علاقات', "
    "'donâ€™t' for 'don’t'); it is read as the text it stands for (re-save the file as UTF-8 to be sure)"
)
# Windows-1252's characters for bytes 0x80-0x9F -> the Latin-1 character of the same byte.
_CP1252_AS_LATIN1 = str.maketrans(
    {bytes([b]).decode("cp1252"): chr(b) for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
)
# A continuation byte of UTF-8 (0x80-0xBF) as Windows-1252 shows it, or as Latin-1 does a byte
# Windows-1252 leaves undefined (browsers show those as C1 controls).
_CONTINUATION = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# The first byte of a UTF-8 sequence, then a continuation byte, as Windows-1252 shows them.
_TWICE_ENCODED = re.compile(f"[\u00c2-\u00f4]{_CONTINUATION}")
# Characters encoded twice, one after another: 'â€™' (’), 'Ã©' (é), 'Ø¹Ù„Ø§Ù‚Ø§Øª' (علاقات).
_TWICE_RUN = re.compile(f"(?:[\u00c2-\u00f4]{_CONTINUATION}+)+")
# A sample between quotes or brackets, one word long ('â€™', `Ã©`, "donâ€™t", (Ã©)), as an
# article on encodings quotes it: the marks around the whitespace-free chunk that holds it.
_SAMPLE_MARKS = {"`": "`", '"': '"', "'": "'", "(": ")", "[": "]"}
# Characters a sentence sets between spaces, so that one encoded twice stands there too ('â€”').
_BETWEEN_SPACES = frozenset("\u2013\u2014\u2015\u2022\u2026\u20ac\u00a3\u00a7\u00b6\u00b0\u00b7")


def _utf8_repaired(text: str, rel: str, notes: list[Diagnostic]) -> str:
    """UTF-8 text as written, or the text it stands for when it was encoded twice (said in notes).

    Only text encoded twice as a whole is read so: an article on encodings that quotes a sample
    ('â€™', its only characters beyond ASCII) is just as decodable, and "repairing" it would
    change the author's words. The text is taken for encoded twice when two or more characters
    so encoded stand outside quoted samples, or one that stands where its character would ('donâ€™t',
    'cafÃ©', a dash between spaces); a lone one that does neither is kept as written, with a note
    naming its line (quoted samples are the author's, and go unsaid)."""
    once = _utf8_once(text)
    if once is None:
        return text
    loose = 0  # characters encoded twice outside quoted samples
    first: tuple[re.Match[str], str] | None = None
    for run in _TWICE_RUN.finditer(text):  # text encoded twice as a whole ends this at its first word
        if _quoted_sample(text, run):
            continue
        stands_for = _utf8_once(run.group()) or ""
        loose += len(stands_for)
        if loose >= 2 or _in_place(text, run, stands_for):
            notes.append(Diagnostic(rel, _TWICE))
            return once
        first = first or (run, stands_for)
    if first is not None:
        run, stands_for = first
        message = (
            f"{run.group()!r} reads as {stands_for!r} encoded as UTF-8 twice, but no other text around it is, so "
            f"it is kept as written (if it is a mistake, write {stands_for!r})"
        )
        notes.append(Diagnostic(rel, message, text.count("\n", 0, run.start()) + 1, "info"))
    return text


_SAMPLE_REACH = 80  # characters a quoted sample may reach on either side of what is encoded twice


def _quoted_sample(text: str, run: re.Match[str]) -> bool:
    """Whether a run of characters encoded twice is quoted as a sample: the whitespace-free
    chunk that holds it (trailing punctuation aside) opens and closes with matching marks.
    Looked for near the run only: a long line is not scanned again for each run."""
    low, high = max(0, run.start() - _SAMPLE_REACH), run.end() + _SAMPLE_REACH
    start = max(text.rfind(" ", low, run.start()), text.rfind("\n", low, run.start()), low - 1) + 1
    ends = [i for i in (text.find(" ", run.end(), high), text.find("\n", run.end(), high)) if i >= 0]
    chunk = text[start : min(ends, default=high)].rstrip(".,;:!?")
    return len(chunk) > 2 and _SAMPLE_MARKS.get(chunk[0]) == chunk[-1]


def _in_place(text: str, run: re.Match[str], stands_for: str) -> bool:
    """Whether a character encoded twice stands where the character it stands for would: beside
    a letter or digit (in a word: 'donâ€™t', 'cafÃ©'), or, a dash, bullet or sign, between spaces."""
    before = text[run.start() - 1] if run.start() else " "
    after = text[run.end()] if run.end() < len(text) else " "
    return before.isalnum() or after.isalnum() or stands_for in _BETWEEN_SPACES


def _utf8_once(text: str) -> str | None:
    """The text that UTF-8 text encoded a second time stands for, else None: every character
    beyond ASCII must be a byte as Windows-1252 (or Latin-1) shows it, and those bytes must be
    UTF-8, which no real text in those characters is ('Café' has an é alone). Lossless."""
    if _TWICE_ENCODED.search(text) is None:
        return None
    try:
        return text.translate(_CP1252_AS_LATIN1).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None


_ENCODING_NAMES = {
    "windows-1256": "Windows-1256",
    "iso-8859-6": "ISO-8859-6 (Arabic)",
    "windows-1252": "Windows-1252 (Western European)",
}
# An Arabic letter beside a Latin one: French of a Windows-1256 file read as ISO-8859-6 ('Cafى').
_LATIN_BY_ARABIC = re.compile(r"[A-Za-z][\u0621-\u0652]|[\u0621-\u0652][A-Za-z]")
# Two Arabic letters in a row (not the tatweel ISO-8859-6 has for Windows-1252's "à", as in
# "vis-à-vis" or "à la carte", where it stands beside no Latin letter).
_ARABIC_LETTERS = re.compile(r"[\u0621-\u063a\u0641-\u064a]{2}")


def _iso_8859_6(data: bytes) -> str | None:
    """Decode as ISO-8859-6 (the Arabic of old Unix systems and web archives) only if that is
    provable, else None. Windows-1256 reads its letters from ط on as others and as Latin
    letters ('ظناâات رèسêة' for 'علاقات روسية'); the other way round, Windows-1256 Arabic
    nearly always has bytes ISO-8859-6 leaves undefined (ي, ی, ک). So: every byte defined,
    the non-ASCII characters Arabic letters, marks and punctuation, no Arabic letter touching
    a Latin one."""
    try:
        text = data.decode("iso8859_6")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    arabic = sum(1 for c in non_ascii if "\u060c" <= c <= "\u0652" or c == "\u00a0")
    if not non_ascii or arabic < 0.95 * len(non_ascii) or _LATIN_BY_ARABIC.search(text):
        return None
    if _ARABIC_LETTERS.search(text) is None:
        return None
    return text


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
