"""The floor's drawn things: tagged text and tables, marks, fields, figures, deck drawings.

Part of the benchmark's floor (``floor``): paragraphs and tables tagged by hand as they
draw, level bars, check boxes, write-in fields and the warning sign painted plainly, a
figure's primitives onto the canvas with no abstraction, and a deck's drawing groups read
back and drawn again as plain freeforms.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

from handouts import theme
from handouts.figures.shapes import Arrow, Ellipse, Label, Picture, Primitive, Shape, Stroke
from handouts.pdf.roles import Role
from handouts.pdf.tagging import Tagger

REGULAR = "FloorAtkinson"
"""The floor's regular face (registered by ``floor``)."""
BOLD = "FloorAtkinson-Bold"
"""The floor's bold face."""


INK = colors.HexColor(theme.INK)
"""Text and outlines."""


class P(Paragraph):
    """A paragraph tagged by hand: a list item (LI > LBody) when it has a bullet, else ``kind``.

    A heading (``kind`` H1 or H2) also adds its bookmark, as a hand-made PDF's would.
    """

    def __init__(self, text: str, style: ParagraphStyle, kind: str = "P", **kw: Any) -> None:
        """Make the paragraph of markup ``text``; ``kw`` are reportlab's (``bulletText``)."""
        super().__init__(text, style, **kw)
        self.kind = kind

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw it inside its tags."""
        tagger: Tagger = canvas.tagger
        if self.bulletText:
            with tagger.group("LI"), tagger.content("LBody"):
                super().drawOn(canvas, x, y, _sW)
            return
        with tagger.content(self.kind):
            super().drawOn(canvas, x, y, _sW)
        if self.kind in ("H1", "H2"):
            key = f"h{id(self)}"
            canvas.bookmarkHorizontal(key, x, y + self.height)
            canvas.addOutlineEntry(self.text, key, level=int(self.kind == "H2"))


class T(Table):
    """A table tagged through reportlab's drawing events: data by rows and cells, or layout."""

    repeats = 0

    def __init__(
        self, rows: list[list[Any]], style: list[Any], role: Role = Role.LAYOUT, **kw: Any
    ) -> None:
        """Make a left-aligned table of ``rows`` styled by ``style``; ``kw``: reportlab's own."""
        kw.setdefault("renderCB", lambda t, event, *a: t.canv.tagger.table_event(t, event, *a))
        super().__init__(rows, style=style, hAlign="LEFT", **kw)
        self.role = role
        self.struct_key = object()


class Bars(Flowable):
    """Five boxes filled up to a level, a figure with the level's name as its alt text."""

    def __init__(self, rank: int, label: str, fill: colors.Color) -> None:
        """Five 8.25 pt boxes, as 11 pt text is tall."""
        super().__init__()
        self.rank, self.label, self.fill = rank, label, fill
        self.width, self.height = 5 * 8.25 + 4 * 2.5, 8.25

    def draw(self) -> None:
        """Paint the boxes, tagged as a figure."""
        c = self.canv
        with c.tagger.content("Figure", alt=self.label):  # type: ignore[attr-defined]
            c.setLineWidth(0.8)
            c.setStrokeColor(INK)
            for i in range(5):
                c.setFillColor(self.fill if i < self.rank else colors.white)
                c.rect(i * 10.75, 0, 8.25, 8.25, fill=1, stroke=1)


class Sign(Flowable):
    """The warning triangle beside a safety heading: decoration, an artifact."""

    def __init__(self, size: float, fill: colors.Color) -> None:
        """Make a triangle ``size`` wide."""
        super().__init__()
        self.size, self.fill = size, fill
        self.width, self.height = size, size * 0.9

    def draw(self) -> None:
        """Paint the triangle and its white exclamation mark."""
        c, s = self.canv, self.size
        with c.tagger.artifact():  # type: ignore[attr-defined]
            path = c.beginPath()
            path.moveTo(0, 0)
            path.lineTo(s, 0)
            path.lineTo(s / 2, s * 0.9)
            path.close()
            c.setFillColor(self.fill)
            c.setStrokeColor(INK)
            c.drawPath(path, stroke=1, fill=1)
            c.setFillColor(colors.white)
            c.rect(s / 2 - s * 0.05, s * 0.33, s * 0.1, s * 0.36, stroke=0, fill=1)
            c.circle(s / 2, s * 0.17, s * 0.06, stroke=0, fill=1)


class Box(Flowable):
    """A check box for pen with a checkbox field on it for a tablet."""

    def __init__(self, name: str, tooltip: str) -> None:
        """``name`` unique in the document."""
        super().__init__()
        self.name, self.tooltip = name, tooltip
        self.width = self.height = 12.65

    def draw(self) -> None:
        """Paint the box (an artifact) and add the field (a Form element)."""
        c = self.canv
        tagger: Tagger = c.tagger  # type: ignore[attr-defined]
        with tagger.artifact():
            c.setLineWidth(1.2)
            c.setStrokeColor(INK)
            c.setFillColor(colors.white)
            c.rect(0, 0, self.width, self.width, stroke=1, fill=1)
        c.acroForm.checkbox(
            name=self.name,
            tooltip=self.tooltip,
            size=self.width,
            relative=True,
            borderWidth=0,
            buttonStyle="check",
        )
        tagger.form(self.name)


class Field(Flowable):
    """A write-in: its label (bold) and a rule to write on, with a text field on the rule.

    ``inline`` puts the label on the line; else it is above ``lines`` rules.
    """

    def __init__(
        self, name: str, label: str, tooltip: str, width: float, lines: int = 1, value: str = ""
    ) -> None:
        """Make a field ``width`` wide."""
        super().__init__()
        self.name, self.label, self.tooltip, self.value = name, label, tooltip, value
        self.lines, self.width = lines, width
        self.height = lines * 21 + (0 if lines == 1 else 14)

    def draw(self) -> None:
        """Paint the label and rules, then add the field."""
        c = self.canv
        tagger: Tagger = c.tagger  # type: ignore[attr-defined]
        c.setFont(BOLD, 11)
        c.setFillColor(INK)
        top = self.height - 11 if self.lines > 1 else 5
        with tagger.content("P"):
            c.drawString(0, top, self.label)
        start = c.stringWidth(self.label, BOLD, 11) + 6 if self.lines == 1 else 0
        with tagger.artifact():
            c.setStrokeColor(colors.HexColor(theme.RULE))
            c.setLineWidth(0.8)
            for i in range(self.lines):
                c.line(start, 2 + i * 21, self.width, 2 + i * 21)
        tagger.form(self.name)
        c.acroForm.textfield(
            name=self.name,
            tooltip=self.tooltip,
            value=self.value,
            x=start,
            y=3,
            width=self.width - start,
            height=self.lines * 21 - 4,
            relative=True,
            borderWidth=0,
            fillColor=colors.transparent,
            fontSize=11 if self.lines == 1 else 10,
            fieldFlags="multiline" if self.lines > 1 else "",
        )


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
                c.setFillGray(item.gray)
                c.setFont(BOLD if item.bold else REGULAR, item.size)
                draw = {"middle": c.drawCentredString, "end": c.drawRightString}
                draw.get(item.anchor, c.drawString)(0, 0, item.text)
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
