"""Small text rules shared by the outline and both renderers: no reportlab, no pptx.

Each rule is written once here, so the handout and the deck agree: how a citation is
marked, how a list runs on in one sentence, how a title is lower-cased mid-sentence,
how text too long for its room is shortened (the room is a test the caller passes in), how
``**bold**`` marks are read, and how a value is shown on one line in a message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

ELLIPSIS = "…"
"""Ends text that was shortened to fit."""


def cite(text: str, numbers: Sequence[int], space: str = " ") -> str:
    """Return text with its source numbers after it: ``text [1, 2]``.

    ``space`` goes between the text and the bracket and after each comma: a no-break
    space keeps the marker whole and on the line of the words it backs.
    """
    if not numbers:
        return text
    return f"{text}{space}[{(',' + space).join(str(n) for n in numbers)}]"


def lower_first(text: str) -> str:
    """Lower-case the first letter for use mid-sentence, unless it starts an acronym (ACL)."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def run_on(items: Sequence[str]) -> str:
    """Join list items into one sentence: ``A treadmill; supportive shoes`` (no final stop)."""
    parts = [item.rstrip(".") for item in items]
    return "; ".join([*parts[:1], *(lower_first(p) for p in parts[1:])])


def shorten(text: str, fits: Callable[[str], bool], *, keep: str = "") -> str:
    """Return text if it fits, else cut at the end with an ellipsis until it does.

    ``keep`` is an ending never cut (`` (cont.)``). Text is cut at a space while that
    keeps more than half of it, else letter by letter; at worst only the ellipsis is left.
    """
    if fits(text + keep):
        return text + keep
    while text and not fits(text + ELLIPSIS + keep):
        space = text.rfind(" ")
        text = text[:space] if space > len(text) // 2 else text[:-1]
        text = text.rstrip()
    return text + ELLIPSIS + keep


def one_line(text: str) -> str:
    """Return text with every unprintable character escaped: shown on one line, never obeyed.

    A file name, key or option value may hold a line break or a terminal escape sequence;
    echoed as it is, it would split a one-line message or clear the screen.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


_BOLD_MARK = re.compile(r"\*\*(.+?)\*\*")
"""Two asterisks each side of some text: that text prints in bold."""


def emphasis(text: str) -> tuple[tuple[str, bool], ...]:
    """Split text into (text, bold) runs: ``**words**`` is bold, a lone ``**`` is text.

    The one reading of the emphasis mark, shared by the PDF and the deck.
    """
    runs: list[tuple[str, bool]] = []
    start = 0
    for match in _BOLD_MARK.finditer(text):
        if match.start() > start:
            runs.append((text[start : match.start()], False))
        runs.append((match.group(1), True))
        start = match.end()
    if start < len(text) or not runs:
        runs.append((text[start:], False))
    return tuple(runs)


def plain(text: str) -> str:
    """Return text without its emphasis marks, for places that cannot show bold."""
    return "".join(run for run, _ in emphasis(text))
