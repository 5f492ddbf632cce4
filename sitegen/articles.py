"""Every article of the source folder: from the article cache when its file is unchanged, else
read and parsed on every core. Also what is known of the source files between builds (Sources).

Problems with one file become diagnostics that name it; they never stop the others.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
import os
import pickle
import stat as stat_module
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen import cache, read, stemming
from sitegen import tags as tagging
from sitegen.cache import cache_dir
from sitegen.config import LOOP, Config, looping
from sitegen.errors import ConfigError, SourceError
from sitegen.model import Article, Diagnostic, Tag
from sitegen.parallel import default_jobs, run_tasks
from sitegen.read import discover, read_source
from sitegen.views import prepared

if TYPE_CHECKING:
    from sitegen.session import Session

log = logging.getLogger(__name__)

# From this many articles on, bodies are kept compressed: memory stays within bounds at 100,000
# articles, for about 3 % more build time.
COMPACT_BODIES = 20_000


def compact(files: int) -> bool:
    """Whether an archive of this many files keeps its bodies compressed (Body(compress=True))."""
    return files >= COMPACT_BODIES


@dataclass(frozen=True)
class Sources:
    """The article files of a source folder (discover) and their (size, stamp) (source_stats)."""

    folder: Path
    discovered: tuple[list[str], list[Diagnostic]]
    stats: dict[str, tuple[int, int]]


def named_sources(config: Config, known: Sources | None, changed: Collection[str] | None) -> Sources | None:
    """The source files as they are now, from known (the last build's) and the paths that
    changed since (absolute, as file-system events name them): only those are stat-ed, not
    10,000 files (85 ms on a slow machine). None when that cannot be told so: a file that
    appeared, went or is not a plain file, another source folder, or nothing known.

    Trusting events is the caller's risk to take: sitegen serve compares every file with what
    the build used right after it (confirm_sources) and builds again if one was missed.
    """
    if known is None or changed is None or known.folder != config.source:
        return None
    prefix = str(config.source) + os.sep
    theme = read.theme_folders(config.source, config.root)
    stats = known.stats
    restat: list[str] = []
    for path in changed:
        rel = _source_rel(path, prefix)
        if rel is None:
            continue  # templates, static files, the configuration: each build checks those itself
        if rel in stats:
            restat.append(rel)
        elif not read.passed_over(rel, theme) and not _gone_unseen(path, rel, known):
            return None  # a new file or folder, or one that discover() has a word about
    if restat:
        stats = dict(stats)
        for rel in restat:
            try:
                st = os.stat(prefix + rel, follow_symlinks=False)
            except OSError:
                return None  # deleted or moved away
            if not stat_module.S_ISREG(st.st_mode):
                return None
            stats[rel] = (st.st_size, cache.stamp(st))
    return Sources(config.source, known.discovered, stats)


def _gone_unseen(path: str, rel: str, known: Sources) -> bool:
    """Whether path no longer exists and held nothing the last build found: a file an editor
    made and removed while saving (vim's 4913), which cannot change what is found now."""
    if os.path.lexists(path):
        return False
    inside = rel + "/"
    found = itertools.chain(known.stats, (note.file for note in known.discovered[1]))
    return not any(other == rel or other.startswith(inside) for other in found)


def confirm_sources(session: Session, config: Config, snapshot: Mapping[str, tuple[int, int]]) -> bool:
    """Whether the source files in snapshot (path -> (stamp, size), watch.scan, taken after
    the build) are those the session's last build used; when not, the session forgets them,
    so that the next build looks at every file again. True when nothing is known."""
    known = session.sources
    if known is None or known.folder != config.source:
        return True
    prefix = str(config.source) + os.sep
    theme = read.theme_folders(config.source, config.root)
    noted = {note.file for note in known.discovered[1]}
    stats = known.stats
    seen = 0
    for path, (stamp, size) in snapshot.items():
        rel = _source_rel(path, prefix)
        if rel is None:
            continue
        made = stats.get(rel)
        if made is not None:
            seen += 1
            if made != (size, stamp):
                break
        elif rel not in noted and not read.passed_over(rel, theme):
            break
    else:
        if seen == len(stats) or all(
            _stat_of(path) == made
            for rel, made in stats.items()
            if (path := prefix + rel.replace("/", os.sep)) not in snapshot
        ):
            return True  # (the second: files that the watcher does not look at, e.g. #notes.txt)
    session.sources = None
    return False


def _source_rel(path: str, prefix: str) -> str | None:
    """The POSIX path relative to the source folder (prefix: its path and a separator) of a
    path inside it; None for a path outside."""
    return path[len(prefix) :].replace(os.sep, "/") if path.startswith(prefix) else None


def _stat_of(path: str) -> tuple[int, int] | None:
    try:
        return size_and_stamp(Path(path))
    except OSError:
        return None


@dataclass(frozen=True)
class Loaded:
    """Articles parsed from the source folder, with everything that was said about them."""

    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...]
    skipped: int
    failed: frozenset[str] = frozenset()  # the files skipped with an error
    key: str = ""  # the article cache's key (articles_key) they were parsed under
    sources: tuple[str, ...] = ()  # each article's source, in order (collect.thaw)
    digests: tuple[str, ...] = ()  # each article's digest, in order
    # the files read again this build -> the article the cache had for them (collect.thaw)
    earlier: Mapping[str, Article] = dataclasses.field(default_factory=dict)
    drafts: frozenset[str] = frozenset()  # the files of the articles that are drafts


@dataclass(frozen=True)
class Listing:
    """What load_articles made of every file's entry, kept by a session (sitegen serve) so that
    the next build looks up and lists again only the files that changed: going over 10,000
    entries twice took 20 ms of a 160 ms rebuild."""

    key: str  # the article cache's key
    files: list[str]
    # Every entry was found to match these stats, but those of the files parsed (parsed: the
    # file may have changed between its stat and its reading).
    stats: Mapping[str, tuple[int, int]]
    parsed: frozenset[str]
    entries: Mapping[str, cache.Entry]
    articles: tuple[Article, ...]
    sources: tuple[str, ...]
    digests: tuple[str, ...]
    said: tuple[tuple[Diagnostic, ...], ...]  # each file's diagnostics, in the order of files
    failed: frozenset[str]
    drafts: frozenset[str]
    # file -> (its place in files, its article's place in articles or -1): made by the first
    # relisting (a command-line build has no use for it)
    at: Mapping[str, tuple[int, int]] | None = None


def _said(rel: str, result: Article | tuple[str, str, int | None]) -> tuple[Diagnostic, ...]:
    """What a build says about one file: its article's diagnostics (and that it is a draft),
    or why it was skipped."""
    if isinstance(result, Article):
        if result.draft:
            return (*result.diagnostics, Diagnostic(rel, "draft: not published", level="info"))
        return result.diagnostics
    file, reason, line = result
    return (Diagnostic(file, f"skipped: {reason}", line, "error"),)


def _listing(
    key: str,
    files: list[str],
    stats: Mapping[str, tuple[int, int]],
    parsed: frozenset[str],
    entries: dict[str, cache.Entry],
) -> Listing:
    """Every file's entry listed: the articles in the order of files, and what is said of each."""
    articles: list[Article] = []
    sources: list[str] = []
    digests: list[str] = []
    said: list[tuple[Diagnostic, ...]] = []
    failed: set[str] = set()
    drafts: set[str] = set()
    for rel in files:
        result = entries[rel].result
        if isinstance(result, Article):
            articles.append(result)
            sources.append(rel)
            digests.append(result.digest)
            if result.draft:
                drafts.add(rel)
                said.append(_said(rel, result))
            else:
                said.append(result.diagnostics)
        else:
            failed.add(rel)
            said.append(_said(rel, result))
    return Listing(
        key,
        files,
        stats,
        parsed,
        entries,
        tuple(articles),
        tuple(sources),
        tuple(digests),
        tuple(said),
        frozenset(failed),
        frozenset(drafts),
    )


def prepare_parser() -> None:
    """Load the parser's modules and compile its date patterns (some 40 ms): a session whose
    first build had nothing to do does it before the first edit needs them."""
    from sitegen import dates
    from sitegen.extract import parse_article  # noqa: F401 (imported for its module)

    dates.prepare()


def checked_listing(
    store: cache.ArticleCache, files: list[str], stats: Mapping[str, tuple[int, int]]
) -> Listing | None:
    """The Listing of the store's entries when every file has one made for its stats as they
    are (what load_articles would find): prepared by a session whose first build had nothing to
    do, so that the first edit is listed as the later ones are. None when a file has none."""
    entries: dict[str, cache.Entry] = {}
    for rel in files:
        entry, stat = store.entries.get(rel), stats.get(rel)
        if entry is None or stat is None or entry.size != stat[0] or entry.mtime_ns != stat[1]:
            return None
        entries[rel] = entry
    return _listing(store.key, files, stats, frozenset(), entries)


def _places(files: list[str], failed: Collection[str]) -> dict[str, tuple[int, int]]:
    """Listing.at: each file's place in files, and its article's in the articles (-1: skipped)."""
    at: dict[str, tuple[int, int]] = {}
    listed = 0
    for n, rel in enumerate(files):
        if rel in failed:
            at[rel] = (n, -1)
        else:
            at[rel] = (n, listed)
            listed += 1
    return at


def _relisted(
    prior: Listing,
    again: Iterable[str],
    stats: Mapping[str, tuple[int, int]],
    parsed: frozenset[str],
    entries: dict[str, cache.Entry],
) -> Listing | None:
    """prior with the entries of the files looked up again put in place; None when one of them
    changed from an article to a skipped file or back (the articles then move: listed afresh)."""
    articles, digests, said = list(prior.articles), list(prior.digests), list(prior.said)
    drafts = set(prior.drafts)
    at = prior.at if prior.at is not None else _places(prior.files, prior.failed)
    for rel in again:
        if entries[rel] is prior.entries[rel]:
            continue
        result = entries[rel].result
        n, i = at[rel]
        if i < 0 or not isinstance(result, Article):
            return None
        articles[i] = result
        digests[i] = result.digest
        said[n] = _said(rel, result)
        (drafts.add if result.draft else drafts.discard)(rel)
    return dataclasses.replace(
        prior,
        stats=stats,
        parsed=parsed,
        entries=entries,
        articles=tuple(articles),
        digests=tuple(digests),
        said=tuple(said),
        drafts=frozenset(drafts),
        at=at,
    )


def check_source(config: Config) -> None:
    """Refuse a source that is not a folder, saying where it was set (option, file or default)."""
    if looping(config.source):
        raise ConfigError(f"{LOOP}; {config.change('source')}", config.source)
    if config.source.exists() and not config.source.is_dir():
        raise ConfigError(
            f"is a file, not a folder; the source is the folder that holds the articles: {config.change('source')}",
            config.source,
        )
    if not config.source.is_dir():
        where = "" if "source" in config.origins else "run sitegen in the site's folder, or "
        raise ConfigError(f"the source folder does not exist; {where}{config.change('source')}", config.source)
    try:  # an unreadable source would publish an empty site: it is a source that cannot be used
        os.scandir(config.source).close()
    except OSError as exc:
        raise ConfigError(
            f"the source folder cannot be read ({exc.strerror or exc}); make it readable or {config.change('source')}",
            config.source,
        ) from None


def load_articles(
    config: Config,
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int | None = None,
    discovered: tuple[list[str], list[Diagnostic]] | None = None,
    stats: dict[str, tuple[int, int]] | None = None,
    session: Session | None = None,
    later: Callable[[Callable[[], None]], None] | None = None,
    ahead: Callable[[], dict[str, cache.Entry]] | None = None,
) -> Loaded:
    """Read and parse every article; problems become diagnostics, never exceptions.

    Unchanged files come from the article cache; the rest are parsed on every core.
    ``stats`` maps files to the (size, stamp) already taken this build, to stat each file once.
    ``later`` runs the writing of the cache while the build goes on (else it is written now).
    ``ahead`` gives the files that a forked child parsed while the cache was being read
    (see parse_ahead); the cache decides which of them are used.
    """
    check_source(config)
    files, notes = discovered or discover(config.source, config.root)

    key = articles_key(config)
    cache_path = cache.cache_file(cache_dir(config), config.source)
    store = article_store(config, key, session)
    prior = session.listing if session is not None else None
    if prior is not None and not (prior.key == key and stats is not None and prior.files == files):
        prior = None
    results: dict[str, cache.Entry]
    todo: list[str] = []
    earlier: dict[str, Article] = {}
    if prior is not None and stats is not None:
        # Only the files whose stats differ from those the last build's entries were checked
        # against, and those it parsed, are looked up again (see Listing).
        again = sorted({rel for rel, _ in stats.items() - prior.stats.items()} | prior.parsed)
        results = dict(prior.entries)
    else:
        again, results = files, {}
    for rel in again:
        entry = store.lookup(config.source, rel, stats.get(rel) if stats else None)
        if entry is not None:
            results[rel] = entry
        else:
            todo.append(rel)
    if todo:
        done_ahead = ahead() if ahead is not None else {}
        parsed = {rel: done_ahead[rel] for rel in todo if rel in done_ahead}
        rest = [rel for rel in todo if rel not in parsed]
        if rest:  # the vocabulary takes a while to load; a build from the cache does not need it
            vocabulary = cached_vocabulary(config, key, session)
            jobs = default_jobs() if jobs is None else jobs
            tasks = parse_batches(rest, jobs)
            state = (config, vocabulary, compact(len(files)), stemming.Memo())
            # Counted in files, as the last update is: batches (21/21, then 479/479) made the bar jump.
            read = list(itertools.accumulate((len(t) for t in tasks), initial=len(files) - len(rest)))
            report = (lambda done, total: progress("reading", read[done], len(files))) if progress else None
            for batch in run_tasks(_parse_files, state, tasks, jobs if len(rest) >= 64 else 1, report):
                parsed.update(batch)
        _share_tags(parsed.values())
        results.update(parsed)
        for rel in todo:
            entry = store.loaded.get(rel)
            if entry is not None and isinstance(entry.result, Article):
                earlier[rel] = entry.result
    if progress:
        progress("reading", len(files), len(files))

    checked = stats if stats is not None else {}
    listing = None
    if prior is not None:
        listing = _relisted(prior, again, checked, frozenset(todo), results)
    if listing is None:
        listing = _listing(key, files, checked, frozenset(todo), results)
    diagnostics: list[Diagnostic] = list(notes)
    diagnostics.extend(itertools.chain.from_iterable(listing.said))
    if not files:
        diagnostics.append(Diagnostic(str(config.source), "no article files (*.txt, *.md, *.markdown) found"))
    if config.cache:
        updated = cache.ArticleCache(key, results, touched=store.touched, loaded=store.loaded)
        if session is not None:
            session.later(lambda: cache.save(cache_path, updated))
        elif later is not None:
            later(lambda: cache.save(cache_path, updated))
        else:
            cache.save(cache_path, updated)
    if session is not None:
        session.articles = cache.ArticleCache(key, dict(results), loaded=dict(results))
        session.listing = listing
    return Loaded(
        listing.articles,
        tuple(diagnostics),
        len(listing.failed),
        listing.failed,
        key,
        listing.sources,
        listing.digests,
        earlier,
        listing.drafts,
    )


def articles_key(config: Config) -> str:
    """What the article cache is valid for besides each file's bytes: the vocabulary, the
    tagging threshold and whether articles carry search stems (sitegen's own code is in every
    environment key)."""
    texts = tagging.vocabulary_texts(config.root / "tags.toml")
    return cache.environment_key(texts, config.tag_min_mentions, *(("search",) if config.search else ()))


def article_store(config: Config, key: str, session: Session | None) -> cache.ArticleCache:
    """The session's parsed articles when they are for this key, else the cache folder's."""
    if session is not None and session.articles is not None and session.articles.key == key:
        return session.articles
    if not config.cache:
        return cache.ArticleCache(key)
    return cache.load(cache.cache_file(cache_dir(config), config.source), key)


def cached_vocabulary(config: Config, key: str, session: Session | None = None) -> tagging.Vocabulary:
    """The compiled tag vocabulary; kept beside the article cache (keyed by its text and
    sitegen's code), because compiling it costs more than re-parsing one edited file."""
    if session is not None:
        if session.vocabulary is None or session.vocabulary[0] != key:
            session.vocabulary = (key, cached_vocabulary(config, key))
        return session.vocabulary[1]
    site_tags = config.root / "tags.toml"
    if not config.cache:
        return tagging.load_vocabulary(site_tags)
    path = cache_dir(config) / f"vocabulary-{key}.pickle"
    try:
        with path.open("rb") as f, cache.gc_paused(freeze=True):  # its indexes are 100,000 small objects
            vocabulary = pickle.load(f)
        if isinstance(vocabulary, tagging.Vocabulary):
            return vocabulary
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged cache is never trusted
        log.warning("ignoring unreadable cache %s (%s)", path, type(exc).__name__)
    vocabulary = tagging.load_vocabulary(site_tags)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("vocabulary-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(vocabulary, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not write the cache %s (%s); make its folder writable or pass --no-cache", path, exc)
    return vocabulary


def _share_tags(entries: Iterable[cache.Entry]) -> None:
    """Make the tags of newly parsed articles one object per tag: batches parsed in different
    workers carry copies of the same tags, which would cost memory and time in every pickle.
    Tags of one slug spelt differently ('Gardening', 'gardening') stay apart: collect() chooses
    between them, as it must for the articles read from the cache."""
    shared: dict[tuple[str, str, str], Tag] = {}
    for entry in entries:
        article = entry.result
        if isinstance(article, Article) and article.tags:
            tags = tuple(shared.setdefault((tag.slug, tag.label_ar, tag.label_en), tag) for tag in article.tags)
            if any(a is not b for a, b in zip(tags, article.tags, strict=True)):
                entry.result = dataclasses.replace(article, tags=tags)


def parse_batches(todo: list[str], jobs: int, largest: int = 200, smallest: int = 10) -> list[list[str]]:
    """Files to parse in batches that shrink towards the end (guided scheduling): large batches
    cost little to hand out, and small last ones leave no core idle while another finishes."""
    batches: list[list[str]] = []
    start = 0
    while start < len(todo):
        size = max(smallest, min(largest, (len(todo) - start) // (jobs * 4) + 1))
        batches.append(todo[start : start + size])
        start += size
    return batches


# A build that finds at most this many source files changed since the last one (by size and
# time) parses them in a forked child while it reads the article cache (see parse_ahead).
AHEAD_FILES = 32


def parse_ahead(config: Config, compact: bool, rels: list[str]) -> dict[str, cache.Entry]:
    """Parse the files that changed since the last build, in a forked child while the parent
    reads the article cache: an edit build then loads neither the vocabulary (60 ms at 10,000
    articles) nor the parser's modules and regular expressions on its critical path."""
    vocabulary = cached_vocabulary(config, articles_key(config))
    return _parse_files((config, vocabulary, compact, stemming.Memo()), rels)


# What every batch of one parse is parsed with: the configuration, the tag vocabulary, whether
# bodies are packed small, and the search stems of the words met so far. A worker inherits the
# state once and keeps it for all its batches, so the memo fills once per worker, not per batch
# of 200 files (whose first files would each stem most of their words again).
ParseState = tuple[Config, tagging.Vocabulary, bool, stemming.Memo]
MEMO_WORDS = 100_000  # a bound on the memo of a worker (some 15 MB): emptied when it is reached


def _parse_files(state: ParseState, rels: list[str]) -> dict[str, cache.Entry]:
    """Parse a batch of files (runs in a worker process); errors are returned, not raised."""
    from sitegen.extract import parse_article  # here: a build whose files are parsed ahead need not import it

    config, vocabulary, compact, memo = state
    source = str(config.source)
    if len(memo) > MEMO_WORDS:
        memo.reset()

    @functools.cache  # the same few hundred labels recur in every file's metadata
    def resolve(label: str) -> Tag:
        return tagging.resolve_tag(label, vocabulary)

    split: list[tuple[str, list[str]]] = []  # the body words tag matching found: the stems need them too

    def derive(title: str, body: str) -> tuple[Tag, ...]:
        words = tagging.matching_words(title), tagging.matching_words(body)
        split.append((body, words[1]))
        found = tagging.derive_tags(title, body, vocabulary, min_body_mentions=config.tag_min_mentions, words=words)
        return tuple(t for slug in found if (t := vocabulary.get(slug)) is not None)

    out: dict[str, cache.Entry] = {}
    for rel in rels:
        result: Article | tuple[str, str, int | None]
        size = mtime = 0
        digest = ""
        try:
            st = os.stat(os.path.join(source, rel))
            size, mtime = st.st_size, cache.stamp(st)
            src = read_source(source, rel, st)
            digest = src.digest
            split.clear()
            article = parse_article(src, resolve, derive)
            known = split[0] if split else None
            result = prepared(article, compress=compact, stems=config.search, memo=memo, body_words=known)
        except SourceError as exc:
            result = (exc.file or rel, exc.reason, exc.line)
        except OSError as exc:
            result = (rel, f"cannot read file: {exc.strerror or exc}", None)
        except Exception:  # a bug must not take the rest of the archive down with it
            log.debug("internal error while reading %s", rel, exc_info=True)
            result = (rel, "internal error while reading this file; please report it (run with -v for details)", None)
        # Failures are not cached by content (digest ""), so they are retried on the next build.
        out[rel] = cache.Entry(size, mtime, digest, result)
    return out


def size_and_stamp(path: Path) -> tuple[int, int]:
    """(size, cache.stamp) of a file: what says whether it changed since it was last read."""
    st = path.stat()
    return st.st_size, cache.stamp(st)
