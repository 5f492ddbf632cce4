"""Run pure, independent tasks on every core, with results in task order.

Worker processes are forked, so they inherit the (large, immutable) build state instead of
receiving a pickled copy; only small task descriptions and results cross process boundaries.
Where fork is unavailable, in a process with other threads (see may_fork), or when the work is
small, tasks run in-process: same results, one core.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

# Set only inside forked worker processes, by _init; the parent never reads or writes it.
_worker_state: Any = None


def default_jobs() -> int:
    """SITEGEN_JOBS, else the number of cores this process may use."""
    env = os.environ.get("SITEGEN_JOBS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# Ctrl-C, SIGTERM (a stopped CI job, `timeout`) and SIGHUP (the terminal closed): what the CLI
# turns into an interruption of the build (cli._interrupt_on_stop_signals).
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set()))


def _init(state: Any) -> None:
    global _worker_state
    _worker_state = state
    # The CLI turns SIGTERM and SIGHUP into an interruption of the build; a worker is simply
    # ended by them (Pool.terminate sends SIGTERM). A Ctrl-C in the terminal reaches every
    # process of the group: the parent stops the build and ends the workers, which would
    # otherwise each print a traceback.
    for sig in STOP_SIGNALS - {signal.SIGINT}:
        if sig == signal.SIGTERM or signal.getsignal(sig) is not signal.SIG_IGN:  # nohup: SIGHUP stays ignored
            signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Forked with all blocked (run_tasks): a Ctrl-C that came before this point was pending,
    # and is now dropped; a SIGTERM or SIGHUP ends the worker, as it would have.
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _call(job: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    fn, task = job
    return fn(_worker_state, task)


def run_tasks(
    fn: Callable[[Any, T], R],
    state: Any,
    tasks: Sequence[T],
    jobs: int,
    on_result: Callable[[int, int], None] | None = None,
) -> list[R]:
    """[fn(state, task) for task in tasks], spread over `jobs` processes when that pays off.

    ``on_result(done, total)`` is called as results come in (for a progress bar).
    """
    results: list[R] = []
    # In a process with other threads the tasks run here, one core (see may_fork): sitegen serve
    # keeps its threads in another process, so that its builds still fork their workers.
    if jobs <= 1 or len(tasks) < 2 or not may_fork():
        for task in tasks:
            results.append(fn(state, task))
            if on_result:
                on_result(len(results), len(tasks))
        return results
    import multiprocessing  # here: a build with one job (an edit) need not import it

    context = multiprocessing.get_context("fork")
    with contextlib.ExitStack() as stack:
        # A worker gets Ctrl-C, SIGTERM and SIGHUP blocked until _init has set what they do: one that
        # arrived between the fork and _init used to stop it with a traceback. The parent gets
        # a Ctrl-C sent meanwhile as soon as the pool is up, and the pool is then terminated.
        with signals_left_to_this_thread():
            pool = stack.enter_context(context.Pool(min(jobs, len(tasks)), initializer=_init, initargs=(state,)))
        for result in pool.imap(_call, [(fn, task) for task in tasks], chunksize=1):
            results.append(result)
            if on_result:
                on_result(len(results), len(tasks))
    return results


class Background:
    """Jobs run in forked processes at the lowest priority, while the caller goes on.

    Writing the article cache takes a quarter of a second of pickling: at the lowest priority it
    takes no time from the render workers and runs when a core is free (the main process renders
    feeds and the sitemap alone). wait() must be called before the results are relied on.
    Without fork, or in a process with other threads (forking those is unsafe), a job runs at once.
    """

    def __init__(self) -> None:
        self._pids: list[int] = []

    def start(self, job: Callable[[], None]) -> None:
        if not may_fork():
            job()
            return

        def lowest_priority_job() -> None:
            try:
                os.nice(19)
                job()
            except BaseException:
                log.warning("a background job failed", exc_info=True)
                raise

        self._pids.append(_fork(lowest_priority_job))

    def wait(self) -> None:
        while self._pids:
            os.waitpid(self._pids.pop(), 0)


class Forked(Generic[R]):
    """fn() computed in a forked child while the caller goes on; result() waits for it.

    For work that only reads (checking that 20,000 output files are still there): the other core
    does it while this one loads the caches. Without fork, in a process with other threads (forking
    those is unsafe), or when the child fails, result() calls fn() here: the same value, later.
    """

    def __init__(self, fn: Callable[[], R]):
        self._fn = fn
        self._child: tuple[int, int] | None = None
        if not may_fork():
            return
        read, write = os.pipe()

        def send_result() -> None:
            os.close(read)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL))

        pid = _fork(send_result)
        os.close(write)
        self._child = (pid, read)
        # A result never asked for (the build failed first): close the pipe and reap the child.
        self._reaper = weakref.finalize(self, _reap, pid, read)

    def result(self) -> R:
        if self._child is not None:
            pid, read = self._child
            self._child = None
            self._reaper.detach()
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            if status == 0 and data:
                value: R = pickle.loads(data)
                return value
            log.debug("a forked check failed (status %d); doing it in this process", status)
        return self._fn()


def may_fork() -> bool:
    """Whether a child may be forked: fork exists, and no other thread runs (a forked copy of a
    process with threads may deadlock on a lock that one of them held at the fork: logging's,
    a buffered stream's; Python 3.12 warns of it). Every fork of sitegen asks this first."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _fork(job: Callable[[], None]) -> int:
    """Start job in a forked child and return its pid. The child exits with 0 when job returns
    and 1 when it raises, without running the parent's exit handlers or flushing its buffers."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            # The parent handles a Ctrl-C in the terminal, and the terminal closing (SIGHUP): both
            # reach every process of the group, and a cache half written would be lost.
            for sig in STOP_SIGNALS - {signal.SIGTERM}:
                signal.signal(sig, signal.SIG_IGN)
            job()
            status = 0
        finally:
            os._exit(status)
    return pid


def _reap(pid: int, read: int) -> None:
    os.close(read)  # a child still writing gets EPIPE and exits
    os.waitpid(pid, 0)


@contextlib.contextmanager
def signals_left_to_this_thread() -> Iterator[None]:
    """Threads started inside block Ctrl-C, SIGTERM and SIGHUP, so that the kernel delivers those
    to the thread that builds: one delivered to another thread interrupts nothing there, and
    waits until the building thread next runs Python code, which a long wait in the build puts off."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
