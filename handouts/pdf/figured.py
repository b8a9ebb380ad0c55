"""Lay out numbered steps with their drawings, each drawing with the steps it shows.

At standard size a run of steps and its drawing share a row, the steps at the left and the
drawing, 48 mm wide, with its caption under it at the right; all the steps are kept on
one page where one holds them.
In large print the drawings grow with the type (79 mm, as 18 pt is to 11 pt): beside them
the steps would be left too narrow a column for 18 pt, so the steps run the full width and
each run of steps is followed by its drawings, two to a row, kept on one page with them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from handouts import theme
from handouts.outline import blocks as outline
from handouts.outline.figures import runs
from handouts.pdf.drawing import PictureFlowable
from handouts.pdf.flowables import para, table
from handouts.pdf.internals import Together
from handouts.pdf.styles import Styles

WIDTH = 48 * mm
"""A drawing's width at standard size: recognisable printed, and leaves the steps room."""
GAP = 14.0
"""Between the steps and the drawing beside them, and between two drawings."""
_TIGHT = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]
"""A layout table's cells without padding: the gaps are set where they are wanted."""


def figure_width(s: Styles) -> float:
    """Return a drawing's width: 60 mm at standard size, grown with the type in large print.

    Two large-print drawings side by side fill at most the text width.
    """
    grown = WIDTH * s.sizes.body / theme.STANDARD.body
    return min(grown, (s.width - GAP) / 2) if s.large_print else min(grown, s.width)


def figure(item: outline.Figure, s: Styles) -> list[Flowable]:
    """Return a drawing and its caption under it."""
    return [
        PictureFlowable(item.picture, figure_width(s)),
        Spacer(1, 3),
        para(item.caption, s.body),
        Spacer(1, s.sizes.gap / 2),
    ]


def illustrated(
    block: outline.Points, heading: Flowable, items: list[Flowable], s: Styles
) -> list[Flowable]:
    """Return the heading and the steps, each run beside its drawings, kept on one page.

    In large print each run's drawings follow its steps. Kept with the first steps, the
    heading is never left alone at the foot of a page.
    """
    if s.large_print:
        return _large(block, heading, items, s)
    width = figure_width(s)
    laid: list[Flowable] = [heading]
    for start, stop, figures in runs(block):
        steps = items[start:stop]
        if not figures:
            laid += steps
            continue
        drawings = [f for item in figures for f in figure(item, s)]
        commands = [*_TIGHT, ("RIGHTPADDING", (0, 0), (0, -1), GAP)]
        laid.append(table([[steps, drawings]], commands, colWidths=[s.width - width, width]))
    return [Together(laid)]  # the steps on one page, as a patient follows them


def _large(
    block: outline.Points, heading: Flowable, items: list[Flowable], s: Styles
) -> list[Flowable]:
    """Return each run of steps followed by its drawings, the run kept on one page.

    Six steps and their drawings at 18 pt are taller than a page: kept whole they would push
    the drawings away from their steps, so each run is kept with its own drawings instead.
    """
    laid: list[Flowable] = []
    for start, stop, figures in runs(block):
        run: list[Flowable] = [heading] if start == 0 else []
        run += items[start:stop]
        if figures:
            run += [Spacer(1, s.sizes.gap), _grid(figures, s)]
        laid.append(Together(run))
    return laid


def _grid(figures: tuple[outline.Figure, ...], s: Styles) -> Flowable:
    """Return the drawings two to a row, each with its caption under it."""
    width = figure_width(s)
    cells = [figure(item, s) for item in sorted(figures, key=lambda f: f.step)]
    rows: list[list[object]] = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    rows[-1] += [""] * (2 - len(rows[-1]))
    commands = [*_TIGHT, ("RIGHTPADDING", (0, 0), (0, -1), GAP)]
    return table(rows, commands, colWidths=[width + GAP, width])
