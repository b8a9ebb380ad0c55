"""The named drawings a topic's figure block may ask for with ``pose:``.

Each is the shared figure (``figure``) in a pose solved to touch its equipment
(``equipment``), with arrows for the direction of movement, framed close. The
names are a closed list (``POSES``): the content check refuses any other. What a drawing
means is said by the content's caption and alt text, never here.
"""

from __future__ import annotations

from collections.abc import Callable

from handouts.figures import figure
from handouts.figures.equipment import Bike, Counter, Floor, Treadmill
from handouts.figures.figure import Limb, Pose, reach_arm, reach_leg, shoulder
from handouts.figures.shapes import Arrow, Picture, Point, Primitive, arc, bounds, framed

FLOOR = 140.0
"""The floor's height in every scene (pictures are framed round what is drawn)."""
STANDING = figure.THIGH + figure.SHIN + figure.HEEL_DROP + figure.WIDTHS["foot"] / 2
"""Hip height above the sole of a straight leg with a flat foot."""


def arrow(points: tuple[Point, ...], width: float = 3.0) -> tuple[Primitive, ...]:
    """Return a bold black arrow edged in white, so it reads over anything it crosses."""
    edge = Arrow(points, width + 2.4, 1.0, head=4 * width + 2.4)
    return (edge, Arrow(points, width, 0.0, head=4 * width))


def _ankle_on(ground: float, x: float, facing: int) -> Point:
    """Return where the ankle is for a flat foot whose sole is on ``ground`` at heel ``x``."""
    return (x + figure.HEEL_BACK * facing, ground - figure.HEEL_DROP - figure.WIDTHS["foot"] / 2)


def treadmill_start() -> tuple[Primitive, ...]:
    """Draw facing the back of the machine, a foot on each side rail, both hands on the rails."""
    mill = Treadmill(FLOOR, 14, 192)
    ground = mill.rail_top
    hip = (62.0, ground - STANDING + 1.0)
    lean = 2.0
    top = shoulder(Pose(hip, 1, lean, *(Limb(0, 0),) * 4))
    near_hand, far_hand = (hip[0] + 6, mill.handrail - 2), (hip[0] + 9, mill.handrail - 3)
    pose = Pose(
        hip,
        1,
        lean,
        near_leg=reach_leg(hip, lean, 1, _ankle_on(ground, hip[0] - 5, 1)),
        far_leg=reach_leg(hip, lean, 1, _ankle_on(ground, hip[0] - 1, 1)),
        near_arm=reach_arm(top, lean, 1, near_hand),
        far_arm=reach_arm(top, lean, 1, far_hand),
    )
    waist = (hip[0] - 4, hip[1] - 7)
    return (*mill.back(), *mill.side_rail(), *figure.draw(pose), *mill.clip(waist))


def treadmill_walk() -> tuple[Primitive, ...]:
    """Draw walking backward on the belt: toes reach back, a light hold, the belt runs rearward."""
    mill = Treadmill(FLOOR, 14, 192)
    ground = mill.belt
    hip = (78.0, ground - STANDING + 2.0)
    lean = 4.0
    top = shoulder(Pose(hip, 1, lean, *(Limb(0, 0),) * 4))
    back_toe = (hip[0] - 16, ground - figure.WIDTHS["foot"] / 2)
    pose = Pose(
        hip,
        1,
        lean,
        near_leg=_toe_down(hip, lean, back_toe, 38),
        far_leg=reach_leg(hip, lean, 1, _ankle_on(ground, hip[0] + 1, 1)),
        near_arm=reach_arm(top, lean, 1, (hip[0] - 6, mill.handrail - 1.5)),
        far_arm=reach_arm(top, lean, 1, (hip[0] - 3, mill.handrail - 2.5)),
    )
    waist = (hip[0] - 4, hip[1] - 7)
    belt = arrow(((110, FLOOR - 7), (170, FLOOR - 7)), 1.6)
    step = arrow(((hip[0] - 22, ground - 22), (hip[0] - 46, ground - 22)))
    return (
        *mill.back(),
        *figure.draw(pose),
        *mill.side_rail(),
        *mill.clip(waist),
        *belt,
        *step,
    )


def _toe_down(hip: Point, lean: float, toe: Point, point: float) -> Limb:
    """Return a leg reaching back whose toes touch ``toe``, the foot pointed ``point`` degrees."""
    # Solve for the ankle, from the toe back along a foot pointing down at that angle.
    probe = reach_leg(hip, lean, 1, toe, point)
    knee, ankle, _, tip = figure.leg_points(Pose(hip, 1, lean, probe, probe, probe, probe), probe)
    del knee
    target = (ankle[0] + toe[0] - tip[0], ankle[1] + toe[1] - tip[1])
    for _ in range(6):  # the foot's angle follows the shin's: a few rounds settle it
        leg = reach_leg(hip, lean, 1, target, point)
        _, ankle, _, tip = figure.leg_points(Pose(hip, 1, lean, leg, leg, leg, leg), leg)
        target = (target[0] + toe[0] - tip[0], target[1] + toe[1] - tip[1])
    return reach_leg(hip, lean, 1, target, point)


