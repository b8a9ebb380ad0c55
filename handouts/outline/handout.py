"""What each PDF says, in which order: a topic's handout, a class pack, a patient's program."""

from __future__ import annotations

from dataclasses import replace

from handouts import __version__
from handouts.model import (
    Content,
    Dose,
    Prescription,
    Program,
    Statement,
    Topic,
    plain,
)
from handouts.outline import words
from handouts.outline.blocks import (
    Block,
    Checklist,
    Cited,
    Contents,
    Dosage,
    FirstSteps,
    ForWhom,
    Heading,
    Intro,
    Labelled,
    Log,
    LogLine,
    PlanFields,
    Points,
    ProgramIntro,
    Questions,
    Safety,
    SafetyGroup,
    SourceEntry,
    SourceList,
    WriteIn,
)
from handouts.outline.document import Brand, Footer, Handout, Meta, PageWords, Part

# Moved to ``muscles``; named here still, where the other documents import them from.
from handouts.outline.muscles import muscle_rows as muscle_rows
from handouts.outline.muscles import muscle_table
from handouts.outline.muscles import short_name as short_name

LOG_WEEKS = 4
"""Weeks covered by the exercise log."""
CLASS_LOG_PER_WEEK = 3
"""Lines a week in a class pack's log: one for each exercise of a three-topic class."""

DISCLAIMER = "**This handout does not replace advice from your own therapist or doctor.**"
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
    clinician=WriteIn("header.clinician", "Therapist:", tooltip="Therapist or doctor"),
    continued=" (continued)",
    page_of="Page {page} of {pages}",
)
"""What every PDF's page furniture prints."""


def safety(topic: Topic, dose: Dose | None = None, *, number: str | None = None) -> Safety:
    """Return a topic's safety advice.

    With ``number``, the emergency line and who should not do it come first (a deck's safety
    slide); without, they stand at the top of page 1 and this is the rest of the advice.
    """
    return Safety(
        Heading("Safety: read before you start", "precautions"),
        words.safety_groups(topic, dose, not_for=number is not None),
        see_previous="(see previous slide)",
        emergency=words.emergency(topic, number) if number is not None else None,
    )


def for_whom(topic: Topic) -> ForWhom:
    """Return who the exercise is for, who it can help and who should not do it."""
    return ForWhom(
        Heading("Is this for you?", "for-whom"),
        topic.audience,
        words.group("It can help:", topic.who_benefits, topic),
        words.group(words.NOT_FOR, topic.precautions.do_not_if, topic),
    )


def first_steps(topic: Topic, number: str, dose: Dose | None = None) -> FirstSteps:
    """Return the box before the steps: what to do first, and when to call for help."""
    items = tuple(words.cited(s, topic, dose) for s in topic.precautions.before_you_start)
    return FirstSteps(Heading("Before you start", "before"), items, words.emergency(topic, number))


def source_list(topic: Topic) -> SourceList:
    """Return every source of a topic once, in full, with when it was reviewed."""
    review = topic.review
    return SourceList(
        Heading("Where this comes from", "sources"),
        tuple(SourceEntry(n, s.title, s.note) for n, s in enumerate(topic.sources, start=1)),
        f"Checked by a therapist on {words.date(review.reviewed_on)}; "
        f"next review due {words.date(review.review_due)}.",
    )


def _plan_fields(dose: Dose | None) -> PlanFields:
    speed = "; ".join(x for x in (dose.speed, dose.resistance) if x) if dose else ""
    return PlanFields(
        Heading("Your plan", "plan"),
        lines=(
            WriteIn("plan.minutes", "Minutes each time:", words.plain_minutes(dose)),
            WriteIn("plan.speed", "Speed or setting:", speed),
            # Up to 14 a week (twice a day): times, not days.
            WriteIn("plan.days", "Times each week:", str(dose.sessions_per_week) if dose else ""),
        ),
        questions=WriteIn("plan.questions", "Questions for your therapist or doctor"),
    )


def _statements(items: tuple[Statement, ...], topic: Topic, dose: Dose | None) -> tuple[Cited, ...]:
    return tuple(words.cited(s, topic, dose) for s in items)


def _needs(topic: Topic) -> SafetyGroup | None:
    """Return what is needed, an item a line (a list reads easier than one long sentence)."""
    if not topic.equipment:
        return None
    items = tuple(Cited(item) for item in topic.equipment)
    return SafetyGroup("You will need:", "You will need", items)


