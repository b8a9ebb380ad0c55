"""A bilingual handout: each language's pages whole, in order, in one file."""

from __future__ import annotations

import io

import pikepdf
import pypdf

from handouts import bilingual, languages, outline, pdfua
from handouts.options import PdfOptions
from handouts.validate import load_content
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")


def _bilingual(*langs: str) -> bytes:
    handouts = []
    for lang in langs:
        content, cat = languages.written_in(SHIPPED, lang)
        handouts.append(outline.topic_handout(content.topic("backward-walking"), content, cat))
    return bilingual.render(handouts, PdfOptions(languages=langs))


def test_each_language_has_its_own_complete_run_of_pages() -> None:
    reader = pypdf.PdfReader(io.BytesIO(_bilingual("en", "es")))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    # Spanish takes more room than English: each language numbers its own pages.
    (half,) = [n for n, text in enumerate(texts) if "Página 1 de" in text]
    english, spanish = texts[:half], texts[half:]
    assert "Is this for you?" in english[0]
    assert "¿Es para usted?" in spanish[0]
    assert "Llame al 911 ahora si:" in spanish[0]
    for number, page in enumerate(english, start=1):
        assert f"Page {number} of {len(english)}" in page
    for number, page in enumerate(spanish, start=1):
        assert f"Página {number} de {len(spanish)}" in page
    assert "Where this comes from" in english[-1]
    assert "De dónde viene esta información" in spanish[-1]


def test_the_two_plans_are_separate_fields_and_the_file_keeps_its_title() -> None:
    reader = pypdf.PdfReader(io.BytesIO(_bilingual("es", "en")))
    fields = reader.get_fields() or {}
    assert "es-US.backward-walking.plan.minutes" in fields
    assert "en-US.backward-walking.plan.minutes" in fields
    assert reader.metadata.title == "Caminar hacia atrás / Backward walking"
    assert reader.trailer["/Root"]["/Lang"] == "es-US"
    assert "¿Es para usted?" in reader.pages[0].extract_text()


def test_a_bilingual_file_is_byte_identical_run_to_run() -> None:
    assert _bilingual("en", "es") == _bilingual("en", "es")


def _bookmarks(data: bytes) -> list[tuple[int, str, int]]:
    """Every bookmark as (depth, title, page number it opens), in order."""
    found: list[tuple[int, str, int]] = []
    with pikepdf.open(io.BytesIO(data)) as file:
        pages = {page.objgen: n for n, page in enumerate(file.pages, start=1)}
        with file.open_outline() as outline_:

            def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
                for item in items:
                    found.append((depth, item.title, pages[item.destination[0].objgen]))
                    walk(item.children, depth + 1)

            walk(outline_.root, 0)
    return found


def test_each_language_is_a_top_bookmark_with_its_sections_under_it() -> None:
    data = _bilingual("en", "es")
    marks = _bookmarks(data)
    texts = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    # Spanish takes more room than English: its half starts where its page 1 is.
    (half,) = [n for n, text in enumerate(texts) if "Página 1 de" in text]
    assert [m[1:] for m in marks if m[0] == 0] == [
        ("Backward walking", 1),
        ("Caminar hacia atrás", half + 1),
    ]
    spanish = marks.index((0, "Caminar hacia atrás", half + 1))
    english, rest = marks[1:spanish], marks[spanish + 1 :]
    assert [m[1] for m in english][:4] == [
        "Call 911 now if",
        "Is this for you?",
        "Before you start",
        "How to do it",
    ]
    assert [m[1] for m in rest][:4] == [
        "Llame al 911 ahora si",
        "¿Es para usted?",
        "Antes de empezar",
        "Cómo hacerlo",
    ]
    assert len(english) == len(rest) > 5
    assert all(depth == 1 and page <= half for depth, _, page in english)
    assert all(depth == 1 and page > half for depth, _, page in rest)
    # Each bookmark opens the page its section is on, in its own half.
    texts = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]
    for _, title, page in english + rest:
        assert title in texts[page - 1], (title, page)
    # Each half's sections in the same order, each on or after the page of the one before.
    for marks_of in (english, rest):
        assert [p for _, _, p in marks_of] == sorted(p for _, _, p in marks_of)
    assert pdfua.check(data) == []


def test_a_part_after_a_blank_back_page_keeps_its_bookmarks_on_its_own_pages() -> None:
    handouts = []
    for lang in ("es", "en"):
        content, cat = languages.written_in(SHIPPED, lang)
        handouts.append(outline.topic_handout(content.topic("backward-walking"), content, cat))
    data = bilingual.render(handouts, PdfOptions(languages=("es", "en")), "pt-1.", duplex=True)
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    first = next(n for n, text in enumerate(pages, start=1) if "Is this for you?" in text)
    assert first % 2 == 1  # English starts on a front side
    tops = [m[1:] for m in _bookmarks(data) if m[0] == 0]
    assert tops == [("Caminar hacia atrás", 1), ("Backward walking", first)]
    assert "pt-1.en-US.backward-walking.plan.minutes" in (reader.get_fields() or {})
    assert pdfua.check(data) == []
