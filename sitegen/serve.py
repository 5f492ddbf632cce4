"""sitegen serve: preview with live reload; never serves a half-built site.

``serve`` puts together the parts, each a module with one job and testable alone:

* sitegen/watch.py: a polling watcher over file mtimes and sizes and file-system events, with a
  quiet-period debounce; it calls ``rebuild()`` once per burst of saves and tells the browsers
  only after ``rebuild()`` has returned successfully.
* sitegen/builder.py: ``Builder`` runs ``build()`` (re-reading the configuration first) and turns
  a broken edit into one clear log line; the atomic write keeps the last good site in place.
* sitegen/server.py: the HTTP server, its path safety, the injected reload script and the
  Server-Sent Events stream that tells the pages to reload or why the last build failed.
* sitegen/preview.py: the process the HTTP server and the file-system events run in, so that
  the process that builds (this one) has no other thread.

This module binds the socket, mounts the site at its base path, runs the first build, starts
the server's process, and then watches and rebuilds in the caller's thread.
"""

from __future__ import annotations

import errno
import logging
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sitegen.builder import Builder, Progress, log_each
from sitegen.config import Config, path_problem
from sitegen.errors import ConfigError, SitegenError
from sitegen.model import Diagnostic
from sitegen.preview import ServerProcess
from sitegen.server import url_path
from sitegen.watch import (
    EVENT_INTERVAL,
    EVENT_QUIET,
    INTERVAL,
    QUIET,
    light_paths,
    polled_paths,
    scan,
    watch,
    watched_paths,
)
from sitegen.write import MARKER as SITE_MARKER
from sitegen.write import check_output

log = logging.getLogger(__name__)


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


def serve(
    config: Config,
    host: str = "127.0.0.1",
    port: int = 8000,
    base_path: str | None = None,
    *,
    load_config: Callable[[], Config] | None = None,
    ready: threading.Event | None = None,
    stop: threading.Event | None = None,
    report: Callable[[Sequence[Diagnostic]], None] = log_each,
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
        # The site's own files as the first build reads them: one saved while it runs, before
        # file-system events are observed, is then built at once (watch's before).
        marker = builder.config.output / SITE_MARKER
        before = scan(path for path in light_paths(builder.config) if path != marker)
        builder.run()  # a failure is logged, and served as the overlay over what there is
        events = server.start(
            watched_paths(builder.config), builder.config.output, builder.config.base_path, builder.config.languages
        )
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
                "before": {**before, **scan([marker])},  # a full build replaces the marker itself
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
