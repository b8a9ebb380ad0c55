"""The content model's one piece of text reading: the ``**bold**`` mark."""

from __future__ import annotations

import pytest

from handouts.model import emphasis, plain


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("plain", (("plain", False),)),
        ("", (("", False),)),
        ("**Stop** now", (("Stop", True), (" now", False))),
        ("a **b** c **d**", (("a ", False), ("b", True), (" c ", False), ("d", True))),
        ("a lone ** stays", (("a lone ** stays", False),)),
        ("**** empty", (("**** empty", False),)),
        ("**a** **", (("a", True), (" **", False))),
    ],
)
def test_emphasis_splits_on_pairs_of_marks(text: str, runs: tuple[tuple[str, bool], ...]) -> None:
    assert emphasis(text) == runs


def test_plain_drops_only_paired_marks() -> None:
    assert plain("**Stop** if it hurts; 2 ** 3") == "Stop if it hurts; 2 ** 3"
