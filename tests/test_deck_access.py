"""Decks as a screen reader and a low-vision reader get them, read from the written XML.

Unique titles, decorations a screen reader passes over, the lesson's language on every run,
and WCAG contrast: 4.5:1 for text and 3:1 for chart bars, against what is behind them, with
colours resolved through our theme and its colour map.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from handouts import deck, outline, theme
from handouts.options import DeckOptions
from handouts.outline.document import Lesson
from handouts.validate import load_content
from tests.conftest import REPO
from tests.ooxml import NS, Package

SHIPPED = load_content(REPO / "content")
IMPRESS = REPO / "tests" / "fixtures" / "impress-template.pptx"


def lessons() -> dict[str, Lesson]:
    found = {t.id: outline.topic_lesson(t, SHIPPED) for t in SHIPPED.topics}
    found["class"] = outline.class_lesson(SHIPPED.program, SHIPPED)
    return found


LESSONS = lessons()


@pytest.fixture(scope="module", params=list(LESSONS))
def shipped(request: pytest.FixtureRequest) -> tuple[Lesson, bytes]:
    lesson = LESSONS[request.param]
    return lesson, deck.render(lesson, DeckOptions())


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


# -- titles --------------------------------------------------------------------------------


@pytest.mark.parametrize("template", [None, IMPRESS], ids=["ours", "impress"])
def test_every_title_in_a_deck_is_its_own(template: Path | None) -> None:
    for name, lesson in LESSONS.items():
        prs = Presentation(io.BytesIO(deck.render(lesson, DeckOptions(template))))
        titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
        repeated = [t for t, n in Counter(titles).items() if n > 1]
        assert repeated == [], name
        if name == "class":
            assert "Safety: backward walking" in titles
            assert any(t.endswith(" (cont.)") for t in titles)  # continued slides count too


# -- decorations and alt text --------------------------------------------------------------


def test_decorations_are_flagged_decorative_and_not_described(
    shipped: tuple[Lesson, bytes],
) -> None:
    package = Package(shipped[1])
    decorations = safety_slides = charts = 0
    for name in package.slides():
        tree = package.xml(name).find("p:cSld/p:spTree", NS)
        for shape in tree:
            props = shape.find("*/p:cNvPr", NS)
            if props is None:  # the tree's own properties
                continue
            safety_slides += props.get("name") == "Safety table"
            flag = props.find("a:extLst/a:ext/adec:decorative", NS)
            if props.get("name") in ("Safety band", "Warning sign"):
                decorations += 1
                assert flag is not None and flag.get("val") == "1", (name, props.get("name"))
                assert flag.getparent().get("uri") == "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
                assert props.get("descr") is None and props.get("title") is None
                assert "".join(shape.itertext()) == ""  # nothing in it to read
            else:
                assert flag is None, (name, props.get("name"))
            if shape.find("a:graphic/a:graphicData/c:chart", NS) is not None:
                charts += 1  # described: it is what the slide shows
                assert props.get("descr", "").startswith("Bar chart of effort"), name
    assert safety_slides >= 1 and charts >= 1
    assert decorations == 2 * safety_slides  # a band and a sign on each


# -- language ------------------------------------------------------------------------------


def _languages(package: Package) -> tuple[Counter[str | None], int]:
    """Every run property's language on slides, notes and charts, and the runs without one."""
    found: Counter[str | None] = Counter()
    bare = 0
    for name, data in package.parts.items():
        if not name.startswith(("ppt/slides/slide", "ppt/notesSlides/", "ppt/charts/chart")):
            continue
        if name.endswith(".rels"):
            continue
        root = etree.fromstring(data)
        for piece in root.iter(q("a:r"), q("a:fld")):
            bare += piece.find("a:rPr", NS) is None
        for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
            found.update(e.get("lang") for e in root.iter(q(tag)))
    return found, bare


@pytest.mark.parametrize("lang", [None, "es-US"], ids=["shipped", "another"])
def test_every_run_is_in_the_lessons_language(lang: str | None) -> None:
    lesson = LESSONS["class"]
    if lang is not None:  # the language comes from the lesson, not from the renderer
        lesson = replace(lesson, meta=replace(lesson.meta, lang=lang))
    expected = lesson.meta.lang
    data = deck.render(lesson, DeckOptions())
    package = Package(data)
    found, bare = _languages(package)
    assert bare == 0
    assert set(found) == {expected} and found[expected] > 300
    for name in package.parts:
        if name.startswith("ppt/charts/chart") and not name.endswith(".rels"):
            assert package.xml(name).find("c:lang", NS).get("val") == expected
    defaults = package.xml("ppt/presentation.xml").iterfind("p:defaultTextStyle//a:defRPr", NS)
    assert {e.get("lang") for e in defaults} == {expected}
    assert Presentation(io.BytesIO(data)).core_properties.language == expected


# -- contrast ------------------------------------------------------------------------------


