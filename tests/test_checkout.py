"""An output folder that is a deploy checkout (`git init` or `git worktree add` in output/, pushed
to a gh-pages branch): every build keeps its repository, a full build too, and a build that
cannot carry it over leaves it where it was."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from test_robustness import archive, build, snapshot

from sitegen import build as build_module
from sitegen import manifest, write
from sitegen.builder import Builder
from sitegen.config import Config


def add_repository(out: Path, kind: str) -> dict[str, bytes]:
    """A repository in out as `git init` (a folder) or `git worktree add` (a file) makes it."""
    if kind == "worktree":
        (out / ".git").write_bytes(b"gitdir: /home/user/news/.git/worktrees/output\n")
    else:
        (out / ".git" / "objects" / "ab").mkdir(parents=True)
        (out / ".git" / "HEAD").write_bytes(b"ref: refs/heads/gh-pages\n")
        (out / ".git" / "objects" / "ab" / "cdef").write_bytes(bytes(range(256)))
        (out / ".git" / "index").write_bytes(b"DIRC\x00\x00\x00\x02")
    return repository(out)


def repository(out: Path) -> dict[str, bytes]:
    git = out / ".git"
    if git.is_file():
        return {".git": git.read_bytes()}
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in git.rglob("*") if p.is_file()}


def site(out: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in snapshot(out).items() if not rel.startswith(".git")}


def no_leftovers(parent: Path, timeout: float = 30.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        left = sorted(p.name for p in parent.iterdir() if p.name.startswith((write.OLD_PREFIX, write.STAGE_PREFIX)))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


@pytest.mark.parametrize("kind", ["folder", "worktree"])
@pytest.mark.parametrize("second", ["full", "incremental"])
def test_every_build_keeps_the_outputs_git_repository_byte_for_byte(tmp_path, capsys, kind, second):
    source = archive(tmp_path)
    out = tmp_path / "site" / "out"
    assert build(capsys, source, out)[0] == 0
    kept = add_repository(out, kind)
    (source / "later.txt").write_text("20 أبريل 2024\n\nخبر لاحق\n\nنص الخبر اللاحق.\n", "utf-8")
    code, err = build(capsys, source, out, *(["--no-cache"] if second == "full" else []))
    assert code == 0, err
    assert repository(out) == kept
    clean = tmp_path / "clean"
    assert build(capsys, source, clean, "--no-cache")[0] == 0
    assert site(out) == snapshot(clean)  # the rest is exactly the site
    assert "WARNING" not in err  # nothing of the user's was dropped
    code, err = build(capsys, source, out, "--no-cache")  # and the build after
    assert code == 0 and repository(out) == kept and site(out) == snapshot(clean)
    assert no_leftovers(out.parent) == []


def test_a_new_checkout_with_only_its_repository_is_built_into(tmp_path, capsys):
    """`git init output` or `git worktree add output gh-pages` (an empty orphan branch) leaves a
    folder holding only .git: not the user's work that a build would destroy."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    kept = add_repository(out, "worktree")
    code, err = build(capsys, source, out)
    assert code == 0, err
    assert repository(out) == kept and (out / "index.html").is_file()


