"""A program is one patient's own: its header, its progression, a question answered once."""

from __future__ import annotations

import io
from dataclasses import replace

import pypdf
import pytest

from handouts import outline, pdf
from handouts.locale import catalogue
from handouts.model import Content, Prescription
from handouts.options import PdfOptions
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")
EXAMPLE = load_prescription(REPO / "prescriptions" / "example.yaml", SHIPPED)


def pages(prescription: Prescription, content: Content = SHIPPED, lang: str = "en") -> list[str]:
    """Draw a program and read each page's text back, its spaces made single."""
    handout = outline.program(prescription, content, catalogue(lang))
    data = pdf.render(handout, PdfOptions(prescription.paper.value, prescription.large_print))
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def fields(prescription: Prescription, content: Content = SHIPPED) -> set[str]:
    """Return the names of a program's form fields."""
    data = pdf.render(outline.program(prescription, content, catalogue("en")), PdfOptions())
    return set(pypdf.PdfReader(io.BytesIO(data)).get_fields() or {})


def branded(clinic: str, contact: str) -> Content:
    """Return the shipped content with a clinic's name and contact line."""
    branding = replace(SHIPPED.branding, clinic_name=clinic, contact_line=contact)
    return replace(SHIPPED, branding=branding)


def test_the_header_names_the_therapist_and_their_contact_not_write_in_lines() -> None:
    first = pages(EXAMPLE)[0]
    assert first.startswith("Your therapist: Alex Rivera, PT Contact: 555-0100 ")
    assert "Clinic:" not in first and "Phone:" not in first and "Therapist:" not in first
    assert not {name for name in fields(EXAMPLE) if name.startswith("header.")}


def test_a_clinics_header_keeps_its_name_and_line_and_adds_the_therapist() -> None:
    content = branded("Riverside PT", "12 Front St · 555-0199")
    every = pages(EXAMPLE, content)
    assert every[0].startswith(
        "Riverside PT 12 Front St · 555-0199 · Your therapist: Alex Rivera, PT, 555-0100"
    )
    assert "Riverside PT" in every[1]  # later pages' running header
    assert not {name for name in fields(EXAMPLE, content) if name.startswith("header.")}


def test_without_a_contact_the_header_says_to_ask_for_one() -> None:
    nobody = replace(EXAMPLE, clinician=replace(EXAMPLE.clinician, contact=""))
    assert pages(nobody)[0].startswith(
        "Your therapist: Alex Rivera, PT Ask your therapist for a number to call."
    )
    content = branded("Riverside PT", "")
    assert pages(nobody, content)[0].startswith("Riverside PT Your therapist: Alex Rivera, PT ")


@pytest.mark.parametrize("contact", ["555-0100", ""])
def test_the_spanish_header_is_in_spanish(contact: str) -> None:
    rx = replace(EXAMPLE, clinician=replace(EXAMPLE.clinician, contact=contact))
    first = pages(rx, lang="es")[0]
    assert first.startswith("Su terapeuta: Alex Rivera, PT")
    assert ("Contacto: 555-0100" if contact else "Pida a su terapeuta un número") in first


def test_the_plan_shows_the_progression_prescribed_or_says_the_therapist_decides() -> None:
    text = " ".join(pages(EXAMPLE))
    # The clinician's words for the walk; the ride has none: never "only as your plan says".
    assert "Progress Add 30 seconds each week if your knee feels fine the next day." in text
    assert "Progress Your therapist will tell you when to do more." in text
    assert "Do more only as your plan says" not in text
    walk = replace(EXAMPLE.topics[0], progression="")
    text = " ".join(pages(replace(EXAMPLE, topics=(walk,))))
    assert "Progress Add 30 seconds to each session every week, up to 5 minutes." in text
    spanish = " ".join(pages(replace(EXAMPLE, topics=(walk,)), lang="es"))
    assert "Cada semana, añada 30 segundos a cada sesión, hasta llegar a 5 minutos." in spanish


KNEECAP = "I have kneecap pain. Why can I walk backward, but not pedal backward?"


def test_the_kneecap_question_is_answered_once_next_to_the_pedaling_precaution() -> None:
    every = pages(EXAMPLE)
    text = " ".join(every)
    assert text.count(KNEECAP) == 1
    # Walking says it can help kneecap pain; pedaling says it is not for it, and the answer
    # why follows straight after, before the steps of pedaling.
    assert "People with knee arthritis or pain around the kneecap." in text
    pedal = text.index("You have pain around your kneecap. This puts more pressure on it.")
    answer = text.index(KNEECAP)
    steps = text.index("Use only an exercise bike that stays in one place.")
    assert pedal < answer < steps
    assert "Ask your therapist what suits your knee." in text[answer:steps]


def test_a_program_of_one_exercise_keeps_its_questions_where_they_are() -> None:
    walk_only = replace(EXAMPLE, topics=EXAMPLE.topics[:1])
    text = " ".join(pages(walk_only))
    assert text.count(KNEECAP) == 1
    assert text.index(KNEECAP) > text.index("How it can help")
