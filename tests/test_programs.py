"""Personalised programs, rosters and the class pack, read back with pypdf."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from handouts import cli, outline, pdf, programs
from handouts.errors import ContentError
from handouts.locale import catalogue
from handouts.model import Content, Prescription, plain_number
from handouts.options import PdfOptions
from handouts.roster import read_roster
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

EN = catalogue("en")

SHIPPED = load_content(REPO / "content")
EXAMPLE = REPO / "prescriptions" / "example.yaml"
ROSTER_HEADER = (
    "patient_id,patient_name,date,clinician,clinician_contact,topics,minutes,"
    "sessions_per_week,speed_mph,hand_support,notes\n"
)


def program_pdf(prescription: Prescription, content: Content) -> bytes:
    options = PdfOptions(prescription.paper.value, prescription.large_print)
    return pdf.render(outline.program(prescription, content, EN), options)


def class_pack_pdf(content: Content) -> bytes:
    return pdf.render(outline.class_pack(content.program, content, EN), PdfOptions())


def text_of(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pages_of(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_example_prescription_prints_the_patients_plan() -> None:
    prescription = load_prescription(EXAMPLE, SHIPPED)
    data = program_pdf(prescription, SHIPPED)
    text = text_of(data)
    assert "Home exercise program for J. S. (pt-0042)" in text
    assert "From Alex Rivera, PT, 555-0100. Date: November 20, 2026." in text
    assert (
        "Your plan: 2 minutes each time; 3 times a week; a light touch on a handrail or wall."
        in text
    )
    assert "Your plan: level 1 (lowest); 5 minutes each time; 3 times a week." in text
    assert "Add 30 seconds each week if your knee feels fine the next day." in text
    assert "Use the hallway at home, next to the wall rail." in text
    # every precaution of every prescribed topic
    for dose in prescription.topics:
        precautions = SHIPPED.topic(dose.topic).precautions
        for item in precautions.caution_if + precautions.do_not_if + precautions.stop_if:
            assert " ".join(item.text.split()) in text
    log = [page for page in pages_of(data) if "Exercise log" in page]
    assert "Exercise log for J. S." in log[0]
    # Each line of the log names its exercise and the prescribed target.
    assert "Backward walking 2 min" in " ".join(log)
    assert "level 1 (lowest)" in " ".join(log)


def test_plan_fields_are_prefilled_and_the_log_is_fillable() -> None:
    prescription = load_prescription(EXAMPLE, SHIPPED)
    data = program_pdf(prescription, SHIPPED)
    fields = pypdf.PdfReader(io.BytesIO(data)).get_fields() or {}
    assert fields["backward-walking.plan.minutes"]["/V"] == "2"
    assert fields["backward-walking.plan.days"]["/V"] == "3"
    assert fields["backward-pedaling.plan.speed"]["/V"] == "level 1 (lowest)"
    log = [name for name in fields if name.startswith("log.")]
    rows = {int(re.match(r"log\.(\d+)\.", name).group(1)) for name in log}
    # Four weeks of a line for each exercise done: 3 walks and 3 rides a week.
    assert rows == set(range(1, 4 * 6 + 1))
    # The exercise and its target are printed in each line, with a box to tick beside the
    # exercise; the rest is written in.
    assert {name.rsplit(".", 1)[1] for name in log} == {
        "done",
        "date",
        "minutes",
        "effort",
        "pain",
        "notes",
    }
    last = pages_of(data)[-1]
    for column in ("Week", "Date", "Exercise", "Your target", "Effort 0–10", "Pain 0–10"):
        assert column in last


def test_patient_name_prints_as_typed_on_the_log_and_in_its_bookmark(tmp_path: Path) -> None:
    path = tmp_path / "rx.yaml"
    path.write_text(EXAMPLE.read_text().replace("name: J. S.", 'name: "Mr & Mrs <Smith> **Jr**"'))
    data = program_pdf(load_prescription(path, SHIPPED), SHIPPED)
    pages = pages_of(data)
    # Exactly as typed: ** in a name are not bold marks.
    assert "Home exercise program for Mr & Mrs <Smith> **Jr** (pt-0042)" in pages[0]
    assert "From Alex Rivera, PT, 555-0100." in pages[0]
    log = next(page for page in pages if "Exercise log for" in page)
    assert "Exercise log for Mr & Mrs <Smith> **Jr** You fill this in:" in log
    # Top-level bookmarks: each part's title (its sections nested under it, in lists).
    top = pypdf.PdfReader(io.BytesIO(data)).outline
    outline = [item.title for item in top if not isinstance(item, list)]
    assert outline[-1] == "Exercise log for Mr & Mrs <Smith> **Jr**"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    minutes: 2\n",
            "    minutes: 90\n",
            "topics[0].minutes: expected a number from 0.5 to 60 (minutes) but got 90",
        ),
        (
            "    sessions_per_week: 3\n    hand_support",
            "    sessions_per_week: 2.5\n    hand_support",
            "topics[0].sessions_per_week: expected a whole number from 1 to 14 "
            "(sessions a week) but got a number (2.5)",
        ),
        (
            "    hand_support: light touch",
            "    hand_support: firm grip",
            "topics[0].hand_support: expected one of none, light touch, one hand, two hands "
            "but got text 'firm grip'",
        ),
        (
            "  - topic: backward-walking",
            "  - topic: moonwalk",
            "topics[0].topic: expected the id of a topic (backward-pedaling, backward-walking, "
            "reverse-treadmill-walking) but got 'moonwalk'",
        ),
        (
            "  - topic: backward-walking",
            "  - topic: BACKWARD-WALKING",
            "topics[0].topic: expected the id of a topic (backward-pedaling, backward-walking, "
            "reverse-treadmill-walking) but got 'BACKWARD-WALKING'; did you mean "
            "'backward-walking'?",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 2\n    speed_mph: 1\n    speed_kmh: 1.6\n",
            "topics[0].speed_kmh: expected one speed but got both speed_mph and speed_kmh; "
            "keep one",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 1.0000001\n",
            "topics[0].minutes: expected a number with at most 2 decimal places (minutes) "
            "but got 1.0000001",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 2\n    speed_mph: 3.9999999\n",
            "topics[0].speed_mph: expected a number with at most 1 decimal place (mph) "
            "but got 3.9999999",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 2\n    incline_percent: 0.00001\n",
            "topics[0].incline_percent: expected a number with at most 1 decimal place "
            "(% incline) but got 0.00001",
        ),
        (
            "paper: letter",
            "paper: legal",
            "paper: expected one of letter, a4 but got text 'legal'",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 1_5\n",
            "topics[0].minutes: expected a number from 0.5 to 60 (minutes) but got 1_5; "
            "write numbers with digits only, and a point for decimals (did you mean 1.5 or 15?)",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 2_0.5\n",
            "topics[0].minutes: expected a number from 0.5 to 60 (minutes) but got 2_0.5; "
            "write numbers with digits only, and a point for decimals (did you mean 20.5?)",
        ),
        (
            "    sessions_per_week: 3\n    hand_support",
            "    sessions_per_week: 1_4\n    hand_support",
            "topics[0].sessions_per_week: expected a whole number from 1 to 14 "
            "(sessions a week) but got 1_4; write numbers with digits only (did you mean 14?)",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 1.5e+1\n",
            "topics[0].minutes: expected a number from 0.5 to 60 (minutes) but got 1.5e+1; "
            "write numbers with digits and a point only (did you mean 15?)",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 2\n    speed_mph: 1e0\n",
            "topics[0].speed_mph: expected a number from 0.1 to 4 (mph) but got 1e0; "
            "write numbers with digits and a point only (did you mean 1?)",
        ),
        (
            "    minutes: 2\n",
            "    minutes: 1.0e+400\n",
            "topics[0].minutes: expected a number from 0.5 to 60 (minutes) but got 1.0e+400; "
            "write numbers with digits and a point only",
        ),
        (
            "large_print: false",
            "large_print: yes",
            "large_print: expected true or false but got yes; write true or false",
        ),
        (
            "large_print: false",
            "large_print: Off",
            "large_print: expected true or false but got Off; write true or false",
        ),
    ],
)
def test_dosage_is_validated_with_located_errors(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = tmp_path / "rx.yaml"
    text = EXAMPLE.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ContentError) as caught:
        load_prescription(path, SHIPPED)
    messages = [f"{p.path}: {p.message}" for p in caught.value.problems]
    assert messages == [expected]
    assert caught.value.problems[0].line > 0


def test_prescribed_numbers_print_as_written_with_units_that_agree(tmp_path: Path) -> None:
    path = tmp_path / "rx.yaml"
    text = EXAMPLE.read_text()
    text = text.replace("    minutes: 2\n", "    minutes: 1.0\n    speed_kmh: 2.50\n")
    text = text.replace("    minutes: 5\n", "    minutes: 0.75\n    incline_percent: 0.5\n")
    path.write_text(text)
    data = program_pdf(load_prescription(path, SHIPPED), SHIPPED)
    text = text_of(data)
    # A US clinic's program says mph: 2.5 km/h is 1.55 mph, to a tenth as a treadmill shows it.
    assert "Your plan: 1.6 mph; 1 minute each time; 3 times a week;" in text
    metric = pdf.render(
        outline.program(load_prescription(path, SHIPPED), SHIPPED, catalogue("en", metric=True)),
        PdfOptions(),
    )
    assert "Your plan: 2.5 km/h; 1 minute each time; 3 times a week;" in text_of(metric)
    assert (
        "Your plan: level 1 (lowest); 0.75 minutes each time; 3 times a week; 0.5% incline." in text
    )
    assert "How long 0.75 minutes each time" in text and "Incline 0.5%" in text
    fields = pypdf.PdfReader(io.BytesIO(data)).get_fields() or {}
    assert fields["backward-walking.plan.minutes"]["/V"] == "1"
    assert fields["backward-pedaling.plan.minutes"]["/V"] == "0.75"


@pytest.mark.parametrize(
    ("value", "printed"), [(1e-05, "0.00001"), (60.0, "60"), (1.25, "1.25"), (4.0, "4")]
)
def test_numbers_never_print_in_exponent_notation(value: float, printed: str) -> None:
    assert plain_number(value) == printed


@pytest.mark.parametrize(
    ("large", "sessions", "pages"), [(True, 3, 5), (True, 7, 13), (False, 7, 4)]
)
def test_log_header_words_are_whole_and_weeks_stay_on_one_page(
    tmp_path: Path, large: bool, sessions: int, pages: int
) -> None:
    path = tmp_path / "rx.yaml"
    text = EXAMPLE.read_text().replace("sessions_per_week: 3", f"sessions_per_week: {sessions}")
    path.write_text(text.replace("large_print: false", f"large_print: {str(large).lower()}"))
    data = program_pdf(load_prescription(path, SHIPPED), SHIPPED)
    # A line for every prescribed session: both topics', each week.
    per_week = 2 * sessions
    reader = pypdf.PdfReader(io.BytesIO(data))
    log_pages = [
        page
        for page in reader.pages
        if any(a.get_object()["/T"].startswith("log.") for a in page.get("/Annots", []))
    ]
    weeks, seen = [], []
    for page in log_pages:
        words = set(page.extract_text().split())
        header = {"Week", "Date", "Exercise", "Your", "target", "Minutes", "done", "Effort"}
        assert header <= words, header - words
        rows = {
            int(annot.get_object()["/T"].split(".")[1])
            for annot in page.get("/Annots", [])
            if annot.get_object()["/T"].startswith("log.")
        }
        seen += sorted(rows)
        weeks.append(sorted({(row - 1) // per_week + 1 for row in rows}))
        if sessions <= 3 and not large:  # a short week is never split across pages
            assert len(rows) == per_week * len(weeks[-1]), (weeks, rows)
        # In large print a week splits rather than leave a page less than a third full; the
        # page it goes on to says its number again in the first row.
        first_row = page.extract_text().split("Notes", 1)[1].split()
        assert first_row[0] == str(weeks[-1][0]), first_row[:3]
    assert seen == list(range(1, 4 * per_week + 1))
    assert len(log_pages) == pages


def test_roster_builds_good_rows_reports_bad_ones_and_merges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "roster.csv").write_text(
        ROSTER_HEADER
        + "pt-001,Ann Bee,2026-11-20,Alex Rivera,555-0100,backward-walking,2,3,,light touch,\n"
        + "pt-002,Cy Dee,2026-11-20,Alex Rivera,555-0100,backward-pedaling,ten,3,,,\n"
        + ",Eve Eff,2026-11-20,Alex Rivera,555-0100,reverse-treadmill-walking,5,2,0.8,two hands,\n"
    )
    assert cli.main(["--roster", "roster.csv"]) == 1
    err = capsys.readouterr().err
    assert (
        "roster.csv:3:7: minutes: expected a number from 0.5 to 60 (minutes) but got text 'ten'"
        in err
    )
    assert "1 roster row had problems and was skipped" in err
    assert "Ann Bee" not in err and "Eve Eff" not in err  # only file names reach the terminal
    folder = tmp_path / "build" / "roster"
    assert sorted(p.name for p in folder.iterdir()) == [
        "eve-eff.pdf",
        "pt-001.pdf",
        "roster-all.pdf",
    ]
    ann = text_of((folder / "pt-001.pdf").read_bytes())
    eve = text_of((folder / "eve-eff.pdf").read_bytes())
    assert "Ann Bee" in ann and "Eve Eff" not in ann and "Cy Dee" not in ann
    assert "Eve Eff" in eve and "Ann Bee" not in eve
    assert "0.8 mph" in eve
    merged = pypdf.PdfReader(folder / "roster-all.pdf")
    single = [len(pypdf.PdfReader(folder / n).pages) for n in ("pt-001.pdf", "eve-eff.pdf")]
    # Printed on both sides, Eve's program starts on a front: a blank back after an odd count.
    assert len(merged.pages) == single[0] + single[0] % 2 + single[1]
    starts = [
        n
        for n, page in enumerate(merged.pages)
        if "Home exercise program for" in page.extract_text()
    ]
    assert starts == [0, single[0] + single[0] % 2]
    fields = merged.get_fields() or {}
    assert "pt-001.backward-walking.plan.minutes" in fields
    assert "eve-eff.reverse-treadmill-walking.plan.minutes" in fields


def test_roster_problems_name_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "class.csv"
    path.write_text(ROSTER_HEADER + "pt-9,Al,2026-13-01,,x,backward-walkin,90,3,,firm grip,\n")
    rows, problems = read_roster(path, SHIPPED)
    assert rows == []
    found = [(p.line, p.column, p.path) for p in problems]
    assert found == [
        (2, 3, "date"),
        (2, 4, "clinician"),
        (2, 6, "topics"),
        (2, 7, "minutes"),
        (2, 10, "hand_support"),
    ]
    assert problems[1].message == "expected text but the cell is empty; fill in that column"


def test_roster_with_a_missing_column_builds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "class.csv"
    path.write_text("patient_name,date,topics\nAl,2026-11-20,backward-walking\n")
    rows, problems = read_roster(path, SHIPPED)
    assert rows == []
    assert [str(p) for p in problems] == [
        f"{path}:1:1: expected the columns clinician, minutes, sessions_per_week "
        "but they are missing"
    ]


def test_class_pack_contents_page_numbers_match_the_pages() -> None:
    data = class_pack_pdf(SHIPPED)
    pages = pages_of(data)
    assert pages[0].startswith("Clinic:") and "Contents" in pages[0]
    entries = re.findall(r"\d\. (.+?) (\d+)(?= \d\.| This| Page|$)", pages[0])
    titles = [SHIPPED.topic(t).title for t in SHIPPED.program.topics] + ["Exercise log"]
    assert [title for title, _ in entries] == titles
    for title, number in entries:
        page = pages[int(number) - 1]
        assert title in page[:200], (title, number)
        previous = pages[int(number) - 2]
        assert f"{title} (continued)" not in previous
    fields = pypdf.PdfReader(io.BytesIO(data)).get_fields() or {}
    assert "backward-walking.plan.minutes" in fields and "backward-pedaling.plan.minutes" in fields
    assert any(name.startswith("log.") for name in fields)


@pytest.mark.parametrize(
    ("topic_id", "title"),
    [("reverse-treadmill-walking", "Backward walking"), ("backward-walking", "Exercise log")],
)
def test_class_pack_contents_number_entries_that_share_a_title(topic_id: str, title: str) -> None:
    # Titles need not be unique: each entry must still show its own section's first page.
    topics = tuple(replace(t, title=title) if t.id == topic_id else t for t in SHIPPED.topics)
    content = replace(SHIPPED, topics=topics)
    pages = pages_of(class_pack_pdf(content))
    numbers = [int(n) for n in re.findall(r"\d\. .+? (\d+)(?= \d\.| This| Page|$)", pages[0])]
    summaries = [content.topic(t).summary for t in content.program.topics]
    starts = [
        next(n for n, p in enumerate(pages, 1) if " ".join(s.split()) in p) for s in summaries
    ]
    log = next(n for n, p in enumerate(pages, 1) if "You fill this in: write the date" in p)
    assert numbers == [*starts, log]
    assert len(set(numbers)) == len(numbers)


def test_a_long_roster_file_name_still_gives_a_merged_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        ROSTER_HEADER + "pt-001,Ann Bee,2026-11-20,Alex Rivera,555-0100,backward-walking,2,3,,,\n"
    )
    rows, _ = read_roster(path, SHIPPED)
    stem = "é" * 120  # 240 bytes: with "-all.pdf" past the 255-byte limit of a file name
    _, merged = programs.roster_jobs(rows, SHIPPED, stem)
    name = merged.rsplit("/", 1)[1]
    assert name == "é" * 50 + "-all.pdf" and len(name.encode()) <= 200


def test_roster_problems_give_the_file_line_after_a_cell_with_line_breaks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "class.csv"
    path.write_text(
        ROSTER_HEADER
        + 'pt-1,Al,2026-11-20,Alex Rivera,555-0100,backward-walking,2,3,,,"Use the rail.\n'
        + 'Go slowly."\n'
        + "pt-2,Bo,2026-11-20,Alex Rivera,555-0100,backward-walking,90,3,,,\n"
    )
    rows, problems = read_roster(path, SHIPPED)
    assert [row.number for row in rows] == [2]
    assert [(p.line, p.column, p.path) for p in problems] == [(4, 7, "minutes")]


def test_pages_filled_by_a_long_program_box_are_headed_by_the_program(tmp_path: Path) -> None:
    path = tmp_path / "rx.yaml"
    wide = " ".join(["WWWWWWWWW"] * 30)[:300]
    text = EXAMPLE.read_text().replace("large_print: false", "large_print: true")
    text = text.replace("  contact: 555-0100", f"  contact: {wide}")
    text = text.replace("  name: Alex Rivera, PT", f"  name: {wide}")
    text = text.replace(
        "notes: Walk forward for five minutes first to warm up.", f"notes: {wide} {wide}"
    )
    path.write_text(text)
    pages = pages_of(program_pdf(load_prescription(path, SHIPPED), SHIPPED))
    first_topic = next(i for i, page in enumerate(pages) if "Backward walking Walking" in page)
    assert first_topic >= 1  # the box runs onto page 2
    for page in pages[1 : first_topic + 1]:  # the topic starts under the box
        assert page.startswith("Home exercise program for J. S. (continued)"), page[:80]
    assert pages[first_topic + 1].startswith("Backward walking (continued)")


def test_a_cell_whose_quote_is_never_closed_is_refused_where_it_opens(tmp_path: Path) -> None:
    # Non-strict CSV reads every later row into that cell: other people's names and doses
    # printed in one patient's notes, and no program or message for them.
    path = tmp_path / "class.csv"
    path.write_text(
        ROSTER_HEADER
        + "pt-1,Ann Lee,2026-11-20,Alex Rivera,555-0100,backward-walking,2,3,,,\n"
        + 'pt-2,Ben Cho,2026-11-20,Alex Rivera,555-0100,backward-walking,2,3,,,"Knee brace on\n'
        + "pt-3,Cy Diaz,2026-11-20,Alex Rivera,555-0100,backward-pedaling,4,2,,,\n"
    )
    rows, problems = read_roster(path, SHIPPED)
    assert rows == []
    assert [str(p) for p in problems] == [
        f'{path}:3:11: notes: expected a closing double quote (") in this cell but the file '
        "ends first, so every row after it would be read into this cell; close the quote "
        "or remove it"
    ]


def test_a_quote_inside_a_quoted_cell_must_be_written_twice(tmp_path: Path) -> None:
    path = tmp_path / "class.csv"
    path.write_text(
        ROSTER_HEADER
        + 'pt-1,Ann Lee,2026-11-20,Alex Rivera,555-0100,backward-walking,2,3,,,"Use the\n'
        + 'hall ""rail"""\n'
        + 'pt-2,Ben Cho,2026-11-20,Alex Rivera,555-0100,backward-walking,2,3,,"one "hand",\n'
    )
    rows, problems = read_roster(path, SHIPPED)
    assert rows == []
    assert [str(p) for p in problems] == [
        f'{path}:4:10: hand_support: expected the cell to end at its closing double quote (") '
        'but more text follows; write a quote inside a quoted cell twice ("") or remove it'
    ]


