"""Keep the joined files' tags: one structure tree and one parent tree over all of them.

Each file we draw is tagged (PDF/UA-1): a structure tree whose top element is the file's
``Document``, and a parent tree mapping each page's marked content and each widget back to
their elements, by keys numbered from 0 in every file. In the joined file each file's top
element becomes a ``Part`` of one ``Document``, and each file's keys are moved up by the
keys of the files before it (``SourceFile.keys_offset`` moves them in the pages and
widgets as they are copied). As in the rest of the joiner, no array written has more than
``FAN_OUT`` entries: parts are grouped under ``Div`` elements and the parent tree is a
balanced number tree.
"""

from __future__ import annotations

from typing import Protocol

from handouts.pdf.structure import Description, xmp
from handouts.pdfread import Raw, Ref, SourceFile, Value, renumber, serialize

FAN_OUT = 100
"""Most kids of any element or number tree node written here (as ``pdfjoin.FAN_OUT``)."""


class Writer(Protocol):
    """What the joiner's writer offers: numbers reserved, objects written."""

    def reserve(self, count: int = 1, late: bool = False) -> int:
        """Reserve ``count`` numbers; return the first."""

    def defer(self, number: int) -> None:
        """Mark a reserved number as written only at the end."""

    def put(self, number: int, body: bytes) -> None:
        """Write object ``number``."""


def _refs(numbers: list[int]) -> bytes:
    return b"[" + b" ".join(b"%d 0 R" % n for n in numbers) + b"]"


def _numbers(pdf: SourceFile, node: Value | None, seen: set[int]) -> list[tuple[Value, Value]]:
    """Return a number tree's keys and values in order, adding its nodes' numbers to ``seen``.

    A file we drew has its parent tree in one node; a file this joiner wrote (a program in
    two languages) has a tree of them.
    """
    if isinstance(node, Ref):
        if node.number in seen:
            return []  # pragma: no cover - a tree is never its own descendant
        seen.add(node.number)
    tree = pdf.resolve(node) if node is not None else {}
    if not isinstance(tree, dict):
        return []
    nums = tree.get(b"/Nums", [])
    found = (
        [(nums[i], nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
        if isinstance(nums, list)
        else []
    )
    kids = tree.get(b"/Kids", [])
    for kid in kids if isinstance(kids, list) else []:
        found += _numbers(pdf, kid, seen)
    return found


class Tags:
    """Gathers every file's structure into the joined file's, file by file."""

    def __init__(self, out: Writer) -> None:
        self.out = out
        self.parts: list[tuple[int, bytes]] = []  # each file's top element: number, head
        self.leaves: list[tuple[int, int, int]] = []  # parent tree leaves: number, keys
        self.next_key = 0

    def add(
        self, pdf: SourceFile, catalog: dict[bytes, Value], base: int
    ) -> tuple[set[int], set[int]]:
        """Take one file's tree before its objects are copied.

        Returns the numbers of the objects it replaces (its structure tree root, parent
        tree and metadata, left out) and of those it writes at the end (its top element,
        under its new parent). Call before anything of the file
        is copied: it sets the file's ``keys_offset``.
        """
        pdf.keys_offset = self.next_key
        found = catalog.get(b"/StructTreeRoot")
        if not isinstance(found, Ref):
            return set(), set()
        replaced = {found.number}
        if isinstance(catalog.get(b"/Metadata"), Ref):
            replaced.add(catalog[b"/Metadata"].number)  # type: ignore[union-attr]
        root = pdf.value(found.number)
        assert isinstance(root, dict)
        tree = root.get(b"/ParentTree")
        pairs = [
            (int(key) + self.next_key, value)  # type: ignore[call-overload]
            for key, value in _numbers(pdf, tree, replaced)
        ]
        for start in range(0, len(pairs), FAN_OUT // 2):
            chunk = pairs[start : start + FAN_OUT // 2]
            low, high = chunk[0][0], chunk[-1][0]
            listed = b" ".join(b"%d %s" % (k, serialize(renumber(v, base))) for k, v in chunk)
            number = self.out.reserve()
            self.out.put(number, b"<</Limits [%d %d] /Nums [%s]>>" % (low, high, listed))
            self.leaves.append((number, low, high))
        self.next_key += int(root.get(b"/ParentTreeNextKey", Raw(b"0")))  # type: ignore[call-overload]
        top = root.get(b"/K")
        if not isinstance(top, Ref):
            return replaced, set()
        element = pdf.value(top.number)
        assert isinstance(element, dict)
        element[b"/S"] = Raw(b"/Part")  # one person's program, a part of the whole
        element.pop(b"/P", None)  # its parent is written at the end
        self.out.defer(top.number + base)
        self.parts.append((top.number + base, pdf.copy(top.number, base)[:-2]))
        return replaced, {top.number}

    def finish(self, about: Description) -> dict[bytes, Value]:
        """Write the joined tree, parent tree and metadata; return the catalog's entries."""
        out = self.out
        if not self.parts:
            return {}
        root, document = out.reserve(), out.reserve()
        level = self.parts
        while len(level) > FAN_OUT:
            above = []
            for start in range(0, len(level), FAN_OUT):
                kids = level[start : start + FAN_OUT]
                number = out.reserve()
                for kid, head in kids:
                    out.put(kid, head + b" /P %d 0 R>>" % number)
                head = b"<</Type /StructElem /S /Div /K %s" % _refs([k for k, _ in kids])
                above.append((number, head))
            level = above
        for kid, head in level:
            out.put(kid, head + b" /P %d 0 R>>" % document)
        out.put(
            document,
            b"<</Type /StructElem /S /Document /P %d 0 R /K %s>>"
            % (root, _refs([k for k, _ in level])),
        )
        tree = out.reserve()
        nodes = self.leaves
        while len(nodes) > FAN_OUT:
            above_nodes = []
            for start in range(0, len(nodes), FAN_OUT):
                kids_nodes = nodes[start : start + FAN_OUT]
                number = out.reserve()
                low, high = kids_nodes[0][1], kids_nodes[-1][2]
                kids_refs = _refs([n for n, _, _ in kids_nodes])
                out.put(number, b"<</Limits [%d %d] /Kids %s>>" % (low, high, kids_refs))
                above_nodes.append((number, low, high))
            nodes = above_nodes
        out.put(tree, b"<</Kids %s>>" % _refs([n for n, _, _ in nodes]))
        out.put(
            root,
            b"<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>"
            % (document, tree, self.next_key),
        )
        packet = xmp(about)
        metadata = out.reserve()
        out.put(
            metadata,
            b"<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n%s\nendstream"
            % (len(packet), packet),
        )
        return {
            b"/StructTreeRoot": Ref(root),
            b"/MarkInfo": Raw(b"<</Marked true>>"),
            b"/ViewerPreferences": Raw(b"<</DisplayDocTitle true>>"),
            b"/Metadata": Ref(metadata),
        }
