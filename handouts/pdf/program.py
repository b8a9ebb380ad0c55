"""The blocks around the topics: a program's opening box, a class pack's contents, the log."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, IndexingFlowable, Spacer

from handouts import theme
from handouts.outline import blocks as outline
from handouts.pdf.flowables import PART_STARTS, Heading, continued_rows, kept_lines, para, table
from handouts.pdf.forms import CellField, CheckBox, FieldNames, WriteIn
from handouts.pdf.internals import Para, SplitTable
from handouts.pdf.roles import Role
from handouts.pdf.styles import BOLD, REGULAR, Styles

HEAD_PAD = 4
"""Between a log heading and the rules on both sides."""
MAX_PASSES = 5
"""Times a class pack is laid out at most for its contents' page numbers to settle."""
LOG_SHARES = (0.07, 0.1, 0.2, 0.13, 0.1, 0.09, 0.08)
"""Each log column's share of the width, but the last (the notes take what is left)."""
HANDWRITING = theme.INCH / 3
"""The least height of a log line: room to write the date, the minutes or a note by hand."""
NOTES_LEAST = 0.16
"""The least share of the width the log's notes keep, whatever the other headings need."""
WRAPS = 2
"""The log column that gives up width for the notes: the exercise, whose names wrap."""
WRAPS_LEAST = 0.15
"""The least share of the width the exercise's column keeps."""
LOG_KEPT = 7.5 * theme.INCH
"""A week at most this tall is kept on one page: every log page's frame holds it under the
repeated heading row, in large print on A4 with the largest header; a taller week (twice a
day, several exercises) runs on over pages."""


def program_intro(block: outline.ProgramIntro, s: Styles, names: FieldNames) -> list[Flowable]:
    """Open a personalised program in a box: who it is for, from whom, general notes."""
    rows: list[list[object]] = [
        # Names print exactly as typed: ** in them are not bold marks.
        [Para(escape(block.heading), s.h2, role=Role.HEADING_1)],
        [Para(escape(block.source), s.body)],
    ]
    notes = kept_lines(block.notes.text, s.body, block.notes.label) if block.notes else []
    rows += [[line] for line in notes]
    box = table(
        rows,
        [
            ("BOX", (0, 0), (-1, -1), 1.5, s.primary),
            # Split over pages, the part on the next page starts at its top.
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            *continued_rows(range(3, 2 + len(notes))),
        ],
        colWidths=[s.width],
    )
    return [box, Spacer(1, s.sizes.gap)]


