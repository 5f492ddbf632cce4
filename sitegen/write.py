"""Atomic write of the whole site: build into a temporary folder beside the output, then swap.

A failed build never touches the previous output: it is replaced only once every page of
the new site has been written. The output folder is never emptied in place.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path

from sitegen.config import LOOP, looping
from sitegen.errors import ConfigError, OutputError, SourceError
from sitegen.model import Diagnostic, count
from sitegen.parallel import may_fork

log = logging.getLogger(__name__)

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows only
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a link planted in the output is replaced, never kept
MARKER = ".nojekyll"  # every sitegen output has it (GitHub Pages needs it too)
# What sitegen writes into its marker. Sphinx, MkDocs and hand-made Pages folders have an empty
# .nojekyll too: only these bytes make a folder sitegen's to replace.
MARKER_TEXT = b"Made by sitegen: every build replaces this folder.\n"
OLD_PREFIX = ".sitegen-old-"  # a replaced output folder beside the new one, until it is deleted
STAGE_PREFIX = ".sitegen-tmp-"  # where a build writes, beside the output
# The version control of a deploy checkout (`git init` or `git worktree add` in the output, pushed
# to a gh-pages branch; .git is a file in a worktree): never part of the site and never published,
# so a full build carries it from the replaced output into the new one, and a folder holding only
# it counts as empty. So is one below the top, at its place (repositories()). Other files of the
# user's are not carried over (see _dropped).
KEPT = (".git", ".hg", ".svn")
# Names that only sitegen writes at the top of an output (a site without base_url has no feed.xml):
# one of them missing from the new site is the old site's, not a file of the user's.
_SITEGEN_TOP = re.compile(r"(?:index|404)\.html|robots\.txt|feed\.xml|sitemap(?:-[0-9]+)?\.xml|\.nojekyll")


def check_output(output: Path, source: Path, root: Path, *, change: str = "choose another --output") -> None:
    """Refuse output folders whose replacement would destroy the user's work.

    These are configuration errors; ``change`` says how to pick another output where the user
    set it (see Config.change): `--output`, or the `output` line of sitegen.toml.
    """
    if looping(output):
        raise ConfigError(f"the output folder {output} {LOOP}; {change}")
    out = output.resolve()
    for name, other in (("source", source.resolve()), ("site root", root.resolve())):
        if out == other or other.is_relative_to(out):
            raise ConfigError(f"the output folder {out} is or contains the {name} folder; {change}")
    if out.is_relative_to(source.resolve()):
        raise ConfigError(f"the output folder {out} is inside the source folder; {change}")
    if out.exists() and not out.is_dir():
        raise ConfigError(f"the output path {out} exists and is not a folder; remove it or {change}")
    if os.path.ismount(out):  # a container's volume, another disk: every swap failed with EBUSY
        raise ConfigError(
            f"the output folder {out} is a mount point (another disk, or a container's volume): sitegen "
            "builds the site beside the output folder and then swaps the two, which cannot be done to a "
            f"mount point; mount the folder above it instead, or build into a folder inside it ({out / 'site'}): "
            f"{change}"
        )
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ConfigError(f"{parent} is a file, so the output folder {out} cannot be made; {change}")
            break
    if out.is_dir() and _holds_files(out) and not made_by_sitegen(out):
        marker = out / MARKER
        older = " (if an older sitegen made it, with an empty .nojekyll, delete it once)" if marker.is_file() else ""
        kept = [name for name in KEPT if os.path.lexists(out / name)]
        if kept:  # a checkout of another tool's site (an old gh-pages branch)
            tracked = " (`git rm -r -q .` in it removes the files git tracks)" if kept[0] == ".git" else ""
            how = (
                f"sitegen replaces the whole folder but keeps its {kept[0]}: to deploy from this checkout, "
                f"empty it but keep its {kept[0]}{tracked}, or {change}"
            )
        else:
            how = f"sitegen replaces the whole folder, so empty it or {change}"
        raise ConfigError(f"the output folder {out} is not empty and was not made by sitegen{older}; {how}")


def _holds_files(folder: Path) -> bool:
    """Whether folder holds anything but version control (KEPT): a new checkout (`git init`) is empty."""
    return any(entry.name not in KEPT for entry in folder.iterdir())


def made_by_sitegen(folder: Path) -> bool:
    """Whether folder holds sitegen's marker, with sitegen's words in it."""
    try:
        with open(folder / MARKER, "rb") as f:
            return f.read(len(MARKER_TEXT) + 1) == MARKER_TEXT
    except OSError:
        return False


def write_file(path: str, content: bytes) -> None:
    """Write bytes to a new file with plain system calls (no file object per page)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _O_BINARY, 0o644)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def read_all(fd: int, size: int) -> bytes:
    """Up to size bytes from fd (a short read is retried until the end of the file)."""
    parts = []
    while size > 0:
        part = os.read(fd, size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def check_relative(rel: str) -> None:
    """Refuse any output path that could land outside the output folder."""
    parts = rel.split("/")
    if not rel or any(p in ("..", ".", "") or "\\" in p or "\x00" in p for p in parts):
        raise OutputError(f"refusing to write unsafe output path {rel!r}")


def safe_join(base: Path, rel: str) -> Path:
    """base/rel, refusing any path that could land outside base."""
    check_relative(rel)
    return base.joinpath(*rel.split("/"))


class Stage:
    """Where a build writes: a fresh folder beside the output, committed only at the end.

    Full build: the stage becomes the new output by a swap of two renames. Incremental build:
    the stage holds only the files whose bytes changed; commit moves them into the output
    (renames need no disk space, so a full disk fails before the output is touched) and then
    deletes the files that are no longer part of the site.
    """

    def __init__(self, output: Path, *, incremental: bool = False, change: str = "choose another --output"):
        # An output that is a symbolic link (to a folder served elsewhere, say) is built where it
        # points: replacing the link itself would leave that folder with the old site.
        self.output = Path(os.path.realpath(output)) if output.is_symlink() else output.absolute()
        self.incremental = incremental
        self.change = change
        self.root = self.output.parent / STAGE_PREFIX  # named when entered
        self._dirs: set[str] = set()
        self._root = ""
        self.changed = False  # after commit: whether the output now differs from before
        # after commit: the files moved into the output (incremental); None: every file (a swap)
        self.moved: list[str] | None = None
        # after commit: files of the user's in the replaced output that a full build dropped (_dropped)
        self.dropped: list[str] = []

    def _cannot_create(self, exc: OSError) -> ConfigError:
        """An output folder that cannot be used, like those check_output refuses (exit 2)."""
        return ConfigError(
            f"cannot create a folder beside the output ({exc.strerror or exc}); make {self.output.parent} "
            f"writable or {self.change}",
            self.output.parent,
        )

    def __enter__(self) -> Stage:
        """Make the stage. Made here, not in __init__, and named before it exists: a Ctrl-C or
        SIGTERM that comes at any moment, even the one right after the folder appears (between
        __init__ and `with`, or inside tempfile.mkdtemp), finds it known and removes it."""
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._cannot_create(exc) from None
        try:
            while True:
                self.root = self.output.parent / f"{STAGE_PREFIX}{secrets.token_hex(6)}"
                try:
                    self.root.mkdir(mode=0o755)
                    break
                except FileExistsError:
                    continue
            os.chmod(self.root, 0o755)  # whatever the umask: the site is published as it is staged
            remove_leftovers(self.output.parent)
        except BaseException as exc:
            shutil.rmtree(self.root, ignore_errors=True)
            if isinstance(exc, OSError):
                raise self._cannot_create(exc) from None
            raise
        self._root = str(self.root) + os.sep
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _target(self, rel: str) -> str:
        """The staged file for rel, its folder made; plain strings (tens of thousands of pages)."""
        check_relative(rel)
        folder, _, _ = rel.rpartition("/")
        if folder and folder not in self._dirs:
            self._mkdir(folder)
        return self._root + rel

    def _mkdir(self, folder: str) -> None:
        """Make a staged folder and its parents: one mkdir for each folder never made before
        (os.makedirs would also stat every parent: a system call per page in a cold build)."""
        parent = folder.rpartition("/")[0]
        if parent and parent not in self._dirs:
            self._mkdir(parent)
        with contextlib.suppress(FileExistsError):  # made by another worker
            os.mkdir(self._root + folder)
        self._dirs.add(folder)

    def write(self, rel: str, content: bytes) -> None:
        try:
            write_file(self._target(rel), content)
        except OSError as exc:
            raise self._error(rel, exc) from None

    def holds(self, rel: str, content: bytes) -> bool:
        """Whether an incremental build's output already has rel with exactly these bytes.

        A template or configuration change re-renders pages whose bytes mostly come out the
        same (an edit of the card template leaves every article page as it was): those are not
        written again, which spares replacing tens of thousands of files (and their inodes),
        keeps their modification times, and keeps deploy diffs to what really changed.
        """
        if not self.incremental:
            return False
        check_relative(rel)
        try:
            fd = os.open(str(self.output) + os.sep + rel, os.O_RDONLY | _O_BINARY | _O_NOFOLLOW)
        except OSError:
            return False
        try:
            if os.fstat(fd).st_size != len(content):
                return False
            return read_all(fd, len(content)) == content
        except OSError:
            return False
        finally:
            os.close(fd)

    def copy(self, rel: str, src: Path) -> None:
        try:
            shutil.copyfile(src, self._target(rel))
        except OSError as exc:
            # Only opening the source names it alone: shutil's sendfile copy names both files in
            # its errors, the source first also for a full disk, which is the output's.
            if exc.filename2 is None and exc.filename is not None and os.fsdecode(exc.filename) == os.fsdecode(src):
                raise _unreadable(src, exc) from None
            raise self._error(rel, exc) from None

    def _error(self, where: str, exc: OSError) -> OutputError:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            advice = "the disk is full; free some space and build again"
        elif exc.errno == errno.EBUSY:  # a bind mount that check_output could not tell
            advice = (
                "the output folder is in use: a mount point (a container's volume) cannot be replaced, "
                "so mount the folder above it or build into a folder inside it; or close the program that holds it"
            )
        else:
            advice = f"check that {self.output.parent} is writable and build again"
        return OutputError(
            f"cannot write {where} ({exc.strerror or exc}); {advice}. The previous output is unchanged", self.output
        )

    def commit(self, keep: AbstractSet[str] | None = None, previous: AbstractSet[str] | None = None) -> None:
        """Make the staged files the output.

        Incremental: ``keep`` is every file of the new site, ``previous`` every file the last build
        wrote; files in previous but not in keep are deleted.
        """
        if (replaced := _replaced(self.output)) is not None:
            raise OutputError(
                f"the output folder {self.output} was replaced by {replaced} during the build; it is left as it is "
                "and the new site was not written: move it away and build again",
                self.output,
            )
        try:
            self.write(MARKER, MARKER_TEXT)
            if not self.incremental or not self.output.is_dir():
                self.dropped = _swap(self.root, self.output)
                self.changed = True
                return
            marker = self.root / MARKER
            staged = sorted(p for p in self.root.rglob("*") if p.is_file() and p != marker)
            self.moved = [p.relative_to(self.root).as_posix() for p in staged]
            stale = set(previous - keep) - {MARKER} if keep is not None and previous is not None else set()
            self.changed = bool(staged or stale)
            if not made_by_sitegen(self.output):
                staged.append(marker)
            with _no_interrupt():
                for path in staged:
                    dest = self.output / path.relative_to(self.root)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, dest)
                if stale:
                    _remove_stale(self.output, stale)
        except OSError as exc:
            raise self._error("the site", exc) from None


