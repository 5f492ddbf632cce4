"""Session: what a build leaves in memory for the next build in the same process (sitegen serve).

Also what a session does between builds: the jobs left for after a build returns (writing the
article cache) and for a quiet moment (writing the manifest, checking the output), and the
caches it loads after a build that had nothing to do, so that the first edit is as quick as the
later ones (warm).
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen import cache, presence, search
from sitegen import tags as tagging
from sitegen.articles import (
    Listing,
    Sources,
    article_store,
    articles_key,
    cached_vocabulary,
    checked_listing,
    prepare_parser,
)
from sitegen.cache import cache_dir
from sitegen.collect import Collected, Shape, recollect, thaw
from sitegen.config import Config
from sitegen.keys import ChunkKey
from sitegen.manifest import Manifest, PageIndex, save_manifest, stamped
from sitegen.model import Article
from sitegen.parallel import signals_left_to_this_thread
from sitegen.write import output_lock

log = logging.getLogger(__name__)


@dataclass
class Session:
    """What a build leaves in memory for the next build in the same process (sitegen serve).

    The parsed articles, the previous build's manifest and the compiled vocabulary are reused
    as they are instead of being read back from the cache folder; each is still checked
    against its key, exactly as the on-disk copies are. A plain ``build()`` has no session.
    """

    articles: cache.ArticleCache | None = None
    listing: Listing | None = None  # what the last load made of the articles (load_articles)
    search_ids: search.Ids | None = None  # the last build's search ids (search.Index)
    shape: Shape | None = None  # the shape of the Site in built, once its manifest is written
    manifest: Manifest | None = None
    vocabulary: tuple[str, tagging.Vocabulary] | None = None
    collected: Collected | None = None  # the last build's Site, for recollect()
    built: Collected | None = None  # the Site that the manifest describes (a failed build may collect one more)
    render_memo: dict[Any, Any] = dataclasses.field(default_factory=dict)  # see Keys.memo
    chunk_keys: dict[tuple[Any, ...], ChunkKey] = dataclasses.field(default_factory=dict)  # Keys.chunks
    # Every file of the last build is in the output as it wrote it: the next build need not stat
    # them again. True after each good build (it found or wrote every file); a check in a quiet
    # moment (idle) finds out whether one was deleted or edited by hand since.
    output_checked: bool = False
    # What the last good build found in the source folder (see Sources): a build told which
    # files changed since (build's ``changed``) stats only those.
    sources: Sources | None = None
    page_index: PageIndex | None = None  # the manifest's pages by path, for the next build
    _saving: list[threading.Thread] = dataclasses.field(default_factory=list)
    _pending: list[Callable[[], None]] = dataclasses.field(default_factory=list)
    _idle: dict[str, tuple[IdleJob, bool]] = dataclasses.field(default_factory=dict)

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

    def when_idle(self, name: str, job: IdleJob, *, at_exit: bool = False) -> None:
        """Leave job for a quiet moment (idle), in place of the last job of that name: a job that
        a burst of edits would repeat after each build (writing a 60 MB manifest, stat-ing
        220,000 output files at 100,000 articles) then runs once after the burst. A job that
        returns an iterator is run step by step, and a save stops it between two steps (it goes
        on in the next quiet moment). ``at_exit``: run it also when the session ends."""
        self._idle.pop(name, None)
        self._idle[name] = (job, at_exit)

    def forget(self, name: str) -> None:
        """Drop the idle job of that name (what it would write is no longer true)."""
        self._idle.pop(name, None)

    def idle(self, interrupted: Callable[[], bool] = lambda: False) -> bool:
        """Run the jobs left for a quiet moment, in the order they were left, until interrupted()
        (a new edit: the jobs not run yet wait for the next quiet moment); True when all ran."""
        self.settle()
        while self._idle and not interrupted():
            name = next(iter(self._idle))
            job, at_exit = self._idle.pop(name)
            rest = _run_steps(job, interrupted)
            if rest is not None:  # stopped between two steps: first in the next quiet moment
                self._idle = {name: (rest, at_exit), **self._idle}
        return not self._idle

    def close(self) -> None:
        """At the end of the session: finish the writes, and run the idle jobs marked at_exit
        (the manifest, for the next `sitegen build` to be incremental); drop the others."""
        self.settle()
        jobs, self._idle = self._idle, {}
        for job, at_exit in jobs.values():
            if at_exit:
                _run_steps(job, lambda: False)

    def check_output(self, root: str, manifest: Manifest, *, checked: bool = False) -> None:
        """After a good build, every file of it (the manifest's) is in the output as it wrote
        it; leave a check for a quiet moment, which finds out whether one was deleted or edited
        by hand since (see output_checked). ``checked``: the build has just looked at every file
        (no check needed yet)."""
        self.output_checked = True
        if checked:
            self.forget("check")
            return

        def check() -> Iterator[None]:
            files = stamped(manifest)
            while step := list(itertools.islice(files, CHECK_STEP)):
                if presence.missing_files(root, step):
                    self.output_checked = False
                    return
                yield

        self.when_idle("check", check)

    def settle(self) -> None:
        """Wait for the writes still running; before the next build and before exiting."""
        for thread in self._saving:
            thread.join()
        self._saving.clear()


IdleJob = Callable[[], "Iterator[None] | None"]  # see Session.when_idle


CHECK_STEP = 10_000  # output files stat-ed in one step of a session's output check (about 40 ms)


def _run_steps(job: IdleJob, interrupted: Callable[[], bool]) -> IdleJob | None:
    """Run an idle job (all its steps, if it has any) until interrupted() between two steps;
    what is left of it, as a job, or None when it is done (or failed: said in the log)."""
    try:
        steps = job()
        if steps is None:
            return None
        for _ in steps:
            if interrupted():
                return lambda: steps
    except Exception:
        log.warning("a cache could not be written or checked; the next build may take longer", exc_info=True)
    return None


def _run_each(jobs: list[Callable[[], None]]) -> None:
    """Run every job, even after one has failed: each writes or loads a cache of its own."""
    for job in jobs:
        try:
            job()
        except Exception:
            log.warning("a cache could not be written or loaded; the next build may take longer", exc_info=True)


def warm(
    session: Session, config: Config, files: list[str], stats: dict[str, tuple[int, int]] | None, previous: Manifest
) -> None:
    """Load what an edit will need (the article cache, the vocabulary, the Site) into a session
    whose build found nothing to do: `sitegen serve` started on a built site would otherwise
    load them on the first edit, which then took 0.5 s instead of 0.16 s at 10,000 articles.

    The Site is the one the manifest describes, thawed from its shape (the files are those it was
    built from): it then counts as the session's last build (Session.built), so that the first
    edit reuses the manifest's list keys and page index as later edits reuse their build's, not
    digest every list again (0.38 s instead of 0.2 s). Without a usable shape, the Site is
    collected from the cached articles in the order load_articles() lists them; if that is not
    what the next build reads, recollect() collects afresh. The listing of the articles, the
    search ids and the parser are prepared as a build leaves them (without them, the first edit
    took 0.2 s instead of 0.12 s at 10,000 articles)."""
    key = articles_key(config)
    session.articles = article_store(config, key, session)
    cached_vocabulary(config, key, session)
    prepare_parser()
    if stats is not None:
        session.listing = checked_listing(session.articles, files, stats)
    entries = session.articles.entries
    results = [entry.result for rel in files if (entry := entries.get(rel)) is not None]
    articles = tuple(r for r in results if isinstance(r, Article))
    thawed = None
    if previous.shape is not None and len(results) == len(files):  # no earlier versions: no edits
        sources, digests = tuple(a.source for a in articles), tuple(a.digest for a in articles)
        thawed = thaw(previous.shape, key, articles, sources, digests, {}, config.zone)
    if thawed is not None:
        session.collected = session.built = thawed
        session.shape = previous.shape
        session.page_index = PageIndex(previous.tasks)
    else:
        session.collected = recollect(list(articles), session.collected, config.zone)
    if config.search:
        session.search_ids = search.ids_of(session.collected.site.articles)


def save_when_idle(config: Config, path: Path, manifest: Manifest, made: list[Shape | None]) -> None:
    """Write a session's manifest in a quiet moment (Session.when_idle), unless its shape could
    not be made or another process has built into the output since (its manifest is there: the
    session's build removed the file before committing)."""
    if not made:
        return
    with output_lock(config.output, cache_dir(config)):
        if not path.exists():
            save_manifest(path, manifest, made[0])
