"""Logos: the check decodes every pixel; the renderers get an upright 8-bit copy."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from handouts.images import logo_bytes, logo_problem
from tests.conftest import problems_of


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_plain_logo_is_passed_on_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "#1F3A5F").save(path)
    assert logo_problem(path) == ""
    assert logo_bytes(path) == path.read_bytes()


def test_a_jpeg_cut_short_is_refused(tmp_path: Path) -> None:
    whole = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(whole, "JPEG")
    path = tmp_path / "logo.jpg"
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 3])
    assert logo_problem(path) == (
        "expected a complete image but the file is cut short or damaged; "
        "save it again from the original"
    )


def test_a_16_bit_grey_png_keeps_its_shades(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    image = Image.new("I;16", (3, 1))
    for x, value in enumerate((0x2000, 0x8000, 0xE000)):
        image.putpixel((x, 0), value)
    image.save(path)
    assert logo_problem(path) == ""
    fixed = _open(logo_bytes(path))
    assert fixed.mode == "L"
    assert [fixed.getpixel((x, 0)) for x in range(3)] == [0x20, 0x80, 0xE0]


def test_a_photo_stored_sideways_is_turned_upright(tmp_path: Path) -> None:
    upright = Image.new("RGB", (40, 10), "white")
    upright.paste((0, 0, 0), (0, 0, 10, 10))  # a black square on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn me 90 degrees clockwise to show me"
    path = tmp_path / "logo.jpg"
    upright.rotate(90, expand=True).save(path, exif=exif.tobytes(), quality=95)
    fixed = _open(logo_bytes(path))
    assert fixed.format == "JPEG" and fixed.size == (40, 10)
    assert fixed.getpixel((5, 5))[0] < 40 and fixed.getpixel((35, 5))[0] > 215


def test_a_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    path = tmp_path / "logo.jpg"
    Image.new("CMYK", (20, 20), (200, 100, 0, 50)).save(path)
    assert _open(logo_bytes(path)).mode == "RGB"


def test_a_palette_png_with_transparency_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    image = Image.new("P", (4, 4), 1)
    image.putpalette([255, 255, 255, 31, 58, 95])
    image.info["transparency"] = 0
    image.save(path, transparency=0)
    assert logo_bytes(path) == path.read_bytes()  # drawn correctly as it is


def test_a_cut_short_logo_is_a_located_error(shipped: Path) -> None:
    whole = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(whole, "JPEG")
    (shipped / "logo.jpg").write_bytes(whole.getvalue()[:2000])
    (shipped / "branding.yaml").write_text("logo: logo.jpg\n")
    assert problems_of(shipped) == [
        "content/branding.yaml:1:7: logo: expected a complete image but the file is cut short "
        "or damaged; save it again from the original"
    ]