def test_a_checkout_with_files_of_another_tool_is_refused_with_what_to_do(tmp_path, capsys):
    source = archive(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    add_repository(out, "folder")
    (out / "index.html").write_text("a Jekyll site", "utf-8")
    before = snapshot(out)
    code, err = build(capsys, source, out)
    assert code == 2
    assert "not made by sitegen" in err
    assert "keep its .git" in err and "git rm -r -q ." in err
    assert snapshot(out) == before


@pytest.mark.parametrize("kind", ["folder", "worktree"])
def test_a_repository_that_cannot_be_carried_over_stays_with_the_previous_output(tmp_path, capsys, monkeypatch, kind):
    """The rename of .git into the new site fails (a Windows program holds a file of it open,
    a .git owned by root): the previous output comes back whole, with its repository."""
    source = archive(tmp_path)
    out = tmp_path / "site" / "out"
    assert build(capsys, source, out)[0] == 0
    add_repository(out, kind)
    before = snapshot(out)
    real_rename, real_replace = os.rename, os.replace

    def refused(real):
        def move(src, dst, *args, **kwargs):
            if os.path.basename(src) == ".git":
                raise PermissionError(13, "Permission denied", str(src))
            return real(src, dst, *args, **kwargs)

        return move

    monkeypatch.setattr(os, "rename", refused(real_rename))
    monkeypatch.setattr(os, "replace", refused(real_replace))
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 1
    assert ".git" in err and "Permission denied" in err and "The previous output is unchanged" in err
    assert snapshot(out) == before
    assert no_leftovers(out.parent) == []


def test_a_repository_whose_return_fails_too_is_kept_and_said_where_it_is(tmp_path, monkeypatch):
    """Both the carry-over and the return of the previous output fail: the folder holding the
    repository is not deleted, now or by a later build, and the error says where it is."""
    out = tmp_path / "out"
    out.mkdir()
    (out / write.MARKER).write_bytes(write.MARKER_TEXT)
    kept = add_repository(out, "folder")
    real_replace = os.replace

    def failing(src, dst, *args, **kwargs):
        if os.path.basename(src) == ".git" or os.path.basename(dst).startswith(write.STAGE_PREFIX):
            raise PermissionError(13, "Permission denied", str(src))
        return real_replace(src, dst, *args, **kwargs)

    with write.Stage(out) as stage:
        stage.write("index.html", b"<p>new</p>")
        monkeypatch.setattr(os, "replace", failing)
        monkeypatch.setattr(os, "rename", failing)
        with pytest.raises(write.OutputError) as raised:
            stage.commit()
    monkeypatch.undo()
    holders = [p for p in tmp_path.iterdir() if (p / ".git").exists()]
    assert len(holders) == 1 and holders[0] != out
    assert repository(holders[0]) == kept
    message = str(raised.value)
    assert str(holders[0] / ".git") in message and f"move it to {out / '.git'}" in message
    old = time.time() - 2 * 86400
    os.utime(holders[0], (old, old))
    write.remove_leftovers(tmp_path)  # a later build does not delete it either
    time.sleep(0.5)
    assert repository(holders[0]) == kept


def test_a_ctrl_c_between_the_swap_and_the_carry_over_does_not_strand_the_repository(tmp_path, monkeypatch):
    """The new site is in place and .git still in the replaced folder: an interrupt there would
    leave the output without its repository. Signals wait until the repository has moved."""
    out = tmp_path / "out"
    out.mkdir()
    (out / write.MARKER).write_bytes(write.MARKER_TEXT)
    kept = add_repository(out, "folder")
    real = write._carry

    def interrupted_first(old: Path, output: Path, new: Path) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real(old, output, new)

    monkeypatch.setattr(write, "_carry", interrupted_first)
    with write.Stage(out) as stage:
        stage.write("index.html", b"<p>new</p>")
        stage.commit()
    assert repository(out) == kept and (out / "index.html").read_bytes() == b"<p>new</p>"
    assert no_leftovers(tmp_path) == []


def test_a_repository_left_beside_the_output_by_a_killed_build_is_not_deleted(tmp_path, capsys):
    source = archive(tmp_path)
    left = tmp_path / ".sitegen-old-killed"
    left.mkdir()
    kept = add_repository(left, "folder")
    day_old = time.time() - 2 * 86400
    os.utime(left, (day_old, day_old))
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0
    time.sleep(0.5)  # a deletion would run detached
    assert repository(left) == kept
    assert f"{left / '.git'}" in err and "move it" in err


def test_files_of_the_users_dropped_by_a_full_build_are_warned_about(tmp_path, capsys):
    """A full build makes exactly the site; what the user put in the output by hand goes, but
    not silently: the warning counts and names it, and says where such files belong."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    (out / "README.md").write_text("# gh-pages\n", "utf-8")
    (out / ".github" / "workflows").mkdir(parents=True)
    (out / ".github" / "workflows" / "ci.yml").write_text("on: push\n", "utf-8")
    code, err = build(capsys, source, out)  # incremental: left alone
    assert code == 0 and "WARNING" not in err and (out / "README.md").is_file()
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 0
    assert "WARNING" in err and "2 files that sitegen did not write" in err
    assert ".github/workflows/ci.yml" in err and "README.md" in err and "static/" in err
    assert not (out / "README.md").exists()
    assert build(capsys, source, out, "--no-cache")[1].count("did not write") == 0  # said once


def test_rebuilds_while_serving_keep_the_outputs_repository(tmp_path, capsys):
    source = archive(tmp_path)
    config = Config(root=tmp_path, source=source, output=tmp_path / "out", cache=False)
    assert build(capsys, source, config.output)[0] == 0
    kept = add_repository(config.output, "folder")
    builder = Builder(config, jobs=1)
    assert builder.run()  # a full build: no manifest is read
    assert repository(config.output) == kept
    (source / "later.txt").write_text("20 أبريل 2024\n\nخبر لاحق\n\nنص الخبر اللاحق.\n", "utf-8")
    assert builder.run()
    assert repository(config.output) == kept
    assert any("نص الخبر اللاحق." in p.read_text("utf-8") for p in (config.output / "articles").rglob("*.html"))


def test_a_git_worktree_of_a_gh_pages_branch_survives_full_builds_and_stays_usable(tmp_path, capsys):
    """The workflow itself, with git: `git worktree add output gh-pages`, build, commit, build
    again from scratch: the worktree still works, and git sees only what the site changed."""
    source = archive(tmp_path)
    repo = tmp_path / "news"
    out = repo / "output"

    def git(*args: str, cwd: Path = repo) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t"}
        env["GIT_COMMITTER_EMAIL"] = "t@x"
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    repo.mkdir()
    git("init", "-q", "-b", "main")
    git("commit", "-q", "--allow-empty", "-m", "start")
    git("worktree", "add", "-q", "--detach", str(out))  # (git 2.42 has `--orphan -b gh-pages`)
    git("checkout", "-q", "--orphan", "gh-pages", cwd=out)
    code, err = build(capsys, source, out)
    assert code == 0, err
    git("add", "-A", cwd=out)
    git("commit", "-q", "-m", "site", cwd=out)
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 0, err
    assert git("status", "--porcelain", cwd=out) == ""  # same input, same site: nothing to commit
    assert git("rev-parse", "--abbrev-ref", "HEAD", cwd=out).strip() == "gh-pages"


def test_a_full_build_never_calls_the_files_of_an_earlier_build_the_users(tmp_path, capsys):
    """A full build after a change of the site (a cname unset, an alias or a language gone)
    drops files that sitegen wrote itself: no warning, and --strict does not fail on them. Only
    a file added to the output since is the user's."""
    source = archive(tmp_path)
    (source / "moved.md").write_text(
        "---\ntitle: Old story\ndate: 2024-03-01\naliases: [/news/story-1234.html, /2019/03/old-title/]\n---\n"
        "Body text of the story.\n",
        "utf-8",
    )
    out = tmp_path / "out"
    (tmp_path / "sitegen.toml").write_text('cname = "news.example.org"\n', "utf-8")
    config = ["--config", str(tmp_path / "sitegen.toml")]
    assert build(capsys, source, out, "--no-cache", *config)[0] == 0
    assert (out / "CNAME").is_file() and (out / "news" / "story-1234.html").is_file()
    (tmp_path / "sitegen.toml").write_text("", "utf-8")
    (source / "moved.md").unlink()
    code, err = build(capsys, source, out, "--no-cache", "--strict", *config)
    assert code == 0, err
    assert "did not write" not in err and not (out / "CNAME").exists()


@pytest.mark.parametrize("full", ["--no-cache", "another version of sitegen"])
def test_files_written_by_an_incremental_build_are_not_called_the_users_by_a_full_one(
    tmp_path, capsys, monkeypatch, full
):
    """An incremental build adds an alias's page after the full build that made the output: the
    manifest says sitegen wrote it, so the full build after the alias is gone does not warn;
    also when that manifest is another version's, which a newer sitegen does not build on."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    (source / "moved.md").write_text(
        "---\ntitle: Old story\ndate: 2024-03-01\naliases: [/news/story-1234.html]\n---\nBody text.\n", "utf-8"
    )
    assert build(capsys, source, out)[0] == 0  # incremental: the alias's page is added
    assert (out / "news" / "story-1234.html").is_file()
    (source / "moved.md").unlink()
    (out / "README.md").write_text("# gh-pages\n", "utf-8")
    if full == "--no-cache":
        code, err = build(capsys, source, out, "--no-cache")
    else:
        for module in (manifest, build_module):
            monkeypatch.setattr(module, "manifest_key", lambda config: "another version")
        code, err = build(capsys, source, out)
    assert code == 0
    assert "1 file that sitegen did not write (README.md)" in err
    assert not list(tmp_path.rglob("*.replaced"))


def test_dot_files_of_a_checkout_are_the_users_whenever_they_were_written(tmp_path, capsys):
    """`git worktree add output gh-pages` writes the branch's files in name order: .github/ and
    .gitignore before the .nojekyll of the site committed there. sitegen writes no such names
    at the top of a site, so they are warned about though they are older than its marker."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    (out / ".github").mkdir()
    (out / ".github" / "ci.yml").write_text("on: push\n", "utf-8")
    (out / ".gitignore").write_text("*.tmp\n", "utf-8")
    before = (out / write.MARKER).stat().st_mtime - 1
    for path in (out / ".github" / "ci.yml", out / ".gitignore"):
        os.utime(path, (before, before))
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 0
    assert "2 files that sitegen did not write (.github/ci.yml, .gitignore)" in err


# A repository below the top of the output: a section deployed from a checkout of its own
# (output/en/ pushed to another Pages site), a submodule's .git file, a folder of an old
# section that the site no longer has.
NESTED = ["en/.git", "articles/a-sound-english-report/.git", "old-section/.git", "en/tags/.hg"]


def add_nested(out: Path, rel: str, kind: str = "folder") -> dict[str, bytes]:
    where = out / rel
    where.parent.mkdir(parents=True, exist_ok=True)
    if kind == "worktree":
        where.write_bytes(b"gitdir: ../../.git/modules/section\n")
        return {rel: where.read_bytes()}
    (where / "objects" / "ab").mkdir(parents=True)
    (where / "HEAD").write_bytes(b"ref: refs/heads/main\n")
    (where / "objects" / "ab" / "cdef").write_bytes(bytes(range(256)))
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in where.rglob("*") if p.is_file()}


