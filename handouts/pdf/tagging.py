"""Tag a PDF for screen readers while reportlab draws it: marked content and its structure.

Open-source reportlab writes no tags, so the tagger rides on the canvas (``canv.tagger``)
and the flowables ask it, as they draw, to mark what they paint: ``content`` wraps a leaf's
drawing in a marked-content sequence (``/P <</MCID 3>> BDC … EMC``) that belongs to one
structure element, ``artifact`` wraps decoration and page furniture, ``group`` opens a
container element (a part, a table row), ``form`` notes a field's widget. Nothing inside
an artifact is tagged. MCID sequences never nest: only leaves are marked.

The elements are kept as a tree of ``Node``; ``finish`` returns it in reading order, with
runs of list items gathered into lists and layout tables dissolved into their cells'
contents (column by column where a table lays text out in columns). ``structure`` writes
it into the file afterwards.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas

Content = tuple[int, int]
"""A marked-content sequence: the page's index and its MCID on that page."""


@dataclass
class Widget:
    """A form field's widget, known by its field name, unique in the document."""

    name: str
    """The field's full name (``/T``)."""


@dataclass(eq=False)
class Node:
    """A structure element; ``type`` None is a group that dissolves into its parent."""

    type: str | None
    """The standard structure type (``P``, ``H1``, ``TD``...), or None."""
    kids: list[Node | Content | Widget] = field(default_factory=list)
    """Its children in reading order: elements, marked content, widgets."""
    alt: str | None = None
    """The alternative text of a figure."""
    scope: str | None = None
    """A header cell's scope (``Column``)."""
    order: tuple[int, int] = (0, 0)
    """A layout cell's place (row, column), for reading by columns."""
    by_columns: bool = False
    """A layout table read column by column (a list laid out in two columns)."""


