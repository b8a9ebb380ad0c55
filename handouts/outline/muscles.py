"""What the muscle table and the muscle map say: rows, numbers, levels, legend, alt text.

The map is worded from the muscle rows every time, so a curator who edits a level or a
region changes it; the picture itself is ``figures.musclemap``'s, drawn by each renderer at
its size.
"""

from __future__ import annotations

import re

from handouts.figures.musclemap import MapWords, Mark, views
from handouts.model import Level, Muscle, Region, Topic, plain
from handouts.outline import words
from handouts.outline.blocks import Heading, MuscleMap, MuscleRow, MuscleTable, Rating


def short_name(name: str) -> str:
    """Name a muscle on a chart bar: a long name ending in brackets keeps what is in them.

    ``Tibialis anterior (front of shin)`` stays whole; a name over 40 letters ending in
    brackets keeps the brackets' plain words, which say where the muscle is.
    """
    ending = re.search(r"\(([^()]*[^()\s][^()]*)\)\s*$", name)
    if len(name) <= 40 or ending is None:
        return name
    place = ending.group(1).strip()
    return place[:1].upper() + place[1:]


def _rating(level: Level) -> Rating:
    return Rating(level.rank, level.label)


def muscle_rows(topic: Topic) -> tuple[MuscleRow, ...]:
    """Return the muscle table's rows, numbered as the muscle map numbers them."""
    return tuple(_muscle_row(m, topic, i) for i, m in enumerate(topic.activation.muscles, 1))


def _muscle_row(muscle: Muscle, topic: Topic, number: int) -> MuscleRow:
    return MuscleRow(
        name=muscle.name,
        short_name=short_name(plain(muscle.name)),
        forward=_rating(muscle.forward),
        backward=_rating(muscle.backward),
        role=words.cited(muscle.role, topic),
        number=str(number),
    )


def muscle_table(topic: Topic) -> MuscleTable:
    """Return the muscle table of a topic, with its map beside it."""
    rows = muscle_rows(topic)
    return MuscleTable(
        heading=Heading("Muscles it works", "muscles"),
        columns=("Muscle group", "Forward", "Backward", "What it does going backward"),
        rows=rows,
        key="Filled boxes show how hard each muscle works, from 1 box (low) to 5 (high).",
        basis=words.cited(topic.activation.basis, topic),
        levels=tuple(level.label for level in Level),
        map=muscle_map(topic, rows),
    )


_VIEWS = {"front": "front", "back": "back"}
"""How the alt text names the views a region is drawn on."""


def _seen(region: Region) -> str:
    """Name the views a region is drawn on: ``front``, ``back`` or ``front and back``."""
    return " and ".join(_VIEWS[view] for view in views(region))


MAP_HEADING = Heading("Where the muscles work", "muscle-map")
"""The map slide's title."""


def map_notes(topic: Topic) -> str:
    """Tell the presenter how to walk through the map: numbers, shades, their own body."""
    darkest = max((m.backward.rank for m in topic.activation.muscles), default=0)
    hardest = [plain(m.name) for m in topic.activation.muscles if m.backward.rank == darkest]
    return (
        "Each number on the body is a row of the muscle table. Point to the same place on "
        "your own body as you name it. The darker the shade, the harder the muscle works "
        f"going backward, from 1 (low) to 5 (high). The darkest here: {', '.join(hardest)}."
    )


def muscle_map(topic: Topic, rows: tuple[MuscleRow, ...]) -> MuscleMap:
    """Return the map of a topic's muscle rows (numbered as ``rows`` are)."""
    muscles = topic.activation.muscles
    marks = tuple(
        Mark(m.region, row.backward.rank, row.number) for m, row in zip(muscles, rows, strict=True)
    )
    said = " ".join(
        f"{row.number}: {plain(row.name)}, on the {_seen(m.region)}: "
        f"level {row.backward.rank} of 5 ({row.backward.label.lower()})."
        for m, row in zip(muscles, rows, strict=True)
    )
    alt = (
        "Muscle map: front and back of the body, each numbered muscle group shaded by how "
        f"hard it works going backward, darker for harder. {said}"
    )
    return MuscleMap(
        heading=MAP_HEADING,
        marks=marks,
        words=MapWords(
            front="Front",
            back="Back",
            low="Low",
            high="High",
            alt=alt,
            caption="The numbers match the table. The darker the shade, the harder the muscle "
            "works going backward, from 1 (low) to 5 (high).",
        ),
        key=(
            ("No.", "Muscle group", "Going backward"),
            *((row.number, row.name, row.backward.label) for row in rows),
        ),
    )
