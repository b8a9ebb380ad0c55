"""Draw a topic as a print-ready PDF patient handout; the only module that imports reportlab.

Reading order: branded header, title and summary, the muscle table, benefits, numbered steps
with the dosage, the getting-started checklist, the precautions callout, write-in lines, and
a footer on every page. Each block of the page is one function in ``_BLOCKS``, so a new kind
of block is one more function. Content is always text: it is escaped before reportlab's
paragraph parser sees it, and only ``**bold**`` is turned into emphasis (never in a name: the
clinic's, the patient's and the clinician's print exactly as typed). No block is taller than a
page: table rows move whole to the next page, and split over pages only when taller than one.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.acroform import PDFFromString
from reportlab.pdfbase.pdfdoc import PDFObject, PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from handouts import __version__, images, theme
from handouts.build import Options
from handouts.errors import HandoutsError, RenderError
from handouts.model import (
    Branding,
    Content,
    Dose,
    HandSupport,
    Level,
    Prescription,
    Program,
    Statement,
    Topic,
    emphasis,
    plain,
    plain_number,
)

# Binary streams instead of ASCII85: files a fifth smaller and no time spent encoding.
rl_config.useA85 = 0

CALLOUT_TINT = "#F7DAD6"
"""Safety callout background: a pink that prints a visibly darker grey than other panels."""
REGULAR = "AtkinsonHyperlegible"
BOLD = "AtkinsonHyperlegible-Bold"


@functools.cache
def _register_fonts() -> None:
    """Register the bundled TrueType fonts once; they are embedded (subset) in every PDF."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(theme.FONT_REGULAR)))
    pdfmetrics.registerFont(TTFont(BOLD, str(theme.FONT_BOLD)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


def markup(text: str) -> str:
    """Escape text for reportlab's paragraph parser; ``**words**`` becomes bold."""
    return "".join(f"<b>{escape(run)}</b>" if bold else escape(run) for run, bold in emphasis(text))


def _lines(text: str, style: ParagraphStyle, label: str = "") -> list[Flowable]:
    """Make a paragraph of each line of text whose line breaks are kept (a clinician's notes).

    Each goes in a table row of its own (see ``_continued``), so long notes split over pages
    between their lines. Not one paragraph with ``<br/>``: split over pages, reportlab
    starts its second part with an empty line. ``label`` (bold) starts the first line.
    """
    lines = [markup(line) for line in text.split("\n")]
    lines[0] = f"<b>{escape(label)}</b> {lines[0]}" if label else lines[0]
    return [_Para(line, style) for line in lines]


def _continued(rows: Iterable[int]) -> list[tuple[object, ...]]:
    """Return the table style that sets each of these rows close under the row above it.

    Rows of the lines of one text (a clinician's notes) then read as one paragraph.
    """
    return [
        command
        for n in rows
        for command in (
            ("TOPPADDING", (0, n), (-1, n), 0),
            ("BOTTOMPADDING", (0, n - 1), (-1, n - 1), 0),
        )
    ]


class _Para(Paragraph):
    """A paragraph that breaks its lines once per width.

    Tables, kept-together blocks and page-fit checks ask a paragraph for its size several
    times at the same width; reportlab breaks the lines again on every call (availHeight
    plays no part), which was a tenth of a handout's drawing time.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Return the size at this width, breaking the lines only for a new width."""
        # split() may drop the broken lines (del self.blPara): then they are broken again.
        if availWidth != self._wrapped_at or "blPara" not in self.__dict__:
            super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self.width, self.height


# -- styles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """Everything a block needs to draw: sizes, colours, styles and source numbers."""

    sizes: theme.PrintSizes
    primary: colors.Color
    accent: colors.Color
    body: ParagraphStyle
    bold: ParagraphStyle
    lead: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    small: ParagraphStyle
    table_head: ParagraphStyle
    topic: Topic | None
    width: float
    dose: Dose | None = None
    prefix: str = ""

    def field(self, name: str) -> str:
        """Name a form field uniquely: document prefix, topic id, then the field's own name."""
        topic_id = self.topic.id if self.topic else ""
        return ".".join(p for p in (self.prefix.rstrip("."), topic_id, name) if p)

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """Make a paragraph of plain content text (escaped)."""
        return _Para(markup(text), style or self.body)

    def statement(self, item: Statement, style: ParagraphStyle | None = None) -> Paragraph:
        """Make a paragraph of a statement with its source numbers, e.g. ``... [1]``."""
        return _Para(markup(item.text) + self.citation(item.sources), style or self.body)

    def citation(self, sources: Sequence[str]) -> str:
        """Return the source markers for a statement, e.g. ``[1, 2]``.

        They are set in the text's own colour and face: a paragraph of one style takes
        reportlab's fast line-breaking path, which halves the time to draw a handout.
        """
        if not sources:
            return ""
        # No-break spaces keep "[1, 2]" whole and on the line of the words it backs.
        assert self.topic is not None, "only topic sections cite sources"
        numbers = ",\xa0".join(str(n) for n in self.topic.source_numbers(tuple(sources)))
        return f"\xa0[{numbers}]"


def _look(
    topic: Topic | None,
    branding: Branding,
    large_print: bool,
    width: float,
    *,
    dose: Dose | None = None,
    prefix: str = "",
) -> _Look:
    sizes = theme.print_sizes(large_print)
    primary = colors.HexColor(branding.colors.primary)
    ink = colors.HexColor(theme.INK)
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=sizes.body,
        leading=sizes.leading,
        textColor=ink,
        alignment=TA_LEFT,
        splitLongWords=True,
        # reportlab otherwise draws bullets and step numbers in 10 pt Helvetica.
        bulletFontName=REGULAR,
        bulletFontSize=sizes.body,
    )
    return _Look(
        sizes=sizes,
        primary=primary,
        accent=colors.HexColor(branding.colors.accent),
        body=body,
        bold=ParagraphStyle("bold", parent=body, fontName=BOLD),
        lead=ParagraphStyle(
            "lead", parent=body, fontSize=sizes.body + 1, leading=sizes.leading + 1.5
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=sizes.h1,
            leading=sizes.h1 * 1.15,
            textColor=primary,
            spaceAfter=sizes.gap / 2,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=sizes.h2,
            leading=sizes.h2 * 1.2,
            textColor=primary,
            spaceBefore=sizes.gap * 0.8,
            spaceAfter=sizes.gap * 0.4,
        ),
        small=ParagraphStyle(
            "small",
            parent=body,
            fontSize=sizes.small,
            leading=sizes.small * 1.25,
            textColor=colors.HexColor(theme.MUTED),
        ),
        table_head=ParagraphStyle("th", parent=body, fontName=BOLD, textColor=colors.white),
        topic=topic,
        width=width,
        dose=dose,
        prefix=prefix,
    )


# -- flowables -----------------------------------------------------------------------------


class Heading(_Para):
    """A section heading that also adds a PDF bookmark pointing at itself."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        key: str = "",
        *,
        literal: bool = False,
        **part: object,
    ) -> None:
        """Keep the plain title for the bookmark; the paragraph shows it escaped.

        ``literal``: print ``**`` as typed (a person's name), not as bold marks. ``part``:
        reportlab's own arguments when it makes the parts of a heading split over pages.
        """
        if part:
            super().__init__(text, style, **part)  # type: ignore[arg-type]
        else:
            super().__init__(escape(text or "") if literal else markup(text or ""), style)
        self.title = (text or "") if literal else plain(text or "")  # an outline shows no bold
        self.key = key

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split a heading taller than the room like text; its first part keeps the bookmark."""
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            parts[0].title, parts[0].key = self.title, self.key  # type: ignore[attr-defined]
        return parts

    def draw(self) -> None:
        """Draw the heading and register the bookmark at its position."""
        super().draw()
        if self.key:  # the later part of a split heading has none
            self.canv.bookmarkHorizontal(self.key, 0, self.height)
            self.canv.addOutlineEntry(self.title, self.key, level=0)


class _HeadingRoom(CondPageBreak):
    """Start a new page unless a block's heading and the start of what follows it fit here.

    Never a heading alone at the foot of a page: the start is the first row of a table that
    follows (rows do not split; a checklist item is a table) or a few lines of text.
    """

    def __init__(self, block: list[Flowable], lines: float) -> None:
        """``lines``: the height of the few lines of text to keep with the heading."""
        super().__init__(0)
        self.block = block
        self.lines = lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Work out the room needed at this width, then break the page if it is not here."""
        heading, *rest = self.block
        if not isinstance(heading, Heading):  # a block kept together moves on by itself
            self.height = 0
            return super().wrap(available_width, available_height)
        for flowable in self.block[:2]:  # as the frame will, before it wraps them
            flowable.canv = self.canv
        needed = heading.wrap(available_width, available_height)[1]
        needed += heading.getSpaceBefore() + heading.getSpaceAfter()
        if rest:
            first = rest[0]
            tall = first.wrap(available_width, available_height)[1]
            if isinstance(first, Table):  # rows do not split: the first (and repeated) rows
                start = sum(first._rowHeights[: first.repeatRows + 1])  # type: ignore[attr-defined]
            elif isinstance(first, Paragraph):  # text splits after a few lines
                start = min(tall, self.lines)
            else:
                start = tall
            needed += first.getSpaceBefore() + start
        # Never more than half a page: on a new page it must always fit, or pages would loop.
        frame = self._doctemplateAttr("frame")
        self.height = min(needed, frame._height / 2) if frame is not None else needed
        return super().wrap(available_width, available_height)


class _Fixed(Flowable):
    """A flowable of a fixed size, set as ``width`` and ``height`` in its constructor."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the fixed size."""
        return self.width, self.height


class LevelBar(_Fixed):
    """Five boxes, filled up to the level's rank: readable in colour and in grayscale."""

    def __init__(self, level: Level, fill: colors.Color, height: float) -> None:
        """Size the bar from the text height so it scales with large print."""
        super().__init__()
        self.level = level
        self.fill = fill
        self.box = height
        self.gap = height * 0.3
        self.width = 5 * self.box + 4 * self.gap
        self.height = self.box

    def draw(self) -> None:
        """Draw filled and empty boxes with a dark outline that survives photocopying."""
        canv = self.canv
        canv.setLineWidth(0.8)
        canv.setStrokeColor(colors.HexColor(theme.INK))
        for i in range(5):
            filled = i < self.level.rank
            canv.setFillColor(self.fill if filled else colors.white)
            canv.rect(i * (self.box + self.gap), 0, self.box, self.box, stroke=1, fill=1)


class CheckBox(_Fixed):
    """A drawn square that prints, with a fillable checkbox on top for tablets."""

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
        canv.setLineWidth(1.2)
        canv.setStrokeColor(colors.HexColor(theme.INK))
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
            borderColor=colors.HexColor(theme.INK),
            fillColor=colors.white,
            textColor=colors.HexColor(theme.INK),
            fieldFlags="",
            relative=True,
        )


class WriteIn(Flowable):
    """A labelled write-in line that is also a fillable text field.

    ``inline`` puts the label on the line (``Times each week: ____``); otherwise the label sits
    above ``lines`` ruled lines.
    """

    def __init__(
        self,
        name: str,
        label: str,
        width: float,
        look: _Look,
        lines: int = 1,
        *,
        inline: bool = False,
        value: str = "",
    ) -> None:
        """Remember the label and the ruled area's size; ``value`` pre-fills the field."""
        super().__init__()
        self.value = value
        self.name = name
        self.text = label
        self.label = _Para(markup(label), look.bold)
        self.look = look
        self.width = width
        self.lines = lines
        self.inline = inline
        self.line_gap = look.sizes.leading * 1.6
        self.label_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the label height (unless inline) plus the ruled lines."""
        if not self.inline:
            self.label_height = self.label.wrap(self.width, available_height)[1]
        self.height = self.label_height + self.lines * self.line_gap
        return self.width, self.height

    def draw(self) -> None:
        """Draw the label, the rules (for pen) and the field (for tablets)."""
        canv = self.canv
        start = 0.0
        if self.inline:
            size = self.look.sizes.body
            canv.setFont(BOLD, size)
            canv.setFillColor(colors.HexColor(theme.INK))
            canv.drawString(0, 5, self.text)
            start = canv.stringWidth(self.text, BOLD, size) + 6
        else:
            self.label.drawOn(canv, 0, self.height - self.label_height)
        canv.setStrokeColor(colors.HexColor(theme.RULE))
        canv.setLineWidth(0.8)
        for i in range(self.lines):
            y = (self.lines - 1 - i) * self.line_gap + 2
            canv.line(start, y, self.width, y)
        # Typed text matches the printed size: 12 pt, or 18 pt in large print.
        size = self.look.sizes.body if self.lines == 1 else self.look.sizes.body - 1
        most = 2000 if self.lines > 1 else 60
        # A value wider than its line would print cut off: the dosage panel has it anyway.
        value = self.value if _fits_field(self.value, self.width - start, self.look) else ""
        height = self.lines * self.line_gap - 4
        if not value:
            x, y = canv.absolutePosition(start, 3)
            box = (x, y, self.width - start, height)
            _empty_field(canv, self.name, self.text, box, size, most, multiline=self.lines > 1)
            return
        canv.acroForm.textfield(
            name=self.name,
            tooltip=self.text,
            x=start,
            y=3,
            width=self.width - start,
            height=height,
            fontName="Helvetica",
            fontSize=size,
            maxlen=most,
            value=value,
            borderWidth=0,
            fillColor=None,
            fieldFlags="multiline" if self.lines > 1 else "",
            relative=True,
        )


def _fits_field(value: str, width: float, look: _Look) -> bool:
    """Tell whether a value can be shown in a form field: it fits, in the field's font.

    Form fields use the viewer's Helvetica, which has only Latin-1 letters: a value with
    an en dash or a Polish letter stays out of the field (the dosage panel prints it).
    """
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    size = look.sizes.body
    return pdfmetrics.stringWidth(value, "Helvetica", size) <= width - 4


class _Table(Table):
    """A table whose rows move whole to the next page, but split when no page could hold them.

    reportlab either never splits a row, so a row taller than the frame (a clinician's 30
    lines of notes) is a LayoutError, or, with ``splitInRow``, splits any row that meets the
    foot of a page. Here a row splits only where moving it on cannot help: when it and the
    rows repeated above it are taller than the whole frame.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split between rows, or inside the row at the foot of the page if it must."""
        frame = getattr(self, "_frame", None)
        if frame is None or not self._too_tall(availWidth, availHeight, frame):
            return super().split(availWidth, availHeight)
        # Inside that row first, then between rows: reportlab's own order puts the rest of the
        # table under its first part on the same page, repeated header rows and all.
        self.splitInRow, self.splitByRow = 1, 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow, self.splitByRow = 0, 1
        for part in parts:  # the rest moves on whole again, unless it too outgrows a page
            part.splitInRow, part.splitByRow = 0, 1
        return parts

    def _too_tall(self, width: float, height: float, frame: Frame) -> bool:
        """Tell whether the row that does not fit here, and the rows repeated, outgrow a frame."""
        self._calc(width, height)
        rows: list[float] = self._rowHeights  # type: ignore[attr-defined]
        used = 0.0
        for row in rows:
            if used + row > height:
                return sum(rows[: self.repeatRows]) + row > frame._height  # type: ignore[attr-defined]
            used += row
        return False


class _Together(KeepTogether):
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


def _table(rows: list[list[object]], **kwargs: object) -> Table:
    """Make a table whose default cell font is ours, so no unembedded Helvetica is declared."""
    table = _Table(rows, **kwargs)  # type: ignore[arg-type]
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12)]))
    return table


# -- blocks --------------------------------------------------------------------------------

Block = Callable[[Topic, _Look], list[Flowable]]


def _title(topic: Topic, look: _Look) -> list[Flowable]:
    items = [item.rstrip(".") for item in topic.equipment]
    # Items continue one sentence: "A treadmill; supportive shoes" (but keep "ACL", "TV").
    items[1:] = [i[0].lower() + i[1:] if i[1:2].islower() else i for i in items[1:]]
    equipment = "; ".join(items)
    flowables: list[Flowable] = [
        Heading(topic.title, look.h1, look.field("title")),
        look.para(topic.summary, look.lead),
        Spacer(1, look.sizes.gap / 2),
        _Para(f"<b>You will need:</b> {markup(equipment)}.", look.body),
    ]
    dose = look.dose
    if dose is not None:
        parts = [dose.speed, dose.resistance, _minutes(dose.minutes) + " each time"]
        parts += [_per_week(dose.sessions_per_week).lower()]
        if dose.incline_percent:
            parts.append(f"{plain_number(dose.incline_percent)}% incline")
        if dose.hand_support is not None:
            parts.append(_HOLD[dose.hand_support].lower())
        plan = "; ".join(p for p in parts if p)
        box = _table(
            [[_Para(f"<b>Your plan:</b> {markup(plan)}.", look.lead)]],
            colWidths=[look.width],
            hAlign="LEFT",
        )
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.5, look.primary),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(theme.SHADE)),
                    # Split over pages, the part on the next page starts at its top.
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        flowables += [Spacer(1, look.sizes.gap / 2), box]
    return flowables


def _muscles(topic: Topic, look: _Look) -> list[Flowable]:
    pad = 3
    bar_height = look.sizes.body * 0.75
    level_width = LevelBar(Level.HIGH, look.primary, bar_height).width
    level_col = max(level_width, pdfmetrics.stringWidth("Moderate to", REGULAR, look.sizes.body))
    level_col += 2 * pad + 2
    name_col = look.width * 0.27
    role_col = look.width - name_col - 2 * level_col
    rows: list[list[object]] = [
        [
            _Para("Muscle group", look.table_head),
            _Para("Forward", look.table_head),
            _Para("Backward", look.table_head),
            _Para("What it does going backward", look.table_head),
        ]
    ]
    for muscle in topic.activation.muscles:
        rows.append(
            [
                look.para(muscle.name, look.bold),
                [
                    LevelBar(muscle.forward, look.primary, bar_height),
                    look.para(muscle.forward.label),
                ],
                [
                    LevelBar(muscle.backward, look.primary, bar_height),
                    look.para(muscle.backward.label),
                ],
                look.statement(muscle.role),
            ]
        )
    table = _table(
        rows,
        colWidths=[name_col, level_col, level_col, role_col],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), look.primary),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.RULE)),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor(theme.SHADE)]),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ]
        )
    )
    basis = topic.activation.basis
    note = _Para(
        "Filled boxes show how hard each muscle works, from 1 box (low) to 5 (high). "
        + markup(basis.text)
        + look.citation(basis.sources),
        look.body,
    )
    return [
        Heading("Muscles it works", look.h2, look.field("muscles")),
        table,
        Spacer(1, look.sizes.gap / 2),
        note,
    ]


def _bullets(items: Sequence[Statement], look: _Look) -> list[Flowable]:
    style = ParagraphStyle(
        "bullet", parent=look.body, leftIndent=look.sizes.body * 1.1, bulletIndent=0
    )
    return [_Para(markup(i.text) + look.citation(i.sources), style, bulletText="•") for i in items]


def _columns(flowables: list[Flowable], look: _Look, gap: float = 14) -> list[Flowable]:
    """Lay short items out in two columns, top to bottom then left to right."""
    half = (len(flowables) + 1) // 2
    col = (look.width - gap) / 2
    pairs = [
        [flowables[i], flowables[half + i] if half + i < len(flowables) else ""]
        for i in range(half)
    ]
    table = _table(pairs, colWidths=[col + gap, col], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), gap),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [table]


def _benefits(topic: Topic, look: _Look) -> list[Flowable]:
    items = _bullets(topic.benefits, look)
    if look.sizes is theme.LARGE:  # two columns of 18 pt text would be too narrow
        return [Heading("How it can help", look.h2, look.field("benefits")), *items]
    return [Heading("How it can help", look.h2, look.field("benefits")), *_columns(items, look)]


def _steps(topic: Topic, look: _Look) -> list[Flowable]:
    indent = look.sizes.body * 1.6
    style = ParagraphStyle(
        "step", parent=look.body, leftIndent=indent, bulletIndent=0, spaceAfter=look.sizes.gap / 4
    )
    steps: list[Flowable] = [
        _Para(markup(s.text) + look.citation(s.sources), style, bulletText=f"{n}.")
        for n, s in enumerate(topic.steps, start=1)
    ]
    dosage_rows = _dosage_rows(topic, look)
    label_col = max(
        pdfmetrics.stringWidth(label, BOLD, look.sizes.body) for label, _ in dosage_rows
    )
    label_col += 16
    rows = [[look.para(label, look.bold) if label else "", value] for label, value in dosage_rows]
    panel = _table(rows, colWidths=[label_col, look.width - label_col], hAlign="LEFT")
    panel.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(theme.SHADE)),
                ("LINEBEFORE", (0, 0), (0, -1), 3, look.primary),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                # A row without a label goes on with the text of the row above.
                *_continued(n for n, (label, _) in enumerate(dosage_rows) if not label),
            ]
        )
    )
    return [
        Heading("How to do it", look.h2, look.field("steps")),
        *steps,
        Spacer(1, look.sizes.gap / 2),
        _Together([panel]),
    ]


def _dosage_rows(topic: Topic, look: _Look) -> list[tuple[str, Flowable]]:
    """Return the dosage rows: the patient's own values if prescribed, else the general advice."""
    dosage = topic.dosage
    dose = look.dose
    if dose is None:
        return [
            ("Start", look.statement(dosage.start)),
            ("How long", look.statement(dosage.duration)),
            ("How often", look.statement(dosage.frequency)),
            ("Progress", look.statement(dosage.progression)),
        ]
    rows = []
    if dose.speed:
        rows.append(("Speed", look.para(dose.speed)))
    if dose.resistance:
        rows.append(("Resistance", look.para(dose.resistance)))
    rows += [
        ("How long", look.para(f"{_minutes(dose.minutes)} each time")),
        ("How often", look.para(_per_week(dose.sessions_per_week))),
    ]
    if dose.incline_percent:
        rows.append(("Incline", look.para(f"{plain_number(dose.incline_percent)}%")))
    if dose.hand_support is not None:
        rows.append(("Hold on", look.para(_HOLD[dose.hand_support])))
    rows.append(
        (
            "Progress",
            look.para(dose.progression) if dose.progression else look.statement(dosage.progression),
        )
    )
    if dose.notes:
        # The notes come last, a row a line: the first labelled, the rest under it.
        lines = _lines(dose.notes, look.body)
        rows += [("Notes" if n == 0 else "", line) for n, line in enumerate(lines)]
    return rows


_HOLD = {
    HandSupport.NONE: "No hands, once your clinician says you are steady",
    HandSupport.LIGHT: "A light touch on a rail or wall",
    HandSupport.ONE_HAND: "One hand on a rail",
    HandSupport.TWO_HANDS: "Both hands on the rails",
}


def _minutes(value: float) -> str:
    # The unit agrees with the number as printed, so "1 minute" but "0.5 minutes".
    printed = plain_number(value)
    return f"{printed} minute" if printed == "1" else f"{printed} minutes"


def _per_week(sessions: int) -> str:
    return "Once a week" if sessions == 1 else f"{sessions} times a week"


def _checklist(topic: Topic, look: _Look) -> list[Flowable]:
    size = look.sizes.body * 1.15
    rows = [
        [
            CheckBox(look.field(f"checklist.{n}"), item.text[:80], size),
            look.statement(item),
        ]
        for n, item in enumerate(topic.checklist, start=1)
    ]
    first = size + 10
    style = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
    )
    tables: list[Flowable] = []
    for row in rows:
        table = _table([row], colWidths=[first, look.width - first], hAlign="LEFT")
        table.setStyle(style)
        tables.append(table)
    return [Heading("Getting started checklist", look.h2, look.field("checklist")), *tables]


