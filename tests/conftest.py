"""Shared fixtures: the Nu Html Checker, and sites built once per session."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest
import sitecheck

from sitegen.cli import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Keep the article caches of test builds out of the repository's own .sitegen-cache/, in a
# folder that goes with the test run (each run left one behind in /tmp).
_TEST_CACHE = tempfile.mkdtemp(prefix="sitegen-test-cache-")
os.environ["SITEGEN_CACHE_DIR"] = _TEST_CACHE
_RUNNER = os.getpid()
atexit.register(lambda: os.getpid() == _RUNNER and shutil.rmtree(_TEST_CACHE, ignore_errors=True))

# A shell starts background jobs (`pytest &`, some CI runners) with Ctrl-C ignored, and every
# `sitegen serve` the tests start would inherit that and never stop on SIGINT. The tests are
# about sitegen's own handling of Ctrl-C, so give the test process, and so its children, the
# normal one.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


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
