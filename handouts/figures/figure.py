"""The shared figure: a side-view person drawn from joint angles as thick rounded strokes.

A ``Pose`` says where the hip is, which way the person faces, how far the trunk leans and
how each limb is bent; ``draw`` turns it into primitives. The body's proportions are fixed
(a standing height of about 100 units), so every drawing shows the same person. Angles are
in degrees, measured from straight down, positive towards the way the person faces: a
hip angle of 30 swings the thigh forward, a knee angle of 30 bends the shin back. The far
limbs are a lighter gray, so a reader sees which leg is which when they cross.

``reach`` solves a limb's angles from where its end must be (a foot on a pedal, a hand on
a rail), so equipment and person stay in contact when either is moved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from handouts.figures.shapes import Ellipse, Point, Primitive, Shape, Stroke

THIGH = 24.5
"""Hip to knee."""
SHIN = 24.5
"""Knee to ankle."""
TORSO = 30.0
"""Hip to shoulder."""
NECK = 4.0
"""Shoulder to the bottom of the head."""
HEAD = 6.8
"""The head's radius."""
UPPER_ARM = 16.5
"""Shoulder to elbow."""
FOREARM = 17.0
"""Elbow to the middle of the hand."""
FOOT = 13.0
"""Heel to toe."""
HEEL_DROP = 3.5
"""Ankle to sole, across the foot."""
HEEL_BACK = 2.5
"""How far the heel sits behind the ankle, along the foot."""

NEAR = 0.1
"""Gray of the torso, head and the limbs nearer the reader."""
FAR = 0.58
"""Gray of the limbs on the far side."""
HALO = 1.0
"""Gray of the thin edge that parts a near limb from what lies behind it."""

WIDTHS = {"torso": 11.0, "thigh": 8.0, "shin": 6.8, "foot": 5.0, "upper": 6.0, "fore": 5.0}
"""Each segment's stroke width."""


@dataclass(frozen=True)
class Limb:
    """The bend of one arm or leg, in degrees."""

    root: float
    """Hip or shoulder: the first segment's swing forward from the trunk's line."""
    middle: float
    """Knee (shin swings back) or elbow (forearm swings forward)."""
    end: float | None = None
    """Ankle: how far the toes point down from a right angle; ``None`` keeps the foot flat."""


@dataclass(frozen=True)
class Pose:
    """Where a person is and how they hold themselves."""

    hip: Point
    """The hip joint, in picture units."""
    facing: int
    """``1`` faces right (towards growing x), ``-1`` faces left."""
    lean: float
    """The trunk's lean forward from upright."""
    near_leg: Limb
    """The leg nearer the reader."""
    far_leg: Limb
    """The leg on the far side."""
    near_arm: Limb
    """The arm nearer the reader."""
    far_arm: Limb
    """The arm on the far side."""
    head: float = 0.0
    """The head's nod forward from the trunk's line."""


def direction(angle: float, facing: int) -> Point:
    """Return the unit vector ``angle`` degrees from straight down, forward positive."""
    radians = math.radians(angle)
    return (facing * math.sin(radians), math.cos(radians))


def _along(start: Point, angle: float, length: float, facing: int) -> Point:
    dx, dy = direction(angle, facing)
    return (start[0] + dx * length, start[1] + dy * length)


def shoulder(pose: Pose) -> Point:
    """Return the shoulder joint of a pose."""
    return _along(pose.hip, 180 - pose.lean, TORSO, pose.facing)


def leg_points(pose: Pose, limb: Limb) -> tuple[Point, Point, Point, Point]:
    """Return the knee, ankle, heel and toe of a leg."""
    thigh = limb.root - pose.lean
    shin = thigh - limb.middle
    foot = 90.0 if limb.end is None else shin + 90 - limb.end
    knee = _along(pose.hip, thigh, THIGH, pose.facing)
    ankle = _along(knee, shin, SHIN, pose.facing)
    heel = _along(_along(ankle, foot - 90, HEEL_DROP, pose.facing), foot, -HEEL_BACK, pose.facing)
    toe = _along(heel, foot, FOOT, pose.facing)
    return knee, ankle, heel, toe


def arm_points(pose: Pose, limb: Limb) -> tuple[Point, Point]:
    """Return the elbow and hand of an arm."""
    upper = limb.root - pose.lean
    elbow = _along(shoulder(pose), upper, UPPER_ARM, pose.facing)
    hand = _along(elbow, upper + limb.middle, FOREARM, pose.facing)
    return elbow, hand


