"""The deck's type scales, spacing and insets: what planning measures and drawing sets.

Kept in points, apart from both sides, so the planner needs no ``pptx.util`` and a drawer
needs no measuring module to set the spacing and insets the text was measured at.
"""

from __future__ import annotations

EMU_PER_POINT = 12700
"""English Metric Units in a point, as PowerPoint stores every length."""
EMU_PER_INCH = 914400
"""English Metric Units in an inch."""

SLIDE_WIDTH = 12192000
"""Our deck's width in EMU: 13.333 inches, 16:9."""
SLIDE_HEIGHT = 6858000
"""Our deck's height in EMU: 7.5 inches."""

TITLE_SIZES = (36, 32, 28, 24, 20)
"""Title sizes to try, largest first; below 28 pt only in a template's small title box."""
COVER_SIZES = (44, 40, 36, 32, 28, 24, 20)
"""Title sizes for title and section slides, largest first."""
BODY_SIZES = (28, 26, 24)
"""Body text sizes to try; 24 pt is the smallest a room can read."""
SAFETY_SIZES = (24, 22, 20, 18)
"""Safety slide sizes to try: the largest that keeps it on one slide."""
TABLE_SIZES = (20, 18)
"""Muscle table sizes to try: 18 pt when it saves a continuation slide."""
CHART_SIZE = 18
"""Chart text size: axis labels, legend and axis title."""
SUBTITLE_SIZES = (28, 24, 20, 18)
"""Sizes tried, largest first, for the lines under a cover or closing title."""
SECTION_SIZES = (24, 20, 18)
"""Sizes tried, largest first, for a topic's summary under its section title."""
MAX_POINTS = 7
"""At most this many points on one slide."""

LINE_SPACING = 1.2
"""Line height as a multiple of the font size, as PowerPoint sets Arial at single spacing."""
SPACE_BEFORE = 8
"""Points above each body paragraph."""
SAFETY_SPACE_BEFORE = 6
"""Points above each item of a safety column."""
INSET_X = 7.2
"""Left and right inset of every text frame, in points (0.1 in)."""
INSET_Y = 3.6
"""Top and bottom inset of every text frame, in points (0.05 in)."""
HANG = 32.4
"""Indent of a bulleted or numbered paragraph, in points (0.45 in): the bullet hangs in it."""
CELL_X = 5.76
"""Left and right margin inside table cells, in points (0.08 in)."""
CELL_Y = 3.6
"""Top and bottom margin inside table cells, in points (0.05 in)."""
CELL_HANG = 18.0
"""Hanging indent of a bulleted paragraph inside a table cell, in points (0.25 in)."""


def emu(points: float) -> int:
    """Return a length in points as whole EMU, as python-pptx's ``Pt`` rounds it down."""
    return int(points * EMU_PER_POINT)