def test_a_roster_saved_with_semicolons_is_read(tmp_path: Path) -> None:
    # Excel in many European languages separates cells with ';' and quotes a cell holding one.
    path = tmp_path / "class.csv"
    path.write_text(
        ROSTER_HEADER.replace(",", ";")
        + "pt-1;Ann Lee;2026-11-20;Alex Rivera;555-0100;"
        + '"backward-walking;reverse-treadmill-walking";'
        + "2;3;0.8;light touch;Use the rail, slowly.\n"
        + "pt-2;Ben Cho;2026-11-20;Alex Rivera;555-0100;backward-walking;1,5;3;;;\n"
        + "pt-3;Cy Diaz;2026-11-20;Alex Rivera;555-0100;backward-walking;backward-pedaling;"
        + "2;3;;;\n"
    )
    rows, problems = read_roster(path, SHIPPED)
    [row] = rows
    assert [dose.topic for dose in row.prescription.topics] == [
        "backward-walking",
        "reverse-treadmill-walking",
    ]
    assert row.prescription.topics[0].notes == "Use the rail, slowly."
    assert [str(p) for p in problems] == [
        f"{path}:3:7: minutes: expected a number from 0.5 to 60 (minutes) but got text '1,5'; "
        "write decimals with a point (1.5)",
        f"{path}:4:12: expected 11 cells but got 12; "
        "is there a semicolon (;) inside a cell without quotes?",
    ]


