"""Starting a command as a terminal would, whatever the test run itself was started under.

A test suite run under `nohup`, or as a background job of a script, inherits SIGHUP (or SIGINT)
ignored, and so would the sitegen it starts: a test that closes the terminal or presses Ctrl-C
on it would then see the signal ignored, as sitegen rightly keeps an ignored SIGHUP ignored.
"""

from __future__ import annotations

import signal

# What a shell in a terminal leaves at their default for the commands it starts.
TERMINAL_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def signals_as_in_a_terminal() -> None:
    """For Popen's preexec_fn: the stop signals at their default in the child, before it execs."""
    for sig in TERMINAL_SIGNALS:
        signal.signal(sig, signal.SIG_DFL)
