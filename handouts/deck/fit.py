"""Fit text to its box: a title's size, a cover's lines, a list cut into slides that hold it.

Pure functions of text, a ``Measure`` and a ``Frame``: no pptx. Where nothing fits even at
the smallest size, text is cut with "…" (titles, a cover's last lines) or goes on over
slides (lists), and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from handouts.deck.geometry import Frame, Geometry, TextBox
from handouts.deck.measure import Fonts, Measure
from handouts.deck.sizes import (
    BODY_SIZES,
    COVER_SIZES,
    INSET_Y,
    LINE_SPACING,
    MAX_POINTS,
    SPACE_BEFORE,
    TITLE_SIZES,
    emu,
)
from handouts.deck.specs import Lines, Logo, Para, Title
from handouts.outline.document import SlideWords
from handouts.text import plain, shorten


@dataclass(frozen=True)
class Fit:
    """What every planner reads besides its block.

    The template's type and boxes, the body sizes this pass may use, and the deck's own
    words and logo.
    """

    fonts: Fonts
    """How the template sets text in each place."""
    geometry: Geometry
    """The template's boxes."""
    words: SlideWords
    """What the deck adds to continued slides and pictures."""
    logo: Logo | None
    """The clinic's logo for cover slides; None without one."""
    body_sizes: tuple[float, ...]
    """Body text sizes a text slide may use, largest first, already scaled to the slide."""


def last_resort(sizes: Sequence[float]) -> tuple[float, ...]:
    """Smaller sizes, down to 60% of the smallest, tried before any text is cut."""
    return tuple(round(sizes[-1] * share * 2) / 2 for share in (0.9, 0.8, 0.7, 0.6))


def fit_title(
    text: str,
    measure: Measure,
    frame: Frame,
    sizes: Sequence[float] = TITLE_SIZES,
    *,
    keep: str = "",
) -> Title:
    """Choose the largest title size at which ``text + keep`` fits its placeholder.

    Only a template whose title box holds one short line at 60% of the smallest size gets
    a cut title (titles are at most 70 characters); ``keep`` (`` (cont.)``) is never cut:
    slides that go on are told apart by it.
    """
    width, room = frame.text_width(False), frame.text_height()

    def fits(candidate: str, size: float) -> bool:
        return measure.lines(candidate, width, size, bold=True) * size * LINE_SPACING <= room

    for size in (*sizes, *last_resort(sizes)):
        if fits(text + keep, size):
            return Title(text + keep, size)
    size = last_resort(sizes)[-1]
    return Title(shorten(text, lambda t: fits(t, size), keep=keep), size)


def title(text: str, layout: str, fit: Fit, *, index: int = 0, cover: bool = False) -> Title:
    """Fit a heading to the title box of ``layout``; after the first slide, say it goes on.

    Emphasis marks are dropped: a title is bold throughout.
    """
    text = plain(text)
    sizes = fit.geometry.sizes(COVER_SIZES if cover else TITLE_SIZES)
    # Every title of a deck its own: the second slide goes on "(cont.)", the third "(cont. 2)".
    keep = "" if not index else fit.words.continued if index == 1 else fit.words.continued_more
    keep = keep.replace("{n}", str(index))
    return fit_title(text, fit.fonts.titles[layout], fit.geometry.titles[layout], sizes, keep=keep)


def notes(text: str, fit: Fit, *, index: int = 0) -> str:
    """Return speaker notes as written; a slide that goes on only says so (nothing repeated)."""
    return plain(fit.words.continued_notes.strip() if index else text)


def fit_lines(
    lines: Sequence[str], measure: Measure, place: TextBox, sizes: Sequence[float]
) -> Lines:
    """Fit lines whole in a text box: at the largest size, in the room under it, or plain.

    A summary, clinic name or contact line may be long (up to 300 letters, in wide letters,
    perhaps one unbroken word): it takes the points free under the box (which then grows),
    then smaller sizes, whole; at last it is set plain, without the template's capitals and
    letter spacing, which do not shrink with the type (5 pt after each letter took 2,000 pt
    on a closing slide).
    """
    frame = place.frame
    grown = frame.height + place.below
    paras = [Para(line) for line in lines]
    for height, tried, bare in (
        (frame.height, sizes, False),
        (grown, sizes, False),
        (grown, last_resort(sizes), False),
        (grown, (*sizes, *last_resort(sizes)), True),
    ):
        room, using = Frame(frame.width, height), measure.plain() if bare else measure
        for size in tried:
            if using.height(paras, room.text_width(False), size) <= room.text_height():
                return _lines(tuple(lines), size, bare and using is not measure, height, place)
    return _cut_lines(lines, measure.plain(), place, last_resort(sizes)[-1])