@pytest.mark.parametrize(("word", "value"), [("TRUE", True), ("True", True), ("FALSE", False)])
def test_true_and_false_may_be_capitalised_as_excel_writes_them(
    tmp_path: Path, word: str, value: bool
) -> None:
    path = tmp_path / "rx.yaml"
    path.write_text(EXAMPLE.read_text().replace("large_print: false", f"large_print: {word}"))
    assert load_prescription(path, SHIPPED).large_print is value
    roster = tmp_path / "class.csv"
    roster.write_text(
        "patient_name,date,clinician,topics,minutes,sessions_per_week,large_print\r\n"
        f"A. B.,2026-11-20,Alex,backward-walking,2,3,{word}\r\n"
    )
    rows, problems = read_roster(roster, SHIPPED)
    assert problems == []
    assert rows[0].prescription.large_print is value


def test_a_number_with_an_underscore_in_a_roster_is_refused(tmp_path: Path) -> None:
    # YAML 1.1 reads 1_5 as 15: a slip for 1.5 would print ten times the dose.
    path = tmp_path / "class.csv"
    path.write_text(ROSTER_HEADER + "pt-1,Al,2026-11-20,Alex,,backward-walking,1_5,3,,,\n")
    rows, problems = read_roster(path, SHIPPED)
    assert rows == []
    assert [str(p) for p in problems] == [
        f"{path}:2:7: minutes: expected a number from 0.5 to 60 (minutes) but got 1_5; "
        "write numbers with digits only, and a point for decimals (did you mean 1.5 or 15?)"
    ]


