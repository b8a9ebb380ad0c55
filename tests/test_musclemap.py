"""The muscle map's geometry (figures/musclemap.py, figures/hatch.py) and its wording."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import pytest

from handouts.figures import musclemap
from handouts.figures.hatch import hatch
from handouts.figures.musclemap import SHADES, MapWords, Mark, areas, muscle_map, views
from handouts.figures.shapes import Ellipse, Label, Shape, Stroke
from handouts.locale import catalogue
from handouts.model import Level, Region
from handouts.outline.muscles import muscle_map as map_block
from handouts.outline.muscles import muscle_rows
from handouts.validate import load_content
from tests.conftest import REPO

WORDS = MapWords("Front", "Back", "Low", "High", "alt text")
SHIPPED = load_content(REPO / "content")
EN = catalogue("en")


def fills(picture) -> Counter[float]:  # type: ignore[no-untyped-def]
    """Count the filled polygons of each gray in a picture."""
    return Counter(s.fill for s in picture.shapes if isinstance(s, Shape) and s.fill is not None)


def test_every_region_is_drawn_on_a_view() -> None:
    for region in Region:
        found = areas(region)
        assert found, region
        assert set(views(region)) <= {"front", "back"}
        for area in found:
            assert len(area.right) >= 3


def test_a_region_of_two_is_drawn_as_both() -> None:
    both = areas(Region.ADDUCTORS_AND_ABDUCTORS)
    assert both == areas(Region.ADDUCTORS) + areas(Region.ABDUCTORS)
    assert views(Region.ADDUCTORS_AND_ABDUCTORS) == ("front", "back")


def test_the_five_shades_darken_step_by_step_and_the_top_two_are_hatched() -> None:
    grays = [SHADES[rank].gray for rank in range(1, 6)]
    assert grays == sorted(grays, reverse=True)
    # Steps at least 0.13 apart: told apart on a photocopy, as the level bars' boxes are.
    assert min(a - b for a, b in itertools.pairwise(grays)) >= 0.13
    assert [len(SHADES[rank].hatch) for rank in range(1, 6)] == [0, 0, 0, 1, 2]
    assert [level.rank for level in Level] == [1, 2, 3, 4, 5]


def test_changing_a_level_changes_the_fill_of_its_region() -> None:
    before = muscle_map([Mark(Region.CALVES, 2, "1")], WORDS)
    after = muscle_map([Mark(Region.CALVES, 3, "1")], WORDS)
    assert before != after
    # Both calves change from step 2 to step 3; the legend keeps one square of each.
    assert fills(before)[SHADES[2].gray] == 3 and fills(after)[SHADES[2].gray] == 1
    assert fills(before)[SHADES[3].gray] == 1 and fills(after)[SHADES[3].gray] == 3


def test_hatching_appears_only_at_the_top_levels() -> None:
    def strokes(rank: int) -> int:
        drawn = muscle_map([Mark(Region.QUADRICEPS, rank, "1")], WORDS).shapes
        return sum(isinstance(s, Stroke) and s.width == musclemap._HATCH_WIDTH for s in drawn)

    legend = strokes(1)  # the legend's squares 4 and 5 are hatched whatever the rows say
    assert strokes(2) == strokes(3) == legend
    assert legend < strokes(4) < strokes(5)


def test_a_map_whose_muscles_are_all_on_the_front_draws_the_front_alone_in_the_middle() -> None:
    front = muscle_map(
        [Mark(Region.QUADRICEPS, 4, "1"), Mark(Region.TIBIALIS_ANTERIOR, 3, "2")], WORDS
    )
    both = muscle_map([Mark(Region.QUADRICEPS, 4, "1"), Mark(Region.HAMSTRINGS, 2, "2")], WORDS)
    names = [s for s in front.shapes if isinstance(s, Label) and s.text in {"Front", "Back"}]
    assert [s.text for s in names] == ["Front"]
    assert names[0].at[0] == pytest.approx(musclemap.WIDTH / 2)
    assert [
        s.text for s in both.shapes if isinstance(s, Label) and s.text in {"Front", "Back"}
    ] == [
        "Front",
        "Back",
    ]
    # One outline and head fewer: an empty back view would read as "nothing works there".
    outlines = [s for s in both.shapes if isinstance(s, Shape) and s.fill == 1.0]
    assert len([s for s in front.shapes if isinstance(s, Shape) and s.fill == 1.0]) < len(outlines)


def test_each_mark_has_its_number_and_nothing_else_is_numbered() -> None:
    marks = [Mark(Region.QUADRICEPS, 5, "1"), Mark(Region.HAMSTRINGS, 2, "2")]
    picture = muscle_map(marks, WORDS)
    labels = [s.text for s in picture.shapes if isinstance(s, Label)]
    # Once each, on the body: the legend's shades carry no digits to read as more rows.
    assert labels.count("1") == 1 and labels.count("2") == 1
    assert not {"3", "4", "5"} & set(labels)
    assert labels[:2] and "Front" in labels and "Back" in labels
    assert "Low" in labels and "High" in labels
    assert picture.alt == "alt text"


def test_callouts_never_overlap_and_stay_in_the_picture() -> None:
    marks = [Mark(region, 3, str(i)) for i, region in enumerate(list(Region)[:10], start=1)]
    picture = muscle_map(marks, WORDS)
    discs = [s for s in picture.shapes if isinstance(s, Ellipse) and s.rx > 3]
    discs = [d for d in discs if d.center[0] in (14.0, musclemap.WIDTH - 14.0)]
    assert len(discs) == 10
    for a in discs:
        assert a.rx <= a.center[0] <= picture.width - a.rx
        assert a.ry <= a.center[1] <= picture.height - a.ry
        for b in discs:
            if a is not b and a.center[0] == b.center[0]:
                assert abs(a.center[1] - b.center[1]) >= a.ry + b.ry


def test_the_picture_grows_with_its_type() -> None:
    small = muscle_map([], WORDS, text=10)
    large = muscle_map([], WORDS, text=20)
    assert small.width == large.width and small.height < large.height
    sizes = {s.size for s in large.shapes if isinstance(s, Label)}
    assert sizes == {20}


def test_hatch_lines_stay_inside_the_polygon() -> None:
    square = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0))
    lines = hatch(square, 2.0, 45.0, 0.5, 0.0)
    assert len(lines) == 7  # the square is 14.1 across its diagonal, lines 2 apart
    for line in lines:
        for x, y in line.points:
            assert -1e-9 <= x <= 10 + 1e-9 and -1e-9 <= y <= 10 + 1e-9
    # A diagonal of the square is the longest cut: about 14.1 units.
    longest = max(math.dist(*line.points) for line in lines)
    assert 13 < longest <= math.hypot(10, 10) + 1e-9


def test_hatching_a_concave_polygon_leaves_its_notch_empty() -> None:
    u_shape = ((0.0, 0.0), (3.0, 0.0), (3.0, 7.0), (7.0, 7.0), (7.0, 0.0), (10.0, 0.0))
    u_shape += ((10.0, 10.0), (0.0, 10.0))
    lines = hatch(u_shape, 1.0, 0.0, 0.2, 0.0)
    for line in lines:
        (x0, y), (x1, _) = line.points
        middle = (x0 + x1) / 2
        assert not (3 < middle < 7 and y < 7)


def test_the_map_block_says_every_row_in_its_alt_text_and_follows_a_level() -> None:
    topic = SHIPPED.topic("backward-walking")
    block = map_block(topic, muscle_rows(topic, EN), EN)
    assert block.words.alt.startswith("Muscle map of the body, each numbered")
    assert "1: Front of thigh (quadriceps), on the front: level 5 of 5 (high)." in block.words.alt
    assert "6: Back of thigh (hamstrings), on the back: level 2 of 5 (low to moderate)." in (
        block.words.alt
    )
    assert [m.number for m in block.marks] == ["1", "2", "3", "4", "5", "6"]
    assert block.key[0] == ("No.", "Muscle group", "Going backward")
    assert block.key[1] == ("1", "Front of thigh (quadriceps)", "High")


@pytest.mark.parametrize("level", list(Level))
def test_a_curators_level_is_the_maps_shade(level: Level) -> None:
    from dataclasses import replace

    topic = SHIPPED.topic("backward-pedaling")
    first = replace(topic.activation.muscles[0], backward=level)
    edited = replace(
        topic, activation=replace(topic.activation, muscles=(first, *topic.activation.muscles[1:]))
    )
    block = map_block(edited, muscle_rows(edited, EN), EN)
    assert block.marks[0].rank == level.rank
    assert f"level {level.rank} of 5 ({level.value})" in block.words.alt


def test_a_spanish_map_says_its_views_levels_and_key_in_spanish() -> None:
    topic = SHIPPED.topic("backward-walking")
    es = catalogue("es")
    block = map_block(topic, muscle_rows(topic, es), es)
    assert block.heading.text == "Dónde trabajan los músculos"
    assert (block.words.front, block.words.back, block.words.low, block.words.high) == (
        "Frente",
        "Espalda",
        "Bajo",
        "Alto",
    )
    assert block.words.alt.startswith("Mapa de músculos del cuerpo: cada grupo")
    assert ", en la vista de frente: nivel 5 de 5 (" in block.words.alt
    assert block.key[0] == ("N.º", "Grupo de músculos", "Hacia atrás")
