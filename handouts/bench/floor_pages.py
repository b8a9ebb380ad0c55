"""The floor's pages: the header and foot painted on each, the document they are built in.

Part of the benchmark's floor (``floor``): page 1's write-in lines for the clinic (or its
name and contact), the later pages' running title, every page's foot with the review date,
"Page 1 of 3" (the total drawn once, when the file is saved) and the disclaimer, all
artifacts; then one ``build`` of the story into two page templates, and the tags written.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from handouts import theme
from handouts.bench.floor_figures import BOLD, REGULAR
from handouts.outline.document import Handout
from handouts.pdf.structure import Description, tag
from handouts.pdf.tagging import Tagger

W = 540.0
"""The text width: US Letter less half-inch margins."""
TOTAL = "total"
"""The form the page total is drawn into when the file is saved."""


def fonts() -> None:
    """Register the fonts, once."""
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(theme.FONT_REGULAR)))
        pdfmetrics.registerFont(TTFont(BOLD, str(theme.FONT_BOLD)))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)


class _Canvas(Canvas):
    """A canvas with the same tagger ours has, that draws the page total when it saves."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = Tagger(self)

    def save(self) -> None:
        self.beginForm(TOTAL)
        self.setFont(REGULAR, 9)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


def build(made: Handout, story: list[Flowable]) -> bytes:
    """Lay the story out on pages with the header and the foot; tag the file."""
    part, words, brand = made.parts[0], made.words, made.brand
    foot = part.footer

    def page(canvas: Any, doc: Any) -> None:
        tagger: Tagger = canvas.tagger
        canvas.setFillColor(colors.HexColor(brand.primary))
        if doc.page == 1:  # the clinic's name and contact, or lines to write them on: read
            lines = [[(words.clinic, brand.clinic)], [(words.phone, brand.contact)]]
            if not brand.contact:
                lines[1].append((words.clinician, ""))
            for y, line in zip((745, 730), lines, strict=True):
                x, font, size = 36.0, BOLD if y == 745 else REGULAR, 13 if y == 745 else 11
                for field, shown in line:
                    canvas.setFont(font, size)
                    with tagger.content("P"):
                        canvas.drawString(x, y, shown or field.label)
                    if shown:
                        continue
                    x += canvas.stringWidth(field.label + " ", font, size)
                    with tagger.artifact():
                        canvas.line(x, y - 2, x + 160, y - 2)
                    canvas.acroForm.textfield(
                        name=field.name,
                        tooltip=field.tooltip or field.label,
                        x=x,
                        y=y - 1,
                        width=160,
                        height=15,
                        borderWidth=0,
                        fillColor=colors.transparent,
                        fontSize=11,
                    )
                    tagger.form(field.name)
                    x += 190
                canvas.setFillColor(colors.HexColor(theme.INK))
            rule = 721.4
            tagger.begin_artifact(pagination=True)
        else:
            tagger.begin_artifact(pagination=True)
            canvas.setFont(BOLD, 11)
            canvas.drawString(36, 745, part.title + words.continued)
            rule = 736.8
        canvas.setStrokeColor(colors.HexColor(brand.primary))
        canvas.setLineWidth(1.5)
        canvas.line(36, rule, 576, rule)
        canvas.setLineWidth(0.6)
        canvas.setStrokeColor(colors.HexColor(theme.RULE))
        canvas.line(36, 61.25, 576, 61.25)
        canvas.setFillColor(colors.HexColor(theme.MUTED))
        canvas.setFont(REGULAR, 9)
        if foot.review:
            canvas.drawString(36, 49.25, foot.review)
        label = words.page_of.split("{pages}")[0].format(page=doc.page)
        canvas.drawRightString(566, 49.25, label)
        canvas.saveState()
        canvas.translate(566, 49.25)
        canvas.doForm(TOTAL)
        canvas.restoreState()
        canvas.setFillColor(colors.HexColor(theme.INK))
        canvas.setFont(BOLD if foot.disclaimer.startswith("**") else REGULAR, 9)
        canvas.drawString(36, 38.5, foot.disclaimer.replace("**", ""))
        tagger.end_artifact()

    buffer = io.BytesIO()
    meta = made.meta
    doc = BaseDocTemplate(
        buffer,
        pagesize=theme.PAPER["letter"],
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        lang=meta.lang,
        invariant=1,
    )
    # Page 1 has the taller header; the later pages' frame starts higher.
    first = Frame(36, 72.25, W, 643.15, 0, 0, 0, 0, id="first")
    later = Frame(36, 72.25, W, 658.55, 0, 0, 0, 0, id="later")
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=page, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=page),
        ]
    )
    # Binary streams, as our renderer writes them, for this build only: the setting is global.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(story, canvasmaker=_Canvas)
    finally:
        rl_config.useA85 = saved
    about = Description(meta.title, meta.author, meta.subject, meta.creator, meta.lang)
    return tag(buffer.getvalue(), doc.canv.tagger.finish(), about)  # type: ignore[attr-defined]