def test_a_number_with_an_exponent_in_a_roster_is_refused(tmp_path: Path) -> None:
    # hostile-cases/13-minor b: it printed as "15 minutes".
    path = tmp_path / "class.csv"
    path.write_text(ROSTER_HEADER + "pt-1,Al,2026-11-20,Alex,,backward-walking,1.5e+1,3,,,\n")
    rows, problems = read_roster(path, SHIPPED)
    assert rows == []
    assert [str(p) for p in problems] == [
        f"{path}:2:7: minutes: expected a number from 0.5 to 60 (minutes) but got 1.5e+1; "
        "write numbers with digits and a point only (did you mean 15?)"
    ]


def test_text_under_a_column_without_a_name_is_refused_not_dropped(tmp_path: Path) -> None:
    # hostile-cases/10: "IMPORTANT: no stairs" printed nowhere, with exit 0.
    path = tmp_path / "class.csv"
    path.write_text(
        "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week,,\n"
        "pt-1,A,2026-11-20,Dr X,backward-walking,2,3,IMPORTANT: no stairs,x\n"
        "pt-2,B,2026-11-20,Dr X,backward-walking,2,3,,\n"
    )
    rows, problems = read_roster(path, SHIPPED)
    assert [row.number for row in rows] == [3]
    assert [str(p) for p in problems] == [
        f"{path}:2:{column}: expected a column name above this cell but the header row has "
        "none there; name the column (such as notes), or move the text into a named column"
        for column in (8, 9)
    ]


