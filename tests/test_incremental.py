"""Incremental builds equal full builds, byte for byte, after every kind of edit."""

from __future__ import annotations

import dataclasses
import fcntl
import gc
import hashlib
import logging
import os
import pickle
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build_site
from test_media import PNG

from sitegen import articles as articles_module
from sitegen import build as build_module
from sitegen import collect as collect_module
from sitegen import config as configuration
from sitegen import incremental as incremental_module
from sitegen import manifest
from sitegen import presence as presence_module
from sitegen import search as search_module
from sitegen import session as session_module
from sitegen.articles import confirm_sources, load_articles, named_sources
from sitegen.build import build as build_with
from sitegen.cli import main
from sitegen.keys import Keys
from sitegen.manifest import Stubs
from sitegen.model import Body, BuildReport, Page
from sitegen.parallel import Forked
from sitegen.render import Renderer
from sitegen.session import Session
from sitegen.theme import theme_dir
from sitegen.watch import scan


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(site: Path, source: Path, output: Path, *extra: str) -> None:
    build_site(source, output, "--config", str(site / "sitegen.toml"), *extra)


def assert_same_as_full_build(site: Path, source: Path, output: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    build(site, source, full, "--no-cache")
    assert snapshot(output) == snapshot(full)


def inputs_digest(*folders: Path) -> str:
    """A digest of every file and folder under the given folders (names relative to each, and bytes)."""
    h = hashlib.sha256()
    for folder in folders:
        h.update(b"\0folder\0")
        for path in sorted(folder.rglob("*")):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(path.read_bytes() if path.is_file() else b"\0dir\0")
    return h.hexdigest()


@pytest.fixture(scope="session")
def full_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of full builds' outputs by their inputs, shared by the tests of the run, the
    xdist workers' too (their base folders are inside the run's). The same sources give the
    same site, byte for byte, whichever test or folder they are built in (a full build reads
    the site's and the sources' files only): the scripted edits of each mode of a test reach
    the same sources one after the other, and a full build of each took half the test's time."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    store = root / "full-builds"
    store.mkdir(exist_ok=True)
    return store


def assert_same_as_shared_full_build(site: Path, source: Path, output: Path, store: Path) -> None:
    """assert_same_as_full_build, with the full build of the same site and sources made once in
    the run (full_builds) rather than once per test: for tests that patch nothing a build uses."""
    saved = store / f"{inputs_digest(site, source)}.pickle"
    with open(store / f"{saved.stem}.lock", "wb") as lock:  # another worker building it: wait for it
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not saved.exists():
            full = store / f"{saved.stem}-output"
            shutil.rmtree(full, ignore_errors=True)
            build(site, source, full, "--no-cache")
            partial = saved.with_suffix(".partial")
            partial.write_bytes(pickle.dumps(snapshot(full)))
            partial.rename(saved)
            shutil.rmtree(full)
        reference = pickle.loads(saved.read_bytes())
    assert snapshot(output) == reference


def counting_children(children: list[int]) -> type[Forked]:
    """Forked, noting the pid of every child it starts in children."""

    class Counting(Forked):
        def __init__(self, fn: Callable[[], object]) -> None:
            super().__init__(fn)
            if self._child is not None:
                children.append(self._child[0])

    return Counting


def touch_later(path: Path) -> None:
    """Make sure the modification time moves even on coarse-grained file systems."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def append_paragraph(path: Path, text: str = "One more paragraph at the end.") -> None:
    """An edit further down an article's body: only its own page changes."""
    path.write_text(path.read_text("utf-8") + f"\n{text}\n", "utf-8")
    touch_later(path)


def assert_edit_goes_into_the_last_site(session: Session, site: Path, source: Path, out: Path, tmp_path: Path) -> None:
    """A body edit rebuilt in the session writes its own page only, is put into the last Site
    (recollect) rather than collected afresh, and gives the same site as a full build."""
    assert session.collected is not None
    before = session.collected.site
    append_paragraph(source / "english-plain.txt")
    report = build_in_session(session, site, source, out)
    session.settle()
    assert report.written == 1
    assert session.collected.site.index is before.index
    assert_same_as_full_build(site, source, out, tmp_path)


def build_in_session(session: Session, site: Path, source: Path, output: Path) -> BuildReport:
    """A rebuild as sitegen serve makes it: in process, re-reading the configuration each time."""
    config = configuration.load(site / "sitegen.toml", source=source, output=output)
    return build_with(config, session=session)


def rebuilder(mode: str, site: Path, source: Path, out: Path) -> Callable[[], None]:
    """An incremental rebuild as the command line ("cli") or sitegen serve ("session") makes it;
    "named": as sitegen serve makes it after file-system events, told the paths that changed
    (here: every path whose stamp or size differs, as events name them); "warm": as sitegen serve
    started on a site the command line built (its first build finds nothing to do, and loads
    the Site in the background for the first edit)."""
    session = Session()
    seen = scan([source, site])
    started = False

    def rebuild() -> None:
        nonlocal seen, started
        if mode == "cli" or (mode == "warm" and not started):
            build(site, source, out)
            if mode == "cli":
                return
            started = True
        now = scan([source, site])
        named = {path for path in seen.keys() | now.keys() if seen.get(path) != now.get(path)}
        seen = now
        config = configuration.load(site / "sitegen.toml", source=source, output=out)
        build_with(config, session=session, changed=named if mode == "named" else None)
        session.settle()
        assert confirm_sources(session, config, now)  # what serve checks after each build

    return rebuild


@pytest.mark.parametrize("mode", ["cli", "session", "named", "warm"])
def test_scripted_edits_keep_incremental_equal_to_full(workspace, full_builds, mode):
    site, source, out = workspace
    rebuild = rebuilder(mode, site, source, out)

    rebuild()
    steps = []

    def step(name, action):
        action()
        rebuild()
        assert_same_as_shared_full_build(site, source, out, full_builds)
        steps.append(name)

    english = source / "english-plain.txt"

    def change_title():
        english.write_text(english.read_text("utf-8").replace("pledge to deepen", "agree to widen"), "utf-8")
        touch_later(english)

    def change_body_only():
        append_paragraph(english)

    def change_first_paragraph():  # the excerpt shown in every list
        english.write_text(english.read_text("utf-8").replace("Russian Foreign Minister", "The minister"), "utf-8")
        touch_later(english)

    levantine = source / "2023" / "levantine.txt"

    def change_update_line():  # only the update date: the page, the feeds and the sitemap show it
        levantine.write_text(levantine.read_text("utf-8").replace("١٣ تشرين", "١٤ تشرين"), "utf-8")
        touch_later(levantine)

    def change_updated_key():
        cairo = source / "english-front-matter.md"
        cairo.write_text(cairo.read_text("utf-8").replace("updated: 2023-06-08", "updated: 2024-07-01"), "utf-8")
        touch_later(cairo)

    def add_article():
        (source / "new.txt").write_text(
            "20 أبريل 2024\nخبر جديد عن روسيا\nنص الخبر الجديد عن روسيا وباكستان.\n", "utf-8"
        )

    def add_timed_article():  # the same day at 09:00: listed before new.txt, which has no time
        (source / "same-day.txt").write_text(
            "20 أبريل 2024 - 09:00 ص\nخبر آخر عن روسيا\nنص خبر آخر عن روسيا وباكستان.\n", "utf-8"
        )

    def change_time():  # new.txt at 10:00 is now the day's latest: the order of the day changes
        path = source / "new.txt"
        path.write_text(path.read_text("utf-8").replace("20 أبريل 2024\n", "20 أبريل 2024 - 10:00 ص\n"), "utf-8")
        touch_later(path)

    def rename_article():
        (source / "new.txt").rename(source / "renamed.txt")

    def change_date():
        path = source / "renamed.txt"
        path.write_text(path.read_text("utf-8").replace("20 أبريل 2024", "1 يناير 2019"), "utf-8")
        touch_later(path)

    def delete_article():
        (source / "renamed.txt").unlink()
        (source / "pairs" / "summit.en.txt").unlink()

    def change_template():
        (site / "templates").mkdir(exist_ok=True)
        base = (Path(__file__).resolve().parent.parent / "templates" / "card.html").read_text("utf-8")
        (site / "templates" / "card.html").write_text(base.replace('class="card"', 'class="card custom"'), "utf-8")

    def change_config():
        (site / "sitegen.toml").write_text('base_url = "https://example.github.io/archive/"\nper_page = 5\n', "utf-8")

    def change_vocabulary():
        (site / "tags.toml").write_text(
            '[[tag]]\nslug = "summit"\nar = "قمة"\nen = "Summit"\naliases = ["summit"]\n', "utf-8"
        )

    for name, action in [
        ("change title", change_title),
        ("change body", change_body_only),
        ("change excerpt", change_first_paragraph),
        ("change update line", change_update_line),
        ("change updated key", change_updated_key),
        ("add", add_article),
        ("add timed", add_timed_article),
        ("change time", change_time),
        ("rename", rename_article),
        ("change date", change_date),
        ("delete", delete_article),
        ("template", change_template),
        ("config", change_config),
        ("vocabulary", change_vocabulary),
    ]:
        step(name, action)
    assert len(steps) == 14


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_a_same_language_neighbour_edited_in_another_chunk_updates_the_links_to_it(
    workspace, tmp_path, monkeypatch, mode
):
    """Article pages are rendered in chunks of the listing; with chunks of two, the English
    neighbours of the edited article (listed between Arabic ones) are in other chunks."""
    chunked = Renderer.tasks
    monkeypatch.setattr(Renderer, "tasks", lambda self, chunk=2: chunked(self, chunk))
    site, source, out = workspace
    session = Session()

    def rebuild() -> None:
        if mode == "cli":
            build(site, source, out, "--jobs", "1")
        else:
            build_in_session(session, site, source, out)
            session.settle()

    rebuild()
    cairo = source / "english-front-matter.md"
    cairo.write_text(cairo.read_text("utf-8").replace("leaders discuss", "leaders argue about"), "utf-8")
    touch_later(cairo)
    rebuild()
    linking = [
        p for p in out.rglob("articles/*/index.html") if "Cairo summit: leaders argue about" in p.read_text("utf-8")
    ]
    assert {p.parent.name for p in linking} == {
        "cairo-summit-leaders-argue-about-the-economy",  # its own page, under its new slug
        "russia-and-pakistan-pledge-to-deepen-trade",  # the newer English article: its older link
        "municipal-elections-in-tunisia",  # the older English article: its newer link
    }
    assert_same_as_full_build(site, source, out, tmp_path)