def held(out: Path, rel: str) -> dict[str, bytes]:
    where = out / rel
    if where.is_file():
        return {rel: where.read_bytes()}
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in where.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", ["folder", "worktree"])
@pytest.mark.parametrize("rel", NESTED)
def test_a_full_build_keeps_a_repository_below_the_top_of_the_output_where_it_was(tmp_path, capsys, rel, kind):
    """Only .git at the top was carried over: one in en/ or in a folder the site no longer has
    was deleted with the replaced output, without a word."""
    source = archive(tmp_path)
    out = tmp_path / "site" / "out"
    assert build(capsys, source, out)[0] == 0
    kept = add_nested(out, rel, kind)
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 0, err
    assert held(out, rel) == kept
    clean = tmp_path / "clean"
    assert build(capsys, source, clean, "--no-cache")[0] == 0
    assert {p: data for p, data in snapshot(out).items() if p not in kept} == snapshot(clean)
    assert "WARNING" not in err
    assert build(capsys, source, out, "--no-cache")[0] == 0 and held(out, rel) == kept  # and the build after
    assert build(capsys, source, out)[0] == 0 and held(out, rel) == kept  # incremental ones leave it
    assert no_leftovers(out.parent) == []


def test_repositories_at_the_top_and_below_are_all_kept(tmp_path, capsys):
    source = archive(tmp_path)
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    kept = add_repository(out, "folder")
    for rel in NESTED:
        kept |= add_nested(out, rel)
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 0, err
    assert {p: data for p, data in snapshot(out).items() if p in kept} == kept


