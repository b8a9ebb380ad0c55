"""The benchmark's floor: the same handout and deck drawn straight with reportlab and pptx.

This is the one place outside ``pdf/`` and ``deck/`` that imports the libraries, on
purpose: it is what a developer would write by hand with no abstraction (no measuring, no
block dispatch, no continuation planning, no determinism pass), so its time is the cost of
the page content itself. The handout says what ours says, word for word: it reads the
words from the same outline (``outline.topic_handout``, made inside the timing, as ours
is) and lays each block out itself, in one plain platypus story, with the same embedded
fonts, drawings, muscle map, boxes, tables, level bars, check boxes and write-in fields
(``floor_figures``) and the same header and foot (``floor_pages``). It is tagged for
PDF/UA as ours are, by the same tagger and structure writer (``pdf/tagging``,
``pdf/structure``): headings, paragraphs, list items, tables by rows and cells, figures
with their alt text and fields as forms as they are drawn, decoration and the page
furniture as artifacts. The deck has the same slides (read back from ours), each drawn
into the default template with native tables, charts and notes.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from handouts import outline, theme
from handouts.bench import floor_figures as figures
from handouts.bench import floor_pages as pages
from handouts.bench.floor_figures import BOLD, REGULAR, Bars, Box, Field, P, Sign, T
from handouts.bench.floor_pages import W
from handouts.figures.musclemap import WIDTH, muscle_map
from handouts.locale import Catalogue
from handouts.model import Content, Topic
from handouts.outline import blocks as b
from handouts.outline.figures import runs
from handouts.pdf.roles import Role
from handouts.text import cite, emphasis

TINT, SHADE = colors.HexColor("#F7DAD6"), colors.HexColor(theme.SHADE)
"""The safety boxes' pink and the other panels' grey."""
TIGHT = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
"""A layout table's cells top-aligned with no left padding."""


def _m(text: str) -> str:
    """Escape text for the paragraph parser; ``**words**`` in bold."""
    return "".join(f"<b>{escape(r)}</b>" if bold else escape(r) for r, bold in emphasis(text))


def _c(item: b.Cited) -> str:
    """Return a statement's markup with its source numbers."""
    return cite(_m(item.text), item.sources, space="\xa0")


