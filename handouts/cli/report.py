"""What the user is told: exit statuses, one-line messages, progress and the summary."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from handouts.text import one_line

if TYPE_CHECKING:
    from handouts.build import Builder

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, not the user's input
SUMMARY_NAMES = 5
"""At most this many removed files are named in the summary; --verbose names every one."""


def tell(message: str) -> None:
    """Print one line for a person, on stderr."""
    print(message, file=sys.stderr)


class Reporter:
    """Tells the user how a build goes: a live count on a terminal, then what was written.

    The count appears only on a terminal and only once a build has run for a second, so
    quick builds and logs stay clean.
    """

    def __init__(self, args: argparse.Namespace, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet: bool = args.quiet
        self.verbose: bool = args.verbose
        self.live = not self.quiet and self.stream.isatty()
        self.started = time.monotonic()
        self.showing = False

    def progress(self, done: int, total: int) -> None:
        """Show ``done/total`` in place, after the first second."""
        if self.live and (self.showing or time.monotonic() - self.started >= 1.0):
            self.stream.write(f"\rdrawing files: {done}/{total}")
            self.stream.flush()
            self.showing = True

    def done(self, builder: Builder, folder: Path) -> str:
        """Clear the count, list files when verbose; return the summary line.

        Files no longer made but kept (changed since, or not removable) are named even
        when quiet: stale patient material left in the folder must never go unsaid.
        """
        from handouts.load import display_path

        if self.showing:
            self.stream.write("\r\033[K")
            self.showing = False
        if self.verbose:
            for path in builder.written:
                tell(f"wrote {display_path(path)}")
            for path in builder.unchanged:
                tell(f"unchanged {display_path(path)}")
            for path in builder.removed:
                tell(f"removed {display_path(path)}")
        for path, reason in builder.kept:
            tell(f"note: kept {display_path(path)}, which this build no longer makes: {reason}")
        summary = f"built {plural(len(builder.written), 'file')} in {display_path(folder)}"
        if builder.unchanged:
            summary += f" ({len(builder.unchanged)} unchanged)"
        if builder.removed:
            names = [one_line(path.relative_to(folder).as_posix()) for path in builder.removed]
            listed = ", ".join(names)
            if len(names) > SUMMARY_NAMES:  # a renumbered roster may drop hundreds
                more = len(names) - SUMMARY_NAMES + 1
                listed = f"{', '.join(names[: SUMMARY_NAMES - 1])} and {more} more"
            summary += f"; removed {plural(len(names), 'file')} no longer made: {listed}"
        return summary

    def say(self, message: str) -> None:
        """Print a line unless quiet."""
        if not self.quiet:
            tell(message)


def was(count: int) -> str:
    """Say 'was' for one, 'were' for more."""
    return "was" if count == 1 else "were"


def plural(count: int, word: str) -> str:
    """Count a word: '1 file', '2 files'."""
    return f"{count} {word}{'' if count == 1 else 's'}"
