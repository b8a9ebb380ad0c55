"""Read how a clinic's template sets the text a deck writes, as far as it changes widths.

A deck writes each run's size and weight itself, but the typeface, capitals and letter
spacing come from the template: the theme's fonts, the slide master's text styles
(``p:txStyles``), and the list styles of the master's and layouts' placeholders, the nearest
one that says winning, as in PowerPoint. ``+mj-lt`` and ``+mn-lt`` name the theme's fonts.
LibreOffice Impress writes its fonts on the placeholders' prompt text instead: those count too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationType

from handouts import theme as deck_theme
from handouts.deck import xml
from handouts.deck.layouts import LAYOUTS
from handouts.deck.measure import Fonts, Measure
from handouts.glyphs import metrics

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}

ARIAL_WIDTHS = frozenset({"arial", "arimo", "helvetica", "liberation sans"})
"""Typefaces with Arial's widths, which every viewer has or sets in a font with the same
widths (LibreOffice: Liberation Sans): measured exactly, as Arial."""

NO_WIDER_THAN_ALLOWED = frozenset(
    {
        # Measured on the shipped content against Arial, regular and bold, in lower case and
        # in capitals: at most 1.20 times as wide (Verdana bold 1.19, DejaVu Sans bold 1.20).
        "atkinson hyperlegible",
        "avenir",
        "avenir next",
        "comic sans ms",
        "dejavu sans",
        "dejavu sans condensed",
        "dejavu serif",
        "dejavu serif condensed",
        "georgia",
        "impact",
        "inter",
        "open sans",
        "tahoma",
        "times new roman",
        "trebuchet ms",
        "verdana",
        # Times New Roman's and Calibri's and Cambria's widths, or narrower than Arial; a
        # viewer without them sets them in a fallback such as DejaVu Sans (1.20).
        "caladea",
        "calibri",
        "calibri light",
        "cambria",
        "carlito",
        "liberation serif",
        "times",
        "tinos",
    }
)
"""Typefaces whose text, or its fallback's where a viewer lacks them, is at most 1.2 times
as wide as Arial's: measured as Arial times ``ALLOWANCE``."""

ALLOWANCE = 1.25
"""How much wider than Arial to measure a typeface in ``NO_WIDER_THAN_ALLOWED``."""

MONO_ADVANCE = 0.61
"""The least width of a character, in ems, for a typeface we cannot measure: monospaced
fonts draw every character 0.6 em wide (Courier New 0.600, DejaVu Sans Mono 0.602), some
1.37 times Arial on English prose and 2.4 times on a word such as 'ill'."""


@dataclass(frozen=True)
class TextStyle:
    """What a template sets for one place text goes: the widths that follow from it."""

    faces: frozenset[str] = frozenset()
    """Typefaces the text may be set in (more than one when it is not certain which)."""
    caps: bool = False
    """All capitals (``cap="all"``, or small capitals, measured as capitals)."""
    spacing: float = 0.0
    """Letter spacing added after each character, in points (``spc``; never below 0)."""
    bold: bool = False
    """Bold where the deck leaves the weight to the template."""

    def widened(self, other: TextStyle) -> TextStyle:
        """Return the style that is at least as wide as both."""
        return TextStyle(
            self.faces | other.faces,
            self.caps or other.caps,
            max(self.spacing, other.spacing),
            self.bold or other.bold,
        )

    def allowance(self) -> tuple[float, float]:
        """Return (times Arial, least ems a character) to measure these typefaces with."""
        names = {face.strip().lower() for face in self.faces}
        if names <= ARIAL_WIDTHS:
            return 1.0, 0.0
        if names <= ARIAL_WIDTHS | NO_WIDER_THAN_ALLOWED:
            return ALLOWANCE, 0.0
        # A typeface we cannot measure may be monospaced, or set in a proportional fallback.
        return ALLOWANCE, MONO_ADVANCE