def topic_blocks(topic: Topic, number: str, dose: Dose | None = None) -> tuple[Block, ...]:
    """Return what a topic's pages say, in the order a patient needs it.

    What it is and who it is for, then the short safety box with the emergency line (both on
    page 1), then how to do it with one starting dose, then the rest. ``dose`` personalises
    every statement that states a dose; ``number`` is the emergency number.
    """
    printed = tuple(
        (f.question, words.cited(f.answer, topic, dose)) for f in topic.faq if f.handout
    )
    blocks: list[Block] = [
        Intro(
            Heading(topic.title, "title"),
            topic.summary,
            _needs(topic),
            Labelled("Your plan:", words.plan_sentence(dose)) if dose else None,
        ),
        for_whom(topic),
        first_steps(topic, number, dose),
        words.steps(topic, _statements(topic.steps, topic, dose)),
        Dosage(words.dosage_rows(topic, dose)),
        Checklist(
            Heading("Getting started checklist", "checklist"),
            _statements(topic.checklist, topic, dose),
        ),
        safety(topic, dose),
        Points(Heading("Key points", "takeaways"), _statements(topic.takeaways, topic, dose)),
        muscle_table(topic),
        Points(
            Heading("How it can help", "benefits"),
            _statements(topic.benefits, topic, dose),
            columns=True,
        ),
    ]
    if printed:
        blocks.append(Questions(Heading("Questions people ask", "faq"), printed))
    blocks += [_plan_fields(dose), source_list(topic)]
    return tuple(blocks)


def topic_footer(topic: Topic) -> Footer:
    """Return the foot of a topic's pages: the disclaimer and when it was reviewed.

    The sources are listed once, in full, at the end of the topic, not on every page.
    """
    return Footer(DISCLAIMER, None, f"Reviewed {words.date(topic.review.reviewed_on)}")


def topic_part(topic: Topic, number: str, dose: Dose | None = None) -> Part:
    """Return a topic's part of a document."""
    return Part(topic.title, topic_blocks(topic, number, dose), topic_footer(topic), topic.id)


LOG_COLUMNS = (
    "Week",
    "Date",
    "Exercise",
    "Your target",
    "Minutes done",
    "Effort 0–10",
    "Pain 0–10",
    "Notes",
)
"""The log's columns: when, what and the target (filled in where known), then how it went."""


def _log_part(lines: tuple[LogLine, ...], name: str | None) -> Part:
    """Return the log part: ``name`` is the patient's, or None for a log anyone fills in."""
    who = f" for {name}" if name is not None else ""
    log = Log(
        # The patient's name exactly as typed: its ** are not bold marks.
        Heading(f"Exercise log{who}", "log", literal=True),
        "Write one line each time you do an exercise. Effort: 0 is no effort and 10 is the "
        "hardest you can work. Pain: 0 is no pain and 10 is the worst pain you can imagine. "
        "If pain is sharp, or gets worse from one session to the next, stop and contact your "
        "therapist or doctor.",
        columns=LOG_COLUMNS,
        fields=("date", "exercise", "target", "minutes", "effort", "pain", "notes"),
        lines=lines,
        tooltip="Week {week}, line {line}: {column}",
        name=None if name is not None else WriteIn("name", "Name:", tooltip="Your name"),
    )
    return Part("Exercise log", (log,), Footer(DISCLAIMER, None, None), "log")


def class_log_lines(topics: tuple[Topic, ...]) -> tuple[LogLine, ...]:
    """Return a class pack's log: each exercise's sessions, week by week, the target to write."""
    return tuple(
        LogLine(week, topic.title)
        for week in range(1, LOG_WEEKS + 1)
        for topic in topics
        for _ in range(CLASS_LOG_PER_WEEK)
    )


def program_log_lines(prescription: Prescription, topics: tuple[Topic, ...]) -> tuple[LogLine, ...]:
    """Return a program's log: a line for every prescribed session until the review date.

    Each line names the exercise and its target; the weeks run from the prescription's date
    to its review date (four weeks when none is set).
    """
    weeks = program_weeks(prescription)
    return tuple(
        LogLine(week, topic.title, words.target(dose))
        for week in range(1, weeks + 1)
        for topic, dose in zip(topics, prescription.topics, strict=True)
        for _ in range(dose.sessions_per_week)
    )


def program_weeks(prescription: Prescription) -> int:
    """Return the weeks a program's log covers: until its review date, else four."""
    if prescription.review_on is None:
        return LOG_WEEKS
    return max(1, -(-(prescription.review_on - prescription.date).days // 7))


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
        parts=(topic_part(topic, content.branding.emergency_number),),
    )


def class_pack(program: Program, content: Content) -> Handout:
    """Return a class pack: a cover with contents, each topic's handout, an exercise log."""
    topics = tuple(content.topic(t) for t in program.topics)
    number = content.branding.emergency_number
    parts = (*(topic_part(t, number) for t in topics), _log_part(class_log_lines(topics), None))
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
    parts = (
        *(
            topic_part(t, content.branding.emergency_number, d)
            for t, d in zip(topics, prescription.topics, strict=True)
        ),
        _log_part(program_log_lines(prescription, topics), patient.name),
    )
    title = f"Home exercise program for {patient.name}"
    # The header names who prescribed it and how to reach them, whatever the clinic's line.
    header = replace(PAGE_WORDS, clinician=replace(PAGE_WORDS.clinician, value=by))
    return Handout(
        _meta(title, ", ".join(t.title for t in topics), content, topics, literal=True),
        brand(content),
        header,
        opening=(intro,),
        opening_title=title,
        parts=parts,
        opening_literal=True,
    )
