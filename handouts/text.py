"""Small text rules shared by the outline and both renderers: no reportlab, no pptx.

Each rule is written once here, so the handout and the deck agree: how a citation is
marked, how a list runs on in one sentence, how a title is lower-cased mid-sentence, and
how text too long for its room is shortened (the room is a test the caller passes in).
"""

from __future__ import annotations

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
    """Lower-case the first letter for use mid-sentence, unless it starts an acronym (ACL).

    A Spanish question or exclamation keeps its opening mark: ``¿Es...`` becomes ``¿es...``.
    """
    mark = text[:1] if text[:1] in "¿¡" else ""
    rest = text[len(mark) :]
    return mark + rest[0].lower() + rest[1:] if rest[1:2].islower() else text


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
    """Show a value on one line: line breaks and other controls written as escapes."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