def log(block: outline.Log, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out the exercise log: a ruled table that prints, and a fillable field in each cell.

    What is known is printed in its cell (the exercise, the target); the rest is a field. A
    week's lines are kept on one page where they fit on one; alternate weeks are shaded.
    """
    pad = 2
    head = s.table_head
    widths = _log_widths(block, s, head.fontSize, pad)
    # Long headings in large print on narrow paper (Spanish on A4) leave the notes no room
    # at full size: set the heading row smaller, never below the body's size by a fifth.
    size = head.fontSize
    while widths[-1] < NOTES_LEAST * s.width and size > head.fontSize * 0.8:
        size -= 1
        widths = _log_widths(block, s, size, pad)
        head = ParagraphStyle("log-head", parent=s.table_head, fontSize=size, leading=size * 1.2)
    # Room to write by hand, whatever the print size: a handwritten line needs a third of
    # an inch; large print's lines are taller anyway.
    height = max(s.sizes.leading * 1.45, HANDWRITING)
    rows: list[list[object]] = [[para(c, head) for c in block.columns]]
    weeks: list[int] = []  # the first row of each week
    labels: dict[int, object] = {}  # each week's number, by its first row
    heights: list[float] = [0.0]  # each row's height, measured now (the header's not needed)
    line = 0
    for r, entry in enumerate(block.lines, start=1):
        line = 1 if not weeks or block.lines[r - 2].week != entry.week else line + 1
        if line == 1:
            weeks.append(r)
        if line == 1:
            labels[r] = para(str(entry.week), s.bold)
        cells: list[object] = [labels[r] if line == 1 else ""]
        known = {"exercise": entry.exercise, "target": entry.target}
        tall = height
        for field, column, w in zip(block.fields, block.columns[1:], widths[1:], strict=True):
            if known.get(field):
                text: Flowable = para(known[field], s.body)
                if field == "exercise" and block.tick:  # a box to tick when it is done
                    tick = block.tooltip.format(week=entry.week, line=line, column=block.tick)
                    box = CheckBox(names.name(f"{r}.done"), tick, s.sizes.body + 2)
                    text = Ticked(box, text, s.sizes.body / 2)
                tall = max(tall, text.wrap(w - 2 * pad, 10_000)[1] + 2 * pad)
                cells.append(text)
                continue
            tooltip = block.tooltip.format(week=entry.week, line=line, column=column)
            name = names.name(f"{r}.{field}")
            cells.append(CellField(name, tooltip, w - 2 * pad, height - 2 * pad, s.sizes.body))
        rows.append(cells)
        heights.append(tall)
    count = len(block.lines)
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), s.primary),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.RULE)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, 0), HEAD_PAD),
        ("RIGHTPADDING", (0, 0), (-1, 0), HEAD_PAD),
    ]
    ends = [*weeks[1:], count + 1]
    kept: list[tuple[int, int]] = []
    for number, (first, end) in enumerate(zip(weeks, ends, strict=True)):
        if number % 2:  # alternate weeks shaded: a week reads as one at a glance
            commands.append(("BACKGROUND", (0, first), (-1, end - 1), colors.HexColor(theme.SHADE)))
        if sum(heights[first:end]) <= LOG_KEPT:
            # A page break falls between weeks, never leaving a week's last rows without it
            # (unless the page would be left less than a third full).
            kept.append((first, end))
    grid = table(rows, commands, role=Role.TABLE, colWidths=widths, repeatRows=1)
    grid.groups, grid.group_labels = tuple(kept), labels
    heading = block.heading
    flowables: list[Flowable] = [
        Heading(
            heading.text,
            s.h1,
            names.name(heading.key),
            literal=heading.literal,
            role=Role.HEADING_1,
        ),
    ]
    if block.name is not None:
        flowables.append(
            WriteIn(
                block.name,
                names.name(block.name.name),
                s.width,
                s.bold,
                s.sizes.leading,
                1,
                inline=True,
            )
        )
    return [*flowables, para(block.instructions, s.body), Spacer(1, s.sizes.gap), grid]


class Ticked(Flowable):
    """A box to tick beside a log line's exercise: the box at the left, the name beside it."""

    def __init__(self, box: CheckBox, text: Flowable, gap: float) -> None:
        """Put ``box`` before ``text``, ``gap`` points apart."""
        super().__init__()
        self.box, self.text, self.gap = box, text, gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Return the size: the text wrapped in what the box leaves, at least the box high."""
        _, high = self.text.wrap(availWidth - self.box.width - self.gap, availHeight)
        self.width, self.height = availWidth, max(high, self.box.height)
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw the box, then the text, each in the middle of the height (each tags itself)."""
        self.box.drawOn(canvas, x, y + (self.height - self.box.height) / 2)
        left = x + self.box.width + self.gap
        self.text.drawOn(canvas, left, y + (self.height - self.text.height) / 2)


def _log_widths(block: outline.Log, s: Styles, size: float, pad: float) -> list[float]:
    """Return the log's column widths with its headings set at ``size``; notes take the rest.

    Each column is wide enough for its heading in two lines: no word is split inside its
    letters, and the heading row stays short.
    """
    widths = [
        max(s.width * share, _two_lines(heading, size) + 2 * HEAD_PAD + 1)
        for share, heading in zip(LOG_SHARES, block.columns[:-1], strict=True)
    ]
    # Notes keep room to write: what the headings take beyond their shares (long Spanish
    # ones) comes out of the exercise's column, whose names wrap onto more lines instead.
    # It keeps its longest word whole, beside the box to tick.
    body = s.body.fontSize
    longest = max(
        (pdfmetrics.stringWidth(w, REGULAR, body) for e in block.lines for w in e.exercise.split()),
        default=0.0,
    )
    least = max(s.width * WRAPS_LEAST, longest + 2.5 * body + 2 * pad + 1)
    short = NOTES_LEAST * s.width - (s.width - sum(widths))
    if short > 0 and widths[WRAPS] > least:
        widths[WRAPS] = max(widths[WRAPS] - short, least)
    return [*widths, s.width - sum(widths)]


def _two_lines(text: str, size: float) -> float:
    """Return the width bold text needs to wrap onto at most two lines, breaking at a space."""
    words = text.split()
    return min(
        max(
            pdfmetrics.stringWidth(" ".join(words[:i]), BOLD, size),
            pdfmetrics.stringWidth(" ".join(words[i:]), BOLD, size),
        )
        for i in range(1, len(words) + 1)
    )


def contents(block: outline.Contents, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out a class pack's cover: its title, what it holds, a contents table with pages."""
    # Room for the column's heading and a three-digit page number beside it.
    number_col = pdfmetrics.stringWidth(f"{block.page_label} 999", BOLD, s.sizes.body)
    header = [Para(f"<b>{escape(label)}</b>", s.body) for label in (block.label, block.page_label)]

    def listing(pages: Mapping[int, int]) -> SplitTable:
        """Make the contents table with these first pages (none yet on the first pass)."""
        rows = [
            [para(entry, s.body), para(str(pages.get(n, "")), s.bold)]
            for n, entry in enumerate(block.entries)
        ]
        return table(
            [header, *rows],
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.RULE)),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ],
            role=Role.TABLE,
            colWidths=[s.width - number_col, number_col],
            repeatRows=1,
        )

    title = block.title
    return [
        Spacer(1, s.sizes.gap * 3),
        Heading(title.text, s.h1, names.name(title.key), role=Role.HEADING_1),
        para(block.summary, s.lead),
        Spacer(1, s.sizes.gap),
        para(block.about, s.body),
        Spacer(1, s.sizes.gap * 2),
        PageNumbers(listing),
    ]


