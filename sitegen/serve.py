"""Preview server with live reload; never serves a half-built site.

Three small parts, each testable alone:

* ``watch``: a polling watcher over file mtimes and sizes with a quiet-period debounce. It calls
  ``rebuild()`` once per burst of saves and tells the ``Reloader`` only after ``rebuild()`` has
  returned successfully, so a browser can never reload onto a site that is still being written.
* ``Builder``: runs ``build()`` (re-reading the configuration first) and turns a broken edit into
  one clear log line; the atomic write keeps the last good site in place.
* ``PreviewHandler``: serves the output folder itself (http.server, in a process of its own:
  sitegen/preview.py, so that the process that builds has no other thread), because that is where the
  guarantees live: no path outside the output (``..``, encoded slashes, backslashes, NUL,
  symbolic links), ``Cache-Control: no-store`` on every response, and the tag of the reload
  script (a file the server serves, never inline) injected into HTML responses on the fly, never
  into the files on disk.

The reload signal is a Server-Sent Events stream from the same server (``EventReloader``); see
docs/serve.md for why this replaces the livereload package's tornado server. The same stream
tells the pages why the last build failed, which the injected script (sitegen/live.js) shows
over the page until a build succeeds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import logging
import mimetypes
import os
import re
import secrets
import shutil
import socket
import stat
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from sitegen.cache import stamp
from sitegen.config import Config, path_problem
from sitegen.errors import ConfigError, SitegenError, shown_path
from sitegen.model import BuildReport, Diagnostic, count
from sitegen.write import MARKER as SITE_MARKER
from sitegen.write import check_output

log = logging.getLogger(__name__)

EVENTS = ".sitegen/events"  # under the base path; a leading dot never comes from a slug or static file
SCRIPT = ".sitegen/livereload.js"  # live reload and the error overlay (sitegen/live.js), beside EVENTS
MARKER = "data-sitegen-livereload"  # on the injected script tag, so tests and users can spot it
QUIET = 0.2  # seconds without changes before a rebuild starts (one rebuild per burst of saves)
INTERVAL = 0.1  # seconds between scans of the watched files
EVENT_QUIET = 0.05  # the same, when file-system events say exactly when files change
EVENT_INTERVAL = 2.0  # with events, a scan every so often only as a safety net
SCAN_SHARE = 0.05  # ...and no more often than keeps it under this share of a core (100,000 files: 0.65 s)
IDLE_AFTER = 2.0  # seconds without events after a build before its checks and writes (a quiet moment)
STOP_GRACE = 2.0  # seconds that stopping waits, in all, for the watcher and its threads
HEARTBEAT = 15.0  # seconds between keep-alive comments on an idle event stream

Snapshot = dict[str, tuple[int, int]]


# -- the reload signal -------------------------------------------------------------------------


class Reloader(Protocol):
    """Tells the browsers to reload. Called only after a build has finished."""

    def notify(self) -> None: ...


class Wake(Protocol):
    """What the watch loop waits on for file-system events: a threading.Event, or the server
    process that sends them (preview.ServerProcess)."""

    def wait(self, timeout: float) -> bool: ...

    def set(self) -> None: ...

    def clear(self) -> None: ...

    def is_set(self) -> bool: ...


@dataclasses.dataclass(frozen=True)
class Failure:
    """A failed build's message and how many builds in a row have failed."""

    message: str
    attempt: int


