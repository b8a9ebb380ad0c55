"""Read what a TrueType font can draw and how wide it draws it, from its own tables.

A small reader of our own: ``--check`` uses the character map to refuse characters the
fonts lack without importing reportlab, and the deck measures text with the advance
widths so nothing overflows a slide (python-pptx has no text measurement).
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass, field
from pathlib import Path


def _tables(data: bytes) -> dict[bytes, int]:
    count = struct.unpack_from(">H", data, 4)[0]
    found = {}
    for i in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        found[tag] = offset
    return found


def _subtable(data: bytes, offset: int) -> dict[int, int]:
    """Map code points to glyph ids from a format 4 or 12 cmap subtable."""
    fmt = struct.unpack_from(">H", data, offset)[0]
    glyphs: dict[int, int] = {}
    if fmt == 4:
        segments = struct.unpack_from(">H", data, offset + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, offset + 14)
        starts = struct.unpack_from(f">{segments}H", data, offset + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", data, offset + 16 + 4 * segments)
        range_base = offset + 16 + 6 * segments
        ranges = struct.unpack_from(f">{segments}H", data, range_base)
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            for code in range(start, min(end, 0xFFFE) + 1):
                if ranges[i] == 0:
                    glyph = (code + deltas[i]) & 0xFFFF
                else:
                    where = range_base + 2 * i + ranges[i] + 2 * (code - start)
                    glyph = struct.unpack_from(">H", data, where)[0]
                    glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
                if glyph:
                    glyphs[code] = glyph
    elif fmt == 12:
        groups = struct.unpack_from(">I", data, offset + 12)[0]
        for i in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, offset + 16 + 12 * i)
            for code in range(start, end + 1):
                if glyph + code - start:  # glyph 0 is the 'missing' box
                    glyphs[code] = glyph + code - start
    return glyphs


@dataclass(frozen=True)
class FontMetrics:
    """The character map and advance widths of one TrueType font."""

    glyphs: dict[int, int]
    """Code point to glyph id, for every character the font can draw."""
    advances: tuple[int, ...]
    """Advance width of each glyph id, in font units."""
    units_per_em: int
    """Font units per em: a width divided by this, times the size in points, is points."""
    _units: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Widths already summed, in font units: a deck measures the same words many times."""

    def width(self, text: str, size: float) -> float:
        """Return the width of ``text`` set at ``size`` points, in points."""
        units = self._units.get(text)
        if units is None:
            last, advances, glyphs = self.advances[-1], self.advances, self.glyphs
            count = len(advances)
            units = 0
            for char in text:
                glyph = glyphs.get(ord(char), 0)
                units += advances[glyph] if glyph < count else last
            self._units[text] = units
        return units * size / self.units_per_em


@functools.cache
def metrics(font: Path) -> FontMetrics:
    """Read a font's character map and horizontal metrics."""
    data = font.read_bytes()
    tables = _tables(data)
    for tag in (b"cmap", b"head", b"hhea", b"hmtx"):
        if tag not in tables:
            raise ValueError(f"{font} has no {tag.decode()} table")
    cmap = tables[b"cmap"]
    glyphs: dict[int, int] = {}
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) in ((3, 1), (3, 10), (0, 3), (0, 4)):
            glyphs.update(_subtable(data, cmap + offset))
    units_per_em = struct.unpack_from(">H", data, tables[b"head"] + 18)[0]
    long_metrics = struct.unpack_from(">H", data, tables[b"hhea"] + 34)[0]
    advances = struct.unpack_from(f">{2 * long_metrics}H", data, tables[b"hmtx"])[::2]
    return FontMetrics(glyphs, tuple(advances), units_per_em)


def supported_chars(font: Path) -> frozenset[int]:
    """Return the code points the font maps to a real glyph (its Unicode cmap)."""
    return frozenset(metrics(font).glyphs)
