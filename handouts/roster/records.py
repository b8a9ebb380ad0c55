"""Read CSV records strictly, and say which cell a bad byte or a broken quote is in."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from handouts.errors import Problem
from handouts.load import position

# What ends a line for the csv module (io's newline=""): CR LF, CR alone (old Macs), LF.
_CSV_BREAK = re.compile(r"\r\n|[\r\n]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept by surrogateescape


def bad_byte(file: str, text: str) -> Problem:
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
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)):
            for cell, value in enumerate(record, start=1):
                if _ESCAPED_BYTE.search(value):
                    name = names[cell - 1] if cell <= len(names) else ""
                    return Problem(file, line, cell, name, message)
            names = names or [h.strip() for h in record]
    except csv.Error:  # a broken quote before it: the line alone must do
        pass
    return Problem(file, line, 0, "", message)  # pragma: no cover - every byte is in a cell


def sniff_delimiter(text: str) -> str:
    """Return what separates the cells: ';' when the header line has it and no comma.

    Excel saves "CSV" with semicolons where the comma is the decimal mark (much of Europe).
    """
    header = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    return ";" if ";" in header and "," not in header else ","


class Malformed(Exception):
    """The CSV cannot be read past a record; nothing after it can be trusted."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        """The line the record that cannot be read starts on."""
        self.reason = reason
        """What the csv module said."""


def read_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield each record with the line it starts on; raise Malformed at a broken quote.

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
            raise Malformed(line, str(exc)) from exc
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


def malformed_problem(
    file: str, text: str, delimiter: str, names: list[str], error: Malformed
) -> Problem:
    """Say where a record cannot be read, naming the cell and its column when found."""
    found = _quote_problem(text, error.line, delimiter)
    if found is None:  # pragma: no cover - strict mode fails only on quotes
        return Problem(file, error.line, 1, "", f"expected CSV but {error.reason}")
    cell, message = found
    column = names[cell - 1] if cell <= len(names) else ""
    return Problem(file, error.line, cell, column, message)
