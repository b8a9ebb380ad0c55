"""Read a list of languages as a person writes it: ``es``, ``en,es``, ``en, es`` or ``ES , EN``.

The same reading and the same words for ``--lang``, a prescription's ``language:`` and a
roster's ``language`` cell, so the front desk meets one rule wherever it writes one.
"""

from __future__ import annotations

import re

from babel import Locale

from handouts.locale import LANGUAGES

_SEPARATOR = re.compile(r"[\s,;/&+_-]+|\band\b|\by\b")
"""What people write between two languages besides one comma: ``en es``, ``en/es``, ``en-es``."""


def expected() -> str:
    """Say what a language list may be, in words for the front desk (no field name)."""
    names = [f"{code} ({name})" for code, name in LANGUAGES.items()]
    one = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    pair = ",".join(list(LANGUAGES)[:2])
    several = "both" if len(LANGUAGES) == 2 else "two"
    return f"expected {one}, or {several} separated by a comma ({pair})"


def read(text: str) -> tuple[str, ...]:
    """Return the languages ``text`` names, in order; raise ValueError saying what is wrong.

    Case and spaces around each language do not matter. The error's text follows the
    field's name in a located problem (``language: expected ...``).
    """
    parts = tuple(part.strip().lower() for part in text.split(","))
    if all(part in LANGUAGES for part in parts):
        if len(set(parts)) != len(parts):
            pair = ",".join(list(LANGUAGES)[:2])
            raise ValueError(f"expected each language once (like {pair}) but got {text!r}")
        return parts
    raise ValueError(f"{expected()}, but got {text!r}{_hint(text)}")


def _hint(text: str) -> str:
    """Suggest the list meant: ``en,es`` for ``en-es`` or ``English and Spanish``."""
    codes = {code: code for code in LANGUAGES}
    for code, name in LANGUAGES.items():
        codes[name.lower()] = code
        for other in LANGUAGES:  # each language's name in each, as Babel has it: "español"
            codes[Locale.parse(code).get_display_name(other).lower()] = code
    words = [codes.get(w) for w in _SEPARATOR.split(text.strip().lower()) if w]
    if words and all(words) and len(set(words)) == len(words):
        return f"; did you mean {','.join(w for w in words if w)!r}?"
    return ""
