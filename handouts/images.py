"""Logos: checked by decoding every pixel, then handed to the renderers upright and 8-bit.

The only module that imports Pillow (it comes with python-pptx and reportlab). A logo
that only looks fine to a quick check can still print wrong: a JPEG cut short prints
half grey, a 16-bit PNG prints nearly white in reportlab, and a phone photo stored on its
side prints sideways unless its EXIF orientation is applied. So the check decodes the
whole image, and ``logo_bytes`` gives both renderers the same corrected copy.
"""

from __future__ import annotations

import contextlib
import functools
import io
from collections.abc import Iterator
from pathlib import Path

MAX_LOGO_PIXELS = 25_000_000
"""A logo larger than this (5000 x 5000) is refused: it would only slow printing down."""

_ORIENTATION = 0x0112  # the EXIF tag that says how a camera held the picture
_READY_MODES = {"PNG": {"RGB", "RGBA", "L", "LA", "P"}, "JPEG": {"RGB", "L"}}
"""Pixel formats both renderers draw correctly as they are, by file format."""


@contextlib.contextmanager
def _sized_by_us() -> Iterator[None]:
    """Let Pillow open an image of any stated size, for our own, lower limit to be checked.

    MAX_LOGO_PIXELS is far below Pillow's limit and is checked before a pixel is decoded;
    Pillow's would refuse a huge one first, in its own words, not saying what to do.
    """
    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _format(image: object) -> str:
    """Name an opened image's file format, taking a multi-picture JPEG for the JPEG it is.

    Phone cameras save MPO: a JPEG whose first picture every JPEG reader shows, with more
    pictures after it.
    """
    found = str(getattr(image, "format", ""))
    return "JPEG" if found == "MPO" else found


def logo_problem(path: Path) -> str:
    """Say what is wrong with a logo file, or nothing when it is a readable PNG or JPEG."""
    from PIL import Image

    try:
        with _sized_by_us(), Image.open(path) as image:
            width, height = image.size
            if _format(image) not in _READY_MODES:
                return f"expected a PNG or JPEG image but got a {image.format} file"
            if width * height > MAX_LOGO_PIXELS:
                return (
                    f"expected a logo of at most {MAX_LOGO_PIXELS:,} pixels but got "
                    f"{width} x {height}; save a smaller copy"
                )
            image.verify()  # checksums; it leaves the image unusable, so open it again
    except Exception as exc:  # Pillow raises many kinds for a broken or fake image
        return f"expected a readable PNG or JPEG image but could not read it ({type(exc).__name__})"
    try:
        with Image.open(path) as image:
            image.load()  # every pixel: a file cut short fails here, not on paper
    except Exception:
        return (
            "expected a complete image but the file is cut short or damaged; "
            "save it again from the original"
        )
    return ""


@functools.cache
def logo_bytes(path: Path) -> bytes:
    """Return the logo as PNG or JPEG bytes, upright and 8 bits per channel.

    A logo that needs nothing is returned byte for byte; call only after ``logo_problem``.
    """
    from PIL import Image, ImageOps

    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        upright = image.getexif().get(_ORIENTATION, 1) == 1
        source_format = _format(image)
        # python-pptx refuses an MPO file, so its first picture is saved as a plain JPEG.
        if upright and image.format == source_format and image.mode in _READY_MODES[image.format]:
            return data
        fixed = ImageOps.exif_transpose(image)
    if fixed.mode.startswith("I") or fixed.mode == "F":  # 16-bit or wider grey: scale to 8
        fixed = fixed.convert("I").point(lambda v: v / 256).convert("L")
    elif fixed.mode not in ("RGB", "RGBA", "L", "LA"):
        fixed = fixed.convert(
            "RGBA" if "A" in fixed.mode or "transparency" in fixed.info else "RGB"
        )
    out = io.BytesIO()
    if source_format == "JPEG" and fixed.mode in ("RGB", "L"):
        fixed.save(out, "JPEG", quality=95)
    else:
        fixed.save(out, "PNG")
    return out.getvalue()
