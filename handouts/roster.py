"""Read a roster CSV (one person a row) into prescriptions, reporting bad rows by row and column.

Each row becomes the same node tree a prescription YAML file would, with every cell's
position as its line and column, so one validator serves both and a bad cell reads
``roster.csv:ROW:COL: column: expected ... but got ...``. Good rows are kept when others fail.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.errors import ContentError, Problem
from handouts.load import Document, display_path, position, read_limited
from handouts.model import Content, Prescription
from handouts.validate import prescription_from

MAX_ROSTER_BYTES = 2 * 1024 * 1024
"""Larger rosters are refused: twenty thousand people is far beyond a class."""

COLUMNS: dict[str, str] = {
    "patient_id": "optional clinic id (lower-case letters, digits, hyphens); names the file",
    "patient_name": "name or initials as printed",
    "date": "date prescribed, YYYY-MM-DD",
    "clinician": "clinician's name",
    "clinician_contact": "optional phone or e-mail",
    "topics": "topic ids separated by ';', e.g. backward-walking;backward-pedaling",
    "minutes": "minutes per session (0.5 to 60)",
    "sessions_per_week": "sessions per week (1 to 14)",
    "speed_mph": "optional speed in mph (0.1 to 4)",
    "speed_kmh": "optional speed in km/h (0.2 to 6.5)",
    "resistance": "optional bike resistance in words",
    "incline_percent": "optional treadmill incline (0 to 15)",
    "hand_support": "optional: none, light touch, one hand or two hands",
    "progression": "optional: how and when to do more",
    "notes": "optional notes for every topic",
    "review_on": "optional: when the clinician reviews the program, YYYY-MM-DD, after date",
    "large_print": "optional: true or false",
    "paper": "optional: letter or a4",
}
"""Every column a roster may have, with what it holds (the README table is made from this)."""

REQUIRED = ("patient_name", "date", "clinician", "topics", "minutes", "sessions_per_week")
"""Columns every roster must have."""

_TEXT = {
    "patient_id",
    "patient_name",
    "clinician",
    "clinician_contact",
    "resistance",
    "hand_support",
    "progression",
    "notes",
    "paper",
}
_DOSE = (
    "minutes",
    "sessions_per_week",
    "speed_mph",
    "speed_kmh",
    "resistance",
    "incline_percent",
    "hand_support",
    "progression",
    "notes",
)
_TAG = "tag:yaml.org,2002:"
_RESOLVER = yaml.resolver.Resolver()


@dataclass(frozen=True)
class Row:
    """One valid roster row."""

    number: int
    """Line number in the CSV file (the header is line 1)."""
    prescription: Prescription
    """The person's program."""


def _mark(file: str, line: int, column: int) -> yaml.Mark:
    return yaml.Mark(file, 0, line - 1, column - 1, None, None)


def _scalar(file: str, line: int, column: int, name: str, value: str) -> ScalarNode:
    """Read a cell as YAML would: text columns stay text, others resolve (3 is a number)."""
    text = name in _TEXT
    tag = _TAG + "str" if text else _RESOLVER.resolve(ScalarNode, value, (True, False))
    mark = _mark(file, line, column)
    return ScalarNode(tag, value, mark, mark, style="'" if text else None)


def _mapping(pairs: list[tuple[str, Node]], mark: yaml.Mark) -> MappingNode:
    # Each key sits where its cell is, so a problem inside it points at that column.
    keys = [ScalarNode(_TAG + "str", key, v.start_mark, v.start_mark) for key, v in pairs]
    return MappingNode(
        _TAG + "map", list(zip(keys, (v for _, v in pairs), strict=True)), mark, mark
    )


def _row_node(file: str, line: int, cells: dict[str, tuple[int, str]]) -> MappingNode:
    """Arrange one row's cells as a prescription's fields."""
    start = _mark(file, line, 1)

    def cell(name: str) -> ScalarNode | None:
        if name not in cells or not cells[name][1].strip():
            return None
        column, value = cells[name]
        return _scalar(file, line, column, name, value.strip())

    def fields(pairs: list[tuple[str, str]]) -> list[tuple[str, Node]]:
        found = [(key, cell(column)) for key, column in pairs]
        return [(key, node) for key, node in found if node is not None]

    def column(name: str) -> yaml.Mark:
        return _mark(file, line, cells[name][0]) if name in cells else start

    patient_fields = fields([("name", "patient_name"), ("id", "patient_id")])
    patient = _mapping(patient_fields, column("patient_name"))
    clinician_fields = fields([("name", "clinician"), ("contact", "clinician_contact")])
    clinician = _mapping(clinician_fields, column("clinician"))
    dose_fields = fields([(name, name) for name in _DOSE])
    doses: list[Node] = []
    if "topics" in cells and cells["topics"][1].strip():
        column, value = cells["topics"]
        mark = _mark(file, line, column)
        for topic in (t.strip() for t in value.split(";")):
            if topic:
                topic_node = ScalarNode(_TAG + "str", topic, mark, mark)
                doses.append(_mapping([("topic", topic_node), *dose_fields], mark))
    top: list[tuple[str, Node]] = [("patient", patient), ("clinician", clinician)]
    if doses:
        topics_mark = _mark(file, line, cells["topics"][0])
        top.append(("topics", SequenceNode(_TAG + "seq", doses, topics_mark, topics_mark)))
    top += fields(
        [
            ("date", "date"),
            ("review_on", "review_on"),
            ("large_print", "large_print"),
            ("paper", "paper"),
        ]
    )
    return _mapping(top, start)


