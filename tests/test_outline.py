"""The outline: what each document says and in which order, before any layout."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from handouts import outline
from handouts.locale import catalogue
from handouts.model import Clinician, Dose, HandSupport, Patient, Prescription
from handouts.outline.blocks import (
    Checklist,
    Cited,
    Dosage,
    Emergency,
    ForWhom,
    Intro,
    Log,
    PlanFields,
    Points,
    ProgramIntro,
    Safety,
    SourceList,
)
from handouts.outline.document import Cover
from handouts.validate import load_content

EN = catalogue("en")

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
    handout = outline.topic_handout(topic, content, EN)
    lesson = outline.topic_lesson(topic, content, EN)
    part = handout.parts[0]
    (printed,) = _blocks(part, Safety)
    shown, later = [s.block for s in lesson.slides if isinstance(s.block, Safety)]
    (who,) = _blocks(part, ForWhom)
    (box,) = _blocks(part, Emergency)
    # Who should not do it and who should ask first: page 1, and the deck's safety slide.
    assert shown.groups == (who.not_for, who.ask_first)
    assert [g.label for g in shown.groups] == [
        "Do not do this exercise if:",
        "Ask your therapist or doctor first if:",
    ]
    # When to stop and what to do if it goes wrong: after the steps, on paper and on a slide.
    assert [g.label for g in printed.groups] == [
        "Stop and contact your therapist or doctor if:",
        "If something goes wrong:",
    ]
    assert printed == later and printed.heading.text == "While you exercise"
    assert printed.emergency is None
    # The emergency line: in its box on page 1 of the handout, on the deck's safety slide.
    assert box == shown.emergency
    assert box.label == "Call 911 now if:"
    assert [i.text for i in box.items] == [s.text for s in topic.precautions.emergency_if]


def test_the_emergency_number_is_the_clinics(content) -> None:
    branding = dataclasses.replace(content.branding, emergency_number="112")
    local = dataclasses.replace(content, branding=branding)
    topic = content.topic("reverse-treadmill-walking")
    (box,) = _blocks(outline.topic_handout(topic, local, EN).parts[0], Emergency)
    assert box.label == "Call 112 now if:"
    closing = outline.class_lesson(content.program, local, EN).slides[-1]
    assert "call 112 for chest pain" in closing.notes


def test_a_handout_says_who_it_is_for_and_safety_before_the_steps(content) -> None:
    for topic in content.topics:
        kinds = [
            type(b).__name__ for b in outline.topic_handout(topic, content, EN).parts[0].blocks
        ]
        assert kinds[:6] == ["Intro", "Emergency", "ForWhom", "FirstSteps", "Points", "Dosage"], (
            topic.id
        )
        assert kinds[-1] == "SourceList"


def test_marks_only_on_numbers_and_claims(content) -> None:
    topic = content.topic("backward-walking")
    cited = {c.text: c.sources for c in _cited_anywhere(outline.topic_handout(topic, content, EN))}
    for statement in topic.steps + topic.benefits + topic.takeaways:
        marked = bool(cited[statement.text])
        has_number = any(ch.isdigit() for ch in statement.text)
        assert marked == (has_number or statement.claim), statement.text


def test_every_source_is_listed_once_in_full(content) -> None:
    topic = content.topic("reverse-treadmill-walking")
    (listed,) = _blocks(outline.topic_handout(topic, content, EN).parts[0], SourceList)
    assert [(e.number, e.title) for e in listed.sources] == [
        (n, s.title) for n, s in enumerate(topic.sources, start=1)
    ]
    assert listed.reviewed.startswith("Checked by a therapist on ")
    assert any(ch.isalpha() for ch in listed.reviewed.split(" on ")[1].split(",")[0])


def test_the_deck_teaches_safety_before_the_steps(content) -> None:
    lesson = outline.topic_lesson(content.topic("reverse-treadmill-walking"), content, EN)
    keys = [getattr(s.block, "heading", None) for s in lesson.slides]
    keys = [h.key for h in keys if h is not None]
    assert keys.index("precautions") < keys.index("steps")


def test_every_citation_points_into_its_topics_sources(content) -> None:
    for topic in content.topics:
        for part in outline.topic_handout(topic, content, EN).parts:
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
    program = outline.program(prescription, content, EN)
    part = program.parts[0]
    (intro,) = _blocks(part, Intro)
    assert intro.plan is not None
    assert intro.plan.text == (
        "0.8 mph; 4 minutes each time; 3 times a week; both hands on the handrails."
    )
    (dosage,) = _blocks(part, Dosage)
    rows = dict((label, value.text) for label, value in dosage.rows)
    assert rows["Speed"] == "0.8 mph"
    assert rows["How long"] == "4 minutes each time"
    assert rows["How often"] == "3 times a week"
    assert rows["Hold on"] == "Both hands on the handrails"
    (fields,) = _blocks(part, PlanFields)
    assert [(f.label, f.value) for f in fields.lines] == [
        ("Minutes each time:", "4"),
        ("Speed or setting:", "0.8 mph"),
        ("Times each week:", "3"),
    ]


def test_no_generic_dose_figure_is_printed_where_one_was_prescribed(content) -> None:
    prescription = _prescription(
        minutes=4, sessions_per_week=3, speed_mph=0.8, hand_support=HandSupport.TWO_HANDS
    )
    topic = content.topic("reverse-treadmill-walking")
    part = outline.program(prescription, content, EN).parts[0]
    (steps,) = [b for b in _blocks(part, Points) if b.heading.key == "steps"]
    (takeaways,) = [b for b in _blocks(part, Points) if b.heading.key == "takeaways"]
    for said, general in (
        (steps.items, topic.steps),
        (takeaways.items, topic.takeaways),
    ):
        for item, statement in zip(said, general, strict=True):
            if statement.prescribed:
                assert "{" not in item.text, item.text
                assert item.text != statement.text
    printed = " ".join(i.text for i in steps.items + takeaways.items)
    assert "4 minutes" in printed and "0.8 mph" in printed
    assert "0.5–1.0 mph" not in printed and "1–2 minutes" not in printed
    assert "holding on with both hands" in printed


def test_a_general_handout_gives_the_general_dose_and_blank_fields(content) -> None:
    topic = content.topic("backward-walking")
    part = outline.topic_handout(topic, content, EN).parts[0]
    (intro,) = _blocks(part, Intro)
    assert intro.plan is None
    (dosage,) = _blocks(part, Dosage)
    assert [label for label, _ in dosage.rows] == ["Start", "How long", "How often", "Progress"]
    assert dosage.rows[0][1].text == topic.dosage.start.text
    (fields,) = _blocks(part, PlanFields)
    assert all(f.value == "" for f in fields.lines)


def test_a_program_opens_with_the_patient_and_ends_with_their_log(content) -> None:
    program = outline.program(_prescription(minutes=2, sessions_per_week=5), content, EN)
    (intro,) = program.opening
    assert isinstance(intro, ProgramIntro)
    assert intro.heading == "Home exercise program for A. **Lee** (pt-7)"
    assert intro.source == "From Dr Ruiz, 555-0100. Date: November 20, 2026."
    # The header prints the prescribing clinician and how to reach them, not write-in lines.
    assert (program.brand.clinic, program.brand.contact) == (
        "Your therapist: Dr Ruiz",
        "Contact: 555-0100",
    )
    assert intro.notes is not None and intro.notes.text == "Ice after.\nNo stairs."
    (log,) = program.parts[-1].blocks
    assert isinstance(log, Log)
    assert log.heading.text == "Exercise log for A. **Lee**" and log.heading.literal
    # A line for each prescribed session, four weeks, each naming the exercise and its target.
    assert len(log.lines) == 4 * 5 and log.name is None
    assert {(line.exercise, line.target) for line in log.lines} == {
        ("Reverse treadmill walking", "2 min")
    }
    assert [line.week for line in log.lines] == [w for w in (1, 2, 3, 4) for _ in range(5)]
    later = dataclasses.replace(
        program_of := _prescription(minutes=2, sessions_per_week=5), review_on=dt.date(2026, 12, 31)
    )
    (longer,) = outline.program(later, content, EN).parts[-1].blocks
    assert program_of.review_on is None and len(longer.lines) == 6 * 5  # 41 days: six weeks
    # A name prints as typed everywhere, the document's title too (hostile B15).
    assert program.meta.title == "Home exercise program for A. **Lee**"
    assert program.opening_title == program.meta.title and program.opening_literal


def test_the_class_pack_lists_every_part_it_holds(content) -> None:
    pack = outline.class_pack(content.program, content, EN)
    (cover,) = pack.opening
    assert pack.contents
    assert cover.entries == (
        "1. Backward walking",
        "2. Reverse treadmill walking",
        "3. Backward pedaling on an exercise bike",
        "4. Exercise log",
    )
    assert [p.key for p in pack.parts] == [*content.program.topics, "log"]
    assert pack.parts[-1].footer.sources is None


def test_the_class_deck_has_unique_titles_and_its_sources_at_the_end(content) -> None:
    lesson = outline.class_lesson(content.program, content, EN)
    blocks = [s.block for s in lesson.slides]
    assert isinstance(blocks[0], Cover) and isinstance(blocks[-1], Cover)
    titles = [getattr(b, "heading", None) for b in blocks]
    titles = [h.text for h in titles if h is not None]
    assert len(titles) == len(set(titles))
    assert "Safety: backward walking" in titles
    keys = [getattr(b, "heading", None) for b in blocks]
    keys = [h.key if h is not None else "" for h in keys]
    assert keys.count("learn") == 0  # the agenda says it once for the class
    sources = [i for i, key in enumerate(keys) if key == "sources"]
    assert len(sources) == 3 and sources == list(range(len(blocks) - 4, len(blocks) - 1))
    (steps,) = [
        s
        for s in lesson.slides
        if getattr(s.block, "heading", None)
        and s.block.heading.text == "Backward walking: how to do it"
    ]
    assert "set up lanes" in steps.notes
    assert all(s.notes for s in lesson.slides)


def test_the_handout_leaves_out_the_checklist_the_class_reads_aloud(content) -> None:
    # It says again what the steps and the dose say; a class goes through it on a slide.
    topic = content.topic("backward-pedaling")
    assert _blocks(outline.topic_handout(topic, content, EN).parts[0], Checklist) == []
    lesson = outline.topic_lesson(topic, content, EN)
    (shown,) = [s.block for s in lesson.slides if isinstance(s.block, Checklist)]
    assert [i.text for i in shown.items] == [s.text for s in topic.checklist]


@pytest.mark.parametrize(
    ("lang", "metric", "given", "printed"),
    [
        ("en", False, {"speed_mph": 0.8}, "0.8 mph; 4 minutes each time; 3 times a week."),
        ("en", False, {"speed_kmh": 2.5}, "1.6 mph; 4 minutes each time; 3 times a week."),
        ("en", True, {"speed_mph": 0.8}, "1.3 km/h; 4 minutes each time; 3 times a week."),
        ("es", True, {"speed_kmh": 2.5}, "2.5 km/h; 4 minutos cada vez; 3 veces a la semana."),
        ("es", False, {"speed_mph": 1}, "1 mph; 4 minutos cada vez; 3 veces a la semana."),
    ],
)
def test_speed_is_in_the_clinics_unit_in_each_language(
    content, lang: str, metric: bool, given: dict, printed: str
) -> None:
    prescription = _prescription(minutes=4, sessions_per_week=3, **given)
    program = outline.program(prescription, content, catalogue(lang, metric=metric))
    (intro,) = _blocks(program.parts[0], Intro)
    assert intro.plan is not None
    assert intro.plan.text == printed


def test_a_spanish_program_words_the_dose_and_the_date_in_spanish(content) -> None:
    prescription = _prescription(minutes=1, sessions_per_week=1, speed_mph=0.5)
    program = outline.program(prescription, content, catalogue("es", "es-ES"))
    (intro,) = program.opening
    assert intro.heading == "Programa de ejercicios en casa para A. **Lee** (pt-7)"
    assert intro.source == "De: Dr Ruiz, 555-0100. Fecha: 20 de noviembre de 2026."
    (plan,) = [b for b in program.parts[0].blocks if isinstance(b, Intro)]
    assert plan.plan.text == "0,5 mph; 1 minuto cada vez; una vez a la semana."
    assert program.meta.lang == "es-ES"


def test_a_spanish_class_deck_names_each_topic_in_its_titles(content) -> None:
    lesson = outline.class_lesson(content.program, content, catalogue("es"))
    titles = [getattr(s.block, "heading", None) for s in lesson.slides]
    shown = [h.text for h in titles if h is not None]
    topic = content.topic(content.program.topics[0]).title
    assert f"{topic}: ¿es para usted?" in shown
    assert f"Seguridad: {topic[0].lower()}{topic[1:]}" in shown
    assert lesson.slides[-1].block.title == "¿Preguntas?"


def test_steps_are_cut_where_a_figure_starts() -> None:
    from handouts.figures.shapes import Picture
    from handouts.outline.blocks import Figure, Heading

    picture = Picture(4, 3, ())
    items = tuple(Cited(f"Step {n}.") for n in range(1, 7))
    figures = (
        Figure(2, "a", "a", picture),
        Figure(2, "b", "b", picture),
        Figure(5, "c", "c", picture),
        Figure(9, "gone", "gone", picture),  # no such step: shown nowhere
    )
    from handouts.outline.figures import runs as cut

    runs = cut(Points(Heading("How", "steps"), items, "number", figures=figures))
    assert [(start, stop, [f.caption for f in shown]) for start, stop, shown in runs] == [
        (0, 1, []),
        (1, 4, ["a", "b"]),
        (4, 6, ["c"]),
    ]


def test_every_topics_steps_carry_its_figures_in_handout_and_lesson(content) -> None:  # type: ignore[no-untyped-def]
    for topic in content.topics:
        handout_steps = [
            b
            for b in outline.topic_handout(topic, content, EN).parts[0].blocks
            if isinstance(b, Points) and b.heading.key == "steps"
        ]
        lesson_steps = [
            s.block
            for s in outline.topic_lesson(topic, content, EN).slides
            if isinstance(s.block, Points) and s.block.heading.key == "steps"
        ]
        for (steps,) in (handout_steps, lesson_steps):
            assert [(f.step, f.caption, f.alt) for f in steps.figures] == [
                (f.step, f.caption, f.alt) for f in topic.figures
            ]
            assert all(f.picture.alt == f.alt for f in steps.figures)


def test_sources_print_a_plain_note_and_never_the_curators_note(content) -> None:  # type: ignore[no-untyped-def]
    # "Not peer reviewed; figures it attributes to studies are unverified here" is for the
    # curator; a patient reads "Web article".
    for topic in content.topics:
        handout = outline.topic_handout(topic, content, EN)
        (listed,) = [b for part in handout.parts for b in _blocks(part, SourceList)]
        assert [(e.title, e.note) for e in listed.sources] == [
            (s.title, s.note) for s in topic.sources
        ]
        printed = repr(handout) + repr(outline.topic_lesson(topic, content, EN))
        for source in topic.sources:
            assert len(source.note.split()) <= 8, source.note
            assert source.curator_note and source.curator_note not in printed
