"""The flowables blocks are made of: text, headings, tables, drawn marks, bookmarks.

Each knows its structure role (``roles``). Sizes are decided in ``__init__`` or ``wrap``,
never in ``draw``: drawing paints what was measured.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    TableStyle,
)

from handouts import theme
from handouts.outline.blocks import Cited
from handouts.pdf import internals
from handouts.pdf.internals import Para, SplitTable
from handouts.pdf.roles import Role
from handouts.pdf.styles import REGULAR, cited, markup
from handouts.pdf.tagging import tagger_of
from handouts.text import plain


def para(text: str, style: ParagraphStyle, role: Role = Role.PARAGRAPH) -> Para:
    """Make a paragraph of content text (escaped; ``**bold**`` marks kept)."""
    return Para(markup(text), style, role=role)


def statement(item: Cited, style: ParagraphStyle) -> Para:
    """Make a paragraph of a statement with its source numbers."""
    return Para(cited(item), style)


def table(
    rows: list[list[object]],
    commands: Iterable[tuple[object, ...]] = (),
    *,
    role: Role = Role.LAYOUT,
    keep: int = 0,
    continued: list[list[object]] | None = None,
    by_columns: bool = False,
    **kwargs: Any,
) -> SplitTable:
    """Make a left-aligned table styled by ``commands``; its default cell font is ours.

    So no unembedded Helvetica is declared. ``role`` says whether it holds data (its
    ``repeatRows`` are the header) or only places things side by side; ``by_columns``
    that a screen reader reads a layout column by column. ``keep``: rows a split leaves on
    each side at least; ``continued``: the repeated rows as a later part shows them.
    """
    made = SplitTable(rows, hAlign="LEFT", **kwargs)
    made.role = role
    made.by_columns = by_columns
    made.keep, made.continued = keep, continued
    made.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12)]))
    commands = list(commands)
    if commands:
        made.setStyle(TableStyle(commands))
    return made


def continued_rows(rows: Iterable[int]) -> list[tuple[object, ...]]:
    """Return the table style that sets each of these rows close under the row above it.

    Rows of the lines of one text (a clinician's notes) then read as one paragraph.
    """
    return [
        command
        for n in rows
        for command in (
            ("TOPPADDING", (0, n), (-1, n), 0),
            ("BOTTOMPADDING", (0, n - 1), (-1, n - 1), 0),
        )
    ]


def kept_lines(text: str, style: ParagraphStyle, label: str = "") -> list[Para]:
    """Make a paragraph of each line of a text whose line breaks are kept (a clinician's notes).

    Each goes in a table row of its own (see ``continued_rows``), so long notes split over
    pages between their lines. Not one paragraph with ``<br/>``: split over pages, reportlab
    starts its second part with an empty line. ``label`` (bold) starts the first line.
    """
    lines = [markup(line) for line in text.split("\n")]
    lines[0] = f"<b>{escape(label)}</b> {lines[0]}" if label else lines[0]
    return [Para(line, style) for line in lines]


class Heading(Para):
    """A section heading that also adds a PDF bookmark pointing at itself."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        key: str = "",
        *,
        literal: bool = False,
        role: Role = Role.HEADING_2,
        **part: Any,
    ) -> None:
        """Keep the plain title for the bookmark; the paragraph shows it escaped.

        ``literal``: print ``**`` as typed (a person's name), not as bold marks. ``part``:
        reportlab's own arguments when it makes the parts of a heading split over pages.
        """
        if part:
            super().__init__(text, style, role=role, **part)
        else:
            shown = escape(text or "") if literal else markup(text or "")
            super().__init__(shown, style, role=role)
        self.title = (text or "") if literal else plain(text or "")  # an outline shows no bold
        self.key = key

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split a heading taller than the room like text; its first part keeps the bookmark."""
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            parts[0].title, parts[0].key = self.title, self.key  # type: ignore[attr-defined]
        return parts

    def draw(self) -> None:
        """Draw the heading and register the bookmark at its position."""
        super().draw()
        if self.key:  # the later part of a split heading has none
            self.canv.bookmarkHorizontal(self.key, 0, self.height)
            outline_entry(self.canv, self.title, self.key, self.role is not Role.HEADING_1)


def outline_entry(canv: Canvas, title: str, key: str, nested: bool) -> None:
    """Add a bookmark: a part's title at the top level, its sections (``nested``) under it.

    A section before any title (none yet to nest under) goes at the top level.
    """
    level = 1 if nested and getattr(canv, "outline_started", False) else 0
    canv.outline_started = True  # type: ignore[attr-defined]
    canv.addOutlineEntry(title, key, level=level)


class KeepWithStart(CondPageBreak):
    """Start a new page unless a block's heading and the start of what follows it fit here.

    Never a heading alone at the foot of a page: the start is the first row of a table that
    follows (rows do not split; a checklist item is a table) or a few lines of text.
    """

    role = Role.ARTIFACT

    def __init__(self, block: list[Flowable], lines: float) -> None:
        """``block`` starts with its heading; ``lines``: the height of text kept with it."""
        super().__init__(0)
        self.block = block
        self.lines = lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Work out the room needed at this width, then break the page if it is not here."""
        heading, *rest = self.block
        for flowable in self.block[:2]:  # as the frame will, before it wraps them
            flowable.canv = self.canv
        needed = heading.wrap(available_width, available_height)[1]
        needed += heading.getSpaceBefore() + heading.getSpaceAfter()
        if rest:
            first = rest[0]
            tall = first.wrap(available_width, available_height)[1]
            if isinstance(first, SplitTable) and len(rest) > 1 and _one_row(rest[:2]):
                # Items a table each (a checklist): the first two, never one alone.
                second = rest[1]
                start = tall + second.getSpaceBefore() + second.wrap(available_width, 0)[1]
            elif isinstance(first, SplitTable):  # rows do not split: the first (and repeated)
                start = internals.first_rows_height(first, first.repeatRows + 1)
            elif isinstance(first, Paragraph):  # text splits after a few lines
                start = min(tall, self.lines)
            elif isinstance(first, KeepTogether):
                # Its wrap answers "taller than any page" to make the frame split it; what
                # it holds is what must fit (a question with its answer).
                start = first._H  # type: ignore[attr-defined]
            else:
                start = tall
            needed += first.getSpaceBefore() + start
        # Never more than half a page: on a new page it must always fit, or pages would loop.
        frame = internals.frame_height(self)
        self.height = min(needed, frame / 2) if frame is not None else needed
        return super().wrap(available_width, available_height)


def _one_row(flowables: list[Flowable]) -> bool:
    """Tell whether each of these is a table of one row (an item of a checklist)."""
    return all(isinstance(f, SplitTable) and internals.row_count(f) == 1 for f in flowables)


class FixedSize(Flowable):
    """A flowable of a fixed size, set as ``width`` and ``height`` in its constructor."""

    role = Role.ARTIFACT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the fixed size."""
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Draw it as its role says: a figure with its ``alt`` text, else an artifact."""
        tagger = tagger_of(canvas)
        if tagger is None:
            super().drawOn(canvas, x, y, _sW)
            return
        if self.role is Role.FIGURE:
            tagged = tagger.content("Figure", alt=self.alt)
        else:
            tagged = tagger.artifact()
        with tagged:
            super().drawOn(canvas, x, y, _sW)


class LevelBar(FixedSize):
    """Five boxes, filled up to the level's rank: readable in colour and in grayscale.

    A figure whose alternative text is the level's name, which is also printed under it.
    """

    role = Role.FIGURE

    def __init__(self, rank: int, fill: colors.Color, height: float, alt: str = "") -> None:
        """Size the bar from the text height so it scales with large print."""
        super().__init__()
        self.alt = alt
        self.rank = rank
        self.fill = fill
        self.box = height
        self.gap = height * 0.3
        self.width = 5 * self.box + 4 * self.gap
        self.height = self.box

    def draw(self) -> None:
        """Draw filled and empty boxes with a dark outline that survives photocopying."""
        canv = self.canv
        canv.setLineWidth(0.8)
        canv.setStrokeColor(colors.HexColor(theme.INK))
        for i in range(5):
            canv.setFillColor(self.fill if i < self.rank else colors.white)
            canv.rect(i * (self.box + self.gap), 0, self.box, self.box, stroke=1, fill=1)


class WarningIcon(FixedSize):
    """A warning triangle with an exclamation mark, drawn (not a font glyph).

    An artifact: the safety heading beside it says what it means.
    """

    def __init__(self, size: float, color: colors.Color) -> None:
        """Size the triangle ``size`` points wide."""
        super().__init__()
        self.size = size
        self.color = color
        self.width, self.height = size, size * 0.9

    def draw(self) -> None:
        """Draw a filled triangle with a white exclamation mark."""
        canv = self.canv
        s = self.size
        path = canv.beginPath()
        path.moveTo(0, 0)
        path.lineTo(s, 0)
        path.lineTo(s / 2, s * 0.9)
        path.close()
        canv.setFillColor(self.color)
        canv.setStrokeColor(colors.HexColor(theme.INK))
        canv.setLineWidth(0.8)
        canv.drawPath(path, stroke=1, fill=1)
        canv.setFillColor(colors.white)
        canv.rect(s / 2 - s * 0.05, s * 0.33, s * 0.1, s * 0.36, stroke=0, fill=1)
        canv.circle(s / 2, s * 0.17, s * 0.06, stroke=0, fill=1)


class Bookmark(Flowable):
    """An invisible flowable that adds a bookmark where it lands (a heading in a table)."""

    role = Role.ARTIFACT

    def __init__(self, title: str, key: str) -> None:
        """``title`` is shown in the viewer's outline; ``key`` names the destination."""
        super().__init__()
        self.title = title
        self.key = key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no room."""
        return 0, 0

    def draw(self) -> None:
        """Register the bookmark here."""
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        outline_entry(self.canv, self.title, self.key, True)


PART_STARTS = "part-starts"
"""The kind of notice the document sends its indexing flowables when a part starts."""


class PartStart(ActionFlowable):
    """Marks where part ``index`` starts; the document notes its page (``PART_STARTS``)."""

    def __init__(self, index: int) -> None:
        """``index``: the part's place in the handout (titles need not be unique)."""
        super().__init__()
        self.index = index

    def apply(self, doc: object) -> None:
        """Start the part's section in the structure (``afterFlowable`` notes the page)."""
        tagger = tagger_of(doc.canv)  # type: ignore[attr-defined]
        if tagger is not None:
            tagger.new_part(self.index)
