"""The one exception hierarchy; the CLI turns these into messages and exit codes."""

from __future__ import annotations

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
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        return where + self.reason


class ConfigError(SitegenError):
    """sitegen.toml, tags.toml, a locales/ catalog or a command-line option is invalid, or a folder
    they name cannot be used: nothing can be built until the user fixes it (exit 2)."""


class SourceError(SitegenError):
    """One article file cannot be read or parsed; the build skips it and reports it."""


class TemplateError(SitegenError):
    """A template failed to load or render: like a ConfigError, a site file to fix (exit 2)."""


class OutputError(SitegenError):
    """The output folder cannot be used or written."""
