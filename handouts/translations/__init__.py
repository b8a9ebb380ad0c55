"""Translations of the content: every text a reader reads, in another language, tied to its English.

A translation lives in a folder named for its language inside the content folder, one file for
each English file, with the same structure but only the text a reader reads::

    content/es/topics/backward-walking.yaml   the Spanish of content/topics/backward-walking.yaml
    content/es/program.yaml                   the Spanish of content/program.yaml

Each text is a mapping of the fingerprint of the English it was translated from and the text::

    summary:
      from: 5d41402a
      es: Caminar hacia atrás trabaja la parte delantera de los muslos ...

Lists follow the English item by item; a statement's ``text`` and ``prescribed`` are two such
mappings (a statement with only text may be the mapping itself); sources are keyed by id. Ids,
levels, sources cited, dates and the titles of English articles are not translated: they come
from the English. When a curator changes an English text its fingerprint changes, and the
translation is reported as stale until it is updated. A translation keeps the English's numbers
and a program wording's placeholders exactly. Nothing falls back to English: a build in a
language with a text missing is refused.

``python -m handouts.translations LANG FILE`` prints the translation file of an English file
with every fingerprint filled in and the English beside each text, to start or mend one.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

from handouts.errors import ContentError, Problem
from handouts.load import display_path
from handouts.model import Content, Program, Topic
from handouts.translations.checks import IF_WORD, LANGUAGES, check
from handouts.translations.english import english_texts, fingerprint, rebuild
from handouts.translations.files import File

__all__ = [
    "IF_WORD",
    "LANGUAGES",
    "english_texts",
    "fingerprint",
    "languages",
    "mend_command",
    "program_file",
    "topic_file",
    "translate_content",
    "translate_program",
    "translate_topic",
    "translation_problems",
]


def topic_file(folder: Path, lang: str, topic_id: str) -> Path:
    """Return where a topic's translation into ``lang`` lives in a content folder."""
    return folder / lang / "topics" / f"{topic_id}.yaml"


def program_file(folder: Path, lang: str) -> Path:
    """Return where the program's translation into ``lang`` lives in a content folder."""
    return folder / lang / "program.yaml"


def languages(folder: Path) -> tuple[str, ...]:
    """Return the languages a content folder holds translations for, in order."""
    return tuple(lang for lang in sorted(LANGUAGES) if (folder / lang).is_dir())


def _missing_file(path: Path, english: str, lang: str) -> Problem:
    return Problem(
        display_path(path),
        0,
        0,
        "",
        f"expected the {LANGUAGES[lang]} translation of {english} but there is no such file; "
        "see 'Translations' in content/README.md",
    )


def mend_command(folder: Path, lang: str, what: str) -> str:
    """Return the command that prints a translation file mended: ``what`` is an id or program."""
    where = display_path(folder)
    given = "" if where == "content" else f" --content {where}"
    return f"python -m handouts.translations {lang} {what}{given}"


def _texts(value: Topic | Program, path: Path, english: str, lang: str, complete: bool) -> File:
    """Read and check one translation file; a missing file is a problem only when complete."""
    file = File(path, lang)
    what = value.id if isinstance(value, Topic) else "program"
    folder = path.parent.parent.parent if isinstance(value, Topic) else path.parent.parent
    file.mend = mend_command(folder, lang, what)
    if not file.exists and complete:
        file.problems.append(_missing_file(path, english, lang))
    file.good = check(file, english_texts(value), complete=complete)
    return file


def _topic_texts(topic: Topic, lang: str, folder: Path, *, complete: bool) -> File:
    path = topic_file(folder, lang, topic.id)
    return _texts(topic, path, f"topics/{topic.id}.yaml", lang, complete)


def _program_texts(program: Program, lang: str, folder: Path, *, complete: bool) -> File:
    return _texts(program, program_file(folder, lang), "program.yaml", lang, complete)


def translation_problems(content: Content, lang: str | None = None) -> list[Problem]:
    """Return the located problems of a content folder's translations, for the check.

    Without ``lang``: every language the folder holds, for stale, wrong or unknown texts (an
    English build never waits for a translation). With ``lang``: that language, and every text
    it lacks too, as a build in that language needs them all.
    """
    folder = content.folder
    problems: list[Problem] = []
    for each in (lang,) if lang else languages(folder):
        if each not in LANGUAGES:
            raise ValueError(f"no translations into {each!r}")  # the CLI offers only LANGUAGES
        complete = lang is not None
        for topic in content.topics:
            problems += _topic_texts(topic, each, folder, complete=complete).problems
        problems += _program_texts(content.program, each, folder, complete=complete).problems
        known = {t.id for t in content.topics} | set(content.left_out)
        for path in sorted((folder / each / "topics").glob("*.yaml")):
            if path.stem not in known:
                problems.append(
                    Problem(
                        display_path(path),
                        0,
                        0,
                        "",
                        f"expected the translation of a topic in topics/ but there is no "
                        f"topics/{path.stem}.yaml; rename it to match, or remove it",
                    )
                )
    return problems


def _refuse(file: File) -> None:
    if file.problems:
        raise ContentError(file.problems)


def translate_topic(topic: Topic, lang: str, folder: Path) -> Topic:
    """Return the topic with every text a reader reads in ``lang``, from the content folder.

    Raises ContentError listing every problem (a text missing, stale or wrong): a build in
    ``lang`` never prints English in its place.
    """
    file = _topic_texts(topic, lang, folder, complete=True)
    _refuse(file)
    return typing.cast(Topic, rebuild(topic, "", file.good))


def translate_program(program: Program, lang: str, folder: Path) -> Program:
    """Return the class program with its title and summary in ``lang`` (as translate_topic)."""
    file = _program_texts(program, lang, folder, complete=True)
    _refuse(file)
    return typing.cast(Program, rebuild(program, "", file.good))


def translate_content(content: Content, lang: str) -> Content:
    """Return the whole content in ``lang``: every topic and the program, or every problem."""
    problems = translation_problems(content, lang)
    if problems:
        raise ContentError(problems)
    folder = content.folder
    return dataclasses.replace(
        content,
        topics=tuple(translate_topic(t, lang, folder) for t in content.topics),
        program=translate_program(content.program, lang, folder),
    )
