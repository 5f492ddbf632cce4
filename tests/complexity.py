"""How the time a piece of work takes grows with its size, measured so that a loaded machine
does not change the answer: a test that a list of 30,000 items was written within 2 s of
wall-clock time failed when the machine's two cores were busy with other work, and passed
when a quadratic version ran on a fast one. The ratio of two sizes' times says which it is:
linear work takes `times` times longer at `times` times the size, quadratic work times**2.

Each size's time is the least of a few runs (what is left with the least interference), in
CPU time of this thread (time spent waiting for a core, or in other threads and processes,
is not counted), with the garbage collector off (a full collection's cost grows with
everything the process holds, not with the work)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def cpu_seconds(work: Callable[[], object], repeats: int = 5) -> float:
    """The least CPU time of this thread that work() took in repeats runs."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.thread_time()
            work()
            best = min(best, time.thread_time() - started)
    finally:
        if enabled:
            gc.enable()
    return best


def growth(work: Callable[[int], object], small: int, times: int = 8, repeats: int = 5) -> float:
    """How many times longer work(small * times) takes than work(small) (see the module's text):
    about ``times`` for work linear in its size, ``times`` squared for quadratic work."""
    work(small)  # once first: imports, compiled patterns and other first-call costs are not the work's
    return cpu_seconds(lambda: work(small * times), repeats) / max(cpu_seconds(lambda: work(small), repeats), 1e-6)


def assert_linear(work: Callable[[int], object], small: int, times: int = 8, repeats: int = 5) -> None:
    """work(n) takes time linear in n: at ``times`` times the size, less than three times
    ``times`` times as long (a quadratic one takes ``times`` times that: 64 for 8)."""
    ratio = growth(work, small, times, repeats)
    assert ratio < 3 * times, f"{times} times the size took {ratio:.1f} times as long: more than linear"
