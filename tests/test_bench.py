"""Tests for handouts.bench: what it reads back from the PDFs it compares, and what it judges."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from handouts import outline, pdf
from handouts.bench import floor, handout_target, pages_and_words, unlike
from handouts.locale import for_clinic
from handouts.options import PdfOptions
from handouts.validate import load_content

REPO = Path(__file__).resolve().parent.parent


def test_pages_and_words_count_what_a_reader_copies() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 700, "Walk backward slowly")
    canvas.showPage()
    canvas.drawString(72, 700, "Stop if it hurts")
    canvas.showPage()
    canvas.save()
    assert pages_and_words(buffer.getvalue()) == (2, 7)


def test_a_floor_with_the_same_pages_and_nearly_the_same_words_is_like_for_like() -> None:
    assert unlike("walk", (3, 1000), (3, 1000)) is None
    assert unlike("walk", (3, 1000), (3, 970)) is None  # 3 % is the most
    assert unlike("walk", (3, 1000), (3, 1030)) is None


def test_a_floor_with_fewer_or_more_words_is_not_like_for_like() -> None:
    assert unlike("walk", (3, 1211), (3, 845)) == (
        "walk: the floor draws 845 words, ours 1211 (more than 3% apart)"
    )
    assert unlike("walk", (3, 1000), (3, 1031)) == (
        "walk: the floor draws 1031 words, ours 1000 (more than 3% apart)"
    )


def test_a_floor_with_other_pages_is_not_like_for_like() -> None:
    assert unlike("walk", (3, 1000), (4, 1000)) == "walk: the floor draws 4 pages, ours 3"


def test_the_handout_target_fails_against_a_floor_that_draws_something_else() -> None:
    # However good the ratio, it says nothing against a floor that draws less.
    target = handout_target(0.9, ["walk: the floor draws 4 pages, ours 3"])
    assert not target.met
    assert target.text == (
        "handout PDF at most 1.3x the floor: 0.90x, but not like-for-like: "
        "walk: the floor draws 4 pages, ours 3"
    )


def test_the_handout_target_judges_the_ratio_like_for_like() -> None:
    assert handout_target(1.3, []).met
    assert handout_target(1.25, []).text == "handout PDF at most 1.3x the floor: 1.25x"
    assert not handout_target(1.31, []).met


@pytest.mark.parametrize("index", [0, 1, 2])
def test_the_floor_draws_what_ours_draws(index: int) -> None:
    # The floor reads its words from the outline: when ours prints more, so does it.
    content = load_content(REPO / "content")
    cat = for_clinic(content.branding, "en")
    topic = content.topics[index]
    ours = pdf.render(outline.topic_handout(topic, content, cat), PdfOptions())
    drawn = floor.handout(topic, content, cat)
    (pages, words), (floor_pages, floor_words) = pages_and_words(ours), pages_and_words(drawn)
    assert floor_pages == pages
    assert abs(floor_words - words) <= 0.02 * words
    # The same form fields: the clinic's write-in lines, the boxes to tick, the plan.
    fields = sorted(PdfReader(io.BytesIO(ours)).get_fields() or {})
    assert "header.clinic" in fields
    assert sorted(PdfReader(io.BytesIO(drawn)).get_fields() or {}) == fields
