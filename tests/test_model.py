"""The content model's one piece of text reading: the ``**bold**`` mark."""

from __future__ import annotations

import pytest

from handouts.model import (
    PLACEHOLDERS,
    Branding,
    Faq,
    ReadingLevel,
    Source,
    SourceKind,
    Statement,
    emphasis,
    plain,
)


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("plain", (("plain", False),)),
        ("", (("", False),)),
        ("**Stop** now", (("Stop", True), (" now", False))),
        ("a **b** c **d**", (("a ", False), ("b", True), (" c ", False), ("d", True))),
        ("a lone ** stays", (("a lone ** stays", False),)),
        ("**** empty", (("**** empty", False),)),
        ("**a** **", (("a", True), (" **", False))),
    ],
)
def test_emphasis_splits_on_pairs_of_marks(text: str, runs: tuple[tuple[str, bool], ...]) -> None:
    assert emphasis(text) == runs


def test_plain_drops_only_paired_marks() -> None:
    assert plain("**Stop** if it hurts; 2 ** 3") == "Stop if it hurts; 2 ** 3"


def test_the_program_placeholders_are_a_closed_list() -> None:
    # The lead's substitution and a prescription's checks rely on exactly these names.
    assert list(PLACEHOLDERS) == [
        "minutes",
        "times_a_week",
        "speed",
        "resistance",
        "incline",
        "hold",
    ]


def test_new_fields_default_to_what_content_written_before_them_means() -> None:
    statement = Statement("Go slowly.")
    assert not statement.claim and statement.prescribed == ""
    assert Source("a", "An article", "000_a.txt").kind is SourceKind.ARTICLE
    assert not Faq("Why?", statement).handout
    branding = Branding()
    assert branding.emergency_number == "911"
    assert branding.reading_level == ReadingLevel(grade=6.0, smog=8.0)
