"""Keep the joined files' bookmarks: one top-level bookmark a file, its own under it.

A reader of a roster's print file finds each person's program by its title in the
bookmarks (``Home exercise program for A. B.``) and, under it, the program's own bookmarks
(its exercises and log, or in a bilingual program its languages), each opening the page it
did in the person's own file. A file whose bookmarks have one top item (a handout) keeps it
as its top-level bookmark; a file with several, or none, gets one made from its title, at
its first page.

Bookmarks are a linked list, not an array, so they stream as the rest of the joiner does:
each file's items are copied with its objects; only the last file's top item waits, for
the ``/Next`` that the following file gives it.
"""

from __future__ import annotations

from handouts.jointags import Writer
from handouts.pdfread import Raw, Ref, SourceFile, Value, serialize, text_string


class Bookmarks:
    """Gathers every file's bookmarks under the joined file's, file by file."""

    def __init__(self, out: Writer, *, closed: bool) -> None:
        """Start the joined file's bookmarks; ``closed`` shows each file's top one closed."""
        self.out = out
        self.closed = closed
        self.root: int | None = None
        self.first: int | None = None
        self.waiting: tuple[int, bytes] | None = None  # the last top item: number, head
        self.count = 0

    def add(
        self, pdf: SourceFile, catalog: dict[bytes, Value], base: int, pages: list[int], name: str
    ) -> tuple[set[int], set[int]]:
        """Take one file's bookmarks before its objects are copied.

        ``pages`` are its pages' numbers in the file, ``name`` its name, the title of a file
        without one. Returns the numbers of the objects it replaces (the file's outline root,
        left out) and of those it writes itself (its top item, once its ``/Next`` is known).
        """
        if not pages:
            return set(), set()  # nothing to open: its bookmarks, if any, are left out
        if self.root is None:
            self.root = self.out.reserve(late=True)
        found = catalog.get(b"/Outlines")
        replaced: set[int] = set()
        tops: list[int] = []
        shown = 0  # the file's bookmarks a reader sees when its top one is open
        if isinstance(found, Ref) and found.number in pdf.offsets:
            replaced.add(found.number)
            own = pdf.value(found.number)
            if isinstance(own, dict):
                shown = abs(int(own.get(b"/Count", Raw(b"0"))))  # type: ignore[call-overload]
                item = own.get(b"/First")
                while isinstance(item, Ref) and item.number not in tops:
                    tops.append(item.number)
                    value = pdf.value(item.number)
                    item = value.get(b"/Next") if isinstance(value, dict) else None
        if len(tops) == 1:
            # Its one top item is its top-level bookmark, with what is under it.
            top = pdf.value(tops[0])
            assert isinstance(top, dict)
            number, later = tops[0] + base, {tops[0]}
            for key in (b"/Prev", b"/Next"):
                top.pop(key, None)
            top[b"/Parent"] = Ref(self.root - base)
            if self.waiting is not None:
                top[b"/Prev"] = Ref(self.waiting[0] - base)
            count = int(top.get(b"/Count", Raw(b"0")))  # type: ignore[call-overload]
            if self.closed and count > 0:
                count = -count
                top[b"/Count"] = Raw(b"%d" % count)
            shown = max(count, 0)  # what shows under it: nothing while it is closed
            self.out.defer(number)
            head = pdf.copy(tops[0], base)[:-2]
        else:
            number, later = self.out.reserve(late=True), set()
            for at in tops:
                item = pdf.value(at)
                assert isinstance(item, dict)
                item[b"/Parent"] = Ref(number - base)
            entries: dict[bytes, Value] = {
                b"/Title": _title(pdf, name),
                b"/Parent": Ref(self.root),
                b"/Dest": [Ref(pages[0] + base), Raw(b"/Fit")],
            }
            if self.waiting is not None:
                entries[b"/Prev"] = Ref(self.waiting[0])
            if tops:
                entries[b"/First"] = Ref(tops[0] + base)
                entries[b"/Last"] = Ref(tops[-1] + base)
                entries[b"/Count"] = Raw(b"%d" % (-shown if self.closed else shown))
                shown = 0 if self.closed else shown
            head = serialize(entries)[:-2]
        if self.waiting is None:
            self.first = number
        else:
            self.out.put(self.waiting[0], self.waiting[1] + b" /Next %d 0 R>>" % number)
        self.waiting = (number, head)
        self.count += 1 + shown  # the top item, and what shows under it
        return replaced, later

    def finish(self) -> dict[bytes, Value]:
        """Write the last top item and the outline root; return the catalog's entries."""
        if self.root is None or self.waiting is None:
            return {}
        self.out.put(self.waiting[0], self.waiting[1] + b">>")
        last = self.waiting[0]
        self.out.put(
            self.root,
            b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>"
            % (self.first, last, self.count),
        )
        return {b"/Outlines": Ref(self.root), b"/PageMode": Raw(b"/UseOutlines")}


def _title(pdf: SourceFile, name: str) -> Value:
    """Return a file's title as its information dictionary has it, else its name."""
    info = pdf.resolve(pdf.trailer.get(b"/Info", {}))
    found = info.get(b"/Title") if isinstance(info, dict) else None
    return found if isinstance(found, Raw) else Raw(text_string(name))
