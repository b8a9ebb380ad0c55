"""What a prescription must give for its program to be safe as printed, and its review date."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from handouts import outline, pdf
from handouts.errors import ContentError
from handouts.locale import catalogue
from handouts.options import PdfOptions
from handouts.roster import read_roster
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

EN = catalogue("en")
SHIPPED = load_content(REPO / "content")

RX = """patient:
  name: J. S.
date: 2026-11-20
clinician:
  name: Alex Rivera
topics:
  - topic: {topic}
    minutes: 5
    sessions_per_week: 3
{extra}"""


def problems(tmp_path: Path, topic: str, extra: str = "") -> list[str]:
    path = tmp_path / "rx.yaml"
    path.write_text(RX.format(topic=topic, extra=extra), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_prescription(path, SHIPPED)
    return [str(p).removeprefix(str(path)) for p in caught.value.problems]


def test_a_treadmill_program_without_a_speed_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "reverse-treadmill-walking") == [
        ":7:5: topics[0].speed_mph: expected a speed (speed_mph or speed_kmh) for "
        "reverse-treadmill-walking, whose program tells the patient the speed to walk at, but "
        "the field is missing; add 'speed_mph:'"
    ]


def test_a_bike_program_without_a_resistance_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "backward-pedaling") == [
        ":7:5: topics[0].resistance: expected a resistance for backward-pedaling, whose program "
        "tells the patient the setting to pedal at, but the field is missing; add 'resistance:'"
    ]


def test_hold_left_out_is_worded_safely_and_incline_reads_as_given(tmp_path: Path) -> None:
    path = tmp_path / "rx.yaml"
    path.write_text(RX.format(topic="backward-walking", extra=""), encoding="utf-8")
    prescription = load_prescription(path, SHIPPED)
    data = pdf.render(outline.program(prescription, SHIPPED, EN), PdfOptions())
    text = " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages
    )
    assert "Walk holding on as your therapist showed you." in text
    dose = prescription.topics[0]
    assert outline.words.prescribed("Set the incline to {incline}.", dose, EN) == (
        "Set the incline to 0%."
    )


@pytest.mark.parametrize("review", ["2026-11-20", "2026-11-01"])
def test_the_review_comes_after_the_date_prescribed(tmp_path: Path, review: str) -> None:
    extra = f"review_on: {review}\n"
    assert problems(tmp_path, "backward-walking", extra) == [
        f":10:12: review_on: expected a date after the date prescribed (2026-11-20) but got "
        f"{review}; the exercise log runs from one to the other"
    ]


HEADER = "patient_name,date,clinician,topics,minutes,sessions_per_week,review_on,speed_mph\n"


def test_a_roster_takes_a_review_date_and_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "class.csv"
    path.write_text(
        HEADER
        + "Ann,2026-11-20,Alex,backward-walking,2,3,2026-12-18,\n"
        + "Bo,2026-11-20,Alex,backward-walking,2,3,2026-11-19,\n"
        + "Cy,2026-11-20,Alex,reverse-treadmill-walking,2,3,,\n",
        encoding="utf-8",
    )
    rows, found = read_roster(path, SHIPPED)
    assert [str(p).removeprefix(str(path)) for p in found] == [
        ":3:7: review_on: expected a date after the date prescribed (2026-11-20) but got "
        "2026-11-19; the exercise log runs from one to the other",
        ":4:4: speed_mph: expected a speed (speed_mph or speed_kmh) for "
        "reverse-treadmill-walking, whose program tells the patient the speed to walk at, but "
        "the cell is empty; fill in that column",
    ]
    (ann,) = rows
    assert str(ann.prescription.review_on) == "2026-12-18"
    log = outline.program(ann.prescription, SHIPPED, EN).parts[-1].blocks[0]
    assert {line.week for line in log.lines} == {1, 2, 3, 4}  # four weeks to the review


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "    up_to_minutes: 8\n",
            ":10:20: topics[0].add_minutes_each_week: expected the minutes added each week, which "
            "up_to_minutes is the limit of, but the field is missing; add "
            "'add_minutes_each_week:'",
        ),
        (
            "    add_minutes_each_week: 0.5\n    up_to_minutes: 4.5\n",
            ":11:20: topics[0].up_to_minutes: expected more minutes than a session starts with (5) "
            "but got 4.5",
        ),
        (
            "    add_minutes_each_week: 8\nreview_on: 2027-01-15\n",
            ":10:28: topics[0].add_minutes_each_week: expected sessions of at most 60 minutes "
            "until the review, but week 8 would be 61 minutes with 8 added each week; add less, "
            "or set 'up_to_minutes:'",
        ),
        (
            "    add_minutes_each_week: 0.1\n",
            ":10:28: topics[0].add_minutes_each_week: expected a number from 0.25 to 10 (minutes "
            "a week) but got 0.1",
        ),
    ],
)
def test_a_weekly_progression_the_log_cannot_follow_is_refused(
    tmp_path: Path, extra: str, expected: str
) -> None:
    assert problems(tmp_path, "backward-walking", extra) == [expected]


def test_a_roster_takes_a_weekly_progression_and_names_its_column(tmp_path: Path) -> None:
    path = tmp_path / "class.csv"
    path.write_text(
        "patient_name,date,clinician,topics,minutes,sessions_per_week,add_minutes_each_week,"
        "up_to_minutes\n"
        "Ann,2026-11-20,Alex,backward-walking,2,3,0.5,3\n"
        "Bo,2026-11-20,Alex,backward-walking,2,3,,3\n",
        encoding="utf-8",
    )
    rows, found = read_roster(path, SHIPPED)
    assert [str(p).removeprefix(str(path)) for p in found] == [
        ":3:8: add_minutes_each_week: expected the minutes added each week, which "
        "up_to_minutes is the limit of, but the cell is empty; fill in that column",
    ]
    (ann,) = rows
    log = outline.program(ann.prescription, SHIPPED, EN).parts[-1].blocks[0]
    targets = {line.week: line.target for line in log.lines}
    assert targets == {1: "2 min", 2: "2 min 30 s", 3: "3 min", 4: "3 min"}
