"""The records that flow through the pipeline. Frozen dataclasses, no I/O.

read -> SourceText -> extract -> Article -> collect -> Site -> render -> pages -> write.
"""

from __future__ import annotations

import copyreg
import datetime as dt
import pickle
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal, SupportsIndex, overload

# li: an item of a list typed in plain text ("• ...", "1. ..."); hr: a rule line drawn between
# two paragraphs of plain text ("* * *", "ـــــ"), a section break (its text is "")
BlockKind = Literal["p", "h2", "li", "html", "hr"]


@dataclass(frozen=True)
class Diagnostic:
    """A note, warning or error about one source file; rendered as 'file:line: message'.

    A note ("info") says what was done as asked (a draft left out); unlike a warning, it is
    no problem, so --strict does not count it."""

    file: str
    message: str
    line: int | None = None
    level: Literal["info", "warning", "error"] = "warning"

    def __str__(self) -> str:
        where = _UNSHOWABLE.sub(_escaped, self.file) + (f":{self.line}" if self.line else "")
        return f"{where}: {shown_message(self.message)}"


# Characters of a file name that would break a message's one line (a line break) or turn the
# rest of it around on the terminal (bidi embeddings, overrides, isolates): written as escapes.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The control characters of a value that a message echoes (YAML's "\0" or "\x05" in front
# matter): raw, a NUL cuts or garbles the terminal's line and makes a log file read as binary.
# Bidi marks stay: Arabic values are echoed as written.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def shown_message(message: str) -> str:
    """A message as a terminal or a log shows it: its control characters written as escapes."""
    return _CONTROL.sub(_escaped, message)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return char.encode("unicode_escape").decode("ascii") if char < "\x80" else f"\\u{ord(char):04x}"


@dataclass(frozen=True)
class SourceText:
    """One decoded source file. ``source`` is the POSIX path relative to the source folder."""

    source: str
    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()
    digest: str = ""  # hash of the file's bytes (the article cache's key)


@dataclass(frozen=True)
class Block:
    """One piece of an article body: a paragraph, a subheading, a list item (its marker kept as
    typed), or sanitized HTML (Markdown)."""

    kind: BlockKind
    text: str
    id: str = ""  # a subheading's id (anchors.py), the target of links to its section
    # A list item's level: 0 for an item of the list, 1 for a sub-item of the item above it
    # ("• a", then "◦ a1" or "  - a1" indented under it), 2 for a sub-item of that one...
    depth: int = 0


_ZLIB = b"z"  # marks a compressed body (a pickle starts with b"\x80")


class Body(Sequence[Block]):
    """An article's blocks, kept packed as bytes until a page needs them.

    Every article stays in memory for the whole build, but only the pages being rendered
    read a body: packed, a body costs a third of the memory of its string objects and
    loads from the article cache without creating thousands of objects per article. From the
    cache, the packed bytes are a read-only view of the cache file (cache.load): a build
    that renders a few pages never reads the other bodies from disk.
    """

    __slots__ = ("_packed",)
    _packed: bytes | memoryview

    def __init__(self, blocks: Iterable[Block] = (), *, compress: bool = False):
        packed = pickle.dumps(
            tuple(
                (b.kind, b.text, b.id, b.depth) if b.depth else (b.kind, b.text, b.id) if b.id else (b.kind, b.text)
                for b in blocks
            ),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        # Compressed (a third of the size, 30 us to unpack) for archives too big to keep plain.
        self._packed = _ZLIB + zlib.compress(packed, 1) if compress else packed

    def _raw(self) -> bytes | memoryview:
        packed = self._packed
        return zlib.decompress(packed[1:]) if packed[:1] == _ZLIB else packed

    def blocks(self) -> tuple[Block, ...]:
        return tuple(Block(*fields) for fields in pickle.loads(self._raw()))

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        """From protocol 5 on, the packed bytes go out of band where the pickler takes them
        (cache.save writes them after the pickle; cache.load maps them back without a copy).

        As copyreg.__newobj__ and a slot state, which the unpickler carries out itself (NEWOBJ
        and BUILD): a function of ours would be a Python call per article (20 ms of loading
        10,000 cached articles on a slow machine)."""
        packed = pickle.PickleBuffer(self._packed) if int(protocol) >= 5 else bytes(self._packed)
        return (copyreg.__newobj__, (Body,), (None, {"_packed": packed}))  # type: ignore[attr-defined]

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks())

    def __len__(self) -> int:
        return len(self.blocks())

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Block, ...]: ...
    def __getitem__(self, index: int | slice) -> Block | tuple[Block, ...]:
        return self.blocks()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Body):
            return self._packed == other._packed or self._raw() == other._raw()
        if isinstance(other, tuple):
            return self.blocks() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(bytes(self._raw()))

    def __repr__(self) -> str:
        return repr(self.blocks())