@dataclass(frozen=True)
class Styles:
    """The styles of the places a deck writes text in one template."""

    titles: dict[str, TextStyle]
    """Each layout's title, by the deck's layout key."""
    bodies: dict[str, TextStyle]
    """Each layout's text placeholder under the title, by layout key."""
    table: TextStyle
    """Tables and charts: our own shapes, in whatever the master gives other text."""
    bullets: bool
    """The content layout's text placeholder has a bullet of its own at the first level."""
    table_styles: bool
    """The template has a table styles part (LibreOffice Impress writes none)."""


def _first_level(list_style: etree._Element | None) -> list[etree._Element]:
    """Return a list style's first-level and default paragraph properties, nearest first."""
    if list_style is None:
        return []
    return [
        found
        for tag in ("a:lvl1pPr", "a:defPPr")
        if (found := list_style.find(tag, _NS)) is not None
    ]


def _attribute(levels: Iterable[etree._Element], name: str) -> str | None:
    """Return the nearest ``defRPr`` attribute ``name`` among paragraph properties."""
    for level in levels:
        run = level.find("a:defRPr", _NS)
        if run is not None and run.get(name) is not None:
            return run.get(name)
    return None


def _typeface(levels: Iterable[etree._Element]) -> str | None:
    for level in levels:
        latin = level.find("a:defRPr/a:latin", _NS)
        if latin is not None and latin.get("typeface"):
            return latin.get("typeface")
    return None


def _prompt_faces(shape: etree._Element | None) -> Iterator[str]:
    """Typefaces set on a placeholder's own prompt text, as Impress writes its fonts."""
    if shape is None:
        return
    for latin in shape.iterfind(".//a:p//a:latin", _NS):
        if latin.get("typeface"):
            yield latin.get("typeface")


def _theme_fonts(theme_xml: bytes) -> dict[str, str]:
    """Return the theme's major and minor Latin typefaces as ``+mj-lt`` and ``+mn-lt``."""
    root = etree.fromstring(theme_xml)
    found = {}
    for key, tag in (("+mj-lt", "majorFont"), ("+mn-lt", "minorFont")):
        latin = root.find(f".//a:fontScheme/a:{tag}/a:latin", _NS)
        found[key] = latin.get("typeface", "") if latin is not None else ""
    return found


def _style_of(
    chain: list[etree._Element],
    shapes: Iterable[etree._Element | None],
    theme: dict[str, str],
    default_face: str,
) -> TextStyle:
    """Resolve one place's style from its paragraph properties, nearest first.

    ``shapes`` are the placeholders whose prompt text may name a typeface too;
    ``default_face`` (``+mj-lt`` or ``+mn-lt``) applies when no style names one.
    """
    faces = {_typeface(chain) or default_face}
    for shape in shapes:
        faces.update(_prompt_faces(shape))
    spacing = _attribute(chain, "spc")
    return TextStyle(
        faces=frozenset(theme.get(face, face) or "(none)" for face in faces),
        caps=_attribute(chain, "cap") in ("all", "small"),
        spacing=max(0.0, int(spacing) / 100) if spacing and spacing.lstrip("-").isdigit() else 0.0,
        bold=_attribute(chain, "b") in ("1", "true"),
    )


def _has_bullet(chain: list[etree._Element]) -> bool:
    """Whether the nearest bullet setting among paragraph properties draws a bullet."""
    kinds = ("a:buNone", "a:buChar", "a:buAutoNum", "a:buBlip")
    for level in chain:
        for kind in kinds:
            if level.find(kind, _NS) is not None:
                return kind != "a:buNone"
    return False


def _list_style(shape: etree._Element | None) -> list[etree._Element]:
    """Return a placeholder's own first-level list style (``p:txBody/a:lstStyle``)."""
    if shape is None:
        return []
    return _first_level(shape.find("p:txBody/a:lstStyle", _NS))


def _master_style(master: etree._Element, kind: str) -> list[etree._Element]:
    """Return the master's ``titleStyle``, ``bodyStyle`` or ``otherStyle`` at the first level."""
    return _first_level(master.find(f"p:txStyles/p:{kind}", _NS))


