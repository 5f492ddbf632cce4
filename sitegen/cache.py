"""A persistent cache of parsed articles, keyed by file content, so unchanged files are not
decoded, extracted or tagged again.

It lives outside the output folder (``.sitegen-cache/`` at the site root, never published).
Every entry is checked against the file's bytes; the whole cache is dropped when sitegen's
version, the parser, the tag vocabulary or the relevant configuration differ, or when it
cannot be read. A cache is an optimisation: any doubt means parse again, never trust.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import logging
import mmap
import os
import pickle
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sitegen import __version__
from sitegen.model import Article

if TYPE_CHECKING:
    from sitegen.config import Config

log = logging.getLogger(__name__)

FORMAT = 9  # bump when the cached records or the parser change meaning


def stamp(st: os.stat_result) -> int:
    """When a file last changed, for "is it still what was read": the later of its modification
    time and its status-change time. An edit whose mtime is set back (`touch -r`, an archive
    tool, a sync keeping times) of a file whose size stays the same still moves the ctime."""
    return max(st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class Entry:
    """What parsing one file gave: an Article, or the (file, reason, line) of its error."""

    size: int
    mtime_ns: int  # stamp(): the later of mtime and ctime
    digest: str
    result: Article | tuple[str, str, int | None]


@dataclass
class ArticleCache:
    """rel path -> Entry, valid only for one environment key."""

    key: str
    entries: dict[str, Entry] = field(default_factory=dict)
    touched: bool = field(default=False, compare=False)  # an entry's stat info was refreshed
    loaded: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)  # as read from disk

    def lookup(self, source: Path, rel: str, stat: tuple[int, int] | None = None) -> Entry | None:
        """The cached entry when the file is unchanged; compares bytes when the stat differs.

        ``stat`` is the file's (size, stamp) when the caller already has it.
        """
        entry = self.entries.get(rel)
        if entry is None:
            return None
        if stat is None:
            try:
                st = (source / rel).stat()
            except OSError:
                return None
            stat = (st.st_size, stamp(st))
        if entry.size == stat[0] and entry.mtime_ns == stat[1]:
            return entry
        try:
            digest = file_digest((source / rel).read_bytes())
        except OSError:
            return None
        if digest == entry.digest:
            entry.mtime_ns = stat[1]
            self.touched = True
            return entry
        return None


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """A digest of sitegen's own source: a changed parser must not reuse what the old one made,
    even when the version number did not change (a development tree, a patched install)."""
    package = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml") and path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def environment_key(*parts: Any) -> str:
    """A fingerprint of everything besides the file's bytes that shapes a parsed article."""
    text = repr((FORMAT, __version__, code_fingerprint(), *parts))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


SHARDS = 32  # the cache is split so that an edit rewrites one small file, not the whole cache


CACHE_DIR = ".sitegen-cache"


def cache_dir(config: Config) -> Path:
    """The site's cache folder: .sitegen-cache/ at the site root, or SITEGEN_CACHE_DIR."""
    return Path(os.environ.get("SITEGEN_CACHE_DIR") or config.root / CACHE_DIR)


