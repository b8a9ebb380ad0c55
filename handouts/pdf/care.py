"""The blocks that tell a patient whether, how safely and on what grounds: page 1 and the end.

The emergency line, "Is this for you?" and the "Before you start" box open a topic, so
they are on page 1 of every handout and program; the questions a patient needs answered on
paper and the full list of sources close it.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer

from handouts import theme
from handouts.outline import blocks as outline
from handouts.pdf.flowables import Bookmark, Heading, WarningIcon, para, statement, table
from handouts.pdf.forms import CheckBox, FieldNames
from handouts.pdf.internals import Para, Together
from handouts.pdf.roles import Role
from handouts.pdf.styles import CALLOUT_TINT, Styles, cited
from handouts.text import plain

KEEP = 2
"""Items of a boxed list kept together where it breaks over a page: never one alone."""


def _bullets(items: tuple[outline.Cited, ...], s: Styles) -> list[Flowable]:
    return [Para(cited(item), s.bullet, role=Role.LIST_ITEM, bulletText="•") for item in items]


def _boxed(group: outline.SafetyGroup, s: Styles, edge: colors.Color, tint: str) -> Flowable:
    """Box one group of advice, its label on top; split over pages, the label goes on."""
    return table(
        [[para(group.label, s.bold)], *([b] for b in _bullets(group.items, s))],
        [
            ("BOX", (0, 0), (-1, -1), 1.5, edge),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(tint)),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ],
        colWidths=[s.width],
        repeatRows=1,  # split over pages, the rest still says what it is, and "continued"
        keep=KEEP,
        continued=[[para(group.continued, s.bold)]],
    )


def _side_by_side(
    groups: list[tuple[outline.SafetyGroup, colors.Color, str]], s: Styles, gap: float = 10
) -> Flowable:
    """Set two boxed groups side by side, each box as tall as the taller (a row never splits)."""
    col = (s.width - gap) / 2
    cells = [[para(g.label, s.bold), *_bullets(g.items, s)] for g, _, _ in groups]
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (1, 0), (1, 0), 0),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
    ]
    for n, (_, edge, tint) in enumerate(groups):
        at = (2 * n, 0)
        commands += [("BOX", at, at, 1.5, edge), ("BACKGROUND", at, at, colors.HexColor(tint))]
    return table([[cells[0], "", cells[1]]], commands, colWidths=[col, gap, col])


def for_whom(block: outline.ForWhom, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out who it is for and who it can help; boxed, who should not and who should ask.

    Who should not do it is boxed in the safety colour, who should ask first in the brand's;
    side by side in standard print where both are short, one under the other otherwise.
    """
    heading = block.heading
    boxes = [(block.not_for, s.accent, CALLOUT_TINT)]
    if block.ask_first is not None:
        boxes.append((block.ask_first, s.primary, theme.SHADE))
    flowables: list[Flowable] = [
        Heading(heading.text, s.h2, names.name(heading.key)),
        para(block.audience, s.body),
        para(block.helps.label, s.bold),
        *_bullets(block.helps.items, s),
        Spacer(1, s.sizes.gap / 2),
    ]
    together = _side_by_side(boxes, s) if len(boxes) == 2 and not s.large_print else None
    if together is not None and together.wrap(s.width, 10_000)[1] < 3 * theme.INCH:
        return [*flowables, together]
    for group, edge, tint in boxes:
        flowables += [_boxed(group, s, edge, tint), Spacer(1, s.sizes.gap / 2)]
    return flowables[:-1]


def emergency(block: outline.Emergency, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out when to call the emergency number, boxed in the safety colour with a sign.

    It is set apart from every other kind of advice, so it is the one thing on page 1 a
    patient finds at a glance.
    """
    icon = s.sizes.h2 * 1.3
    bullets = _bullets(block.items, s)
    side = icon + 12
    if s.large_print:  # one under another
        rows: list[list[object]] = [["", b] for b in bullets]
        widths = [side, s.width - side]
    else:  # two side by side, top to bottom then on: short lines, read at a glance
        half = (len(bullets) + 1) // 2
        rows = [
            ["", bullets[i], bullets[half + i] if half + i < len(bullets) else ""]
            for i in range(half)
        ]
        widths = [side, *[(s.width - side) / 2] * 2]
    heading = [WarningIcon(icon, s.accent), para(block.label, s.h2, Role.HEADING_2)]
    pad = [""] * (len(widths) - 2)
    call = table(
        [[*heading, *pad], *rows],
        [
            ("SPAN", (1, 0), (-1, 0)),
            ("BOX", (0, 0), (-1, -1), 2.5, s.accent),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(CALLOUT_TINT)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ],
        colWidths=widths,
        repeatRows=1,
        keep=KEEP,
        continued=[
            [WarningIcon(icon, s.accent), para(block.continued, s.h2, Role.HEADING_2), *pad]
        ],
    )
    bookmark = Bookmark(plain(block.label).rstrip(":"), names.name("emergency"))
    return [bookmark, Spacer(1, s.sizes.gap / 2), call]


def first_steps(block: outline.FirstSteps, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out the "Before you start" box: a box to tick by each item, with a pen or on a tablet."""
    heading = block.heading
    size = s.sizes.body * 1.15
    first = size + 14
    rows: list[list[object]] = [[para(heading.text, s.h2, Role.HEADING_2), ""]]
    rows += [
        [CheckBox(names.name(f"{heading.key}.{n}"), item.text[:80], size), statement(item, s.body)]
        for n, item in enumerate(block.items, start=1)
    ]
    box = table(
        rows,
        [
            ("SPAN", (0, 0), (-1, 0)),
            ("BOX", (0, 0), (-1, -1), 1.5, s.primary),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(theme.SHADE)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("LEFTPADDING", (1, 1), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ],
        colWidths=[first, s.width - first],
        keep=KEEP,
    )
    return [Bookmark(plain(heading.text), names.name(heading.key)), Spacer(1, s.sizes.gap), box]


def questions(
    block: outline.Questions, s: Styles, names: FieldNames, *, kept: bool = True
) -> list[Flowable]:
    """Lay out questions people ask, each in bold over its answer, kept together.

    ``kept=False`` for a column beside something else, whose row moves on whole anyway.
    """
    heading = block.heading
    flowables: list[Flowable] = [Heading(heading.text, s.h2, names.name(heading.key))]
    for question, answer in block.pairs:
        pair = [para(question, s.bold), statement(answer, s.body)]
        flowables += [Together(pair)] if kept else pair
    return flowables


def source_list(block: outline.SourceList, s: Styles, names: FieldNames) -> list[Flowable]:
    """List every source once, its full title and what kind of source it is, in fine type."""
    heading = block.heading
    entries = [para(e.line, s.fine) for e in block.sources]
    # Kept whole: a heading and one source on a page, the rest over the leaf, is no list.
    return [
        Together(
            [
                Heading(heading.text, s.h2, names.name(heading.key)),
                *entries,
                para(block.reviewed, s.fine),
            ]
        )
    ]
