"""What each PDF says, in which order: a topic's handout, a class pack, a patient's program."""

from __future__ import annotations

import re

from handouts import __version__
from handouts.model import Content, Dose, Level, Muscle, Prescription, Program, Topic, plain
from handouts.outline import words
from handouts.outline.blocks import (
    Block,
    Checklist,
    Contents,
    Dosage,
    Heading,
    Intro,
    Labelled,
    Log,
    MuscleRow,
    MuscleTable,
    PlanFields,
    Points,
    ProgramIntro,
    Rating,
    Safety,
    WriteIn,
)
from handouts.outline.document import Brand, Footer, Handout, Meta, PageWords, Part
from handouts.text import run_on

LOG_WEEKS = 4
"""Weeks covered by the exercise log."""
LOG_MOST = 12
"""Most lines a week in a program's log: a week fits under the log's heading in large print."""
CLASS_LOG_PER_WEEK = 3
"""Lines a week in a class pack's log: one for each exercise of a three-topic class."""

DISCLAIMER = "**This handout does not replace advice from your own clinician.**"
"""The first line of every page's footer."""


def brand(content: Content) -> Brand:
    """Return the clinic's branding as every document carries it."""
    branding = content.branding
    colors = branding.colors
    return Brand(
        branding.clinic_name, branding.contact_line, colors.primary, colors.accent, content.logo
    )


def author(content: Content) -> str:
    """Name the author of a document: the clinic, or this tool when there is no clinic."""
    return content.branding.clinic_name or "handouts"


PAGE_WORDS = PageWords(
    clinic=WriteIn("header.clinic", "Clinic:", tooltip="Clinic"),
    phone=WriteIn("header.phone", "Phone:", tooltip="Phone"),
    clinician=WriteIn("header.clinician", "Clinician:", tooltip="Clinician"),
    continued=" (continued)",
    page_of="Page {page} of {pages}",
)
"""What every PDF's page furniture prints."""


def short_name(name: str) -> str:
    """Name a muscle on a chart bar: a long name ending in brackets keeps what is in them.

    ``Tibialis anterior (front of shin)`` stays whole; a name over 40 letters ending in
    brackets keeps the brackets' plain words, which say where the muscle is.
    """
    ending = re.search(r"\(([^()]*[^()\s][^()]*)\)\s*$", name)
    if len(name) <= 40 or ending is None:
        return name
    place = ending.group(1).strip()
    return place[:1].upper() + place[1:]


def _rating(level: Level) -> Rating:
    return Rating(level.rank, level.label)


def muscle_rows(topic: Topic) -> tuple[MuscleRow, ...]:
    """Return the muscle table's rows."""
    return tuple(_muscle_row(m, topic) for m in topic.activation.muscles)


def _muscle_row(muscle: Muscle, topic: Topic) -> MuscleRow:
    return MuscleRow(
        name=muscle.name,
        short_name=short_name(plain(muscle.name)),
        forward=_rating(muscle.forward),
        backward=_rating(muscle.backward),
        role=words.cited(muscle.role, topic),
    )


def muscle_table(topic: Topic) -> MuscleTable:
    """Return the muscle table of a topic."""
    return MuscleTable(
        heading=Heading("Muscles it works", "muscles"),
        columns=("Muscle group", "Forward", "Backward", "What it does going backward"),
        rows=muscle_rows(topic),
        key="Filled boxes show how hard each muscle works, from 1 box (low) to 5 (high).",
        basis=words.cited(topic.activation.basis, topic),
        levels=tuple(level.label for level in Level),
    )


def safety(topic: Topic) -> Safety:
    """Return a topic's safety callout."""
    return Safety(
        Heading("Safety: read before you start", "precautions"),
        words.safety_groups(topic),
        see_previous="(see previous slide)",
    )


def _plan_fields(dose: Dose | None) -> PlanFields:
    speed = "; ".join(x for x in (dose.speed, dose.resistance) if x) if dose else ""
    return PlanFields(
        Heading("Your plan", "plan"),
        lines=(
            WriteIn("plan.minutes", "Minutes each time:", words.plain_minutes(dose)),
            WriteIn("plan.speed", "Speed or resistance:", speed),
            # Up to 14 a week (twice a day): times, not days.
            WriteIn("plan.days", "Times each week:", str(dose.sessions_per_week) if dose else ""),
        ),
        questions=WriteIn("plan.questions", "Questions for your clinician"),
    )


def topic_blocks(topic: Topic, dose: Dose | None = None) -> tuple[Block, ...]:
    """Return what a topic's pages say, in reading order; ``dose`` personalises them."""
    cite = words.cited
    equipment = run_on(topic.equipment)
    return (
        Intro(
            Heading(topic.title, "title"),
            topic.summary,
            Labelled("You will need:", equipment + ".") if equipment else None,
            Labelled("Your plan:", words.plan_sentence(dose)) if dose else None,
        ),
        muscle_table(topic),
        Points(
            Heading("How it can help", "benefits"),
            tuple(cite(s, topic) for s in topic.benefits),
            columns=True,
        ),
        Points(
            Heading("How to do it", "steps"),
            tuple(cite(s, topic) for s in topic.steps),
            marks="number",
        ),
        Dosage(words.dosage_rows(topic, dose)),
        Checklist(
            Heading("Getting started checklist", "checklist"),
            tuple(cite(s, topic) for s in topic.checklist),
        ),
        safety(topic),
        _plan_fields(dose),
    )


