"""The floor's figures: drawings drawn straight with reportlab, and again with python-pptx.

Part of the benchmark's floor (``floor``): a figure's primitives onto the canvas with no
abstraction, and a deck's drawing groups read back and drawn again as plain freeforms.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from handouts.figures.shapes import Arrow, Ellipse, Label, Picture, Primitive, Shape, Stroke

REGULAR = "FloorAtkinson"
"""The floor's regular face (registered by ``floor``)."""
BOLD = "FloorAtkinson-Bold"
"""The floor's bold face."""


class Drawing(Flowable):
    """A figure's primitives straight onto the canvas: paths, ellipses, text."""

    def __init__(self, picture: Picture, width: float) -> None:
        super().__init__()
        self.picture = picture
        self.width, self.height = width, width * picture.height / picture.width

    def draw(self) -> None:
        """Paint every primitive, scaled and flipped once, tagged as a figure with its alt."""
        with self.canv.tagger.content("Figure", alt=self.picture.alt):  # type: ignore[attr-defined]
            self._paint()

    def _paint(self) -> None:
        c, picture = self.canv, self.picture
        scale = self.width / picture.width
        c.translate(0, self.height)
        c.scale(scale, -scale)
        c.setLineCap(1)
        c.setLineJoin(1)
        items: list[Primitive] = []
        for item in picture.shapes:
            items += item.parts() if isinstance(item, Arrow) else [item]
        for item in items:
            if isinstance(item, (Stroke, Shape)):
                path = c.beginPath()
                path.moveTo(*item.points[0])
                for point in item.points[1:]:
                    path.lineTo(*point)
                if isinstance(item, Shape) or item.closed:
                    path.close()
                if isinstance(item, Stroke):
                    c.setStrokeGray(item.gray)
                    c.setLineWidth(item.width)
                    c.drawPath(path, stroke=1, fill=0)
                else:
                    c.setFillGray(item.fill if item.fill is not None else 1)
                    c.setStrokeGray(item.outline if item.outline is not None else 0)
                    c.setLineWidth(item.outline_width)
                    c.drawPath(
                        path, stroke=int(item.outline is not None), fill=int(item.fill is not None)
                    )
            elif isinstance(item, Ellipse):
                (x, y), rx, ry = item.center, item.rx, item.ry
                c.setFillGray(item.fill if item.fill is not None else 1)
                c.setStrokeGray(item.outline if item.outline is not None else 0)
                c.setLineWidth(item.outline_width)
                c.ellipse(
                    x - rx,
                    y - ry,
                    x + rx,
                    y + ry,
                    stroke=int(item.outline is not None),
                    fill=int(item.fill is not None),
                )
            elif isinstance(item, Label):
                c.saveState()
                c.translate(*item.at)
                c.scale(1, -1)
                c.setFont(BOLD if item.bold else REGULAR, item.size)
                c.drawString(0, 0, item.text)
                c.restoreState()


def group_of(group: object) -> dict[str, object]:
    """Read a drawing's group back: each shape's outline in slide EMU, its line and fill."""
    from pptx.oxml.ns import qn

    parts = []
    for shape in group.shapes:  # type: ignore[attr-defined]
        sp_pr = shape._element.spPr
        line = sp_pr.find(qn("a:ln"))
        fill = sp_pr.find(qn("a:solidFill"))
        colour = fill[0].get("val") if fill is not None else None
        ink = line.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}") if line is not None else None
        stroke = (int(line.get("w")), ink.get("val")) if ink is not None else None
        box = (shape.left, shape.top, shape.width, shape.height)
        if shape.has_text_frame and shape.text_frame.text:
            parts.append(("text", box, shape.text_frame.text, None, None))
            continue
        geometry = sp_pr.find(qn("a:custGeom"))
        if geometry is None:
            parts.append(("oval", box, None, colour, stroke))
            continue
        path = geometry.find(f"{qn('a:pathLst')}/{qn('a:path')}")
        sx = shape.width / max(int(path.get("w")), 1)
        sy = shape.height / max(int(path.get("h")), 1)
        points = [
            (shape.left + int(pt.get("x")) * sx, shape.top + int(pt.get("y")) * sy)
            for pt in path.iter(qn("a:pt"))
        ]
        closed = path.find(qn("a:close")) is not None
        parts.append(("free", points, closed, colour, stroke))
    return {"descr": group._element.nvGrpSpPr.cNvPr.get("descr"), "parts": parts}  # type: ignore[attr-defined]


def draw_group(slide: object, figure: dict[str, object]) -> None:
    """Draw a drawing's shapes again, straight, in a group with its alt text."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu

    group = slide.shapes.add_group_shape()  # type: ignore[attr-defined]
    for kind, where, closed, colour, stroke in figure["parts"]:  # type: ignore[attr-defined]
        if kind == "text":
            box = group.shapes.add_textbox(*(Emu(v) for v in where))
            box.text_frame.text = closed
            continue
        if kind == "oval":
            shape = group.shapes.add_shape(MSO_SHAPE.OVAL, *(Emu(v) for v in where))
        else:
            points = [(round(x), round(y)) for x, y in where]
            builder = group.shapes.build_freeform(*points[0], scale=1.0)
            builder.add_line_segments(points[1:], close=closed)
            shape = builder.convert_to_shape()
        if colour is None:
            shape.fill.background()
        else:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(colour)
        if stroke is None:
            shape.line.fill.background()
        else:
            shape.line.width = Emu(stroke[0])
            shape.line.color.rgb = RGBColor.from_string(stroke[1])
    group._element.nvGrpSpPr.cNvPr.set("descr", str(figure["descr"]))
