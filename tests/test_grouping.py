"""Tests for handouts.deck.grouping: a quickly filled group is the group python-pptx writes."""

from __future__ import annotations

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu

from handouts.deck.grouping import fill_quickly


def _fill(quick: bool) -> bytes:
    """Draw ovals, text boxes and freeforms into a group, the freeforms last; return its XML."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(10), Emu(10), Emu(5), Emu(5))
    group = slide.shapes.add_group_shape()
    if quick:
        fill_quickly(group)
    shapes = group.shapes
    for i in range(6):
        shapes.add_shape(MSO_SHAPE.OVAL, Emu(1000 - 90 * i), Emu(200 + 40 * i), Emu(50), Emu(70))
        builder = shapes.build_freeform(2000 + 10 * i, 3000 - 7 * i, scale=1.0)
        builder.add_line_segments([(2500 + 30 * i, 3100), (2600, 3900 + i)], close=False)
        builder.convert_to_shape()
    shapes.add_textbox(Emu(40), Emu(5000), Emu(300), Emu(100))
    # python-pptx does not measure the group again after a freeform: neither may we.
    builder = shapes.build_freeform(9000, 9000, scale=1.0)
    builder.add_line_segments([(9900, 9900)], close=False)
    builder.convert_to_shape()
    return etree.tostring(group._element)


def test_a_quick_group_is_byte_for_byte_the_group_python_pptx_writes() -> None:
    quick = _fill(True)
    assert quick == _fill(False)
    # The group was measured after its last text box (not zero), not after the freeform.
    assert b'<a:off x="40" y="200"/>' in quick
    assert b'<a:chExt cx="2610" cy="4900"/>' in quick