def test_an_empty_column_without_a_name_is_harmless(tmp_path: Path) -> None:
    # Spreadsheets save an empty last column as a trailing comma on every line.
    path = tmp_path / "class.csv"
    path.write_text(
        "patient_name,date,clinician,topics,minutes,sessions_per_week,\r\n"
        "A,2026-11-20,Dr X,backward-walking,2,3,\r\n"
    )
    rows, problems = read_roster(path, SHIPPED)
    assert problems == []
    assert [row.number for row in rows] == [2]


def test_a_byte_that_is_not_utf8_is_located_in_a_cr_only_roster(tmp_path: Path) -> None:
    # hostile-cases/12: old-Mac line endings made this class.csv:1:0.
    header = b"patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week"
    path = tmp_path / "class.csv"
    path.write_bytes(
        header + b"\rpt-1,A,2026-11-20,Dr X,backward-walking,2,3"
        b"\rpt-2,B\xe9,2026-11-20,Dr X,backward-walking,2,3\r"
    )
    rows, problems = read_roster(path, SHIPPED)
    assert rows == []
    assert [str(p) for p in problems] == [
        f"{path}:3:2: patient_name: expected UTF-8 text but got the byte 0xE9; "
        "save the roster as 'CSV UTF-8' in your spreadsheet"
    ]