class EventReloader:
    """A build generation that browsers follow over Server-Sent Events, and the failed build's
    message while the last build failed.

    Each served page carries the generation it was read under; the event stream sends the
    current one on connect and after each finished build, and the page reloads when they differ.
    A page fetched just before a rebuild therefore still reloads even if its stream connects
    after the notification, and a restarted server (new random prefix) reloads open pages too.
    The failure is sent the same way, on connect and after each failed build, so a page opened
    while the build is broken shows it as well as one that was open when it broke, and an
    overlay the author closed comes back when a new attempt fails too, even with the same message.
    """

    def __init__(self) -> None:
        self._prefix = secrets.token_hex(4)
        self._count = 0
        self._failure: Failure | None = None
        self._closed = False
        self._changed = threading.Condition()

    @property
    def generation(self) -> str:
        with self._changed:
            return f"{self._prefix}-{self._count}"

    @property
    def state(self) -> tuple[str, Failure | None]:
        """The generation and the last build's failure (None when it succeeded), read together."""
        with self._changed:
            return f"{self._prefix}-{self._count}", self._failure

    def notify(self) -> None:
        with self._changed:
            self._count += 1
            self._changed.notify_all()

    def failed(self, message: str | None) -> None:
        """The last build failed with message, or (None) succeeded."""
        with self._changed:
            if message is not None:
                attempt = self._failure.attempt + 1 if self._failure is not None else 1
                self._failure = Failure(message, attempt)
                self._changed.notify_all()
            elif self._failure is not None:
                self._failure = None
                self._changed.notify_all()

    def wait(self, seen: str, timeout: float, failure: Failure | None = None) -> str | None:
        """The generation once it or the failure differs from what was seen (or after timeout);
        None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self.state != (seen, failure), timeout)
            return None if self._closed else f"{self._prefix}-{self._count}"

    def close(self) -> None:
        """End every open event stream, so that stopping the server never waits on browsers."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def live_script() -> bytes:
    """The script served at SCRIPT: sitegen/live.js run with the overlay's words of both languages
    and the tag that loaded it, whose data attributes give the page's event stream and generation.
    A file, not inline, because a site built with csp = true forbids inline scripts (script-src
    'self'), and live reload and the overlay must work there too. Made once per server."""
    from sitegen.theme import shipped_messages  # the theme module brings Jinja2: only when serving

    words = {}
    for lang in ("ar", "en"):
        catalog = shipped_messages(lang)  # not the site's: its catalog may be what is broken
        words[lang] = {key: catalog[key] for key in ("dir", "serve_failed", "serve_failed_kept", "serve_close")}
    source = (resources.files("sitegen") / "live.js").read_text("utf-8").strip()
    # JSON is a JavaScript literal; the file is never part of an HTML document, so '<' needs nothing
    return f"{source}({json.dumps(words, ensure_ascii=False)}, document.currentScript);\n".encode()


def reload_script(base_path: str, generation: str) -> bytes:
    """The tag injected before </body>: the script at SCRIPT, told this page's event stream and
    the generation it was read under. No inline script, so that csp = true does not stop it."""
    base = url_path(base_path)
    attributes = (
        f'src="{escape(base + SCRIPT)}" data-events="{escape(base + EVENTS)}" data-generation="{escape(generation)}"'
    )
    return f"<script {MARKER} {attributes}></script>\n".encode()


