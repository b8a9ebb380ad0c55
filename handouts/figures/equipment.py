"""Equipment as data, seen from the side: a treadmill, a stationary bike, a counter, a floor.

Each is a frozen dataclass placed by a few numbers, with methods returning its primitives
and the points a person touches (rails, pedals, the seat), so a pose is solved to meet
them. Light grays, thin dark outlines: the person, drawn darker, stands out in front.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from handouts.figures.shapes import Ellipse, Point, Primitive, Shape, Stroke

OUTLINE = 0.25
"""Gray of equipment outlines."""
BODY = 0.82
"""Gray of equipment surfaces."""
METAL = 0.45
"""Gray of frames, posts and rails."""


def box(left: float, top: float, right: float, bottom: float) -> tuple[Point, ...]:
    """Return a rectangle's corners, clockwise from the top left."""
    return ((left, top), (right, top), (right, bottom), (left, bottom))


@dataclass(frozen=True)
class Floor:
    """The floor line under everything."""

    y: float
    """Its height in the picture."""
    left: float
    """Where it starts."""
    right: float
    """Where it ends."""

    def shapes(self) -> tuple[Primitive, ...]:
        """Return the floor line."""
        return (Stroke(((self.left, self.y), (self.right, self.y)), 1.6, OUTLINE),)


@dataclass(frozen=True)
class Treadmill:
    """A treadmill with its console at the left end, seen from the side."""

    floor: float
    """The floor's height."""
    front: float
    """The console end's x."""
    rear: float
    """The far end's x."""

    @property
    def belt(self) -> float:
        """Return the belt's top surface height."""
        return self.floor - 10

    @property
    def rail_top(self) -> float:
        """Return the top of the side rail, a little above the belt."""
        return self.floor - 14

    @property
    def handrail(self) -> float:
        """Return the height of the side handrails."""
        return self.floor - 66

    @property
    def handrail_end(self) -> float:
        """Return where the side handrails end, towards the rear."""
        return self.front + 74

    @property
    def key(self) -> Point:
        """Return where the stop clip's cord leaves the console."""
        return (self.front + 22, self.floor - 78)

    def back(self) -> tuple[Primitive, ...]:
        """Return the deck, belt, post, console and handrails: what a person stands in front of."""
        f, r, y = self.front, self.rear, self.floor
        deck = Shape(box(f, y - 11, r, y - 3), fill=BODY, outline=OUTLINE, outline_width=1.2)
        rollers = tuple(
            Ellipse((x, y - 7), 3.2, 3.2, fill=METAL, outline=OUTLINE, outline_width=0.8)
            for x in (f + 5, r - 5)
        )
        belt = Stroke(((f + 2, self.belt), (r - 2, self.belt)), 2.0, OUTLINE)
        feet = tuple(Shape(box(x - 4, y - 3, x + 4, y), fill=OUTLINE) for x in (f + 8, r - 8))
        post = Stroke(((f + 6, y - 8), (f + 16, y - 74)), 5.5, METAL)
        console = Shape(
            ((f + 6, y - 80), (f + 32, y - 86), (f + 34, y - 76), (f + 10, y - 70)),
            fill=0.55,
            outline=OUTLINE,
            outline_width=1.2,
        )
        key = Ellipse(self.key, 2.2, 2.2, fill=0.0)
        rail = Stroke(
            (
                (f + 16, self.handrail - 4),
                (f + 24, self.handrail),
                (self.handrail_end, self.handrail),
            ),
            3.6,
            METAL,
        )
        return (*feet, deck, *rollers, belt, post, console, key, rail)

    def side_rail(self) -> tuple[Primitive, ...]:
        """Return the near side rail beside the belt: feet stand on it, or it hides their soles."""
        outline = box(self.front + 10, self.rail_top, self.rear - 10, self.belt + 1.5)
        return (Shape(outline, fill=0.68, outline=OUTLINE, outline_width=1.0),)

    def clip(self, waist: Point) -> tuple[Primitive, ...]:
        """Return the stop clip's cord from the console key to a clip at ``waist``."""
        (x0, y0), (x1, y1) = self.key, waist
        sag = tuple(
            (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + 9 * math.sin(math.pi * t))
            for t in (i / 12 for i in range(13))
        )
        clip = Shape(box(x1 - 2.2, y1 - 3.2, x1 + 2.2, y1 + 3.2), fill=0.0)
        return (Stroke(sag, 1.3, 0.0), clip)