def _unreadable(src: Path, exc: OSError) -> SourceError:
    """A static or media file that could not be opened to be copied: read or found earlier in
    the build, so most often moved or deleted since (a save while serving); the output is not
    to blame, and for a file without read permission the fix is the permission."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        advice = "; make the file readable (chmod +r) and build again"
    elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
        advice = ": was it moved or deleted while the site was being built? Build again"
    else:
        advice = "; build again"
    return SourceError(f"cannot read this file ({exc.strerror or exc}){advice}. The previous output is unchanged", src)


def _replaced(output: Path) -> str | None:
    """What stands where the output was checked before the build (check_output), if it is no
    longer a folder that sitegen may replace: a file, or a folder of someone else's put there
    while the build ran. The commit would delete it, or fill it with pages and empty it of the
    last site's files. None when the output is sitegen's, empty or gone."""
    try:
        if not os.path.lexists(output):
            return None
        if not output.is_dir():
            return "a file"
        if _holds_files(output) and not made_by_sitegen(output):
            return "a folder that sitegen did not make"
    except OSError:
        return None  # said by the commit itself, which cannot use it either
    return None


def _remove_stale(output: Path, stale: set[str]) -> None:
    """Delete files of an earlier build that the new site no longer has, and emptied folders."""
    for rel in sorted(stale):
        path = safe_join(output, rel)
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == output or not parent.is_relative_to(output):
                break
            try:
                parent.rmdir()
            except OSError:  # not empty
                break


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while files are moved into the output, so that the move is
    not cut short (a half-moved output would mix two sites); the build then finishes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def output_lock(output: Path, lock_dir: Path) -> Iterator[None]:
    """Let one build at a time write into an output folder: a second one waits for the first.

    Two builds swapping or moving files into the same folder at once fail with confusing errors
    (File exists). A POSIX record lock (fcntl.lockf) is used because forked processes do not
    inherit it: the detached deletion of a replaced output must not hold the next build back.
    Where there is no fcntl, or the lock file cannot be made, builds are not serialized.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    name = hashlib.blake2b(os.path.realpath(output).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    try:
        lock_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_dir / f"output-{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            log.info("another sitegen build is writing to %s; waiting for it to finish", output)
            fcntl.lockf(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _swap(new: Path, output: Path) -> list[str]:
    """Put new in place of output with two renames; put the old one back if the second fails.

    The old output's version control (KEPT, at the top and below) is then moved into the new one,
    before the old is deleted; returns the files of the user's that the old output had and the new
    one has not (_dropped), which are deleted with it.
    """
    if not output.exists():
        os.replace(new, output)
        return []
    names = {entry.name for entry in os.scandir(new)}  # the new site's (a repository's folder is not)
    old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=output.parent))
    os.rmdir(old)
    with _no_interrupt():  # a repository half-way between the two folders must not be left there
        os.replace(output, old)
        try:
            os.replace(new, output)
        except OSError:
            os.replace(old, output)
            raise
        _carry(old, output, new)
    dropped = _dropped(old, names)
    remove_later(old)
    return dropped


