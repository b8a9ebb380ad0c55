"""The review command: each rule it checks, on documents that break it and on the shipped ones."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from handouts import outline, review
from handouts.locale import catalogue
from handouts.model import ReadingLevel
from handouts.outline import blocks
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

EN = catalogue("en")

LEVEL = ReadingLevel()


@pytest.fixture(scope="module")
def shipped():
    return load_content(REPO / "content")


def test_the_shipped_content_passes_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert review.main(["--content", str(REPO / "content"), "--quiet"]) == 0
    assert capsys.readouterr().err.endswith("reviewed 5 documents: no problems\n")


def test_it_prints_each_section_with_its_reading_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert review.main(["--content", str(REPO / "content")]) == 0
    out = capsys.readouterr().out
    assert "== backward-walking.pdf (" in out
    assert "-- Before you start (grade " in out
    assert "   Call 911 now if:" in out


def test_steps_before_safety_are_a_problem(shipped) -> None:
    handout = outline.topic_handout(shipped.topic("backward-walking"), shipped, EN)
    part = handout.parts[0]
    steps = [b for b in part.blocks if isinstance(b, blocks.Points) and b.heading.key == "steps"]
    rest = [
        b
        for b in part.blocks
        if b not in steps
        and not isinstance(b, blocks.Emergency | blocks.FirstSteps | blocks.Safety)
    ]
    moved = dataclasses.replace(part, blocks=(*rest[:1], *steps, *rest[1:]))
    found = review.review("x.pdf", dataclasses.replace(handout, parts=(moved,)), LEVEL)
    assert "REVIEW: x.pdf: safety before the steps: the steps come before any safety advice" in (
        found.problems
    )


def test_an_emergency_line_pushed_off_page_one_is_a_problem(content: Path) -> None:
    # Made in the model: a list of things to bring that no content check would let through.
    loaded = load_content(content)
    many = tuple(f"Something new to bring, number {n}" for n in range(120))
    heel = dataclasses.replace(loaded.topic("heel-walk"), equipment=many)
    handout = outline.topic_handout(heel, loaded, EN)
    found = review.review("heel-walk.pdf", handout, LEVEL)
    assert any(
        p.startswith("REVIEW: heel-walk.pdf: emergency line on page 1:") for p in found.problems
    )


def test_a_hard_section_and_an_unexplained_word_are_problems(content: Path) -> None:
    # Made in the model: the check (validate.reading) refuses such a topic in a content file.
    loaded = load_content(content)
    hard = dataclasses.replace(
        loaded.topic("heel-walk"),
        summary="Considerable proprioceptive conditioning demonstrably facilitates "
        "patellofemoral rehabilitation.",
    )
    found = review.review("h.pdf", outline.topic_handout(hard, loaded, EN), LEVEL)
    assert any(p.startswith("REVIEW: h.pdf: reading level: ") for p in found.problems)
    assert any("'patellofemoral' is not explained" in p for p in found.problems)


def test_a_generic_dose_in_a_program_is_a_problem(shipped) -> None:
    prescription = load_prescription(REPO / "prescriptions" / "example.yaml", shipped)
    program = outline.program(prescription, shipped, EN)
    assert review.review("p.pdf", program, LEVEL, prescription, shipped).problems == []
    # The same program with the general handouts' wording in place of the prescribed one.
    number = shipped.branding.emergency_number
    general = tuple(
        outline.handout.topic_part(shipped.topic(d.topic), number, EN) for d in prescription.topics
    )
    wrong = dataclasses.replace(program, parts=(*general, program.parts[-1]))
    found = review.review("p.pdf", wrong, LEVEL, prescription, shipped)
    assert any(
        p.startswith("REVIEW: p.pdf: prescribed dose: backward-walking: the general wording")
        for p in found.problems
    )


def test_the_shipped_spanish_passes_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert review.main(["--content", str(REPO / "content"), "--lang", "es"]) == 0
    captured = capsys.readouterr()
    # Each section's score, whatever the tool's own headings read.
    assert "(Fernández-Huerta " in captured.out and "(grade " not in captured.out
    assert "   Siente dolor, presión u opresión en el pecho." in captured.out
    assert captured.err.endswith("reviewed 5 documents: no problems\n")


def test_a_spanish_section_under_the_clinics_score_is_a_problem(shipped) -> None:
    from handouts.translations import translate_content

    spanish = translate_content(shipped, "es")
    handout = outline.topic_handout(spanish.topic("backward-walking"), spanish, catalogue("es"))
    strict = dataclasses.replace(LEVEL, fernandez_huerta=95)
    found = review.review("bw.pdf", handout, strict, lang="es")
    hard = [p for p in found.problems if ": reading level: " in p]
    assert hard and all("(at least 95); hardest: " in p for p in hard)
    assert review.review("bw.pdf", handout, LEVEL, lang="es").problems == []
