"""How the outline words what the content leaves to it: doses, citations, safety labels.

One wording for each thing, used by every document: a dose is written out here once, and
the handout, the program and the deck all print that.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from handouts.locale import Catalogue
from handouts.model import Dose, HandSupport, Level, Statement, Topic
from handouts.outline.blocks import Cited, Emergency, Figure, Heading, Points, SafetyGroup
from handouts.text import lower_first

HOLD = {
    HandSupport.NONE: "hold.none",
    HandSupport.LIGHT: "hold.light",
    HandSupport.ONE_HAND: "hold.one_hand",
    HandSupport.TWO_HANDS: "hold.two_hands",
}
"""The key of how much the patient may hold on, as the dosage panel says it."""

HOLD_PHRASE = {support: key.replace("hold.", "hold_phrase.") for support, key in HOLD.items()}
"""The key of the same, as it reads inside a step: ``Walk {hold}.``"""

_UNSET = {name: f"unset.{name}" for name in ("speed", "resistance", "incline", "hold")}
"""The key of what a placeholder says when the prescription leaves its value out: never a
figure."""

_DIGIT = re.compile(r"\d")

LEVELS = {level: "level." + level.name.lower() for level in Level}
"""The key of each level of the effort scale in words (``Low to moderate``)."""


def level(level: Level, cat: Catalogue) -> str:
    """Return a level of the effort scale in words."""
    return cat.text(LEVELS[level])


KM_PER_MILE = Decimal("1.609344")
"""Kilometres in a mile, exactly (the international mile)."""


def speed(dose: Dose, cat: Catalogue) -> str:
    """Write the prescribed speed in the clinic's unit; empty when none is prescribed.

    A speed given in the other unit is converted and rounded to a tenth, as a treadmill's
    display shows it; a speed given in the clinic's unit is printed exactly as given.
    """
    mph, kmh = dose.speed_mph, dose.speed_kmh
    if mph is None and kmh is None:
        return ""
    if cat.metric:
        value = Decimal(repr(kmh)) if kmh is not None else _tenth(Decimal(repr(mph)) * KM_PER_MILE)
        return cat.text("unit.kmh", n=cat.number(value))
    value = Decimal(repr(mph)) if mph is not None else _tenth(Decimal(repr(kmh)) / KM_PER_MILE)
    return cat.text("unit.mph", n=cat.number(value))


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _values(dose: Dose, cat: Catalogue) -> dict[str, str]:
    """Word each prescribed value a ``prescribed`` text may name (``PLACEHOLDERS``)."""
    values = {
        "minutes": minutes(dose.minutes, cat),
        "times_a_week": per_week(dose.sessions_per_week, cat).lower(),
        "speed": speed(dose, cat),
        "resistance": dose.resistance,
        # Always a value: an incline not given is none, 0%, as the prescription reads.
        "incline": f"{cat.number(dose.incline_percent)}%",
        "hold": cat.text(HOLD_PHRASE[dose.hand_support]) if dose.hand_support is not None else "",
    }
    return {
        name: value or (cat.text(_UNSET[name]) if name in _UNSET else "")
        for name, value in values.items()
    }


def prescribed(template: str, dose: Dose, cat: Catalogue) -> str:
    """Fill a ``prescribed`` wording with the patient's values: ``{minutes}`` → ``4 minutes``.

    Only the names in ``model.PLACEHOLDERS`` are replaced (validation refuses any other), by
    plain substitution: nothing in the content is evaluated.
    """
    text = template
    for name, value in _values(dose, cat).items():
        text = text.replace("{" + name + "}", value)
    return text


def cited(statement: Statement, topic: Topic, cat: Catalogue, dose: Dose | None = None) -> Cited:
    """Word a statement as printed, with its source numbers where a reader needs them.

    With a dose, a statement that states a dose says the prescribed one. Source marks print
    only on a statement with a number from an article, or one that reports a claim: marks on
    every line are clutter, and the source list names every source anyway.
    """
    if dose is not None and statement.prescribed:
        marks = statement.claim
        text = prescribed(statement.prescribed, dose, cat)
    else:
        text = statement.text
        marks = statement.claim or bool(_DIGIT.search(text))
    return Cited(text, topic.source_numbers(statement.sources) if marks else ())


def minutes(value: float, cat: Catalogue) -> str:
    """Write minutes so the unit agrees with the number as printed: 1 minute, 0.5 minutes."""
    return cat.count("dose.minutes", cat.number(value))


def plain_minutes(dose: Dose | None, cat: Catalogue) -> str:
    """Return the prescribed minutes as a bare number for a form field; empty without a dose."""
    return cat.number(dose.minutes) if dose is not None else ""


def per_week(sessions: int, cat: Catalogue) -> str:
    """Write how often: ``Once a week``, ``3 times a week``."""
    return cat.count("dose.per_week", cat.number(sessions))


LOG_SETTING = 24
"""The longest bike setting a log line repeats; a longer one is in the plan box and the
dosage panel in full, and a log cell would hold a paragraph on every line."""


def target(dose: Dose, cat: Catalogue, week: int = 1) -> str:
    """Write a session's target in ``week`` for the log, short: ``4 min 30 s, 0.8 mph``.

    The minutes are those of that week, as the prescription's weekly progression says.
    """
    setting = dose.resistance if len(dose.resistance) <= LOG_SETTING else ""
    parts = (short_minutes(dose.minutes_in_week(week), cat), speed(dose, cat), setting)
    return ", ".join(part for part in parts if part)


def short_minutes(value: Decimal, cat: Catalogue) -> str:
    """Write minutes short, as a watch shows them: ``2 min``, ``2 min 30 s``, ``45 s``.

    Minutes that are no whole number of seconds print as the number given (``1.33 min``).
    """
    seconds = value * 60
    whole, rest = divmod(seconds, 60)
    if seconds != seconds.to_integral_value() or not rest:
        return cat.text("dose.target_minutes", n=cat.number(value))
    if not whole:
        return cat.text("dose.target_seconds", s=cat.number(rest))
    return cat.text("dose.target_min_sec", n=cat.number(whole), s=cat.number(rest))


def progression(dose: Dose, cat: Catalogue) -> str:
    """Say how this patient does more: the clinician's words, else the weekly step, else ask.

    Never the topic's general advice: a program shows what its own plan says.
    """
    if dose.progression:
        return dose.progression
    add = dose.add_minutes_each_week
    if add is None:
        return cat.text("progress.ask")
    step = Decimal(repr(add))
    amount = (
        cat.count("dose.seconds", cat.number(step * 60))
        if step < 1 and step * 60 == (step * 60).to_integral_value()
        else minutes(add, cat)
    )
    if dose.up_to_minutes is None:
        return cat.text("progress.each_week", amount=amount)
    return cat.text("progress.up_to", amount=amount, minutes=minutes(dose.up_to_minutes, cat))


def plan_sentence(dose: Dose, cat: Catalogue) -> str:
    """Write a patient's whole dose in one sentence, for the top of their topic."""
    each = cat.text("dose.each_time", minutes=minutes(dose.minutes, cat))
    parts = [speed(dose, cat), dose.resistance, each]
    parts.append(per_week(dose.sessions_per_week, cat).lower())
    if dose.incline_percent:
        parts.append(cat.text("dose.incline", percent=cat.number(dose.incline_percent)))
    if dose.hand_support is not None:
        parts.append(cat.text(HOLD[dose.hand_support]).lower())
    return "; ".join(p for p in parts if p) + "."


