"""The reading gate: sections above the clinic's limits and words not explained, located."""

from __future__ import annotations

from pathlib import Path

from handouts import cli
from handouts.model import ReadingLevel
from handouts.validate import load_content, load_content_keep_going, reading
from tests.conftest import REPO, edit, problems_of

TOPIC = "topics/heel-walk.yaml"


def test_the_shipped_content_and_the_fixture_pass() -> None:
    for folder in (REPO / "content", REPO / "tests" / "fixtures" / "minimal"):
        content = load_content(folder)
        for topic in content.topics:
            assert reading.findings(topic, content.branding.reading_level) == []


def test_a_hard_section_is_reported_at_its_hardest_sentence(content: Path) -> None:
    edit(
        content / TOPIC,
        "  - Stand tall by a wall.",
        "  - Maintain an upright posture adjacent to a stabilizing vertical surface.",
    )
    assert problems_of(content) == [
        "content/topics/heel-walk.yaml:28:5: steps[0]: reads at grade 7.4 (limit 6): "
        "'Maintain an upright posture adjacent to a stabilizing vertical surface.'; the steps "
        "should read at grade 6 or lower: use shorter sentences and everyday words",
    ]  # two steps are too few for SMOG by itself (readability.SMOG_SENTENCES)


def test_a_clinic_sets_its_own_limits(content: Path) -> None:
    branding = content / "branding.yaml"
    branding.write_text(
        branding.read_text() + "reading_level:\n  grade: 3\n  smog: 4\n", encoding="utf-8"
    )
    found = problems_of(content)
    assert (
        "content/topics/heel-walk.yaml:13:13: activation.muscles[0].name: reads at grade 5.2 "
        "(limit 3): 'Tibialis anterior (front of shin)'; the muscle table should read at grade "
        "3 or lower: use shorter sentences and everyday words"
    ) in found
    assert all("(limit 3)" in p or "(limit 4)" in p for p in found)


def test_a_medical_word_must_be_explained_where_a_section_first_uses_it(content: Path) -> None:
    edit(content / TOPIC, "    - You have a new ankle injury.", "    - You hurt your ACL.")
    assert problems_of(content) == [
        "content/topics/heel-walk.yaml:46:7: precautions.do_not_if[0]: expected 'ACL' "
        "explained in plain words where the opening (what it is and who it is for) first uses "
        "it but got 'You hurt your ACL.'; write it as, for example, 'ACL (a ligament inside "
        "the knee)'"
    ]
    edit(
        content / TOPIC,
        "    - You hurt your ACL.",
        "    - You hurt your ACL (a ligament inside the knee).",
    )
    load_content(content)


def test_a_programs_wording_is_measured_as_a_program_prints_it(content: Path) -> None:
    edit(
        content / TOPIC,
        "prescribed: Walk on your heels for {minutes}.",
        "prescribed: Ambulate utilizing calcaneal contact exclusively for {minutes}.",
    )
    found = problems_of(content)
    assert found[0].startswith(
        "content/topics/heel-walk.yaml:31:17: steps[1].prescribed: reads at grade "
    )
    assert "'Ambulate utilizing calcaneal contact exclusively for 5 minutes.'" in found[0]


def test_keep_going_leaves_out_a_topic_that_reads_too_hard(content: Path) -> None:
    edit(content / TOPIC, "    - You have a new ankle injury.", "    - You hurt your ACL.")
    # The program lists the one topic: with it left out there is nothing to build.
    _, problems = load_content_keep_going(REPO / "content")
    assert problems == []
    assert cli.main(["--check", "--content", str(content)]) == 1


def test_the_example_values_name_every_placeholder() -> None:
    from handouts.model import PLACEHOLDERS

    assert set(reading.EXAMPLE_VALUES) == set(PLACEHOLDERS)


def test_sections_follow_the_handouts_order_and_leave_out_the_presenters_words() -> None:
    topic = load_content(REPO / "content").topic("backward-walking")
    names = [s.field for s in reading.sections(topic)]
    assert names[:12] == [
        "the opening (what it is and who it is for)",
        "the box before the steps",
        "the steps",
        "the dosage",
        "the checklist",
        "the safety advice",
        "the key points",
        "the muscle table",
        "the benefits",
        "the questions",
        "the questions",
        "the steps",  # then the program's wording of each section that has some
    ]
    paths = {u.path for s in reading.sections(topic) for u in s.units}
    assert "movement" not in paths and not any(p.startswith("teaching_notes") for p in paths)
    assert ReadingLevel() == ReadingLevel(6, 8)


def test_smog_holds_a_section_of_five_sentences_and_the_handout_as_a_whole(content: Path) -> None:
    # Two benefits with a word of three syllables each are SMOG 8.8: too few to hold to it.
    two = (
        "  - You will have steadier feet and walk well with a friend at your side.\n"
        "  - It can help you walk again after an injury, with your friends.\n"
    )
    edit(content / TOPIC, "  - Stronger shins.\n", two)
    load_content(content)
    # The handout as a whole is: every benefit full of long words.
    long = "".join(
        f"  - Considerable improvement {n} is probably available.\n"
        for n in ("one", "two", "three", "four", "five", "six")
    )
    edit(content / TOPIC, two, long)
    found = problems_of(content)
    assert (
        "content/topics/heel-walk.yaml:26:5: benefits[0]: the handout as a whole reads at "
        "SMOG 8.7 (limit 8); the sentence with the most long words: 'Considerable "
        "improvement one is probably available.'; use fewer words of three or more syllables"
    ) in found
