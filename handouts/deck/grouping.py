"""Groups of many shapes filled in linear time, with the XML python-pptx would have written.

After each shape or text box python-pptx adds to a group it measures every child again to
set the group's position and size: the cost grows with the square of the shape count, and a
muscle map of a few hundred shapes took most of a deck's drawing time. Here the group's
bounds grow by the children added since they were last set, only when python-pptx would set
them (not after a freeform, as it does not), so the XML is byte for byte the same. Ids are
still found by searching the slide: freeforms take the lowest free id, other shapes one past
the largest, and counting on would change them. Like ``xml``, this reaches into
python-pptx's internals (a python-pptx upgrade means checking this file).
"""

from __future__ import annotations

from pptx.shapes.group import GroupShape


def fill_quickly(group: GroupShape) -> None:
    """Make adding shapes to this new, empty group cost the same for each shape."""
    shapes = group.shapes
    grp = group._element  # python-pptx has no public way to do this
    tags = grp._shape_tags
    bounds: list[int] = []  # min x, min y, max x, max y of the children counted
    counted = [0]  # how many of the group's XML children are in bounds

    def recalculate() -> None:
        # python-pptx's CT_GroupShape.recalculate_extents, over the new children only.
        children = list(grp.iterchildren())
        for child in children[counted[0] :]:
            if child.tag not in tags:
                continue
            box = (child.x, child.y, child.x + child.cx, child.y + child.cy)
            if not bounds:
                bounds.extend(box)
            else:
                bounds[:] = [*map(min, box[:2], bounds[:2]), *map(max, box[2:], bounds[2:])]
        counted[0] = len(children)
        x, y = (bounds[0], bounds[1]) if bounds else (0, 0)
        cx, cy = (bounds[2] - x, bounds[3] - y) if bounds else (0, 0)
        grp.chOff.x = grp.x = x
        grp.chOff.y = grp.y = y
        grp.chExt.cx = grp.cx = cx
        grp.chExt.cy = grp.cy = cy
        grp.getparent().recalculate_extents()

    shapes._recalculate_extents = recalculate  # type: ignore[method-assign]
