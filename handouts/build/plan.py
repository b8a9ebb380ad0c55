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
from handouts.options import DeckOptions, PdfOptions

if TYPE_CHECKING:
    from handouts.model import Content, Program, Topic


FORMATS: dict[str, str] = {"pdf": "handouts.pdf", "pptx": "handouts.deck"}
"""Every output format, mapped to the module that draws it (imported only to draw)."""


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
    for path in sorted([*package.rglob("*.py"), *package.glob("fonts/*.ttf")]):
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


def topic_scope(fmt: str, options: Options) -> str:
    """Name the scope of the topic and class files of one format and paper and print size.

    A large-print or A4 build makes other files than a standard one, so it neither covers
    nor removes them.
    """
    return f"topics:{fmt}{_suffix(options)}"


def covered_scopes(options: Options) -> tuple[str, ...]:
    """Return the scopes of which a build with these options makes every file.

    A build of some topics (``--topic``) covers none: it did not consider the others.
    """
    if options.topics:
        return ()
    return tuple(topic_scope(fmt, options) for fmt in options.formats)


def jobs(content: Content, options: Options) -> list[Job]:
    """List the files to write for these options, in a stable order."""
    selected = options.topics or tuple(t.id for t in content.topics)
    suffix = _suffix(options)
    brand = (content.branding, file_digest(content.logo))
    planned: list[Job] = []
    for fmt in options.formats:
        renderer = _Renderer(FORMATS[fmt])
        # Each key holds the options object its renderer reads, whole, and nothing else.
        paper = PdfOptions(options.paper, options.large_print)
        looks: tuple[object, ...] = (*brand, paper)
        topic_file, class_file = _pdf_files(renderer, content, paper)
        if fmt == "pptx":
            # The key holds the options object the deck reads, whole (not the PDF's paper).
            deck = DeckOptions(options.template, file_digest(options.template))
            looks = (*brand, deck)
            topic_file, class_file = _deck_files(renderer, content, deck)
        scope = topic_scope(fmt, options)
        for topic_id in selected:
            topic = content.topic(topic_id)
            planned.append(
                Job(
                    f"{topic.id}{suffix}.{fmt}",
                    functools.partial(topic_file, topic),
                    (fmt, topic, *looks),
                    scope,
                )
            )
        complete = all(t in {x.id for x in content.topics} for t in content.program.topics)
        if not options.topics and complete:
            program = content.program
            parts = tuple(content.topic(t) for t in program.topics)
            planned.append(
                Job(
                    f"{program.id}{suffix}.{fmt}",
                    functools.partial(class_file, program),
                    (fmt, program, parts, *looks),
                    scope,
                )
            )
    return planned


_Drawers = tuple[Callable[["Topic"], bytes], Callable[["Program"], bytes]]
"""What draws a topic's file and what draws the class's, in one format."""


def _pdf_files(renderer: _Renderer, content: Content, paper: PdfOptions) -> _Drawers:
    """Return what draws a topic's and the class's PDF, from their outlines."""
    from handouts import outline

    return (
        lambda topic: renderer.render(outline.topic_handout(topic, content), paper),
        lambda program: renderer.render(outline.class_pack(program, content), paper),
    )


def _deck_files(renderer: _Renderer, content: Content, deck: DeckOptions) -> _Drawers:
    """Return what draws a topic's and the class's deck, from their outlines."""
    from handouts import outline

    return (
        lambda topic: renderer.render(outline.topic_lesson(topic, content), deck),
        lambda program: renderer.render(outline.class_lesson(program, content), deck),
    )


def job_key(inputs: Iterable[object]) -> str:
    """Return the digest of a file's inputs together with the package's code digest."""
    digest = hashlib.sha256(code_digest().encode())
    for item in inputs:
        digest.update(repr(item).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()
