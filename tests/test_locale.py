"""The catalogues: every key in every language, the same fields, nothing stale, no fallback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest

from handouts import deck, languages, locale, outline, pdf
from handouts.locale import LANGUAGES, MissingText, catalogue, entries, path, problems
from handouts.options import DeckOptions, PdfOptions
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")
TRANSLATED = languages.written_in(SHIPPED, "es")[0]
"""The shipped content in Spanish, as a Spanish build reads it."""


def test_every_catalogue_holds_every_key_with_its_fields_and_current_english() -> None:
    english = entries(path("en"))
    assert len(english) > 100
    for lang in LANGUAGES:
        assert problems(lang) == [], lang
        assert set(entries(path(lang))) == set(english), lang
        assert all(entry.text for entry in entries(path(lang)).values()), lang


def test_every_spanish_text_differs_from_the_english_but_fields_and_abbreviations() -> None:
    english, spanish = catalogue("en"), catalogue("es")
    same = {k for k in english.texts if english.texts[k] == spanish.texts[k]}
    # Only texts with no word to translate: fields, punctuation, and abbreviations both use.
    assert same == {
        "dose.target_minutes",  # {n} min
        "dose.target_min_sec",  # {n} min {s} s
        "dose.target_seconds",  # {s} s
        "dose.percent",
        "dosage.line",
        "numbered",
        "deck.continued",  # (cont.): continued, continuación
        "deck.continued_more",
        "class.titled",
        "unit.mph",
        "unit.kmh",
    }


def _catalogues(tmp_path: Path) -> Path:
    folder = tmp_path / "locale"
    shutil.copytree(locale.FOLDER, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def _edit(folder: Path, old: str, new: str) -> None:
    file = path("es", folder)
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_key_is_reported_with_the_english_it_lacks(tmp_path: Path) -> None:
    folder = _catalogues(tmp_path)
    _edit(
        folder, '#. en: Is this for you?\nmsgid "for_whom.heading"\nmsgstr "¿Es para usted?"\n', ""
    )
    (problem,) = problems("es", folder)
    assert str(problem) == (
        f"{path('es', folder)}: for_whom.heading: expected a Spanish text for "
        "'Is this for you?' but there is none"
    )


def test_an_empty_text_a_lost_field_and_a_stale_text_are_reported(tmp_path: Path) -> None:
    folder = _catalogues(tmp_path)
    _edit(folder, 'msgstr "Llame al {number} ahora si:"', 'msgstr "Llame al 911 ahora si:"')
    _edit(folder, 'msgstr "Antes de empezar"', 'msgstr ""')
    _edit(folder, "#. en: Key points\n", "#. en: Main points\n")
    found = [str(p).split(": ", 1)[1] for p in problems("es", folder)]
    assert sorted(found) == [
        "before.heading: expected a Spanish text for 'Before you start' but it is empty",
        "safety.emergency: expected the fields {number} but got none",
        "takeaways.heading: expected a translation of 'Key points' but it was translated from "
        "'Main points'; translate it again and update its '#. en:' line",
    ]
    assert all(re.match(r".*handouts\.po:\d+:1: ", str(p)) for p in problems("es", folder))


def test_the_fonts_draw_every_spanish_letter_and_a_text_they_cannot_is_reported(
    tmp_path: Path,
) -> None:
    assert {ord(c) for c in "áéíóúüñÁÉÍÓÚÜÑ¿¡«»–"} <= locale.printable()
    folder = _catalogues(tmp_path)
    _edit(folder, 'msgstr "Antes de empezar"', 'msgstr "Antes de empezar \u2b50"')
    (problem,) = problems("es", folder)
    assert str(problem).endswith(
        ": before.heading: expected characters the fonts can draw but got '\u2b50' (U+2B50)"
    )


def test_an_unknown_key_is_reported(tmp_path: Path) -> None:
    folder = _catalogues(tmp_path)
    file = path("es", folder)
    file.write_text(
        file.read_text(encoding="utf-8") + '\nmsgid "for_who.heading"\nmsgstr "¿Para usted?"\n',
        encoding="utf-8",
    )
    (problem,) = problems("es", folder)
    assert str(problem).endswith(
        ":1: for_who.heading: expected a key of the English catalogue but this is not one"
    )


def test_a_key_missing_at_run_time_raises_and_never_falls_back_to_english() -> None:
    spanish = catalogue("es")
    lacking = locale.Catalogue(
        "es", "es-US", {k: v for k, v in spanish.texts.items() if k != "faq.heading"}
    )
    with pytest.raises(MissingText, match=r"has no text for 'faq.heading'; run --check --lang es"):
        outline.topic_handout(SHIPPED.topics[0], SHIPPED, lacking)


def test_fields_are_filled_once_and_a_value_with_braces_is_printed_as_it_is() -> None:
    english = catalogue("en")
    assert english.text("safety.emergency", number="{number}") == "Call {number} now if:"
    assert english.text("page.page_of") == "Page {page} of {pages}"
    assert english.text("page.page_of", page="2") == "Page 2 of {pages}"


def test_dates_and_counts_in_each_language() -> None:
    day = dt.date(2026, 11, 20)
    assert catalogue("en").date(day) == "November 20, 2026"
    assert catalogue("es").date(day) == "20 de noviembre de 2026"
    assert catalogue("es").count("dose.minutes", "1") == "1 minuto"
    assert catalogue("es").count("dose.per_week", "3") == "3 veces a la semana"
    assert catalogue("en").count("dose.minutes", "0.5") == "0.5 minutes"


def test_a_spanish_handout_and_deck_carry_the_spanish_words_and_tag() -> None:
    spanish = catalogue("es")
    topic = SHIPPED.topic("backward-walking")
    handout = outline.topic_handout(topic, SHIPPED, spanish)
    lesson = outline.topic_lesson(topic, SHIPPED, spanish)
    assert handout.meta.lang == lesson.meta.lang == "es-US"
    headings = [getattr(b, "heading", None) for b in handout.parts[0].blocks]
    assert "¿Es para usted?" in [h.text for h in headings if h is not None]
    assert handout.parts[0].footer.disclaimer.startswith("**Esta hoja no reemplaza")
    assert handout.words.page_of == "Página {page} de {pages}"
    assert lesson.words.continued == " (cont.)"
    assert lesson.slides[1].block.heading.text == "Lo que va a aprender"


# -- Spanish documents hold no English from the tool ----------------------------------------


def english_fragments(content_text: str) -> list[str]:
    """Return the English catalogue's words, cut at its fields, that Spanish must not show.

    Left out: texts Spanish writes the same (``{n} min``), pieces of under five letters, and
    pieces the content itself says (its words are the content's, not the tool's).
    """
    english, spanish = catalogue("en"), catalogue("es")
    found = set()
    for key, text in english.texts.items():
        if spanish.texts[key] == text:
            continue
        for piece in re.split(r"\{\w+\}", text.replace("**", "")):
            piece = " ".join(piece.split()).strip(" .,:;()")
            if len(piece) >= 5 and not re.search(_word(piece), content_text):
                found.add(piece)
    return sorted(found)


def _word(piece: str) -> str:
    return r"(?<!\w)" + re.escape(piece) + r"(?!\w)"


def english_in(text: str, content_text: str) -> list[str]:
    """Return the English catalogue pieces found in a document's text."""
    flat = " ".join(text.split())
    return [p for p in english_fragments(content_text) if re.search(_word(p), flat)]