class WarningIcon(_Fixed):
    """A warning triangle with an exclamation mark, drawn (not a font glyph)."""

    def __init__(self, size: float, color: colors.Color) -> None:
        """Size the triangle ``size`` points wide."""
        super().__init__()
        self.size = size
        self.color = color
        self.width, self.height = size, size * 0.9

    def draw(self) -> None:
        """Draw a filled triangle with a white exclamation mark."""
        canv = self.canv
        s = self.size
        path = canv.beginPath()
        path.moveTo(0, 0)
        path.lineTo(s, 0)
        path.lineTo(s / 2, s * 0.9)
        path.close()
        canv.setFillColor(self.color)
        canv.setStrokeColor(colors.HexColor(theme.INK))
        canv.setLineWidth(0.8)
        canv.drawPath(path, stroke=1, fill=1)
        canv.setFillColor(colors.white)
        canv.rect(s / 2 - s * 0.05, s * 0.33, s * 0.1, s * 0.36, stroke=0, fill=1)
        canv.circle(s / 2, s * 0.17, s * 0.06, stroke=0, fill=1)


def _columns_fit(cells: Sequence[Sequence[Flowable]], inner: float) -> bool:
    """Tell whether the three safety columns fit in half a page; else they are stacked.

    A row of three columns cannot break across pages, so a long list must be stacked.
    """
    tallest = max(sum(f.wrap(inner / 3 - 10, 10_000)[1] for f in cell) for cell in cells)
    return tallest < 5 * theme.INCH


