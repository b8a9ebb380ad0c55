"""The shared figure: joint angles to joints, limbs solved to reach, drawn back to front."""

from __future__ import annotations

import math

import pytest

from handouts.figures import figure
from handouts.figures.figure import Limb, Pose, arm_points, leg_points, reach_arm, reach_leg
from handouts.figures.shapes import Ellipse, Stroke

STRAIGHT = Limb(0, 0)


def _pose(**limbs: Limb) -> Pose:
    parts = {"near_leg": STRAIGHT, "far_leg": STRAIGHT, "near_arm": STRAIGHT, "far_arm": STRAIGHT}
    return Pose((0.0, 0.0), 1, 0.0, **{**parts, **limbs})


def test_a_straight_leg_stands_under_the_hip_with_the_foot_forward() -> None:
    knee, ankle, heel, toe = leg_points(_pose(), STRAIGHT)
    assert knee == pytest.approx((0, figure.THIGH))
    assert ankle == pytest.approx((0, figure.THIGH + figure.SHIN))
    assert heel[1] == pytest.approx(toe[1])  # flat
    assert toe[0] - heel[0] == pytest.approx(figure.FOOT)  # pointing the way it faces


def test_facing_left_mirrors_the_figure() -> None:
    right = leg_points(_pose(), Limb(30, 40))
    left_pose = Pose((0.0, 0.0), -1, 0.0, STRAIGHT, STRAIGHT, STRAIGHT, STRAIGHT)
    left = leg_points(left_pose, Limb(30, 40))
    for a, b in zip(right, left, strict=True):
        assert a == pytest.approx((-b[0], b[1]))


def test_a_bent_knee_swings_the_shin_back() -> None:
    knee, ankle, _, _ = leg_points(_pose(), Limb(0, 90))
    assert ankle == pytest.approx((knee[0] - figure.SHIN, knee[1]))


def test_a_pointed_foot_points_the_toes_down() -> None:
    _, _, heel, toe = leg_points(_pose(), Limb(0, 0, 40))
    assert toe[1] > heel[1]


@pytest.mark.parametrize("target", [(10.0, 40.0), (-15.0, 44.0), (5.0, 30.0)])
def test_a_leg_reaches_its_target_with_the_knee_forward(target: tuple[float, float]) -> None:
    hip = (0.0, 0.0)
    leg = reach_leg(hip, 5.0, 1, target)
    pose = Pose(hip, 1, 5.0, leg, STRAIGHT, STRAIGHT, STRAIGHT)
    knee, ankle, _, _ = leg_points(pose, leg)
    assert ankle == pytest.approx(target)
    # the knee is in front of the line from hip to ankle
    cross = target[0] * knee[1] - target[1] * knee[0]
    assert cross < 0


def test_an_arm_reaches_its_target_with_the_elbow_back() -> None:
    pose = _pose()
    shoulder = figure.shoulder(pose)
    hand_at = (shoulder[0] + 20, shoulder[1] + 15)
    arm = reach_arm(shoulder, 0.0, 1, hand_at)
    elbow, hand = arm_points(Pose((0.0, 0.0), 1, 0.0, STRAIGHT, STRAIGHT, arm, STRAIGHT), arm)
    assert hand == pytest.approx(hand_at)
    assert elbow[0] < shoulder[0] + 20 * (figure.UPPER_ARM / math.hypot(20, 15))


def test_out_of_reach_straightens_the_limb_towards_it() -> None:
    leg = reach_leg((0.0, 0.0), 0.0, 1, (0.0, 200.0))
    assert leg.middle == pytest.approx(0, abs=1e-3)


def test_far_limbs_are_drawn_first_and_lighter() -> None:
    drawn = figure.draw(_pose())
    far = figure.far_side(_pose())
    assert drawn[: len(far)] == far
    assert all(s.gray == figure.FAR for s in far if isinstance(s, Stroke))
    assert any(isinstance(s, Ellipse) and s.fill == figure.NEAR for s in drawn)