def strings(value: object) -> list[str]:
    """Every string an outline object holds, however deep."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in strings(getattr(value, f.name))]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in strings(item)]
    return []


def content_words(content) -> str:
    """Everything the content says, as one text."""
    return " ".join(" ".join(strings(t)) for t in (*content.topics, content.program))


def test_the_english_fragments_are_many_and_found_in_english_documents() -> None:
    # The check below could not fail if it looked for nothing, or for what English lacks.
    words = content_words(SHIPPED)
    fragments = english_fragments(words)
    assert len(fragments) > 100
    english = catalogue("en")
    handout = outline.topic_handout(SHIPPED.topics[0], SHIPPED, english)
    assert len(english_in(" ".join(strings(handout)), words)) > 40


def test_no_spanish_outline_holds_a_word_of_the_english_catalogue() -> None:
    spanish = catalogue("es")
    prescription = load_prescription(REPO / "prescriptions" / "example.yaml", TRANSLATED)
    documents = [
        *(outline.topic_handout(t, TRANSLATED, spanish) for t in TRANSLATED.topics),
        *(outline.topic_lesson(t, TRANSLATED, spanish) for t in TRANSLATED.topics),
        outline.class_pack(TRANSLATED.program, TRANSLATED, spanish),
        outline.class_lesson(TRANSLATED.program, TRANSLATED, spanish),
        outline.program(prescription, TRANSLATED, spanish),
    ]
    # What the clinician typed in the prescription (English here) is theirs, not the tool's.
    words = content_words(TRANSLATED) + " " + " ".join(strings(prescription))
    for document in documents:
        assert english_in(" ".join(strings(document)), words) == [], document.meta.title


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages)


def _deck_text(data: bytes) -> str:
    """Every text a deck holds: slides, tables, notes, the chart, alt text and properties."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [
            archive.read(name).decode()
            for name in archive.namelist()
            if re.match(r"(ppt/(slides|notesSlides|charts)/\w+\d+\.xml|docProps/core\.xml)$", name)
        ]
    said = [m for xml in parts for m in re.findall(r">([^<>]+)</", xml)]
    described = [m for xml in parts for m in re.findall(r' descr="([^"]*)"', xml)]
    return " ".join(html.unescape(t) for t in said + described)


