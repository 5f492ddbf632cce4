"""Allow ``python -m sitegen`` (the same fast exit as the console script)."""

from sitegen.cli import entry

entry()
