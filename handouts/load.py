"""Read YAML files into node trees that keep line and column numbers.

Only YAML's plain data types are accepted. Nothing is constructed from tags, so content can
never create Python objects; aliases are refused while composing, so an alias bomb costs
nothing; nesting is limited as the composer descends, whichever parser feeds it; and the
file is checked for size and encoding before the parser sees it.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

from handouts.errors import Problem, one_line

MAX_FILE_BYTES = 512 * 1024
"""Larger content files are refused: a topic is a few kilobytes."""

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings accepted: a topic needs five levels."""

# What YAML itself refuses to read: control characters other than tab and line breaks.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# Where a line ends, for YAML 1.1 as PyYAML reads it: CR LF, CR alone (old Macs), LF, and
# the Unicode line breaks NEL, LS and PS.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
_TOO_DEEP = (
    f"expected at most {MAX_DEPTH} levels of nested lists and mappings but got more; "
    "check the brackets and indentation"
)


def position(text: str, index: int, breaks: re.Pattern[str] = _YAML_BREAK) -> tuple[int, int]:
    """Return the 1-based line and column of ``text[index]``, counting lines as YAML does.

    A CR-only file (old Macs) is one line to a count of LF alone; ``breaks`` says what ends a
    line for another reader, such as the csv module.
    """
    line, start = 1, 0
    for found in breaks.finditer(text, 0, index):
        line, start = line + 1, found.end()
    # PyYAML does not count a byte-order mark as a column.
    return line, index - start - text.count("\ufeff", start, index) + 1


@dataclass(frozen=True)
class Document:
    """One parsed YAML file: its root node and the name to report problems under."""

    file: str
    """Path shown to the user."""
    root: Node
    """The top node, with start marks for line numbers."""


class _Refused(yaml.MarkedYAMLError):
    """A YAML feature we do not accept, raised with the place it was found."""


class _Composer(Composer):
    """A composer that refuses what content may not hold as it meets it, whatever parser runs.

    An alias or nesting beyond MAX_DEPTH stops composing at once: expanding the one could
    cost gigabytes, descending into the other would exhaust Python's recursion. Anchors,
    tags and merge keys are noted where they stand and composing goes on, so a file's every
    such problem is reported at once.
    """

    def __init__(self) -> None:
        Composer.__init__(self)
        self.depth = 0
        """How many lists and mappings are open around the node being composed."""
        self.refused: list[tuple[yaml.Mark, str]] = []
        """Where a feature content may not use was found, and what to say about it."""

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        """Compose one node, refusing aliases and deep nesting, noting anchors and tags."""
        event = self.peek_event()
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            raise _Refused(
                problem=f"expected plain values but got an alias (*{event.anchor}); "
                "anchors and aliases are not allowed, write the value out",
                problem_mark=mark,
            )
        if event.anchor is not None:
            self.refused.append(
                (
                    mark,
                    f"expected plain values but got an anchor (&{event.anchor}); "
                    "anchors and aliases are not allowed, remove it",
                )
            )
        tag = event.tag  # only a tag written in the file: '!!str', '!<...>', '!'
        if tag is not None:
            self.refused.append((mark, _tag_refused(tag)))
        nested = isinstance(event, (MappingStartEvent, SequenceStartEvent))
        if nested:
            if self.depth >= MAX_DEPTH:
                raise _Refused(problem=_TOO_DEEP, problem_mark=mark)
            self.depth += 1
        try:
            node = Composer.compose_node(self, parent, index)
        except RecursionError:
            # Not reached within MAX_DEPTH unless the caller's own stack is nearly full; the
            # innermost level that can still raise says where.
            raise _Refused(problem=_TOO_DEEP, problem_mark=mark) from None
        finally:
            if nested:
                self.depth -= 1
        if tag is None and node.tag == _TAG + "merge":  # '<<' resolves to a merge key
            self.refused.append(
                (mark, "expected plain keys but got a merge key (<<); write the fields out")
            )
        elif tag is None and node.tag not in _STANDARD_TAGS:  # '=' resolves to !!value
            self.refused.append((mark, _tag_refused(node.tag)))
        return node


