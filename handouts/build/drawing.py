"""Draw jobs, in this process or in forked workers pinned to a core each."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.build import files
from handouts.build.files import is_folder
from handouts.text import one_line, shorten

if TYPE_CHECKING:
    from handouts.build.plan import Job


PARALLEL_MIN = 4
"""Fewer files than this are drawn in this process: starting workers would cost more."""


def default_workers() -> int:
    """Return the number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Tell whether worker processes can be started here (not on Windows)."""
    return hasattr(os, "fork")


# Jobs handed to worker processes: forked workers inherit them, so nothing is pickled.
_PENDING: list[Job] = []
_OUT = Path()
_SURVIVE = False
"""Whether a job whose drawing fails is told of (``Builder.run``'s ``failed``), not raised."""

FAILED = "\0"
"""Starts what ``_work`` returns for a job whose drawing failed, before what went wrong:
no path has a NUL character."""


def _work(index: int) -> str:
    job = _PENDING[index]
    target = _OUT / job.name
    try:
        data = draw(job)
    except Exception as exc:
        if not _SURVIVE or isinstance(exc, OSError):
            raise
        return FAILED + failure(exc)
    place = _OUT
    for part in target.parent.relative_to(_OUT).parts:  # right before staging, as _folder
        place = place / part
        is_folder(_OUT, place)
    return str(files.stage(target.parent, target.name, data))


def _start_worker(cpus: list[int], index: int) -> None:
    # One core per worker. Left to itself, the scheduler of a small virtual machine was seen
    # to run both workers on one core: 1.1 times as fast with 2 workers, 1.9 times pinned.
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpus[index % len(cpus)]})
    gc.freeze()  # what the parent loaded is left out of the collector's scans
    gc.set_threshold(*_DRAWING_GC)


_DRAWING_GC = (50_000, 20, 20)
"""Collector thresholds while drawing. A drawing allocates hundreds of thousands of small
objects and few cycles: the default pace (a collection every 700 allocations) cost about
a tenth of the drawing time."""


@contextlib.contextmanager
def drawing_gc() -> Iterator[None]:
    """Collect garbage at the drawing pace inside the block, as before after it.

    What exists before the block is frozen meanwhile, as in a worker: the collection after
    each drawing (``draw``) then looks only at what the drawing made.
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_DRAWING_GC)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def draw(job: Job) -> bytes:
    """Draw a file, then collect its garbage.

    A drawing leaves cycles (documents, canvases, flowables) that outlive the drawing pace's
    young collections; collected only every few dozen drawings, they grew a worker by 5 MB
    each thousand programs. With the objects from before the drawing frozen, collecting
    costs half a millisecond a drawing.
    """
    try:
        return job.render()
    finally:
        gc.collect()


def failure(error: Exception) -> str:
    """Say in one short line what went wrong in a drawing; the whole trace if debugging."""
    if os.environ.get("HANDOUTS_DEBUG"):
        traceback.print_exception(error, file=sys.stderr)
    said = one_line(" ".join(str(error).split()))
    return f"{type(error).__name__}: {shorten(said, lambda text: len(text) <= 201)}"


def draw_in_workers(
    out: Path,
    workers: int,
    todo: list[Job],
    arrived: Callable[[str, str], None],
    survive: bool,
    progress: Callable[[int, int], None],
) -> None:
    """Draw ``todo`` in up to ``workers`` forked processes, each staging its files in ``out``.

    ``arrived`` is told each file's name and where it was staged (or ``FAILED`` and why,
    when ``survive``), and ``progress`` how many are done, as they finish.
    """
    global _OUT, _SURVIVE
    _PENDING[:] = todo
    _OUT, _SURVIVE = out, survive
    count = min(workers, len(todo))
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pinned = cpus if count <= len(cpus) else []  # more workers than cores: let them float
    start = functools.partial(_start_worker, pinned)
    from handouts import workers as pool  # only when workers are started

    try:
        # Closed on the way out whatever happens: a stopped build kills its workers.
        with contextlib.closing(pool.draw(count, len(todo), _work, start)) as drawn:
            for done, (index, tmp) in enumerate(drawn, 1):
                arrived(todo[index].name, tmp)
                progress(done, len(todo))
    finally:
        _PENDING.clear()
