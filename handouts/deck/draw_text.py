"""Draw the slides that are text in the template's placeholders.

Titles, covers, sections, points, steps and questions: each drawer writes what its spec
says; nothing here measures.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx.slide import Slide
from pptx.util import Emu, Inches

from handouts import images
from handouts.deck import draw_figure, xml
from handouts.deck.layouts import body_of
from handouts.deck.look import Look
from handouts.deck.sizes import HANG, INSET_Y, SPACE_BEFORE, emu
from handouts.deck.specs import (
    CoverSlide,
    Lines,
    Logo,
    Marks,
    Para,
    SectionSlide,
    SlideFigure,
    TextSlide,
    Title,
)

_BULLET = '<a:buSzTx/><a:buFont typeface="Arial"/><a:buChar char="•"/>'
"""A bullet of our own, for a template that draws none (Impress writes none).

The bullet is the text's size: ``buSzTx`` says so in every edition of the schema, where
``buSzPct val="100000"`` is refused by the Transitional schemas (they want ``100%``).
"""


def write_title(slide: Slide, title: Title, look: Look) -> None:
    """Write the planned title into the slide's title placeholder."""
    tf = slide.shapes.title.text_frame
    xml.prepare_frame(tf, look.own_template)
    # The stock Section Header layout sets ALL CAPS: harder to read. A clinic's template keeps
    # its capitals and letter spacing: they were measured. Its margins are not: none here.
    caps = ' cap="none"' if look.own_template else ""
    margins = "" if look.own_template else ' marL="0" indent="0"'
    ppr = f"<a:pPr{margins}>{xml.spacing(0)}</a:pPr>"
    text = xml.run(title.text, title.size, True, look.title_colour, caps)
    xml.fill_frame(tf, [f"<a:p>{ppr}{text}</a:p>"])


def write_paragraphs(
    text_frame: object,
    paras: Sequence[Para],
    size: float,
    look: Look,
    *,
    marks: Marks = "none",
    first_number: int = 1,
    extra: str = "",
    literal: bool = False,
) -> None:
    """Write paragraphs with their marks; the rest of a cut item lines up with its text.

    ``literal``: ``**`` prints as typed (a clinic's name), not as bold marks.
    """
    xml.prepare_frame(text_frame, look.own_template)
    hang = f'marL="{emu(HANG)}" indent="{-emu(HANG)}"'
    paragraphs = []
    numbered = 0
    for i, para in enumerate(paras):
        spacing = xml.spacing(SPACE_BEFORE if i else 0)
        if marks == "none":
            ppr = f'<a:pPr marL="0" indent="0">{spacing}<a:buNone/></a:pPr>'
        elif para.goes_on:
            ppr = f'<a:pPr marL="{emu(HANG)}" indent="0">{spacing}<a:buNone/></a:pPr>'
        elif marks == "number":
            # The first number on a slide says where it starts; the rest count on from it.
            at = f' startAt="{first_number}"' if numbered == 0 and first_number > 1 else ""
            ppr = f'<a:pPr {hang}>{spacing}<a:buAutoNum type="arabicPeriod"{at}/></a:pPr>'
            numbered += 1
        elif look.bullets:  # the template's own bullet
            ppr = f"<a:pPr {hang}>{spacing}</a:pPr>"
        else:
            ppr = f"<a:pPr {hang}>{spacing}{_BULLET}</a:pPr>"
        bold = True if para.bold else None
        write = xml.run if literal else xml.runs
        paragraphs.append(f"<a:p>{ppr}{write(para.text, size, bold, look.ink, extra)}</a:p>")
    xml.fill_frame(text_frame, paragraphs)


def write_lines(shape: object, lines: Lines, look: Look) -> None:
    """Write a cover's or section's lines, in the box the plan grew for them if it did."""
    if lines.box is not None:  # set all four: one alone zeroes the others it inherited
        box = lines.box
        shape.left, shape.top, shape.width = box.left, box.top, box.width  # type: ignore[attr-defined]
        shape.height = box.height  # type: ignore[attr-defined]
    extra = ' cap="none" spc="0"' if lines.bare else ""
    paras = [Para(text) for text in lines.texts]
    # Cover and section lines are names, contacts and summaries already without marks.
    write_paragraphs(shape.text_frame, paras, lines.size, look, extra=extra, literal=True)  # type: ignore[attr-defined]