# What the preview shows where no page has been built (the site's 404.html is missing too).
NOTHING_BUILT = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitegen: لا صفحة هنا بعد / nothing here yet</title></head>
<body>
<p>لا صفحة هنا بعد: لم يُبنَ الموقع (انظر الطرفية). ستُحدَّث الصفحة وحدها حين ينجح البناء.</p>
<p lang="en" dir="ltr">No page here yet: the site has not been built (see the terminal).
This page reloads by itself once a build succeeds.</p>
</body>
</html>
""".encode()


def url_path(base_path: str) -> str:
    """The base path as it goes into a URL: percent-encoded once, whether the configured base_url
    spelt it encoded (a --base-path is mounted so) or in plain letters (/أرشيف/)."""
    return quote(unquote(base_path))


def inject(html: bytes, snippet: bytes) -> bytes:
    """html with snippet before the last </body>, or at the end if there is none."""
    at = html.lower().rfind(b"</body>")
    return html + snippet if at < 0 else html[:at] + snippet + html[at:]


# -- watching and rebuilding -------------------------------------------------------------------


def watched_paths(config: Config) -> list[Path]:
    """Everything a build reads besides the package itself."""
    config_file = config.config_file or config.root / "sitegen.toml"
    root = config.root
    return [config.source, root / "templates", root / "static", root / "tags.toml", root / "locales", config_file]


def polled_paths(config: Config) -> list[Path]:
    """What the watcher's scans look at: the watched paths, and the output's marker file, so
    that an output folder deleted by hand while serving is built again within one scan (2 s
    with file-system events). Only a full build replaces the marker; the scan taken after
    each build takes that in."""
    return [*watched_paths(config), config.output / SITE_MARKER]


def light_paths(config: Config) -> list[Path]:
    """polled_paths without the source folder: a few files, scanned after every build (watch)."""
    return [path for path in polled_paths(config) if path != config.source]


def _ignored(name: str) -> bool:
    """Editor droppings (.swp, backup~, .#lock) and hidden folders such as .git never trigger a build."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


def scan(paths: Iterable[Path]) -> Snapshot:
    """Stamp (mtime or ctime) and size of every watched file; a change in either (or a file appearing
    or going) is a change."""
    found: Snapshot = {}

    def add(path: str) -> None:
        try:
            st = os.stat(path)
        except OSError:  # deleted between listing and stat: the next scan sees it gone
            return
        found[path] = (stamp(st), st.st_size)

    for path in paths:
        if path.is_file():
            add(str(path))
        elif path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if not _ignored(d)]
                for name in filenames:
                    if not _ignored(name):
                        add(os.path.join(dirpath, name))
    return found


def watch(
    snapshot: Callable[[], Snapshot],
    rebuild: Callable[..., bool],
    reloader: Reloader,
    stop: threading.Event,
    *,
    interval: float = INTERVAL,
    quiet: float = QUIET,
    wake: Wake | None = None,
    changes: Changes | None = None,
    confirm: Callable[[Snapshot], bool] | None = None,
    idle: Callable[[Callable[[], bool]], bool] | None = None,
    idle_after: float = IDLE_AFTER,
    light: Callable[[], Snapshot] | None = None,
) -> None:
    """Poll until stop is set; after each burst of changes and a quiet period, rebuild, then notify.

    With ``wake`` (set by file-system events), the loop looks as soon as something happens and
    polls only every ``interval`` (longer when a scan is slow: see SCAN_SHARE) as a safety
    net; without it, it polls every ``interval``. Either way the snapshot decides whether
    anything really changed. The snapshot compared after a build is the one taken before it,
    so a save made while the build ran causes one more build rather than being lost.

    With ``changes`` (the paths the events named) and ``confirm``, a build after events is
    told those paths (rebuild(paths)) and looks at no other file; confirm(snapshot) then
    checks, on a snapshot taken after it, that the build saw every file as it is. When it did
    not (an event was lost), the next build, at once, looks at every file (rebuild()).

    With ``light`` as well (sitegen serve), nothing that is not needed to show a build follows
    it: only light's part of the snapshot (the files outside the sources: a few) is taken
    after each build. In a quiet moment, ``idle_after`` seconds without events, light's part is
    compared, and ``idle`` runs (sitegen serve: the session's manifest and output check), which
    stops early when told that an event came (its argument; False: not all done). After that,
    light's part is compared every ``interval``, and the safety-net scan compares every file
    with confirm no more often than SCAN_SHARE allows. A burst of saves rebuilds back to
    back: at 100,000 articles the scan and the session's writes took 2 s after every build, and
    the next save waited for them. Without events, ``idle`` runs when a poll finds nothing new.
    """
    # With events, light and confirm (sitegen serve), the snapshot of every file is left to the
    # safety net (100,000 files: 0.65 s): light's part, a few files, is taken after each build.
    deferred = wake is not None and light is not None and confirm is not None
    started = time.monotonic()
    last = snapshot()
    scanned = time.monotonic()
    poll = interval if wake is None else max(interval, (scanned - started) / SCAN_SHARE)
    seen = light() if light is not None and deferred else {}
    owed = idle is not None  # a build since the last quiet moment may have left idle work (the first one too)
    doubt = False

    def missed() -> None:
        nonlocal doubt
        log.debug("a change that no file-system event named: building again")
        doubt = True
        if wake is not None:
            wake.set()

    while True:
        if wake is not None:
            woke = wake.wait(idle_after if owed and deferred else interval if deferred else poll)
            wake.clear()
            if stop.is_set():
                return
            if woke:
                while wake.wait(quiet):  # events still coming: wait for a quiet moment
                    wake.clear()
                    if stop.is_set():
                        return
                # The events said what changed: build at once.
                named = changes.take() if changes is not None and confirm is not None else None
                if doubt:
                    named, doubt = None, False
                if rebuild() if named is None else rebuild(named):
                    reloader.notify()
                owed = True
                if deferred and light is not None:
                    seen = light()
                    continue
                last = snapshot()
                if named is not None and confirm is not None and not confirm(last):
                    missed()
                continue
            if deferred and light is not None and confirm is not None:
                if light() != seen:  # the output deleted by hand; an event lost on a template
                    missed()
                    continue
                if owed and idle is not None:  # a quiet moment after builds: their idle work
                    owed = not idle(wake.is_set)  # interrupted by a save: the rest after its build
                    continue
                # The safety net: every file, compared with what the last build used (light's
                # files every interval, all files no more often than SCAN_SHARE allows).
                started = time.monotonic()
                if started < scanned + poll:
                    continue
                current = snapshot()
                scanned = time.monotonic()
                poll = max(interval, (scanned - started) / SCAN_SHARE)
                if not wake.is_set() and not confirm(current):  # (a save during the scan: built next)
                    missed()
                continue
        elif stop.wait(interval):
            return
        started = time.monotonic()
        current = snapshot()
        if wake is not None:
            poll = max(interval, (time.monotonic() - started) / SCAN_SHARE)
        if current == last:
            if owed and idle is not None:
                owed = False
                idle(stop.is_set)
            continue
        while current != last:  # still changing: wait until it has been quiet for `quiet` seconds
            last = current
            if stop.wait(quiet):
                return
            current = snapshot()
        if rebuild():
            reloader.notify()
        owed = True