def _precautions(topic: Topic, look: _Look) -> list[Flowable]:
    icon = look.sizes.h2 * 1.3
    title = "Safety: read before you start"
    groups = (
        ("Use caution, and ask your clinician first, if:", topic.precautions.caution_if),
        ("Do not do this exercise if:", topic.precautions.do_not_if),
        ("Stop and contact your clinician if:", topic.precautions.stop_if),
    )
    heading = _table(
        [[WarningIcon(icon, look.accent), _Para(markup(title), look.h2)]],
        colWidths=[icon + 10, None],
        hAlign="LEFT",
    )
    heading.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    inner = look.width - 2 * 10
    tint = colors.HexColor(CALLOUT_TINT)
    base = [
        ("BOX", (0, 0), (-1, -1), 2.5, look.accent),
        ("BACKGROUND", (0, 0), (-1, -1), tint),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ]
    flowables: list[Flowable] = [
        _Bookmark(title, look.field("precautions")),
        Spacer(1, look.sizes.gap),
    ]
    cells = [[look.para(name, look.bold), *_bullets(items, look)] for name, items in groups]
    if look.sizes is not theme.LARGE and _columns_fit(cells, inner):
        # Side by side: three short columns read like a traffic light and save half a page.
        column = inner / 3
        table = _table(
            [[heading, "", ""], cells],
            colWidths=[column + 4, column + 4, look.width - 2 * column - 8],
            hAlign="LEFT",
        )
        style = [
            *base,
            ("SPAN", (0, 0), (-1, 0)),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("LINEBEFORE", (1, 1), (-1, 1), 0.8, colors.HexColor(theme.RULE)),
        ]
        table.setStyle(TableStyle(style))
        # Half a page at most: never split its heading from its three columns.
        return [*flowables, _Together([table])]
    # Large print is too wide for columns: one boxed group under another. Each group's label
    # row repeats if the group breaks across pages, so no warning is ever left without it.
    for number, (name, items) in enumerate(groups):
        label = [look.para(name, look.bold)]
        rows: list[list[object]] = [[heading], label] if number == 0 else [label]
        rows.extend([bullet] for bullet in _bullets(items, look))
        table = _table(
            rows, colWidths=[look.width], hAlign="LEFT", repeatRows=len(rows) - len(items)
        )
        style = [*base, ("TOPPADDING", (0, 0), (-1, 0), 6)]
        table.setStyle(TableStyle(style))
        flowables += [table, Spacer(1, look.sizes.gap / 2)]
    return flowables


