"""The personalised-program model: a patient, their clinician and their doses."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal

from handouts.model.content import ID_PATTERN

LOG_WEEKS = 4
"""Weeks the exercise log covers when the prescription sets no review date."""


class HandSupport(enum.Enum):
    """How much the patient may hold on while doing the exercise."""

    NONE = "none"
    LIGHT = "light touch"
    ONE_HAND = "one hand"
    TWO_HANDS = "two hands"


class Languages(enum.Enum):
    """The language a program is written in, or two back to back in one file."""

    EN = "en"
    ES = "es"
    EN_ES = "en,es"
    ES_EN = "es,en"

    @property
    def codes(self) -> tuple[str, ...]:
        """The languages in the order printed: ``("en", "es")`` for ``en,es``."""
        return tuple(self.value.split(","))


class Paper(enum.Enum):
    """Paper sizes a prescription can ask for."""

    LETTER = "letter"
    A4 = "a4"


@dataclass(frozen=True)
class Patient:
    """Who the program is for; only what the clinic chooses to print."""

    name: str
    """Name or initials as printed on the program."""
    id: str = field(default="", metadata={"pattern": ID_PATTERN, "max_length": 64})
    """Clinic's own id (lower-case letters, digits, hyphens); used for the file name."""


@dataclass(frozen=True)
class Clinician:
    """Who prescribed the program and how to reach them."""

    name: str
    """Clinician's name as printed."""
    contact: str = ""
    """Phone or e-mail for questions."""


@dataclass(frozen=True)
class Dose:
    """One prescribed topic with the patient's own dosage."""

    topic: str = field(metadata={"pattern": ID_PATTERN, "max_length": 64})
    """Id of a topic in the content folder."""
    minutes: float = field(metadata={"range": (0.5, 60, "minutes"), "decimals": 2})
    """Minutes per session."""
    sessions_per_week: int = field(metadata={"range": (1, 14, "sessions a week")})
    """Sessions per week."""
    speed_mph: float | None = field(
        default=None, metadata={"range": (0.1, 4.0, "mph"), "decimals": 1}
    )
    """Walking or treadmill speed in miles per hour (or give speed_kmh)."""
    speed_kmh: float | None = field(
        default=None, metadata={"range": (0.2, 6.5, "km/h"), "decimals": 1}
    )
    """Walking or treadmill speed in kilometres per hour (or give speed_mph)."""
    resistance: str = ""
    """Bike resistance in the patient's words, e.g. ``level 2 (low)``."""
    incline_percent: float = field(
        default=0.0, metadata={"range": (0, 15, "% incline"), "decimals": 1}
    )
    """Treadmill incline in percent."""
    hand_support: HandSupport | None = None
    """How much to hold on: none, light touch, one hand or two hands."""
    progression: str = ""
    """How and when this patient should do more, in the clinician's words."""
    add_minutes_each_week: float | None = field(
        default=None, metadata={"range": (0.25, 10, "minutes a week"), "decimals": 2}
    )
    """Minutes added to each session every week: the log's target grows by it."""
    up_to_minutes: float | None = field(
        default=None, metadata={"range": (0.5, 60, "minutes"), "decimals": 2}
    )
    """The most minutes a session grows to by ``add_minutes_each_week``; no limit if unset."""
    notes: str = field(default="", metadata={"lines": True})
    """Anything else for this topic; its line breaks are kept."""

    def minutes_in_week(self, week: int) -> Decimal:
        """Return the minutes a session takes in ``week`` (from 1), as the progression says.

        Worked in decimals, so 2 + 0.1 a week is exactly 2.3 in week 4, never 2.3000000000000003.
        """
        start = Decimal(repr(self.minutes))
        if self.add_minutes_each_week is None:
            return start
        grown = start + Decimal(repr(self.add_minutes_each_week)) * (week - 1)
        if self.up_to_minutes is not None:
            grown = min(grown, max(start, Decimal(repr(self.up_to_minutes))))
        return grown

    @property
    def speed(self) -> str:
        """The speed as printed, in the unit the clinician used; empty when none."""
        if self.speed_mph is not None:
            return f"{plain_number(self.speed_mph)} mph"
        if self.speed_kmh is not None:
            return f"{plain_number(self.speed_kmh)} km/h"
        return ""


def plain_number(value: float) -> str:
    """Print a prescribed number as written: 1.0 as 1, 1.25 as 1.25, 1e-05 as 0.00001.

    Never in exponent notation, and never rounded: a patient reads exactly the dose given.
    """
    return format(Decimal(repr(value)).normalize(), "f")


@dataclass(frozen=True)
class Prescription:
    """A personalised home program: a patient, their clinician and their doses."""

    patient: Patient
    """Who it is for."""
    date: dt.date
    """Date prescribed (YYYY-MM-DD)."""
    clinician: Clinician
    """Who prescribed it."""
    topics: tuple[Dose, ...]
    """Prescribed topics with their doses, in the order to do them."""
    notes: str = field(default="", metadata={"max_length": 600, "lines": True})
    """General notes for the patient; its line breaks are kept."""
    review_on: dt.date | None = None
    """When the clinician reviews the program (YYYY-MM-DD); the log runs until then.

    Four weeks after ``date`` when it is not given; it must come after ``date``.
    """
    large_print: bool = False
    """Print in large type (18 pt body)."""
    paper: Paper = Paper.LETTER
    """Paper size: letter or a4."""
    language: Languages = Languages.EN
    """The language the program is written in: en or es; en,es (or es,en) prints the
    whole program in each, back to back in one file (read as ``--lang`` is: ``en, es`` too)."""

    @property
    def log_weeks(self) -> int:
        """Return the weeks the exercise log covers: until the review date, else four."""
        if self.review_on is None:
            return LOG_WEEKS
        return max(1, -(-(self.review_on - self.date).days // 7))

    @property
    def slug(self) -> str:
        """File name stem: the patient id, else a slug of the name or initials."""
        if self.patient.id:
            return self.patient.id
        cleaned = "".join(c if c.isascii() and c.isalnum() else "-" for c in self.patient.name)
        slug = "-".join(part for part in cleaned.lower().split("-") if part)[:64].strip("-")
        return slug or "patient"
