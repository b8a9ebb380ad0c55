"""How the outline words what the content leaves to it: doses, dates, citations, safety labels.

One wording for each thing, used by every document: a dose is written out here once, and
the handout, the program and the deck all print that.
"""

from __future__ import annotations

import datetime as dt

from handouts.model import Dose, HandSupport, Statement, Topic, plain_number
from handouts.outline.blocks import Cited, SafetyGroup
from handouts.text import lower_first

LANG = "en-US"
"""The language every document is written in (until the Spanish catalogue)."""

HOLD = {
    HandSupport.NONE: "No hands, once your clinician says you are steady",
    HandSupport.LIGHT: "A light touch on a rail or wall",
    HandSupport.ONE_HAND: "One hand on a rail",
    HandSupport.TWO_HANDS: "Both hands on the rails",
}
"""How much the patient may hold on, as a handout says it."""


def cited(statement: Statement, topic: Topic) -> Cited:
    """Resolve a statement's source ids to the numbers of the topic's source list."""
    return Cited(statement.text, topic.source_numbers(statement.sources))


def date(day: dt.date) -> str:
    """Write a date as the documents print it."""
    return day.isoformat()


def minutes(value: float) -> str:
    """Write minutes so the unit agrees with the number as printed: 1 minute, 0.5 minutes."""
    printed = plain_number(value)
    return f"{printed} minute" if printed == "1" else f"{printed} minutes"


def plain_minutes(dose: Dose | None) -> str:
    """Return the prescribed minutes as a bare number for a form field; empty without a dose."""
    return plain_number(dose.minutes) if dose is not None else ""


def per_week(sessions: int) -> str:
    """Write how often: ``Once a week``, ``3 times a week``."""
    return "Once a week" if sessions == 1 else f"{sessions} times a week"


def plan_sentence(dose: Dose) -> str:
    """Write a patient's whole dose in one sentence, for the top of their topic."""
    parts = [dose.speed, dose.resistance, minutes(dose.minutes) + " each time"]
    parts.append(per_week(dose.sessions_per_week).lower())
    if dose.incline_percent:
        parts.append(f"{plain_number(dose.incline_percent)}% incline")
    if dose.hand_support is not None:
        parts.append(HOLD[dose.hand_support].lower())
    return "; ".join(p for p in parts if p) + "."


def dosage_rows(topic: Topic, dose: Dose | None) -> tuple[tuple[str, Cited], ...]:
    """Return the dosage rows: the patient's own values if prescribed, else the general advice."""
    general = topic.dosage
    if dose is None:
        return (
            ("Start", cited(general.start, topic)),
            ("How long", cited(general.duration, topic)),
            ("How often", cited(general.frequency, topic)),
            ("Progress", cited(general.progression, topic)),
        )
    rows: list[tuple[str, Cited]] = []
    if dose.speed:
        rows.append(("Speed", Cited(dose.speed)))
    if dose.resistance:
        rows.append(("Resistance", Cited(dose.resistance)))
    rows += [
        ("How long", Cited(f"{minutes(dose.minutes)} each time")),
        ("How often", Cited(per_week(dose.sessions_per_week))),
    ]
    if dose.incline_percent:
        rows.append(("Incline", Cited(f"{plain_number(dose.incline_percent)}%")))
    if dose.hand_support is not None:
        rows.append(("Hold on", Cited(HOLD[dose.hand_support])))
    progress = Cited(dose.progression) if dose.progression else cited(general.progression, topic)
    rows.append(("Progress", progress))
    if dose.notes:
        rows.append(("Notes", Cited(dose.notes)))
    return tuple(rows)


def safety_groups(topic: Topic) -> tuple[SafetyGroup, ...]:
    """Return the three kinds of safety advice, labelled, in the order they are read."""
    p = topic.precautions
    labels = (
        ("Use caution, and ask your clinician first, if:", "Use caution if", p.caution_if),
        ("Do not do this exercise if:", "Do not do this if", p.do_not_if),
        ("Stop and contact your clinician if:", "Stop and contact your clinician if", p.stop_if),
    )
    return tuple(
        SafetyGroup(label, short, tuple(cited(s, topic) for s in items))
        for label, short, items in labels
    )


def learn(topic: Topic) -> tuple[str, ...]:
    """Return what a lesson covers, in the order it is taught."""
    return (
        f"Which muscles {lower_first(topic.title)} works",
        "How it can help you",
        "How to do it, step by step",
        "How much to do, and how to progress",
        "How to start, and when to stop",
    )