def _tag_refused(tag: str) -> str:
    return (
        f"expected plain YAML values but got the tag {tag.replace(_TAG, '!!')!r}; "
        "tags are not allowed, remove it"
    )


class _Loader(Reader, Scanner, Parser, _Composer, Resolver):
    """PyYAML's own parser, in Python: slow, but its messages are the clearest."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        Resolver.__init__(self)


@functools.cache
def _c_loader() -> type | None:
    """Return a loader that takes events from libyaml's parser, or None without libyaml.

    The C parser is about ten times faster than the Python one; the composing, where the
    limits are kept, is ours either way. Made on first use: importing it costs time.
    """
    try:
        from yaml.cyaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None

    class _CLoader(_Composer, CParser, Resolver):  # type: ignore[misc, valid-type]
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Composer.__init__(self)
            Resolver.__init__(self)

    return _CLoader


def display_path(path: Path) -> str:
    """Return the path relative to the working directory when it is below it, on one line."""
    # abspath, not resolve(): a name is shown as given, and a symlink loop must not raise.
    try:
        shown = str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    return one_line(shown)  # a line break in a file name would split a one-line message


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
        root, refused = _read(text)
    except _Refused as exc:
        return None, [_problem(file, exc.problem_mark, exc.problem or "")]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(file, text, exc)]
    except RecursionError:  # the caller left too little stack even for MAX_DEPTH levels
        return None, [Problem(file, 0, 0, "", _TOO_DEEP)]
    if refused:
        return None, [_problem(file, mark, message) for mark, message in refused]
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
        if may_be_empty:
            start = yaml.Mark(file, 0, 0, 0, None, None)
            return Document(file, MappingNode(_TAG + "map", [], start, start)), []
        return None, [Problem(file, 0, 0, "", "expected a mapping of fields but the file is empty")]
    return Document(file, root), []


def _syntax_problem(file: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Say what PyYAML found wrong, placed where the fix goes when PyYAML noticed it later.

    A quote or bracket never closed is noticed only where the file ends or the next key
    begins; the fix is where it opens, so that is the place given.
    """
    mark, opened = exc.problem_mark, exc.context_mark
    what, context = exc.problem or "invalid YAML", exc.context or ""
    runaway = _runaway_quote(text, mark or opened)
    if runaway is not None:
        start, end = runaway.start_mark, runaway.end_mark
        quote = _QUOTES[text[start.index]]
        message = (
            f"expected a closing {quote} for the text that opens here but it runs on to the "
            f"next one, at line {end.line + 1}, column {end.column}; add it where the text ends"
        )
        return _problem(file, start, f"YAML syntax error: {message}")
    early = _closed_early(text, mark) if what.endswith(" '<scalar>'") else None
    if early is not None:
        return _problem(file, early, f"YAML syntax error: {_EARLY[text[early.index]]}")
    if opened is not None and mark is not None:
        found = _where_fix_goes(text, context, what, opened, mark)
        if found:
            return _problem(file, opened, f"YAML syntax error: {found}")
    if context.startswith("while") and opened and mark and opened.line != mark.line:
        context += f" that starts at line {opened.line + 1}"
    # PyYAML words some messages as context + problem ("expected X" / "but found Y").
    said = f"{context} {what}" if what.startswith("but ") else f"{what} {context}"
    return _problem(file, mark or opened, f"YAML syntax error: {said.strip()}")


_EARLY = {
    "'": "expected the text to end at this closing quote (') but more follows; write a "
    "quote inside single-quoted text twice (''), or put the text in double quotes",
    '"': 'expected the text to end at this closing quote (") but more follows; write a '
    'quote inside double-quoted text as \\", or put the text in single quotes',
}
_QUOTES = {"'": "single quote (')", '"': 'double quote (")'}
_FLOW = {
    "while parsing a flow sequence": ("[", "]", "list"),
    "while parsing a flow mapping": ("{", "}", "mapping"),
}


