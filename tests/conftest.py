"""Shared fixtures: a copy of a small valid content tree that a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of tests/fixtures/minimal; the working directory is its parent."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    monkeypatch.chdir(tmp_path)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a fixture file, failing if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