_STEMS_ZLIB = b"\xff"  # marks compressed stems (never the first byte of UTF-8 text)


class Stems:
    """An article's search stems (sitegen.stemming), packed as one UTF-8 string: those of its
    title, then the others. Made by the parser, kept in the article cache beside the body and,
    like it, loaded from there without a copy: only the search index reads them."""

    __slots__ = ("_packed",)
    _packed: bytes | memoryview

    def __init__(self, title: Iterable[str] = (), anywhere: Iterable[str] = (), *, compress: bool = False):
        # Sets as they come (the parser's are), without a copy. In set order: only sets are made
        # of them again.
        in_title = title if isinstance(title, (set, frozenset)) else set(title)
        rest = (anywhere if isinstance(anywhere, (set, frozenset)) else set(anywhere)) - in_title
        packed = f"{' '.join(in_title)}\n{' '.join(rest)}".encode("utf-8", "surrogatepass")
        # Compressed to about half for archives too big to keep them plain (as Body does).
        self._packed = _STEMS_ZLIB + zlib.compress(packed, 1) if compress else packed

    def lists(self) -> tuple[list[str], list[str]]:
        """(stems of the title, the other stems): no stem twice."""
        packed = bytes(self._packed)
        raw = zlib.decompress(packed[1:]) if packed[:1] == _STEMS_ZLIB else packed
        title, _, rest = raw.decode("utf-8", "surrogatepass").partition("\n")
        return title.split(), rest.split()

    def unpack(self) -> tuple[frozenset[str], frozenset[str]]:
        """(stems of the title, stems anywhere)."""
        title, rest = self.lists()
        in_title = frozenset(title)
        return in_title, in_title.union(rest)

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        """Out of band from protocol 5 on, as Body's packed bytes are."""
        packed = pickle.PickleBuffer(self._packed) if int(protocol) >= 5 else bytes(self._packed)
        return (copyreg.__newobj__, (Stems,), (None, {"_packed": packed}))  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stems) and self.unpack() == other.unpack()

    def __hash__(self) -> int:
        return hash(self.unpack())

    def __repr__(self) -> str:
        return f"Stems{self.unpack()!r}"


@dataclass(frozen=True)
class Tag:
    """A vocabulary entry: one slug, a label per language, and the aliases that match it."""

    slug: str
    label_ar: str
    label_en: str
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_ar


# Ends the translation key of an article that Pelican marks as the translation of another
# (``Translation: true``): the original keeps the URL both want (collect.unique_slugs).
TRANSLATED = "\x1ftranslated"


# How a label becomes a Tag of the vocabulary (tags.py resolves it); ValueError for one with no
# letters or digits. The article readers take it as a function so that they stay pure.
TagResolver = Callable[[str], Tag]


@dataclass(frozen=True)
class Article:
    """An article as extracted from its file; collect() fills in the final unique slug."""

    source: str  # POSIX path relative to the source folder; the article's identity
    title: str
    lang: str  # "ar" or "en"
    body: Sequence[Block]  # packed into a Body on construction
    date: dt.date | None = None
    updated: dt.date | None = None  # when the article was last changed ("آخر تحديث: ..."), if it says
    # the time of day of ``date`` when the source says it ("10:30 ص", 2024-04-19T10:30:00+03:00),
    # with its offset from UTC when it names one: the order within a day, and the feeds' times
    time: dt.time | None = None
    byline: str | None = None
    tags: tuple[Tag, ...] = ()  # explicit tags first, then automatic ones; no duplicates
    slug: str = ""  # explicit (metadata) or derived from the title; unique after collect()
    # the slug derived from the title while sitegen read a Markdown title's character references
    # as typed ('Q&amp;A': q-amp-a), when that was another: the address an archive built then
    # had, which redirects.plan keeps as a redirect; "" for nearly every article
    typed_slug: str = ""
    summary: str | None = None
    draft: bool = False
    translation: str | None = None  # key shared by an article and its translations (TRANSLATED: not the original)
    format: Literal["text", "markdown"] = "text"
    diagnostics: tuple[Diagnostic, ...] = ()
    digest: str = ""  # hash of the source file's bytes: stands for the body in page fingerprints
    lead: str | None = None  # plain text of the first paragraph (excerpts), when known
    words: int | None = None  # words in the body (reading time), when known
    light: str = ""  # digest of what listings show of the article (render.light_digest), when known
    # files beside the article that its body shows or links to (media.localize): (path in the
    # source folder, line of the article file that names it); the build publishes them
    media: tuple[tuple[str, int | None], ...] = ()
    # other articles' source files that its body links to (media.localize): (path in the source
    # folder, line of the article file that names it); rendering points them at those pages
    links: tuple[tuple[str, int | None], ...] = ()
    # earlier addresses of the article (metadata 'aliases', 'redirect_from', ...): (output file
    # of the redirect, redirects.alias_file; line of the article file that names it)
    aliases: tuple[tuple[str, int | None], ...] = ()
    # links of its body to pages of the site by a relative address (../other-slug/): (the
    # address as written, line of the article file), checked on every build (links.page_links)
    pages: tuple[tuple[str, int | None], ...] = ()
    # links of its body to a #fragment of another article's page (links.fragment_links): (the
    # address as the body holds it, sitegen:article/FILE#id or ../other-slug/#id; line of the
    # article file), checked against that page's ids on every build (links.missing_fragments)
    fragments: tuple[tuple[str, int | None], ...] = ()
    stems: Stems | None = None  # what search finds it by (sitegen.stemming), when known

    def __post_init__(self) -> None:
        if not isinstance(self.body, Body):
            object.__setattr__(self, "body", Body(self.body))

    def __getstate__(self) -> dict[str, Any]:
        """The fields that differ from their defaults (about half of them): the article cache
        then loads 10,000 articles ~30 ms sooner. A field left out reads its default, which a
        dataclass keeps as a class attribute."""
        defaults = _ARTICLE_DEFAULTS
        return {
            name: value
            for name, value in self.__dict__.items()
            if name not in defaults or not _same(value, defaults[name])
        }

    @property
    def lastmod(self) -> dt.date | None:
        """The day the article last changed, for feeds and the sitemap: its update date, or its
        date when it has none or (mistyped, with a warning) an earlier one."""
        if self.updated is None or (self.date is not None and self.updated < self.date):
            return self.date
        return self.updated

    @property
    def url(self) -> str:
        """Site-relative URL of the article page (no leading slash)."""
        return f"articles/{self.slug}/"

    @property
    def path(self) -> str:
        """Output-relative file of the article page."""
        return f"articles/{self.slug}/index.html"


