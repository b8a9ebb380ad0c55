"""Hostile and broken SVG files are refused, each with the exact reason a curator reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.figures import svgcheck
from handouts.figures.svgcheck import SvgProblem

SVG = Path(__file__).parent / "fixtures" / "svg"

REFUSED = {
    "xxe.svg": "expected no DOCTYPE (entities are never read) but got one",
    "laughs.svg": "expected no DOCTYPE (entities are never read) but got one",
    "script.svg": "expected a drawing but got a script <script> on line 3",
    "foreign.svg": (
        "expected a drawing but got embedded HTML (foreignObject) <foreignObject> on line 2"
    ),
    "onload.svg": "expected no script but got the attribute onload='alert(1)' on line 1",
    "external-use.svg": (
        "expected only references inside the file (href=\"#id\") but got href='ok.svg#head' "
        "on line 2"
    ),
    "image.svg": "expected only shapes, groups and text but got <image> on line 2",
    "url-fill.svg": (
        "expected only references inside the file (url(#id)) but got "
        "fill='url(http://example.com/paint.svg#p)' on line 2"
    ),
    "css-import.svg": (
        "expected a style sheet that stays inside the file but got @import or url() on line 2"
    ),
    "broken.svg": (
        "expected well-formed SVG but got an XML error on line 3: "
        "Opening and ending tag mismatch: rect line 2 and svg"
    ),
    "not-svg.svg": "expected an <svg> root element in the SVG namespace but got <html>",
    "xinclude.svg": "expected only shapes, groups and text but got <include> on line 2",
    "link.svg": "expected only shapes, groups and text but got <a> on line 2",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_or_broken_files_are_refused(name: str) -> None:
    with pytest.raises(SvgProblem) as refused:
        svgcheck.read(SVG / name)
    assert refused.value.message == REFUSED[name]


def test_a_plain_drawing_is_read() -> None:
    root = svgcheck.read(SVG / "ok.svg")
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.svg"
    pad = " " * (svgcheck.MAX_BYTES)
    big.write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{pad}</svg>')
    with pytest.raises(SvgProblem) as refused:
        svgcheck.read(big)
    assert refused.value.message == "expected an SVG file of at most 256 KB but got 257 KB"


def test_too_many_elements_are_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.svg"
    rects = '<rect width="1" height="1"/>' * svgcheck.MAX_ELEMENTS
    many.write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{rects}</svg>')
    with pytest.raises(SvgProblem) as refused:
        svgcheck.read(many)
    assert refused.value.message == "expected at most 5000 elements but got more"


def test_an_editors_metadata_is_let_be(tmp_path: Path) -> None:
    edited = tmp_path / "edited.svg"
    edited.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><metadata>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
        '<rect width="1" height="1"/></svg>'
    )
    svgcheck.read(edited)


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SvgProblem) as refused:
        svgcheck.read(tmp_path / "missing.svg")
    assert refused.value.message == "expected a readable SVG file but got No such file or directory"