class Changes:
    """The paths that file-system events named since the last build took them (watch)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()

    def add(self, path: str) -> None:
        with self._lock:
            self._paths.add(path)

    def take(self) -> frozenset[str]:
        with self._lock:
            paths, self._paths = self._paths, set()
        return frozenset(paths)


def observe(paths: Iterable[Path], wake: threading.Event, changes: Changes | None = None) -> Callable[[], None] | None:
    """Set ``wake`` on every file-system event under the watched paths, and add the paths it
    names to ``changes`` (see watch_files)."""

    def changed(named: list[str]) -> None:
        if changes is not None:
            for path in named:
                changes.add(path)
        wake.set()

    return watch_files(paths, changed)


def watch_files(paths: Iterable[Path], changed: Callable[[list[str]], None]) -> Callable[[], None] | None:
    """Call ``changed`` with the paths each file-system event under the watched paths names
    (inotify, FSEvents or ReadDirectoryChanges through watchdog), from watchdog's thread; returns
    a function that stops observing, or None when events are unavailable (then the watch loop
    polls)."""
    try:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.api import ObservedWatch
    except ImportError:  # pragma: no cover - watchdog is a dependency; polling still works
        return None

    paths = list(paths)
    trees = {str(path) for path in paths if path.is_dir()}
    # A single file (sitegen.toml, tags.toml, or a folder not made yet) is watched through its
    # folder, the site root, which also holds the output, the caches and whatever else the user
    # keeps there (a log of this very server): only events about the file itself count there.
    files = {str(path) for path in paths if not path.is_dir()}
    folders = {str(path) for path in paths}  # any of them may be made (or made again) as a folder
    watches: dict[str, ObservedWatch] = {}  # the trees watched, by folder

    def watched(path: str) -> bool:
        if _ignored(os.path.basename(path)):
            return False
        return path in files or any(path == tree or path.startswith(tree + os.sep) for tree in trees)

    def adopt(path: str) -> None:
        """Watch a watched folder that was made (or moved in, or made again after a delete) while
        serving, so that saves in it are events, not left to the safety-net scan (2 s, and each
        such save then looked at every file). A deleted folder's watch has ended: it is replaced."""
        if path not in folders or not os.path.isdir(path):
            return
        if any(path.startswith(tree + os.sep) for tree in trees):
            return  # already inside a watched tree
        old = watches.pop(path, None)
        if old is not None:
            with contextlib.suppress(KeyError):
                observer.unschedule(old)
        try:
            watches[path] = observer.schedule(handler, path, recursive=True)
        except OSError as exc:  # e.g. out of inotify watches: the poll still sees everything
            log.debug("cannot watch %s for changes (%s); polling it", path, exc)
            return
        trees.add(path)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            kind = event.event_type
            if kind in ("opened", "closed_no_write") or (event.is_directory and kind == "modified"):
                return  # a read (our own build reads), or a folder whose content the file events report
            paths = [event.src_path, event.dest_path] if kind == "moved" else [event.src_path]
            # An editor that saves by renaming a hidden temporary file over the article still counts.
            named = [os.fsdecode(p) for p in paths if p]
            if event.is_directory and kind in ("created", "moved"):
                adopt(named[-1])  # before the build that this event starts reads the folder
            if any(watched(p) for p in named):
                changed(named)

    observer = Observer()
    handler = Handler()
    for path in paths:  # missing files and folders are watched through their folder, and polled
        folder = path if path.is_dir() else path.parent
        recursive = path.is_dir()
        key = str(folder)
        if folder.is_dir() and key not in watches:
            try:
                watch = observer.schedule(handler, key, recursive=recursive)
            except OSError as exc:  # e.g. out of inotify watches: the poll still sees everything
                log.debug("cannot watch %s for changes (%s); polling it", folder, exc)
                continue
            if recursive:
                watches[key] = watch
    try:
        observer.start()
    except OSError as exc:
        log.debug("file-system events unavailable (%s); polling instead", exc)
        return None

    def close() -> None:
        observer.stop()
        observer.join(timeout=STOP_GRACE)

    return close


