"""Draw a ``Picture`` (``handouts/figures/shapes.py``) as native, editable slide shapes.

Each stroke, shape and arrow becomes a freeform, each ellipse an oval, each label a text
box; all of one picture go in one group whose alt text (``descr``) is the picture's. Line
and fill are written as DrawingML, with no theme style, so a clinic's template cannot add
shadows or colours to a drawing that must read in grayscale.
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.shapes.group import GroupShape
from pptx.shapes.shapetree import GroupShapes, SlideShapes
from pptx.util import Emu

from handouts.deck import xml
from handouts.deck.grouping import fill_quickly
from handouts.deck.sizes import EMU_PER_POINT
from handouts.figures.shapes import (
    Arrow,
    Ellipse,
    Label,
    Picture,
    Point,
    Primitive,
    Shape,
    Stroke,
    gray_hex,
)


def _fill(gray: float | None) -> str:
    """Return a DrawingML fill of a gray level, or none."""
    if gray is None:
        return "<a:noFill/>"
    return f'<a:solidFill><a:srgbClr val="{gray_hex(gray)}"/></a:solidFill>'


def _line(gray: float | None, width: int) -> str:
    """Return a DrawingML round-capped, round-joined line, or none."""
    if gray is None or width <= 0:
        return "<a:ln><a:noFill/></a:ln>"
    return f'<a:ln w="{width}" cap="rnd">{_fill(gray)}<a:round/></a:ln>'


def _paint(shape: object, fill: str, line: str) -> None:
    """Give a new shape our fill and line, and drop the theme style python-pptx gave it."""
    sp = xml.element(shape)
    sp_pr = sp.find(qn("p:spPr"))  # type: ignore[attr-defined]
    for old in [*sp_pr.findall(qn("a:solidFill")), *sp_pr.findall(qn("a:ln"))]:
        sp_pr.remove(old)
    for part in (fill, line):
        sp_pr.append(parse_xml(f'<a:x xmlns:a="{xml.A}">{part}</a:x>')[0])
    for tag in ("p:style", "p:txBody"):  # the theme's look, and an empty paragraph
        old = sp.find(qn(tag))  # type: ignore[attr-defined]
        if old is not None:
            sp.remove(old)  # type: ignore[attr-defined]


class _Place:
    """Turns picture units into slide EMU for one picture placed at one spot."""

    def __init__(self, picture: Picture, left: int, top: int, width: int) -> None:
        self.left, self.top = left, top
        self.scale = width / picture.width

    def point(self, point: Point) -> tuple[int, int]:
        """Return a picture point in slide EMU."""
        return (round(self.left + point[0] * self.scale), round(self.top + point[1] * self.scale))

    def length(self, length: float) -> int:
        """Return a picture length in EMU."""
        return round(length * self.scale)


def _freeform(shapes: GroupShapes, points: list[tuple[int, int]], close: bool) -> object:
    """Add a freeform through EMU points; a flat path gets one EMU of extent, never zero."""
    builder = shapes.build_freeform(*points[0], scale=1.0)
    builder.add_line_segments(points[1:], close=close)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    # PowerPoint divides by a path's size: a flat one gets one EMU across its flat side.
    if max(xs) == min(xs):
        builder.move_to(xs[0] + 1, ys[0])
    if max(ys) == min(ys):
        builder.move_to(xs[0], ys[0] + 1)
    return builder.convert_to_shape()


def _draw(shapes: GroupShapes, item: Primitive, place: _Place) -> None:
    """Add one primitive to the group."""
    if isinstance(item, Arrow):
        for part in item.parts():
            _draw(shapes, part, place)
    elif isinstance(item, Stroke):
        shape = _freeform(shapes, [place.point(p) for p in item.points], item.closed)
        _paint(shape, _fill(None), _line(item.gray, place.length(item.width)))
    elif isinstance(item, Shape):
        shape = _freeform(shapes, [place.point(p) for p in item.points], True)
        _paint(shape, _fill(item.fill), _line(item.outline, place.length(item.outline_width)))
    elif isinstance(item, Ellipse):
        (x0, y0) = place.point((item.center[0] - item.rx, item.center[1] - item.ry))
        (x1, y1) = place.point((item.center[0] + item.rx, item.center[1] + item.ry))
        shape = shapes.add_shape(MSO_SHAPE.OVAL, Emu(x0), Emu(y0), Emu(x1 - x0), Emu(y1 - y0))
        _paint(shape, _fill(item.fill), _line(item.outline, place.length(item.outline_width)))
    elif isinstance(item, Label):
        _label(shapes, item, place)


def _label(shapes: GroupShapes, item: Label, place: _Place) -> None:
    """Add a label as a text box whose baseline sits where the label's does."""
    size = place.length(item.size)  # EMU
    x, y = place.point(item.at)
    width = size * max(1, len(item.text))  # wider than the words: they are aligned, not wrapped
    left = {"middle": x - width // 2, "end": x - width}.get(item.anchor, x)
    box = shapes.add_textbox(Emu(left), Emu(y - size), Emu(width), Emu(round(size * 1.25)))
    frame = box.text_frame
    frame.word_wrap = False
    for side in ("left", "right", "top", "bottom"):
        setattr(frame, f"margin_{side}", 0)
    align = {"middle": "ctr", "end": "r"}.get(item.anchor, "l")
    paragraph = (
        f'<a:p><a:pPr algn="{align}"/>'
        f"{xml.run(item.text, size / EMU_PER_POINT, item.bold, '#' + gray_hex(item.gray))}</a:p>"
    )
    xml.fill_frame(frame, [paragraph])
    box.name = "Label"


def draw_picture(
    shapes: SlideShapes | GroupShapes, picture: Picture, left: int, top: int, width: int
) -> GroupShape:
    """Add a picture as one group of native shapes, ``width`` EMU wide, with its alt text."""
    group = shapes.add_group_shape()
    fill_quickly(group)  # a map has hundreds of shapes
    place = _Place(picture, left, top, width)
    for item in picture.shapes:
        _draw(group.shapes, item, place)
    xml.describe(group, picture.alt)
    return group
