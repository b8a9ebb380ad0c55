"""The content model: topics, the class program and branding, as frozen dataclasses."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path

# The clinic's look and words are ``branding``'s; Content holds them.
from handouts.model.branding import Branding

# What a topic's pictures are made of (map regions, step drawings) is ``figures``'s.
from handouts.model.figures import Figure, Region

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""Ids are lower-case letters and digits in groups joined by single hyphens."""

PLACEHOLDERS: dict[str, str] = {
    "minutes": "the minutes a session, e.g. '5 minutes'",
    "times_a_week": "the sessions a week, e.g. '3 times a week'",
    "speed": "the speed, e.g. '1.5 mph' or '2.4 km/h'",
    "resistance": "the bike setting in the clinician's words, e.g. 'level 2 (low)'",
    "incline": "the treadmill incline, e.g. '2%'",
    "hold": "how to hold on, e.g. 'holding on with one hand' or 'without holding on'",
}
"""The prescribed values a statement's ``prescribed`` wording may name, as ``{minutes}``.

Each is worded by the tool from the prescription; the text says how it reads.
"""


class Level(enum.Enum):
    """An ordered activation scale; ``rank`` orders it and places it on a chart axis."""

    LOW = "low"
    LOW_TO_MODERATE = "low to moderate"
    MODERATE = "moderate"
    MODERATE_TO_HIGH = "moderate to high"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """Position on the scale, 1 (low) to 5 (high)."""
        return list(Level).index(self) + 1

    @property
    def label(self) -> str:
        """The words shown to readers, e.g. ``Low to moderate``."""
        return self.value.capitalize()


@dataclass(frozen=True)
class Statement:
    """A piece of patient-facing text and the sources that back it.

    In YAML it is either plain text or a mapping with ``text`` and ``sources`` (and
    optionally ``claim`` and ``prescribed``). Any statement that contains a number must cite
    at least one source.
    """

    text: str = field(metadata={"statement": True})
    """The sentence as printed (at most 400 characters)."""
    sources: tuple[str, ...] = field(default=(), metadata={"pattern": ID_PATTERN})
    """Ids of entries in the topic's ``sources`` list that back this statement."""
    claim: bool = False
    """It reports what an article or a study found: its source marks print with it.

    Marks print only on statements with a number or a claim; a claim must cite an article.
    """
    prescribed: str = field(default="", metadata={"prescribed": True, "max_length": 400})
    """What a personalised program prints instead, where the text states a dose.

    It may name prescribed values from ``PLACEHOLDERS`` as ``{minutes}`` and holds no
    numbers of its own, so no generic figure contradicts the clinician's. Required on a
    statement with a number in the steps, checklist, takeaways and dosage, and on the answer
    of a FAQ printed on the handout.
    """


@dataclass(frozen=True)
class Muscle:
    """One row of the muscle table."""

    name: str = field(metadata={"max_length": 70})
    """Muscle group as patients should read it, e.g. ``Quadriceps (front of thigh)``."""
    location: str
    """Where it is, in plain words, e.g. ``front of the thigh``."""
    region: Region
    """The body region the muscle map shades for it, from the closed list ``Region``."""
    forward: Level
    """How hard it works in the ordinary forward movement."""
    backward: Level
    """How hard it works in the backward movement."""
    role: Statement
    """What it does in the backward movement, in one plain sentence."""


@dataclass(frozen=True)
class Activation:
    """The muscle table together with where its levels come from."""

    basis: Statement
    """How the forward and backward levels were read from the sources."""
    muscles: tuple[Muscle, ...]
    """Rows of the table, most important first."""


@dataclass(frozen=True)
class Dosage:
    """How much to do: starting point, duration, frequency and progression."""

    start: Statement
    """Starting speed or resistance."""
    duration: Statement
    """How many minutes per session, at first."""
    frequency: Statement
    """How many sessions per week."""
    progression: Statement
    """How and when to do more."""


@dataclass(frozen=True)
class Precautions:
    """Safety advice: who should not or should first ask, when to stop, when to call for help."""

    caution_if: tuple[Statement, ...]
    """Ask your therapist or doctor first if any of these apply."""
    do_not_if: tuple[Statement, ...]
    """Do not do this exercise if any of these apply (contraindications; "not for")."""
    stop_if: tuple[Statement, ...]
    """Stop and contact your therapist or doctor if any of these happen (warning signs)."""
    emergency_if: tuple[Statement, ...]
    """Call the emergency number now if any of these happen (chest pain, fainting...).

    Only the items: the heading and the number come from the tool and ``branding.yaml``,
    so no item may write a number.
    """
    before_you_start: tuple[Statement, ...] = field(
        metadata={
            "max_items": 4,
            "too_many": "the box on page 1 holds only what must be true or done first; "
            "move the rest to the checklist",
        }
    )
    """The short box printed before the steps: what must be true or done first (1 to 4)."""
    if_it_goes_wrong: tuple[Statement, ...] = ()
    """What to do when something goes wrong, each item starting with 'If': optional.

    For example ``If you stumble, grip the rails...``; printed with the safety advice.
    """


@dataclass(frozen=True)
class Faq:
    """A frequently asked question and its short answer."""

    question: str = field(metadata={"max_length": 200})
    """The question as a patient would ask it."""
    answer: Statement
    """The answer, in plain language."""
    handout: bool = False
    """Also printed on the handout and program, not only in the deck (at most two a topic)."""


