"""The benchmark's floor: the same handout and deck drawn straight with reportlab and pptx.

This is the one place outside ``pdf/`` and ``deck/`` that imports the libraries, on
purpose: it is what a developer would write by hand with no abstraction (no measuring, no
block dispatch, no continuation planning, no determinism pass), so its time is the cost of
the page content itself. The handout has the same text, the same embedded fonts, the same
tables, level bars, check boxes and write-in fields, and is tagged for PDF/UA as ours
are, by the same tagger and structure writer (``pdf/tagging``, ``pdf/structure``): headings,
paragraphs, list items, tables by rows and cells, level bars as figures and fields as
forms as they are drawn, tables' decoration and the page furniture as artifacts. The deck
has the same slides (read back from ours), each drawn into the default template with
native tables, charts and notes.
"""

from __future__ import annotations

import io
import itertools
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from handouts import theme
from handouts.bench import floor_figures as figures
from handouts.figures.musclemap import MapWords, Mark, muscle_map
from handouts.model import Branding, Level, Statement, Topic
from handouts.pdf.roles import Role
from handouts.pdf.structure import Description, tag
from handouts.pdf.tagging import Tagger

_REGULAR = "FloorAtkinson"
_BOLD = "FloorAtkinson-Bold"


def _fonts() -> None:
    if _REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_REGULAR, str(theme.FONT_REGULAR)))
        pdfmetrics.registerFont(TTFont(_BOLD, str(theme.FONT_BOLD)))


class _Canvas(Canvas):
    """A canvas with the same tagger ours has: the floor's tagging costs what ours does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = Tagger(self)


class _P(Paragraph):
    """A paragraph tagged by hand: a list item (LI > LBody) when it has a bullet, else ``kind``."""

    def __init__(self, text: str, style: ParagraphStyle, kind: str = "P", **kw: Any) -> None:
        super().__init__(text, style, **kw)
        self.kind = kind

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        tagger: Tagger = canvas.tagger
        if self.bulletText:
            with tagger.group("LI"), tagger.content("LBody"):
                super().drawOn(canvas, x, y, _sW)
        else:
            with tagger.content(self.kind):
                super().drawOn(canvas, x, y, _sW)


class _Table(Table):
    """A table tagged through reportlab's drawing events, as ours are."""

    role = Role.TABLE
    repeats = 0

    def __init__(self, *args: Any, role: Role = Role.LAYOUT, **kwargs: Any) -> None:
        kwargs.setdefault("renderCB", lambda t, event, *a: t.canv.tagger.table_event(t, event, *a))
        super().__init__(*args, **kwargs)
        self.role = role
        self.struct_key = object()


class _Bars(Flowable):
    def __init__(self, level: Level) -> None:
        super().__init__()
        self.level = level
        self.width, self.height = 62, 9

    def draw(self) -> None:
        with self.canv.tagger.content("Figure", alt=self.level.label):  # type: ignore[attr-defined]
            for i in range(5):
                self.canv.setFillColor(colors.black if i < self.level.rank else colors.white)
                self.canv.rect(i * 12, 0, 10, 9, fill=1, stroke=1)


class _Box(Flowable):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.width = self.height = 12

    def draw(self) -> None:
        self.canv.acroForm.checkbox(
            name=self.name, size=12, relative=True, borderWidth=1, buttonStyle="check"
        )
        self.canv.tagger.form(self.name)  # type: ignore[attr-defined]


class _Field(Flowable):
    def __init__(self, name: str, width: float) -> None:
        super().__init__()
        self.name = name
        self.width, self.height = width, 16

    def draw(self) -> None:
        self.canv.acroForm.textfield(
            name=self.name, width=self.width, height=16, relative=True, borderWidth=0, fontSize=11
        )
        tagger: Tagger = self.canv.tagger  # type: ignore[attr-defined]
        tagger.form(self.name)
        with tagger.artifact():
            self.canv.line(0, 0, self.width, 0)


def _map(topic: Topic, width: float) -> Flowable:
    """Draw the muscle map beside the table: its shapes from the figure code, painted plainly."""
    marks = [
        Mark(m.region, m.backward.rank, str(i))
        for i, m in enumerate(topic.activation.muscles, start=1)
    ]
    words = MapWords("Front", "Back", "Low", "High", "Muscle map")
    # The floor's drawing tags itself a figure with the picture's alt text, as ours does.
    return figures.Drawing(muscle_map(marks, words, 12 * 230 / width), width)


def _text(statement: Statement, topic: Topic) -> str:
    numbers = ", ".join(str(n) for n in topic.source_numbers(statement.sources))
    return statement.text.replace("&", "&amp;").replace("<", "&lt;") + (
        f" [{numbers}]" if numbers else ""
    )


