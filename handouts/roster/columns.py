"""The roster's columns, and a row turned into the node tree a prescription file would be."""

from __future__ import annotations

import re
from dataclasses import replace

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.errors import Problem

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
    "add_minutes_each_week": "optional: minutes added to each session every week (0.25 to 10)",
    "up_to_minutes": "optional: the most minutes a session grows to (0.5 to 60)",
    "notes": "optional notes for every topic",
    "review_on": "optional: when the clinician reviews the program, YYYY-MM-DD, after date",
    "large_print": "optional: true or false",
    "paper": "optional: letter or a4",
    "language": "optional: en (English, the default), es (Spanish), or en,es for both in one file",
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
    "language",
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
    "add_minutes_each_week",
    "up_to_minutes",
    "notes",
)
_TAG = "tag:yaml.org,2002:"
_RESOLVER = yaml.resolver.Resolver()


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


def row_node(file: str, line: int, cells: dict[str, tuple[int, str]]) -> MappingNode:
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
        [(name, name) for name in ("date", "review_on", "large_print", "paper", "language")]
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


def for_roster(problem: Problem) -> Problem:
    """Reword a prescription problem for a roster: its column, and 'fill in that column'."""
    message = re.sub(r"; add '(\w+):'$", "; fill in that column", problem.message)
    message = message.replace("the field is missing", "the cell is empty")
    return replace(problem, path=_column_path(problem.path), message=message)
