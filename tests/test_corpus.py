"""Fast tests of the synthetic benchmark corpus (benchmarks/make_corpus.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sitegen.headers import split_metadata

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "make_corpus.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


make_corpus = _load()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_same_arguments_write_byte_identical_files(tmp_path: Path) -> None:
    assert make_corpus.main(["--count", "50", "--out", str(tmp_path / "a"), "--seed", "7"]) == 0
    assert make_corpus.main(["--count", "50", "--out", str(tmp_path / "b"), "--seed", "7"]) == 0
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(first) == 51  # 50 articles and the manifest
    assert first == second


def test_another_seed_gives_another_corpus() -> None:
    one = [a.text for a in make_corpus.generate(20, 1)]
    two = [a.text for a in make_corpus.generate(20, 2)]
    assert one != two


def test_refuses_to_write_into_a_folder_it_did_not_create(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit):
        make_corpus.write_corpus(tmp_path, 5, 1, force=True)
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_force_replaces_its_own_corpus(tmp_path: Path) -> None:
    make_corpus.write_corpus(tmp_path / "c", 10, 1)
    make_corpus.write_corpus(tmp_path / "c", 5, 1, force=True)
    assert make_corpus.read_manifest(tmp_path / "c") == {
        "count": 5,
        "seed": 1,
        "generator": "benchmarks/make_corpus.py",
    }
    assert len(list((tmp_path / "c").rglob("*.txt")) + list((tmp_path / "c").rglob("*.md"))) == 5


@pytest.fixture(scope="module")
def articles() -> list:
    return list(make_corpus.generate(400, 1))


def test_language_mix_is_mostly_arabic(articles: list) -> None:
    arabic = sum(a.lang == "ar" for a in articles) / len(articles)
    assert 0.78 <= arabic <= 0.92


def test_about_a_fifth_are_markdown(articles: list) -> None:
    markdown = sum(a.format == "md" for a in articles) / len(articles)
    assert 0.13 <= markdown <= 0.27
    assert all(a.path.endswith("." + a.format) for a in articles)


def test_some_articles_are_undated_and_live_in_undated(articles: list) -> None:
    undated = [a for a in articles if not a.dated]
    assert 0.02 <= len(undated) / len(articles) <= 0.09
    assert all(a.path.startswith("undated/") for a in undated)
    assert all(re.match(r"20(1[5-9]|2[0-4])/(0[1-9]|1[0-2])/", a.path) for a in articles if a.dated)


def test_every_file_is_utf8_text_with_a_final_newline(articles: list) -> None:
    for a in articles:
        data = a.text.encode("utf-8")
        assert data.decode("utf-8") == a.text
        assert a.text.endswith("\n")
        assert "\r" not in a.text


def test_markdown_files_have_a_pelican_header(articles: list) -> None:
    for a in (a for a in articles if a.format == "md"):
        meta = split_metadata(a.text)
        assert {"title", "tags", "lang", "summary"} <= meta.fields.keys()
        assert meta.fields["lang"] == a.lang
        assert 5 <= len(meta.fields["tags"]) <= 15
        assert ("date" in meta.fields) == a.dated
        if a.dated:
            date = meta.fields["date"]
            assert isinstance(date, str)  # one value, not a list
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)


def test_text_files_have_no_header_and_start_with_a_date_when_dated(articles: list) -> None:
    for a in (a for a in articles if a.format == "txt"):
        assert split_metadata(a.text).fields == {}
        first = a.text.split("\n", 1)[0]
        has_year = re.search(r"(20[12]\d|[٢][٠][١٢][٠-٩])$", first) is not None
        assert has_year == a.dated


def test_bodies_have_400_to_about_900_words(articles: list) -> None:
    words = [len(a.text.split()) for a in articles]
    assert min(words) >= 400
    assert max(words) <= 1100


def test_text_articles_mention_their_names(articles: list) -> None:
    names = {e.ar for e in make_corpus.ENTITIES} | {e.en for e in make_corpus.ENTITIES}
    for a in [a for a in articles if a.format == "txt"][:50]:
        assert sum(1 for n in names if n in a.text) >= 5


def test_tag_pool_has_a_few_hundred_names() -> None:
    assert 200 <= len(make_corpus.ENTITIES) <= 400
    assert len({e.ar for e in make_corpus.ENTITIES}) == len(make_corpus.ENTITIES)