def handout(topic: Topic, content: Content, cat: Catalogue) -> bytes:
    """Draw a topic's handout with plain platypus and return the PDF bytes."""
    pages.fonts()
    made = outline.topic_handout(topic, content, cat)
    part = made.parts[0]
    ink = colors.HexColor(theme.INK)
    primary, accent = colors.HexColor(made.brand.primary), colors.HexColor(made.brand.accent)
    body = ParagraphStyle(
        "b", fontName=REGULAR, fontSize=11, leading=13.2, textColor=ink, bulletFontName=REGULAR
    )
    bold = ParagraphStyle("s", parent=body, fontName=BOLD)
    lead = ParagraphStyle("l", parent=body, fontSize=12, leading=14.7)
    h1 = ParagraphStyle("h1", parent=bold, fontSize=20, leading=23, textColor=primary)
    # A heading is kept with what follows it: reportlab's own keepWithNext.
    h2 = ParagraphStyle(
        "h2", parent=h1, fontSize=14, leading=16.8, spaceBefore=4.8, spaceAfter=2.4, keepWithNext=1
    )
    th = ParagraphStyle("th", parent=bold, textColor=colors.white)
    bullet = ParagraphStyle("u", parent=body, leftIndent=12.1)
    step = ParagraphStyle("n", parent=body, leftIndent=17.6, spaceAfter=1.5)
    fine = ParagraphStyle("f", parent=body, fontSize=8, leading=9.2)

    def bullets(items: tuple[b.Cited, ...], style: ParagraphStyle = bullet) -> list[Flowable]:
        return [P(_c(i), style, bulletText="•") for i in items]

    def two(cells: list[Flowable], width: float = W, gap: float = 14) -> T:
        half = (len(cells) + 1) // 2
        rows = [[cells[i], cells[half + i] if half + i < len(cells) else ""] for i in range(half)]
        style = [
            *TIGHT,
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        return T(rows, style, colWidths=[(width + gap) / 2, (width - gap) / 2])

    def boxed(edge: colors.Color, tint: colors.Color, width: float = 2.5) -> list[Any]:
        return [
            ("BOX", (0, 0), (-1, -1), width, edge),
            ("BACKGROUND", (0, 0), (-1, -1), tint),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ]

    def group(g: b.SafetyGroup) -> list[Flowable]:
        return [P(_m(g.label), bold), *bullets(g.items)]

    story: list[Flowable] = []
    asked: list[Flowable] = []  # the questions people ask, set beside the plan
    for block in part.blocks:
        if isinstance(block, b.Intro):
            story += [P(_m(block.title.text), h1, "H1"), P(_m(block.summary), lead)]
            if block.equipment is not None:
                story += [P(_m(block.equipment.label), bold), two(bullets(block.equipment.items))]
        elif isinstance(block, b.Emergency):
            items = bullets(block.items)
            half = (len(items) + 1) // 2
            rows: list[list[Any]] = [[Sign(18.2, accent), P(_m(block.label), h2, "H2"), ""]]
            rows += [
                ["", items[i], items[half + i] if half + i < len(items) else ""]
                for i in range(half)
            ]
            style = [
                *boxed(accent, TINT),
                ("SPAN", (1, 0), (-1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
            story += [Spacer(1, 3), T(rows, style, colWidths=[30, 255, 255])]
        elif isinstance(block, b.ForWhom):
            story += [
                P(_m(block.heading.text), h2, "H2"),
                P(_m(block.audience), body),
                *group(block.helps),
                Spacer(1, 3),
            ]
            cells = [group(block.not_for), "", group(block.ask_first) if block.ask_first else ""]
            style = [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 1.5, accent),
                ("BACKGROUND", (0, 0), (0, 0), TINT),
                ("BOX", (2, 0), (2, 0), 1.5, primary),
                ("BACKGROUND", (2, 0), (2, 0), SHADE),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
            story.append(T([cells], style, colWidths=[265, 10, 265]))
        elif isinstance(block, b.FirstSteps):
            rows = [[P(_m(block.heading.text), h2, "H2"), ""]]
            rows += [
                [Box(f"{part.key}.{block.heading.key}.{i}", item.text[:80]), P(_c(item), body)]
                for i, item in enumerate(block.items, start=1)
            ]
            style = [*boxed(primary, SHADE, 1.5), ("SPAN", (0, 0), (-1, 0))]
            story += [Spacer(1, 6), T(rows, style, colWidths=[26, W - 26])]
        elif isinstance(block, b.Points) and block.marks == "number":
            story.append(P(_m(block.heading.text), h2, "H2"))
            steps = [
                P(_c(item), step, bulletText=f"{i}.") for i, item in enumerate(block.items, start=1)
            ]
            for first, stop, shown in runs(block):
                if not shown:
                    story += steps[first:stop]
                    continue
                drawn: list[Flowable] = []
                for f in shown:
                    drawn += [figures.Drawing(f.picture, 136), Spacer(1, 3), P(_m(f.caption), body)]
                style = [*TIGHT, ("RIGHTPADDING", (0, 0), (0, -1), 14)]
                story.append(T([[steps[first:stop], drawn]], style, colWidths=[W - 136, 136]))
        elif isinstance(block, b.Points):
            story.append(P(_m(block.heading.text), h2, "H2"))
            story += [two(bullets(block.items))] if block.columns else bullets(block.items)
        elif isinstance(block, b.Dosage):
            rows = [[P(_m(label), bold), P(_c(value), body)] for label, value in block.rows]
            style = [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, primary),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 8),
            ]
            story += [Spacer(1, 3), T(rows, style, colWidths=[80, W - 80])]
        elif isinstance(block, b.Safety):
            head = T(
                [[Sign(18.2, accent), P(_m(block.heading.text), h2, "H2")]],
                TIGHT,
                colWidths=[28, None],
            )
            cells = [group(g) for g in block.groups]
            width = (W - 20) / len(cells)
            style = [
                *boxed(accent, TINT),
                ("SPAN", (0, 0), (-1, 0)),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
            story += [
                Spacer(1, 6),
                T([[head, *[""] * (len(cells) - 1)], cells], style, colWidths=[width] * len(cells)),
            ]
        elif isinstance(block, b.MuscleTable):
            story += _muscles(block, body, bold, h2, th, primary)
        elif isinstance(block, b.Questions):
            asked = [P(_m(block.heading.text), h2, "H2")]
            for question, answer in block.pairs:
                asked += [P(_m(question), bold), P(_c(answer), body)]
            story += asked  # set beside the plan if the plan follows
        elif isinstance(block, b.PlanFields):
            column: list[Flowable] = [P(_m(block.heading.text), h2, "H2")]
            for f in (*block.lines, block.questions):
                lines = 2 if f is block.questions else 1
                tip = f.tooltip or f.label
                column.append(Field(f"{part.key}.{f.name}", f.label, tip, 205, lines, f.value))
            if asked and story[-len(asked) :] == asked:
                del story[-len(asked) :]
                style = [*TIGHT, ("RIGHTPADDING", (0, 0), (0, 0), 16)]
                story.append(T([[asked, column]], style, colWidths=[W - 205, 205]))
            else:
                story += column
        elif isinstance(block, b.SourceList):
            story.append(P(_m(block.heading.text), h2, "H2"))
            story += [P(_m(e.line), fine) for e in block.sources]
            story.append(P(_m(block.reviewed), fine))
    return pages.build(made, story)


def _muscles(
    block: b.MuscleTable,
    body: ParagraphStyle,
    bold: ParagraphStyle,
    h2: ParagraphStyle,
    th: ParagraphStyle,
    primary: colors.Color,
) -> list[Flowable]:
    """Lay out the muscle table with level bars, the map beside it, the key under it."""
    rows: list[list[Any]] = [[P(_m(c), th) for c in block.columns]]
    for m in block.rows:
        rows.append(
            [
                P(_m(f"{m.number}. {m.name}" if m.number else m.name), bold),
                [Bars(m.forward.rank, m.forward.label, primary), P(_m(m.forward.label), body)],
                [Bars(m.backward.rank, m.backward.label, primary), P(_m(m.backward.label), body)],
                P(_c(m.role), body),
            ]
        )
    pad = [(f"{side}PADDING", (0, 0), (-1, -1), 2) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), primary),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.RULE)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]),
        *pad,
    ]
    grid = T(rows, style, Role.TABLE, colWidths=[106, 64, 64, 160.8], repeatRows=1)
    note = P(f"{_m(block.key)} {_c(block.basis)}", body)
    left: list[Flowable] = [grid, Spacer(1, 3), note]
    right: list[Flowable] = []
    if block.map is not None:
        words = block.map.words
        right = [
            figures.Drawing(muscle_map(block.map.marks, words, 11 * WIDTH / 132), 132),
            P(_m(words.caption), body),
        ]
    beside = T(
        [[left, right]], [*TIGHT, ("RIGHTPADDING", (0, 0), (0, 0), 13.2)], colWidths=[408, 132]
    )
    return [P(_m(block.heading.text), h2, "H2"), beside]


