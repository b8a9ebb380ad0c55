"""Hatching: parallel lines clipped to a polygon, as plain strokes both renderers draw.

Neither renderer is asked to clip: the lines are cut to the polygon here, by the even-odd
rule, so a PDF and a slide show the same segments and the map reads in black and white.
"""

from __future__ import annotations

import math

from handouts.figures.shapes import Point, Stroke


def hatch(
    points: tuple[Point, ...], spacing: float, angle: float, width: float, gray: float
) -> list[Stroke]:
    """Return lines ``spacing`` apart at ``angle`` degrees, cut to the polygon's inside."""
    turn = math.radians(angle)
    cos, sin = math.cos(turn), math.sin(turn)
    # Turn the polygon so the hatch lines run along x, cut it with lines y = k * spacing,
    # and turn each inside piece back.
    turned = [(x * cos + y * sin, -x * sin + y * cos) for x, y in points]
    low = min(y for _, y in turned)
    high = max(y for _, y in turned)
    edges = list(zip(turned, [*turned[1:], turned[0]], strict=True))
    lines: list[Stroke] = []
    k = math.floor(low / spacing) + 1
    while k * spacing < high:
        level = k * spacing
        crossings = sorted(
            x0 + (level - y0) * (x1 - x0) / (y1 - y0)
            for (x0, y0), (x1, y1) in edges
            if (y0 <= level) != (y1 <= level)  # half-open, so a vertex counts once
        )
        for start, end in zip(crossings[::2], crossings[1::2], strict=True):
            if end - start > width:  # a sliver shorter than the line is thick is noise
                ends = ((start, level), (end, level))
                lines.append(
                    Stroke(
                        tuple((u * cos - v * sin, u * sin + v * cos) for u, v in ends), width, gray
                    )
                )
        k += 1
    return lines
