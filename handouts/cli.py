"""The command line: ``python generate.py [options]``.

Exit status: 0 success, 1 the content has problems, 2 a usage error (or a problem with the
files and folders around: permissions, a full disk), 128 plus the signal's number when
stopped (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). Messages for people go to stderr, one line
each; ``--list`` prints its table to stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR
from typing import TYPE_CHECKING, NoReturn, TextIO

from handouts import __version__, interrupts
from handouts.build import (
    FORMATS,
    RENDERERS,
    Builder,
    CommitError,
    Options,
    covered_scopes,
    default_workers,
    jobs,
)
from handouts.errors import ContentError, Problem, UsageError, one_line

if TYPE_CHECKING:
    from handouts.model import Content
    from handouts.roster import Row

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, not the user's input
SUMMARY_NAMES = 5
"""At most this many removed files are named in the summary; --verbose names every one."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print one line naming the problem and where to look, then exit 2."""
        # The message may quote what was typed: a line break or an escape sequence in it
        # would split the line or take over the terminal.
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)} (see --help)\n")


def _folder(value: str) -> Path:
    """Refuse an empty folder name, which would write into the current folder unasked."""
    if not value.strip():
        raise argparse.ArgumentTypeError("expected a folder name, such as build")
    return Path(value)


def _jobs(value: str) -> int:
    """Accept a whole number of worker processes from 1 to 64."""
    if not value.isdigit() or not 1 <= int(value) <= 64:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 64 but got {value!r}")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="generate.py",
        description="Build printable PDF handouts and PowerPoint class decks "
        "from the curated exercise content.",
        epilog="Exit status: 0 success, 1 the content has problems, 2 a usage error or a "
        "folder that cannot be read or written, 128+N stopped by signal N (130 Ctrl-C), "
        "70 an internal error (a bug).",
    )
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="folder with topics/, program.yaml and branding.yaml (default: content)",
    )
    parser.add_argument(
        "--out",
        type=_folder,
        default=Path("build"),
        metavar="DIR",
        help="folder to write into (default: build)",
    )
    parser.add_argument(
        "--topic",
        action="append",
        default=[],
        metavar="ID",
        help="build only this topic; repeat for more (default: every topic and the class)",
    )
    parser.add_argument(
        "--format",
        action="append",
        choices=sorted(FORMATS),
        default=[],
        help="output format; repeat for both (default: both)",
    )
    parser.add_argument(
        "--paper",
        choices=("letter", "a4"),
        default="letter",
        help="PDF paper size (default: letter)",
    )
    parser.add_argument(
        "--large-print", action="store_true", help="larger type for readers with low vision"
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="FILE.pptx",
        help="a clinic's PowerPoint template for the decks (needs layouts named "
        "'Title Slide', 'Title and Content', 'Section Header' and 'Title Only')",
    )
    parser.add_argument(
        "--prescription",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="write a patient's personalised program from a prescription file "
        "(see prescriptions/README.md); repeat for more",
    )
    parser.add_argument(
        "--roster",
        action="append",
        default=[],
        type=Path,
        metavar="FILE.csv",
        help="write a personalised program for every row of a roster, and one merged PDF",
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="build every valid topic even when others have problems (exit status 1)",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="draw with N worker processes (default: one per core; small builds use one)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="draw every file again, even those whose content, branding, template, fonts "
        "and options have not changed since the last build",
    )
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument(
        "--quiet", action="store_true", help="print only problems and errors, no summary"
    )
    talk.add_argument(
        "--verbose", action="store_true", help="name every file written, left unchanged or removed"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="validate the content, write nothing")
    mode.add_argument("--list", action="store_true", help="print topic ids and titles")
    parser.add_argument("--version", action="version", version=f"handouts {__version__}")
    return parser


def _say(message: str) -> None:
    print(message, file=sys.stderr)


