"""The exercise log: who fills it in, a line for every session, each week's own target."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pypdf

from handouts import outline, pdf
from handouts.locale import catalogue
from handouts.model import Prescription
from handouts.options import PdfOptions
from handouts.translations import translate_content
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")
EXAMPLE = load_prescription(REPO / "prescriptions" / "example.yaml", SHIPPED)


def drawn(prescription: Prescription, lang: str = "en") -> pypdf.PdfReader:
    """Draw a program in ``lang`` and open it."""
    content = SHIPPED if lang == "en" else translate_content(SHIPPED, lang)
    handout = outline.program(prescription, content, catalogue(lang))
    options = PdfOptions(prescription.paper.value, prescription.large_print)
    return pypdf.PdfReader(io.BytesIO(pdf.render(handout, options)))


def log_text(reader: pypdf.PdfReader) -> str:
    """Return the text of the log's pages, from its heading on, spaces made single."""
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return text[text.rindex("Exercise log for") if "Exercise log for" in text else 0 :]


def weeks(text: str, exercise: str) -> dict[int, list[str]]:
    """Return each week's targets of one exercise, as the log's lines print them."""
    found: dict[int, list[str]] = {}
    # A week's number starts its first line; its other lines follow until the next number.
    for week, body in re.findall(r"(?:^| )(\d+) (Backward .*?)(?= \d+ Backward |$)", text):
        found[int(week)] = re.findall(re.escape(exercise) + r" (\d+ min(?: \d+ s)?)", body)
    return found


def test_each_week_of_the_log_prints_that_weeks_progressed_target() -> None:
    text = log_text(drawn(EXAMPLE))
    # minutes: 2, add_minutes_each_week: 0.5, up_to_minutes: 5; three walks a week.
    assert weeks(text, "Backward walking") == {
        1: ["2 min"] * 3,
        2: ["2 min 30 s"] * 3,
        3: ["3 min"] * 3,
        4: ["3 min 30 s"] * 3,
    }
    # The ride has no weekly step: the same target every week, on every line, under its
    # log name (the title wraps onto three lines in the log's narrow column).
    assert text.count("Backward pedaling 5 min, level 1 (lowest)") == 12
    assert "Backward pedaling on an exercise bike 5 min" not in text


def test_the_log_calls_an_exercise_by_its_title_when_it_has_no_log_name() -> None:
    riding = replace(SHIPPED.topic("backward-pedaling"), log_name="")
    content = replace(
        SHIPPED, topics=tuple(riding if t.id == riding.id else t for t in SHIPPED.topics)
    )
    handout = outline.program(EXAMPLE, content, catalogue("en"))
    reader = pypdf.PdfReader(io.BytesIO(pdf.render(handout, PdfOptions())))
    assert log_text(reader).count("Backward pedaling on an exercise bike 5 min") == 12


def test_the_log_runs_to_the_review_and_stops_growing_at_the_limit() -> None:
    dose = replace(EXAMPLE.topics[0], up_to_minutes=4.0)
    six_weeks = EXAMPLE.date.replace(year=2027, month=1, day=1)
    rx = replace(EXAMPLE, topics=(dose,), review_on=six_weeks)
    reader = drawn(rx)
    text = log_text(reader)
    assert weeks(text, "Backward walking") == {
        1: ["2 min"] * 3,
        2: ["2 min 30 s"] * 3,
        3: ["3 min"] * 3,
        4: ["3 min 30 s"] * 3,
        5: ["4 min"] * 3,
        6: ["4 min"] * 3,
    }
    fields = reader.get_fields() or {}
    # A line, and a box to tick, for every session until the review: 6 weeks of 3.
    ticks = [name for name in fields if re.fullmatch(r"log\.\d+\.done", name)]
    assert len(ticks) == 18 and all(fields[name]["/FT"] == "/Btn" for name in ticks)


def test_the_log_says_who_fills_it_in_and_leaves_room_to_write() -> None:
    reader = drawn(EXAMPLE)
    text = log_text(reader)
    assert text.startswith(
        "Exercise log for J. S. You fill this in: write the date and tick each session you do."
    )
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            field = annot.get_object()
            if re.fullmatch(r"log\.\d+\.(date|notes)", field["/T"]):
                low, high = float(field["/Rect"][1]), float(field["/Rect"][3])
                assert round(high - low, 2) >= 20, field["/T"]  # handwriting room, not a hairline
                if field["/T"].endswith("notes"):
                    width = float(field["/Rect"][2]) - float(field["/Rect"][0])
                    assert width >= 0.16 * 7.5 * 72 - 4


def test_a_spanish_log_is_in_spanish_with_the_same_targets() -> None:
    rx = replace(EXAMPLE, language=EXAMPLE.language.__class__("es"))
    text = " ".join(" ".join(p.extract_text().split()) for p in drawn(rx, "es").pages)
    assert "Este registro lo llena usted: escriba la fecha y marque cada sesión que haga." in text
    assert "2 min 30 s" in text and "3 min 30 s" in text
    assert "Your" not in text[text.index("Registro de ejercicio de J. S.") :]


def test_a_class_packs_log_has_a_name_line_and_a_line_for_every_session() -> None:
    handout = outline.class_pack(SHIPPED.program, SHIPPED, catalogue("en"))
    reader = pypdf.PdfReader(io.BytesIO(pdf.render(handout, PdfOptions())))
    fields = reader.get_fields() or {}
    assert "log.name" in fields
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    log = text[text.rindex("Exercise log Name:") :]
    assert log.startswith("Exercise log Name: You fill this in: write the date and tick")
    # Each exercise of the class, up to three times a week (the most any topic advises), for
    # four weeks: a line and a box to tick for every one.
    titles = [SHIPPED.topic(t).short_title for t in SHIPPED.program.topics]
    ticks = [name for name in fields if re.fullmatch(r"log\.\d+\.done", name)]
    assert len(ticks) == 4 * 3 * len(titles)
    for title in titles:
        assert log.count(title) == 4 * 3


def test_a_class_log_says_to_do_only_the_exercises_that_suit_you_and_a_program_does_not() -> None:
    # A class log lists all the class's exercises; pedaling is not for kneecap pain.
    handout = outline.class_pack(SHIPPED.program, SHIPPED, catalogue("en"))
    reader = pypdf.PdfReader(io.BytesIO(pdf.render(handout, PdfOptions())))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    said = "Do only the exercises your therapist says suit you."
    assert said in text[text.rindex("Exercise log Name:") :]
    assert said not in log_text(drawn(EXAMPLE))


def test_a_spanish_large_print_log_on_a4_fits_its_headings_and_leaves_room_for_notes() -> None:
    # Its headings at full size ("Esfuerzo 0-10", "Minutos hechos") left the notes 2 pt, and
    # the class pack could not be laid out; the heading row is set smaller instead.
    spanish = translate_content(SHIPPED, "es")
    handout = outline.class_pack(spanish.program, spanish, catalogue("es"))
    data = pdf.render(handout, PdfOptions("a4", large_print=True))
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [
        p
        for p in reader.pages
        if any("log." in str(a.get_object().get("/T", "")) for a in p.get("/Annots", []))
    ]
    assert pages
    for page in pages:
        words = set(page.extract_text().split())
        assert {"Semana", "Fecha", "Ejercicio", "Notas"} <= words
    notes = [
        a.get_object()
        for a in pages[0]["/Annots"]
        if str(a.get_object().get("/T", "")).endswith(".notes")
    ]
    assert notes
    left, _, right, _ = (float(v) for v in notes[0]["/Rect"])
    assert right - left >= 0.15 * (595.27 - 72)
