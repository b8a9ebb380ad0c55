"""Write personalised programs: one per prescription, one per roster row plus a merged file."""

from __future__ import annotations

import queue
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from handouts import bilingual, languages, outline, pdf, pdfjoin
from handouts.build import Builder, Job, file_digest, job_key
from handouts.locale import Catalogue
from handouts.model import Content, Prescription
from handouts.options import PdfOptions
from handouts.roster import Row

PROGRAMS_DIR = "programs"
"""Subfolder of the output folder for prescriptions' programs."""
ROSTER_DIR = "roster"
"""Subfolder of the output folder for a roster's programs."""


def roster_scope(merged: str) -> str:
    """Name the scope of one roster's files: its people's programs and its merged file.

    A roster is known in the output folder by its merged file's name, so a build of one
    roster never removes another roster's files, nor a prescription's program.
    """
    return f"roster:{merged}"


def _planner(content: Content) -> Callable[[str, Prescription, str, str], Job]:
    """Return a function planning one program; what every program shares is digested once.

    A roster has a thousand rows but three topics, one logo and two languages: each is read,
    translated and hashed once, not once a row. The prescription's language picks the
    content's translation and the catalogue, both in the key; two languages (``en,es``) make
    one file with the whole program in each, back to back (``handouts.bilingual``).
    """
    shared = (content.branding, file_digest(content.logo))
    written: dict[str, tuple[Content, Catalogue, dict[str, str]]] = {}

    def language(lang: str) -> tuple[Content, Catalogue, dict[str, str]]:
        if lang not in written:
            text, cat = languages.written_in(content, lang)
            written[lang] = (text, cat, {t.id: job_key((t,)) for t in text.topics})
        return written[lang]

    def plan(name: str, prescription: Prescription, prefix: str = "", scope: str = "") -> Job:
        codes = prescription.language.codes
        written_each = [language(code) for code in codes]
        topics = tuple(keys[d.topic] for _, _, keys in written_each for d in prescription.topics)
        # The key holds the options object the renderer reads, whole: a new option is keyed.
        options = PdfOptions(prescription.paper.value, prescription.large_print, codes)

        def render() -> bytes:
            drawn = [outline.program(prescription, text, cat) for text, cat, _ in written_each]
            if len(drawn) == 1:
                return pdf.render(drawn[0], options, prefix)
            # Each language's program whole, the second on a front side of its own.
            return bilingual.render(drawn, options, prefix, duplex=True)

        return Job(name, render, ("program", prescription, topics, *shared, options, prefix), scope)

    return plan


def prescription_jobs(prescriptions: list[Prescription], content: Content) -> list[Job]:
    """Plan ``programs/<id or slug>.pdf`` for every prescription.

    They have no scope: a build adds programs beside the others and never removes one.
    """
    plan = _planner(content)
    return [plan(f"{PROGRAMS_DIR}/{p.slug}.pdf", p) for p in prescriptions]


def roster_jobs(rows: list[Row], content: Content, stem: str) -> tuple[list[Job], str]:
    """Plan one program per row and name the merged file; nobody's file is the merged one.

    Field names carry each person's file name, so the merged file keeps everyone's entries
    apart. Two people never share a file: the later row gets its row number, then a counter.
    Every file planned, the merged one too, has the roster's scope (``roster_scope``).
    """
    plan = _planner(content)
    # Never a hidden file; and a name from a long roster file name must still fit the
    # 255-byte limit of file names once "-all.pdf" and a temporary suffix are added.
    short = stem.lstrip(".").encode()[:100].decode(errors="ignore")
    merged = f"{short or 'roster'}-all"
    names: set[str] = {merged}
    scope = roster_scope(f"{ROSTER_DIR}/{merged}.pdf")
    planned = []
    for row in rows:
        base = row.prescription.slug
        candidate, extra = base, 1
        while candidate in names:
            candidate = f"{base}-row{row.number}" + (f"-{extra}" if extra > 1 else "")
            extra += 1
        names.add(candidate)
        name = f"{ROSTER_DIR}/{candidate}.pdf"
        planned.append(plan(name, row.prescription, f"{candidate}.", scope))
    return planned, f"{ROSTER_DIR}/{merged}.pdf"


def run_and_merge(builder: Builder, planned: list[Job], name: str) -> list[tuple[int, str]]:
    """Draw the planned programs and stage ``name``: all of them, in order, in one PDF.

    The merge runs on a thread while the workers draw, taking each program as soon as
    it and those before it are drawn: joining a thousand programs at the end took longer
    than any other step but the drawing. A program that cannot be drawn (a bug of ours)
    does not stop the others: it is left out, of the merged file too, and returned with
    its place in ``planned`` and what went wrong.
    """
    key = job_key(["merged", *(job.key for job in planned)])
    failures: list[tuple[int, str]] = []
    if builder.keep_if_current(name, key, roster_scope(name)):
        builder.run(planned, failed=lambda index, why: failures.append((index, why)))
        return failures
    # A program's place and where it is, or None if it could not be drawn; None to stop.
    arrived: queue.SimpleQueue[tuple[int, Path | None] | None] = queue.SimpleQueue()

    def in_order() -> Iterator[Path]:
        waiting: dict[int, Path | None] = {}
        for index in range(len(planned)):
            while index not in waiting:
                item = arrived.get()
                if item is None:  # the drawing failed: stop, the staged file is removed
                    raise _Stopped
                waiting[item[0]] = item[1]
            path = waiting.pop(index)
            if path is not None:
                yield path

    def failed(index: int, why: str) -> None:
        failures.append((index, why))
        arrived.put((index, None))

    stopped: list[BaseException] = []

    def merge() -> None:
        try:
            title = Path(name).stem  # the file's own name: viewers show it as its title
            builder.stage(
                name,
                key,
                lambda out: pdfjoin.join(in_order(), out, title, duplex=True, closed=True),
            )
        except BaseException as exc:  # handed to the main thread, which reports it
            stopped.append(exc)

    # The joiner's first temporary file finds the temporary folder under a lock; workers
    # forked while the merge thread held it would wait for it for ever (bilingual rows).
    tempfile.gettempdir()
    thread = threading.Thread(target=merge, name="merge", daemon=True)
    thread.start()
    try:
        builder.run(planned, lambda index, path: arrived.put((index, path)), failed)
    finally:
        arrived.put(None)  # never read when every program arrived
        thread.join()
    if stopped and not isinstance(stopped[0], _Stopped):
        raise stopped[0]
    if failures:  # not the merge of every program: recorded so the next build makes it again
        builder.rekey(name, job_key(["merged without", key, *sorted(failures)]))
    return failures


class _Stopped(Exception):
    """The drawing stopped before every program arrived for the merge."""
