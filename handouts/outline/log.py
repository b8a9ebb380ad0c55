"""The exercise log: a line for every session, week by week, and the foot of its pages."""

from __future__ import annotations

from handouts.locale import Catalogue
from handouts.model import Prescription, Topic
from handouts.model.prescription import LOG_WEEKS
from handouts.outline import words
from handouts.outline.blocks import Heading, Log, LogLine, WriteIn
from handouts.outline.document import Footer, Part

CLASS_LOG_PER_WEEK = 3
"""Lines a week in a class pack's log: one for each exercise of a three-topic class."""


def footer(cat: Catalogue, review: str | None = None) -> Footer:
    """Return the foot of a part's pages: the disclaimer, and ``review`` when a topic has one."""
    return Footer(cat.text("footer.disclaimer"), None, review)


LOG_COLUMNS = ("week", "date", "exercise", "target", "minutes", "effort", "pain", "notes")
"""The log's columns (``log.KEY`` in the catalogue): when, what and the target (filled in
where known, the exercise with a box to tick beside it), then how it went."""


def log_part(lines: tuple[LogLine, ...], name: str | None, cat: Catalogue) -> Part:
    """Return the log part: ``name`` is the patient's, or None for a log anyone fills in."""
    t = cat.text
    title = t("log.heading")
    log = Log(
        # The patient's name exactly as typed: its ** are not bold marks.
        Heading(title if name is None else t("log.heading_for", name=name), "log", literal=True),
        # A class log lists every exercise of the class; not every one suits every person.
        t("log.instructions") + ("" if name is not None else f" {t('log.class_only')}"),
        columns=tuple(t(f"log.{column}") for column in LOG_COLUMNS),
        fields=LOG_COLUMNS[1:],
        tick=t("log.done"),
        lines=lines,
        tooltip=t("log.tooltip"),
        name=None
        if name is not None
        else WriteIn("name", t("log.name"), tooltip=t("log.name_tip")),
    )
    return Part(title, (log,), footer(cat), "log")


def class_log_lines(topics: tuple[Topic, ...]) -> tuple[LogLine, ...]:
    """Return a class pack's log: each exercise's sessions, week by week, the target to write."""
    return tuple(
        LogLine(week, topic.short_title)
        for week in range(1, LOG_WEEKS + 1)
        for topic in topics
        for _ in range(CLASS_LOG_PER_WEEK)
    )


def program_log_lines(
    prescription: Prescription, topics: tuple[Topic, ...], cat: Catalogue
) -> tuple[LogLine, ...]:
    """Return a program's log: a line for every prescribed session until the review date.

    Each line names the exercise and that week's target (growing as a weekly progression
    says); the weeks run from the prescription's date to its review date (four weeks when
    none is set).
    """
    weeks = program_weeks(prescription)
    return tuple(
        LogLine(week, topic.short_title, words.target(dose, cat, week))
        for week in range(1, weeks + 1)
        for topic, dose in zip(topics, prescription.topics, strict=True)
        for _ in range(dose.sessions_per_week)
    )


def program_weeks(prescription: Prescription) -> int:
    """Return the weeks a program's log covers: until its review date, else four."""
    return prescription.log_weeks
