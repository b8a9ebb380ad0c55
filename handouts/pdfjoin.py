"""Join PDFs we drew into one file for the printer, streaming, in time linear in their size.

pypdf's merge compares every form field with every other (a roster of 400 people took over
four minutes and 1.6 GB), and pikepdf (qpdf) holds every joined file in memory until it
writes, keeps no form field unless told how, and flattens the page tree into one array; so
this module does the one job it needs. It copies each file's objects under new numbers as
soon as the file arrives (``pdfread`` reads them), and keeps only a few numbers a file until
the end, when it writes the trees that gather everything:

- the page tree: one ``/Pages`` node per file, those grouped ``FAN_OUT`` at a time, level
  by level, under one root;
- the form: each file's fields nested by the parts of their names, so that a field named
  ``pt-0101.log.1.date`` becomes ``date`` under ``1`` under ``log`` under ``pt-0101``, as
  PDF wants (a partial name has no period), with the same full name. The files' top fields,
  one a person in a roster, are grouped ``FAN_OUT`` at a time under fields named by their
  range (``1-100``, ``101-200``) only when there are more than ``FAN_OUT`` of them.

So no array the joiner writes has more than ``FAN_OUT`` entries, whatever the number of
files (pypdf refuses arrays of over 100,000), and the cross-reference table goes to a spare
file as objects are written. The files' tags are kept (``jointags``): one structure tree,
each file a part of it; and their bookmarks (``joinoutline``): one top-level bookmark a
file, its title, with the file's own under it.
"""

from __future__ import annotations

import tempfile
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

from handouts.errors import RenderError
from handouts.joinoutline import Bookmarks
from handouts.jointags import Tags
from handouts.pdf.structure import Description
from handouts.pdfread import (
    Raw,
    Ref,
    SourceFile,
    Value,
    name_parts,
    page_list,
    renumber,
    serialize,
    text_string,
)

FAN_OUT = 100
"""Most kids of any page tree node or form field the joiner makes, and most top fields."""

_LETTER: Value = [Raw(b"0"), Raw(b"0"), Raw(b"612"), Raw(b"792")]
"""The size of a blank page after a page without one (PDF's default is Letter)."""


class _Writer:
    """Writes numbered objects, and the cross-reference table as it goes, to a spare file.

    Entries go to the table in number order as soon as every number before them is
    written; a number marked ``late`` (a node whose parent is known only at the end) gets
    a placeholder, rewritten when its object is. So the table's memory is a few entries,
    not eight bytes an object: 1.3 million objects for 10,000 people, the largest thing
    the joiner would otherwise hold.
    """

    def __init__(self, handle: BinaryIO, table: BinaryIO) -> None:
        self.handle, self.table = handle, table
        self.count = 0  # numbers reserved
        self.done = 0  # entries in the table: numbers 1 to done
        self.pending: dict[int, int] = {}  # written, not yet in the table: number -> offset
        self.late: set[int] = set()  # in the table as placeholders, not written yet
        self.patches = array("Q")  # number, offset: placeholders to rewrite at the end
        self.position = 0
        self.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")  # PDF/UA-1 is built on PDF 1.7

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.position += len(data)

    def reserve(self, count: int = 1, late: bool = False) -> int:
        """Set aside ``count`` consecutive object numbers; return the first.

        ``late``: their objects are written only at the end (see the class).
        """
        self.count += count
        if late:
            self.late.update(range(self.count - count + 1, self.count + 1))
        return self.count - count + 1

    def defer(self, number: int) -> None:
        """Mark a number already reserved as written only at the end."""
        self.late.add(number)

    def put(self, number: int, body: bytes) -> None:
        if number in self.late and number <= self.done:
            self.patches.extend((number, self.position))  # its placeholder is in the table
        else:
            self.pending[number] = self.position
        self.late.discard(number)
        self.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        entries = []
        while self.done < self.count:
            following = self.done + 1
            if following in self.pending:
                entries.append(b"%010d 00000 n \n" % self.pending.pop(following))
            elif following in self.late:
                entries.append(b"%010d 00000 n \n" % 0)  # rewritten when it is written
            else:
                break
            self.done = following
        self.table.write(b"".join(entries))

    def finish(self, root: int, info: int | None = None) -> None:
        """Write a ``null`` for every number never written, the table and the trailer."""
        while self.done < self.count:
            self.put(self.done + 1, b"null")  # a number never written: the table stays dense
        for number in sorted(self.late):
            self.put(number, b"null")  # reserved for the end and never written
        for number, at in zip(self.patches[::2], self.patches[1::2], strict=True):
            self.table.seek(20 * (number - 1))
            self.table.write(b"%010d" % at)
        start, size = self.position, self.count + 1
        self.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        self.table.seek(0)
        while chunk := self.table.read(1 << 20):
            self.write(chunk)
        extra = b"" if info is None else b" /Info %d 0 R" % info
        self.write(
            b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, root, extra, start)
        )


