"""pyphen's US English hyphenator, its patterns parsed only when a word needs them.

The reading check counts the syllables of the few words the CMU dictionary lacks by
hyphenating them. pyphen parses all 11,000 patterns of its dictionary first, a tenth of a
second of every ``--check`` and build, for some twenty words. Here the patterns are indexed
by their letters in a few C-speed passes over the file and each is parsed, as pyphen parses
it, the first time a word looks it up; pyphen's own code does the hyphenating. A file this
index cannot take whole (a pattern with pyphen's ``^^hh`` or ``/`` forms, or two patterns
with the same letters) gets pyphen's own parse. ``tests/test_hyphenation.py`` checks the
words come out as pyphen hyphenates them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

LANG = "en_US"
"""The hyphenation dictionary's language."""
_IGNORED = (
    "%",
    "#",
    "LEFTHYPHENMIN",
    "RIGHTHYPHENMIN",
    "COMPOUNDLEFTHYPHENMIN",
    "COMPOUNDRIGHTHYPHENMIN",
)
"""Lines that are not patterns: comments and settings (pyphen's list)."""
_PARSE = re.compile(r"(\d?)(\D?)").findall
"""A pattern's digits and letters, in pairs (pyphen's parse)."""
_NO_DIGITS = str.maketrans("", "", "0123456789")


def hyphenator() -> Any:
    """Return a ``pyphen.Pyphen`` for US English whose patterns are parsed as they are used."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(LANG)]
    if path not in pyphen.hdcache:
        patterns = _index(Path(path).read_bytes())  # a str before pyphen 0.10
        if patterns is not None:
            hd = pyphen.HyphDict.__new__(pyphen.HyphDict)  # its attributes, without its parse
            hd.patterns, hd.cache, hd.maxlen = patterns, {}, patterns.maxlen
            pyphen.hdcache[path] = hd
    return pyphen.Pyphen(lang=LANG)


class _Patterns:
    """Each pattern's raw line by its letters, parsed to pyphen's form when first asked for."""

    def __init__(self, lines: dict[str, str], maxlen: int) -> None:
        self._lines = lines
        self._parsed: dict[str, tuple[int, tuple[int, ...]] | None] = {}
        self.maxlen = maxlen
        """The longest pattern's letters."""

    def get(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        """Return the pattern for these letters: the offset of its values, and the values."""
        if letters in self._parsed:
            return self._parsed[letters]
        line = self._lines.get(letters)
        found = None if line is None else _parse(line)
        self._parsed[letters] = found
        return found


def _parse(pattern: str) -> tuple[int, tuple[int, ...]] | None:
    """Parse one pattern as pyphen does: None if all its values are zero."""
    values = tuple(int(i or "0") for i, _ in _PARSE(pattern))
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, values[start:end]


def _index(data: bytes) -> _Patterns | None:
    """Index a ``hyph_*.dic`` file's patterns by their letters; None if it cannot be."""
    encoding = data.split(b"\n", 1)[0].decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = data.decode(encoding).split("\n", 1)[1] if b"\n" in data else ""
    if "^^" in text or "/" in text or re.search(r"[^\D0-9]", text):
        return None  # forms, and digits other than 0-9, only pyphen's own parse reads
    lines = [line for line in text.split("\n") if line and not line.startswith(_IGNORED)]
    if any(line != line.strip() for line in lines):
        return None  # pyphen strips each line first
    keys = "\n".join(lines).translate(_NO_DIGITS).split("\n")
    by_letters = dict(zip(keys, lines, strict=True))
    if len(by_letters) != len(lines):
        return None  # the same letters twice: which pattern wins needs pyphen's parse
    kept = [key for key, line in by_letters.items() if re.search("[1-9]", line)]
    return _Patterns(by_letters, max(len(key) for key in kept))
