"""Regression cases found by hunting hostile input: each once crashed, overlapped or overwrote."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pypdf
import pytest

from handouts import cli
from handouts.errors import ContentError
from handouts.validate import load_content
from tests.conftest import REPO, edit, problems_of

HEADER = "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week\n"


def test_a_long_precaution_list_builds_instead_of_crashing(shipped: Path) -> None:
    item = "    - You have a condition that affects your balance, your heart or your breathing.\n"
    edit(
        shipped / "topics" / "backward-walking.yaml",
        "  caution_if:\n",
        "  caution_if:\n" + item * 9,
    )
    assert cli.main(["--topic", "backward-walking", "--format", "pdf"]) == 0
    text = " ".join(
        p.extract_text()
        for p in pypdf.PdfReader(shipped.parent / "build" / "backward-walking.pdf").pages
    )
    assert " ".join(text.split()).count("affects your balance, your heart or your breathing") == 9


def test_a_long_clinic_name_is_shortened_not_overlapped(shipped: Path) -> None:
    (shipped / "branding.yaml").write_text(
        'clinic_name: "Riverside Physical Therapy & Sports Rehabilitation of Springfield"\n'
    )
    assert cli.main(["--topic", "backward-walking", "--format", "pdf"]) == 0
    reader = pypdf.PdfReader(shipped.parent / "build" / "backward-walking.pdf")
    assert "Riverside Physical Therapy & Sp…" in reader.pages[1].extract_text()


def test_roster_files_never_collide(shipped: Path) -> None:
    (shipped.parent / "class.csv").write_text(
        HEADER
        + "a-row4,First,2026-11-20,X,backward-walking,2,3\n"
        + "a,Second,2026-11-20,X,backward-walking,2,3\n"
        + "a,Third,2026-11-20,X,backward-walking,2,3\n"
        + "class-all,Fourth,2026-11-20,X,backward-walking,2,3\n"
    )
    assert cli.main(["--roster", "class.csv"]) == 0
    folder = shipped.parent / "build" / "roster"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["a-row4-2.pdf", "a-row4.pdf", "a.pdf", "class-all-row5.pdf", "class-all.pdf"]
    owners = {}
    for name in [*names[:-2], "class-all-row5.pdf"]:
        text = pypdf.PdfReader(folder / name).pages[0].extract_text()
        owners[name] = [who for who in ("First", "Second", "Third", "Fourth") if who in text]
    assert owners == {
        "a-row4-2.pdf": ["Third"],
        "a-row4.pdf": ["First"],
        "a.pdf": ["Second"],
        "class-all-row5.pdf": ["Fourth"],
    }
    assert len(pypdf.PdfReader(folder / "class-all.pdf").pages) > 4


def test_a_roster_with_only_its_header_builds_nothing(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shipped.parent / "empty.csv").write_text(HEADER)
    assert cli.main(["--roster", "empty.csv"]) == 1
    assert (
        "expected at least one person but the roster has only its header" in capsys.readouterr().err
    )
    assert not (shipped.parent / "build").exists()


def test_two_prescriptions_for_one_patient_file_are_refused(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(REPO / "prescriptions" / "example.yaml", shipped.parent / name)
    assert cli.main(["--prescription", "a.yaml", "--prescription", "b.yaml"]) == 2
    assert "names the same patient file (pt-0042.pdf)" in capsys.readouterr().err


def test_the_program_id_may_not_be_a_topic_id(shipped: Path) -> None:
    edit(shipped / "program.yaml", "id: retro-training", "id: backward-walking")
    with pytest.raises(ContentError) as caught:
        load_content(shipped)
    assert [p.path for p in caught.value.problems] == ["id"]
    assert "the class files would overwrite that topic's" in caught.value.problems[0].message


def test_a_logo_that_is_not_an_image_is_a_located_error(shipped: Path) -> None:
    (shipped / "logo.png").write_text("not a picture")
    (shipped / "branding.yaml").write_text("logo: logo.png\n")
    assert problems_of(shipped) == [
        "content/branding.yaml:1:7: logo: expected a readable PNG or JPEG image but could not "
        "read it (UnidentifiedImageError)"
    ]


def test_a_fifo_is_refused_without_hanging(shipped: Path) -> None:
    os.mkfifo(shipped / "topics" / "pipe.yaml")
    assert problems_of(shipped) == [
        "content/topics/pipe.yaml: expected a regular file but it is not one"
    ]


def test_an_absurdly_long_number_is_a_located_error(shipped: Path) -> None:
    path = shipped.parent / "rx.yaml"
    text = (REPO / "prescriptions" / "example.yaml").read_text()
    path.write_text(text.replace("sessions_per_week: 3", "sessions_per_week: " + "9" * 5000, 1))
    from handouts.validate import load_prescription

    with pytest.raises(ContentError) as caught:
        load_prescription(path, load_content(shipped))
    assert caught.value.problems[0].path == "topics[0].sessions_per_week"
    assert len(str(caught.value.problems[0])) < 6000


def test_summary_longer_than_office_allows_still_builds_a_deck(shipped: Path) -> None:
    from pptx import Presentation

    long = "A class on moving backward to build strength, balance and confidence " * 4
    edit(
        shipped / "program.yaml",
        "summary: A class on moving backward to build thigh and shin strength, "
        "balance and confidence.",
        f"summary: {long.strip()[:290]}",
    )
    assert cli.main(["--format", "pptx"]) == 0
    prs = Presentation(io.BytesIO((shipped.parent / "build" / "retro-training.pptx").read_bytes()))
    assert len(prs.core_properties.subject) == 255


def test_an_unquoted_colour_is_not_silently_a_comment(shipped: Path) -> None:
    (shipped / "branding.yaml").write_text("colors:\n  primary: #1F3A5F\n")
    assert problems_of(shipped) == [
        "content/branding.yaml:2:11: colors.primary: expected a colour written #RRGGBB but got "
        'nothing; put it in quotes ("#1F3A5F"): unquoted, # starts a comment'
    ]


@pytest.mark.parametrize("number", ["½", "²"])
def test_any_kind_of_number_needs_a_source(shipped: Path, number: str) -> None:
    edit(
        shipped / "topics" / "backward-walking.yaml",
        "    - You have chest pain or are unusually short of breath.",
        f"    - You walk {number} a lap.",
    )
    with pytest.raises(ContentError) as caught:
        load_content(shipped)
    assert caught.value.problems[0].message.startswith(
        f"expected a source for the number {number!r} but got none"
    )
