"""What a build wrote into an output folder, kept for the next build into it (the manifest).

Every page's path and fingerprint, each render task's key and pages, the templates the pages were
made from, the source files and pictures as they were, and the shape of the Site: what lets the
next build render only what changed and find the rest unchanged without reading it. It lives in
the cache folder, never in the output; a manifest that does not match the output (another
folder, another version of sitegen, a damaged file) is not used, and the build is then a full one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import logging
import os
import pickle
import struct
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen import cache
from sitegen.cache import cache_dir
from sitegen.collect import Shape
from sitegen.config import Config
from sitegen.errors import OutputError
from sitegen.model import Diagnostic, Page
from sitegen.theme import TemplateDeps
from sitegen.write import MARKER

log = logging.getLogger(__name__)


@dataclass
class Manifest:
    """What the last build wrote into an output folder: path -> fingerprint or byte digest."""

    key: str
    pages: dict[str, str]
    inputs: str | None = None
    articles: int = 0
    page_count: int = 0
    skipped: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()
    # repr(task) -> (task key, its pages): tasks whose key is unchanged are skipped.
    tasks: dict[str, tuple[str, Stubs]] = dataclasses.field(default_factory=dict)
    templates: TemplateDeps = dataclasses.field(default_factory=dict)
    # files beside the articles that the site publishes -> (size, stamp), or why not (read.media_files)
    media: dict[str, tuple[int, int] | str] = dataclasses.field(default_factory=dict)
    # source files that a stylesheet names under media/ but no article refers to -> whether the
    # source folder had them, as its warning says (build.published_static): checked again by a
    # build with nothing else to do, which repeats the last build's warnings
    named_media: dict[str, bool] = dataclasses.field(default_factory=dict)
    # published picture -> (size, stamp, its width and height or None): read again only when the
    # file changed (image_sizes)
    images: dict[str, tuple[int, int, tuple[int, int] | None]] = dataclasses.field(default_factory=dict)
    # the Site as the next build in another process can make it again (collect.thaw); only on disk
    shape: Shape | None = None
    # the keys of its article lists (Keys.lists), for incremental.unchanged_lists()
    lists: dict[Any, tuple[Any, str]] = dataclasses.field(default_factory=dict)
    # (size, stamp) of each source file it read: the next build parses those that differ early
    stats: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    # the search index's (sources, versions) by article id (search.Index.state): what the next
    # build patches it from
    search: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    # The size and cache.stamp() of each file of ``pages`` (in its order) as the build left it in
    # the output (STAMP, packed: one bytes object, not 22,000 tuples for every build to read and
    # write at 10,000 articles): a file edited by hand since is made again by the next build, as
    # a deleted one is (stamped()).
    stamps: bytes = b""


Stamp = tuple[int, int]  # an output file's size and cache.stamp()
STAMP = struct.Struct("<qq")


def stamped(manifest: Manifest) -> Iterator[tuple[str, Stamp | None]]:
    """(path, size and stamp as written) of each file of the manifest, in its order; None for
    every file when the stamps do not fit the files (then each is compared again)."""
    if len(manifest.stamps) != STAMP.size * len(manifest.pages):
        return zip(manifest.pages, itertools.repeat(None))
    return zip(manifest.pages, STAMP.iter_unpack(manifest.stamps), strict=True)


def output_stamp(path: str) -> Stamp | None:
    """An output file's size and stamp now (None: not there)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, cache.stamp(st)


Alternates = tuple[tuple[str, str], ...]  # (lang, site-relative URL) of a page's language versions


