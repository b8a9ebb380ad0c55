"""The blocks a document is made of: what it says, in which order, with no layout at all.

Every block is a small frozen dataclass of text ready to print (headings, labels, sentences
worded, doses written out, citations resolved to numbers); the PDF and the decks lay out the
same blocks, so they never differ. Text may hold ``**bold**`` (``text.emphasis``), no markup.
"""

from __future__ import annotations

from dataclasses import dataclass

# The figure blocks (step drawings, the muscle map) live in ``figures``; named here too.
from handouts.outline.figures import Figure as Figure
from handouts.outline.figures import MuscleMap as MuscleMap


@dataclass(frozen=True)
class Cited:
    """A piece of text and the numbers of the sources that back it, as printed."""

    text: str
    """The words, which may mark some **bold**."""
    sources: tuple[int, ...] = ()
    """1-based numbers into the part's source list; empty when nothing is cited."""


@dataclass(frozen=True)
class Heading:
    """A section heading and the stable key that names its section."""

    text: str
    """The heading as printed."""
    key: str
    """Names the section: a bookmark, a form-field stem, a slide's kind (``muscles``)."""
    literal: bool = False
    """Printed exactly as typed, ``**`` and all: a heading holding a person's name."""


@dataclass(frozen=True)
class Labelled:
    """A short bold label and the text it introduces: ``You will need: a treadmill``."""

    label: str
    """The label, with its colon."""
    text: str
    """What follows it."""


@dataclass(frozen=True)
class Rating:
    """A level on the 1 to 5 scale and its name."""

    rank: int
    """1 (low) to 5 (high)."""
    label: str
    """The level in words, e.g. ``Low to moderate``."""


@dataclass(frozen=True)
class Intro:
    """What a topic is: its title, summary, what is needed and, personalised, the plan."""

    title: Heading
    """The topic's title, the document's top heading."""
    summary: str
    """One plain sentence about it."""
    equipment: SafetyGroup | None
    """What is needed, under its label, an item a line; None when nothing is listed."""
    plan: Labelled | None = None
    """The patient's own dose in one sentence; None for a general handout."""


@dataclass(frozen=True)
class MuscleRow:
    """One muscle group and how hard it works each way."""

    name: str
    """The muscle group in plain words, e.g. ``Quadriceps (front of thigh)``."""
    short_name: str
    """The words a chart bar can carry (the plain place for a long name)."""
    forward: Rating
    """Effort in the ordinary forward movement."""
    backward: Rating
    """Effort in the backward movement."""
    role: Cited
    """What it does going backward."""
    number: str = ""
    """Its number on the muscle map, printed with its name."""


@dataclass(frozen=True)
class MuscleTable:
    """The muscle table: a row per muscle group and where the levels come from."""

    heading: Heading
    """The section heading."""
    columns: tuple[str, str, str, str]
    """Column headings: name, forward, backward, role."""
    rows: tuple[MuscleRow, ...]
    """The muscle groups, most important first."""
    key: str
    """How to read the level boxes (printed under the table)."""
    basis: Cited
    """Where the levels come from."""
    levels: tuple[str, ...] = ()
    """Every level of the scale in words, lowest first: a level column fits the widest."""
    map: MuscleMap | None = None
    """The muscle map, printed beside the table on a handout; None for none."""


@dataclass(frozen=True)
class Bar:
    """One muscle group's pair of bars on the effort chart."""

    name: str
    """The category label."""
    forward: int
    """Forward effort, 1 to 5."""
    backward: int
    """Backward effort, 1 to 5."""
    said: str = ""
    """The pair in words, for a screen reader: ``Glutes (buttocks): low forward, high backward``."""


@dataclass(frozen=True)
class EffortChart:
    """The forward-versus-backward effort chart (a native chart in the decks)."""

    heading: Heading
    """The slide title."""
    series: tuple[str, str]
    """Names of the two series: forward, backward."""
    bars: tuple[Bar, ...]
    """Bars, first muscle first."""
    scale: str
    """The value axis title: every level of the scale in words."""
    low: str
    """The tick label at 1."""
    high: str
    """The tick label at 5."""
    alt: str
    """The chart said in words, for a screen reader."""
    part_alt: str = "{bars}"
    """The alt text of a part of a chart cut over slides: ``{bars}`` stands for its bars'
    words (``Bar.said``), joined by ``bar_separator``."""
    bar_separator: str = "; "
    """Goes between the words of two bars in ``part_alt``."""


@dataclass(frozen=True)
class Points:
    """A heading and a list: bulleted, numbered, or plain lines (a source list)."""

    heading: Heading
    """The section heading (a slide's title)."""
    items: tuple[Cited, ...]
    """The items in order."""
    marks: str = "bullet"
    """``bullet``, ``number`` or ``none``."""
    columns: bool = False
    """Short items that may sit in two columns on a page."""
    figures: tuple[Figure, ...] = ()
    """Drawings of some items, in the order of the items they show (the steps' figures)."""


@dataclass(frozen=True)
class Dosage:
    """How much to do, row by row: ``Start``, ``How long``... or the patient's own values."""

    rows: tuple[tuple[str, Cited], ...]
    """(label, value) pairs in reading order."""


@dataclass(frozen=True)
class Checklist:
    """Things to tick before starting: a box for a pen and a checkbox for a tablet."""

    heading: Heading
    """The section heading."""
    items: tuple[Cited, ...]
    """The items in order."""


@dataclass(frozen=True)
class SafetyGroup:
    """One kind of safety advice: a label and what it applies to."""

    label: str
    """The label as a handout prints it, e.g. ``Do not do this exercise if:``."""
    short_label: str
    """The same in fewer words, for a slide's column heading."""
    items: tuple[Cited, ...]
    """What the label applies to."""
    continued: str = ""
    """The label where the list goes on over a page: ``Do not do this exercise if (continued):``."""