class _Bookmark(Flowable):
    """An invisible flowable that adds a bookmark where it lands."""

    def __init__(self, title: str, key: str) -> None:
        super().__init__()
        self.title = title
        self.key = key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


def _prefill(name: str, look: _Look) -> str:
    """Return the patient's own value for a plan field, or nothing for a general handout."""
    dose = look.dose
    if dose is None:
        return ""
    return {
        "plan.minutes": plain_number(dose.minutes),
        "plan.speed": "; ".join(x for x in (dose.speed, dose.resistance) if x),
        "plan.days": str(dose.sessions_per_week),
    }[name]


def _plan(topic: Topic, look: _Look) -> list[Flowable]:
    gap = 18
    fields = [
        ("plan.minutes", "Minutes each time:"),
        ("plan.speed", "Speed or resistance:"),
        # Up to 14 a week (twice a day): times, not days.
        ("plan.days", "Times each week:"),
    ]
    questions = ("plan.questions", "Questions for your clinician")
    if look.sizes is theme.LARGE:  # one under another: side by side would be too narrow
        return [
            Heading("Your plan", look.h2, look.field("plan")),
            *(
                WriteIn(
                    look.field(name),
                    label,
                    look.width,
                    look,
                    inline=True,
                    value=_prefill(name, look),
                )
                for name, label in fields
            ),
            Spacer(1, look.sizes.gap / 2),
            WriteIn(look.field(questions[0]), questions[1], look.width, look, lines=3),
        ]
    half = (look.width - gap) / 2
    left = [
        WriteIn(look.field(name), label, half, look, inline=True, value=_prefill(name, look))
        for name, label in fields
    ]
    right = [WriteIn(look.field(questions[0]), questions[1], half, look, lines=2)]
    table = _table([[left, right]], colWidths=[half + gap, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [_Together([Heading("Your plan", look.h2, look.field("plan")), table])]


def _program_intro(prescription: Prescription, look: _Look) -> list[Flowable]:
    """Open a personalised program: who it is for, from whom, and general notes."""
    patient = prescription.patient
    who = patient.name + (f" ({patient.id})" if patient.id else "")
    clinician = prescription.clinician
    by = clinician.name + (f", {clinician.contact}" if clinician.contact else "")
    rows: list[list[object]] = [
        # Names print exactly as typed: ** in them are not bold marks.
        [_Para(f"Home exercise program for {escape(who)}", look.h2)],
        [_Para(f"From {escape(by)}. Date: {prescription.date.isoformat()}.", look.body)],
    ]
    notes = _lines(prescription.notes, look.body, "Notes:") if prescription.notes else []
    rows += [[line] for line in notes]
    box = _table(rows, colWidths=[look.width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, look.primary),
                # Split over pages, the part on the next page starts at its top.
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                *_continued(range(3, 2 + len(notes))),
            ]
        )
    )
    return [box, Spacer(1, look.sizes.gap)]