@dataclass(frozen=True)
class Stubs:
    """A task's pages as the manifest keeps them (Page without content), in columns.

    A manifest holds every page of the site (22,000 at 10,000 articles) and is read and written
    by every build: as one Page record each, that took 80 ms to read and 100 ms to write on a
    slow machine; as a few tuples of strings, a fifth of it. Most columns are empty, as most
    pages are reached at their folder and have no language versions.
    """

    paths: tuple[str, ...]
    fingerprints: tuple[str, ...]
    urls: tuple[str | None, ...] | None = None  # None: each page's URL is folder_url(path)
    alternates: tuple[Alternates, ...] | None = None  # None: no page has language versions

    @classmethod
    def of(cls, pages: Iterable[Page]) -> Stubs:
        pages = list(pages)
        paths = tuple(p.path for p in pages)
        urls = tuple(p.url for p in pages)
        alternates = tuple(p.alternates for p in pages)
        return cls(
            paths=paths,
            fingerprints=tuple(p.fingerprint for p in pages),
            urls=None if urls == tuple(map(folder_url, paths)) else urls,
            alternates=alternates if any(alternates) else None,
        )

    def _urls(self) -> Iterable[str | None]:
        return map(folder_url, self.paths) if self.urls is None else self.urls

    def _alternates(self) -> Iterable[Alternates]:
        return itertools.repeat((), len(self.paths)) if self.alternates is None else self.alternates

    def meta(self) -> Iterator[tuple[str, tuple[str | None, Alternates]]]:
        """path -> (sitemap URL, language versions) of each page."""
        return zip(self.paths, zip(self._urls(), self._alternates(), strict=True), strict=True)

    def meta_of(self, n: int) -> tuple[str | None, Alternates]:
        """(sitemap URL, language versions) of the n-th page."""
        url = folder_url(self.paths[n]) if self.urls is None else self.urls[n]
        return url, () if self.alternates is None else self.alternates[n]

    def listed(self) -> Iterator[tuple[str, Alternates]]:
        """(URL, language versions) of each page that belongs in the sitemap."""
        return (
            (url, alternates)
            for url, alternates in zip(self._urls(), self._alternates(), strict=True)
            if url is not None
        )

    def listed_count(self) -> int:
        """How many of its pages belong in the sitemap."""
        if self.urls is not None:
            return len(self.urls) - self.urls.count(None)
        return sum(map(at_folder, self.paths))

    def pages(self) -> list[Page]:
        return [
            Page(path=path, content=None, url=url, alternates=alternates, fingerprint=fingerprint)
            for path, fingerprint, url, alternates in zip(
                self.paths, self.fingerprints, self._urls(), self._alternates(), strict=True
            )
        ]


class Listed(Collection[tuple[str, Alternates]]):
    """(URL, language versions) of every page in the sitemap, made only when the sitemap is:
    most builds need only their number (22,000 entries took 20 ms on a slow machine)."""

    def __init__(self, task_stubs: Sequence[Stubs]):
        self._stubs = task_stubs
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = sum(stubs.listed_count() for stubs in self._stubs)
        return self._count

    def __iter__(self) -> Iterator[tuple[str, Alternates]]:
        return itertools.chain.from_iterable(stubs.listed() for stubs in self._stubs)

    def __contains__(self, entry: object) -> bool:
        return any(entry == listed for listed in self)


def folder_url(path: str) -> str | None:
    """The URL a page most often has: its folder's (a page not named index.html has none)."""
    return path[: -len("index.html")] if at_folder(path) else None


def at_folder(path: str) -> bool:
    """Whether the page is reached at its folder's URL (an index.html)."""
    return path == "index.html" or path.endswith("/index.html")


class PageIndex(Mapping[str, tuple[str | None, Alternates]]):
    """path -> (sitemap URL, language versions) of the previous build's pages, from the task
    stubs in its manifest. Where each path is is found on first use (a build with nothing to
    plan never needs it), and its URL is made only when asked for: an edit plans a few hundred
    pages of 22,000."""

    def __init__(self, tasks: dict[str, tuple[str, Stubs]], where: dict[str, tuple[Stubs, int]] | None = None):
        self.tasks = tasks
        self._where = where
        self._in_task: dict[str, dict[str, int]] = {}  # task -> path -> n, for the tasks asked about

    def moved_to(self, tasks: dict[str, tuple[str, Stubs]]) -> PageIndex:
        """The index of the next build's pages (tasks), made from this one by replacing the
        stubs that changed (a session keeps it from build to build: made afresh, it took 15 ms
        of each edit on a slow machine). This index must not be used afterwards."""
        where, self._where = self._where, None
        if where is None:
            return PageIndex(tasks)
        for name, (_, stubs) in self.tasks.items():
            now = tasks.get(name)
            if now is None or now[1] is not stubs:
                for path in stubs.paths:
                    if where.get(path, (None,))[0] is stubs:
                        del where[path]
        for name, (_, stubs) in tasks.items():
            before = self.tasks.get(name)
            if before is None or before[1] is not stubs:
                n = len(stubs.paths)
                where.update(zip(stubs.paths, zip(itertools.repeat(stubs, n), range(n), strict=True), strict=True))
        return PageIndex(tasks, where)

    def _located(self) -> dict[str, tuple[Stubs, int]]:
        if self._where is None:
            where: dict[str, tuple[Stubs, int]] = {}
            for _, stubs in self.tasks.values():
                n = len(stubs.paths)
                where.update(zip(stubs.paths, zip(itertools.repeat(stubs, n), range(n), strict=True), strict=True))
            self._where = where
        return self._where

    def __getitem__(self, path: str) -> tuple[str | None, Alternates]:
        stubs, n = self._located()[path]
        return stubs.meta_of(n)

    def in_task(self, task: str, path: str) -> tuple[str | None, Alternates] | None:
        """What get(path) gives, looked for first among the pages of the named task, where the
        page nearly always was: an edit of a 100,000-article site then never locates all its
        220,000 pages (0.2 s), only the few hundred of the tasks it plans. A page that another
        task made (articles moved to another chunk) is looked for among every page."""
        if self._where is None:
            entry = self.tasks.get(task)
            if entry is not None:
                at = self._in_task.get(task)
                if at is None:
                    at = self._in_task[task] = {p: n for n, p in enumerate(entry[1].paths)}
                n = at.get(path)
                if n is not None:
                    return entry[1].meta_of(n)
        return self.get(path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._located())

    def __len__(self) -> int:
        return len(self._located())