def _lines(texts: tuple[str, ...], size: float, bare: bool, height: float, place: TextBox) -> Lines:
    box = place.box
    grown = replace(box, height=emu(height)) if height > place.frame.height else None
    return Lines(texts, size, bare, grown)


def _cut_lines(lines: Sequence[str], measure: Measure, place: TextBox, size: float) -> Lines:
    """Shorten the last lines rather than let them run off the slide.

    A guard no validated text in a template the check accepts has reached (tried with 300
    letters of W on a 7 x 4 in slide in monospace and in spaced capitals).
    """
    kept = [Para(line) for line in lines]
    width = place.frame.text_width(False)
    room = place.frame.height + place.below - 2 * INSET_Y
    while kept and measure.height(kept, width, size) > room:
        last = kept.pop().text
        cut = shorten(last, lambda t: measure.height([*kept, Para(t)], width, size) <= room)
        if measure.height([*kept, Para(cut)], width, size) <= room:
            kept.append(Para(cut))
            break
    height = place.frame.height + place.below
    return _lines(tuple(p.text for p in kept), size, True, height, place)


@dataclass(frozen=True)
class Chunk:
    """One slide's worth of paragraphs, as ``chunks`` plans them."""

    paras: tuple[Para, ...]
    """The paragraphs; those that go on with an item cut to fit say so."""
    size: float
    """The text size they fit at."""


def chunks(
    paras: Sequence[Para],
    measure: Measure,
    frame: Frame,
    *,
    hang: bool = True,
    keep: int = 1,
    sizes: Sequence[float] = BODY_SIZES,
) -> list[Chunk]:
    """Split paragraphs into slides that fit, at the largest size that fits the most.

    ``keep`` paragraphs stay together (a question with its answer).
    """
    width, room = frame.text_width(hang), frame.text_height()
    groups: list[list[Para]] = []
    for i in range(0, len(paras), keep):
        groups += cut_group(list(paras[i : i + keep]), measure, frame, hang, sizes[-1])

    def chunk(start: int, stop: int, size: float) -> Chunk:
        return Chunk(tuple(p for group in groups[start:stop] for p in group), size)

    slides: list[Chunk] = []
    i = 0
    while i < len(groups):
        best: tuple[int, float] | None = None
        for size in sizes:
            taken = 0
            used: list[Para] = []
            while i + taken < len(groups):
                candidate = used + groups[i + taken]
                if len(candidate) > MAX_POINTS or measure.height(candidate, width, size) > room:
                    break
                used = candidate
                taken += 1
            if best is None or taken > best[0]:
                best = (taken, size)
            if i + taken == len(groups):
                break
        taken, size = best or (0, sizes[-1])
        if taken == 0:
            # Only when a group cannot be cut smaller (cut_group made the rest fit).
            taken, size = 1, sizes[-1]
        slides.append(chunk(i, i + taken, size))
        i += taken
    if len(slides) == 1:
        return slides
    # Spread items evenly over the same number of slides (3 + 3, not 5 + 1) when that fits.
    per = -(-len(groups) // len(slides))
    balanced = []
    for start in range(0, len(groups), per):
        together = [p for group in groups[start : start + per] for p in group]
        if len(together) > MAX_POINTS:
            return slides
        fitting = [size for size in sizes if measure.height(together, width, size) <= room]
        if not fitting:
            return slides
        balanced.append(chunk(start, min(start + per, len(groups)), fitting[0]))
    return balanced if len(balanced) == len(slides) else slides


def cut_group(
    group: list[Para], measure: Measure, frame: Frame, hang: bool, size: float
) -> list[list[Para]]:
    """Return the group, or, if it is taller than a slide, its last paragraph cut to fit.

    Only a long paragraph in a small template placeholder needs it; the pieces go on
    following slides, the first kept with the rest of the group (an answer with its
    question), each later one marked as going on.
    """
    width, room = frame.text_width(hang), frame.text_height()
    if measure.height(group, width, size) <= room:
        return [group]
    *before, last = group
    line = size * LINE_SPACING
    above = measure.height(before, width, size) + (SPACE_BEFORE if before else 0)
    under = max(1, int((room - above) // line))
    whole = max(1, int(room // line))  # a later piece starts its slide
    pieces = measure.split(last.text, width, size, whole, bold=last.bold, first_lines=under)
    return [
        [*before, replace(last, text=pieces[0])],
        *([Para(piece, last.bold, goes_on=True)] for piece in pieces[1:]),
    ]
