"""A handout in two languages back to back: each language's pages whole, in one file.

Each language is drawn on its own, as its single-language file would be (its own page
numbers, footers, contents and form), and the files are joined in order: a reader who
takes only the Spanish pages has a complete handout. Form fields start with the language
tag (``es-US.plan.minutes``) so the two plans never share a field, and each keeps its tags
for screen readers. The joined file's title names it in each language (``Backward walking /
Caminar hacia atrás``); its ``/Lang`` is the first language's.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

from handouts import pdf, pdfjoin
from handouts.options import PdfOptions
from handouts.outline.document import Handout


def render(handouts: Sequence[Handout], options: PdfOptions) -> bytes:
    """Draw each language's handout whole and return them joined, in order, as one PDF."""
    with tempfile.TemporaryDirectory(prefix="handouts-bilingual-") as folder:
        paths = []
        for number, handout in enumerate(handouts, start=1):
            path = Path(folder) / f"{number}.pdf"
            path.write_bytes(pdf.render(handout, options, f"{handout.meta.lang}."))
            paths.append(path)
        joined = io.BytesIO()
        pdfjoin.join(paths, joined, " / ".join(h.meta.title for h in handouts))
        return joined.getvalue()