def _carry(old: Path, output: Path, new: Path) -> None:
    """Move the version control of the replaced output (old) into the new output, each at its
    place (repositories()); the folders above one below the top are made if the new site has not
    them (a section it no longer writes): a repository is never lost, and the user decides.

    os.rename, not os.replace, and never over something of the new site: on Windows it never moves
    over a file (on POSIX only an empty folder would be replaced). If a move fails (a program holds
    a file of .git open on Windows, a .git that belongs to root, a file of the new site where it
    goes), the previous output goes back in place, whole: the build fails as any build that cannot
    write its site does, and the repository never waits in a folder about to be deleted.
    """
    moved: list[str] = []
    for rel in repositories(old):
        target = output / rel
        try:
            for above in reversed(Path(rel).parents[:-1]):  # a page of the new site where its folder is
                if os.path.lexists(output / above) and not (output / above).is_dir():
                    raise FileExistsError(errno.EEXIST, "the new site has a file there", str(output / above))
            target.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(target):
                raise FileExistsError(errno.EEXIST, "the new site has a file there", str(target))
            os.rename(old / rel, target)
        except OSError as exc:
            raise _put_back(old, output, new, moved, rel, exc) from None
        moved.append(rel)


def repositories(folder: Path) -> list[str]:
    """The version control (KEPT) in an output folder, at its top and below (output/en/.git: a
    section deployed from a checkout of its own; a submodule's .git file), as relative paths, the
    top's first; what is inside one is not looked at.

    Every folder may hold one, but a build at 10,000 articles leaves 22,000: a folder is listed
    only if it may have changed since the build that made the output wrote its marker (its last
    file). A folder with no subfolder (a link count of 2) whose inode has not changed since then
    (its ctime, which adding an entry sets, whatever times a copy keeps) holds only what the build
    wrote. Where link counts do not count subfolders (btrfs, Windows: seen at the top), or the
    marker is missing, every folder is listed; so too when the marker's ctime is later than its
    modification time (`chmod -R`, `chown -R`, a hard-linked backup or `cp -a` set the ctimes in
    their own order: a folder set before the marker would look older than the build, see _dropped).
    """
    try:
        marker = os.lstat(folder / MARKER)
        since: int | None = marker.st_ctime_ns if marker.st_ctime_ns <= marker.st_mtime_ns else None
    except OSError:
        since = None
    found: list[str] = []
    stack = [(str(folder), "")]
    while stack:
        path, rel = stack.pop()
        subfolders = []
        dirs = 0
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    is_dir = entry.is_dir(follow_symlinks=False)
                    dirs += is_dir
                    if entry.name in KEPT:
                        found.append(rel + entry.name)
                    elif is_dir:
                        subfolders.append(entry)
            if not rel and since is not None and os.lstat(path).st_nlink != 2 + dirs:
                since = None  # the top says that link counts do not count subfolders here
        except OSError:
            continue  # nothing can be moved out of a folder that cannot be read, nor deleted from it
        for entry in subfolders:
            if since is not None:
                with contextlib.suppress(OSError):
                    st = entry.stat(follow_symlinks=False)
                    if st.st_nlink == 2 and st.st_ctime_ns < since:
                        continue
            stack.append((entry.path, rel + entry.name + "/"))
    return sorted(found, key=lambda rel: (rel.count("/"), rel))


