"""Speeds in the clinic's unit: the content's, the prescription's, in every language."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pypdf

from handouts import deck, languages, outline, pdf, units
from handouts.locale import catalogue
from handouts.model import Units
from handouts.options import DeckOptions, PdfOptions
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")
METRIC = dataclasses.replace(
    SHIPPED, branding=dataclasses.replace(SHIPPED.branding, units=Units.METRIC)
)


def test_a_speed_in_the_other_unit_is_converted_to_a_tenth() -> None:
    metric = catalogue("en", metric=True)
    assert units.speeds("Walk at 0.5–1.0 mph on a flat belt.", metric) == (
        "Walk at 0.8–1.6 km/h on a flat belt."
    )
    assert units.speeds("Up to 2 mph (3 miles per hour is too fast).", metric) == (
        "Up to 3.2 km/h (3 kilometers per hour is too fast)."
    )
    assert units.speeds("A 2.4 km/h walk.", catalogue("en")) == "A 1.5 mph walk."
    same = "Walk at 2.4 km/h, in 10 minutes, 3 mphx."
    assert units.speeds(same, metric) is same  # km/h already; "mphx" is no unit
    spanish = catalogue("es", "es-ES", metric=True)
    assert units.speeds("Camine a 0.5–1.0 mph (millas por hora).", spanish) == (
        "Camine a 0,8–1,6 km/h (kilómetros por hora)."
    )


def test_content_in_the_clinics_unit_is_the_same_object() -> None:
    assert units.in_units(SHIPPED, catalogue("en")) is SHIPPED
    converted = units.in_units(SHIPPED, catalogue("en", metric=True))
    assert converted is not SHIPPED
    assert converted.topic("backward-walking") is SHIPPED.topic("backward-walking")


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _deck_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")
        )


def _documents(content, lang: str) -> dict[str, str]:
    text, cat = languages.written_in(content, lang)
    topic = text.topic("reverse-treadmill-walking")
    rx = Path(REPO / "prescriptions" / "example.yaml").read_text()
    rx = rx.replace("backward-pedaling", "reverse-treadmill-walking")
    rx = rx.replace("resistance: level 1 (lowest)", "speed_mph: 0.8")
    return {
        "handout": _pdf_text(pdf.render(outline.topic_handout(topic, text, cat), PdfOptions())),
        "deck": _deck_text(deck.render(outline.topic_lesson(topic, text, cat), DeckOptions())),
        "program": _pdf_text(
            pdf.render(outline.program(_prescription(rx, content), text, cat), PdfOptions(), "")
        ),
    }


def _prescription(text: str, content):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rx.yaml"
        path.write_text(text)
        return load_prescription(path, content)


def test_a_metric_clinic_reads_km_h_everywhere_in_both_languages() -> None:
    for lang, slow in (("en", "Very slowly, at 0.8–1.6 km/h."), ("es", "a 0.8–1.6 km/h.")):
        documents = _documents(METRIC, lang)
        for name, text in documents.items():
            assert "mph" not in text and "millas" not in text, (lang, name)
            assert "km/h" in text, (lang, name)
        assert slow in documents["handout"], lang
        assert "1.3 km/h" in documents["program"], lang  # speed_mph: 0.8, converted
    assert "(kilómetros por hora)" in _documents(METRIC, "es")["handout"]


def test_a_us_clinic_reads_mph_in_both_languages() -> None:
    for lang in ("en", "es"):
        documents = _documents(SHIPPED, lang)
        for name, text in documents.items():
            assert "km/h" not in text and "kilómetros" not in text, (lang, name)
        assert "0.5–1.0 mph" in documents["handout"], lang
        assert "0.8 mph" in documents["program"], lang
