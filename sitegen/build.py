"""build(config) -> BuildReport: the pipeline, top to bottom.

read -> extract (+ tags) -> collect -> render -> write. A bad article is reported and skipped;
a bad template or an unwritable output stops the build before the old output is touched.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import gc
import hashlib
import itertools
import logging
import os
import pickle
import stat as stat_module
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen import cache, media, read, redirects
from sitegen import tags as tagging
from sitegen.cache import cache_dir
from sitegen.collect import Collected, freeze, recollect, refreeze, thaw
from sitegen.config import Config
from sitegen.errors import ConfigError, OutputError, SourceError
from sitegen.feeds import feed_pages, machine_files
from sitegen.manifest import (
    Listed,
    Manifest,
    PageIndex,
    Stubs,
    load_manifest,
    manifest_file,
    manifest_key,
    save_manifest,
    two_pages,
    unchanged_task,
)
from sitegen.model import Article, BuildReport, Diagnostic, Page, Site, Tag
from sitegen.parallel import Background, Forked, default_jobs, run_tasks, signals_left_to_this_thread
from sitegen.read import discover, media_files, read_source
from sitegen.render import ChunkKey, Renderer
from sitegen.theme import (
    TemplateSources,
    load_messages,
    make_environment,
    page_key,
    site_key,
    static_files,
    template_dependencies,
    unchanged_templates,
)
from sitegen.views import prepared
from sitegen.write import MARKER, Stage, check_output, output_lock

log = logging.getLogger(__name__)

# From this many articles on, bodies are kept compressed: memory stays within bounds at 100,000
# articles, for about 3 % more build time.
COMPACT_BODIES = 20_000


@dataclass
class Session:
    """What a build leaves in memory for the next build in the same process (sitegen serve).

    The parsed articles, the previous build's manifest and the compiled vocabulary are reused
    as they are instead of being read back from the cache folder; each is still checked
    against its key, exactly as the on-disk copies are. A plain ``build()`` has no session.
    """

    articles: cache.ArticleCache | None = None
    manifest: Manifest | None = None
    vocabulary: tuple[str, tagging.Vocabulary] | None = None
    collected: Collected | None = None  # the last build's Site, for recollect()
    built: Collected | None = None  # the Site that the manifest describes (a failed build may collect one more)
    render_memo: dict[Any, Any] = dataclasses.field(default_factory=dict)  # see Renderer.memo
    chunk_keys: dict[tuple[Any, ...], ChunkKey] = dataclasses.field(default_factory=dict)  # Renderer.chunks
    # Every file of the last build was found in the output after it: the next build need not
    # stat them again. Checked after each build returns, off the reload's critical path.
    output_checked: bool = False
    # What the last good build found in the source folder (see Sources): a build told which
    # files changed since (build's ``changed``) stats only those.
    sources: Sources | None = None
    page_index: PageIndex | None = None  # the manifest's pages by path, for the next build
    _saving: list[threading.Thread] = dataclasses.field(default_factory=list)
    _pending: list[Callable[[], None]] = dataclasses.field(default_factory=list)

    def later(self, job: Callable[[], None]) -> None:
        """Run job (writing a cache) once the build has returned (see start): the browser
        reloads sooner. A thread started at once would take turns with the build for the GIL."""
        self._pending.append(job)

    def start(self) -> None:
        """Start the jobs handed to later(), one after another in one thread (each thread
        started costs the caller a few ms); build() calls it as it returns."""
        jobs, self._pending = self._pending, []
        if jobs:
            thread = threading.Thread(target=_run_each, args=(jobs,), name="sitegen-save")
            with signals_left_to_this_thread():  # a Ctrl-C taken here would not stop the next build
                thread.start()
            self._saving.append(thread)

    def check_output(self, root: str, paths: list[str]) -> None:
        """Find out, after the build, whether all of its files are in the output (see output_checked)."""
        self.output_checked = False

        def check() -> None:
            self.output_checked = not _Presence(root, paths).missing()

        self.later(check)

    def settle(self) -> None:
        """Wait for the writes still running; before the next build and before exiting."""
        for thread in self._saving:
            thread.join()
        self._saving.clear()


def _run_each(jobs: list[Callable[[], None]]) -> None:
    """Run every job, even after one has failed: each writes or loads a cache of its own."""
    for job in jobs:
        try:
            job()
        except Exception:
            log.warning("a cache could not be written or loaded; the next build may take longer", exc_info=True)


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
    """Whether the source files in snapshot (path -> (stamp, size), serve.scan, taken after
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
        return _stat(Path(path))
    except OSError:
        return None


@dataclass(frozen=True)
class Loaded:
    """Articles parsed from the source folder, with everything that was said about them."""

    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...]
    skipped: int
    failed: frozenset[str] = frozenset()  # the files skipped with an error
    key: str = ""  # the article cache's key (_articles_key) they were parsed under
    sources: tuple[str, ...] = ()  # each article's source, in order (collect.thaw)
    digests: tuple[str, ...] = ()  # each article's digest, in order
    # the files read again this build -> the article the cache had for them (collect.thaw)
    earlier: Mapping[str, Article] = dataclasses.field(default_factory=dict)


