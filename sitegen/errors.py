"""The one exception hierarchy; the CLI turns these into messages and exit codes."""

from __future__ import annotations

import os
from pathlib import Path


class SitegenError(Exception):
    """A problem the user can fix: it carries the file, the line and what to do."""

    def __init__(self, reason: str, file: str | Path | None = None, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.file = str(file) if file is not None else None
        self.line = line

    def __reduce__(self) -> tuple:  # keep file and line when raised in a worker process
        return (type(self), (self.reason, self.file, self.line))

    def __str__(self) -> str:
        return self.located(self.file)

    def shown(self) -> str:
        """The message as the user reads it: the file named as shown_path names it."""
        return self.located(shown_path(self.file) if self.file else None)

    def located(self, file: str | None) -> str:
        where = ""
        if file:
            where = file + (f":{self.line}" if self.line else "") + ": "
        return where + self.reason


def shown_path(file: str, cwd: str | None = None) -> str:
    """A file as a message names it: relative to the current folder when it lies under it
    (sitegen.toml, templates/base.html, locales/ar.toml when run in the site root), as compilers
    and linters do, so that it reads short and opens from the terminal; else as it is. Article
    files are named relative to the source folder already and stay so."""
    if not os.path.isabs(file):
        return file
    try:
        rel = os.path.relpath(file, cwd or os.getcwd())
    except (OSError, ValueError):  # no current folder any more, or another drive (Windows)
        return file
    return file if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


class ConfigError(SitegenError):
    """sitegen.toml, tags.toml, a locales/ catalog or a command-line option is invalid, or a folder
    they name cannot be used: nothing can be built until the user fixes it (exit 2)."""


class SourceError(SitegenError):
    """One article file cannot be read or parsed; the build skips it and reports it."""


class TemplateError(SitegenError):
    """A template failed to load or render: like a ConfigError, a site file to fix (exit 2)."""


class OutputError(SitegenError):
    """The output folder cannot be used or written."""


def line_at(text: str, offset: int) -> int:
    """The 1-based line of text that holds the character at offset: where an error or a warning
    about a source file points, for the plain-text and the Markdown reader alike."""
    return text.count("\n", 0, offset) + 1