def test_spanish_files_as_read_back_hold_no_english_from_the_tool() -> None:
    spanish = catalogue("es")
    prescription = load_prescription(REPO / "prescriptions" / "example.yaml", TRANSLATED)
    topic = TRANSLATED.topic("reverse-treadmill-walking")
    # What the clinician typed in the prescription (English here) is theirs, not the tool's.
    words = content_words(TRANSLATED) + " " + " ".join(strings(prescription))
    files = {
        "handout": _pdf_text(
            pdf.render(outline.topic_handout(topic, TRANSLATED, spanish), PdfOptions())
        ),
        "program": _pdf_text(
            pdf.render(outline.program(prescription, TRANSLATED, spanish), PdfOptions())
        ),
        "deck": _deck_text(
            deck.render(outline.topic_lesson(topic, TRANSLATED, spanish), DeckOptions())
        ),
    }
    english = _deck_text(
        deck.render(outline.topic_lesson(topic, TRANSLATED, catalogue("en")), DeckOptions())
    )
    assert len(english_in(english, words)) > 40  # the same reading finds the English ones
    for name, text in files.items():
        assert "Llame al 911 ahora si:" in " ".join(text.split()), name
        assert english_in(text, words) == [], name


def _pdf_strings(data: bytes) -> str:
    """What a reader meets in a PDF beside its pages' text: title, bookmarks, tooltips, alt."""
    import pikepdf

    found: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as file:
        found += [str(file.docinfo[key]) for key in file.docinfo]
        with file.open_metadata() as xmp:
            found += [str(xmp.get(key, "")) for key in ("dc:title", "dc:description")]
        with file.open_outline() as bookmarks:
            todo = list(bookmarks.root)
            while todo:
                item = todo.pop()
                found.append(item.title)
                todo += item.children
        seen: set[tuple[int, int]] = set()
        todo_objects: list[object] = [file.Root]
        while todo_objects:
            value = todo_objects.pop()
            if isinstance(value, pikepdf.Dictionary):
                if value.is_indirect:
                    if value.objgen in seen:
                        continue
                    seen.add(value.objgen)
                for key in ("/Alt", "/ActualText", "/TU", "/E", "/Title", "/V"):
                    if isinstance(value.get(key), pikepdf.String):
                        found.append(str(value[key]))
                todo_objects += [value[k] for k in value if k not in ("/Parent", "/P")]
            elif isinstance(value, pikepdf.Array):
                todo_objects += list(value)
    return " ".join(found)


def test_a_roster_row_in_spanish_and_a_spanish_build_hold_no_english_from_the_tool(
    shipped: Path,
) -> None:
    # End to end, as the front desk prints them: the files the command writes, read back
    # whole (pages, bookmarks, field tooltips, alt text, title) for every English catalogue
    # text, but what Spanish writes the same and what the content or the row itself says.
    cells = [
        "Ana Ruiz",
        "2026-11-20",
        "Alex Rivera",
        "555-0100",
        "backward-walking;reverse-treadmill-walking;backward-pedaling",
        "2",
        "3",
        "0.8",
        "nivel 1 (el más bajo)",
        "light touch",
        "Añada 30 segundos cada semana.",
        "Use el pasillo.",
    ]
    header = (
        "patient_id,patient_name,date,clinician,clinician_contact,topics,minutes,"
        "sessions_per_week,speed_mph,resistance,hand_support,progression,notes,language\n"
    )
    row = ",".join(cells)
    (shipped.parent / "class.csv").write_text(
        f"{header}pt-es,{row},es\npt-en,{row},en\n", encoding="utf-8"
    )
    from handouts import cli

    assert cli.main(["--quiet", "--roster", "class.csv"]) == 0
    assert cli.main(["--quiet", "--lang", "es"]) == 0
    out = shipped.parent / "build"
    words = content_words(TRANSLATED) + " " + " ".join(cells)
    spanish = {
        "program": out / "roster" / "pt-es.pdf",
        **{p.name: p for p in sorted(out.glob("*-es.pdf"))},
    }
    assert len(spanish) == 5  # the program, three handouts and the class pack
    for name, file in spanish.items():
        data = file.read_bytes()
        text = _pdf_text(data) + " " + _pdf_strings(data)
        assert "Llame al 911 ahora si:" in " ".join(text.split()), name
        assert english_in(text, words) == [], name
    decks = sorted(out.glob("*-es.pptx"))
    assert len(decks) == 4
    for file in decks:
        assert english_in(_deck_text(file.read_bytes()), words) == [], file.name
    # The same reading finds the tool's English in the English program, beyond its pages too.
    english = (out / "roster" / "pt-en.pdf").read_bytes()
    assert len(english_in(_pdf_strings(english), words)) > 10
    assert len(english_in(_pdf_text(english), words)) > 40
