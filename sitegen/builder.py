"""The Builder of sitegen serve: runs one build at a time in a build session, re-reading the
configuration first, and turns a broken edit into one clear log line (and the message the open
pages show) while the atomic write keeps the last good site in place.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import Protocol

from sitegen.config import Config
from sitegen.errors import SitegenError, shown_path
from sitegen.model import BuildReport, Diagnostic, count
from sitegen.server import url_path
from sitegen.watch import Snapshot

log = logging.getLogger(__name__)


class Progress(Protocol):
    """A progress display for the first build (the command line's bar): called as the build
    goes on, closed when it has ended, whichever way."""

    def __call__(self, phase: str, done: int, total: int) -> None: ...

    def close(self) -> None: ...


def log_each(diagnostics: Sequence[Diagnostic]) -> None:
    """The report of a Builder without one (serve() called from Python): each diagnostic logged,
    its file named as every message names one (errors.shown_path)."""
    for d in diagnostics:
        d = dataclasses.replace(d, file=shown_path(d.file))
        (log.error if d.level == "error" else log.warning)("%s", d)


class Builder:
    """Runs one build at a time; a broken edit is logged in one line and the last good site stays.

    ``report`` says the diagnostics that are new since the previous build (the command line
    passes its own reporter, which shows at most ten warnings of a kind: the first build of a
    large archive has hundreds). ``progress`` shows the first build's progress, the only long one.
    ``failure`` hears the message of each failed build, as the terminal shows it, and None after
    each good one (warnings do not count): the open pages show it over the last good site.
    """

    def __init__(
        self,
        config: Config,
        *,
        mount: Callable[[Config], Config] = lambda c: c,
        load_config: Callable[[], Config] | None = None,
        build: Callable[[Config], BuildReport] | None = None,
        report: Callable[[Sequence[Diagnostic]], None] = log_each,
        progress: Progress | None = None,
        jobs: int | None = None,
        failure: Callable[[str | None], None] = lambda message: None,
    ) -> None:
        self.config = mount(config)
        self._mount = mount
        self._load_config = load_config
        self._build = build
        self._report = report
        self._progress = progress
        self._jobs = jobs  # worker processes (--jobs); None: one per core
        self._failure = failure  # told each build's failure, or None after a good build
        from sitegen.session import Session

        self.session = Session()  # parsed articles and the last manifest stay in memory between builds
        self._shown: set[Diagnostic] = set()
        self.builds = 0  # successful builds, for the log and for tests
        self.changed = False  # whether the last successful build changed the output

    def run(self, changed: Collection[str] | None = None) -> bool:
        """Build (``changed``: see build.build); False when the build failed."""
        from sitegen.build import build  # imported late: the pipeline is heavy and tests replace it

        progress, self._progress = self._progress, None  # the first build only

        def default(config: Config) -> BuildReport:
            try:
                return build(config, session=self.session, progress=progress, jobs=self._jobs, changed=changed)
            finally:
                if progress is not None:
                    progress.close()  # before anything is logged

        try:
            if self._load_config is not None:
                self.config = self._reloaded(self._load_config())
            report = (self._build or default)(self.config)
        except SitegenError as exc:
            return self._fail(exc.shown())
        except Exception as exc:  # a bug, not the user's edit: say so, keep serving, traceback with -v
            self._fail(f"build failed unexpectedly: {type(exc).__name__}: {exc}")
            log.debug("traceback", exc_info=True)
            return False
        self._failure(None)
        # Only what is new, so that a watch session does not repeat itself.
        self._report([d for d in report.diagnostics if d not in self._shown])
        self._shown = set(report.diagnostics)
        self.builds += 1
        self.changed = report.changed
        verb = "built" if self.builds == 1 else "rebuilt"
        log.info(
            "%s %s, %s in %.2f s (%s)",
            verb,
            count(report.articles, "article"),
            count(report.pages, "page"),
            report.seconds,
            count(len(report.warnings), "warning"),
        )
        return True

    def _fail(self, message: str) -> bool:
        """Say in the terminal, and to the open pages, why the build failed, and what is served
        meanwhile: the last good site, or, when none was ever built into the output, nothing."""
        if self.builds or (self.config.output / "index.html").is_file():
            log.error("%s\n  still serving the last good site; fix it and save again", message)
        else:
            log.error("%s\n  nothing to serve yet; fix it and save, and the site is built then", message)
        self._failure(message)
        return False

    def rebuild(self, changed: Collection[str] | None = None) -> bool:
        """Build; True when the browsers should reload: the build succeeded and changed the site
        (an editor saving an unchanged file rebuilds nothing and reloads nothing)."""
        return self.run(changed) and self.changed

    def confirm(self, snapshot: Snapshot) -> bool:
        """Whether the last build saw the source files as snapshot has them (see watch.watch)."""
        from sitegen.articles import confirm_sources

        return self._build is not None or confirm_sources(self.session, self.config, snapshot)

    def _reloaded(self, new: Config) -> Config:
        new = self._mount(new)
        if new.output != self.config.output:
            log.warning("the output folder changed in the configuration; restart sitegen serve to serve it")
            new = replace(new, output=self.config.output)
        if new.base_path != self.config.base_path:  # the open pages reload onto a 404: say where the site went
            log.warning(
                "the base path changed in the configuration: the site is now served under %s", url_path(new.base_path)
            )
        return new

    def idle(self, interrupted: Callable[[], bool]) -> bool:
        """In a quiet moment: the work the session left after its builds (see watch.watch)."""
        return self.session.idle(interrupted)
