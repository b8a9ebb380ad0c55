"""Logos: the check decodes every pixel; the renderers get an upright 8-bit copy."""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from pathlib import Path

import pypdf
from PIL import Image
from pptx import Presentation

from handouts import cli
from handouts.images import logo_bytes, logo_problem
from tests.conftest import FIXTURES, problems_of


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


def _huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims a size its few bytes of pixels do not have."""
    small = io.BytesIO()
    Image.new("RGB", (1, 1)).save(small, "PNG")
    data = bytearray(small.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


def test_a_png_claiming_a_huge_size_gets_our_message_not_pillows(shipped: Path) -> None:
    # hostile-cases/13-minor d: Pillow's own limit fired first ("DecompressionBombError").
    (shipped / "logo.png").write_bytes(_huge_png_header(100_000, 100_000))
    (shipped / "branding.yaml").write_text("logo: logo.png\n")
    assert problems_of(shipped) == [
        "content/branding.yaml:1:7: logo: expected a logo of at most 25,000,000 pixels but got "
        "100000 x 100000; save a smaller copy"
    ]


def test_a_phone_cameras_multi_picture_jpeg_prints_its_first_picture(shipped: Path) -> None:
    # hostile-cases/13-minor e: Pillow opens it as MPO, and python-pptx refuses MPO. The file
    # is a navy picture then a red one, saved by Pillow 13 (9.2, our oldest, cannot write MPO).
    shutil.copy(FIXTURES / "camera-mpo.jpg", shipped / "logo.jpg")
    assert Image.open(shipped / "logo.jpg").format == "MPO"
    (shipped / "branding.yaml").write_text("clinic_name: Riverside\nlogo: logo.jpg\n")
    assert cli.main(["--topic", "backward-walking"]) == 0
    build = shipped.parent / "build"
    page = pypdf.PdfReader(build / "backward-walking.pdf").pages[0]
    drawn = [image.image for image in page.images]
    assert drawn
    deck = Presentation(str(build / "backward-walking.pptx"))
    pictures = [s.image for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert pictures and all(p.content_type == "image/jpeg" for p in pictures)
    drawn += [Image.open(io.BytesIO(p.blob)) for p in pictures]
    for image in drawn:
        assert image.size == (200, 100)
        red, _, blue = image.convert("RGB").getpixel((100, 50))
        assert red < 60 and blue > 70  # the navy first picture, not the red second one
