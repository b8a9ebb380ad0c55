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
DECK_FONT = "Arial"
"""The deck's typeface: on every PowerPoint; LibreOffice shows metric-compatible Liberation Sans."""
DECK_METRICS_REGULAR = FONT_DIR / "LiberationSans-Regular.ttf"
"""Widths used to measure deck text (the same as Arial's)."""
DECK_METRICS_BOLD = FONT_DIR / "LiberationSans-Bold.ttf"
"""Widths used to measure bold deck text."""

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


def luminance(color: str) -> float:
    """Relative luminance of ``#RRGGBB`` as WCAG defines it (0 black to 1 white)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours, from 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(background: str) -> str:
    """Return white or near-black, whichever reads better on ``background``."""
    return "#FFFFFF" if contrast("#FFFFFF", background) >= contrast(INK, background) else INK


def text_colour(preferred: str, background: str = "#FFFFFF") -> str:
    """Use a brand colour for text only when it keeps 4.5:1 contrast; otherwise ink."""
    return preferred if contrast(preferred, background) >= 4.5 else INK


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
    """Footer type (never used for instructions)."""
    fine: float
    """The source list at the end of a topic: the smallest type printed."""
    margin: float
    """Page margin on every side, at least half an inch for office printers."""
    gap: float
    """Space before a section heading."""


STANDARD = PrintSizes(
    body=11, leading=13.2, h1=20, h2=14, small=9, fine=8, margin=0.5 * INCH, gap=6
)
"""Standard handout: 11 pt body, a topic on three pages (docs/architecture.md)."""
LARGE = PrintSizes(body=18, leading=24, h1=30, h2=23, small=14, fine=14, margin=0.5 * INCH, gap=14)
"""Large print: 18 pt body, 22 pt and larger headings, generous spacing."""


def print_sizes(large_print: bool) -> PrintSizes:
    """Return the sizes for the standard or large-print handout."""
    return LARGE if large_print else STANDARD
