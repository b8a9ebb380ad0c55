"""Validation: every kind of bad content gets one located line with the exact wording."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handouts.model import Level
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
        f"{TOPIC}:38:1: precuations: unknown key 'precuations'; did you mean 'precautions'?",
    ),
    (
        "missing field points at its parent",
        "  frequency: Most days.\n",
        "",
        f"{TOPIC}:29:1: dosage.frequency: expected a statement but the field is missing; "
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
        f"{TOPIC}:49:13: faq[0].answer: expected text "
        'but got a yes/no value (no); put it in quotes ("no") if you mean it as text',
    ),
    (
        "YAML 1.1 number is not text",
        "- Clear the floor.",
        "- 1.10",
        f"{TOPIC}:37:5: checklist[0]: expected text "
        'but got a number (1.10); put it in quotes ("1.10") if you mean it as text',
    ),
    (
        "value off the activation scale",
        "backward: high",
        "backward: very high",
        f"{TOPIC}:16:17: activation.muscles[0].backward: expected one of low, low to moderate, "
        "moderate, moderate to high, high but got text 'very high'; did you mean 'high'?",
    ),
    (
        "empty required list",
        "benefits:\n  - Stronger shins.",
        "benefits: []",
        f"{TOPIC}:23:11: benefits: expected at least one item but got an empty list; "
        "add a statement or remove the key if it is optional",
    ),
    (
        "source reference that does not resolve",
        "  - text: Walk 10 steps on your heels.\n    sources: [test-article]",
        "  - text: Walk 10 steps on your heels.\n    sources: [test-artcle]",
        f"{TOPIC}:28:15: steps[1].sources[0]: expected the id of one of this topic's sources "
        "(test-article) but got 'test-artcle'; did you mean 'test-article'?",
    ),
    (
        "number without a source",
        "  duration:\n    text: 1 minute.\n    sources: [test-article]",
        "  duration: 1 minute.",
        f"{TOPIC}:31:13: dosage.duration: expected a source for the number '1' but got none; "
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
        f"{TOPIC}:58:9: sources[1].id: duplicate source id 'test-article' (also sources[0]); "
        "give each source its own id",
    ),
    (
        "date that is not a date",
        "reviewed_on: 2026-01-01",
        "reviewed_on: 2026-02-30",
        f"{TOPIC}:59:16: review.reviewed_on: expected a real date (YYYY-MM-DD) "
        "but got 2026-02-30, which is not one",
    ),
    (
        "date written as words",
        "review_due: 2027-01-01",
        "review_due: next year",
        f"{TOPIC}:60:15: review.review_due: expected a date written YYYY-MM-DD "
        "but got text 'next year'",
    ),
    (
        "review due before review",
        "review_due: 2027-01-01",
        "review_due: 2025-01-01",
        f"{TOPIC}:60:15: review.review_due: expected a date after reviewed_on (2026-01-01) "
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
        f"{TOPIC}:29:8: dosage: expected a mapping of fields but got nothing",
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
