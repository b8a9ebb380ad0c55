"""A handout in two languages back to back: each language's pages whole, in one file.

Each language is drawn on its own, as its single-language file would be (its own page
numbers, footers, contents and form), and the files are joined in order: a reader who
takes only the Spanish pages has a complete handout. Form fields start with the language
tag (``es-US.plan.minutes``) so the two plans never share a field, and each keeps its tags
for screen readers. The joined file's title names it in each language (``Backward walking /
Caminar hacia atrás``); its ``/Lang`` is the first language's. Each language's bookmarks
are kept by the joiner, as one top-level bookmark in that language with its sections under it
(a part whose own bookmarks are several, as a program's, is gathered under its title).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

from handouts import pdf, pdfjoin
from handouts.options import PdfOptions
from handouts.outline.document import Handout


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
        pdfjoin.join(paths, joined, title, duplex=duplex)  # each part's bookmarks under its own
        return joined.getvalue()
