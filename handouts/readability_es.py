"""How hard Spanish patient text is to read: the Fernández-Huerta score and its counts.

Fernández-Huerta (1959) is Flesch's reading ease adapted to Spanish, on the same 0 to 100 scale
(higher is easier), so a Spanish section can be held to a score and set beside its English's
Flesch reading ease. It is written here as Gwillim Law showed it must be read (2011): the usual
"− 1.02 × sentences per 100 words" makes shorter sentences harder, the opposite of Flesch's;
the term is words per sentence:

    L = 206.84 − 60 × syllables per word − 1.02 × words per sentence

Its scale: 90–100 very easy (4th grade), 80–90 easy (5th), 70–80 fairly easy (6th), 60–70
standard (7th–8th), below 60 hard. The limit (``ReadingLevel.fernandez_huerta``) is 70 unless the
clinic sets one: the 6th-grade band, as the English is held to grade 6. We chose it over
Szigriszt-Pazos and its INFLESZ scale because it maps to school grades and to Flesch's own
scale, so one number says both "grade 6" and "no harder than the English".

Text is read as a patient reads it aloud, as for English: marks dropped, numbers in words
(``30%`` is *treinta por ciento*, ``1–2`` *uno a dos*, ``0.5`` *cero punto cinco*). Syllables are
pyphen's Spanish hyphenation points or the word's vowel nuclei, whichever is more: hyphenation
never splits off one letter nor two vowels in hiatus (dí-a, po-e-sí-a), the nuclei rule
counts those (two strong vowels, or an accented í or ú beside a vowel, are two syllables; a u
after q or g before e or i is silent).
"""

from __future__ import annotations

import functools
import re

FERNANDEZ_HUERTA_LIMIT = 70.0
"""Lowest Fernández-Huerta score a Spanish section may have unless the clinic sets one."""

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# End of a sentence: . ! ? (and a closing quote or bracket), a space, and a new one, which may
# open with ¿ or ¡.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+(?=[¿¡\"'“‘«(]?[A-ZÁÉÍÓÚÑÜ0-9])")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)(?:\s*[–—-]\s*(\d+(?:[.,]\d+)?))?(\s*%)?")
_STRONG = set("aeoáéóíú")  # an accented í or ú is a syllable of its own, like a strong vowel
_VOWELS = set("aeiouáéíóúü")
# fmt: off
_ONES = (
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro",
    "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
)
_TENS = ("", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta",
         "noventa")
_HUNDREDS = ("", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos",
             "seiscientos", "setecientos", "ochocientos", "novecientos")
# fmt: on


def number_words(number: str) -> str:
    """Return a number written with digits as it is read aloud: 17.5 as 'diecisiete punto cinco'."""
    whole, _, decimals = number.replace(",", ".").partition(".")
    spoken = _integer_words(int(whole))
    if decimals:
        spoken += " punto " + " ".join(_ONES[int(d)] for d in decimals)
    return spoken


def _integer_words(value: int) -> str:
    if value < 30:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f" y {_ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        if value == 100:
            return "cien"
        return _HUNDREDS[hundreds] + (f" {_integer_words(rest)}" if rest else "")
    if value < 1_000_000:
        thousands, rest = divmod(value, 1000)
        head = "mil" if thousands == 1 else f"{_integer_words(thousands)} mil"
        return head + (f" {_integer_words(rest)}" if rest else "")
    return " ".join(_ONES[int(d)] for d in str(value))  # a long code is read digit by digit


def _spoken_number(match: re.Match[str]) -> str:
    first, second, percent = match.groups()
    spoken = number_words(first)
    if second:
        spoken += " a " + number_words(second)
    if percent:
        spoken += " por ciento"
    return f" {spoken} "


def spoken_text(text: str) -> str:
    """Return text (already without marks) with its numbers in Spanish words."""
    return _NUMBER.sub(_spoken_number, text)


def words(text: str) -> tuple[str, ...]:
    """Return the words of a Spanish sentence as they are read (numbers in words)."""
    return tuple(_WORD.findall(spoken_text(text)))


def split_sentences(text: str) -> list[str]:
    """Split a Spanish text into sentences; a text with no end punctuation is one sentence."""
    return [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]


@functools.cache
def _hyphenator() -> object:
    import pyphen

    return pyphen.Pyphen(lang="es")


def _nuclei(word: str) -> int:
    """Count a Spanish word's vowel nuclei: its syllables, by the spelling rules."""
    word = re.sub(r"(?<=[qg])u(?=[eiéí])", "", word)  # que, guiso: the u is silent
    word = re.sub(r"y(?![aeiouáéíóú])", "i", word)  # hoy, muy, y: y ends a syllable as a vowel
    count = 0
    previous = ""
    for char in word:
        if char in _VOWELS:
            # A new nucleus unless it joins the vowel before it in a diphthong.
            strong = previous in _STRONG and char in _STRONG
            if not previous or strong or char in "íú" or previous in "íú":
                count += 1
            previous = char
        else:
            previous = ""
    return max(1, count)


def syllables(word: str) -> int:
    """Count the syllables of one Spanish word (letters, apostrophes and hyphens only)."""
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    key = word.lower().replace("’", "").replace("'", "")
    pieces = len(_hyphenator().inserted(key).split("-"))  # type: ignore[attr-defined]
    return max(_nuclei(key), pieces)
