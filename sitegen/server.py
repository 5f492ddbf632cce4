"""The HTTP side of sitegen serve: serves the output folder with the live-reload script and the
reload signal. It runs in the server's process (sitegen/preview.py).

``PreviewHandler`` serves the output folder itself (http.server), because that is where the
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

import dataclasses
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
from collections.abc import Sequence
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from sitegen.write import KEPT

log = logging.getLogger(__name__)

EVENTS = ".sitegen/events"  # under the base path; a leading dot never comes from a slug or static file
SCRIPT = ".sitegen/livereload.js"  # live reload and the error overlay (sitegen/live.js), beside EVENTS
MARKER = "data-sitegen-livereload"  # on the injected script tag, so tests and users can spot it
HEARTBEAT = 15.0  # seconds between keep-alive comments on an idle event stream


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

    keys = ("dir", "serve_failed", "serve_failed_kept", "serve_failed_none", "serve_failed_none_kept", "serve_close")
    words = {}
    for lang in ("ar", "en"):
        catalog = shipped_messages(lang)  # not the site's: its catalog may be what is broken
        words[lang] = {key: catalog[key] for key in keys}
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


def nothing_built(languages: Sequence[str]) -> bytes:
    """What the preview shows where no page has been built (the site's 404.html is missing too):
    in the site's default language, the first of its interface ``languages``, as its home page
    would be, in sitegen's own words (not the site's catalog: it may be what broke the build).
    Its data-sitegen-nothing tells live.js that no earlier site is kept under a failed build's
    overlay; the overlay speaks the page's language too."""
    from sitegen.theme import shipped_messages  # the theme module brings Jinja2: only when serving

    lang = languages[0]
    words = shipped_messages(lang)
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}" dir="{escape(words["dir"])}" data-sitegen-nothing>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitegen: {escape(words["serve_nothing_title"])}</title></head>
<body>
<p>{escape(words["serve_nothing"])}</p>
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


class Served:
    """What the handlers serve, as the builder last said: the output folder, its base path, the
    site's interface languages, and whether a build is running (a page missing then may be in
    the middle of a swap)."""

    def __init__(self, output: Path, base_path: str, languages: Sequence[str]) -> None:
        self.output = output
        self.base_path = base_path
        self.languages = tuple(languages)  # the site's interface languages: the nothing_built page's
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
        elif rel.endswith("/"):  # a file asked for as a folder: not found, as on GitHub Pages
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
            body = nothing_built(self.server.served.languages).replace(b"</body>", script + b"</body>")
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


_SHORT_NAME = re.compile(r"(?:git|hg|svn)~[0-9]+", re.IGNORECASE)  # NTFS's 8.3 name of .git, .hg, .svn


def _repository_name(part: str) -> bool:
    """Whether a path's part may name the output's repository (resolve)."""
    name = part.partition(":")[0].rstrip(". ")
    return name.lower() in KEPT or _SHORT_NAME.fullmatch(name) is not None


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
    # The repository of a deploy checkout, which every build keeps in the output (write.KEPT): its
    # config may hold a token, and GitHub Pages never serves it. As spelled on a file system that
    # ignores case (.GIT) or trailing dots and spaces (Windows: .git.), and by NTFS's other names
    # for it: a stream of the folder (.git::$INDEX_ALLOCATION) and its short name (GIT~1).
    if any(_repository_name(p) for p in parts):
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
