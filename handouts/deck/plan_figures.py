"""Plan the steps slides that show drawings: the text in a narrower column, the drawing beside.

Steps are cut where a drawing starts (``outline.figures.runs``); each run's slides keep their text
to the left part of the text placeholder, measured at that width, and show the run's
drawing at the right with its caption under it. The drawing takes at most 42% of the box,
and shrinks until its caption fits under it. Numbers and "(cont.)" carry on across runs.
"""

from __future__ import annotations

from handouts.deck.fit import Fit, chunks, notes, title
from handouts.deck.geometry import Frame
from handouts.deck.measure import NO_BREAK
from handouts.deck.sizes import BODY_SIZES, INSET_X, INSET_Y, LINE_SPACING
from handouts.deck.specs import Para, SlideFigure, TextSlide
from handouts.model import plain
from handouts.outline.blocks import Figure, Points
from handouts.outline.figures import runs
from handouts.text import cite

SHARE = 0.42
"""The most of the text box's width a drawing takes."""
GAP = 18.0
"""Points between the text and the drawing."""


def slide_figure(figure: Figure, frame: Frame, fit: Fit) -> SlideFigure:
    """Measure a drawing and its caption into the right part of a text box."""
    size = fit.geometry.sizes(BODY_SIZES)[-1]  # the smallest body size: the steps come first
    column = frame.width * SHARE
    text_width = frame.width - column - GAP
    measure = fit.fonts.bodies[TextSlide.layout]
    caption = plain(figure.caption)
    lines = measure.lines(caption, column - 2 * INSET_X, size)
    under = lines * size * LINE_SPACING + 2 * INSET_Y
    aspect = figure.picture.aspect
    height = min(column * aspect, max(frame.height - under - INSET_Y, 0.0))
    return SlideFigure(figure.picture, caption, size, text_width, GAP, height / aspect, height)


def plan_illustrated(block: Points, said: str, fit: Fit) -> list[TextSlide]:
    """Plan numbered steps with drawings: each run of steps beside the drawing that shows it."""
    paras = [Para(cite(item.text, item.sources, NO_BREAK)) for item in block.items]
    body = fit.geometry.body
    slides: list[TextSlide] = []
    number = 1
    for start, stop, figures in runs(block):
        shown = slide_figure(figures[0], body, fit) if figures else None
        frame = body if shown is None else Frame(shown.text_width, body.height)
        for chunk in chunks(
            paras[start:stop],
            fit.fonts.bodies[TextSlide.layout],
            frame,
            hang=True,
            sizes=fit.body_sizes,
        ):
            index = len(slides)
            slides.append(
                TextSlide(
                    title(block.heading.text, TextSlide.layout, fit, index=index),
                    notes(said, fit, index=index),
                    chunk.paras,
                    chunk.size,
                    "number",
                    first_number=number,
                    figure=shown,
                )
            )
            number += sum(not para.goes_on for para in chunk.paras)
    return slides
