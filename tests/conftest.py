"""Shared fixtures: the Nu Html Checker, and sites built once per session."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import tempfile
from pathlib import Path

import pytest
import sitecheck
from hypothesis import settings

from sitegen.cli import main

# No property test has a deadline: on a loaded machine (CI, or helpers' test runs beside it) one
# call of a quick function took 312 ms once, and the default deadline of 200 ms failed the test.
settings.register_profile("sitegen", deadline=None)
settings.load_profile("sitegen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _memory_folder(least: int = 4 << 30) -> str | None:
    """/dev/shm when it is a writable file system in memory with room for a test run (about
    1 GB of built sites): the suite writes some 80,000 small files, and on a virtual disk the
    file system's own work on them was a seventh of the run. Docker's 64 MB /dev/shm, or none
    (macOS), leaves the tests on disk, as does an explicit --basetemp; so does a machine or
    container with less than that memory free (the files count against it)."""
    try:
        stat = os.statvfs("/dev/shm")
    except OSError:
        return None
    if stat.f_bavail * stat.f_frsize < least or not os.access("/dev/shm", os.W_OK):
        return None
    if min(_memory_free(), _memory_allowed()) < least:
        return None
    return "/dev/shm"


def _memory_free() -> int:
    """MemAvailable of /proc/meminfo in bytes (no such file: none)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _memory_allowed() -> int:
    """What a container may still use (cgroup v2 memory.max less memory.current); unlimited: a lot."""
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text("ascii").strip()
        used = Path("/sys/fs/cgroup/memory.current").read_text("ascii").strip()
    except OSError:
        return 1 << 62
    return int(limit) - int(used) if limit.isdigit() and used.isdigit() else 1 << 62


_SCRATCH = _memory_folder()

# Keep the article caches of test builds out of the repository's own .sitegen-cache/, in a
# folder that goes with the test run (each run left one behind in /tmp).
_TEST_CACHE = tempfile.mkdtemp(prefix="sitegen-test-cache-", dir=_SCRATCH)
os.environ["SITEGEN_CACHE_DIR"] = _TEST_CACHE
_RUNNER = os.getpid()


def _remove_test_cache() -> None:
    if os.getpid() == _RUNNER:
        shutil.rmtree(_TEST_CACHE, ignore_errors=True)


atexit.register(_remove_test_cache)

# A shell starts background jobs (`pytest &`, some CI runners) with Ctrl-C ignored, and every
# `sitegen serve` the tests start would inherit that and never stop on SIGINT. The tests are
# about sitegen's own handling of Ctrl-C, so give the test process, and so its children, the
# normal one.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

_BASETEMP = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)  # before pytest's tmp_path factory reads the option
def pytest_configure(config: pytest.Config) -> None:
    """tmp_path folders in memory (see _memory_folder); the xdist workers get theirs inside."""
    if _SCRATCH and config.option.basetemp is None and not hasattr(config, "workerinput"):
        config.option.basetemp = config.stash[_BASETEMP] = tempfile.mkdtemp(prefix="sitegen-tests-", dir=_SCRATCH)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A passing run's folders go (memory is not a disk that pytest trims to the last three
    runs); a failing run's stay for a look, and the summary says where."""
    sitecheck.stop_vnu_server()  # in every worker: each started its own
    base = session.config.stash.get(_BASETEMP, None)
    if base and exitstatus == 0:
        shutil.rmtree(base, ignore_errors=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int) -> None:
    base = terminalreporter.config.stash.get(_BASETEMP, None)
    if base and exitstatus != 0:
        terminalreporter.write_line(f"the failed run's tmp_path folders stay in {base} (in memory): delete it after")


@pytest.fixture(scope="session")
def vnu() -> str:
    """Install vnu on demand; fail under CI (skip loudly elsewhere) when it cannot be had."""
    return sitecheck.require_vnu()


def write_source(tmp_path: Path, files: dict[str, str]) -> Path:
    """A source folder tmp_path/src holding the given article files (name -> text)."""
    source = tmp_path / "src"
    source.mkdir()
    for name, text in files.items():
        (source / name).write_text(text, "utf-8")
    return source


def must_match(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """re.search that fails the test where the pattern is not in the text (so that what it
    returns can be used as a match: no AttributeError on None, and mypy knows it is one)."""
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found"
    return match


def build_site(source: Path, output: Path, *extra: str) -> Path:
    """Build with the real CLI, in-process; assert it succeeded."""
    code = main(["build", "--source", str(source), "--output", str(output), "-q", *extra])
    assert code == 0, f"sitegen build exited {code}"
    return output


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seeds/ built once for the session."""
    return build_site(SEEDS, tmp_path_factory.mktemp("seeds") / "output")


@pytest.fixture(scope="session")
def mixed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive (Arabic and English, plain text and Markdown, edge cases) plus the seeds."""
    source = tmp_path_factory.mktemp("mixed-src")
    shutil.copytree(FIXTURES / "archive", source, dirs_exist_ok=True)
    for seed in SEEDS.iterdir():
        shutil.copy(seed, source / seed.name)
    return build_site(
        source, tmp_path_factory.mktemp("mixed") / "output", "--base-url", "https://example.github.io/archive/"
    )


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A site root with its own cache, a source copy of the fixture archive, and an output."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitegen.toml").write_text('base_url = "https://example.github.io/archive/"\nper_page = 3\n', "utf-8")
    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "archive", source)
    for seed in SEEDS.iterdir():
        shutil.copy(seed, source / seed.name)
    return site, source, tmp_path / "out"
