"""The render options are the cache key: what a renderer reads is exactly what is hashed.

Each test goes through the build's own planning (``build.jobs``, ``programs``) and the
renderers' real entry points, so a renderer handed an options object the key does not
hold, or an options field the key does not see, fails here. The fields are taken from
``dataclasses.fields``: a field added to PdfOptions or DeckOptions is covered at once.
"""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

import pytest

from handouts import build, programs
from handouts.build import Job, job_key
from handouts.model import Content
from handouts.options import DeckOptions, PdfOptions
from handouts.validate import load_content, load_prescription
from tests.conftest import FIXTURES, REPO

OPTIONS = {"pdf": PdfOptions, "pptx": DeckOptions}
TEMPLATE = FIXTURES / "impress-template.pptx"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(REPO / "content")


def _topic_jobs(content: Content, fmt: str) -> list[Job]:
    """Plan every topic and the class in one format, with options other than the defaults."""
    options = build.Options(
        out=Path("unused"),
        formats=(fmt,),
        topics=(),
        paper="a4",
        large_print=True,
        template=TEMPLATE if fmt == "pptx" else None,
    )
    return build.jobs(content, options)


def _program_jobs(content: Content) -> list[Job]:
    prescription = load_prescription(REPO / "prescriptions" / "example.yaml", content)
    return programs.prescription_jobs([prescription], content)


def _held(job: Job, cls: type) -> object:
    """Return the one options object of this class among a job's key inputs."""
    held = [item for item in job.inputs if isinstance(item, cls)]
    assert len(held) == 1, f"{job.name}: expected one {cls.__name__} in the key, got {held}"
    return held[0]


def _read_by_renderer(job: Job, fmt: str, monkeypatch: pytest.MonkeyPatch) -> object:
    """Run the job with its renderer's ``render`` replaced; return the options it was given."""
    module = importlib.import_module(build.FORMATS[fmt])
    given: list[object] = []

    def render(document: object, options: object, *rest: object) -> bytes:
        given.append(options)
        return b""

    monkeypatch.setattr(module, "render", render)
    job.render()
    assert len(given) == 1
    return given[0]


@pytest.mark.parametrize("fmt", sorted(OPTIONS))
def test_each_renderer_reads_the_options_object_its_key_holds(
    fmt: str, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    planned = _topic_jobs(content, fmt)
    assert len(planned) == len(content.topics) + 1  # every topic and the class
    for job in planned:
        assert _read_by_renderer(job, fmt, monkeypatch) is _held(job, OPTIONS[fmt])


def test_a_program_reads_the_options_object_its_key_holds(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    for job in _program_jobs(content):
        assert _read_by_renderer(job, "pdf", monkeypatch) is _held(job, PdfOptions)


class _Changed:
    """A value no option has had: its repr is its own, whatever the field's type."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<changed {self.name}>"


def _fields() -> list[tuple[str, str]]:
    return [(fmt, f.name) for fmt, cls in OPTIONS.items() for f in dataclasses.fields(cls)]


@pytest.mark.parametrize(("fmt", "name"), _fields())
def test_changing_any_option_changes_the_key(fmt: str, name: str, content: Content) -> None:
    planned = _topic_jobs(content, fmt) + (_program_jobs(content) if fmt == "pdf" else [])
    for job in planned:
        held = _held(job, OPTIONS[fmt])
        changed = dataclasses.replace(held, **{name: _Changed(name)})
        inputs = tuple(changed if item is held else item for item in job.inputs)
        assert job_key(inputs) != job.key, f"{job.name}: {name} is not in the key"


def test_the_fields_are_all_found() -> None:
    # Parametrizing over no fields would pass: the known ones must be among them.
    assert {"paper", "large_print", "template", "template_digest"} <= {n for _, n in _fields()}
