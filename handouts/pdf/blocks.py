"""One function per kind of outline block, each turning a block into flowables: ``FLOWABLES``.

The outline decides what a handout says and in which order; these decide only how it
is laid out: two columns for short points (one in large print), the three safety groups
side by side when they fit, table styles and widths. A new kind of block is one dataclass
in the outline and one function here, with its line in ``FLOWABLES``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Spacer

from handouts import theme
from handouts.outline import blocks as outline
from handouts.pdf import care, figured, musclemap, program
from handouts.pdf.flowables import (
    Bookmark,
    Heading,
    LevelBar,
    WarningIcon,
    continued_rows,
    kept_lines,
    para,
    statement,
    table,
)
from handouts.pdf.forms import CheckBox, FieldNames, WriteIn
from handouts.pdf.internals import Para, Together
from handouts.pdf.roles import Role
from handouts.pdf.styles import BOLD, CALLOUT_TINT, REGULAR, Styles, cited, labelled, markup
from handouts.text import plain

Make = Callable[[Any, Styles, FieldNames], list[Flowable]]
"""Lays one kind of block out: (block, styles, the part's field names) -> flowables."""


def intro(block: outline.Intro, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out the title, the summary, what is needed and, for a patient, their plan in a box."""
    title = block.title
    flowables: list[Flowable] = [
        Heading(title.text, s.h1, names.name(title.key), role=Role.HEADING_1),
        para(block.summary, s.lead),
    ]
    if block.equipment is not None:
        needs = block.equipment
        items = _bullets(needs.items, s)
        listed = _columns(items, s) if not s.large_print else items
        flowables += [Spacer(1, s.sizes.gap / 2), para(needs.label, s.bold), *listed]
    if block.plan is not None:
        box = table(
            [[Para(labelled(block.plan), s.lead)]],
            [
                ("BOX", (0, 0), (-1, -1), 1.5, s.primary),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(theme.SHADE)),
                # Split over pages, the part on the next page starts at its top.
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ],
            colWidths=[s.width],
        )
        flowables += [Spacer(1, s.sizes.gap / 2), box]
    return flowables


def muscle_table(block: outline.MuscleTable, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out the muscle table: level bars and names, what each muscle does, the basis."""
    pad = 2 if not s.large_print else 3
    bar_height = s.sizes.body * 0.75
    level_col = max(LevelBar(5, s.primary, bar_height).width, _two_line_width(block.levels, s))
    level_col += 2 * pad + 2
    width = musclemap.table_width(s, block)
    name_col = width * 0.27
    role_col = width - name_col - 2 * level_col
    rows: list[list[object]] = [[para(c, s.table_head) for c in block.columns]]
    for muscle in block.rows:
        number = f"{muscle.number}. " if muscle.number else ""  # as numbered on the map
        rows.append(
            [
                para(number + muscle.name, s.bold),
                [
                    LevelBar(muscle.forward.rank, s.primary, bar_height, muscle.forward.label),
                    para(muscle.forward.label, s.body),
                ],
                [
                    LevelBar(muscle.backward.rank, s.primary, bar_height, muscle.backward.label),
                    para(muscle.backward.label, s.body),
                ],
                statement(muscle.role, s.body),
            ]
        )
    grid = table(
        rows,
        [
            ("BACKGROUND", (0, 0), (-1, 0), s.primary),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor(theme.RULE)),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor(theme.SHADE)]),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ],
        role=Role.TABLE,
        colWidths=[name_col, level_col, level_col, role_col],
        repeatRows=1,
    )
    note = Para(f"{markup(block.key)} {cited(block.basis)}", s.body)
    heading = block.heading
    return [
        Heading(heading.text, s.h2, names.name(heading.key)),
        *musclemap.with_map(grid, [Spacer(1, s.sizes.gap / 2), note], block, s),
    ]


def _two_line_width(levels: Sequence[str], s: Styles) -> float:
    """Return the width every level's name needs on two lines, broken before its last word."""
    pieces = [piece for label in levels for piece in label.rsplit(" ", 1)]
    return max((pdfmetrics.stringWidth(p, REGULAR, s.sizes.body) for p in pieces), default=0)


WHOLE_LIST = 6
"""Items a list may have and still be kept on one page with its heading."""


