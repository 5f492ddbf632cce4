"""sitegen works when installed from a wheel, in a folder that has nothing of the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SEEDS


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    (path,) = out.glob("sitegen-*.whl")
    return path


def test_wheel_ships_theme_catalogs_and_vocabulary(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "sitegen/_theme/templates/base.html",
        "sitegen/_theme/templates/article.html",
        "sitegen/_theme/static/style.css",
        "sitegen/locales/ar.toml",
        "sitegen/locales/en.toml",
        "sitegen/live.js",  # the preview server's page script
        "sitegen/data/tags.toml",
    ):
        assert required in names


def test_installed_wheel_builds_in_an_unrelated_folder(wheel, tmp_path):
    site_packages = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(site_packages)  # a pure-Python wheel installs by unpacking
    elsewhere = tmp_path / "somewhere" / "else"
    shutil.copytree(SEEDS, elsewhere / "seeds")
    env = {**os.environ, "PYTHONPATH": str(site_packages), "SITEGEN_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys, sitegen; from sitegen.cli import main; "
        f"assert sitegen.__file__.startswith({str(site_packages)!r}), sitegen.__file__; "
        "sys.exit(main(['build', '-q']))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, check=True, timeout=120)
    out = elsewhere / "output"
    assert (out / "index.html").is_file() and (out / "static" / "style.css").is_file()
    assert "علاقات روسية ـ باكستانية متنامية" in (out / "index.html").read_text("utf-8")


def test_site_templates_and_static_override_the_theme_file_by_file(wheel, tmp_path):
    site_packages = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(site_packages)
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site / "seeds")
    (site / "templates").mkdir()
    theme_404 = (REPO / "templates" / "404.html").read_text("utf-8")
    (site / "templates" / "404.html").write_text(theme_404.replace("<h1>", '<h1 class="mine">'), "utf-8")
    (site / "static").mkdir()
    (site / "static" / "extra.txt").write_text("hello", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(site_packages), "SITEGEN_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-m", "sitegen", "build", "-q"], cwd=site, env=env, check=True, timeout=120)
    assert '<h1 class="mine">' in (site / "output" / "404.html").read_text("utf-8")
    assert '<h1 class="mine">' not in (site / "output" / "index.html").read_text("utf-8")
    assert (site / "output" / "static" / "extra.txt").read_text() == "hello"
    assert (site / "output" / "static" / "style.css").is_file()