def _column_path(path: str) -> str:
    """Name the roster column a field path came from."""
    path = re.sub(r"^topics\[\d+\]\.topic$", "topics", path)
    path = re.sub(r"^topics\[\d+\]\.", "", path)
    return {
        "patient.name": "patient_name",
        "patient.id": "patient_id",
        "clinician.name": "clinician",
        "clinician.contact": "clinician_contact",
        "patient": "patient_name",
        "clinician": "clinician",
    }.get(path, path)


def _for_roster(problem: Problem) -> Problem:
    message = re.sub(r"; add '(\w+):'$", "; fill in that column", problem.message)
    message = message.replace("the field is missing", "the cell is empty")
    return replace(problem, path=_column_path(problem.path), message=message)


def read_roster(path: Path, content: Content) -> tuple[list[Row], list[Problem]]:
    """Read every row; return the valid ones and a problem line for each bad cell."""
    file = display_path(path)
    data, problems = read_limited(path, MAX_ROSTER_BYTES, "split the roster into classes")
    if data is None:
        return [], problems
    csv.field_size_limit(MAX_ROSTER_BYTES)  # the file is already capped at this size
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_bad_byte(file, data.decode("utf-8-sig", errors="surrogateescape"))]
    return _read(file, text, content)


# What ends a line for the csv module (io's newline=""): CR LF, CR alone (old Macs), LF.
_CSV_BREAK = re.compile(r"\r\n|[\r\n]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept by surrogateescape


def _bad_byte(file: str, text: str) -> Problem:
    """Locate the first byte that is not UTF-8 by its line and cell, naming the cell's column."""
    found = _ESCAPED_BYTE.search(text)
    assert found is not None
    line, _ = position(text, found.start(), _CSV_BREAK)
    message = (
        f"expected UTF-8 text but got the byte 0x{ord(found.group()) - 0xDC00:02X}; "
        "save the roster as 'CSV UTF-8' in your spreadsheet"
    )
    names: list[str] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            for cell, value in enumerate(record, start=1):
                if _ESCAPED_BYTE.search(value):
                    name = names[cell - 1] if cell <= len(names) else ""
                    return Problem(file, line, cell, name, message)
            names = names or [h.strip() for h in record]
    except csv.Error:  # a broken quote before it: the line alone must do
        pass
    return Problem(file, line, 0, "", message)  # pragma: no cover - every byte is in a cell


def _delimiter(text: str) -> str:
    """Return what separates the cells: ';' when the header line has it and no comma.

    Excel saves "CSV" with semicolons where the comma is the decimal mark (much of Europe).
    """
    header = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    return ";" if ";" in header and "," not in header else ","


class _Malformed(Exception):
    """The CSV cannot be read past a record; nothing after it can be trusted."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        """The line the record that cannot be read starts on."""
        self.reason = reason
        """What the csv module said."""


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield each record with the line it starts on; raise _Malformed at a broken quote.

    Strict mode matters: without it a quote never closed takes every later row into one
    cell, so other people's details would print in one patient's notes.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        # The line a record starts on: a quoted cell may hold line breaks (Alt+Enter).
        line = reader.line_num + 1
        try:
            record = next(reader, None)
        except csv.Error as exc:
            raise _Malformed(line, str(exc)) from exc
        if record is None:
            return
        yield line, record


def _quote_problem(text: str, line: int, delimiter: str) -> tuple[int, str] | None:
    """Find the cell of the record starting on ``line`` whose quotes are broken.

    Return its cell number and what is wrong, read by the csv module's own rules: a quote
    opens a cell only as its first character, and a doubled quote inside is one quote.
    """
    lines = io.StringIO(text, newline="").readlines()
    i = sum(len(piece) for piece in lines[: line - 1])
    cell, at_start = 1, True
    while i < len(text):
        char = text[i]
        if at_start and char == '"':
            end = i + 1
            while True:
                end = text.find('"', end)
                if end < 0:
                    return cell, _UNCLOSED
                if not text.startswith('"', end + 1):
                    break
                end += 2
            i = end + 1
            if i < len(text) and text[i] not in (delimiter, "\r", "\n"):
                return cell, _STRAY
            at_start = False
            continue
        if char in "\r\n":
            return None  # the record ended without a broken quote
        at_start = char == delimiter
        if at_start:
            cell += 1
        i += 1
    return None


_UNCLOSED = (
    'expected a closing double quote (") in this cell but the file ends first, so every row '
    "after it would be read into this cell; close the quote or remove it"
)
_STRAY = (
    'expected the cell to end at its closing double quote (") but more text follows; '
    'write a quote inside a quoted cell twice ("") or remove it'
)


def _malformed(
    file: str, text: str, delimiter: str, names: list[str], error: _Malformed
) -> Problem:
    """Say where a record cannot be read, naming the cell and its column when found."""
    found = _quote_problem(text, error.line, delimiter)
    if found is None:  # pragma: no cover - strict mode fails only on quotes
        return Problem(file, error.line, 1, "", f"expected CSV but {error.reason}")
    cell, message = found
    column = names[cell - 1] if cell <= len(names) else ""
    return Problem(file, error.line, cell, column, message)


def _read(file: str, text: str, content: Content) -> tuple[list[Row], list[Problem]]:
    delimiter = _delimiter(text)
    records = _records(text, delimiter)
    try:
        _, header = next(records, (0, None))
    except _Malformed as error:
        return [], [_malformed(file, text, delimiter, [], error)]
    if header is None:
        return [], [
            Problem(file, 0, 0, "", "expected a header row of column names but the file is empty")
        ]
    names = [h.strip() for h in header]
    problems = [
        Problem(file, 1, i, h, f"unknown column {h!r}; expected one of: {', '.join(COLUMNS)}")
        for i, h in enumerate(names, start=1)
        if h and h not in COLUMNS
    ]
    problems += [
        Problem(file, 1, i, h, f"duplicate column {h!r}; keep one")
        for i, h in enumerate(names, start=1)
        if h and names.index(h) != i - 1
    ]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        problems.append(
            Problem(
                file, 1, 1, "", f"expected the columns {', '.join(missing)} but they are missing"
            )
        )
    if problems:
        return [], problems
    rows: list[Row] = []
    first_line: dict[str, int] = {}  # each patient id, and the line that first gave it
    try:
        for line, record in records:
            row, found = _row(file, line, record, names, delimiter, content)
            duplicate = _duplicate_id(file, line, record, names, first_line)
            if duplicate is not None:
                row = None
                found = sorted([duplicate, *found], key=lambda p: p.column)
            problems += found
            if row is not None:
                rows.append(row)
    except _Malformed as error:
        # Nothing is built: which rows a broken quote took in cannot be known.
        return [], [*problems, _malformed(file, text, delimiter, names, error)]
    if not rows and not problems:
        problems.append(
            Problem(
                file, 0, 0, "", "expected at least one person but the roster has only its header"
            )
        )
    return rows, problems


def _duplicate_id(
    file: str, line: int, record: list[str], names: list[str], first_line: dict[str, int]
) -> Problem | None:
    """Refuse a patient id an earlier row gave, noting each new one in ``first_line``.

    A roster is one class, one program per person, and the id names the person's file:
    with the id twice, which file is whose would depend on the order of the rows.
    """
    if "patient_id" not in names:
        return None
    column = names.index("patient_id") + 1
    patient_id = record[column - 1].strip() if column <= len(record) else ""
    if not patient_id:
        return None
    if patient_id not in first_line:
        first_line[patient_id] = line
        return None
    message = (
        f"duplicate patient_id {patient_id!r} (first at line {first_line[patient_id]}); "
        "give each person one row and their own id"
    )
    return Problem(file, line, column, "patient_id", message)


def _row(
    file: str, line: int, record: list[str], names: list[str], delimiter: str, content: Content
) -> tuple[Row | None, list[Problem]]:
    """Read one record; return its row, or None and its problems (none for a blank line)."""
    if not any(cell.strip() for cell in record):
        return None, []  # spreadsheets leave blank lines at the end
    if len(record) > len(names):
        separator = "a comma" if delimiter == "," else "a semicolon (;)"
        message = (
            f"expected {len(names)} cells but got {len(record)}; "
            f"is there {separator} inside a cell without quotes?"
        )
        return None, [Problem(file, line, len(names) + 1, "", message)]
    # A blank header cell over an empty column is what spreadsheets save at the end of a
    # row; text under one is a column whose name was lost, never to be dropped unsaid.
    unnamed = [
        Problem(file, line, i + 1, "", _UNNAMED)
        for i, value in enumerate(record)
        if not names[i] and value.strip()
    ]
    cells = {names[i]: (i + 1, value) for i, value in enumerate(record) if names[i]}
    node = _row_node(file, line, cells)
    try:
        prescription = prescription_from(Document(file, node), content)
    except ContentError as exc:
        # The dose cells are copied into each of the row's topics: one bad cell would be
        # reported once a topic, at the same place and in the same words.
        found = list(dict.fromkeys(_for_roster(p) for p in exc.problems))
        return None, sorted(unnamed + found, key=lambda p: p.column)
    if unnamed:
        return None, unnamed
    return Row(line, prescription), []


_UNNAMED = (
    "expected a column name above this cell but the header row has none there; name the "
    "column (such as notes), or move the text into a named column"
)
