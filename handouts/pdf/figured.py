"""Lay out numbered steps with their drawings: each drawing beside the steps it shows.

At standard size a run of steps and its drawing share a row, the steps at the left and the
drawing, 60 mm wide, with its caption under it at the right; the row is kept on one page.
In large print the drawing grows with the type (90 mm) and goes under the first step it
shows, kept with it: beside it, the steps would be left too narrow a column for 18 pt.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from handouts import theme
from handouts.outline import blocks as outline
from handouts.pdf.drawing import PictureFlowable
from handouts.pdf.flowables import para, table
from handouts.pdf.internals import Together
from handouts.pdf.styles import Styles

WIDTH = 60 * mm
"""A drawing's width at standard size: recognisable printed, and leaves the steps room."""
GAP = 14.0
"""Between the steps and the drawing beside them."""


def figure_width(s: Styles) -> float:
    """Return a drawing's width: 60 mm at standard size, grown with the type in large print."""
    return min(WIDTH * s.sizes.body / theme.STANDARD.body, s.width)


def figure(item: outline.Figure, s: Styles) -> list[Flowable]:
    """Return a drawing and its caption under it."""
    return [
        PictureFlowable(item.picture, figure_width(s)),
        Spacer(1, 3),
        para(item.caption, s.body),
        Spacer(1, s.sizes.gap / 2),
    ]


def illustrated(block: outline.Points, items: list[Flowable], s: Styles) -> list[Flowable]:
    """Return the steps with each run set beside (or, in large print, over) its drawings."""
    width = figure_width(s)
    laid: list[Flowable] = []
    for start, stop, figures in block.runs():
        steps = items[start:stop]
        if not figures:
            laid += steps
            continue
        drawings = [f for item in figures for f in figure(item, s)]
        if s.large_print:
            laid += [Together([steps[0], Spacer(1, 4), *drawings]), *steps[1:]]
            continue
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), GAP),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
        laid.append(table([[steps, drawings]], commands, colWidths=[s.width - width, width]))
    return laid
