"""Paint the page furniture that ``layout`` measured; the one place it is drawn.

One page template per kind of page: page 1 with the masthead, then for each part a first
page and its later pages (whose running title says "continued"), each with its frame and
its foot. reportlab moves from a part's first page to its later ones by itself
(``autoNextPageTemplate``). Nothing here measures text: it draws what was laid out. The
page total is drawn once, when the document is saved, into a form every page shows.
Page furniture is an artifact to a screen reader, but for what is read once: page 1's
masthead (the clinic's name, its write-in fields) is read first, and each footer's
sources and disclaimer are read at the end of the part they belong to, from the first
page that shows them.
"""

from __future__ import annotations

import functools
from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate

from handouts import theme
from handouts.pdf import internals
from handouts.pdf.forms import Field, empty_field
from handouts.pdf.layout import Blank, Masthead, PageKind, PageLayout, Text
from handouts.pdf.styles import BOLD, REGULAR
from handouts.pdf.tagging import Tagger

TOTAL = "pagecount"
"""The form holding the page total, drawn on every page after "Page 3 of "."""


class CountingCanvas(Canvas):
    """A canvas that draws the page total, shown on every page, when it saves."""

    def __init__(self, *args: Any, total_size: float, **kwargs: Any) -> None:
        """``total_size``: the type size of the total (the foot's)."""
        super().__init__(*args, **kwargs)
        self.total_size = total_size
        self.tagger = Tagger(self)

    def save(self) -> None:
        """Define the total's form with the final number of pages, then save."""
        pages = self.getPageNumber() - (1 if internals.page_is_blank(self) else 0)
        self.beginForm(TOTAL)
        self.setFont(REGULAR, self.total_size)
        self.setFillColor(colors.HexColor(theme.MUTED))
        self.drawString(0, 0, str(pages))
        self.endForm()
        super().save()


def canvas_maker(layout: PageLayout) -> functools.partial[CountingCanvas]:
    """Return what makes the document's canvas: one that counts its pages."""
    return functools.partial(CountingCanvas, total_size=layout.numbers.size)


def page_templates(layout: PageLayout, primary: colors.Color) -> list[PageTemplate]:
    """Return a page template for every kind of page, page 1's first."""
    templates = []
    # The opening's pages show the first part's footer, unless the opening has its own.
    part_feet = {id(kind.foot): part for part, kind in enumerate(layout.kinds[2::2])}
    for kind in layout.kinds:
        box = kind.frame
        frame = Frame(
            box.x,
            box.y,
            box.width,
            box.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=kind.id,
        )
        paint = _Furniture(kind, layout, primary, part_feet.get(id(kind.foot), -1))
        templates.append(
            PageTemplate(kind.id, [frame], onPage=paint, autoNextPageTemplate=kind.next)
        )
    return templates


class _Furniture:
    """Paints one kind of page's header and foot."""

    def __init__(
        self, kind: PageKind, layout: PageLayout, primary: colors.Color, part: int
    ) -> None:
        self.kind = kind
        self.layout = layout
        self.primary = primary
        self.part = part  # whose footer it is: a part's index, -1 for the opening's own

    def __call__(self, canv: Canvas, doc: Any) -> None:
        """Paint the header, then the foot, of page ``doc.page``."""
        tagger: Tagger = canv.tagger  # type: ignore[attr-defined]
        if isinstance(self.kind.header, Masthead):  # read first, once
            self._header(canv, tagger)
        else:
            with tagger.artifact(pagination=True):
                self._header(canv, tagger)
        foot = self.kind.foot
        if tagger.first_time(id(foot)):
            with tagger.tail(self.part):
                self._foot(canv, doc.page, tagger)
        else:
            with tagger.artifact(pagination=True):
                self._foot(canv, doc.page, tagger)

    def _header(self, canv: Canvas, tagger: Tagger) -> None:
        layout, header = self.layout, self.kind.header
        size = layout.size
        canv.saveState()
        canv.setFillColor(self.primary)
        if isinstance(header, Masthead):
            logo = header.logo
            if logo is not None:  # the clinic's name is printed beside it
                with tagger.artifact():
                    canv.drawImage(logo.image, logo.x, logo.y, logo.width, logo.height, mask="auto")
            canv.setFont(BOLD, header.name_size)
            self._lines(canv, header.name, tagger)
            canv.setFont(REGULAR, size)
            canv.setFillColor(colors.HexColor(theme.INK))
            self._lines(canv, header.contact, tagger)
        else:
            canv.setFont(BOLD, size)
            canv.drawString(header.title.x, header.title.y, header.title.text)
            canv.setFont(REGULAR, size)
            canv.setFillColor(colors.HexColor(theme.MUTED))
            if header.clinic is not None:
                canv.drawString(header.clinic.x, header.clinic.y, header.clinic.text)
        canv.setStrokeColor(self.primary)
        canv.setLineWidth(1.5)
        with tagger.artifact():
            canv.line(layout.margin, self.kind.rule, layout.page[0] - layout.margin, self.kind.rule)
        canv.restoreState()

    def _lines(self, canv: Canvas, items: tuple[Text | Blank, ...], tagger: Tagger) -> None:
        """Draw a header's lines and write-ins in reading order; its lines read as one."""
        key = object()
        for item in items:
            if isinstance(item, Text):
                with tagger.content("P", key):
                    canv.drawString(item.x, item.y, item.text)
                continue
            key = object()  # a label after a write-in starts a paragraph of its own
            canv.saveState()
            canv.setStrokeColor(colors.HexColor(theme.RULE))
            canv.setLineWidth(0.8)
            with tagger.artifact():
                canv.line(item.x, item.y - 2, item.x + item.length, item.y - 2)
            canv.restoreState()
            tagger.form(item.name)
            size = self.layout.size
            box = (item.x, item.y - 1, item.length, size + 4)
            empty_field(canv, Field(item.name, item.tooltip, size, 80), box)

    def _foot(self, canv: Canvas, page: int, tagger: Tagger) -> None:
        layout, foot = self.layout, self.kind.foot
        canv.saveState()
        for paragraph, x, y in reversed(foot.paragraphs):  # read from the top
            paragraph.drawOn(canv, x, y)
        canv.setFont(REGULAR, layout.numbers.size)
        canv.setFillColor(colors.HexColor(theme.MUTED))
        with tagger.artifact(pagination=True):  # the same on every page of a part
            if foot.review is not None:
                canv.drawString(foot.review.x, foot.review.y, foot.review.text)
            label, x, total = layout.numbers.at(page)
            canv.drawString(x, foot.line, label)
            canv.translate(total, foot.line)
            canv.doForm(TOTAL)
        canv.restoreState()
        canv.saveState()
        canv.setStrokeColor(colors.HexColor(theme.RULE))
        canv.setLineWidth(0.6)
        with tagger.artifact():
            canv.line(layout.margin, foot.rule, layout.page[0] - layout.margin, foot.rule)
        canv.restoreState()