def _same(value: Any, default: Any) -> bool:
    return value is default or (type(value) is type(default) and value == default)


_ARTICLE_DEFAULTS = {f.name: f.default for f in fields(Article) if f.default is not MISSING}


@dataclass(frozen=True)
class Site:
    """All published articles in listing order (newest first, undated last) and their indexes."""

    articles: tuple[Article, ...]
    tags: dict[str, Tag] = field(default_factory=dict)  # slug -> Tag, for every used tag
    by_tag: dict[str, tuple[Article, ...]] = field(default_factory=dict)
    # source -> {lang: article} for every language version of that article, itself included
    translations: dict[str, dict[str, Article]] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)  # source -> position in articles
    # lang -> that language's articles in listing order, and source -> position in its language's
    # list: an article page's newer and older links stay in the article's language
    by_lang: dict[str, tuple[Article, ...]] = field(default_factory=dict)
    lang_index: dict[str, int] = field(default_factory=dict)

    def neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        """The nearest newer and older article in the article's own language, in listing order.

        Never the article's own translation, which is in another language by definition; a
        reader of one language is not sent to pages in the other one.
        """
        same = self.by_lang[article.lang]
        n = self.lang_index[article.source]
        return (same[n - 1] if n > 0 else None, same[n + 1] if n + 1 < len(same) else None)


@dataclass(frozen=True)
class Page:
    """One rendered output file."""

    path: str  # output-relative, POSIX
    content: bytes | None  # None: unchanged since the previous build, keep the file that is there
    url: str | None = None  # site-relative URL of an HTML page that belongs in the sitemap
    alternates: tuple[tuple[str, str], ...] = ()  # (lang, site-relative URL) of its language versions
    fingerprint: str = ""  # digest of what the page is made from (incremental builds)


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line and for --strict."""

    articles: int
    pages: int
    skipped: int
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    written: int = 0  # pages rendered and written (the rest were unchanged)
    changed: bool = True  # whether the output differs from before the build (serve reloads only then)
    committed: bool = True  # False: --strict found warnings or errors and wrote nothing

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level == "warning")

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level == "error")


def count(n: int, noun: str) -> str:
    """'1 warning', '2 warnings': the summary lines are read by people and grepped by scripts."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


_DIGIT_RUN = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[str | int, ...], str]:
    """Sort key of a file name with its runs of digits compared as numbers, of any script
    ('e97.txt' before 'e100.txt'; 'e٩٨.txt' between them): archives number their files, and a
    list of them in string order hid 'e97.txt' after 'e100.txt'. Ties ('e09', 'e9') go by code
    point: the same order on every machine, whatever its locale."""
    parts = _DIGIT_RUN.split(text)  # text, digits, text, ...: each place holds one type
    return tuple(int(part) if n % 2 else part for n, part in enumerate(parts)), text
