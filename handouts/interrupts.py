"""Stop signals: Ctrl-C, ``kill`` and a closed terminal stop a build whole, never halfway.

Python turns Ctrl-C (SIGINT) into ``KeyboardInterrupt``, which every clean-up path already
handles. ``stopping`` makes SIGTERM (``kill``, systemd, docker, CI timeouts) and SIGHUP (the
terminal closed) do the same, as ``Stopped``; ``held`` defers all three across a step that
must finish or be undone as a whole, such as putting a build's files in place.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from types import FrameType

STOPS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that ask a build to stop (SIGHUP does not exist on Windows)."""

Handler = Callable[[int, FrameType | None], object] | int | None


class Stopped(KeyboardInterrupt):
    """A stop signal arrived; handled wherever Ctrl-C is, so nothing is left half done."""

    def __init__(self, signum: int) -> None:
        """Remember which signal it was: the exit status is 128 plus its number."""
        super().__init__(signum)
        self.signum = signum
        """The signal's number."""


def signal_number(stop: KeyboardInterrupt) -> int:
    """Return the number of the signal that raised ``stop`` (SIGINT for Ctrl-C)."""
    return getattr(stop, "signum", signal.SIGINT)


def signal_name(signum: int) -> str:
    """Return a signal's name, such as ``SIGTERM``."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


def _set(signum: int, handler: Handler) -> Handler | None:
    """Set a handler; return the one before, or None outside the main thread (none set)."""
    try:
        return signal.signal(signum, handler)  # type: ignore[arg-type]
    except ValueError:
        return None


@contextlib.contextmanager
def stopping() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP raise ``Stopped`` as Ctrl-C raises its error.

    A signal set to be ignored stays ignored: ``nohup`` ignores SIGHUP so that a build
    survives its terminal closing.
    """
    previous: dict[int, Handler] = {}
    for signum in STOPS:
        if signum != signal.SIGINT and signal.getsignal(signum) == signal.SIG_DFL:
            before = _set(signum, _raise)
            if before is not None:
                previous[signum] = before
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def held() -> Iterator[list[int]]:
    """Defer stop signals inside the block; deliver them, in order, once it is left.

    Yields the list of signals caught so far, so the block can see one arrived and undo
    its work before leaving. Outside the main thread, where no handler can be set, no
    signal is deferred (Python runs handlers in the main thread only).
    """
    caught: list[int] = []
    previous: dict[int, Handler] = {}
    for signum in STOPS:
        handler = signal.getsignal(signum)
        # None: set outside Python; ignored (nohup): it stays ignored. Leave both alone.
        if handler is not None and handler != signal.SIG_IGN:
            before = _set(signum, lambda n, f: caught.append(n))
            if before is None:
                break  # not the main thread: nothing can be deferred
            previous[signum] = before
    try:
        yield caught
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)  # the handler restored above runs at once


@contextlib.contextmanager
def blocked() -> Iterator[None]:
    """Block stop signals in this thread inside the block: they wait, pending, until after.

    Used around starting worker processes: a child inherits the block, so no signal can
    reach it before it has set its own handlers.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