@dataclass(frozen=True)
class TeachingNotes:
    """What a presenter should say, show and watch for, by section; every part optional."""

    overview: str = field(default="", metadata={"max_length": 1500})
    """Opening: what the exercise is and why we do it."""
    muscles: str = field(default="", metadata={"max_length": 1500})
    """How to talk through the muscle table and chart."""
    benefits: str = field(default="", metadata={"max_length": 1500})
    """Which benefits to stress for this audience."""
    technique: str = field(default="", metadata={"max_length": 1500})
    """What to demonstrate and what to watch for while people try it."""
    checklist: str = field(default="", metadata={"max_length": 1500})
    """How to go through the getting-started checklist."""
    precautions: str = field(default="", metadata={"max_length": 1500})
    """How to present the safety advice."""
    faq: str = field(default="", metadata={"max_length": 1500})
    """Questions people usually ask and how to handle them."""
    takeaways: str = field(default="", metadata={"max_length": 1500})
    """How to close."""


class SourceKind(enum.Enum):
    """What a source is: a stored article, or general clinical practice."""

    ARTICLE = "article"
    PRACTICE = "practice"


@dataclass(frozen=True)
class Source:
    """One article the content was curated from, or the clinical practice it adds."""

    id: str = field(metadata={"pattern": ID_PATTERN, "max_length": 64})
    """Short id that statements cite, e.g. ``retro-walking``."""
    title: str
    """The article's title, or for practice who stands behind it."""
    file: str = field(default="", metadata={"filename": True})
    """File name of the stored article in the seeds folder; required for an article only."""
    note: str = ""
    """What kind of source it is, printed to patients beside the title: plain and short."""
    curator_note: str = ""
    """For curators: what the source is used for, how far to trust it; never printed."""
    kind: SourceKind = SourceKind.ARTICLE
    """``article`` (the default: a stored article) or ``practice``.

    ``practice`` marks general clinical safety practice that no article states, reviewed by
    the clinician who signs off the content; it has no ``file``.
    """


@dataclass(frozen=True)
class Review:
    """When the content was last checked by a clinician and when it must be checked again."""

    reviewed_on: dt.date
    """Date of the last clinical review (YYYY-MM-DD)."""
    review_due: dt.date
    """Date by which it must be reviewed again; must be after ``reviewed_on``."""


@dataclass(frozen=True)
class Topic:
    """One exercise: everything a handout and a deck say about it."""

    id: str = field(metadata={"pattern": ID_PATTERN, "max_length": 64})
    """Used in file names, ``--topic`` and the program's topic list."""
    title: str = field(metadata={"max_length": 70})
    """Short title, e.g. ``Backward walking`` (at most 70 characters)."""
    summary: str
    """One plain-language sentence saying what it is and why to do it."""
    movement: str = field(metadata={"max_length": 400})
    """What the body does, in one or two plain sentences."""
    equipment: tuple[str, ...]
    """What is needed, e.g. a treadmill with handrails."""
    audience: str
    """Who the handout is written for."""
    activation: Activation
    """The muscle table and where its levels come from."""
    benefits: tuple[Statement, ...]
    """What it helps with."""
    steps: tuple[Statement, ...]
    """Numbered technique steps, in order."""
    dosage: Dosage
    """How much to do and how to progress."""
    checklist: tuple[Statement, ...]
    """Getting-started checklist the patient ticks."""
    precautions: Precautions
    """Safety advice specific to this exercise."""
    who_benefits: tuple[Statement, ...]
    """Groups of people it suits."""
    faq: tuple[Faq, ...]
    """Frequently asked questions."""
    takeaways: tuple[Statement, ...]
    """Key points to remember."""
    teaching_notes: TeachingNotes
    """Notes for a presenter; shown only in speaker notes."""
    sources: tuple[Source, ...] = field(metadata={"max_items": 10})
    """The articles this topic was curated from (at most 10: every footer lists them)."""
    review: Review
    """Clinical review dates."""
    figures: tuple[Figure, ...] = field(
        default=(),
        metadata={
            "max_items": 6,
            "too_many": "keep the drawings that show how to stand and which way to move",
        },
    )
    """Drawings of some steps, each printed beside the step it shows."""
    log_name: str = field(default="", metadata={"max_length": 24})
    """What the exercise log calls it where the title is long (``Backward pedaling``)."""

    @property
    def short_title(self) -> str:
        """Return the name a narrow column prints: the log name, else the title."""
        return self.log_name or self.title

    def source_numbers(self, source_ids: tuple[str, ...]) -> tuple[int, ...]:
        """Return the 1-based numbers of these sources in the topic's list, in order."""
        return tuple(i for i, s in enumerate(self.sources, start=1) if s.id in source_ids)


@dataclass(frozen=True)
class Program:
    """An ordered list of topics taught together as a class."""

    id: str = field(metadata={"pattern": ID_PATTERN, "max_length": 64})
    """Used in the class deck's file name."""
    title: str = field(metadata={"max_length": 70})
    """Class title, e.g. ``Retro training``."""
    summary: str
    """One sentence describing the class."""
    topics: tuple[str, ...]
    """Topic ids in teaching order; each must exist and appear once."""


@dataclass(frozen=True)
class Content:
    """Everything loaded from one content folder, validated."""

    topics: tuple[Topic, ...]
    """Topics sorted by id."""
    program: Program
    """The class program."""
    branding: Branding
    """Clinic branding."""
    folder: Path
    """The content folder the files were read from; the logo path is relative to it."""
    left_out: tuple[str, ...] = ()
    """Ids of topics whose files have problems, left out by ``--keep-going``."""

    @property
    def logo(self) -> Path | None:
        """Absolute path of the branding logo, or None when there is none."""
        return self.folder / self.branding.logo if self.branding.logo else None

    def topic(self, topic_id: str) -> Topic:
        """Return the topic with this id (callers check it exists first)."""
        return next(t for t in self.topics if t.id == topic_id)
