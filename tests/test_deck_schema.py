"""Decks validate against the ECMA-376 schemas and PowerPoint's rules, with openxml-audit.

openxml-audit is a port of the Open XML SDK's validator: the schemas (every XML part but the
package's [Content_Types].xml and .rels, which it only reads), the SDK's semantic rules
(unique shape ids, relationships of the right kind) and the parts PowerPoint repairs a deck
without.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from handouts import deck, outline
from handouts.options import DeckOptions
from handouts.validate import load_content
from tests import ooxml
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")
FIXTURES = Path(__file__).parent / "fixtures"


def topic_deck(topic_id: str, template: Path | None = None) -> bytes:
    lesson = outline.topic_lesson(SHIPPED.topic(topic_id), SHIPPED)
    return deck.render(lesson, DeckOptions(template))


def class_deck(template: Path | None = None) -> bytes:
    return deck.render(outline.class_lesson(SHIPPED.program, SHIPPED), DeckOptions(template))


@pytest.fixture(scope="module", params=[*(t.id for t in SHIPPED.topics), "class"])
def shipped_deck(request: pytest.FixtureRequest) -> bytes:
    return class_deck() if request.param == "class" else topic_deck(request.param)


def test_every_shipped_deck_validates(shipped_deck: bytes) -> None:
    assert ooxml.findings(shipped_deck) == []


def test_chart_axes_are_unsigned_and_cross_each_other(shipped_deck: bytes) -> None:
    package = ooxml.Package(shipped_deck)
    charts = [n for n in package.parts if n.startswith("ppt/charts/chart")]
    assert charts
    for name in charts:
        chart = package.xml(name)
        axes = {
            ax.find("c:axId", ooxml.NS).get("val"): ax.find("c:crossAx", ooxml.NS).get("val")
            for ax in chart.iterfind(".//c:plotArea/*", ooxml.NS)
            if ax.find("c:crossAx", ooxml.NS) is not None
        }
        assert len(axes) == 2
        assert all(0 < int(v) < 2**32 for v in axes)
        (first, second) = axes
        assert axes == {first: second, second: first}  # each axis crosses the other
        plotted = [i.get("val") for i in chart.iterfind(".//c:barChart/c:axId", ooxml.NS)]
        assert sorted(plotted) == sorted(axes)


@pytest.mark.parametrize("template", [None, FIXTURES / "impress-template.pptx"])
def test_shape_ids_are_unique_on_every_slide(template: Path | None) -> None:
    # The schema cannot say it; PowerPoint repairs a slide with two shapes of one id.
    package = ooxml.Package(class_deck(template))
    for name in package.slides():
        ids = [e.get("id") for e in package.xml(name).iter(f"{{{ooxml.NS['p']}}}cNvPr")]
        assert len(ids) == len(set(ids)) and len(ids) >= 3, (name, ids)


@pytest.mark.parametrize("make", [class_deck, lambda t: topic_deck("backward-walking", t)])
def test_what_we_write_on_a_clinic_template_validates(make: Callable[[Path], bytes]) -> None:
    assert ooxml.findings(make(FIXTURES / "impress-template.pptx")) == []


def test_the_impress_template_itself_lacks_view_properties() -> None:
    # Why the deck writes a viewProps part of its own when the template has none.
    assert ooxml.findings((FIXTURES / "impress-template.pptx").read_bytes()) == [
        "error /ppt/presentation.xml /presentation[1]: Presentation is missing viewProps "
        "relationship — PowerPoint will trigger its 'unreadable content' repair dialog when "
        "this part is absent"
    ]


def test_the_known_bad_deck_is_refused() -> None:
    """``bad-deck.pptx``: python-pptx's own chart, a 0.99 pt run and an element with no place.

    Made with python-pptx 1.0.2: a Title Only slide titled "A bad deck" at 20 pt and a
    clustered bar chart (one category, one series), then ``sz="2000"`` edited to ``99`` and
    ``<p:bogus/>`` put after the shape tree.
    """
    plot = "/ppt/charts/chart1.xml /chartSpace[1]/chart[1]/plotArea[1]"
    chart_ids = (
        ("barChart[1]/axId[1]", "-2068027336"),
        ("barChart[1]/axId[2]", "-2113994440"),
        ("catAx[1]/axId[1]", "-2068027336"),
        ("catAx[1]/crossAx[1]", "-2113994440"),
        ("valAx[1]/axId[1]", "-2113994440"),
        ("valAx[1]/crossAx[1]", "-2068027336"),
    )
    assert ooxml.findings((FIXTURES / "bad-deck.pptx").read_bytes()) == [
        "error /ppt/slides/slide1.xml /sld[1]/cSld[1]: Unexpected element 'bogus' found",
        "error /ppt/slides/slide1.xml /sld[1]/cSld[1]/spTree[1]/sp[1]/txBody[1]/p[1]/r[1]/rPr[1]: "
        "Invalid value for attribute 'sz': Value 99 is less than minimum 100",
        *(
            f"error {plot}/{where}: Invalid value for attribute 'val': Value {value} is less "
            "than minimum 0"
            for where, value in chart_ids
        ),
    ]


def _edited(data: bytes, part: str, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == part:
                text = blob.decode("utf-8")
                assert old in text
                blob = text.replace(old, new, 1).encode("utf-8")
            target.writestr(info, blob)
    return out.getvalue()


@pytest.mark.parametrize(
    ("part", "old", "new", "expected"),
    [
        # A decoration's flag after the shape's properties it belongs to, not inside them.
        (
            "ppt/slides/slide4.xml",
            "</p:cNvPr><p:cNvSpPr/>",
            "</p:cNvPr><a:extLst/><p:cNvSpPr/>",
            [
                "Required element 'cNvSpPr' is missing (minOccurs=1, found=0)",
                "Required element 'nvPr' is missing (minOccurs=1, found=0)",
                "Unexpected element 'extLst' found",
            ],
        ),
        (
            "ppt/slides/slide2.xml",
            "<a:rPr ",
            '<a:rPr u="zigzag" ',
            [
                "Invalid value for attribute 'u': Value 'zigzag' is not in allowed values: "
                "['dash', 'dashHeavy', 'dashLong', 'dashLongHeavy', 'dbl', 'dotDash', "
                "'dotDashHeavy', 'dotDotDash', 'dotDotDashHeavy', 'dotted', 'dottedHeavy', "
                "'heavy', 'none', 'sng', 'wavy', 'wavyDbl', 'wavyHeavy', 'words']"
            ],
        ),
        ("ppt/charts/chart1.xml", '<c:lang val="en-US"/>', "", []),  # c:lang is optional
        # c:lang comes after c:date1904, not before
        (
            "ppt/charts/chart1.xml",
            "<c:date1904",
            '<c:lang val="en-US"/><c:date1904',
            [
                "Required element 'chart' is missing (minOccurs=1, found=0)",
                "Unexpected element 'date1904' found",
            ],
        ),
        # python-pptx's own axis ids, which PowerPoint's schema refuses
        (
            "ppt/charts/chart1.xml",
            '<c:axId val="',
            '<c:axId val="-',
            ["Invalid value for attribute 'val': Value -2226939960 is less than minimum 0"],
        ),
        # Two shapes of one id on a slide: PowerPoint repairs the file.
        ("ppt/slides/slide2.xml", 'id="3"', 'id="2"', ["Duplicate shape ID: 2"]),
        (
            "docProps/app.xml",
            "<Slides>",
            "<Bogus/><Slides>",
            [
                "Unexpected element 'Bogus' found",
                "Unexpected element in extended properties: 'Bogus'",
            ],
        ),
    ],
)
def test_faults_put_into_a_good_deck_are_found(
    part: str, old: str, new: str, expected: list[str]
) -> None:
    good = topic_deck("backward-walking")
    found = ooxml.findings(_edited(good, part, old, new))
    assert [f.partition(": ")[2] for f in found] == expected
    assert all(f.split(" ")[1] == f"/{part}" for f in found), found
