"""The command line contract: exit codes, one-line messages, --list and --check."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from handouts import build, cli
from handouts.build import files as build_files
from handouts.cli import report as cli_report
from handouts.cli.args import make_parser
from handouts.cli.report import Reporter
from tests.conftest import REPO, edit


def run(*args: str) -> tuple[int, str, str]:
    """Run generate.py as a user would, from the repository root."""
    proc = subprocess.run(
        [sys.executable, "generate.py", *args], cwd=REPO, capture_output=True, text=True
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_list_prints_the_three_shipped_topics() -> None:
    code, out, err = run("--list")
    assert code == 0, err
    assert out.splitlines() == [
        "backward-pedaling          Backward pedaling on an exercise bike",
        "backward-walking           Backward walking",
        "reverse-treadmill-walking  Reverse treadmill walking",
    ]


def test_check_passes_on_shipped_content_and_writes_nothing(tmp_path: Path) -> None:
    code, out, err = run("--check", "--out", str(tmp_path / "out"))
    assert code == 0
    assert out == ""
    assert err == "checked 3 topics, the program and the branding in content: no problems\n"
    assert not (tmp_path / "out").exists()


def test_bad_content_exits_1_with_one_line_per_problem(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(topic, "precautions:", "precuations:")
    edit(topic, "backward: high", "backward: very high")
    assert cli.main(["--check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "content/topics/heel-walk.yaml:17:17: activation.muscles[0].backward: expected one of "
        "low, low to moderate, moderate, moderate to high, high but got text 'very high'; "
        "did you mean 'high'?",
        "content/topics/heel-walk.yaml:42:1: precuations: unknown key 'precuations'; "
        "did you mean 'precautions'?",
        "2 problems in 1 file; nothing was written",
    ]


def test_bad_content_is_never_a_traceback() -> None:
    code, _, err = run("--content", "tests/fixtures/broken", "--check")
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines()[-1] == "1 problem in 1 file; nothing was written"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--paper", "a5"], "argument --paper: invalid choice: 'a5' (choose from 'letter', 'a4')"),
        (
            ["--format", "docx"],
            "argument --format: invalid choice: 'docx' (choose from 'pdf', 'pptx')",
        ),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--check", "--list"], "argument --list: not allowed with argument --check"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert err == f"generate.py: error: {message} (see --help)\n"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--list"],
            "--list cannot be used with --prescription: run --list on its own to see the topics",
        ),
        (
            ["--format", "pptx"],
            "--format cannot be used with --prescription: a program is one PDF of the topics "
            "its prescription names",
        ),
        (
            ["--paper", "a4"],
            "--paper cannot be used with --prescription: paper size and large print are set "
            "per patient, with paper: and large_print: in the prescription or those columns "
            "of the roster",
        ),
        (
            ["--roster", "a.csv", "--roster", "b.csv"],
            "--roster: expected one roster per run but got two; run once for each",
        ),
    ],
)
def test_topic_options_are_refused_with_programs_not_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    argv = ["--content", str(REPO / "content"), "--out", str(tmp_path / "out")]
    argv += ["--prescription", str(REPO / "prescriptions" / "example.yaml"), *extra]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == f"generate.py: error: {message}\n"
    assert not (tmp_path / "out").exists()


def test_unknown_topic_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--content", str(REPO / "content"), "--topic", "moonwalk", "--check"]) == 2
    assert capsys.readouterr().err == (
        "generate.py: error: --topic moonwalk: no such topic; known topics: "
        "backward-pedaling, backward-walking, reverse-treadmill-walking\n"
    )


def test_missing_content_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--content", str(tmp_path / "nope"), "--check"]) == 2
    assert "expected a folder but there is none" in capsys.readouterr().err


def test_out_pointing_at_a_file_is_a_usage_error(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content.parent / "taken").write_text("x")
    assert cli.main(["--out", "taken"]) == 2
    assert capsys.readouterr().err.endswith("--out taken: expected a folder but it is a file\n")


def test_help_lists_every_option() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for option in (
        "--content",
        "--out",
        "--topic",
        "--format",
        "--paper",
        "--large-print",
        "--check",
        "--list",
    ):
        assert option in out


def test_template_without_a_needed_layout_exits_2(tmp_path: Path) -> None:
    from pptx import Presentation

    prs = Presentation()
    prs.slide_layouts.remove(next(lay for lay in prs.slide_layouts if lay.name == "Title Only"))
    prs.save(str(tmp_path / "clinic.pptx"))
    code, _, err = run(
        "--format",
        "pptx",
        "--template",
        str(tmp_path / "clinic.pptx"),
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 2
    assert err.startswith(
        f"generate.py: error: --template {tmp_path / 'clinic.pptx'}: expected a slide layout "
        "for each kind of slide but found none for 'Title Only' (a title and no text "
        "placeholder); its layouts are 'Title Slide', "
    )
    assert not (tmp_path / "out").exists()


def test_full_build_writes_every_file_and_says_so(tmp_path: Path) -> None:
    code, _, err = run("--out", str(tmp_path / "out"))
    assert code == 0, err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [
        ".handouts-state.json",
        "backward-pedaling.pdf",
        "backward-pedaling.pptx",
        "backward-walking.pdf",
        "backward-walking.pptx",
        "retro-training.pdf",
        "retro-training.pptx",
        "reverse-treadmill-walking.pdf",
        "reverse-treadmill-walking.pptx",
    ]
    assert err.splitlines()[-1] == f"built 8 files in {tmp_path / 'out'}"


def test_keep_going_builds_the_valid_topics_and_exits_1(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "topics" / "broken.yaml").write_text("id: broken\ntitle: [oops\n")
    assert cli.main(["--check"]) == 1
    capsys.readouterr()
    assert cli.main(["--keep-going", "--format", "pdf", "--verbose"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "wrote build/heel-walk.pdf"
    assert err[-2].startswith("content/topics/broken.yaml:2:8: YAML syntax error")
    assert err[-1] == "built 2 files in build; 1 file had problems and was skipped"
    assert sorted(p.name for p in (content.parent / "build").iterdir()) == [
        ".handouts-state.json",
        "heel-walk.pdf",
        "test-class.pdf",
    ]


def test_keep_going_says_which_topic_a_program_or_the_class_lost(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topic = shipped / "topics" / "backward-pedaling.yaml"
    topic.write_text(topic.read_text().replace("  duration:", "  durration:", 1))
    assert cli.main(["--keep-going", "--format", "pdf"]) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == (
        "built 2 files in build; 1 file had problems and was skipped, and so was the class "
        "retro-training (it includes backward-pedaling)"
    )
    example = str(REPO / "prescriptions" / "example.yaml")
    assert cli.main(["--keep-going", "--prescription", example]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and err[2] == "2 problems in 2 files; nothing was written"
    assert any(
        line.startswith("content/topics/backward-pedaling.yaml:")
        and "dosage.durration: unknown key 'durration'" in line
        for line in err
    )
    assert any(
        line.endswith(
            "example.yaml:19:12: topics[1].topic: expected a topic without problems but "
            "'backward-pedaling' has problems in its file; fix them first"
        )
        for line in err
    )


def test_an_internal_error_is_one_line_not_a_traceback(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> bytes:
        raise ValueError("boom")

    from handouts import pdf

    monkeypatch.setattr(pdf, "render", broken)
    monkeypatch.delenv("HANDOUTS_DEBUG", raising=False)
    assert cli.main(["--format", "pdf"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("generate.py: internal error: ValueError: boom; nothing was written.")
    assert len(err.splitlines()) == 1
    assert not (content.parent / "build").exists()


def test_out_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("--format", "pdf", "--out", str(blocker / "sub"))
    assert code == 2
    assert (
        err
        == f"generate.py: error: --out {blocker / 'sub'}: cannot write there (Not a directory)\n"
    )


def test_keep_going_with_a_broken_topic_asked_for_shows_its_problems(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "topics" / "broken.yaml").write_text("id: broken\ntitle: [oops\n")
    assert cli.main(["--keep-going", "--topic", "broken"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("content/topics/broken.yaml:2:8: YAML syntax error")
    assert "no such topic" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _args(*argv: str) -> object:
    return make_parser().parse_args(list(argv))


def test_progress_shows_on_a_terminal_only_after_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [100.0]
    monkeypatch.setattr(cli_report.time, "monotonic", lambda: clock[0])
    screen = _Terminal()
    report = Reporter(_args(), screen)
    report.progress(1, 10)
    assert screen.getvalue() == ""  # a quick build stays quiet
    clock[0] += 1.5
    report.progress(2, 10)
    assert screen.getvalue() == "\rdrawing files: 2/10"


@pytest.mark.parametrize("argv", [(), ("--quiet",)])
def test_no_progress_when_not_a_terminal_or_quiet(
    monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    monkeypatch.setattr(cli_report.time, "monotonic", lambda: 1e9)
    stream = io.StringIO() if not argv else _Terminal()
    report = Reporter(_args(*argv), stream)
    report.progress(5, 10)
    assert stream.getvalue() == ""


def test_quiet_prints_nothing_and_verbose_names_unchanged_files(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--format", "pdf", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert cli.main(["--format", "pdf", "--verbose"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "unchanged build/heel-walk.pdf",
        "unchanged build/test-class.pdf",
        "built 0 files in build (2 unchanged)",
    ]


def test_jobs_must_be_a_whole_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--jobs", "0"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "generate.py: error: argument --jobs: expected a whole number from 1 to 64 "
        "but got '0' (see --help)\n"
    )


def _second_topic(content: Path) -> None:
    """Add toe-walk to the minimal content and to its class, as a second topic."""
    heel = (content / "topics" / "heel-walk.yaml").read_text()
    (content / "topics" / "toe-walk.yaml").write_text(heel.replace("id: heel-walk", "id: toe-walk"))
    edit(content / "program.yaml", "  - heel-walk\n", "  - heel-walk\n  - toe-walk\n")


def _withdraw_toe_walk_and_rename_the_class(content: Path) -> None:
    (content / "topics" / "toe-walk.yaml").unlink()
    edit(content / "program.yaml", "  - toe-walk\n", "")
    edit(content / "program.yaml", "id: test-class", "id: test-course")


def _built(content: Path) -> list[str]:
    folder = content.parent / "build"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_full_build_removes_the_files_of_a_withdrawn_topic_and_a_renamed_class(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _second_topic(content)
    assert cli.main([]) == 0
    _withdraw_toe_walk_and_rename_the_class(content)
    capsys.readouterr()
    assert cli.main(["--verbose"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "wrote build/test-course.pdf",
        "wrote build/test-course.pptx",
        "unchanged build/heel-walk.pdf",
        "unchanged build/heel-walk.pptx",
        "removed build/test-class.pdf",
        "removed build/test-class.pptx",
        "removed build/toe-walk.pdf",
        "removed build/toe-walk.pptx",
        "built 2 files in build (2 unchanged); removed 4 files no longer made: "
        "test-class.pdf, test-class.pptx, toe-walk.pdf, toe-walk.pptx",
    ]
    files = [".handouts-state.json", "heel-walk.pdf", "heel-walk.pptx"]
    assert _built(content) == [*files, "test-course.pdf", "test-course.pptx"]
    state = json.loads((content.parent / "build" / build.STATE_FILE).read_text())
    assert sorted(state) == [*files[1:], "test-course.pdf", "test-course.pptx"]


def test_a_filtered_build_removes_only_files_of_the_kind_it_made(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _second_topic(content)
    assert cli.main([]) == 0
    assert cli.main(["--format", "pdf", "--large-print"]) == 0
    _withdraw_toe_walk_and_rename_the_class(content)
    capsys.readouterr()
    before = _built(content)
    assert cli.main(["--topic", "heel-walk"]) == 0  # it did not consider the other topics
    assert capsys.readouterr().err == "built 0 files in build (2 unchanged)\n"
    assert _built(content) == before
    assert cli.main(["--format", "pdf"]) == 0  # every standard PDF, and only those
    assert capsys.readouterr().err == (
        "built 1 file in build (1 unchanged); removed 2 files no longer made: "
        "test-class.pdf, toe-walk.pdf\n"
    )
    assert _built(content) == [
        ".handouts-state.json",
        "heel-walk-large.pdf",
        "heel-walk.pdf",
        "heel-walk.pptx",
        "test-class-large.pdf",
        "test-class.pptx",
        "test-course.pdf",
        "toe-walk-large.pdf",
        "toe-walk.pptx",
    ]


def test_a_file_no_longer_made_but_changed_since_is_kept_and_named_even_when_quiet(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _second_topic(content)
    assert cli.main(["--format", "pdf"]) == 0
    edited = content.parent / "build" / "toe-walk.pdf"
    edited.write_bytes(edited.read_bytes() + b"% the clinic's own note\n")
    _withdraw_toe_walk_and_rename_the_class(content)
    capsys.readouterr()
    assert cli.main(["--format", "pdf", "--quiet"]) == 0
    assert capsys.readouterr().err == (
        "note: kept build/toe-walk.pdf, which this build no longer makes: "
        "it was changed after handouts wrote it\n"
    )
    assert edited.exists() and not (content.parent / "build" / "test-class.pdf").exists()
    assert cli.main(["--format", "pdf"]) == 0  # said once: the file is the clinic's now
    assert capsys.readouterr().err == "built 0 files in build (2 unchanged)\n"


def test_a_build_that_skipped_a_topic_with_problems_keeps_its_files(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _second_topic(content)
    assert cli.main(["--format", "pdf"]) == 0
    with (content / "topics" / "toe-walk.yaml").open("a") as topic:
        topic.write("bogus: 1\n")
    capsys.readouterr()
    assert cli.main(["--format", "pdf", "--keep-going"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "built 0 files in build (1 unchanged); 1 file had problems and was skipped, "
        "and so was the class test-class (it includes toe-walk)"
    )
    assert _built(content) == [
        ".handouts-state.json",
        "heel-walk.pdf",
        "test-class.pdf",
        "toe-walk.pdf",
    ]


def test_the_summary_names_a_few_removed_files_and_verbose_names_them_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    builder = build.Builder(tmp_path)
    builder.removed = [tmp_path / "roster" / f"p{i}.pdf" for i in range(1, 8)]
    summary = Reporter(_args()).done(builder, tmp_path)
    assert summary == (
        f"built 0 files in {tmp_path}; removed 7 files no longer made: "
        "roster/p1.pdf, roster/p2.pdf, roster/p3.pdf, roster/p4.pdf and 3 more"
    )
    assert capsys.readouterr().err == ""
    Reporter(_args("--verbose")).done(builder, tmp_path)
    assert capsys.readouterr().err.splitlines() == [
        f"removed {tmp_path / 'roster' / f'p{i}.pdf'}" for i in range(1, 8)
    ]


@pytest.mark.parametrize(
    ("folder", "option"), [("programs", "--prescription"), ("roster", "--roster")]
)
def test_a_file_in_the_way_of_the_programs_folder_is_named(
    shipped: Path, capsys: pytest.CaptureFixture[str], folder: str, option: str
) -> None:
    out = shipped.parent / "build"
    out.mkdir()
    (out / folder).write_text("x")
    example = (
        REPO / "prescriptions" / ("example.yaml" if folder == "programs" else "example-roster.csv")
    )
    assert cli.main([option, str(example)]) == 2
    assert capsys.readouterr().err == (
        f"generate.py: error: --out build: cannot write there (a file is in the way of the "
        f"folder {folder}/; move or rename it)\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [folder]  # nothing written, no temp file


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--topic", "a\nb\x1b[2J"],
            "generate.py: error: --topic a\\nb\\x1b[2J: no such topic; known topics: "
            "backward-pedaling, backward-walking, reverse-treadmill-walking",
        ),
        (
            ["--content", "no\nsuch"],
            "generate.py: error: --content no\\nsuch: expected a folder but there is none",
        ),
        (
            ["--x\n\x1b[2J"],
            "generate.py: error: unrecognized arguments: --x\\n\\x1b[2J (see --help)",
        ),
        (
            ["--template", "clinic\n.pptx"],
            "generate.py: error: --template clinic\\n.pptx: expected a .pptx file "
            "but there is none",
        ),
    ],
)
def test_a_typed_value_is_echoed_escaped_on_one_line(args: list[str], message: str) -> None:
    # hostile-cases/13-minor a: the raw newline and ESC split the line and cleared the screen.
    code, _, err = run(*args)
    assert code == 2
    assert err == message + "\n"


@pytest.mark.parametrize(
    "mode", [["--format", "pdf"], ["--check"], ["--list"], ["--topic", "backward-walking"]]
)
def test_a_missing_template_is_refused_whatever_is_built(tmp_path: Path, mode: list[str]) -> None:
    # hostile-cases/13-minor g: --format pdf --template nope.pptx exited 0.
    code, out, err = run(*mode, "--template", "nope.pptx", "--out", str(tmp_path / "out"))
    assert (code, out) == (2, "")
    assert (
        err == "generate.py: error: --template nope.pptx: expected a .pptx file but there is none\n"
    )
    assert not (tmp_path / "out").exists()


def test_an_internal_error_with_line_breaks_is_still_one_line(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # reportlab's LayoutError (hostile B1) spans two lines.
    def broken(*args: object) -> bytes:
        raise ValueError("Flowable too large\non page 2")

    from handouts import pdf

    monkeypatch.setattr(pdf, "render", broken)
    monkeypatch.delenv("HANDOUTS_DEBUG", raising=False)
    assert cli.main(["--format", "pdf"]) == 70
    err = capsys.readouterr().err
    assert err.startswith(
        "generate.py: internal error: ValueError: Flowable too large\\non page 2; nothing was "
        "written."
    )
    assert len(err.splitlines()) == 1


# Stop signals, all-or-nothing commits, the environment (hostile review B2, B3, B6, B9).


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _temporary(out: Path) -> list[str]:
    return [p.name for p in out.rglob("*.tmp")]


def _alive(session: int) -> list[int]:
    """Processes still running (zombies aside) in the session a build was started in."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def _as_from_a_terminal() -> None:
    """Give a child the hang-up and Ctrl-C signals at their defaults, as a shell does."""
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_build_and_wait_for_a_temporary_file(folder: Path) -> subprocess.Popen[str]:
    """Start ``generate.py --force`` in its own session; return once it is writing files."""
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "generate.py"), "--force"],
        cwd=folder,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # Started as from a terminal: under nohup, in the background, the runner ignores
        # SIGHUP and SIGINT, and a build rightly keeps an ignored signal ignored.
        preexec_fn=_as_from_a_terminal,
    )
    out = folder / "build"
    while proc.poll() is None and not _temporary(out):
        pass
    assert proc.poll() is None, "the build finished before a temporary file was seen"
    return proc


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@needs_proc
@pytest.mark.parametrize(
    ("signum", "group", "message"),
    [
        (signal.SIGTERM, False, "stopped by SIGTERM; no file was changed"),
        (signal.SIGHUP, False, "stopped by SIGHUP; no file was changed"),
        (signal.SIGTERM, True, "stopped by SIGTERM; no file was changed"),
        (signal.SIGINT, True, "interrupted; no file was changed"),  # Ctrl-C: the whole group
    ],
)
def test_a_stop_signal_mid_build_leaves_the_last_build_and_no_process(
    shipped: Path, signum: int, group: bool, message: str
) -> None:
    assert cli.main(["--quiet"]) == 0
    out = shipped.parent / "build"
    before = _outputs(out)
    edit(shipped / "branding.yaml", "clinic_name: ", "clinic_name: Changed ")  # redraw all
    proc = _start_build_and_wait_for_a_temporary_file(shipped.parent)
    (os.killpg if group else os.kill)(proc.pid, signum)
    _, err = proc.communicate()
    assert (proc.returncode, err) == (128 + signum, f"{message}\n")  # one line, no traceback
    assert _temporary(out) == []
    assert _outputs(out) == before
    assert _alive(proc.pid) == []  # no worker outlived it


