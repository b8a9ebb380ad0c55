"""Turn a checked SVG (``svgcheck``) into a ``Picture`` both renderers draw alike.

svglib reads the SVG (styles, transforms, path syntax, units) into reportlab's graphics
shapes; this module walks those shapes and writes our own primitives, with curves
flattened into short lines, colours turned to grays, and ``y`` turned downwards. So an
SVG figure is native shapes in a deck and vectors in a PDF, like a drawn pose. svglib
brings reportlab's graphics shapes with it: they are read here as data, by class name,
never drawn and never imported; only ``handouts/pdf`` imports reportlab. Imported only
when a content tree has an SVG.

What a line drawing needs is kept: paths, rectangles, circles, ellipses, lines, polylines,
polygons and text. Each sub-path is its own shape (holes are not cut out), gradients are
drawn in their first colour, clipping is ignored.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import Any

from handouts.figures import svgcheck
from handouts.figures.shapes import Ellipse, Label, Picture, Point, Primitive, Shape, Stroke
from handouts.figures.svgcheck import SvgProblem

Matrix = tuple[float, float, float, float, float, float]
"""An affine transform ``(a, b, c, d, e, f)``: ``x' = a x + c y + e``, ``y' = b x + d y + f``."""
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
"""The transform that changes nothing."""
CURVE_STEPS = 12
"""Lines each Bézier curve is flattened into: smooth at the sizes figures print."""


def _times(m: Matrix, n: Matrix) -> Matrix:
    """Return ``m`` after ``n`` (``n`` applied first)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + c * q,
        b * p + d * q,
        a * r + c * s,
        b * r + d * s,
        a * t + c * u + e,
        b * t + d * u + f,
    )


_KINDS = ("Group", "Path", "Rect", "Circle", "Ellipse", "Line", "PolyLine", "Polygon", "String")
"""The reportlab graphics shapes svglib makes that a line drawing needs."""


def _kind(node: Any) -> str:
    """Return which of ``_KINDS`` a shape svglib made is (its class or a base class).

    By name: the shapes are read here as data, and only ``handouts/pdf`` imports reportlab.
    svglib makes subclasses of its own (a path without a stroke, a clipping path).
    """
    names = [cls.__name__ for cls in type(node).__mro__]
    return next((name for name in names if name in _KINDS), "")


