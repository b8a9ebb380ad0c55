"""Joined files keep their tags (jointags): one tree, each file a part, keys kept apart."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from handouts import jointags, pdfjoin, pdfua
from handouts.pdf.forms import Field, empty_field
from handouts.pdf.pages import CountingCanvas
from handouts.pdf.structure import Description, tag
from handouts.pdf.styles import REGULAR, register_fonts


def tagged_pdf(path: Path, person: str, pages: int) -> None:
    """Write a small tagged file: a heading and a field on each page, as a program has."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = CountingCanvas(buffer, invariant=1, total_size=8, initialFontName=REGULAR)
    tagger = canvas.tagger
    tagger.new_part(0)
    for page in range(1, pages + 1):
        with tagger.content("H1" if page == 1 else "P"):
            canvas.drawString(72, 720, f"{person} page {page}")
        name = f"{person}.line.{page}"
        empty_field(canvas, Field(name, f"Line {page}", 12, 40), (72, 600, 120, 16))
        tagger.form(name)
        with tagger.artifact(pagination=True):
            canvas.drawString(72, 40, f"Page {page}")
        canvas.showPage()
    Canvas.save(canvas)  # without the page total form: this file has none
    about = Description(person, "", "", "test", "en-US")
    path.write_bytes(tag(buffer.getvalue(), tagger.finish(), about))


def test_joined_tags_pass_the_checker_with_every_key_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jointags, "FAN_OUT", 4)  # so the trees are grouped, level by level
    paths = []
    for i in range(11):
        path = tmp_path / f"pt-{i:02d}.pdf"
        tagged_pdf(path, f"pt-{i:02d}", 1 + i % 3)
        paths.append(path)
    for path in paths[:2]:
        assert pdfua.check(path.read_bytes()) == []
    handle = io.BytesIO()
    pdfjoin.join(paths, handle, "class-all")
    data = handle.getvalue()
    assert [str(f) for f in pdfua.check(data)] == []
    with pikepdf.open(io.BytesIO(data)) as joined:
        keys = [page.obj.StructParents for page in joined.pages]
        keys += [a.StructParent for page in joined.pages for a in page.obj.Annots]
        assert len(keys) == len(set(keys)) == joined.Root.StructTreeRoot.ParentTreeNextKey
        parts, todo = [], [joined.Root.StructTreeRoot.K]
        while todo:
            element = todo.pop(0)
            if element.S == "/Part":
                parts.append(element)
                continue
            assert element.S in ("/Document", "/Div")
            kids = element.K
            assert len(kids) <= 4
            todo += list(kids)
        assert len(parts) == 11
        # Each part's heading is its own person's, in order.
        firsts = [part.K if isinstance(part.K, pikepdf.Dictionary) else part.K[0] for part in parts]
        assert [f.S for f in firsts] == ["/Sect"] * 11
        assert str(joined.docinfo.Title) == "class-all"
