"""What the muscle table and the muscle map say: rows, numbers, levels, legend, alt text.

The map is worded from the muscle rows every time, so a curator who edits a level or a
region changes it; the picture itself is ``figures.musclemap``'s, drawn by each renderer at
its size. Every word the map adds is the catalogue's.
"""

from __future__ import annotations

import re

from handouts.figures.musclemap import MapWords, Mark, views
from handouts.locale import Catalogue
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


def _rating(level: Level, cat: Catalogue) -> Rating:
    return Rating(level.rank, words.level(level, cat))


def muscle_rows(topic: Topic, cat: Catalogue) -> tuple[MuscleRow, ...]:
    """Return the muscle table's rows, numbered as the muscle map numbers them."""
    muscles = topic.activation.muscles
    return tuple(_muscle_row(m, topic, cat, i) for i, m in enumerate(muscles, 1))


def _muscle_row(muscle: Muscle, topic: Topic, cat: Catalogue, number: int) -> MuscleRow:
    return MuscleRow(
        name=muscle.name,
        short_name=short_name(plain(muscle.name)),
        forward=_rating(muscle.forward, cat),
        backward=_rating(muscle.backward, cat),
        role=words.cited(muscle.role, topic, cat),
        number=str(number),
    )


def muscle_table(topic: Topic, cat: Catalogue) -> MuscleTable:
    """Return the muscle table of a topic, with its map beside it."""
    t = cat.text
    rows = muscle_rows(topic, cat)
    return MuscleTable(
        heading=Heading(t("muscles.heading"), "muscles"),
        columns=(t("muscles.name"), t("muscles.forward"), t("muscles.backward"), t("muscles.role")),
        rows=rows,
        key=t("muscles.key"),
        basis=words.cited(topic.activation.basis, topic, cat),
        levels=tuple(words.level(level, cat) for level in Level),
        map=muscle_map(topic, rows, cat),
    )


def _seen(region: Region, cat: Catalogue) -> str:
    """Say where a region is drawn: on the front, the back, or both views."""
    return cat.text("map.on_" + "_".join(views(region)))


def map_notes(topic: Topic, cat: Catalogue) -> str:
    """Tell the presenter how to walk through the map: numbers, shades, their own body."""
    darkest = max((m.backward.rank for m in topic.activation.muscles), default=0)
    hardest = [plain(m.name) for m in topic.activation.muscles if m.backward.rank == darkest]
    return cat.text("notes.map", hardest=", ".join(hardest))


def muscle_map(topic: Topic, rows: tuple[MuscleRow, ...], cat: Catalogue) -> MuscleMap:
    """Return the map of a topic's muscle rows (numbered as ``rows`` are)."""
    t = cat.text
    muscles = topic.activation.muscles
    marks = tuple(
        Mark(m.region, row.backward.rank, row.number) for m, row in zip(muscles, rows, strict=True)
    )
    said = " ".join(
        t(
            "map.alt_row",
            number=row.number,
            name=plain(row.name),
            seen=_seen(m.region, cat),
            rank=str(row.backward.rank),
            level=row.backward.label.lower(),
        )
        for m, row in zip(muscles, rows, strict=True)
    )
    return MuscleMap(
        heading=Heading(t("map.heading"), "muscle-map"),
        marks=marks,
        words=MapWords(
            front=t("map.front"),
            back=t("map.back"),
            low=t("map.low"),
            high=t("map.high"),
            alt=t("map.alt", said=said),
            caption=t("map.caption"),
        ),
        key=(
            (t("map.key_number"), t("muscles.name"), t("map.key_level")),
            *((row.number, row.name, row.backward.label) for row in rows),
        ),
    )
