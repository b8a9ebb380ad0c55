"""Writing output: all files or none, nothing temporary left behind, normal permissions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts import build


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    written = build.write_all(tmp_path, [("a.pdf", b"A"), ("b.pdf", b"B")])
    assert [p.name for p in written] == ["a.pdf", "b.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"A"
    assert oct((tmp_path / "a.pdf").stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failure_while_writing_keeps_the_last_good_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build.write_all(tmp_path, [("a.pdf", b"old A"), ("b.pdf", b"old B")])
    real_stage = build._stage
    calls = []

    def full_disk(folder: Path, name: str, data: bytes) -> Path:
        calls.append(name)
        if name == "b.pdf":
            raise OSError(28, "No space left on device")
        return real_stage(folder, name, data)

    monkeypatch.setattr(build, "_stage", full_disk)
    with pytest.raises(OSError):
        build.write_all(tmp_path, [("a.pdf", b"new A"), ("b.pdf", b"new B")])
    assert calls == ["a.pdf", "b.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"old A"  # not half a new build
    assert (tmp_path / "b.pdf").read_bytes() == b"old B"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]  # no temp files


def test_ctrl_c_while_writing_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.write_all(tmp_path, [("a.pdf", b"A")])
    assert list(tmp_path.iterdir()) == []