@needs_proc
def test_after_a_build_killed_outright_the_workers_die_and_the_next_build_sweeps(
    shipped: Path,
) -> None:
    proc = _start_build_and_wait_for_a_temporary_file(shipped.parent)
    proc.kill()  # SIGKILL, or a power cut: no clean-up is possible
    proc.communicate()
    for _ in range(200):  # the kernel kills the workers as their parent dies
        if not _alive(proc.pid):
            break
        time.sleep(0.01)
    assert _alive(proc.pid) == []
    out = shipped.parent / "build"
    assert _temporary(out)  # left by the killed build...
    assert cli.main(["--quiet"]) == 0
    assert _temporary(out) == []  # ...and removed by the next one


def _roster(folder: Path, rows: int) -> Path:
    """The example roster scaled up to ``rows`` people, each with their own id."""
    header, *examples = (REPO / "prescriptions" / "example-roster.csv").read_text().splitlines()
    lines = [header]
    for number in range(rows):
        row = examples[number % len(examples)].split(",", 1)[1]
        lines.append(f"pt-{1000 + number},{row}")
    path = folder / "class.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _clinicians(out: Path) -> set[str]:
    from pypdf import PdfReader

    found = set()
    for path in (out / "roster").glob("*.pdf"):
        text = PdfReader(path).pages[0].extract_text()
        found |= {name for name in ("Alex Rivera PT", "Sam Lee PT") if name in text}
    return found


