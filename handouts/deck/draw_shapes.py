"""Draw the slides that hold our own shapes under the title.

The muscle table, the effort chart and the safety columns: each drawer writes what its spec
says; nothing here measures.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide
from pptx.util import Inches, Pt

from handouts import theme
from handouts.deck import xml
from handouts.deck.draw_text import write_title
from handouts.deck.look import Look
from handouts.deck.package import fixed_workbook
from handouts.deck.sizes import (
    CELL_HANG,
    CELL_X,
    CELL_Y,
    EMU_PER_POINT,
    LINE_SPACING,
    SAFETY_SPACE_BEFORE,
    emu,
)
from handouts.deck.specs import ChartSlide, MapSlide, SafetySlide, TableSlide

FORWARD_GREY = "#767676"
"""The forward bars: grey, so the backward bars in the brand colour stand out.

Dark enough for 3:1 against the white plot (4.54:1), as WCAG asks of what a chart shows.
"""


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#"))


def _cell(
    cell: object,
    look: Look,
    paragraphs: Sequence[str],
    *,
    fill: str | None = None,
) -> None:
    """Fill one table cell with ``<a:p>`` paragraphs, our margins and, in our look, colours."""
    xml.cell_margins(cell, emu(CELL_X), emu(CELL_Y))
    if not look.own_template and look.fills_tables:  # no table style to draw the grid
        xml.rule(cell, theme.RULE, "L", "R", "T", "B")
    if fill and look.fills_tables:
        xml.cell_fill(cell, fill)
    xml.fill_frame(cell.text_frame, paragraphs)  # type: ignore[attr-defined]


def _text_cell(cell: object, text: str, look: Look, size: float, *, bold: bool, fill: str) -> None:
    """Fill one table cell with one paragraph of text, readable on its fill."""
    ink = theme.readable_on(fill) if look.fills_tables else look.ink
    paragraphs = (
        [f"<a:p><a:pPr>{xml.spacing(0)}</a:pPr>{xml.runs(text, size, bold, ink)}</a:p>"]
        if text
        else []
    )
    _cell(cell, look, paragraphs, fill=fill)


def _least_row_heights(shape: object, size: float, rows: int) -> None:
    """Make the first ``rows`` rows of a table at least one line of ``size`` text tall.

    A row grows with its text: the plan counted lines, so a fixed least height taller than
    a line would push the last rows of a small slide off it.
    """
    table = shape.table  # type: ignore[attr-defined]
    for row in list(table.rows)[:rows]:
        row.height = int(size * LINE_SPACING * EMU_PER_POINT + 2 * emu(CELL_Y))
    shape.height = sum(row.height for row in table.rows)  # type: ignore[attr-defined]


def draw_table(slide: Slide, spec: TableSlide, look: Look) -> None:
    """Draw the muscle table: a header row in the brand colour, rows shaded in turn."""
    write_title(slide, spec.title, look)
    add_table(slide, spec, look, "Muscle table")


def add_table(slide: Slide, spec: TableSlide | MapSlide, look: Look, name: str) -> None:
    """Add a spec's table (the muscle table, the map's key) where its box says."""
    box = spec.box
    count = len(spec.rows) + 1
    shape = slide.shapes.add_table(
        count, len(spec.header), box.left, box.top, box.width, Inches(0.5) * count
    )
    shape.name = name
    table = shape.table
    for i, share in enumerate(spec.widths):
        table.columns[i].width = int(box.width * share)
    for c, text in enumerate(spec.header):
        _text_cell(table.cell(0, c), text, look, spec.size, bold=True, fill=look.primary)
    for r, row in enumerate(spec.rows, start=1):
        fill = "#FFFFFF" if r % 2 else theme.SHADE
        for c, text in enumerate(row):
            _text_cell(table.cell(r, c), text, look, spec.size, bold=c == 0, fill=fill)
    _least_row_heights(shape, spec.size, len(table.rows))


def draw_chart(slide: Slide, spec: ChartSlide, look: Look) -> None:
    """Draw the effort chart as a native bar chart, the first muscle at the top."""
    write_title(slide, spec.title, look)
    data = CategoryChartData()
    # Bar charts draw the first category at the bottom. Feeding them bottom-up puts the first
    # muscle at the top, as in the table, and keeps the value axis next to its caption.
    bars = list(reversed(spec.bars))
    data.categories = [bar.name for bar in bars]
    forward, backward = spec.series
    data.add_series(forward, [bar.forward for bar in bars])
    data.add_series(backward, [bar.backward for bar in bars])
    box = spec.box
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, box.left, box.top, box.width, box.height, data
    )
    # The chart's workbook records when it was made: fix that, or each build differs.
    workbook = frame.chart.part.chart_workbook
    workbook.update_from_xlsx_blob(fixed_workbook(workbook.xlsx_part.blob))
    frame.name = "Effort chart"
    xml.describe(frame, spec.alt)
    chart = frame.chart
    xml.positive_axis_ids(chart)
    size = Pt(spec.size)
    chart.font.size = size
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = size
    categories = chart.category_axis
    categories.tick_labels.font.size = size
    xml.label_every_category(categories)
    values = chart.value_axis
    values.minimum_scale = 0
    values.maximum_scale = 5
    values.major_unit = 1
    # Level names on the axis itself: the ends in words, the full scale in the axis title.
    # 0 is not a level: '#' prints nothing for it.
    low, high = (label.replace('"', "'") for label in (spec.low, spec.high))
    values.tick_labels.number_format = f'[=1]"{low}";[=5]"{high}";#'
    values.tick_labels.number_format_is_linked = False
    values.has_major_gridlines = True
    values.tick_labels.font.size = size
    values.has_title = True
    values.axis_title.text_frame.text = spec.scale
    caption = values.axis_title.text_frame.paragraphs[0].runs[0].font
    caption.size = size
    caption.bold = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = -10
    if look.own_template:
        for series, colour in zip(plot.series, (FORWARD_GREY, look.primary), strict=True):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)
    xml.chart_language(chart, look.lang)  # last: every run of its text is there by now


def draw_safety(slide: Slide, spec: SafetySlide, look: Look) -> None:
    """Draw the safety slide: an accent band, our warning sign, the columns side by side."""
    write_title(slide, spec.title, look)
    width = slide.part.package.presentation_part.presentation.slide_width
    # A band and a warning sign make this slide unlike any other, in colour and in grey.
    # In a clinic's template it goes right under the title's box, whose title may fill it.
    top = spec.box.top - (Inches(0.22) if look.own_template else Inches(0.1))
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, top, width, Inches(0.1))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(look.accent)
    band.line.fill.background()
    band.name = "Safety band"
    xml.mark_decorative(band)
    if look.own_template:  # a clinic template's title may span the slide: no sign there
        sign = slide.shapes.add_shape(
            MSO_SHAPE.ISOSCELES_TRIANGLE,
            width - Inches(1.35),
            Inches(0.35),
            Inches(0.8),
            Inches(0.7),
        )
        sign.fill.solid()
        sign.fill.fore_color.rgb = _rgb(look.accent)
        sign.line.color.rgb = _rgb(theme.INK)
        sign.name = "Warning sign"
        xml.mark_decorative(sign)
    _safety_table(slide, spec, look)


def _safety_table(slide: Slide, spec: SafetySlide, look: Look) -> None:
    """Add the safety columns under the title: a heading row and a row of lists."""
    box, count = spec.box, len(spec.columns)
    top = 1 if spec.emergency else 0  # the emergency line's row, merged across the columns
    shape = slide.shapes.add_table(2 + top, count, box.left, box.top, box.width, Inches(1))
    shape.name = "Safety table"
    table = shape.table
    # A real bullet with a hanging indent, so wrapped lines align with the text; the rest of
    # an item cut to fit lines up with its text, without a bullet of its own.
    spacing = xml.spacing(SAFETY_SPACE_BEFORE)
    bullet = (
        f'<a:pPr marL="{emu(CELL_HANG)}" indent="{-emu(CELL_HANG)}">{spacing}'
        '<a:buChar char="•"/></a:pPr>'
    )
    goes_on = f'<a:pPr marL="{emu(CELL_HANG)}" indent="0">{spacing}<a:buNone/></a:pPr>'
    ink = theme.readable_on("#FFFFFF") if look.fills_tables else look.ink  # on our white
    if top:
        table.cell(0, 0).merge(table.cell(0, count - 1))
        _text_cell(table.cell(0, 0), spec.emergency, look, spec.size, bold=True, fill=look.accent)
    for c, column in enumerate(spec.columns):
        table.columns[c].width = box.width // count
        header = table.cell(top, c)
        _text_cell(header, column.header, look, spec.size, bold=True, fill=look.accent)
        cell = table.cell(top + 1, c)
        paragraphs = [
            f"<a:p>{goes_on if item.goes_on else bullet}"
            f"{xml.runs(item.text, spec.size, None, ink)}</a:p>"
            for item in column.items
        ]
        _cell(cell, look, paragraphs, fill="#FFFFFF")
        if c < count - 1 and not (look.fills_tables and not look.own_template):
            # A rule between the columns, so they do not run together.
            xml.rule(cell, theme.RULE, "R")
    _least_row_heights(shape, spec.size, 1 + top)  # the header; the items' row holds a list
