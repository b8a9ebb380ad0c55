"""The reading-level gate: every patient-facing section of a topic, measured where it is written.

``--check`` and every build run it on each topic. A section (the steps, the checklist, each
kind of safety advice...) above the clinic's limits (``branding.yaml``'s ``reading_level``,
Flesch-Kincaid grade 6 and SMOG 8 by default) is one located problem at its hardest sentence:

    topics/x.yaml:45:7: steps[2]: reads at grade 7.4 (limit 6): 'Hold both rails...'

and a word from ``readability.EXPLAIN`` that a section uses before explaining it is one at the
sentence that uses it. Each section is measured as a handout prints it and, where its items
have wording for a program (``prescribed``), as a program prints it, with example values. A
word is explained in each section on its own: a deck shows its sections in another order than
a handout, and a patient may read only the page in front of them.

Pure: it reads the validated topic and the nodes the validator kept, and prints nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from yaml.nodes import Node

from handouts import readability
from handouts.errors import Problem
from handouts.model import ReadingLevel, Statement, Topic
from handouts.model.wording import DOSAGE, program_wording

EXAMPLE_VALUES: dict[str, str] = {
    "minutes": "5 minutes",
    "times_a_week": "3 times a week",
    "speed": "1 mph",
    "resistance": "level 1 (lowest)",
    "incline": "2%",
    "hold": "holding on with one hand",
}
"""What each placeholder of ``model.PLACEHOLDERS`` reads as when a program's wording is measured."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Unit:
    """One printed piece of a section: its text and the field it was written in."""

    path: str
    """The field path in the topic file, e.g. ``steps[2]`` or ``steps[2].prescribed``."""
    text: str
    """The text as a patient reads it."""


@dataclass(frozen=True)
class Section:
    """A part of a handout that a patient reads as one, and the field it comes from."""

    field: str
    """The topic field it is made of, as the messages name it: ``steps``, ``faq``..."""
    units: tuple[Unit, ...]
    """What it prints, in order."""
    handout: bool = True
    """It is part of the handout as printed (not the deck's other questions, not a program's
    wording): the handout as a whole is measured too."""


def _statements(field: str, items: Sequence[Statement]) -> tuple[Unit, ...]:
    return tuple(Unit(f"{field}[{i}]", s.text) for i, s in enumerate(items))


def _program(units: Sequence[Unit], wording: Mapping[str, str]) -> tuple[Unit, ...]:
    """Return units as a program prints them: in their wording for a program, with examples."""
    return tuple(
        Unit(
            f"{u.path}.prescribed",
            _PLACEHOLDER.sub(lambda m: EXAMPLE_VALUES[m[1]], wording[u.path]),
        )
        if u.path in wording
        else u
        for u in units
    )


def sections(topic: Topic) -> tuple[Section, ...]:
    """Return a topic's patient-facing sections in the order its handout prints them.

    Then the questions the deck alone shows, and the program's wording of each section that
    has some. The presenter's words (``movement``, ``teaching_notes``) are not the patient's.
    """
    p, dosage = topic.precautions, topic.dosage
    doses = [(f"dosage.{name}", getattr(dosage, name)) for name in DOSAGE]
    muscles = [Unit("activation.basis", topic.activation.basis.text)]
    for i, m in enumerate(topic.activation.muscles):
        where = f"activation.muscles[{i}]"
        muscles += [Unit(f"{where}.name", m.name), Unit(f"{where}.role", m.role.text)]

    def faq(only_handout: bool) -> tuple[Unit, ...]:
        return tuple(
            unit
            for i, f in enumerate(topic.faq)
            if f.handout or not only_handout
            for unit in (
                Unit(f"faq[{i}].question", f.question),
                Unit(f"faq[{i}].answer", f.answer.text),
            )
        )

    intro = (
        Unit("title", topic.title),
        Unit("summary", topic.summary),
        *(Unit(f"equipment[{i}]", text) for i, text in enumerate(topic.equipment)),
    )
    printed = [
        # The title and "Is this for you?" open page 1 and are read as one.
        Section(
            "the opening (what it is and who it is for)",
            (
                *intro,
                Unit("audience", topic.audience),
                *_statements("who_benefits", topic.who_benefits),
                *_statements("precautions.do_not_if", p.do_not_if),
            ),
        ),
        Section(
            "the box before the steps",
            _statements("precautions.before_you_start", p.before_you_start)
            + _statements("precautions.emergency_if", p.emergency_if),
        ),
        Section("the steps", _statements("steps", topic.steps)),
        Section("the dosage", tuple(Unit(path, s.text) for path, s in doses)),
        Section("the checklist", _statements("checklist", topic.checklist)),
        Section(
            "the safety advice",
            _statements("precautions.caution_if", p.caution_if)
            + _statements("precautions.stop_if", p.stop_if)
            + _statements("precautions.if_it_goes_wrong", p.if_it_goes_wrong),
        ),
        Section("the key points", _statements("takeaways", topic.takeaways)),
        Section("the muscle table", tuple(muscles)),
        Section("the benefits", _statements("benefits", topic.benefits)),
        Section("the questions", faq(only_handout=True)),
        Section("the questions", faq(only_handout=False), handout=False),
    ]
    # A program prints the same sections, each statement in its wording for a program.
    by_path = program_wording(topic)
    programs = [
        Section(section.field, wording, handout=False)
        for section in printed
        if (wording := _program(section.units, by_path)) != section.units
    ]
    return tuple(s for s in (*printed, *programs) if s.units)


