"""The muscle map: front and back body outlines, each listed muscle group shaded by its level.

Drawn from the data, never stored: the outline passes each muscle row's region, backward
level and number (``Mark``) and the words to print (``MapWords``), and ``muscle_map`` returns
a ``Picture`` both renderers draw. A region is shaded in a gray step of the same 1 to 5 scale
the level bars count in boxes (``SHADES``): light for low, dark for high, the two top levels
hatched as well, so the steps stay apart on a photocopy. A white marker with the row's number
sits on each shaded region; the table prints the same numbers. Outlines are original: a few
hand-placed points per side, mirrored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from handouts.figures.hatch import hatch
from handouts.figures.shapes import Ellipse, Label, Picture, Point, Primitive, Shape, Stroke
from handouts.model import Region

WIDTH = 230.0
"""The picture's width in its own units."""
TEXT = 13.5
"""The usual type size in picture units: 10 pt printed 60 mm wide, 18 pt on a slide."""
_GROW = 1.2
"""The outline's points are for a body 224 tall; it is drawn this much larger."""
_BODY_HEIGHT = 224.0 * _GROW
"""A body's height, head to feet."""
_CENTRES = {"front": 66.0, "back": 164.0}
"""Each view's middle line when both are drawn; a body is drawn about it."""
_REACH = 52.0
"""From a view's middle line to its numbers: left of the front view, right of the back."""
INK = 0.0
"""Outlines and text: black."""
_LINE = 1.1
"""A body's outline width."""
_REGION_LINE = 0.6
"""A shaded region's outline width."""


@dataclass(frozen=True)
class Shade:
    """How one level of the 1 to 5 scale looks on the map and in its legend."""

    gray: float
    """The fill's gray level, 0 black to 1 white."""
    hatch: tuple[float, ...] = ()
    """Angles of black hatching over the fill, in degrees: none, one or two directions."""


SHADES = {
    1: Shade(0.88),
    2: Shade(0.72),
    3: Shade(0.55),
    4: Shade(0.42, (45.0,)),
    5: Shade(0.26, (45.0, -45.0)),
}
"""Level rank to its look: darker for harder work, hatched at the two top levels."""
_HATCH_SPACING = 3.2
"""Between hatch lines, in picture units (about 1 mm printed 60 mm wide)."""
_HATCH_WIDTH = 0.55
"""A hatch line's width."""


@dataclass(frozen=True)
class Mark:
    """One muscle row on the map: where it is, how hard it works, and its number."""

    region: Region
    """The body region it shades."""
    rank: int
    """Its backward level, 1 (low) to 5 (high)."""
    number: str
    """The number printed on the region and beside its row in the table."""


@dataclass(frozen=True)
class MapWords:
    """What the picture prints, all worded by the outline."""

    front: str
    """The front view's name, printed above it."""
    back: str
    """The back view's name."""
    low: str
    """Printed left of the lowest shade."""
    high: str
    """Printed right of the highest shade."""
    alt: str
    """The whole map in words, for a reader who cannot see it."""
    caption: str = ""
    """How to read it, printed with the picture (not in it)."""


@dataclass(frozen=True)
class Area:
    """Where a region is drawn: polygons on one view, mirrored to the body's other side."""

    view: str
    """``front`` or ``back``."""
    right: tuple[Point, ...]
    """The polygon on the viewer's right, ``x`` measured from the view's middle line."""
    mirrored: bool = True
    """Whether the body's other side has it too (a belly is one shape across the middle)."""


# Offsets from a view's middle line (x) and from the top of the head (y); a body is 224 tall.
_SILHOUETTE: tuple[Point, ...] = (
    (4.5, 24.0),  # neck
    (5.5, 30.0),
    (17.0, 33.5),  # shoulder
    (23.0, 38.0),
    (25.0, 46.0),  # outer arm
    (27.0, 68.0),
    (29.5, 92.0),
    (31.5, 106.0),  # wrist
    (33.0, 113.0),  # hand
    (31.5, 121.0),
    (27.5, 121.5),
    (26.0, 108.0),
    (23.5, 92.0),  # inner arm
    (20.0, 70.0),
    (17.5, 55.0),  # armpit
    (16.0, 70.0),  # waist
    (16.5, 84.0),
    (19.0, 96.0),  # hip
    (20.0, 110.0),
    (18.5, 134.0),  # outer thigh
    (16.0, 156.0),
    (15.5, 164.0),  # knee
    (16.5, 178.0),  # calf
    (14.0, 198.0),
    (12.0, 212.0),  # ankle
    (16.0, 219.0),  # foot
    (15.0, 223.5),
    (5.0, 223.5),
    (5.0, 213.0),
    (5.5, 198.0),  # inner shin
    (4.0, 180.0),
    (3.5, 164.0),  # inner knee
    (2.5, 140.0),
    (0.0, 117.0),  # crotch
)
"""The viewer's right half of a body's outline, neck to crotch; mirrored for the left."""