def test_unchanged_rebuild_renders_nothing(workspace, capsys):
    site, source, out = workspace
    build(site, source, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert main(["build", "--config", str(site / "sitegen.toml"), "--source", str(source), "--output", str(out)]) == 0
    assert "(0 rendered)" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


def test_one_article_edit_rewrites_only_affected_pages(workspace, capsys):
    site, source, out = workspace
    build(site, source, out)
    path = source / "2023" / "levantine.txt"
    path.write_text(path.read_text("utf-8") + "\nفقرة أخيرة مضافة.\n", "utf-8")
    touch_later(path)
    assert main(["build", "--config", str(site / "sitegen.toml"), "--source", str(source), "--output", str(out)]) == 0
    summary = capsys.readouterr().out
    rendered = int(summary.split("(")[1].split(" rendered")[0])
    total = int(summary.split(" pages")[0].split()[-1])
    assert 1 <= rendered < total / 2


@pytest.mark.parametrize("forked", [False, True], ids=["checked-here", "checked-by-a-child"])
def test_file_deleted_from_output_by_hand_comes_back(workspace, monkeypatch, forked):
    """Large outputs are checked by a forked child (FORK_FROM files); small ones in process."""
    from sitegen import presence

    children: list[int] = []
    if forked:
        monkeypatch.setattr(presence.Presence, "FORK_FROM", 1)
        monkeypatch.setattr(presence, "Forked", counting_children(children))
    site, source, out = workspace
    build(site, source, out)
    (out / "index.html").unlink()
    page = next((out / "articles").rglob("index.html"))
    page.unlink()
    build(site, source, out)  # no source changed: only the missing files make this build run
    assert (out / "index.html").is_file() and page.is_file()
    assert bool(children) == (forked and threading.active_count() == 1)


def cli_build(site: Path, source: Path, output: Path) -> BuildReport:
    """An incremental build as `sitegen build` makes it, in process, with its report."""
    return build_with(configuration.load(site / "sitegen.toml", source=source, output=output))


def output_stamps(out: Path) -> dict[str, tuple[int, int, int]]:
    """Every output file's inode, size and modification time: what a build that writes nothing keeps."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("forked", [False, True], ids=["checked-here", "checked-by-a-child"])
def test_files_edited_in_the_output_by_hand_are_made_again_as_a_clean_build_makes_them(
    workspace, tmp_path, monkeypatch, forked
):
    """Same input, same output: an incremental build with no source changed puts back what a
    page, the stylesheet, a feed, the sitemap and the search index are, even when an edit kept
    the file's size, or set its modification time back."""
    if forked:
        monkeypatch.setattr(presence_module.Presence, "FORK_FROM", 1)
    site, source, out = workspace
    build(site, source, out)
    page = next((out / "articles").rglob("index.html"))
    edited = {
        out / "index.html": lambda b: b.replace(b"</main>", b"<p>hand-made</p></main>"),
        page: lambda b: b.replace(b"<h1", b"<h2", 1),  # same size
        out / "static" / "style.css": lambda b: b + b"body{color:red}",
        out / "feed.xml": lambda b: b[:-10],
        out / "sitemap.xml": lambda b: b.replace(b"<loc>", b"<loc> ", 1),
        out / "search" / "index.json": lambda b: b.replace(b'"version"', b'"Version"'),
    }
    for path, change in edited.items():
        st = path.stat()
        path.write_bytes(change(path.read_bytes()))
        if path == page:  # set back: only the size or the change time can tell
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    report = cli_build(site, source, out)
    assert report.changed
    assert_same_as_full_build(site, source, out, tmp_path)
    stamps = output_stamps(out)
    again = cli_build(site, source, out)  # nothing changed since: the quick path, nothing written
    assert again.written == 0 and not again.changed
    assert output_stamps(out) == stamps


def test_a_published_picture_edited_in_the_output_is_copied_again(workspace, tmp_path):
    site, source, out = workspace
    (source / "map.png").write_bytes(PNG)
    (source / "with-map.md").write_text(
        "---\ntitle: A map\ndate: 2024-01-02\nlang: en\n---\nThe map: ![A map](map.png)\n", "utf-8"
    )
    build(site, source, out)
    (published,) = (out / "media").rglob("map.png")
    published.write_bytes(PNG[:-1] + b"!")
    assert cli_build(site, source, out).changed
    assert_same_as_full_build(site, source, out, tmp_path)
    assert published.read_bytes() == PNG


def test_a_file_deleted_from_the_output_comes_back_and_the_next_build_writes_nothing(workspace, tmp_path):
    site, source, out = workspace
    build(site, source, out)
    page = next((out / "articles").rglob("index.html"))
    for path in (page, out / "static" / "search.js", out / "search" / "index.json", out / "en" / "404.html"):
        path.unlink()
    assert cli_build(site, source, out).changed
    assert_same_as_full_build(site, source, out, tmp_path)
    stamps = output_stamps(out)
    again = cli_build(site, source, out)
    assert again.written == 0 and not again.changed
    assert output_stamps(out) == stamps


def test_a_search_file_edited_by_hand_is_not_patched_but_made_afresh(workspace, tmp_path):
    """An article edit patches the search index from the output's files (search.kept_or_patched):
    never from one edited by hand since the last build, which would carry the edit on."""
    site, source, out = workspace
    build(site, source, out)
    keys = sorted(p.stem for p in (out / "search" / "s").iterdir())
    latin = next(k for k in keys if all(0x61 <= int(c, 16) <= 0x7A for c in k.split("-")))
    word = "".join(chr(int(c, 16)) for c in latin.split("-")) + "xqzword"
    shard = out / "search" / "s" / f"{latin}.json"  # the one the edit patches (a word added)
    assert search_module.shard_key(word) == latin
    shard.write_bytes(shard.read_bytes().replace(b'"b":{', b'"b":{"bravo":[1],', 1))
    append_paragraph(source / "english-plain.txt", f"A paragraph with a {word} in it.")
    cli_build(site, source, out)
    assert_same_as_full_build(site, source, out, tmp_path)


def test_an_output_file_touched_but_not_changed_is_not_written_and_then_trusted_again(workspace):
    """Its bytes are compared (nothing is written), and its new time noted: the build after
    takes the quick path again."""
    site, source, out = workspace
    build(site, source, out)
    home = out / "index.html"
    touch_later(home)
    stamps = output_stamps(out)
    report = cli_build(site, source, out)
    assert not report.changed and output_stamps(out) == stamps
    checked: list[int] = []
    real = presence_module.Presence.missing

    def counting(self: presence_module.Presence) -> set[str]:
        found = real(self)
        checked.append(len(found))
        return found

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(presence_module.Presence, "missing", counting)
        assert cli_build(site, source, out).written == 0
    assert checked == [0]


def test_in_a_session_a_file_edited_in_the_output_is_made_again_after_the_check(workspace, tmp_path):
    """As a deleted one: the check in a quiet moment notices it, and the next build puts it back."""
    site, source, out = workspace
    session = Session()
    build_in_session(session, site, source, out)
    session.idle()
    home = out / "index.html"
    home.write_bytes(home.read_bytes().replace(b"</main>", b"<p>hand-made</p></main>"))
    build_in_session(session, site, source, out)  # nothing changed: the quick path
    assert session.idle()  # the check
    assert not session.output_checked
    build_in_session(session, site, source, out)
    session.settle()
    assert b"hand-made" not in home.read_bytes()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_the_cli_has_a_forked_child_scan_the_sources_while_it_loads_the_rest(workspace, tmp_path, monkeypatch):
    """`sitegen build` lists and stats the source files in a child started before the renderer is
    imported (0.1 s of an edit build at 10,000 articles); the build itself then scans nothing."""
    from sitegen import parallel

    children: list[int] = []

    def scanned_again(*args, **kwargs):
        raise AssertionError("the build scanned the source folder although the CLI had")

    monkeypatch.setattr(parallel, "Forked", counting_children(children))
    monkeypatch.setattr(build_module, "scan_sources", scanned_again)
    site, source, out = workspace
    build(site, source, out)
    append_paragraph(source / "english-plain.txt", "A paragraph that only the child saw change.")
    touch_later(source / "english-plain.txt")
    build(site, source, out)
    pages = [p.read_text("utf-8") for p in (out / "articles").rglob("index.html")]
    assert sum("A paragraph that only the child saw change." in page for page in pages) == 1
    assert len(children) == (2 if threading.active_count() == 1 else 0)
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_scan_made_by_a_forked_child_equals_one_made_here(tmp_path):
    """What crosses the pipe is the whole scan: files, notes (a README, a symbolic link, a Word
    file) and every file's stats."""
    import functools

    from sitegen.parallel import Forked
    from sitegen.read import scan_sources

    source = tmp_path / "src"
    (source / "2024").mkdir(parents=True)
    (source / "2024" / "a.txt").write_text("1 مارس 2024\nعنوان\nنص.\n", "utf-8")
    (source / "b.md").write_text("---\ntitle: B\n---\nBody.\n", "utf-8")
    (source / "README.md").write_text("# About\n", "utf-8")
    (source / "notes.docx").write_bytes(b"PK\x03\x04")
    (source / "link.txt").symlink_to(source / "b.md")
    here = scan_sources(source, tmp_path)
    assert here is not None
    (files, notes), stats = here
    assert files == ["2024/a.txt", "b.md"] and len(notes) == 3 and stats is not None and set(stats) == set(files)
    assert Forked(functools.partial(scan_sources, source, tmp_path)).result() == here
    assert scan_sources(tmp_path / "missing", tmp_path) is None


def test_corrupt_cache_is_detected_and_rebuilt(workspace, tmp_path, capsys):
    site, source, out = workspace
    build(site, source, out)
    for file in (tmp_path / "cache").glob("*.pickle"):
        file.write_bytes(b"not a pickle at all")
    path = source / "english-plain.txt"
    touch_later(path)
    args = ["build", "--config", str(site / "sitegen.toml"), "--source", str(source), "--output", str(out)]
    assert main(args) == 0
    assert "ignoring unreadable" in capsys.readouterr().err
    assert_same_as_full_build(site, source, out, tmp_path)


def test_cache_lives_outside_the_output(workspace, tmp_path):
    site, source, out = workspace
    build(site, source, out)
    assert list((tmp_path / "cache").glob("*.pickle"))
    assert not [p for p in out.rglob("*") if "cache" in p.name or p.suffix == ".pickle"]


def test_parallel_build_equals_single_process_build(workspace, tmp_path):
    site, source, _ = workspace
    for n in range(300):  # enough articles for the parallel path
        (source / f"bulk-{n:03d}.txt").write_text(
            f"{n % 28 + 1} مارس 2020\nخبر رقم {n}\nنص الخبر رقم {n} عن الاقتصاد والتجارة في مصر.\n", "utf-8"
        )
    build(site, source, tmp_path / "one", "--no-cache", "--jobs", "1")
    build(site, source, tmp_path / "two", "--no-cache", "--jobs", "2")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_a_build_leaves_no_objects_frozen_out_of_the_garbage_collector(workspace):
    """`sitegen serve` builds again and again in one process: a build may freeze its objects
    while it runs (for speed) but must hand them back, or each rebuild's cycles would leak."""
    import gc

    site, source, out = workspace
    build(site, source, out, "--no-cache")
    assert gc.get_freeze_count() == 0
    build(site, source, out)  # writes the caches
    (source / "extra.txt").write_text("1 مارس 2020\nخبر إضافي\nنص الخبر.\n", "utf-8")
    build(site, source, out)  # loads them, frozen while the build runs
    assert gc.get_freeze_count() == 0


def test_what_a_cache_load_makes_is_kept_out_of_the_collectors_scans():
    """Loading the caches makes a million objects without cycles; scanning them once when the
    collector is back on cost 40 ms of a 10,000-article edit build, so they are frozen."""
    import gc

    from sitegen import cache

    try:
        with cache.gc_paused(freeze=True):
            assert not gc.isenabled()
            loaded = [[n] for n in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(loaded)
    finally:
        gc.unfreeze()
    with cache.gc_paused():
        more = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0 and len(more) == 1000


def test_a_session_lists_its_articles_again_as_a_fresh_load_would(workspace, monkeypatch):
    """A session looks up and lists again only the files that changed (Listing); what it hands
    on (articles, what is said of each file, skipped files and drafts) must be what reading
    every file afresh gives, through edits that make an article a draft, skip a file and mend it."""
    site, source, out = workspace
    loads: list[articles_module.Loaded] = []

    def recording(*args, **kwargs):
        loaded = load_articles(*args, **kwargs)
        loads.append(loaded)
        return loaded

    monkeypatch.setattr(build_module, "load_articles", recording)
    rebuild = rebuilder("named", site, source, out)
    rebuild()
    cairo = source / "english-front-matter.md"
    english = source / "english-plain.txt"
    original = english.read_text("utf-8")

    def edit(path: Path, text: str) -> None:
        path.write_text(text, "utf-8")
        touch_later(path)

    steps = [
        lambda: append_paragraph(english),
        lambda: edit(cairo, cairo.read_text("utf-8").replace("lang: en\n", "lang: en\ndraft: true\n")),
        lambda: edit(english, ""),  # skipped: an empty file
        lambda: append_paragraph(source / "2023" / "levantine.txt"),
        lambda: edit(english, original),  # mended
        lambda: edit(cairo, cairo.read_text("utf-8").replace("draft: true\n", "")),
    ]
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    fresh_config = dataclasses.replace(config, cache=False)
    for step in steps:
        step()
        rebuild()
        got, fresh = loads[-1], load_articles(fresh_config)
        assert got.articles == fresh.articles
        assert got.sources == fresh.sources and got.digests == fresh.digests
        assert got.diagnostics == fresh.diagnostics
        assert (got.skipped, got.failed, got.drafts) == (fresh.skipped, fresh.failed, fresh.drafts)
    assert loads[3].failed == {"english-plain.txt"} and "english-front-matter.md" in loads[3].drafts
    assert not loads[-1].failed and loads[-1].drafts == {"draft.md"}  # the archive's own draft


def test_a_session_rebuild_works_from_memory_without_the_cache_folder(workspace, tmp_path):
    site, source, out = workspace
    session = Session()
    build_in_session(session, site, source, out)
    session.settle()
    shutil.rmtree(tmp_path / "cache")  # what the next build needs is in the session
    assert_edit_goes_into_the_last_site(session, site, source, out, tmp_path)


def test_a_session_started_on_a_built_site_is_ready_for_the_first_edit(workspace, tmp_path):
    """sitegen serve on a site built before: its first build has nothing to do, and it loads
    the article cache and the Site then, not when the first edit comes."""
    site, source, out = workspace
    build(site, source, out)
    session = Session()
    assert build_in_session(session, site, source, out).written == 0
    session.settle()
    assert session.articles is not None and session.collected is not None
    # The listing and the search ids too, as a build would have left them.
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    fresh = load_articles(dataclasses.replace(config, cache=False))
    listing, ids = session.listing, session.search_ids
    assert listing is not None and ids is not None
    assert listing.articles == fresh.articles and listing.said and listing.at is None
    assert ids.articles == search_module._by_id(session.collected.site.articles)
    assert_edit_goes_into_the_last_site(session, site, source, out, tmp_path)
    assert session.listing is not None and session.listing.at is not None  # relisted, not listed afresh
    assert session.search_ids is not None and session.search_ids.at is ids.at  # patched, not sorted again


def test_a_session_puts_its_edits_into_the_last_shape_as_freezing_afresh_would(workspace, monkeypatch):
    """The manifest's shape of the Site is the last one with the edits put in (refreeze) when
    every article kept its place, not frozen again from every article after each edit."""
    site, source, out = workspace
    refrozen: list[object] = []
    refreeze = incremental_module.refreeze

    def spied_refreeze(*a):
        refrozen.append(a)
        return refreeze(*a)

    monkeypatch.setattr(incremental_module, "refreeze", spied_refreeze)
    session = Session()
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    for edit in (None, "One more paragraph.", "And another one."):
        if edit:
            append_paragraph(source / "english-plain.txt", edit)
        build_in_session(session, site, source, out)
        session.settle()
        listing, built = session.listing, session.built
        assert listing is not None and built is not None
        afresh = collect_module.freeze(built, listing.key, listing.sources, listing.digests)
        assert session.shape is not None and session.shape == afresh
        assert session.idle()  # the manifest is written in a quiet moment
        saved = manifest.load_manifest(manifest.manifest_file(config), config)
        assert saved is not None and saved.shape == afresh
    assert len(refrozen) == 2  # both edits


def test_a_session_writes_its_caches_only_after_the_build(workspace, monkeypatch):
    """Cache writing runs in a thread; started during the build, it would take turns with the
    build for the interpreter and delay the reload."""
    site, source, out = workspace
    session = Session()
    build_in_session(session, site, source, out)
    session.settle()
    finished: list[bool] = []
    saved: list[bool] = []
    real_build, real_save = build_module._build, session_module.save_manifest

    def tracked_build(*args, **kwargs):
        try:
            return real_build(*args, **kwargs)
        finally:
            finished.append(True)

    monkeypatch.setattr(build_module, "_build", tracked_build)

    def spied_save(*a):
        saved.append(bool(finished))
        return real_save(*a)

    monkeypatch.setattr(session_module, "save_manifest", spied_save)
    english = source / "english-plain.txt"
    append_paragraph(english)
    build_in_session(session, site, source, out)
    session.idle()
    assert saved == [True]


def test_after_a_session_the_next_command_line_build_is_incremental(workspace, capsys):
    site, source, out = workspace
    session = Session()
    build_in_session(session, site, source, out)
    session.close()  # the caches are written after the build returns, the manifest at the latest on exit
    capsys.readouterr()
    assert main(["build", "--config", str(site / "sitegen.toml"), "--source", str(source), "--output", str(out)]) == 0
    assert "(0 rendered)" in capsys.readouterr().out


def test_a_session_writes_its_manifest_once_after_a_burst_of_edits_in_a_quiet_moment(workspace, monkeypatch):
    """At 100,000 articles the manifest is a 60 MB pickle (0.6 s): written after every build,
    it held the next save's build back. A session writes it when idle, or on exit."""
    site, source, out = workspace
    saved: list[int] = []
    real_save = session_module.save_manifest

    def spied_save(*a):
        saved.append(a[1].articles)
        return real_save(*a)

    monkeypatch.setattr(session_module, "save_manifest", spied_save)
    session = Session()
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    path = manifest.manifest_file(config)
    build_in_session(session, site, source, out)
    assert session.idle()
    assert session.manifest is not None and saved == [session.manifest.articles]
    for n in range(3):
        append_paragraph(source / "english-plain.txt", f"Edit {n}.")
        build_in_session(session, site, source, out)
        session.settle()
        assert not path.exists()  # removed before the commit: until written, a build is a full one
    assert len(saved) == 1
    assert session.idle()
    assert len(saved) == 2
    assert session.idle() and len(saved) == 2  # written once
    kept = manifest.load_manifest(path, config)
    assert kept is not None and session.manifest is not None and kept.pages == session.manifest.pages


def test_a_session_leaves_a_manifest_written_meanwhile_by_another_build_alone(workspace, monkeypatch):
    """Another process that built into the output while the session was busy wrote the
    manifest of what is there now; the session's, older, must not replace it."""
    site, source, out = workspace
    session = Session()
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    path = manifest.manifest_file(config)
    build_in_session(session, site, source, out)
    session.idle()
    append_paragraph(source / "english-plain.txt")
    build_in_session(session, site, source, out)
    session.settle()
    path.write_bytes(b"another build's manifest")
    assert session.idle()
    assert path.read_bytes() == b"another build's manifest"


def test_a_session_checks_its_output_in_steps_that_a_save_can_stop(workspace, monkeypatch):
    """At 100,000 articles the check stats 220,000 files (0.85 s): in one piece, a save made
    meanwhile waited for it."""
    site, source, out = workspace
    monkeypatch.setattr(session_module, "CHECK_STEP", 5)
    session = Session()
    build_in_session(session, site, source, out)
    session.idle()
    steps: list[int] = []
    real = presence_module.missing_files

    def stepped(root, paths):
        if paths:
            steps.append(len(paths))
        return real(root, paths)

    monkeypatch.setattr(presence_module, "missing_files", stepped)
    append_paragraph(source / "english-plain.txt")
    build_in_session(session, site, source, out)
    assert session.manifest is not None
    files = len(session.manifest.pages)
    assert files > 10
    assert not session.idle(lambda: len(steps) >= 2)  # a save came after two steps
    assert steps == [5, 5] and session.output_checked
    (out / list(session.manifest.pages)[-1]).unlink()  # the last file checked, in a step not taken yet
    assert session.idle()  # the rest, in the next quiet moment
    assert sum(steps) == files and not session.output_checked


def test_a_session_started_on_a_built_site_does_not_check_its_output_twice(workspace, monkeypatch):
    """Its first build, which had nothing to do, has just stat-ed every output file; at 100,000
    articles the check in the quiet moment would stat 220,000 files again for nothing."""
    site, source, out = workspace
    build(site, source, out)
    checks: list[int] = []
    real = presence_module.missing_files

    def checked(root, paths):
        if paths:
            checks.append(1)
        return real(root, paths)

    monkeypatch.setattr(presence_module, "missing_files", checked)
    session = Session()
    report = build_in_session(session, site, source, out)
    assert report.written == 0 and session.output_checked
    assert len(checks) == 1  # the build's own look
    assert session.idle() and len(checks) == 1
    build_in_session(session, site, source, out)  # trusted now: no look of its own
    assert session.idle() and len(checks) == 2  # the quiet moment's


def test_an_idle_session_stops_between_jobs_when_interrupted_and_runs_the_rest_later():
    session = Session()
    ran: list[str] = []
    session.when_idle("a", lambda: ran.append("a"))
    session.when_idle("b", lambda: ran.append("b"), at_exit=True)
    session.when_idle("a", lambda: ran.append("a2"))  # replaces the first "a", after "b"
    assert not session.idle(lambda: bool(ran))  # a save came once the first job had run
    assert ran == ["b"]
    assert session.idle()
    assert ran == ["b", "a2"]
    session.when_idle("c", lambda: ran.append("c"))
    session.when_idle("d", lambda: ran.append("d"), at_exit=True)
    session.close()  # on exit, only what the next process needs
    assert ran == ["b", "a2", "d"] and session.idle()


def test_in_a_session_a_file_deleted_from_the_output_comes_back_with_the_next_change(workspace, tmp_path):
    """A session checks its output in a quiet moment after its builds (idle), off the reload's
    critical path; a file deleted by hand is noticed then and made again by the next build
    that has work to do."""
    site, source, out = workspace
    session = Session()
    build_in_session(session, site, source, out)
    session.idle()
    assert session.output_checked
    (out / "index.html").unlink()
    build_in_session(session, site, source, out)  # nothing changed: the quick path
    assert session.idle()  # the check
    assert not session.output_checked
    english = source / "english-plain.txt"
    append_paragraph(english)
    build_in_session(session, site, source, out)
    session.settle()
    assert (out / "index.html").is_file()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_in_a_session_a_file_edited_in_the_output_comes_back_with_the_next_build_after_the_check(workspace, tmp_path):
    """The check of a quiet moment finds a file edited by hand (another stamp), and the next
    build makes it again, even one with nothing else to do (docs/serve.md)."""
    site, source, out = workspace
    session = Session()
    build_in_session(session, site, source, out)
    session.idle()
    home = out / "index.html"
    home.write_bytes(home.read_bytes().replace(b"<title>", b"<title>edited ", 1))
    build_in_session(session, site, source, out)  # nothing changed: the quick path
    assert session.idle() and not session.output_checked
    build_in_session(session, site, source, out)  # still nothing changed in the source
    session.settle()
    assert b"<title>edited " not in home.read_bytes()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_damaged_vocabulary_cache_is_compiled_again(workspace, tmp_path, capfd):
    """capfd: the file is parsed, and the warning given, by a forked child (_parse_ahead)."""
    site, source, out = workspace
    build(site, source, out)
    (vocabulary,) = (tmp_path / "cache").glob("vocabulary-*.pickle")
    vocabulary.write_bytes(b"\x80\x05garbage")
    english = source / "english-plain.txt"  # a changed file has to be parsed, with the vocabulary
    english.write_text(english.read_text("utf-8") + "\nRussia and Pakistan, again.\n", "utf-8")
    touch_later(english)
    args = ["build", "--config", str(site / "sitegen.toml"), "--source", str(source), "--output", str(out)]
    assert main(args) == 0
    assert f"ignoring unreadable cache {vocabulary}" in capfd.readouterr().err
    assert_same_as_full_build(site, source, out, tmp_path)


def test_compressed_bodies_of_very_large_archives_build_the_same_site(workspace, tmp_path, monkeypatch):
    site, source, out = workspace
    monkeypatch.setattr("sitegen.articles.COMPACT_BODIES", 1)  # as if the archive had 20,000 articles
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    loaded = load_articles(dataclasses.replace(config, cache=False))
    bodies = [a.body for a in loaded.articles]
    assert all(isinstance(b, Body) and bytes(b._packed[:1]) == b"z" for b in bodies)  # really compressed
    build(site, source, out, "--no-cache")
    monkeypatch.undo()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_relative_and_an_absolute_source_path_share_the_caches(workspace, capsys, monkeypatch):
    site, source, out = workspace
    build(site, source, out)
    monkeypatch.chdir(source.parent)
    capsys.readouterr()
    args = ["build", "--config", str(site / "sitegen.toml"), "--source", source.name, "--output", out.name]
    assert main(args) == 0
    assert "(0 rendered)" in capsys.readouterr().out


def test_a_build_says_whether_it_changed_the_output(workspace):
    """sitegen serve reloads the browsers only after a build that changed the site."""
    site, source, out = workspace
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    assert build_with(config).changed  # the first build writes everything
    assert not build_with(config).changed  # nothing to do
    english = source / "english-plain.txt"
    touch_later(english)  # saved again by an editor, same bytes
    report = build_with(config)
    assert not report.changed and report.written == 0
    append_paragraph(english)
    assert build_with(config).changed
    (source / "pairs" / "summit.en.txt").unlink()  # pages go away
    assert build_with(config).changed


def test_incremental_parallel_rebuild_after_a_template_edit_equals_a_full_build(workspace, tmp_path):
    """Many tasks to redo and enough articles for the workers: the units of work the render
    workers get (each interface's lists together, feeds alongside) must give the same site."""
    site, source, out = workspace
    for n in range(300):
        (source / f"bulk-{n:03d}.txt").write_text(
            f"{n % 28 + 1} مارس 2020\nخبر رقم {n}\nنص الخبر رقم {n} عن الاقتصاد والتجارة في مصر.\n", "utf-8"
        )
    build(site, source, out, "--jobs", "2")
    templates = site / "templates"
    templates.mkdir()
    card = (theme_dir("templates") / "card.html").read_text("utf-8")
    (templates / "card.html").write_text(card.replace('class="card"', 'class="card edited"'), "utf-8")
    (source / "bulk-007.txt").write_text("7 مارس 2020\nعنوان جديد للخبر\nنص معدل.\n", "utf-8")
    touch_later(source / "bulk-007.txt")
    build(site, source, out, "--jobs", "2")
    assert 'class="card edited"' in (out / "index.html").read_text("utf-8")
    assert_same_as_full_build(site, source, out, tmp_path)
    # The manifest written from the workers' results must still steer the next build right.
    (source / "bulk-200.txt").write_text("1 مارس 2020\nخبر رقم 200\nنص آخر تماما.\n", "utf-8")
    touch_later(source / "bulk-200.txt")
    build(site, source, out, "--jobs", "2")
    assert_same_as_full_build(site, source, out, tmp_path)


def _files(out: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file of a site: a rewritten file gets a new inode."""
    return {str(p.relative_to(out)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_template_edit_rewrites_only_the_pages_whose_bytes_changed(workspace, tmp_path, jobs):
    """Editing the article template re-renders every page (the templates are part of every
    page's key), but list pages come out the same and keep their files."""
    site, source, out = workspace
    for n in range(40):  # enough pages for the parallel path
        (source / f"bulk-{n:03d}.txt").write_text(f"{n % 28 + 1} مارس 2020\nخبر رقم {n}\nنص الخبر {n}.\n", "utf-8")
    build(site, source, out, "--jobs", jobs)
    before = _files(out)
    (site / "templates").mkdir()
    article = (theme_dir("templates") / "article.html").read_text("utf-8")
    assert "</article>" in article
    (site / "templates" / "article.html").write_text(article.replace("</article>", "<!-- edited --></article>", 1))
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    report = build_with(config, jobs=int(jobs))
    after = _files(out)
    rewritten = {path for path in after if after[path] != before.get(path)}
    assert rewritten and all(path.startswith(("articles/", "en/articles/")) for path in rewritten)
    assert report.written == len(rewritten)
    assert all("<!-- edited -->" in (out / path).read_text("utf-8") for path in rewritten if path.endswith(".html"))
    assert after["index.html"] == before["index.html"]
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_template_edit_that_changes_no_page_writes_nothing(workspace):
    site, source, out = workspace
    build(site, source, out)
    before = _files(out)
    (site / "templates").mkdir()
    card = (theme_dir("templates") / "card.html").read_text("utf-8")
    (site / "templates" / "card.html").write_text(card + "{# a note for the theme's next maintainer #}\n", "utf-8")
    report = build_with(configuration.load(site / "sitegen.toml", source=source, output=out))
    assert report.pages > 0 and report.written == 0 and not report.changed
    assert _files(out) == before


def test_a_failing_job_after_a_session_build_does_not_stop_the_next_one(caplog):
    caplog.set_level(logging.WARNING, logger="sitegen")
    session = Session()
    ran: list[str] = []

    def broken() -> None:
        raise OSError("disk full")

    session.later(broken)
    session.later(lambda: ran.append("manifest"))
    assert ran == []  # nothing runs before the build has returned
    session.start()
    session.settle()
    assert ran == ["manifest"]
    assert "a cache could not be written or loaded" in caplog.text


def test_a_session_says_once_that_feeds_need_a_base_url(workspace, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(build_module.log, "info", lambda message, *args: said.append(message % args))
    site, source, out = workspace
    (site / "sitegen.toml").write_text("per_page = 3\n", "utf-8")
    session = Session()
    english = source / "english-plain.txt"
    for n in range(3):
        build_in_session(session, site, source, out)
        session.settle()
        append_paragraph(english, f"Paragraph {n}.")
    assert sum("no base_url set" in line for line in said) == 1


def test_a_link_planted_in_the_output_is_replaced_even_when_its_target_has_the_same_bytes(workspace, tmp_path):
    site, source, out = workspace
    build(site, source, out)
    page = out / "index.html"
    copy = tmp_path / "elsewhere.html"
    copy.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(copy)
    (site / "templates").mkdir()
    card = (theme_dir("templates") / "card.html").read_text("utf-8")
    (site / "templates" / "card.html").write_text(card + "{# same output #}\n", "utf-8")
    build_with(configuration.load(site / "sitegen.toml", source=source, output=out))
    assert not page.is_symlink() and page.read_bytes() == copy.read_bytes()


def rendered_templates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The top template of every page rendered from now on (in this process: --jobs 1)."""
    seen: list[str] = []
    original = Renderer.render_page

    def spy(self: Renderer, template: str, path: str, context: dict, **kwargs: object) -> object:
        seen.append(template)
        return original(self, template, path, context, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Renderer, "render_page", spy)
    return seen


def override(site: Path, name: str, edit: Callable[[str], str]) -> None:
    """Write the site's own copy of a theme template (or change the copy it has)."""
    path = site / "templates" / name
    path.parent.mkdir(exist_ok=True)
    text = path.read_text("utf-8") if path.exists() else (theme_dir("templates") / name).read_text("utf-8")
    path.write_text(edit(text), "utf-8")


# The templates that make pages (the others are extended or included by them).
EVERY_TEMPLATE = frozenset(
    {"article.html", "index.html", "tag.html", "tags.html", "archive.html", "archive_year.html"}
    | {"search.html", "404.html"}
)


@pytest.mark.parametrize(
    ("edited", "rendered"),
    [
        ("article.html", {"article.html"}),
        ("tag.html", {"tag.html"}),
        ("tags.html", {"tags.html"}),
        ("404.html", {"404.html"}),
        # Every list shows cards, rendered from Python (item.card()), not named by any template.
        ("card.html", {"index.html", "tag.html", "archive_year.html"}),  # the archive index shows no card
        ("base.html", EVERY_TEMPLATE),
    ],
)
def test_a_template_edit_renders_only_the_pages_made_from_it(workspace, monkeypatch, edited, rendered):
    site, source, out = workspace
    build(site, source, out, "--jobs", "1")
    seen = rendered_templates(monkeypatch)
    override(site, edited, lambda text: text + "{# edited #}\n")
    build(site, source, out, "--jobs", "1")
    assert set(seen) == rendered
    seen.clear()  # and the next build knows what the pages are made from again
    build(site, source, out, "--jobs", "1")
    assert seen == []


def test_after_a_template_edit_an_article_edit_renders_its_own_page_only(workspace, monkeypatch):
    site, source, out = workspace
    build(site, source, out, "--jobs", "1")
    override(site, "tag.html", lambda text: text.replace("<h1", '<h1 data-edited=""', 1))
    build(site, source, out, "--jobs", "1")
    seen = rendered_templates(monkeypatch)
    append_paragraph(source / "english-plain.txt")
    build(site, source, out, "--jobs", "1")
    assert seen == ["article.html"]


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_template_edits_of_every_kind_keep_incremental_equal_to_full(workspace, full_builds, mode):
    """What a page is made from: templates it extends, imports and includes (also ones that do not
    exist yet, or are picked from a list), and card.html, which Python renders."""
    site, source, out = workspace
    rebuild = rebuilder(mode, site, source, out)

    def write(name: str, text: str) -> None:
        (site / "templates").mkdir(exist_ok=True)
        (site / "templates" / name).write_text(text, "utf-8")

    def macro_imports_a_helper() -> None:  # imported once per process: Jinja caches the module
        write("_helper.html", "{% macro mark() %}<!-- helper one -->{% endmacro %}\n")
        override(
            site,
            "_macros.html",
            lambda t: (
                '{% import "_helper.html" as helper %}\n'
                + t
                + "{% macro helper_mark() %}{{ helper.mark() }}{% endmacro %}\n"
            ),
        )
        override(
            site,
            "tag.html",
            lambda t: t.replace(
                "{% block content %}",
                '{% block content %}{% from "_macros.html" import helper_mark %}{{ helper_mark() }}',
                1,
            ),
        )

    steps = [
        (
            "include a template that does not exist yet",
            lambda: override(
                site,
                "article.html",
                lambda t: t.replace(
                    "{% block content %}", '{% block content %}{% include "note.html" ignore missing %}', 1
                ),
            ),
        ),
        ("create it", lambda: write("note.html", "<p>note one</p>\n")),
        ("change it", lambda: write("note.html", "<p>note two</p>\n")),
        ("a template for a list to pick", lambda: write("second.html", "<p>second</p>\n")),
        (
            "include the first found of a list",
            lambda: override(
                site,
                "tags.html",
                lambda t: t.replace(
                    "{% block content %}", '{% block content %}{% include ["first.html", "second.html"] %}', 1
                ),
            ),
        ),
        ("first appears", lambda: write("first.html", "<p>first</p>\n")),
        ("card", lambda: override(site, "card.html", lambda t: t.replace('class="card"', 'class="card custom"'))),
        ("macros", lambda: override(site, "_macros.html", lambda t: t + "{# edited #}\n")),
        ("a helper imported by the macros", macro_imports_a_helper),
        ("the helper changes", lambda: write("_helper.html", "{% macro mark() %}<!-- helper two -->{% endmacro %}\n")),
        ("base", lambda: override(site, "base.html", lambda t: t.replace("</body>", "<!-- base --></body>", 1))),
        ("back to the theme's article page", lambda: (site / "templates" / "article.html").unlink()),
    ]
    rebuild()
    done: list[str] = []
    for name, action in steps:
        action()
        rebuild()
        assert_same_as_shared_full_build(site, source, out, full_builds)
        done.append(name)
    assert len(done) == len(steps)
    assert "helper two" in (out / "tags" / "russia" / "index.html").read_text("utf-8")
    assert "first" in (out / "tags" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_a_same_size_edit_whose_modification_time_is_set_back_is_seen(workspace, full_builds, mode):
    """`touch -r`, archive tools and syncs that keep times: the status-change time still moves."""
    site, source, out = workspace
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    path = source / "english-plain.txt"
    text = path.read_text("utf-8")
    edited = text.replace("pledge", "PLEDGE", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    before = path.stat()
    path.write_text(edited, "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size
    rebuild()
    assert any("PLEDGE" in page.read_text("utf-8") for page in (out / "articles").rglob("index.html"))
    assert_same_as_shared_full_build(site, source, out, full_builds)


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_a_tag_spelt_two_ways_is_named_as_a_full_build_names_it(workspace, full_builds, mode):
    """'gardening' in an older article, 'Gardening' in a newer one that is edited: the tag page
    and both articles name the tag the same way, whichever of them was parsed last."""
    site, source, out = workspace
    (source / "a-older.md").write_text("Title: Older garden\nDate: 2020-01-01\nTags: gardening\n\nOne.\n", "utf-8")
    newer = source / "b-newer.md"
    newer.write_text("Title: Newer garden\nDate: 2020-01-02\nTags: Gardening\n\nTwo.\n", "utf-8")
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    append_paragraph(newer)
    rebuild()
    assert_same_as_shared_full_build(site, source, out, full_builds)


@pytest.mark.parametrize("mode", ["cli", "session"])
def test_an_added_article_that_renames_a_tag_updates_the_pages_of_the_others(workspace, full_builds, mode):
    """مدرسه, then مدرسة in a new article: one tag page, now named مدرسة, in every article."""
    site, source, out = workspace
    (source / "school-1.md").write_text("Title: مدرسة أولى\nDate: 2020-01-01\nTags: مدرسه\n\nنص.\n", "utf-8")
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    assert (out / "tags" / "مدرسه" / "index.html").exists()
    (source / "school-2.md").write_text("Title: مدرسة ثانية\nDate: 2020-01-02\nTags: مدرسة\n\nنص.\n", "utf-8")
    rebuild()
    assert not (out / "tags" / "مدرسه").exists()
    assert_same_as_shared_full_build(site, source, out, full_builds)


def test_the_thread_that_saves_caches_after_a_build_leaves_ctrl_c_to_the_building_thread():
    """A Ctrl-C handed to the saving thread would interrupt nothing: the next rebuild of `sitegen
    serve`, in the main thread, would go on until it ended (seen as a 30 s wait in a serve test)."""
    import signal

    session = Session()
    masks: list[set[int | signal.Signals]] = []
    session.later(lambda: masks.append(signal.pthread_sigmask(signal.SIG_BLOCK, set())))
    session.start()
    session.settle()
    assert masks and {signal.SIGINT, signal.SIGTERM} <= masks[0]
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())  # this thread's unchanged


def test_a_command_line_build_after_a_body_edit_puts_it_into_the_last_site(workspace, tmp_path, monkeypatch):
    """A new process has no Site in memory: the shape kept in the manifest gives the last one
    back, and the edit is put into it instead of every article being collected again."""
    site, source, out = workspace
    build(site, source, out)
    collected: list[int] = []
    real = collect_module.collect

    def spied_collect(*args):
        collected.append(1)
        return real(*args)

    monkeypatch.setattr(collect_module, "collect", spied_collect)
    append_paragraph(source / "english-plain.txt")
    build(site, source, out)
    assert collected == []
    title = source / "english-plain.txt"  # a new title moves the article: collected afresh
    title.write_text(title.read_text("utf-8").replace("pledge to deepen", "agree to widen"), "utf-8")
    touch_later(title)
    build(site, source, out)
    assert collected == [1]
    assert_same_as_full_build(site, source, out, tmp_path)


def test_the_manifest_keeps_every_page_as_it_was_made():
    pages = [
        Page("index.html", None, url="", fingerprint="f1"),
        Page("articles/خبر/index.html", None, url="articles/خبر/", alternates=(("en", "en/x/"),), fingerprint="f2"),
        Page("404.html", None, fingerprint="f3"),
        Page("odd/index.html", None, url="elsewhere/", fingerprint="f4"),
    ]
    for some in (pages, pages[:1], pages[2:3], []):
        stubs = Stubs.of(some)
        assert stubs.pages() == some
        assert dict(stubs.meta()) == {p.path: (p.url, p.alternates) for p in some}
        assert list(stubs.listed()) == [(p.url, p.alternates) for p in some if p.url is not None]
    assert Stubs.of(pages[:1]).urls is None and Stubs.of(pages[:1]).alternates is None  # the usual page costs no column


@pytest.mark.parametrize("mode", ["cli", "session", "warm"])
def test_a_build_digests_again_only_the_article_lists_an_edit_changed(workspace, full_builds, monkeypatch, mode):
    """A body edit changes no list; a new first paragraph (the excerpt every list shows)
    changes the lists of the article's tags and of all articles, and no other. Also the first
    edit of sitegen serve started on a built site ("warm"), which digested every list again."""
    site, source, out = workspace
    rebuild = rebuilder(mode, site, source, out)
    rebuild()
    digested: list[object] = []
    real = Keys._list

    def spy(self: Keys, name: object, articles: tuple, extra: object = "") -> str:
        known = self.memo.get(name)
        if known is None or known[0] != (extra, articles):
            digested.append(name)
        return real(self, name, articles, extra)

    monkeypatch.setattr(Keys, "_list", spy)
    english = source / "english-plain.txt"
    append_paragraph(english)
    rebuild()
    assert digested == []
    english.write_text(english.read_text("utf-8").replace("Russian Foreign Minister", "The minister"), "utf-8")
    touch_later(english)
    rebuild()
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    edited = next(a for a in load_articles(config).articles if a.source == "english-plain.txt")
    assert sorted(map(str, digested)) == sorted(map(str, ["all", *(("tag", t.slug) for t in edited.tags)]))
    assert edited.tags  # else the test shows nothing about tag lists
    assert_same_as_shared_full_build(site, source, out, full_builds)


def test_the_article_cache_leaves_bodies_in_its_files_and_drops_a_damaged_one(tmp_path, caplog):
    from sitegen import cache
    from sitegen.model import Article, Block

    stem = tmp_path / "articles-x"
    articles = {f"{n}.txt": Article(f"{n}.txt", f"t{n}", "ar", (Block("p", f"فقرة {n} " * 50),)) for n in range(40)}
    entries = {rel: cache.Entry(1, 2, f"d{rel}", article) for rel, article in articles.items()}
    cache.save(stem, cache.ArticleCache("k", entries))
    loaded = cache.load(stem, "k")
    gc.unfreeze()
    assert {rel: e.result for rel, e in loaded.entries.items()} == articles
    article = loaded.entries["3.txt"].result
    assert isinstance(article, Article)
    body = article.body
    assert isinstance(body, Body)
    assert isinstance(body._packed, memoryview) and body._packed.readonly  # a view of the file
    assert cache.load(stem, "other key").entries == {}
    shard = next(stem.parent.glob("articles-x-*.pickle"))
    in_it = len(cache.load(stem, "k").entries)
    gc.unfreeze()
    shard.write_bytes(shard.read_bytes()[:-1])  # truncated by a full disk
    with caplog.at_level(logging.WARNING):
        after = cache.load(stem, "k")
    gc.unfreeze()
    assert "ignoring unreadable cache" in caplog.text
    assert 0 < len(after.entries) < in_it


def test_a_new_version_of_sitegen_overwrites_the_manifest_of_an_output_instead_of_adding_one(
    workspace, tmp_path, monkeypatch
):
    from sitegen import cache

    site, source, out = workspace
    build(site, source, out)
    manifests = sorted((tmp_path / "cache").glob("site-*.pickle"))
    assert len(manifests) == 1
    monkeypatch.setattr(cache, "__version__", "99.0")  # what an upgrade changes
    build(site, source, out)
    assert sorted((tmp_path / "cache").glob("site-*.pickle")) == manifests
    build(site, source, tmp_path / "elsewhere")  # another output folder has its own
    assert len(list((tmp_path / "cache").glob("site-*.pickle"))) == 2


def test_a_command_line_build_parses_the_edited_files_in_a_child_while_it_reads_the_cache(
    workspace, tmp_path, monkeypatch
):
    """The parent then needs neither the vocabulary nor the parser; the result is the same."""
    site, source, out = workspace
    build(site, source, out)
    forked: list[bool] = []
    vocabularies: list[str] = []

    class Spied(build_module.Forked):
        def __init__(self, fn):
            super().__init__(fn)
            if getattr(fn, "func", None) is articles_module.parse_ahead:
                forked.append(self._child is not None)

    real = articles_module.cached_vocabulary
    monkeypatch.setattr(build_module, "Forked", Spied)

    def spied_vocabulary(*a):
        vocabularies.append("loaded")
        return real(*a)

    monkeypatch.setattr(articles_module, "cached_vocabulary", spied_vocabulary)
    append_paragraph(source / "english-plain.txt")
    build(site, source, out)
    assert forked == [threading.active_count() == 1]  # forked where a process may fork
    assert vocabularies == ([] if forked[0] else ["loaded"])  # the child loaded it, or this process
    assert_same_as_full_build(site, source, out, tmp_path)
    forked.clear()
    for n in range(articles_module.AHEAD_FILES + 1):  # more than a few files: parsed as usual, on every core
        (source / f"new-{n}.txt").write_text(f"Title {n}\n\nText {n}.\n", "utf-8")
    build(site, source, out)
    assert forked == []
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_build_told_what_changed_stats_only_those_files_and_serve_finds_a_change_it_missed(workspace, tmp_path):
    """After file-system events, sitegen serve builds from the files they named; a change that
    no event named is not seen by that build, and the check after it (confirm_sources) makes
    the next build look at every file again."""
    site, source, out = workspace
    session = Session()
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    build_with(config, session=session)
    session.settle()
    english, levantine = source / "english-plain.txt", source / "2023" / "levantine.txt"
    append_paragraph(english, "Named by an event.")
    append_paragraph(levantine, "فقرة لم يبلغ عنها أي حدث.")
    build_with(config, session=session, changed={str(english)})
    session.settle()
    pages = [p.read_text("utf-8") for p in out.rglob("articles/*/index.html")]
    assert any("Named by an event." in page for page in pages)
    assert not any("فقرة لم يبلغ عنها" in page for page in pages)  # its old stat was trusted
    assert not confirm_sources(session, config, scan([source]))
    assert session.sources is None  # forgotten: the next build stats every file
    build_with(config, session=session, changed=set())
    session.settle()
    assert any("فقرة لم يبلغ عنها" in p.read_text("utf-8") for p in out.rglob("articles/*/index.html"))
    assert confirm_sources(session, config, scan([source]))
    assert_same_as_full_build(site, source, out, tmp_path)


def test_named_sources_stats_the_named_files_and_gives_up_on_anything_new(workspace, tmp_path):
    site, source, out = workspace
    session = Session()
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    build_with(config, session=session)
    session.settle()
    known = session.sources
    assert known is not None and known.folder == source
    english = source / "english-plain.txt"
    append_paragraph(english)
    named = named_sources(config, known, {str(english), str(source / ".english-plain.txt.swp"), str(site / "x.html")})
    assert named is not None and named.discovered is known.discovered
    assert named.stats["english-plain.txt"] == (english.stat().st_size, articles_module.cache.stamp(english.stat()))
    assert {rel for rel in known.stats if named.stats[rel] != known.stats[rel]} == {"english-plain.txt"}
    (source / "photo.jpg").write_bytes(b"\xff\xd8")  # an image: discover() passes over it
    assert named_sources(config, known, {str(source / "photo.jpg")}) is not None
    probe = source / "4913"  # vim makes and removes it to see whether it may write the folder
    probe.write_text("", "utf-8")
    assert named_sources(config, known, {str(probe)}) is None  # there: discover() would look at it
    probe.unlink()
    assert named_sources(config, known, {str(probe), str(english)}) is not None  # gone: nothing to find
    (source / "new.txt").write_text("20 أبريل 2024\nعنوان\nنص.\n", "utf-8")
    assert named_sources(config, known, {str(source / "new.txt")}) is None  # a new article
    (source / "2023").rename(tmp_path / "moved-out")
    assert named_sources(config, known, {str(source / "2023")}) is None  # a folder of known articles left
    (source / "2030").mkdir()
    assert named_sources(config, known, {str(source / "2030")}) is None  # a new folder
    english.unlink()
    assert named_sources(config, known, {str(english)}) is None  # gone
    assert named_sources(config, None, set()) is None
    other = dataclasses.replace(config, source=tmp_path / "elsewhere")
    assert named_sources(other, known, set()) is None


def test_confirm_sources_stats_the_files_the_watcher_does_not_look_at(workspace):
    """#notes.txt is an article to discover() but a file the watcher ignores (an editor's
    dropping): it is not in the snapshot, so it is stat-ed."""
    site, source, out = workspace
    notes = source / "#notes.txt"
    notes.write_text("20 أبريل 2024\nملاحظات\nنص الملاحظات.\n", "utf-8")
    session = Session()
    config = configuration.load(site / "sitegen.toml", source=source, output=out)
    build_with(config, session=session)
    session.settle()
    assert session.sources is not None and "#notes.txt" in session.sources.stats
    snapshot = scan([source])
    assert str(notes) not in snapshot
    assert confirm_sources(session, config, snapshot)
    append_paragraph(notes)
    assert not confirm_sources(session, config, snapshot)


def test_in_a_session_a_build_that_failed_after_collecting_leaves_no_stale_list(workspace, tmp_path, monkeypatch):
    """The failed build collected a new excerpt but wrote nothing: the next build must not take
    the lists of the site on disk for those of the Site the failed build left in memory."""
    site, source, out = workspace
    session = Session()
    build_in_session(session, site, source, out)
    session.settle()
    english = source / "english-plain.txt"
    english.write_text(english.read_text("utf-8").replace("Russian Foreign Minister", "The minister"), "utf-8")
    touch_later(english)
    real = build_module.redirect_plan

    def broken(*args):
        raise RuntimeError("failed after collecting")

    monkeypatch.setattr(build_module, "redirect_plan", broken)
    with pytest.raises(RuntimeError):
        build_in_session(session, site, source, out)
    session.settle()
    monkeypatch.setattr(build_module, "redirect_plan", real)
    append_paragraph(source / "2023" / "levantine.txt")  # changes no list by itself
    build_in_session(session, site, source, out)
    session.settle()
    assert_same_as_full_build(site, source, out, tmp_path)


def test_a_sessions_page_index_moved_to_the_next_build_equals_one_made_afresh():
    def stubs(*paths: str, url: str | None = None) -> Stubs:
        return Stubs.of([Page(p, None, url=url if url is not None else p[: -len("index.html")]) for p in paths])

    same = stubs("a/index.html", "b/index.html")
    before = {
        "same": ("k1", same),
        "edited": ("k2", stubs("c/index.html", "d/index.html")),
        "gone": ("k3", stubs("e/index.html")),
        "moved": ("k4", stubs("f/index.html")),
    }
    after = {
        "same": ("k1", same),
        "edited": ("k5", stubs("c/index.html", "g/index.html", url="elsewhere/")),
        "moved-to": ("k6", stubs("f/index.html")),  # a page now made by another task
        "new": ("k7", stubs("h/index.html")),
    }
    index = manifest.PageIndex(before)
    assert index["d/index.html"] == ("d/", ())  # the index is made
    moved = index.moved_to(after)
    assert dict(moved) == dict(manifest.PageIndex(after)) and len(moved) == 6
    assert moved["c/index.html"] == ("elsewhere/", ()) and "e/index.html" not in moved
    untouched = manifest.PageIndex(before).moved_to(after)  # never asked: made when first used
    assert dict(untouched) == dict(moved)


def test_a_page_looked_up_in_its_task_is_found_as_among_every_page():
    def stubs(*paths: str) -> Stubs:
        return Stubs.of([Page(p, None, url=p[: -len("index.html")], alternates=(("en", "en/" + p),)) for p in paths])

    tasks = {"one": ("k1", stubs("a/index.html", "b/index.html")), "two": ("k2", stubs("c/index.html"))}
    index = manifest.PageIndex(tasks)
    assert index.in_task("one", "b/index.html") == ("b/", (("en", "en/b/index.html"),))
    assert index._where is None  # found without locating every page
    assert index.in_task("two", "a/index.html") == index["a/index.html"]  # made by another task
    assert index.in_task("gone", "c/index.html") == index["c/index.html"]
    assert index.in_task("one", "z/index.html") is None
    assert {p: index.in_task(t, p) for t in tasks for p in tasks[t][1].paths} == dict(index)


def test_an_edit_build_looks_up_the_pages_it_plans_only_in_their_tasks(workspace, tmp_path, monkeypatch):
    """Locating all pages of the last build (220,000 at 100,000 articles) took 0.2 s of an edit."""
    site, source, out = workspace
    build(site, source, out)
    asked: list[str] = []
    in_task = manifest.PageIndex.in_task

    def looked_up(self, task, path):
        asked.append(path)
        return in_task(self, task, path)

    monkeypatch.setattr(manifest.PageIndex, "in_task", looked_up)

    def located(self):
        raise AssertionError("every page of the last build was located")

    monkeypatch.setattr(manifest.PageIndex, "_located", located)
    append_paragraph(source / "2023" / "levantine.txt")
    build(site, source, out)
    assert asked  # the planned tasks' unchanged pages were looked up
    monkeypatch.undo()
    assert_same_as_full_build(site, source, out, tmp_path)


@pytest.mark.parametrize("size", [1, 2])
def test_a_session_keeps_the_keys_of_article_chunks_whose_articles_and_neighbours_are_the_same(
    workspace, tmp_path, monkeypatch, size
):
    """A body edit makes again only the keys of the chunks that hold the edited article or
    its neighbours; a translation's new title reaches its pair's page (with chunks of one
    article, in another chunk)."""
    chunked = Renderer.tasks
    monkeypatch.setattr(Renderer, "tasks", lambda self, chunk=size: chunked(self, chunk))
    site, source, out = workspace
    session = Session()
    build_in_session(session, site, source, out)
    session.settle()
    kept = dict(session.chunk_keys)
    assert len(kept) >= 6  # chunks with media or links are not kept
    append_paragraph(source / "english-plain.txt")
    build_in_session(session, site, source, out)
    session.settle()
    made = [task for task, known in session.chunk_keys.items() if kept.get(task) is not known]
    assert 1 <= len(made) <= 3
    assert_same_as_full_build(site, source, out, tmp_path)
    english = source / "pairs" / "summit.en.txt"
    english.write_text(english.read_text("utf-8").replace("Energy summit ends", "Energy summit closes"), "utf-8")
    touch_later(english)
    build_in_session(session, site, source, out)
    session.settle()
    pair = [p.read_text("utf-8") for p in out.glob("articles/*/index.html")]
    (arabic,) = [page for page in pair if "<h1>قمة الطاقة تختتم أعمالها في الرياض</h1>" in page]
    assert "Energy summit closes" in arabic
    assert_same_as_full_build(site, source, out, tmp_path)


def test_an_article_whose_date_is_edited_in_place_shows_the_new_date_on_its_page_lists_and_search(
    tmp_path, monkeypatch
):
    """The search index's patch compared the earlier version of the edited article with the new
    one through the renderer's date memo, keyed by source file: the earlier date was memoised
    first, and the new version was shown with it (its page, the lists, the search results)
    until a full build. '2024-01-09' edited to '2024-01-10' still read 9 January."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    source, out = tmp_path / "src", tmp_path / "out"
    source.mkdir()
    edited = source / "edited.txt"
    edited.write_text("2024-01-09\n\nSummit opens in Cairo\n\nLeaders met on Tuesday.\n", "utf-8")
    (source / "other.txt").write_text("2024-02-09\n\nTalks resume in Doha\n\nThe talks went on.\n", "utf-8")
    build_site(source, out)
    edited.write_text(edited.read_text("utf-8").replace("2024-01-09", "2024-01-10"), "utf-8")
    touch_later(edited)
    build_site(source, out)
    full = build_site(source, tmp_path / "full", "--no-cache")
    assert 'datetime="2024-01-10"' in (out / "articles" / "summit-opens-in-cairo" / "index.html").read_text("utf-8")
    assert snapshot(out) == snapshot(full)
