"""Find the slide layouts a deck uses, their title and text placeholders, and their boxes.

Layouts are found by PowerPoint's names first; else by what a layout holds, as LibreOffice
Impress names its layouts its own way ('Title, Content') and cannot rename them.
"""

from __future__ import annotations

from collections.abc import Mapping

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout
from pptx.util import Inches

from handouts.deck import xml
from handouts.deck.geometry import Frame, Geometry, TextBox
from handouts.deck.sizes import EMU_PER_POINT
from handouts.deck.specs import Box

LAYOUTS = {
    "title": "Title Slide",
    "content": "Title and Content",
    "section": "Section Header",
    "title_only": "Title Only",
}
"""The slide layouts a deck uses, found by name in the default or a clinic's template."""

LAYOUT_NEEDS = {
    "title": "a title and a subtitle",
    "content": "a title and one text placeholder under it",
    "section": "a title and a text placeholder",
    "title_only": "a title and no text placeholder",
}
"""What each layout must hold, to find it where it is not named as PowerPoint names it."""

_LAYOUT_TYPES = {
    "title": "title",
    "content": "obj",
    "section": "secHead",
    "title_only": "titleOnly",
}
"""The type PowerPoint gives each layout (Impress's types are not to be trusted)."""

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
"""Placeholder types that hold a slide's title."""

TEXT_PLACEHOLDERS = {
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.SUBTITLE,
    PP_PLACEHOLDER.VERTICAL_BODY,
}
"""Placeholder types that hold text under a title."""


def find_layouts(prs: PresentationType) -> dict[str, SlideLayout]:
    """Find each layout a deck uses: by its PowerPoint name, else by its placeholders.

    Section slides use the title slide's layout where there is no section header.
    Keys of layouts not found are left out.
    """
    layouts = list(prs.slide_layouts)
    found = {}
    for key, name in LAYOUTS.items():
        layout = next((layout for layout in layouts if layout.name == name), None)
        if layout is None:
            ranks = [(_holds(layout, key), -i) for i, layout in enumerate(layouts)]
            rank, at = max(ranks, default=(0, 0))
            layout = layouts[-at] if rank else None
        if layout is not None:
            found[key] = layout
    if "section" not in found and "title" in found:
        found["section"] = found["title"]
    return found


def _horizontal(shape: object) -> bool:
    return xml.element(shape).ph.get("orient", "horz") == "horz"


def _holds(layout: SlideLayout, key: str) -> int:
    """Rank how well a layout's placeholders fit ``LAYOUT_NEEDS[key]``: 0 not at all."""
    title = title_of(layout)
    if title is None or not _horizontal(title):
        return 0
    texts, others = [], []
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        if kind in TEXT_PLACEHOLDERS:
            texts.append(kind if _horizontal(shape) else None)
        elif kind not in (*TITLES, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER):
            others.append(kind)
    if others and others != [PP_PLACEHOLDER.SLIDE_NUMBER]:
        return 0
    kind = xml.element(layout).get("type")
    if key == "title":
        fits = texts == [PP_PLACEHOLDER.SUBTITLE]
    elif key == "content":
        fits = texts == [PP_PLACEHOLDER.OBJECT] or (
            texts == [PP_PLACEHOLDER.BODY] and kind != "secHead"
        )
    elif key == "section":
        fits = texts == [PP_PLACEHOLDER.BODY]
    else:
        fits = not texts
    return 2 if fits and kind == _LAYOUT_TYPES[key] else int(fits)


def title_of(container: object) -> object | None:
    """Return the title placeholder: by its type (Impress numbers the body 0 as well)."""
    for shape in container.placeholders:  # type: ignore[attr-defined]
        if shape.placeholder_format.type in TITLES:
            return shape
    return None


def body_of(container: object) -> object | None:
    """Return the text placeholder under the title: idx 1 by convention, else the first body.

    Templates made in PowerPoint do not always number it 1.
    """
    for shape in container.placeholders:  # type: ignore[attr-defined]
        if shape.placeholder_format.idx == 1:
            if shape.placeholder_format.type in TEXT_PLACEHOLDERS:
                return shape
            break
    for shape in container.placeholders:  # type: ignore[attr-defined]
        if shape.placeholder_format.type in TEXT_PLACEHOLDERS:
            return shape
    return None


def _frame(shape: object, fallback: tuple[int, int]) -> Frame:
    if shape is None:
        return Frame(fallback[0] / EMU_PER_POINT, fallback[1] / EMU_PER_POINT)
    return Frame(shape.width / EMU_PER_POINT, shape.height / EMU_PER_POINT)  # type: ignore[attr-defined]


def _text_box(layout: SlideLayout, bottom: int) -> TextBox | None:
    """Return the layout's text box and the room under it, down to ``bottom`` or a placeholder.

    The stock section header has its title under the text: the text may not grow into it.
    """
    shape = body_of(layout)
    if shape is None:
        return None
    box = Box(*(getattr(shape, side) for side in ("left", "top", "width", "height")))
    for other in layout.iter_cloneable_placeholders():
        under = other.top >= box.top + box.height and other.shape_id != shape.shape_id  # type: ignore[attr-defined]
        if under and other.left < box.left + box.width and other.left + other.width > box.left:
            bottom = min(bottom, other.top)
    below = max(0.0, (bottom - box.top - box.height) / EMU_PER_POINT)
    return TextBox(box, Frame(box.width / EMU_PER_POINT, box.height / EMU_PER_POINT), below)


def read_geometry(prs: PresentationType, layouts: Mapping[str, SlideLayout]) -> Geometry:
    """Read the boxes of a template's layouts (``layouts`` by key, as ``find_layouts`` gives)."""
    content = layouts["content"]
    body = body_of(content)
    top = body.top if body is not None else Inches(1.6)  # type: ignore[attr-defined]
    left = body.left if body is not None else Inches(0.6)  # type: ignore[attr-defined]
    width = body.width if body is not None else prs.slide_width - 2 * left  # type: ignore[attr-defined]
    bottom = prs.slide_height - Inches(0.45)
    # Tables and charts go on "Title Only" slides: they start just under that layout's title,
    # wherever the text placeholder of "Title and Content" is (lower, or higher than it).
    # A title low on the slide leaves too little under it: then keep to the text placeholder.
    heading = title_of(layouts["title_only"])
    area_top = top
    if heading is not None and None not in (heading.top, heading.height):  # type: ignore[attr-defined]
        under = heading.top + heading.height + Inches(0.1)  # type: ignore[attr-defined]
        area_top = under if bottom - under >= 0.4 * prs.slide_height else top
    # Tables and charts are our own shapes: they may use the slide's width, mirroring the
    # body's left margin, or the whole slide less half an inch each side if that is narrow.
    area_left, area_width = left, max(width, prs.slide_width - 2 * left)
    if area_width < min(Inches(7), prs.slide_width - Inches(1)):
        area_left, area_width = Inches(0.5), prs.slide_width - Inches(1)
    title_fallback = (prs.slide_width - 2 * left, Inches(1.2))
    return Geometry(
        titles={key: _frame(title_of(layout), title_fallback) for key, layout in layouts.items()},
        body=_frame(body, (width, bottom - top)),
        subtitle=_text_box(layouts["title"], bottom),
        section_body=_text_box(layouts["section"], bottom),
        area=Box(area_left, area_top, area_width, bottom - area_top),
        # A slide shown on a screen is seen at the screen's size: its text must be the same
        # share of the slide (7 x 4 in slides at 28 pt held five lines and cut the tables).
        scale=min(prs.slide_width / Inches(10), prs.slide_height / Inches(7.5)),
    )
