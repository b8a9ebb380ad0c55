"""The command line's options, and its usage errors as one line and exit status 2."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from handouts import __version__
from handouts.cli.report import EXIT_USAGE
from handouts.formats import FORMATS
from handouts.text import one_line


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


def make_parser() -> argparse.ArgumentParser:
    """Return the parser of every option, with its help text."""
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
        "--lang",
        action="append",
        default=[],
        metavar="LANG",
        help="language of the handouts and decks: en (default) or es; en,es puts English "
        "and Spanish back to back in one PDF; repeat for more (see docs/languages.md)",
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
