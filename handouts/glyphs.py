"""Which characters a TrueType font can draw, read from its ``cmap`` table.

A small reader of our own, so that ``--check`` can report characters the font lacks
without importing reportlab (which costs a tenth of a second).
"""

from __future__ import annotations

import functools
import struct
from pathlib import Path


def _subtable_chars(data: bytes, offset: int) -> set[int]:
    fmt = struct.unpack_from(">H", data, offset)[0]
    chars: set[int] = set()
    if fmt == 4:
        segments = struct.unpack_from(">H", data, offset + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, offset + 14)
        starts = struct.unpack_from(f">{segments}H", data, offset + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", data, offset + 16 + 4 * segments)
        range_base = offset + 16 + 6 * segments
        ranges = struct.unpack_from(f">{segments}H", data, range_base)
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            for code in range(start, end + 1):
                if code == 0xFFFF:
                    continue
                if ranges[i] == 0:
                    glyph = (code + deltas[i]) & 0xFFFF
                else:
                    where = range_base + 2 * i + ranges[i] + 2 * (code - start)
                    glyph = struct.unpack_from(">H", data, where)[0]
                    glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
                if glyph:
                    chars.add(code)
    elif fmt == 12:
        groups = struct.unpack_from(">I", data, offset + 12)[0]
        for i in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, offset + 16 + 12 * i)
            # Glyph 0 is 'missing': only codes mapped past it are printable.
            first = start + 1 if glyph == 0 else start
            chars.update(range(first, end + 1))
    return chars


@functools.cache
def supported_chars(font: Path) -> frozenset[int]:
    """Return the code points the font maps to a real glyph (its Unicode cmap)."""
    data = font.read_bytes()
    tables = struct.unpack_from(">H", data, 4)[0]
    cmap = None
    for i in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        raise ValueError(f"{font} has no cmap table")
    chars: set[int] = set()
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) in ((3, 1), (3, 10), (0, 3), (0, 4)):
            chars |= _subtable_chars(data, cmap + offset)
    return frozenset(chars)
