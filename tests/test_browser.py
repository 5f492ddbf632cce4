"""Tests of the browser helper itself (tests/browser.py): the one browser a test process keeps
shows a page as a Chromium started for that page alone does."""

from __future__ import annotations

from pathlib import Path

import browser

PAGE = """<!DOCTYPE html>
<html><head><title>t</title><style>p { width: 50vw } @media (max-width: 600px) { p { width: 10px } }</style></head>
<body><p id="p">x</p><script>
const note = (what) => document.body.setAttribute("data-" + what, JSON.stringify(
  [innerWidth, innerHeight, document.getElementById("p").getBoundingClientRect().width]));
note("loaded");
setTimeout(() => note("soon"), 300);
setTimeout(() => note("late"), 4000);
setTimeout(() => note("after-the-budget"), 6000);
</script></body></html>
"""


def test_the_kept_browser_shows_what_a_browser_started_for_the_page_shows(tmp_path: Path) -> None:
    """Window width (a phone's 390 is the headless minimum of 500), viewport height, timers run
    within the virtual-time budget and not after it, and the DOM printed as --dump-dom prints it."""
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    kept = browser._browser()
    assert kept is not None, "the test browser did not start"
    for width in (390, 900):
        folder = tmp_path / str(width)
        folder.mkdir()
        once = browser._dump_dom_once(page.as_uri(), folder, width, budget=5000)
        assert 'data-late="' in once.stdout and "data-after-the-budget=" not in once.stdout
        assert kept.dump_dom(page.as_uri(), width, 5000) == once.stdout