AREAS: dict[Region, tuple[Area, ...]] = {
    Region.QUADRICEPS: (
        Area(
            "front",
            (
                (6.5, 115.0),
                (18.5, 111.0),
                (18.0, 134.0),
                (15.5, 156.0),
                (10.0, 161.0),
                (5.5, 150.0),
            ),
        ),
    ),
    Region.HAMSTRINGS: (
        Area(
            "back",
            ((3.0, 124.0), (17.5, 122.0), (17.0, 140.0), (15.5, 160.0), (5.5, 160.0), (3.5, 142.0)),
        ),
    ),
    Region.GLUTES: (
        Area("back", ((0.8, 98.0), (15.0, 95.5), (18.5, 105.0), (18.0, 119.0), (0.8, 119.0))),
    ),
    Region.CALVES: (
        Area(
            "back",
            ((5.0, 172.0), (15.5, 170.0), (16.0, 180.0), (13.5, 196.0), (6.5, 196.0), (4.5, 182.0)),
        ),
    ),
    Region.TIBIALIS_ANTERIOR: (
        Area("front", ((9.0, 170.0), (14.5, 168.0), (15.0, 178.0), (12.0, 206.0), (9.5, 206.0))),
    ),
    Region.HIP_FLEXORS: (Area("front", ((3.5, 96.0), (13.0, 94.0), (17.5, 108.0), (6.5, 112.0))),),
    Region.ADDUCTORS: (
        Area("front", ((0.8, 118.5), (5.0, 116.0), (5.5, 143.0), (3.0, 141.0), (1.8, 128.0))),
    ),
    Region.ABDUCTORS: (
        Area("front", ((16.5, 90.0), (19.5, 98.0), (20.0, 110.0), (17.0, 106.0))),
        Area("back", ((16.0, 86.0), (19.0, 96.0), (19.5, 104.0), (15.5, 94.0))),
    ),
    Region.ABDOMINALS: (
        Area(
            "front",
            ((-9.5, 58.0), (9.5, 58.0), (11.0, 76.0), (10.0, 90.0), (-10.0, 90.0), (-11.0, 76.0)),
            mirrored=False,
        ),
    ),
    Region.LOWER_BACK: (
        Area(
            "back",
            ((-11.0, 72.0), (11.0, 72.0), (13.0, 90.0), (0.0, 96.0), (-13.0, 90.0)),
            mirrored=False,
        ),
    ),
}
"""Where each region is drawn; a region made of two is drawn as both (``Region.parts``)."""


def areas(region: Region) -> tuple[Area, ...]:
    """Return where a region is drawn: the areas of each region it covers."""
    return tuple(area for part in region.parts for area in AREAS[part])


def views(region: Region) -> tuple[str, ...]:
    """Return the views a region is drawn on, front first: what the alt text names."""
    drawn = {area.view for area in areas(region)}
    return tuple(view for view in ("front", "back") if view in drawn)


def _centres(marks: Sequence[Mark]) -> dict[str, float]:
    """Return the views to draw, each with its middle line.

    Both views when marks fall on both (or on none); one view, in the middle, when every
    mark falls on it: an empty outline beside it would read as "nothing works there".
    """
    drawn = {view for mark in marks for view in views(mark.region)}
    if len(drawn) == 1:
        return {drawn.pop(): WIDTH / 2}
    return dict(_CENTRES)


def _placed(
    centres: dict[str, float],
    view: str,
    points: Iterable[Point],
    top: float,
    *,
    flip: bool = False,
) -> tuple[Point, ...]:
    """Move offsets from a view's middle line and head top to picture units."""
    centre = centres[view]
    sign = -1.0 if flip else 1.0
    return tuple((centre + sign * x * _GROW, top + y * _GROW) for x, y in points)


def _body(centres: dict[str, float], view: str, top: float) -> list[Primitive]:
    """Draw a body's outline (white inside) and its head."""
    left = [(-x, y) for x, y in reversed(_SILHOUETTE)]
    outline = _placed(centres, view, [*_SILHOUETTE, *left[1:]], top)
    (middle,) = _placed(centres, view, ((0.0, 11.0),), top)
    head = Ellipse(middle, 8.5 * _GROW, 11.0 * _GROW, fill=1.0, outline=INK, outline_width=_LINE)
    return [Shape(outline, fill=1.0, outline=INK, outline_width=_LINE), head]


def shaded(points: tuple[Point, ...], rank: int) -> list[Primitive]:
    """Draw a polygon in the gray step of a level, hatched at the top levels, outlined."""
    shade = SHADES[rank]
    drawn: list[Primitive] = [Shape(points, fill=shade.gray)]
    for angle in shade.hatch:
        drawn += hatch(points, _HATCH_SPACING, angle, _HATCH_WIDTH, INK)
    drawn.append(Shape(points, fill=None, outline=INK, outline_width=_REGION_LINE))
    return drawn


def _centroid(points: Sequence[Point]) -> Point:
    """Return a polygon's area centroid, where its callout points."""
    twice, cx, cy = 0.0, 0.0, 0.0
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        twice += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (3 * twice), cy / (3 * twice)