def short_title(title: str, limit: int = 48) -> str:
    """Shorten a source title for the footer: up to its first colon or question, then words."""
    for mark in (":", "?"):
        head, found, _ = title.partition(mark)
        if found and len(head) >= 12:
            title = head + ("?" if mark == "?" else "")
            break
    if len(title) <= limit:
        return title
    space = title.rfind(" ", 0, limit - 1)
    return title[: space if space > 0 else limit - 1].rstrip(",;") + "…"


def topic_footer(topic: Topic) -> Footer:
    """Return the foot of a topic's pages: the disclaimer, its sources, its review dates."""
    sources = "; ".join(
        f"[{n}] {short_title(s.title)}" for n, s in enumerate(topic.sources, start=1)
    )
    review = topic.review
    return Footer(
        DISCLAIMER,
        f"Sources: {sources}",
        f"Reviewed {words.date(review.reviewed_on)}, "
        f"next review due {words.date(review.review_due)}",
    )


def topic_part(topic: Topic, dose: Dose | None = None) -> Part:
    """Return a topic's part of a document."""
    return Part(topic.title, topic_blocks(topic, dose), topic_footer(topic), topic.id)


def _log_part(per_week: int, name: str | None) -> Part:
    who = f" for {name}" if name is not None else ""
    log = Log(
        # The patient's name exactly as typed: its ** are not bold marks.
        Heading(f"Exercise log{who}", "log", literal=True),
        "Write one line for each exercise, each time you do it. Effort: 0 is no effort "
        "and 10 is the hardest you can work. Pain: 0 is no pain and 10 is the worst pain "
        "you can imagine. If pain is sharp, or gets worse from one session to the next, "
        "stop and contact your clinician.",
        columns=(
            "Week",
            "Date",
            "Exercise",
            "Minutes",
            "Speed or level",
            "Effort 0–10",
            "Pain 0–10",
            "Notes",
        ),
        fields=("date", "exercise", "minutes", "speed", "effort", "pain", "notes"),
        weeks=LOG_WEEKS,
        per_week=per_week,
        tooltip="Week {week}, line {line}: {column}",
    )
    return Part("Exercise log", (log,), Footer(DISCLAIMER, None, None), "log")


def _meta(
    title: str,
    subject: str,
    content: Content,
    topics: tuple[Topic, ...],
    *,
    literal: bool = False,
) -> Meta:
    """Describe a document; ``literal``: its title holds a name, printed exactly as typed."""
    muscles = dict.fromkeys(m.name for t in topics for m in t.activation.muscles)
    return Meta(
        title=title if literal else plain(title),
        subject=plain(subject),
        author=author(content),
        keywords=("exercise handout", *(plain(t.title) for t in topics), *muscles),
        lang=words.LANG,
        creator=f"handouts {__version__}",
    )


def topic_handout(topic: Topic, content: Content) -> Handout:
    """Return a topic's patient handout."""
    return Handout(
        _meta(topic.title, topic.summary, content, (topic,)),
        brand(content),
        PAGE_WORDS,
        opening=(),
        opening_title=topic.title,
        parts=(topic_part(topic),),
    )


def class_pack(program: Program, content: Content) -> Handout:
    """Return a class pack: a cover with contents, each topic's handout, an exercise log."""
    topics = tuple(content.topic(t) for t in program.topics)
    parts = (*(topic_part(t) for t in topics), _log_part(CLASS_LOG_PER_WEEK, None))
    cover = Contents(
        Heading(program.title, "cover"),
        program.summary,
        "Class pack: a handout for each exercise we practise in class, and an exercise log "
        "to fill in at home. Tick the checklists and write your plan on each handout.",
        "Contents",
        "Page",
        tuple(f"{n}. {part.title}" for n, part in enumerate(parts, start=1)),
    )
    return Handout(
        _meta(f"{program.title}: class pack", program.summary, content, topics),
        brand(content),
        PAGE_WORDS,
        opening=(cover,),
        opening_title=program.title,
        parts=parts,
        contents=True,
        opening_footer=Footer(DISCLAIMER, None, None),
    )


def program(prescription: Prescription, content: Content) -> Handout:
    """Return a patient's program: their box, each topic at their dose, a 4-week log."""
    patient = prescription.patient
    who = patient.name + (f" ({patient.id})" if patient.id else "")
    clinician = prescription.clinician
    by = clinician.name + (f", {clinician.contact}" if clinician.contact else "")
    intro = ProgramIntro(
        f"Home exercise program for {who}",
        f"From {by}. Date: {words.date(prescription.date)}.",
        Labelled("Notes:", prescription.notes) if prescription.notes else None,
    )
    topics = tuple(content.topic(d.topic) for d in prescription.topics)
    # One line each time an exercise is done: every topic's sessions, up to LOG_MOST a week.
    per_week = min(max(sum(d.sessions_per_week for d in prescription.topics), 2), LOG_MOST)
    parts = (
        *(topic_part(t, d) for t, d in zip(topics, prescription.topics, strict=True)),
        _log_part(per_week, patient.name),
    )
    title = f"Home exercise program for {patient.name}"
    return Handout(
        _meta(title, ", ".join(t.title for t in topics), content, topics, literal=True),
        brand(content),
        PAGE_WORDS,
        opening=(intro,),
        opening_title=title,
        parts=parts,
        opening_literal=True,
    )
