"""The plan→draw hand-off: one small frozen dataclass per kind of slide.

A spec holds everything its slide shows, already measured and fitted: the title's text and
size, the body's paragraphs and size, where a table or chart goes. A drawer writes what a
spec says and decides nothing that needs measuring. Specs are pure data: no pptx here.
Each kind names the slide layout it is drawn on, so the planner fits its title against
that layout's title box.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from handouts.figures.shapes import Picture
from handouts.outline.blocks import Bar

Marks = Literal["bullet", "number", "none"]
"""What stands before each paragraph of a text slide."""


@dataclass(frozen=True)
class Box:
    """A shape's place on the slide, in EMU."""

    left: int
    """From the slide's left edge."""
    top: int
    """From the slide's top edge."""
    width: int
    """Across."""
    height: int
    """Down."""


@dataclass(frozen=True)
class Title:
    """A slide title, fitted to its layout's title box."""

    text: str
    """The words, without marks; cut with "…" only where nothing smaller fits."""
    size: float
    """Points."""


@dataclass(frozen=True)
class Para:
    """One paragraph of a text slide or a safety column."""

    text: str
    """The words; ``**words**`` are drawn in bold."""
    bold: bool = False
    """All of it in bold (a question)."""
    goes_on: bool = False
    """The rest of an item cut to fit: no bullet or number of its own."""


@dataclass(frozen=True)
class Lines:
    """The lines under a cover's or a section's title, fitted whole."""

    texts: tuple[str, ...]
    """One paragraph each, without marks."""
    size: float
    """Points."""
    bare: bool
    """Set without the template's capitals and letter spacing, which do not shrink."""
    box: Box | None
    """The text box grown to hold them; None to keep the layout's own box."""


@dataclass(frozen=True)
class Logo:
    """The clinic's logo on a cover slide."""

    path: Path
    """The logo file."""
    alt: str
    """What a screen reader says of it."""


@dataclass(frozen=True)
class CoverSlide:
    """A title slide: the deck's opening, or its closing questions."""

    layout: ClassVar[str] = "title"
    """The slide layout it is drawn on."""
    title: Title
    """The title."""
    notes: str
    """Speaker notes."""
    lines: Lines | None
    """The lines under the title; None where the layout has no box for them."""
    logo: Logo | None
    """The clinic's logo, put in a free corner; None without one."""


@dataclass(frozen=True)
class SectionSlide:
    """A divider that opens one topic of a class deck."""

    layout: ClassVar[str] = "section"
    """The slide layout it is drawn on."""
    title: Title
    """The section's title."""
    notes: str
    """Speaker notes."""
    lines: Lines | None
    """The topic's summary; None where the layout has no box for it."""


@dataclass(frozen=True)
class SlideFigure:
    """A drawing beside a text slide's paragraphs, and its caption under it, measured."""

    picture: Picture
    """The drawing, its alt text with it."""
    caption: str
    """The caption, without marks."""
    caption_size: float
    """The caption's type size in points."""
    text_width: float
    """The text placeholder's width beside the drawing, in points: what was measured."""
    gap: float
    """Points between the text and the drawing."""
    width: float
    """The drawing's width in points."""
    height: float
    """The drawing's height in points."""


@dataclass(frozen=True)
class TextSlide:
    """A title and paragraphs: points, numbered steps, plain lines or questions."""

    layout: ClassVar[str] = "content"
    """The slide layout it is drawn on."""
    title: Title
    """The title, `` (cont.)`` on a slide that goes on."""
    notes: str
    """Speaker notes."""
    paras: tuple[Para, ...]
    """The paragraphs, in order."""
    size: float
    """Body text size in points."""
    marks: Marks
    """Bullets, numbers, or nothing before each paragraph."""
    first_number: int = 1
    """With numbers: the number of the first paragraph that does not go on."""
    figure: SlideFigure | None = None
    """A drawing of the steps, at the right of the text; None for text across the slide."""


@dataclass(frozen=True)
class TableSlide:
    """The muscle table, or one slide's share of its rows."""

    layout: ClassVar[str] = "title_only"
    """The slide layout it is drawn on."""
    title: Title
    """The title."""
    notes: str
    """Speaker notes."""
    header: tuple[str, ...]
    """The header row, repeated on every slide."""
    rows: tuple[tuple[str, ...], ...]
    """The rows under it; the cells of a row cut to fit go on in rows below."""
    widths: tuple[float, ...]
    """Each column's share of the table's width."""
    size: float
    """Text size in points."""
    box: Box
    """Where the table goes (it grows down from the top as its rows need)."""


@dataclass(frozen=True)
class ChartSlide:
    """The effort chart, or one slide's share of its bars."""

    layout: ClassVar[str] = "title_only"
    """The slide layout it is drawn on."""
    title: Title
    """The title."""
    notes: str
    """Speaker notes."""
    bars: tuple[Bar, ...]
    """The bars, the first at the top."""
    series: tuple[str, str]
    """The names of the forward and backward series."""
    scale: str
    """The value axis title."""
    low: str
    """The tick label at 1."""
    high: str
    """The tick label at 5."""
    alt: str
    """The chart said in words, for a screen reader."""
    size: float
    """Text size in points."""
    box: Box
    """Where the chart goes."""


@dataclass(frozen=True)
class SafetyColumn:
    """One column of the safety slide: a group's short label and its items."""

    header: str
    """The column heading."""
    items: tuple[Para, ...]
    """The items on this slide, each a bulleted paragraph unless it goes on."""


@dataclass(frozen=True)
class SafetySlide:
    """The safety slide: every group side by side, continued while any has items left."""

    layout: ClassVar[str] = "title_only"
    """The slide layout it is drawn on."""
    title: Title
    """The title."""
    notes: str
    """Speaker notes."""
    columns: tuple[SafetyColumn, ...]
    """The columns, in reading order."""
    size: float
    """Text size in points."""
    box: Box
    """Where the columns go."""
    emergency: str = ""
    """The emergency line, across the top of every safety slide; empty for none."""


@dataclass(frozen=True)
class MapSlide:
    """The muscle map as native shapes, and beside it a key of its numbers as a table."""

    layout: ClassVar[str] = "title_only"
    """The slide layout it is drawn on."""
    title: Title
    """The title."""
    notes: str
    """Speaker notes."""
    picture: Picture
    """The map, drawn with its numbers at the table's size; its alt text is the map's."""
    picture_box: Box
    """Where the map goes (its height follows its width)."""
    header: tuple[str, ...]
    """The key's header row."""
    rows: tuple[tuple[str, ...], ...]
    """The key's rows on this slide: number, muscle group, level."""
    widths: tuple[float, ...]
    """Each key column's share of the key's width."""
    size: float
    """The key's text size in points."""
    box: Box
    """Where the key goes (it grows down from the top as its rows need)."""


SlideSpec = CoverSlide | SectionSlide | TextSlide | TableSlide | ChartSlide | SafetySlide | MapSlide
"""Every kind of slide a deck is drawn from."""