def test_a_bad_byte_in_a_cell_with_line_breaks_is_located_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "class.csv"
    path.write_bytes(
        b"\xef\xbb\xbfpatient_name,date,clinician,topics,minutes,sessions_per_week,notes\r\n"
        b'A,2026-11-20,X,backward-walking,2,3,"First line\r\nsecond \xff line"\r\n'
    )
    _, problems = read_roster(path, SHIPPED)
    assert [str(p) for p in problems] == [
        f"{path}:3:7: notes: expected UTF-8 text but got the byte 0xFF; "
        "save the roster as 'CSV UTF-8' in your spreadsheet"
    ]


def test_a_bad_cell_is_reported_once_however_many_topics_its_row_has(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shipped.parent / "class.csv").write_text(
        "patient_name,date,clinician,topics,minutes,sessions_per_week\n"
        "A. B.,2026-11-20,Alex,backward-walking;backward-pedaling;reverse-treadmill-walking,90,3\n"
        "C. D.,2026-11-20,Alex,Backward-Walking,2,3\n"
    )
    assert cli.main(["--roster", "class.csv"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "class.csv:2:5: minutes: expected a number from 0.5 to 60 (minutes) but got 90",
        "class.csv:3:4: topics: expected the id of a topic (backward-pedaling, backward-walking, "
        "reverse-treadmill-walking) but got 'Backward-Walking'; did you mean 'backward-walking'?",
        "2 problems in 1 file; nothing was written",
    ]


def test_a_patient_id_used_by_an_earlier_row_is_refused(tmp_path: Path) -> None:
    # Built as p7.pdf, p7-row3.pdf, ..., a person's file name would depend on the row order.
    path = tmp_path / "class.csv"
    path.write_text(
        "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week\n"
        "p7,Ann Lee,2026-11-20,Alex,backward-walking,2,3\n"
        "p7,Ben Cho,2026-11-20,Alex,backward-walking,90,3\n"
        "p8,Cy Diaz,2026-11-20,Alex,backward-walking,4,2\n"
        "p7,Di Eno,2026-11-20,Alex,backward-walking,4,2\n"
    )
    rows, problems = read_roster(path, SHIPPED)
    assert [row.number for row in rows] == [2, 4]
    assert [str(p) for p in problems] == [
        f"{path}:3:1: patient_id: duplicate patient_id 'p7' (first at line 2); "
        "give each person one row and their own id",
        f"{path}:3:6: minutes: expected a number from 0.5 to 60 (minutes) but got 90",
        f"{path}:5:1: patient_id: duplicate patient_id 'p7' (first at line 2); "
        "give each person one row and their own id",
    ]


def _roster_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))


def test_a_roster_build_removes_only_its_own_rows_no_longer_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    header = "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week\n"
    ann = "p1,Ann Lee,2026-11-20,Alex,backward-walking,2,3\n"
    ben = "p3,Ben Cho,2026-11-20,Alex,backward-walking,5,3\n"
    cy = "p2,Cy Diaz,2026-11-20,Alex,backward-walking,4,2\n"  # a bike program needs a resistance
    (tmp_path / "other.csv").write_text(header + "o1,Di Eng,2026-11-20,Alex,backward-walking,2,3\n")
    (tmp_path / "class.csv").write_text(header + ann + ben + cy)
    assert cli.main(["--prescription", str(EXAMPLE), "--roster", "other.csv"]) == 0
    assert cli.main(["--roster", "class.csv"]) == 0
    others = ["programs/pt-0042.pdf", "roster/o1.pdf", "roster/other-all.pdf"]
    assert _roster_files(tmp_path / "build") == sorted(
        [*others, "roster/class-all.pdf", "roster/p1.pdf", "roster/p2.pdf", "roster/p3.pdf"]
    )
    capsys.readouterr()

    (tmp_path / "class.csv").write_text(header + ann + cy)  # Ben left the class
    assert cli.main(["--roster", "class.csv"]) == 0
    assert capsys.readouterr().err == (
        "built 1 file in build (2 unchanged); removed 1 file no longer made: roster/p3.pdf\n"
    )
    mine = ["roster/class-all.pdf", "roster/p1.pdf", "roster/p2.pdf"]
    assert _roster_files(tmp_path / "build") == sorted([*others, *mine])

    # A row with problems is skipped, not withdrawn: nothing is removed until it is fixed.
    (tmp_path / "class.csv").write_text(header + ann + cy.replace(",4,", ",four,"))
    assert cli.main(["--roster", "class.csv"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "built 1 file in build (1 unchanged); 1 roster row had problems and was skipped"
    )
    assert _roster_files(tmp_path / "build") == sorted([*others, *mine])

    # A prescription adds a program; it never removes another one or a roster's files.
    rx = tmp_path / "rx.yaml"
    rx.write_text(EXAMPLE.read_text().replace("id: pt-0042", "id: pt-0043"))
    assert cli.main(["--prescription", str(rx)]) == 0
    assert capsys.readouterr().err == "built 1 file in build\n"
    assert _roster_files(tmp_path / "build") == sorted([*others, *mine, "programs/pt-0043.pdf"])


def test_the_plan_says_times_a_week_and_shows_speed_and_resistance(tmp_path: Path) -> None:
    path = tmp_path / "rx.yaml"
    text = EXAMPLE.read_text().replace("sessions_per_week: 3", "sessions_per_week: 14")
    path.write_text(
        text.replace("resistance: level 1 (lowest)", "resistance: level 1\n    speed_mph: 1")
    )
    data = program_pdf(load_prescription(path, SHIPPED), SHIPPED)
    assert "Times each week:" in text_of(data) and "Days each week" not in text_of(data)
    fields = pypdf.PdfReader(io.BytesIO(data)).get_fields() or {}
    assert fields["backward-pedaling.plan.days"]["/V"] == "14"
    assert fields["backward-pedaling.plan.speed"]["/V"] == "1 mph; level 1"


def test_a_clinicians_notes_keep_their_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "rx.yaml"
    notes = "notes: |\n  Warm up first.\n  - Mon: walk\n  - Wed: bike\n\n  Then rest.\n"
    text = EXAMPLE.read_text().replace(
        "notes: Walk forward for five minutes first to warm up.\n", notes
    )
    path.write_text(text)
    prescription = load_prescription(path, SHIPPED)
    assert prescription.notes == "Warm up first.\n- Mon: walk\n- Wed: bike\nThen rest."
    data = program_pdf(prescription, SHIPPED)
    lines = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().splitlines()
    assert "- Mon: walk" in lines and "- Wed: bike" in lines and "Then rest." in lines


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_row_that_cannot_be_drawn_is_reported_and_every_other_row_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    # A bug of ours in drawing one person's program (a reportlab LayoutError, say): that row
    # is a located problem, left out of the merged file too, and the other rows are built,
    # with worker processes (six rows are enough to start them) and without.
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    header = "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week\n"
    ids = ["p1", "p2", "p3", "p4", "p5", "p6"]
    rows = "".join(f"{i},Name {i},2026-11-20,Alex,backward-walking,2,3\n" for i in ids)
    (tmp_path / "class.csv").write_text(header + rows)
    draw = pdf.render

    def fails_for_p4(handout: object, *args: object, **kwargs: object) -> bytes:
        if handout.meta.title.endswith("Name p4"):  # type: ignore[attr-defined]
            raise ValueError("Flowable too large\non page 2")
        return draw(handout, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "render", fails_for_p4)
    assert cli.main(["--roster", "class.csv", "--jobs", jobs]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "class.csv:5:1: the program for this row could not be drawn: ValueError: Flowable "
        "too large on page 2; this is a bug in handouts, please report it "
        "(HANDOUTS_DEBUG=1 shows the details)",
        "built 6 files in build; 1 roster row had problems and was skipped",
    ]
    folder = tmp_path / "build" / "roster"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["class-all.pdf", *(f"{i}.pdf" for i in ids if i != "p4")]
    )
    merged = pypdf.PdfReader(folder / "class-all.pdf")
    single = [len(pypdf.PdfReader(folder / f"{i}.pdf").pages) for i in ids if i != "p4"]
    assert len(merged.pages) == sum(n + n % 2 for n in single[:-1]) + single[-1]  # duplex
    people = {name.split(".")[0] for name in merged.get_fields() or {}}
    assert people == {"p1", "p2", "p3", "p5", "p6"}

    # Fixed: the next build draws that row and merges everyone again.
    monkeypatch.setattr(pdf, "render", draw)
    assert cli.main(["--roster", "class.csv", "--jobs", jobs]) == 0
    assert capsys.readouterr().err == "built 2 files in build (5 unchanged)\n"
    merged = pypdf.PdfReader(folder / "class-all.pdf")
    assert {name.split(".")[0] for name in merged.get_fields() or {}} == set(ids)


