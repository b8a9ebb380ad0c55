"""Fillable fields: checkboxes, write-in lines and log cells that print for pen, fill on tablets.

Every field is drawn for pen (a box, a rule) with a form field over it. Field names are
unique in a document: its prefix (a merged roster keeps each person's apart), the part's
key, then the field's own name. Whether a pre-filled value fits is decided when the field
is made, not when it is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from handouts import theme
from handouts.outline import blocks
from handouts.pdf import internals
from handouts.pdf.flowables import FixedSize
from handouts.pdf.internals import Para
from handouts.pdf.roles import Role
from handouts.pdf.styles import BOLD, REGULAR, markup
from handouts.pdf.tagging import tagger_of

FIELD_FONT = "Helvetica"
"""What form fields are typed in: the viewer's own, which has only Latin-1 letters."""


@dataclass(frozen=True)
class FieldNames:
    """Names the form fields and bookmarks of one part: prefix, part key, then its own name."""

    prefix: str = ""
    """The document's prefix (``pt-0101.``), so merged documents keep their fields apart."""
    part: str = ""
    """The part's key (a topic id, ``log``); empty for the page furniture and the opening."""

    def name(self, own: str) -> str:
        """Return the unique name of a field or bookmark of this part."""
        return ".".join(p for p in (self.prefix.rstrip("."), self.part, own) if p)


def value_fits_field(value: str, width: float, size: float) -> bool:
    """Tell whether a value can be shown in a form field: it fits, in the field's font.

    Form fields use the viewer's Helvetica, which has only Latin-1 letters: a value with
    an en dash or a Polish letter stays out of the field (the dosage panel prints it).
    """
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return pdfmetrics.stringWidth(value, FIELD_FONT, size) <= width - 4


class CheckBox(FixedSize):
    """A drawn square that prints, with a fillable checkbox on top for tablets."""

    role = Role.FORM

    def __init__(self, name: str, tooltip: str, size: float) -> None:
        """``name`` must be unique in the document."""
        super().__init__()
        self.name = name
        self.tooltip = tooltip
        self.size = size
        self.width = self.height = size

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Draw the printed box (an artifact) and the field, a Form element."""
        super().drawOn(canvas, x, y, _sW)
        tagger = tagger_of(canvas)
        if tagger is not None:
            tagger.form(self.name)

    def draw(self) -> None:
        """Draw the box in the page content, then the form field over it."""
        canv = self.canv
        ink = colors.HexColor(theme.INK)
        canv.setLineWidth(1.2)
        canv.setStrokeColor(ink)
        canv.setFillColor(colors.white)
        canv.rect(0, 0, self.size, self.size, stroke=1, fill=1)
        canv.acroForm.checkbox(
            name=self.name,
            tooltip=self.tooltip,
            x=0,
            y=0,
            size=self.size,
            buttonStyle="check",
            borderWidth=0,
            borderColor=ink,
            fillColor=colors.white,
            textColor=ink,
            fieldFlags="",
            relative=True,
        )


class WriteIn(Flowable):
    """A labelled write-in line that is also a fillable text field.

    ``inline`` puts the label on the line (``Times each week: ____``); otherwise the label sits
    above ``lines`` ruled lines.
    """

    role = Role.FORM

    def __init__(
        self,
        field: blocks.WriteIn,
        name: str,
        width: float,
        label_style: ParagraphStyle,
        leading: float,
        lines: int = 1,
        *,
        inline: bool = False,
    ) -> None:
        """Lay the field out: where its line starts, and whether its value fits on it."""
        super().__init__()
        self.name = name
        self.text = field.label
        self.tooltip = field.tooltip or field.label
        self.label = Para(markup(field.label), label_style)
        self.width = width
        self.lines = lines
        self.inline = inline
        self.line_gap = leading * 1.6
        self.label_height = 0.0
        size: float = label_style.fontSize
        self.font_size = size
        self.start = pdfmetrics.stringWidth(field.label, BOLD, size) + 6 if inline else 0.0
        # Typed text matches the printed size: 12 pt, or 18 pt in large print.
        self.typed_size = size if lines == 1 else size - 1
        # A value wider than its line would print cut off: the dosage panel has it anyway.
        fits = value_fits_field(field.value, width - self.start, size)
        self.value = field.value if fits else ""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the label height (unless inline) plus the ruled lines."""
        if not self.inline:
            self.label_height = self.label.wrap(self.width, available_height)[1]
        self.height = self.label_height + self.lines * self.line_gap
        return self.width, self.height

    def draw(self) -> None:
        """Draw the label, the rules (for pen) and the field (for tablets)."""
        canv = self.canv
        tagger = tagger_of(canv)
        if self.inline:
            canv.setFont(BOLD, self.font_size)
            canv.setFillColor(colors.HexColor(theme.INK))
            if tagger is None:
                canv.drawString(0, 5, self.text)
            else:
                with tagger.content("P"):
                    canv.drawString(0, 5, self.text)
        else:
            self.label.drawOn(canv, 0, self.height - self.label_height)
        if tagger is not None:
            tagger.begin_artifact()
        canv.setStrokeColor(colors.HexColor(theme.RULE))
        canv.setLineWidth(0.8)
        for i in range(self.lines):
            y = (self.lines - 1 - i) * self.line_gap + 2
            canv.line(self.start, y, self.width, y)
        if tagger is not None:
            tagger.end_artifact()
            tagger.form(self.name)
        most = 2000 if self.lines > 1 else 60
        height = self.lines * self.line_gap - 4
        width = self.width - self.start
        x, y = canv.absolutePosition(self.start, 3)
        box = (x, y, width, height)
        multiline = self.lines > 1
        field = Field(self.name, self.tooltip, self.typed_size, most, multiline, self.value)
        empty_field(canv, field, box)


