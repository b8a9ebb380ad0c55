"""Writing output: all files or none, unchanged files skipped, the same bytes in parallel."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from handouts import build
from handouts.build import Builder, Job
from handouts.validate import load_content


def _jobs(texts: dict[str, str], calls: list[str] | None = None) -> list[Job]:
    def render(name: str, text: str) -> Callable[[], bytes]:
        def draw() -> bytes:
            if calls is not None:
                calls.append(name)
            return text.encode()

        return draw

    return [Job(name, render(name, text), (text,)) for name, text in texts.items()]


def _build(out: Path, planned: list[Job], **options: object) -> Builder:
    with Builder(out, **options) as builder:  # type: ignore[arg-type]
        builder.run(planned)
        builder.commit()
    return builder


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_every_file_is_written_with_normal_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    builder = _build(out, _jobs({"a.pdf": "A", "sub/b.pdf": "B"}))
    assert [p.relative_to(out).as_posix() for p in builder.written] == ["a.pdf", "sub/b.pdf"]
    assert (out / "sub" / "b.pdf").read_bytes() == b"B"
    assert oct((out / "a.pdf").stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert _files(out) == [".handouts-state.json", "a.pdf", "sub/b.pdf"]


def test_a_failure_while_writing_keeps_the_last_good_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(tmp_path, _jobs({"a.pdf": "old A", "b.pdf": "old B"}))
    before = (tmp_path / build.STATE_FILE).read_bytes()
    real_stage = build._stage

    def full_disk(folder: Path, name: str, data: bytes) -> Path:
        if name == "b.pdf":
            raise OSError(28, "No space left on device")
        return real_stage(folder, name, data)

    monkeypatch.setattr(build, "_stage", full_disk)
    with pytest.raises(OSError):
        _build(tmp_path, _jobs({"a.pdf": "new A", "b.pdf": "new B"}))
    assert (tmp_path / "a.pdf").read_bytes() == b"old A"  # not half a new build
    assert (tmp_path / "b.pdf").read_bytes() == b"old B"
    assert (tmp_path / build.STATE_FILE).read_bytes() == before
    assert _files(tmp_path) == [".handouts-state.json", "a.pdf", "b.pdf"]  # no temp files


def test_ctrl_c_while_writing_leaves_nothing_not_even_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _build(tmp_path / "out", _jobs({"a/b.pdf": "A"}))
    assert list(tmp_path.iterdir()) == []


def test_a_folder_in_the_way_changes_nothing(tmp_path: Path) -> None:
    _build(tmp_path, _jobs({"a.pdf": "old"}))
    (tmp_path / "b.pdf").mkdir()
    with pytest.raises(IsADirectoryError):
        _build(tmp_path, _jobs({"a.pdf": "new", "b.pdf": "new"}))
    assert (tmp_path / "a.pdf").read_bytes() == b"old"


def test_a_folder_where_a_late_file_or_the_state_goes_changes_nothing(tmp_path: Path) -> None:
    _build(tmp_path, _jobs({"a.pdf": "old"}))
    (tmp_path / "merged.pdf").mkdir()
    in_the_way = pytest.raises(IsADirectoryError, match=r"in the way of merged\.pdf")
    with in_the_way, Builder(tmp_path) as builder:  # as programs.run_and_merge plans it
        builder.run(_jobs({"a.pdf": "new"}))
        builder.keep_if_current("merged.pdf", "k")
    assert (tmp_path / "a.pdf").read_bytes() == b"old"
    assert _files(tmp_path) == [".handouts-state.json", "a.pdf"]  # no temp file left
    (tmp_path / "merged.pdf").rmdir()
    (tmp_path / build.STATE_FILE).unlink()
    (tmp_path / build.STATE_FILE).mkdir()
    with pytest.raises(IsADirectoryError, match=r"in the way of \.handouts-state\.json"):
        _build(tmp_path, _jobs({"a.pdf": "new"}))
    assert (tmp_path / "a.pdf").read_bytes() == b"old"


def test_a_rename_failing_while_committing_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def failing(source: str, target: Path) -> None:
        if Path(target).name == "b.pdf":
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(build.os, "replace", failing)
    with pytest.raises(OSError):
        _build(tmp_path, _jobs({"a.pdf": "A", "b.pdf": "B"}))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unchanged_inputs_are_not_drawn_again(tmp_path: Path) -> None:
    calls: list[str] = []
    _build(tmp_path, _jobs({"a.pdf": "A", "b.pdf": "B"}, calls))
    assert calls == ["a.pdf", "b.pdf"]
    calls.clear()
    second = _build(tmp_path, _jobs({"a.pdf": "A", "b.pdf": "B"}, calls))
    assert calls == []
    assert second.written == []
    assert [p.name for p in second.unchanged] == ["a.pdf", "b.pdf"]


def test_a_changed_input_draws_that_file_again(tmp_path: Path) -> None:
    calls: list[str] = []
    _build(tmp_path, _jobs({"a.pdf": "A", "b.pdf": "B"}, calls))
    calls.clear()
    builder = _build(tmp_path, _jobs({"a.pdf": "A", "b.pdf": "B2"}, calls))
    assert calls == ["b.pdf"]
    assert (tmp_path / "b.pdf").read_bytes() == b"B2"
    assert [p.name for p in builder.unchanged] == ["a.pdf"]


def test_a_new_version_of_the_code_draws_everything_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    _build(tmp_path, _jobs({"a.pdf": "A"}, calls))
    monkeypatch.setattr(build, "code_digest", lambda: "another release")
    _build(tmp_path, _jobs({"a.pdf": "A"}, calls))
    assert calls == ["a.pdf", "a.pdf"]


@pytest.mark.parametrize("tamper", ["delete", "edit", "state"])
def test_a_file_touched_since_is_drawn_again(tmp_path: Path, tamper: str) -> None:
    calls: list[str] = []
    _build(tmp_path, _jobs({"a.pdf": "A"}, calls))
    if tamper == "delete":
        (tmp_path / "a.pdf").unlink()
    elif tamper == "edit":
        (tmp_path / "a.pdf").write_bytes(b"someone else's")
    else:
        (tmp_path / build.STATE_FILE).write_text("{not json")
    _build(tmp_path, _jobs({"a.pdf": "A"}, calls))
    assert calls == ["a.pdf", "a.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"A"


def test_force_draws_everything_again(tmp_path: Path) -> None:
    calls: list[str] = []
    _build(tmp_path, _jobs({"a.pdf": "A"}, calls))
    _build(tmp_path, _jobs({"a.pdf": "A"}, calls), force=True)
    assert calls == ["a.pdf", "a.pdf"]


def test_the_state_file_records_each_file(tmp_path: Path) -> None:
    _build(tmp_path, _jobs({"a.pdf": "A"}))
    state = json.loads((tmp_path / build.STATE_FILE).read_text())
    assert set(state) == {"a.pdf"}
    assert state["a.pdf"]["size"] == 1


def test_workers_write_the_same_files_as_one_process(tmp_path: Path) -> None:
    content = load_content(Path(__file__).parent / "fixtures" / "minimal")
    options = build.Options(out=tmp_path, formats=("pdf", "pptx"), topics=())
    planned = build.jobs(content, options)
    planned += [Job(f"copy{i}-{j.name}", j.render, j.inputs) for i, j in enumerate(planned)]
    assert len(planned) >= build.PARALLEL_MIN
    one = _build(tmp_path / "one", planned, workers=1)
    two = _build(tmp_path / "two", planned, workers=2)
    assert [p.name for p in one.written] == [p.name for p in two.written]
    for path in one.written:
        assert (tmp_path / "two" / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_failure_in_a_worker_writes_nothing(tmp_path: Path) -> None:
    def broken() -> bytes:
        raise ValueError("boom")

    _build(tmp_path, _jobs({"keep.pdf": "old"}))
    planned = [*_jobs({f"{i}.pdf": str(i) for i in range(6)}), Job("bad.pdf", broken, ())]
    with pytest.raises(ValueError, match="boom"):
        _build(tmp_path, planned, workers=2)
    assert _files(tmp_path) == [".handouts-state.json", "keep.pdf"]


def test_a_file_in_the_way_of_a_folder_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    _build(tmp_path, _jobs({"a.pdf": "old"}))
    (tmp_path / "programs").write_text("someone's notes")
    with pytest.raises(NotADirectoryError) as caught:
        _build(tmp_path, _jobs({"a.pdf": "new", "programs/sub/b.pdf": "B"}))
    assert (
        caught.value.strerror == "a file is in the way of the folder programs/; move or rename it"
    )
    assert (tmp_path / "a.pdf").read_bytes() == b"old"
    assert (tmp_path / "programs").read_text() == "someone's notes"
    assert _files(tmp_path) == [".handouts-state.json", "a.pdf", "programs"]  # no temp file


def test_the_size_and_time_recorded_are_of_our_file_not_one_put_there_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another build writing the same folder replaces a.pdf just after our rename: its file
    # must not be recorded as ours, or it would be taken as current (and never redrawn).
    real_replace = os.replace

    def then_another_build(source: str, target: Path) -> None:
        real_replace(source, target)
        if Path(target).name == "a.pdf":
            Path(target).write_bytes(b"another build's longer bytes")

    monkeypatch.setattr(build.os, "replace", then_another_build)
    _build(tmp_path, _jobs({"a.pdf": "A"}))
    monkeypatch.setattr(build.os, "replace", real_replace)
    assert json.loads((tmp_path / build.STATE_FILE).read_text())["a.pdf"]["size"] == 1
    calls: list[str] = []
    _build(tmp_path, _jobs({"a.pdf": "A"}, calls))
    assert calls == ["a.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"A"