def test_a_repository_below_the_top_that_cannot_be_carried_over_stays_with_the_previous_output(
    tmp_path, capsys, monkeypatch
):
    source = archive(tmp_path)
    out = tmp_path / "site" / "out"
    assert build(capsys, source, out)[0] == 0
    add_repository(out, "folder")
    add_nested(out, "en/.git")
    add_nested(out, "old-section/.hg")
    before = snapshot(out)
    real_rename = os.rename

    def refused(src, dst, *args, **kwargs):
        if Path(src).name == ".hg":
            raise PermissionError(13, "Permission denied", str(src))
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", refused)
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 1
    assert "old-section/.hg" in err and "Permission denied" in err and "The previous output is unchanged" in err
    assert snapshot(out) == before
    assert no_leftovers(out.parent) == []


def test_a_repository_below_the_top_left_beside_the_output_by_a_killed_build_is_not_deleted(tmp_path, capsys):
    source = archive(tmp_path)
    left = tmp_path / ".sitegen-old-killed"
    (left / "en").mkdir(parents=True)
    (left / write.MARKER).write_bytes(write.MARKER_TEXT)
    kept = add_nested(left, "en/.git")
    day_old = time.time() - 2 * 86400
    os.utime(left, (day_old, day_old))
    code, err = build(capsys, source, tmp_path / "out")
    assert code == 0
    time.sleep(0.5)  # a deletion would run detached
    assert held(left, "en/.git") == kept
    assert f"{left / 'en' / '.git'}" in err and "move it" in err