def slides_of(deck: bytes) -> list[dict[str, object]]:
    """Read our deck back into plain data: per slide its title, text, table, chart and notes."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    slides = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        item: dict[str, object] = {
            "title": "",
            "text": [],
            "table": None,
            "chart": None,
            "figures": [],
        }
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                item["figures"].append(figures.group_of(shape))  # type: ignore[union-attr]
            elif shape.is_placeholder and shape.placeholder_format.type in (1, 3):  # title
                item["title"] = shape.text_frame.text
            elif shape.has_table:
                item["table"] = [[c.text for c in row.cells] for row in shape.table.rows]
            elif shape.has_chart:
                plot = shape.chart.plots[0]
                item["chart"] = (
                    list(plot.categories),
                    [(s.name, list(s.values)) for s in plot.series],
                )
            elif shape.has_text_frame and shape.text_frame.text:
                item["text"].append(  # type: ignore[union-attr]
                    [p.text for p in shape.text_frame.paragraphs]
                )
        item["notes"] = slide.notes_slide.notes_text_frame.text
        slides.append(item)
    return slides


def deck(slides: list[dict[str, object]]) -> bytes:
    """Draw these slides with plain python-pptx into its default template."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    layout = prs.slide_layouts[5]  # title only
    box = (Emu(600000), Emu(1500000), Emu(11000000), Emu(4900000))
    for item in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = str(item["title"])
        for block in item["text"]:  # type: ignore[union-attr]
            frame = slide.shapes.add_textbox(*box).text_frame
            frame.word_wrap = True
            for i, text in enumerate(block):
                paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                run = paragraph.add_run()
                run.text = text
                run.font.size = Pt(24)
                run.font.name = "Arial"
        if item["table"]:
            rows = item["table"]
            table = slide.shapes.add_table(len(rows), len(rows[0]), *box).table  # type: ignore[arg-type]
            for r, row in enumerate(rows):  # type: ignore[arg-type]
                for c, text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = text
                    for run in cell.text_frame.paragraphs[0].runs:  # an empty cell has none
                        run.font.size = Pt(18)
        if item["chart"]:
            categories, series = item["chart"]  # type: ignore[misc]
            data = CategoryChartData()
            data.categories = categories
            for name, values in series:
                data.add_series(name, values)
            slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data)
        for figure in item["figures"]:  # type: ignore[attr-defined]
            figures.draw_group(slide, figure)
        slide.notes_slide.notes_text_frame.text = str(item["notes"])
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
