"""The threads of sitegen serve (HTTP server, file-system events) in a process of their own, so
that the process that builds has one thread and its builds may fork.

A build forks: its parse and render workers, a check of the output, the writer of the article
cache, the deletion of a replaced output. A forked copy of a process with other threads may
deadlock on a lock that one of them held at the fork (logging's, a stream's, the server's), and
Python 3.12 warns of it; sitegen serve has such threads: the HTTP server, one per request and
per event stream, watchdog's observer. So they run in a child started with subprocess (fork and
exec at once: nothing of this process is left in it), which takes over the listening socket;
this process only watches and builds, as `sitegen build` would, with the same workers. A thread
in this process, or a forkserver pool, would not do: a render worker inherits the build's state
(the Site, the Jinja environment), which cannot be pickled.

The two talk over a socket pair in small pickled tuples:

* to the child: ("start", watched paths, output, base path, languages), after the first build:
  observe and serve; ("building", bool) around each rebuild (a page missing then may be in the
  middle of a swap: the handler asks again once the build has ended); ("mounted", base path) when
  the configuration moved the site; ("languages", languages) when it changed the interface
  languages (the first speaks on the page shown while no site is built); ("notify",) after a
  build that changed the site: the browsers reload; ("failed", message or None); ("stop",).
* to this process: ("serving", whether file-system events work); ("changed", paths) for each
  event, which wakes the watch loop (``ServerProcess`` stands in for its wake event).

The child ends when told to stop or when this process is gone (end of file on the pair; it is
in a process group of its own, so a Ctrl-C in the terminal reaches only this process, which
stops it). Where there is no os.fork (Windows) nothing forks: the child's part runs in a thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sitegen.builder import Builder
from sitegen.errors import SitegenError
from sitegen.parallel import signals_left_to_this_thread
from sitegen.server import EventReloader, PreviewServer, Served, live_script
from sitegen.watch import STOP_GRACE, Changes, watch_files

log = logging.getLogger(__name__)

STOP_POLL = 0.1  # seconds between looks at a stop event set by another thread of the caller
START_TIMEOUT = 120.0  # seconds for the child to start serving (it starts during the first build)
PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)  # where the child imports sitegen from


class ServerProcess:
    """This process's end of the server: the Reloader of the watch loop, and its wake event
    (wait, set, clear, is_set), set by the file-system events the child sends; ``changes``
    holds the paths they named.

    ``stop``: an event that another thread of the caller sets (serve() called in-process); the
    waits then look at it every STOP_POLL seconds. From the command line nothing sets it: a
    Ctrl-C interrupts the wait itself.
    """

    def __init__(self, listening: socket.socket, stop: threading.Event | None = None) -> None:
        self.changes = Changes()
        self._stop = stop
        self._woken = False
        self._base_path: str | None = None
        self._languages: tuple[str, ...] = ()
        ours, theirs = socket.socketpair()
        self._conn = Connection(ours.detach())
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        if hasattr(os, "fork"):
            try:
                self._process = _spawn(listening, theirs)
            except OSError as exc:
                self._conn.close()
                raise SitegenError(f"cannot start the preview server: {exc.strerror or exc}") from None
            finally:
                theirs.close()
                listening.close()  # the child's now: a connection is never left waiting in this copy
            # Not in what a build forks: the deletion of a replaced output outlives the build, and
            # with this end open the child did not see this process end (SIGKILL) until it had.
            os.register_at_fork(after_in_child=self._conn.close)
        else:  # Windows: nothing forks, the threads may stay in this process
            self._thread = threading.Thread(
                target=run, args=(listening, Connection(theirs.detach())), name="sitegen-server", daemon=True
            )
            with signals_left_to_this_thread():
                self._thread.start()

    def start(self, paths: Sequence[Path], output: Path, base_path: str, languages: Sequence[str]) -> bool:
        """Start observing paths and serving output at base_path, for a site in languages (its
        interface languages); whether file-system events work (False also when stop was set
        meanwhile: the watch loop then ends at once)."""
        self._base_path = base_path
        self._languages = tuple(languages)
        self._send(("start", [str(path) for path in paths], str(output), base_path, self._languages))
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            while not self._conn.poll(STOP_POLL):
                if self._stop is not None and self._stop.is_set():
                    return False
                if time.monotonic() > deadline:
                    raise SitegenError("the preview server did not start; run sitegen serve -v to see why")
            # The observer starts before the answer is sent: a save at that moment comes first.
            message = self._receive()
            if message[0] == "serving":
                return bool(message[1])
            self._took(message)

    def rebuilding(self, builder: Builder) -> Callable[..., bool]:
        """builder.rebuild, with the handlers told that a build runs and where the site is served."""

        def rebuild(*changed: Collection[str]) -> bool:
            self._send(("building", True))
            try:
                return builder.rebuild(*changed)
            finally:
                if builder.config.base_path != self._base_path:
                    self._base_path = builder.config.base_path
                    self._send(("mounted", self._base_path))
                if builder.config.languages != self._languages:
                    self._languages = builder.config.languages
                    self._send(("languages", self._languages))
                self._send(("building", False))

        return rebuild

    def notify(self) -> None:
        self._send(("notify",))

    def failed(self, message: str | None) -> None:
        self._send(("failed", message))

    # -- the wake event of the watch loop --

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not self._woken:
            left = deadline - time.monotonic()
            if left <= 0 or (self._stop is not None and self._stop.is_set()):
                break
            self._take(left if self._stop is None else min(left, STOP_POLL))
        return self._woken

    def is_set(self) -> bool:
        self._take(0)
        return self._woken

    def set(self) -> None:
        self._woken = True

    def clear(self) -> None:
        self._woken = False

    def close(self) -> None:
        """Stop the child and wait for it (STOP_GRACE), then end it if it has not gone."""
        with contextlib.suppress(OSError):
            self._conn.send(("stop",))
        self._conn.close()
        if self._process is not None:
            try:
                self._process.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._thread is not None:
            self._thread.join(STOP_GRACE)

    def _take(self, timeout: float) -> None:
        """Take the events the child sends within timeout seconds (0: those already here)."""
        if not self._conn.poll(timeout):
            return
        while True:
            self._took(self._receive())
            if not self._conn.poll(0):
                return

    def _took(self, message: Any) -> None:
        """Note the paths that a file-system event the child sent named, and wake the watch loop."""
        if message[0] == "changed":
            for path in message[1]:
                self.changes.add(path)
            self._woken = True

    def _receive(self) -> Any:
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            raise SitegenError("the preview server stopped unexpectedly; start sitegen serve again") from None

    def _send(self, message: tuple[Any, ...]) -> None:
        try:
            self._conn.send(message)
        except OSError:
            raise SitegenError("the preview server stopped unexpectedly; start sitegen serve again") from None


def _spawn(listening: socket.socket, theirs: socket.socket) -> subprocess.Popen[bytes]:
    """The child, started with this interpreter and its options (-X dev, -W ...), importing
    this very sitegen; it inherits the listening socket and its end of the pair, and nothing else.
    -P: python -c puts the current folder first on sys.path, so a selectors.py or socket.py in
    the folder serve was started in was imported instead of the standard library's (and ran)."""
    code = f"import sys; sys.path.insert(0, {PACKAGE_PARENT!r}); from sitegen.preview import main; main(sys.argv[1:])"
    flags = subprocess._args_from_interpreter_flags()  # type: ignore[attr-defined]  # as multiprocessing's spawn
    fds = (listening.fileno(), theirs.fileno())
    level = str(log.getEffectiveLevel())
    return subprocess.Popen(
        [sys.executable, *flags, "-P", "-c", code, *map(str, fds), level],
        pass_fds=fds,
        stdin=subprocess.DEVNULL,
        process_group=0,
    )


