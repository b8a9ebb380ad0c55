"""Validation: every kind of bad content gets one located line with the exact wording."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from handouts.model import (
    LanguageTags,
    Level,
    ReadingLevel,
    Region,
    SourceKind,
    Statement,
    Topic,
    Units,
)
from handouts.translations import topic_file
from handouts.translations.english import english_texts
from handouts.translations.files import File
from handouts.validate import load_content
from tests.conftest import REPO, edit, problems_of

TOPIC = "content/topics/heel-walk.yaml"

# (case, text to replace in the topic, replacement, the one problem line it must produce)
REJECTIONS = [
    (
        "syntax error",
        "title: Heel walking",
        "title: [Heel walking",
        f"{TOPIC}:2:8: YAML syntax error: expected a closing ] for the list that opens here "
        "but got ':' at line 3, column 8 first; close the list, or put the text in quotes "
        "if the [ belongs to it",
    ),
    (
        "duplicate key",
        "summary: Walk",
        "title: Again\nsummary: Walk",
        f"{TOPIC}:3:1: title: duplicate key 'title' (first at line 2); each key may appear once",
    ),
    (
        "unknown key with hint",
        "precautions:",
        "precuations:",
        f"{TOPIC}:42:1: precuations: unknown key 'precuations'; did you mean 'precautions'?",
    ),
    (
        "missing field points at its parent",
        "  frequency: Most days.\n",
        "",
        f"{TOPIC}:32:1: dosage.frequency: expected a statement but the field is missing; "
        "add 'frequency:'",
    ),
    (
        "wrong type: list instead of text",
        "audience: Adults who can walk on their own.",
        "audience: [Adults]",
        f"{TOPIC}:7:11: audience: expected text but got a list",
    ),
    (
        "punctuation alone is not text",
        "  - A clear hallway",
        "  - A clear hallway\n  - '...'",
        f"{TOPIC}:7:5: equipment[1]: expected words (at least one letter or digit) "
        "but got text '...'",
    ),
    (
        "YAML 1.1 yes/no is not text",
        "answer: Mild soreness is normal; pain is not.",
        "answer: no",
        f"{TOPIC}:57:13: faq[0].answer: expected text "
        'but got a yes/no value (no); put it in quotes ("no") if you mean it as text',
    ),
    (
        "YAML 1.1 number is not text",
        "- Clear the floor.",
        "- 1.10",
        f"{TOPIC}:41:5: checklist[0]: expected text "
        'but got a number (1.10); put it in quotes ("1.10") if you mean it as text',
    ),
    (
        "value off the activation scale",
        "backward: high",
        "backward: very high",
        f"{TOPIC}:17:17: activation.muscles[0].backward: expected one of low, low to moderate, "
        "moderate, moderate to high, high but got text 'very high'; did you mean 'high'?",
    ),
    (
        "empty required list",
        "benefits:\n  - Stronger shins.",
        "benefits: []",
        f"{TOPIC}:25:11: benefits: expected at least one item but got an empty list; "
        "add a statement or remove the key if it is optional",
    ),
    (
        "source reference that does not resolve",
        "  - text: Walk 10 steps on your heels.\n    sources: [test-article]",
        "  - text: Walk 10 steps on your heels.\n    sources: [test-artcle]",
        f"{TOPIC}:30:15: steps[1].sources[0]: expected the id of one of this topic's sources "
        "(test-article) but got 'test-artcle'; did you mean 'test-article'?",
    ),
    (
        "number without a source",
        "  duration:\n    text: 1 minute.\n    sources: [test-article]\n"
        '    prescribed: "{minutes}."',
        "  duration: 1 minute.",
        f"{TOPIC}:34:13: dosage.duration: expected a source for the number '1' but got none; "
        "write it as 'text: ...' with 'sources: [id]' naming the article it comes from",
    ),
    (
        "bad id",
        "id: heel-walk",
        "id: Heel_Walk",
        f"{TOPIC}:1:5: id: expected an id of lower-case letters, digits and single hyphens "
        "(like 'backward-walking') but got text 'Heel_Walk'",
    ),
    (
        "id that does not match its file",
        "id: heel-walk",
        "id: toe-walk",
        f"{TOPIC}:1:5: id: expected the id to match the file name ('heel-walk') "
        "but got 'toe-walk'; rename one so they agree",
    ),
    (
        "duplicate source id",
        "    file: 999_test.txt",
        "    file: 999_test.txt\n  - id: test-article\n    title: Again\n    file: 998_test.txt",
        f"{TOPIC}:66:9: sources[1].id: duplicate source id 'test-article' (also sources[0]); "
        "give each source its own id",
    ),
    (
        "date that is not a date",
        "reviewed_on: 2026-01-01",
        "reviewed_on: 2026-02-30",
        f"{TOPIC}:67:16: review.reviewed_on: expected a real date (YYYY-MM-DD) "
        "but got 2026-02-30, which is not one",
    ),
    (
        "date written as words",
        "review_due: 2027-01-01",
        "review_due: next year",
        f"{TOPIC}:68:15: review.review_due: expected a date written YYYY-MM-DD "
        "but got text 'next year'",
    ),
    (
        "review due before review",
        "review_due: 2027-01-01",
        "review_due: 2025-01-01",
        f"{TOPIC}:68:15: review.review_due: expected a date after reviewed_on (2026-01-01) "
        "but got 2025-01-01",
    ),
    (
        "alias",
        "equipment:\n  - A clear hallway",
        "equipment: &e\n  - A clear hallway\nx: *e",
        f"{TOPIC}:7:4: expected plain values but got an alias (*e); "
        "anchors and aliases are not allowed, write the value out",
    ),
    (
        "python tag is refused, never run",
        "title: Heel walking",
        "title: !!python/object/apply:os.system [echo pwned]",
        f"{TOPIC}:2:8: expected plain YAML values but got the tag "
        "'!!python/object/apply:os.system'; tags are not allowed, remove it",
    ),
    (
        "character the font cannot print",
        "title: Heel walking",
        "title: Heel walking 🦶",
        f"{TOPIC}:2:8: title: expected characters the handout font can print but got '🦶' "
        "(U+1F9B6, foot), which would print as an empty box; replace it with plain text",
    ),
    (
        "text too long for a slide or a table row",
        "title: Heel walking",
        "title: " + "Heel walking " * 7,
        f"{TOPIC}:2:8: title: expected at most 70 characters but got 90; "
        "shorten it, or split it into two items",
    ),
    (
        "invisible control character",
        "title: Heel walking",
        'title: "Heel\\u0007walking"',
        f"{TOPIC}:2:8: title: expected printable text but got the invisible character U+0007; "
        "delete it (it often comes with pasted text)",
    ),
    # -- the safety tiers, sources of general practice, claims and program wording ----------
    (
        "emergency tier is required",
        "  emergency_if:\n    - You have chest pain.\n",
        "",
        f"{TOPIC}:42:1: precautions.emergency_if: expected a list of statements but the field "
        "is missing; add 'emergency_if:'",
    ),
    (
        "emergency item with the number to call",
        "    - You have chest pain.",
        "    - You have chest pain. Call 911.",
        f"{TOPIC}:50:7: precautions.emergency_if[0]: expected no numbers in an emergency item "
        "but got '911.'; the heading prints the number to call, from emergency_number in "
        "branding.yaml",
    ),
    (
        "before-you-start box holds at most four",
        "    - Stand near a wall.\n",
        "    - One.\n    - Two.\n    - Three.\n    - Four.\n    - Five.\n",
        f"{TOPIC}:52:5: precautions.before_you_start: expected at most 4 items but got 5; the "
        "box on page 1 holds only what must be true or done first; move the rest to the checklist",
    ),
    (
        "what to do when it goes wrong starts with If",
        "  before_you_start:",
        "  if_it_goes_wrong:\n    - Call for help.\n  before_you_start:",
        f"{TOPIC}:52:7: precautions.if_it_goes_wrong[0]: expected an item that starts with 'If' "
        "(what happens, then what to do) but got text 'Call for help.'",
    ),
    (
        "an article needs its file",
        "    file: 999_test.txt\n",
        "",
        f"{TOPIC}:63:5: sources[0].file: expected the file name of the stored article but the "
        "field is missing; add 'file:', or 'kind: practice' if this is general clinical "
        "practice, not an article",
    ),
    (
        "general practice has no file",
        "    file: 999_test.txt\n",
        "    file: 999_test.txt\n    kind: practice\n",
        f"{TOPIC}:65:11: sources[0].file: expected no file for general clinical practice "
        "(kind: practice) but got '999_test.txt'; remove 'file:', or write 'kind: article' for "
        "an article",
    ),
    (
        "source kind off the list",
        "    file: 999_test.txt\n",
        "    file: 999_test.txt\n    kind: blog\n",
        f"{TOPIC}:66:11: sources[0].kind: expected one of article, practice but got text 'blog'",
    ),
    (
        "a claim cites a source",
        "  - Stronger shins.",
        "  - text: Stronger shins.\n    claim: true",
        f"{TOPIC}:27:12: benefits[0].claim: expected a source for a claim (claim: true) but got "
        "none; add 'sources: [id]' naming the article that reports it",
    ),
    (
        "a step with a dose needs the program's wording",
        "    prescribed: Walk on your heels for {minutes}.\n",
        "",
        f"{TOPIC}:29:5: steps[1]: expected the wording a program prints instead of this dose "
        "('10') but got none; add 'prescribed:' using {minutes}, {times_a_week}, {speed}, "
        "{resistance}, {incline}, {hold} for the prescribed values",
    ),
    (
        "a handout FAQ with a dose needs the program's wording",
        "    answer: Mild soreness is normal; pain is not.",
        "    answer:\n      text: Soreness for 2 days is normal.\n      sources: [test-article]\n"
        "    handout: true",
        f"{TOPIC}:58:7: faq[0].answer: expected the wording a program prints instead of this "
        "dose ('2') but got none; add 'prescribed:' using {minutes}, {times_a_week}, {speed}, "
        "{resistance}, {incline}, {hold} for the prescribed values",
    ),
    (
        "program wording names only the known placeholders",
        "for {minutes}.",
        "for {mins}.",
        f"{TOPIC}:31:17: steps[1].prescribed: expected one of the placeholders {{minutes}}, "
        "{times_a_week}, {speed}, {resistance}, {incline}, {hold} but got '{mins}'; "
        "did you mean {minutes}?",
    ),
    (
        "program wording holds no generic figure",
        "for {minutes}.",
        "for 2 minutes.",
        f"{TOPIC}:31:17: steps[1].prescribed: expected no numbers in the wording for a program "
        "but got '2'; a program prints the clinician's dose: use {minutes}, {times_a_week}, "
        "{speed}, {resistance}, {incline}, {hold}, or words",
    ),
    (
        "program wording with a lone brace",
        "for {minutes}.",
        "for {minutes.",
        f"{TOPIC}:31:17: steps[1].prescribed: expected a placeholder written in braces, like "
        "{minutes}, but got a lone '{'; close it, or remove it",
    ),
    (
        "program wording that starts with a brace, unquoted",
        '    prescribed: "{minutes}."',
        "    prescribed: {minutes}",
        f"{TOPIC}:37:17: dosage.duration.prescribed: expected text but got a mapping; put the "
        'wording in quotes ("{minutes} ..."): a { at the start of a value begins a YAML mapping',
    ),
    (
        "at most two FAQs on the handout",
        "    answer: Mild soreness is normal; pain is not.",
        "    answer: A.\n    handout: true\n  - question: Two?\n    answer: B.\n"
        "    handout: true\n  - question: Three?\n    answer: C.\n    handout: true",
        f"{TOPIC}:64:14: faq[2].handout: expected at most 2 questions printed on the handout "
        "but got 3; a handout has room for two: keep the ones a patient needs on paper",
    ),
    (
        "handout is true or false",
        "    answer: Mild soreness is normal; pain is not.",
        "    answer: A.\n    handout: yes",
        f"{TOPIC}:58:14: faq[0].handout: expected true or false but got yes; write true or false",
    ),
]


def test_shipped_content_is_valid() -> None:
    content = load_content(REPO / "content")
    ids = [t.id for t in content.topics]
    assert ids == ["backward-pedaling", "backward-walking", "reverse-treadmill-walking"]
    assert content.program.topics == (
        "backward-walking",
        "reverse-treadmill-walking",
        "backward-pedaling",
    )
    for topic in content.topics:
        assert topic.precautions.do_not_if and topic.precautions.stop_if
        assert topic.review.review_due > topic.review.reviewed_on


def test_a_claim_cites_an_article_not_only_general_practice(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(
        topic,
        "  - Stronger shins.",
        "  - text: Stronger shins.\n    sources: [practice]\n    claim: true",
    )
    edit(
        topic,
        "review:",
        "  - id: practice\n    kind: practice\n    title: General practice\nreview:",
    )
    assert problems_of(content) == [
        f"{TOPIC}:28:12: benefits[0].claim: expected an article among the sources of a claim "
        "(claim: true) but got only general clinical practice; cite the article that reports "
        "it, or remove 'claim'"
    ]


def test_the_new_fields_load_into_the_model(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(
        topic,
        "  - Stronger shins.",
        "  - text: Stronger shins.\n    sources: [test-article]\n    claim: true",
    )
    edit(
        topic,
        "    answer: Mild soreness is normal; pain is not.",
        "    answer: Mild soreness is normal.\n    handout: true",
    )
    edit(
        topic,
        "  before_you_start:",
        "  if_it_goes_wrong:\n    - If you slip, sit down.\n  before_you_start:",
    )
    edit(
        topic,
        "review:",
        "  - id: practice\n    kind: practice\n    title: General practice\nreview:",
    )
    loaded = load_content(content).topic("heel-walk")
    assert loaded.benefits[0].claim and not loaded.steps[1].claim
    assert loaded.steps[1].prescribed == "Walk on your heels for {minutes}."
    assert loaded.steps[0].prescribed == ""
    assert loaded.faq[0].handout
    assert [s.text for s in loaded.precautions.emergency_if] == ["You have chest pain."]
    assert [s.text for s in loaded.precautions.before_you_start] == ["Stand near a wall."]
    assert [s.text for s in loaded.precautions.if_it_goes_wrong] == ["If you slip, sit down."]
    assert [(s.kind, s.file) for s in loaded.sources] == [
        (SourceKind.ARTICLE, "999_test.txt"),
        (SourceKind.PRACTICE, ""),
    ]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("", "911"),
        ("emergency_number: 112\n", "112"),
        ('emergency_number: "999"\n', "999"),
        ("emergency_number: 000\n", "000"),  # YAML reads it as the number 0: keep the zeros
    ],
)
def test_the_emergency_number_comes_from_the_branding(
    content: Path, line: str, number: str
) -> None:
    (content / "branding.yaml").write_text(line)
    assert load_content(content).branding.emergency_number == number


@pytest.mark.parametrize(
    ("line", "got"),
    [
        ("emergency_number: 91-1", "text '91-1'"),
        ("emergency_number: 1", "a number (1)"),
        ("emergency_number: 1234567", "a number (1234567)"),
        ("emergency_number: [911]", "a list"),
    ],
)
def test_an_emergency_number_is_two_to_six_digits(content: Path, line: str, got: str) -> None:
    (content / "branding.yaml").write_text(line + "\n")
    assert problems_of(content) == [
        "content/branding.yaml:1:19: emergency_number: expected a phone number of 2 to 6 digits "
        f'(like "911", "112", "999" or "000") but got {got}'
    ]


def test_a_clinic_sets_its_own_reading_level(content: Path) -> None:
    assert load_content(content).branding.reading_level == ReadingLevel(6.0, 8.0)
    (content / "branding.yaml").write_text("reading_level:\n  grade: 7\n")
    assert load_content(content).branding.reading_level == ReadingLevel(7.0, 8.0)
    (content / "branding.yaml").write_text("reading_level:\n  grade: 20\n  smog: 8.25\n")
    assert problems_of(content) == [
        "content/branding.yaml:2:10: reading_level.grade: expected a number from 3 to 12 "
        "(grade) but got 20",
        "content/branding.yaml:3:9: reading_level.smog: expected a number with at most 1 "
        "decimal place (grade) but got 8.25",
    ]


def test_shipped_contraindications_stay_with_their_exercise() -> None:
    content = load_content(REPO / "content")
    pedaling = " ".join(s.text for s in content.topic("backward-pedaling").precautions.do_not_if)
    assert "ACL" in pedaling and "kneecap" in pedaling.lower()
    for walking in ("backward-walking", "reverse-treadmill-walking"):
        do_not = " ".join(s.text for s in content.topic(walking).precautions.do_not_if)
        assert "ACL" not in do_not


def test_minimal_fixture_loads_into_the_model(content: Path) -> None:
    loaded = load_content(content)
    topic = loaded.topic("heel-walk")
    assert topic.activation.muscles[0].backward is Level.HIGH
    assert topic.activation.muscles[1].backward.rank == 2
    assert topic.steps[1].sources == ("test-article",)
    assert topic.review.reviewed_on == dt.date(2026, 1, 1)
    assert topic.teaching_notes.technique == "Show it first."
    assert loaded.branding.clinic_name == "Test Clinic"


@pytest.mark.parametrize(
    ("case", "old", "new", "expected"), REJECTIONS, ids=[r[0] for r in REJECTIONS]
)
def test_rejection(content: Path, case: str, old: str, new: str, expected: str) -> None:
    edit(content / "topics" / "heel-walk.yaml", old, new)
    assert problems_of(content) == [expected]


def test_every_problem_of_a_file_is_reported_at_once(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(topic, "precautions:", "precuations:")
    edit(topic, "backward: high", "backward: very high")
    edit(topic, "reviewed_on: 2026-01-01", "reviewed_on: 2026-02-30")
    found = problems_of(content)
    assert [line.split(": ")[1] for line in found] == [
        "activation.muscles[0].backward",
        "precuations",
        "review.reviewed_on",
    ]


def test_problems_across_files_are_all_reported(content: Path) -> None:
    (content / "topics" / "empty.yaml").write_text("")
    (content / "topics" / "latin.yaml").write_bytes(b"id: latin\ntitle: caf\xe9\n")
    edit(content / "program.yaml", "  - heel-walk", "  - heel-walk\n  - heel-walks")
    assert problems_of(content) == [
        "content/program.yaml:6:5: topics[1]: expected the id of a topic in topics/ "
        "but got 'heel-walks'; did you mean 'heel-walk'?",
        "content/topics/empty.yaml: expected a mapping of fields but the file is empty",
        "content/topics/latin.yaml:2:11: expected UTF-8 text but got the byte 0xE9; "
        "save the file as UTF-8 in your editor",
    ]


def test_top_level_must_be_a_mapping(content: Path) -> None:
    (content / "topics" / "heel-walk.yaml").write_text("- a\n- b\n")
    assert problems_of(content) == [
        f"{TOPIC}:1:1: (top level): expected a mapping of fields but got a list"
    ]


def test_byte_order_mark_is_tolerated(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    topic.write_bytes(b"\xef\xbb\xbf" + topic.read_bytes())
    assert load_content(content).topic("heel-walk").title == "Heel walking"


def test_branding_defaults_are_neutral_write_ins(content: Path) -> None:
    (content / "branding.yaml").unlink()
    branding = load_content(content).branding
    assert branding.clinic_name == "" and branding.contact_line == ""
    assert branding.colors.primary == "#1F3A5F"


@pytest.mark.parametrize("text", ["", "# clinic_name: Riverside\n# logo: logo.png\n", "~\n"])
def test_a_branding_file_with_no_fields_is_as_if_absent(content: Path, text: str) -> None:
    # Commenting every line out is the natural way to switch branding off.
    (content / "branding.yaml").write_text(text)
    branding = load_content(content).branding
    assert branding.clinic_name == "" and branding.colors.primary == "#1F3A5F"


def test_a_blank_mapping_whose_fields_are_all_optional_is_as_if_empty(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(topic, "teaching_notes:\n  technique: Show it first.\n", "teaching_notes:\n")
    (content / "branding.yaml").write_text("clinic_name: Test\ncolors:\n")
    loaded = load_content(content)
    assert loaded.topic("heel-walk").teaching_notes.technique == ""
    assert loaded.branding.colors.accent == "#B3261E"


def test_a_blank_mapping_with_required_fields_is_still_refused(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(topic, "teaching_notes:\n  technique: Show it first.\n", "teaching_notes:\n")
    (content / "program.yaml").write_text("")
    text = topic.read_text()
    start = text.index("dosage:\n")
    end = text.index("checklist:")
    topic.write_text(text[:start] + "dosage:\n" + text[end:])
    assert problems_of(content) == [
        "content/program.yaml: expected a mapping of fields but the file is empty",
        f"{TOPIC}:32:8: dosage: expected a mapping of fields but got nothing",
    ]


def test_branding_colour_and_logo_are_checked(content: Path) -> None:
    (content / "branding.yaml").write_text(
        "clinic_name: Test\ncolors:\n  primary: navy\nlogo: ../../etc/logo.png\n"
    )
    assert problems_of(content) == [
        "content/branding.yaml:3:12: colors.primary: expected a colour written #RRGGBB "
        "(like '#1F3A5F') but got text 'navy'",
    ]
    (content / "branding.yaml").write_text("clinic_name: Test\nlogo: ../../etc/logo.png\n")
    assert problems_of(content) == [
        "content/branding.yaml:2:7: logo: expected a path inside the content folder "
        "but got one that leaves it",
    ]


def test_a_logo_that_links_outside_the_content_folder_is_called_a_link(
    content: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "logo.png").write_bytes(b"not read")
    (content / "logo.png").symlink_to(outside / "logo.png")
    (content / "images").symlink_to(outside)
    message = (
        "expected a path inside the content folder but got a symbolic link that points "
        "outside it; copy the image itself into the folder"
    )
    for logo in ("logo.png", "images/logo.png"):
        (content / "branding.yaml").write_text(f"logo: {logo}\n")
        assert problems_of(content) == [f"content/branding.yaml:1:7: logo: {message}"]


def test_program_must_exist(content: Path) -> None:
    (content / "program.yaml").unlink()
    assert problems_of(content) == [
        "content/program.yaml: expected a program file but it is missing; see content/README.md"
    ]


# -- the shipped content: the clinical review's findings stay fixed -------------------------


def _texts(*statements: Statement) -> str:
    return " ".join(s.text for s in statements)


def _all_statements(value: object) -> list[Statement]:
    if isinstance(value, Statement):
        return [value]
    if isinstance(value, tuple):
        return [s for item in value for s in _all_statements(item)]
    if dataclasses.is_dataclass(value):
        return [
            s for f in dataclasses.fields(value) for s in _all_statements(getattr(value, f.name))
        ]
    return []


SHIPPED = load_content(REPO / "content")


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_chest_pain_fainting_and_breathlessness_are_emergencies(topic: Topic) -> None:
    # Review P1 (S1): they were under "stop and contact your clinician".
    emergency = _texts(*topic.precautions.emergency_if).lower()
    for sign in ("chest pain", "faint", "short of breath"):
        assert sign in emergency
    stop = _texts(*topic.precautions.stop_if).lower()
    assert "chest" not in stop and "faint" not in stop
    assert 1 <= len(topic.precautions.before_you_start) <= 4


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_the_kneecap_question_is_printed_with_every_handout(topic: Topic) -> None:
    # Review problem 6: the class pack said walking helps kneecap pain, then forbade pedaling.
    # Each handout asks it from its own side: why walking may suit, or why pedaling may not.
    printed = [faq for faq in topic.faq if faq.handout]
    question = {
        "backward-walking": "Why might walking backward suit me, when pedaling backward may not?",
        "reverse-treadmill-walking": "Why might treadmill walking backward suit me, when "
        "pedaling backward may not?",
        "backward-pedaling": "Why is pedaling backward not for me, when walking backward may be?",
    }[topic.id]
    assert [faq.question for faq in printed] == [f"I have kneecap pain. {question}"]
    answer = printed[0].answer
    assert answer.claim and "not the same move" in answer.text
    assert "do not pedal backward" in answer.text or "do not do it" in answer.text
    # The walking article (002 l41), or the treadmill one (003 l29), and the pedaling one (000 l25).
    walking = "reverse-treadmill" if topic.id == "reverse-treadmill-walking" else "retro-walking"
    assert set(answer.sources) == {walking, "pedaling-muscles"}


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_safety_practice_is_cited_to_practice_and_clinician_is_gone(topic: Topic) -> None:
    kinds = {s.id: s.kind for s in topic.sources}
    assert kinds["clinical-practice"] is SourceKind.PRACTICE
    for statement in _all_statements(topic):
        # Review F1, F2: the treadmill article says nothing of a clip, key or stop button.
        if re.search(r"clip|safety key|stop button|emergency", statement.text, re.IGNORECASE):
            assert "clinical-practice" in statement.sources, statement.text
        assert "clinician" not in statement.text.lower()
        assert "stationary" not in statement.text.lower()
        assert "spotter" not in statement.text.lower()


def test_the_treadmill_frequency_cites_only_the_article_that_gives_it() -> None:
    # Review F3: 003 gives no sessions a week.
    treadmill = SHIPPED.topic("reverse-treadmill-walking")
    assert treadmill.dosage.frequency.sources == ("retro-walking",)


def test_a_treadmill_stumble_means_the_side_rails_not_the_console() -> None:
    # Review P2 (S1) and P3: the console is behind a backward walker; letting go is gated.
    treadmill = SHIPPED.topic("reverse-treadmill-walking")
    stumble = _texts(*treadmill.precautions.if_it_goes_wrong)
    assert stumble.startswith("If you stumble") and "onto the side steps" in stumble
    assert "hold the handrails" in stumble and "safety cord at your waist" in stumble
    assert "Do not reach back for the controls." in stumble
    everything = _texts(*_all_statements(treadmill))
    assert "Grip the rails and stop the belt" not in everything
    assert "let go with one hand, then both" not in everything.lower()
    assert "only when your therapist says" in _texts(*treadmill.steps)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_treadmill_text_never_calls_what_hands_hold_and_feet_stand_on_by_one_name(
    lang: str,
) -> None:
    # "Side rails" meant the handrails in step 1 and the foot decks in step 6: walking
    # backward, a patient could grab or step onto the wrong thing. Hands hold "handrails";
    # feet go on "the side steps" (Spanish: "pasamanos" and "plataformas").
    treadmill = SHIPPED.topic("reverse-treadmill-walking")
    texts = english_texts(treadmill)
    if lang == "es":
        spanish = File(topic_file(REPO / "content", "es", treadmill.id), "es").texts
        texts = {path: spanish[path] for path in texts if path in spanish}
        assert len(texts) == len(english_texts(treadmill))
    for path, text in texts.items():
        words = text.text.lower()
        if lang == "en":
            assert "side rail" not in words, path
            # Every rail is a handrail (or the words printed to the teacher say so).
            assert re.sub(r"handrails?", "", words).count("rail") == 0, (path, text.text)
        else:
            # "La barra" of the chart is a bar; "las barras" were the rails.
            assert not re.search(r"\bbarras\b", words), (path, text.text)
            assert "bordes de los lados" not in words, path
    steps = [s.text for s in treadmill.steps]
    # Lengths a patient can picture, in any clinic's units: no metres on a US handout.
    clear_floor = treadmill.precautions.before_you_start[3].text
    assert "two big steps past the end of the belt you face" in clear_floor
    everything = " ".join(t.text for t in english_texts(treadmill).values())
    assert not re.search(r"\bmetres?\b|\bmeters?\b|\d\s*m\b", everything)
    assert "Hold both handrails." in steps[0] and "flat side steps beside the belt" in steps[0]
    assert "step out onto the side steps" in steps[-1]


@pytest.mark.parametrize("topic_id", ["backward-walking", "reverse-treadmill-walking"])
def test_knee_surgery_is_a_do_not_until_cleared(topic_id: str) -> None:
    # Review P4 / F4: it was only "use caution", and "often used".
    do_not = _texts(*SHIPPED.topic(topic_id).precautions.do_not_if)
    assert "surgery on your knee, hip or ankle" in do_not
    assert "often used" not in _texts(*_all_statements(SHIPPED.topic(topic_id)))


def test_pedaling_sets_the_seat_and_the_straps_and_lets_the_pedals_stop() -> None:
    # Review P5, P6 (S2).
    box = _texts(*SHIPPED.topic("backward-pedaling").precautions.before_you_start)
    assert "seat" in box and "foot straps" in box and "Let the pedals stop fully" in box


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_one_starting_dose_for_the_patient(topic: Topic) -> None:
    # Review problem 9 / P7: "one article says ...; another, ..." in the dosage panel.
    dosage = topic.dosage
    for statement in (dosage.start, dosage.duration, dosage.frequency, dosage.progression):
        assert "another" not in statement.text.lower()
        assert not re.search(r"\bthe articles?\b", statement.text)


def test_a_clinic_sets_its_units_and_language_tags(content: Path) -> None:
    branding = load_content(content).branding
    assert (branding.units, branding.language_tags) == (
        Units.IMPERIAL,
        LanguageTags("en-US", "es-US"),
    )
    (content / "branding.yaml").write_text("units: Metric\nlanguage_tags:\n  es: es-MX\n")
    branding = load_content(content).branding
    assert (branding.units, branding.language_tags) == (
        Units.METRIC,
        LanguageTags("en-US", "es-MX"),
    )


def test_units_and_language_tags_that_cannot_be_used_are_reported(content: Path) -> None:
    (content / "branding.yaml").write_text(
        "units: miles\nlanguage_tags:\n  en: es-US\n  es: es-XX\n"
    )
    assert problems_of(content) == [
        "content/branding.yaml:1:8: units: expected one of imperial, metric but got text 'miles'",
        "content/branding.yaml:3:7: language_tags.en: expected an English language tag (like "
        "'en-US' or 'en-GB') but got text 'es-US'",
    ]
    (content / "branding.yaml").write_text("language_tags:\n  es: es-XX\n")
    assert problems_of(content) == [
        "content/branding.yaml:2:7: language_tags.es: expected a language tag whose dates and "
        "numbers are known (like 'es-US') but got 'es-XX', which names no known country"
    ]


REGIONS = (
    "quadriceps, hamstrings, glutes, calves, tibialis anterior, hip flexors, adductors, "
    "abductors, adductors and abductors, abdominals, lower back"
)


def test_each_muscle_row_names_its_region_on_the_map(content: Path) -> None:
    topic = load_content(content).topic("heel-walk")
    assert [m.region for m in topic.activation.muscles] == [
        Region.TIBIALIS_ANTERIOR,
        Region.CALVES,
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "region: calves",
            "region: knee",
            f"{TOPIC}:21:15: activation.muscles[1].region: expected one of {REGIONS} but got "
            "text 'knee'",
        ),
        (
            "region: calves",
            "region: calf",
            f"{TOPIC}:21:15: activation.muscles[1].region: expected one of {REGIONS} but got "
            "text 'calf'; did you mean 'calves'?",
        ),
        (
            "      region: calves\n",
            "",
            f"{TOPIC}:19:7: activation.muscles[1].region: expected one of {REGIONS} but the "
            "field is missing; add 'region:'",
        ),
        (
            "region: calves",
            "region: Tibialis  Anterior",
            f"{TOPIC}:21:15: activation.muscles[1].region: expected a region no other row "
            "shades on the muscle map but got 'tibialis anterior', which activation.muscles[0] "
            "shades too; give each row its own region, or make the two rows one",
        ),
    ],
    ids=["unknown", "misspelled", "missing", "twice"],
)
def test_a_region_off_the_list_or_shaded_twice_is_refused(
    content: Path, old: str, new: str, expected: str
) -> None:
    edit(content / "topics" / "heel-walk.yaml", old, new)
    assert problems_of(content) == [expected]


def test_a_region_of_two_may_not_overlap_a_row_of_one(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(topic, "region: tibialis anterior", "region: adductors and abductors")
    edit(topic, "region: calves", "region: abductors")
    assert problems_of(content) == [
        f"{TOPIC}:21:15: activation.muscles[1].region: expected a region no other row shades "
        "on the muscle map but got 'abductors', which activation.muscles[0] ('adductors and "
        "abductors') shades too; give each row its own region, or make the two rows one",
    ]
