"""A handout in two languages back to back: each language's pages whole, in one file.

Each language is drawn on its own, as its single-language file would be (its own page
numbers, footers, contents and form), and the files are joined in order: a reader who
takes only the Spanish pages has a complete handout. Form fields start with the language
tag (``es-US.plan.minutes``) so the two plans never share a field, and each keeps its tags
for screen readers. The joined file's title names it in each language (``Backward walking /
Caminar hacia atrás``); its ``/Lang`` is the first language's. Each language's bookmarks
are kept, as one top-level bookmark in that language with its sections under it (a part
whose own bookmarks are several, as a program's, is gathered under its title).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pikepdf

from handouts import pdf, pdfjoin
from handouts.options import PdfOptions
from handouts.outline.document import Handout
from handouts.pdf.structure import save


def render(
    handouts: Sequence[Handout], options: PdfOptions, prefix: str = "", *, duplex: bool = False
) -> bytes:
    """Draw each language's handout whole and return them joined, in order, as one PDF.

    ``prefix`` starts every field name (a roster's person), before the language tag.
    ``duplex``: each language starts on a front side when printed on both sides (a
    program, whose halves a family may hand on apart).
    """
    with tempfile.TemporaryDirectory(prefix="handouts-bilingual-") as folder:
        paths = []
        for number, handout in enumerate(handouts, start=1):
            path = Path(folder) / f"{number}.pdf"
            path.write_bytes(pdf.render(handout, options, f"{prefix}{handout.meta.lang}."))
            paths.append(path)
        joined = io.BytesIO()
        title = " / ".join(h.meta.title for h in handouts)
        pdfjoin.join(paths, joined, title, duplex=duplex)
        titles = [h.meta.title for h in handouts]
        return _with_bookmarks(joined.getvalue(), paths, titles, duplex=duplex)


def _with_bookmarks(joined: bytes, parts: list[Path], titles: list[str], *, duplex: bool) -> bytes:
    """Give the joined file each part's bookmarks, one top-level bookmark a part.

    The joiner drops bookmarks (a roster's would all point into one person's pages); here
    there are only a few parts, each read again to find where its bookmarks point.
    """
    with pikepdf.open(io.BytesIO(joined)) as out:
        first = 0  # the index in the joined file of the part's first page
        with out.open_outline() as outline:
            for number, (path, title) in enumerate(zip(parts, titles, strict=True)):
                with pikepdf.open(path) as part:
                    places = {page.objgen: n for n, page in enumerate(part.pages)}
                    with part.open_outline() as own:
                        items = [_copy(i, places, out, first) for i in own.root]
                    count = len(part.pages)
                if len(items) != 1:  # gathered under the part's title, at its first page
                    top = pikepdf.OutlineItem(title, _at(out, first))
                    top.children.extend(items)
                    items = [top]
                outline.root.extend(items)
                blank = duplex and count % 2 == 1 and number < len(parts) - 1
                first += count + blank  # the joiner's blank page before the next part
        return save(out)


def _at(out: pikepdf.Pdf, page: int) -> pikepdf.Array:
    """Return a destination at the top of a page of the joined file."""
    return pikepdf.Array([out.pages[page].obj, pikepdf.Name.Fit])


def _copy(
    item: pikepdf.OutlineItem, places: dict[tuple[int, int], int], out: pikepdf.Pdf, first: int
) -> pikepdf.OutlineItem:
    """Copy one bookmark and those under it, pointing at the same place in the joined file."""
    where = item.destination
    if isinstance(where, pikepdf.Array) and len(where) and where[0].objgen in places:
        page = out.pages[first + places[where[0].objgen]].obj
        destination = pikepdf.Array([page, *list(where)[1:]])
    else:  # pragma: no cover - our renderer gives every bookmark a page and a position
        destination = _at(out, first)
    copy = pikepdf.OutlineItem(item.title, destination)
    copy.is_closed = item.is_closed
    copy.children.extend(_copy(kid, places, out, first) for kid in item.children)
    return copy
