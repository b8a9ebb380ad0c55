"""Every use of reportlab's private attributes, gathered here: an upgrade checks this file.

reportlab has no public way to do these things, and each is worth it: a paragraph broken
into lines once per width (a tenth of a handout's drawing time), table rows that move
whole unless no page could hold them, a kept-together group that starts where it stands
when it is taller than a page, the room a frame has, form widgets written as one string
(a third of a program's drawing time), and whether the last page holds anything yet.
The test suite runs against reportlab's oldest supported release too (see pyproject).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFObject, PDFObjectReference, PDFString, xObjectName
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Paragraph, Table

from handouts.pdf.roles import Role
from handouts.pdf.tagging import Tagger, tagger_of


class Para(Paragraph):
    """A paragraph that breaks its lines once per width, and knows its structure role.

    Tables, kept-together blocks and page-fit checks ask a paragraph for its size several
    times at the same width; reportlab breaks the lines again on every call (availHeight
    plays no part), which was a tenth of a handout's drawing time.
    """

    _wrapped_at: float | None = None

    def __init__(
        self, text: str | None, style: Any, *, role: Role = Role.PARAGRAPH, **kw: Any
    ) -> None:
        """Make the paragraph; ``kw`` are reportlab's own (``bulletText``, split ``frags``)."""
        super().__init__(text, style, **kw)
        self.role = role
        self.struct_key = object()  # the parts of a paragraph split over pages share it

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Return the size at this width, breaking the lines only for a new width."""
        # split() may drop the broken lines (del self.blPara): then they are broken again.
        if availWidth != self._wrapped_at or "blPara" not in self.__dict__:
            super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split as reportlab does; both parts keep the role."""
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            part.role = self.role  # type: ignore[attr-defined]
            part.struct_key = self.struct_key  # type: ignore[attr-defined]
        return parts

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Draw the paragraph, marked as its role's element; a list item's bullet as its label."""
        tagger = tagger_of(canvas)
        if tagger is None:
            super().drawOn(canvas, x, y, _sW)
        elif self.role is not Role.LIST_ITEM:
            with tagger.content(self.role.value, self.struct_key):
                super().drawOn(canvas, x, y, _sW)
        else:
            with tagger.group("LI", self.struct_key):
                self._item(tagger, canvas, x, y, _sW)

    def _item(self, tagger: Tagger, canvas: Canvas, x: float, y: float, _sW: float) -> None:
        """Draw a list item: reportlab draws its bullet first, as a text object of its own."""
        body = (self.struct_key, "LBody")
        if not self.bulletText:  # the later part of an item split over pages
            with tagger.content("LBody", body):
                super().drawOn(canvas, x, y, _sW)
            return
        draw_text = canvas.drawText
        opened = []

        def marked(text: Any) -> None:
            """Draw the first text object (the bullet) as the label, the rest as the body."""
            if opened:
                draw_text(text)
                return
            with tagger.content("Lbl", (self.struct_key, "Lbl")):
                draw_text(text)
            tagger.begin_content("LBody", body)
            opened.append(True)

        canvas.drawText = marked  # type: ignore[method-assign]
        try:
            super().drawOn(canvas, x, y, _sW)
        finally:
            del canvas.drawText
            if opened:
                tagger.end_content()


class SplitTable(Table):
    """A table whose rows move whole to the next page, but split when no page could hold them.

    reportlab either never splits a row, so a row taller than the frame (a clinician's 30
    lines of notes) is a LayoutError, or, with ``splitInRow``, splits any row that meets the
    foot of a page. Here a row splits only where moving it on cannot help: when it and the
    rows repeated above it are taller than the whole frame.
    """

    role: Role = Role.LAYOUT
    """A data table (``TABLE``, its ``repeatRows`` the header) or one that places things."""
    repeats: int = 0
    """How many of its first rows repeat rows of a page before (artifacts to a reader)."""
    by_columns: bool = False
    """A layout read column by column (short items in two columns), not row by row."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Make the table as reportlab does; it is tagged as it is drawn (``tagging``)."""
        kwargs.setdefault("renderCB", _table_events)
        super().__init__(*args, **kwargs)
        self.struct_key = object()  # the parts of a table split over pages share it

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split between rows, or inside the row at the foot of the page if it must."""
        frame = getattr(self, "_frame", None)
        if frame is None or not self._too_tall(availWidth, availHeight, frame._height):
            parts: list[Flowable] = super().split(availWidth, availHeight)
        else:
            # Inside that row first, then between rows: reportlab's own order puts the rest
            # of the table under its first part on the same page, repeated rows and all.
            self.splitInRow, self.splitByRow = 1, 0
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self.splitInRow, self.splitByRow = 0, 1
            for part in parts:  # the rest moves on whole again, unless it too outgrows a page
                part.splitInRow, part.splitByRow = 0, 1  # type: ignore[attr-defined]
        for number, part in enumerate(parts):
            part.role = self.role  # type: ignore[attr-defined]
            part.struct_key = self.struct_key  # type: ignore[attr-defined]
            part.by_columns = self.by_columns  # type: ignore[attr-defined]
            part.repeats = self.repeatRows if number else self.repeats  # type: ignore[attr-defined]
        return parts

    def _too_tall(self, width: float, height: float, room: float) -> bool:
        """Tell whether the row that does not fit here, and the rows repeated, outgrow a frame."""
        self._calc(width, height)
        rows: list[float] = self._rowHeights  # type: ignore[attr-defined]
        used = 0.0
        for row in rows:
            if used + row > height:
                return sum(rows[: self.repeatRows]) + row > room
            used += row
        return False


def _table_events(table: Table, event: str, *args: Any) -> None:
    """Pass reportlab's drawing events of a table to the canvas's tagger."""
    tagger = tagger_of(table.canv)
    if tagger is not None:
        tagger.table_event(table, event, *args)


def first_rows_height(table: Table, rows: int) -> float:
    """Return the height of a wrapped table's first ``rows`` rows."""
    return float(sum(table._rowHeights[:rows]))  # type: ignore[attr-defined]


