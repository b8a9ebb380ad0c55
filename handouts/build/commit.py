"""Put staged files in place all together, or put every one back as it was."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from handouts.build.files import (
    REMOVED,
    restore_or_drop,
    set_aside_if_unchanged,
    temporary_name,
)
from handouts.text import one_line


class CommitError(OSError):
    """A file could not be put in place while committing; the others were put back."""

    def __init__(self, name: str, cause: OSError, verb: str) -> None:
        """Name the file (inside the output folder), what was done to it and why it failed."""
        super().__init__(cause.errno, cause.strerror or type(cause).__name__)
        self.name = name
        """The file that failed, as a path inside the output folder."""
        self.verb = verb
        """``replace`` for a file that was there, ``write`` for a new one."""
        self.not_restored: list[tuple[str, str]] = []
        """Files that could not be put back as they were, each with the reason."""

    def __str__(self) -> str:
        """Say which file failed and why, and that every other file is as it was."""
        said = f"cannot {self.verb} {one_line(self.name)} ({self.strerror})"
        if not self.not_restored:
            return f"{said}; no file was changed"
        name, reason = self.not_restored[0]
        more = len(self.not_restored) - 1
        others = f" and {more} more" if more else ""
        return (
            f"{said}; {one_line(name)}{others} could not be put back as before ({reason}) "
            "and may be new: build again"
        )


class _Placed:
    """A file put in place by a commit, and what it replaced."""

    __slots__ = ("backup", "done", "linked", "target")

    def __init__(self, target: Path) -> None:
        self.target = target
        self.backup: Path | None = None
        """The file ``target`` replaced, under a hidden name; None if there was none."""
        self.done = False
        """Whether the new file is in place (if not, ``backup`` may be a second name of the
        old file, which is still in place, or the old file moved aside)."""
        self.linked = True
        """Whether ``backup`` is a second name of the old file (else it was moved)."""


class Change:
    """What one commit did, kept until every step has succeeded, or undone."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.placed: list[_Placed] = []
        self.set_aside: list[tuple[str, str]] = []
        """Files no longer made, each with the hidden name it was moved to in its folder."""

    def replace(self, name: str, staged: Path) -> None:
        """Put ``staged`` at ``out/name``, keeping what was there under a hidden name.

        A second (hard) link keeps the old file while the new one replaces it, so its
        name never goes missing; where links are refused (FAT, some network shares) the
        old file is moved aside instead.
        """
        target = self.out / name
        placed = _Placed(target)
        if os.path.lexists(target):
            placed.backup = target.with_name(temporary_name(target.name))
            try:
                os.link(target, placed.backup, follow_symlinks=False)
            except OSError:
                placed.linked = False
                try:
                    os.rename(target, placed.backup)
                except OSError as exc:
                    raise CommitError(name, exc, "replace") from exc
        self.placed.append(placed)
        try:
            os.replace(staged, target)
        except OSError as exc:
            raise CommitError(name, exc, "replace" if placed.backup else "write") from exc
        placed.done = True

    def set_aside_if_unchanged(self, name: str, record: dict[str, object]) -> str:
        """Move ``out/name`` to a hidden name if it is the file recorded; say what happened.

        See ``set_aside_if_unchanged``; the file is removed for good by ``finish``.
        """
        outcome, aside = set_aside_if_unchanged(self.out, name, record)
        if outcome == REMOVED:
            self.set_aside.append((name, aside))
        return outcome

    def undo(self) -> list[tuple[str, str]]:
        """Put every file back as it was; return those that could not be, with why."""
        failed = []
        for placed in reversed(self.placed):
            try:
                if placed.backup is None:
                    if placed.done:
                        os.unlink(placed.target)
                elif placed.done or not placed.linked:
                    os.replace(placed.backup, placed.target)
                else:  # the new file never arrived: the old one is still in place
                    os.unlink(placed.backup)
            except OSError as exc:
                name = placed.target.relative_to(self.out).as_posix()
                failed.append((name, exc.strerror or type(exc).__name__))
        for name, aside in reversed(self.set_aside):
            try:
                restore_or_drop(self.out, name, aside, restore=True)
            except OSError as exc:
                failed.append((name, exc.strerror or type(exc).__name__))
        self.placed.clear()
        self.set_aside.clear()
        return failed

    def finish(self) -> None:
        """Keep the change: drop the old files kept aside for an undo."""
        for placed in self.placed:
            if placed.backup is not None:
                with contextlib.suppress(OSError):  # left over, it is swept next time
                    placed.backup.unlink()
        for name, aside in self.set_aside:
            with contextlib.suppress(OSError):
                restore_or_drop(self.out, name, aside, restore=False)
