"""Check the class program file: its id and the topics it lists."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import Problem
from handouts.load import display_path, load_file
from handouts.model import Program
from handouts.validate.convert import convert_document
from handouts.validate.messages import INVALID, did_you_mean
from handouts.validate.topic import TOPICS_DIR

PROGRAM_FILE = "program.yaml"
"""The class program, required."""


def load_program(path: Path, topic_ids: dict[str, str], problems: list[Problem]) -> Program | None:
    """Check the class program against the topic files; return None after adding its problems."""
    if not path.exists() and not path.is_symlink():  # a broken link is reported as it is
        problems.append(
            Problem(
                display_path(path),
                0,
                0,
                "",
                "expected a program file but it is missing; see content/README.md",
            )
        )
        return None
    document, found = load_file(path)
    problems += found
    if document is None:
        return None
    program, conv = convert_document(document, Program)
    if program is not INVALID and program.id in topic_ids:
        conv.report(
            conv.nodes["id"],
            "id",
            f"expected an id that no topic uses but got {program.id!r}, a topic's id; "
            "the class files would overwrite that topic's",
        )
    if program is not INVALID:
        seen: dict[str, int] = {}
        for i, topic_id in enumerate(program.topics):
            node = conv.nodes[f"topics[{i}]"]
            if topic_id not in topic_ids:
                conv.report(
                    node,
                    f"topics[{i}]",
                    f"expected the id of a topic in {TOPICS_DIR}/ but got {topic_id!r}"
                    f"{did_you_mean(topic_id, topic_ids)}",
                )
            elif topic_id in seen:
                conv.report(
                    node,
                    f"topics[{i}]",
                    f"duplicate topic {topic_id!r} (also topics[{seen[topic_id]}]); "
                    "list each topic once",
                )
            seen.setdefault(topic_id, i)
    problems += conv.problems
    return None if program is INVALID else program
