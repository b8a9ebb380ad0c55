"""Reading level: syllables, the two formulas against hand counts, and words to explain."""

from __future__ import annotations

import re

import pytest

from handouts.model import Topic
from handouts.readability import (
    GRADE_LIMIT,
    SMOG_LIMIT,
    Reading,
    Unexplained,
    grade,
    hardest,
    number_words,
    reading,
    sentences_of,
    smog,
    split_sentences,
    syllables,
    unexplained,
    words,
)
from handouts.validate import load_content
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("word", "count"),
    [
        # in the CMU dictionary
        ("walk", 1),
        ("slowly", 2),
        ("therapist", 3),
        ("exercise", 3),
        ("quadriceps", 3),
        ("mph", 3),  # read as its letters, em-pee-aitch
        ("therapist's", 3),
        # not in it: hyphenation and vowel groups, the larger count
        ("patellofemoral", 6),  # pa-tel-lo-fem-o-ral; hyphenation alone says 1
        ("tibialis", 4),  # tib-i-a-lis; hyphenation alone says 2
        ("soleus", 3),
        ("medialis", 4),
        ("gastrocnemius", 5),
        ("proprioception", 5),
        ("overexert", 4),
        ("glutes", 1),  # a silent -es
        ("cooldown", 2),
        ("soreness", 2),  # not in it, but "sore" is: sore-ness, not so-re-ness
        # letters and parts
        ("ACL", 3),
        ("warm-up", 2),
        ("toe-first", 2),
    ],
)
def test_syllables_match_hand_counts(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        ("0", "zero"),
        ("17.5", "seventeen point five"),
        ("40", "forty"),
        ("100", "one hundred"),
        ("2026", "two thousand twenty six"),
        ("0.05", "zero point zero five"),
    ],
)
def test_numbers_are_read_as_they_are_spoken(number: str, spoken: str) -> None:
    assert number_words(number) == spoken


def test_words_drop_marks_and_read_numbers_ranges_and_percents() -> None:
    assert words("**Walk** 1–2 minutes at 0.5 mph [1, 2].") == (
        "Walk",
        "one",
        "to",
        "two",
        "minutes",
        "at",
        "zero",
        "point",
        "five",
        "mph",
    )
    assert words("up to 30% less") == ("up", "to", "thirty", "percent", "less")
    assert words("[3]") == ()


def test_sentences_split_on_end_marks_not_abbreviations() -> None:
    assert split_sentences("Walk slowly, e.g. at half speed. Then stop! Why? 2 more.") == [
        "Walk slowly, e.g. at half speed.",
        "Then stop!",
        "Why?",
        "2 more.",
    ]
    assert split_sentences("Front of thigh (quadriceps)") == ["Front of thigh (quadriceps)"]
    # Citation marks stay with their sentence, and alone are no sentence.
    assert sentences_of(["Hold the rail. [1]", "[2]", "Go slowly"]) == [
        "Hold the rail. [1]",
        "Go slowly",
    ]


def test_flesch_kincaid_and_smog_against_hand_counts() -> None:
    easy = "The cat sat on the mat."  # 6 words, 6 syllables
    assert reading([easy]) == Reading(sentences=1, words=6, syllables=6, polysyllables=0)
    assert grade([easy]) == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)  # -1.45
    assert smog([easy]) == pytest.approx(3.1291)

    wall = "Walk slowly beside a sturdy wall."  # walk slow-ly be-side a stur-dy wall: 9
    hard = "Your therapist will explain the exercise."  # ther-a-pist, ex-er-cise: 11, 2 long
    assert reading([wall]).syllables == 9
    assert grade([wall]) == pytest.approx(0.39 * 6 + 11.8 * 9 / 6 - 15.59)  # 4.45
    assert reading([hard]) == Reading(1, 6, 11, 2)
    assert grade([hard]) == pytest.approx(8.3833, abs=1e-3)
    assert smog([hard]) == pytest.approx(1.043 * (2 * 30) ** 0.5 + 3.1291)  # 11.21
    both = reading([wall, hard])
    assert both == Reading(2, 12, 20, 2)
    assert both.grade == pytest.approx(0.39 * 6 + 11.8 * 20 / 12 - 15.59)  # 6.42
    assert both.smog == pytest.approx(1.043 * 30**0.5 + 3.1291)  # 8.84


def test_numbers_count_as_the_words_a_reader_says() -> None:
    # walk one to two min-utes at ze-ro point five em-pee-aitch: 10 words, 14 syllables
    assert reading(["Walk 1–2 minutes at 0.5 mph."]) == Reading(1, 10, 14, 1)


def test_no_text_reads_as_nothing() -> None:
    assert reading([]) == Reading(0, 0, 0, 0)
    assert grade([]) == 0.0 and smog(["[1]"]) == 0.0
    assert hardest([]) is None