class CellField(FixedSize):
    """A fillable text field the size of its table cell (the cell's rules print for pen)."""

    role = Role.FORM

    def __init__(self, name: str, tooltip: str, width: float, height: float, size: float) -> None:
        """``size``: the type size, made smaller if the cell is too low for it."""
        super().__init__()
        self.name = name
        self.tooltip = tooltip
        self.width = width
        self.height = height
        self.size = min(size, height - 4)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Put the field over the cell, a Form element (it draws nothing on the page)."""
        super().drawOn(canvas, x, y, _sW)
        tagger = tagger_of(canvas)
        if tagger is not None:
            tagger.form(self.name)

    def draw(self) -> None:
        """Put an empty field over the cell."""
        x, y = self.canv.absolutePosition(0, 0)
        box = (x, y, self.width, self.height)
        empty_field(self.canv, Field(self.name, self.tooltip, self.size, 200), box)


@dataclass(frozen=True)
class Field:
    """A text field: what it is called and told as, how it is typed, what it holds."""

    name: str
    """The full name, unique in the document."""
    tooltip: str
    """What a screen reader says of it (``/TU``)."""
    size: float
    """The type size typed text is shown at."""
    max_length: int
    """The most characters it takes."""
    multiline: bool = False
    """True for a box of several lines."""
    value: str = ""
    """What it is filled in with (a prescription's dosage); empty for most."""


def empty_field(canv: Canvas, field: Field, box: tuple[float, float, float, float]) -> None:
    """Add a text field at ``box`` (x, y, width, height on the page).

    reportlab's ``textfield`` also builds border settings and a font object for every
    field, which made the 84 cells of a log cost a third of a program's drawing time, and
    draws a value in an unembedded Helvetica. Here a value is drawn into an appearance of
    its own in the handout's embedded font; an empty field gets the document's one empty
    appearance when the file is tagged (``structure``). What is typed is shown in the
    viewer's Helvetica (``/DA``), which the form's resources name.
    """
    form = canv.acroForm
    font = "Helv"  # Helvetica's name in the form's resources
    if font not in form.fonts:  # makeFont adds a new font object on every call
        form.makeFont(FIELD_FONT)
    x, y, width, height = box
    title = internals.pdf_string(canv, field.name)  # escaped, as reportlab does
    tip = internals.pdf_string(canv, field.tooltip)
    rect = " ".join(f"{v:.2f}" for v in (x, y, x + width, y + height))
    flags = " /Ff 4096" if field.multiline else ""
    value = appearance = None
    if field.value:
        value = f" /V {internals.pdf_string(canv, field.value)}"
        appearance = _appearance(canv, field, width, height)
    internals.add_widget(
        canv,
        f"<< /Type /Annot /Subtype /Widget /FT /Tx /T {title} /TU {tip} /Rect [{rect}] "
        f"/F 4 /DA (/{font} {field.size:g} Tf 0 g) /MaxLen {field.max_length}{flags}"
        f"{value or ''}",
        appearance,
    )


def _appearance(canv: Canvas, field: Field, width: float, height: float) -> str:
    """Draw a field's value as its appearance, in the embedded font; return the form's name."""
    name = f"field-{field.name}"
    canv.beginForm(name, 0, 0, width, height)
    canv.addLiteral("/Tx BMC")
    canv.setFont(REGULAR, field.size)
    canv.setFillColor(colors.HexColor(theme.INK))
    # A single line sits as a viewer sets it: on the middle of the box, two points in.
    baseline = height - field.size - 2 if field.multiline else (height - field.size) / 2 + 2
    canv.drawString(2, baseline, field.value)
    canv.addLiteral("EMC")
    canv.endForm()
    return name
