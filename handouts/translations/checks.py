"""Checking a translation file against its English: stale, missing, numbers, placeholders."""

from __future__ import annotations

import functools
import re

from handouts.glyphs import supported_chars
from handouts.theme import DECK_METRICS_BOLD, DECK_METRICS_REGULAR, FONT_BOLD, FONT_REGULAR
from handouts.translations.english import English, fingerprint
from handouts.translations.files import FROM, File, Text

LANGUAGES: dict[str, str] = {"es": "Spanish"}
"""Languages the content may be translated into: folder name and the language's English name."""

IF_WORD: dict[str, str] = {"es": "Si"}
"""The word an ``if_it_goes_wrong`` item starts with in each language, as 'If' in English."""

# Numbers as a reader sees them: 40, 0.5 (or 0,5), 17.5, and fractions or powers written as one
# character.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|[\u00b2\u00b3\u00b9\u00bc-\u00be\u2150-\u215e]")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@functools.cache
def _printable() -> frozenset[int]:
    """Return the characters every font we print or measure with can draw."""
    fonts = (FONT_REGULAR, FONT_BOLD, DECK_METRICS_REGULAR, DECK_METRICS_BOLD)
    return frozenset.intersection(*(supported_chars(f) for f in fonts))


def _numbers(text: str) -> list[str]:
    return sorted(n.replace(",", ".") for n in _NUMBER.findall(text))


def check(file: File, english: dict[str, English], *, complete: bool) -> dict[str, str]:
    """Check a translation file against its English; return the texts that passed, by path."""
    name = LANGUAGES[file.lang]
    good: dict[str, str] = {}
    texts = dict(file.texts)
    for path, en in english.items():
        found = texts.pop(path, None)
        if found is None and path.endswith(".text") and path[:-5] in texts:
            found = texts.pop(path[:-5])  # a statement of text alone, written as the text
        if found is None:
            if complete and file.exists and not {path, path[:-5]} & file.broken:
                shown = en.text if len(en.text) <= 60 else en.text[:57] + "..."
                file.report(
                    file.where(path),
                    path,
                    f"expected the {name} of the English text but the field is missing; add "
                    f"'{FROM}: {fingerprint(en.text)}' and '{file.lang}:' with the {name} of "
                    f"{shown!r}",
                )
            continue
        before = len(file.problems)
        _check_text(file, path, en, found)
        if len(file.problems) == before:
            good[path] = found.text
    for path, extra in texts.items():
        file.report(
            extra.node,
            path,
            "expected a field whose English is text a reader reads but the English has no "
            "such text here; remove it, or check its name and place in the list",
        )
    return good


def _check_text(file: File, path: str, en: English, found: Text) -> None:
    """Report a stale fingerprint, changed numbers or placeholders, and unprintable text."""
    now = fingerprint(en.text)
    if found.source != now:
        file.report(
            found.node,
            path,
            f"translated from an older English text; update it to the English now there and "
            f"write '{FROM}: {now}'"
            + (
                f" ('{file.mend}' prints the file with the English now there beside each text)"
                if file.mend
                else ""
            ),
        )
    text = found.text
    if not text or not any(c.isalnum() for c in text):
        file.report(found.node, path, "expected words (at least one letter or digit)")
        return
    if _numbers(text) != _numbers(en.text):
        shown = ", ".join(_numbers(en.text)) or "none"
        got = ", ".join(_numbers(text)) or "none"
        file.report(
            found.node,
            path,
            f"expected the English text's numbers ({shown}) but got {got}; a translation "
            "keeps every number as the English writes it",
        )
    if en.prescribed and sorted(_PLACEHOLDER.findall(text)) != sorted(
        _PLACEHOLDER.findall(en.text)
    ):
        file.report(
            found.node,
            path,
            f"expected the English wording's placeholders "
            f"({', '.join(_PLACEHOLDER.findall(en.text))}) but got "
            f"{', '.join(_PLACEHOLDER.findall(text)) or 'none'}; keep each one, in English",
        )
    if len(text) > en.limit:
        file.report(
            found.node,
            path,
            f"expected at most {en.limit} characters but got {len(text)}; shorten it",
        )
    word = IF_WORD.get(file.lang)
    goes_wrong = path.startswith("precautions.if_it_goes_wrong") and path.endswith(".text")
    if word and goes_wrong and not re.match(rf"{word}\b", text):
        file.report(
            found.node,
            path,
            f"expected an item that starts with {word!r} (what happens, then what to do), "
            "as the English starts with 'If'",
        )
    printable = _printable()
    for char in text:
        if ord(char) not in printable:
            file.report(
                found.node,
                path,
                f"expected characters the handout font can print but got {char!r} "
                f"(U+{ord(char):04X}), which would print as an empty box",
            )
            break