def test_files_copied_in_with_their_old_times_are_warned_about_too(tmp_path, capsys):
    """`cp -p` and `rsync -t` keep a file's modification time: older than the site's .nojekyll,
    such a file was taken for one the build wrote and dropped without a word. The time a file
    was put in the output (its ctime, which no copy keeps) tells."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    (out / "README.md").write_text("# gh-pages\n", "utf-8")
    (out / "docs").mkdir()
    (out / "docs" / "guide.html").write_text("<p>guide</p>", "utf-8")
    year_ago = time.time() - 365 * 86400
    for path in (out / "README.md", out / "docs" / "guide.html", out / "docs"):
        os.utime(path, (year_ago, year_ago))  # as cp -p leaves them
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 0
    assert "2 files that sitegen did not write (README.md, docs/guide.html)" in err


def test_after_a_chmod_of_the_output_a_full_build_still_never_calls_its_own_files_the_users(tmp_path, capsys):
    """`chmod -R` (or chown) on the output sets every file's ctime: then only the modification
    time can tell the site's files (older than its .nojekyll) from the user's."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    (tmp_path / "sitegen.toml").write_text('cname = "news.example.org"\n', "utf-8")
    config = ["--config", str(tmp_path / "sitegen.toml")]
    assert build(capsys, source, out, "--no-cache", *config)[0] == 0
    time.sleep(0.05)
    for path in [out / write.MARKER, *out.rglob("*")]:
        os.chmod(path, os.stat(path).st_mode)  # as chmod -R a+r does to a site already readable
        time.sleep(0.005)  # one file after the other, as in a large output
    (tmp_path / "sitegen.toml").write_text("", "utf-8")
    code, err = build(capsys, source, out, "--no-cache", "--strict", *config)
    assert code == 0, err
    assert "did not write" not in err and not (out / "CNAME").exists()


def test_a_submodule_in_a_leaf_folder_is_kept_after_the_outputs_metadata_was_changed(tmp_path, capsys):
    """`chmod -R`, `chown -R`, a hard-linked backup (`cp -al`, `rsync --link-dest`) or a copy
    (`cp -a`) set the .nojekyll's ctime after that of a folder holding a submodule's .git file:
    the folder looked older than the build and was not looked into, so the .git was deleted."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    kept = add_nested(out, "widgets/.git", "worktree")
    time.sleep(0.05)
    os.chmod(out / write.MARKER, os.stat(out / write.MARKER).st_mode)  # chmod -R reaching it last
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 0, err
    assert held(out, "widgets/.git") == kept


def test_a_repository_where_the_new_site_has_a_file_is_kept_and_the_file_is_named(tmp_path, capsys):
    """The new site writes robots.txt where the previous output had a folder of that name holding
    a repository: the build failed, the repository kept, but the advice was about a program
    holding it open, which the user could not act on."""
    source = archive(tmp_path)
    out = tmp_path / "out"
    assert build(capsys, source, out)[0] == 0
    (out / "robots.txt").unlink()
    kept = add_nested(out, "robots.txt/.git")
    code, err = build(capsys, source, out, "--no-cache")
    assert code == 1
    assert held(out, "robots.txt/.git") == kept
    assert "program holds it open" not in err
    assert f"the new site writes the file {out / 'robots.txt'} where the repository's folder is" in err
    assert "move the repository out of the output folder" in err
    assert no_leftovers(out.parent) == []
