"""What a topic's pictures are made of: the muscle map's regions and the steps' drawings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from handouts.figures.shapes import Picture


class Region(enum.Enum):
    """Where on the body a muscle group is, as the muscle map draws it (a closed list)."""

    QUADRICEPS = "quadriceps"
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"
    CALVES = "calves"
    TIBIALIS_ANTERIOR = "tibialis anterior"
    HIP_FLEXORS = "hip flexors"
    ADDUCTORS = "adductors"
    ABDUCTORS = "abductors"
    ADDUCTORS_AND_ABDUCTORS = "adductors and abductors"
    ABDOMINALS = "abdominals"
    LOWER_BACK = "lower back"

    @property
    def parts(self) -> tuple[Region, ...]:
        """The regions it covers: itself, or the two a region made of two names."""
        if self is Region.ADDUCTORS_AND_ABDUCTORS:
            return (Region.ADDUCTORS, Region.ABDUCTORS)
        return (self,)


@dataclass(frozen=True)
class Figure:
    """A drawing of one step, printed beside it: a pose of the shared figure or an SVG file."""

    step: int
    """The number of the step it shows, from 1."""
    caption: str = field(metadata={"max_length": 120})
    """What it shows, printed under it."""
    alt: str = field(metadata={"max_length": 400})
    """The drawing in words, for a reader who cannot see it."""
    pose: str = field(default="", metadata={"max_length": 64})
    """A drawing of the shared figure (``figures.poses.POSES``); or empty, with ``svg``."""
    svg: str = field(default="", metadata={"max_length": 200})
    """An SVG file's path inside the content folder; or empty, with ``pose``."""
    picture: Picture | None = field(default=None, metadata={"derived": True})
    """The drawing, made by the content check (never read from the file): an SVG edited
    changes the topic's value, so the build draws its files again."""