def _sentences(section: Section) -> list[tuple[str, str]]:
    """Return (field path, sentence) for each sentence of a section, in reading order."""
    return [
        (unit.path, sentence)
        for unit in section.units
        for sentence in readability.sentences_of([unit.text])
    ]


def _most_long_words(sentences: Sequence[str]) -> int:
    """Return the index of the sentence with the most words of three or more syllables."""
    counts = [readability.reading([s]).polysyllables for s in sentences]
    return counts.index(max(counts))


def _short(sentence: str, limit: int = 100) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Finding:
    """One problem the gate found, before it is located in a file."""

    path: str
    """The field path of the sentence it is about."""
    message: str
    """What is wrong and how to fix it."""
    kind: str = ""
    """What was measured (``grade``, ``smog``) or the word not explained: one of each kind
    is reported a sentence, though a handout's section and a program's both find it."""


def findings(topic: Topic, level: ReadingLevel) -> list[Finding]:
    """Return every section above the limits and every word not explained where first used."""
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    every = sections(topic)
    whole = Section("the handout", tuple(u for s in every if s.handout for u in s.units))
    for section in (*every, whole):
        for finding in _section_findings(section, level, whole=section is whole):
            key = (finding.path, finding.kind)
            if key not in seen:  # a handout's section and a program's share most sentences
                seen.add(key)
                found.append(finding)
    return found


def _section_findings(
    section: Section, level: ReadingLevel, *, whole: bool = False
) -> Iterator[Finding]:
    """Measure one section; ``whole``: the handout as a whole, for SMOG only."""
    pairs = _sentences(section)
    if not pairs:
        return
    sentences = [s for _, s in pairs]
    measured = readability.reading(sentences)
    if whole:
        if measured.smog > level.smog:
            path, sentence = pairs[_most_long_words(sentences)]
            yield Finding(
                path,
                f"the handout as a whole reads at SMOG {measured.smog:.1f} (limit "
                f"{level.smog:g}); the sentence with the most long words: {_short(sentence)!r}; "
                "use fewer words of three or more syllables",
                "smog of the whole",
            )
        return
    if measured.grade > level.grade:
        index, _ = readability.hardest(sentences) or (0, 0.0)
        path, sentence = pairs[index]
        yield Finding(
            path,
            f"reads at grade {measured.grade:.1f} (limit {level.grade:g}): {_short(sentence)!r}; "
            f"{section.field} should read at grade {level.grade:g} or lower: use shorter "
            "sentences and everyday words",
            "grade",
        )
    # SMOG counts long words per 30 sentences: on one or two, one long word is grade 9.
    if measured.sentences >= readability.SMOG_SENTENCES and measured.smog > level.smog:
        path, sentence = pairs[_most_long_words(sentences)]
        yield Finding(
            path,
            f"reads at SMOG {measured.smog:.1f} (limit {level.smog:g}): {_short(sentence)!r}; "
            f"{section.field} should read at SMOG {level.smog:g} or lower: use fewer words "
            "of three or more syllables",
            "smog",
        )
    for term in readability.unexplained(sentences):
        path, sentence = pairs[term.sentence]
        yield Finding(
            path,
            f"expected {term.term!r} explained in plain words where {section.field} first "
            f"uses it but got {_short(sentence)!r}; write it as, for example, {term.example!r}",
            term.term,
        )


def problems(
    topic: Topic, nodes: Mapping[str, Node], file: str, level: ReadingLevel
) -> list[Problem]:
    """Locate the gate's findings in the topic's file: at the text of the field named.

    ``nodes`` maps each field path to the node it was read from (the validator keeps them).
    """
    located = []
    for finding in findings(topic, level):
        node = nodes.get(f"{finding.path}.text") or nodes[finding.path]
        mark = node.start_mark
        located.append(Problem(file, mark.line + 1, mark.column + 1, finding.path, finding.message))
    return located
