"""Draw topics and the class program as PowerPoint decks; the only module that imports pptx.

Two steps, kept apart as python-pptx keeps chart data apart from its XML writer:

1. **plan**: turn a topic into a list of ``Slide`` specs (title, kind, payload, notes).
   Text is measured with the deck font's real advance widths against the placeholder it
   will sit in; whatever does not fit at the minimum size goes on a "(cont.)" slide.
2. **draw**: each spec becomes one slide, by a function chosen by its kind.

Decks are 16:9 and built on named slide layouts, so a clinic's own template
(``--template``) restyles every slide. Output bytes are identical for identical input.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
import struct
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout
from pptx.util import Emu, Inches, Pt

from handouts import __version__, images, textstyle, theme
from handouts.build import Options
from handouts.errors import UsageError
from handouts.glyphs import FontMetrics, metrics
from handouts.model import (
    Content,
    Level,
    Program,
    Statement,
    Topic,
    emphasis,
    plain,
)

SLIDE_WIDTH = Emu(12192000)
"""13.333 inches: 16:9."""
SLIDE_HEIGHT = Emu(6858000)
"""7.5 inches."""

LAYOUTS = {
    "title": "Title Slide",
    "content": "Title and Content",
    "section": "Section Header",
    "title_only": "Title Only",
}
"""The slide layouts a deck uses, found by name in the default or a clinic's template."""

TITLE_SIZES = (36, 32, 28, 24, 20)
"""Title sizes to try, largest first; below 28 pt only in a template's small title box."""
COVER_SIZES = (44, 40, 36, 32, 28, 24, 20)
"""Title sizes for title and section slides, largest first."""
BODY_SIZES = (28, 26, 24)
"""Body text sizes to try; 24 pt is the smallest a room can read."""
TABLE_SIZE = 20
"""Table text size (at least 18 pt)."""
SAFETY_SIZES = (24, 22, 20, 18)
"""Safety slide sizes to try: the largest that keeps it on one slide."""
TABLE_SIZES = (20, 18)
"""Muscle table sizes to try: 18 pt when it saves a continuation slide."""
CHART_SIZE = 18
"""Chart text size: axis labels, legend and axis title."""
MAX_POINTS = 7
"""At most this many points on one slide."""
CONTINUED = " (cont.)"
"""Added to the title of a slide that goes on from the one before."""
LINE_SPACING = 1.2
"""Line height as a multiple of the font size, as PowerPoint sets Arial at single spacing."""
SPACE_BEFORE = 8
"""Points above each body paragraph."""
INSET_X = Inches(0.1)
"""Left and right inset of every text frame."""
INSET_Y = Inches(0.05)
"""Top and bottom inset of every text frame."""
HANG = Inches(0.45)
"""Indent of a bulleted or numbered paragraph (the bullet hangs in it)."""
CELL_X = Inches(0.08)
"""Left and right margin inside table cells."""
CELL_Y = Inches(0.05)
"""Top and bottom margin inside table cells."""
CELL_HANG = Inches(0.25)
"""Hanging indent of a bulleted paragraph inside a table cell."""

_PT = 12700  # EMU per point


# -- measuring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """Measures text set in the deck font, widened as a clinic template's text styles need."""

    regular: FontMetrics
    """Widths of the regular face (the bold one where the template sets text in bold)."""
    bold: FontMetrics
    """Widths of the bold face."""
    slack: float = 1.0
    """Multiplier on every width (1.0 for our own template)."""
    caps: bool = False
    """Measure the text in capitals: the template sets it so."""
    spacing: float = 0.0
    """Points the template's letter spacing adds after each character."""
    least_em: float = 0.0
    """The least width of a character in ems: a typeface that may be monospaced."""
    _lines: dict[tuple[str, float, float, bool], int] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Answers already worked out: planning tries each text at several sizes, twice."""
    _plain: list[Measure] = field(default_factory=list, compare=False, repr=False)
    """This measure without capitals and letter spacing, once made."""

    def plain(self) -> Measure:
        """Return this measure without the template's capitals and letter spacing."""
        if not (self.caps or self.spacing):
            return self
        if not self._plain:
            self._plain.append(Measure(self.regular, self.bold, self.slack, least_em=self.least_em))
        return self._plain[0]

    def width(self, text: str, size: float, *, bold: bool = False) -> float:
        """Return the width in points of ``text`` (no marks) at ``size``, as it may be set."""
        face = self.bold if bold else self.regular
        if self.caps:
            text = text.upper()
        w = face.width(text, size) * self.slack
        if self.least_em:
            w = max(w, self.least_em * size * len(text))
        return w + self.spacing * len(text) if self.spacing else w

    def lines(self, text: str, width_pt: float, size: float, *, bold: bool = False) -> int:
        """Return how many lines ``text`` takes when wrapped at ``width_pt``.

        ``**words**`` are measured in the bold face, as they are drawn.
        """
        key = (text, width_pt, size, bold)
        count = self._lines.get(key)
        if count is None:
            count = self._lines[key] = self._count_lines(text, width_pt, size, bold)
        return count

    def _count_lines(self, text: str, width_pt: float, size: float, bold: bool) -> int:
        space = self.width(" ", size)
        count, used = 1, 0.0
        # A word split by a mark (``**stop**ping``) counts as two, a space wider: on the safe side.
        words = [(word, bold or strong) for run, strong in emphasis(text) for word in run.split()]
        for word, strong in words:
            w = self.width(word, size, bold=strong)
            if w > width_pt:
                # A word longer than the line breaks at the edge, between letters, as
                # PowerPoint and LibreOffice break it: count the lines its pieces fill.
                pieces = self._broken(word, width_pt, size, strong)
                count += len(pieces) - (0 if used else 1)
                used = self.width(pieces[-1], size, bold=strong)
                continue
            needed = w if not used else used + space + w
            if needed <= width_pt:
                used = needed
            else:
                count += 1
                used = w
        return count

    def _broken(self, word: str, width_pt: float, size: float, bold: bool) -> list[str]:
        """Cut a word wider than a line into pieces that each fit one (one letter at least)."""
        pieces = []
        while len(word) > 1 and self.width(word, size, bold=bold) > width_pt:
            cut = 1
            while self.width(word[: cut + 1], size, bold=bold) <= width_pt:
                cut += 1
            pieces.append(word[:cut])
            word = word[cut:]
        return [*pieces, word]

    def split(
        self,
        text: str,
        width_pt: float,
        size: float,
        max_lines: int,
        *,
        bold: bool = False,
        first_lines: int | None = None,
    ) -> list[str]:
        """Cut text at spaces into pieces of at most ``max_lines`` lines each.

        For the rare item taller than a whole slide; ``first_lines``, if given, limits the
        first piece instead (what is left under a question). Each piece but the last ends
        in " …" and each but the first starts with "… ", so a reader sees where it goes on;
        ``**bold**`` words stay bold, their marks closed and reopened around each cut.
        These "…" shorten nothing: every word is in one of the pieces, all of them drawn.
        """
        if self.lines(text, width_pt, size, bold=bold) <= (first_lines or max_lines):
            return [text]
        # Units: (text, bold, glued): a word or a part of one, and whether it follows the
        # one before with no space (a word half in bold, or a word too wide for a line).
        units: list[tuple[str, bool, bool]] = []
        after_space = True
        for run, strong in emphasis(text):
            for i, word in enumerate(run.split()):
                glued = bool(units) and i == 0 and not after_space and not run[0].isspace()
                for piece in self._broken(word, width_pt, size, bold or strong):
                    units.append((piece, strong, glued))
                    glued = True
            after_space = run[-1:].isspace()

        def piece(first: int, last: int) -> str:
            out, open_ = ["… " if first else ""], False
            for k in range(first, last + 1):
                word, strong, glued = units[k]
                space = "" if k == first or glued else " "
                if strong != open_:
                    out.append("**" + space if open_ else space + "**")
                    open_, space = strong, ""
                out.append(space + word)
            out.append(("**" if open_ else "") + (" …" if last < len(units) - 1 else ""))
            return "".join(out)

        pieces: list[str] = []
        first = 0
        while first < len(units):
            most = first_lines if first_lines and not pieces else max_lines
            last = first
            while (
                last + 1 < len(units)
                and self.lines(piece(first, last + 1), width_pt, size, bold=bold) <= most
            ):
                last += 1
            pieces.append(piece(first, last))
            first = last + 1
        return pieces

    def height(self, paragraphs: Sequence[tuple[str, bool]], width_pt: float, size: float) -> float:
        """Return the height in points of paragraphs (text, bold) set at ``size``.

        Every paragraph but the first has ``SPACE_BEFORE`` above it.
        """
        total = 0.0
        for text, bold in paragraphs:
            total += (
                SPACE_BEFORE + self.lines(text, width_pt, size, bold=bold) * size * LINE_SPACING
            )
        return total - SPACE_BEFORE if paragraphs else 0.0


def _measure(template: Path | None) -> Measure:
    """Return the measure of a content slide's text, in our template or a clinic's."""
    return _fonts(template).bodies["content"]


@dataclass(frozen=True)
class _Fonts:
    """A Measure for each place text goes: a clinic's template may set each its own way."""

    titles: dict[str, Measure]
    """Each layout's title, by layout key."""
    bodies: dict[str, Measure]
    """Each layout's text placeholder under the title, by layout key."""
    table: Measure
    """Tables and chart labels."""
    bullets: bool = True
    """The template draws a bullet of its own before a point (Impress templates do not)."""
    table_styles: bool = True
    """The template has table styles (Impress templates have none)."""