@pytest.mark.usefixtures("interruptible")
def test_ctrl_c_during_the_renames_of_a_roster_changes_no_file(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # hostile-cases/06 run-ctrl-c-during-commit.py, on a smaller roster: the same renames.
    roster = _roster(shipped.parent, 12)
    assert cli.main(["--roster", str(roster), "--quiet"]) == 0
    out = shipped.parent / "build"
    before = _outputs(out)
    roster.write_text(roster.read_text().replace("Alex Rivera PT", "Sam Lee PT"))
    real_replace = os.replace
    calls = []

    def replace(source: str, target: str, **kwargs: object) -> None:
        calls.append(target)
        if len(calls) == 6:  # halfway through putting the 13 files in place
            os.kill(os.getpid(), signal.SIGINT)
        real_replace(source, target, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    assert cli.main(["--roster", str(roster)]) == 130
    assert capsys.readouterr().err == "interrupted; no file was changed\n"
    assert _outputs(out) == before
    assert _clinicians(out) == {"Alex Rivera PT"}


def test_a_stop_signal_after_the_build_is_in_place_says_so(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(Reporter, "done", lambda *a: os.kill(os.getpid(), signal.SIGTERM))
    assert cli.main(["--format", "pdf"]) == 143
    assert capsys.readouterr().err == "stopped by SIGTERM; every file was already written\n"
    assert (content.parent / "build" / "heel-walk.pdf").exists()


def test_an_output_that_cannot_be_replaced_changes_no_file(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # hostile-cases/06 run-immutable.sh: on Windows, a PDF open in a viewer does the same.
    assert cli.main(["--quiet"]) == 0
    out = shipped.parent / "build"
    before = _outputs(out)
    if subprocess.run(["chattr", "+i", str(out / "retro-training.pdf")]).returncode != 0:
        pytest.skip("chattr +i is not possible here (needs root and ext4 or similar)")
    try:
        edit(shipped / "branding.yaml", "clinic_name: ", "clinic_name: Changed ")
        assert cli.main([]) == 2
    finally:
        subprocess.run(["chattr", "-i", str(out / "retro-training.pdf")], check=True)
    assert capsys.readouterr().err == (
        "generate.py: error: --out build: cannot replace retro-training.pdf "
        "(Operation not permitted); no file was changed\n"
    )
    assert _outputs(out) == before


def test_a_state_file_that_cannot_be_written_changes_no_program(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # hostile-cases/06 run-state-unwritable.sh: build/ read-only, build/roster/ writable.
    roster = _roster(shipped.parent, 3)
    assert cli.main(["--roster", str(roster), "--quiet"]) == 0
    out = shipped.parent / "build"
    before = _outputs(out)
    roster.write_text(roster.read_text().replace("A. B.", "A. B. changed"))
    real_stage = build_files.stage

    def read_only(folder: Path, name: str, data: object) -> Path:
        if name == build.STATE_FILE:
            raise PermissionError(13, "Permission denied")
        return real_stage(folder, name, data)  # type: ignore[arg-type]

    monkeypatch.setattr(build_files, "stage", read_only)
    assert cli.main(["--roster", str(roster)]) == 2
    assert capsys.readouterr().err == (
        "generate.py: error: --out build: cannot write .handouts-state.json "
        "(Permission denied); no file was changed\n"
    )
    assert _outputs(out) == before


def test_a_programs_folder_that_is_a_link_is_refused(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # hostile-cases/11: a patient's program must never land outside --out.
    (shipped.parent / "build").mkdir()
    (shipped.parent / "elsewhere").mkdir()
    (shipped.parent / "build" / "programs").symlink_to("../elsewhere")
    assert cli.main(["--prescription", str(REPO / "prescriptions" / "example.yaml")]) == 2
    assert capsys.readouterr().err == (
        "generate.py: error: --out build: cannot write there (the folder programs/ is a link "
        "to ../elsewhere; files are written only inside --out, never through a link: make "
        "programs/ a real folder)\n"
    )
    assert list((shipped.parent / "elsewhere").iterdir()) == []


def _as_nobody(folder: Path, *args: str) -> tuple[int, str]:
    """Run generate.py in ``folder`` as an ordinary user, whose permissions are enforced."""
    command = [sys.executable, str(REPO / "generate.py"), *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root, and no setpriv to run as an ordinary user")
        command = ["setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups"]
        command += [sys.executable, str(REPO / "generate.py"), *args]
    proc = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    return proc.returncode, proc.stderr


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder with the shipped content that an ordinary user (nobody) may use."""
    folder = Path(tempfile.mkdtemp(prefix="handouts-"))
    shutil.copytree(REPO / "content", folder / "content")
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o777)
    shutil.rmtree(folder)


def test_a_content_folder_that_cannot_be_searched_is_one_usage_line(open_folder: Path) -> None:
    (open_folder / "content").chmod(0o444)  # listable, not searchable
    code, err = _as_nobody(open_folder, "--check")
    assert (code, err) == (
        2,
        "generate.py: error: --content content: cannot read content/topics (Permission denied)\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "y" * 300], f"--out {'y' * 300}: cannot write there (File name too long)"),
        (
            ["--out", "/".join(["d" * 200] * 25)],
            f"--out {'/'.join(['d' * 200] * 25)}: cannot write there (File name too long)",
        ),
        (["--out", "loop"], "--out loop: cannot write there (Too many levels of symbolic links)"),
        (
            ["--out", "dangling"],
            "--out dangling: cannot write there (it is a link to nowhere, which is not there)",
        ),
        (["--content", "afile"], "--content afile: expected a folder but it is a file"),
        (
            ["--content", "c" * 300],
            f"--content {'c' * 300}: cannot read it (File name too long)",
        ),
        (
            ["--template", "t" * 300 + ".pptx"],
            f"--template {'t' * 300}.pptx: cannot read it (File name too long)",
        ),
    ],
)
def test_environment_problems_are_one_usage_line_not_an_internal_error(
    shipped: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (shipped.parent / "loop").symlink_to("loop")
    (shipped.parent / "dangling").symlink_to("nowhere")
    (shipped.parent / "afile").write_text("x")
    assert cli.main(args) == 2
    assert capsys.readouterr().err == f"generate.py: error: {message}\n"


@pytest.mark.parametrize(
    "environment",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}],
)
def test_list_shows_what_the_terminal_cannot_encode_escaped(
    shipped: Path, environment: dict[str, str]
) -> None:
    edit(
        shipped / "topics" / "backward-walking.yaml",
        "title: Backward walking\n",
        "title: Backward walking café\n",
    )
    proc = subprocess.run(
        [sys.executable, str(REPO / "generate.py"), "--list"],
        cwd=shipped.parent,
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "backward-walking           Backward walking caf\\xe9" in proc.stdout.splitlines()


def test_list_into_a_pipe_closed_early_is_not_an_error(shipped: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # as `generate.py --list | head -0` would
    proc = subprocess.run(
        [sys.executable, str(REPO / "generate.py"), "--list"],
        cwd=shipped.parent,
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(write)
    assert (proc.returncode, proc.stderr) == (0, "")


# -- languages -------------------------------------------------------------------------------


def test_lang_es_builds_spanish_files_beside_the_english_ones(shipped: Path) -> None:
    out = shipped.parent / "build"
    assert cli.main(["--quiet", "--topic", "backward-walking"]) == 0
    english = (out / "backward-walking.pdf").read_bytes()
    assert cli.main(["--quiet", "--lang", "es", "--lang", "en,es"]) == 0
    made = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert made == [
        "backward-pedaling-en-es.pdf",
        "backward-pedaling-es.pdf",
        "backward-pedaling-es.pptx",
        "backward-walking-en-es.pdf",
        "backward-walking-es.pdf",
        "backward-walking-es.pptx",
        "backward-walking.pdf",  # an English build's files: not this build's to remove
        "backward-walking.pptx",
        "retro-training-en-es.pdf",
        "retro-training-es.pdf",
        "retro-training-es.pptx",
        "reverse-treadmill-walking-en-es.pdf",
        "reverse-treadmill-walking-es.pdf",
        "reverse-treadmill-walking-es.pptx",
    ]
    assert (out / "backward-walking.pdf").read_bytes() == english
    import pypdf

    spanish = pypdf.PdfReader(out / "backward-walking-es.pdf")
    assert spanish.trailer["/Root"]["/Lang"] == "es-US"
    assert "¿Es para usted?" in spanish.pages[0].extract_text()


def test_check_lang_es_reports_a_label_missing_from_the_spanish_catalogue(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], shipped: Path
) -> None:
    from handouts import locale

    folder = shipped.parent / "locale"
    shutil.copytree(locale.FOLDER, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    spanish = folder / "es" / "LC_MESSAGES" / "handouts.po"
    edit(spanish, '#. en: Key points\nmsgid "takeaways.heading"\nmsgstr "Puntos clave"\n', "")
    monkeypatch.setattr(locale, "FOLDER", folder)
    locale.catalogue.cache_clear()
    try:
        assert cli.main(["--check"]) == 0  # an English check needs no Spanish
        capsys.readouterr()
        assert cli.main(["--check", "--lang", "es"]) == 1
        assert capsys.readouterr().err.splitlines() == [
            "locale/es/LC_MESSAGES/handouts.po: takeaways.heading: expected a Spanish text "
            "for 'Key points' but there is none",
            "1 problem in 1 file; nothing was written",
        ]
        assert cli.main(["--quiet", "--lang", "es", "--format", "pdf"]) == 1  # nor a build
        assert not (shipped.parent / "build").exists()
    finally:
        locale.catalogue.cache_clear()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--lang", "fr"],
            "generate.py: error: --lang: expected en (English) or es (Spanish), or both "
            "separated by a comma (en,es), but got 'fr'",
        ),
        (
            ["--lang", "es", "--prescription", "prescriptions/example.yaml"],
            "generate.py: error: --lang cannot be used with --prescription: the language is set "
            "per patient, with language: in the prescription or the language column of the roster",
        ),
        (
            ["--lang", "en,es", "--format", "pptx"],
            "generate.py: error: --lang en,es: a deck is in one language; build decks with "
            "--lang en or --lang es",
        ),
    ],
)
def test_a_language_that_cannot_be_built_is_a_usage_error(argv: list[str], message: str) -> None:
    code, out, err = run("--check", *argv)
    assert (code, out, err) == (2, "", message + "\n")


def test_a_package_missing_from_the_environment_is_one_usage_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import handouts.cli as cli_package

    def missing(*_: object) -> int:
        raise ModuleNotFoundError("No module named 'babel'", name="babel")

    monkeypatch.delenv("HANDOUTS_DEBUG", raising=False)
    monkeypatch.setattr(cli_package, "run", missing)
    assert cli_package.main(["--check"]) == 2
    assert capsys.readouterr().err == (
        "generate.py: error: the package babel that handouts needs is not installed; "
        "run: python -m pip install -e .\n"
    )


def test_a_plain_check_reports_a_translation_whose_english_changed() -> None:
    # tests/fixtures/stale is tests/fixtures/translated with one English step reworded.
    code, out, err = run("--check", "--content", "tests/fixtures/stale")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "tests/fixtures/stale/es/topics/heel-walk.yaml:61:7: steps[0].text: translated from an "
        "older English text; update it to the English now there and write 'from: be067502' "
        "('python -m handouts.translations es heel-walk --content tests/fixtures/stale' prints "
        "the file with the English now there beside each text)",
        "1 problem in 1 file; nothing was written",
    ]
    code, _, err = run("--check", "--content", "tests/fixtures/translated")
    assert (code, err) == (
        0,
        "checked 1 topic, the program and the branding in tests/fixtures/translated: no problems\n",
    )


STALE = (
    "tests/fixtures/stale/es/topics/heel-walk.yaml:61:7: steps[0].text: translated from an "
    "older English text; update it to the English now there and write 'from: be067502' "
    "('python -m handouts.translations es heel-walk --content tests/fixtures/stale' prints "
    "the file with the English now there beside each text)"
)


@pytest.mark.parametrize("check", [True, False])
def test_a_spanish_build_or_program_with_a_stale_text_is_refused(
    tmp_path: Path, check: bool
) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text(
        "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week,language\n"
        "pt-1,Ana,2026-11-20,Dr Ruiz,heel-walk,2,3,es\n"
        "pt-2,Bob,2026-11-20,Dr Ruiz,heel-walk,2,3,\n"
    )
    rx = tmp_path / "rx.yaml"
    rx.write_text(
        "patient: {name: Cy}\ndate: 2026-11-20\nclinician: {name: Dr Ruiz}\n"
        "topics:\n  - {topic: heel-walk, minutes: 2, sessions_per_week: 3}\nlanguage: en,es\n"
    )
    out = tmp_path / "out"
    given = ["--check"] if check else []
    for argv in (
        ["--lang", "es"],
        ["--lang", "en,es"],
        ["--roster", str(roster)],
        ["--prescription", str(rx)],
    ):
        code, stdout, err = run(
            *given, "--content", "tests/fixtures/stale", "--out", str(out), *argv
        )
        assert (code, stdout) == (1, ""), argv
        assert err.splitlines() == [STALE, "1 problem in 1 file; nothing was written"], argv
        assert not out.exists()
    # The same with the translation up to date: built, the Spanish row in Spanish.
    if not check:
        code, _, err = run(
            "--quiet",
            "--content",
            "tests/fixtures/translated",
            "--out",
            str(out),
            "--roster",
            str(roster),
        )
        assert (code, err) == (0, ""), err
        import pypdf

        ana = pypdf.PdfReader(out / "roster" / "pt-1.pdf")
        assert ana.trailer["/Root"]["/Lang"] == "es-US"


def test_a_spanish_build_with_a_translation_file_missing_is_refused(shipped: Path) -> None:
    (shipped / "es" / "topics" / "backward-walking.yaml").unlink()
    expected = [
        "content/es/topics/backward-walking.yaml: expected the Spanish translation of "
        "topics/backward-walking.yaml but there is no such file; see 'Translations' in "
        "content/README.md",
        "1 problem in 1 file; nothing was written",
    ]
    for argv in (["--check", "--lang", "es"], ["--lang", "es"], ["--lang", "en,es"]):
        proc = subprocess.run(
            [sys.executable, str(REPO / "generate.py"), "--quiet", *argv],
            cwd=shipped.parent,
            capture_output=True,
            text=True,
        )
        assert (proc.returncode, proc.stderr.splitlines()) == (1, expected), argv
    assert not (shipped.parent / "build").exists()
    proc = subprocess.run(
        [sys.executable, str(REPO / "generate.py"), "--check"],
        cwd=shipped.parent,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr  # English needs no Spanish
