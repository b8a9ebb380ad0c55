"""What a prescription must say for its program to be safe as printed: checked with the topics.

A program prints each topic's wording for a program (``prescribed``) with the patient's
values in it. Where that wording names a value the prescription leaves out:

- ``{speed}`` and ``{resistance}`` are refused: a patient told to walk on a treadmill at the
  speed, or pedal at the setting, their therapist prescribed, with none printed anywhere,
  would guess it, and a guessed treadmill speed walking backward is a fall;
- ``{hold}`` is worded safely ("holding on as your therapist showed you"), and ``{incline}``
  always has a value (none given is 0%), so neither is refused.

And the review date, when given, comes after the date prescribed: the log runs between them.
"""

from __future__ import annotations

from collections.abc import Mapping

from yaml.nodes import Node

from handouts.errors import Problem
from handouts.model import Content, Dose, Prescription
from handouts.validate.reading import program_wording

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
        wording = " ".join(program_wording(content.topic(dose.topic)).values())
        for name, (what, says, field) in REQUIRED.items():
            if "{" + name + "}" in wording and not _given(dose, name):
                report(
                    nodes[f"topics[{i}]"],
                    f"topics[{i}].{field}",
                    f"expected {what} for {dose.topic}, whose program tells the patient {says}, "
                    f"but the field is missing; add '{field}:'",
                )
    return found