def _put_back(old: Path, output: Path, new: Path, moved: list[str], name: str, exc: OSError) -> OutputError:
    """Undo a swap whose carry-over failed: the previous output, with its repository, in place again.
    If that fails too, the folder holding the repository is kept (remove_leftovers leaves it)."""
    reason = exc.strerror or str(exc)
    try:
        for done in reversed(moved):
            os.rename(output / done, old / done)
        os.replace(output, new)  # the new site, deleted with the stage
        os.replace(old, output)
    except OSError:
        if output.exists():
            where = f"the new site is in {output}, and the repository is now {old / name}: move it to {output / name}"
        else:
            where = f"the previous output, with its {name}, is now {old}: rename it to {output}"
        return OutputError(
            f"cannot move the repository {name} into the new site ({reason}), nor put the previous output back; "
            f"{where}, then build again",
            output,
        )
    if isinstance(exc, FileExistsError) and exc.filename:
        return OutputError(
            f"cannot move the repository {output / name} into the new site: the new site writes the file "
            f"{exc.filename} where the repository's folder is; move the repository out of the output folder, "
            f"then build again. The previous output is unchanged, with its {name}",
            output,
        )
    return OutputError(
        f"cannot move the repository {output / name} into the new site ({reason}); make sure that no program holds "
        f"it open and that you may move it (it may belong to another user), then build again. The previous output "
        f"is unchanged, with its {name}",
        output,
    )