class _Widget(PDFObject):
    """A field widget written out as one string, all but its page reference.

    Formatted key by key as a dictionary, the 84 cells of a log cost a tenth of a
    program's drawing time.
    """

    def __init__(self, head: str, page: PDFObject) -> None:
        self.head = head
        self.page = page

    def format(self, document: object) -> bytes:
        """Return the dictionary, its page reference numbered now that pages are."""
        return self.head.encode("latin-1") + self.page.format(document) + b" >>"


class _CellField(_Fixed):
    """A fillable text field the size of its table cell (the cell's rules print for pen)."""

    def __init__(self, name: str, width: float, height: float, size: float) -> None:
        super().__init__()
        self.name = name
        self.width = width
        self.height = height
        self.size = size

    def draw(self) -> None:
        """Put an empty field over the cell (the cell's rules print for pen)."""
        x, y = self.canv.absolutePosition(0, 0)
        size = min(self.size, self.height - 4)
        _empty_field(self.canv, self.name, self.name, (x, y, self.width, self.height), size, 200)


def _empty_field(
    canv: Canvas,
    name: str,
    tooltip: str,
    box: tuple[float, float, float, float],
    size: float,
    most: int,
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
        form.makeFont("Helvetica")
    form.extras["NeedAppearances"] = PDFFromString("true")
    x, y, width, height = box
    doc = canv._doc
    title = PDFString(name).format(doc).decode("latin-1")  # escaped, as reportlab does
    tip = PDFString(tooltip).format(doc).decode("latin-1")
    rect = " ".join(f"{v:.2f}" for v in (x, y, x + width, y + height))
    flags = " /Ff 4096" if multiline else ""
    widget = _Widget(
        f"<< /Type /Annot /Subtype /Widget /FT /Tx /T {title} /TU {tip} /Rect [{rect}] "
        f"/F 4 /DA (/{font} {size:g} Tf 0 g) /MaxLen {most}{flags} /P ",
        doc.thisPageRef(),
    )
    canv._addAnnotation(widget)
    form.fields.append(form.getRef(widget))


LOG_WEEKS = 4
"""Weeks covered by the exercise log."""
LOG_MOST = 12
"""Most lines a week in a program's log: a week fits under the log's heading in large print."""


def _log(document: Document, look: _Look) -> list[Flowable]:
    """Draw the exercise log: a ruled table that prints, a fillable field in every cell."""
    header = [
        "Week",
        "Date",
        "Exercise",
        "Minutes",
        "Speed or level",
        "Effort 0–10",
        "Pain 0–10",
        "Notes",
    ]
    shares = [0.08, 0.11, 0.17, 0.1, 0.12, 0.1, 0.09]
    pad = 2
    head_pad = 4  # headings clear of the rules on both sides
    # Each column is wide enough for its heading in two lines at the print size: no word is
    # split inside its letters, and the heading row stays short. Notes take what is left.
    size = look.table_head.fontSize
    widths = [
        max(look.width * share, _two_lines(h, BOLD, size) + 2 * head_pad + 1)
        for share, h in zip(shares, header[:-1], strict=True)
    ]
    widths.append(look.width - sum(widths))
    height = look.sizes.leading * 1.45
    per_week = max(1, document.log_rows // LOG_WEEKS)
    rows: list[list[object]] = [[_Para(h, look.table_head) for h in header]]
    for r in range(document.log_rows):
        week = r // per_week + 1
        label = look.para(str(week), look.bold) if r % per_week == 0 else ""
        cells: list[object] = [label]
        for c, w in enumerate(widths[1:], start=1):
            name = look.field(f"log.{r + 1}.{header[c].split()[0].lower()}")
            cells.append(_CellField(name, w - 2 * pad, height - 2 * pad, look.sizes.body))
        rows.append(cells)
    table = _table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), look.primary),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.RULE)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, 0), head_pad),
        ("RIGHTPADDING", (0, 0), (-1, 0), head_pad),
    ]
    for r in range(1, document.log_rows + 1):  # shade alternate weeks
        if ((r - 1) // per_week) % 2:
            style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor(theme.SHADE)))
    for first in range(1, document.log_rows + 1, per_week):
        # A page break falls between weeks, never leaving a week's last rows without it.
        style.append(("NOSPLIT", (0, first), (-1, first + per_week - 1)))
    table.setStyle(TableStyle(style))
    who = ""
    if document.prescription is not None:
        who = f" for {document.prescription.patient.name}"
    return [
        Heading(f"Exercise log{who}", look.h1, look.field("log"), literal=True),
        look.para(
            "Write one line for each exercise, each time you do it. Effort: 0 is no effort "
            "and 10 is the hardest you can work. Pain: 0 is no pain and 10 is the worst pain "
            "you can imagine. If pain is sharp, or gets worse from one session to the next, "
            "stop and contact your clinician."
        ),
        Spacer(1, look.sizes.gap),
        table,
    ]