@dataclass(frozen=True)
class Bike:
    """An upright stationary bike facing right: seat at the left, handlebars at the right."""

    floor: float
    """The floor's height."""
    crank: Point
    """The crank's centre."""
    seat: Point
    """The top of the seat, where the hip sits above."""
    bars: Point
    """Where the hands hold the handlebars."""

    radius: float = 9.0
    """The crank arm's length."""

    def pedal(self, angle: float) -> Point:
        """Return a pedal's axle at ``angle`` degrees: 0 forward, 90 down, clockwise."""
        cx, cy = self.crank
        return (
            cx + self.radius * math.cos(math.radians(angle)),
            cy + self.radius * math.sin(math.radians(angle)),
        )

    def back(self) -> tuple[Primitive, ...]:
        """Return the stands, frame, flywheel housing, seat and handlebars."""
        y, (cx, cy), (sx, sy), (bx, by) = self.floor, self.crank, self.seat, self.bars
        stands = (
            Stroke(((sx - 18, y - 2), (sx + 8, y - 2)), 4.0, OUTLINE),
            Stroke(((cx + 14, y - 2), (cx + 44, y - 2)), 4.0, OUTLINE),
        )
        housing = Ellipse((cx + 18, cy - 8), 19, 17, fill=BODY, outline=OUTLINE, outline_width=1.2)
        frame = (
            Stroke(((sx - 4, y - 3), (cx, cy)), 6.0, METAL),
            Stroke(((cx, cy), (cx + 30, y - 3)), 6.0, METAL),
            Stroke(((cx, cy), (sx - 3, sy + 24)), 6.0, METAL),
            Stroke(((sx - 3, sy + 24), (sx, sy + 2)), 4.0, METAL),
            Stroke(((cx + 12, cy - 22), (bx + 10, by + 8), (bx + 8, by + 1)), 5.5, METAL),
        )
        seat = Shape(
            ((sx - 10, sy - 1), (sx + 7, sy - 1), (sx + 10, sy + 2), (sx - 9, sy + 4)),
            fill=0.2,
            outline=0.2,
            outline_width=1.5,
        )
        bars = Stroke(((bx + 8, by + 1), (bx + 2, by), (bx - 3, by - 2)), 4.0, 0.3)
        return (*stands, housing, *frame, seat, bars)

    def crank_arm(self, angle: float, gray: float) -> tuple[Primitive, ...]:
        """Return one crank arm and its pedal at ``angle``."""
        px, py = self.pedal(angle)
        return (
            Stroke((self.crank, (px, py)), 3.2, gray),
            Shape(box(px - 4.5, py - 1.2, px + 4.5, py + 1.2), fill=gray),
        )

    def hub(self) -> tuple[Primitive, ...]:
        """Return the crank's hub, drawn over its arms."""
        return (Ellipse(self.crank, 3.2, 3.2, fill=0.3),)


@dataclass(frozen=True)
class Counter:
    """A kitchen counter (or a wall rail) behind the person, its top at hand height."""

    floor: float
    """The floor's height."""
    left: float
    """Its left end."""
    right: float
    """Its right end."""
    top: float
    """The height of its top surface."""

    def shapes(self) -> tuple[Primitive, ...]:
        """Return the cupboards and the worktop."""
        cupboards = Shape(
            box(self.left + 2, self.top + 3, self.right - 2, self.floor),
            fill=0.9,
            outline=0.5,
            outline_width=1.0,
        )
        doors = tuple(
            Stroke(((x, self.top + 7), (x, self.floor - 4)), 0.8, 0.6)
            for x in range(int(self.left) + 40, int(self.right) - 10, 40)
        )
        worktop = Shape(
            box(self.left, self.top, self.right, self.top + 4),
            fill=0.8,
            outline=OUTLINE,
            outline_width=1.0,
        )
        return (cupboards, *doors, worktop)
