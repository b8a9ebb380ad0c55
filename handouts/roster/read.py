"""Read a roster file row by row: good rows become prescriptions, bad cells problems."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import ContentError, Problem
from handouts.load import Document, display_path, read_limited
from handouts.model import Content, Prescription
from handouts.roster.columns import COLUMNS, REQUIRED, for_roster, row_node
from handouts.roster.records import (
    Malformed,
    bad_byte,
    malformed_problem,
    read_records,
    sniff_delimiter,
)
from handouts.validate import prescription_from

MAX_ROSTER_BYTES = 2 * 1024 * 1024
"""Larger rosters are refused: twenty thousand people is far beyond a class."""


@dataclass(frozen=True)
class Row:
    """One valid roster row."""

    number: int
    """Line number in the CSV file (the header is line 1)."""
    prescription: Prescription
    """The person's program."""


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
        return [], [bad_byte(file, data.decode("utf-8-sig", errors="surrogateescape"))]
    return _read(file, text, content)


def _read(file: str, text: str, content: Content) -> tuple[list[Row], list[Problem]]:
    delimiter = sniff_delimiter(text)
    records = read_records(text, delimiter)
    try:
        _, header = next(records, (0, None))
    except Malformed as error:
        return [], [malformed_problem(file, text, delimiter, [], error)]
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
    except Malformed as error:
        # Nothing is built: which rows a broken quote took in cannot be known.
        return [], [*problems, malformed_problem(file, text, delimiter, names, error)]
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
    node = row_node(file, line, cells)
    try:
        prescription = prescription_from(Document(file, node), content)
    except ContentError as exc:
        # The dose cells are copied into each of the row's topics: one bad cell would be
        # reported once a topic, at the same place and in the same words.
        found = list(dict.fromkeys(for_roster(p) for p in exc.problems))
        return None, sorted(unnamed + found, key=lambda p: p.column)
    if unnamed:
        return None, unnamed
    return Row(line, prescription), []


_UNNAMED = (
    "expected a column name above this cell but the header row has none there; name the "
    "column (such as notes), or move the text into a named column"
)