def _two_lines(text: str, font: str, size: float) -> float:
    """Return the width text needs to wrap onto at most two lines, breaking at a space."""
    words = text.split()
    return min(
        max(
            pdfmetrics.stringWidth(" ".join(words[:i]), font, size),
            pdfmetrics.stringWidth(" ".join(words[i:]), font, size),
        )
        for i in range(1, len(words) + 1)
    )


_BLOCKS: tuple[Block, ...] = (
    _title,
    _muscles,
    _benefits,
    _steps,
    _checklist,
    _precautions,
    _plan,
)
"""The handout's blocks in reading order."""


# -- pages ---------------------------------------------------------------------------------


class _CountingCanvas(Canvas):
    """A canvas that fills in the page total, referenced on every page, when it saves."""

    def save(self) -> None:
        """Define the ``pagecount`` form with the final number of pages, then save."""
        pages = self.getPageNumber() - (0 if self._code else 1)
        self.beginForm("pagecount")
        self.setFont(REGULAR, self._total_size)
        self.setFillColor(colors.HexColor(theme.MUTED))
        self.drawString(0, 0, str(pages))
        self.endForm()
        super().save()


def _canvas_maker(size: float) -> type[Canvas]:
    return type("_Canvas", (_CountingCanvas,), {"_total_size": size})


@dataclass
class _State:
    """What the page being drawn belongs to; a ``_StartSection`` action updates it."""

    look: _Look
    """The current section's look (its sources give the citation numbers)."""
    topic: Topic | None
    """The current topic; None on pages such as the exercise log."""
    title: str
    """Running-header title of the current section, as printed: a header shows no bold."""
    starting: bool = False
    """True until the first page of a section is drawn (no "(continued)" on it)."""


class _StartSection(ActionFlowable):
    """Switch header and footer to a new section from the next page on."""

    def __init__(
        self,
        state: _State,
        look: _Look,
        topic: Topic | None,
        title: str,
        starts: dict[int, int] | None = None,
        entry: int = 0,
        *,
        mid_page: bool = False,
    ) -> None:
        """``entry`` is the section's place in the document: titles need not be unique.

        ``mid_page``: the section starts on the page being drawn, not after a page break,
        so the next page already continues it.
        """
        super().__init__()
        self.values = (state, look, topic, title)
        self.starts = starts
        self.entry = entry
        self.mid_page = mid_page

    def apply(self, doc: BaseDocTemplate) -> None:
        """Update the shared state and note the page the section starts on; draw nothing."""
        state, look, topic, title = self.values
        state.look, state.topic, state.title = look, topic, title
        state.starting = not self.mid_page
        if self.starts is not None:
            self.starts[self.entry] = doc.page + 1  # a page break follows


