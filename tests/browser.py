"""Computed styles and layout of built pages, from headless Chromium.

What a stylesheet does (an inherited colour, where a line wraps) is only known once a browser has
laid the page out. ``evaluate`` opens a built page with its stylesheet at a given window width,
runs a script in it and returns what the script returns (as JSON), read back from the DOM that
Chromium prints (``--dump-dom``): no driver or extra package needed. Each test process keeps one
Chromium and drives it over the DevTools protocol on a pipe (a page then takes about a second, not
a browser start); ``SITEGEN_TEST_BROWSER=once`` starts one per page instead, as before.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import html
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import sitecheck

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def chromium() -> str:
    """The browser command, installed with apt-get (as root, Debian's chromium) when there is
    none, as the other test tools are; the test fails under CI (skips elsewhere) without one."""
    for attempt in range(2):
        for name in BROWSERS:
            found = shutil.which(name)
            if found:
                return found
        if attempt == 0 and not sitecheck.apt_install("chromium"):
            break
    message = "no headless Chromium found, and apt-get install chromium was not possible"
    if sitecheck.in_ci():
        pytest.fail(message)
    pytest.skip(message)


def evaluate(page: Path, site: Path, script: str, tmp_path: Path, width: int = 390) -> Any:
    """Run ``script`` (a function body that returns JSON-able data) in the built ``page`` of
    ``site``, laid out ``width`` CSS pixels wide, and return its result.

    The page is shown in a frame of that width: a headless window is never narrower than 500
    pixels, and a phone's 390 is what the narrow-screen rules are for."""
    text = page.read_text("utf-8")
    css = (site / "static" / "style.css").as_uri()
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    text = re.sub(r'<link rel="stylesheet" href="[^"]*">', f'<link rel="stylesheet" href="{css}">', text)
    runner = f"parent.postMessage(JSON.stringify((() => {{ {script} }})()), '*');"
    text = text.replace("</body>", f"<script>{runner}</script>\n</body>")
    (tmp_path / "page.html").write_text(text, "utf-8")
    frame = (
        '<!DOCTYPE html><html><body style="margin:0">'
        "<script>addEventListener('message', e => document.body.setAttribute('data-result', e.data));</script>"
        f'<iframe src="page.html" style="width:{width}px;height:1800px;border:0"></iframe></body></html>'
    )
    (tmp_path / "frame.html").write_text(frame, "utf-8")
    done = dump_dom((tmp_path / "frame.html").as_uri(), tmp_path, max(width, 500) + 20, budget=5000)
    found = re.search(r'data-result="([^"]*)"', done.stdout)
    assert found, f"the script gave no result: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def dump_dom(url: str, tmp_path: Path, width: int, *, budget: int) -> subprocess.CompletedProcess[str]:
    """Headless Chromium's DOM of url after ``budget`` ms of virtual time, in a window ``width``
    pixels wide: from this process's browser (_Browser), in a fresh browser context, else from
    one `chromium --dump-dom` with a profile in tmp_path."""
    browser = _browser()
    if browser is not None:
        try:
            return subprocess.CompletedProcess(["chromium", url], 0, browser.dump_dom(url, width, budget), "")
        except (OSError, EOFError, TimeoutError, RuntimeError) as exc:
            sitecheck._log(f"the test browser failed ({exc}); this page and the next with `chromium --dump-dom`")
            browser.close()
            _no_browser.append(exc)
    return _dump_dom_once(url, tmp_path, width, budget=budget)


def _dump_dom_once(url: str, tmp_path: Path, width: int, *, budget: int) -> subprocess.CompletedProcess[str]:
    """What dump_dom gives, from a Chromium started for this page alone (some 2 to 5 s on a busy
    two-core machine, most of it the start)."""
    command = [
        chromium(),
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={width},{HEIGHT}",
        f"--virtual-time-budget={budget}",
        "--dump-dom",
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


HEIGHT = 1800  # of the window (--window-size)
MIN_WIDTH = 500  # a headless window is never narrower
# What --dump-dom prints: the document type, then the document.
DOM = (
    "(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '')"
    " + document.documentElement.outerHTML"
)
VIEWPORT = "[innerWidth, innerHeight]"


class _Browser:
    """One headless Chromium per test process, driven over the DevTools protocol on a pipe (fds 3
    and 4, messages ending in NUL): each page gets a fresh browser context (its own storage and
    cache, as a fresh profile) and window, is loaded, then runs for the budget in virtual time, as
    `--virtual-time-budget` does, and its DOM is read back as `--dump-dom` prints it. A page then
    takes about a second, not a browser start. The window is as tall as the command line's
    viewport makes it (the two windows' frames differ): _calibrate compares them once."""

    def __init__(self, command: str):
        self.profile = tempfile.mkdtemp(prefix="sitegen-chromium-")
        to_browser, self.commands = os.pipe()
        self.answers, from_browser = os.pipe()

        def child() -> None:
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)
            sitecheck._die_with_parent()

        self.proc = subprocess.Popen(
            [
                command,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=child,
        )
        os.close(to_browser)
        os.close(from_browser)
        atexit.register(self.close)
        self.buffer = b""
        self.last_id = 0
        self.events: list[dict[str, Any]] = []
        self.height = HEIGHT

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.answers], [], [], left)[0]:
                raise TimeoutError("Chromium gave no answer in time")
            chunk = os.read(self.answers, 1 << 20)
            if not chunk:
                raise EOFError(f"Chromium ended (exit {self.proc.poll()})")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict[str, Any], deadline: float, session: str | None = None) -> Any:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self.last_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def wait_for(self, event: str, session: str, deadline: float) -> None:
        while True:
            for n, message in enumerate(self.events):
                if message.get("method") == event and message.get("sessionId") == session:
                    del self.events[n]
                    return
            self.events.append(self._receive(deadline))

    def evaluate(self, url: str, width: int, budget: int, expression: str, timeout: float = 120) -> Any:
        """The value of expression in url's page after its load and budget ms of virtual time."""
        deadline = time.monotonic() + timeout
        context = self.send("Target.createBrowserContext", {}, deadline)["browserContextId"]
        try:
            window = {"width": max(width, MIN_WIDTH), "height": self.height, "newWindow": True}
            target = self.send(
                "Target.createTarget", {"url": "about:blank", "browserContextId": context, **window}, deadline
            )["targetId"]
            session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, deadline)["sessionId"]
            self.send("Page.enable", {}, deadline, session)
            self.send("Page.navigate", {"url": url}, deadline, session)
            self.wait_for("Page.loadEventFired", session, deadline)
            policy = {"policy": "pauseIfNetworkFetchesPending", "budget": budget}
            self.send("Emulation.setVirtualTimePolicy", policy, deadline, session)
            self.wait_for("Emulation.virtualTimeBudgetExpired", session, deadline)
            found = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, deadline, session)
            if "exceptionDetails" in found:
                raise RuntimeError(f"{expression}: {found['exceptionDetails']}")
            return found["result"]["value"]
        finally:
            self.events = []
            self.send("Target.disposeBrowserContext", {"browserContextId": context}, time.monotonic() + 30)

    def dump_dom(self, url: str, width: int, budget: int) -> str:
        return self.evaluate(url, width, budget, DOM) + "\n"

    def calibrate(self) -> None:
        """Make this browser's windows show what the command line's show: its viewport, once."""
        folder = Path(self.profile) / "calibrate"
        folder.mkdir()
        page = folder / "viewport.html"
        page.write_text(f"<!DOCTYPE html><title>.</title><script>document.title = {VIEWPORT}</script>", "utf-8")
        once = _dump_dom_once(page.as_uri(), folder, 900, budget=1000)
        shown = re.search(r"<title>(\d+),(\d+)</title>", once.stdout)
        if not shown:
            raise RuntimeError(f"the command line's window gave no size: {once.stderr[-500:]}")
        wanted = [int(shown.group(1)), int(shown.group(2))]
        mine = self.evaluate(page.as_uri(), 900, 1000, VIEWPORT)
        self.height += wanted[1] - mine[1]
        mine = self.evaluate(page.as_uri(), 900, 1000, VIEWPORT)
        if mine != wanted:
            raise RuntimeError(f"the window shows {mine}, the command line's {wanted}")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.commands, self.answers):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


_no_browser: list[Exception] = []


@functools.cache
def _started() -> _Browser:
    browser = _Browser(chromium())
    try:
        browser.calibrate()
    except BaseException:
        browser.close()
        raise
    return browser


def _browser() -> _Browser | None:
    """This process's browser; None (each page its own `chromium --dump-dom`) with
    SITEGEN_TEST_BROWSER=once, or once the browser failed."""
    if os.environ.get("SITEGEN_TEST_BROWSER") == "once" or _no_browser:
        return None
    try:
        return _started()
    except (OSError, EOFError, TimeoutError, RuntimeError) as exc:
        sitecheck._log(f"the test browser did not start ({exc}); each page with `chromium --dump-dom`")
        _no_browser.append(exc)
        return None
