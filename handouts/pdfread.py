"""Read the PDFs we drew, object by object, for ``pdfjoin`` to copy into one file.

It reads files with a classic cross-reference table (what reportlab writes); anything else
is a ``RenderError``, since it can only be a bug of ours. Objects are parsed only when the
joiner needs to look inside them (catalog, page tree, pages, form fields); all the others
are copied as bytes, with their references renumbered by one regular expression.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import RenderError

_TOKEN = re.compile(
    rb"\s*(?:%[^\r\n]*\s*)*"  # whitespace and comments
    rb"(<<|>>|\[|\]|/[^\s/<>\[\]()%{}]*|<[0-9A-Fa-f\s]*>|\(|"
    rb"[+-]?(?:\d+\.?\d*|\.\d+)|[A-Za-z]+)"
)
_INT = re.compile(rb"\d+\Z")


@dataclass(frozen=True, slots=True)
class Ref:
    """An indirect reference ``n 0 R``."""

    number: int
    """The object number it points at."""


class Raw(bytes):
    """A token copied as it is: a number, name, string or keyword."""

    __slots__ = ()


Value = dict[bytes, "Value"] | list["Value"] | Ref | Raw


class _Parser:
    """Read one PDF object value at a time from a bytes buffer."""

    def __init__(self, data: bytes, pos: int) -> None:
        self.data = data
        self.pos = pos

    def token(self) -> bytes:
        match = _TOKEN.match(self.data, self.pos)
        if match is None:
            raise RenderError(f"unreadable PDF object at byte {self.pos}")
        self.pos = match.end()
        token = match.group(1)
        return self._string() if token == b"(" else token

    def _string(self) -> bytes:
        """Read a literal string whose ``(`` was just read: nested parentheses, escapes."""
        start, depth, pos, data = self.pos - 1, 1, self.pos, self.data
        while depth:
            char = data[pos : pos + 1]
            if not char:
                raise RenderError("unterminated PDF string")
            if char == b"\\":
                pos += 1
            elif char == b"(":
                depth += 1
            elif char == b")":
                depth -= 1
            pos += 1
        self.pos = pos
        return data[start:pos]

    def value(self, token: bytes | None = None) -> Value:
        token = self.token() if token is None else token
        if token == b"<<":
            items: dict[bytes, Value] = {}
            while (key := self.token()) != b">>":
                items[key] = self.value()
            return items
        if token == b"[":
            values: list[Value] = []
            while (item := self.token()) != b"]":
                values.append(self.value(item))
            return values
        if _INT.match(token):
            # "n g R" is a reference; look ahead without consuming anything else.
            saved = self.pos
            generation = _TOKEN.match(self.data, self.pos)
            if generation and _INT.match(generation.group(1)):
                keyword = _TOKEN.match(self.data, generation.end())
                if keyword and keyword.group(1) == b"R":
                    self.pos = keyword.end()
                    return Ref(int(token))
            self.pos = saved
        return Raw(token)


_REF = re.compile(
    rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>|(?<![\d.])(\d+) 0 R(?![A-Za-z0-9])"
    rb"|(/StructParents?\s+)(\d+)"
)
"""Strings and hex strings (copied whole), references, and the keys into a parent tree."""
_KEYS = (b"/StructParent", b"/StructParents")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_LENGTH = re.compile(rb"/Length (\d+)")
_STRING = rb"\((?:[^\\()]|\\.)*\)"
_FIELD_KEYS = re.compile(_STRING + rb"|<<|>>|/T\s*(" + _STRING + rb")|/T\b|/Parent\b")
"""Strings (skipped whole), dictionary brackets, and the keys ``/T`` and ``/Parent``."""


class SourceFile:
    """One PDF we drew: objects found through its cross-reference table, parsed on demand."""

    def __init__(self, path: Path) -> None:
        """Read the file and its cross-reference table; objects are parsed when asked for."""
        self.name = path.name
        self.data = data = path.read_bytes()
        start = data.rfind(b"startxref")
        if start < 0:
            raise RenderError(f"{self.name}: no startxref in a PDF we drew")
        parser = _Parser(data, int(data[start + 9 :].split()[0]))
        if parser.token() != b"xref":
            raise RenderError(f"{self.name}: no classic cross-reference table")
        self.offsets: dict[int, int] = {}
        """Where each object in use starts, by object number."""
        while (first := parser.token()) != b"trailer":
            count = int(parser.token())
            table = data.index(b"\n", parser.pos) + 1  # entries start on the next line
            for i in range(count):
                entry = data[table + 20 * i : table + 20 * i + 18].split()
                if len(entry) == 3 and entry[2] == b"n":
                    self.offsets[int(first) + i] = int(entry[0])
            parser.pos = table + 20 * count
        trailer = parser.value()
        if not isinstance(trailer, dict) or not self.offsets:
            raise RenderError(f"{self.name}: no trailer or no objects in a PDF we drew")
        self.trailer: dict[bytes, Value] = trailer
        """The trailer dictionary (``/Root``, ``/Info``)."""
        # Each object runs from its offset to the next one (or to the table).
        ordered = [*sorted(self.offsets.values()), int(data[start + 9 :].split()[0])]
        self.ends = dict(itertools.pairwise(ordered))
        self._parsed: dict[int, Value] = {}
        self._name_at: dict[int, tuple[bytes, int, int]] = {}  # its bytes, where /T is
        self._renames: dict[int, tuple[bytes, int | None]] = {}
        self.keys_offset = 0
        """Added to every page's and annotation's key into the structure's parent tree."""

    def body(self, number: int) -> bytes:
        """Return the bytes between ``n 0 obj`` and ``endobj``."""
        at = self.offsets[number]
        region = self.data[at : self.ends[at]]
        head = re.match(rb"\s*%d\s+0\s+obj\s*" % number, region)
        end = region.rfind(b"endobj")
        if head is None or end < 0:
            raise RenderError(f"{self.name}: object {number} is not where the table says")
        return region[head.end() : end].rstrip()

    def value(self, number: int) -> Value:
        """Return object ``number`` parsed (not its stream); parsed objects may be edited."""
        if number not in self._parsed:
            self._parsed[number] = _Parser(self.body(number), 0).value()
        return self._parsed[number]

    def resolve(self, value: Value) -> Value:
        """Follow a reference; any other value is returned as it is."""
        return self.value(value.number) if isinstance(value, Ref) else value

    def field_name(self, number: int) -> Value | None:
        """Return the ``/T`` of a field object, found without parsing it where possible.

        A form has a hundred fields a person: finding the one entry with a regular
        expression is a tenth of the cost of parsing them. Only a dictionary whose one
        ``/T`` is a plain string at its top level and that has no ``/Parent`` yet is read
        that way; any other object is parsed.
        """
        if number not in self._parsed:
            body = self.body(number)
            found, depth = [], 0
            for match in _FIELD_KEYS.finditer(body) if body.startswith(b"<<") else ():
                token = match.group(0)
                depth += 1 if token == b"<<" else -1 if token == b">>" else 0
                if depth == 1 and token.startswith(b"/"):
                    found.append(match)
            if body.endswith(b">>") and len(found) == 1 and found[0].group(1):
                self._name_at[number] = (body, *found[0].span(1))
                return Raw(found[0].group(1))
        item = self.value(number)
        return item.get(b"/T") if isinstance(item, dict) else None

    def rename(self, number: int, name: bytes, parent: int | None, base: int) -> None:
        """Give a field (``field_name`` read it) a new ``/T`` and parent when it is copied.

        ``parent`` is the parent's number in the joined file; ``base`` is the one ``copy``
        will be given.
        """
        parent = None if parent is None else parent - base  # moved up by base when copied
        if number in self._name_at:
            self._renames[number] = (name, parent)
            return
        item = self.value(number)
        assert isinstance(item, dict)
        item[b"/T"] = Raw(name)
        if parent is not None:
            item[b"/Parent"] = Ref(parent)

    def copy(self, number: int, base: int) -> bytes:
        """Return object ``number`` with every reference moved up by ``base``.

        A parsed object is written from its (possibly edited) value, any other from its bytes.
        """
        offset = self.keys_offset
        if number in self._parsed and number not in self._renames:
            value = renumber(self._parsed[number], base)
            if isinstance(value, dict) and offset:
                for key in _KEYS:
                    if key in value:
                        value[key] = Raw(b"%d" % (int(value[key]) + offset))  # type: ignore[call-overload]
            return serialize(value)

        def move(match: re.Match[bytes]) -> bytes:
            if match.group(1) is not None:
                return b"%d 0 R" % (int(match.group(1)) + base)
            if match.group(2) is not None:
                return match.group(2) + b"%d" % (int(match.group(3)) + offset)
            return match.group(0)  # a string: copied untouched

        if number in self._renames:
            name, parent = self._renames[number]
            body, start, end = self._name_at[number]
            tail = b">>" if parent is None else b" /Parent %d 0 R>>" % parent
            return _REF.sub(move, body[:start] + name + body[end:-2] + tail)
        body = self.body(number)
        split = _STREAM.search(body) if body.endswith(b"endstream") else None
        if split is None:
            return _REF.sub(move, body)
        head = body[: split.start() + 2]  # the dictionary, up to and including ">>"
        length = _LENGTH.search(head)
        if length is None or split.end() + int(length.group(1)) > len(body) - 9:
            raise RenderError(f"{self.name}: object {number} has a stream we cannot place")
        return _REF.sub(move, head) + body[split.start() + 2 :]


def renumber(value: Value, base: int) -> Value:
    """Return a copy of ``value`` with every reference moved up by ``base``."""
    if isinstance(value, Ref):
        return Ref(value.number + base)
    if isinstance(value, dict):
        return {k: renumber(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [renumber(v, base) for v in value]
    return value


def serialize(value: Value) -> bytes:
    """Write a value back as PDF bytes."""
    if isinstance(value, Ref):
        return b"%d 0 R" % value.number
    if isinstance(value, dict):
        return b"<<" + b" ".join(k + b" " + serialize(v) for k, v in value.items()) + b">>"
    if isinstance(value, list):
        return b"[" + b" ".join(serialize(v) for v in value) + b"]"
    return bytes(value)


def text_string(text: str) -> bytes:
    """Write text as a PDF text string: UTF-16 with its byte order mark, in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


_PLAIN = re.compile(rb"\(([^\\()]*)\)\Z")


def name_parts(value: Value | None) -> list[bytes] | None:
    """Split a field name written as a plain literal string at its periods.

    Returns None for any other value (a hex or escaped string, a name with an empty part):
    such a name is left whole.
    """
    match = _PLAIN.match(value) if isinstance(value, Raw) else None
    if match is None:
        return None
    parts = match.group(1).split(b".")
    return parts if all(parts) else None


_INHERITED = (b"/Resources", b"/MediaBox", b"/CropBox", b"/Rotate")
"""What a page inherits from its page tree: copied onto it when the tree is replaced."""


def page_list(
    pdf: SourceFile, node: Ref, inherited: dict[bytes, Value]
) -> tuple[list[int], set[int]]:
    """Return the pages under a page tree node, in order, and the tree's inner nodes.

    Attributes a page inherits from the tree are copied onto it, since the tree is replaced.
    """
    tree = pdf.value(node.number)
    assert isinstance(tree, dict)
    if tree.get(b"/Type") == b"/Page":
        for key, value in inherited.items():
            tree.setdefault(key, value)
        return [node.number], set()
    passed = {**inherited, **{k: v for k, v in tree.items() if k in _INHERITED}}
    kids = pdf.resolve(tree.get(b"/Kids", []))
    pages, inner = [], {node.number}
    for kid in kids if isinstance(kids, list) else []:
        if isinstance(kid, Ref):
            found, nodes = page_list(pdf, kid, passed)
            pages += found
            inner |= nodes
    return pages, inner