@dataclass(frozen=True)
class _Furniture:
    """Header and footer: drawn on every page outside the frames."""

    state: _State
    branding: Branding
    logo: Path | None
    page: tuple[float, float]
    footer_height: float
    header_height: float
    field_prefix: str
    masthead: _Masthead | None = None
    """The first page's header, laid out; None for running headers."""
    footers: dict[int, list[tuple[Paragraph, float]]] = field(default_factory=dict)
    """Each section's footer paragraphs, wrapped once and drawn on every page."""

    def first_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Draw the branded header and the footer on page 1."""
        self.state.starting = False
        self._header(canv, full=True)
        self._footer(canv, doc)

    def later_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Draw the running header and the footer on later pages."""
        self._header(canv, full=False)
        self.state.starting = False
        self._footer(canv, doc)

    def _header(self, canv: Canvas, *, full: bool) -> None:
        look = self.state.look
        margin = look.sizes.margin
        width, height = self.page
        top = height - margin
        size = look.sizes.body
        canv.saveState()
        name = self.branding.clinic_name  # as typed: ** in a name are not bold marks
        canv.setFillColor(look.primary)
        if full:
            masthead = self.masthead
            assert masthead is not None, "the first page's furniture has its masthead"
            if self.logo is not None and masthead.logo is not None:
                self._logo(canv, top, self.logo, masthead.logo)
            y = top - size
            canv.setFont(BOLD, size + 2)
            line = masthead.width
            for number, text in enumerate(masthead.name):
                y -= (size + 2) * _NAME_LEADING if number else 0
                canv.drawString(margin, y, text)
            if not masthead.name:
                canv.drawString(margin, y, "Clinic:")
                self._blank(
                    canv, margin + canv.stringWidth("Clinic: ", BOLD, size + 2), y, 220, "clinic"
                )
            y -= size * 1.35
            canv.setFont(REGULAR, size)
            canv.setFillColor(colors.HexColor(theme.INK))
            for number, text in enumerate(masthead.contact):
                y -= size * _CONTACT_LEADING if number else 0
                canv.drawString(margin, y, text)
            if not masthead.contact:
                # Two write-ins share what the logo leaves of the line, at most 160 pt each.
                phone = canv.stringWidth("Phone: ", REGULAR, size)
                clinician = canv.stringWidth("Clinician: ", REGULAR, size)
                gap = 2 * size
                blank = min(160.0, (line - phone - clinician - gap) / 2)
                canv.drawString(margin, y, "Phone:")
                self._blank(canv, margin + phone, y, blank, "phone")
                x = margin + phone + blank + gap
                canv.drawString(x, y, "Clinician:")
                self._blank(canv, x + clinician, y, blank, "clinician")
        else:
            suffix = "" if self.state.starting else " (continued)"
            room = width - 2 * margin
            # The clinic's name takes at most a third of the line; the title the rest.
            name = _fit(name, REGULAR, size, room / 3) if name else ""
            used = pdfmetrics.stringWidth(name, REGULAR, size) + 18 if name else 0
            canv.setFont(BOLD, size)
            # A long title is cut, never its "(continued)".
            room_for_title = room - used - pdfmetrics.stringWidth(suffix, BOLD, size)
            title = _fit(self.state.title, BOLD, size, room_for_title) + suffix
            canv.drawString(margin, top - size, title)
            canv.setFont(REGULAR, size)
            canv.setFillColor(colors.HexColor(theme.MUTED))
            if name:
                canv.drawRightString(width - margin, top - size, name)
        rule_y = height - margin - self.header_height + 6
        canv.setStrokeColor(look.primary)
        canv.setLineWidth(1.5)
        canv.line(margin, rule_y, width - margin, rule_y)
        canv.restoreState()

    def _blank(self, canv: Canvas, x: float, y: float, length: float, name: str) -> None:
        """Draw a write-in line for pen, with a fillable field on it for tablets."""
        canv.saveState()
        canv.setStrokeColor(colors.HexColor(theme.RULE))
        canv.setLineWidth(0.8)
        canv.line(x, y - 2, x + length, y - 2)
        canv.restoreState()
        size = self.state.look.sizes.body
        name = f"{self.field_prefix}header.{name}"
        _empty_field(
            canv, name, name.rsplit(".", 1)[1].capitalize(), (x, y - 1, length, size + 4), size, 80
        )

    def _logo(self, canv: Canvas, top: float, path: Path, size: tuple[float, float]) -> None:
        image = ImageReader(io.BytesIO(images.logo_bytes(path)))
        w, h = size
        x = self.page[0] - self.state.look.sizes.margin - w
        canv.drawImage(image, x, top - h, w, h, mask="auto")

    def _footer(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        look = self.state.look
        topic = self.state.topic
        margin = look.sizes.margin
        width = self.page[0] - 2 * margin
        y = margin
        canv.saveState()
        if id(look) not in self.footers:
            paragraphs = _footer_paragraphs(topic, look)
            self.footers[id(look)] = [(p, p.wrap(width, self.page[1])[1]) for p in paragraphs]
        for para, h in reversed(self.footers[id(look)]):
            para.drawOn(canv, margin, y)
            y += h
        size = look.sizes.small
        label = f"Page {doc.page} of "
        canv.setFont(REGULAR, size)
        canv.setFillColor(colors.HexColor(theme.MUTED))
        if topic is not None:
            review = topic.review
            canv.drawString(
                margin,
                y + 2,
                f"Reviewed {review.reviewed_on.isoformat()}, "
                f"next review due {review.review_due.isoformat()}",
            )
        x = self.page[0] - margin - canv.stringWidth(label + "99", REGULAR, size)
        canv.drawString(x, y + 2, label)
        canv.translate(x + canv.stringWidth(label, REGULAR, size), y + 2)
        canv.doForm("pagecount")
        canv.restoreState()
        canv.saveState()
        canv.setStrokeColor(colors.HexColor(theme.RULE))
        canv.setLineWidth(0.6)
        top = y + size + 5
        canv.line(margin, top, self.page[0] - margin, top)
        canv.restoreState()


_NAME_LEADING = 1.15
"""Line spacing of a clinic name that wraps, in multiples of its type size."""
_CONTACT_LEADING = 1.2
"""Line spacing of a contact line that wraps."""
_NAME_LINES = 2
"""The most lines a clinic name takes; more is cut with "…"."""
_CONTACT_LINES = 3
"""The most lines a contact line takes: an address may need a third."""


@dataclass(frozen=True)
class _Masthead:
    """The first page's branded header, laid out once: it sets the header's height."""

    name: tuple[str, ...]
    """The clinic name's lines; none for a write-in line."""
    contact: tuple[str, ...]
    """The contact line's lines; none for the Phone and Clinician write-ins."""
    logo: tuple[float, float] | None
    """The logo's drawn width and height; None without a logo."""
    width: float
    """Room for text left of the logo."""
    height: float
    """The header's height, grown by each line the name and contact wrap onto."""


def _masthead(
    branding: Branding, logo: Path | None, page_width: float, sizes: theme.PrintSizes
) -> _Masthead:
    """Lay out the first page's header: the logo at the right, the text wrapped beside it."""
    size = sizes.body
    height = size * 2.6 + 12  # one line of name and one of contact
    width = page_width - 2 * sizes.margin
    drawn = None
    if logo is not None:
        image_w, image_h = ImageReader(io.BytesIO(images.logo_bytes(logo))).getSize()
        # Sized for the two-line header, so a name that wraps grows the header, not the logo.
        scale = min((height - 14) / image_h, 2.2 * theme.INCH / image_w)
        drawn = (image_w * scale, image_h * scale)
        width -= drawn[0] + 0.2 * theme.INCH
    # Names and contact details print exactly as typed, as a patient's name does.
    name = _wrap(branding.clinic_name, BOLD, size + 2, width, _NAME_LINES)
    contact = _wrap(branding.contact_line, REGULAR, size, width, _CONTACT_LINES)
    height += max(len(name) - 1, 0) * (size + 2) * _NAME_LEADING
    height += max(len(contact) - 1, 0) * size * _CONTACT_LEADING
    return _Masthead(name, contact, drawn, width, height)


def _wrap(text: str, font: str, size: float, width: float, most: int) -> tuple[str, ...]:
    """Break text into at most ``most`` lines of ``width`` points; cut the last with "…".

    A separator such as "·" stays at the end of a line rather than starting the next.
    """
    words: list[str] = []
    for word in text.split():
        if words and not any(c.isalnum() for c in word):
            words[-1] += " " + word
        else:
            words.append(word)
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and pdfmetrics.stringWidth(joined, font, size) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > most:
        lines[most - 1 :] = [" ".join(lines[most - 1 :])]
    return tuple(_fit(line, font, size, width) for line in lines)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis until it fits ``width`` points on one line."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def short_title(title: str, limit: int = 48) -> str:
    """Shorten a source title for the footer: up to its first colon or question, then words."""
    for mark in (":", "?"):
        head, found, _ = title.partition(mark)
        if found and len(head) >= 12:
            title = head + ("?" if mark == "?" else "")
            break
    if len(title) <= limit:
        return title
    space = title.rfind(" ", 0, limit - 1)
    return title[: space if space > 0 else limit - 1].rstrip(",;") + "…"


def _footer_paragraphs(topic: Topic | None, look: _Look) -> list[Paragraph]:
    disclaimer = _Para(
        "<b>This handout does not replace advice from your own clinician.</b>",
        ParagraphStyle("disclaimer", parent=look.small, textColor=colors.HexColor(theme.INK)),
    )
    if topic is None:
        return [disclaimer]
    sources = "; ".join(
        f"[{n}] {markup(short_title(s.title))}" for n, s in enumerate(topic.sources, start=1)
    )
    return [_Para(f"Sources: {sources}", look.small), disclaimer]


@dataclass(frozen=True)
class Section:
    """One topic in a document, with the patient's own dose when it is personalised."""

    topic: Topic
    """The topic drawn."""
    dose: Dose | None = None
    """The patient's dosage, replacing the general one; None for a general handout."""


@dataclass(frozen=True)
class Document:
    """What one PDF holds: sections in order, optional intro and exercise log."""

    sections: tuple[Section, ...]
    """Topics, each starting on a new page."""
    title: str
    """Document title (PDF metadata), as shown: without emphasis marks, a name as typed."""
    subject: str
    """Document subject (PDF metadata), as shown."""
    paper: str = "letter"
    """``letter`` or ``a4``."""
    large_print: bool = False
    """18 pt body text."""
    prescription: Prescription | None = None
    """The patient's program, printed before the first topic; None for general handouts."""
    log_rows: int = 0
    """Rows of the exercise log page; 0 for no log."""
    field_prefix: str = ""
    """Prefix for every form field name, so merged documents keep their fields apart."""
    cover: Program | None = None
    """For a class pack: a cover and a contents page before the topics."""


def render_topic(topic: Topic, content: Content, options: Options) -> bytes:
    """Draw one topic's handout and return the PDF bytes (identical for identical input)."""
    return render(
        Document(
            (Section(topic),),
            title=plain(topic.title),
            subject=plain(topic.summary),
            paper=options.paper,
            large_print=options.large_print,
        ),
        content,
    )


def render(document: Document, content: Content) -> bytes:
    """Draw a document of one or more sections and return the PDF bytes.

    Raises RenderError, naming the document, if it cannot be laid out: reportlab's own
    message (a flowable's repr over two lines) means nothing to a user.
    """
    try:
        if document.cover is None:
            return _render(document, content, None)[0]
        # A class pack lists its sections' pages: draw once to learn them, then with them.
        _, starts = _render(document, content, None)
        data, final = _render(document, content, starts)
        assert final == starts, "the contents page changed the page numbers"
        return data
    except (HandoutsError, OSError, MemoryError):  # ours already, or the system's
        raise
    except Exception as exc:
        kind = "large print" if document.large_print else "standard print"
        raise RenderError(
            f"could not lay out the PDF {document.title!r} ({kind}, {document.paper}): "
            f"{type(exc).__name__}"
        ) from exc


def _render(
    document: Document, content: Content, pages: dict[int, int] | None
) -> tuple[bytes, dict[int, int]]:
    _register_fonts()
    page = theme.PAPER[document.paper]
    sizes = theme.print_sizes(document.large_print)
    margin = sizes.margin
    width = page[0] - 2 * margin
    branding = content.branding
    prefix = document.field_prefix
    looks = [
        _look(s.topic, branding, document.large_print, width, dose=s.dose, prefix=prefix)
        for s in document.sections
    ]

    def footer(topic: Topic | None, look: _Look) -> float:
        paragraphs = _footer_paragraphs(topic, look)
        return sum(p.wrap(width, page[1])[1] for p in paragraphs) + sizes.small + 10

    footer_height = max(
        footer(s.topic, look) for s, look in zip(document.sections, looks, strict=True)
    )
    # The log's footer lists no sources: its pages give that room to rows.
    log_footer = footer(None, looks[0])
    masthead = _masthead(branding, content.logo, page[0], sizes)
    header_full = masthead.height
    header_running = sizes.body * 1.2 + 12
    first = document.sections[0]
    # A long program box can fill pages of its own: they continue it, not the first topic.
    opening = (
        f"Home exercise program for {document.prescription.patient.name}"
        if document.prescription is not None
        else plain(first.topic.title)
    )
    state = _State(looks[0], first.topic, opening)
    furniture = _Furniture(
        state, branding, content.logo, page, footer_height, header_full, prefix, masthead
    )
    running = _Furniture(state, branding, content.logo, page, footer_height, header_running, prefix)

    def frame(header: float, frame_id: str, footer: float = footer_height) -> Frame:
        return Frame(
            margin,
            margin + footer + 6,
            width,
            page[1] - 2 * margin - header - footer - 6,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=frame_id,
        )

    buffer = io.BytesIO()
    muscles = dict.fromkeys(m.name for s in document.sections for m in s.topic.activation.muscles)
    doc = BaseDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=document.title,
        author=branding.clinic_name or "handouts",
        subject=document.subject,
        keywords=", ".join(
            ["exercise handout", *(plain(s.topic.title) for s in document.sections), *muscles]
        ),
        creator=f"handouts {__version__}",
        producer=f"handouts {__version__}",
        lang="en-US",
        invariant=1,
        pageCompression=1,
        # Otherwise every page declares Helvetica, a font that is never embedded.
        initialFontName=REGULAR,
        initialFontSize=sizes.body,
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [frame(header_full, "first")], onPage=furniture.first_page),
            PageTemplate("later", [frame(header_running, "later")], onPage=running.later_page),
            PageTemplate(
                "log", [frame(header_running, "log", log_footer)], onPage=running.later_page
            ),
        ]
    )
    story: list[Flowable] = [NextPageTemplate("later")]
    starts: dict[int, int] = {}
    if document.prescription is not None:
        story += _program_intro(document.prescription, looks[0])
        title = plain(first.topic.title)
        story.append(_StartSection(state, looks[0], first.topic, title, mid_page=True))
    if document.cover is not None:
        base = _look(None, branding, document.large_print, width, prefix=prefix)
        entries = [s.topic.title for s in document.sections]
        if document.log_rows:
            entries.append("Exercise log")
        story += _cover(document.cover, base, entries, pages or {})
        state.look, state.topic, state.title = base, None, plain(document.cover.title)
    for index, (section, look) in enumerate(zip(document.sections, looks, strict=True)):
        if index or document.cover is not None:
            title = plain(section.topic.title)
            start = _StartSection(state, look, section.topic, title, starts, index)
            story += [start, PageBreak()]
        for block in _BLOCKS:
            flowables = block(section.topic, look)
            story += [_HeadingRoom(flowables, sizes.leading * 3), *flowables]
    if document.log_rows:
        base = _look(None, branding, document.large_print, width, prefix=prefix)
        start = _StartSection(state, base, None, "Exercise log", starts, len(document.sections))
        story += [start, NextPageTemplate("log"), PageBreak()]
        story += _log(document, base)
    doc.build(story, canvasmaker=_canvas_maker(sizes.small))
    return buffer.getvalue(), starts