class Progress(Protocol):
    """A progress display for the first build (the command line's bar): called as the build
    goes on, closed when it has ended, whichever way."""

    def __call__(self, phase: str, done: int, total: int) -> None: ...

    def close(self) -> None: ...


def _log_each(diagnostics: Sequence[Diagnostic]) -> None:
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
        report: Callable[[Sequence[Diagnostic]], None] = _log_each,
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
        from sitegen.build import Session

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
        """Say in the terminal, and to the open pages, why the build failed."""
        log.error("%s\n  still serving the last good site; fix it and save again", message)
        self._failure(message)
        return False

    def rebuild(self, changed: Collection[str] | None = None) -> bool:
        """Build; True when the browsers should reload: the build succeeded and changed the site
        (an editor saving an unchanged file rebuilds nothing and reloads nothing)."""
        return self.run(changed) and self.changed

    def confirm(self, snapshot: Snapshot) -> bool:
        """Whether the last build saw the source files as snapshot has them (see watch)."""
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
        """In a quiet moment: the work the session left after its builds (see watch)."""
        return self.session.idle(interrupted)


# -- mounting ----------------------------------------------------------------------------------


def normalise_base_path(path: str) -> str:
    """'/repo/', 'repo' or '/repo' -> '/repo/'; refuse what could not be a URL path of a site."""
    problem = path_problem(path)
    if any(c in path for c in "\\\x00?#") or problem:
        reason = f": it {problem}" if problem else ""
        raise ConfigError(f"--base-path must be a plain URL path like /repo/, not {path!r}{reason}")
    parts = [p for p in path.split("/") if p]
    return "/" + "".join(p + "/" for p in parts)