class _Top(NamedTuple):
    """A node whose parent is known only at the end: a file's page node or top field."""

    number: int
    """Its object number in the joined file."""
    head: bytes
    """Its dictionary without the closing ``>>``, where ``/Parent`` goes."""
    count: int
    """Pages under it; 0 for a field."""


def _refs(numbers: Iterable[int]) -> bytes:
    return b"[" + b" ".join(b"%d 0 R" % n for n in numbers) + b"]"


def _pages_node(kids: Sequence[_Top], first: int, last: int) -> bytes:
    count = sum(kid.count for kid in kids)
    return b"<</Type /Pages /Count %d /Kids %s" % (count, _refs(k.number for k in kids))


def _field_node(kids: Sequence[_Top], first: int, last: int) -> bytes:
    return b"<</T (%d-%d) /Kids %s" % (first, last, _refs(k.number for k in kids))


Group = Callable[[Sequence[_Top], int, int], bytes]
"""Makes the head of a node over some nodes, given the 1-based range of files they span."""


def _balance(out: _Writer, level: list[_Top], group: Group) -> list[_Top]:
    """Group nodes ``FAN_OUT`` at a time, level by level, until at most ``FAN_OUT`` remain.

    Every node grouped is written, pointing at its new parent; the remaining ones are
    returned unwritten, in order.
    """
    total, span = len(level), 1  # span: how many of the first nodes one of this level holds
    while len(level) > FAN_OUT:
        above = []
        for start in range(0, len(level), FAN_OUT):
            kids = level[start : start + FAN_OUT]
            number = out.reserve(late=True)
            for kid in kids:
                out.put(kid.number, kid.head + b" /Parent %d 0 R>>" % number)
            first, last = start * span + 1, min((start + len(kids)) * span, total)
            count = sum(kid.count for kid in kids)
            above.append(_Top(number, group(kids, first, last), count))
        level, span = above, span * FAN_OUT
    return level


@dataclass
class _Name:
    """A node of one file's form field names, split at their periods."""

    number: int | None = None
    """The number of the field this name is, in the file; None for a name we add."""
    kids: dict[bytes, _Name] = field(default_factory=dict)
    """The names one part longer, by that part."""


def _insert(names: _Name, parts: list[bytes], number: int) -> bool:
    """Add a field's name; False if a field's name is another one's first parts."""
    node = names
    for part in parts:
        if node.number is not None:
            return False
        node = node.kids.setdefault(part, _Name())
    if node.number is not None or node.kids:
        return False
    node.number = number
    return True