class Colours:
    """Resolves the colours of one slide's text and shapes, as a viewer does."""

    def __init__(self, package: Package, slide: str) -> None:
        """Find the slide's layout, master, theme and colour map."""
        self.package = package
        self.slide = slide
        self.layout = package.one(slide, "slideLayout")
        self.master = package.one(self.layout, "slideMaster")
        self.theme = package.xml(package.one(self.master, "theme"))
        scheme = self.theme.find("a:themeElements/a:clrScheme", NS)
        self.scheme = {etree.QName(slot).localname: self.value(slot[0]) for slot in scheme}
        self.map = dict(package.xml(self.master).find("p:clrMap", NS).attrib)
        for part in (self.layout, slide):  # a slide or layout may map colours its own way
            override = package.xml(part).find("p:clrMapOvr/a:overrideClrMapping", NS)
            if override is not None:
                self.map = dict(override.attrib)

    def value(self, colour: etree._Element, placeholder: str | None = None) -> str:
        """Return ``#RRGGBB`` for a colour element; refuse transforms this check cannot do."""
        assert len(colour) == 0, f"colour transforms not resolved: {etree.tostring(colour)!r}"
        kind = etree.QName(colour).localname
        if kind == "srgbClr":
            return "#" + colour.get("val").upper()
        if kind == "sysClr":
            return "#" + colour.get("lastClr").upper()
        assert kind == "schemeClr", kind
        slot = colour.get("val")
        if slot == "phClr":
            assert placeholder is not None
            return placeholder
        return self.scheme[self.map.get(slot, slot)]

    def fill(self, properties: etree._Element | None) -> str | None:
        """Return the solid fill of shape or cell properties, None for none."""
        solid = None if properties is None else properties.find("a:solidFill", NS)
        return None if solid is None else self.value(solid[0])

    def background(self) -> str:
        """Return the slide's background: its own, its layout's or its master's."""
        for part in (self.slide, self.layout, self.master):
            bg = self.package.xml(part).find("p:cSld/p:bg", NS)
            if bg is None:
                continue
            found = self.fill(bg.find("p:bgPr", NS))
            if found is not None:
                return found
            ref = bg.find("p:bgRef", NS)
            styles = self.theme.find("a:themeElements/a:fmtScheme/a:bgFillStyleLst", NS)
            style = styles[int(ref.get("idx")) - 1001]  # 1001 and up: background fills
            assert etree.QName(style).localname == "solidFill", "only solid backgrounds"
            return self.value(style[0], placeholder=self.value(ref[0]))
        raise AssertionError(f"{self.slide} has no background anywhere")


def _text_runs(colours: Colours):
    """Yield (text, colour, background) for every run and field of a slide."""
    behind_slide = colours.background()
    tree = colours.package.xml(colours.slide).find("p:cSld/p:spTree", NS)
    for shape in tree.iter(q("p:sp"), q("p:graphicFrame")):  # in groups too
        behind_shape = colours.fill(shape.find("p:spPr", NS)) or behind_slide
        bodies = [(shape.find("p:txBody", NS), behind_shape)]
        for cell in shape.iterfind("a:graphic/a:graphicData/a:tbl/a:tr/a:tc", NS):
            if cell.get("hMerge") or cell.get("vMerge"):  # hidden under the merged cell
                continue
            bodies.append((cell.find("a:txBody", NS), colours.fill(cell.find("a:tcPr", NS))))
        for body, behind in bodies:
            if body is None:
                continue
            assert behind is not None, "a table cell without a fill of ours"
            for paragraph in body.iterfind("a:p", NS):
                for run in paragraph:
                    if etree.QName(run).localname not in ("r", "fld"):
                        continue
                    text = run.findtext("a:t", "", NS)
                    # In our look every run names its colour: none is left to a style.
                    colour = colours.fill(run.find("a:rPr", NS))
                    assert colour is not None, f"{colours.slide}: {text!r} has no colour"
                    yield text, colour, behind


def test_text_keeps_4_5_to_1_against_what_is_behind_it(shipped: tuple[Lesson, bytes]) -> None:
    package = Package(shipped[1])
    checked, low = 0, []
    for number, slide in enumerate(package.slides(), start=1):
        for text, colour, behind in _text_runs(Colours(package, slide)):
            checked += 1
            ratio = theme.contrast(colour, behind)
            if ratio < 4.5:
                low.append((number, text, colour, behind, round(ratio, 2)))
    assert low == []
    assert checked > 100


def test_chart_bars_keep_3_to_1_and_their_text_4_5_to_1(shipped: tuple[Lesson, bytes]) -> None:
    package = Package(shipped[1])
    charts = 0
    for slide in package.slides():
        colours = Colours(package, slide)
        for name in package.related(slide, "chart"):
            charts += 1
            chart = package.xml(name)
            behind = (
                colours.fill(chart.find("c:chart/c:plotArea/c:spPr", NS))
                or colours.fill(chart.find("c:spPr", NS))
                or colours.background()  # a chart without a fill shows the slide
            )
            series = chart.findall("c:chart/c:plotArea/c:barChart/c:ser", NS)
            assert len(series) == 2
            for ser in series:
                colour = colours.fill(ser.find("c:spPr", NS))
                assert colour is not None, "a series in the template's colour"
                name_ = ser.findtext("c:tx/c:strRef/c:strCache/c:pt/c:v", "", NS)
                assert theme.contrast(colour, behind) >= 3, (name_, colour, behind)
            # Text: its own colour where it has one, else the theme's text colour.
            default = colours.scheme[colours.map["tx1"]]
            for properties in chart.iter(q("a:defRPr"), q("a:rPr")):
                colour = colours.fill(properties) or default
                assert theme.contrast(colour, behind) >= 4.5, (name, colour)
    assert charts >= 1


def test_our_themes_colours_read_on_its_background() -> None:
    """Every colour of our theme a presenter can pick keeps 3:1 on white, text 4.5:1."""
    package = Package(deck.render(LESSONS["backward-walking"], DeckOptions()))
    colours = Colours(package, package.slides()[0])
    light = colours.scheme["lt1"]
    assert light == "#FFFFFF"
    for slot in ("dk1", "dk2", "hlink", "folHlink"):
        assert theme.contrast(colours.scheme[slot], light) >= 4.5, slot
    for slot in ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6"):
        assert theme.contrast(colours.scheme[slot], light) >= 3, (slot, colours.scheme[slot])
