"""A figure entry becomes its picture, or each problem with it, named by field."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from handouts.figures import poses
from handouts.figures.resolve import Entry, resolve
from handouts.figures.shapes import Picture

SVG = Path(__file__).parent / "fixtures" / "svg"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A content folder holding a good and a hostile SVG under figures/."""
    (tmp_path / "figures").mkdir()
    shutil.copy(SVG / "ok.svg", tmp_path / "figures" / "ok.svg")
    shutil.copy(SVG / "script.svg", tmp_path / "figures" / "script.svg")
    return tmp_path


def test_a_pose_is_drawn_with_the_entrys_alt_text(folder: Path) -> None:
    picture, problems = resolve(Entry(2, "Seated on the bike.", "bike-seated", ""), 6, folder)
    assert problems == []
    assert picture == poses.picture("bike-seated", "Seated on the bike.")


def test_an_svg_in_the_folder_is_drawn(folder: Path) -> None:
    picture, problems = resolve(Entry(1, "A step.", "", "figures/ok.svg"), 6, folder)
    assert problems == [] and isinstance(picture, Picture) and picture.alt == "A step."


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            Entry(7, "", "bike-seated", ""),
            [("step", "expected the number of one of this topic's steps (1 to 6) but got 7")],
        ),
        (
            Entry(1, "", "bike-seated", "figures/ok.svg"),
            [("", "expected a pose or an svg but got both; keep one")],
        ),
        (
            Entry(1, "", "", ""),
            [
                (
                    "",
                    "expected a pose or an svg but got neither; add 'pose:' (a drawing of the "
                    "shared figure) or 'svg:' (a file in the content folder)",
                )
            ],
        ),
        (
            Entry(1, "", "bike-seat", ""),
            [
                (
                    "pose",
                    "expected one of the poses bike-backward, bike-seated, floor-stand, "
                    "floor-step-back, treadmill-start, treadmill-walk but got 'bike-seat'; "
                    "did you mean 'bike-seated'?",
                )
            ],
        ),
        (
            Entry(1, "", "", "figures/missing.svg"),
            [
                (
                    "svg",
                    "expected an SVG file at figures/missing.svg in the content folder but "
                    "there is none",
                )
            ],
        ),
        (
            Entry(1, "", "", "../outside.svg"),
            [("svg", "expected a path inside the content folder but got one that leaves it")],
        ),
        (
            Entry(1, "", "", "/etc/passwd"),
            [("svg", "expected a path inside the content folder but got one that leaves it")],
        ),
        (
            Entry(1, "", "", "figures/ok.png"),
            [("svg", "expected an SVG file (ending .svg) but got 'ok.png'")],
        ),
        (
            Entry(1, "", "", "figures/script.svg"),
            [
                (
                    "svg",
                    "expected a drawing but got a script <script> on line 3 "
                    "(in figures/script.svg)",
                )
            ],
        ),
    ],
)
def test_problems_are_named_by_field(
    folder: Path, entry: Entry, expected: list[tuple[str, str]]
) -> None:
    picture, problems = resolve(entry, 6, folder)
    assert picture is None
    assert problems == expected


def test_a_link_out_of_the_folder_is_refused(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "drawing.svg"
    shutil.copy(SVG / "ok.svg", elsewhere)
    os.symlink(elsewhere, folder / "figures" / "link.svg")
    _, problems = resolve(Entry(1, "", "", "figures/link.svg"), 6, folder)
    assert problems == [
        (
            "svg",
            "expected a path inside the content folder but got a symbolic link that points "
            "outside it; copy the drawing itself into the folder",
        )
    ]