class Together(KeepTogether):
    """Flowables kept on one page when one page can hold them; split where they start if not.

    reportlab's KeepTogether moves a group taller than a page to a new page first, which
    leaves the rest of the page it started on empty.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        """Move the group on whole, or give its flowables to the frame to split in place."""
        parts: list[Flowable] = super().split(aW, aH)
        frame = getattr(self, "_frame", None)
        tall = frame is not None and frame._height < self._H  # type: ignore[attr-defined]
        # reportlab's FrameBreak is an instance, whose class makes each break; an action must
        # stay first, for the frame to take the flowables back.
        if tall and isinstance(parts[0], type(FrameBreak)):
            parts[0] = self.NullActionFlowable()  # type: ignore[attr-defined]
        return parts


def frame_height(flowable: Flowable) -> float | None:
    """Return the full height of the frame a flowable is being laid out in; None outside one."""
    frame = flowable._doctemplateAttr("frame")  # type: ignore[attr-defined]
    return None if frame is None else float(frame._height)


def page_is_blank(canv: Canvas) -> bool:
    """Tell whether nothing is drawn yet on the canvas's current page."""
    return not canv._code  # type: ignore[attr-defined]


def pdf_string(canv: Canvas, text: str) -> str:
    """Return text as a PDF string, escaped as reportlab escapes it in this document."""
    return PDFString(text).format(canv._doc).decode("latin-1")  # type: ignore[attr-defined]


class _Widget(PDFObject):
    """A field widget written out as one string, all but its page and appearance references.

    Formatted key by key as a dictionary, the 84 cells of a log cost a tenth of a
    program's drawing time.
    """

    def __init__(self, head: str, page: PDFObject, appearance: str | None) -> None:
        self.head = head
        self.page = page
        self.appearance = appearance

    def format(self, document: object) -> bytes:
        """Return the dictionary, its references numbered now that objects are."""
        out = self.head.encode("latin-1")
        if self.appearance is not None:
            ref = PDFObjectReference(xObjectName(self.appearance))
            out += b" /AP << /N " + ref.format(document) + b" >>"
        return out + b" /P " + self.page.format(document) + b" >>"


def add_widget(canv: Canvas, head: str, appearance: str | None = None) -> None:
    """Add a form field's widget, given as its dictionary up to ``/P``, to the current page.

    ``appearance``: the name of the form (``canv.beginForm``) that draws its value.
    """
    widget = _Widget(head, canv._doc.thisPageRef(), appearance)  # type: ignore[attr-defined]
    canv._addAnnotation(widget)  # type: ignore[attr-defined]
    form = canv.acroForm
    form.fields.append(form.getRef(widget))
