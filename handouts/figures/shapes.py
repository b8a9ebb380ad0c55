"""Vector pictures as data: strokes, filled shapes, arrows and labels in a picture's own box.

Format-neutral: the PDF (``handouts/pdf/drawing.py``) and the decks
(``handouts/deck/draw_figure.py``) draw the same ``Picture`` the same way, so a figure looks
alike on paper and on a slide. Coordinates are in the picture's own units, origin at the top
left, ``y`` growing downwards (as in SVG and PowerPoint); a renderer scales the whole box to
the width it has. Grays run from 0 (black) to 1 (white): the drawings must read in black and
white, so there is no colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

Point = tuple[float, float]
"""An ``(x, y)`` point in picture units, ``y`` downwards."""


@dataclass(frozen=True)
class Stroke:
    """An open (or closed) polyline drawn with round caps and joins: a limb, a rail, a line."""

    points: tuple[Point, ...]
    """The corners in drawing order; at least two."""
    width: float
    """The line's thickness in picture units."""
    gray: float = 0.0
    """The line's gray level, 0 black to 1 white."""
    closed: bool = False
    """Whether the last point joins back to the first."""


@dataclass(frozen=True)
class Shape:
    """A closed polygon with an optional fill and an optional outline."""

    points: tuple[Point, ...]
    """The corners; at least three. The last joins the first."""
    fill: float | None = 0.0
    """The fill's gray level, or ``None`` for no fill."""
    outline: float | None = None
    """The outline's gray level, or ``None`` for no outline."""
    outline_width: float = 0.0
    """The outline's thickness in picture units (round joins)."""


@dataclass(frozen=True)
class Ellipse:
    """An axis-aligned ellipse (a head, a wheel) with an optional fill and outline."""

    center: Point
    """Its centre."""
    rx: float
    """Half its width."""
    ry: float
    """Half its height."""
    fill: float | None = 0.0
    """The fill's gray level, or ``None`` for no fill."""
    outline: float | None = None
    """The outline's gray level, or ``None`` for no outline."""
    outline_width: float = 0.0
    """The outline's thickness in picture units."""


@dataclass(frozen=True)
class Arrow:
    """A polyline (straight or curved) with a filled arrowhead at its last point."""

    points: tuple[Point, ...]
    """The shaft's corners from tail to tip; at least two."""
    width: float
    """The shaft's thickness in picture units."""
    gray: float = 0.0
    """The gray level of shaft and head."""
    head: float = 0.0
    """The head's length; 0 means four times the shaft's width."""

    def parts(self) -> tuple[Stroke, Shape]:
        """Return the shaft (shortened so its round cap stays inside the head) and the head."""
        head = self.head or 4 * self.width
        (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        bx, by = x1 - ux * head, y1 - uy * head  # the middle of the head's base
        half = head * 0.55
        tip = Shape(
            ((x1, y1), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)),
            fill=self.gray,
        )
        back = min(head * 0.6, length)
        end = (x1 - ux * back, y1 - uy * back)
        shaft = Stroke((*self.points[:-1], end), self.width, self.gray)
        return shaft, tip


@dataclass(frozen=True)
class Label:
    """A short line of text in the picture (a legend's number); its words are content text."""

    text: str
    """The words, from the content, never a tool string."""
    at: Point
    """Where the baseline starts (``anchor="start"``) or is centred (``"middle"``)."""
    size: float
    """The type size in picture units."""
    gray: float = 0.0
    """The text's gray level."""
    anchor: str = "start"
    """``"start"``, ``"middle"`` or ``"end"`` of the baseline at ``at``."""
    bold: bool = False
    """Whether it is set bold."""


Primitive = Stroke | Shape | Ellipse | Arrow | Label
"""Anything a picture is drawn of."""


@dataclass(frozen=True)
class Picture:
    """A drawing: its box, what is drawn in it (back to front), and its alternative text."""

    width: float
    """The box's width in picture units."""
    height: float
    """The box's height in picture units."""
    shapes: tuple[Primitive, ...]
    """The primitives, drawn in this order (later ones on top)."""
    alt: str = ""
    """What a reader who cannot see it is told (content text)."""

    @property
    def aspect(self) -> float:
        """Return height over width: a renderer's height for a width of 1."""
        return self.height / self.width


def arc(
    center: Point, radius: float, start: float, end: float, steps: int = 24
) -> tuple[Point, ...]:
    """Return points along a circular arc from ``start`` to ``end`` degrees.

    Angles are measured clockwise on the page from the positive ``x`` axis (``y`` is down),
    so 0 is to the right and 90 is straight down. Used for curved arrows.
    """
    cx, cy = center
    return tuple(
        (
            cx + radius * math.cos(math.radians(start + (end - start) * i / steps)),
            cy + radius * math.sin(math.radians(start + (end - start) * i / steps)),
        )
        for i in range(steps + 1)
    )


def gray_hex(gray: float) -> str:
    """Return a gray level as ``RRGGBB`` hex, the same value in both renderers."""
    level = max(0, min(255, round(gray * 255)))
    return f"{level:02X}" * 3


def moved(item: Primitive, dx: float, dy: float) -> Primitive:
    """Return a primitive shifted by ``(dx, dy)``."""
    if isinstance(item, (Stroke, Shape, Arrow)):
        return replace(item, points=tuple((x + dx, y + dy) for x, y in item.points))
    if isinstance(item, Ellipse):
        return replace(item, center=(item.center[0] + dx, item.center[1] + dy))
    return replace(item, at=(item.at[0] + dx, item.at[1] + dy))


def bounds(items: tuple[Primitive, ...]) -> tuple[float, float, float, float]:
    """Return the left, top, right and bottom of what is drawn, lines' widths included."""
    boxes: list[tuple[float, float, float, float]] = []
    for item in items:
        if isinstance(item, (Stroke, Arrow)):
            pad = item.width / 2 if isinstance(item, Stroke) else (item.head or 4 * item.width)
            boxes += [(x - pad, y - pad, x + pad, y + pad) for x, y in item.points]
        elif isinstance(item, Shape):
            pad = item.outline_width / 2
            boxes += [(x - pad, y - pad, x + pad, y + pad) for x, y in item.points]
        elif isinstance(item, Ellipse):
            (cx, cy), pad = item.center, item.outline_width / 2
            boxes.append(
                (cx - item.rx - pad, cy - item.ry - pad, cx + item.rx + pad, cy + item.ry + pad)
            )
        else:
            boxes.append((item.at[0], item.at[1] - item.size, item.at[0], item.at[1]))
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def framed(items: tuple[Primitive, ...], aspect: float, margin: float, alt: str) -> Picture:
    """Return a picture of these primitives in the smallest box of this aspect (height/width).

    What is drawn is centred in it, ``margin`` units clear of every edge.
    """
    left, top, right, bottom = bounds(items)
    width, height = right - left + 2 * margin, bottom - top + 2 * margin
    width, height = max(width, height / aspect), max(height, width * aspect)
    dx = (width - (right - left)) / 2 - left
    dy = (height - (bottom - top)) / 2 - top
    return Picture(width, height, tuple(moved(item, dx, dy) for item in items), alt)
