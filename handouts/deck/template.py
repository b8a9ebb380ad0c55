"""The templates decks are drawn on: ours in the brand colours, or a clinic's, checked.

A template is read once per process (per file contents, for a clinic's): its cleaned bytes,
which layout each kind of slide uses, its boxes (``Geometry``) and how it sets text
(``Fonts``). Each deck then opens a fresh copy of the bytes to draw on.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout
from pptx.util import Inches

from handouts import theme
from handouts.deck import textstyle, xml
from handouts.deck.geometry import Geometry
from handouts.deck.layouts import (
    LAYOUT_NEEDS,
    LAYOUTS,
    body_of,
    find_layouts,
    read_geometry,
    title_of,
)
from handouts.deck.measure import Fonts
from handouts.deck.sizes import EMU_PER_INCH, SLIDE_HEIGHT, SLIDE_WIDTH
from handouts.errors import HandoutsError

MAX_TEMPLATE_BYTES = 100 * 2**20
"""Largest unpacked size of a template: themes and layouts are small; video is not needed."""


class TemplateProblem(HandoutsError):
    """A clinic's template cannot be used; the text says why and what to do about it."""


# -- checking a clinic's template ----------------------------------------------------------


def check_template(path: Path) -> None:
    """Refuse a template that is not a readable .pptx or lacks a layout or box we need.

    Raises ``TemplateProblem``; its text does not name the file (the caller does).
    """
    _check_archive(path)
    prs = _open_checked(path)
    _check_slide_size(prs)
    layouts = _check_layouts(prs)
    for key, layout in layouts.items():
        _check_boxes(prs, key, layout)
    _check_notes_master(prs)


def _check_archive(path: Path) -> None:
    if not path.is_file():
        raise TemplateProblem("expected a .pptx file but there is none")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise TemplateProblem(f"expected a PowerPoint .pptx file ({exc})") from exc
    if unpacked > MAX_TEMPLATE_BYTES:  # a zip bomb would fill the memory when opened
        raise TemplateProblem(
            f"expected at most {MAX_TEMPLATE_BYTES // 2**20} MiB unpacked but it unpacks to "
            f"{unpacked // 2**20} MiB; remove large media from the template"
        )
    if path.suffix.lower() == ".potx":
        raise TemplateProblem(
            "expected a PowerPoint .pptx file but this is a .potx design template; open it in "
            "PowerPoint and save it as a PowerPoint Presentation (.pptx)"
        )


def _open_checked(path: Path) -> PresentationType:
    try:
        return Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a deck
        raise TemplateProblem(f"expected a PowerPoint .pptx file ({exc})") from exc


def _inches(emu: int) -> str:
    return f"{emu / EMU_PER_INCH:.1f}"


def _check_slide_size(prs: PresentationType) -> None:
    if prs.slide_width < Inches(7) or prs.slide_height < Inches(4):
        raise TemplateProblem(
            "expected slides at least 7 x 4 inches but they are "
            f"{_inches(prs.slide_width)} x {_inches(prs.slide_height)}"
        )


def _check_layouts(prs: PresentationType) -> dict[str, SlideLayout]:
    layouts = find_layouts(prs)
    missing = [f"{LAYOUTS[key]!r} ({LAYOUT_NEEDS[key]})" for key in LAYOUTS if key not in layouts]
    if missing:
        names = ", ".join(repr(layout.name) for layout in prs.slide_layouts)
        raise TemplateProblem(
            "expected a slide layout for each kind of slide but found none for "
            f"{' or '.join(missing)}; its layouts are {names}; add the missing ones in the "
            "Slide Master, with those names or those placeholders"
        )
    return layouts


