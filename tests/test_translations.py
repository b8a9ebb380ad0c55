"""Translations: each text tied to the English it came from, located problems, no English left."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from handouts.errors import ContentError
from handouts.model import Statement, Topic
from handouts.translations import (
    english_texts,
    fingerprint,
    languages,
    translate_content,
    translate_program,
    translate_topic,
    translation_problems,
)
from handouts.validate import load_content

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
ES_TOPIC = Path("content/es/topics/heel-walk.yaml")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of tests/fixtures/translated (English and Spanish); cwd is its parent."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "translated", target)
    monkeypatch.chdir(tmp_path)
    return target


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(folder: Path, lang: str | None = "es") -> list[str]:
    return [str(p) for p in translation_problems(load_content(folder), lang)]


def test_the_fixture_translation_loads_with_no_problem(folder: Path) -> None:
    assert languages(folder) == ("es",)
    assert _problems(folder) == []
    assert _problems(folder, None) == []


def test_a_changed_english_text_makes_its_translation_stale_with_file_and_line(
    folder: Path,
) -> None:
    _edit(
        folder / "topics/heel-walk.yaml", "  - Stand tall by a wall.", "  - Stand tall by a door."
    )
    line = _line_of(folder.parent / ES_TOPIC, 'es: "Párese derecho junto a una pared."') - 2
    now = fingerprint("Stand tall by a door.")
    expected = (
        f"{ES_TOPIC}:{line}:7: steps[0].text: translated from an older English text; update "
        f"it to the English now there and write 'from: {now}' ('python -m handouts.translations "
        "es heel-walk' prints the file with the English now there beside each text)"
    )
    assert _problems(folder) == [expected]
    assert _problems(folder, None) == [expected]  # the plain check reports it too
    with pytest.raises(ContentError) as caught:
        translate_topic(load_content(folder).topics[0], "es", folder)
    assert [str(p) for p in caught.value.problems] == [expected]


def test_a_missing_text_is_a_problem_for_a_spanish_build_only(folder: Path) -> None:
    spanish = folder.parent / ES_TOPIC
    text = spanish.read_text(encoding="utf-8")
    start = text.index("teaching_notes:")
    spanish.write_text(text[:start], encoding="utf-8")
    assert _problems(folder, None) == []
    assert _problems(folder) == [
        f"{ES_TOPIC}:1:1: teaching_notes.technique: expected the Spanish of the English text "
        f"but the field is missing; add 'from: {fingerprint('Show it first.')}' and 'es:' "
        "with the Spanish of 'Show it first.'"
    ]


def test_a_missing_list_item_is_located_at_its_list(folder: Path) -> None:
    spanish = folder.parent / ES_TOPIC
    _edit(folder / "topics/heel-walk.yaml", "  - Go slowly.\n", "  - Go slowly.\n  - Rest.\n")
    line = _line_of(spanish, "takeaways:")
    assert _problems(folder) == [
        f"{ES_TOPIC}:{line + 1}:3: takeaways[1].text: expected the Spanish of the English text "
        f"but the field is missing; add 'from: {fingerprint('Rest.')}' and 'es:' with the "
        "Spanish of 'Rest.'"
    ]


def test_a_missing_translation_file_is_named(folder: Path) -> None:
    (folder.parent / ES_TOPIC).unlink()
    assert _problems(folder) == [
        f"{ES_TOPIC}: expected the Spanish translation of topics/heel-walk.yaml but there is "
        "no such file; see 'Translations' in content/README.md"
    ]
    assert _problems(folder, None) == []


def test_a_number_that_differs_from_the_english_is_a_problem(folder: Path) -> None:
    spanish = folder.parent / ES_TOPIC
    _edit(spanish, "Camine 10 pasos", "Camine 12 pasos")
    line = _line_of(spanish, "Camine 12 pasos") - 2
    assert _problems(folder, None) == [
        f"{ES_TOPIC}:{line}:7: steps[1].text: expected the English text's numbers (10) but "
        "got 12; a translation keeps every number as the English writes it"
    ]


def test_a_number_written_in_words_is_a_problem(folder: Path) -> None:
    _edit(folder.parent / ES_TOPIC, '"1 minuto."', '"Un minuto."')
    (problem,) = _problems(folder)
    assert problem.endswith(
        "dosage.duration.text: expected the English text's numbers (1) but got none; a "
        "translation keeps every number as the English writes it"
    )


def test_a_decimal_comma_is_the_same_number(folder: Path) -> None:
    english = folder / "topics/heel-walk.yaml"
    _edit(english, "Walk 10 steps on your heels.", "Walk 0.5 minutes on your heels.")
    _edit(
        folder.parent / ES_TOPIC,
        f'"{fingerprint("Walk 10 steps on your heels.")}"',
        f'"{fingerprint("Walk 0.5 minutes on your heels.")}"',
    )
    _edit(folder.parent / ES_TOPIC, "Camine 10 pasos", "Camine 0,5 minutos")
    assert _problems(folder) == []


def test_a_placeholder_must_be_kept_as_it_is(folder: Path) -> None:
    _edit(folder.parent / ES_TOPIC, "durante {minutes}.", "durante {minutos}.")
    (problem,) = _problems(folder)
    assert problem.endswith(
        "steps[1].prescribed: expected the English wording's placeholders ({minutes}) but got "
        "{minutos}; keep each one, in English"
    )


def test_a_text_with_no_english_at_its_place_is_reported(folder: Path) -> None:
    spanish = folder.parent / ES_TOPIC
    spanish.write_text(
        spanish.read_text(encoding="utf-8") + 'extra:\n  from: "00000000"\n  es: "Hola."\n',
        encoding="utf-8",
    )
    line = _line_of(spanish, "extra:") + 1
    assert _problems(folder, None) == [
        f"{ES_TOPIC}:{line}:3: extra: expected a field whose English is text a reader reads but "
        "the English has no such text here; remove it, or check its name and place in the list"
    ]


def test_a_malformed_text_is_located(folder: Path) -> None:
    _edit(folder.parent / ES_TOPIC, '  es: "Caminar sobre los talones"\n', "  text: Caminar\n")
    assert sorted(_problems(folder)) == [
        f"{ES_TOPIC}:2:3: title.es: expected 'es:' but the field is missing",
        f"{ES_TOPIC}:4:3: title.text: unknown key 'text'; a translated text has only 'from:' "
        "and 'es:'",
    ]


def test_a_spanish_if_item_starts_with_si(tmp_path: Path) -> None:
    from handouts.translations import checks
    from handouts.translations.english import English
    from handouts.translations.files import File

    yaml_file = tmp_path / "t.yaml"
    yaml_file.write_text(
        "precautions:\n  if_it_goes_wrong:\n    - text:\n"
        f'        from: "{fingerprint("If you fall, stay still.")}"\n'
        '        es: "Cuando se cae, quédese quieto."\n',
        encoding="utf-8",
    )
    file = File(yaml_file, "es")
    english = {"precautions.if_it_goes_wrong[0].text": English("If you fall, stay still.", 400)}
    checks.check(file, english, complete=True)
    assert [p.message for p in file.problems] == [
        "expected an item that starts with 'Si' (what happens, then what to do), as the "
        "English starts with 'If'"
    ]


def _worded(texts: dict) -> list[str]:
    """The paths of texts with words of their own, not only placeholders ('{minutes}.')."""
    return [p for p, e in texts.items() if re.search(r"[^\W\d_]", re.sub(r"\{.*?\}", "", e.text))]


def test_translate_topic_puts_spanish_in_every_field_a_reader_reads(folder: Path) -> None:
    content = load_content(folder)
    english = content.topics[0]
    spanish = translate_topic(english, "es", folder)
    assert isinstance(spanish, Topic)
    before, after = english_texts(english), english_texts(spanish)
    assert before.keys() == after.keys()
    for path in _worded(before):
        assert after[path].text != before[path].text, path
    assert spanish.title == "Caminar sobre los talones"
    assert spanish.steps[1] == Statement(
        "Camine 10 pasos sobre los talones.",
        ("test-article",),
        prescribed="Camine sobre los talones durante {minutes}.",
    )
    # What is not text stays: ids, levels, sources, dates.
    assert spanish.id == english.id and spanish.sources == english.sources
    assert [m.backward for m in spanish.activation.muscles] == [
        m.backward for m in english.activation.muscles
    ]
    assert spanish.review == english.review
    program = translate_program(content.program, "es", folder)
    assert (program.title, program.summary, program.topics) == (
        "Clase de prueba",
        "Un tema.",
        ("heel-walk",),
    )
    whole = translate_content(content, "es")
    assert whole.topics == (spanish,) and whole.program == program


def test_the_shipped_translations_load_with_no_problem() -> None:
    content = load_content(REPO / "content")
    assert languages(content.folder) == ("es",)
    assert [str(p) for p in translation_problems(content, "es")] == []
    spanish = translate_content(content, "es")
    for english, translated in zip(content.topics, spanish.topics, strict=True):
        before, after = english_texts(english), english_texts(translated)
        assert before.keys() == after.keys()
        same = [p for p in _worded(before) if before[p].text == after[p].text]
        assert same == [], english.id
    assert spanish.program.title != content.program.title


def test_a_statement_may_be_translated_as_its_text_alone(folder: Path) -> None:
    spanish = folder.parent / ES_TOPIC
    _edit(
        spanish,
        "takeaways:\n  - text:\n      from:",
        "takeaways:\n  -\n      from:",
    )
    content = load_content(folder)
    assert translate_topic(content.topics[0], "es", folder).takeaways[0].text == "Vaya despacio."
    assert dataclasses.is_dataclass(content.topics[0])


def test_a_translation_of_no_topic_is_named(folder: Path) -> None:
    (folder / "es/topics/toe-walk.yaml").write_text("title: {}\n", encoding="utf-8")
    assert _problems(folder, None) == [
        "content/es/topics/toe-walk.yaml: expected the translation of a topic in topics/ but "
        "there is no topics/toe-walk.yaml; rename it to match, or remove it"
    ]


def test_a_translation_file_is_read_as_safely_as_the_english(folder: Path) -> None:
    spanish = folder.parent / ES_TOPIC
    _edit(spanish, 'es: "Caminar sobre los talones"', "es: &t Caminar")
    (problem,) = _problems(folder, None)
    assert problem.startswith(f"{ES_TOPIC}:4:7: expected plain values but got an anchor (&t)")


def test_the_mend_command_prints_a_current_translation_as_it_is(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from handouts.translations.__main__ import main

    assert main(["es", "heel-walk", "--content", "content"]) == 0
    assert capsys.readouterr().out == (folder.parent / ES_TOPIC).read_text(encoding="utf-8")


def test_the_mend_command_shows_what_changed_and_what_is_missing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from handouts.translations.__main__ import main

    english = folder / "topics/heel-walk.yaml"
    _edit(english, "  - Go slowly.\n", "  - Go slowly.\n  - Rest.\n")
    _edit(english, "  - Stand tall by a wall.", "  - Stand tall by a door.")
    assert main(["es", "heel-walk", "--content", "content"]) == 0
    out = capsys.readouterr().out
    old, now = fingerprint("Stand tall by a wall."), fingerprint("Stand tall by a door.")
    assert (
        f'      from: "{old}"\n'
        f'      # English now (then write from: {now}): "Stand tall by a door."\n'
        '      es: "Párese derecho junto a una pared."\n'
    ) in out
    assert (
        f'  - text:\n      from: "{fingerprint("Rest.")}"\n      # English: "Rest."\n      es: ""\n'
    ) in out
    assert main(["es", "program", "--content", "content"]) == 0
    assert capsys.readouterr().out.startswith('title:\n  from: "')
