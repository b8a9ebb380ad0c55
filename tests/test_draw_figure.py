"""Pictures drawn as native slide shapes: one group with alt text, round lines, no theme."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from handouts.deck.draw_figure import draw_picture
from handouts.figures.shapes import Arrow, Ellipse, Label, Picture, Shape, Stroke

PICTURE = Picture(
    100,
    50,
    (
        Stroke(((0, 10), (100, 10)), 4),  # flat: its path still has a size
        Shape(((60, 10), (90, 10), (75, 40)), fill=0.5),
        Ellipse((20, 30), 8, 8, fill=None, outline=0, outline_width=2),
        Arrow(((10, 45), (50, 45)), 2),
        Label("Level 3", (5, 48), 8),
    ),
    alt="A test drawing",
)


def _group() -> object:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    return draw_picture(slide.shapes, PICTURE, Inches(1), Inches(1), Inches(4))


def test_one_group_with_the_pictures_alt_text() -> None:
    group = _group()
    assert group._element.nvGrpSpPr.cNvPr.get("descr") == "A test drawing"
    # stroke, shape, oval, arrow shaft and head, label
    assert len(group.shapes) == 6
    assert group.left == Inches(1) and group.width == Inches(4)


def test_lines_are_round_and_free_of_the_theme_style() -> None:
    group = _group()
    stroke = group.shapes[0]._element
    line = stroke.spPr.find(qn("a:ln"))
    assert line.get("cap") == "rnd" and line.find(qn("a:round")) is not None
    assert line.get("w") == str(round(4 * Inches(4) / 100))
    assert stroke.find(qn("p:style")) is None
    path = stroke.spPr.find(qn("a:custGeom")).find(qn("a:pathLst"))[0]
    assert int(path.get("h")) > 0


def test_fills_are_the_gray_given() -> None:
    group = _group()
    fill = group.shapes[1]._element.spPr.find(qn("a:solidFill"))
    assert fill[0].get("val") == "808080"


def test_labels_are_text() -> None:
    group = _group()
    assert group.shapes[5].text_frame.text == "Level 3"
