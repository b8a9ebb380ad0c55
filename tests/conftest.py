"""Shared fixtures: a copy of a small valid content tree that a test may break."""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def _writable_copy(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "content"
    shutil.copytree(source, target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of tests/fixtures/minimal; the working directory is its parent."""
    return _writable_copy(FIXTURES / "minimal", tmp_path, monkeypatch)


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the shipped content; the working directory is its parent."""
    return _writable_copy(REPO / "content", tmp_path, monkeypatch)


def problems_of(content: Path) -> list[str]:
    """Load a content folder that must fail; return its problem lines."""
    from handouts.errors import ContentError
    from handouts.validate import load_content

    with pytest.raises(ContentError) as caught:
        load_content(content)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a fixture file, failing if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def lenient_reading(content: Path) -> None:
    """Hold a content folder to the loosest reading level a clinic may set (grade 12, SMOG 14).

    For tests of layout whose text is made to be long, not to be read (``WWWWWWW ...``).
    """
    branding = content / "branding.yaml"
    old = branding.read_text(encoding="utf-8") if branding.exists() else ""
    branding.write_text(old + "reading_level:\n  grade: 12\n  smog: 14\n", encoding="utf-8")


@pytest.fixture
def interruptible() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt here, as from a terminal.

    A runner started in the background (``nohup ... &``) ignores SIGINT, and the build
    rightly keeps an ignored signal ignored: these tests would then wait for nothing.
    """
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)
