"""The outline: what each document says and in which order, before any layout."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from handouts import outline
from handouts.model import Clinician, Dose, HandSupport, Patient, Prescription
from handouts.outline.blocks import (
    Checklist,
    Cited,
    Dosage,
    Intro,
    Log,
    PlanFields,
    Points,
    ProgramIntro,
    Safety,
)
from handouts.outline.document import Cover, Divider
from handouts.validate import load_content

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def content():
    return load_content(REPO / "content")


def _blocks(part, kind):
    return [b for b in part.blocks if isinstance(b, kind)]


def _cited_anywhere(value: object):
    """Yield every Cited inside a block, however deep."""
    if isinstance(value, Cited):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _cited_anywhere(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _cited_anywhere(item)


def test_the_handout_and_the_deck_word_safety_the_same(content) -> None:
    topic = content.topic("backward-walking")
    handout = outline.topic_handout(topic, content)
    lesson = outline.topic_lesson(topic, content)
    (printed,) = _blocks(handout.parts[0], Safety)
    (shown,) = [s.block for s in lesson.slides if isinstance(s.block, Safety)]
    assert printed == shown
    labels = [g.label for g in printed.groups]
    assert labels == [
        "Use caution, and ask your clinician first, if:",
        "Do not do this exercise if:",
        "Stop and contact your clinician if:",
    ]
    assert [g.items for g in printed.groups] == [
        tuple(Cited(s.text, topic.source_numbers(s.sources)) for s in group)
        for group in (
            topic.precautions.caution_if,
            topic.precautions.do_not_if,
            topic.precautions.stop_if,
        )
    ]


def test_the_deck_teaches_safety_before_the_steps(content) -> None:
    lesson = outline.topic_lesson(content.topic("reverse-treadmill-walking"), content)
    keys = [getattr(s.block, "heading", None) for s in lesson.slides]
    keys = [h.key for h in keys if h is not None]
    assert keys.index("precautions") < keys.index("steps")


def test_every_citation_points_into_its_topics_sources(content) -> None:
    for topic in content.topics:
        for part in outline.topic_handout(topic, content).parts:
            found = list(_cited_anywhere(part.blocks))
            assert found
            for item in found:
                assert all(1 <= n <= len(topic.sources) for n in item.sources), item


def _prescription(**dose: object) -> Prescription:
    return Prescription(
        patient=Patient("A. **Lee**", "pt-7"),
        date=dt.date(2026, 11, 20),
        clinician=Clinician("Dr Ruiz", "555-0100"),
        topics=(Dose("reverse-treadmill-walking", **dose),),  # type: ignore[arg-type]
        notes="Ice after.\nNo stairs.",
    )


def test_a_prescribed_dose_is_what_the_plan_dosage_and_fields_say(content) -> None:
    prescription = _prescription(
        minutes=4, sessions_per_week=3, speed_mph=0.8, hand_support=HandSupport.TWO_HANDS
    )
    program = outline.program(prescription, content)
    part = program.parts[0]
    (intro,) = _blocks(part, Intro)
    assert intro.plan is not None
    assert intro.plan.text == (
        "0.8 mph; 4 minutes each time; 3 times a week; both hands on the rails."
    )
    (dosage,) = _blocks(part, Dosage)
    rows = dict((label, value.text) for label, value in dosage.rows)
    assert rows["Speed"] == "0.8 mph"
    assert rows["How long"] == "4 minutes each time"
    assert rows["How often"] == "3 times a week"
    assert rows["Hold on"] == "Both hands on the rails"
    (fields,) = _blocks(part, PlanFields)
    assert [(f.label, f.value) for f in fields.lines] == [
        ("Minutes each time:", "4"),
        ("Speed or resistance:", "0.8 mph"),
        ("Times each week:", "3"),
    ]


def test_a_general_handout_gives_the_general_dose_and_blank_fields(content) -> None:
    topic = content.topic("backward-walking")
    part = outline.topic_handout(topic, content).parts[0]
    (intro,) = _blocks(part, Intro)
    assert intro.plan is None
    (dosage,) = _blocks(part, Dosage)
    assert [label for label, _ in dosage.rows] == ["Start", "How long", "How often", "Progress"]
    assert dosage.rows[0][1].text == topic.dosage.start.text
    (fields,) = _blocks(part, PlanFields)
    assert all(f.value == "" for f in fields.lines)


def test_a_program_opens_with_the_patient_and_ends_with_their_log(content) -> None:
    program = outline.program(_prescription(minutes=2, sessions_per_week=5), content)
    (intro,) = program.opening
    assert isinstance(intro, ProgramIntro)
    assert intro.heading == "Home exercise program for A. **Lee** (pt-7)"
    assert intro.source == "From Dr Ruiz, 555-0100. Date: 2026-11-20."
    assert intro.notes is not None and intro.notes.text == "Ice after.\nNo stairs."
    (log,) = program.parts[-1].blocks
    assert isinstance(log, Log)
    assert log.heading.text == "Exercise log for A. **Lee**" and log.heading.literal
    assert (log.weeks, log.per_week) == (4, 5)
    # A name prints as typed everywhere, the document's title too (hostile B15).
    assert program.meta.title == "Home exercise program for A. **Lee**"
    assert program.opening_title == program.meta.title and program.opening_literal


def test_the_class_pack_lists_every_part_it_holds(content) -> None:
    pack = outline.class_pack(content.program, content)
    (cover,) = pack.opening
    assert pack.contents
    assert cover.entries == (
        "1. Backward walking",
        "2. Reverse treadmill walking",
        "3. Backward pedaling on a stationary bike",
        "4. Exercise log",
    )
    assert [p.key for p in pack.parts] == [*content.program.topics, "log"]
    assert pack.parts[-1].footer.sources is None


def test_the_class_deck_gives_each_topic_a_divider_and_its_own_sources(content) -> None:
    lesson = outline.class_lesson(content.program, content)
    blocks = [s.block for s in lesson.slides]
    assert isinstance(blocks[0], Cover) and isinstance(blocks[-1], Cover)
    dividers = [i for i, b in enumerate(blocks) if isinstance(b, Divider)]
    sources = [
        i for i, b in enumerate(blocks) if isinstance(b, Points) and b.heading.key == "sources"
    ]
    assert len(dividers) == len(sources) == 3
    for (start, end), topic_id in zip(
        zip(dividers, [*dividers[1:], len(blocks)], strict=True),
        content.program.topics,
        strict=True,
    ):
        title = content.topic(topic_id).title
        (own,) = [i for i in sources if start < i < end]
        assert blocks[own].heading.text == f"Sources: {title}"
    assert all(s.notes for s in lesson.slides)


def test_the_checklist_the_patient_ticks_is_the_one_the_class_sees(content) -> None:
    topic = content.topic("backward-pedaling")
    (printed,) = _blocks(outline.topic_handout(topic, content).parts[0], Checklist)
    lesson = outline.topic_lesson(topic, content)
    (shown,) = [s.block for s in lesson.slides if isinstance(s.block, Checklist)]
    assert printed == shown
