"""Join PDFs we drew into one file for the printer, streaming, in time linear in their size.

pypdf's merge compares every form field with every other (a roster of 400 people took over
four minutes and 1.6 GB) and pikepdf drops form fields unless it too slows down, so this
module does the one job it needs: it copies each file's objects under new numbers, gathers
all pages under one page tree and all form fields under one form, and writes a fresh
cross-reference table. It reads files with a classic cross-reference table (what reportlab
writes); anything else is a ``RenderError``, since it can only be a bug of ours. Outlines
(bookmarks) are dropped: they would all point into one person's pages.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from handouts.errors import RenderError

_INHERITED = (b"/Resources", b"/MediaBox", b"/CropBox", b"/Rotate")
_TOKEN = re.compile(
    rb"\s*(?:%[^\r\n]*\s*)*"  # whitespace and comments
    rb"(<<|>>|\[|\]|/[^\s/<>\[\]()%{}]*|<[0-9A-Fa-f\s]*>|\(|"
    rb"[+-]?(?:\d+\.?\d*|\.\d+)|[A-Za-z]+)"
)
_INT = re.compile(rb"\d+\Z")


@dataclass(frozen=True)
class Ref:
    """An indirect reference ``n 0 R``."""

    number: int
    """The object number it points at."""


class Raw(bytes):
    """A token copied as it is: a number, name, string or keyword."""


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


_REF = re.compile(rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>|(?<![\d.])(\d+) 0 R(?![A-Za-z0-9])")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_LENGTH = re.compile(rb"/Length (\d+)")


class _File:
    """One PDF we drew: objects found through its cross-reference table, parsed on demand."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self.data = data = path.read_bytes()
        start = data.rfind(b"startxref")
        if start < 0:
            raise RenderError(f"{self.name}: no startxref in a PDF we drew")
        parser = _Parser(data, int(data[start + 9 :].split()[0]))
        if parser.token() != b"xref":
            raise RenderError(f"{self.name}: no classic cross-reference table")
        self.offsets: dict[int, int] = {}
        while (first := parser.token()) != b"trailer":
            count = int(parser.token())
            table = data.index(b"\n", parser.pos) + 1  # entries start on the next line
            for i in range(count):
                entry = data[table + 20 * i : table + 20 * i + 18].split()
                if len(entry) == 3 and entry[2] == b"n":
                    self.offsets[int(first) + i] = int(entry[0])
            parser.pos = table + 20 * count
        trailer = parser.value()
        assert isinstance(trailer, dict)
        self.trailer = trailer
        # Each object runs from its offset to the next one (or to the table).
        ordered = [*sorted(self.offsets.values()), int(data[start + 9 :].split()[0])]
        self.ends = dict(itertools.pairwise(ordered))
        self._parsed: dict[int, Value] = {}

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

    def copy(self, number: int, base: int) -> bytes:
        """Return object ``number`` with every reference moved up by ``base``."""
        if number in self._parsed:
            return _bytes(_renumber(self._parsed[number], base))

        def move(match: re.Match[bytes]) -> bytes:
            if match.group(1) is None:
                return match.group(0)  # a string: copied untouched
            return b"%d 0 R" % (int(match.group(1)) + base)

        body = self.body(number)
        split = _STREAM.search(body) if body.endswith(b"endstream") else None
        if split is None:
            return _REF.sub(move, body)
        head = body[: split.start() + 2]  # the dictionary, up to and including ">>"
        length = _LENGTH.search(head)
        if length is None or split.end() + int(length.group(1)) > len(body) - 9:
            raise RenderError(f"{self.name}: object {number} has a stream we cannot place")
        return _REF.sub(move, head) + body[split.start() + 2 :]


