"""What each PDF says, in which order: a topic's handout, a class pack, a patient's program."""

from __future__ import annotations

from handouts import __version__
from handouts.locale import Catalogue
from handouts.model import (
    Content,
    Dose,
    Prescription,
    Program,
    Statement,
    Topic,
    plain,
)
from handouts.model.wording import asks_for
from handouts.outline import personal, words
from handouts.outline.blocks import (
    Block,
    Cited,
    Contents,
    Dosage,
    FirstSteps,
    ForWhom,
    Heading,
    Intro,
    Labelled,
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
from handouts.outline.log import class_log_lines, footer, log_part, program_log_lines

# Moved to ``muscles``; named here still, where the other documents import them from.
from handouts.outline.muscles import muscle_rows as muscle_rows
from handouts.outline.muscles import muscle_table
from handouts.outline.muscles import short_name as short_name


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


def page_words(cat: Catalogue) -> PageWords:
    """Return what every PDF's page furniture prints."""
    return PageWords(
        clinic=WriteIn(
            "header.clinic", cat.text("page.clinic"), tooltip=cat.text("page.clinic_tip")
        ),
        phone=WriteIn("header.phone", cat.text("page.phone"), tooltip=cat.text("page.phone_tip")),
        clinician=WriteIn(
            "header.clinician", cat.text("page.clinician"), tooltip=cat.text("page.clinician_tip")
        ),
        continued=cat.text("page.continued"),
        page_of=cat.text("page.page_of"),
    )


def safety(topic: Topic, cat: Catalogue, *, number: str) -> Safety:
    """Return what a deck's safety slide says before anyone starts.

    The emergency line, then who should not do it and who should ask first: what a handout
    says on page 1, in its emergency box and under "Is this for you?".
    """
    return Safety(
        Heading(cat.text("safety.heading"), "precautions"),
        words.screening(topic, cat),
        see_previous=cat.text("safety.see_previous"),
        emergency=words.emergency(topic, number, cat),
    )


def while_exercising(topic: Topic, cat: Catalogue, dose: Dose | None = None) -> Safety:
    """Return the safety box that follows the steps: when to stop, what to do if it goes wrong."""
    return Safety(
        Heading(cat.text("safety.while_heading"), "while"),
        words.warnings(topic, cat, dose),
        see_previous=cat.text("safety.see_previous"),
    )


def for_whom(topic: Topic, cat: Catalogue) -> ForWhom:
    """Return who the exercise is for, who it can help, who should not and who should ask."""
    p = topic.precautions
    ask_first = words.group(cat.text(words.ASK_FIRST), p.caution_if, topic, cat)
    return ForWhom(
        Heading(cat.text("for_whom.heading"), "for-whom"),
        topic.audience,
        words.group(cat.text("for_whom.helps"), topic.who_benefits, topic, cat),
        words.group(cat.text(words.NOT_FOR), p.do_not_if, topic, cat),
        ask_first if ask_first.items else None,
    )


def first_steps(topic: Topic, cat: Catalogue, dose: Dose | None = None) -> FirstSteps:
    """Return the box before the steps: what to do first."""
    items = tuple(words.cited(s, topic, cat, dose) for s in topic.precautions.before_you_start)
    return FirstSteps(Heading(cat.text("before.heading"), "before"), items)


def source_list(topic: Topic, cat: Catalogue) -> SourceList:
    """Return every source of a topic once, in full, with when it was reviewed."""
    review = topic.review
    return SourceList(
        Heading(cat.text("sources.heading"), "sources"),
        tuple(SourceEntry(n, s.title, s.note) for n, s in enumerate(topic.sources, start=1)),
        cat.text(
            "sources.reviewed",
            reviewed=cat.date(review.reviewed_on),
            due=cat.date(review.review_due),
        ),
    )


def _plan_fields(topic: Topic, dose: Dose | None, cat: Catalogue) -> PlanFields:
    t = cat.text
    speed = "; ".join(x for x in (words.speed(dose, cat), dose.resistance) if x) if dose else ""
    # A walk on the floor has no speed or setting: an empty line would ask for one.
    machine = asks_for(topic, "speed") or asks_for(topic, "resistance")
    setting = (WriteIn("plan.speed", t("plan.speed"), speed),) if machine else ()
    return PlanFields(
        Heading(t("plan.heading"), "plan"),
        lines=(
            WriteIn("plan.minutes", t("plan.minutes"), words.plain_minutes(dose, cat)),
            *setting,
            # Up to 14 a week (twice a day): times, not days.
            WriteIn("plan.days", t("plan.days"), str(dose.sessions_per_week) if dose else ""),
        ),
        questions=WriteIn("plan.questions", t("plan.questions")),
    )


def _statements(
    items: tuple[Statement, ...], topic: Topic, cat: Catalogue, dose: Dose | None
) -> tuple[Cited, ...]:
    return tuple(words.cited(s, topic, cat, dose) for s in items)


def _needs(topic: Topic, cat: Catalogue) -> SafetyGroup | None:
    """Return what is needed, an item a line (a list reads easier than one long sentence)."""
    if not topic.equipment:
        return None
    label = cat.text("needs.label")
    items = tuple(Cited(item) for item in topic.equipment)
    return SafetyGroup(label, label.rstrip(":"), items, words.continued(label, cat))


def topic_blocks(
    topic: Topic, number: str, cat: Catalogue, dose: Dose | None = None
) -> tuple[Block, ...]:
    """Return what a topic's pages say, in the order a patient needs it.

    What it is and when to call the emergency number (on page 1 whatever follows), who it is
    for and not for, then the short safety box, then how to do it with one starting dose and
    when to stop, then the rest.
    ``dose`` personalises every statement that states a dose; ``number`` is the emergency
    number.
    """
    t = cat.text

    def said(items: tuple[Statement, ...]) -> tuple[Cited, ...]:
        return _statements(items, topic, cat, dose)

    printed = tuple(
        (f.question, words.cited(f.answer, topic, cat, dose)) for f in topic.faq if f.handout
    )
    blocks: list[Block] = [
        Intro(
            Heading(topic.title, "title"),
            topic.summary,
            _needs(topic, cat),
            Labelled(t("plan.label"), words.plan_sentence(dose, cat)) if dose else None,
        ),
        # Straight under the title, so it is on page 1 at every size and in every language.
        words.emergency(topic, number, cat),
        for_whom(topic, cat),
        first_steps(topic, cat, dose),
        words.steps(topic, said(topic.steps), cat),
        Dosage(words.dosage_rows(topic, dose, cat)),
        # The checklist is left out: it says again what the steps and the dose say.
        while_exercising(topic, cat, dose),
        Points(Heading(t("takeaways.heading"), "takeaways"), said(topic.takeaways)),
        muscle_table(topic, cat),
        Points(Heading(t("benefits.heading"), "benefits"), said(topic.benefits), columns=True),
    ]
    if printed:
        blocks.append(Questions(Heading(t("faq.heading"), "faq"), printed))
    blocks += [_plan_fields(topic, dose, cat), source_list(topic, cat)]
    return tuple(blocks)


def topic_footer(topic: Topic, cat: Catalogue) -> Footer:
    """Return the foot of a topic's pages: the disclaimer and when it was reviewed.

    The sources are listed once, in full, at the end of the topic, not on every page.
    """
    return footer(cat, cat.text("footer.reviewed", date=cat.date(topic.review.reviewed_on)))


def topic_part(topic: Topic, number: str, cat: Catalogue, dose: Dose | None = None) -> Part:
    """Return a topic's part of a document."""
    blocks = topic_blocks(topic, number, cat, dose)
    return Part(topic.title, blocks, topic_footer(topic, cat), topic.id)


def _meta(
    title: str,
    subject: str,
    content: Content,
    topics: tuple[Topic, ...],
    cat: Catalogue,
    *,
    literal: bool = False,
) -> Meta:
    """Describe a document; ``literal``: its title holds a name, printed exactly as typed."""
    muscles = dict.fromkeys(m.name for t in topics for m in t.activation.muscles)
    return Meta(
        title=title if literal else plain(title),
        subject=plain(subject),
        author=author(content),
        keywords=(cat.text("meta.handout_keyword"), *(plain(t.title) for t in topics), *muscles),
        lang=cat.tag,
        creator=f"handouts {__version__}",
    )


def topic_handout(topic: Topic, content: Content, cat: Catalogue) -> Handout:
    """Return a topic's patient handout, in the catalogue's language."""
    return Handout(
        _meta(topic.title, topic.summary, content, (topic,), cat),
        brand(content),
        page_words(cat),
        opening=(),
        opening_title=topic.title,
        parts=(topic_part(topic, content.branding.emergency_number, cat),),
    )


def class_pack(program: Program, content: Content, cat: Catalogue) -> Handout:
    """Return a class pack: a cover with contents, each topic's handout, an exercise log."""
    topics = tuple(content.topic(t) for t in program.topics)
    number = content.branding.emergency_number
    parts = (
        *(topic_part(t, number, cat) for t in topics),
        log_part(class_log_lines(topics), None, cat),
    )
    cover = Contents(
        Heading(program.title, "cover"),
        program.summary,
        cat.text("pack.about"),
        cat.text("pack.contents"),
        cat.text("pack.page"),
        tuple(
            cat.text("numbered", n=str(n), title=part.title)
            for n, part in enumerate(parts, start=1)
        ),
    )
    return Handout(
        _meta(cat.text("pack.title", title=program.title), program.summary, content, topics, cat),
        brand(content),
        page_words(cat),
        opening=(cover,),
        opening_title=program.title,
        parts=parts,
        contents=True,
        opening_footer=footer(cat),
    )


def program(prescription: Prescription, content: Content, cat: Catalogue) -> Handout:
    """Return a patient's program: their box, each topic at their dose, a 4-week log."""
    patient = prescription.patient
    who = patient.name + (f" ({patient.id})" if patient.id else "")
    clinician = prescription.clinician
    by = clinician.name + (f", {clinician.contact}" if clinician.contact else "")
    intro = ProgramIntro(
        cat.text("program.heading", who=who),
        cat.text("program.source", by=by, date=cat.date(prescription.date)),
        Labelled(cat.text("program.notes"), prescription.notes) if prescription.notes else None,
    )
    topics = tuple(content.topic(d.topic) for d in prescription.topics)
    parts = (
        # A question two exercises raise (kneecap pain) is answered once, where it arises.
        *personal.answer_once(
            tuple(
                topic_part(t, content.branding.emergency_number, cat, d)
                for t, d in zip(topics, prescription.topics, strict=True)
            ),
            topics,
        ),
        log_part(program_log_lines(prescription, topics, cat), patient.name, cat),
    )
    title = cat.text("program.heading", who=patient.name)
    subject = ", ".join(t.title for t in topics)
    return Handout(
        _meta(title, subject, content, topics, cat, literal=True),
        # The header prints who prescribed it and how to reach them: no write-in lines.
        personal.header(brand(content), prescription, cat),
        page_words(cat),
        opening=(intro,),
        opening_title=title,
        parts=parts,
        opening_literal=True,
    )