def test_a_roster_none_of_whose_rows_can_be_drawn_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "class.csv").write_text(
        ROSTER_HEADER + "p1,A,2026-11-20,Al,,backward-walking,2,3,,,\n"
    )

    def fails(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("no")

    monkeypatch.setattr(pdf, "render", fails)
    assert cli.main(["--roster", "class.csv"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "class.csv:2:1: the program for this row could not be drawn: RuntimeError: no; this "
        "is a bug in handouts, please report it (HANDOUTS_DEBUG=1 shows the details)",
        "1 problem in 1 file; nothing was written",
    ]
    assert not (tmp_path / "build").exists()


def test_a_roster_of_mixed_languages_builds_each_row_in_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "class.csv").write_text(
        "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week,speed_mph,"
        "language\n"
        "pt-1,Ana,2026-11-20,Dr Ruiz,reverse-treadmill-walking,1,1,0.8,es\n"
        "pt-2,Bob,2026-11-20,Dr Ruiz,reverse-treadmill-walking,1,1,0.8,\n"
        "pt-3,Cruz,2026-11-20,Dr Ruiz,reverse-treadmill-walking,1,1,0.8,ES\n"
    )
    assert cli.main(["--quiet", "--roster", "class.csv"]) == 0
    folder = tmp_path / "build" / "roster"
    for name, lang, words in (
        ("pt-1", "es-US", ("Programa de ejercicios en casa para Ana", "1 minuto cada vez")),
        ("pt-2", "en-US", ("Home exercise program for Bob", "1 minute each time")),
        ("pt-3", "es-US", ("Programa de ejercicios en casa para Cruz", "una vez a la semana")),
    ):
        data = (folder / f"{name}.pdf").read_bytes()
        assert pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == lang
        text = text_of(data)
        assert all(w in text for w in words), name
        english = "Home exercise program" in text or "Exercise log" in text
        assert english == (lang == "en-US"), name
    merged = text_of((folder / "class-all.pdf").read_bytes())
    assert "Registro de ejercicio de Ana" in merged and "Exercise log for Bob" in merged


# -- languages -------------------------------------------------------------------------------


def test_a_roster_row_in_en_es_gets_both_programs_back_to_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handouts import pdfua

    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    header = ROSTER_HEADER.replace("notes\n", "notes,language\n")
    row = "Alex Rivera,555-0100,backward-walking,2,3,,light touch,"
    (tmp_path / "roster.csv").write_text(
        header
        + f"pt-en,Ann Bee,2026-11-20,{row},\n"
        + f"pt-es,Cy Dee,2026-11-20,{row},es\n"
        + f'pt-both,Eve Eff,2026-11-20,{row},"en,es"\n'
        + f"pt-first,Flo Gee,2026-11-20,{row},ES,EN\n",  # unquoted: one cell too many
        encoding="utf-8",
    )
    assert cli.main(["--quiet", "--roster", "roster.csv"]) == 1
    folder = tmp_path / "build" / "roster"
    assert sorted(p.name for p in folder.iterdir()) == [
        "pt-both.pdf",
        "pt-en.pdf",
        "pt-es.pdf",
        "roster-all.pdf",
    ]
    people = {"en": "Ann Bee", "es": "Cy Dee", "both": "Eve Eff"}
    english, spanish, both = (
        [
            page.replace(person, "NAME").replace(f"(pt-{n})", "(ID)")
            for page in pages_of((folder / f"pt-{n}.pdf").read_bytes())
        ]
        for n, person in people.items()
    )
    assert "Is this for you?" in " ".join(english) and "¿Es para usted?" not in " ".join(english)
    assert "¿Es para usted?" in " ".join(spanish) and "Is this for you?" not in " ".join(spanish)
    # The bilingual file: the whole English program, then the whole Spanish one.
    assert both == english + [""] * (len(english) % 2) + spanish
    data = (folder / "pt-both.pdf").read_bytes()
    assert pdfua.check(data) == []
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata.title == (
        "Home exercise program for Eve Eff / Programa de ejercicios en casa para Eve Eff"
    )
    tops = [
        (item.title, reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]
    start = len(english) + len(english) % 2 + 1
    assert tops == [
        ("Home exercise program for Eve Eff", 1),
        ("Programa de ejercicios en casa para Eve Eff", start),
    ]
    fields = reader.get_fields() or {}
    assert {"pt-both.en-US.log.1.date", "pt-both.es-US.log.1.date"} <= set(fields)
    merged = pages_of((folder / "roster-all.pdf").read_bytes())
    assert len(merged) == sum(len(p) + len(p) % 2 for p in (english, spanish, both)) - len(both) % 2


def test_a_program_in_two_languages_or_one_unknown(tmp_path: Path) -> None:
    path = tmp_path / "rx.yaml"
    path.write_text(EXAMPLE.read_text() + "language: es,en\n")
    prescription = load_prescription(path, SHIPPED)
    assert prescription.language.codes == ("es", "en")
    path.write_text(EXAMPLE.read_text() + "language: en-es\n")
    with pytest.raises(ContentError) as caught:
        load_prescription(path, SHIPPED)
    assert [p.message for p in caught.value.problems] == [
        "expected en (English) or es (Spanish), or both separated by a comma (en,es), but got "
        "'en-es'; did you mean 'en,es'?"
    ]


def test_the_merged_roster_file_keeps_each_programs_bookmarks_tags_and_front_sides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pikepdf

    from handouts import pdfua

    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    row = "2026-11-20,Dr R,backward-walking,2,3"
    (tmp_path / "class.csv").write_text(
        "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week,language\n"
        f"pt-1,Ana,{row},es\n"
        f'pt-2,Bo,{row},"en, es"\n'
        f"pt-3,Cy,{row},\n"
    )
    assert cli.main(["--quiet", "--roster", "class.csv"]) == 0
    folder = tmp_path / "build" / "roster"
    merged = folder / "class-all.pdf"
    assert pdfua.check(merged.read_bytes()) == []
    lengths = [len(pypdf.PdfReader(folder / f"pt-{n}.pdf").pages) for n in (1, 2, 3)]
    starts = [1, 1 + lengths[0] + lengths[0] % 2]
    starts.append(starts[1] + lengths[1] + lengths[1] % 2)
    with pikepdf.open(merged) as pdf:
        assert len(pdf.pages) == starts[2] + lengths[2] - 1
        assert str(pdf.docinfo.Title) == "class-all" and pdf.Root.PageMode == "/UseOutlines"
        pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:
            tree = [
                (
                    top.title,
                    pages[top.destination[0].objgen],
                    top.is_closed,
                    [(kid.title, pages[kid.destination[0].objgen]) for kid in top.children],
                )
                for top in outline.root
            ]
    assert [t[:3] for t in tree] == [
        ("Programa de ejercicios en casa para Ana", starts[0], True),
        ("Home exercise program for Bo / Programa de ejercicios en casa para Bo", starts[1], True),
        ("Home exercise program for Cy", starts[2], True),
    ]
    assert tree[0][3] == [
        ("Caminar hacia atrás", starts[0]),
        ("Registro de ejercicio de Ana", starts[0] + lengths[0] - 1),
    ]
    assert [title for title, _ in tree[1][3]] == [
        "Home exercise program for Bo",
        "Programa de ejercicios en casa para Bo",
    ]
    assert tree[1][3][0][1] == starts[1] and tree[1][3][1][1] % 2 == 1  # each on a front side
    assert tree[2][3] == [
        ("Backward walking", starts[2]),
        ("Exercise log for Cy", starts[2] + lengths[2] - 1),
    ]
    # Printed on both sides, nobody's first page is on the back of another's last.
    assert all(start % 2 == 1 for start in starts)
    texts = pages_of(merged.read_bytes())
    for start, length in zip(starts, lengths, strict=True):
        if length % 2 and start + length - 1 < len(texts):
            assert texts[start + length - 1] == ""  # the blank back of an odd program