def cache_file(folder: Path, source: Path) -> Path:
    """The stem of a source folder's cache files (one per shard: STEM-NN.pickle)."""
    name = hashlib.blake2b(str(source).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return folder / f"articles-{name}"


def shard_of(rel: str) -> int:
    return int(hashlib.blake2b(rel.encode("utf-8", "surrogatepass"), digest_size=2).hexdigest(), 16) % SHARDS


def _shard_path(stem: Path, n: int) -> Path:
    return stem.with_name(f"{stem.name}-{n:02d}.pickle")


def load(stem: Path, key: str) -> ArticleCache:
    """Every intact shard made for this key; a damaged or foreign shard is simply left out."""
    cache = ArticleCache(key)
    with gc_paused(freeze=True):
        _load_shards(stem, key, cache)
    cache.loaded = dict(cache.entries)
    return cache


@contextlib.contextmanager
def gc_paused(freeze: bool = False) -> Iterator[None]:
    """Unpickling creates millions of objects and no reference cycles; the cyclic collector
    would scan the growing heap again and again for nothing (a third of the load time).

    ``freeze``: what was loaded lives for the whole build, so it is moved out of the
    collector's reach (gc.freeze) before the collector is back on; else the first allocation
    after it makes the collector scan every loaded object once (40 ms for 10,000 cached
    articles). build() unfreezes at its end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


# A shard file: MAGIC, the pickle's length and the number of bodies (HEADER), each body's length
# (8 bytes, little-endian), the pickle, then the bodies (Body's out-of-band buffers) in order.
MAGIC = b"sitegen-articles\0"
HEADER = struct.Struct("<QQ")


def _write_shard(f: BinaryIO, shard: ArticleCache) -> None:
    bodies: list[pickle.PickleBuffer] = []
    data = pickle.dumps(shard, protocol=5, buffer_callback=bodies.append)
    views = [body.raw() for body in bodies]
    f.write(MAGIC + HEADER.pack(len(data), len(views)))
    f.write(struct.pack(f"<{len(views)}Q", *(view.nbytes for view in views)))
    f.write(data)
    for view in views:
        f.write(view)


def _read_shard(path: Path) -> Any:
    """Unpickle a shard with its bodies left in the file: they are views of a read-only map of it
    (a copy where mapping fails), and its pages are read from disk only when a body is used.
    An edit build renders a few pages of 10,000: reading every body cost ~70 MB of memory."""
    with path.open("rb") as f:
        try:
            # Windows keeps a mapped file from being replaced: the next save would fail.
            if os.name == "nt":
                raise OSError("not mapped on Windows")
            whole: mmap.mmap | bytes = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # an empty file, or a file system without mmap
            whole = f.read()
    view = memoryview(whole)
    start = len(MAGIC) + HEADER.size
    if bytes(view[: len(MAGIC)]) != MAGIC:
        raise ValueError("not a sitegen article cache")
    size, count = HEADER.unpack(view[len(MAGIC) : start])
    lengths = struct.unpack(f"<{count}Q", view[start : start + 8 * count])
    offset = start + 8 * count + size
    bodies = []
    for length in lengths:
        bodies.append(view[offset : offset + length])
        offset += length
    if offset != len(view):
        raise ValueError("truncated")
    return pickle.loads(view[start + 8 * count : start + 8 * count + size], buffers=bodies)


def _load_shards(stem: Path, key: str, cache: ArticleCache) -> None:
    for n in range(SHARDS):
        path = _shard_path(stem, n)
        try:
            data = _read_shard(path)
            if not isinstance(data, ArticleCache) or data.key != key:
                log.debug("cache %s is for another version or configuration; rebuilding it", path)
                continue
            if not all(isinstance(k, str) and isinstance(v, Entry) for k, v in data.entries.items()):
                raise ValueError("unexpected cache content")
        except FileNotFoundError:
            continue
        except Exception as exc:  # a corrupt or foreign cache is never trusted, whatever it raises
            log.warning("ignoring unreadable cache %s (%s); it will be rebuilt", path, type(exc).__name__)
            continue
        cache.entries.update(data.entries)


def save(stem: Path, cache: ArticleCache) -> None:
    """Write the shards whose entries changed, each atomically; never fails the build."""
    dirty = {shard_of(rel) for rel, entry in cache.entries.items() if cache.loaded.get(rel) is not entry}
    dirty |= {shard_of(rel) for rel in cache.loaded if rel not in cache.entries}
    if cache.touched:
        dirty = set(range(SHARDS))
    if not dirty:
        return
    shards: dict[int, dict[str, Entry]] = {n: {} for n in dirty}
    for rel, entry in cache.entries.items():
        n = shard_of(rel)
        if n in shards:
            shards[n][rel] = entry
    try:
        stem.parent.mkdir(parents=True, exist_ok=True)
        ignore = stem.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        for n, entries in sorted(shards.items()):
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=stem.parent)
            with os.fdopen(fd, "wb") as f:
                _write_shard(f, ArticleCache(cache.key, entries))
            os.replace(tmp, _shard_path(stem, n))
    except OSError as exc:
        log.warning(
            "could not write the cache %s (%s); the next build will parse more "
            "(make its folder writable or pass --no-cache)",
            stem,
            exc,
        )