class _Reporter:
    """Tells the user how a build goes: a live count on a terminal, then what was written.

    The count appears only on a terminal and only once a build has run for a second, so
    quick builds and logs stay clean.
    """

    def __init__(self, args: argparse.Namespace, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet: bool = args.quiet
        self.verbose: bool = args.verbose
        self.live = not self.quiet and self.stream.isatty()
        self.started = time.monotonic()
        self.showing = False

    def progress(self, done: int, total: int) -> None:
        """Show ``done/total`` in place, after the first second."""
        if self.live and (self.showing or time.monotonic() - self.started >= 1.0):
            self.stream.write(f"\rdrawing files: {done}/{total}")
            self.stream.flush()
            self.showing = True

    def done(self, builder: Builder, folder: Path) -> str:
        """Clear the count, list files when verbose; return the summary line.

        Files no longer made but kept (changed since, or not removable) are named even
        when quiet: stale patient material left in the folder must never go unsaid.
        """
        from handouts.load import display_path

        if self.showing:
            self.stream.write("\r\033[K")
            self.showing = False
        if self.verbose:
            for path in builder.written:
                _say(f"wrote {display_path(path)}")
            for path in builder.unchanged:
                _say(f"unchanged {display_path(path)}")
            for path in builder.removed:
                _say(f"removed {display_path(path)}")
        for path, reason in builder.kept:
            _say(f"note: kept {display_path(path)}, which this build no longer makes: {reason}")
        summary = f"built {_plural(len(builder.written), 'file')} in {display_path(folder)}"
        if builder.unchanged:
            summary += f" ({len(builder.unchanged)} unchanged)"
        if builder.removed:
            names = [one_line(path.relative_to(folder).as_posix()) for path in builder.removed]
            listed = ", ".join(names)
            if len(names) > SUMMARY_NAMES:  # a renumbered roster may drop hundreds
                more = len(names) - SUMMARY_NAMES + 1
                listed = f"{', '.join(names[: SUMMARY_NAMES - 1])} and {more} more"
            summary += f"; removed {_plural(len(names), 'file')} no longer made: {listed}"
        return summary

    def say(self, message: str) -> None:
        """Print a line unless quiet."""
        if not self.quiet:
            _say(message)


def _was(count: int) -> str:
    return "was" if count == 1 else "were"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _formats(requested: list[str]) -> tuple[str, ...]:
    """Resolve --format: explicit formats must have a renderer; the default takes what exists."""
    if requested:
        missing = [f for f in dict.fromkeys(requested) if f not in RENDERERS]
        if missing:
            names = " and ".join(FORMATS[f] for f in missing)
            raise UsageError(f"{names} are not available yet in this version")
        return tuple(dict.fromkeys(requested))
    return tuple(f for f in FORMATS if f in RENDERERS)


@dataclass
class _Session:
    """What the message for a stop signal must know: whether the build was in place."""

    builder: Builder | None = None
    """The build's ``Builder`` once one is made."""

    @property
    def committed(self) -> bool:
        """Whether every file of the build was already put in place."""
        return self.builder is not None and self.builder.committed


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    session = _Session()
    try:
        # SIGTERM (kill, systemd, docker, CI timeouts) and SIGHUP (the terminal closed) stop
        # a build as Ctrl-C does: every temporary file removed, no file half replaced.
        with interrupts.stopping():
            return _answer(argv, session)
    except KeyboardInterrupt as exc:  # Ctrl-C or another stop, even while answering
        return _stopped(exc, session)


def _answer(argv: list[str] | None, session: _Session) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _run(args, session)
    except UsageError as exc:
        _say(f"{parser.prog}: error: {one_line(str(exc))}")  # it may quote a typed value
        return EXIT_USAGE
    except ContentError as exc:
        for problem in exc.problems:
            _say(str(problem))
        files = len({p.file for p in exc.problems})
        count = len(exc.problems)
        _say(f"{_plural(count, 'problem')} in {_plural(files, 'file')}; nothing was written")
        return EXIT_CONTENT
    except OSError as exc:  # the files and folders around, not our code: say which and why
        from handouts.load import display_path

        where = f"{display_path(Path(exc.filename))}: " if exc.filename else ""
        _say(f"{parser.prog}: error: {where}{exc.strerror or exc}; no file was changed")
        return EXIT_USAGE
    except Exception as exc:  # a bug in a renderer, never the user's content
        if os.environ.get("HANDOUTS_DEBUG"):
            raise
        _say(
            f"{parser.prog}: internal error: {type(exc).__name__}: {one_line(str(exc))}; "
            "nothing was written. "
            "This is a bug in handouts: please report it with the command you ran "
            "(HANDOUTS_DEBUG=1 shows the details)"
        )
        return EXIT_INTERNAL


def _stopped(stop: KeyboardInterrupt, session: _Session) -> int:
    """Say that a stop signal ended the run, and what it left; return 128 + its number."""
    signum = interrupts.signal_number(stop)
    name = interrupts.signal_name(signum)
    what = "interrupted" if signum == signal.SIGINT else f"stopped by {name}"
    left = "every file was already written" if session.committed else "no file was changed"
    with contextlib.suppress(KeyboardInterrupt, OSError):  # stopped again, terminal gone
        _say(f"{what}; {left}")
    return 128 + signum


def _run(args: argparse.Namespace, session: _Session) -> int:
    # Imported here, not at the top: --help and --version answer without loading them.
    from handouts.load import display_path
    from handouts.validate import load_content, load_content_keep_going

    content_dir: Path = args.content
    _content_folder(content_dir)
    try:
        if args.keep_going:
            content, skipped = load_content_keep_going(content_dir)
        else:
            content, skipped = load_content(content_dir), []
    except OSError as exc:  # a folder in it cannot be searched (a file is reported as such)
        what = display_path(Path(exc.filename)) if exc.filename else "it"
        raise UsageError(f"--content {content_dir}: cannot read {what} ({exc.strerror})") from exc
    known = [t.id for t in content.topics]
    unknown = [t for t in args.topic if t not in known]
    broken = [t for t in unknown if any(Path(p.file).stem == t for p in skipped)]
    if broken:
        raise ContentError(skipped)  # the topic asked for is one with problems: show them
    if unknown:
        raise UsageError(f"--topic {unknown[0]}: no such topic; known topics: {', '.join(known)}")

    if args.prescription or args.roster:
        _refuse_topic_options(args)
        return _programs(args, content, skipped, session)
    if args.template is not None:
        # Checked whatever is built, listed or checked: naming a file that is not a usable
        # template is a mistake to say, not an option to ignore.
        from handouts.deck import TemplateProblem, check_template  # imports python-pptx

        try:
            check_template(args.template)
        except TemplateProblem as exc:
            raise UsageError(f"--template {args.template}: {exc}") from exc
        except OSError as exc:
            raise UsageError(
                f"--template {args.template}: cannot read it ({exc.strerror})"
            ) from exc
    if args.list:
        return _list(content)
    if args.check:
        if skipped:
            raise ContentError(skipped)
        _say(
            f"checked {_plural(len(content.topics), 'topic')}, the program and the branding "
            f"in {display_path(content_dir)}: no problems"
        )
        return EXIT_OK

    formats = _formats(args.format)
    for fmt in FORMATS:
        if fmt not in RENDERERS and not args.format:
            _say(f"note: {FORMATS[fmt]} are not available yet; skipping them")
    if not formats:
        _say("nothing to build yet: the content is valid")
        return EXIT_OK
    out: Path = args.out
    _output_folder(out)
    options = Options(
        out=out,
        formats=formats,
        topics=tuple(dict.fromkeys(args.topic)),
        paper=args.paper,
        large_print=args.large_print,
        template=args.template,
    )
    report = _Reporter(args)
    builder = _builder(args, report, session)
    try:
        with builder:
            builder.run(jobs(content, options))
            if not skipped:  # a topic left out is not "no longer made": keep its files
                for scope in covered_scopes(options):
                    builder.cover(scope)
            builder.commit()
    except OSError as exc:
        raise UsageError(_cannot_write(out, exc)) from exc
    summary = report.done(builder, out)
    if skipped:
        for problem in skipped:
            _say(str(problem))
        files = len({p.file for p in skipped})
        message = f"{summary}; {_plural(files, 'file')} had problems and {_was(files)} skipped"
        missing = [t for t in content.program.topics if t in content.left_out]
        if not options.topics and missing:
            message += (
                f", and so was the class {content.program.id} (it includes {', '.join(missing)})"
            )
        _say(message)
        return EXIT_CONTENT
    report.say(summary)
    return EXIT_OK


def _refuse_topic_options(args: argparse.Namespace) -> None:
    """Refuse options that choose topic files when programs are built, never ignore them."""
    given = "--roster" if args.roster else "--prescription"
    if len(args.roster) > 1:
        raise UsageError("--roster: expected one roster per run but got two; run once for each")
    pdf_only = "a program is one PDF of the topics its prescription names"
    per_patient = (
        "paper size and large print are set per patient, with paper: and large_print: "
        "in the prescription or those columns of the roster"
    )
    chosen = [
        ("--list", args.list, "run --list on its own to see the topics"),
        ("--topic", args.topic, pdf_only),
        ("--format", args.format, pdf_only),
        ("--template", args.template is not None, pdf_only),
        ("--paper", args.paper != "letter", per_patient),
        ("--large-print", args.large_print, per_patient),
    ]
    for option, used, advice in chosen:
        if used:
            raise UsageError(f"{option} cannot be used with {given}: {advice}")


def _builder(args: argparse.Namespace, report: _Reporter, session: _Session) -> Builder:
    builder = Builder(args.out, args.jobs or default_workers(), args.force, report.progress)
    session.builder = builder
    return builder


def _content_folder(folder: Path) -> None:
    """Refuse a --content that is missing, a file, or cannot be looked at, in one line."""
    try:
        found = folder.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError(f"--content {folder}: expected a folder but there is none") from None
    except OSError as exc:  # a name too long, a folder on the way that cannot be searched
        raise UsageError(f"--content {folder}: cannot read it ({exc.strerror})") from exc
    if not S_ISDIR(found.st_mode):
        raise UsageError(f"--content {folder}: expected a folder but it is a file")


def _output_folder(out: Path) -> None:
    """Refuse an --out that is a file or cannot be written to, before anything is drawn."""
    try:
        found = out.stat()
    except FileNotFoundError:
        if out.is_symlink():  # made when the first file is staged, unless a link is there
            where = os.readlink(out)
            raise UsageError(
                f"--out {out}: cannot write there (it is a link to {where}, which is not there)"
            ) from None
        return
    except OSError as exc:  # a name too long, a link loop, a folder that cannot be searched
        raise UsageError(f"--out {out}: cannot write there ({exc.strerror})") from exc
    if not S_ISDIR(found.st_mode):
        raise UsageError(f"--out {out}: expected a folder but it is a file")


def _cannot_write(out: Path, error: OSError) -> str:
    """Say why the build could not be written: which file, when committing had begun."""
    if isinstance(error, CommitError):
        return f"--out {out}: {error}"
    return f"--out {out}: cannot write there ({error.strerror or error})"


def _list(content: Content) -> int:
    """Print each topic's id and title, as far as the terminal's encoding can show them."""
    stream = sys.stdout
    if stream is None:  # no standard output at all
        return EXIT_OK
    encoding = getattr(stream, "encoding", None) or "utf-8"
    width = max(len(t.id) for t in content.topics)
    try:
        for topic in content.topics:
            line = f"{topic.id:<{width}}  {topic.title}"
            # An ASCII or Latin-1 terminal shows "caf\xe9" rather than stopping the list.
            print(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))
        stream.flush()
    except BrokenPipeError:  # the reader stopped reading (``--list | head -1``): fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # nothing more to say: not even when exiting
    return EXIT_OK


