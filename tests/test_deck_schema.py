"""Decks validate against the ECMA-376 Transitional schemas, every XML part, with lxml."""

from __future__ import annotations

import io
import zipfile
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
    assert ooxml.problems(shipped_deck) == []


def test_every_kind_of_part_is_validated(shipped_deck: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(shipped_deck)) as archive:
        xml = {n for n in archive.namelist() if archive.read(n).lstrip().startswith(b"<")}
    checked = {n for n in xml if n.endswith((".xml", ".rels")) and n not in ooxml.NOT_VALIDATED}
    assert xml - checked == ooxml.NOT_VALIDATED  # every XML part but the core properties
    folders = {n.rpartition("/")[0] for n in checked}
    for kind in (
        "ppt/slides",
        "ppt/slideLayouts",
        "ppt/slideMasters",
        "ppt/notesSlides",
        "ppt/notesMasters",
        "ppt/charts",
        "ppt/theme",
        "ppt/slides/_rels",
        "_rels",
        "docProps",
    ):
        assert kind in folders, kind
    for part in ("ppt/presentation.xml", "ppt/tableStyles.xml", "[Content_Types].xml"):
        assert part in checked


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


def test_what_we_write_on_a_clinic_template_validates() -> None:
    # Impress's own template: its master's bullet sizes are its own, in the 1st edition's
    # thousandths of a percent, which the Transitional schema refuses. Nothing we write is.
    found = ooxml.problems(topic_deck("backward-walking", FIXTURES / "impress-template.pptx"))
    pattern = "'0*((2[5-9])|([3-9][0-9])|([1-3][0-9][0-9])|400)%'"
    assert found == [
        "ppt/slideMasters/slideMaster1.xml:2: Element '{http://schemas.openxmlformats.org/"
        f"drawingml/2006/main}}buSzPct', attribute 'val': [facet 'pattern'] The value '{value}' "
        f"is not accepted by the pattern {pattern}."
        for value in ("45000", "75000", "45000", "75000", "45000", "45000", "45000")
    ]


def test_the_known_bad_deck_is_refused() -> None:
    """``bad-deck.pptx``: python-pptx's own chart, a 0.99 pt run and an element with no place.

    Made with python-pptx 1.0.2: a Title Only slide titled "A bad deck" at 20 pt and a
    clustered bar chart (one category, one series), then ``sz="2000"`` edited to ``99`` and
    ``<p:bogus/>`` put after the shape tree.
    """
    chart_ids = (
        ("axId", "-2068027336"),
        ("axId", "-2113994440"),
        ("axId", "-2068027336"),
        ("crossAx", "-2113994440"),
        ("axId", "-2113994440"),
        ("crossAx", "-2068027336"),
    )
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    assert ooxml.problems((FIXTURES / "bad-deck.pptx").read_bytes()) == [
        "ppt/slides/slide1.xml:2: Element '{http://schemas.openxmlformats.org/drawingml/2006/main}"
        "rPr', attribute 'sz': [facet 'minInclusive'] The value '99' is less than the minimum "
        "value allowed ('100').",
        "ppt/slides/slide1.xml:2: Element '{http://schemas.openxmlformats.org/presentationml/2006/"
        "main}bogus': This element is not expected. Expected is one of ( "
        "{http://schemas.openxmlformats.org/presentationml/2006/main}custDataLst, "
        "{http://schemas.openxmlformats.org/presentationml/2006/main}controls, "
        "{http://schemas.openxmlformats.org/presentationml/2006/main}extLst ).",
        *(
            f"ppt/charts/chart1.xml:2: Element '{c}{tag}', attribute 'val': '{value}' is not a "
            "valid value of the atomic type 'xs:unsignedInt'."
            for tag, value in chart_ids
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
            "extLst': This element is not expected",
        ),
        ("ppt/slides/slide2.xml", "<a:rPr ", '<a:rPr u="zigzag" ', "'zigzag' is not an element"),
        ("ppt/charts/chart1.xml", '<c:lang val="en-US"/>', "", None),  # c:lang is optional
        # c:lang comes after c:date1904, not before
        (
            "ppt/charts/chart1.xml",
            "<c:date1904",
            '<c:lang val="en-US"/><c:date1904',
            "date1904': This element is not expected",
        ),
        (
            "ppt/presentation.xml",
            "<p:sldIdLst>",
            '<p:sldIdLst><p:sldId id="1" r:id="rId1"/>',
            "The value '1' is less than the minimum value allowed ('256')",
        ),
        ("[Content_Types].xml", "<Default ", '<Default Colour="red" ', "'Colour' is not allowed"),
    ],
)
def test_faults_put_into_a_good_deck_are_found(
    part: str, old: str, new: str, expected: str | None
) -> None:
    good = topic_deck("backward-walking")
    found = ooxml.problems(_edited(good, part, old, new))
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(f"{part}:") and expected in found[0], found
