"""The command line: ``python generate.py [options]``.

Exit status: 0 success, 1 the content has problems, 2 a usage error (or a problem with the
files and folders around: permissions, a full disk), 128 plus the signal's number when
stopped (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). Messages for people go to stderr, one line
each; ``--list`` prints its table to stdout.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

from handouts import interrupts
from handouts.cli.args import make_parser
from handouts.cli.commands import Session, run
from handouts.cli.report import EXIT_CONTENT, EXIT_INTERNAL, EXIT_USAGE, plural, tell
from handouts.errors import ContentError, UsageError
from handouts.text import one_line


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    session = Session()
    try:
        # SIGTERM (kill, systemd, docker, CI timeouts) and SIGHUP (the terminal closed) stop
        # a build as Ctrl-C does: every temporary file removed, no file half replaced.
        with interrupts.stopping():
            return _answer(argv, session)
    except KeyboardInterrupt as exc:  # Ctrl-C or another stop, even while answering
        return _stopped(exc, session)


def _answer(argv: list[str] | None, session: Session) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return run(args, session)
    except UsageError as exc:
        tell(f"{parser.prog}: error: {one_line(str(exc))}")  # it may quote a typed value
        return EXIT_USAGE
    except ContentError as exc:
        for problem in exc.problems:
            tell(str(problem))
        files = len({p.file for p in exc.problems})
        count = len(exc.problems)
        tell(f"{plural(count, 'problem')} in {plural(files, 'file')}; nothing was written")
        return EXIT_CONTENT
    except OSError as exc:  # the files and folders around, not our code: say which and why
        from handouts.load import display_path

        where = f"{display_path(Path(exc.filename))}: " if exc.filename else ""
        tell(f"{parser.prog}: error: {where}{exc.strerror or exc}; no file was changed")
        return EXIT_USAGE
    except Exception as exc:  # a bug in a renderer, never the user's content
        if os.environ.get("HANDOUTS_DEBUG"):
            raise
        name = exc.name if isinstance(exc, ModuleNotFoundError) else None
        missing = name.split(".")[0] if name else ""
        if missing and missing != "handouts":  # the environment, not our code: one command
            tell(
                f"{parser.prog}: error: the package {missing} that handouts needs is not "
                "installed; run: python -m pip install -e ."
            )
            return EXIT_USAGE
        tell(
            f"{parser.prog}: internal error: {type(exc).__name__}: {one_line(str(exc))}; "
            "nothing was written. "
            "This is a bug in handouts: please report it with the command you ran "
            "(HANDOUTS_DEBUG=1 shows the details)"
        )
        return EXIT_INTERNAL


def _stopped(stop: KeyboardInterrupt, session: Session) -> int:
    """Say that a stop signal ended the run, and what it left; return 128 + its number."""
    signum = interrupts.signal_number(stop)
    name = interrupts.signal_name(signum)
    what = "interrupted" if signum == signal.SIGINT else f"stopped by {name}"
    left = "every file was already written" if session.committed else "no file was changed"
    with contextlib.suppress(KeyboardInterrupt, OSError):  # stopped again, terminal gone
        tell(f"{what}; {left}")
    return 128 + signum