def _renumber(value: Value, base: int) -> Value:
    if isinstance(value, Ref):
        return Ref(value.number + base)
    if isinstance(value, dict):
        return {k: _renumber(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [_renumber(v, base) for v in value]
    return value


def _bytes(value: Value) -> bytes:
    if isinstance(value, Ref):
        return b"%d 0 R" % value.number
    if isinstance(value, dict):
        return b"<<" + b" ".join(k + b" " + _bytes(v) for k, v in value.items()) + b">>"
    if isinstance(value, list):
        return b"[" + b" ".join(_bytes(v) for v in value) + b"]"
    return bytes(value)


class _Writer:
    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.offsets: list[int] = []
        self.position = 0
        self.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.position += len(data)

    def reserve(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets)

    def put(self, number: int, body: bytes) -> None:
        self.offsets[number - 1] = self.position
        self.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")


def _pages(pdf: _File, node: Ref, inherited: dict[bytes, Value]) -> tuple[list[int], set[int]]:
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
            found, nodes = _pages(pdf, kid, passed)
            pages += found
            inner |= nodes
    return pages, inner


def _outline_items(pdf: _File, node: Ref) -> set[int]:
    found: set[int] = set()
    todo = [node]
    while todo:
        ref = todo.pop()
        if ref.number in found or ref.number not in pdf.offsets:
            continue
        found.add(ref.number)
        item = pdf.value(ref.number)
        if isinstance(item, dict):
            links = (item.get(b"/First"), item.get(b"/Next"))
            todo += [v for v in links if isinstance(v, Ref)]
    return found


def join(paths: Iterable[Path], handle: BinaryIO) -> int:
    """Write the pages and form fields of every file, in order, as one PDF; return the pages."""
    out = _Writer(handle)
    root, pages_root = out.reserve(), out.reserve()
    kids: list[Value] = []
    fields: list[Value] = []
    form_extra: dict[bytes, Value] = {}
    lang: Value | None = None
    for path in paths:
        pdf = _File(path)
        catalog_ref = pdf.trailer.get(b"/Root")
        catalog = pdf.resolve(catalog_ref) if isinstance(catalog_ref, Ref) else None
        if not isinstance(catalog, dict) or not isinstance(catalog.get(b"/Pages"), Ref):
            raise RenderError(f"{path.name}: no catalog with a page tree")
        pages, inner = _pages(pdf, catalog[b"/Pages"], {})  # type: ignore[arg-type]
        # Leave out what the joined file replaces: catalog, page tree, info, outlines, form.
        skip = {catalog_ref.number, *inner}  # type: ignore[union-attr]
        for value in (pdf.trailer.get(b"/Info"), catalog.get(b"/AcroForm")):
            if isinstance(value, Ref):
                skip.add(value.number)
        if isinstance(catalog.get(b"/Outlines"), Ref):
            skip |= _outline_items(pdf, catalog[b"/Outlines"])  # type: ignore[arg-type]
        form = pdf.resolve(catalog.get(b"/AcroForm", {}))
        # Objects keep their order and are numbered densely after those already written.
        base = len(out.offsets) - min(pdf.offsets) + 1
        out.offsets.extend([-1] * (max(pdf.offsets) - min(pdf.offsets) + 1))
        for number in pages:
            page = pdf.value(number)
            assert isinstance(page, dict)
            page[b"/Parent"] = Ref(pages_root - base)  # moved up by base when copied
        for number in sorted(pdf.offsets):
            if number not in skip:
                out.put(number + base, pdf.copy(number, base))
        kids += [Ref(n + base) for n in pages]
        if isinstance(form, dict):
            listed = pdf.resolve(form.get(b"/Fields", []))
            if isinstance(listed, list):
                fields += [_renumber(f, base) for f in listed]
            for key in (b"/DA", b"/DR", b"/NeedAppearances"):
                if key in form and key not in form_extra:
                    form_extra[key] = _renumber(form[key], base)
        lang = lang or catalog.get(b"/Lang")
    for number, at in enumerate(out.offsets, start=1):
        if at < 0 and number not in (root, pages_root):
            out.put(number, b"null")  # a left-out object: the table stays dense
    count = Raw(b"%d" % len(kids))
    out.put(pages_root, _bytes({b"/Type": Raw(b"/Pages"), b"/Count": count, b"/Kids": kids}))
    catalog_out: dict[bytes, Value] = {b"/Type": Raw(b"/Catalog"), b"/Pages": Ref(pages_root)}
    if lang is not None:
        catalog_out[b"/Lang"] = lang
    if fields:
        catalog_out[b"/AcroForm"] = {b"/Fields": fields, **form_extra}
    out.put(root, _bytes(catalog_out))
    start = out.position
    table = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(out.offsets) + 1)]
    table += [b"%010d 00000 n \n" % at for at in out.offsets]
    out.write(b"".join(table))
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(out.offsets) + 1, root, start)
    )
    return len(kids)
