"""What a prescription must say for its program to be safe as printed: checked with the topics.

A program prints each topic's wording for a program (``prescribed``) with the patient's
values in it. Where that wording names a value the prescription leaves out:

- ``{speed}`` and ``{resistance}`` are refused: a patient told to walk on a treadmill at the
  speed, or pedal at the setting, their therapist prescribed, with none printed anywhere,
  would guess it, and a guessed treadmill speed walking backward is a fall;
- ``{hold}`` is worded safely ("holding on as your therapist showed you"), and ``{incline}``
  always has a value (none given is 0%), so neither is refused.

And the review date, when given, comes after the date prescribed: the log runs between them.

A weekly progression (``add_minutes_each_week``) is what the log's target grows by, week by
week: its limit (``up_to_minutes``) needs it and must be above the starting minutes, and
without a limit the last week of the log stays within a session's 60 minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from yaml.nodes import Node

from handouts.errors import Problem
from handouts.model import Content, Dose, Prescription, plain_number
from handouts.model.wording import asks_for

REQUIRED: dict[str, tuple[str, str, str]] = {
    "speed": ("a speed (speed_mph or speed_kmh)", "the speed to walk at", "speed_mph"),
    "resistance": ("a resistance", "the setting to pedal at", "resistance"),
}
"""Placeholders a prescription must give a value for: (what, what the program says, field)."""


def _given(dose: Dose, name: str) -> bool:
    return bool(dose.speed if name == "speed" else dose.resistance)


def problems(
    prescription: Prescription, nodes: Mapping[str, Node], file: str, content: Content
) -> list[Problem]:
    """Return every problem of a valid prescription against its topics, located in its file."""
    found: list[Problem] = []

    def report(node: Node, path: str, message: str) -> None:
        mark = node.start_mark
        found.append(Problem(file, mark.line + 1, mark.column + 1, path, message))

    review = prescription.review_on
    if review is not None and review <= prescription.date:
        report(
            nodes["review_on"],
            "review_on",
            f"expected a date after the date prescribed ({prescription.date}) but got {review}; "
            "the exercise log runs from one to the other",
        )
    for i, dose in enumerate(prescription.topics):
        _progression(dose, prescription.log_weeks, f"topics[{i}]", nodes, report)
        topic = content.topic(dose.topic)
        for name, (what, says, field) in REQUIRED.items():
            if asks_for(topic, name) and not _given(dose, name):
                report(
                    nodes[f"topics[{i}]"],
                    f"topics[{i}].{field}",
                    f"expected {what} for {dose.topic}, whose program tells the patient {says}, "
                    f"but the field is missing; add '{field}:'",
                )
    return found


MOST_MINUTES = Decimal(60)
"""The longest session a prescription may set, and so the longest a progression reaches."""


def _progression(
    dose: Dose,
    weeks: int,
    where: str,
    nodes: Mapping[str, Node],
    report: Callable[[Node, str, str], None],
) -> None:
    """Report a weekly progression the log could not print as the clinician meant it."""
    add, limit = dose.add_minutes_each_week, dose.up_to_minutes
    if limit is not None and add is None:
        report(
            nodes[f"{where}.up_to_minutes"],
            f"{where}.add_minutes_each_week",
            "expected the minutes added each week, which up_to_minutes is the limit of, "
            "but the field is missing; add 'add_minutes_each_week:'",
        )
    elif limit is not None and limit <= dose.minutes:
        report(
            nodes[f"{where}.up_to_minutes"],
            f"{where}.up_to_minutes",
            f"expected more minutes than a session starts with ({plain_number(dose.minutes)}) "
            f"but got {plain_number(limit)}",
        )
    elif add is not None and limit is None and dose.minutes_in_week(weeks) > MOST_MINUTES:
        last = format(dose.minutes_in_week(weeks).normalize(), "f")
        report(
            nodes[f"{where}.add_minutes_each_week"],
            f"{where}.add_minutes_each_week",
            f"expected sessions of at most 60 minutes until the review, but week {weeks} would "
            f"be {last} minutes with {plain_number(add)} added each week; add less, or set "
            "'up_to_minutes:'",
        )
