"""Every drawing is in the PDF, as vectors, on the page of the steps it shows."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from reportlab.lib.units import mm as MM

from handouts import outline, pdf
from handouts.locale import catalogue
from handouts.model import Content, Topic
from handouts.options import PdfOptions
from handouts.pdf import figured
from handouts.pdf.drawing import PictureFlowable
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")
EN = catalogue("en")


def _pages(data: bytes) -> list[str]:
    """Return each page's text with its lines joined, as a reader's search finds it."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def _start(text: str) -> str:
    """Return the first words of a step: enough to be found only where the step is."""
    return " ".join(text.split()[:8])


def _handout(topic: Topic, large: bool = False) -> bytes:
    return pdf.render(outline.topic_handout(topic, SHIPPED, EN), PdfOptions(large_print=large))


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large-print"])
@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_every_caption_is_on_the_page_of_its_step(topic: Topic, large: bool) -> None:
    pages = _pages(_handout(topic, large))
    assert len(topic.figures) >= 2
    for figure in topic.figures:
        step = _start(topic.steps[figure.step - 1].text)
        with_caption = [n for n, page in enumerate(pages) if figure.caption in page]
        with_step = [n for n, page in enumerate(pages) if step in page]
        assert with_caption and with_caption == with_step, (figure.caption, step)


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_drawings_are_vectors_never_images(topic: Topic) -> None:
    reader = pypdf.PdfReader(io.BytesIO(_handout(topic)))
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert not any(xobjects[n]["/Subtype"] == "/Image" for n in xobjects)
    # Round caps and joins are set only to draw a figure: a page that shows one has them.
    figure_pages = {
        n
        for n, text in enumerate(_pages(_handout(topic)))
        if any(f.caption in text for f in topic.figures)
    }
    for n in figure_pages:
        ops = reader.pages[n].get_contents().get_data()
        assert b"1 J" in ops and b"1 j" in ops
        assert len(re.findall(rb"\bl\b", ops)) > 40  # lines of limbs, rails and arrows


def _flowables(topic: Topic, large: bool) -> list[object]:
    from handouts.outline.blocks import Points
    from handouts.pdf.blocks import points
    from handouts.pdf.forms import FieldNames
    from handouts.pdf.styles import register_fonts, styles

    register_fonts()
    (steps,) = [
        b
        for b in outline.topic_handout(topic, SHIPPED, EN).parts[0].blocks
        if isinstance(b, Points) and b.heading.key == "steps"
    ]
    look = styles(outline.topic_handout(topic, SHIPPED, EN).brand, large, 540)
    return points(steps, look, FieldNames(""))


def _pictures(flowables: list[object]) -> list[PictureFlowable]:
    found = []
    for item in flowables:
        if isinstance(item, PictureFlowable):
            found.append(item)
        for row in getattr(item, "_cellvalues", []):
            for cell in row:
                found += _pictures(cell if isinstance(cell, list) else [cell])
        found += _pictures(getattr(item, "_content", []))
    return found


def test_drawings_are_48_mm_and_grow_with_the_type_in_large_print() -> None:
    topic = SHIPPED.topic("backward-walking")
    standard, large = _pictures(_flowables(topic, False)), _pictures(_flowables(topic, True))
    assert len(standard) == len(large) == len(topic.figures)
    assert {round(p.width, 2) for p in standard} == {round(figured.WIDTH, 2)}
    assert 45 * MM <= figured.WIDTH <= 60 * MM  # recognisable printed, two pages a topic
    assert {round(p.width, 2) for p in large} == {round(figured.WIDTH * 18 / 11, 2)}
    assert [p.alt for p in standard] == [f.alt for f in topic.figures]


def test_a_personalised_program_shows_every_prescribed_topics_drawings() -> None:
    prescription = load_prescription(REPO / "prescriptions" / "example.yaml", SHIPPED)
    options = PdfOptions(prescription.paper.value, prescription.large_print)
    text = " ".join(_pages(pdf.render(outline.program(prescription, SHIPPED, EN), options)))
    prescribed = [SHIPPED.topic(dose.topic) for dose in prescription.topics]
    assert prescribed
    for topic in prescribed:
        for figure in topic.figures:
            assert figure.caption in text


def test_the_class_pack_shows_every_topics_drawings(shipped: Path) -> None:
    content: Content = load_content(shipped)
    data = pdf.render(outline.class_pack(content.program, content, EN), PdfOptions())
    text = " ".join(_pages(data))
    for topic in content.topics:
        for figure in topic.figures:
            assert figure.caption in text


def test_a_handout_with_drawings_is_the_same_bytes_every_time() -> None:
    topic = SHIPPED.topic("reverse-treadmill-walking")
    assert _handout(topic) == _handout(topic)


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_each_drawing_is_tagged_a_figure_with_its_alt_text(topic: Topic) -> None:
    import pikepdf

    with pikepdf.open(io.BytesIO(_handout(topic))) as tagged:
        alts = [
            str(obj.Alt)
            for obj in tagged.objects
            if isinstance(obj, pikepdf.Dictionary)
            and obj.get("/Type") == "/StructElem"
            and obj.get("/S") == "/Figure"
        ]
    for figure in topic.figures:
        assert alts.count(figure.alt) == 1
