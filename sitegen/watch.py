"""Watching for the edits that sitegen serve rebuilds on: what is watched, a snapshot of it,
file-system events, and the loop that debounces them into one rebuild per burst of saves.

``watch`` calls ``rebuild()`` once per burst and tells the ``Reloader`` only after ``rebuild()``
has returned successfully, so a browser can never reload onto a site that is still being
written. It is driven by file-system events (``watch_files``, through watchdog: in
sitegen serve they come from the server's process, sitegen/preview.py) with a polling scan of
mtimes and sizes as a safety net, or by the scan alone where events are unavailable. The build
and the browsers are the caller's (sitegen/builder.py, sitegen/server.py); see docs/serve.md.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from sitegen.cache import stamp
from sitegen.config import Config
from sitegen.write import MARKER as SITE_MARKER

log = logging.getLogger(__name__)

QUIET = 0.2  # seconds without changes before a rebuild starts (one rebuild per burst of saves)
INTERVAL = 0.1  # seconds between scans of the watched files
EVENT_QUIET = 0.05  # the same, when file-system events say exactly when files change
EVENT_INTERVAL = 2.0  # with events, a scan every so often only as a safety net
SCAN_SHARE = 0.05  # ...and no more often than keeps it under this share of a core (100,000 files: 0.65 s)
IDLE_AFTER = 2.0  # seconds without events after a build before its checks and writes (a quiet moment)
STOP_GRACE = 2.0  # seconds that stopping waits, in all, for the watcher and its threads

Snapshot = dict[str, tuple[int, int]]


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
    before: Snapshot | None = None,
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

    Events are observed only from the end of the first build (minutes at 100,000 articles): the
    first snapshot is compared with confirm, and light's part with ``before`` (light's part as
    the first build found it), so that a file saved while that build ran is built at once.
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

    if deferred and confirm is not None and ((before is not None and before != seen) or not confirm(last)):
        missed()  # saved during the first build, before events were observed

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
