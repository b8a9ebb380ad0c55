"""Read content files from disk, checking size and encoding before YAML sees them."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from handouts.errors import Problem
from handouts.load.compose import TAG, TOO_DEEP, Refused, compose
from handouts.load.syntax import position, problem_at, syntax_problem
from handouts.text import one_line

MAX_FILE_BYTES = 512 * 1024
"""Larger content files are refused: a topic is a few kilobytes."""

# What YAML itself refuses to read: control characters other than tab and line breaks.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


@dataclass(frozen=True)
class Document:
    """One parsed YAML file: its root node and the name to report problems under."""

    file: str
    """Path shown to the user."""
    root: Node
    """The top node, with start marks for line numbers."""


def display_path(path: Path) -> str:
    """Return the path relative to the working directory when it is below it, on one line."""
    # abspath, not resolve(): a name is shown as given, and a symlink loop must not raise.
    try:
        shown = str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    return one_line(shown)  # a line break in a file name would split a one-line message


def _decode(file: str, data: bytes) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (a byte-order mark is allowed), locating the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")  # all good up to the bad byte
        line, column = position(before, len(before))
        byte = data[exc.start : exc.start + 1].hex().upper()
        message = (
            f"expected UTF-8 text but got the byte 0x{byte}; save the file as UTF-8 in your editor"
        )
        return None, Problem(file, line, column, "", message)


def parse(
    file: str, data: bytes, *, may_be_empty: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes; return the document, or None and the problems found.

    With ``may_be_empty``, a file of nothing but comments or blank lines (or only ``~``)
    is an empty mapping: for a file whose every field is optional, that means defaults.
    """
    if len(data) > MAX_FILE_BYTES:
        message = (
            f"expected a file of at most {MAX_FILE_BYTES // 1024} KiB "
            f"but got {len(data) // 1024} KiB; split it or remove the excess"
        )
        return None, [Problem(file, 0, 0, "", message)]
    text, problem = _decode(file, data)
    if problem is not None:
        return None, [problem]
    assert text is not None
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:  # PyYAML's reader would refuse it without a line number
        line, column = position(text, bad.start())
        message = (
            f"expected printable text but got the invisible character U+{ord(bad.group()):04X}; "
            "delete it (it often comes with pasted text)"
        )
        return None, [Problem(file, line, column, "", message)]
    try:
        root, refused = compose(text)
    except Refused as exc:
        return None, [problem_at(file, exc.problem_mark, exc.problem or "")]
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(file, text, exc)]
    except RecursionError:  # the caller left too little stack even for MAX_DEPTH levels
        return None, [Problem(file, 0, 0, "", TOO_DEEP)]
    if refused:
        return None, [problem_at(file, mark, message) for mark, message in refused]
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
        if may_be_empty:
            start = yaml.Mark(file, 0, 0, 0, None, None)
            return Document(file, MappingNode(TAG + "map", [], start, start)), []
        return None, [Problem(file, 0, 0, "", "expected a mapping of fields but the file is empty")]
    return Document(file, root), []


def read_limited(path: Path, limit: int, advice: str) -> tuple[bytes | None, list[Problem]]:
    """Read a regular file of at most ``limit`` bytes, checking before reading anything.

    A FIFO would block forever and ``/dev/zero`` would fill the memory: both are refused.
    """
    file = display_path(path)
    try:
        info = path.stat()  # not exists(): it would call a symlink loop "no such file"
        if not stat.S_ISREG(info.st_mode):  # a FIFO, a device such as /dev/zero, a folder
            return None, [Problem(file, 0, 0, "", "expected a regular file but it is not one")]
        size = info.st_size
        if size > limit:
            message = (
                f"expected a file of at most {limit // 1024} KiB "
                f"but got {size // 1024} KiB; {advice}"
            )
            return None, [Problem(file, 0, 0, "", message)]
        return path.read_bytes()[: limit + 1], []
    except FileNotFoundError:
        return None, [Problem(file, 0, 0, "", _missing(path))]
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        return None, [Problem(file, 0, 0, "", f"cannot read the file: {reason}")]


def _missing(path: Path) -> str:
    """Say that a file is not there, naming where a broken symbolic link points."""
    try:
        target = os.readlink(path)
    except OSError:  # not a link: simply no such file
        return "expected a file but there is no such file"
    return (
        f"expected a file but got a symbolic link to {one_line(target)}, which does not exist; "
        "copy the real file in, or connect the drive it is on"
    )


def load_file(path: Path, *, may_be_empty: bool = False) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file from disk (``may_be_empty`` as for ``parse``)."""
    data, problems = read_limited(path, MAX_FILE_BYTES, "split it or remove the excess")
    if data is None:
        return None, problems
    return parse(display_path(path), data, may_be_empty=may_be_empty)