class Unsettled(Exception):
    """The contents' page numbers kept changing the pages they number."""


class PageNumbers(IndexingFlowable):
    """A contents table whose page numbers are those its parts started on in the last pass.

    The document notes each part's first page (``PART_STARTS``); reportlab's ``multiBuild``
    lays the document out again until the numbers printed are the numbers found.
    """

    role = Role.TABLE

    def __init__(self, listing: Callable[[Mapping[int, int]], SplitTable]) -> None:
        """Keep ``listing``, which makes the table from each part's first page (by index)."""
        super().__init__()
        self.listing = listing
        self.found: dict[int, int] = {}
        self.printed: dict[int, int] = {}
        self.passes = 0
        self.table = listing(self.printed)

    def notify(self, kind: str, stuff: Any) -> None:
        """Note the page a part starts on."""
        if kind == PART_STARTS:
            index, page = stuff
            self.found[index] = page

    def beforeBuild(self) -> None:
        """Print the pages found in the last pass; find them again in this one."""
        self.printed, self.found = self.found, {}
        self.table = self.listing(self.printed)

    def isSatisfied(self) -> bool:
        """Tell whether every page printed is the page found."""
        return self.found == self.printed

    def afterBuild(self) -> None:
        """Count the pass; give up after ``MAX_PASSES`` that changed the numbers."""
        self.passes += 1
        if self.passes >= MAX_PASSES and not self.isSatisfied():
            raise Unsettled(f"the contents' page numbers did not settle in {MAX_PASSES} passes")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Return the table's size."""
        return self.table.wrapOn(self.canv, availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split the table between its rows, its header repeated."""
        return self.table.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw the table where the frame placed this."""
        self.table.drawOn(canvas, x, y, _sW)
