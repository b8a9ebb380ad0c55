"""Fonts, sizes and colours shared by the renderers; sizes are in points (1/72 inch)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"
"""The bundled fonts and their licence."""
FONT_REGULAR = FONT_DIR / "AtkinsonHyperlegible-Regular.ttf"
"""Body text."""
FONT_BOLD = FONT_DIR / "AtkinsonHyperlegible-Bold.ttf"
"""Headings and emphasis."""
FONT_FAMILY = "Atkinson Hyperlegible"
"""The family name, as decks name it for PowerPoint."""

INCH = 72.0
"""Points per inch."""
MM = INCH / 25.4
"""Points per millimetre."""

PAPER = {"letter": (8.5 * INCH, 11 * INCH), "a4": (210 * MM, 297 * MM)}
"""Page sizes (width, height) in points."""

INK = "#1A1A1A"
"""Body text: near-black, full contrast on white."""
MUTED = "#4D4D4D"
"""Footer and captions: still 7:1 on white."""
RULE = "#8C8C8C"
"""Thin lines, table grid and write-in lines."""
SHADE = "#EEF1F5"
"""Light panel background that prints as a pale grey."""


@dataclass(frozen=True)
class PrintSizes:
    """Type sizes and spacing for one print variant."""

    body: float
    """Body text size."""
    leading: float
    """Line spacing for body text."""
    h1: float
    """Handout title."""
    h2: float
    """Section headings."""
    small: float
    """Footer and source notes (never used for instructions)."""
    margin: float
    """Page margin on every side, at least half an inch for office printers."""
    gap: float
    """Space before a section heading."""


STANDARD = PrintSizes(body=12, leading=14.4, h1=24, h2=16, small=8.5, margin=0.5 * INCH, gap=8)
"""Standard handout: 12 pt body, fits one or two pages."""
LARGE = PrintSizes(body=18, leading=24, h1=30, h2=23, small=12, margin=0.5 * INCH, gap=14)
"""Large print: 18 pt body, 22 pt and larger headings, generous spacing."""


def print_sizes(large_print: bool) -> PrintSizes:
    """Return the sizes for the standard or large-print handout."""
    return LARGE if large_print else STANDARD
