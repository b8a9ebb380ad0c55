"""Lay the muscle map out beside the muscle table (under it where the page is too narrow).

The map is drawn as vectors (``drawing.PictureFlowable``) from the outline's marks, its
numbers and legend set at the body's type size, and it grows with large print. Beside the
table when that leaves the table most of the width; under it, centred, when not.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, TableStyle

from handouts.figures.musclemap import WIDTH, muscle_map
from handouts.outline import blocks as outline
from handouts.pdf.drawing import PictureFlowable
from handouts.pdf.flowables import para
from handouts.pdf.internals import SplitTable, Together
from handouts.pdf.roles import Role
from handouts.pdf.styles import REGULAR, Styles

MAP_EMS = 12.0
"""The map's width in body-text sizes: 47 mm at 11 pt, wider in large print."""
GAP_EMS = 1.2
"""Between the table and the map, in body-text sizes."""
MIN_TABLE = 0.6
"""The least share of the page's width the table keeps beside the map."""


def map_width(s: Styles) -> float:
    """Return how wide the map is printed: in proportion to the type, at most the width."""
    return min(MAP_EMS * s.sizes.body, s.width)


def beside(s: Styles) -> bool:
    """Whether the map fits beside the table, leaving the table its least share."""
    return s.width - map_width(s) - GAP_EMS * s.sizes.body >= MIN_TABLE * s.width


def table_width(s: Styles, block: outline.MuscleTable) -> float:
    """Return the width the muscle table may take: all of it, or what the map leaves."""
    if block.map is None or not beside(s):
        return s.width
    return s.width - map_width(s) - GAP_EMS * s.sizes.body


def map_column(block: outline.MuscleMap, s: Styles) -> list[Flowable]:
    """Return the map, its numbers and legend at the body's size, and its caption under it."""
    return [_drawn(block, s), para(block.words.caption, s.body)]


def _drawn(block: outline.MuscleMap, s: Styles) -> Flowable:
    width = map_width(s)
    # Picture units per point, so the numbers print at the body size.
    picture = muscle_map(block.marks, block.words, text=s.sizes.body * WIDTH / width)
    return PictureFlowable(picture, width)


def with_map(
    grid: Flowable, under: list[Flowable], block: outline.MuscleTable, s: Styles
) -> list[Flowable]:
    """Put the map beside the table and what goes under it (tops aligned), or under the table."""
    if block.map is None:
        return [grid, *under]
    if not beside(s):  # right under the table, on the page of its last row; the note after
        return [Under(grid, map_column(block.map, s)), *under]
    drawn, caption = _drawn(block.map, s), para(block.map.words.caption, s.body)
    gap = GAP_EMS * s.sizes.body
    widths = [table_width(s, block), gap, map_width(s)]
    left, right = widths[0], widths[2]
    table_h, map_h = _height([grid], left), _height([drawn], right)
    note_h = _height(under, left)
    # Three ways to set the note and the caption; the one that takes the least height wins.
    ways = [
        # The note under the table, the caption under the map.
        (max(table_h + note_h, map_h + _height([caption], right)), [grid, *under], [caption], []),
        # Both under the table, beside a map taller than the table.
        (max(table_h + note_h + _height([caption], left), map_h), [grid, *under, caption], [], []),
        # The caption under the map, the note across the page under both.
        (
            max(table_h, map_h + _height([caption], right)) + _height(under, s.width),
            [grid],
            [caption],
            under,
        ),
    ]
    _, beside_table, under_map, after = min(ways, key=lambda way: way[0])
    rest = [*[f for f in beside_table if f is not grid], drawn, *under_map]
    beside_it = Beside([[beside_table, "", [drawn, *under_map]]], grid, rest, widths)
    beside_it.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 12),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [beside_it, *after]


def _height(flowables: list[Flowable], width: float) -> float:
    """Measure flowables stacked in a column ``width`` wide."""
    return sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


class Beside(SplitTable):
    """The table and the map side by side, moved on whole; apart if no page could hold them.

    A muscle table taller than a page (a row of very long text) then splits as it would
    alone, and what was under it and the map follow.
    """

    role = Role.LAYOUT

    def __init__(
        self, rows: list[list[object]], grid: Flowable, rest: list[Flowable], widths: list[float]
    ) -> None:
        """Place ``rows``; taken apart, they are the table ``grid`` and then ``rest``."""
        super().__init__(rows, hAlign="LEFT", colWidths=widths)
        self.grid, self.rest = grid, rest

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Move on whole, or, when even a whole page is too short, split the table alone."""
        frame = getattr(self, "_frame", None)
        if frame is not None:
            self._calc(availWidth, availHeight)  # type: ignore[attr-defined]
            if sum(self._rowHeights) > frame._height:  # type: ignore[attr-defined]
                self.grid._frame = frame  # type: ignore[attr-defined]
                try:
                    parts: list[Flowable] = self.grid.split(availWidth, availHeight)
                finally:
                    del self.grid._frame  # type: ignore[attr-defined]
                return [*parts, *self.rest] if parts else []
        return super().split(availWidth, availHeight)


class Under(Together):
    """The table and the map right under it, the map on the page of the table's last row.

    Kept on one page where one holds them. Where they are laid out in place (no page holds
    both, or this one is too empty to leave), and the table fits here but the map does not,
    the table's last row goes on to the next page with the map.
    """

    def __init__(self, grid: SplitTable, column: list[Flowable]) -> None:
        """Keep ``column`` (the map and its caption) under ``grid``."""
        super().__init__([grid, *column])
        self.grid, self.column = grid, column

    def split(self, aW: float, aH: float) -> list[Flowable]:
        """Move on whole, or lay out in place with at least the table's last row by the map."""
        parts: list[Flowable] = super().split(aW, aH)
        if not parts or parts[0].__class__.__name__ != "NullActionFlowable":
            return parts
        table_h = self.grid.wrap(aW, aH)[1]
        if not table_h <= aH < table_h + _height(self.column, aW):
            return parts
        rows: list[float] = self.grid._rowHeights  # type: ignore[attr-defined]
        cut = self.grid.split(aW, sum(rows[:-1]) + 0.01)  # a hair over, as reportlab measures
        if len(cut) != 2:
            return parts
        return [parts[0], cut[0], Together([cut[1], *self.column])]
