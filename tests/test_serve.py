"""sitegen serve: rebuild-then-reload ordering, debouncing, path safety, base path, load.

The end-to-end tests run ``python -m sitegen serve --port 0`` in a subprocess on a copy of
seeds/ and read the chosen URL from its log; every wait is bounded and every process is
stopped (Ctrl-C, then kill) in a finally block.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import pytest
from terminal import signals_as_in_a_terminal

from sitegen import config as configuration
from sitegen.builder import Builder
from sitegen.config import Config
from sitegen.errors import ConfigError, TemplateError
from sitegen.manifest import manifest_file
from sitegen.model import BuildReport, Diagnostic
from sitegen.serve import mount, normalise_base_path, serve
from sitegen.server import MARKER, EventReloader, NotFound, failure_event, inject, live_script, reload_script, resolve
from sitegen.theme import theme_dir
from sitegen.watch import EVENT_QUIET, SCAN_SHARE, Changes, observe, scan, watch

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED = "001_cc7b3c5100db086b.txt"  # its first line is the title
SECRET = "TOP-SECRET-OUTSIDE-THE-OUTPUT"


# -- helpers -----------------------------------------------------------------------------------


def until(predicate, timeout: float = 10.0, step: float = 0.05):
    """Poll predicate until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"gave up after {timeout} s waiting for {predicate}")


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


def raw_get(port: int, target: bytes) -> tuple[int, bytes]:
    """A request line sent byte for byte, so no client library normalises the path first."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET " + target + b" HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    root: Path
    source: Path
    output: Path
    logfile: Path

    def log(self) -> str:
        return self.logfile.read_text("utf-8", "replace")

    def rebuilds(self) -> int:
        return len(re.findall(r"^INFO: rebuilt ", self.log(), re.M))

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 80


@contextlib.contextmanager
def running(
    tmp_path: Path,
    *extra: str,
    setup: Callable[[Path], object] | None = None,
    python: Sequence[str] = (sys.executable,),
    sitegen: Sequence[str] = ("-m", "sitegen"),
) -> Iterator[Server]:
    """sitegen serve on a copy of the seeds (and what setup adds to it), run by python with its
    options and started by sitegen (a module or a script); always stopped on the way out."""
    root = tmp_path / "site"
    source = root / "articles"
    shutil.copytree(SEEDS, source)
    (root / "templates").mkdir()
    if setup is not None:
        setup(source)
    output = tmp_path / "out"
    logfile = tmp_path / "serve.log"
    command = [*python, *sitegen, "serve", "--source", str(source), "--output", str(output)]
    with open(logfile, "wb") as log:
        process = subprocess.Popen(
            [*command, "--port", "0", *extra],
            cwd=root,
            stdout=log,
            stderr=log,
            preexec_fn=signals_as_in_a_terminal,  # the tests stop it with Ctrl-C, SIGTERM or SIGHUP
        )
    server = Server(process, "", root, source, output, logfile)
    try:
        found = until(lambda: process.poll() is not None or re.search(r"serving .* at (\S+)", server.log()), 20)
        assert process.poll() is None, f"sitegen serve exited early:\n{server.log()}"
        server.url = found.group(1)
        yield server
    finally:
        stop(process)


@contextlib.contextmanager
def serving(config: Config, base_path: str | None = None) -> Iterator[int]:
    """serve(config) in a thread of this process on a free port: the port once it is ready;
    stopped on leaving, which it must do within seconds (a browser may still hold an event stream)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ready, stopping = threading.Event(), threading.Event()
    thread = threading.Thread(
        target=serve, args=(config, "127.0.0.1", port, base_path), kwargs={"ready": ready, "stop": stopping}
    )
    thread.start()
    try:
        assert ready.wait(20)
        yield port
    finally:
        stopping.set()
        thread.join(10)
    assert not thread.is_alive(), "serve() did not stop"


def stop(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    return process.returncode


def without_script(html: str) -> str:
    return re.sub(rf"<script {MARKER}[^>]*></script>\n", "", html)


def sse_fields(event: str) -> tuple[str, str]:
    """The name and the data of one Server-Sent Event."""
    fields = dict(line.split(": ", 1) for line in event.strip().splitlines() if not line.startswith(":"))
    return fields.get("event", "message"), fields["data"]


def next_event(stream, name: str) -> str:
    """The data of the next event called name on an open event stream (bounded by its timeout)."""
    lines: list[str] = []
    while True:
        line = stream.readline().decode()
        assert line, "the event stream ended"
        if line.strip():
            lines.append(line)
            continue
        if lines and not all(x.startswith(":") for x in lines):
            found, data = sse_fields("".join(lines))
            if found == name:
                return data
        lines = []


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [v for k, v in attrs if k in ("href", "src") and v]


# -- the watch loop, in-process ------------------------------------------------------------------


class FakeReloader:
    def __init__(self) -> None:
        self.times: list[float] = []

    def notify(self) -> None:
        self.times.append(time.monotonic())


def run_watch(snapshot, rebuild, reloader, seconds: float, done=lambda: True) -> None:
    """Watch for ``seconds``, and on a loaded machine, whose threads may wait long for a core,
    until done() and half a second more (for a build too many to show): a fixed time alone
    failed such a test when its first build came late."""
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(snapshot, rebuild, reloader, stop), kwargs={"interval": 0.02})
    started = time.monotonic()
    thread.start()
    try:
        until(done, timeout=60)
        time.sleep(max(seconds - (time.monotonic() - started), 0.5))
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


def test_browsers_are_told_to_reload_only_after_the_build_has_returned() -> None:
    state = {"v": 0}
    finished: list[float] = []

    def slow_build() -> bool:
        time.sleep(0.3)
        finished.append(time.monotonic())
        return True

    reloader = FakeReloader()
    threading.Timer(0.1, lambda: state.update(v=1)).start()
    run_watch(lambda: {"f": (state["v"], 0)}, slow_build, reloader, 1.2, done=lambda: reloader.times)
    assert len(finished) == 1 and len(reloader.times) == 1
    assert reloader.times[0] >= finished[0]


def test_a_burst_of_saves_causes_one_rebuild_and_one_reload() -> None:
    state = {"v": 0}
    builds: list[float] = []
    reloader = FakeReloader()

    def burst() -> None:
        for _ in range(5):  # five saves within 100 ms
            state["v"] += 1
            time.sleep(0.02)

    def record() -> bool:
        builds.append(time.monotonic())
        return True

    threading.Timer(0.1, burst).start()
    run_watch(lambda: {"f": (state["v"], 0)}, record, reloader, 1.0, done=lambda: reloader.times)
    assert len(builds) == 1 and len(reloader.times) == 1


def test_a_failed_build_does_not_reload_the_browsers() -> None:
    state = {"v": 0}
    reloader = FakeReloader()
    tried: list[int] = []

    def failing_build() -> bool:
        tried.append(1)
        return False

    threading.Timer(0.05, lambda: state.update(v=1)).start()
    run_watch(lambda: {"f": (state["v"], 0)}, failing_build, reloader, 0.6, done=lambda: tried)
    assert reloader.times == []


def test_a_save_during_a_build_causes_one_more_build() -> None:
    state = {"v": 0}
    builds: list[int] = []

    def build() -> bool:
        builds.append(state["v"])
        if len(builds) == 1:
            state["v"] += 1  # the user saves again while the first build runs
            time.sleep(0.1)
        return True

    threading.Timer(0.05, lambda: state.update(v=1)).start()
    run_watch(lambda: {"f": (state["v"], 0)}, build, FakeReloader(), 1.2, done=lambda: len(builds) >= 2)
    assert builds == [1, 2]


def test_with_file_system_events_a_burst_causes_one_rebuild_without_waiting_for_a_poll() -> None:
    wake, stop = threading.Event(), threading.Event()
    builds: list[float] = []
    reloader = FakeReloader()
    # no poll during the test; a quiet time that a loaded machine's 10 ms sleeps stay well within
    kwargs = {"interval": 30.0, "quiet": 0.5, "wake": wake}

    def build() -> bool:
        builds.append(time.monotonic())
        return True

    thread = threading.Thread(target=watch, args=(lambda: {}, build, reloader, stop), kwargs=kwargs)
    thread.start()
    try:
        saved = time.monotonic()
        for _ in range(5):  # five events within 40 ms, as an editor's save makes them
            wake.set()
            time.sleep(0.01)
        until(lambda: reloader.times, timeout=5)
        time.sleep(0.3)
    finally:
        stop.set()
        wake.set()
        thread.join(5)
    assert not thread.is_alive()
    assert len(builds) == 1 and len(reloader.times) == 1
    assert builds[0] - saved < 5.0  # the events, not the 30 s poll, started the build


def test_after_events_a_build_is_told_the_named_paths_and_a_missed_change_makes_one_more_full_build() -> None:
    wake, stop, changes = threading.Event(), threading.Event(), Changes()
    builds: list[frozenset[str] | None] = []
    confirmed: list[int] = []
    state = {"missed": True}

    def rebuild(named: frozenset[str] | None = None) -> bool:
        builds.append(named)
        return True

    def confirm(snapshot) -> bool:  # the first build missed a change; the next one saw it
        confirmed.append(len(builds))
        missed, state["missed"] = state["missed"], False
        return not missed

    kwargs = {"interval": 30.0, "quiet": 0.05, "wake": wake, "changes": changes, "confirm": confirm}
    thread = threading.Thread(target=watch, args=(lambda: {}, rebuild, FakeReloader(), stop), kwargs=kwargs)
    thread.start()
    try:
        changes.add("/site/src/a.txt")
        changes.add("/site/src/.a.txt.swp")
        wake.set()
        until(lambda: len(builds) >= 2, timeout=5)
        time.sleep(0.3)
        changes.add("/site/src/b.txt")
        wake.set()
        until(lambda: len(builds) >= 3, timeout=5)
    finally:
        stop.set()
        wake.set()
        thread.join(5)
    assert not thread.is_alive()
    assert builds == [frozenset({"/site/src/a.txt", "/site/src/.a.txt.swp"}), None, frozenset({"/site/src/b.txt"})]
    assert confirmed == [1, 3]  # a full build needs no confirming