def dosage_rows(topic: Topic, dose: Dose | None, cat: Catalogue) -> tuple[tuple[str, Cited], ...]:
    """Return the dosage rows: the patient's own values if prescribed, else the general advice."""
    general = topic.dosage
    label = cat.text
    if dose is None:
        return (
            (label("dosage.start"), cited(general.start, topic, cat)),
            (label("dosage.how_long"), cited(general.duration, topic, cat)),
            (label("dosage.how_often"), cited(general.frequency, topic, cat)),
            (label("dosage.progress"), cited(general.progression, topic, cat)),
        )
    rows: list[tuple[str, Cited]] = []
    if dose.speed_mph is not None or dose.speed_kmh is not None:
        rows.append((label("dosage.speed"), Cited(speed(dose, cat))))
    if dose.resistance:
        rows.append((label("dosage.resistance"), Cited(dose.resistance)))
    each = cat.text("dose.each_time", minutes=minutes(dose.minutes, cat))
    rows += [
        (label("dosage.how_long"), Cited(each)),
        (label("dosage.how_often"), Cited(per_week(dose.sessions_per_week, cat))),
    ]
    if dose.incline_percent:
        percent = cat.text("dose.percent", percent=cat.number(dose.incline_percent))
        rows.append((label("dosage.incline"), Cited(percent)))
    if dose.hand_support is not None:
        rows.append((label("dosage.hold"), Cited(cat.text(HOLD[dose.hand_support]))))
    rows.append((label("dosage.progress"), Cited(progression(dose, cat))))
    if dose.notes:
        rows.append((label("dosage.notes"), Cited(dose.notes)))
    return tuple(rows)


