"""A topic's figures are checked like every other field: each problem located, words pinned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handouts.validate import load_content
from tests.conftest import problems_of

SVG = Path(__file__).parent / "fixtures" / "svg"
FILE = "content/topics/heel-walk.yaml"
LINE = 68  # the fixture's length: the figures block starts on the next line


def _with(content: Path, block: str) -> Path:
    topic = content / "topics" / "heel-walk.yaml"
    assert len(topic.read_text(encoding="utf-8").splitlines()) == LINE
    with topic.open("a", encoding="utf-8") as handle:
        handle.write("figures:\n" + block)
    return content


def test_a_pose_and_an_svg_are_drawn(content: Path) -> None:
    (content / "figures").mkdir()
    shutil.copy(SVG / "ok.svg", content / "figures" / "ok.svg")
    _with(
        content,
        "  - step: 1\n    pose: floor-stand\n    caption: Stand tall.\n    alt: A person stands.\n"
        "  - step: 2\n    svg: figures/ok.svg\n    caption: Walk.\n    alt: A walker.\n",
    )
    (topic,) = load_content(content).topics
    assert [f.picture is not None for f in topic.figures] == [True, True]
    assert [f.picture.alt for f in topic.figures] == ["A person stands.", "A walker."]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "  - step: 3\n    pose: floor-stand\n    caption: Stand.\n    alt: A person.\n",
            f"{FILE}:70:11: figures[0].step: expected the number of one of this topic's steps "
            "(1 to 2) but got 3",
        ),
        (
            "  - step: 1\n    pose: floor-sit\n    caption: Stand.\n    alt: A person.\n",
            f"{FILE}:71:11: figures[0].pose: expected one of the poses bike-backward, "
            "bike-seated, floor-stand, floor-step-back, treadmill-start, treadmill-walk but got "
            "'floor-sit'; did you mean 'floor-stand'?",
        ),
        (
            "  - step: 1\n    caption: Stand.\n    alt: A person.\n",
            f"{FILE}:70:5: figures[0]: expected a pose or an svg but got neither; add 'pose:' "
            "(a drawing of the shared figure) or 'svg:' (a file in the content folder)",
        ),
        (
            "  - step: 1\n    pose: floor-stand\n    alt: A person.\n",
            f"{FILE}:70:5: figures[0].caption: expected text but the field is missing; "
            "add 'caption:'",
        ),
        (
            "  - step: 1\n    pose: floor-stand\n    caption: Stand.\n",
            f"{FILE}:70:5: figures[0].alt: expected text but the field is missing; add 'alt:'",
        ),
        (
            "  - step: 1\n    svg: figures/none.svg\n    caption: Stand.\n    alt: A person.\n",
            f"{FILE}:71:10: figures[0].svg: expected an SVG file at figures/none.svg in the "
            "content folder but there is none",
        ),
        (
            "  - step: 1\n    pose: floor-stand\n    caption: Stand.\n    alt: A person.\n"
            "    picture: drawn\n",
            f"{FILE}:74:5: figures[0].picture: unknown key 'picture'; expected one of: step, "
            "caption, alt, pose, svg",
        ),
    ],
)
def test_problems_are_located(content: Path, block: str, expected: str) -> None:
    assert problems_of(_with(content, block)) == [expected]


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [
        ("script.svg", "expected a drawing but got a script <script> on line 3"),
        ("xxe.svg", "expected no DOCTYPE (entities are never read) but got one"),
        (
            "external-use.svg",
            'expected only references inside the file (href="#id") but got '
            "href='ok.svg#head' on line 2",
        ),
        (
            "foreign.svg",
            "expected a drawing but got embedded HTML (foreignObject) <foreignObject> on line 2",
        ),
        (
            "broken.svg",
            "expected well-formed SVG but got an XML error on line 3: "
            "Opening and ending tag mismatch: rect line 2 and svg",
        ),
    ],
)
def test_a_hostile_or_broken_svg_is_a_located_content_error(
    content: Path, fixture: str, reason: str
) -> None:
    (content / "figures").mkdir()
    shutil.copy(SVG / fixture, content / "figures" / fixture)
    block = f"  - step: 1\n    svg: figures/{fixture}\n    caption: Stand.\n    alt: A person.\n"
    assert problems_of(_with(content, block)) == [
        f"{FILE}:71:10: figures[0].svg: {reason} (in figures/{fixture})"
    ]


def test_at_most_six_figures(content: Path) -> None:
    one = "  - step: 1\n    pose: floor-stand\n    caption: Stand.\n    alt: A person.\n"
    assert problems_of(_with(content, one * 7)) == [
        f"{FILE}:70:3: figures: expected at most 6 items but got 7; keep the drawings that "
        "show how to stand and which way to move"
    ]
