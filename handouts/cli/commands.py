"""What each command does: check, list, build topics, build programs."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR
from typing import TYPE_CHECKING

from handouts.errors import ContentError, Problem, UsageError
from handouts.formats import FORMATS

if TYPE_CHECKING:
    from handouts.build import Builder
    from handouts.model import Content
    from handouts.roster import Row
from handouts.cli.report import EXIT_CONTENT, EXIT_OK, Reporter, plural, tell, was


@dataclass
class Session:
    """What the message for a stop signal must know: whether the build was in place."""

    builder: Builder | None = None
    """The build's ``Builder`` once one is made."""

    @property
    def committed(self) -> bool:
        """Whether every file of the build was already put in place."""
        return self.builder is not None and self.builder.committed


def run(args: argparse.Namespace, session: Session) -> int:
    """Do what the options ask: load the content, then check, list or build; return the status."""
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
    langs = _languages(args.lang)
    pair = next((",".join(g) for g in langs if len(g) > 1), None)
    if pair and "pptx" in args.format:
        raise UsageError(
            f"--lang {pair}: a deck is in one language; build decks with "
            + " or ".join(f"--lang {lang}" for lang in pair.split(","))
        )
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
    untranslated = _untranslated(content, langs)
    if args.check and not args.lang:  # a plain check reports translations gone stale too
        untranslated += _stale(content)
    if args.check:
        if skipped or untranslated:
            raise ContentError(skipped + untranslated)
        written = f" and in {_names(langs)}" if args.lang else ""
        tell(
            f"checked {plural(len(content.topics), 'topic')}, the program and the branding "
            f"in {display_path(content_dir)}{written}: no problems"
        )
        return EXIT_OK
    if untranslated:  # a build in a language never prints English for a missing text
        raise ContentError(untranslated)
    # Imported only to build: --check, --list and --help answer without the build's modules.
    from handouts.build import Options, covered_scopes, jobs

    # --format as given, each once (its choices are FORMATS); by default every format.
    formats = tuple(dict.fromkeys(args.format)) or tuple(FORMATS)
    out: Path = args.out
    _output_folder(out)
    options = Options(
        out=out,
        formats=formats,
        topics=tuple(dict.fromkeys(args.topic)),
        paper=args.paper,
        large_print=args.large_print,
        template=args.template,
        languages=langs,
    )
    report = Reporter(args)
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
            tell(str(problem))
        files = len({p.file for p in skipped})
        message = f"{summary}; {plural(files, 'file')} had problems and {was(files)} skipped"
        missing = [t for t in content.program.topics if t in content.left_out]
        if not options.topics and missing:
            message += (
                f", and so was the class {content.program.id} (it includes {', '.join(missing)})"
            )
        tell(message)
        return EXIT_CONTENT
    report.say(summary)
    return EXIT_OK


def _languages(values: list[str]) -> tuple[tuple[str, ...], ...]:
    """Read every --lang: each a language, or a pair for one file; English without any."""
    from handouts import languages

    return tuple(dict.fromkeys(languages.parse(v) for v in values)) or (languages.DEFAULT,)


def _names(langs: tuple[tuple[str, ...], ...]) -> str:
    from handouts.locale import LANGUAGES

    return " and ".join(LANGUAGES[lang] for lang in dict.fromkeys(x for g in langs for x in g))


def _untranslated(content: Content, langs: tuple[tuple[str, ...], ...]) -> list[Problem]:
    """Return what a build in these languages lacks: the tool's words, the content's texts."""
    from handouts import locale

    problems: list[Problem] = []
    for lang in dict.fromkeys(x for group in langs for x in group):
        problems += locale.problems(lang)
        if lang != "en":
            problems += _translation_problems(content, lang)
    return problems


def _stale(content: Content) -> list[Problem]:
    """Return what is wrong or out of date in the translations the content folder holds.

    Not what a language lacks, nor the tool's catalogues: an English check needs no Spanish.
    """
    from handouts.translations import translation_problems

    return translation_problems(content)


def _translation_problems(content: Content, lang: str) -> list[Problem]:
    from handouts.translations import translation_problems

    return translation_problems(content, lang)


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
        (
            "--lang",
            args.lang,
            "the language is set per patient, with language: in the prescription or the "
            "language column of the roster",
        ),
    ]
    for option, used, advice in chosen:
        if used:
            raise UsageError(f"{option} cannot be used with {given}: {advice}")


def _builder(args: argparse.Namespace, report: Reporter, session: Session) -> Builder:
    from handouts.build import Builder, default_workers

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
    from handouts.build import CommitError

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
    args: argparse.Namespace, content: Content, skipped: list[Problem], session: Session
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
    # A program in a language never prints English for a missing text: checked and built alike.
    wanted = {
        code for p in prescriptions + [r.prescription for r in rows] for code in p.language.codes
    }
    untranslated = _untranslated(content, tuple((lang,) for lang in sorted(wanted)))
    if untranslated:
        raise ContentError(skipped + untranslated + problems)
    if args.check:
        for problem in skipped + problems:
            tell(str(problem))
        tell(f"checked {plural(len(prescriptions) + len(rows), 'valid program')}")
        return EXIT_CONTENT if skipped or problems else EXIT_OK
    _output_folder(args.out)
    report = Reporter(args)
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
        tell(str(problem))
    left_out = []
    if skipped:
        files = len({p.file for p in skipped})
        left_out.append(f"{plural(files, 'topic file')} had problems and {was(files)} left out")
    if problems:
        rows_skipped = len({p.line for p in problems})
        left_out.append(
            f"{plural(rows_skipped, 'roster row')} had problems and {was(rows_skipped)} skipped"
        )
    if left_out:
        tell(f"{summary}; {'; '.join(left_out)}")
        return EXIT_CONTENT
    report.say(summary)
    return EXIT_OK
