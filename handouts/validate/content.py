"""Load a whole content folder: every topic, the program and the branding."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import ContentError, Problem
from handouts.load import display_path, load_file
from handouts.model import (
    Content,
    Topic,
)
from handouts.validate import reading
from handouts.validate.branding import load_branding
from handouts.validate.convert import Converter, convert_document
from handouts.validate.figures import draw_figures
from handouts.validate.messages import INVALID
from handouts.validate.program import PROGRAM_FILE, load_program
from handouts.validate.topic import TOPICS_DIR, check_topic


def load_content(content_dir: Path) -> Content:
    """Load and validate a whole content folder; raise ContentError listing every problem."""
    content, problems = load_content_keep_going(content_dir)
    if problems:
        raise ContentError(problems)
    return content


def load_content_keep_going(content_dir: Path) -> tuple[Content, list[Problem]]:
    """Load a content folder, leaving out topics with problems; return them with the problems.

    Raises ContentError only when nothing can be built: the program or branding is wrong,
    or no topic is valid.
    """
    problems: list[Problem] = []
    topics: list[Topic] = []
    read: dict[str, Converter] = {}  # where each valid topic's fields are, for the gate
    # Ids of topics that exist even if invalid, so the program does not report them twice.
    topic_ids: dict[str, str] = {}
    topic_files = sorted((content_dir / TOPICS_DIR).glob("*.yaml"))
    if not topic_files:
        problems.append(
            Problem(
                display_path(content_dir / TOPICS_DIR),
                0,
                0,
                "",
                "expected at least one topic file (*.yaml) in this folder but found none",
            )
        )
    for path in topic_files:
        document, found = load_file(path)
        problems += found
        topic_ids.setdefault(path.stem, display_path(path))
        if document is None:
            continue
        topic, conv = convert_document(document, Topic, cite_numbers=True)
        if topic is not INVALID:
            check_topic(conv, topic, path.stem)
            topic = draw_figures(conv, topic, content_dir)
            if not conv.problems:
                topics.append(topic)
                read[topic.id] = conv
        problems += conv.problems

    shared: list[Problem] = []
    program = load_program(content_dir / PROGRAM_FILE, topic_ids, shared)
    branding = load_branding(content_dir, shared)
    if branding is not None:  # the reading level the clinic holds its text to
        for topic in list(topics):
            found = reading.problems(
                topic, read[topic.id].nodes, read[topic.id].file, branding.reading_level
            )
            if found:
                topics.remove(topic)
                problems += found
    if shared or not topics:
        raise ContentError(problems + shared)
    assert program is not None and branding is not None
    valid = {t.id for t in topics}
    content = Content(
        tuple(sorted(topics, key=lambda t: t.id)),
        program,
        branding,
        content_dir.resolve(),
        tuple(sorted(set(topic_ids) - valid)),
    )
    return content, problems
