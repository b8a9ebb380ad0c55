"""A topic's wording for a program: what each statement says where a clinician set the dose."""

from __future__ import annotations

from handouts.model.content import Topic

DOSAGE = ("start", "duration", "frequency", "progression")
"""The dosage's statements, in the order a handout prints them."""


def program_wording(topic: Topic) -> dict[str, str]:
    """Return the wording for a program of each statement that has one, by field path."""
    statements = [
        *((f"steps[{i}]", s) for i, s in enumerate(topic.steps)),
        *((f"checklist[{i}]", s) for i, s in enumerate(topic.checklist)),
        *((f"takeaways[{i}]", s) for i, s in enumerate(topic.takeaways)),
        *((f"dosage.{name}", getattr(topic.dosage, name)) for name in DOSAGE),
        *((f"faq[{i}].answer", f.answer) for i, f in enumerate(topic.faq)),
    ]
    return {path: s.prescribed for path, s in statements if s.prescribed}


def asks_for(topic: Topic, placeholder: str) -> bool:
    """Tell whether a program of the topic prints ``placeholder`` (``speed``, ``resistance``...)."""
    return any("{" + placeholder + "}" in text for text in program_wording(topic).values())
