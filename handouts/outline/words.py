"""How the outline words what the content leaves to it: doses, dates, citations, safety labels.

One wording for each thing, used by every document: a dose is written out here once, and
the handout, the program and the deck all print that.
"""

from __future__ import annotations

import datetime as dt
import re

from handouts.model import Dose, HandSupport, Statement, Topic, plain_number
from handouts.outline.blocks import Cited, Emergency, Figure, Heading, Points, SafetyGroup
from handouts.text import lower_first

LANG = "en-US"
"""The language every document is written in (until the Spanish catalogue)."""

HOLD = {
    HandSupport.NONE: "No hands, once your therapist says you are steady",
    HandSupport.LIGHT: "A light touch on a rail or wall",
    HandSupport.ONE_HAND: "One hand on a rail",
    HandSupport.TWO_HANDS: "Both hands on the rails",
}
"""How much the patient may hold on, as the dosage panel says it."""

HOLD_PHRASE = {
    HandSupport.NONE: "without holding on",
    HandSupport.LIGHT: "with a light touch on a rail",
    HandSupport.ONE_HAND: "holding on with one hand",
    HandSupport.TWO_HANDS: "holding on with both hands",
}
"""The same, as it reads inside a step: ``Walk {hold}.``"""

_UNSET = {
    "speed": "at the speed your therapist set",
    "resistance": "at the setting your therapist chose",
    "incline": "with no incline",
    "hold": "holding on as your therapist showed you",
}
"""What a placeholder says when the prescription leaves its value out: never a figure."""

_DIGIT = re.compile(r"\d")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
"""Month names, for dates written in words."""


def _values(dose: Dose) -> dict[str, str]:
    """Word each prescribed value a ``prescribed`` text may name (``PLACEHOLDERS``)."""
    values = {
        "minutes": minutes(dose.minutes),
        "times_a_week": per_week(dose.sessions_per_week).lower(),
        "speed": dose.speed,
        "resistance": dose.resistance,
        "incline": f"at a {plain_number(dose.incline_percent)}% incline"
        if dose.incline_percent
        else "",
        "hold": HOLD_PHRASE[dose.hand_support] if dose.hand_support is not None else "",
    }
    return {name: value or _UNSET.get(name, "") for name, value in values.items()}


def prescribed(template: str, dose: Dose) -> str:
    """Fill a ``prescribed`` wording with the patient's values: ``{minutes}`` → ``4 minutes``.

    Only the names in ``model.PLACEHOLDERS`` are replaced (validation refuses any other), by
    plain substitution: nothing in the content is evaluated.
    """
    text = template
    for name, value in _values(dose).items():
        text = text.replace("{" + name + "}", value)
    return text


def cited(statement: Statement, topic: Topic, dose: Dose | None = None) -> Cited:
    """Word a statement as printed, with its source numbers where a reader needs them.

    With a dose, a statement that states a dose says the prescribed one. Source marks print
    only on a statement with a number from an article, or one that reports a claim: marks on
    every line are clutter, and the source list names every source anyway.
    """
    if dose is not None and statement.prescribed:
        marks = statement.claim
        text = prescribed(statement.prescribed, dose)
    else:
        text = statement.text
        marks = statement.claim or bool(_DIGIT.search(text))
    return Cited(text, topic.source_numbers(statement.sources) if marks else ())


def date(day: dt.date) -> str:
    """Write a date in words, as a patient reads it: ``November 20, 2026``."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


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


LOG_SETTING = 24
"""The longest bike setting a log line repeats; a longer one is in the plan box and the
dosage panel in full, and a log cell would hold a paragraph on every line."""


def target(dose: Dose) -> str:
    """Write a session's target for the log, short: ``4 min, 0.8 mph``."""
    setting = dose.resistance if len(dose.resistance) <= LOG_SETTING else ""
    parts = (f"{plain_number(dose.minutes)} min", dose.speed, setting)
    return ", ".join(part for part in parts if part)


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
    progress = (
        Cited(dose.progression) if dose.progression else cited(general.progression, topic, dose)
    )
    rows.append(("Progress", progress))
    if dose.notes:
        rows.append(("Notes", Cited(dose.notes)))
    return tuple(rows)


def group(
    label: str, items: tuple[Statement, ...], topic: Topic, dose: Dose | None = None
) -> SafetyGroup:
    """Label a list of statements as a group of advice (one wording for handout and deck)."""
    return SafetyGroup(label, label.rstrip(":"), tuple(cited(s, topic, dose) for s in items))


def emergency(topic: Topic, number: str) -> Emergency:
    """Return when to call the emergency number, with the clinic's number."""
    return Emergency(
        f"Call {number} now if:", tuple(cited(s, topic) for s in topic.precautions.emergency_if)
    )


NOT_FOR = "Do not do this exercise if:"
"""The label of who should not do it."""
ASK_FIRST = "Ask your therapist or doctor first if:"
"""The label of what to ask about before starting."""
STOP_IF = "Stop and contact your therapist or doctor if:"
"""The label of the warning signs."""
GOES_WRONG = "If something goes wrong:"
"""The label of what to do after a stumble, a fall or a slip."""


def safety_groups(
    topic: Topic, dose: Dose | None = None, *, not_for: bool
) -> tuple[SafetyGroup, ...]:
    """Return the kinds of safety advice, labelled, in the order they are read.

    ``not_for`` puts who should not do it first, for a deck's safety slide (what to do if
    it goes wrong then has a slide of its own); a handout says it under "Is this for you?"
    at the top of page 1.
    """
    p = topic.precautions
    groups = [(ASK_FIRST, p.caution_if), (STOP_IF, p.stop_if)]
    # A slide has room for three columns: what to do if it goes wrong has a slide of its own.
    groups = (
        [(NOT_FOR, p.do_not_if), *groups]
        if not_for
        else [*groups, (GOES_WRONG, p.if_it_goes_wrong)]
    )
    return tuple(group(label, items, topic, dose) for label, items in groups if items)


def learn(topic: Topic) -> tuple[str, ...]:
    """Return what a lesson covers, in the order it is taught."""
    return (
        f"Which muscles {lower_first(topic.title)} works",
        "How it can help you",
        "How to do it, step by step",
        "How much to do, and how to progress",
        "How to start, and when to stop",
    )


def figures(topic: Topic) -> tuple[Figure, ...]:
    """Return the drawings of a topic's steps, in the order of the steps they show."""
    drawn = [f for f in topic.figures if f.picture is not None]  # the check drew each one
    return tuple(
        Figure(f.step, f.caption, f.alt, f.picture)  # type: ignore[arg-type]
        for f in sorted(drawn, key=lambda f: f.step)
    )


def steps(topic: Topic, items: tuple[Cited, ...]) -> Points:
    """Return the numbered steps, worded for a handout or a deck, with their drawings."""
    return Points(Heading("How to do it", "steps"), items, marks="number", figures=figures(topic))