@dataclass(frozen=True)
class Safety:
    """The safety callout: every group, always together."""

    heading: Heading
    """The callout's heading."""
    groups: tuple[SafetyGroup, ...]
    """The groups in the order they are read (do not, ask first; or stop, if it goes wrong)."""
    see_previous: str
    """What an empty column of a continued slide says."""
    emergency: Emergency | None = None
    """The emergency line shown with the advice; None where it stands in a box of its own."""


@dataclass(frozen=True)
class Emergency:
    """When to call the emergency number: kept apart from every other kind of advice."""

    label: str
    """``Call 911 now if:``, with the clinic's emergency number."""
    items: tuple[Cited, ...]
    """What calls for it: chest pain or pressure, fainting, sudden severe breathlessness..."""
    continued: str = ""
    """The label where the list goes on over a page: ``Call 911 now if (continued):``."""


@dataclass(frozen=True)
class ForWhom:
    """Who the exercise is for, who it can help, and who should not do it."""

    heading: Heading
    """The section heading (``Is this for you?``)."""
    audience: str
    """One line saying who the handout is written for."""
    helps: SafetyGroup
    """Who it can help, under its label."""
    not_for: SafetyGroup
    """Who should not do it, under its label."""
    ask_first: SafetyGroup | None = None
    """Who should ask first, under its label; None for no one."""


@dataclass(frozen=True)
class FirstSteps:
    """The short box before the steps: what must be true or done before starting."""

    heading: Heading
    """The box's heading (``Before you start``)."""
    items: tuple[Cited, ...]
    """One to four short items."""


@dataclass(frozen=True)
class SourceEntry:
    """One entry of a source list: its number, its full title and what kind of source it is."""

    number: int
    """The number statements cite it by."""
    title: str
    """Its full title."""
    note: str
    """What kind of source it is and how far to trust it; empty when nothing is said."""

    @property
    def line(self) -> str:
        """The entry as both renderers list it: ``[1] Title (note)``."""
        return f"[{self.number}] {self.title}" + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True)
class SourceList:
    """Where the content comes from: every source once, in full, and when it was reviewed."""

    heading: Heading
    """The list's heading."""
    sources: tuple[SourceEntry, ...]
    """The sources, in citation order."""
    reviewed: str
    """When a clinician last reviewed the content, and when it is due again."""


@dataclass(frozen=True)
class Questions:
    """Questions people ask, each with its answer."""

    heading: Heading
    """The section heading."""
    pairs: tuple[tuple[str, Cited], ...]
    """(question, answer) pairs."""


@dataclass(frozen=True)
class WriteIn:
    """One fillable line: a field name, its label and what is filled in already."""

    name: str
    """The form field's own name, unique within its section."""
    label: str
    """The label printed before or above the line."""
    value: str = ""
    """Pre-filled text; empty for a line to write on."""
    tooltip: str = ""
    """What a screen reader or a hovering pointer says of it; the label when empty."""


@dataclass(frozen=True)
class PlanFields:
    """The patient's own plan: short lines to fill in and a box for questions."""

    heading: Heading
    """The section heading."""
    lines: tuple[WriteIn, ...]
    """Short lines (minutes, speed, times a week)."""
    questions: WriteIn
    """A few lines for questions to the clinician."""


@dataclass(frozen=True)
class ProgramIntro:
    """The box that opens a personalised program: for whom, from whom, general notes."""

    heading: str
    """``Home exercise program for ...``, the name exactly as typed."""
    source: str
    """Who prescribed it and when."""
    notes: Labelled | None
    """The clinician's general notes (line breaks kept); None when there are none."""


@dataclass(frozen=True)
class LogLine:
    """One line of the exercise log: a session, with what is known of it filled in."""

    week: int
    """The week it falls in, from 1."""
    exercise: str = ""
    """The exercise, filled in; empty for the patient to write."""
    target: str = ""
    """The prescribed target (``4 min, 0.8 mph``), filled in; empty to write."""


@dataclass(frozen=True)
class Log:
    """The exercise log: a line for every session, week by week, room to write in each."""

    heading: Heading
    """The log's heading."""
    instructions: str
    """How to fill it in, and when to stop."""
    columns: tuple[str, ...]
    """Column headings, the week first."""
    fields: tuple[str, ...]
    """The field-name stem of each column after the week (``date``, ``exercise``...)."""
    lines: tuple[LogLine, ...]
    """Every line, week by week; a week's lines are kept on one page where they fit."""
    tooltip: str = ""
    """What a screen reader says of a cell, with ``{week}``, ``{line}`` (the line of that
    week) and ``{column}`` (its heading) in it: ``Week 1, line 2: Date``."""
    name: WriteIn | None = None
    """A line for the patient's name, on a log not made for one patient (a class pack)."""
    tick: str = ""
    """What a screen reader says of the box beside each line's exercise: ``Tick when done``."""


@dataclass(frozen=True)
class Contents:
    """A class pack's cover: the class, what the pack is, and its contents."""

    title: Heading
    """The class's title."""
    summary: str
    """One sentence about the class."""
    about: str
    """What the pack holds and how to use it."""
    label: str
    """The contents table's heading."""
    page_label: str
    """The page column's heading."""
    entries: tuple[str, ...]
    """Each part's entry, numbered, in order."""


Block = (
    Intro
    | MuscleTable
    | MuscleMap
    | EffortChart
    | Points
    | Dosage
    | Checklist
    | Safety
    | Questions
    | Emergency
    | ForWhom
    | FirstSteps
    | SourceList
    | PlanFields
    | ProgramIntro
    | Log
    | Contents
)
"""Every kind of block a document can hold."""