def _check_boxes(prs: PresentationType, key: str, layout: SlideLayout) -> None:
    """Refuse a layout without a title or text box it needs, or with boxes too small.

    Type scales with the slide: a box much smaller than the slide would hold a few words a
    line and a few lines a slide.
    """
    name = layout.name
    title = title_of(layout)
    if title is None:
        raise TemplateProblem(f"the layout {name!r} has no title placeholder")
    shapes = [("title", title, Inches(0.5))]
    if key == "content":
        body = body_of(layout)
        if body is None:
            raise TemplateProblem(
                f"expected a text placeholder under the title of the layout {name!r} but it "
                "has none; add a content placeholder to it"
            )
        shapes.append(("text", body, max(Inches(2), prs.slide_height // 3)))
    least_width = max(Inches(3), prs.slide_width // 2)
    for what, shape, tall in shapes:
        box = [getattr(shape, side, None) for side in ("left", "top", "width", "height")]
        inside = None not in box and (
            box[0] >= 0
            and box[1] >= 0
            and box[2] >= least_width
            and box[3] >= tall
            and box[0] + box[2] <= prs.slide_width
            and box[1] + box[3] <= prs.slide_height
        )
        if not inside:
            share = "half the slide's width" + (", a third of its height" if what == "text" else "")
            raise TemplateProblem(
                f"expected the {what} placeholder of the layout {name!r} to be at least "
                f"{_inches(least_width)} x {_inches(tall)} inches ({share}) and inside the "
                "slide but it is not; size it in the Slide Master"
            )


def _check_notes_master(prs: PresentationType) -> None:
    # Speaker notes go in the notes page's body placeholder; python-pptx makes a notes
    # master with one when a template has none, but keeps a template's own as it is.
    placeholders = prs.notes_master.placeholders
    if not any(p.placeholder_format.type == PP_PLACEHOLDER.BODY for p in placeholders):
        raise TemplateProblem(
            "expected a notes master with a notes text placeholder, for the speaker notes, but "
            "it has none; tick 'Body' under View > Notes Master"
        )


# -- the templates, made ready -------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A template made ready to draw decks on, and what planning and drawing read from it."""

    data: bytes
    """The .pptx to open for each deck: masters and layouts, no slides."""
    own: bool
    """Our own template, in the brand colours (not a clinic's)."""
    layouts: dict[str, int]
    """Which of the master's layouts each kind of slide uses, by position."""
    geometry: Geometry
    """Its boxes."""
    fonts: Fonts
    """How it sets text in each place."""
    bullets: bool = True
    """It draws a bullet of its own before a point (Impress templates do not)."""
    table_styles: bool = True
    """It has table styles (Impress templates have none)."""

    def open(self) -> tuple[PresentationType, dict[str, SlideLayout]]:
        """Open a fresh copy to draw on, and the layout of each kind of slide in it."""
        prs = Presentation(io.BytesIO(self.data))
        layouts = list(prs.slide_layouts)
        return prs, {key: layouts[at] for key, at in self.layouts.items()}


def _ready(data: bytes, own: bool) -> Template:
    prs = Presentation(io.BytesIO(data))
    layouts = find_layouts(prs)
    positions = {key: list(prs.slide_layouts).index(layout) for key, layout in layouts.items()}
    boxes = read_geometry(prs, layouts)
    if own:
        return Template(data, True, positions, boxes, textstyle.fonts(None))
    places = {key: (title_of(layout), body_of(layout)) for key, layout in layouts.items()}
    styles = textstyle.read(prs, places)
    return Template(
        data, False, positions, boxes, textstyle.fonts(styles), styles.bullets, styles.table_styles
    )


@functools.cache
def own_template(primary: str, accent: str) -> Template:
    """Return our template in the brand colours, made once per process."""
    buffer = io.BytesIO()
    _default_presentation(primary, accent).save(buffer)
    return _ready(buffer.getvalue(), own=True)


@functools.cache
def clinic_template(path: Path, digest: str) -> Template:
    """Return a clinic's template, checked once per contents (``digest``), without slides.

    Placeholders sharing a layout's number (Impress numbers title and body 0) are numbered
    apart: a slide's placeholder takes its place and size from the layout's of its number.
    """
    check_template(path)
    prs = Presentation(str(path))
    xml.drop_slides(prs)
    for layout in prs.slide_layouts:
        xml.number_apart(layout, title_of(layout))
    buffer = io.BytesIO()
    prs.save(buffer)
    return _ready(buffer.getvalue(), own=False)


# -- our own template ----------------------------------------------------------------------

_BOXES = {
    # (left, top, width, height) in inches on a 13.333 x 7.5 inch slide
    "master_title": (0.6, 0.3, 12.13, 1.2),
    "master_body": (0.6, 1.6, 12.13, 5.45),
    "title_title": (0.9, 2.0, 11.53, 1.7),
    "title_subtitle": (0.9, 3.9, 11.53, 1.6),
    "section_title": (0.9, 2.2, 11.53, 1.6),
    "section_body": (0.9, 3.9, 11.53, 1.8),
    # Under the body and the tables (which end 0.45 in above the slide's foot), at the right.
    "slide_number": (12.0, 7.08, 0.9, 0.36),
}
"""Where our template puts its placeholders."""


_OTHER_ACCENTS = {"accent3": "#677F34", "accent5": "#2F8095", "accent6": "#BD5A08"}
"""The stock theme's green, teal and orange, darkened to 4.5:1 on white (from 2.2 to 2.6:1).

No slide of ours uses them, but a chart or shape a presenter adds takes them in turn.
"""


def _place(shape: object, key: str) -> None:
    left, top, width, height = (Inches(v) for v in _BOXES[key])
    shape.left, shape.top, shape.width, shape.height = left, top, width, height  # type: ignore[attr-defined]


def _default_presentation(primary: str, accent: str) -> PresentationType:
    """Make python-pptx's default template 16:9, with Arial and the brand colours."""
    prs = Presentation()
    scale = SLIDE_WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    master = prs.slide_master
    # Widening the slide moves nothing: scale every placeholder that has its own position.
    for container in [master, *master.slide_layouts]:
        for shape in container.placeholders:
            if xml.has_own_position(shape):
                shape.left = int(shape.left * scale)
                shape.width = int(shape.width * scale)
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            _place(shape, "master_title")
        elif kind == PP_PLACEHOLDER.BODY:
            _place(shape, "master_body")
    for container in [master, *master.slide_layouts]:
        for shape in container.placeholders:
            if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                _place(shape, "slide_number")
    for key, layout_name in (("title", "Title Slide"), ("section", "Section Header")):
        layout = next(lay for lay in master.slide_layouts if lay.name == layout_name)
        _place(layout.placeholders.get(idx=0), f"{key}_title")
        under = "title_subtitle" if key == "title" else "section_body"
        _place(layout.placeholders.get(idx=1), under)
    theme_part = master.part.part_related_by(RT.THEME)
    text = theme_part.blob.decode("utf-8")
    text = text.replace('typeface="Calibri"', f'typeface="{theme.DECK_FONT}"')
    for slot, color in (("accent1", primary), ("accent2", accent), *_OTHER_ACCENTS.items()):
        text = re.sub(
            rf"<a:{slot}>.*?</a:{slot}>",
            f'<a:{slot}><a:srgbClr val="{color.lstrip("#").upper()}"/></a:{slot}>',
            text,
        )
    xml.replace_blob(theme_part, text.encode("utf-8"))
    return prs
