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
from reportlab.pdfbase.acroform import PDFFromString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from handouts import theme
from handouts.outline import blocks
from handouts.pdf import internals
from handouts.pdf.flowables import FixedSize
from handouts.pdf.internals import Para
from handouts.pdf.roles import Role
from handouts.pdf.styles import BOLD, markup

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
        if self.inline:
            canv.setFont(BOLD, self.font_size)
            canv.setFillColor(colors.HexColor(theme.INK))
            canv.drawString(0, 5, self.text)
        else:
            self.label.drawOn(canv, 0, self.height - self.label_height)
        canv.setStrokeColor(colors.HexColor(theme.RULE))
        canv.setLineWidth(0.8)
        for i in range(self.lines):
            y = (self.lines - 1 - i) * self.line_gap + 2
            canv.line(self.start, y, self.width, y)
        most = 2000 if self.lines > 1 else 60
        height = self.lines * self.line_gap - 4
        width = self.width - self.start
        if not self.value:
            x, y = canv.absolutePosition(self.start, 3)
            box = (x, y, width, height)
            empty_field(
                canv, self.name, self.tooltip, box, self.typed_size, most, multiline=self.lines > 1
            )
            return
        canv.acroForm.textfield(
            name=self.name,
            tooltip=self.tooltip,
            x=self.start,
            y=3,
            width=width,
            height=height,
            fontName=FIELD_FONT,
            fontSize=self.typed_size,
            maxlen=most,
            value=self.value,
            borderWidth=0,
            fillColor=None,
            fieldFlags="multiline" if self.lines > 1 else "",
            relative=True,
        )


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

    def draw(self) -> None:
        """Put an empty field over the cell."""
        x, y = self.canv.absolutePosition(0, 0)
        box = (x, y, self.width, self.height)
        empty_field(self.canv, self.name, self.tooltip, box, self.size, 200)


def empty_field(
    canv: Canvas,
    name: str,
    tooltip: str,
    box: tuple[float, float, float, float],
    size: float,
    max_length: int,
    *,
    multiline: bool = False,
) -> None:
    """Add an empty text field at ``box`` (x, y, width, height on the page), typed at ``size``.

    A widget with no drawn appearance of its own: reportlab's ``textfield`` also builds an
    appearance stream, border settings and a font object for every field, which made the
    84 cells of a log cost a third of a program's drawing time. An empty field has nothing
    to show; viewers draw what is typed from its ``/DA`` (the form asks them to, with
    ``/NeedAppearances``).
    """
    form = canv.acroForm
    font = "Helv"  # Helvetica's name in the form's resources
    if font not in form.fonts:  # makeFont adds a new font object on every call
        form.makeFont(FIELD_FONT)
    form.extras["NeedAppearances"] = PDFFromString("true")
    x, y, width, height = box
    title = internals.pdf_string(canv, name)  # escaped, as reportlab does
    tip = internals.pdf_string(canv, tooltip)
    rect = " ".join(f"{v:.2f}" for v in (x, y, x + width, y + height))
    flags = " /Ff 4096" if multiline else ""
    internals.add_widget(
        canv,
        f"<< /Type /Annot /Subtype /Widget /FT /Tx /T {title} /TU {tip} /Rect [{rect}] "
        f"/F 4 /DA (/{font} {size:g} Tf 0 g) /MaxLen {max_length}{flags} /P ",
    )