def continued(label: str, cat: Catalogue) -> str:
    """Word a label where its list goes on over a page: ``Stop if (continued):``."""
    colon = ":" if label.endswith(":") else ""
    return f"{label.rstrip(':')}{cat.text('page.continued')}{colon}"


def group(
    label: str,
    items: tuple[Statement, ...],
    topic: Topic,
    cat: Catalogue,
    dose: Dose | None = None,
) -> SafetyGroup:
    """Label a list of statements as a group of advice (one wording for handout and deck).

    ``label`` is printed as given, with its colon; a slide's column heading drops the colon.
    """
    cited_items = tuple(cited(s, topic, cat, dose) for s in items)
    return SafetyGroup(label, label.rstrip(":"), cited_items, continued(label, cat))


def emergency(topic: Topic, number: str, cat: Catalogue) -> Emergency:
    """Return when to call the emergency number, with the clinic's number."""
    label = cat.text("safety.emergency", number=number)
    items = tuple(cited(s, topic, cat) for s in topic.precautions.emergency_if)
    return Emergency(label, items, continued(label, cat))


NOT_FOR = "safety.not_for"
"""The key of the label of who should not do it."""
ASK_FIRST = "safety.ask_first"
"""The key of the label of what to ask about before starting."""
STOP_IF = "safety.stop_if"
"""The key of the label of the warning signs."""
GOES_WRONG = "safety.goes_wrong"
"""The key of the label of what to do after a stumble, a fall or a slip."""


def screening(topic: Topic, cat: Catalogue) -> tuple[SafetyGroup, ...]:
    """Return who should not do it and who should ask first: read before anyone starts.

    A handout says them under "Is this for you?" on page 1; a deck on its safety slide,
    under the emergency line.
    """
    p = topic.precautions
    groups = [(NOT_FOR, p.do_not_if), (ASK_FIRST, p.caution_if)]
    return tuple(group(cat.text(key), items, topic, cat) for key, items in groups if items)


def warnings(topic: Topic, cat: Catalogue, dose: Dose | None = None) -> tuple[SafetyGroup, ...]:
    """Return when to stop and what to do if something goes wrong: read with the steps.

    They apply while exercising, so they follow the steps and the dose, in one box.
    """
    p = topic.precautions
    groups = [(STOP_IF, p.stop_if), (GOES_WRONG, p.if_it_goes_wrong)]
    return tuple(group(cat.text(key), items, topic, cat, dose) for key, items in groups if items)


def learn(topic: Topic, cat: Catalogue) -> tuple[str, ...]:
    """Return what a lesson covers, in the order it is taught."""
    return (
        cat.text("learn.muscles", title=lower_first(topic.title)),
        cat.text("learn.helps"),
        cat.text("learn.steps"),
        cat.text("learn.dose"),
        cat.text("learn.start_stop"),
    )


def figures(topic: Topic) -> tuple[Figure, ...]:
    """Return the drawings of a topic's steps, in the order of the steps they show."""
    drawn = [f for f in topic.figures if f.picture is not None]  # the check drew each one
    return tuple(
        # The picture says the figure's alt text: a translation replaces the figure's.
        Figure(f.step, f.caption, f.alt, replace(f.picture, alt=f.alt))  # type: ignore[arg-type]
        for f in sorted(drawn, key=lambda f: f.step)
    )


def steps(topic: Topic, items: tuple[Cited, ...], cat: Catalogue) -> Points:
    """Return the numbered steps, worded for a handout or a deck, with their drawings."""
    heading = Heading(cat.text("steps.heading"), "steps")
    return Points(heading, items, marks="number", figures=figures(topic))