class _Nest:
    """Nest one file's top fields by the parts of their names, as new field objects.

    Fields within the file get their last part as ``/T`` and a ``/Parent``; the top ones
    (one a person in a roster) are kept in ``tops``, written by ``join`` at the end. The
    file's own objects among those are in ``deferred``, left out of the file's copy.
    """

    def __init__(self, out: _Writer, pdf: SourceFile, listed: list[Value], base: int) -> None:
        self.out, self.pdf, self.base = out, pdf, base
        self.tops: list[_Top] = []
        self.deferred: set[int] = set()
        fields = [r.number for r in listed if isinstance(r, Ref) and r.number in pdf.offsets]
        names = _Name()
        for number in fields:
            parts = name_parts(pdf.field_name(number))
            if parts is None or not _insert(names, parts, number):
                # Names that do not nest (one is the start of another, or one is not plain
                # text) are left as they are: correct, if not as PDF would have them.
                self.tops = [_Top(n + base, self._defer(n), 0) for n in fields]
                return
        for part, node in names.kids.items():
            self._write(part, node, None)

    def _defer(self, number: int) -> bytes:
        self.deferred.add(number)
        self.out.defer(number + self.base)
        return self.pdf.copy(number, self.base)[:-2]  # without its closing ">>"

    def _write(self, part: bytes, node: _Name, parent: int | None) -> int:
        """Write the field of one name (unless it is a top one) and those under it."""
        if node.number is not None:
            at = node.number + self.base
        else:
            at = self.out.reserve(late=parent is None)
        kids = [self._write(name, kid, at) for name, kid in node.kids.items()]
        if node.number is not None:
            self.pdf.rename(node.number, b"(%s)" % part, parent, self.base)
            if parent is None:
                self.tops.append(_Top(at, self._defer(node.number), 0))
            return at
        head = b"<</T (%s) /Kids %s" % (part, _refs(kids))
        if parent is None:
            self.tops.append(_Top(at, head, 0))
        else:
            self.out.put(at, head + b" /Parent %d 0 R>>" % parent)
        return at


def _gather(out: _Writer, level: list[_Top], group: Group) -> _Top:
    """Put nodes under one node (balanced, see ``_balance``); return it, unwritten."""
    level = _balance(out, level, group)
    if len(level) == 1:
        return level[0]
    number = out.reserve(late=True)
    for kid in level:
        out.put(kid.number, kid.head + b" /Parent %d 0 R>>" % number)
    return _Top(number, group(level, 1, len(level)), sum(kid.count for kid in level))


def _file_pages(out: _Writer, pdf: SourceFile, pages: list[int], base: int) -> _Top:
    """Put a file's pages under one page tree node of its own, unwritten."""
    level = []
    for start in range(0, max(len(pages), 1), FAN_OUT):
        chunk = pages[start : start + FAN_OUT]
        number = out.reserve(late=True)
        for page in chunk:
            pdf.value(page)[b"/Parent"] = Ref(number - base)  # type: ignore[index]
        kids = _refs(page + base for page in chunk)
        head = b"<</Type /Pages /Count %d /Kids %s" % (len(chunk), kids)
        level.append(_Top(number, head, len(chunk)))
    return _gather(out, level, _pages_node)


def join(
    paths: Iterable[Path],
    handle: BinaryIO,
    title: str = "",
    *,
    duplex: bool = False,
    closed: bool = False,
) -> int:
    """Write the pages, fields, tags and bookmarks of every file, in order, as one PDF.

    Returns the number of pages.

    Each file's field names must differ from every other file's (a roster gives each
    person's fields their file name first): fields of one name are one field to a reader.
    ``title`` is the joined file's, shown in a viewer's window. ``duplex``: every file starts
    on a front side when printed on both sides, a blank page after each file of an odd number
    of pages but the last; else one person's program would start on the back of another's log.
    ``closed``: each file's top-level bookmark is shown closed (a roster: a line a person).
    """
    with tempfile.TemporaryFile() as table:
        out = _Writer(handle, table)
        return _join(paths, out, title, Bookmarks(out, closed=closed), duplex=duplex)


def _blank_page(out: _Writer, media: Value) -> _Top:
    """Add a blank page of this size, under a page tree node of its own, unwritten.

    Truly blank, as the back of a sheet is: nothing printed on it, nothing for a screen
    reader, the size of the page before it so a printer keeps to one tray.
    """
    node = out.reserve(late=True)
    page = out.reserve()
    body = b"<</Type /Page /Parent %d 0 R /MediaBox %s /Resources <<>>>>" % (node, serialize(media))
    out.put(page, body)
    return _Top(node, b"<</Type /Pages /Count 1 /Kids [%d 0 R]" % page, 1)


