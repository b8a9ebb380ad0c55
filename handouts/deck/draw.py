"""Draw planned slides: one drawer per kind of spec, on the layout the spec names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide, SlideLayout

from handouts.deck import xml
from handouts.deck.draw_map import draw_map
from handouts.deck.draw_shapes import draw_chart, draw_safety, draw_table
from handouts.deck.draw_text import draw_cover, draw_section, draw_text
from handouts.deck.look import Look
from handouts.deck.specs import (
    ChartSlide,
    CoverSlide,
    MapSlide,
    SafetySlide,
    SectionSlide,
    SlideSpec,
    TableSlide,
    TextSlide,
)

Drawer = Callable[[Slide, Any, Look], None]
"""Writes one spec onto a new slide of its layout."""

DRAW: dict[type, Drawer] = {
    CoverSlide: draw_cover,
    SectionSlide: draw_section,
    TextSlide: draw_text,
    TableSlide: draw_table,
    ChartSlide: draw_chart,
    SafetySlide: draw_safety,
    MapSlide: draw_map,
}
"""The drawer of each kind of slide."""


def draw_deck(
    prs: PresentationType,
    specs: list[SlideSpec],
    layouts: Mapping[str, SlideLayout],
    look: Look,
) -> None:
    """Add a slide for each spec, on its layout, with its speaker notes, in the deck's language."""
    notes = xml.NotesPages()
    xml.default_language(prs, look.lang)
    for number, spec in enumerate(specs, start=1):
        slide = prs.slides.add_slide(layouts[spec.layout])
        DRAW[type(spec)](slide, spec, look)
        xml.remove_empty_placeholders(slide)
        if not isinstance(spec, CoverSlide):  # a title slide carries no number
            xml.number_slide(slide, number, look.ink)
        xml.set_language(xml.element(slide), look.lang)
        notes.add(slide, spec.notes, look.lang)