class Tagger:
    """Gives out MCIDs page by page and builds the structure tree as the canvas draws."""

    def __init__(self, canv: Canvas) -> None:
        """Tag what is drawn on ``canv``."""
        self.canv = canv
        self.root = Node("Document")
        self.stack: list[Node] = [self.root]
        self.mcids: dict[int, int] = {}
        self.shared: dict[Hashable, Node] = {}
        self.hidden = 0  # artifacts open: nothing inside them is tagged
        self.open: list[int] = []  # 1 a marked sequence opened, 0 none (inside an artifact)
        self.parts: dict[int, Node] = {}
        self.tails: dict[int, Node] = {}  # content read at a part's end (its footer)
        self.tagged: set[Hashable] = set()  # things tagged once (a footer), artifacts after
        self.table_stack: list[list[str]] = []

    # The primitives, balanced by the flowables' own begin and end.

    def _node(self, type_: str, key: Hashable | None, **attrs: Any) -> Node:
        """Return the element for ``key`` (a split paragraph's parts share one), or a new one."""
        if key is not None and key in self.shared:
            return self.shared[key]
        node = Node(type_, **attrs)
        self.stack[-1].kids.append(node)
        if key is not None:
            self.shared[key] = node
        return node

    def begin_content(self, type_: str, key: Hashable | None = None, **attrs: Any) -> None:
        """Open a marked-content sequence of a (new or shared) element of ``type_``."""
        if self.hidden:
            self.open.append(0)
            return
        node = self._node(type_, key, **attrs)
        page = self.canv.getPageNumber() - 1
        mcid = self.mcids.get(page, 0)
        self.mcids[page] = mcid + 1
        node.kids.append((page, mcid))
        self.canv.addLiteral(f"/{type_} <</MCID {mcid}>> BDC")
        self.open.append(1)

    def end_content(self) -> None:
        """Close the sequence ``begin_content`` opened."""
        if self.open.pop():
            self.canv.addLiteral("EMC")

    def begin_artifact(self, pagination: bool = False) -> None:
        """Open an artifact: decoration, or (``pagination``) a running header or foot."""
        if not self.hidden:
            kind = " <</Type /Pagination>> BDC" if pagination else " BMC"
            self.canv.addLiteral("/Artifact" + kind)
        self.hidden += 1

    def end_artifact(self) -> None:
        """Close the artifact ``begin_artifact`` opened."""
        self.hidden -= 1
        if not self.hidden:
            self.canv.addLiteral("EMC")

    def begin_group(self, type_: str | None, key: Hashable | None = None, **attrs: Any) -> None:
        """Open a container element (None: a group that dissolves into its parent).

        Inside an artifact it is a group: nothing there is read.
        """
        type_ = None if self.hidden else type_
        node = Node(type_, **attrs) if type_ is None else self._node(type_, key, **attrs)
        if type_ is None:
            self.stack[-1].kids.append(node)
        self.stack.append(node)

    def end_group(self) -> None:
        """Close the container ``begin_group`` opened."""
        self.stack.pop()

    # What the flowables and the page furniture use.

    @contextmanager
    def content(self, type_: str, key: Hashable | None = None, **attrs: Any) -> Iterator[None]:
        """Mark what is drawn inside as the content of an element of ``type_``."""
        self.begin_content(type_, key, **attrs)
        try:
            yield
        finally:
            self.end_content()

    @contextmanager
    def artifact(self, pagination: bool = False) -> Iterator[None]:
        """Mark what is drawn inside as an artifact."""
        self.begin_artifact(pagination)
        try:
            yield
        finally:
            self.end_artifact()

    @contextmanager
    def group(self, type_: str | None, key: Hashable | None = None) -> Iterator[None]:
        """Put the elements made inside into a container of ``type_``."""
        self.begin_group(type_, key)
        try:
            yield
        finally:
            self.end_group()

    @contextmanager
    def tail(self, part: int) -> Iterator[None]:
        """Put the elements made inside at the end of part ``part`` (-1: the opening)."""
        node = self.tails.setdefault(part, Node(None))
        self.stack.append(node)
        try:
            yield
        finally:
            self.stack.pop()

    def first_time(self, thing: Hashable) -> bool:
        """Tell whether ``thing`` (a part's footer) is met for the first time."""
        if thing in self.tagged:
            return False
        self.tagged.add(thing)
        return True

    def form(self, name: str) -> None:
        """Note a field's widget as a Form element here."""
        if not self.hidden:
            self._node("Form", None).kids.append(Widget(name))

    def new_part(self, index: int) -> None:
        """Start part ``index``: a section of the document's own."""
        node = Node("Sect")
        self.root.kids.append(node)
        self.parts[index] = node
        self.stack = [self.root, node]

    def table_event(self, table: Any, event: str, *args: Any) -> None:
        """Tag a table as reportlab draws it (its ``renderCB``): rows, cells, decoration.

        A data table is Table > TR > TH/TD; a layout table dissolves into its cells'
        contents. Backgrounds, rules, empty cells and rows repeated from a page before
        (a header row) are artifacts.
        """
        closers = self.table_stack
        data = table.role.value == "Table"
        if event == "startTable":
            if data:
                self.begin_group("Table", key=table.struct_key)
            else:
                self.begin_group(None, by_columns=getattr(table, "by_columns", False))
        elif event in ("startBG", "startLines"):
            self.begin_artifact()
        elif event in ("endBG", "endLines"):
            self.end_artifact()
        elif event == "startRow":
            repeated = args[0] < table.repeats
            if repeated:
                self.begin_artifact()
            elif data:
                self.begin_group("TR")
            closers.append(["artifact" if repeated else "group" if data else ""])
        elif event == "startCell":
            row, column, value = args[0], args[1], args[2]
            ends = []
            if data:
                header = row < table.repeatRows and not table.repeats
                self.begin_group("TH" if header else "TD")
                if header:
                    self.stack[-1].scope = "Column"
                ends.append("group")
            else:
                self.begin_group(None)
                self.stack[-1].order = (row, column)
                ends.append("group")
            if isinstance(value, str):  # reportlab draws an empty string's text object
                self.begin_artifact()
                ends.append("artifact")
            closers.append(ends)
        elif event in ("endCell", "endRow"):
            for end in reversed(closers.pop()):
                if end == "group":
                    self.end_group()
                elif end == "artifact":
                    self.end_artifact()
        elif event == "endTable":
            self.end_group()

    def finish(self) -> Node:
        """Return the structure tree in reading order: tails placed, groups gone, lists made."""
        for index, tail in self.tails.items():
            if index in self.parts:
                self.parts[index].kids.append(tail)
            elif index != -1:  # a part that never started: its footer is read at the end
                self.root.kids.append(tail)
        if -1 in self.tails:
            first = next((n for n in self.root.kids if n in self.parts.values()), None)
            at = self.root.kids.index(first) if first is not None else len(self.root.kids)
            self.root.kids.insert(at, self.tails[-1])
        return _tidy(self.root)


def _tidy(node: Node) -> Node:
    """Dissolve groups into their parents and gather runs of list items into lists."""
    kids: list[Node | Content | Widget] = []
    for kid in _flat(node):
        if isinstance(kid, Node):
            kid = _tidy(kid)
            if kid.type == "LI":
                last = kids[-1] if kids else None
                if not (isinstance(last, Node) and last.type == "L"):
                    last = Node("L")
                    kids.append(last)
                last.kids.append(kid)
                continue
        kids.append(kid)
    node.kids = kids
    return node


def _flat(node: Node) -> list[Node | Content | Widget]:
    """Return a node's children with every group replaced by its own, in reading order."""
    out: list[Node | Content | Widget] = []
    kids = node.kids
    if node.by_columns:
        cells = [k for k in kids if isinstance(k, Node) and k.type is None]
        kids = sorted(cells, key=lambda k: (k.order[1], k.order[0]))
    for kid in kids:
        if isinstance(kid, Node) and kid.type is None:
            out += _flat(kid)
        else:
            out.append(kid)
    return out


def tagger_of(canv: Canvas) -> Tagger | None:
    """Return the canvas's tagger; None on a canvas that tags nothing (a measuring one)."""
    return getattr(canv, "tagger", None)
