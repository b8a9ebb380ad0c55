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
from handouts.pdf.internals import SplitTable
from handouts.pdf.roles import Role
from handouts.pdf.styles import REGULAR, Styles

MAP_EMS = 14.0
"""The map's width in body-text sizes: 59 mm at 12 pt, wider in large print."""
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
    width = map_width(s)
    # Picture units per point, so the numbers print at the body size.
    picture = muscle_map(block.marks, block.words, text=s.sizes.body * WIDTH / width)
    drawn = PictureFlowable(picture, width)
    caption = para(block.words.caption, s.body)
    return [drawn, caption]


def with_map(
    grid: Flowable, under: list[Flowable], block: outline.MuscleTable, s: Styles
) -> list[Flowable]:
    """Put the map beside the table and what goes under it (tops aligned), or under the table."""
    if block.map is None:
        return [grid, *under]
    column = map_column(block.map, s)
    if not beside(s):  # right under the table, the note after it
        return [grid, *column, *under]
    gap = GAP_EMS * s.sizes.body
    widths = [table_width(s, block), gap, map_width(s)]
    beside_it = Beside([[[grid, *under], "", column]], grid, [*under, *column], widths)
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
    return [beside_it]


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
