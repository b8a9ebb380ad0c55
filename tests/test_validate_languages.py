"""A language list read the same in --lang, a prescription and a roster cell."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handouts import cli
from handouts.errors import ContentError
from handouts.model import Languages
from handouts.validate import load_content, load_prescription
from handouts.validate.languages import expected, read
from tests.conftest import REPO

SHIPPED = load_content(REPO / "content")
EXAMPLE = REPO / "prescriptions" / "example.yaml"
EXPECTED = "expected en (English) or es (Spanish), or both separated by a comma (en,es)"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("es", ("es",)),
        ("en,es", ("en", "es")),
        ("en, es", ("en", "es")),
        ("es , en", ("es", "en")),
        (" ES,EN ", ("es", "en")),
    ],
)
def test_spaces_and_capitals_around_a_language_do_not_matter(
    text: str, codes: tuple[str, ...]
) -> None:
    assert read(text) == codes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fr", f"{EXPECTED}, but got 'fr'"),
        ("es,fr", f"{EXPECTED}, but got 'es,fr'"),
        ("", f"{EXPECTED}, but got ''"),
        ("en,en", "expected each language once (like en,es) but got 'en,en'"),
        ("es, ES", "expected each language once (like en,es) but got 'es, ES'"),
        ("en-es", f"{EXPECTED}, but got 'en-es'; did you mean 'en,es'?"),
        ("en es", f"{EXPECTED}, but got 'en es'; did you mean 'en,es'?"),
        ("en,", f"{EXPECTED}, but got 'en,'; did you mean 'en'?"),
        ("Spanish", f"{EXPECTED}, but got 'Spanish'; did you mean 'es'?"),
        ("español", f"{EXPECTED}, but got 'español'; did you mean 'es'?"),
        (
            "English and Spanish",
            f"{EXPECTED}, but got 'English and Spanish'; did you mean 'en,es'?",
        ),
        ("en/en", f"{EXPECTED}, but got 'en/en'"),  # no suggestion that is itself refused
    ],
)
def test_an_unknown_or_repeated_language_says_what_is_expected(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        read(text)
    assert str(raised.value) == message


def test_what_is_expected_is_said_once_for_every_place() -> None:
    assert expected() == EXPECTED


@pytest.mark.parametrize(
    ("value", "language"),
    [("en, es", Languages.EN_ES), ("es , en", Languages.ES_EN), ("ES", Languages.ES)],
)
def test_a_prescription_reads_a_list_with_spaces(
    tmp_path: Path, value: str, language: Languages
) -> None:
    path = tmp_path / "rx.yaml"
    path.write_text(EXAMPLE.read_text() + f"language: {value}\n")
    assert load_prescription(path, SHIPPED).language is language


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("fr", f"language: {EXPECTED}, but got 'fr'"),
        ("en,en", "language: expected each language once (like en,es) but got 'en,en'"),
        (
            "1",
            f'language: {EXPECTED}, but got a number (1); put it in quotes ("1") if you mean '
            "it as text",
        ),
        ("[en, es]", f"language: {EXPECTED}, but got a list"),
    ],
)
def test_a_prescriptions_bad_language_is_located(tmp_path: Path, value: str, message: str) -> None:
    path = tmp_path / "rx.yaml"
    text = EXAMPLE.read_text()
    path.write_text(text + f"language: {value}\n")
    with pytest.raises(ContentError) as caught:
        load_prescription(path, SHIPPED)
    line = text.count("\n") + 1
    assert [str(p) for p in caught.value.problems] == [f"{path}:{line}:11: {message}"]


def test_a_rosters_language_cells_are_read_alike_and_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    row = "2026-11-20,Dr Ruiz,backward-walking,2,3"
    (tmp_path / "class.csv").write_text(
        "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week,language\n"
        f'pt-1,Ana,{row},"en, es"\n'
        f'pt-2,Bo,{row},"es , en"\n'
        f"pt-3,Cy,{row},fr\n"
        f'pt-4,Di,{row},"en,en"\n'
    )
    assert cli.main(["--check", "--roster", "class.csv"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"class.csv:4:8: language: {EXPECTED}, but got 'fr'",
        "class.csv:5:8: language: expected each language once (like en,es) but got 'en,en'",
        "checked 2 valid programs",  # the good rows; the bad ones are named above
    ]
