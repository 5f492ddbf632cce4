"""Work spread over processes gives the same results as work done in this process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest

from sitegen import parallel
from sitegen.parallel import Forked, run_tasks


def _square(state: int, task: int) -> int:
    return state + task * task


def test_tasks_run_on_several_processes_give_their_results_in_task_order():
    assert run_tasks(_square, 1, list(range(50)), jobs=2) == [1 + n * n for n in range(50)]


def test_a_forked_computation_is_made_by_another_process():
    parent = os.getpid()
    forked = Forked(os.getpid)
    child = forked.result()
    assert child != parent  # computed in the child, sent back through the pipe


def test_a_forked_computation_returns_what_the_function_returns():
    paths = [f"page-{n}.html" for n in range(3000)]
    assert Forked(lambda: {p for p in paths if p.endswith("7.html")}).result() == {
        p for p in paths if p.endswith("7.html")
    }


def test_a_failed_child_is_made_up_for_in_this_process():
    parent = os.getpid()
    calls = []

    def flaky() -> int:
        if os.getpid() != parent:
            raise RuntimeError("fails in the child")
        calls.append(1)
        return 42

    assert Forked(flaky).result() == 42
    assert calls == [1]


def test_with_other_threads_running_nothing_is_forked():
    """Forking a process that has threads is unsafe: the work is done here instead."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Forked(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        thread.join()


def _pid(state: None, task: int) -> int:
    return os.getpid()


def test_with_other_threads_running_the_workers_and_the_detached_deletion_are_not_forked(tmp_path, monkeypatch):
    """Python 3.12 warns of a fork in a process with threads (sitegen serve's builds forked
    their workers beside its HTTP server): tasks run here and a replaced folder is deleted here."""
    from sitegen.write import remove_later

    def no_fork() -> int:
        raise AssertionError("forked while another thread ran")

    monkeypatch.setattr(os, "fork", no_fork)
    folder = tmp_path / "old"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "page.html").write_text("x")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert run_tasks(_pid, None, list(range(20)), jobs=2) == [os.getpid()] * 20
        remove_later(folder)
    finally:
        stop.set()
        thread.join()
    assert not folder.exists()


def test_a_forked_child_outlives_the_terminal_closing():
    """A closed terminal sends SIGHUP to every process of the group; the parent stops the build,
    and a child writing a cache finishes it (the result comes from the child, not made again)."""
    parent = os.getpid()

    def hung_up() -> int:
        os.kill(os.getpid(), signal.SIGHUP)
        return os.getpid()

    assert Forked(hung_up).result() != parent


def test_a_result_never_asked_for_leaves_no_child_behind():
    forked = Forked(lambda: "x" * 1_000_000)  # more than a pipe holds: the child blocks writing
    assert forked._child is not None
    pid = forked._child[0]
    del forked  # closes the pipe and reaps the child
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


CTRL_C_IN_A_TERMINAL = """
import os, signal, sys, time
from sitegen.parallel import run_tasks

def task(state, n):
    if n == 0:
        os.killpg(0, signal.SIGINT)  # what Ctrl-C in a terminal does: every process of the group
    time.sleep(1)
    return n

try:
    run_tasks(task, None, list(range(4)), 2)
except KeyboardInterrupt:
    print("interrupted", file=sys.stderr)
"""


def test_ctrl_c_in_a_terminal_ends_the_workers_without_a_traceback():
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_IN_A_TERMINAL], capture_output=True, text=True, timeout=60, start_new_session=True
    )
    assert "interrupted" in done.stderr
    assert "Traceback" not in done.stderr and "ForkPoolWorker" not in done.stderr, done.stderr


_MASK_AT_START: dict[str, set[int]] = {}  # filled in each forked worker


def _recording_init(state: object) -> None:
    _MASK_AT_START["mask"] = set(signal.pthread_sigmask(signal.SIG_BLOCK, set()))
    _ORIGINAL_INIT(state)


_ORIGINAL_INIT = parallel._init


def _masks(state: object, task: int) -> tuple[set[int], set[int]]:
    return _MASK_AT_START["mask"], set(signal.pthread_sigmask(signal.SIG_BLOCK, set()))


def test_workers_start_with_ctrl_c_blocked_until_they_ignore_it(monkeypatch):
    """A Ctrl-C between a worker's fork and its initializer stopped it with a traceback (2 runs
    in 30 under load): it now waits, blocked, until the worker ignores it."""
    monkeypatch.setattr(parallel, "_init", _recording_init)
    before = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    for at_start, at_work in run_tasks(_masks, None, [1, 2], jobs=2):
        assert {signal.SIGINT, signal.SIGTERM} <= at_start
        assert not {signal.SIGINT, signal.SIGTERM} & at_work
    assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) == before  # the parent's mask is as it was
