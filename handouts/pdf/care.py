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
from handouts.pdf.flowables import Heading, WarningIcon, para, statement, table
from handouts.pdf.forms import FieldNames
from handouts.pdf.internals import Para, Together
from handouts.pdf.roles import Role
from handouts.pdf.styles import CALLOUT_TINT, Styles, cited

KEEP = 2
"""Items of a boxed list kept together where it breaks over a page: never one alone."""


def _bullets(items: tuple[outline.Cited, ...], s: Styles) -> list[Flowable]:
    return [Para(cited(item), s.bullet, role=Role.LIST_ITEM, bulletText="•") for item in items]


def for_whom(block: outline.ForWhom, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out who it is for, who it can help, and, boxed in the safety colour, who should not."""
    heading = block.heading
    not_for = table(
        [[para(block.not_for.label, s.bold)], *([b] for b in _bullets(block.not_for.items, s))],
        [
            ("BOX", (0, 0), (-1, -1), 1.5, s.accent),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(CALLOUT_TINT)),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ],
        colWidths=[s.width],
        repeatRows=1,  # split over pages, the rest still says what it is, and "continued"
        keep=KEEP,
        continued=[[para(block.not_for.continued, s.bold)]],
    )
    return [
        Heading(heading.text, s.h2, names.name(heading.key)),
        para(block.audience, s.body),
        para(block.helps.label, s.bold),
        *_bullets(block.helps.items, s),
        Spacer(1, s.sizes.gap / 2),
        not_for,
    ]


def emergency(block: outline.Emergency, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out when to call the emergency number, boxed in the safety colour with a sign.

    It is set apart from every other kind of advice, so it is the one thing on page 1 a
    patient finds at a glance.
    """
    icon = s.sizes.h2 * 1.3
    call = table(
        [
            [WarningIcon(icon, s.accent), para(block.label, s.h2, Role.HEADING_2)],
            *(["", b] for b in _bullets(block.items, s)),
        ],
        [
            ("BOX", (0, 0), (-1, -1), 2.5, s.accent),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(CALLOUT_TINT)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ],
        colWidths=[icon + 12, s.width - icon - 12],
        repeatRows=1,
        keep=KEEP,
        continued=[[WarningIcon(icon, s.accent), para(block.continued, s.h2, Role.HEADING_2)]],
    )
    return [Spacer(1, s.sizes.gap / 2), call]


def first_steps(block: outline.FirstSteps, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out the "Before you start" box."""
    heading = block.heading
    box = table(
        [[para(heading.text, s.h2, Role.HEADING_2)], *([b] for b in _bullets(block.items, s))],
        [
            ("BOX", (0, 0), (-1, -1), 1.5, s.primary),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(theme.SHADE)),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ],
        colWidths=[s.width],
        keep=KEEP,
    )
    return [Spacer(1, s.sizes.gap), box]


def questions(block: outline.Questions, s: Styles, names: FieldNames) -> list[Flowable]:
    """Lay out questions people ask, each in bold over its answer, kept together."""
    heading = block.heading
    flowables: list[Flowable] = [Heading(heading.text, s.h2, names.name(heading.key))]
    for question, answer in block.pairs:
        flowables.append(Together([para(question, s.bold), statement(answer, s.body)]))
    return flowables


def source_list(block: outline.SourceList, s: Styles, names: FieldNames) -> list[Flowable]:
    """List every source once, its full title and what kind of source it is, in small type."""
    heading = block.heading
    entries = [para(e.line, s.small) for e in block.sources]
    # Kept whole: a heading and one source on a page, the rest over the leaf, is no list.
    return [
        Together(
            [
                Heading(heading.text, s.h2, names.name(heading.key)),
                *entries,
                para(block.reviewed, s.small),
            ]
        )
    ]
