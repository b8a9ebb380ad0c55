"""Write personalised programs: one per prescription, one per roster row plus a merged file."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pypdf

from handouts import pdf
from handouts.build import write_all
from handouts.load import display_path
from handouts.model import Content, Prescription
from handouts.roster import Row

PROGRAMS_DIR = "programs"
"""Subfolder of the output folder for prescriptions' programs."""
ROSTER_DIR = "roster"
"""Subfolder of the output folder for a roster's programs."""


def write_prescriptions(
    prescriptions: list[Prescription], content: Content, out: Path
) -> list[Path]:
    """Render every program, then write them all or none as ``OUT/programs/<id or slug>.pdf``."""
    folder = out / PROGRAMS_DIR
    files = [(f"{p.slug}.pdf", pdf.render_prescription(p, content)) for p in prescriptions]
    folder.mkdir(parents=True, exist_ok=True)
    return write_all(folder, files)


def write_roster(
    rows: list[Row],
    content: Content,
    out: Path,
    roster: Path,
    say: Callable[[str], None],
) -> list[Path]:
    """Write one program per row and ``<roster>-all.pdf`` with all of them, in row order.

    Field names carry each person's file name, so the merged file keeps everyone's
    entries apart. Only file names are reported: nothing personal goes to the terminal.
    """
    folder = out / ROSTER_DIR
    folder.mkdir(parents=True, exist_ok=True)
    all_name = f"{roster.stem.lstrip('.') or 'roster'}-all.pdf"  # never a hidden file
    names: set[str] = {all_name.removesuffix(".pdf")}  # nobody's file may be the merged one
    rendered: list[tuple[str, bytes]] = []
    for index, row in enumerate(rows, start=1):
        stem = row.prescription.slug
        # Two people never share a file: the later row gets its row number, then a counter.
        candidate, extra = stem, 1
        while candidate in names:
            candidate = f"{stem}-row{row.number}" + (f"-{extra}" if extra > 1 else "")
            extra += 1
        stem = candidate
        names.add(stem)
        data = pdf.render_prescription(row.prescription, content, prefix=f"{stem}.")
        rendered.append((f"{stem}.pdf", data))
        say(f"[{index}/{len(rows)}] {display_path(folder / f'{stem}.pdf')}")
    merged = pypdf.PdfWriter()
    for _, data in rendered:
        merged.append(pypdf.PdfReader(io.BytesIO(data)))
    buffer = io.BytesIO()
    merged.write(buffer)
    written = write_all(folder, [*rendered, (all_name, buffer.getvalue())])
    say(f"wrote {display_path(folder / all_name)} ({len(rendered)} programs, for the printer)")
    return written