def _table_style(
    presentation: etree._Element, table_styles: bytes | None, theme: dict[str, str]
) -> TextStyle:
    """Return what the presentation's defaults and default table style set for table text."""
    faces: set[str] = set()
    bold = False
    if table_styles:
        root = etree.fromstring(table_styles)
        default = root.get("def")
        for style in root.iterfind("a:tblStyle", _NS):
            if style.get("styleId") != default:
                continue
            for text in style.iterfind("a:wholeTbl/a:tcTxStyle", _NS):
                bold = bold or text.get("b") == "on"
                ref = text.find("a:fontRef", _NS)
                if ref is not None:
                    faces.add("+mj-lt" if ref.get("idx") == "major" else "+mn-lt")
                faces.update(f.get("typeface", "") for f in text.iterfind("a:font/a:latin", _NS))
    levels = _first_level(presentation.find("p:defaultTextStyle", _NS))
    face = _typeface(levels)
    if face:
        faces.add(face)
    return TextStyle(
        frozenset(theme.get(face, face) or "(none)" for face in faces),
        bold=bold or _attribute(levels, "b") in ("1", "true"),
    )


def read(prs: PresentationType, places: Mapping[str, tuple[object, object]]) -> Styles:
    """Read the styles of the titles and text placeholders in ``places`` (by layout key).

    ``places`` gives each layout's title and text placeholder (None where it has none);
    ``"content"`` must be among them.
    """
    master = prs.slide_master
    root = xml.element(master)
    theme = _theme_fonts(master.part.part_related_by(RT.THEME).blob)
    kinds = {p.placeholder_format.type: xml.element(p) for p in master.placeholders}
    master_title = kinds.get(PP_PLACEHOLDER.TITLE)
    master_body = kinds.get(PP_PLACEHOLDER.BODY)
    titles, bodies = {}, {}
    bullets = False

    def chain(shape: etree._Element | None, inherited: etree._Element | None, kind: str) -> list:
        return [*_list_style(shape), *_list_style(inherited), *_master_style(root, kind)]

    for key, (title, body) in places.items():
        shape = None if title is None else xml.element(title)
        levels = chain(shape, master_title, "titleStyle")
        titles[key] = _style_of(levels, (shape, master_title), theme, "+mj-lt")
        shape = None if body is None else xml.element(body)
        levels = chain(shape, master_body, "bodyStyle")
        bodies[key] = _style_of(levels, (shape, master_body), theme, "+mn-lt")
        if key == "content":
            bullets = _has_bullet(levels)
    try:
        table_styles: bytes | None = prs.part.part_related_by(RT.TABLE_STYLES).blob
    except KeyError:
        table_styles = None
    table = _style_of(_master_style(root, "otherStyle"), (master_body,), theme, "+mn-lt")
    table = table.widened(_table_style(xml.element(prs.part), table_styles, theme))
    return Styles(titles, bodies, table, bullets, table_styles is not None)


@functools.cache
def measure(style: TextStyle | None) -> Measure:
    """One Measure per style for the process (None: our own), so what it measured is kept."""
    regular = metrics(deck_theme.DECK_METRICS_REGULAR)
    bold = metrics(deck_theme.DECK_METRICS_BOLD)
    if style is None:
        return Measure(regular, bold)
    slack, least_em = style.allowance()
    face = bold if style.bold else regular
    return Measure(face, bold, slack, caps=style.caps, spacing=style.spacing, least_em=least_em)


def fonts(styles: Styles | None) -> Fonts:
    """Return the Measure of each place a deck writes text (None: our own template)."""
    if styles is None:
        own = measure(None)
        return Fonts(dict.fromkeys(LAYOUTS, own), dict.fromkeys(LAYOUTS, own), own)
    return Fonts(
        titles={key: measure(style) for key, style in styles.titles.items()},
        bodies={key: measure(style) for key, style in styles.bodies.items()},
        table=measure(styles.table),
    )