def test_hardest_names_the_sentence_that_raises_the_level() -> None:
    sentences = ["Go slowly.", "Your therapist will explain the exercise.", "Stop."]
    index, value = hardest(sentences)  # type: ignore[misc]
    assert index == 1 and value == pytest.approx(8.3833, abs=1e-3)


@pytest.mark.parametrize(
    ("sentences", "found"),
    [
        (["You have patellofemoral pain."], [("patellofemoral", 0)]),
        (["Pain around the kneecap (patellofemoral pain).", "Patellofemoral pain."], []),
        (["Go slowly.", "After ACL surgery you rest.", "ACL (a ligament) again."], [("ACL", 1)]),
        (["Surgery on your ACL (a ligament inside the knee)."], []),
        (["A torn knee cushion (meniscus)."], []),
        (["A meniscus injury (the cushion inside the knee)."], []),
        (["Vertigo means the room seems to spin."], []),
        (["Quadriceps, the big muscles along the front of your thigh."], []),
        (["Quadriceps, quickly."], [("quadriceps", 0)]),
        (["It works the quadriceps.", "Front of thigh (quadriceps)."], [("quadriceps", 0)]),
        (["Walk on a **treadmill**, with an acl brace."], []),  # capitals matter for ACL
        (["Use a spotter and an incline."], [("incline", 0), ("spotter", 0)]),
    ],
)
def test_a_term_needs_a_plain_explanation_where_it_first_appears(
    sentences: list[str], found: list[tuple[str, int]]
) -> None:
    assert [(u.term, u.sentence) for u in unexplained(sentences)] == found


def test_an_unexplained_term_comes_with_an_example() -> None:
    assert unexplained(["Proprioception improves."]) == (
        Unexplained("proprioception", 0, "the sense of where your body is (proprioception)"),
    )


# -- the shipped content meets the limits, section by section -------------------------------


def _sections(topic: Topic) -> dict[str, list[str]]:
    """The patient-facing text of a topic, by the section it prints in."""
    p = topic.precautions

    def texts(items: tuple) -> list[str]:  # type: ignore[type-arg]
        return [s.text for s in items]

    dosage = topic.dosage
    return {
        "intro": [topic.title, topic.summary, topic.movement, topic.audience, *topic.equipment],
        "who_benefits": texts(topic.who_benefits),
        "muscles": [topic.activation.basis.text]
        + [x for m in topic.activation.muscles for x in (m.name, m.role.text)],
        "benefits": texts(topic.benefits),
        "before_you_start": texts(p.before_you_start),
        "steps": texts(topic.steps),
        "dosage": texts((dosage.start, dosage.duration, dosage.frequency, dosage.progression)),
        "checklist": texts(topic.checklist),
        "emergency_if": texts(p.emergency_if),
        "do_not_if": texts(p.do_not_if),
        "caution_if": texts(p.caution_if),
        "stop_if": texts(p.stop_if),
        "if_it_goes_wrong": texts(p.if_it_goes_wrong),
        "takeaways": texts(topic.takeaways),
        "faq": [x for f in topic.faq for x in (f.question, f.answer.text)],
        "faq on the handout": [
            x for f in topic.faq if f.handout for x in (f.question, f.answer.text)
        ],
        "program wording": [
            _EXAMPLE.sub(lambda m: _VALUES[m.group(1)], s.prescribed)
            for s in (*topic.steps, *topic.checklist, *topic.takeaways, dosage.duration)
            if s.prescribed
        ],
    }


# What a prescription's values read as, to measure the program wording as printed.
_VALUES = {
    "minutes": "5 minutes",
    "times_a_week": "3 times a week",
    "speed": "1 mph",
    "resistance": "level 1 (lowest)",
    "incline": "2%",
    "hold": "holding on with one hand",
}
_EXAMPLE = re.compile(r"\{(\w+)\}")


SHIPPED = load_content(REPO / "content")


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_every_shipped_section_reads_at_grade_six_and_smog_eight(topic: Topic) -> None:
    over = []
    for name, units in _sections(topic).items():
        sentences = sentences_of(units)
        level = reading(sentences)
        if sentences and (level.grade > GRADE_LIMIT or level.smog > SMOG_LIMIT):
            over.append(f"{name}: FK {level.grade:.1f}, SMOG {level.smog:.1f}")
    assert over == []


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: t.id)
def test_every_shipped_medical_word_is_explained_where_it_first_appears(topic: Topic) -> None:
    sentences = [s for units in _sections(topic).values() for s in sentences_of(units)]
    assert unexplained(sentences) == ()
    for units in _sections(topic).values():  # and in each section on its own, as decks print
        assert unexplained(sentences_of(units)) == ()
