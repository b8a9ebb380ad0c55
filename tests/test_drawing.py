"""Pictures drawn as PDF vectors: path operators, round caps, no image, labels as text."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from handouts.figures.shapes import Arrow, Ellipse, Label, Picture, Shape, Stroke, arc
from handouts.pdf import styles
from handouts.pdf.drawing import PictureFlowable, draw_picture

PICTURE = Picture(
    100,
    60,
    (
        Stroke(((10, 10), (50, 10), (50, 50)), 4),
        Shape(((60, 10), (90, 10), (75, 40)), fill=0.5, outline=0, outline_width=1),
        Ellipse((20, 40), 8, 8, fill=None, outline=0, outline_width=2),
        Arrow(arc((75, 45), 10, 0, 270), 2),
        Label("Level 3", (5, 58), 8),
    ),
    alt="A test drawing",
)


def _drawn(tmp_path: Path) -> tuple[bytes, PdfReader]:
    styles.register_fonts()
    out = tmp_path / "p.pdf"
    canv = Canvas(str(out), pageCompression=0)
    draw_picture(canv, PICTURE, 72, 500, 288)
    canv.save()
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    return reader.pages[0].get_contents().get_data(), reader


def test_drawn_as_vectors_never_an_image(tmp_path: Path) -> None:
    ops, reader = _drawn(tmp_path)
    assert b" l" in ops and b" m" in ops and b" c" in ops  # lines, moves, ellipse curves
    assert b"1 J" in ops and b"1 j" in ops  # round caps and joins
    resources = reader.pages[0]["/Resources"]
    xobjects = resources.get("/XObject", {})
    assert not any(xobjects[name]["/Subtype"] == "/Image" for name in xobjects)


def test_labels_are_text_a_reader_gets(tmp_path: Path) -> None:
    _, reader = _drawn(tmp_path)
    assert "Level 3" in reader.pages[0].extract_text()


def test_flowable_is_as_tall_as_the_picture_at_its_width() -> None:
    flowable = PictureFlowable(PICTURE, 200)
    assert flowable.wrap(500, 500) == (200, 120)
