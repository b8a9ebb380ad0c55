"""Draw the muscle map's slide: the map as one group of native shapes, its key as a table."""

from __future__ import annotations

from pptx.slide import Slide

from handouts.deck.draw_figure import draw_picture
from handouts.deck.draw_shapes import add_table
from handouts.deck.draw_text import write_title
from handouts.deck.look import Look
from handouts.deck.specs import MapSlide


def draw_map(slide: Slide, spec: MapSlide, look: Look) -> None:
    """Draw the title, the map (its alt text the map's, as ``descr``) and its key."""
    write_title(slide, spec.title, look)
    box = spec.picture_box
    group = draw_picture(slide.shapes, spec.picture, box.left, box.top, box.width)
    group.name = "Muscle map"
    add_table(slide, spec, look, "Muscle map key")
