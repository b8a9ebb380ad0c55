"""Plan the muscle map's slide: the map as tall as the area, its key beside it as a table.

The map's numbers and legend are set at the key's size, never under 18 pt on our slides;
the picture takes at most ``MAX_SHARE`` of the width and the key the rest. A key too long
for one slide goes on, the map repeated, on "(cont.)" slides.
"""

from __future__ import annotations

from handouts.deck.fit import Fit, notes, title
from handouts.deck.sizes import CELL_X, CELL_Y, EMU_PER_POINT, LINE_SPACING, MAX_POINTS, TABLE_SIZES
from handouts.deck.specs import Box, MapSlide
from handouts.figures.musclemap import TEXT, muscle_map
from handouts.figures.shapes import Picture
from handouts.outline.blocks import MuscleMap

MAX_SHARE = 0.45
"""The most of the area's width the map takes."""
GAP = 0.3
"""Between the map and its key, in inches."""


def _picture(block: MuscleMap, height: float, width: float, size: float) -> tuple[Picture, float]:
    """Return the map with its text at ``size`` points and its printed width, in points.

    The picture grows taller with its type, so its scale and its type size are found
    together: a few rounds settle them (each changes the height by less than the last).
    """
    text = TEXT
    for _ in range(4):
        picture = muscle_map(block.marks, block.words, text=text)
        scale = min(height / picture.height, width / picture.width)  # points per unit
        text = size / scale
    picture = muscle_map(block.marks, block.words, text=text * 1.005)  # never a hair under
    scale = min(height / picture.height, width / picture.width)
    return picture, picture.width * scale


def plan_map(block: MuscleMap, said: str, fit: Fit) -> list[MapSlide]:
    """Plan the map's slide at the larger key size that needs the fewest slides."""
    plans = [_map_at(block, said, fit, size) for size in fit.geometry.sizes(TABLE_SIZES)]
    return min(plans, key=len)


def _map_at(block: MuscleMap, said: str, fit: Fit, size: float) -> list[MapSlide]:
    """Plan the map and its key at ``size``, the key cut over slides where it must be."""
    area, frame = fit.geometry.area, fit.geometry.area_frame
    smallest = fit.geometry.sizes(TABLE_SIZES)[-1]
    picture, drawn = _picture(block, frame.height, frame.width * MAX_SHARE, smallest)
    gap = GAP * 72
    key_width = frame.width - drawn - gap
    header, *rows = block.key
    measure = fit.fonts.table
    # The number column just fits its widest number; the level column its longest level on
    # one line where that leaves the name half the key, else its longest word.
    number = max(measure.width(row[0], size, bold=True) for row in block.key) + 2 * CELL_X + 6
    whole = max(measure.width(row[2], size, bold=True) for row in block.key)
    words = [w for row in block.key for w in row[2].split()]
    longest = max(measure.width(w, size, bold=True) for w in words)
    level = (whole if number + whole <= key_width / 2 else longest) + 2 * CELL_X + 6
    widths = (number / key_width, 0.0, level / key_width)
    widths = (widths[0], 1 - widths[0] - widths[2], widths[2])
    inner = [key_width * share - 2 * CELL_X for share in widths]
    line = size * LINE_SPACING

    def row_height(row: tuple[str, ...], bold: bool) -> float:
        lines = [measure.lines(t, inner[c], size, bold=bold or c == 0) for c, t in enumerate(row)]
        return max(lines) * line + 2 * CELL_Y

    head = row_height(header, True)
    pages: list[list[tuple[str, ...]]] = [[]]
    used = head
    for row in rows:
        h = row_height(row, False)
        if pages[-1] and (used + h > frame.height or len(pages[-1]) >= MAX_POINTS):
            pages.append([])
            used = head
        pages[-1].append(row)
        used += h
    left = area.left + round(drawn * EMU_PER_POINT)
    picture_box = Box(area.left, area.top, round(drawn * EMU_PER_POINT), area.height)
    key_box = Box(
        left + round(gap * EMU_PER_POINT),
        area.top,
        area.width - (left - area.left) - round(gap * EMU_PER_POINT),
        area.height,
    )
    return [
        MapSlide(
            title(block.heading.text, MapSlide.layout, fit, index=index),
            notes(said, fit, index=index),
            picture,
            picture_box,
            header,
            tuple(page),
            widths,
            size,
            key_box,
        )
        for index, page in enumerate(pages)
    ]