@dataclass
class _Callout:
    """A number beside a view and the point on the body it leads to."""

    number: str
    """The row's number."""
    view: str
    """The view it stands beside."""
    anchors: tuple[Point, ...]
    """Where its leaders end: one on each part of its region drawn on this view."""
    x: float
    """Its disc's middle, across: beside its view."""
    y: float = field(default=0.0)
    """Its disc's middle, moved so no two discs touch."""


def _anchor(centres: dict[str, float], area: Area, top: float) -> Point:
    """Return where a callout points on an area: the side of the body nearer the numbers."""
    flip = area.mirrored and area.view == "front"  # the front's numbers stand at its left
    return _centroid(_placed(centres, area.view, area.right, top, flip=flip))


def _spread(callouts: list[_Callout], radius: float, low: float, high: float) -> None:
    """Place discs at their anchors' heights, pushed apart to stay clear of one another."""
    step = 2 * radius + radius * 0.35
    callouts.sort(key=lambda c: (c.anchors[0][1], c.number))
    y = low
    for callout in callouts:
        callout.y = y = max(callout.anchors[0][1], y)
        y += step
    overflow = y - step - high
    if overflow > 0:  # pushed below the feet: move the stack up as one
        for callout in callouts:
            callout.y -= overflow


def _callout(callout: _Callout, radius: float, text: float) -> list[Primitive]:
    """Draw a disc with the row's number and leaders to ringed dots on its region."""
    side = 1.0 if callout.view == "front" else -1.0
    x = callout.x
    drawn: list[Primitive] = []
    for point in callout.anchors:
        drawn.append(Stroke(((x + side * radius, callout.y), point), 0.7, INK))
    for point in callout.anchors:  # dots over every leader
        drawn.append(Ellipse(point, 1.9, 1.9, fill=1.0, outline=INK, outline_width=0.7))
    return [
        *drawn,
        Ellipse((x, callout.y), radius, radius, fill=1.0, outline=INK, outline_width=0.9),
        Label(callout.number, (x, callout.y + text * 0.36), text, INK, anchor="middle", bold=True),
    ]


def _legend(words: MapWords, top: float, text: float) -> list[Primitive]:
    """Draw the scale in one line: the low word, five shades, the high word.

    The shades carry no digits: the numbers on the body name the table's rows, and a second
    set of 1 to 5 beside them read as more rows.
    """
    em = 0.6 * text  # a generous letter width: the picture cannot measure the font
    low, high = len(words.low) * em, len(words.high) * em
    gap, pad = text * 0.25, text * 0.35
    box = min(text * 2.2, (WIDTH - low - high - 2 * pad - 4 * gap) / 5)
    strip = 5 * box + 4 * gap
    left = low + pad + (WIDTH - low - high - 2 * pad - strip) / 2
    tall = text * 1.4
    drawn: list[Primitive] = []
    for rank in range(1, 6):
        x = left + (rank - 1) * (box + gap)
        square = ((x, top), (x + box, top), (x + box, top + tall), (x, top + tall))
        drawn += shaded(square, rank)
    middle = top + tall / 2 + text * 0.36
    drawn.append(Label(words.low, (left - pad, middle), text, INK, anchor="end"))
    drawn.append(Label(words.high, (left + strip + pad, middle), text, INK))
    return drawn


def muscle_map(marks: Sequence[Mark], words: MapWords, text: float = TEXT) -> Picture:
    """Draw the map: both views, every mark's region shaded and numbered, and the legend.

    ``text`` is the type size in picture units: a renderer that must print its numbers at
    a given size asks for it, and the picture grows taller around it.
    """
    top = text * 1.6  # under the views' names
    centres = _centres(marks)
    drawn: list[Primitive] = []
    for view, name in (("front", words.front), ("back", words.back)):
        if view in centres:
            drawn.append(Label(name, (centres[view], text), text, INK, anchor="middle", bold=True))
            drawn += _body(centres, view, top)
    callouts: dict[str, list[_Callout]] = {view: [] for view in centres}
    for mark in marks:
        for area in areas(mark.region):
            drawn += shaded(_placed(centres, area.view, area.right, top), mark.rank)
            if area.mirrored:
                drawn += shaded(_placed(centres, area.view, area.right, top, flip=True), mark.rank)
        view = areas(mark.region)[0].view  # numbered once, on the first view it is drawn on
        points = tuple(
            _anchor(centres, area, top) for area in areas(mark.region) if area.view == view
        )
        x = centres[view] + (-_REACH if view == "front" else _REACH)
        callouts[view].append(_Callout(mark.number, view, points, x))
    radius = text * 0.72
    for side in callouts.values():
        _spread(side, radius, top + radius, top + _BODY_HEIGHT - radius)
        for callout in side:
            drawn += _callout(callout, radius, text)
    legend = top + _BODY_HEIGHT + text
    drawn += _legend(words, legend, text)
    height = legend + text * 1.4 + text * 0.4
    return Picture(WIDTH, height, tuple(drawn), words.alt)