def points(block: outline.Points, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out a heading and its items, bulleted, numbered or plain; short ones in two columns."""
    items: list[Flowable]
    if block.marks == "number":
        items = [
            Para(cited(item), s.step, role=Role.LIST_ITEM, bulletText=f"{n}.")
            for n, item in enumerate(block.items, start=1)
        ]
    elif block.marks == "bullet":
        items = _bullets(block.items, s)
    else:
        items = [statement(item, s.body) for item in block.items]
    heading = Heading(block.heading.text, s.h2, names.name(block.heading.key))
    if block.figures:
        return figured.illustrated(block, heading, items, s)
    if block.columns and not s.large_print:  # two columns of 18 pt text would be too narrow
        return [heading, *_columns(items, s)]
    if block.marks == "number" or len(items) <= WHOLE_LIST:
        # Steps are read in one go, and a short list read as one (a summary): on one page
        # with their heading, never one item carried over alone.
        return [Together([heading, *items])]
    return [heading, *items[:-2], Together(items[-2:])]  # never one item alone on a page


def _bullets(items: Sequence[outline.Cited], s: Styles) -> list[Flowable]:
    return [Para(cited(item), s.bullet, role=Role.LIST_ITEM, bulletText="•") for item in items]


def _columns(flowables: list[Flowable], s: Styles, gap: float = 14) -> list[Flowable]:
    """Lay short items out in two columns, top to bottom then left to right."""
    half = (len(flowables) + 1) // 2
    col = (s.width - gap) / 2
    pairs: list[list[object]] = [
        [flowables[i], flowables[half + i] if half + i < len(flowables) else ""]
        for i in range(half)
    ]
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), gap),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    return [table(pairs, commands, by_columns=True, colWidths=[col + gap, col])]


def dosage(block: outline.Dosage, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out how much to do in a shaded panel kept whole; a value's line breaks are kept."""
    rows: list[tuple[str, Flowable]] = []
    for label, value in block.rows:
        lines = kept_lines(value.text, s.body) if "\n" in value.text else [statement(value, s.body)]
        # A value of several lines (a clinician's notes) is a row a line, labelled once.
        rows += [("" if n else label, line) for n, line in enumerate(lines)]
    label_col = max(pdfmetrics.stringWidth(label, BOLD, s.sizes.body) for label, _ in rows) + 16
    panel = table(
        [[para(label, s.bold) if label else "", value] for label, value in rows],
        [
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(theme.SHADE)),
            ("LINEBEFORE", (0, 0), (0, -1), 3, s.primary),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            # A row without a label goes on with the text of the row above.
            *continued_rows(n for n, (label, _) in enumerate(rows) if not label),
        ],
        colWidths=[label_col, s.width - label_col],
    )
    return [Spacer(1, s.sizes.gap / 2), Together([panel])]


def checklist(block: outline.Checklist, s: Styles, names: FieldNames) -> list[Flowable]:
    """Give each item a box to tick; each is a table of one row, so it never splits."""
    size = s.sizes.body * 1.15
    first = size + 10
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    heading = block.heading
    rows: list[Flowable] = [
        table(
            [
                [
                    CheckBox(names.name(f"{heading.key}.{n}"), item.text[:80], size),
                    statement(item, s.body),
                ]
            ],
            commands,
            colWidths=[first, s.width - first],
        )
        for n, item in enumerate(block.items, start=1)
    ]
    return [Heading(heading.text, s.h2, names.name(heading.key)), *rows]