# A line inside quoted text that reads as a field or a list item of its own.
_LINE_OF_ITS_OWN = re.compile(r"[\r\n\x85\u2028\u2029][ \t]*(?:- |[^\s:#'\"][^:\r\n]*:(?:[ \t]|$))")


def _runaway_quote(text: str, mark: yaml.Mark | None) -> ScalarToken | None:
    """Return quoted text before ``mark`` that took in lines of fields: its quote was not closed.

    A quote left open runs on to the next quote in the file, perhaps a hundred lines on,
    and the error is noticed there; the fix is where it opened.
    """
    if mark is None:
        return None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if (
                isinstance(token, ScalarToken)
                and token.style in _QUOTES
                and token.end_mark.line > token.start_mark.line
                and _LINE_OF_ITS_OWN.search(text, token.start_mark.index, token.end_mark.index)
            ):
                return token
    except yaml.YAMLError:
        pass  # the tokens up to the error are all there is
    return None


def _closed_early(text: str, mark: yaml.Mark | None) -> yaml.Mark | None:
    """Return the quote just before ``mark`` on its line: quoted text went on after it."""
    if mark is None or not 0 < mark.index <= len(text):
        return None
    index = mark.index - 1
    while index > 0 and text[index] in " \t":
        index -= 1
    if text[index] not in _EARLY:
        return None
    return yaml.Mark(mark.name, index, mark.line, mark.column - (mark.index - index), None, None)


def _where_fix_goes(text: str, context: str, what: str, opened: yaml.Mark, mark: yaml.Mark) -> str:
    """Word a quote or bracket left open, or a key without its colon, for its opening place."""
    later = f"at line {mark.line + 1}, column {mark.column + 1}"
    quote = text[opened.index : opened.index + 1]
    if context == "while scanning a quoted scalar" and quote in _QUOTES:
        if "end of stream" in what:
            but = "but the file ends first"
        else:
            but = f"but got a document marker (--- or ...) {later} first"
        return (
            f"expected a closing {_QUOTES[quote]} for the text that opens here {but}; "
            "add it where the text ends"
        )
    if context in _FLOW and what.startswith("expected ','"):
        opener, closer, kind = _FLOW[context]
        got = what.rpartition("but got ")[2].strip("'")
        if got == "<stream end>":
            but = "but the file ends first"
        else:
            shown = "more text" if got == "<scalar>" else repr(got)
            but = f"but got {shown} {later} first"
        return (
            f"expected a closing {closer} for the {kind} that opens here {but}; close the "
            f"{kind}, or put the text in quotes if the {opener} belongs to it"
        )
    if context == "while scanning a simple key" and what == "could not find expected ':'":
        return (
            "expected key: value on this line but found no colon (:); add one after the key, "
            "or indent the line if it goes on with the text above"
        )
    return ""


def _read(text: str) -> tuple[Node | None, list[tuple[yaml.Mark, str]]]:
    """Compose with libyaml's parser when it is there, else (or on any error) PyYAML's.

    libyaml refuses some files on its own terms (a thousand nested brackets, for one) and
    words its messages tersely: any error there is read again by the Python parser, which
    says what is wrong and where, and whose composer keeps the same limits.
    """
    fast = _c_loader() if getattr(yaml, "__with_libyaml__", False) else None
    if fast is not None:
        loader = fast(text)
        try:
            return loader.get_single_node(), loader.refused
        except _Refused:
            raise
        except (yaml.YAMLError, ValueError, OverflowError):
            pass
        finally:
            loader.dispose()
    loader = _Loader(text)
    try:
        return loader.get_single_node(), loader.refused
    except (ValueError, OverflowError):  # PyYAML turns "\U00110000" into chr() of it
        raise _Refused(
            problem="YAML syntax error: a \\U escape in a double-quoted string names no "
            "character (the largest is \\U0010FFFF)",
            problem_mark=loader.get_mark(),
        ) from None
    finally:
        loader.dispose()


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
