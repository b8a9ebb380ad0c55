"""Measure text as a slide sets it: lines, heights and cuts, in the deck font's real widths.

python-pptx can fit text (``TextFrame.fit_text``), but only in whole sizes, through PIL's
font lookup, and without bold runs or cutting an item over slides; this measures runs of
``**bold**`` words, any size, and cuts text into pieces that each fit. Widths come from
Liberation Sans (Arial's widths), widened where a clinic's template sets wider type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from handouts.deck.sizes import LINE_SPACING, SPACE_BEFORE
from handouts.deck.specs import Para
from handouts.glyphs import FontMetrics
from handouts.text import ELLIPSIS, emphasis

NO_BREAK = "\xa0"
"""A space no line breaks at: it keeps a citation mark ``[1, 2]`` with the words it backs."""
_BREAKS = re.compile(r"[^\S\xa0]+")


def _words(run: str) -> list[str]:
    """Split text into what a line may break between: at spaces, never at a no-break space."""
    return [word for word in _BREAKS.split(run) if word]


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
    _line_cache: dict[tuple[str, float, float, bool], int] = field(
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
        count = self._line_cache.get(key)
        if count is None:
            count = self._line_cache[key] = self._count_lines(text, width_pt, size, bold)
        return count

    def _count_lines(self, text: str, width_pt: float, size: float, bold: bool) -> int:
        space = self.width(" ", size)
        count, used = 1, 0.0
        # A word split by a mark (``**stop**ping``) counts as two, a space wider: on the safe side.
        words = [(word, bold or strong) for run, strong in emphasis(text) for word in _words(run)]
        for word, strong in words:
            w = self.width(word, size, bold=strong)
            if w > width_pt:
                # A word longer than the line breaks at the edge, between letters, as
                # PowerPoint and LibreOffice break it: count the lines its pieces fill.
                pieces = self.broken(word, width_pt, size, bold=strong)
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

    def broken(self, word: str, width_pt: float, size: float, *, bold: bool = False) -> list[str]:
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
        units = self._units(text, width_pt, size, bold)

        def piece(first: int, last: int) -> str:
            out, open_ = [ELLIPSIS + " " if first else ""], False
            for k in range(first, last + 1):
                word, strong, glued = units[k]
                space = "" if k == first or glued else " "
                if strong != open_:
                    out.append("**" + space if open_ else space + "**")
                    open_, space = strong, ""
                out.append(space + word)
            out.append(("**" if open_ else "") + (" " + ELLIPSIS if last < len(units) - 1 else ""))
            return "".join(out)

        pieces: list[str] = []
        first = 0
        while first < len(units):
            room = first_lines if first_lines and not pieces else max_lines
            last = first
            while (
                last + 1 < len(units)
                and self.lines(piece(first, last + 1), width_pt, size, bold=bold) <= room
            ):
                last += 1
            pieces.append(piece(first, last))
            first = last + 1
        return pieces

    def _units(
        self, text: str, width_pt: float, size: float, bold: bool
    ) -> list[tuple[str, bool, bool]]:
        """Return (text, bold, glued) for each word or part of one, in order.

        Glued: it follows the one before with no space (a word half in bold, or a word too
        wide for a line, broken).
        """
        units: list[tuple[str, bool, bool]] = []
        after_space = True
        for run, strong in emphasis(text):
            for i, word in enumerate(_words(run)):
                glued = bool(units) and i == 0 and not after_space and not run[0].isspace()
                for piece in self.broken(word, width_pt, size, bold=bold or strong):
                    units.append((piece, strong, glued))
                    glued = True
            after_space = run[-1:].isspace() and run[-1:] != NO_BREAK
        return units

    def height(self, paragraphs: Sequence[Para], width_pt: float, size: float) -> float:
        """Return the height in points of paragraphs set at ``size``.

        Every paragraph but the first has ``SPACE_BEFORE`` above it.
        """
        total = 0.0
        for para in paragraphs:
            total += (
                SPACE_BEFORE
                + self.lines(para.text, width_pt, size, bold=para.bold) * size * LINE_SPACING
            )
        return total - SPACE_BEFORE if paragraphs else 0.0


@dataclass(frozen=True)
class Fonts:
    """A Measure for each place text goes: a clinic's template may set each its own way."""

    titles: dict[str, Measure]
    """Each layout's title, by layout key."""
    bodies: dict[str, Measure]
    """Each layout's text placeholder under the title, by layout key."""
    table: Measure
    """Tables and chart labels: our own shapes, set as the template sets other text."""