def safety(block: outline.Safety, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out the safety callout: the groups side by side when they fit, else stacked."""
    icon = s.sizes.h2 * 1.3
    heading = table(
        [[WarningIcon(icon, s.accent), para(block.heading.text, s.h2, Role.HEADING_2)]],
        [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
        colWidths=[icon + 10, None],
    )
    inner = s.width - 2 * 10
    base = [
        ("BOX", (0, 0), (-1, -1), 2.5, s.accent),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(CALLOUT_TINT)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ]
    flowables: list[Flowable] = [
        Bookmark(plain(block.heading.text), names.name(block.heading.key)),
        Spacer(1, s.sizes.gap),
    ]
    groups = block.groups
    cells = [[para(g.label, s.bold), *_bullets(g.items, s)] for g in groups]
    count = len(cells)
    if not s.large_print and count > 1 and _fits_side_by_side(cells, inner):
        # Side by side: short columns read at a glance and save half a page.
        column = inner / count
        callout = table(
            [[heading, *[""] * (count - 1)], cells],
            [
                *base,
                ("SPAN", (0, 0), (-1, 0)),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("LINEBEFORE", (1, 1), (-1, 1), 0.8, colors.HexColor(theme.RULE)),
            ],
            colWidths=[*[column + 4] * (count - 1), s.width - (count - 1) * (column + 4)],
        )
        # Half a page at most: never split its heading from its columns.
        return [*flowables, Together([callout])]
    # Large print is too wide for columns: one boxed group under another. Each group's label
    # row repeats if the group breaks across pages, so no warning is ever left without it.
    # The callout's heading is in the first group's label row, so no heading is left alone.
    for number, group in enumerate(groups):
        label: list[object] = [para(group.label, s.bold)]
        rows: list[list[object]] = [[[heading, *label]] if number == 0 else label]
        rows.extend([bullet] for bullet in _bullets(group.items, s))
        box = table(
            rows,
            [*base, ("TOPPADDING", (0, 0), (-1, 0), 6)],
            colWidths=[s.width],
            repeatRows=1,
            keep=care.KEEP,
            continued=[[para(group.continued, s.bold)]],
        )
        flowables += [box, Spacer(1, s.sizes.gap / 2)]
    return flowables


def _fits_side_by_side(cells: Sequence[Sequence[Flowable]], inner: float) -> bool:
    """Tell whether the safety columns fit in half a page; else they are stacked.

    A row of columns cannot break across pages, so a long list must be stacked.
    """
    tallest = max(sum(f.wrap(inner / len(cells) - 10, 10_000)[1] for f in cell) for cell in cells)
    return tallest < 5 * theme.INCH


def _line(
    field: outline.WriteIn, s: Styles, names: FieldNames, width: float, lines: int = 1
) -> WriteIn:
    """Make a write-in: one line has its label on it, more have it above them."""
    name = names.name(field.name)
    return WriteIn(field, name, width, s.bold, s.sizes.leading, lines, inline=lines == 1)


def questions_and_plan(
    faq: outline.Questions, plan: outline.PlanFields, s: Styles, names: FieldNames
) -> list[Flowable] | None:
    """Set the plan's write-in lines beside the questions people ask; None where they do not fit.

    Standard print only, and only where the questions are short: a row of two columns
    cannot break over a page.
    """
    if s.large_print:
        return None
    gap, right = 16.0, s.width * 0.38
    left = s.width - right - gap
    asked = care.questions(faq, s, names, kept=False)
    if sum(f.wrap(left, 1e6)[1] for f in asked) > 3 * theme.INCH:
        return None
    heading = Heading(plan.heading.text, s.h2, names.name(plan.heading.key))
    lines = [_line(f, s, names, right) for f in plan.lines]
    column = [
        heading,
        *lines,
        Spacer(1, s.sizes.gap / 2),
        _line(plan.questions, s, names, right, 2),
    ]
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), gap),
    ]
    return [table([[asked, column]], commands, colWidths=[left + gap, right])]


def plan_fields(block: outline.PlanFields, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out the plan: short lines beside a box for questions (stacked in large print)."""
    heading = Heading(block.heading.text, s.h2, names.name(block.heading.key))

    def line(field: outline.WriteIn, width: float, lines: int = 1) -> WriteIn:
        return _line(field, s, names, width, lines)

    if s.large_print:  # one under another: side by side would be too narrow
        return [
            heading,
            *(line(f, s.width) for f in block.lines),
            Spacer(1, s.sizes.gap / 2),
            line(block.questions, s.width, lines=3),
        ]
    gap = 18
    half = (s.width - gap) / 2
    left = [line(f, half) for f in block.lines]
    right = [line(block.questions, half, lines=2)]
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]
    return [Together([heading, table([[left, right]], commands, colWidths=[half + gap, half])])]


FLOWABLES: dict[type, Make] = {
    outline.Intro: intro,
    outline.MuscleTable: muscle_table,
    outline.Points: points,
    outline.Dosage: dosage,
    outline.Checklist: checklist,
    outline.Safety: safety,
    outline.PlanFields: plan_fields,
    outline.ProgramIntro: program.program_intro,
    outline.Log: program.log,
    outline.Contents: program.contents,
    outline.ForWhom: care.for_whom,
    outline.Emergency: care.emergency,
    outline.FirstSteps: care.first_steps,
    outline.Questions: care.questions,
    outline.SourceList: care.source_list,
}
"""How each kind of block is laid out; kinds only a deck shows (a chart) are absent."""

PAIRS: dict[tuple[type, type], Callable[[Any, Any, Styles, FieldNames], list[Flowable] | None]] = {
    (outline.Questions, outline.PlanFields): questions_and_plan,
}
"""Two blocks, one after the other, laid out side by side where they fit (else each alone)."""
