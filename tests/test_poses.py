"""The named drawings: each framed alike, its person touching the equipment it uses."""

from __future__ import annotations

import math

import pytest

from handouts.figures import figure, poses
from handouts.figures.shapes import Arrow, Ellipse, Stroke, bounds


@pytest.mark.parametrize("name", sorted(poses.POSES))
def test_every_drawing_is_framed_close_with_everything_inside(name: str) -> None:
    picture = poses.picture(name, "alt words")
    assert picture.alt == "alt words"
    assert poses.LOWEST <= picture.aspect <= poses.TALLEST
    left, top, right, bottom = bounds(picture.shapes)
    assert left >= 0 and top >= 0
    assert right <= picture.width + 1e-9 and bottom <= picture.height + 1e-9


def test_the_closed_list_of_poses() -> None:
    assert sorted(poses.POSES) == [
        "bike-backward",
        "bike-seated",
        "floor-stand",
        "floor-step-back",
        "treadmill-start",
        "treadmill-walk",
    ]


@pytest.mark.parametrize("name", ["treadmill-walk", "bike-backward", "floor-step-back"])
def test_drawings_of_a_movement_have_an_arrow(name: str) -> None:
    assert any(isinstance(s, Arrow) for s in poses.POSES[name]())


def test_on_the_treadmill_feet_stand_on_the_side_rails_then_on_the_belt() -> None:
    mill = poses.Treadmill(poses.FLOOR, 14, 192)
    soles = {}
    for name in ("treadmill-start", "treadmill-walk"):
        feet = [s for s in poses.POSES[name]() if isinstance(s, Stroke) and s.width == 5.0]
        soles[name] = max(y for foot in feet for _, y in foot.points) + 2.5
    assert soles["treadmill-start"] == pytest.approx(mill.rail_top, abs=0.5)
    assert soles["treadmill-walk"] == pytest.approx(mill.belt, abs=0.5)


def test_the_stop_clip_is_on_in_both_treadmill_drawings() -> None:
    mill = poses.Treadmill(poses.FLOOR, 14, 192)
    for name in ("treadmill-start", "treadmill-walk"):
        cords = [s for s in poses.POSES[name]() if isinstance(s, Stroke) and s.width == 1.3]
        assert len(cords) == 1 and cords[0].points[0] == mill.key


def test_on_the_bike_the_knee_is_a_little_bent_at_the_bottom() -> None:
    pose = poses._bike_pose(poses.BIKE, 95)
    assert 10 < pose.near_leg.middle < 40  # bent, but only a little
    _, ankle, _, _ = figure.leg_points(pose, pose.near_leg)
    px, py = poses.BIKE.pedal(95)
    assert math.hypot(ankle[0] - (px - 6.5), ankle[1] - (py - 7.2)) < 1e-6


def test_the_pedal_arrow_runs_backward_over_the_top() -> None:
    arrows = [s for s in poses.bike_backward() if isinstance(s, Arrow) and s.gray == 0.0]
    (shaft,) = arrows
    top = min(shaft.points, key=lambda p: p[1])
    i = shaft.points.index(top)
    assert shaft.points[i + 1][0] < top[0]  # over the top it moves back, towards the seat


def test_the_backward_step_puts_the_toes_down_first_behind_the_body() -> None:
    drawn = poses.floor_step_back()
    hip_x = 112.0
    near_foot = [
        s
        for s in drawn
        if isinstance(s, Stroke) and s.width == 5.0 and s.gray == figure.NEAR and len(s.points) == 3
    ]
    (foot,) = near_foot
    heel, toe = foot.points[1], foot.points[2]
    assert toe[0] < hip_x and toe[1] > heel[1] + 4  # behind, toes lower than the heel
    assert toe[1] + 2.5 == pytest.approx(poses.FLOOR, abs=0.05)
    step = [s for s in drawn if isinstance(s, Arrow) and s.gray == 0.0]
    assert step[0].points[-1][0] < step[0].points[0][0]  # pointing back


def test_heads_are_drawn_in_every_drawing() -> None:
    for name, make in poses.POSES.items():
        assert any(isinstance(s, Ellipse) and s.rx == figure.HEAD for s in make()), name