def two_pages(task_stubs: Iterable[Stubs]) -> None:
    """Raise for the first output file that two pages want."""
    seen: set[str] = set()
    for stubs in task_stubs:
        for path in stubs.paths:
            if path in seen:
                raise OutputError(f"two pages want the same output file {path!r}")
            seen.add(path)


def unchanged_task(
    previous: Manifest | None,
    done: tuple[str, Stubs] | None,
    task_key: str | None,
    exists_all: Callable[[Iterable[str]], bool],
) -> Stubs | None:
    """The task's pages as the previous build left them, when its key is unchanged and every
    one of its files is still in the output; else None."""
    if previous is None or done is None or task_key is None or done[0] != task_key:
        return None
    return done[1] if exists_all(done[1].paths) else None


def manifest_file(config: Config) -> Path:
    """Where the manifest of builds into config.output is kept: one file per output folder,
    which each version of sitegen overwrites (its key says which version wrote it). Named by
    version too, an upgrade left a manifest of 4-6 MB behind at every one."""
    name = hashlib.blake2b(str(config.output.absolute()).encode("utf-8", "surrogatepass"), digest_size=16)
    return cache_dir(config) / f"site-{name.hexdigest()}.pickle"


def manifest_key(config: Config) -> str:
    """Ties a manifest to one output folder and one version of sitegen and its cache format."""
    return cache.environment_key("manifest", str(config.output.absolute()))


def load_manifest(path: Path, config: Config) -> Manifest | None:
    """The previous build's manifest, if the output still is what it describes; else None."""
    output = config.output
    if not (output / MARKER).exists():
        return None
    try:
        with path.open("rb") as f, cache.gc_paused(freeze=True):  # tens of thousands of objects, no cycles
            manifest = pickle.load(f)
        if not isinstance(manifest, Manifest) or manifest.key != manifest_key(config):
            return None  # another output folder, or another version of sitegen
    except FileNotFoundError:
        return None
    except Exception as exc:  # never trust a damaged manifest
        log.warning("ignoring unreadable build manifest %s (%s)", path, type(exc).__name__)
        return None
    return manifest


def written_files(path: Path) -> frozenset[str]:
    """The output files that the manifest at path lists as written by a build, whichever version
    of sitegen wrote it (its key is not asked); none if it is not there or cannot be read. A full
    build's warning about files it drops does not name these (build.py)."""
    try:
        with path.open("rb") as f, cache.gc_paused(freeze=True):
            manifest = pickle.load(f)
        return frozenset(manifest.pages)
    except Exception:  # another version's classes, a damaged file: nothing is known
        return frozenset()


def save_manifest(path: Path, manifest: Manifest, shape: Shape | None = None) -> None:
    """Write the manifest, with the shape of the Site it describes (the one in memory has none)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f, cache.gc_paused():
            pickle.dump(dataclasses.replace(manifest, shape=shape), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not save the build manifest %s (%s)", path, exc)