def _dropped(old: Path, new_names: AbstractSet[str]) -> list[str]:
    """The files of a replaced output (old) that are at none of the new site's top-level names,
    nor at one that only sitegen writes (_SITEGEN_TOP), and that were put there after the build
    that made old wrote its marker (the last file a full build writes): files the user added (a
    README.md, CNAME, .github/ of a gh-pages checkout), which a full build does not keep. The
    pages that build wrote are older than its marker, so those of a site that has changed since
    (a cname unset, an alias or a language gone) are not taken for the user's; those written by
    an incremental build since are told by its manifest (build.py). When a file was put there is
    its ctime, not its modification time, which a copy keeps (`cp -p`, `rsync -t`: a file of the
    user's copied in would look older than the site); on Windows the time it was made. Unless the
    marker's own ctime is later than its modification time: something set the metadata of the
    output's files since it was written (`chmod -R`, `chown -R`), and with it every ctime; then
    only the modification time can tell the site's files. A name with a leading dot
    (.github/, .gitignore) is the user's however old: sitegen writes none at the top but its
    marker (no alias starts with a dot), and a checkout (`git worktree add`) writes a branch's
    files in name order, those before its .nojekyll. Only the top level is compared: the old
    site's own pages and folders are not told from files added among them without the manifest,
    which a full build has not, and looking there would take a walk of tens of thousands of
    files. An incremental build never deletes such files."""
    try:
        marker = os.stat(old / MARKER)
    except OSError:
        when, built = "st_mtime_ns", -1  # no marker: every file counts
    else:
        when = "st_ctime_ns" if marker.st_ctime_ns <= marker.st_mtime_ns else "st_mtime_ns"
        built = getattr(marker, when)

    def added(path: str) -> bool:
        try:
            return int(getattr(os.lstat(path), when)) > built
        except OSError:
            return False

    try:
        dropped: list[str] = []
        for entry in sorted(os.scandir(old), key=lambda e: e.name):
            if entry.name in new_names or entry.name in KEPT or _SITEGEN_TOP.fullmatch(entry.name):
                continue
            hidden = entry.name.startswith(".")  # never sitegen's (see above): the user's, however old
            if entry.is_dir(follow_symlinks=False):
                dropped += sorted(
                    (Path(top) / file).relative_to(old).as_posix()
                    for top, _, files in os.walk(entry.path)
                    for file in files
                    if hidden or added(os.path.join(top, file))
                )
            elif hidden or added(entry.path):
                dropped.append(entry.name)
    except OSError:
        return []
    return dropped


