"""Validate everything, then render, then write each file atomically into the output folder."""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handouts.model import Content

FORMATS: dict[str, str] = {"pdf": "PDF handouts", "pptx": "PowerPoint decks"}
"""Every output format the command line accepts, with the words used in messages."""

RENDERERS: dict[str, str] = {"pdf": "handouts.pdf", "pptx": "handouts.deck"}
"""Formats whose renderer exists, mapped to the module that draws them (imported lazily)."""


@dataclass(frozen=True)
class Options:
    """What to build and how, as chosen on the command line."""

    out: Path
    """Output folder; created if missing."""
    formats: tuple[str, ...]
    """Formats to write, each a key of FORMATS that has a renderer."""
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
    """One output file and the function that produces its bytes."""

    name: str
    """File name inside the output folder, made only from validated ids."""
    render: Callable[[], bytes]
    """Draws the file; called only after all content validated."""


def jobs(content: Content, options: Options) -> list[Job]:
    """List the files to write for these options, in a stable order."""
    selected = options.topics or tuple(t.id for t in content.topics)
    suffix = ("-large" if options.large_print else "") + ("-a4" if options.paper == "a4" else "")
    planned: list[Job] = []
    for fmt in options.formats:
        renderer = importlib.import_module(RENDERERS[fmt])
        for topic_id in selected:
            topic = content.topic(topic_id)
            planned.append(
                Job(
                    f"{topic.id}{suffix}.{fmt}",
                    lambda r=renderer, t=topic: r.render_topic(t, content, options),
                )
            )
        complete = all(t in {x.id for x in content.topics} for t in content.program.topics)
        if not options.topics and complete and hasattr(renderer, "render_program"):
            program = content.program
            planned.append(
                Job(
                    f"{program.id}{suffix}.{fmt}",
                    lambda r=renderer, p=program: r.render_program(p, content, options),
                )
            )
    return planned


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stage(folder: Path, name: str, data: bytes) -> Path:
    """Write data under a hidden temporary name in ``folder``; return that name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_all(folder: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    """Write every file or none: stage them all, then rename each into place.

    A full disk, a read-only folder or Ctrl-C while staging leaves the last good build as
    it was and no temporary file behind; renames within one folder do not fail part-way.
    """
    staged: list[tuple[Path, Path]] = []
    blocked = [name for name, _ in files if (folder / name).is_dir()]
    if blocked:  # a rename would fail part-way: refuse before touching anything
        raise IsADirectoryError(21, f"a folder is in the way of {blocked[0]}")
    try:
        for name, data in files:
            staged.append((_stage(folder, name, data), folder / name))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]


def build(content: Content, options: Options) -> list[Path]:
    """Render every planned file, then write them all or none; a render failure writes nothing."""
    rendered = [(job.name, job.render()) for job in jobs(content, options)]
    options.out.mkdir(parents=True, exist_ok=True)
    return write_all(options.out, rendered)
