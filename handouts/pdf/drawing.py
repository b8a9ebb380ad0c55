"""Draw a ``Picture`` (``handouts/figures/shapes.py``) as PDF vectors, never as an image.

``draw_picture`` paints onto a reportlab canvas; ``PictureFlowable`` places one in a story
at a width decided when it is made, so its size is known before anything is drawn.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.figures.shapes import Arrow, Ellipse, Label, Picture, Primitive, Shape, Stroke
from handouts.pdf.flowables import FixedSize
from handouts.pdf.roles import Role
from handouts.pdf.styles import BOLD, REGULAR

_ROUND = 1
"""PDF's round line cap and line join."""


def _path(canv: Canvas, points: tuple[tuple[float, float], ...], close: bool) -> object:
    """Return a canvas path through the points (already flipped upright by the transform)."""
    path = canv.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    if close:
        path.close()
    return path


def _draw(canv: Canvas, item: Primitive) -> None:
    """Paint one primitive in picture units (the canvas is already scaled and flipped)."""
    if isinstance(item, Arrow):
        for part in item.parts():
            _draw(canv, part)
    elif isinstance(item, Stroke):
        canv.setStrokeGray(item.gray)
        canv.setLineWidth(item.width)
        canv.drawPath(_path(canv, item.points, item.closed), stroke=1, fill=0)
    elif isinstance(item, (Shape, Ellipse)):
        if item.fill is not None:
            canv.setFillGray(item.fill)
        if item.outline is not None:
            canv.setStrokeGray(item.outline)
            canv.setLineWidth(item.outline_width)
        stroke, fill = int(item.outline is not None), int(item.fill is not None)
        if isinstance(item, Shape):
            canv.drawPath(_path(canv, item.points, True), stroke=stroke, fill=fill)
        else:
            (cx, cy), rx, ry = item.center, item.rx, item.ry
            canv.ellipse(cx - rx, cy - ry, cx + rx, cy + ry, stroke=stroke, fill=fill)
    elif isinstance(item, Label):
        _label(canv, item)


def _label(canv: Canvas, item: Label) -> None:
    """Set a label upright: undo the flip for the text alone, about its own baseline."""
    canv.saveState()
    canv.translate(*item.at)
    canv.scale(1, -1)
    canv.setFillGray(item.gray)
    canv.setFont(BOLD if item.bold else REGULAR, item.size)
    draw = {"middle": canv.drawCentredString, "end": canv.drawRightString}
    draw.get(item.anchor, canv.drawString)(0, 0, item.text)
    canv.restoreState()


def draw_picture(canv: Canvas, picture: Picture, x: float, y: float, width: float) -> None:
    """Paint a picture with its box's lower left corner at ``(x, y)``, ``width`` points wide."""
    scale = width / picture.width
    canv.saveState()
    canv.translate(x, y + picture.height * scale)
    canv.scale(scale, -scale)  # picture units, y downwards, as the shapes are given
    canv.setLineCap(_ROUND)
    canv.setLineJoin(_ROUND)
    for item in picture.shapes:
        _draw(canv, item)
    canv.restoreState()


class PictureFlowable(FixedSize):
    """A picture in a story, at a fixed width; its height follows the picture's box."""

    role = Role.FIGURE
    """A figure, tagged with the picture's alt text."""

    def __init__(self, picture: Picture, width: float) -> None:
        """Place ``picture`` ``width`` points wide."""
        super().__init__()
        self.picture = picture
        self.alt = picture.alt
        self.width = width
        self.height = width * picture.aspect

    def draw(self) -> None:
        """Paint the picture in the space measured."""
        draw_picture(self.canv, self.picture, 0, 0, self.width)
