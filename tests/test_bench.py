"""Tests for handouts.bench: what it reads back from the PDFs it compares."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from handouts.bench import pages_and_words


def test_pages_and_words_count_what_a_reader_copies() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 700, "Walk backward slowly")
    canvas.showPage()
    canvas.drawString(72, 700, "Stop if it hurts")
    canvas.showPage()
    canvas.save()
    assert pages_and_words(buffer.getvalue()) == (2, 7)
