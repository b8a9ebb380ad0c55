"""The outline's figure blocks: a step's drawing, the steps it is set beside, the muscle map."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handouts.figures.musclemap import MapWords, Mark
from handouts.figures.shapes import Picture

if TYPE_CHECKING:
    from handouts.outline.blocks import Heading, Points


@dataclass(frozen=True)
class Figure:
    """A drawing of one item of a list (a step), shown beside it with its caption."""

    step: int
    """The 1-based number of the item it shows; the items from it to the next figure's
    are the ones it is set beside."""
    caption: str
    """What the drawing shows, printed under it (content text)."""
    alt: str
    """The drawing said in words, for a screen reader (content text)."""
    picture: Picture
    """The drawing itself: a pose of the shared figure or a curator's SVG, as vectors."""


Run = tuple[int, int, tuple[Figure, ...]]
"""``(start, stop, figures)``: a slice of a list's items and the drawings set beside it."""


def runs(block: Points) -> tuple[Run, ...]:
    """Return a list's items cut where a figure starts.

    ``start`` and ``stop`` slice ``items``; a run's figures show its first item and are set
    beside the whole run. Items before the first figure make a run with none; a figure of
    an item the list does not have is shown nowhere.
    """
    count = len(block.items)
    starts = sorted({f.step - 1 for f in block.figures if 0 < f.step <= count})
    cut: list[Run] = []
    for start, stop in itertools.pairwise([0, *starts, count]):
        if stop > start:
            cut.append((start, stop, tuple(f for f in block.figures if f.step - 1 == start)))
    return tuple(cut)


@dataclass(frozen=True)
class MuscleMap:
    """The muscle map: where each muscle of the table works, shaded by its backward level."""

    heading: Heading
    """The slide title (on a handout the map sits beside the table, under its heading)."""
    marks: tuple[Mark, ...]
    """Each muscle row's region, backward level and number, in the table's order."""
    words: MapWords
    """What the picture prints, its caption and its alt text."""
    key: tuple[tuple[str, str, str], ...]
    """A key for where no table is beside it: its headings, then number, name and level."""