def main(argv: Sequence[str]) -> None:
    """The child: serve until told to stop (see run)."""
    listening, conn, level = map(int, argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopped by the parent, which Ctrl-C reaches
    package = logging.getLogger("sitegen")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    package.handlers[:], package.propagate = [handler], False
    package.setLevel(level)
    run(socket.socket(fileno=listening), Connection(conn))


def run(listening: socket.socket, conn: Connection) -> None:
    """Serve on listening as conn says (see the module's docstring) until told to stop or conn ends."""
    live = live_script()  # (imports the theme: done while the parent builds)
    reloader = EventReloader()
    served: Served | None = None
    sending = threading.Lock()  # the observer's thread sends events, this one "serving"

    def send(message: tuple[Any, ...]) -> None:
        with sending, contextlib.suppress(OSError):
            conn.send(message)

    with contextlib.ExitStack() as stack:
        stack.callback(conn.close)
        stack.callback(listening.close)
        stack.callback(reloader.close)
        while (message := _receive(conn)) is not None and message[0] != "stop":
            kind = message[0]
            if kind == "start" and served is None:
                _, paths, output, base_path, languages = message
                served = Served(Path(output), base_path, languages)
                events = stack.enter_context(_serving(listening, reloader, served, live, paths, send))
                send(("serving", events))
            elif kind == "building" and served is not None:
                served.set_building(message[1])
            elif kind == "mounted" and served is not None:
                served.base_path = message[1]
            elif kind == "languages" and served is not None:
                served.languages = message[1]
            elif kind == "notify":
                reloader.notify()
            elif kind == "failed":  # (also the first build's, before "start")
                reloader.failed(message[1])


@contextlib.contextmanager
def _serving(
    listening: socket.socket,
    reloader: EventReloader,
    served: Served,
    live: bytes,
    paths: Sequence[str],
    send: Callable[[tuple[Any, ...]], None],
) -> Iterator[bool]:
    """The HTTP server's thread and the observer of paths, for the with block; whether events work."""
    server = PreviewServer(listening, reloader, served, live)
    unobserve = watch_files([Path(path) for path in paths], lambda named: send(("changed", named)))
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), name="sitegen-http", daemon=True)
    with signals_left_to_this_thread():
        thread.start()
    try:
        yield unobserve is not None
    finally:
        reloader.close()  # ends the open event streams: stopping never waits on browsers
        if unobserve is not None:
            unobserve()
        server.shutdown()
        thread.join(STOP_GRACE)


def _receive(conn: Connection) -> Any:
    """The next message, or None once the other end has gone."""
    try:
        return conn.recv()
    except (EOFError, OSError):
        return None
