"""Atomic write of the whole site: build into a temporary folder beside the output, then swap.

A failed build never touches the previous output: it is replaced only once every page of
the new site has been written. The output folder is never emptied in place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from sitegen.errors import OutputError
from sitegen.model import Page

MARKER = ".nojekyll"  # every sitegen output has it (GitHub Pages needs it too)


def check_output(output: Path, source: Path, root: Path) -> None:
    """Refuse output folders whose replacement would destroy the user's work."""
    out = output.resolve()
    for name, other in (("source", source.resolve()), ("site root", root.resolve())):
        if out == other or other.is_relative_to(out):
            raise OutputError(f"the output folder {out} is or contains the {name} folder; choose another --output")
    if out.is_relative_to(source.resolve()):
        raise OutputError(f"the output folder {out} is inside the source folder; choose another --output")
    if out.exists() and not out.is_dir():
        raise OutputError(f"the output path {out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(
            f"the output folder {out} is not empty and was not made by sitegen; "
            "empty it or choose another --output (sitegen replaces the whole folder)"
        )


def safe_join(base: Path, rel: str) -> Path:
    """base/rel, refusing any path that could land outside base."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(p in ("..", ".", "") or "\\" in p or "\x00" in p for p in parts):
        raise OutputError(f"refusing to write unsafe output path {rel!r}")
    return base.joinpath(*parts)


def write_site(pages: Iterable[Page], static: dict[str, Path], output: Path) -> int:
    """Write pages and static files into a fresh folder and swap it into place; return the count."""
    output = output.absolute()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".sitegen-tmp-", dir=output.parent))
    except OSError as exc:
        raise OutputError(f"cannot create a folder beside the output: {exc.strerror or exc}", output.parent) from None
    count = 0
    try:
        os.chmod(tmp, 0o755)
        seen: set[str] = set()
        for page in pages:
            if page.path in seen:
                raise OutputError(f"two pages want the same output file {page.path!r}")
            seen.add(page.path)
            target = safe_join(tmp, page.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.content)
            count += 1
        for rel, src in static.items():
            target = safe_join(tmp, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        (tmp / MARKER).write_bytes(b"")
        _swap(tmp, output)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(
            f"cannot write the site: {exc.strerror or exc}; the previous output is unchanged", output
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return count


def _swap(new: Path, output: Path) -> None:
    """Put new in place of output with two renames; put the old one back if the second fails."""
    if not output.exists():
        os.replace(new, output)
        return
    old = Path(tempfile.mkdtemp(prefix=".sitegen-old-", dir=output.parent))
    os.rmdir(old)
    os.replace(output, old)
    try:
        os.replace(new, output)
    except OSError:
        os.replace(old, output)
        raise
    shutil.rmtree(old, ignore_errors=True)
