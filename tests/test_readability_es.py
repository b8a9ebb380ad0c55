"""Spanish reading level: syllables, words and Fernández-Huerta; the shipped Spanish meets it."""

from __future__ import annotations

import re

import pytest

from handouts.model import ReadingLevel, Topic
from handouts.readability import EASE_LIMIT_ES, Reading, hardest, reading, sentences_of
from handouts.readability_es import number_words, split_sentences, syllables, words
from handouts.translations import translate_content
from handouts.validate import load_content
from tests.conftest import REPO
from tests.test_readability import _EXAMPLE, _sections


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("caminar", 3),  # ca-mi-nar
        ("rodilla", 3),  # ro-di-lla
        ("cuádriceps", 3),  # cuá-dri-ceps
        ("día", 2),  # dí-a: pyphen does not split it, the accented í is a syllable
        ("caída", 3),  # ca-í-da
        ("poesía", 4),  # po-e-sí-a
        ("aeropuerto", 5),  # a-e-ro-puer-to: strong vowels apart, ue together
        ("isquiotibiales", 5),  # is-quio-ti-bia-les
        ("que", 1),  # the u after q is silent
        ("guiso", 2),
        ("pingüino", 3),  # pin-güi-no: ü is said
        ("hoy", 1),
        ("y", 1),
        ("ahora", 3),  # a-ho-ra: h between the vowels
        ("creer", 2),
        ("construí", 3),  # cons-tru-í
        ("osteoporosis", 6),
        ("anticoagulantes", 7),
        ("guion", 1),
    ],
)
def test_syllables_match_hand_counts(word: str, count: int) -> None:
    assert syllables(word) == count


def test_numbers_are_read_in_spanish() -> None:
    assert number_words("17.5") == "diecisiete punto cinco"
    assert number_words("0,5") == "cero punto cinco"
    assert number_words("30") == "treinta"
    assert number_words("45") == "cuarenta y cinco"
    assert number_words("100") == "cien"
    assert words("Camine 1–2 minutos, un 30% menos.") == (
        "Camine",
        *("uno", "a", "dos"),
        "minutos",
        "un",
        *("treinta", "por", "ciento"),
        "menos",
    )


def test_sentences_split_before_opening_question_marks_and_capitals_with_accents() -> None:
    assert split_sentences("No son iguales. ¿Por qué? Él lo dice. ¡Ándele!") == [
        "No son iguales.",
        "¿Por qué?",
        "Él lo dice.",
        "¡Ándele!",
    ]


def test_fernandez_huerta_against_hand_counts() -> None:
    # Ca-mi-ne des-pa-cio jun-to a la pa-red: 6 words, 12 syllables (cio is one), 2 long
    one = "Camine despacio junto a la pared."
    assert reading([one], "es") == Reading(1, 6, 12, 2)
    assert reading([one], "es").fernandez_huerta == pytest.approx(
        206.84 - 60 * 12 / 6 - 1.02 * 6
    )  # 80.72
    # [cita] and ** are not read; a heading is a sentence.
    two = reading(["**Pare** si le duele. [1]", "Antes de empezar"], "es")
    assert two == Reading(2, 7, 12, 1)  # pa-re si le due-le / an-tes de em-pe-zar
    assert two.fernandez_huerta == pytest.approx(206.84 - 60 * 12 / 7 - 1.02 * 7 / 2)
    # Shorter sentences read easier, as in Flesch's (the formula as Law corrected it).
    two_short = reading(sentences_of(["Pare ahora. Descanse un rato."], "es"), "es")
    one_long = reading(sentences_of(["Pare ahora, descanse un rato."], "es"), "es")
    assert (two_short.sentences, one_long.sentences) == (2, 1)
    assert two_short.fernandez_huerta > one_long.fernandez_huerta
    assert reading([], "es").fernandez_huerta == 100.0


def test_hardest_spanish_sentence_is_the_lowest_score() -> None:
    sentences = ["Pare.", "Tiene osteoporosis o toma anticoagulantes.", "Vaya despacio."]
    index, score = hardest(sentences, "es") or (None, None)
    assert index == 1
    assert score == pytest.approx(reading([sentences[1]], "es").fernandez_huerta)


def test_the_limit_is_seventy_and_a_clinic_can_set_it(content) -> None:
    assert ReadingLevel().fernandez_huerta == EASE_LIMIT_ES == 70.0
    (content / "branding.yaml").write_text(
        "reading_level:\n  fernandez_huerta: 80\n", encoding="utf-8"
    )
    assert load_content(content).branding.reading_level.fernandez_huerta == 80.0
    (content / "branding.yaml").write_text(
        "reading_level:\n  fernandez_huerta: 120\n", encoding="utf-8"
    )
    from tests.conftest import problems_of

    (problem,) = problems_of(content)
    assert "reading_level.fernandez_huerta: expected a number from 50 to 100 (score)" in problem


# -- the shipped Spanish meets the limit, and is no harder than its English ------------------

SHIPPED = load_content(REPO / "content")
SPANISH = translate_content(SHIPPED, "es")
_VALUES_ES = {
    "minutes": "5 minutos",
    "times_a_week": "3 veces por semana",
    "speed": "1 mph",
    "resistance": "nivel 1 (el más bajo)",
    "incline": "2%",
    "hold": "sosteniéndose con una mano",
}


def _spanish_sections(topic: Topic) -> dict[str, list[str]]:
    sections = _sections(topic)
    dosage = topic.dosage
    sections["program wording"] = [
        _EXAMPLE.sub(lambda m: _VALUES_ES[m.group(1)], s.prescribed)
        for s in (*topic.steps, *topic.checklist, *topic.takeaways, dosage.duration)
        if s.prescribed
    ]
    return sections


@pytest.mark.parametrize("topic", SPANISH.topics, ids=lambda t: t.id)
def test_every_shipped_spanish_section_reads_at_seventy_or_easier(topic: Topic) -> None:
    under = []
    for name, units in _spanish_sections(topic).items():
        level = reading(sentences_of(units, "es"), "es")
        if level.words and level.fernandez_huerta < EASE_LIMIT_ES:
            under.append(f"{name}: {level.fernandez_huerta:.1f}")
    assert under == []
    assert not any(re.search(r"\{\w+\}", u) for u in _spanish_sections(topic)["program wording"])


@pytest.mark.parametrize(
    ("english", "spanish"),
    list(zip(SHIPPED.topics, SPANISH.topics, strict=True)),
    ids=lambda t: t.id,
)
def test_every_shipped_spanish_handout_is_no_harder_than_its_english(
    english: Topic, spanish: Topic
) -> None:
    # Both scales run 0 to 100, but a grade sits 10 points lower on Fernández-Huerta's: its
    # 70-80 is 6th grade where Flesch's 80-90 is. Whole handouts are compared, grade for grade.
    en = reading([s for u in _sections(english).values() for s in sentences_of(u)])
    es = reading(
        [s for u in _spanish_sections(spanish).values() for s in sentences_of(u, "es")], "es"
    )
    assert es.fernandez_huerta >= en.flesch - 10