def draw_cover(slide: Slide, spec: CoverSlide, look: Look) -> None:
    """Draw a title slide: the title, the lines under it and the logo in a free corner."""
    write_title(slide, spec.title, look)
    subtitle = body_of(slide)
    if subtitle is not None and spec.lines is not None:
        write_lines(subtitle, spec.lines, look)
    if spec.logo is not None:
        place_logo(slide, spec.logo, look.scale)


def draw_section(slide: Slide, spec: SectionSlide, look: Look) -> None:
    """Draw a section divider: its title and the topic's summary."""
    write_title(slide, spec.title, look)
    body = body_of(slide)
    if body is not None and spec.lines is not None:
        write_lines(body, spec.lines, look)


def draw_text(slide: Slide, spec: TextSlide, look: Look) -> None:
    """Draw a title and paragraphs: points, steps, plain lines or questions."""
    write_title(slide, spec.title, look)
    body = body_of(slide)
    assert body is not None  # the template check refuses a content layout without one
    frame = body.text_frame  # type: ignore[attr-defined]
    write_paragraphs(
        frame, spec.paras, spec.size, look, marks=spec.marks, first_number=spec.first_number
    )
    if spec.figure is not None:
        _beside(slide, body, spec.figure, look)


def _beside(slide: Slide, body: object, figure: SlideFigure, look: Look) -> None:
    """Narrow the text placeholder to its measured width; put the drawing and caption right.

    All four sides of the placeholder are set: one alone zeroes the others it inherited.
    """
    left, top = body.left, body.top  # type: ignore[attr-defined]
    width, height = body.width, body.height  # type: ignore[attr-defined]
    body.left, body.top, body.height = left, top, height  # type: ignore[attr-defined]
    body.width = emu(figure.text_width)  # type: ignore[attr-defined]
    x = left + emu(figure.text_width + figure.gap)
    y = top + emu(INSET_Y)
    draw_figure.draw_picture(slide.shapes, figure.picture, x, y, emu(figure.width))
    below = y + emu(figure.height)
    # The caption was measured across the whole column, which a shrunk drawing may not fill.
    box = slide.shapes.add_textbox(
        Emu(x), Emu(below), Emu(left + width - x), Emu(top + height - below)
    )
    box.name = "Caption"
    write_paragraphs(box.text_frame, [Para(figure.caption)], figure.caption_size, look)


def place_logo(slide: Slide, logo: Logo, scale: float) -> None:
    """Put the clinic's logo in a corner of a cover slide where it hides no text.

    Top right, else bottom right, else top left; smaller, if none is clear at full size.
    The corners are found from the text boxes as drawn, the grown ones too.
    """
    presentation = slide.part.package.presentation_part.presentation
    width, height = presentation.slide_width, presentation.slide_height
    texts = [
        (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
        for shape in slide.placeholders
        if shape.has_text_frame and shape.text_frame.text.strip()
    ]
    margin = int(Inches(0.3) * scale)
    picture = slide.shapes.add_picture(io.BytesIO(images.logo_bytes(logo.path)), 0, 0)
    aspect = picture.width / picture.height

    def spots(tall: float) -> list[tuple[int, int, int, int]]:
        w = min(int(int(Inches(tall) * scale) * aspect), int(Inches(2.6) * scale))
        h = int(w / aspect)
        corners = [(width - margin - w, margin), (width - margin - w, height - margin - h)]
        return [(x, y, w, h) for x, y in [*corners, (margin, margin)]]

    def clear(x: int, y: int, w: int, h: int) -> bool:
        return not any(
            x < right and y < bottom and x + w > left and y + h > top
            for left, top, right, bottom in texts
        )

    sizes = (0.9, 0.6, 0.4)
    # Nowhere clear (text fills the slide): the smallest logo, top right.
    x, y, w, h = next(
        (spot for tall in sizes for spot in spots(tall) if clear(*spot)), spots(sizes[-1])[0]
    )
    picture.left, picture.top, picture.width, picture.height = x, y, w, h
    xml.describe(picture, logo.alt)