def dropped_notes(output: Path, dropped: list[str]) -> tuple[Diagnostic, ...]:
    """The warning of a full build that dropped files of the user's (Stage.dropped): said, with
    where such files belong, since only version control is carried over."""
    if not dropped:
        return ()
    names = ", ".join(dropped[:2]) + (f" and {len(dropped) - 2} more" if len(dropped) > 2 else "")
    return (
        Diagnostic(
            str(output),
            f"a full build replaces the whole output folder: it dropped {count(len(dropped), 'file')} that sitegen "
            f"did not write ({names}) and kept only version control ({', '.join(KEPT)}); put files of your own in "
            "the site's static/ folder (published under static/), and for a CNAME set `cname` in sitegen.toml",
        ),
    )


def remove_later(folder: Path) -> None:
    """Delete a replaced output folder without making the build wait for it (tens of thousands
    of files take seconds): a detached process does it where a child may be forked (no other
    thread runs: parallel.may_fork), else it is done here."""
    if not may_fork():
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        pid = os.fork()
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    if pid == 0:  # pragma: no cover - runs in the child processes
        try:
            if os.fork() == 0:  # the grandchild, adopted by init: nobody has to wait for it
                os.setsid()  # a Ctrl-C in the terminal does not cut the deletion short
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def remove_leftovers(parent: Path, age: float = 60.0, stage_age: float = 86400.0) -> None:
    """Folders that an earlier build left beside the output when it could not clean up (the
    machine stopped, or the build was killed with SIGKILL): replaced outputs older than ``age``
    seconds and stages older than ``stage_age`` seconds (a day: no build runs that long), so
    that a build next door is never disturbed."""
    try:
        candidates = [(f, age) for f in parent.glob(OLD_PREFIX + "*")]
        candidates += [(f, stage_age) for f in parent.glob(STAGE_PREFIX + "*")]
    except OSError:
        return
    now = time.time()
    for folder, limit in candidates:
        try:
            if folder.is_dir() and not folder.is_symlink() and now - folder.stat().st_mtime > limit:
                if kept := repositories(folder):
                    log.warning(
                        "%s is a repository that a build, stopped or failed, was moving between output folders; "
                        "it is kept: move it to the same place in the output folder beside it%s (then delete %s)",
                        folder / kept[0],
                        f" (and {len(kept) - 1} more in it)" if len(kept) > 1 else "",
                        folder,
                    )
                    continue
                remove_later(folder)
        except OSError:
            continue
