"""Every drawing is on its steps' slide, beside the text, as native shapes with alt text."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from handouts import deck, outline
from handouts.deck.layouts import body_of
from handouts.locale import catalogue
from handouts.model import Topic
from handouts.options import DeckOptions
from handouts.validate import load_content
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")
EN = catalogue("en")


def _slides(data: bytes) -> list[object]:
    return list(Presentation(io.BytesIO(data)).slides)


def _groups(slide: object) -> list[object]:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]  # type: ignore[attr-defined]


def _first_words(text: str) -> str:
    return " ".join(text.split()[:6])


@pytest.fixture(scope="module")
def decks() -> dict[str, bytes]:
    """Each topic's deck and the class deck."""
    made = {
        t.id: deck.render(outline.topic_lesson(t, SHIPPED, EN), DeckOptions())
        for t in SHIPPED.topics
    }
    made["class"] = deck.render(outline.class_lesson(SHIPPED.program, SHIPPED, EN), DeckOptions())
    return made


def _check_figures(data: bytes, topic: Topic) -> None:
    slides = _slides(data)
    for figure in topic.figures:
        step = _first_words(topic.steps[figure.step - 1].text)
        (slide,) = [
            s
            for s in slides
            if any(g._element.nvGrpSpPr.cNvPr.get("descr") == figure.alt for g in _groups(s))
        ]
        body = body_of(slide)
        assert body is not None and step in " ".join(body.text_frame.text.split())
        (group,) = [
            g for g in _groups(slide) if g._element.nvGrpSpPr.cNvPr.get("descr") == figure.alt
        ]
        (caption,) = [s for s in slide.shapes if s.name == "Caption"]
        assert caption.text_frame.text == figure.caption
        # Beside the text, never over it: the placeholder was narrowed to what was measured.
        assert group.left >= body.left + body.width
        assert caption.left >= body.left + body.width
        assert caption.top >= group.top + group.height - 1  # under the drawing
        assert len(group.shapes) > 20  # native shapes: limbs, equipment, arrows


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_every_drawing_is_on_its_steps_slide_with_its_alt_text(
    decks: dict[str, bytes], topic: Topic
) -> None:
    _check_figures(decks[topic.id], topic)


def test_the_class_deck_shows_every_topics_drawings(decks: dict[str, bytes]) -> None:
    for topic in SHIPPED.topics:
        _check_figures(decks["class"], topic)


def test_drawings_are_shapes_not_pictures(decks: dict[str, bytes]) -> None:
    for data in decks.values():
        for slide in _slides(data):
            for group in _groups(slide):
                assert all(s.shape_type != MSO_SHAPE_TYPE.PICTURE for s in group.shapes)


def test_step_numbers_carry_on_beside_the_second_drawing(decks: dict[str, bytes]) -> None:
    topic = SHIPPED.topic("reverse-treadmill-walking")
    second = topic.figures[1]
    (slide,) = [
        s
        for s in _slides(decks[topic.id])
        if any(g._element.nvGrpSpPr.cNvPr.get("descr") == second.alt for g in _groups(s))
    ]
    body = body_of(slide)
    number = body.text_frame.paragraphs[0]._p.find(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/main}buAutoNum"
    )
    assert number is not None and number.get("startAt") == str(second.step)


def test_decks_with_drawings_are_the_same_bytes_every_time() -> None:
    topic = SHIPPED.topic("backward-pedaling")
    lesson = outline.topic_lesson(topic, SHIPPED, EN)
    assert deck.render(lesson, DeckOptions()) == deck.render(lesson, DeckOptions())