@contextlib.contextmanager
def watching(rebuild, **kwargs) -> Iterator[tuple[threading.Event, Changes, FakeReloader]]:
    """watch() with file-system events (wake, changes) in a thread; stopped on leaving."""
    wake, stop, changes, reloader = threading.Event(), threading.Event(), Changes(), FakeReloader()
    kwargs.setdefault("snapshot", lambda: {})
    snapshot = kwargs.pop("snapshot")
    thread = threading.Thread(
        target=watch,
        args=(snapshot, rebuild, reloader, stop),
        kwargs={"interval": 30.0, "quiet": 0.02, "wake": wake, "changes": changes, **kwargs},
    )
    thread.start()
    try:
        yield wake, changes, reloader
    finally:
        stop.set()
        wake.set()
        thread.join(5)
    assert not thread.is_alive()


def test_a_burst_of_builds_is_followed_by_no_scan_and_by_the_idle_work_once_in_a_quiet_moment() -> None:
    """What follows a build but is not needed to show it (the session's manifest and output
    check: 1.5 s at 100,000 articles) waits for a quiet moment, and the scan of every file (0.65
    s) for the safety net, instead of holding back the build of the next save in a burst."""
    events: list[str] = []

    def rebuild(named=None) -> bool:
        events.append("build")
        return True

    def idle(interrupted) -> bool:
        events.append("idle")
        return True

    def snapshot():
        events.append("scan")
        return {}

    def confirm(snap) -> bool:
        events.append("confirm")
        return True

    kwargs = {"snapshot": snapshot, "confirm": confirm, "idle": idle, "idle_after": 0.4, "light": lambda: {}}
    with watching(rebuild, **kwargs) as (wake, changes, reloader):
        # the first build's files checked (one saved while it ran?), then its quiet moment
        until(lambda: events == ["scan", "confirm", "idle"], timeout=5)
        for n in range(3):  # three saves, 0.15 s apart: each built at once
            changes.add(f"/site/src/{n}.txt")
            wake.set()
            until(lambda n=n: events.count("build") == n + 1, timeout=5)
            time.sleep(0.15)
        assert events == ["scan", "confirm", "idle", "build", "build", "build"]
        assert len(reloader.times) == 3
        until(lambda: len(events) == 7, timeout=5)
        time.sleep(0.5)
    assert events == ["scan", "confirm", "idle", "build", "build", "build", "idle"]


def test_the_safety_net_scan_finds_a_change_no_event_named_and_builds_in_full() -> None:
    builds: list[frozenset[str] | None] = []
    confirmed: list[bool] = []

    def confirm(snap) -> bool:  # the second scan finds a file the last build did not see
        confirmed.append(len(confirmed) != 1)
        return confirmed[-1]

    def rebuild(named: frozenset[str] | None = None) -> bool:
        builds.append(named)
        return True

    kwargs = {"interval": 0.2, "confirm": confirm, "idle": lambda interrupted: True, "light": lambda: {}}
    with watching(rebuild, idle_after=0.05, **kwargs):
        until(lambda: builds, timeout=5)
        time.sleep(0.3)
    assert confirmed[:2] == [True, False] and builds == [None]


def test_an_output_deleted_before_the_quiet_moment_is_built_again_in_full() -> None:
    """The output's marker is not watched by events: the part of the snapshot without the
    sources (light) is taken after each build, and compared in the quiet moment."""
    builds: list[frozenset[str] | None] = []
    marker = {"present": True}

    def rebuild(named=None) -> bool:
        builds.append(named)
        marker["present"] = True  # a full build makes the output again
        return True

    def light():
        return {"out/.sitegen-site": (1, 1)} if marker["present"] else {}

    kwargs = {"confirm": lambda snap: True, "idle": lambda interrupted: True, "idle_after": 0.3, "light": light}
    with watching(rebuild, **kwargs) as (wake, changes, _):
        changes.add("/site/src/a.txt")
        wake.set()
        until(lambda: builds, timeout=5)
        marker["present"] = False  # deleted by hand right after the build
        until(lambda: len(builds) == 2, timeout=5)
        time.sleep(0.5)
    assert builds == [frozenset({"/site/src/a.txt"}), None]


def test_an_output_deleted_while_idle_is_noticed_between_two_slow_scans() -> None:
    """A safety-net scan of 100,000 files runs every 13 s; the few files outside the sources,
    among them the output's marker, are looked at every interval."""
    builds: list[float] = []
    scans: list[float] = []
    marker = {"present": True}

    def snapshot():
        scans.append(time.monotonic())
        time.sleep(0.1)  # every 0.1 / SCAN_SHARE = 2 s at most
        return {}

    def light():
        return {"out/.sitegen-site": (1, 1)} if marker["present"] else {}

    def rebuild(named=None) -> bool:
        builds.append(time.monotonic())
        marker["present"] = True
        return True

    kwargs = {"interval": 0.05, "confirm": lambda snap: True, "idle": lambda interrupted: True, "light": light}
    with watching(rebuild, snapshot=snapshot, idle_after=0.05, **kwargs):
        time.sleep(0.5)
        deleted = time.monotonic()
        marker["present"] = False
        until(lambda: builds, timeout=5)
    assert builds[0] - deleted < 0.5 and len(scans) == 1


def test_a_save_during_the_idle_work_is_built_first_and_the_rest_waits() -> None:
    done: list[str] = []
    state = {"idle": 0}

    def rebuild(named=None) -> bool:
        done.append("build")
        return True

    def idle(interrupted) -> bool:
        state["idle"] += 1
        if state["idle"] == 2:  # the burst's quiet moment: a save comes during the first job
            done.append("job 1")
            wake.set()
            if interrupted():
                return False
        done.append("all jobs")
        return True

    kwargs = {"confirm": lambda snap: True, "idle": idle, "idle_after": 0.2, "light": lambda: {}}
    with watching(rebuild, **kwargs) as (wake, changes, _):
        until(lambda: done == ["all jobs"], timeout=5)
        changes.add("/site/src/a.txt")
        wake.set()
        until(lambda: done.count("all jobs") == 2, timeout=5)
    assert done == ["all jobs", "build", "job 1", "build", "all jobs"]


def test_with_events_the_safety_net_scan_takes_a_small_share_of_a_core() -> None:
    """A scan of 100,000 source files takes 0.65 s: every 2 s, that was a third of a core, all
    the time, and a save made during one waited for it."""
    scans: list[float] = []

    def snapshot():
        scans.append(time.monotonic())
        time.sleep(0.05)
        return {}

    kwargs = {"snapshot": snapshot, "interval": 0.05, "idle": lambda interrupted: True, "idle_after": 0.05}
    with watching(lambda named=None: True, light=lambda: {}, **kwargs):
        time.sleep(2.0)
    assert 1 <= len(scans) <= 3  # every 0.05 / SCAN_SHARE = 1 s at most, not every 0.05 s
    assert all(b - a >= 0.05 / SCAN_SHARE * 0.9 for a, b in itertools.pairwise(scans))


