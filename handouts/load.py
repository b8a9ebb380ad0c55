"""Read YAML files into node trees that keep line and column numbers.

Only YAML's plain data types are accepted. Nothing is constructed from tags, so content can
never create Python objects; aliases are refused while parsing, so an alias bomb costs
nothing; and the file is checked for size and encoding before the parser sees it.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.errors import Problem

MAX_FILE_BYTES = 512 * 1024
"""Larger content files are refused: a topic is a few kilobytes."""

# What YAML itself refuses to read: control characters other than tab and line breaks.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


@dataclass(frozen=True)
class Document:
    """One parsed YAML file: its root node and the name to report problems under."""

    file: str
    """Path shown to the user."""
    root: Node
    """The top node, with start marks for line numbers."""


class _Refused(yaml.MarkedYAMLError):
    """A YAML feature we do not accept, raised with the place it was found."""


class _Loader(yaml.SafeLoader):
    """A safe loader whose composer refuses aliases before they can be expanded."""

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        """Refuse an alias (``*name``) where it stands; otherwise compose as usual."""
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(
                problem=f"expected plain values but got an alias (*{event.anchor}); "
                "anchors and aliases are not allowed, write the value out",
                problem_mark=event.start_mark,
            )
        return Composer.compose_node(self, parent, index)


def display_path(path: Path) -> str:
    """Return the path relative to the working directory when it is below it, on one line."""
    # abspath, not resolve(): a name is shown as given, and a symlink loop must not raise.
    try:
        shown = str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    # A line break in a file name would split a one-line message.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in shown)


def _problem(file: str, mark: yaml.Mark | None, message: str, path: str = "") -> Problem:
    if mark is None:
        return Problem(file, 0, 0, path, message)
    return Problem(file, mark.line + 1, mark.column + 1, path, message)


def _decode(file: str, data: bytes) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (a byte-order mark is allowed), locating the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        message = (
            f"expected UTF-8 text but got the byte 0x{byte}; save the file as UTF-8 in your editor"
        )
        return None, Problem(file, line, column, "", message)


def _check_tags(file: str, node: Node, problems: list[Problem]) -> None:
    """Refuse tags other than YAML's plain types, and merge keys."""
    if node.tag not in _STANDARD_TAGS:
        problems.append(
            _problem(
                file,
                node.start_mark,
                f"expected plain YAML values but got the tag "
                f"{node.tag.replace('tag:yaml.org,2002:', '!!')!r}; "
                "tags are not allowed, remove it",
            )
        )
        return
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                problems.append(
                    _problem(
                        file,
                        key.start_mark,
                        "expected plain keys but got a merge key (<<); write the fields out",
                    )
                )
                continue
            _check_tags(file, key, problems)
            _check_tags(file, value, problems)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_tags(file, item, problems)


MAX_DEPTH = 50
"""Deepest nesting of lists and mappings accepted: a topic needs five levels."""


def _too_deep(text: str) -> yaml.Mark | None:
    """Return where nesting first goes deeper than MAX_DEPTH, reading flat events only.

    Composing a thousand nested brackets would exhaust Python's recursion limit; events
    are a flat stream, so counting them costs nothing.
    """
    loader = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its place
    return None


def _fast_compose(text: str) -> Node | None:
    """Compose with libyaml when it is there; None sends the file to the Python parser.

    The C parser is forty times faster. Any alias or error falls back to the Python parser,
    which refuses aliases as it meets them and words its messages more clearly.
    """
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    try:
        # Events are flat, so an alias bomb costs nothing here: look before composing.
        if any(isinstance(e, AliasEvent) for e in yaml.parse(text, Loader=yaml.CSafeLoader)):
            return None
        loader = yaml.CSafeLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None


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
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        message = (
            f"expected printable text but got the invisible character U+{ord(bad.group()):04X}; "
            "delete it (it often comes with pasted text)"
        )
        return None, [Problem(file, line, column, "", message)]
    deep = _too_deep(text)
    if deep is not None:
        message = (
            f"expected at most {MAX_DEPTH} levels of nested lists and mappings but got more; "
            "check the brackets and indentation"
        )
        return None, [_problem(file, deep, message)]
    root = _fast_compose(text)
    loader = _Loader(text)
    try:
        if root is None:
            root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or "invalid YAML"
        if isinstance(exc, _Refused):
            return None, [_problem(file, mark, what)]
        context = exc.context or ""
        opened = exc.context_mark
        if context.startswith("while") and opened and mark and opened.line != mark.line:
            context += f" that starts at line {opened.line + 1}"
        # PyYAML words some messages as context + problem ("expected X" / "but found Y").
        said = f"{context} {what}" if what.startswith("but ") else f"{what} {context}"
        return None, [_problem(file, mark, f"YAML syntax error: {said.strip()}")]
    except (ValueError, OverflowError):  # PyYAML turns "\U00110000" into chr() of it
        message = (
            "YAML syntax error: a \\U escape in a double-quoted string names no character "
            "(the largest is \\U0010FFFF)"
        )
        return None, [_problem(file, loader.get_mark(), message)]
    finally:
        loader.dispose()
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
        if may_be_empty:
            start = yaml.Mark(file, 0, 0, 0, None, None)
            return Document(file, MappingNode("tag:yaml.org,2002:map", [], start, start)), []
        return None, [Problem(file, 0, 0, "", "expected a mapping of fields but the file is empty")]
    problems: list[Problem] = []
    _check_tags(file, root, problems)
    if problems:
        return None, problems
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
        return None, [Problem(file, 0, 0, "", "expected a file but there is no such file")]
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        return None, [Problem(file, 0, 0, "", f"cannot read the file: {reason}")]


def load_file(path: Path, *, may_be_empty: bool = False) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file from disk (``may_be_empty`` as for ``parse``)."""
    data, problems = read_limited(path, MAX_FILE_BYTES, "split it or remove the excess")
    if data is None:
        return None, problems
    return parse(display_path(path), data, may_be_empty=may_be_empty)
