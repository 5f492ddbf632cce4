"""The code stays clean: ruff (lint) and mypy (types) pass on the package, its tests and the benchmark
scripts (the tests run benchmarks/make_corpus.py), as CI requires."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors_in_the_package_tests_or_benchmarks():
    result = run("mypy")  # the files of pyproject.toml's [tool.mypy]: sitegen, tests, benchmarks
    assert result.returncode == 0, result.stdout + result.stderr
