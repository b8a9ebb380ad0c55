"""A checked SVG becomes our own primitives: y down, grays, transforms applied, curves flat."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.figures import svgpicture
from handouts.figures.shapes import Ellipse, Label, Shape, Stroke
from handouts.figures.svgcheck import SvgProblem

SVG = Path(__file__).parent / "fixtures" / "svg"


def test_a_drawing_becomes_primitives_in_points_with_y_down() -> None:
    picture = svgpicture.picture(SVG / "ok.svg", "A step back")
    assert picture.alt == "A step back"
    assert (picture.width, picture.height) == (90, 67.5)  # 120 × 90 px at 0.75 pt a px
    floor = picture.shapes[0]
    assert isinstance(floor, Shape)
    assert floor.points[0] == pytest.approx((3.75, 52.5))  # y measured down, as in the SVG
    assert floor.fill == pytest.approx(0.8)  # #ccc


def test_a_referenced_shape_is_drawn_under_its_groups_transform() -> None:
    picture = svgpicture.picture(SVG / "ok.svg", "")
    (head,) = [s for s in picture.shapes if isinstance(s, Ellipse)]
    assert head.center == pytest.approx((45.0, 13.5))  # translate(60 10), cy 8, in points
    assert head.rx == pytest.approx(5.25)


def test_curves_are_flattened_and_strokes_keep_their_width() -> None:
    picture = svgpicture.picture(SVG / "ok.svg", "")
    strokes = [s for s in picture.shapes if isinstance(s, Stroke) and s.gray == 0.0]
    curve = max(strokes, key=lambda s: len(s.points))
    assert len(curve.points) == 1 + svgpicture.CURVE_STEPS
    assert curve.points[-1] == pytest.approx((54.0, 58.5))
    assert curve.width == pytest.approx(3.75)


def test_text_is_a_label() -> None:
    picture = svgpicture.picture(SVG / "ok.svg", "")
    (label,) = [s for s in picture.shapes if isinstance(s, Label)]
    assert label.text == "Back" and label.at == pytest.approx((7.5, 15.0))


def test_nothing_to_draw_is_refused() -> None:
    with pytest.raises(SvgProblem) as refused:
        svgpicture.picture(SVG / "empty.svg", "")
    assert refused.value.message == "expected an SVG with something to draw but got no shapes"


def test_hostile_files_never_reach_svglib() -> None:
    with pytest.raises(SvgProblem) as refused:
        svgpicture.picture(SVG / "external-use.svg", "")
    assert "references inside the file" in refused.value.message