def test_observe_names_the_changed_paths(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("one", "utf-8")
    wake, changes = threading.Event(), Changes()
    close = observe([tmp_path], wake, changes)
    assert close is not None, "file-system events should be available on this machine"
    try:
        time.sleep(0.2)
        changes.take()
        wake.clear()
        article.write_text("two", "utf-8")
        (tmp_path / ".b.txt.tmp").write_text("three", "utf-8")
        (tmp_path / ".b.txt.tmp").replace(tmp_path / "b.txt")  # a save by rename
        assert wake.wait(5)
        named: set[str] = set()

        def renamed_seen() -> bool:
            named.update(changes.take())
            return str(tmp_path / "b.txt") in named

        until(renamed_seen, timeout=5)
        assert {str(article), str(tmp_path / "b.txt")} <= named
        time.sleep(0.2)
        assert changes.take() == frozenset()  # taken once
    finally:
        close()


def test_observe_wakes_on_a_write_but_not_on_a_read_or_an_editor_dropping(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("one", "utf-8")
    wake = threading.Event()
    close = observe([tmp_path], wake)
    assert close is not None, "file-system events should be available on this machine"
    try:
        time.sleep(0.2)
        wake.clear()
        article.read_text("utf-8")
        (tmp_path / ".a.txt.swp").write_text("x", "utf-8")
        assert not wake.wait(0.5)
        article.write_text("two", "utf-8")
        assert wake.wait(5)
        time.sleep(0.2)
        wake.clear()
        (tmp_path / ".a.txt.tmp").write_text("three", "utf-8")  # a save by rename, as many editors do
        time.sleep(0.2)
        wake.clear()
        (tmp_path / ".a.txt.tmp").replace(article)
        assert wake.wait(5)
    finally:
        close()


def test_observe_ignores_other_files_in_the_site_root(tmp_path: Path) -> None:
    """The root is watched for sitegen.toml and tags.toml; the output, the caches and a log of
    the server itself are written there too. Waking on those made `sitegen serve > serve.log`
    rebuild for ever: every rebuild logged a line, which woke the next one."""
    source = tmp_path / "src"
    source.mkdir()
    config = tmp_path / "sitegen.toml"
    config.write_text("", "utf-8")
    wake = threading.Event()
    close = observe([source, tmp_path / "templates", tmp_path / "tags.toml", config], wake)
    assert close is not None, "file-system events should be available on this machine"
    try:
        time.sleep(0.2)
        wake.clear()
        (tmp_path / "serve.log").write_text("INFO: rebuilt 1 articles\n", "utf-8")
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "index.html").write_text("<p>", "utf-8")
        assert not wake.wait(0.5)
        for change in (
            lambda: config.write_text('title = "x"\n', "utf-8"),
            lambda: (tmp_path / "tags.toml").write_text("", "utf-8"),
            lambda: (tmp_path / "templates").mkdir(),
            lambda: (source / "a.txt").write_text("one", "utf-8"),
        ):
            change()
            assert wake.wait(5)
            time.sleep(0.2)
            wake.clear()
    finally:
        close()


def test_a_watched_folder_made_while_serving_is_watched_for_the_saves_in_it(tmp_path: Path) -> None:
    """templates/ made while serving (to override one theme file), or made again after a
    checkout removed it: saves in it were seen only by the safety-net scan, 2 s later, and each
    such save then made the build look at every file."""
    source, templates = tmp_path / "src", tmp_path / "templates"
    source.mkdir()
    wake, changes = threading.Event(), Changes()
    close = observe([source, templates, tmp_path / "tags.toml"], wake, changes)
    assert close is not None, "file-system events should be available on this machine"
    try:
        for attempt in ("made", "made again"):
            templates.mkdir()
            assert wake.wait(5), f"the folder being {attempt} was not seen"
            time.sleep(0.2)
            wake.clear()
            changes.take()
            (templates / "article.html").write_text(attempt, "utf-8")
            assert wake.wait(2), f"a save in the folder {attempt} while serving woke nothing"
            until(lambda: str(templates / "article.html") in changes.take(), timeout=2)
            shutil.rmtree(templates)
            time.sleep(0.2)
            wake.clear()
    finally:
        close()


def test_scan_sees_edits_new_and_deleted_files_but_not_editor_droppings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    before = scan([tmp_path])
    (tmp_path / ".a.txt.swp").write_text("x")
    (tmp_path / "a.txt~").write_text("x")
    assert scan([tmp_path]) == before
    (tmp_path / "a.txt").write_text("one two")
    assert scan([tmp_path]) != before
    (tmp_path / "a.txt").unlink()
    assert scan([tmp_path]) == {}


def test_scan_sees_a_same_size_edit_whose_modification_time_is_set_back(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one")
    st = path.stat()
    before = scan([tmp_path])
    time.sleep(0.05)  # past the clock tick the kernel stamps files with
    path.write_text("two")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert scan([tmp_path]) != before


# -- builder, reloader, mounting, injection --------------------------------------------------------


def config_for(tmp_path: Path, **changes) -> Config:
    return Config(root=tmp_path, source=tmp_path / "src", output=tmp_path / "out", **changes)


def test_a_base_url_edited_while_serving_says_where_the_site_is_now_served(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    edited = config_for(tmp_path, base_url="https://example.org/أرشيف/")
    report = BuildReport(1, 1, 0, (), 0.1, written=1, changed=True)
    builder = Builder(config_for(tmp_path), load_config=lambda: edited, build=lambda c: report)
    caplog.set_level("INFO", logger="sitegen")
    assert builder.rebuild()
    assert "the site is now served under /%D8%A3%D8%B1%D8%B4%D9%8A%D9%81/" in caplog.text
    caplog.clear()
    assert builder.rebuild()
    assert "now served under" not in caplog.text


def test_builds_while_serving_use_the_number_of_worker_processes_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitegen.build

    asked: list[object] = []

    def build(config: Config, **kwargs: object) -> BuildReport:
        asked.append(kwargs.get("jobs"))
        return BuildReport(1, 1, 0, (), 0.1)

    monkeypatch.setattr(sitegen.build, "build", build)
    assert Builder(config_for(tmp_path), jobs=1).run()
    assert Builder(config_for(tmp_path)).run()
    assert asked == [1, None]


def test_the_browsers_reload_only_after_a_build_that_changed_the_site(tmp_path: Path) -> None:
    reports = iter([BuildReport(1, 1, 0, (), 0.1, written=1, changed=True), BuildReport(1, 1, 0, (), 0.1)])
    unchanged = BuildReport(1, 1, 0, (), 0.1, written=0, changed=False)
    builder = Builder(config_for(tmp_path), build=lambda c: next(reports, unchanged))
    assert builder.rebuild() is True
    assert builder.rebuild() is True  # changed defaults to True: when in doubt, reload
    assert builder.rebuild() is False and builder.builds == 3


def test_the_builder_reports_only_diagnostics_that_are_new(tmp_path: Path) -> None:
    first = Diagnostic("a.txt", "no date found")
    second = Diagnostic("b.txt", "no date found")
    reports = iter([BuildReport(2, 2, 0, (first,), 0.1), BuildReport(2, 2, 0, (first, second), 0.1)])
    said: list[list[Diagnostic]] = []
    builder = Builder(config_for(tmp_path), build=lambda c: next(reports), report=lambda ds: said.append(list(ds)))
    builder.run()
    builder.run()
    assert said == [[first], [second]]


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []
        self.closed = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        assert not self.closed, "progress shown after the bar was closed"
        self.calls.append((phase, done, total))

    def close(self) -> None:
        self.closed += 1


def test_progress_is_shown_for_the_first_build_only_and_closed_before_logging(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "src")
    bar = Recorder()
    builder = Builder(config_for(tmp_path), progress=bar)
    assert builder.run()
    assert bar.calls and bar.calls[-1][1] == bar.calls[-1][2] and bar.closed == 1
    (tmp_path / "src" / next(p.name for p in SEEDS.iterdir())).write_text("19 أبريل 2024\nعنوان\nنص.\n", "utf-8")
    calls = len(bar.calls)
    assert builder.run()
    assert len(bar.calls) == calls and bar.closed == 1


def test_a_failing_first_build_closes_the_progress_bar(tmp_path: Path) -> None:
    bar = Recorder()
    assert Builder(config_for(tmp_path), progress=bar).run() is False  # no source folder
    assert bar.closed == 1


def test_serve_shows_at_most_ten_warnings_of_a_kind_as_build_does(tmp_path: Path) -> None:
    def undated(source: Path) -> None:
        for n in range(25):
            (source / f"undated-{n:02d}.txt").write_text(f"خبر بلا تاريخ رقم {n}\nنص الخبر.\n", "utf-8")

    with running(tmp_path, setup=undated) as server:
        log = server.log()
    shown = [line for line in log.splitlines() if "no date found" in line and "more warning" not in line]
    assert len(shown) == 10
    assert "... and 16 more warnings like" in log  # 15 of these and the seed without a date


def test_the_build_line_counts_in_words_a_reader_expects(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """It said 'built 1 articles, ... (1 warnings)'."""
    report = BuildReport(1, 1, 0, (Diagnostic("a.txt", "no date found"),), 0.0)
    caplog.set_level("INFO", logger="sitegen")
    assert Builder(config_for(tmp_path), build=lambda c: report).run()
    assert "built 1 article, 1 page in 0.00 s (1 warning)" in caplog.text


def test_a_failing_build_is_logged_in_one_line_and_reports_failure(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(config: Config) -> BuildReport:
        raise TemplateError("template syntax error: unexpected '}'", "templates/article.html", 3)

    builder = Builder(config_for(tmp_path), build=broken)
    (builder.config.output).mkdir(parents=True)
    (builder.config.output / "index.html").write_text("<!DOCTYPE html><title>an earlier build</title>", "utf-8")
    assert builder.run() is False
    assert "templates/article.html:3: template syntax error" in caplog.text
    assert "still serving the last good site" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_first_build_that_fails_with_no_site_in_the_output_says_nothing_is_served(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """It said 'still serving the last good site' (and then 'nothing to serve yet'): there was none."""

    def broken(config: Config) -> BuildReport:
        raise TemplateError("template syntax error: unexpected '}'", "templates/article.html", 3)

    assert Builder(config_for(tmp_path), build=broken).run() is False
    assert "templates/article.html:3: template syntax error" in caplog.text
    assert "nothing to serve yet" in caplog.text and "last good site" not in caplog.text


def test_a_failing_rebuild_after_a_good_build_says_the_last_good_site_is_served(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    outcomes: list[BuildReport | None] = [BuildReport(1, 1, 0, (), 0.0), None]

    def first_good(config: Config) -> BuildReport:
        outcome = outcomes.pop(0)
        if outcome is None:
            raise TemplateError("template syntax error: unexpected '}'", "templates/article.html", 3)
        return outcome

    builder = Builder(config_for(tmp_path), build=first_good)
    assert builder.run() and not (builder.config.output / "index.html").exists()  # a build that wrote nothing
    assert builder.run() is False
    assert "still serving the last good site" in caplog.text and "nothing to serve yet" not in caplog.text


def test_a_static_file_deleted_while_a_build_runs_is_named_and_the_output_not_blamed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleted after the build had read it but before it was copied: the message said that the
    output could not be written and to check that its folder was writable."""
    import sitegen.build

    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "src")
    extra = tmp_path / "static" / "extra.css"
    extra.parent.mkdir()
    extra.write_text("p { color: red; }\n", "utf-8")
    real = sitegen.build.published_static

    def deleted_meanwhile(*args, **kwargs):
        published = real(*args, **kwargs)
        extra.unlink(missing_ok=True)
        return published

    monkeypatch.setattr(sitegen.build, "published_static", deleted_meanwhile)
    builder = Builder(config_for(tmp_path))
    assert builder.run() is False
    message = caplog.messages[-1]
    assert message.startswith("static/extra.css: ") and "deleted" in message and "writable" not in message
    assert builder.run() is True  # the next build, after the event of the deletion, goes through
    assert not (tmp_path / "out" / "static" / "extra.css").exists()


def _site_with_extra_static_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "src")
    extra = tmp_path / "static" / "extra.css"
    extra.parent.mkdir()
    extra.write_text("p { color: red; }\n", "utf-8")
    return extra


def test_a_static_file_unreadable_when_copied_is_named_with_the_permission_to_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made unreadable after it was hashed (this machine runs as root: the copy's open is made
    to fail as for another user's file): the message asked whether it was moved or deleted."""
    extra = _site_with_extra_static_file(tmp_path, monkeypatch)

    def refused(file, *args, **kwargs):
        if os.fsdecode(file) == str(extra):
            raise PermissionError(13, "Permission denied", os.fsdecode(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr(shutil, "open", refused, raising=False)  # shutil.copyfile's open, no other
    assert Builder(config_for(tmp_path)).run() is False
    message = caplog.messages[-1]
    assert message.startswith("static/extra.css: ") and "Permission denied" in message
    assert "readable" in message and "deleted" not in message and "writable" not in message


def test_a_full_disk_while_a_static_file_is_copied_blames_the_disk_not_the_static_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """shutil's sendfile copy names the source file in the error of a full disk: the message
    said the static file was perhaps moved or deleted."""
    import errno

    _site_with_extra_static_file(tmp_path, monkeypatch)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "sendfile", full)
    assert Builder(config_for(tmp_path)).run() is False
    message = caplog.messages[-1]
    assert "the disk is full" in message and "deleted" not in message
    assert not message.startswith("static/")


def test_a_failing_rebuild_names_the_sites_files_relative_to_the_current_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    def broken(config: Config) -> BuildReport:
        raise TemplateError("template syntax error: unexpected '}'", tmp_path / "templates" / "article.html", 3)

    assert Builder(config_for(tmp_path), build=broken).run() is False
    assert caplog.messages[-1].startswith("templates/article.html:3: template syntax error")


def test_a_bad_configuration_on_rebuild_keeps_the_previous_config(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def bad() -> Config:
        raise ConfigError("invalid configuration:\n  - unknown key 'titel'", "sitegen.toml")

    builder = Builder(config_for(tmp_path), load_config=bad, build=lambda c: BuildReport(0, 0, 0, (), 0.0))
    assert builder.run() is False
    assert builder.config == config_for(tmp_path)
    assert "unknown key 'titel'" in caplog.text


def test_the_builder_tells_the_pages_why_a_build_failed_and_that_the_next_good_one_did_not(tmp_path: Path) -> None:
    def broken(config: Config) -> BuildReport:
        raise TemplateError("expected token 'name', got '<' in <b>&amp;", "templates/index.html", 3)

    def buggy(config: Config) -> BuildReport:
        raise KeyError("oops")

    warned = BuildReport(1, 1, 0, (Diagnostic("a.txt", "no date found"),), 0.1)
    builds = iter([broken, buggy, lambda config: warned])
    told: list[str | None] = []
    builder = Builder(config_for(tmp_path), build=lambda c: next(builds)(c), failure=told.append)
    assert builder.run() is False
    assert builder.run() is False
    assert builder.run() is True
    assert told == [
        "templates/index.html:3: expected token 'name', got '<' in <b>&amp;",  # as the terminal says it
        "build failed unexpectedly: KeyError: 'oops'",
        None,  # a warning is no failure
    ]


def test_a_broken_configuration_is_a_failure_the_pages_hear_of(tmp_path: Path) -> None:
    def bad() -> Config:
        raise ConfigError("unknown key 'titel'", "sitegen.toml", 2)

    told: list[str | None] = []
    Builder(
        config_for(tmp_path), load_config=bad, build=lambda c: BuildReport(0, 0, 0, (), 0.0), failure=told.append
    ).run()
    assert told == ["sitegen.toml:2: unknown key 'titel'"]


def test_event_reloader_wakes_streams_at_each_failed_build_even_with_the_same_message() -> None:
    """The author closed the overlay and saved again; the build failed again with the same
    message: the pages must say so again, not stay silent as if the save had fixed it."""
    reloader = EventReloader()
    generation = reloader.generation
    threading.Timer(0.05, reloader.failed, args=("a.html:1: broken",)).start()
    assert reloader.wait(generation, 5) == generation
    seen = reloader.state[1]
    assert seen is not None and seen.message == "a.html:1: broken"
    threading.Timer(0.05, reloader.failed, args=("a.html:1: broken",)).start()  # the same failure again
    started = time.monotonic()
    assert reloader.wait(generation, 5, seen) == generation
    assert time.monotonic() - started < 4
    again = reloader.state[1]
    assert again is not None and again.message == seen.message and again != seen
    reloader.failed(None)
    assert reloader.state == (generation, None)
    reloader.failed(None)  # a good build after a good one: nothing to send
    started = time.monotonic()
    assert reloader.wait(generation, 0.2, None) == generation
    assert time.monotonic() - started >= 0.2


def test_the_failure_event_carries_the_message_as_json_on_one_line() -> None:
    message = "templates/a.html:3: got '<' in </script><b>&amp;\n  and a second line"
    name, data = sse_fields(failure_event(message).decode())
    assert name == "failure" and json.loads(data) == {"message": message}
    assert sse_fields(failure_event(None).decode()) == ("failure", "null")


def test_the_injected_tag_has_no_inline_script_and_its_attributes_are_escaped() -> None:
    """A site built with csp = true forbids inline scripts: the tag only names the file and the page's data."""
    snippet = reload_script("/أرشيف/", 'ab-1"><b>').decode()
    assert re.fullmatch(rf"<script {MARKER} [^<>]*></script>\n", snippet)  # nothing inline, nothing ends it early
    attributes = {k: html.unescape(v) for k, v in re.findall(r' ([a-z-]+)="([^"]*)"', snippet)}
    base = "/%D8%A3%D8%B1%D8%B4%D9%8A%D9%81/"
    assert attributes["src"] == base + ".sitegen/livereload.js"
    assert attributes["data-events"] == base + ".sitegen/events"
    assert attributes["data-generation"] == 'ab-1"><b>'  # the value as given, not markup


def test_the_served_script_puts_the_message_in_as_text_in_the_pages_language() -> None:
    live = live_script().decode()
    assert "innerHTML" not in live and "insertAdjacentHTML" not in live and ".textContent = message" in live
    assert "eval(" not in live and "new Function" not in live  # csp = true forbids them too ('unsafe-eval')
    for words in ("تعذّرت إعادة بناء الموقع", "إغلاق", "The site could not be rebuilt", "Close"):
        assert json.dumps(words, ensure_ascii=False) in live  # a JSON string: quotes and backslashes escaped
    assert live.endswith(", document.currentScript);\n")  # the tag that loaded it gives the page's data
    assert "script.dataset.events" in live and "script.dataset.generation" in live
    assert '.dir = "ltr"' in live and '.lang = "en"' in live  # the message is English and paths
    assert 'setAttribute("style"' not in live and ".style.cssText" in live  # CSSOM, which a CSP allows


def test_event_reloader_reports_a_new_generation_and_ends_streams_on_close() -> None:
    reloader = EventReloader()
    first = reloader.generation
    assert reloader.wait(first, 0.01) == first  # nothing happened: the same generation after the timeout
    threading.Timer(0.05, reloader.notify).start()
    assert reloader.wait(first, 5) not in (first, None)
    reloader.close()
    assert reloader.wait(reloader.generation, 5) is None


def test_reload_script_goes_before_the_end_of_body() -> None:
    page = b"<html><body><p>x</p></BODY></html>"
    assert inject(page, b"<script>") == b"<html><body><p>x</p><script></BODY></html>"
    assert inject(b"<p>fragment", b"<script>") == b"<p>fragment<script>"


@pytest.mark.parametrize("given", ["/repo/", "repo", "/repo", "repo/"])
def test_base_path_is_normalised_with_slashes_on_both_sides(given: str) -> None:
    assert normalise_base_path(given) == "/repo/"


@pytest.mark.parametrize(
    "given",
    # percent-encoded dots were decoded into the served path after the check: /%2e%2e/ served at /../
    ["/a/../b/", "/a\\b/", "/a?x", "/a\x00/", "/%2e%2e/", "/a/%2E/", "/repo /", "/repo\u200f/"],
)
def test_unsafe_base_paths_are_refused(given: str) -> None:
    with pytest.raises(ConfigError):
        normalise_base_path(given)


def test_mounting_builds_with_the_served_base_url(tmp_path: Path) -> None:
    plain = config_for(tmp_path)
    assert mount(plain, "127.0.0.1", 8123, "/repo/").base_url == "http://127.0.0.1:8123/repo/"
    assert mount(plain, "127.0.0.1", 8123, None).base_url == ""
    configured = config_for(tmp_path, base_url="https://user.github.io/archive/")
    assert mount(configured, "127.0.0.1", 8123, None).base_path == "/archive/"
    assert mount(configured, "127.0.0.1", 8123, "/repo/").base_url == "https://user.github.io/repo/"


@pytest.mark.parametrize("rel", ["..", "../secret.txt", "a/../../secret.txt", "/etc/passwd", "a\\..\\b", "a\x00b", ""])
def test_resolve_refuses_paths_that_could_leave_the_output(tmp_path: Path, rel: str) -> None:
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    if rel == "":
        assert resolve(out, rel) == out.resolve()  # the root itself is fine
        return
    with pytest.raises(NotFound):
        resolve(out, rel)


@pytest.mark.parametrize("rel", [".git/config", ".git", "a/.git/HEAD", ".GIT/config", ".git./config", ".hg/hgrc"])
def test_resolve_never_serves_the_repository_of_a_deploy_checkout(tmp_path: Path, rel: str) -> None:
    """Every build keeps output/.git (a gh-pages checkout): its config can hold a token in a
    remote's URL, and `sitegen serve --host 0.0.0.0` would hand it to the network. GitHub Pages
    never serves it either."""
    out = tmp_path / "out"
    for folder in (".git", "a/.git", ".hg"):
        (out / folder).mkdir(parents=True)
    (out / ".git" / "config").write_text('[remote "origin"]\n\turl = https://token@github.com/u/r\n')
    (out / "a" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / ".hg" / "hgrc").write_text("[paths]\n")
    with pytest.raises(NotFound):
        resolve(out, rel)


@pytest.mark.parametrize("rel", ["GIT~1/config", "git~1/HEAD", "HG~1/hgrc", ".git::$INDEX_ALLOCATION/config", ".git:x"])
def test_resolve_never_serves_the_repository_by_a_windows_alias_of_its_name(tmp_path: Path, rel: str) -> None:
    """On Windows (NTFS) .git is also reached by its short name GIT~1, and as a stream of the
    folder, .git::$INDEX_ALLOCATION: both are .git itself, as git also holds (CVE-2014-9390,
    CVE-2019-1352). Here the names are made as folders of their own, as Windows would show them."""
    out = tmp_path / "out"
    top = rel.split("/")[0]
    if "/" in rel:
        (out / top).mkdir(parents=True)
        (out / rel).write_text('[remote "origin"]\n\turl = https://token@github.com/u/r\n')
    else:
        out.mkdir()
        (out / rel).write_text("gitdir: /home/user/news/.git/worktrees/output\n")
    with pytest.raises(NotFound):
        resolve(out, rel)


def test_resolve_serves_files_only_named_like_the_repository(tmp_path: Path) -> None:
    """.gitattributes, .github/ or a page named git~hub are a site's files like any other."""
    out = tmp_path / "out"
    (out / ".github").mkdir(parents=True)
    for rel in (".gitattributes", ".github/notes.txt", "git~hub.html", ".gitignore"):
        (out / rel).write_text("x")
        assert resolve(out, rel) == Path(os.path.realpath(out)) / rel


def test_resolve_never_follows_symbolic_links(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "inside.txt").write_text("ok")
    (out / "link.txt").symlink_to(out / "inside.txt")
    with pytest.raises(NotFound):
        resolve(out, "link.txt")


def test_serve_in_process_is_ready_and_stops_on_request(tmp_path: Path) -> None:
    config = Config(root=tmp_path, source=SEEDS, output=tmp_path / "out")
    with serving(config) as port:
        status, _, body = fetch(f"http://127.0.0.1:{port}/")
        assert status == 200 and MARKER in body
        events = urllib.request.urlopen(f"http://127.0.0.1:{port}/.sitegen/events", timeout=10)  # an open stream
    assert events.read() is not None


def test_a_template_saved_during_the_first_build_is_built_right_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File-system events are observed from the end of the first build (minutes at 100,000
    articles): a template saved while it ran, after it had been read, was taken as the state
    the build had seen, and the site stayed as it was (or half of it made from each version)
    until some other save."""
    import sitegen.build

    template = tmp_path / "templates" / "index.html"
    template.parent.mkdir()
    original = (theme_dir("templates") / "index.html").read_text("utf-8")
    template.write_text(original, "utf-8")
    real = sitegen.build.build

    def saved_during_the_build(config: Config, **kwargs) -> BuildReport:
        report = real(config, **kwargs)
        if not template.read_text("utf-8").count("SAVED-DURING-THE-FIRST-BUILD"):
            template.write_text(
                original.replace("{% block content %}", "{% block content %}<p>SAVED-DURING-THE-FIRST-BUILD</p>", 1),
                "utf-8",
            )
        return report

    monkeypatch.setattr(sitegen.build, "build", saved_during_the_build)
    config = Config(root=tmp_path, source=SEEDS, output=tmp_path / "out")
    with serving(config) as port:
        until(lambda: "SAVED-DURING-THE-FIRST-BUILD" in fetch(f"http://127.0.0.1:{port}/")[2], 15)


def test_a_template_saved_and_saved_back_during_a_build_leaves_no_page_of_the_other_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build reads every template when it starts (its fingerprint, which the manifest keeps)
    but compiled each one when a page first needed it, from the file as it was then: an undo
    saved during a long template rebuild left pages of the undone version, and the next build,
    finding the template as recorded, kept them (also every `sitegen build` after it)."""
    import sitegen.build
    from sitegen.build import build

    template = tmp_path / "templates" / "index.html"
    template.parent.mkdir()
    original = (theme_dir("templates") / "index.html").read_text("utf-8")
    saved = original.replace("{% block content %}", "{% block content %}<p>VERSION-ONE</p>", 1)
    template.write_text(saved, "utf-8")
    real = sitegen.build.site_key

    def edited_after_the_start(*args, **kwargs):
        key = real(*args, **kwargs)
        template.write_text(saved.replace("VERSION-ONE", "VERSION-TWO"), "utf-8")  # the save to be undone
        return key

    config = Config(root=tmp_path, source=SEEDS, output=tmp_path / "out")
    monkeypatch.setattr(sitegen.build, "site_key", edited_after_the_start)
    build(config, jobs=1)
    monkeypatch.setattr(sitegen.build, "site_key", real)
    template.write_text(saved, "utf-8")  # the undo, saved before the next build
    build(config, jobs=1)
    home = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "VERSION-ONE" in home and "VERSION-TWO" not in home


def test_a_source_saved_during_the_first_build_is_built_at_once_not_after_the_safety_net() -> None:
    builds: list[frozenset[str] | None] = []
    confirmed: list[object] = []

    def confirm(snap) -> bool:  # the first snapshot, taken once events are observed, differs
        confirmed.append(snap)
        return len(confirmed) > 1

    def rebuild(named: frozenset[str] | None = None) -> bool:
        builds.append(named)
        return True

    kwargs = {"confirm": confirm, "idle": lambda interrupted: True, "idle_after": 30.0, "light": lambda: {}}
    with watching(rebuild, **kwargs):
        until(lambda: builds, timeout=5)
    assert builds == [None]


def test_live_reload_is_an_external_script_so_that_a_site_built_with_csp_runs_it(tmp_path: Path) -> None:
    """With csp = true the page's policy (script-src 'self') refused the inline reload script."""
    config = Config(root=tmp_path, source=SEEDS, output=tmp_path / "out", csp=True)
    with serving(config) as port:
        url = f"http://127.0.0.1:{port}/"
        _, _, page = fetch(url)
        assert "script-src &#39;self&#39;" in page  # no 'unsafe-inline': an inline script would not run
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        assert scripts and all(' src="' in attributes and not body.strip() for attributes, body in scripts)
        (source,) = [m[1] for m in re.finditer(rf'<script {MARKER} src="([^"]*)"', page)]
        status, headers, script = fetch(urljoin(url, html.unescape(source)))
        assert status == 200 and headers["Content-Type"].startswith("text/javascript")
        assert "new EventSource(" in script and "location.reload()" in script
        assert 'addEventListener("failure"' in script and ".textContent = message" in script  # and the overlay


@pytest.mark.parametrize("base_path", ["/أرشيف/", "/%D8%A3%D8%B1%D8%B4%D9%8A%D9%81/"], ids=["letters", "encoded"])
def test_an_arabic_base_path_is_served_and_reloads_at_the_url_the_log_gives(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, base_path: str
) -> None:
    config = Config(root=tmp_path, source=SEEDS, output=tmp_path / "out")
    caplog.set_level("INFO", logger="sitegen")
    with serving(config, base_path) as port:
        served = re.search(r"serving .* at (\S+)", caplog.text)
        assert served is not None
        url = served.group(1)
        assert url == f"http://127.0.0.1:{port}/%D8%A3%D8%B1%D8%B4%D9%8A%D9%81/"
        status, _, body = fetch(url)
        assert status == 200
        script = re.search(rf'<script {MARKER}[^>]* data-events="([^"]*)"', body)
        assert script is not None
        events_url = urljoin(url, html.unescape(script[1]))
        with urllib.request.urlopen(events_url, timeout=10) as events:
            assert events.headers["Content-Type"].startswith("text/event-stream")


def test_ctrl_c_during_a_rebuild_interrupts_the_build_and_leaves_no_stage_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitegen.build
    from sitegen.write import Stage

    source = tmp_path / "src"
    shutil.copytree(SEEDS, source)
    config = Config(root=tmp_path, source=source, output=tmp_path / "out")
    real = sitegen.build.build
    rebuilding = threading.Event()

    def slow_rebuild(config: Config, **kwargs: Any) -> BuildReport:
        if not (config.output / "index.html").is_file():
            return real(config, **kwargs)  # the first build
        with Stage(config.output, incremental=True):  # a long rebuild, halfway through
            rebuilding.set()
            # Python code running, as a build is: a signal that arrives between set() and a
            # single long sleep would only be seen when the sleep ends (CPython checks for
            # signals between bytecodes; a blocking call it has not yet entered is not interrupted).
            for _ in range(300):
                time.sleep(0.1)
        raise AssertionError("the rebuild was not interrupted")

    def edit_then_interrupt() -> None:
        assert ready.wait(20)
        (source / SEED).write_text("عنوان آخر\n\nنص.\n", "utf-8")
        if rebuilding.wait(20):
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(sitegen.build, "build", slow_rebuild)
    ready = threading.Event()
    helper = threading.Thread(target=edit_then_interrupt)
    helper.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        serve(config, "127.0.0.1", 0, ready=ready)  # in the main thread, as the command line runs it
    helper.join(10)
    assert rebuilding.is_set() and time.monotonic() - started < 20
    assert not list(tmp_path.glob(".sitegen-tmp-*")), "the interrupted rebuild left its stage behind"


def test_an_output_folder_deleted_while_serving_is_built_again(tmp_path: Path) -> None:
    output = tmp_path / "out"
    config = Config(root=tmp_path, source=SEEDS, output=output)
    with serving(config) as port:
        time.sleep(0.3)  # the watcher's first scan
        shutil.rmtree(output)
        assert until(lambda: (output / "index.html").is_file(), 15), "the deleted output was not built again"
        status, _, _ = fetch(f"http://127.0.0.1:{port}/")
        assert status == 200


# -- end to end: a real server in a subprocess -----------------------------------------------------


def test_an_edited_title_is_served_after_the_reload_event_without_cache(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        status, headers, home = fetch(server.url)
        assert status == 200 and headers["Cache-Control"] == "no-store"
        article = next(link for link in re.findall(r'href="([^"]+)"', home) if "/articles/" in link)
        status, headers, page = fetch(urljoin(server.url, article))
        assert status == 200 and headers["Cache-Control"] == "no-store"
        assert MARKER in page and MARKER in home
        on_disk = [p.read_text("utf-8") for p in server.output.rglob("*.html")]
        assert on_disk and not any(MARKER in text or "EventSource" in text for text in on_disk)

        events = urllib.request.urlopen(server.url + ".sitegen/events", timeout=10)
        assert events.headers["Cache-Control"] == "no-store"
        first = until(lambda: (line := events.readline().decode().strip()).startswith("data:") and line)
        seed = server.source / SEED
        lines = seed.read_text("utf-8").splitlines()
        started = time.monotonic()
        seed.write_text("\n".join(["عنوان جديد تماما للاختبار", *lines[1:]]), "utf-8")
        changed = until(lambda: (line := events.readline().decode().strip()).startswith("data:") and line)
        assert changed != first
        # the event is sent only after build() returned: the very next request shows the new title
        assert "عنوان جديد تماما للاختبار" in fetch(server.url)[2]
        print(f"\nsave -> reload event with the new page served: {time.monotonic() - started:.2f} s")
        events.close()
        assert "EventSource" not in (server.output / "index.html").read_text("utf-8")


def test_while_serving_an_edit_a_new_article_and_a_moved_folder_each_show_after_one_build(tmp_path: Path) -> None:
    """An edit is built from the file the event named; a new file or a folder moved in makes
    that build look at every file. No change is missed and none costs a second build."""
    with running(tmp_path, "-v") as server:
        seed = server.source / SEED
        seed.write_text(seed.read_text("utf-8") + "\nفقرة مضافة أثناء المعاينة.\n", "utf-8")
        until(lambda: server.rebuilds() == 1)
        assert any("فقرة مضافة أثناء المعاينة" in p.read_text("utf-8") for p in server.output.rglob("*.html"))
        (server.source / "new.txt").write_text("20 أبريل 2024\nخبر جديد أثناء المعاينة\nنص الخبر.\n", "utf-8")
        until(lambda: server.rebuilds() == 2)
        assert "خبر جديد أثناء المعاينة" in fetch(server.url)[2]
        folder = tmp_path / "outside"
        folder.mkdir()
        (folder / "moved.txt").write_text("21 أبريل 2024\nخبر في مجلد منقول\nنص الخبر.\n", "utf-8")
        folder.rename(server.source / "moved-in")
        until(lambda: server.rebuilds() == 3)
        assert "خبر في مجلد منقول" in fetch(server.url)[2]
        time.sleep(0.5)
        assert server.rebuilds() == 3
        assert "no file-system event named" not in server.log()


def test_a_broken_template_keeps_the_last_good_site_until_it_is_fixed(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        good = fetch(server.url)[2]
        template = server.root / "templates" / "index.html"
        original = (theme_dir("templates") / "index.html").read_text("utf-8")
        template.write_text(original.replace("{% block", "{% blok", 1), "utf-8")
        until(lambda: "ERROR" in server.log())
        log = server.log()
        assert "index.html" in log and "still serving the last good site" in log and "Traceback" not in log
        assert server.process.poll() is None
        status, _, body = fetch(server.url)
        assert status == 200 and without_script(body) == without_script(good)

        template.write_text(
            original.replace("{% block content %}", "{% block content %}<p>FIXED-TEMPLATE</p>", 1), "utf-8"
        )
        until(lambda: "FIXED-TEMPLATE" in fetch(server.url)[2])
        until(lambda: server.rebuilds() == 1)  # the log line follows the swap by a moment


def test_a_failed_rebuild_reaches_open_and_newly_opened_pages_and_a_good_one_takes_it_away(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        open_page = urllib.request.urlopen(server.url + ".sitegen/events", timeout=10)
        next_event(open_page, "build")
        template = server.root / "templates" / "index.html"
        original = (theme_dir("templates") / "index.html").read_text("utf-8")
        template.write_text(original.replace("{% block content %}", "{% block content %}{{ x | <b> }}", 1), "utf-8")

        failure = json.loads(next_event(open_page, "failure"))
        error = until(lambda: re.search(r"^ERROR: (.*)$", server.log(), re.M))
        assert failure == {"message": error.group(1)}  # the very words of the terminal
        assert "index.html:" in failure["message"] and "got '<'" in failure["message"]

        status, _, page = fetch(server.url)  # opened while the build is broken: the last good page,
        assert status == 200 and MARKER in page  # with the tag of the script that shows the overlay
        script = re.search(rf'<script {MARKER} src="([^"]*)"', page)
        assert script is not None
        assert "serve_failed_kept" in fetch(urljoin(server.url, html.unescape(script[1])))[2]
        opened = urllib.request.urlopen(server.url + ".sitegen/events", timeout=10)
        next_event(opened, "build")
        assert json.loads(next_event(opened, "failure")) == failure  # told on connect

        template.unlink()  # fixed: the site is as it was, so nothing reloads, but the overlay goes
        assert next_event(open_page, "failure") == "null"
        assert next_event(opened, "failure") == "null"
        open_page.close()
        opened.close()
        assert not any("serve_failed" in p.read_text("utf-8") for p in server.output.rglob("*.html"))


def test_a_first_build_that_fails_serves_a_page_that_shows_why_and_reloads_when_fixed(tmp_path: Path) -> None:
    """With no site built yet there is no 404.html either: the preview answered a bare 'not found'
    that neither showed the error nor came back by itself once it was fixed."""
    original = (theme_dir("templates") / "base.html").read_text("utf-8")

    def broken(source: Path) -> None:
        (source.parent / "templates" / "base.html").write_text(original.replace("<body>", "<body>{{ x( }}", 1), "utf-8")

    with running(tmp_path, setup=broken) as server:
        assert "nothing to serve yet" in server.log() and "last good site" not in server.log()
        status, headers, page = fetch(server.url)
        assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert "لا صفحة هنا بعد" in page and "No page here yet" not in page  # the default: Arabic
        assert MARKER in page and 'data-generation="' in page  # the script that shows the overlay and reloads
        # ... whose overlay says that no site was built, not that the last good one is shown
        assert '<html lang="ar" dir="rtl" data-sitegen-nothing>' in page
        source = re.search(r'<script [^>]*src="([^"]+)"', page)
        assert source, page
        script = fetch(urljoin(server.url, html.unescape(source.group(1))))[2]
        assert "No site has been built yet" in script and "لم يُبنَ الموقع بعد" in script
        events = urllib.request.urlopen(server.url + ".sitegen/events", timeout=10)
        next_event(events, "build")
        assert "base.html:" in json.loads(next_event(events, "failure"))["message"]
        (server.root / "templates" / "base.html").unlink()  # fixed
        assert next_event(events, "failure") == "null"
        next_event(events, "build")  # a new generation: the page reloads onto the site
        events.close()
        assert fetch(server.url)[0] == 200


def test_an_english_first_site_whose_first_build_fails_is_told_so_in_english(tmp_path: Path) -> None:
    """The page shown before any build was in Arabic, with an English paragraph under it, on every
    site: one whose interface is English first (languages = ["en", "ar"]) gets it in English, left
    to right, as its home page would be, and so does the overlay over it (live.js reads the
    page's lang)."""
    original = (theme_dir("templates") / "base.html").read_text("utf-8")

    def broken(source: Path) -> None:
        (source.parent / "sitegen.toml").write_text('languages = ["en", "ar"]\n', "utf-8")
        (source.parent / "templates" / "base.html").write_text(original.replace("<body>", "<body>{{ x( }}", 1), "utf-8")

    with running(tmp_path, setup=broken) as server:
        assert "nothing to serve yet" in server.log()
        status, headers, page = fetch(server.url)
        assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert '<html lang="en" dir="ltr" data-sitegen-nothing>' in page
        assert "No page here yet" in page and "لا صفحة" not in page
        assert MARKER in page and 'data-generation="' in page
        (server.root / "templates" / "base.html").unlink()  # fixed: the site, in English first
        until(lambda: fetch(server.url)[0] == 200, 30)
        assert '<html lang="en" dir="ltr"' in fetch(server.url)[2]


def test_the_page_shown_before_any_build_speaks_the_first_interface_language_in_its_catalogs_words(
    tmp_path: Path,
) -> None:
    from sitegen.config import KNOWN_LANGUAGES
    from sitegen.server import nothing_built
    from sitegen.theme import shipped_messages

    for lang in KNOWN_LANGUAGES:
        words = shipped_messages(lang)
        others = [shipped_messages(other) for other in KNOWN_LANGUAGES if other != lang]
        for languages in ((lang,), (lang, *(other for other in KNOWN_LANGUAGES if other != lang))):
            page = nothing_built(languages).decode()
            assert f'<html lang="{lang}" dir="{words["dir"]}" data-sitegen-nothing>' in page
            assert f"<title>sitegen: {html.escape(words['serve_nothing_title'])}</title>" in page
            assert f"<p>{html.escape(words['serve_nothing'])}</p>" in page
            assert not any(other["serve_nothing"] in page for other in others)
    assert '<html lang="ar" dir="rtl"' in nothing_built(config_for(tmp_path).languages).decode()  # the default site's


def test_the_page_shown_before_any_build_follows_the_languages_a_rebuild_configures(tmp_path: Path) -> None:
    """sitegen.toml edited while the build still fails (languages = ["en", "ar"]): the page shown
    is English from then on, as the server's base path follows an edit."""
    from sitegen.preview import ServerProcess
    from sitegen.serve import listen

    output = tmp_path / "out"
    output.mkdir()  # and nothing in it: no site, no 404.html
    listening = listen("127.0.0.1", 0)
    port = listening.getsockname()[1]
    server = ServerProcess(listening)
    try:
        server.start([tmp_path], output, "/", ("ar", "en"))
        status, _, page = fetch(f"http://127.0.0.1:{port}/")
        assert status == 404 and '<html lang="ar" dir="rtl" data-sitegen-nothing>' in page
        english = MovingBuilder(config_for(tmp_path), config_for(tmp_path, languages=("en", "ar")))
        assert server.rebuilding(english)()  # type: ignore[arg-type]
        until(lambda: '<html lang="en" dir="ltr" data-sitegen-nothing>' in fetch(f"http://127.0.0.1:{port}/")[2], 5)
    finally:
        server.close()


PROBE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title></head><body>
<iframe id="ar" src="../"></iframe><iframe id="en" src="../en/"></iframe>
<iframe id="hold" src="../.sitegen/events"></iframe>
<script>
window.EventSource = undefined;  // the server's script comes into this page too: here, it must not reload it
var seen = [];
function overlay(id) {
  var doc = document.getElementById(id).contentDocument;
  var host = doc && doc.querySelector("sitegen-build-error");
  return host && host.shadowRoot;
}
function look() {
  try { check(); } catch (e) { seen.push("error: " + e); finish(); }
}
function finish() {
  document.body.setAttribute("data-seen", JSON.stringify(seen));
  document.getElementById("hold").remove();  // the page's load ends, and Chromium prints the DOM
}
function check() {
  var ar = overlay("ar"), en = overlay("en");
  if (!seen.length && ar && en) {
    var pre = ar.querySelector("pre"), panel = ar.querySelector("[role=alertdialog]");
    seen.push({message: pre.textContent, pre: [pre.dir, pre.lang], panel: [panel.dir, panel.lang],
               title: ar.querySelector("h2").textContent, close: ar.querySelector("button").textContent,
               en: [en.querySelector("[role=alertdialog]").dir, en.querySelector("h2").textContent],
               elements: pre.children.length,
               styled: [getComputedStyle(ar.host).position, getComputedStyle(ar.querySelector("h2")).color]});
    var doc = document.getElementById("en").contentDocument;
    doc.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
    seen.push(!!overlay("en"));
    fetch("../overlay-shown");
  } else if (seen.length === 2 && !ar) {
    seen.push("gone");
    fetch("../overlay-gone");  // the test now changes an article's title
  } else if (seen.length === 3) {
    var home = document.getElementById("ar").contentDocument;
    if (home && home.body && home.body.textContent.indexOf("RELOADED-TITLE") >= 0) {
      seen.push("reloaded");  // the open page reloaded by itself onto the new site
      return finish();
    }
  }
  setTimeout(look, 50);
}
look();
</script></body></html>
"""


@pytest.mark.slow
def test_headless_chromium_shows_the_overlay_until_a_fix_and_reloads_on_a_change_with_csp(tmp_path: Path) -> None:
    """On a site built with csp = true (script-src 'self', style-src 'self'), which refused the inline
    scripts that reload and the overlay used to be: the served script and its CSSOM styles run there."""
    from browser import chromium

    browser = chromium()

    def probe(source: Path) -> None:
        (source.parent / "sitegen.toml").write_text("csp = true\n", "utf-8")
        (source.parent / "static").mkdir()
        (source.parent / "static" / "probe.html").write_text(PROBE, "utf-8")  # the test's page: no policy

    with running(tmp_path, "-v", setup=probe) as server:
        assert "script-src &#39;self&#39;" in fetch(server.url)[2]  # the pages under test carry the policy
        template = server.root / "templates" / "index.html"
        original = (theme_dir("templates") / "index.html").read_text("utf-8")
        template.write_text(original.replace("{% block content %}", "{% block content %}{{ x | <b> }}", 1), "utf-8")
        until(lambda: "ERROR" in server.log())
        command = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}"]
        command += ["--timeout=60000", "--dump-dom", server.url + "static/probe.html"]
        shown = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            until(lambda: "/overlay-shown" in server.log() or shown.poll() is not None, 60)
            template.unlink()
            until(lambda: "/overlay-gone" in server.log() or shown.poll() is not None, 60)
            seed = server.source / SEED
            seed.write_text("\n".join(["RELOADED-TITLE", *seed.read_text("utf-8").splitlines()[1:]]), "utf-8")
            dom, _ = shown.communicate(timeout=90)
        finally:
            if shown.poll() is None:
                shown.kill()
                shown.wait()
    found = re.search(r'data-seen="([^"]*)"', dom)
    assert found, f"the overlay was not seen, did not go, or the page did not reload: {dom[-2000:]}"
    overlay, english_after_escape, gone, reloaded = json.loads(html.unescape(found.group(1)))
    assert "index.html:" in overlay["message"] and "got '<'" in overlay["message"]
    assert overlay["elements"] == 0  # the message's '<' is text, not markup
    assert overlay["styled"] == ["fixed", "rgb(176, 0, 32)"]  # style-src 'self' lets CSSOM styles through
    assert overlay["pre"] == ["ltr", "en"] and overlay["panel"] == ["rtl", "ar"]
    assert overlay["title"] == "تعذّرت إعادة بناء الموقع" and overlay["close"] == "إغلاق"
    assert overlay["en"] == ["ltr", "The site could not be rebuilt"]
    assert english_after_escape is False and gone == "gone" and reloaded == "reloaded"


def test_five_saves_within_100_ms_cause_one_rebuild(tmp_path: Path) -> None:
    """A burst of saves is one rebuild. On a loaded machine this process may be held back between
    two saves for longer than the quiet period (sitegen.watch.EVENT_QUIET), which is then no burst: such
    an attempt is made again (the count is taken from where the last one left it), and only a
    burst whose saves really came closer than the quiet period is judged."""
    with running(tmp_path) as server:
        seed = server.source / SEED
        text = seed.read_text("utf-8")
        for attempt in range(5):
            before = server.rebuilds()
            stamps = []
            for n in range(5):
                seed.write_text(text + "\n" + "تعديل " * (n + 1 + 5 * attempt), "utf-8")
                stamps.append(time.monotonic())
                time.sleep(0.02)
            until(lambda before=before: server.rebuilds() > before)
            time.sleep(1.0)  # long enough for any second rebuild to have happened
            if max(b - a for a, b in itertools.pairwise(stamps)) < EVENT_QUIET * 0.8:
                assert server.rebuilds() == before + 1
                return
        pytest.fail("no burst of five saves came within the quiet period in five attempts")


# sitegen's command line with os.fork wrapped: each fork writes the number of threads of the
# process that forks (the kernel's count, which is what Python 3.12 warns by) to FORK_LOG.
FORK_SPY = """
import os, sys, threading
from sitegen.cli import entry

def threads():
    try:
        with open("/proc/self/status") as f:
            return int(next(line for line in f if line.startswith("Threads:")).split()[1])
    except (OSError, StopIteration):
        return threading.active_count()

real_fork = os.fork

def fork():
    with open(os.environ["FORK_LOG"], "a") as log:
        log.write(f"{threads()}\\n")
    return real_fork()

os.fork = fork
sys.argv[0] = "sitegen"
entry()
"""


def test_a_template_edit_while_serving_renders_in_forked_workers_from_a_process_without_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forking a process with threads may deadlock the child (a lock held by another thread at
    the fork), and Python 3.12 warns of it: the server's threads are in a process of their own,
    so that the builds of the process that serves still render on every core, as `sitegen build`."""
    forks = tmp_path / "forks.log"
    monkeypatch.setenv("FORK_LOG", str(forks))
    corpus = tmp_path / "corpus"
    script = REPO / "benchmarks" / "make_corpus.py"
    subprocess.run(
        [sys.executable, script, "--count", "220", "--out", corpus, "--seed", "1"], check=True, capture_output=True
    )
    # Python 3.12 and later warn of a fork beside threads, shown always here (as an error the
    # warning is dropped without a word: os.fork cannot fail once the child exists).
    shown = ("-X", "dev", "-W", "always::DeprecationWarning") if sys.version_info >= (3, 12) else ()
    with running(
        tmp_path,
        "--jobs",
        "2",
        setup=lambda source: shutil.copytree(corpus, source / "corpus"),
        python=(sys.executable, *shown),
        sitegen=("-c", FORK_SPY),
    ) as server:
        before = forks.read_text().split() if forks.exists() else []
        base = (theme_dir("templates") / "base.html").read_text("utf-8")
        (server.root / "templates" / "base.html").write_text(base + "\n{# edited #}\n", "utf-8")
        until(lambda: server.rebuilds() == 1 or "ERROR" in server.log(), 120)
        after = forks.read_text().split()[len(before) :]
        assert server.rebuilds() == 1, server.log()
        assert "{# edited #}" not in fetch(server.url)[2]  # (a comment: rendered to nothing)
        assert len(after) >= 2, "the rebuild of every page did not fork its workers"
        assert "may lead to deadlocks" not in server.log()  # Python 3.12's warning
        assert set(before + after) == {"1"}, f"forked with other threads running: {before}, {after}"
        assert "Traceback" not in server.log()


def _children(pid: int) -> list[int]:
    """The child processes of pid (Linux)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _running(pid: int) -> bool:
    """Whether a process pid exists and has not ended (a zombie has)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_the_server_runs_in_a_child_process_that_goes_with_it_on_ctrl_c_or_when_it_is_killed(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        (child,) = _children(server.process.pid)  # the HTTP server and the file-system events
        assert fetch(server.url)[0] == 200
        server.process.send_signal(signal.SIGINT)
        assert server.process.wait(10) == 0
        until(lambda: not _running(child), 5)
    with running(tmp_path / "killed") as server:
        (child,) = _children(server.process.pid)
        server.process.kill()  # no time to stop it: the child sees its end of the pair close
        server.process.wait(10)
        until(lambda: not _running(child), 5)


@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "terminal-closed"]
)
def test_ctrl_c_sigterm_or_sighup_stops_the_server_cleanly_and_keeps_its_manifest(
    tmp_path: Path, sig: signal.Signals
) -> None:
    """The session's manifest waits for a quiet moment; stopped before it, the server writes it
    on the way out, so that the next `sitegen build` does not render everything again."""
    with running(tmp_path) as server:
        events = urllib.request.urlopen(server.url + ".sitegen/events", timeout=10)
        server.process.send_signal(sig)
        assert server.process.wait(10) == 0
        events.close()
        assert "stopped serving" in server.log() and "Traceback" not in server.log()
        config = configuration.load(None, source=server.source, output=server.output, cwd=server.root)
        assert manifest_file(config).is_file(), "no manifest written on the way out"


@pytest.fixture(scope="module")
def mounted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server under /repo/ for the read-only tests, with traps planted beside and inside the output."""
    tmp = tmp_path_factory.mktemp("mounted")
    with running(tmp, "--base-path", "/repo/") as server:
        (tmp / "secret.txt").write_text(SECRET)
        (tmp / "outside").mkdir()
        (tmp / "outside" / "secret.txt").write_text(SECRET)
        (server.output / "static" / "leak.txt").symlink_to(tmp / "secret.txt")
        (server.output / "leakdir").symlink_to(tmp / "outside")
        yield server


def test_the_site_is_mounted_under_the_base_path_and_every_home_link_resolves(mounted: Server) -> None:
    base = f"http://127.0.0.1:{mounted.port}/repo/"
    assert mounted.url == base
    status, _, home = fetch(base)
    assert status == 200
    parser = Links()
    parser.feed(home)
    checked = 0
    for link in parser.links:
        url = urljoin(base, link)
        parts = urlsplit(url)
        if parts.netloc != f"127.0.0.1:{mounted.port}" or link.startswith("#"):
            continue  # external links and in-page anchors
        assert parts.path.startswith("/repo/"), link
        assert fetch(url.split("#")[0])[0] == 200, link
        checked += 1
    assert checked >= 10


def test_outside_the_base_path_is_404_and_folders_redirect(mounted: Server) -> None:
    root = f"http://127.0.0.1:{mounted.port}"
    assert fetch(root + "/")[0] == 404
    assert fetch(root + "/index.html")[0] == 404
    status, headers, body = fetch(root + "/repo/no-such-page/")
    assert status == 404 and headers["Cache-Control"] == "no-store" and "<html" in body  # the site's 404.html
    assert raw_get(mounted.port, b"/repo")[1].split(b"\r\n\r\n")[0].find(b"Location: /repo/") > 0
    assert b"Location: /repo/archive/" in raw_get(mounted.port, b"/repo/archive")[1]


@pytest.mark.parametrize("path", ["index.html/", "static/style.css/", "static/style.css//"])
def test_a_file_asked_for_as_a_folder_is_404_as_on_github_pages(mounted: Server, path: str) -> None:
    """Served, its relative links resolved under the file's name: a link with a stray slash
    worked in the preview and broke once published."""
    status, _, body = fetch(f"http://127.0.0.1:{mounted.port}/repo/{path}")
    assert status == 404 and "<html" in body
    assert fetch(f"http://127.0.0.1:{mounted.port}/repo/{path.rstrip('/')}")[0] == 200


def test_an_arabic_url_is_served_percent_encoded_or_in_raw_utf8(mounted: Server) -> None:
    page = "/repo/articles/علاقات-روسية-باكستانية-متنامية/"
    assert fetch(f"http://127.0.0.1:{mounted.port}{quote(page)}")[0] == 200
    status, data = raw_get(mounted.port, page.encode())  # ن and م hold the byte 0x85
    assert status == 200 and "علاقات روسية".encode() in data
    status, data = raw_get(mounted.port, page.rstrip("/").encode())
    assert status == 301 and f"Location: {quote(page)}".encode() in data


@pytest.mark.parametrize(
    "target",
    [
        b"/repo/../secret.txt",
        b"/repo/%2e%2e/secret.txt",
        b"/repo/%2E%2E%2Fsecret.txt",
        b"/repo/..%2f..%2fetc%2fpasswd",
        b"/repo/%2fetc%2fpasswd",
        b"//etc/passwd",
        b"/repo//etc/passwd",
        b"/repo/..\\secret.txt",
        b"/repo/%5c..%5csecret.txt",
        b"/repo/index.html%00.txt",
        b"/repo/index.html\x00",
        b"/repo/%ff%fe",
        b"http://127.0.0.1/etc/passwd",
        b"/repo/static/leak.txt",
        b"/repo/leakdir/secret.txt",
    ],
)
def test_no_request_reads_outside_the_output(mounted: Server, target: bytes) -> None:
    status, data = raw_get(mounted.port, target)
    assert status in (400, 404)
    assert SECRET.encode() not in data and b"root:" not in data


def test_a_burst_of_concurrent_requests_is_served_without_errors(mounted: Server) -> None:
    base = f"http://127.0.0.1:{mounted.port}/repo/"
    urls = [base, base + "static/style.css", base + "archive/", base + "tags/", base + "feed.xml"]
    failures: list[str] = []

    def client(n: int) -> None:
        for i in range(25):
            url = urls[(n + i) % len(urls)]
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    r.read()
                    if r.status != 200:
                        failures.append(f"{url}: {r.status}")
            except Exception as exc:
                failures.append(f"{url}: {exc}")

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    elapsed = time.monotonic() - started
    assert not failures, failures[:5]
    assert elapsed < 20, f"500 requests took {elapsed:.1f} s"
    assert mounted.process.poll() is None


def test_the_server_listens_on_loopback_by_default(mounted: Server) -> None:
    from sitegen.cli import _parser

    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    assert urlsplit(mounted.url).hostname == "127.0.0.1"


def test_an_output_folder_set_in_the_config_is_refused_naming_that_line(tmp_path: Path, monkeypatch, capsys) -> None:
    """As `sitegen build` does: the user never typed --output, so the advice names sitegen.toml."""
    from sitegen.cli import main

    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "sitegen.toml").write_text('title_en = "News"\noutput = "seeds"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "is or contains the source folder; change 'output' in sitegen.toml:2 (or pass --output)" in err


def test_the_configuration_reloaded_while_serving_keeps_the_command_lines_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sitegen serve --no-cache --strict` wrote the cache again from the second build on."""
    import sitegen.serve
    from sitegen.cli import main

    reloaded: list[Config] = []
    monkeypatch.setattr(sitegen.serve, "serve", lambda config, *a, load_config, **k: reloaded.append(load_config()))
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert main(["serve", "--no-cache", "--strict", "--port", "0"]) == 0
    assert [(c.cache, c.strict) for c in reloaded] == [(False, True)]


# -- the server's process ------------------------------------------------------------------------


class MovingBuilder:
    """A Builder stand-in whose rebuild moves the site to another base path."""

    def __init__(self, config: Config, moved: Config) -> None:
        self.config, self._moved = config, moved

    def rebuild(self, *changed: object) -> bool:
        self.config = self._moved
        return True


@pytest.mark.parametrize("fork", [True, False], ids=["child-process", "thread-without-fork"])
def test_the_server_process_sends_the_events_it_observes_and_serves_where_the_builder_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    """Where there is no fork (Windows) nothing forks either: the server's part runs in a thread."""
    from sitegen.preview import ServerProcess
    from sitegen.serve import listen

    if not fork:
        monkeypatch.delattr(os, "fork")

    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("<html><body>home</body></html>", "utf-8")
    watched = tmp_path / "articles"
    watched.mkdir()
    listening = listen("127.0.0.1", 0)
    port = listening.getsockname()[1]
    server = ServerProcess(listening)
    try:
        assert server.start([watched], output, "/a/", ("ar", "en")) is True  # file-system events work here
        assert fetch(f"http://127.0.0.1:{port}/a/")[0] == 200
        assert not server.wait(0.1)
        (watched / "new.txt").write_text("خبر", "utf-8")
        assert server.wait(5) and str(watched / "new.txt") in server.changes.take()
        server.clear()
        builder = MovingBuilder(config_for(tmp_path), mount(config_for(tmp_path), "127.0.0.1", port, "/b/"))
        assert server.rebuilding(builder)()  # type: ignore[arg-type]
        until(lambda: fetch(f"http://127.0.0.1:{port}/b/")[0] == 200, 5)
        assert fetch(f"http://127.0.0.1:{port}/a/")[0] == 404
    finally:
        server.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)  # stopped: nobody listens


def test_a_save_as_the_server_starts_is_built_and_the_server_still_runs_on_file_system_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The observer starts before the server says it serves: a file saved in between was an
    event sent first, taken for the answer, and the whole session then polled (every 0.1 s,
    and 0.2 s after each save) as if events were unavailable. Run as a thread (no fork) so
    that the save can be made at exactly that moment."""
    import sitegen.preview
    from sitegen.preview import ServerProcess
    from sitegen.serve import listen

    monkeypatch.delattr(os, "fork")
    observe = sitegen.preview.watch_files

    def saved_at_once(paths, changed):
        unobserve = observe(paths, changed)
        changed([str(watched / "saved.txt")])  # as the observer's thread does when a save comes now
        return unobserve

    monkeypatch.setattr(sitegen.preview, "watch_files", saved_at_once)
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("<html><body>home</body></html>", "utf-8")
    watched = tmp_path / "articles"
    watched.mkdir()
    server = ServerProcess(listen("127.0.0.1", 0))
    try:
        assert server.start([watched], output, "/", ("ar", "en")) is True
        assert server.is_set() and server.changes.take() == {str(watched / "saved.txt")}
    finally:
        server.close()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_a_server_process_that_dies_stops_sitegen_serve_with_a_message(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        (child,) = _children(server.process.pid)
        os.kill(child, signal.SIGKILL)
        assert server.process.wait(10) == 1
        log = server.log()
        assert "the preview server stopped unexpectedly" in log and "Traceback" not in log


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the server's part is a child process where there is fork")
def test_the_server_process_does_not_import_modules_from_the_folder_serve_was_started_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child is started with python -c, which puts the current folder first on sys.path: a
    selectors.py or socket.py in the site's folder replaced the standard library's (and ran)."""
    from sitegen.preview import ServerProcess
    from sitegen.serve import listen

    site = tmp_path / "site"
    site.mkdir()
    for name in ("selectors", "socketserver", "watchdog"):
        (site / f"{name}.py").write_text("raise SystemExit('imported from the site folder')\n", "utf-8")
    monkeypatch.chdir(site)
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("<html><body>home</body></html>", "utf-8")
    listening = listen("127.0.0.1", 0)
    port = listening.getsockname()[1]
    server = ServerProcess(listening)
    try:
        server.start([site], output, "/", ("ar", "en"))
        assert fetch(f"http://127.0.0.1:{port}/")[0] == 200
    finally:
        server.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the server's part is a child process where there is fork")
def test_the_server_process_ends_with_sitegen_serve_while_a_process_its_build_forked_still_runs(
    tmp_path: Path,
) -> None:
    """A build forks processes that outlive it (the deletion of a replaced output, detached): they
    kept this process's end of the pair open, so a `sitegen serve` killed with SIGKILL left its
    server listening on the port until the deletion had ended (seconds to minutes)."""
    from sitegen.preview import ServerProcess
    from sitegen.serve import listen

    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("<html><body>home</body></html>", "utf-8")
    server = ServerProcess(listen("127.0.0.1", 0))
    assert server._process is not None
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked process: holds what it inherited for a while
        time.sleep(5)
        os._exit(0)
    try:
        server._conn.close()  # this process is gone, as after SIGKILL: no "stop" is sent
        server._process.wait(3)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        server.close()
