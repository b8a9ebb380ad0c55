"""Draw files in forked worker processes that never outlive the build that started them.

``multiprocessing.Pool`` was not used: a worker killed while waiting for work (by a stop
signal sent to the whole process group, say) dies holding the pool's queue lock, and the
pool's own clean-up then waits for that lock for ever. Here each worker has its own two
pipes, the parent hands out one job at a time, and stopping is ``SIGKILL``: nothing shared
can be left locked. On Linux a worker is also killed the moment its parent dies, however it
dies (``PR_SET_PDEATHSIG``); elsewhere it stops at its next job, when its pipe is closed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from handouts import interrupts

_NO_JOB = 0xFFFFFFFF


@dataclass
class _Worker:
    pid: int
    jobs: int
    """Write end of the pipe the worker reads job numbers from; -1 once closed."""
    results: int
    """Read end of the pipe the worker writes its results to."""
    status: int | None = None
    """How it ended, as ``os.waitpid`` tells, once it has."""


def draw(
    count: int, total: int, work: Callable[[int], str], start: Callable[[int], None]
) -> Iterator[tuple[int, str]]:
    """Run ``work(0)`` … ``work(total - 1)`` in ``count`` workers; yield each (job, result).

    Results come in the order the jobs finish. ``start(n)`` runs first in worker ``n``.
    ``work`` returns the path of a file it staged: a worker that cannot hand its result
    over (its parent is gone) removes that file. An exception in ``work`` is raised here.
    Leaving the loop early, by an error, a stop signal or ``close()``, kills every worker.
    """
    prctl = _death_signal()
    parent = os.getpid()
    pool: list[_Worker] = []
    try:
        with interrupts.blocked():  # a worker sets its own handlers before any signal
            for number in range(count):
                pool.append(_fork(number, pool, work, start, prctl, parent))
        waiting = iter(range(total))
        busy: dict[int, _Worker] = {}
        poller = select.poll()
        for worker in pool:
            if _hand_out(worker, waiting):
                busy[worker.results] = worker
                poller.register(worker.results, select.POLLIN)
        while busy:
            for fd, _ in poller.poll():
                worker = busy[fd]
                job, ok, value = _receive(worker)
                if not ok:
                    raise value
                if not _hand_out(worker, waiting):
                    poller.unregister(fd)
                    del busy[fd]
                yield job, value
        for worker in pool:  # each was told there is no more work: it is leaving
            _reap(worker)
    finally:
        with interrupts.held():  # a second Ctrl-C must not leave workers behind
            for worker in pool:
                if worker.status is None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(worker.pid, signal.SIGKILL)
                    _reap(worker)
                for fd in (worker.jobs, worker.results):
                    with contextlib.suppress(OSError):
                        os.close(fd)


def _death_signal() -> Callable[[int, int], int] | None:
    """Return libc's ``prctl`` on Linux (loaded once, before forking), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def _fork(
    number: int,
    pool: list[_Worker],
    work: Callable[[int], str],
    start: Callable[[int], None],
    prctl: Callable[[int, int], int] | None,
    parent: int,
) -> _Worker:
    jobs_in, jobs_out = os.pipe()
    results_in, results_out = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        status = 1
        try:
            # Ctrl-C and a closed terminal reach the whole process group: the parent alone
            # decides to stop, and kills its workers. SIGTERM on its own kills a worker.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if hasattr(signal, "SIGHUP"):
                signal.signal(signal.SIGHUP, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            if prctl is not None:
                prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG: die with the parent
            if os.getppid() != parent:  # the parent died before that: nothing to do
                os._exit(0)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, interrupts.STOPS)
            for other in pool:  # the other workers' pipes are not this one's business
                os.close(other.jobs)
                os.close(other.results)
            os.close(jobs_out)
            os.close(results_in)
            status = _serve(number, jobs_in, results_out, work, start)
        finally:
            os._exit(status)  # no clean-up of the parent's: its files and buffers are its own
    os.close(jobs_in)
    os.close(results_out)
    return _Worker(pid, jobs_out, results_in)


def _serve(
    number: int, jobs: int, results: int, work: Callable[[int], str], start: Callable[[int], None]
) -> int:
    """Run jobs as the parent hands them out, until it has no more or is gone."""
    try:
        start(number)
    except Exception as exc:
        _send(results, (-1, False, exc))
        return 1
    while True:
        raw = _read(jobs, 4)
        if len(raw) < 4 or raw == _NO_JOB.to_bytes(4, "little"):
            return 0
        job = int.from_bytes(raw, "little")
        try:
            result: tuple[int, bool, object] = (job, True, work(job))
        except Exception as exc:
            result = (job, False, exc)
        try:
            _send(results, result)
        except BrokenPipeError:  # the parent is gone: nobody will put the file in place
            if result[1]:
                Path(str(result[2])).unlink(missing_ok=True)
            return 0


def _send(fd: int, message: tuple[int, bool, object]) -> None:
    try:
        data = pickle.dumps(message)
    except Exception:  # an exception that cannot be pickled: send what it said
        job, _, value = message
        data = pickle.dumps((job, False, RuntimeError(f"{type(value).__name__}: {value}")))
    _write(fd, len(data).to_bytes(8, "little") + data)


def _receive(worker: _Worker) -> tuple[int, bool, object]:
    head = _read(worker.results, 8)
    if len(head) == 8:
        data = _read(worker.results, int.from_bytes(head, "little"))
        return pickle.loads(data)  # type: ignore[no-any-return]
    raise _gone(worker)


def _hand_out(worker: _Worker, waiting: Iterator[int]) -> bool:
    """Give the worker its next job; without one, tell it to leave. Say if it got one."""
    job = next(waiting, _NO_JOB)
    try:
        _write(worker.jobs, job.to_bytes(4, "little"))
    except BrokenPipeError:
        raise _gone(worker) from None
    return job != _NO_JOB


def _gone(worker: _Worker) -> BaseException:
    """Explain a worker that stopped without a result: killed, it stops the build as such."""
    _reap(worker)
    status = worker.status or 0
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        if signum in (*interrupts.STOPS, signal.SIGKILL):  # someone stopped it, or the OOM killer
            return interrupts.Stopped(signum)
        return RuntimeError(f"a worker process stopped by {interrupts.signal_name(signum)}")
    return RuntimeError(f"a worker process stopped with status {os.waitstatus_to_exitcode(status)}")


def _reap(worker: _Worker) -> None:
    if worker.status is None:
        worker.status = os.waitpid(worker.pid, 0)[1]


def _read(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