@functools.cache
def _fonts(template: Path | None) -> _Fonts:
    """Read what a template sets for the text we write, once per template and process."""
    if template is None:
        own = _measure_for(None)
        return _Fonts(dict.fromkeys(LAYOUTS, own), dict.fromkeys(LAYOUTS, own), own)
    prs = Presentation(io.BytesIO(_template_bytes(template)))
    layouts = _layouts(prs)
    styles = textstyle.read(
        prs, {key: (_title(layout), _body(layout)) for key, layout in layouts.items()}
    )
    return _Fonts(
        titles={key: _measure_for(style) for key, style in styles.titles.items()},
        bodies={key: _measure_for(style) for key, style in styles.bodies.items()},
        table=_measure_for(styles.table),
        bullets=styles.bullets,
        table_styles=styles.table_styles,
    )


@functools.cache
def _measure_for(style: textstyle.TextStyle | None) -> Measure:
    """One Measure per style for the process (None: our own), so what it measured is kept."""
    regular, bold = metrics(theme.DECK_METRICS_REGULAR), metrics(theme.DECK_METRICS_BOLD)
    if style is None:
        return Measure(regular, bold)
    slack, least_em = style.allowance()
    face = bold if style.bold else regular
    return Measure(face, bold, slack, caps=style.caps, spacing=style.spacing, least_em=least_em)


# -- slide specs (the plan) ----------------------------------------------------------------


@dataclass(frozen=True)
class Slide:
    """One planned slide: what it says, before anything is drawn."""

    kind: str
    """Which drawing function makes it: a key of ``_DRAW``."""
    title: str
    """The title, always in the title placeholder."""
    notes: str
    """Speaker notes."""
    body: tuple[str, ...] = ()
    """Paragraphs (bullets, steps, or a subtitle)."""
    size: float = BODY_SIZES[0]
    """Body text size chosen by measuring."""
    start: int = 0
    """For numbered steps: the number of the first one, minus one."""
    rows: tuple[tuple[str, ...], ...] = ()
    """Table rows after the header row, or precaution columns."""
    header: tuple[str, ...] = ()
    """Table header row."""
    widths: tuple[float, ...] = ()
    """Table column widths as fractions of the table width."""
    chart: tuple[tuple[str, Level, Level], ...] = ()
    """Chart rows: category, forward level, backward level."""
    strong: tuple[bool, ...] = ()
    """Which body paragraphs are set in bold (the questions of a question slide)."""
    continued: tuple[bool, ...] = ()
    """Which body paragraphs go on with an item cut to fit: no bullet or number of their own.

    On a safety slide, the items of its three columns, one column after another.
    """
    extra: dict[str, str] = field(default_factory=dict)
    """Small extras such as alt text."""


@dataclass(frozen=True)
class _Frame:
    """A text area in points: where measured text must fit."""

    width: float
    height: float

    def text_width(self, hang: bool) -> float:
        return self.width - 2 * INSET_X / _PT - (HANG / _PT if hang else 0)

    def text_height(self) -> float:
        return self.height - 2 * INSET_Y / _PT


@dataclass(frozen=True)
class _Geometry:
    """Sizes of the placeholders and areas the plan measures against."""

    title: _Frame
    body: _Frame
    area_top: int
    area_left: int
    area: _Frame
    scale: float = 1.0
    """Type sizes are set for a slide 10 in wide and 7.5 in tall; others scale them by this."""

    def sizes(self, sizes: Sequence[float]) -> tuple[float, ...]:
        """Return type sizes scaled to this slide, to the half point."""
        return tuple(round(size * self.scale * 2) / 2 for size in sizes)


def _geometry(prs: PresentationType, layouts: dict[str, SlideLayout]) -> _Geometry:
    content = layouts["content"]
    title = _title(content)
    body = _body(content)
    top = body.top if body is not None else Inches(1.6)
    left = body.left if body is not None else Inches(0.6)
    width = body.width if body is not None else prs.slide_width - 2 * left
    bottom = prs.slide_height - Inches(0.45)
    # Tables and charts go on "Title Only" slides: they start just under that layout's title,
    # wherever the text placeholder of "Title and Content" is (lower, or higher than it).
    # A title low on the slide leaves too little under it: then keep to the text placeholder.
    heading = _title(layouts["title_only"])
    area_top = top
    if heading is not None and None not in (heading.top, heading.height):  # type: ignore[attr-defined]
        under = heading.top + heading.height + Inches(0.1)  # type: ignore[attr-defined]
        area_top = under if bottom - under >= 0.4 * prs.slide_height else top
    # Tables and charts are our own shapes: they may use the slide's width, mirroring the
    # body's left margin, or the whole slide less half an inch each side if that is narrow.
    area_left, area_width = left, max(width, prs.slide_width - 2 * left)
    if area_width < min(Inches(7), prs.slide_width - Inches(1)):
        area_left, area_width = Inches(0.5), prs.slide_width - Inches(1)

    def frame(shape: object, fallback: tuple[int, int]) -> _Frame:
        if shape is None:
            return _Frame(fallback[0] / _PT, fallback[1] / _PT)
        return _Frame(shape.width / _PT, shape.height / _PT)  # type: ignore[attr-defined]

    return _Geometry(
        title=frame(title, (prs.slide_width - 2 * left, Inches(1.2))),
        body=frame(body, (width, bottom - top)),
        area_top=area_top,
        area_left=area_left,
        area=_Frame(area_width / _PT, (bottom - area_top) / _PT),
        # A slide shown on a screen is seen at the screen's size: its text must be the same
        # share of the slide (7 x 4 in slides at 28 pt held five lines and cut the tables).
        scale=min(prs.slide_width / Inches(10), prs.slide_height / Inches(7.5)),
    )


def _last_resort(sizes: Sequence[float]) -> tuple[float, ...]:
    """Smaller sizes, down to 60% of the smallest, tried before any text is cut."""
    return tuple(round(sizes[-1] * share * 2) / 2 for share in (0.9, 0.8, 0.7, 0.6))


def _fit_title(
    text: str, measure: Measure, frame: _Frame, sizes: Sequence[float] = TITLE_SIZES
) -> tuple[str, float]:
    """Choose the largest title size at which the title fits its placeholder."""
    width = frame.text_width(False)
    for size in (*sizes, *_last_resort(sizes)):
        if measure.lines(text, width, size, bold=True) * size * LINE_SPACING <= frame.text_height():
            return text, size
    # Only a template whose title box holds one short line at 60% of the smallest size comes
    # here (titles are at most 70 characters): cut the title rather than let it run off.
    # A continued slide keeps saying so: cut slides are told apart by it.
    size = _last_resort(sizes)[-1]
    ending = CONTINUED if text.endswith(CONTINUED) else ""
    text = text.removesuffix(ending)
    while (
        len(text) > 8
        and measure.lines(text + "…" + ending, width, size, bold=True) * size * LINE_SPACING
        > frame.text_height()
    ):
        space = text.rfind(" ")
        # Cut at a space, unless that loses most of it ("Sources: " + one long word).
        text = text[:space] if space > len(text) // 2 else text[:-1]
    return text + "…" + ending, size


SUBTITLE_SIZES = (28, 24, 20, 18)
"""Sizes tried, largest first, for the lines under a cover or closing title."""


SECTION_SIZES = (24, 20, 18)
"""Sizes tried, largest first, for a topic's summary under its section title."""


def _fit_lines(
    lines: Sequence[str],
    measure: Measure,
    frame: _Frame,
    sizes: Sequence[float] = SUBTITLE_SIZES,
    *,
    below: float = 0.0,
) -> tuple[float, list[str], float, bool]:
    """Choose the largest size at which the lines fit: it, the lines, the height, plain or not.

    A summary, clinic name or contact line may be long (up to 300 letters, in wide letters,
    perhaps one unbroken word): it takes the ``below`` points free under the box (the
    height returned is then larger than the frame's), then smaller sizes, whole; at last
    it is set plain (True), without the template's capitals and letter spacing, which do not
    shrink with the type (5 pt after each letter took 2,000 pt on a closing slide).
    """
    kept = list(lines)
    grown = frame.height + below
    for height, tried, bare in (
        (frame.height, sizes, False),
        (grown, sizes, False),
        (grown, _last_resort(sizes), False),
        (grown, (*sizes, *_last_resort(sizes)), True),
    ):
        room, using = _Frame(frame.width, height), measure.plain() if bare else measure
        for size in tried:
            if using.height([(t, False) for t in kept], room.text_width(False), size) <= (
                room.text_height()
            ):
                return size, kept, height, bare and using is not measure
    # A guard no validated text in a template the check accepts has reached (tried with 300
    # letters of W on a 7 x 4 in slide in monospace and in spaced capitals): shorten the
    # last lines rather than let them run off the slide.
    measure = measure.plain()
    width, room_height = frame.text_width(False), frame.height + below - 2 * INSET_Y / _PT
    size = _last_resort(sizes)[-1]
    while kept and measure.height([(line, False) for line in kept], width, size) > room_height:
        last = kept.pop()
        while len(last) > 8:
            last = last[: last.rfind(" ")] if " " in last[:-1] else last[:-2]
            if (
                measure.height([*((x, False) for x in kept), (last + "…", False)], width, size)
                <= room_height
            ):
                kept.append(last + "…")
                return size, kept, frame.height + below, True
    return size, kept, frame.height + below, True