def _bike_pose(bike: Bike, near_angle: float) -> Pose:
    """Return the rider seated, hands on the bars, feet on the pedals at these crank angles."""
    hip = (bike.seat[0], bike.seat[1] - 4)
    lean = 22.0
    top = shoulder(Pose(hip, 1, lean, *(Limb(0, 0),) * 4))

    def on_pedal(angle: float) -> Point:
        px, py = bike.pedal(angle)  # the ball of the foot on the pedal
        return (px - 6.5, py - 1.2 - figure.HEEL_DROP - figure.WIDTHS["foot"] / 2)

    return Pose(
        hip,
        1,
        lean,
        near_leg=reach_leg(hip, lean, 1, on_pedal(near_angle)),
        far_leg=reach_leg(hip, lean, 1, on_pedal(near_angle + 180)),
        near_arm=reach_arm(top, lean, 1, bike.bars),
        far_arm=reach_arm(top, lean, 1, (bike.bars[0] + 2, bike.bars[1] - 1)),
        head=-14,
    )


BIKE = Bike(FLOOR, crank=(88.0, FLOOR - 21), seat=(66.0, FLOOR - 59), bars=(104.0, FLOOR - 76))
"""The bike every bike drawing shows, its seat set so the knee stays a little bent."""


def _bike(near_angle: float) -> list[Primitive]:
    """Return the bike and its rider, the near crank arm between the far leg and the body."""
    pose = _bike_pose(BIKE, near_angle)
    return [
        *BIKE.back(),
        *BIKE.crank_arm(near_angle + 180, 0.5),
        *figure.far_side(pose),
        *BIKE.crank_arm(near_angle, 0.25),
        *BIKE.hub(),
        *figure.near_side(pose),
    ]


def bike_seated() -> tuple[Primitive, ...]:
    """Draw the rider seated, the near pedal at the bottom and the knee still a little bent."""
    return tuple(_bike(95))


def bike_backward() -> tuple[Primitive, ...]:
    """Draw pedalling backward: a curved arrow round the crank, against the usual way."""
    circle = arc(BIKE.crank, 19, 40, -205, steps=30)
    return (*_bike(20), *arrow(circle, 2.6))


COUNTER = Counter(FLOOR, 44, 176, FLOOR - 54)
"""The counter beside the walker."""


def _walker(hip: Point, near: Limb, far: Limb) -> Pose:
    lean = 1.0
    top = shoulder(Pose(hip, 1, lean, *(Limb(0, 0),) * 4))
    return Pose(
        hip,
        1,
        lean,
        near_leg=near,
        far_leg=far,
        near_arm=Limb(6, 14),
        far_arm=reach_arm(top, lean, 1, (hip[0] + 14, COUNTER.top - 1.5)),
    )


def floor_stand() -> tuple[Primitive, ...]:
    """Draw standing tall beside the counter, one hand resting on it."""
    hip = (100.0, FLOOR - STANDING + 0.5)
    near = reach_leg(hip, 1.0, 1, _ankle_on(FLOOR, hip[0] - 4, 1))
    far = reach_leg(hip, 1.0, 1, _ankle_on(FLOOR, hip[0] - 1, 1))
    pose = _walker(hip, near, far)
    return (*COUNTER.shapes(), *Floor(FLOOR, 36, 184).shapes(), *figure.draw(pose))


def floor_step_back() -> tuple[Primitive, ...]:
    """Draw a short step back, toes down first, with an arrow the way the person moves."""
    hip = (112.0, FLOOR - STANDING + 1.5)
    far = reach_leg(hip, 1.0, 1, _ankle_on(FLOOR, hip[0] + 1, 1))
    near = _toe_down(hip, 1.0, (hip[0] - 17, FLOOR - figure.WIDTHS["foot"] / 2), 40)
    pose = _walker(hip, near, far)
    step = arrow(((hip[0] - 26, FLOOR - 20), (hip[0] - 56, FLOOR - 20)))
    return (*COUNTER.shapes(), *Floor(FLOOR, 36, 184).shapes(), *figure.draw(pose), *step)


POSES: dict[str, Callable[[], tuple[Primitive, ...]]] = {
    "treadmill-start": treadmill_start,
    "treadmill-walk": treadmill_walk,
    "bike-seated": bike_seated,
    "bike-backward": bike_backward,
    "floor-stand": floor_stand,
    "floor-step-back": floor_step_back,
}
"""Every pose a figure block may name, and the drawing it makes."""


LOWEST, TALLEST = 0.62, 0.8
"""The range of a drawing's height over its width: framed close, but never so tall that
it pushes the steps beside it apart, nor so flat that its person is small."""
MARGIN = 4.0
"""Units of white round what is drawn."""


def picture(name: str, alt: str) -> Picture:
    """Return the named drawing, framed close, with the content's alt text."""
    drawn = POSES[name]()
    left, top, right, bottom = bounds(drawn)
    natural = (bottom - top + 2 * MARGIN) / (right - left + 2 * MARGIN)
    return framed(drawn, min(max(natural, LOWEST), TALLEST), MARGIN, alt)