def link_diagnostics(site: Site, loaded: Loaded) -> tuple[Diagnostic, ...]:
    """A warning for each link of a published article to an article file that publishes nothing."""
    drafts = {a.source for a in loaded.articles if a.draft}
    return tuple(media.link_diagnostics(site.articles, site.index, drafts, loaded.failed))


def redirect_plan(site: Site, config: Config) -> redirects.Redirects:
    """The redirects from the articles' earlier addresses, around every interface's sections."""
    return redirects.plan(site, ("" if lang == config.default_lang else f"{lang}/" for lang in config.languages))


def future_diagnostics(site: Site, today: datetime.date) -> tuple[Diagnostic, ...]:
    """A warning for each published article dated after tomorrow (a day's slack for time zones
    ahead of this machine): most often a typo in the year (2042 for 2024), and such an article
    would head the home page until that day. Asked on every build, as today moves on."""
    later = today + datetime.timedelta(days=1)
    return tuple(
        Diagnostic(
            a.source,
            f"dated {a.date.isoformat()}, after today ({today.isoformat()}); it is listed first until then: "
            "check the date line",
        )
        for a in site.articles
        if a.date is not None and a.date > later
    )


def check_source(config: Config) -> None:
    """Refuse a source that is not a folder, saying where it was set (option, file or default)."""
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
    (see _parse_ahead); the cache decides which of them are used.
    """
    check_source(config)
    files, notes = discovered or discover(config.source, config.root)
    diagnostics: list[Diagnostic] = list(notes)

    key = _articles_key(config)
    cache_path = cache.cache_file(cache_dir(config), config.source)
    store = _article_store(config, key, session)
    results: dict[str, cache.Entry] = {}
    todo: list[str] = []
    earlier: dict[str, Article] = {}
    for rel in files:
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
            vocabulary = _vocabulary(config, key, session)
            jobs = default_jobs() if jobs is None else jobs
            tasks = _batches(rest, jobs)
            state = (config, vocabulary, len(files) >= COMPACT_BODIES)
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

    articles: list[Article] = []
    sources: list[str] = []
    digests: list[str] = []
    skipped = 0
    failed: set[str] = set()
    for rel in files:
        result = results[rel].result
        if isinstance(result, Article):
            articles.append(result)
            sources.append(rel)
            digests.append(result.digest)
            diagnostics.extend(result.diagnostics)
            if result.draft:
                diagnostics.append(Diagnostic(rel, "draft: not published", level="info"))
        else:
            skipped += 1
            failed.add(rel)
            file, reason, line = result
            diagnostics.append(Diagnostic(file, f"skipped: {reason}", line, "error"))
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
    return Loaded(
        tuple(articles), tuple(diagnostics), skipped, frozenset(failed), key, tuple(sources), tuple(digests), earlier
    )


def _articles_key(config: Config) -> str:
    """What the article cache is valid for besides each file's bytes: the vocabulary and
    the tagging threshold (sitegen's own code is in every environment key)."""
    return cache.environment_key(tagging.vocabulary_texts(config.root / "tags.toml"), config.tag_min_mentions)


def _article_store(config: Config, key: str, session: Session | None) -> cache.ArticleCache:
    """The session's parsed articles when they are for this key, else the cache folder's."""
    if session is not None and session.articles is not None and session.articles.key == key:
        return session.articles
    if not config.cache:
        return cache.ArticleCache(key)
    return cache.load(cache.cache_file(cache_dir(config), config.source), key)


def _warm_session(session: Session, config: Config, files: list[str], previous: Manifest) -> None:
    """Load what an edit will need (the article cache, the vocabulary, the Site) into a session
    whose build found nothing to do: `sitegen serve` started on a built site would otherwise
    load them on the first edit, which then took 0.5 s instead of 0.16 s at 10,000 articles.

    The Site is the one the manifest describes, thawed from its shape (the files are those it was
    built from): it then counts as the session's last build (Session.built), so that the first
    edit reuses the manifest's list keys and page index as later edits reuse their build's, not
    digest every list again (0.38 s instead of 0.2 s). Without a usable shape, the Site is
    collected from the cached articles in the order load_articles() lists them; if that is not
    what the next build reads, recollect() collects afresh."""
    key = _articles_key(config)
    session.articles = _article_store(config, key, session)
    _vocabulary(config, key, session)
    entries = session.articles.entries
    results = [entry.result for rel in files if (entry := entries.get(rel)) is not None]
    articles = tuple(r for r in results if isinstance(r, Article))
    thawed = None
    if previous.shape is not None and len(results) == len(files):  # no earlier versions: no edits
        sources, digests = tuple(a.source for a in articles), tuple(a.digest for a in articles)
        thawed = thaw(previous.shape, key, articles, sources, digests, {})
    if thawed is not None:
        session.collected = session.built = thawed
        session.page_index = PageIndex(previous.tasks)
    else:
        session.collected = recollect(list(articles), session.collected)


def _vocabulary(config: Config, key: str, session: Session | None = None) -> tagging.Vocabulary:
    """The compiled tag vocabulary; kept beside the article cache (keyed by its text and
    sitegen's code), because compiling it costs more than re-parsing one edited file."""
    if session is not None:
        if session.vocabulary is None or session.vocabulary[0] != key:
            session.vocabulary = (key, _vocabulary(config, key))
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


def _batches(todo: list[str], jobs: int, largest: int = 200, smallest: int = 10) -> list[list[str]]:
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
# time) parses them in a forked child while it reads the article cache (see _parse_ahead).
AHEAD_FILES = 32


def _parse_ahead(config: Config, compact: bool, rels: list[str]) -> dict[str, cache.Entry]:
    """Parse the files that changed since the last build, in a forked child while the parent
    reads the article cache: an edit build then loads neither the vocabulary (60 ms at 10,000
    articles) nor the parser's modules and regular expressions on its critical path."""
    vocabulary = _vocabulary(config, _articles_key(config))
    return _parse_files((config, vocabulary, compact), rels)


def _parse_files(state: tuple[Config, tagging.Vocabulary, bool], rels: list[str]) -> dict[str, cache.Entry]:
    """Parse a batch of files (runs in a worker process); errors are returned, not raised."""
    from sitegen.extract import parse_article  # here: a build whose files are parsed ahead need not import it

    config, vocabulary, compact = state

    @functools.cache  # the same few hundred labels recur in every file's metadata
    def resolve(label: str) -> Tag:
        return tagging.resolve_tag(label, vocabulary)

    def derive(title: str, body: str) -> tuple[Tag, ...]:
        found = tagging.derive_tags(title, body, vocabulary, min_body_mentions=config.tag_min_mentions)
        return tuple(t for slug in found if (t := vocabulary.get(slug)) is not None)

    out: dict[str, cache.Entry] = {}
    for rel in rels:
        path = config.source / rel
        result: Article | tuple[str, str, int | None]
        size = mtime = 0
        digest = ""
        try:
            st = path.stat()
            size, mtime = st.st_size, cache.stamp(st)
            src = read_source(config.source, rel)
            digest = src.digest
            result = prepared(parse_article(src, resolve, derive), compress=compact)
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


def build(
    config: Config,
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int | None = None,
    session: Session | None = None,
    changed: Collection[str] | None = None,
) -> BuildReport:
    """Build the whole site into config.output, atomically; re-render only what changed.

    ``session`` carries parsed articles and the last manifest from one build to the next in a
    long-running process, so that a rebuild need not read its caches back from disk.
    ``changed``: with a session, the paths that file-system events named since its last build;
    the other source files are taken to be as that build found them (see named_sources).
    """
    if session is not None:
        session.settle()
    background = Background()
    try:
        with output_lock(config.output, cache_dir(config)):
            return _build(config, progress, jobs, session, background.start, changed)
    finally:
        if session is not None:
            session.start()
        background.wait()
        # Give what the build froze back to the collector: a long-running `sitegen serve`
        # must be able to free one build's objects before the next build.
        gc.unfreeze()


def _build(
    config: Config,
    progress: Callable[[str, int, int], None] | None,
    jobs: int | None,
    session: Session | None,
    later: Callable[[Callable[[], None]], None],
    changed: Collection[str] | None = None,
) -> BuildReport:
    started = time.perf_counter()
    jobs = default_jobs() if jobs is None else jobs
    check_source(config)  # before anything is said about the build
    check_output(config.output, config.source, config.root, change=config.change("output"))
    env = make_environment(config, cache_dir(config) / "templates" if config.cache else None)
    messages, message_notes = load_messages(config)
    notes = config.notes + message_notes  # said by every build, also one with nothing to do
    static = static_files(config)
    base_key = page_key(config, messages)
    source_of = TemplateSources(env)
    key = site_key(base_key, env, source_of)
    manifest_path = manifest_file(config)
    if session is not None and session.manifest is not None:
        kept = session.manifest
        previous = kept if kept.key == manifest_key(config) and (config.output / MARKER).exists() else None
    else:
        previous = load_manifest(manifest_path, config) if config.cache else None
    output = config.output
    out_root = str(output) + os.sep
    trusted = session is not None and session.output_checked and previous is not None
    # Whether the previous build's files are all still there.
    presence = _Presence(out_root, previous.pages if previous is not None and not trusted else {})
    named = named_sources(config, session.sources, changed) if session is not None else None
    if session is not None:
        session.sources = None  # until this build has succeeded
    discovered: tuple[list[str], list[Diagnostic]] | None
    stats: dict[str, tuple[int, int]] | None
    if named is not None:
        discovered, stats = named.discovered, named.stats
    else:
        discovered = discover(config.source, config.root) if config.source.is_dir() else None
        stats = source_stats(config.source, discovered[0]) if discovered else None
    sources = Sources(config.source, discovered, stats) if discovered and stats is not None else None
    inputs = inputs_key(config, key, static, discovered, stats)
    # Said by every build, also one with nothing to do: a nightly log shows the same every night.
    if not config.base_url and (session is None or session.collected is None):  # once per serve
        log.info("no base_url set: Atom feeds and sitemap.xml (which need absolute URLs) are not made")
    if (
        previous is not None
        and inputs is not None
        and previous.inputs == inputs
        and not presence.missing()
        and media_files(config.source, previous.media) == previous.media
    ):
        # Nothing that shapes the site changed since the last build into this output.
        if session is not None:
            session.manifest, session.sources = previous, sources
            if config.cache and session.collected is None and discovered is not None:
                files = discovered[0]
                session.later(lambda: _warm_session(session, config, files, previous))
            session.check_output(str(output) + os.sep, list(previous.pages))
        return BuildReport(
            articles=previous.articles,
            pages=previous.page_count,
            skipped=previous.skipped,
            diagnostics=notes + previous.diagnostics,
            seconds=time.perf_counter() - started,
            written=0,
            changed=False,
        )

    log.debug("%.2f s: configuration, templates and manifest loaded", time.perf_counter() - started)
    ahead = None
    if session is None and config.cache and previous is not None and previous.stats and stats is not None:
        edited = [rel for rel, stat in stats.items() if previous.stats.get(rel) != stat]
        if 0 < len(edited) <= AHEAD_FILES:
            ahead = Forked(functools.partial(_parse_ahead, config, len(stats) >= COMPACT_BODIES, edited)).result
    loaded = load_articles(config, progress, jobs, discovered, stats, session, later, ahead)
    log.debug("%.2f s: %d articles read", time.perf_counter() - started, len(loaded.articles))
    if not any(not a.draft for a in loaded.articles) and _has_articles(config.output):
        # An unmounted drive or a mistyped --source must not turn a published archive empty.
        raise SourceError(
            f"nothing to publish, but the site in {config.output} has articles: it is kept as it is. "
            f"If the source folder is wrong, {config.change('source')}; "
            "to publish an empty site, delete the output folder first",
            config.source,
        )
    # The articles live until the end of the build and hold no cycles: keep the cyclic garbage
    # collector from scanning them again and again (and, in forked workers, from touching and
    # so copying their memory pages).
    gc.freeze()
    prior = session.collected if session is not None else None
    shape = previous.shape if previous is not None and prior is None else None
    if shape is not None:  # a new process: the last Site is made again from its shape
        prior = thaw(shape, loaded.key, loaded.articles, loaded.sources, loaded.digests, loaded.earlier)
    collected = recollect(loaded.articles, prior)
    if session is not None:
        session.collected = collected
    site: Site = collected.site
    users = media.referenced(site.articles)
    referenced_files = media_files(config.source, users)
    images = image_sizes(config.source, referenced_files, previous.images if previous is not None else {})
    moved = redirect_plan(site, config)
    diagnostics = (
        loaded.diagnostics
        + media_diagnostics(users, referenced_files)
        + link_diagnostics(site, loaded)
        + moved.diagnostics
        + future_diagnostics(site, datetime.date.today())
    )

    known = previous.pages if previous is not None else {}

    def exists(path: str) -> bool:  # a file deleted from the output by hand is rendered again
        if path in known:
            return path not in presence.missing()
        return os.path.isfile(out_root + path)

    def exists_all(paths: Iterable[str]) -> bool:
        return presence.missing().isdisjoint(paths)

    before = previous.templates if previous is not None else {}
    unchanged = unchanged_templates(before, source_of)
    page_index = session.page_index if session is not None else None
    if page_index is None or previous is None or page_index.tasks is not previous.tasks:
        page_index = PageIndex(previous.tasks) if previous is not None else None
    renderer = Renderer(
        site,
        config,
        env,
        messages,
        previous=previous.pages if previous else None,
        previous_meta=page_index,
        key=base_key,
        exists=exists,
        memo=_list_memo(session, previous, prior, collected),
        chunks=session.chunk_keys if session is not None else None,
        unchanged_templates=unchanged,
        published=frozenset(rel for rel, stat in referenced_files.items() if not isinstance(stat, str)),
        image_sizes={rel: size for rel, (*_, size) in images.items() if size is not None},
        redirects=moved.files,
    )
    with Stage(config.output, incremental=previous is not None, change=config.change("output")) as stage:
        tasks = renderer.tasks()
        task_keys = [renderer.task_key(task) for task in tasks]
        done = previous.tasks if previous else {}
        # None: the task has pages to render. A task whose key is unchanged is not even planned.
        # Task keys do not cover the templates: after a template edit every task is planned page
        # by page, and only the pages made from an edited template are rendered.
        templates_kept = bool(before) and len(unchanged) == len(before)
        planned: list[Stubs | list[Page] | None] = [
            (templates_kept and unchanged_task(previous, done.get(repr(task)), task_key, exists_all))
            or renderer.plan(task)
            for task, task_key in zip(tasks, task_keys, strict=True)
        ]
        todo = [task for task, plan in zip(tasks, planned, strict=True) if plan is None]
        # Starting workers costs more than a few tasks (an edit re-renders one or two pages).
        parallel = jobs if len(site.articles) >= 200 and len(todo) > 8 else 1
        report = (lambda done, total: progress("rendering", done, total)) if progress else None
        bundles = _bundles(todo, parallel)
        units = [[todo[i] for i in bundle] for bundle in bundles]
        # The feeds are made by a worker too, alongside the pages (they need no rendered page).
        feeds = bool(config.base_url)
        results = run_tasks(_render_bundle, (renderer, stage), [[FEEDS]] * feeds + units, parallel, report)
        feed_stubs = results[0][0][0] if feeds else []
        done_pages: dict[int, list[Page]] = {}
        for bundle, (pages_of_bundle, _) in zip(bundles, results[feeds:], strict=True):
            done_pages.update(zip(bundle, pages_of_bundle, strict=True))
        requested: dict[str, set[str]] = {}
        for _, requested_in_bundle in results:
            for template, names in requested_in_bundle.items():
                requested.setdefault(template, set()).update(names)
        rendered = iter(done_pages[i] for i in range(len(todo)))
        # Each task's pages: as the manifest kept them (unchanged), or as planned or rendered now.
        by_task = [plan if plan is not None else next(rendered) for plan in planned]
        task_stubs = [made if isinstance(made, Stubs) else Stubs.of(made) for made in by_task]
        task_pages = {
            repr(task): (task_key, stubs)
            for task, task_key, stubs in zip(tasks, task_keys, task_stubs, strict=True)
            if task_key is not None
        }
        page_count = sum(len(stubs.paths) for stubs in task_stubs)
        log.debug("%.2f s: %d pages rendered or found unchanged", time.perf_counter() - started, page_count)
        pages: dict[str, str] = {}
        for stubs in task_stubs:
            pages.update(zip(stubs.paths, stubs.fingerprints, strict=True))
        if len(pages) != page_count:
            two_pages(task_stubs)
        for page in feed_stubs:  # written by the worker when its inputs changed
            pages[page.path] = page.fingerprint
        # The sitemap and static files are cheap to make: compare bytes to decide on writing.
        for page in machine_files(renderer, Listed(task_stubs) if config.base_url else ()):
            if page.content is None:  # a sitemap whose inputs did not change
                pages[page.path] = page.fingerprint
                continue
            digest = page.fingerprint or "bytes:" + cache.file_digest(page.content)
            new = previous is None or previous.pages.get(page.path) != digest or not exists(page.path)
            if new and not stage.holds(page.path, page.content):
                stage.write(page.path, page.content)
            pages[page.path] = digest
        for rel, src in static.items():
            digest = "bytes:" + cache.file_digest(src.read_bytes())
            if previous is None or previous.pages.get(rel) != digest or not exists(rel):
                stage.copy(rel, src)
            pages[rel] = digest
        for rel, stat in referenced_files.items():
            if isinstance(stat, str):
                continue
            path, digest = media.output_path(rel), f"file:{stat[0]}:{stat[1]}"
            if path in pages:
                raise OutputError(f"two files want the same output file {path!r}")
            if previous is None or previous.pages.get(path) != digest or not exists(path):
                stage.copy(path, config.source / rel)
            pages[path] = digest
        if config.cache:  # until the new manifest is written, the next build is a full one
            manifest_path.unlink(missing_ok=True)
        if session is not None:
            session.manifest = None
        # Key views, not sets: their difference is all that is needed (22,000 paths each).
        stage.commit(keep=pages.keys(), previous=previous.pages.keys() if previous else None)
        log.debug("%.2f s: output committed", time.perf_counter() - started)
    manifest = Manifest(
        key=manifest_key(config),
        pages=pages,
        inputs=inputs,
        articles=len(site.articles),
        page_count=page_count,
        tasks=task_pages,
        templates=template_dependencies(before, unchanged, requested, source_of),
        skipped=loaded.skipped,
        diagnostics=diagnostics,
        media=referenced_files,
        images=images,
        lists=renderer.list_keys(),
        stats=stats or {},
    )
    if session is not None:
        session.manifest, session.built, session.sources = manifest, collected, sources
        session.page_index = page_index.moved_to(task_pages) if page_index is not None else None
        if config.cache:  # the file was removed before the commit: until it is written, builds are full
            session.later(
                lambda: save_manifest(
                    manifest_path, manifest, freeze(collected, loaded.key, loaded.sources, loaded.digests)
                )
            )
        session.check_output(out_root, list(manifest.pages))
    elif config.cache:
        if shape is not None and prior is not None and collected.site.index is prior.site.index:
            shape = refreeze(shape, collected, loaded.digests)  # every article is where it was
        else:
            shape = freeze(collected, loaded.key, loaded.sources, loaded.digests)
        save_manifest(manifest_path, manifest, shape)
    written = sum(1 for made in by_task if isinstance(made, list) for p in made if p.content is not None)
    return BuildReport(
        articles=len(site.articles),
        pages=page_count,
        skipped=loaded.skipped,
        diagnostics=notes + diagnostics,
        seconds=time.perf_counter() - started,
        written=written,
        changed=stage.changed,
    )


def _list_memo(
    session: Session | None, previous: Manifest | None, prior: Collected | None, collected: Collected
) -> dict[Any, tuple[Any, str]]:
    """The render memo of a build: the lists known unchanged (_unchanged_lists) and, in a session,
    every list key made by its builds (reused while a list holds the very same articles)."""
    if session is None:
        return _unchanged_lists(previous, prior, collected)
    # previous.lists are those of the Site in session.built: a build that failed after
    # collecting leaves another in session.collected (prior), whose lists may differ.
    unchanged = _unchanged_lists(previous, prior, collected) if prior is session.built else {}
    # A session compares lists by identity: after an edit, the lists that hold the edited
    # article (all articles, its tags') would be digested again although its listing is unchanged.
    session.render_memo.update(unchanged)
    return session.render_memo


def _unchanged_lists(
    previous: Manifest | None, prior: Collected | None, collected: Collected
) -> dict[Any, tuple[Any, str]]:
    """A render memo (Renderer.memo) of the previous build's list keys for the lists that are
    unchanged, when the Site was patched from the one thawed from its shape; else empty.

    Every article is then where it was, so a list changed only if an edited article's listing
    digest changed: only the lists of such an article (its tags', all articles') are digested
    again, not 100,000 listing digests (90 ms on a slow machine).
    """
    if previous is None or prior is None or collected.site.index is not prior.site.index:
        return {}
    site = collected.site
    stale: set[Any] = set()
    for old, new in zip(prior.site.articles, site.articles, strict=True):
        if old is not new and old.light != new.light:
            stale.add("all")
            stale.update(("tag", tag.slug) for tag in new.tags)
    memo: dict[Any, tuple[Any, str]] = {}
    for name, (extra, key) in previous.lists.items():
        listed = site.articles if name == "all" else site.by_tag.get(name[1]) if name[0] == "tag" else None
        if listed is not None and name not in stale:
            memo[name] = ((extra, listed), key)
    return memo


class _Presence:
    """Which of the previous build's files are missing from the output (deleted by hand): one
    os.stat per file. Started at once in a forked child when there are many (the other core
    checks while this one loads the caches: a thread was slower, the checks and the loading
    fought over the interpreter lock); else done here when first asked."""

    FORK_FROM = 2000  # fewer files are checked sooner than a child is started

    def __init__(self, root: str, paths: Collection[str]):
        self._root = root
        self._paths = paths
        self._missing: set[str] | None = None
        check = functools.partial(_missing_files, root, paths)  # no reference back to self: no cycle
        self._forked = Forked(check) if len(paths) >= self.FORK_FROM else None

    def missing(self) -> set[str]:
        if self._missing is None:
            forked, self._forked = self._forked, None
            self._missing = forked.result() if forked is not None else _missing_files(self._root, self._paths)
        return self._missing


def _missing_files(root: str, paths: Iterable[str]) -> set[str]:
    stat = os.stat
    missing = set()
    for path in paths:
        try:
            stat(root + path)
        except OSError:
            missing.add(path)
    return missing


def source_stats(source: Path, files: list[str]) -> dict[str, tuple[int, int]] | None:
    """(size, cache.stamp) of every source file, taken once per build; None if one cannot be stat-ed."""
    root = str(source) + os.sep
    stats: dict[str, tuple[int, int]] = {}
    try:
        for rel in files:
            st = os.stat(root + rel)
            stats[rel] = (st.st_size, cache.stamp(st))
    except OSError:
        return None
    return stats


def media_diagnostics(
    users: Mapping[str, list[tuple[str, int | None]]], stats: Mapping[str, tuple[int, int] | str]
) -> tuple[Diagnostic, ...]:
    """A warning on each line of an article that refers to a file that cannot be published."""
    return tuple(
        Diagnostic(source, f"the referenced file {rel!r} {reason}", line)
        for rel, reason in stats.items()
        if isinstance(reason, str)
        for source, line in users[rel]
    )


def inputs_key(
    config: Config,
    key: str,
    static: dict[str, Path],
    discovered: tuple[list[str], list[Diagnostic]] | None,
    stats: dict[str, tuple[int, int]] | None,
) -> str | None:
    """A fingerprint of every input of the build, from file sizes and modification times.

    Equal keys mean an unchanged tree, so a repeated build can stop at once. Any doubt (a file
    that cannot be stat-ed) gives None, which forces the normal build.
    """
    if discovered is None or stats is None:
        return None
    try:
        extra = [config.root / "tags.toml", *static.values()]
        more = [(str(p), *_stat(p)) for p in extra if p.exists()]
    except OSError:
        return None
    shipped = tagging.shipped_vocabulary_text()
    notes = [str(n) for n in discovered[1]]
    return cache.environment_key(key, config.tag_min_mentions, shipped, _stats_digest(stats), more, notes)


def _stats_digest(stats: dict[str, tuple[int, int]]) -> str:
    """A digest of every source file's path, size and stamp: the repr of 10,000 tuples cost 30 ms."""
    ordered = sorted(stats)
    digest = hashlib.blake2b("\0".join(ordered).encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(struct.pack(f"<{2 * len(ordered)}q", *itertools.chain.from_iterable(map(stats.__getitem__, ordered))))
    return digest.hexdigest()


def _has_articles(output: Path) -> bool:
    """Whether an output folder holds article pages (of any interface language)."""
    try:
        return any(output.glob("articles/*/index.html")) or any(output.glob("*/articles/*/index.html"))
    except OSError:
        return False


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, cache.stamp(st)


def _bundles(todo: list[tuple], jobs: int) -> list[list[int]]:
    """Indexes of the tasks to render, grouped into units of work for `jobs` workers.

    An article card is rendered once per interface language and worker, and every list page of
    an interface shows cards: so each interface's lists go together to as few workers as keep
    them all busy, first (they are the largest units), and the article pages follow in small
    units that even out the end. With one worker, every task is its own unit.
    """
    if jobs <= 1:
        return [[i] for i in range(len(todo))]
    langs = sorted({task[1] for task in todo if task[0] != "articles"})
    per_lang = max(1, jobs // max(1, len(langs)))
    lists: dict[tuple[str, int], list[int]] = {}
    seen: dict[str, int] = {}
    articles: list[list[int]] = []
    for i, task in enumerate(todo):
        if task[0] == "articles":
            articles.append([i])
            continue
        n = seen[task[1]] = seen.get(task[1], -1) + 1
        lists.setdefault((task[1], n % per_lang), []).append(i)
    return sorted(lists.values(), key=len, reverse=True) + articles


def _render_bundle(state: tuple[Renderer, Stage], bundle: list[tuple]) -> tuple[list[list[Page]], dict[str, set[str]]]:
    """The bundle's pages, task by task, and the templates that rendering them asked for."""
    renderer = state[0]
    pages = [_render_task(state, task) for task in bundle]
    requested, renderer.requested = renderer.requested, {}
    return pages, requested


FEEDS = ("feeds",)  # the unit of work that makes every Atom feed (feeds.feed_pages)


def _render_task(state: tuple[Renderer, Stage], task: tuple) -> list[Page]:
    """Render one task's pages and write the changed ones (runs in a worker process)."""
    renderer, stage = state
    stubs = []
    for page in feed_pages(renderer) if task == FEEDS else renderer.task_pages(task):
        content = page.content
        if content is not None:
            if stage.holds(page.path, content):
                page = dataclasses.replace(page, content=None)  # rendered again, same bytes: kept
            else:
                stage.write(page.path, content)
                page = dataclasses.replace(page, content=b"")  # written; the bytes stay on disk
        stubs.append(page)
    return stubs


def image_sizes(
    source: Path,
    files: Mapping[str, tuple[int, int] | str],
    known: Mapping[str, tuple[int, int, tuple[int, int] | None]],
) -> dict[str, tuple[int, int, tuple[int, int] | None]]:
    """Each published file (read.media_files) -> (size, stamp, its width and height as a picture,
    or None). A file unchanged since the last build keeps the size read then: an archive of
    thousands of pictures is not opened again by every build."""
    sizes: dict[str, tuple[int, int, tuple[int, int] | None]] = {}
    for rel, stat in files.items():
        if isinstance(stat, str):
            continue
        kept = known.get(rel)
        if kept is not None and kept[:2] == stat:
            sizes[rel] = kept
        else:
            sizes[rel] = (*stat, media.image_size(str(source / rel)))
    return sizes
