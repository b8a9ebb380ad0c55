"""A bilingual handout: each language's pages whole, in order, in one file."""

from __future__ import annotations

import io

import pypdf

from handouts import bilingual, languages, outline
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
