"""Computed styles and layout of built pages, from headless Chromium.

What a stylesheet does (an inherited colour, where a line wraps) is only known once a browser has
laid the page out. ``evaluate`` opens a built page with its stylesheet at a given window width,
runs a script in it and returns what the script returns (as JSON), read back from the DOM that
Chromium prints (``--dump-dom``): no driver or extra package needed.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
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
    pixels wide, with a profile in tmp_path."""
    command = [
        chromium(),
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={width},1800",
        f"--virtual-time-budget={budget}",
        "--dump-dom",
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)