def _solve(
    root: Point, target: Point, first: float, second: float, facing: int
) -> tuple[float, float, float]:
    """Return the angle towards the target, the first segment's angle off it, and the bend.

    The bend is never negative: a target out of reach straightens the limb towards it.
    """
    dx, dy = (target[0] - root[0]) * facing, target[1] - root[1]
    distance = min(math.hypot(dx, dy), first + second - 1e-9)
    towards = math.degrees(math.atan2(dx, dy))
    cos_root = (first**2 + distance**2 - second**2) / (2 * first * distance)
    cos_bend = (first**2 + second**2 - distance**2) / (2 * first * second)
    offset = math.degrees(math.acos(max(-1.0, min(1.0, cos_root))))
    bend = 180 - math.degrees(math.acos(max(-1.0, min(1.0, cos_bend))))
    return towards, offset, bend


def reach_leg(hip: Point, lean: float, facing: int, ankle: Point, end: float | None = None) -> Limb:
    """Return the leg whose ankle is at ``ankle``, knee bent forward (as knees bend)."""
    towards, offset, bend = _solve(hip, ankle, THIGH, SHIN, facing)
    return Limb(towards + offset + lean, bend, end)


def reach_arm(shoulder_at: Point, lean: float, facing: int, hand: Point) -> Limb:
    """Return the arm whose hand is at ``hand``, elbow bent backward (as elbows bend)."""
    towards, offset, bend = _solve(shoulder_at, hand, UPPER_ARM, FOREARM, facing)
    return Limb(towards - offset + lean, bend)


def _limb_strokes(points: list[Point], names: list[str], gray: float, halo: bool) -> list[Stroke]:
    """Return a limb's segments, each as wide as its name says, optionally edged in white."""
    strokes: list[Stroke] = []
    if halo:
        strokes += [
            Stroke((a, b), WIDTHS[name] + 2.2, HALO)
            for a, b, name in zip(points, points[1:], names, strict=False)
        ]
    strokes += [
        Stroke((a, b), WIDTHS[name], gray)
        for a, b, name in zip(points, points[1:], names, strict=False)
    ]
    return strokes


def _leg(pose: Pose, limb: Limb, gray: float, halo: bool) -> list[Stroke]:
    knee, ankle, heel, toe = leg_points(pose, limb)
    strokes = _limb_strokes([pose.hip, knee, ankle], ["thigh", "shin"], gray, halo)
    foot = Stroke((ankle, heel, toe), WIDTHS["foot"], gray)
    return strokes + ([Stroke(foot.points, foot.width + 2.2, HALO)] if halo else []) + [foot]


def _arm(pose: Pose, limb: Limb, gray: float, halo: bool) -> list[Stroke]:
    elbow, hand = arm_points(pose, limb)
    return _limb_strokes([shoulder(pose), elbow, hand], ["upper", "fore"], gray, halo)


def _head(pose: Pose) -> list[Primitive]:
    """Return the head, with a nose that shows which way the person faces."""
    up = 180 - pose.lean - pose.head
    center = _along(shoulder(pose), up, NECK + HEAD, pose.facing)
    neck = Stroke((shoulder(pose), center), 5.0, NEAR)
    forward = up - 90  # perpendicular to the neck, towards the face
    tip = _along(_along(center, forward, HEAD + 2.2, pose.facing), up, -0.5, pose.facing)
    upper = _along(_along(center, forward, HEAD - 1.0, pose.facing), up, 1.8, pose.facing)
    lower = _along(_along(center, forward, HEAD - 1.0, pose.facing), up, -2.6, pose.facing)
    return [neck, Ellipse(center, HEAD, HEAD, fill=NEAR), Shape((upper, tip, lower), fill=NEAR)]


def far_side(pose: Pose) -> tuple[Primitive, ...]:
    """Return the far arm and leg: equipment between them and the body goes after these."""
    return (*_arm(pose, pose.far_arm, FAR, False), *_leg(pose, pose.far_leg, FAR, False))


def near_side(pose: Pose) -> tuple[Primitive, ...]:
    """Return the trunk, head and near limbs, each edged so it stands out from behind."""
    torso = (pose.hip, shoulder(pose))
    return (
        Stroke(torso, WIDTHS["torso"] + 2.2, HALO),
        Stroke(torso, WIDTHS["torso"], NEAR),
        *_head(pose),
        *_leg(pose, pose.near_leg, NEAR, True),
        *_arm(pose, pose.near_arm, NEAR, True),
    )


def draw(pose: Pose) -> tuple[Primitive, ...]:
    """Return the person in a pose, back to front: far limbs, trunk and head, near limbs."""
    return (*far_side(pose), *near_side(pose))