def mount(config: Config, host: str, port: int, base_path: str | None) -> Config:
    """The config to build with when serving at base_path (default: the configured base URL's path)."""
    path = normalise_base_path(base_path) if base_path is not None else config.base_path
    if config.base_url:  # keep the configured host for canonical links; only the path moves
        parts = urlsplit(config.base_url)
        url = urlunsplit((parts.scheme, parts.netloc, url_path(path), "", ""))
    elif path != "/":
        name = f"[{host}]" if ":" in host else host
        url = f"http://{name}:{port}{url_path(path)}"
    else:
        url = ""
    return replace(config, base_url=url, strict=False)


# -- serving -----------------------------------------------------------------------------------


LISTEN_BACKLOG = 128  # connections waiting to be accepted (the default 5 drops them under a burst of requests)


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (0: any free port), bound before the first build: the
    port goes into the base URL, and a busy port fails at once."""
    # As http.server binds (socket.create_server would make '::' refuse IPv4 clients).
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(LISTEN_BACKLOG)
    except BaseException:
        listening.close()
        raise
    return listening


class Served:
    """What the handlers serve, as the builder last said: the output folder, its base path, and
    whether a build is running (a page missing then may be in the middle of a swap)."""

    def __init__(self, output: Path, base_path: str) -> None:
        self.output = output
        self.base_path = base_path
        self._building = False
        self._idle = threading.Condition()

    @property
    def building(self) -> bool:
        with self._idle:
            return self._building

    def set_building(self, building: bool) -> None:
        with self._idle:
            self._building = building
            self._idle.notify_all()

    def wait_idle(self, timeout: float) -> None:
        with self._idle:
            self._idle.wait_for(lambda: not self._building, timeout)


class PreviewServer(ThreadingHTTPServer):
    """One thread per request, on a socket that listen() bound; holds what handlers need
    instead of module-level state."""

    daemon_threads = True

    def __init__(self, listening: socket.socket, reloader: EventReloader, served: Served, live: bytes) -> None:
        self.address_family = listening.family
        super().__init__(listening.getsockname()[:2], PreviewHandler, bind_and_activate=False)
        self.socket.close()
        self.socket = listening
        self.server_address = listening.getsockname()
        self.reloader = reloader
        self.served = served
        self.live = live

    def handle_error(self, request: object, client_address: object) -> None:
        log.debug("error while serving %s", client_address, exc_info=True)


class NotFound(Exception):
    """The request names nothing that may be served."""


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "sitegen-serve"
    raw_requestline: bytes

    def parse_request(self) -> bool:
        # A client that sends a path in raw UTF-8 (/articles/عنوان/) rather than percent-encoded:
        # http.server splits the request line, read as Latin-1, at any Unicode space, which bytes
        # of ن or م (0x85) then are (400 Bad request). Encode those bytes as a browser would.
        self.raw_requestline = re.sub(rb"[\x80-\xff]", lambda m: b"%%%02X" % m[0][0], self.raw_requestline)
        return super().parse_request()

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # every response, so a reload never shows a stale page
        super().end_headers()

    def _respond(self, *, head: bool) -> None:
        served = self.server.served
        base = unquote(served.base_path)
        raw = urlsplit(self.path)
        try:
            path = unquote(raw.path, errors="strict")
        except UnicodeDecodeError:
            return self._not_found(head)
        if path + "/" == base:
            return self._redirect(raw.path + "/", raw.query)
        if not path.startswith(base):
            return self._not_found(head)
        rel = path[len(base) :]
        if rel == EVENTS:
            return self._events(head)
        if rel == SCRIPT:
            return self._script(head)
        generation = self.server.reloader.generation  # before reading the page: see EventReloader
        try:
            target = resolve(served.output, rel)
        except NotFound:
            if not served.building:
                return self._not_found(head)
            served.wait_idle(10.0)  # the output folder is being swapped: ask again once
            try:
                target = resolve(served.output, rel)
            except NotFound:
                return self._not_found(head)
        if target.is_dir():
            if not rel.endswith("/") and rel:
                return self._redirect(raw.path + "/", raw.query)
            try:
                target = resolve(served.output, rel + "index.html")
            except NotFound:
                return self._not_found(head)
        self._send_file(target, HTTPStatus.OK, head, generation)

    def _not_found(self, head: bool) -> None:
        output = self.server.served.output
        try:
            page = resolve(output, "404.html")
        except NotFound:
            # No site yet (the first build failed): a page that shows why, through the overlay,
            # and reloads by itself once a build succeeds, instead of a dead "not found".
            script = reload_script(self.server.served.base_path, self.server.reloader.generation)
            body = NOTHING_BUILT.replace(b"</body>", script + b"</body>")
            self._headers(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", len(body))
            if not head:
                self.wfile.write(body)
            return
        self._send_file(page, HTTPStatus.NOT_FOUND, head, self.server.reloader.generation)

    def _redirect(self, location: str, query: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location + ("?" + query if query else ""))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_file(self, target: Path, status: HTTPStatus, head: bool, generation: str) -> None:
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/xml", "application/javascript", "application/json"):
            kind += "; charset=utf-8"
        try:
            with open(target, "rb") as f:
                if kind.startswith("text/html"):
                    body = inject(f.read(), reload_script(self.server.served.base_path, generation))
                    self._headers(status, kind, len(body))
                    if not head:
                        self.wfile.write(body)
                    return
                self._headers(status, kind, os.fstat(f.fileno()).st_size)
                if not head:
                    shutil.copyfileobj(f, self.wfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away; nothing to tell it

    def _headers(self, status: HTTPStatus, kind: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def _script(self, head: bool) -> None:
        self._headers(HTTPStatus.OK, "text/javascript; charset=utf-8", len(self.server.live))
        if not head:
            self.wfile.write(self.server.live)

    def _events(self, head: bool) -> None:
        """The Server-Sent Events stream: the current generation now, then after each finished
        build; and the failure (JSON) now if the last build failed, then whenever it changes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        if head:
            return
        reloader = self.server.reloader
        generation, failure = reloader.state
        try:
            self.wfile.write(f"retry: 1000\nevent: build\ndata: {generation}\n\n".encode())
            if failure is not None:
                self.wfile.write(failure_event(failure.message))
            self.wfile.flush()
            while reloader.wait(generation, HEARTBEAT, failure) is not None:
                current, now = reloader.state
                if (current, now) == (generation, failure):
                    self.wfile.write(b": keep-alive\n\n")
                if now != failure:  # first, so that a page about to reload drops the overlay
                    self.wfile.write(failure_event(now.message if now is not None else None))
                if current != generation:
                    self.wfile.write(f"event: build\ndata: {current}\n\n".encode())
                generation, failure = current, now
                self.wfile.flush()
        except OSError:
            pass  # the browser closed the page