def handout(topic: Topic, branding: Branding) -> bytes:
    """Draw the handout's content with plain platypus and return the PDF bytes."""
    _fonts()
    body = ParagraphStyle("b", fontName=_REGULAR, fontSize=12, leading=14.4)
    bold = ParagraphStyle("s", parent=body, fontName=_BOLD)
    h1 = ParagraphStyle("h1", parent=bold, fontSize=24, leading=28)
    h2 = ParagraphStyle("h2", parent=bold, fontSize=16, leading=19, spaceBefore=6)
    small = ParagraphStyle("sm", parent=body, fontSize=8.5, leading=10.6)
    primary = colors.HexColor(branding.colors.primary)

    def para(text: str, style: ParagraphStyle = body, kind: str = "P") -> Paragraph:
        return _P(text, style, kind)

    def bullets(items: tuple[Statement, ...], number: bool = False) -> list[Paragraph]:
        return [
            _P(_text(s, topic), body, bulletText=f"{i}." if number else "•")
            for i, s in enumerate(items, start=1)
        ]

    story: list[Flowable] = [
        para(topic.title, h1, "H1"),
        para(topic.summary),
        para("You will need: " + " ".join(topic.equipment)),
        para("Muscles it works", h2, "H2"),
    ]
    rows: list[list[object]] = [["Muscle group", "Forward", "Backward", "What it does"]]
    for m in topic.activation.muscles:
        rows.append(
            [
                para(m.name, bold),
                [_Bars(m.forward), para(m.forward.label, small)],
                [_Bars(m.backward), para(m.backward.label, small)],
                para(_text(m.role, topic)),
            ]
        )
    muscle_table = _Table(rows, colWidths=[100, 70, 70, 120], repeatRows=1, role=Role.TABLE)
    muscle_table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), primary),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("FONTNAME", (0, 0), (-1, 0), _BOLD),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    beside = _Table([[muscle_table, _map(topic, 168)]], colWidths=[372, 168])
    story += [beside, para(_text(topic.activation.basis, topic), small)]
    story += [para("How it can help", h2, "H2"), *bullets(topic.benefits)]
    story.append(para("How to do it", h2, "H2"))
    steps = bullets(topic.steps, number=True)
    starts = sorted({f.step - 1 for f in topic.figures})
    for start, stop in itertools.pairwise([0, *starts, len(steps)]):
        shown = [f for f in topic.figures if f.step - 1 == start]
        if not shown:
            story += steps[start:stop]
            continue
        cell: list[Flowable] = []
        for f in shown:
            cell += [figures.Drawing(f.picture, 170), para(f.caption)]
        story.append(_Table([[steps[start:stop], cell]], colWidths=[None, 170]))
    d = topic.dosage
    dosage = [
        [para(label, bold), para(_text(s, topic))]
        for label, s in (
            ("Start", d.start),
            ("How long", d.duration),
            ("How often", d.frequency),
            ("Progress", d.progression),
        )
    ]
    story += [
        _Table(dosage, colWidths=[80, None]),
        para("Getting started checklist", h2, "H2"),
    ]
    checks = [[_Box(f"check{i}"), para(_text(s, topic))] for i, s in enumerate(topic.checklist)]
    story.append(_Table(checks, colWidths=[20, None]))
    p = topic.precautions
    columns = [
        [para("Use caution, and ask your clinician first, if:", bold), *bullets(p.caution_if)],
        [para("Do not do this exercise if:", bold), *bullets(p.do_not_if)],
        [para("Stop and contact your clinician if:", bold), *bullets(p.stop_if)],
    ]
    safety = _Table([[para("Safety: read before you start", h2, "H2"), "", ""], columns])
    safety.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F7DAD6")),
                ("BOX", (0, 0), (-1, -1), 2, colors.HexColor(branding.colors.accent)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [safety, para("Your plan", h2, "H2")]
    for label in ("Minutes each time", "Speed or resistance", "Times each week"):
        story.append(_Table([[para(label, bold), _Field(label, 150)]], colWidths=[160, 160]))
    story.append(Spacer(1, 6))

    sources = "Sources: " + "; ".join(
        f"[{i}] {s.title}" for i, s in enumerate(topic.sources, start=1)
    )

    def page(canvas: object, doc: object) -> None:
        canvas.tagger.begin_artifact(pagination=True)  # type: ignore[attr-defined]
        canvas.setFont(_REGULAR, 12)  # type: ignore[attr-defined]
        canvas.drawString(36, 760, "Clinic:")  # type: ignore[attr-defined]
        canvas.line(80, 758, 300, 758)  # type: ignore[attr-defined]
        canvas.setFont(_REGULAR, 8.5)  # type: ignore[attr-defined]
        canvas.drawString(36, 40, sources[:150])  # type: ignore[attr-defined]
        canvas.drawString(36, 30, "This handout does not replace advice from your clinician.")  # type: ignore[attr-defined]
        canvas.drawRightString(576, 30, f"Page {doc.page}")  # type: ignore[attr-defined]
        canvas.tagger.end_artifact()  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=theme.PAPER["letter"], leftMargin=36, rightMargin=36, topMargin=60
    )
    # Binary streams, as our renderer writes them, for this build only: the setting is global.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(story, onFirstPage=page, onLaterPages=page, canvasmaker=_Canvas)
    finally:
        rl_config.useA85 = saved
    about = Description(topic.title, "handouts", topic.summary, "handouts", "en-US")
    return tag(buffer.getvalue(), doc.canv.tagger.finish(), about)  # type: ignore[attr-defined]


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
