"""The format-neutral picture primitives: arrowheads, arcs and gray levels."""

from __future__ import annotations

import math

import pytest

from handouts.figures.shapes import Arrow, Picture, Shape, Stroke, arc, gray_hex


def test_arrow_head_points_at_the_tip_and_the_shaft_stops_inside_it() -> None:
    shaft, head = Arrow(((0, 0), (10, 0)), width=1).parts()
    assert isinstance(shaft, Stroke) and isinstance(head, Shape)
    assert head.points[0] == (10, 0)
    assert {round(p[0], 6) for p in head.points[1:]} == {6.0}  # base 4 widths back
    assert shaft.points[-1][0] == pytest.approx(10 - 2.4)
    assert shaft.points[-1][0] > 6  # the round cap is hidden under the head


def test_arrow_of_a_given_head_length_and_gray() -> None:
    shaft, head = Arrow(((0, 0), (0, 20)), width=1, gray=0.3, head=5).parts()
    assert head.fill == 0.3 and shaft.gray == 0.3
    assert {round(p[1], 6) for p in head.points[1:]} == {15.0}


def test_arc_runs_clockwise_on_the_page_from_start_to_end() -> None:
    points = arc((0, 0), 2, 0, 90, steps=2)
    assert points[0] == pytest.approx((2, 0))
    assert points[1] == pytest.approx((math.sqrt(2), math.sqrt(2)))
    assert points[2] == pytest.approx((0, 2))  # 90 degrees is straight down


def test_gray_levels_are_hex_the_same_for_both_renderers() -> None:
    assert gray_hex(0) == "000000"
    assert gray_hex(1) == "FFFFFF"
    assert gray_hex(0.5) == "808080"
    assert gray_hex(1.5) == "FFFFFF"


def test_picture_aspect() -> None:
    assert Picture(100, 60, ()).aspect == pytest.approx(0.6)