class _Walk:
    """Collects primitives from reportlab graphics shapes, in page units with ``y`` down."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.items: list[Primitive] = []

    def point(self, m: Matrix, x: float, y: float) -> Point:
        """Return a shape's point on the page, ``y`` measured down from the top."""
        a, b, c, d, e, f = m
        return (a * x + c * y + e, self.height - (b * x + d * y + f))

    @staticmethod
    def gray(color: Any, opacity: float | None) -> float | None:
        """Return a reportlab colour as a gray level over white, or None for no colour."""
        if color is None:
            return None
        alpha = getattr(color, "alpha", 1.0) * (1.0 if opacity is None else opacity)
        level = 0.299 * color.red + 0.587 * color.green + 0.114 * color.blue
        return 1 - (1 - level) * alpha

    def paint(self, m: Matrix, shape: Any, rings: list[tuple[list[Point], bool]]) -> None:
        """Add each ring (points, closed) with the shape's fill and stroke."""
        fill = self.gray(getattr(shape, "fillColor", None), getattr(shape, "fillOpacity", None))
        line = self.gray(getattr(shape, "strokeColor", None), getattr(shape, "strokeOpacity", None))
        width = (getattr(shape, "strokeWidth", 1) or 0) * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
        for points, closed in rings:
            if len(points) < 2:
                continue
            if fill is not None and len(points) >= 3:
                self.items.append(Shape(tuple(points), fill=fill))
            if line is not None and width > 0:
                self.items.append(Stroke(tuple(points), width, line, closed=closed))

    def walk(self, node: Any, m: Matrix) -> None:
        """Add a shape or a group's contents, under the transforms above it."""
        kind = _kind(node)
        if kind == "Group":
            inner = _times(m, tuple(node.transform))  # type: ignore[arg-type]
            for child in node.contents:
                self.walk(child, inner)
        elif kind == "Path":
            if not getattr(node, "isClipPath", 0):
                self.paint(m, node, self.rings(m, node))
        elif kind == "Rect":
            x, y, w, h = node.x, node.y, node.width, node.height
            corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
            self.paint(m, node, [([self.point(m, *p) for p in corners], True)])
        elif kind in ("Circle", "Ellipse"):
            rx = node.r if kind == "Circle" else node.rx
            ry = node.r if kind == "Circle" else node.ry
            self.ellipse(m, node, node.cx, node.cy, rx, ry)
        elif kind == "Line":
            ends = [self.point(m, node.x1, node.y1), self.point(m, node.x2, node.y2)]
            self.paint(m, node, [(ends, False)])
        elif kind in ("PolyLine", "Polygon"):
            flat = list(node.points)
            ring = [self.point(m, flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)]
            self.paint(m, node, [(ring, kind == "Polygon")])
        elif kind == "String":
            self.text(m, node)

    def ellipse(self, m: Matrix, node: Any, cx: float, cy: float, rx: float, ry: float) -> None:
        """Add an ellipse: as one when it stays upright, else as a polygon round it."""
        a, b, c, d, _, _ = m
        if b == 0 and c == 0:
            fill = self.gray(getattr(node, "fillColor", None), getattr(node, "fillOpacity", None))
            line = self.gray(
                getattr(node, "strokeColor", None), getattr(node, "strokeOpacity", None)
            )
            width = (getattr(node, "strokeWidth", 1) or 0) * math.sqrt(abs(a * d))
            center = self.point(m, cx, cy)
            self.items.append(
                Ellipse(
                    center, abs(a * rx), abs(d * ry), fill, line, width if line is not None else 0
                )
            )
            return
        ring = [
            self.point(m, cx + rx * math.cos(t), cy + ry * math.sin(t))
            for t in (2 * math.pi * i / 48 for i in range(48))
        ]
        self.paint(m, node, [(ring, True)])

    def rings(self, m: Matrix, node: Any) -> list[tuple[list[Point], bool]]:
        """Return a path's sub-paths as point lists, curves flattened."""
        rings: list[tuple[list[Point], bool]] = []
        points, ops, i = list(node.points), list(node.operators), 0
        current: list[Point] = []
        raw = (0.0, 0.0)
        for op in ops:  # 0 moveTo, 1 lineTo, 2 curveTo, 3 closePath
            if op == 0:
                if current:
                    rings.append((current, False))
                raw = (points[i], points[i + 1])
                current, i = [self.point(m, *raw)], i + 2
            elif op == 1:
                raw = (points[i], points[i + 1])
                current.append(self.point(m, *raw))
                i += 2
            elif op == 2:
                x1, y1, x2, y2, x3, y3 = points[i : i + 6]
                (x0, y0), i = raw, i + 6
                for step in range(1, CURVE_STEPS + 1):
                    t = step / CURVE_STEPS
                    u = 1 - t
                    x = u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3
                    y = u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3
                    current.append(self.point(m, x, y))
                raw = (x3, y3)
            elif op == 3 and current:
                rings.append((current, True))
                current = []
        if current:
            rings.append((current, bool(getattr(node, "autoclose", None))))
        return rings

    def text(self, m: Matrix, node: Any) -> None:
        """Add a line of text at its size, anchored as the SVG anchors it."""
        scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
        anchor = {"middle": "middle", "end": "end"}.get(getattr(node, "textAnchor", ""), "start")
        gray = self.gray(getattr(node, "fillColor", None), None)
        self.items.append(
            Label(
                node.text,
                self.point(m, node.x, node.y),
                node.fontSize * scale,
                0.0 if gray is None else gray,
                anchor,
                "bold" in str(getattr(node, "fontName", "")).lower(),
            )
        )


def picture(path: Path, alt: str) -> Picture:
    """Return the SVG at ``path`` as a picture, or raise ``SvgProblem`` saying why not."""
    root = svgcheck.read(path)
    from svglib.svglib import SvgRenderer

    logging.getLogger("svglib").setLevel(logging.CRITICAL)  # its problems are ours to word
    try:
        drawing = SvgRenderer(str(path)).render(root)
    except Exception as error:  # svglib raises anything on a file it cannot draw
        raise SvgProblem(
            f"expected an SVG svglib can draw but got {type(error).__name__}: {error}"
        ) from None
    if not drawing.width or not drawing.height:
        raise SvgProblem("expected an SVG with a width and height (or a viewBox) but got none")
    walk = _Walk(drawing.height)
    for node in drawing.contents:
        walk.walk(node, IDENTITY)
    if not walk.items:
        raise SvgProblem("expected an SVG with something to draw but got no shapes")
    return Picture(float(drawing.width), float(drawing.height), tuple(walk.items), alt)
