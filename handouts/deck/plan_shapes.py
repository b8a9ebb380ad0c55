"""Plan the slides that hold our own shapes under a title.

The muscle table, the effort chart and the safety columns, each cut over slides where it
does not fit on one.
"""

from __future__ import annotations

from collections.abc import Sequence

from handouts.deck.fit import Fit, notes, title
from handouts.deck.measure import NO_BREAK
from handouts.deck.sizes import (
    CELL_HANG,
    CELL_X,
    CELL_Y,
    CHART_SIZE,
    LINE_SPACING,
    MAX_POINTS,
    SAFETY_SIZES,
    SAFETY_SPACE_BEFORE,
    TABLE_SIZES,
)
from handouts.deck.specs import (
    ChartSlide,
    Para,
    SafetyColumn,
    SafetySlide,
    TableSlide,
)
from handouts.outline.blocks import Bar, EffortChart, MuscleTable, Safety
from handouts.text import cite


def plan_table(block: MuscleTable, said: str, fit: Fit) -> list[TableSlide]:
    """Plan the muscle table at the larger table size that needs the fewest slides."""
    plans = [_table_at(block, said, fit, size) for size in fit.geometry.sizes(TABLE_SIZES)]
    return min(plans, key=len)


def _table_at(block: MuscleTable, said: str, fit: Fit, size: float) -> list[TableSlide]:
    """Plan the muscle table at ``size``, repeating the header on continuation slides."""
    measure, area = fit.fonts.table, fit.geometry.area_frame
    header = block.columns
    rows = [
        (m.name, m.forward.label, m.backward.label, cite(m.role.text, m.role.sources, NO_BREAK))
        for m in block.rows
    ]
    # Level columns just fit their longest word ("Backward", "Moderate"): never split one.
    words = [w for h in header[1:3] for w in h.split()]
    words += [w for level in block.levels for w in level.split()]
    longest = max(measure.width(w, size, bold=True) for w in words)
    level_share = (longest + 2 * CELL_X + 6) / area.width
    # The role column, the one with sentences, keeps at least 30% of the width.
    name_share = max(0.15, min(0.26, 0.7 - 2 * level_share))
    widths = (name_share, level_share, level_share, 1 - name_share - 2 * level_share)
    inner = [area.width * share - 2 * CELL_X for share in widths]
    line = size * LINE_SPACING

    def row_height(row: Sequence[str], header_row: bool) -> float:
        tallest = 0
        for column, text in enumerate(row):
            bold = header_row or column == 0
            tallest = max(tallest, measure.lines(text, inner[column], size, bold=bold))
        return tallest * line + 2 * CELL_Y

    head = row_height(header, True)
    # A row taller than a slide (long words in a narrow column) goes on in rows below it.
    max_lines = max(1, int((area.height - head - 2 * CELL_Y) // line))
    parts = [part for row in rows for part in _split_row(row, inner, size, max_lines, fit)]
    pages: list[list[tuple[str, ...]]] = [[]]
    used = head
    for row in parts:
        h = row_height(row, False)
        if pages[-1] and (used + h > area.height or len(pages[-1]) >= MAX_POINTS):
            pages.append([])
            used = head
        pages[-1].append(row)
        used += h
    return [
        TableSlide(
            title(block.heading.text, TableSlide.layout, fit, index=index),
            notes(said, fit, index=index),
            header,
            tuple(page),
            widths,
            size,
            fit.geometry.area,
        )
        for index, page in enumerate(pages)
    ]


def _split_row(
    row: tuple[str, ...], inner: Sequence[float], size: float, max_lines: int, fit: Fit
) -> list[tuple[str, ...]]:
    """Split a muscle row into rows of at most ``max_lines`` lines.

    Levels stay in the first; the muscle's name, if it fits whole, heads every part.
    """
    columns = [
        fit.fonts.table.split(text, inner[c], size, max_lines, bold=c == 0)
        for c, text in enumerate(row)
    ]
    count = max(len(pieces) for pieces in columns)
    if len(columns[0]) == 1:
        columns[0] *= count
    return [tuple(pieces[i] if i < len(pieces) else "" for pieces in columns) for i in range(count)]


def plan_chart(block: EffortChart, said: str, fit: Fit) -> list[ChartSlide]:
    """Plan the forward vs backward chart: at most seven bars a chart, fewer if names wrap."""
    bars = block.bars
    # Each bar needs room for its name, wrapped at about 40% of the chart's width (as
    # PowerPoint and LibreOffice do): a viewer silently drops names that would collide.
    area, scale = fit.geometry.area_frame, fit.geometry.scale
    (size,) = fit.geometry.sizes((CHART_SIZE,))
    room = area.height - 110 * scale  # legend, value labels and the scale under the bars
    line = size * LINE_SPACING
    needs = [
        fit.fonts.table.lines(bar.name, 0.4 * area.width, size) * line + 8 * scale for bar in bars
    ]
    cuts = [0]
    used = 0.0
    for i, need in enumerate(needs):
        if i > cuts[-1] and (used + need > room or i - cuts[-1] >= MAX_POINTS):
            cuts.append(i)
            used = 0.0
        used += need
    # Even charts (4 + 3, not 5 + 2) when the same number of charts still has room.
    per = -(-len(bars) // len(cuts))
    if all(sum(needs[i : i + per]) <= room for i in range(0, len(bars), per)):
        cuts = list(range(0, len(bars), per))
    ends = [*cuts[1:], len(bars)]
    return [
        ChartSlide(
            title(block.heading.text, ChartSlide.layout, fit, index=index),
            notes(said, fit, index=index),
            bars[start:end],
            block.series,
            block.scale,
            block.low,
            block.high,
            _alt(block, bars[start:end]),
            size,
            fit.geometry.area,
        )
        for index, (start, end) in enumerate(zip(cuts, ends, strict=True))
    ]


def _alt(block: EffortChart, part: Sequence[Bar]) -> str:
    """Say in words the bars a slide shows: all of them, or its part of a cut chart."""
    if len(part) == len(block.bars):
        return block.alt
    return block.part_alt.format(bars=block.bar_separator.join(bar.said for bar in part))


def plan_safety(block: Safety, said: str, fit: Fit) -> list[SafetySlide]:
    """Plan the safety slide at the largest size that fits one slide, else continue it."""
    plans = [_safety_at(block, said, fit, size) for size in fit.geometry.sizes(SAFETY_SIZES)]
    return next((plan for plan in plans if len(plan) == 1), plans[-1])


def _safety_at(block: Safety, said: str, fit: Fit, size: float) -> list[SafetySlide]:
    """Plan safety slides at ``size``: a column a group, continued while any has items left."""
    measure, area = fit.fonts.table, fit.geometry.area_frame
    header = tuple(group.short_label for group in block.groups)
    inner = area.width / len(header) - 2 * CELL_X - CELL_HANG
    head = max(measure.lines(h, inner, size, bold=True) for h in header)
    room = area.height - head * size * LINE_SPACING - 4 * CELL_Y
    line = size * LINE_SPACING
    emergency = ""
    if block.emergency is not None:  # one bold line (or more) across every column, first
        calls = [cite(item.text, item.sources, NO_BREAK) for item in block.emergency.items]
        emergency = " ".join([block.emergency.label, *calls])
        across = area.width - 2 * CELL_X
        room -= measure.lines(emergency, across, size, bold=True) * line + 2 * CELL_Y
    # Each item cut into pieces that fit a column; the pieces after the first go on.
    columns = [
        [
            Para(piece, goes_on=n > 0)
            for item in group.items
            for n, piece in enumerate(
                measure.split(
                    cite(item.text, item.sources, NO_BREAK), inner, size, int((room - 6) // line)
                )
            )
        ]
        for group in block.groups
    ]
    slides = []
    while any(columns):
        taken = []
        for column in columns:
            used, count = 0.0, 0
            for para in column:
                h = measure.lines(para.text, inner, size) * size * LINE_SPACING
                h += SAFETY_SPACE_BEFORE
                if count and used + h > room:
                    break
                used += h
                count += 1
            taken.append(tuple(column[:count]) or (Para(block.see_previous, goes_on=True),))
            del column[:count]
        index = len(slides)
        slides.append(
            SafetySlide(
                title(block.heading.text, SafetySlide.layout, fit, index=index),
                notes(said, fit, index=index),
                tuple(SafetyColumn(h, items) for h, items in zip(header, taken, strict=True)),
                size,
                fit.geometry.area,
                emergency,
            )
        )
    return slides