def _chunks(
    paragraphs: Sequence[tuple[str, bool]],
    measure: Measure,
    frame: _Frame,
    *,
    hang: bool = True,
    keep: int = 1,
    sizes: Sequence[float] = BODY_SIZES,
) -> list[_Chunk]:
    """Split paragraphs into slides that fit, at the largest size that fits the most.

    ``keep`` paragraphs stay together (a question with its answer).
    """
    groups: list[list[tuple[str, bool]]] = []
    goes_on: list[bool] = []  # for each group: the rest of a paragraph cut to fit
    for i in range(0, len(paragraphs), keep):
        cut = _fitting_groups(list(paragraphs[i : i + keep]), measure, frame, hang, sizes[-1])
        groups += cut
        goes_on += [False] + [True] * (len(cut) - 1)

    def chunk(start: int, stop: int, size: float) -> _Chunk:
        taken = range(start, stop)
        return _Chunk(
            [p for k in taken for p in groups[k]],
            size,
            tuple(goes_on[k] for k in taken for _ in groups[k]),
        )

    slides: list[_Chunk] = []
    i = 0
    while i < len(groups):
        best: tuple[int, float] | None = None
        for size in sizes:
            taken = 0
            used: list[tuple[str, bool]] = []
            while i + taken < len(groups):
                candidate = used + groups[i + taken]
                if len(candidate) > MAX_POINTS:
                    break
                if measure.height(candidate, frame.text_width(hang), size) > frame.text_height():
                    break
                used = candidate
                taken += 1
            if best is None or taken > best[0]:
                best = (taken, size)
            if i + taken == len(groups):
                break
        assert best is not None
        taken, size = best
        if taken == 0:
            # Only when a group cannot be cut smaller (_fitting_groups made the rest fit).
            taken, size = 1, sizes[-1]
        slides.append(chunk(i, i + taken, size))
        i += taken
    if len(slides) == 1:
        return slides
    # Spread items evenly over the same number of slides (3 + 3, not 5 + 1) when that fits.
    per = -(-len(groups) // len(slides))
    balanced = []
    for start in range(0, len(groups), per):
        paragraphs = [p for g in groups[start : start + per] for p in g]
        if len(paragraphs) > MAX_POINTS:
            return slides
        fitting = [
            size
            for size in sizes
            if measure.height(paragraphs, frame.text_width(hang), size) <= frame.text_height()
        ]
        if not fitting:
            return slides
        balanced.append(chunk(start, min(start + per, len(groups)), fitting[0]))
    return balanced if len(balanced) == len(slides) else slides


class _Chunk(NamedTuple):
    """One slide's worth of paragraphs, as ``_chunks`` plans them."""

    paragraphs: list[tuple[str, bool]]
    """Each paragraph's text and whether it is bold."""
    size: float
    """The text size they fit at."""
    continued: tuple[bool, ...]
    """Which paragraphs go on with one cut to fit (no bullet or number of their own)."""


def _fitting_groups(
    group: list[tuple[str, bool]], measure: Measure, frame: _Frame, hang: bool, size: float
) -> list[list[tuple[str, bool]]]:
    """Return the group, or, if it is taller than a slide, its last paragraph cut to fit.

    Only a long paragraph in a small template placeholder needs it; the pieces go on
    following slides, the first kept with the rest of the group (an answer with its question).
    """
    width, room = frame.text_width(hang), frame.text_height()
    if measure.height(group, width, size) <= room:
        return [group]
    *before, (text, bold) = group
    line = size * LINE_SPACING
    above = measure.height(before, width, size) + (SPACE_BEFORE if before else 0)
    under = max(1, int((room - above) // line))
    whole = max(1, int(room // line))  # a later piece starts its slide
    pieces = measure.split(text, width, size, whole, bold=bold, first_lines=under)
    return [[*before, (pieces[0], bold)], *([(piece, bold)] for piece in pieces[1:])]


def _cont(title: str, index: int) -> str:
    return title if index == 0 else title + CONTINUED


def _with_sources(statement: Statement, topic: Topic) -> str:
    if not statement.sources:
        return statement.text
    numbers = ", ".join(str(n) for n in topic.source_numbers(statement.sources))
    return f"{statement.text} [{numbers}]"


class _Planner:
    """Builds the slide list for one topic."""

    def __init__(
        self,
        topic: Topic,
        measure: Measure,
        geometry: _Geometry,
        sizes: Sequence[float] = BODY_SIZES,
        *,
        table: Measure | None = None,
    ) -> None:
        self.topic = topic
        self.measure = measure
        # Tables and chart labels: set as a template sets text outside its placeholders.
        self.table = table or measure
        self.geometry = geometry
        self.notes = topic.teaching_notes
        self.sizes = geometry.sizes(sizes)

    def bullets(
        self,
        title: str,
        items: Sequence[str],
        notes: str,
        *,
        numbered: bool = False,
        kind: str = "bullets",
    ) -> list[Slide]:
        """Plan bullet slides, continued as needed."""
        chunks = _chunks(
            [(t, False) for t in items],
            self.measure,
            self.geometry.body,
            hang=kind != "sources",  # sources are drawn without bullets
            sizes=self.sizes,
        )
        slides = []
        start = 0
        for index, (paragraphs, size, continued) in enumerate(chunks):
            slides.append(
                Slide(
                    kind=kind,
                    title=_cont(title, index),
                    notes=notes if index == 0 else f"(Continued from the previous slide.) {notes}",
                    body=tuple(t for t, _ in paragraphs),
                    size=size,
                    start=start if numbered else -1,
                    continued=continued,
                )
            )
            start += continued.count(False)
        return slides

    def muscle_table(self) -> list[Slide]:
        """Plan the muscle table at the larger table size that needs the fewest slides."""
        plans = [self._muscle_table(size) for size in self.geometry.sizes(TABLE_SIZES)]
        return min(plans, key=len)

    def _muscle_table(self, size: float) -> list[Slide]:
        """Plan the muscle table at ``size``, repeating the header on continuation slides."""
        topic = self.topic
        header = ("Muscle group", "Forward", "Backward", "What it does going backward")
        rows = [
            (m.name, m.forward.label, m.backward.label, _with_sources(m.role, topic))
            for m in topic.activation.muscles
        ]
        area = self.geometry.area
        table_width = area.width
        # Level columns just fit their longest word ("Backward", "Moderate"): never split one.
        words = [w for h in header[1:3] for w in h.split()]
        words += [w for level in Level for w in level.label.split()]
        longest = max(self.table.width(w, size, bold=True) for w in words)
        level_share = (longest + 2 * CELL_X / _PT + 6) / table_width
        # The role column, the one with sentences, keeps at least 30% of the width.
        name_share = max(0.15, min(0.26, 0.7 - 2 * level_share))
        widths = (name_share, level_share, level_share, 1 - name_share - 2 * level_share)

        inner = [table_width * share - 2 * CELL_X / _PT for share in widths]
        line = size * LINE_SPACING

        def row_height(row: Sequence[str], header_row: bool) -> float:
            tallest = 0
            for column, text in enumerate(row):
                bold = header_row or column == 0
                tallest = max(tallest, self.table.lines(text, inner[column], size, bold=bold))
            return tallest * line + 2 * CELL_Y / _PT

        head = row_height(header, True)
        # A row taller than a slide (long words in a narrow column) goes on in rows below it.
        max_lines = max(1, int((area.height - head - 2 * CELL_Y / _PT) // line))
        rows = [part for row in rows for part in self._split_row(row, inner, size, max_lines)]
        slides: list[Slide] = []
        current: list[tuple[str, ...]] = []
        used = head
        for row in rows:
            h = row_height(row, False)
            if current and (used + h > area.height or len(current) >= MAX_POINTS):
                slides.append(self._table_slide(header, widths, current, len(slides), size))
                current, used = [], head
            current.append(row)
            used += h
        slides.append(self._table_slide(header, widths, current, len(slides), size))
        return slides

    def _split_row(
        self, row: tuple[str, ...], inner: Sequence[float], size: float, max_lines: int
    ) -> list[tuple[str, ...]]:
        """Split a muscle row into rows of at most ``max_lines`` lines.

        Levels stay in the first; the muscle's name, if it fits whole, heads every part.
        """
        columns = [
            self.table.split(text, inner[c], size, max_lines, bold=c == 0)
            for c, text in enumerate(row)
        ]
        count = max(len(pieces) for pieces in columns)
        if len(columns[0]) == 1:
            columns[0] *= count
        return [
            tuple(pieces[i] if i < len(pieces) else "" for pieces in columns) for i in range(count)
        ]

    def _table_slide(
        self,
        header: tuple[str, ...],
        widths: tuple[float, ...],
        rows: list[tuple[str, ...]],
        index: int,
        size: float,
    ) -> Slide:
        basis = _with_sources(self.topic.activation.basis, self.topic)
        notes = self.notes.muscles or (
            f"Walk through each muscle group and where it is. Point to your own leg. {basis}"
        )
        return Slide(
            kind="table",
            title=_cont("Muscles it works", index),
            notes=notes if index == 0 else f"(Continued from the previous slide.) {notes}",
            header=header,
            widths=widths,
            rows=tuple(rows),
            size=size,
        )

    def chart(self) -> list[Slide]:
        """Plan the forward vs backward chart: at most seven bars a chart, fewer if names wrap."""
        muscles = self.topic.activation.muscles
        basis = _with_sources(self.topic.activation.basis, self.topic)
        notes = (f"{self.notes.muscles} " if self.notes.muscles else "") + (
            "The grey bars are the ordinary forward movement, the dark bars the backward one; "
            f"1 is low and 5 is high. {basis}"
        )
        # Each bar needs room for its name, wrapped at about 40% of the chart's width (as
        # PowerPoint and LibreOffice do): a viewer silently drops names that would collide.
        area, scale = self.geometry.area, self.geometry.scale
        (size,) = self.geometry.sizes((CHART_SIZE,))
        room = area.height - 110 * scale  # legend, value labels and the scale under the bars
        line = size * LINE_SPACING
        needs = [
            self.table.lines(_short_name(plain(m.name)), 0.4 * area.width, size) * line + 8 * scale
            for m in muscles
        ]
        cuts = [0]
        used = 0.0
        for i, need in enumerate(needs):
            if i > cuts[-1] and (used + need > room or i - cuts[-1] >= MAX_POINTS):
                cuts.append(i)
                used = 0.0
            used += need
        # Even charts (4 + 3, not 5 + 2) when the same number of charts still has room.
        per = -(-len(muscles) // len(cuts))
        if all(sum(needs[i : i + per]) <= room for i in range(0, len(muscles), per)):
            cuts = list(range(0, len(muscles), per))
        parts = [muscles[a:b] for a, b in zip(cuts, [*cuts[1:], len(muscles)], strict=True)]
        slides = []
        for index, part in enumerate(parts):
            slides.append(
                Slide(
                    kind="chart",
                    title=_cont("Effort: forward vs backward", index),
                    notes=notes,
                    chart=tuple((_short_name(plain(m.name)), m.forward, m.backward) for m in part),
                    size=size,
                    extra={"alt": _chart_alt(part)},
                )
            )
        return slides

    def precautions(self) -> list[Slide]:
        """Plan the safety slide at the largest size that fits one slide, else continue it."""
        plans = [self._precautions(size) for size in self.geometry.sizes(SAFETY_SIZES)]
        return next((plan for plan in plans if len(plan) == 1), plans[-1])

    def _precautions(self, size: float) -> list[Slide]:
        """Plan safety slides at ``size``: three columns, continued while any has items left."""
        p = self.topic.precautions
        topic = self.topic
        columns = [
            [_with_sources(s, topic) for s in group]
            for group in (p.caution_if, p.do_not_if, p.stop_if)
        ]
        header = ("Use caution if", "Do not do this if", "Stop and call your clinician if")
        area = self.geometry.area
        inner = area.width / 3 - 2 * CELL_X / _PT - CELL_HANG / _PT
        head = max(self.table.lines(h, inner, size, bold=True) for h in header)
        room = area.height - head * size * LINE_SPACING - 4 * CELL_Y / _PT
        notes = self.notes.precautions or (
            "Read every line aloud. Ask the group to say which apply to them, and to tell you "
            "privately. Stress the stop signs: stop, and contact your clinician."
        )
        line = size * LINE_SPACING
        # Each piece with whether it goes on from the one before (an item cut to fit).
        columns = [
            [
                (piece, n > 0)
                for text in column
                for n, piece in enumerate(
                    self.table.split(text, inner, size, int((room - 6) // line))
                )
            ]
            for column in columns
        ]
        slides = []
        index = 0
        while any(columns):
            taken: list[tuple[str, ...]] = []
            continued: list[bool] = []
            for column in columns:
                used, count = 0.0, 0
                for text, _ in column:
                    h = self.table.lines(text, inner, size) * size * LINE_SPACING + 6
                    if count and used + h > room:
                        break
                    used += h
                    count += 1
                taken.append(tuple(text for text, _ in column[:count]))
                continued += [goes_on for _, goes_on in column[:count]]
                del column[:count]
            slides.append(
                Slide(
                    kind="precautions",
                    title=_cont("Safety: read before you start", index),
                    notes=notes,
                    header=header,
                    rows=tuple(taken),
                    size=size,
                    continued=tuple(continued),
                )
            )
            index += 1
        return slides

    def faq(self) -> list[Slide]:
        """Plan question-and-answer slides; a question never leaves its answer."""
        paragraphs: list[tuple[str, bool]] = []
        for item in self.topic.faq:
            paragraphs += [(item.question, True), (_with_sources(item.answer, self.topic), False)]
        notes = self.notes.faq or "Invite questions first; then go through the common ones."
        slides = []
        chunks = _chunks(
            paragraphs, self.measure, self.geometry.body, hang=False, keep=2, sizes=self.sizes
        )
        for index, (chunk, size, _) in enumerate(chunks):
            slides.append(
                Slide(
                    kind="qa",
                    title=_cont("Questions people ask", index),
                    notes=notes if index == 0 else f"(Continued from the previous slide.) {notes}",
                    body=tuple(t for t, _ in chunk),
                    size=size,
                    strong=tuple(bold for _, bold in chunk),
                )
            )
        return slides

    def plan(self) -> list[Slide]:
        """Plan every slide at one body size: the largest every text slide can use.

        Stepping through a deck, text that changes size from slide to slide looks careless.
        """
        first = self._plan()
        used = [s.size for s in first if s.kind in ("bullets", "qa", "sources")]
        smallest = min(used, default=self.sizes[0])
        self.sizes = (smallest,)
        return self._plan()

    def _plan(self) -> list[Slide]:
        """Plan every slide of a topic deck, in teaching order."""
        t = self.topic
        n = self.notes
        dosage = t.dosage
        learn = [
            f"Which muscles {_lower_first(t.title)} works",
            "How it can help you",
            "How to do it, step by step",
            "How much to do, and how to progress",
            "How to start, and when to stop",
        ]
        slides: list[Slide] = [
            Slide(
                kind="title",
                title=t.title,
                notes=n.overview or f"Welcome everyone. Today: {t.title.lower()}. {t.summary}",
            ),
            *self.bullets(
                "What you will learn",
                learn,
                f"Say what the session covers, in this order. Describe the movement: {t.movement} "
                "Ask who has tried it before, and who has a knee, hip or balance problem: "
                "they should listen closely to the safety slide.",
            ),
            *self.muscle_table(),
            *self.chart(),
            *self.bullets(
                "How it can help",
                [_with_sources(s, t) for s in t.benefits],
                n.benefits or "Ask which of these matter most to each person here.",
            ),
            # Safety comes before anyone is shown how to start, not after.
            *self.precautions(),
            *self.bullets(
                "How to do it",
                [_with_sources(s, t) for s in t.steps],
                n.technique
                or "Show each step slowly before anyone tries it. Watch posture and footing.",
                numbered=True,
            ),
            *self.bullets(
                "How much, and how to progress",
                [
                    f"Start: {_with_sources(dosage.start, t)}",
                    f"How long: {_with_sources(dosage.duration, t)}",
                    f"How often: {_with_sources(dosage.frequency, t)}",
                    f"Progress: {_with_sources(dosage.progression, t)}",
                ],
                f"Start: {dosage.start.text} Then: {dosage.duration.text} "
                f"{dosage.frequency.text} Progress: {dosage.progression.text} "
                "Stress starting small: everyone's own clinician may set different numbers, and "
                "those come first.",
            ),
            *self.bullets(
                "Getting started checklist",
                [_with_sources(s, t) for s in t.checklist],
                n.checklist or "Go through the checklist; everyone ticks it on their handout.",
            ),
            *self.faq(),
            *self.bullets(
                "Key takeaways",
                [_with_sources(s, t) for s in t.takeaways],
                n.takeaways or "Recap the key points and remind everyone of the stop signs.",
            ),
            *self.bullets(
                "Sources",
                [
                    f"[{i}] {s.title}" + (f" ({s.note})" if s.note else "")
                    for i, s in enumerate(t.sources, 1)
                ]
                + [f"Content reviewed {t.review.reviewed_on.isoformat()}."],
                "Numbers in brackets on the slides point to these articles. "
                "They are web articles, not studies: present figures as what an article reports.",
                kind="sources",
            ),
        ]
        return slides


def _lower_first(text: str) -> str:
    """Lower-case a title's first letter for use mid-sentence, unless it starts an acronym."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _short_name(name: str) -> str:
    """Chart categories keep the plain words: ``Tibialis anterior (front of shin)`` stays whole.

    A long name ending in brackets keeps what is in them, which says where the muscle is;
    any other long name stays whole (the chart wraps it). The short form drops no words a
    reader needs: the chart's alt text on the same slide and the muscle table hold each name.
    """
    ending = re.search(r"\(([^()]*[^()\s][^()]*)\)\s*$", name)
    if len(name) <= 40 or ending is None:
        return name
    plain = ending.group(1).strip()
    return plain[:1].upper() + plain[1:]


def _chart_alt(muscles: Sequence[object]) -> str:
    parts = [
        f"{plain(m.name)}: {m.forward.value} forward, {m.backward.value} backward"  # type: ignore[attr-defined]
        for m in muscles
    ]
    return "Bar chart of effort going forward and backward. " + "; ".join(parts) + "."


# -- drawing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """Colours and choices for drawing; in a clinic template most are left to the template."""

    own_template: bool
    primary: str
    accent: str
    title_colour: str | None
    fonts: _Fonts
    geometry: _Geometry
    layouts: dict[str, SlideLayout]

    @property
    def ink(self) -> str | None:
        """Body text colour: ours in our look, the template's (None) in a clinic's."""
        return theme.INK if self.own_template else None

    @property
    def fills_tables(self) -> bool:
        """Tables get our fills and rules: in our look, or where a template has no table styles."""
        return self.own_template or not self.fonts.table_styles


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#"))


LAYOUT_NEEDS = {
    "title": "a title and a subtitle",
    "content": "a title and one text placeholder under it",
    "section": "a title and a text placeholder",
    "title_only": "a title and no text placeholder",
}
"""What each layout must hold, to find it where it is not named as PowerPoint names it."""


def _layouts(prs: PresentationType) -> dict[str, SlideLayout]:
    """Find each layout a deck uses: by its PowerPoint name, else by its placeholders.

    LibreOffice Impress names its layouts its own way ('Title, Content') and cannot rename
    them. Section slides use the title slide's layout where there is no section header.
    Keys of layouts not found are left out.
    """
    layouts = list(prs.slide_layouts)
    found = {}
    for key, name in LAYOUTS.items():
        layout = next((layout for layout in layouts if layout.name == name), None)
        if layout is None:
            ranks = [(_holds(layout, key), -i) for i, layout in enumerate(layouts)]
            rank, at = max(ranks, default=(0, 0))
            layout = layouts[-at] if rank else None
        if layout is not None:
            found[key] = layout
    if "section" not in found and "title" in found:
        found["section"] = found["title"]
    return found


_LAYOUT_TYPES = {
    "title": "title",
    "content": "obj",
    "section": "secHead",
    "title_only": "titleOnly",
}
"""The type PowerPoint gives each layout (Impress's types are not to be trusted)."""


def _holds(layout: SlideLayout, key: str) -> int:
    """Rank how well a layout's placeholders fit ``LAYOUT_NEEDS[key]``: 0 not at all."""
    title = _title(layout)
    if title is None or title._element.ph.get("orient", "horz") != "horz":  # type: ignore[attr-defined]
        return 0
    texts, others = [], []
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        if kind in _TEXT_PLACEHOLDERS:
            texts.append(kind if shape._element.ph.get("orient", "horz") == "horz" else None)
        elif kind not in (*_TITLES, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER):
            others.append(kind)
    if others and others != [PP_PLACEHOLDER.SLIDE_NUMBER]:
        return 0
    typed = layout._element.get("type") == _LAYOUT_TYPES[key]
    if key == "title":
        fits = texts == [PP_PLACEHOLDER.SUBTITLE]
    elif key == "content":
        fits = texts == [PP_PLACEHOLDER.OBJECT] or (
            texts == [PP_PLACEHOLDER.BODY] and layout._element.get("type") != "secHead"
        )
    elif key == "section":
        fits = texts == [PP_PLACEHOLDER.BODY]
    else:
        fits = not texts
    return 2 if fits and typed else int(fits)


_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def _title(container: object) -> object | None:
    """Return the title placeholder: by its type (Impress numbers the body 0 as well)."""
    for shape in container.placeholders:  # type: ignore[attr-defined]
        if shape.placeholder_format.type in _TITLES:
            return shape
    return None


def _placeholder(container: object, idx: int) -> object | None:
    for shape in container.placeholders:  # type: ignore[attr-defined]
        if shape.placeholder_format.idx == idx:
            return shape
    return None


_TEXT_PLACEHOLDERS = {
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.SUBTITLE,
    PP_PLACEHOLDER.VERTICAL_BODY,
}


def _body(container: object) -> object | None:
    """Return the text placeholder under the title: idx 1 by convention, else the first body.

    Templates made in PowerPoint do not always number it 1.
    """
    found = _placeholder(container, 1)
    if found is not None and found.placeholder_format.type in _TEXT_PLACEHOLDERS:  # type: ignore[attr-defined]
        return found
    for shape in container.placeholders:  # type: ignore[attr-defined]
        if shape.placeholder_format.type in _TEXT_PLACEHOLDERS:
            return shape
    return None


def _prepare_frame(text_frame: object, look: _Look) -> None:
    """Fix insets, wrapping and no auto-fit, so what we measured is what shows.

    A clinic's text placeholder may set vertical text or columns: set one horizontal column.
    """
    tf = text_frame
    tf.auto_size = MSO_AUTO_SIZE.NONE  # type: ignore[attr-defined]
    # python-pptx leaves <a:normAutofit/> from the layout alone: make "no autofit" explicit.
    body_pr = tf._txBody.bodyPr  # type: ignore[attr-defined]
    for child in list(body_pr):
        if child.tag in (qn("a:normAutofit"), qn("a:spAutoFit")):
            body_pr.remove(child)
    inset_x, inset_y = str(int(INSET_X)), str(int(INSET_Y))
    for name, value in (("wrap", "square"), ("lIns", inset_x), ("rIns", inset_x)):
        body_pr.set(name, value)
    body_pr.set("tIns", inset_y)
    body_pr.set("bIns", inset_y)
    if not look.own_template:
        body_pr.set("vert", "horz")
        body_pr.set("numCol", "1")


# Text is written as DrawingML directly: python-pptx's run and font objects cost an XPath
# per attribute, which was most of a deck's drawing time. Every piece of text is escaped.
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _run_xml(text: str, size: float, bold: bool | None, ink: str | None, extra: str = "") -> str:
    """One run: size in points, bold (None: the template's), colour (None: the template's)."""
    weight = "" if bold is None else f' b="{int(bold)}"'
    fill = f'<a:solidFill><a:srgbClr val="{ink.lstrip("#").upper()}"/></a:solidFill>' if ink else ""
    return (
        f'<a:r><a:rPr sz="{round(size * 100)}"{weight}{extra}>{fill}</a:rPr>'
        f"<a:t>{escape(text)}</a:t></a:r>"
    )


def _runs_xml(text: str, size: float, bold: bool | None, ink: str | None, extra: str = "") -> str:
    """Return runs for ``text``, ``**words**`` in bold; ``bold`` sets the others' weight."""
    return "".join(
        _run_xml(part, size, True if strong else bold, ink, extra)
        for part, strong in emphasis(text)
    )


def _spacing_xml(points: float) -> str:
    """Single line spacing, ``points`` above and none below, whatever the template's styles say.

    Text is measured at exactly this spacing: a template's 150% line spacing or space after
    would push the last lines off the slide.
    """
    return (
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(points * 100)}"/></a:spcBef>'
        '<a:spcAft><a:spcPts val="0"/></a:spcAft>'
    )


def _fill_frame(text_frame: object, paragraphs: Sequence[str]) -> None:
    """Replace a text frame's paragraphs with these ``<a:p>`` elements (at least one)."""
    body = text_frame._txBody  # type: ignore[attr-defined]
    for old in body.findall(qn("a:p")):
        body.remove(old)
    parsed = parse_xml(f'<a:txBody xmlns:a="{_A}">{"".join(paragraphs) or "<a:p/>"}</a:txBody>')
    body.extend(list(parsed))


def _set_title(slide: PptxSlide, spec: Slide, look: _Look, *, cover: bool = False) -> None:
    title = slide.shapes.title
    frame = _Frame(title.width / _PT, title.height / _PT)
    sizes = look.geometry.sizes(COVER_SIZES if cover else TITLE_SIZES)
    measure = look.fonts.titles[_DRAW[spec.kind][0]]
    text, size = _fit_title(plain(spec.title), measure, frame, sizes)
    tf = title.text_frame
    _prepare_frame(tf, look)
    # The stock Section Header layout sets ALL CAPS: harder to read. A clinic's template keeps
    # its capitals and letter spacing: they were measured. Its margins are not: none here.
    caps = ' cap="none"' if look.own_template else ""
    margins = "" if look.own_template else ' marL="0" indent="0"'
    spacing = f"<a:pPr{margins}>{_spacing_xml(0)}</a:pPr>"
    _fill_frame(tf, [f"<a:p>{spacing}{_run_xml(text, size, True, look.title_colour, caps)}</a:p>"])


def _paragraphs(
    text_frame: object,
    items: Sequence[str],
    size: float,
    look: _Look,
    *,
    numbered_from: int = -1,
    bullets: bool = True,
    strong: Sequence[bool] = (),
    continued: Sequence[bool] = (),
    extra: str = "",
    literal: bool = False,
) -> None:
    _prepare_frame(text_frame, look)
    ink = look.ink
    hang = f'marL="{int(HANG)}" indent="{-int(HANG)}"'
    paragraphs = []
    numbered = 0
    for i, text in enumerate(items):
        spacing = _spacing_xml(SPACE_BEFORE if i else 0)
        if not bullets:
            ppr = f'<a:pPr marL="0" indent="0">{spacing}<a:buNone/></a:pPr>'
        elif i < len(continued) and continued[i]:  # lined up with the text it goes on with
            ppr = f'<a:pPr marL="{int(HANG)}" indent="0">{spacing}<a:buNone/></a:pPr>'
        elif numbered_from >= 0:
            # The first number on a slide says where it starts; the rest count on from it.
            start = numbered_from + 1
            at = f' startAt="{start}"' if numbered == 0 and start > 1 else ""
            ppr = f'<a:pPr {hang}>{spacing}<a:buAutoNum type="arabicPeriod"{at}/></a:pPr>'
            numbered += 1
        elif look.fonts.bullets:  # the template's own bullet
            ppr = f"<a:pPr {hang}>{spacing}</a:pPr>"
        else:  # a template without one (Impress writes none) would show a bare indent
            bullet = '<a:buSzPct val="100000"/><a:buFont typeface="Arial"/><a:buChar char="•"/>'
            ppr = f"<a:pPr {hang}>{spacing}{bullet}</a:pPr>"
        bold = True if i < len(strong) and strong[i] else None
        runs = (_run_xml if literal else _runs_xml)(text, size, bold, ink, extra)
        paragraphs.append(f"<a:p>{ppr}{runs}</a:p>")
    _fill_frame(text_frame, paragraphs)


def _draw_title(slide: PptxSlide, spec: Slide, look: _Look, ctx: _Context) -> None:
    _set_title(slide, spec, look, cover=True)
    subtitle = _body(slide)
    if subtitle is not None:
        # The clinic's name and contact print as typed: ** in a name are not bold marks.
        lines = [s for s in spec.body if s] or [ctx.clinic or plain(ctx.summary)]
        _fill_whole(subtitle, lines, look.fonts.bodies["title"], SUBTITLE_SIZES, look, literal=True)
    if ctx.logo is not None:
        _place_logo(slide, ctx, look.geometry.scale)


def _place_logo(slide: PptxSlide, ctx: _Context, scale: float) -> None:
    """Put the clinic's logo in a corner of a cover slide where it hides no text.

    Top right, else bottom right, else top left; smaller, if none is clear at full size.
    """
    assert ctx.logo is not None
    presentation = slide.part.package.presentation_part.presentation
    width, height = presentation.slide_width, presentation.slide_height
    texts = [
        (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
        for shape in slide.placeholders
        if shape.has_text_frame and shape.text_frame.text.strip()
    ]
    margin = int(Inches(0.3) * scale)
    picture = slide.shapes.add_picture(io.BytesIO(images.logo_bytes(ctx.logo)), 0, 0)
    aspect = picture.width / picture.height

    def spots(tall: float) -> list[tuple[int, int, int, int]]:
        w = min(int(int(Inches(tall) * scale) * aspect), int(Inches(2.6) * scale))
        h = int(w / aspect)
        corners = [(width - margin - w, margin), (width - margin - w, height - margin - h)]
        return [(x, y, w, h) for x, y in [*corners, (margin, margin)]]

    def clear(x: int, y: int, w: int, h: int) -> bool:
        return not any(
            x < right and y < bottom and x + w > left and y + h > top
            for left, top, right, bottom in texts
        )

    sizes = (0.9, 0.6, 0.4)
    # Nowhere clear (text fills the slide): the smallest logo, top right.
    x, y, w, h = next(
        (spot for tall in sizes for spot in spots(tall) if clear(*spot)), spots(sizes[-1])[0]
    )
    picture.left, picture.top, picture.width, picture.height = x, y, w, h
    picture._element.nvPicPr.cNvPr.set("descr", f"{ctx.clinic or 'Clinic'} logo")


def prs_width(slide: PptxSlide) -> int:
    """Return the width of the slide's presentation, in EMU."""
    return slide.part.package.presentation_part.presentation.slide_width


def _draw_bullets(slide: PptxSlide, spec: Slide, look: _Look, ctx: _Context) -> None:
    _set_title(slide, spec, look)
    body = _body(slide)
    assert body is not None
    _paragraphs(
        body.text_frame,  # type: ignore[attr-defined]
        spec.body,
        spec.size,
        look,
        numbered_from=spec.start,
        continued=spec.continued,
    )


def _draw_sources(slide: PptxSlide, spec: Slide, look: _Look, ctx: _Context) -> None:
    _set_title(slide, spec, look)
    body = _body(slide)
    assert body is not None
    _paragraphs(body.text_frame, spec.body, spec.size, look, bullets=False)  # type: ignore[attr-defined]


def _draw_qa(slide: PptxSlide, spec: Slide, look: _Look, ctx: _Context) -> None:
    _set_title(slide, spec, look)
    body = _body(slide)
    assert body is not None
    _paragraphs(body.text_frame, spec.body, spec.size, look, bullets=False, strong=spec.strong)  # type: ignore[attr-defined]


def _cell(
    cell: object,
    text: str,
    look: _Look,
    *,
    bold: bool = False,
    fill: str | None = None,
    size: float = TABLE_SIZE,
    paragraphs: Sequence[str] = (),
) -> None:
    """Fill one table cell with text at ``size``, our margins and, in our look, colours.

    ``paragraphs`` (``<a:p>`` elements), when given, are used instead of ``text``.
    """
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    for name, value in (("marL", CELL_X), ("marR", CELL_X), ("marT", CELL_Y), ("marB", CELL_Y)):
        tc_pr.set(name, str(int(value)))
    tc_pr.set("anchor", "t")
    tf = cell.text_frame  # type: ignore[attr-defined]
    tf._txBody.bodyPr.set("wrap", "square")
    ink = look.ink
    if not look.own_template and look.fills_tables:  # no table style to draw the grid
        _rule(cell, "L", "R", "T", "B")
    if fill and look.fills_tables:
        tc_pr.append(
            parse_xml(
                f'<a:solidFill xmlns:a="{_A}"><a:srgbClr val="{fill.lstrip("#").upper()}"/>'
                "</a:solidFill>"
            )
        )
        ink = theme.readable_on(fill)
    if not paragraphs and text:
        paragraphs = [
            f"<a:p><a:pPr>{_spacing_xml(0)}</a:pPr>{_runs_xml(text, size, bold, ink)}</a:p>"
        ]
    _fill_frame(tf, paragraphs)


def _draw_table(slide: PptxSlide, spec: Slide, look: _Look, ctx: _Context) -> None:
    _set_title(slide, spec, look)
    g = look.geometry
    width = int(g.area.width * _PT)
    shape = slide.shapes.add_table(
        len(spec.rows) + 1,
        len(spec.header),
        g.area_left,
        g.area_top,
        width,
        Inches(0.5) * (len(spec.rows) + 1),
    )
    shape.name = "Muscle table"
    table = shape.table
    for i, share in enumerate(spec.widths):
        table.columns[i].width = int(width * share)
    for c, text in enumerate(spec.header):
        _cell(table.cell(0, c), text, look, bold=True, fill=look.primary, size=spec.size)
    for r, row in enumerate(spec.rows, start=1):
        for c, text in enumerate(row):
            _cell(
                table.cell(r, c),
                text,
                look,
                bold=(c == 0),
                fill="#FFFFFF" if r % 2 else theme.SHADE,
                size=spec.size,
            )
    _least_row_heights(shape, spec.size, len(table.rows))


def _draw_chart(slide: PptxSlide, spec: Slide, look: _Look, ctx: _Context) -> None:
    _set_title(slide, spec, look)
    data = CategoryChartData()
    # Bar charts draw the first category at the bottom. Feeding them bottom-up puts the first
    # muscle at the top, as in the table, and keeps the value axis next to its caption.
    rows = list(reversed(spec.chart))
    data.categories = [name for name, _, _ in rows]
    data.add_series("Forward", [f.rank for _, f, _ in rows])
    data.add_series("Backward", [b.rank for _, _, b in rows])
    g = look.geometry
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED,
        g.area_left,
        g.area_top,
        int(g.area.width * _PT),
        int(g.area.height * _PT),
        data,
    )
    # The chart's workbook records when it was made: fix that, or each build differs.
    workbook = frame.chart.part.chart_workbook
    workbook.update_from_xlsx_blob(_fixed_workbook(workbook.xlsx_part.blob))
    frame.name = "Effort chart"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.extra["alt"])
    chart = frame.chart
    chart.font.size = Pt(spec.size)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(spec.size)
    categories = chart.category_axis
    categories.tick_labels.font.size = Pt(spec.size)
    # Name every bar: left to itself a viewer skips labels it finds crowded.
    cat_ax = categories._element
    skip = cat_ax.makeelement(qn("c:tickLblSkip"), {"val": "1"})
    later = [qn("c:tickMarkSkip"), qn("c:noMultiLvlLbl"), qn("c:extLst")]
    following = next((child for child in cat_ax if child.tag in later), None)
    if following is None:
        cat_ax.append(skip)
    else:
        following.addprevious(skip)
    values = chart.value_axis
    values.minimum_scale = 0
    values.maximum_scale = 5
    values.major_unit = 1
    # Level names on the axis itself: the ends in words, the full scale in the axis title.
    # 0 is not a level: '#' prints nothing for it.
    values.tick_labels.number_format = '[=1]"1 low";[=5]"5 high";#'
    values.tick_labels.number_format_is_linked = False
    values.has_major_gridlines = True
    values.tick_labels.font.size = Pt(spec.size)
    values.has_title = True
    values.axis_title.text_frame.text = (
        "Effort: 1 low · 2 low to moderate · 3 moderate · 4 moderate to high · 5 high"
    )
    values.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(spec.size)
    values.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = -10
    colours = ("#9A9A9A", look.primary)
    for series, colour in zip(plot.series, colours, strict=True):
        if look.own_template:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)


def _draw_precautions(slide: PptxSlide, spec: Slide, look: _Look, ctx: _Context) -> None:
    _set_title(slide, spec, look)
    g = look.geometry
    width = int(g.area.width * _PT)
    # A band and a warning sign make this slide unlike any other, in colour and in grey.
    # In a clinic's template it goes right under the title's box, whose title may fill it.
    top = g.area_top - (Inches(0.22) if look.own_template else Inches(0.1))
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, top, prs_width(slide), Inches(0.1))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(look.accent)
    band.line.fill.background()
    band.name = "Safety band"
    band._element.nvSpPr.cNvPr.set("descr", "Decorative safety band")
    if not look.own_template:
        return _fill_safety_table(slide, spec, look, width)  # a template's title may span the slide
    sign = slide.shapes.add_shape(
        MSO_SHAPE.ISOSCELES_TRIANGLE,
        prs_width(slide) - Inches(1.35),
        Inches(0.35),
        Inches(0.8),
        Inches(0.7),
    )
    sign.fill.solid()
    sign.fill.fore_color.rgb = _rgb(look.accent)
    sign.line.color.rgb = _rgb(theme.INK)
    sign.name = "Warning sign"
    sign._element.nvSpPr.cNvPr.set("descr", "Warning sign")
    _fill_safety_table(slide, spec, look, width)


def _fill_safety_table(slide: PptxSlide, spec: Slide, look: _Look, width: int) -> None:
    """Add the three-column safety table under the title."""
    g = look.geometry
    shape = slide.shapes.add_table(2, 3, g.area_left, g.area_top, width, Inches(1))
    shape.name = "Safety table"
    table = shape.table
    # A real bullet with a hanging indent, so wrapped lines align with the text; the rest of
    # an item cut to fit lines up with its text, without a bullet of its own.
    bullet = (
        f'<a:pPr marL="{int(CELL_HANG)}" indent="{-int(CELL_HANG)}">{_spacing_xml(6)}'
        '<a:buChar char="•"/></a:pPr>'
    )
    goes_on = f'<a:pPr marL="{int(CELL_HANG)}" indent="0">{_spacing_xml(6)}<a:buNone/></a:pPr>'
    flags = iter(spec.continued)
    for c in range(3):
        table.columns[c].width = width // 3
        _cell(table.cell(0, c), spec.header[c], look, bold=True, fill=look.accent, size=spec.size)
        cell = table.cell(1, c)
        ink = theme.readable_on("#FFFFFF") if look.fills_tables else look.ink  # on our white
        paragraphs = [
            f"<a:p>{goes_on if next(flags, False) else bullet}"
            f"{_runs_xml(text, spec.size, None, ink)}</a:p>"
            for text in spec.rows[c]
        ] or [f"<a:p>{goes_on}{_runs_xml('(see previous slide)', spec.size, None, ink)}</a:p>"]
        _cell(cell, "", look, fill="#FFFFFF", paragraphs=paragraphs)
        if c < 2 and not (look.fills_tables and not look.own_template):
            _rule(cell, "R")  # a rule between the columns, so they do not run together
    _least_row_heights(shape, spec.size, 1)  # the header; the items' row holds a list


def _least_row_heights(shape: object, size: float, rows: int) -> None:
    """Make the first ``rows`` rows of a table at least one line of ``size`` text tall.

    A row grows with its text: the plan counted lines, so a fixed least height taller than
    a line (0.45 in once) would push the last rows of a small slide off it.
    """
    table = shape.table  # type: ignore[attr-defined]
    for row in list(table.rows)[:rows]:
        row.height = int(size * LINE_SPACING * _PT + 2 * CELL_Y)
    shape.height = sum(row.height for row in table.rows)  # type: ignore[attr-defined]


def _rule(cell: object, *sides: str) -> None:
    """Draw thin grey lines on a table cell's edges: ``"L"``, ``"R"``, ``"T"``, ``"B"``."""
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    for at, side in enumerate(sides):
        line = tc_pr.makeelement(qn(f"a:ln{side}"), {"w": "19050"})
        fill = line.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": theme.RULE.lstrip("#")}))
        line.append(fill)
        tc_pr.insert(at, line)  # borders come first, in this order, in the schema


def _draw_section(slide: PptxSlide, spec: Slide, look: _Look, ctx: _Context) -> None:
    _set_title(slide, spec, look, cover=True)
    body = _body(slide)
    if body is not None:
        lines = [plain(s) for s in spec.body]
        _fill_whole(body, lines, look.fonts.bodies["section"], SECTION_SIZES, look)


def _fill_whole(
    shape: object,
    lines: Sequence[str],
    measure: Measure,
    sizes: Sequence[float],
    look: _Look,
    *,
    literal: bool = False,
) -> None:
    """Fill a cover's or section's text box with lines, whole: taller, or smaller, if need be.

    The box may grow down to the bottom margin, or to the top of a placeholder under it
    (the stock section header has its title under the text). ``literal``: ``**`` prints as
    typed (a name), not as bold marks.
    """
    box = [getattr(shape, side) for side in ("left", "top", "width", "height")]
    bottom = look.geometry.area_top + look.geometry.area.height * _PT
    for other in shape.part.slide.placeholders:  # type: ignore[attr-defined]
        under = other.top >= box[1] + box[3] and other.shape_id != shape.shape_id  # type: ignore[attr-defined]
        if under and other.left < box[0] + box[2] and other.left + other.width > box[0]:
            bottom = min(bottom, other.top)
    below = max(0.0, (bottom - box[1] - box[3]) / _PT)
    frame = _Frame(box[2] / _PT, box[3] / _PT)
    size, lines, height, bare = _fit_lines(
        lines, measure, frame, look.geometry.sizes(sizes), below=below
    )
    if height > frame.height:  # set all four: one alone zeroes the others it inherited
        shape.left, shape.top, shape.width = box[0], box[1], box[2]  # type: ignore[attr-defined]
        shape.height = int(height * _PT)  # type: ignore[attr-defined]
    extra = ' cap="none" spc="0"' if bare else ""
    _paragraphs(shape.text_frame, lines, size, look, bullets=False, extra=extra, literal=literal)  # type: ignore[attr-defined]


_DRAW: dict[str, tuple[str, Callable[[PptxSlide, Slide, _Look, _Context], None]]] = {
    "title": ("title", _draw_title),
    "bullets": ("content", _draw_bullets),
    "sources": ("content", _draw_sources),
    "qa": ("content", _draw_qa),
    "table": ("title_only", _draw_table),
    "chart": ("title_only", _draw_chart),
    "precautions": ("title_only", _draw_precautions),
    "section": ("section", _draw_section),
}
"""Each kind of slide: the layout it uses and the function that draws it."""


@dataclass(frozen=True)
class _Context:
    """Deck-wide facts the drawing functions need."""

    clinic: str
    summary: str
    logo: Path | None
    notes: _Notes = field(default_factory=lambda: _Notes())
    """Writes each slide's speaker notes."""


class _Notes:
    """Gives each slide its notes page; after the first, by copying that page's blank.

    python-pptx builds every notes page by cloning the notes master's placeholders, which
    was a third of the time to draw a deck. The pages are identical until the text goes in.
    """

    def __init__(self) -> None:
        self.blank: object | None = None

    def add(self, slide: PptxSlide, text: str) -> None:
        """Add a notes page holding ``text`` to ``slide``."""
        if self.blank is None:
            notes = slide.notes_slide
            self.blank = copy.deepcopy(notes._element)
        else:
            part, package = slide.part, slide.part.package
            master = package.presentation_part.notes_master_part
            notes_part = NotesSlidePart(
                package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                CT.PML_NOTES_SLIDE,
                package,
                copy.deepcopy(self.blank),
            )
            notes_part.relate_to(master, RT.NOTES_MASTER)
            notes_part.relate_to(part, RT.SLIDE)
            part.relate_to(notes_part, RT.NOTES_SLIDE)
            notes = notes_part.notes_slide
        notes.notes_text_frame.text = text


# -- the default template ------------------------------------------------------------------

_DEFAULT_GEOMETRY = {
    # (left, top, width, height) in inches on a 13.333 x 7.5 inch slide
    "master_title": (0.6, 0.3, 12.13, 1.2),
    "master_body": (0.6, 1.6, 12.13, 5.45),
    "title_title": (0.9, 2.0, 11.53, 1.7),
    "title_subtitle": (0.9, 3.9, 11.53, 1.6),
    "section_title": (0.9, 2.2, 11.53, 1.6),
    "section_body": (0.9, 3.9, 11.53, 1.8),
}


def _place(shape: object, key: str) -> None:
    left, top, width, height = (Inches(v) for v in _DEFAULT_GEOMETRY[key])
    shape.left, shape.top, shape.width, shape.height = left, top, width, height  # type: ignore[attr-defined]


def _default_presentation(primary: str, accent: str) -> PresentationType:
    """Make python-pptx's default template 16:9, with Arial and the brand colours."""
    prs = Presentation()
    scale = SLIDE_WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    master = prs.slide_master
    # Widening the slide moves nothing: scale every placeholder that has its own position.
    for container in [master, *master.slide_layouts]:
        for shape in container.placeholders:
            if shape._element.spPr.find(qn("a:xfrm")) is not None:
                shape.left = int(shape.left * scale)
                shape.width = int(shape.width * scale)
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        if kind == 1:  # title
            _place(shape, "master_title")
        elif kind == 2:  # body
            _place(shape, "master_body")
    for key, layout_name in (("title", "Title Slide"), ("section", "Section Header")):
        layout = next(lay for lay in master.slide_layouts if lay.name == layout_name)
        _place(_placeholder(layout, 0), f"{key}_title")
        _place(_placeholder(layout, 1), f"{key}_subtitle" if key == "title" else "section_body")
    theme_part = master.part.part_related_by(RT.THEME)
    xml = theme_part.blob.decode("utf-8")
    xml = xml.replace('typeface="Calibri"', f'typeface="{theme.DECK_FONT}"')
    xml = re.sub(
        r"<a:accent1>.*?</a:accent1>",
        f'<a:accent1><a:srgbClr val="{primary.lstrip("#").upper()}"/></a:accent1>',
        xml,
    )
    xml = re.sub(
        r"<a:accent2>.*?</a:accent2>",
        f'<a:accent2><a:srgbClr val="{accent.lstrip("#").upper()}"/></a:accent2>',
        xml,
    )
    theme_part._blob = xml.encode("utf-8")
    return prs


MAX_TEMPLATE_BYTES = 100 * 2**20
"""Largest unpacked size of a template: themes and layouts are small; video is not needed."""


def check_template(path: Path) -> None:
    """Refuse a template that is not a readable .pptx or lacks a layout we need."""
    if not path.is_file():
        raise UsageError(f"--template {path}: expected a .pptx file but there is none")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError(f"--template {path}: expected a PowerPoint .pptx file ({exc})") from exc
    if unpacked > MAX_TEMPLATE_BYTES:  # a zip bomb would fill the memory when opened
        raise UsageError(
            f"--template {path}: expected at most {MAX_TEMPLATE_BYTES // 2**20} MiB unpacked "
            f"but it unpacks to {unpacked // 2**20} MiB; remove large media from the template"
        )
    if path.suffix.lower() == ".potx":
        raise UsageError(
            f"--template {path}: expected a PowerPoint .pptx file but this is a .potx design "
            "template; open it in PowerPoint and save it as a PowerPoint Presentation (.pptx)"
        )
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a deck
        raise UsageError(f"--template {path}: expected a PowerPoint .pptx file ({exc})") from exc
    if prs.slide_width < Inches(7) or prs.slide_height < Inches(4):
        raise UsageError(
            f"--template {path}: expected slides at least 7 x 4 inches but they are "
            f"{prs.slide_width / 914400:.1f} x {prs.slide_height / 914400:.1f}"
        )
    # Type scales with the slide; a text box much smaller than the slide would hold a few
    # words a line and a few lines a slide.
    least_width = max(Inches(3), prs.slide_width // 2)
    least_height = max(Inches(2), prs.slide_height // 3)
    layouts = _layouts(prs)
    missing = [f"{LAYOUTS[key]!r} ({LAYOUT_NEEDS[key]})" for key in LAYOUTS if key not in layouts]
    if missing:
        names = ", ".join(repr(layout.name) for layout in prs.slide_layouts)
        raise UsageError(
            f"--template {path}: expected a slide layout for each kind of slide but found none "
            f"for {' or '.join(missing)}; its layouts are {names}; add the missing ones "
            "in the Slide Master, with those names or those placeholders"
        )
    for key, layout in layouts.items():
        name = layout.name
        if _title(layout) is None:
            raise UsageError(f"--template {path}: the layout {name!r} has no title placeholder")
        if key == "content" and _body(layout) is None:
            raise UsageError(
                f"--template {path}: expected a text placeholder under the title of the layout "
                f"{name!r} but it has none; add a content placeholder to it"
            )
        shapes = [("title", _title(layout), Inches(0.5))]
        if key == "content":
            shapes.append(("text", _body(layout), least_height))
        for what, shape, tall in shapes:
            box = [getattr(shape, a, None) for a in ("left", "top", "width", "height")]
            inside = None not in box and (
                box[0] >= 0
                and box[1] >= 0
                and box[2] >= least_width
                and box[3] >= tall
                and box[0] + box[2] <= prs.slide_width
                and box[1] + box[3] <= prs.slide_height
            )
            if not inside:
                size = f"{least_width / 914400:.1f} x {tall / 914400:.1f}"
                raise UsageError(
                    f"--template {path}: expected the {what} placeholder of the layout {name!r} "
                    f"to be at least {size} inches (half the slide's width"
                    + (", a third of its height" if what == "text" else "")
                    + ") and inside the slide but it is not; size it in the Slide Master"
                )
    # Speaker notes go in the notes page's body placeholder; python-pptx makes a notes
    # master with one when a template has none, but keeps a template's own as it is.
    notes_master = prs.notes_master
    if not any(p.placeholder_format.type == PP_PLACEHOLDER.BODY for p in notes_master.placeholders):
        raise UsageError(
            f"--template {path}: expected a notes master with a notes text placeholder, for the "
            "speaker notes, but it has none; tick 'Body' under View > Notes Master"
        )


def _open(options: Options, content: Content) -> tuple[PresentationType, bool]:
    colors = content.branding.colors
    if options.template is None:
        return Presentation(io.BytesIO(_default_bytes(colors.primary, colors.accent))), True
    return Presentation(io.BytesIO(_template_bytes(options.template))), False


@functools.cache
def _default_bytes(primary: str, accent: str) -> bytes:
    """Our template in the brand colours, made once per process and reopened for each deck."""
    buffer = io.BytesIO()
    _default_presentation(primary, accent).save(buffer)
    return buffer.getvalue()


@functools.cache
def _template_bytes(path: Path) -> bytes:
    """Return a clinic's template, checked once: its masters and layouts, no sample slides.

    Placeholders sharing a layout's number (Impress numbers title and body 0) are numbered
    apart: a slide's placeholder takes its place and size from the layout's of its number.
    """
    check_template(path)
    prs = Presentation(str(path))
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    for layout in prs.slide_layouts:
        title = _title(layout)
        shapes = [shape._element for shape in layout.placeholders]
        shapes.sort(key=lambda shape: title is None or shape is not title._element)
        numbers = [shape.ph_idx for shape in shapes]
        taken, free = set(), max(numbers, default=0) + 1
        for shape, number in zip(shapes, numbers, strict=True):
            if number in taken:
                shape.ph.set("idx", str(free))
                number, free = free, free + 1
            taken.add(number)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


# -- putting it together -------------------------------------------------------------------


def _look(prs: PresentationType, content: Content, own: bool, options: Options) -> _Look:
    colors = content.branding.colors
    return _Look(
        own_template=own,
        primary=colors.primary,
        accent=colors.accent,
        title_colour=theme.text_colour(colors.primary) if own else None,
        fonts=_fonts(options.template),
        geometry=_geometry(prs, layouts := _layouts(prs)),
        layouts=layouts,
    )


def _planner(topic: Topic, look: _Look) -> _Planner:
    return _Planner(topic, look.fonts.bodies["content"], look.geometry, table=look.fonts.table)


def _add(prs: PresentationType, spec: Slide, look: _Look, ctx: _Context) -> None:
    layout_key, draw = _DRAW[spec.kind]
    slide = prs.slides.add_slide(look.layouts[layout_key])
    draw(slide, spec, look, ctx)
    # Placeholders we did not fill would show "Click to add text" in the editor.
    tree = slide.shapes._spTree
    for shape in tree.findall(qn("p:sp")):
        placeholder = shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        body = shape.find(qn("p:txBody"))
        text = "" if body is None else "".join(t.text or "" for t in body.iter(qn("a:t")))
        if placeholder is not None and body is not None and not text.strip():
            tree.remove(shape)
    ctx.notes.add(slide, plain(spec.notes))


def _deck_bytes(
    prs: PresentationType, title: str, subject: str, author: str, when: dt.date
) -> bytes:
    props = prs.core_properties
    moment = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    # Office limits these properties to 255 characters.
    props.title = title[:255]
    props.subject = subject[:255]
    props.author = author[:255]
    props.last_modified_by = author[:255]
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.keywords = "exercise class, handouts"
    props.comments = f"Made with handouts {__version__}"
    buffer = io.BytesIO()
    prs.save(buffer)
    return _fixed_times(buffer.getvalue())


_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_WORKBOOK_TIME = dt.datetime(*_FIXED_ZIP_TIME)
_DOS_DATE_1980 = 1 << 5 | 1  # 1 January 1980 in a zip header's date field; time 0 is 00:00


def _fixed_times(data: bytes) -> bytes:
    """Set every member time of a zip written just now to 1980-01-01, in place.

    Only the time fields change: nothing is compressed again.
    """
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members, directory = archive.infolist(), archive.start_dir  # type: ignore[attr-defined]
    for info in members:
        assert out[info.header_offset : info.header_offset + 4] == b"PK\x03\x04"
        struct.pack_into("<HH", out, info.header_offset + 10, 0, _DOS_DATE_1980)
    at = directory
    for _ in members:
        assert out[at : at + 4] == b"PK\x01\x02"
        struct.pack_into("<HH", out, at + 12, 0, _DOS_DATE_1980)
        name, extra, comment = struct.unpack_from("<HHH", out, at + 28)
        at += 46 + name + extra + comment
    return bytes(out)


def _fixed_workbook(data: bytes) -> bytes:
    """Rewrite the chart's Excel workbook with its creation date and member times fixed.

    It is written anew, as its dates are inside a compressed member; it is a few kilobytes.
    """
    stamp = _WORKBOOK_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    blob,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, blob)
    return out.getvalue()


def render_topic(topic: Topic, content: Content, options: Options) -> bytes:
    """Draw one topic's deck and return the .pptx bytes (identical for identical input)."""
    prs, own = _open(options, content)
    look = _look(prs, content, own, options)
    ctx = _Context(content.branding.clinic_name, topic.summary, content.logo)
    for spec in _planner(topic, look).plan():
        _add(prs, spec, look, ctx)
    author = content.branding.clinic_name or "handouts"
    return _deck_bytes(prs, topic.title, topic.summary, author, topic.review.reviewed_on)


def render_program(program: Program, content: Content, options: Options) -> bytes:
    """Draw the class deck: agenda, then each topic behind a section divider, then a close."""
    prs, own = _open(options, content)
    look = _look(prs, content, own, options)
    branding = content.branding
    topics = [content.topic(t) for t in program.topics]
    ctx = _Context(branding.clinic_name, program.summary, content.logo)
    agenda = _planner(topics[0], look).bullets(
        "Today's class",
        [t.title for t in topics] + ["Your questions"],
        "Go through the plan for the class: one exercise at a time, each with its safety "
        "slide before anyone tries it, then questions. Say whether people will practise "
        "during the class and where.",
    )
    specs: list[Slide] = [
        Slide(
            kind="title",
            title=program.title,
            notes=f"Welcome everyone to {program.title}. Introduce yourself and what the class "
            "is for. Check that everyone has the class pack and knows where the exits are, and "
            "ask anyone with a new injury, dizziness or chest pain to speak to you first.",
        ),
        *agenda,
    ]
    for number, topic in enumerate(topics, start=1):
        planned = _planner(topic, look).plan()
        specs.append(
            Slide(
                kind="section",
                title=f"{number}. {topic.title}",
                body=(topic.summary,),
                notes=topic.teaching_notes.overview
                or f"Next: {topic.title.lower()}. {topic.summary}",
            )
        )
        # Each topic keeps its own sources slide: the numbers in its brackets point there.
        specs += [
            replace(s, title=f"Sources: {topic.title}" + s.title.removeprefix("Sources"))
            if s.kind == "sources"
            else s
            for s in planned[1:]
        ]
    specs.append(
        Slide(
            kind="title",
            title="Questions?",
            body=tuple(x for x in (branding.clinic_name, branding.contact_line) if x)
            or ("Ask your clinician about your own plan.",),
            notes="Take questions. Remind everyone: start slowly, and stop and contact their "
            "clinician if they feel pain, dizziness or chest pain.",
        )
    )
    for spec in specs:
        _add(prs, spec, look, ctx)
    author = branding.clinic_name or "handouts"
    when = max(t.review.reviewed_on for t in topics)
    return _deck_bytes(prs, program.title, program.summary, author, when)


__all__ = ["check_template", "render_program", "render_topic"]
