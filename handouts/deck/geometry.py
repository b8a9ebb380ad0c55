"""The boxes planning fits text into, as read once from a template's layouts.

Every layout's title box, the text box of a content slide, the boxes under a cover's and a
section's title (with the room free under them), and the area under a title where tables
and charts go. Planning reads only this from the template; drawing puts text where it says.
Pure data: ``layouts.read_geometry`` reads it from a template.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from handouts.deck.sizes import EMU_PER_POINT, HANG, INSET_X, INSET_Y
from handouts.deck.specs import Box


@dataclass(frozen=True)
class Frame:
    """A text area in points: where measured text must fit."""

    width: float
    """Across, insets included."""
    height: float
    """Down, insets included."""

    def text_width(self, hang: bool) -> float:
        """Return the width text is wrapped at; ``hang``: after a bullet's hanging indent."""
        return self.width - 2 * INSET_X - (HANG if hang else 0)

    def text_height(self) -> float:
        """Return the height text may fill."""
        return self.height - 2 * INSET_Y


@dataclass(frozen=True)
class TextBox:
    """A placeholder that holds lines fitted whole, and the room it may grow into."""

    box: Box
    """Where the layout puts it, in EMU."""
    frame: Frame
    """Its size in points."""
    below: float
    """Points free under it, down to the bottom margin or the next placeholder."""


@dataclass(frozen=True)
class Geometry:
    """Sizes of the placeholders and areas the plan measures against."""

    titles: Mapping[str, Frame]
    """Each layout's title box, by layout key."""
    body: Frame
    """The text placeholder of a content slide."""
    subtitle: TextBox | None
    """The box under a cover's title; None where the layout has none."""
    section_body: TextBox | None
    """The box under a section's title; None where the layout has none."""
    area: Box
    """Where tables, charts and the safety columns go, under a title-only slide's title."""
    scale: float = 1.0
    """Type sizes are set for a slide 10 in wide and 7.5 in tall; others scale them by this."""

    @property
    def area_frame(self) -> Frame:
        """The area's size in points."""
        return Frame(self.area.width / EMU_PER_POINT, self.area.height / EMU_PER_POINT)

    def sizes(self, sizes: Sequence[float]) -> tuple[float, ...]:
        """Return type sizes scaled to this slide, to the half point."""
        return tuple(round(size * self.scale * 2) / 2 for size in sizes)
