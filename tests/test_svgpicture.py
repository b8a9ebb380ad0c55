"""A checked SVG becomes our own primitives: y down, grays, transforms applied, curves flat."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.figures import svgpicture
from handouts.figures.shapes import Ellipse, Label, Shape, Stroke
from handouts.figures.svgcheck import SvgProblem

SVG = Path(__file__).parent / "fixtures" / "svg"


def _px(picture: object) -> float:
    """Return picture units per SVG pixel: svglib 2 reads a px as 0.75 pt, svglib 1 as 1."""
    return picture.width / 120  # type: ignore[attr-defined]


def test_a_drawing_becomes_primitives_with_y_down() -> None:
    picture = svgpicture.picture(SVG / "ok.svg", "A step back")
    px = _px(picture)
    assert picture.alt == "A step back"
    assert picture.aspect == pytest.approx(90 / 120)
    floor = picture.shapes[0]
    assert isinstance(floor, Shape)
    assert floor.points[0] == pytest.approx((5 * px, 70 * px))  # y measured down, as in SVG
    assert floor.fill == pytest.approx(0.8)  # #ccc


def test_a_referenced_shape_is_drawn_under_its_groups_transform() -> None:
    picture = svgpicture.picture(SVG / "ok.svg", "")
    px = _px(picture)
    (head,) = [s for s in picture.shapes if isinstance(s, Ellipse)]
    assert head.center == pytest.approx((60 * px, 18 * px))  # translate(60 10), cy 8
    assert head.rx == pytest.approx(7 * px)


def test_curves_are_flattened_and_strokes_keep_their_width() -> None:
    picture = svgpicture.picture(SVG / "ok.svg", "")
    px = _px(picture)
    strokes = [s for s in picture.shapes if isinstance(s, Stroke) and s.gray == 0.0]
    curve = max(strokes, key=lambda s: len(s.points))
    assert len(curve.points) == 1 + svgpicture.CURVE_STEPS
    assert curve.points[-1] == pytest.approx((72 * px, 78 * px))
    assert curve.width == pytest.approx(5 * px)


def test_text_is_a_label() -> None:
    picture = svgpicture.picture(SVG / "ok.svg", "")
    px = _px(picture)
    (label,) = [s for s in picture.shapes if isinstance(s, Label)]
    assert label.text == "Back" and label.at == pytest.approx((10 * px, 20 * px))
    assert label.size == pytest.approx(8 * px)


def test_nothing_to_draw_is_refused() -> None:
    with pytest.raises(SvgProblem) as refused:
        svgpicture.picture(SVG / "empty.svg", "")
    assert refused.value.message == "expected an SVG with something to draw but got no shapes"


def test_hostile_files_never_reach_svglib() -> None:
    with pytest.raises(SvgProblem) as refused:
        svgpicture.picture(SVG / "external-use.svg", "")
    assert "references inside the file" in refused.value.message