def failure_event(message: str | None) -> bytes:
    """The event that shows message over the open pages, or (None) takes it away; JSON keeps
    it on one data line, and the page puts it in as text, never as markup."""
    data = json.dumps(None if message is None else {"message": message})
    return f"event: failure\ndata: {data}\n\n".encode()


def resolve(output: Path, rel: str) -> Path:
    """The file or folder rel names inside output; NotFound for anything that could leave it.

    rel is already percent-decoded, so '%2e%2e' and '%2f' arrive here as '..' and '/'.
    Symbolic links are never followed, even ones that point inside the output.
    """
    parts = rel.split("/")
    if parts and parts[-1] == "":
        parts.pop()  # 'dir/' names the folder
    if any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts):
        raise NotFound(rel)
    try:
        root = Path(os.path.realpath(output))
        current = root
        for part in parts:
            current = current / part
            if stat.S_ISLNK(os.lstat(current).st_mode):
                raise NotFound(rel)
        if not (current.is_file() or current.is_dir()) or not current.is_relative_to(root):
            raise NotFound(rel)
    except (OSError, ValueError):
        raise NotFound(rel) from None
    return current


def serve(
    config: Config,
    host: str = "127.0.0.1",
    port: int = 8000,
    base_path: str | None = None,
    *,
    load_config: Callable[[], Config] | None = None,
    ready: threading.Event | None = None,
    stop: threading.Event | None = None,
    report: Callable[[Sequence[Diagnostic]], None] = _log_each,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> None:
    """Build, serve config.output at base_path, and rebuild and reload on changes until stop is set.

    load_config re-reads the configuration before each rebuild (so edits to sitegen.toml apply);
    ready is set once the first build has finished and the server is accepting connections;
    stop is set by another thread of the caller; report, progress and jobs go to the Builder.
    The HTTP server and the file-system events run in another process (sitegen/preview.py), so
    that this one has no other thread when its builds fork their workers.
    Ctrl-C raises KeyboardInterrupt after everything has been shut down.
    """
    from sitegen.preview import ServerProcess

    if not 0 <= port <= 65535:
        raise ConfigError(f"--port must be between 0 and 65535, not {port}")
    if base_path is not None:
        base_path = normalise_base_path(base_path)
    # Not fixable by editing while serving: fail at once, saying where the output was set.
    check_output(config.output, config.source, config.root, change=config.change("output"))
    try:
        listening = listen(host, port)
    except OSError as exc:
        hint = "; choose another --port" if exc.errno == errno.EADDRINUSE else ""
        raise SitegenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}") from None
    bound = listening.getsockname()[1]

    def mounted(c: Config) -> Config:
        return mount(c, host, bound, base_path)

    # Started now, so that it gets ready while the first build runs; it serves once told to.
    server = ServerProcess(listening, stop)
    stop = stop or threading.Event()
    builder: Builder | None = None
    try:
        builder = Builder(
            config,
            mount=mounted,
            load_config=load_config,
            report=report,
            progress=progress,
            jobs=jobs,
            failure=server.failed,
        )
        if not builder.run() and not (builder.config.output / "index.html").is_file():
            log.warning("nothing to serve yet; sitegen keeps watching for a fix")
        events = server.start(watched_paths(builder.config), builder.config.output, builder.config.base_path)
        timing: dict[str, Any] = {"interval": INTERVAL, "quiet": QUIET, "idle": builder.idle}
        if events:
            timing = {
                "interval": EVENT_INTERVAL,
                "quiet": EVENT_QUIET,
                "wake": server,
                "changes": server.changes,
                "confirm": builder.confirm,
                "idle": builder.idle,
                "light": lambda: scan(light_paths(builder.config)),
            }
        name = f"[{host}]" if ":" in host else host
        url = f"http://{name}:{bound}{url_path(builder.config.base_path)}"
        log.info("serving %s at %s (Ctrl-C to stop)", builder.config.output, url)
        if host not in ("127.0.0.1", "localhost", "::1"):
            log.warning("listening on %s: anyone who can reach this machine can read the site", host)
        if ready is not None:
            ready.set()
        # The builds run here, in the caller's thread (the main thread from the command line), as
        # in `sitegen build`: a Ctrl-C or SIGTERM interrupts a rebuild itself, which removes its
        # stage and worker processes and is held back while files are moved into the output. A
        # build in another thread would be cut off at exit instead, halfway through.
        watch(lambda: scan(polled_paths(builder.config)), server.rebuilding(builder), server, stop, **timing)
    finally:
        stop.set()
        server.close()  # ends the open event streams: stopping never waits on browsers
        if builder is not None:
            builder.session.close()  # caches still being written, and the manifest
        log.info("stopped serving")