def _join(
    paths: Iterable[Path], out: _Writer, title: str, bookmarks: Bookmarks, *, duplex: bool
) -> int:
    tags = Tags(out)
    pages: list[_Top] = []
    fields: list[_Top] = []
    form_extra: dict[bytes, Value] = {}
    lang: Value | None = None
    media: Value | None = None  # the last page's size, when the file before had odd pages
    for path in paths:
        if media is not None:
            pages.append(_blank_page(out, media))
        pdf = SourceFile(path)
        catalog_ref = pdf.trailer.get(b"/Root")
        catalog = pdf.resolve(catalog_ref) if isinstance(catalog_ref, Ref) else None
        if not isinstance(catalog, dict) or not isinstance(catalog.get(b"/Pages"), Ref):
            raise RenderError(f"{path.name}: no catalog with a page tree")
        found, inner = page_list(pdf, catalog[b"/Pages"], {})  # type: ignore[arg-type]
        # Leave out what the joined file replaces: catalog, page tree, info, outlines, form.
        skip = {catalog_ref.number, *inner}  # type: ignore[union-attr]
        for value in (pdf.trailer.get(b"/Info"), catalog.get(b"/AcroForm")):
            if isinstance(value, Ref):
                skip.add(value.number)
        # Objects keep their order and are numbered densely after those already written.
        low = min(pdf.offsets)
        base = out.reserve(max(pdf.offsets) - low + 1) - low
        replaced, later = tags.add(pdf, catalog, base)  # before anything of it is copied
        marked, written = bookmarks.add(pdf, catalog, base, found, path.stem)
        skip |= replaced | marked
        pages.append(_file_pages(out, pdf, found, base))
        last = pdf.value(found[-1]) if found else None
        odd = duplex and len(found) % 2 == 1 and isinstance(last, dict)
        media = renumber(last.get(b"/MediaBox", _LETTER), base) if odd else None  # type: ignore[union-attr]
        deferred: set[int] = later | written
        form = pdf.resolve(catalog.get(b"/AcroForm", {}))
        if isinstance(form, dict):
            listed = pdf.resolve(form.get(b"/Fields", []))
            if isinstance(listed, list):
                nest = _Nest(out, pdf, listed, base)
                fields += nest.tops
                deferred |= nest.deferred
            for key in (b"/DA", b"/DR", b"/NeedAppearances"):
                if key in form and key not in form_extra:
                    form_extra[key] = renumber(form[key], base)
        for number in range(low, max(pdf.offsets) + 1):
            if number in deferred:
                continue  # written at the end
            if number in skip or number not in pdf.offsets:
                out.put(number + base, b"null")  # a left-out object: the table stays dense
            else:
                out.put(number + base, pdf.copy(number, base))
        lang = lang or catalog.get(b"/Lang")
    tree = (
        _gather(out, pages, _pages_node) if pages else _Top(out.reserve(), _pages_node([], 0, 0), 0)
    )
    out.put(tree.number, tree.head + b">>")
    catalog_out: dict[bytes, Value] = {b"/Type": Raw(b"/Catalog"), b"/Pages": Ref(tree.number)}
    if lang is not None:
        catalog_out[b"/Lang"] = lang
    language = lang.decode("latin-1").strip("()") if isinstance(lang, bytes) else "en-US"
    catalog_out.update(tags.finish(Description(title, "", "", "handouts", language)))
    catalog_out.update(bookmarks.finish())
    if fields:
        top = _balance(out, fields, _field_node)
        for item in top:
            out.put(item.number, item.head + b">>")
        catalog_out[b"/AcroForm"] = {b"/Fields": [Ref(t.number) for t in top], **form_extra}
    root = out.reserve()
    out.put(root, serialize(catalog_out))
    info = out.reserve()
    out.put(info, b"<</Title %s>>" % text_string(title))
    out.finish(root, info)
    return tree.count
