"""The exception tree: content problems are the curator's to fix, render problems are ours."""

from __future__ import annotations

from dataclasses import dataclass

from handouts.text import one_line


@dataclass(frozen=True)
class Problem:
    """One located problem in a content file, printed as a single line."""

    file: str
    """The file's path as the user should see it (relative to where they ran the tool)."""
    line: int
    """1-based line number; 0 when the problem concerns the whole file."""
    column: int
    """1-based column number; 0 when the problem concerns the whole file."""
    path: str
    """Dotted field path inside the document, e.g. ``muscles[2].backward``; empty for the file."""
    message: str
    """What was expected and what was found, plus a hint where one helps."""

    def __str__(self) -> str:
        """Format as ``file:line:col: field.path: message``."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        line = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return one_line(line)  # a key, column name or value quoted in it is typed by the user


class HandoutsError(Exception):
    """Base of every error this package raises on purpose."""


class ContentError(HandoutsError):
    """The content has problems; each is shown to the user as one line, without a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep every problem found, sorted by file and position."""
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(HandoutsError):
    """A bad command-line option or value (exit status 2)."""


class RenderError(HandoutsError):
    """A renderer failed on valid content: a bug in this package, not in the content."""
