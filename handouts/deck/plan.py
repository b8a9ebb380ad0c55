"""Plan a lesson's slides: one planner per kind of outline block, then one body size.

Each planner turns one block and its notes into slide specs, measuring every word against
the template's boxes: what does not fit goes on over "(cont.)" slides. ``plan_deck`` then
applies the one typographic policy that spans slides (see ``plan_deck``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from handouts.deck.fit import Fit, chunks, fit_lines, notes, title
from handouts.deck.measure import NO_BREAK
from handouts.deck.plan_figures import plan_illustrated
from handouts.deck.plan_map import plan_map
from handouts.deck.plan_shapes import plan_chart, plan_safety, plan_table
from handouts.deck.sizes import SECTION_SIZES, SUBTITLE_SIZES
from handouts.deck.specs import (
    CoverSlide,
    Marks,
    Para,
    SectionSlide,
    SlideSpec,
    TextSlide,
)
from handouts.outline.blocks import (
    Checklist,
    EffortChart,
    ForWhom,
    MuscleMap,
    MuscleTable,
    Points,
    Questions,
    Safety,
    SourceList,
)
from handouts.outline.document import Cover, Divider, Lesson, Slide
from handouts.text import cite


def _text_slides(
    heading: str, paras: Sequence[Para], said: str, fit: Fit, *, marks: Marks, keep: int = 1
) -> list[TextSlide]:
    """Plan text slides at the body sizes ``fit`` allows, continued as needed."""
    cut = chunks(
        paras,
        fit.fonts.bodies[TextSlide.layout],
        fit.geometry.body,
        hang=marks != "none",  # drawn without a bullet or number to hang
        keep=keep,
        sizes=fit.body_sizes,
    )
    slides = []
    number = 1
    for index, chunk in enumerate(cut):
        slides.append(
            TextSlide(
                title(heading, TextSlide.layout, fit, index=index),
                notes(said, fit, index=index),
                chunk.paras,
                chunk.size,
                marks,
                first_number=number,
            )
        )
        number += sum(not para.goes_on for para in chunk.paras)
    return slides


def plan_points(block: Points, said: str, fit: Fit) -> list[TextSlide]:
    """Plan a list: bulleted, numbered (numbers carry over), or plain lines."""
    if block.figures:
        return plan_illustrated(block, said, fit)
    paras = [Para(cite(item.text, item.sources, NO_BREAK)) for item in block.items]
    marks: Marks = block.marks  # type: ignore[assignment]
    return _text_slides(block.heading.text, paras, said, fit, marks=marks)


def plan_checklist(block: Checklist, said: str, fit: Fit) -> list[TextSlide]:
    """Plan the checklist as a bulleted list: ticked on the handout, read out on the slide."""
    paras = [Para(cite(item.text, item.sources, NO_BREAK)) for item in block.items]
    return _text_slides(block.heading.text, paras, said, fit, marks="bullet")


def plan_questions(block: Questions, said: str, fit: Fit) -> list[TextSlide]:
    """Plan question-and-answer slides; a question never leaves its answer."""
    paras = [
        para
        for question, answer in block.pairs
        for para in (Para(question, bold=True), Para(cite(answer.text, answer.sources, NO_BREAK)))
    ]
    return _text_slides(block.heading.text, paras, said, fit, marks="none", keep=2)


def plan_for_whom(block: ForWhom, said: str, fit: Fit) -> list[TextSlide]:
    """Plan who it is for and who it can help; who should not do it is on the safety slide."""
    paras = [
        Para(block.audience),
        *(Para(cite(i.text, i.sources, NO_BREAK)) for i in block.helps.items),
    ]
    return _text_slides(block.heading.text, paras, said, fit, marks="bullet")


def plan_sources(block: SourceList, said: str, fit: Fit) -> list[TextSlide]:
    """Plan the source list: every source in full, then when the content was reviewed."""
    paras = [Para(s.line) for s in block.sources]
    return _text_slides(block.heading.text, [*paras, Para(block.reviewed)], said, fit, marks="none")


def plan_cover(block: Cover, said: str, fit: Fit) -> list[CoverSlide]:
    """Plan a title slide: the title, the lines under it whole, and the logo."""
    place = fit.geometry.subtitle
    texts = [line for line in block.lines if line]  # names as typed: the outline's own words
    lines = None
    if place is not None and texts:
        lines = fit_lines(
            texts, fit.fonts.bodies[CoverSlide.layout], place, fit.geometry.sizes(SUBTITLE_SIZES)
        )
    heading = title(block.title, CoverSlide.layout, fit, cover=True)
    return [CoverSlide(heading, notes(said, fit), lines, fit.logo)]


def plan_divider(block: Divider, said: str, fit: Fit) -> list[SectionSlide]:
    """Plan a section slide: the topic's number and title, and its summary whole."""
    place = fit.geometry.section_body
    lines = None
    if place is not None:
        measure = fit.fonts.bodies[SectionSlide.layout]
        sizes = fit.geometry.sizes(SECTION_SIZES)
        lines = fit_lines([block.summary], measure, place, sizes)
    heading = title(block.title, SectionSlide.layout, fit, cover=True)
    return [SectionSlide(heading, notes(said, fit), lines)]


Planner = Callable[[Any, str, Fit], Sequence[SlideSpec]]
"""Turns one block and its speaker notes into slide specs."""

PLANNERS: dict[type, Planner] = {
    Cover: plan_cover,
    Divider: plan_divider,
    Points: plan_points,
    Checklist: plan_checklist,
    Questions: plan_questions,
    MuscleTable: plan_table,
    MuscleMap: plan_map,
    EffortChart: plan_chart,
    Safety: plan_safety,
    ForWhom: plan_for_whom,
    SourceList: plan_sources,
}
"""The planner of each kind of block a lesson shows."""


def plan_slide(slide: Slide, fit: Fit) -> list[SlideSpec]:
    """Plan one step of a lesson, over as many slides as it needs."""
    return list(PLANNERS[type(slide.block)](slide.block, slide.notes, fit))


def parts(slides: Sequence[Slide]) -> Iterator[Sequence[Slide]]:
    """Cut a lesson into parts, each opened by a cover or a section divider."""
    start = 0
    for i, slide in enumerate(slides):
        if i > start and isinstance(slide.block, Cover | Divider):
            yield slides[start:i]
            start = i
    if start < len(slides):
        yield slides[start:]


def plan_deck(lesson: Lesson, fit: Fit) -> list[SlideSpec]:
    """Plan every slide, each part's text slides at one body size: the largest all can use.

    Stepping through a topic, text that changes size from slide to slide looks careless;
    a new part (a topic of the class) may take its own. So each part is planned twice:
    first at every body size ``fit`` allows, then its text at the smallest size that pass
    chose. Tables, charts and safety slides have their own sizes and are planned once.
    """
    specs: list[SlideSpec] = []
    for part in parts(lesson.slides):
        first = [plan_slide(slide, fit) for slide in part]
        used = [s.size for planned in first for s in planned if isinstance(s, TextSlide)]
        one = replace(fit, body_sizes=(min(used, default=fit.body_sizes[0]),))
        for slide, planned in zip(part, first, strict=True):
            text = any(isinstance(s, TextSlide) for s in planned)
            specs += plan_slide(slide, one) if text else planned
    return specs