def _not_drawn(roster: Path, row: Row, why: str) -> Problem:
    """Report a roster row whose program could not be drawn: a bug of ours, not the row's."""
    from handouts.load import display_path

    return Problem(
        display_path(roster),
        row.number,
        1,
        "",
        f"the program for this row could not be drawn: {why}; this is a bug in handouts, "
        "please report it (HANDOUTS_DEBUG=1 shows the details)",
    )


def _programs(
    args: argparse.Namespace, content: Content, skipped: list[Problem], session: _Session
) -> int:
    """Build personalised programs from prescription files and a roster.

    A bad prescription file stops everything, like bad content; a roster's bad rows are
    reported and skipped, and the good rows are built (exit status 1 says some were not).
    ``skipped`` are the problems of topics ``--keep-going`` left out: shown first, since a
    program naming one of those topics is refused because of them.
    """
    from handouts import programs  # imports reportlab: only when programs are built
    from handouts.roster import read_roster
    from handouts.validate import load_prescription

    prescriptions = []
    problems: list[Problem] = []
    for path in args.prescription:
        try:
            prescriptions.append(load_prescription(path, content))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(skipped + problems)
    seen: dict[str, Path] = {}
    for path, prescription in zip(args.prescription, prescriptions, strict=True):
        if prescription.slug in seen:
            raise UsageError(
                f"--prescription {path}: names the same patient file ({prescription.slug}.pdf) "
                f"as --prescription {seen[prescription.slug]}; give each patient its own id"
            )
        seen[prescription.slug] = path
    rows: list[Row] = []
    roster: Path | None = args.roster[0] if args.roster else None
    if roster is not None:
        rows, problems = read_roster(roster, content)
        if problems and not rows:
            raise ContentError(skipped + problems)
    if args.check:
        for problem in skipped + problems:
            _say(str(problem))
        _say(f"checked {_plural(len(prescriptions) + len(rows), 'valid program')}")
        return EXIT_CONTENT if skipped or problems else EXIT_OK
    _output_folder(args.out)
    report = _Reporter(args)
    builder = _builder(args, report, session)
    try:
        with builder:
            builder.run(programs.prescription_jobs(prescriptions, content))
            if roster is not None:
                planned, merged = programs.roster_jobs(rows, content, roster.stem)
                failures = programs.run_and_merge(builder, planned, merged)
                problems = problems + [_not_drawn(roster, rows[i], why) for i, why in failures]
                if failures and len(failures) == len(planned):  # nothing to merge
                    raise ContentError(skipped + problems)
                if not problems:  # a skipped row's file is not "no longer made": keep it
                    builder.cover(programs.roster_scope(merged))
            builder.commit()
    except OSError as exc:
        raise UsageError(_cannot_write(args.out, exc)) from exc
    summary = report.done(builder, args.out)
    for problem in skipped + problems:
        _say(str(problem))
    left_out = []
    if skipped:
        files = len({p.file for p in skipped})
        left_out.append(f"{_plural(files, 'topic file')} had problems and {_was(files)} left out")
    if problems:
        rows_skipped = len({p.line for p in problems})
        left_out.append(
            f"{_plural(rows_skipped, 'roster row')} had problems and {_was(rows_skipped)} skipped"
        )
    if left_out:
        _say(f"{summary}; {'; '.join(left_out)}")
        return EXIT_CONTENT
    report.say(summary)
    return EXIT_OK
