"""Plan the files to build: one job per file, keyed by exactly what draws it."""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from handouts import __version__
from handouts.formats import FORMATS
from handouts.options import DeckOptions, PdfOptions

if TYPE_CHECKING:
    from handouts.locale import Catalogue
    from handouts.model import Content


@dataclass(frozen=True)
class Options:
    """What to build and how, as chosen on the command line."""

    out: Path
    """Output folder; created if missing."""
    formats: tuple[str, ...]
    """Formats to write, each a key of FORMATS."""
    topics: tuple[str, ...]
    """Topic ids to build; empty means every topic and the class program."""
    paper: str = "letter"
    """Paper size for PDFs: ``letter`` or ``a4``."""
    large_print: bool = False
    """Larger type for readers with low vision."""
    template: Path | None = None
    """A clinic's own .pptx whose masters and layouts the decks use; None for ours."""
    languages: tuple[tuple[str, ...], ...] = (("en",),)
    """The languages to write in: each a file of its own, two in one a bilingual PDF."""


@dataclass(frozen=True)
class Job:
    """One output file, the function that draws it, and everything it is drawn from."""

    name: str
    """Path inside the output folder (``/``-separated), made only from validated ids."""
    render: Callable[[], bytes]
    """Draws the file; called only after all content validated."""
    inputs: tuple[object, ...]
    """Model objects, options and file digests the bytes depend on (hashed by their repr)."""
    scope: str = ""
    """The kind of file this is, such as ``topics:pdf``: a build that makes every file of a
    scope removes the others of it an earlier build wrote (see ``Builder.cover``). Empty for
    files never removed that way, such as a prescription's program."""

    @functools.cached_property
    def key(self) -> str:
        """The digest of the inputs (``job_key``), worked out once."""
        return job_key(self.inputs)


def file_digest(path: Path | None) -> str:
    """Return the SHA-256 of a file's bytes, or ``-`` for no file."""
    if path is None:
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def code_digest() -> str:
    """Digest of this package's version, code and fonts: a new release rebuilds everything."""
    package = Path(__file__).parent.parent  # the handouts package, not build/
    digest = hashlib.sha256(__version__.encode())
    files = [*package.rglob("*.py"), *package.glob("fonts/*.ttf"), *package.rglob("*.po")]
    for path in sorted(files):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class _Renderer:
    """A renderer module imported only when a file is drawn: unchanged builds never pay."""

    def __init__(self, module: str) -> None:
        self.module = module

    def __getattr__(self, name: str) -> Callable[..., bytes]:
        return getattr(importlib.import_module(self.module), name)


def _suffix(options: Options) -> str:
    return ("-large" if options.large_print else "") + ("-a4" if options.paper == "a4" else "")


def topic_scope(fmt: str, options: Options, langs: tuple[str, ...] = ("en",)) -> str:
    """Name the scope of the topic and class files of one format, paper, print and language.

    A large-print, A4 or Spanish build makes other files than a standard one, so it neither
    covers nor removes them.
    """
    from handouts import languages  # Babel: only once a build is planned

    return f"topics:{fmt}{_suffix(options)}{languages.suffix(langs)}"


def covered_scopes(options: Options) -> tuple[str, ...]:
    """Return the scopes of which a build with these options makes every file.

    A build of some topics (``--topic``) covers none: it did not consider the others.
    """
    if options.topics:
        return ()
    return tuple(
        topic_scope(fmt, options, langs)
        for langs in options.languages
        for fmt in options.formats
        if fmt == "pdf" or len(langs) == 1
    )


def jobs(content: Content, options: Options) -> list[Job]:
    """List the files to write for these options, in a stable order.

    A bilingual language pair makes PDFs only: a deck is shown in one language.
    """
    return [
        job
        for langs in options.languages
        for fmt in options.formats
        if fmt == "pdf" or len(langs) == 1
        for job in _jobs(content, options, fmt, langs)
    ]


def _jobs(content: Content, options: Options, fmt: str, langs: tuple[str, ...]) -> list[Job]:
    """List one format's files in one language, or in several back to back (PDFs)."""
    from handouts import languages

    selected = options.topics or tuple(t.id for t in content.topics)
    suffix = _suffix(options) + languages.suffix(langs)
    written = tuple(languages.written_in(content, lang) for lang in langs)
    looks: tuple[object, ...] = (content.branding, file_digest(content.logo))
    if fmt == "pdf":
        # Each key holds the options object its renderer reads, whole, and nothing else.
        paper = PdfOptions(options.paper, options.large_print, langs)
        topic_file, class_file = _pdf_files(written, paper)
        looks += (paper,)
    else:
        # The key holds the options object the deck reads, whole (not the PDF's paper).
        deck = DeckOptions(options.template, file_digest(options.template), langs[0])
        topic_file, class_file = _deck_files(written, deck)
        looks += (deck,)
    scope = topic_scope(fmt, options, langs)
    # The key holds each language's text of a topic: a changed translation draws it again.
    planned = [
        Job(
            f"{topic_id}{suffix}.{fmt}",
            functools.partial(topic_file, topic_id),
            (fmt, tuple(c.topic(topic_id) for c, _ in written), *looks),
            scope,
        )
        for topic_id in selected
    ]
    complete = all(t in {x.id for x in content.topics} for t in content.program.topics)
    if not options.topics and complete:
        texts = tuple((c.program, tuple(c.topic(t) for t in c.program.topics)) for c, _ in written)
        planned.append(
            Job(f"{content.program.id}{suffix}.{fmt}", class_file, (fmt, texts, *looks), scope)
        )
    return planned


_Drawers = tuple[Callable[[str], bytes], Callable[[], bytes]]
"""What draws a topic's file (given its id) and what draws the class's, in one format."""
_Written = tuple[tuple["Content", "Catalogue"], ...]
"""The content and the catalogue of each language of a file, in order."""


def _pdf_files(written: _Written, paper: PdfOptions) -> _Drawers:
    """Return what draws a topic's and the class's PDF, from their outlines in each language."""
    from handouts import outline

    if len(written) == 1:
        ((content, cat),) = written
        pdf = _Renderer(FORMATS["pdf"])
        return (
            lambda topic: pdf.render(
                outline.topic_handout(content.topic(topic), content, cat), paper
            ),
            lambda: pdf.render(outline.class_pack(content.program, content, cat), paper),
        )
    both = _Renderer("handouts.bilingual")
    return (
        lambda topic: both.render(
            [outline.topic_handout(c.topic(topic), c, cat) for c, cat in written], paper
        ),
        lambda: both.render([outline.class_pack(c.program, c, cat) for c, cat in written], paper),
    )


def _deck_files(written: _Written, deck: DeckOptions) -> _Drawers:
    """Return what draws a topic's and the class's deck, from their outlines."""
    from handouts import outline

    ((content, cat),) = written
    renderer = _Renderer(FORMATS["pptx"])
    return (
        lambda topic: renderer.render(
            outline.topic_lesson(content.topic(topic), content, cat), deck
        ),
        lambda: renderer.render(outline.class_lesson(content.program, content, cat), deck),
    )


def job_key(inputs: Iterable[object]) -> str:
    """Return the digest of a file's inputs together with the package's code digest."""
    digest = hashlib.sha256(code_digest().encode())
    for item in inputs:
        digest.update(repr(item).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()
