"""Whether the previous build's files are still in the output as it wrote them.

A file deleted or edited by hand since (another size, or a later stamp: the later of its mtime
and ctime) is made again by the next build, even when no source changed; the manifest keeps each
file's size and stamp as the build left it (Manifest.stamps), and after a commit they are
recorded again here (commit_stamps).
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Collection, Iterable, Mapping

from sitegen.manifest import STAMP, Manifest, Stamp, output_stamp, stamped
from sitegen.parallel import Forked


class Presence:
    """Which of the previous build's files (its manifest's) are missing from the output or
    changed since it wrote them (deleted or edited by hand): one os.stat per file. Started at
    once in a forked child when there are many (the other core checks while this one loads the
    caches: a thread was slower, the checks and the loading fought over the interpreter lock);
    else done here when first asked. No manifest: nothing to check."""

    FORK_FROM = 2000  # fewer files are checked sooner than a child is started

    def __init__(self, root: str, manifest: Manifest | None):
        self._missing: set[str] | None = None
        # no reference back to self: no cycle
        self._check = functools.partial(_check_files, root, manifest)
        count = len(manifest.pages) if manifest is not None else 0
        self._forked = Forked(self._check) if count >= self.FORK_FROM else None

    def missing(self) -> set[str]:
        if self._missing is None:
            forked, self._forked = self._forked, None
            self._missing = forked.result() if forked is not None else self._check()
        return self._missing


def _check_files(root: str, manifest: Manifest | None) -> set[str]:
    return missing_files(root, stamped(manifest) if manifest is not None else ())


def missing_files(root: str, files: Iterable[tuple[str, Stamp | None]]) -> set[str]:
    """The files (path, size and stamp as written) missing from the output, or changed since
    they were written: another size or stamp, which an edit moves even when it keeps the size
    and sets the modification time back (the stamp is the later of mtime and ctime). None for
    a file's stamp: not known, so taken as changed (its bytes are compared again)."""
    stat = os.stat
    missing = set()
    for path, written in files:
        try:
            st = stat(root + path)
        except OSError:
            missing.add(path)
            continue
        # cache.stamp(), written out: 22,000 calls fewer in a build with nothing to do
        if written is None or st.st_size != written[0] or max(st.st_mtime_ns, st.st_ctime_ns) != written[1]:
            missing.add(path)
    return missing


def commit_stamps(
    root: str,
    pages: Mapping[str, str],
    previous: Manifest | None,
    moved: Collection[str] | None,
    changed: Collection[str],
) -> bytes:
    """The manifest's stamps of the output's files (Manifest.stamps) after a commit: those of
    the previous build for the files kept as they were, the file's own for those moved into the
    output (``moved``; None: all of them), or changed by hand before the build (``changed``),
    which the build found with the right bytes or wrote again. A file that is not there gets a
    stamp no file has (checked again by the next build)."""
    paths = list(pages)
    fresh = set(changed) if moved is None else {*moved, *changed}
    if moved is not None and previous is not None and len(previous.stamps) == STAMP.size * len(previous.pages):
        if paths == list(previous.pages):  # the same files (most edits): patch the previous stamps
            blob = bytearray(previous.stamps)
            if fresh:
                for n, path in enumerate(paths):
                    if path in fresh:
                        STAMP.pack_into(blob, n * STAMP.size, *(output_stamp(root + path) or GONE))
            return bytes(blob)
        kept: dict[str, Stamp | None] = dict(stamped(previous))
    else:
        kept = {}
    found = ((None if path in fresh else kept.get(path)) or output_stamp(root + path) or GONE for path in paths)
    return b"".join(itertools.starmap(STAMP.pack, found))


GONE = (-1, -1)  # the stamp of an output file that is not there: never an existing file's


def read_kept(root: str, presence: Presence, path: str) -> bytes | None:
    """A file of the output as the previous build left it, or None (not there, or edited since)."""
    return None if path in presence.missing() else _read(root, path)


def _read(root: str, path: str) -> bytes | None:
    """A file of the output as the previous build left it, or None."""
    try:
        with open(root + path, "rb") as f:
            return f.read()
    except OSError:
        return None