def _cover(
    program: Program, look: _Look, entries: list[str], pages: dict[int, int]
) -> list[Flowable]:
    """Draw a class pack's cover and contents: one page, numbers filled on the second pass.

    ``pages`` maps each entry's position to its first page.
    """
    rows = [
        [look.para(f"{n}. {title}"), look.para(str(pages.get(n - 1, "")), look.bold)]
        for n, title in enumerate(entries, start=1)
    ]
    number_col = pdfmetrics.stringWidth("Page 999", BOLD, look.sizes.body)
    contents = _table(
        [[_Para("<b>Contents</b>", look.body), _Para("<b>Page</b>", look.body)], *rows],
        colWidths=[look.width - number_col, number_col],
        hAlign="LEFT",
    )
    contents.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.RULE)),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Spacer(1, look.sizes.gap * 3),
        Heading(program.title, look.h1, look.field("cover")),
        look.para(program.summary, look.lead),
        Spacer(1, look.sizes.gap),
        look.para(
            "Class pack: a handout for each exercise we practise in class, and an exercise log "
            "to fill in at home. Tick the checklists and write your plan on each handout."
        ),
        Spacer(1, look.sizes.gap * 2),
        contents,
    ]


def render_program(program: Program, content: Content, options: Options) -> bytes:
    """Draw the class pack: cover, contents with page numbers, each handout, an exercise log."""
    return render(
        Document(
            tuple(Section(content.topic(t)) for t in program.topics),
            title=f"{plain(program.title)}: class pack",
            subject=plain(program.summary),
            paper=options.paper,
            large_print=options.large_print,
            log_rows=LOG_WEEKS * 3,
            cover=program,
        ),
        content,
    )


def render_prescription(prescription: Prescription, content: Content, prefix: str = "") -> bytes:
    """Draw a patient's personalised program: their doses, every precaution, a 4-week log."""
    # One line each time an exercise is done: every topic's sessions, up to LOG_MOST a week.
    per_week = min(max(sum(d.sessions_per_week for d in prescription.topics), 2), LOG_MOST)
    return render(
        Document(
            tuple(Section(content.topic(d.topic), d) for d in prescription.topics),
            title=f"Home exercise program for {prescription.patient.name}",
            subject=", ".join(plain(content.topic(d.topic).title) for d in prescription.topics),
            paper=prescription.paper.value,
            large_print=prescription.large_print,
            prescription=prescription,
            log_rows=LOG_WEEKS * per_week,
            field_prefix=prefix,
        ),
        content,
    )
