"""What each deck says, in teaching order, with the presenter's notes for every slide."""

from __future__ import annotations

from dataclasses import replace

from handouts import __version__
from handouts.locale import Catalogue
from handouts.model import Content, Program, Statement, Topic
from handouts.outline import words
from handouts.outline.blocks import (
    Bar,
    Checklist,
    Cited,
    EffortChart,
    Heading,
    Points,
    Questions,
    SourceList,
)
from handouts.outline.document import Cover, Divider, Lesson, Meta, Slide, SlideWords
from handouts.outline.handout import (
    author,
    brand,
    for_whom,
    muscle_rows,
    muscle_table,
    safety,
    source_list,
    while_exercising,
)
from handouts.outline.muscles import map_notes, muscle_map
from handouts.text import cite, lower_first, plain


def slide_words(content: Content, cat: Catalogue) -> SlideWords:
    """Return what a deck adds to continued slides and to its pictures."""
    clinic = content.branding.clinic_name
    return SlideWords(
        continued=cat.text("deck.continued"),
        continued_notes=cat.text("deck.continued_notes"),
        logo=cat.text("deck.logo", clinic=clinic) if clinic else cat.text("deck.logo_plain"),
        continued_more=cat.text("deck.continued_more"),
    )


def _chart(topic: Topic, cat: Catalogue) -> EffortChart:
    rows = muscle_rows(topic, cat)
    bars = tuple(
        Bar(
            m.short_name,
            m.forward.rank,
            m.backward.rank,
            cat.text(
                "chart.bar",
                name=plain(m.name),
                forward=m.forward.label.lower(),
                backward=m.backward.label.lower(),
            ),
        )
        for m in rows
    )
    part_alt = cat.text("chart.alt")
    separator = "; "
    return EffortChart(
        Heading(cat.text("chart.heading"), "chart"),
        (cat.text("muscles.forward"), cat.text("muscles.backward")),
        bars,
        cat.text("chart.scale"),
        low=cat.text("chart.low"),
        high=cat.text("chart.high"),
        alt=cat.text("chart.alt", bars=separator.join(bar.said for bar in bars)),
        part_alt=part_alt,
        bar_separator=separator,
    )


def _said(item: Cited) -> str:
    """Return a cited statement as the presenter reads it from the notes."""
    return cite(item.text, item.sources)


def _chart_notes(topic: Topic, cat: Catalogue) -> str:
    """Tell the presenter what point the chart makes: where backward works a muscle harder."""
    rows = muscle_rows(topic, cat)
    harder = [m.short_name for m in rows if m.backward.rank > m.forward.rank]
    point = (
        cat.text("notes.chart_harder", muscles=", ".join(harder))
        if harder
        else cat.text("notes.chart_same")
    )
    return cat.text("notes.chart", point=point)


def _dosage_notes(topic: Topic, cat: Catalogue) -> str:
    dosage = topic.dosage
    return cat.text(
        "notes.dosage",
        start=dosage.start.text,
        duration=dosage.duration.text,
        frequency=dosage.frequency.text,
        progression=dosage.progression.text,
    )


def _learn(topic: Topic, cat: Catalogue) -> Points:
    items = tuple(map(Cited, words.learn(topic, cat)))
    return Points(Heading(cat.text("learn.heading"), "learn"), items)


def topic_slides(topic: Topic, content: Content, cat: Catalogue) -> tuple[Slide, ...]:
    """Return a topic's slides in the order its handout reads: who it is for and safety first.

    A cover and "what you will learn" open a topic's own deck; the class deck leaves them out
    (see ``class_lesson``).
    """
    n = topic.teaching_notes
    t = cat.text
    number = content.branding.emergency_number
    basis = _said(words.cited(topic.activation.basis, topic, cat))
    clinic = content.branding.clinic_name
    p = topic.precautions

    def said(items: tuple[Statement, ...]) -> tuple[Cited, ...]:
        return tuple(words.cited(s, topic, cat) for s in items)

    def points(key: str, heading: str, items: tuple[Statement, ...], **how: str) -> Points:
        return Points(Heading(t(heading), key), said(items), **how)  # type: ignore[arg-type]

    summary = topic.summary
    table = muscle_table(topic, cat)
    slides = [
        Slide(
            Cover(topic.title, (clinic or plain(summary),)),
            n.overview or t("notes.overview", title=topic.title.lower(), summary=summary),
        ),
        Slide(_learn(topic, cat), t("notes.learn", movement=topic.movement)),
        Slide(for_whom(topic, cat), t("notes.for_whom")),
        # Safety comes before anyone is shown how to start, not after; in the handout's order.
        Slide(safety(topic, cat, number=number), n.precautions or t("notes.safety")),
    ]
    dosage = tuple(
        Cited(t("dosage.line", label=label, value=value.text), value.sources)
        for label, value in words.dosage_rows(topic, None, cat)
    )
    faq = tuple((item.question, words.cited(item.answer, topic, cat)) for item in topic.faq)
    slides += [
        Slide(points("before", "before.heading", p.before_you_start), t("notes.before")),
        Slide(
            words.steps(topic, said(topic.steps), cat),
            n.technique or t("notes.steps"),
        ),
        Slide(Points(Heading(t("dosage.heading"), "dosage"), dosage), _dosage_notes(topic, cat)),
        # When to stop and what to do if it goes wrong: the box under the handout's steps.
        Slide(while_exercising(topic, cat), t("notes.while")),
        Slide(
            Checklist(Heading(t("checklist.heading"), "checklist"), said(topic.checklist)),
            n.checklist or t("notes.checklist"),
        ),
        Slide(table, n.muscles or t("notes.muscles", basis=basis)),
        Slide(muscle_map(topic, table.rows, cat), map_notes(topic, cat)),
        Slide(_chart(topic, cat), _chart_notes(topic, cat)),
        Slide(
            points("benefits", "benefits.heading", topic.benefits),
            n.benefits or t("notes.benefits"),
        ),
        Slide(Questions(Heading(t("faq.heading"), "faq"), faq), n.faq or t("notes.faq")),
        Slide(
            points("takeaways", "takeaways.heading", topic.takeaways),
            n.takeaways or t("notes.takeaways"),
        ),
        Slide(source_list(topic, cat), t("notes.sources")),
    ]
    return tuple(slides)


def _meta(title: str, subject: str, content: Content, cat: Catalogue) -> Meta:
    return Meta(
        title=plain(title),
        subject=plain(subject),
        author=author(content),
        keywords=(cat.text("deck.keyword"), "handouts"),
        lang=cat.tag,
        creator=f"handouts {__version__}",
        comment=cat.text("deck.comment", version=__version__),
    )


def topic_lesson(topic: Topic, content: Content, cat: Catalogue) -> Lesson:
    """Return a topic's deck, in the catalogue's language."""
    return Lesson(
        _meta(topic.title, topic.summary, content, cat),
        brand(content),
        slide_words(content, cat),
        topic_slides(topic, content, cat),
        topic.review.reviewed_on,
    )


def _in_class(slide: Slide, topic: Topic, cat: Catalogue) -> Slide:
    """Name the topic in a slide's title, so every title in the class deck is its own."""
    block = slide.block
    heading = getattr(block, "heading", None)
    if heading is None:
        return slide
    if heading.key == "precautions":
        text = cat.text("class.safety_title", title=lower_first(topic.title))
    else:
        text = cat.text("class.titled", topic=topic.title, heading=lower_first(heading.text))
    # What a class needs that one person's lesson does not: room, order, a partner, a plan.
    notes = slide.notes + (cat.text("class.steps_note") if heading.key == "steps" else "")
    return Slide(replace(block, heading=replace(heading, text=text)), notes)  # type: ignore[type-var]


def class_lesson(program: Program, content: Content, cat: Catalogue) -> Lesson:
    """Return the class deck: agenda, each topic behind a section divider, sources, a close.

    Every topic's own slides, without the cover and "what you will learn" the agenda says
    already; every title names its topic; the sources of every topic come at the end.
    """
    branding = content.branding
    number = branding.emergency_number
    topics = tuple(content.topic(t) for t in program.topics)
    t = cat.text
    agenda = (*(Cited(topic.title) for topic in topics), Cited(t("class.your_questions")))
    slides: list[Slide] = [
        Slide(
            Cover(program.title, (branding.clinic_name or plain(program.summary),)),
            t("class.cover_note", title=program.title, number=number),
        ),
        Slide(Points(Heading(t("class.agenda"), "agenda"), agenda), t("class.agenda_note")),
    ]
    sources: list[Slide] = []
    for count, topic in enumerate(topics, start=1):
        overview = t("class.next_note", title=topic.title.lower(), summary=topic.summary)
        slides.append(
            Slide(
                Divider(t("numbered", n=str(count), title=topic.title), plain(topic.summary)),
                topic.teaching_notes.overview or overview,
            )
        )
        for slide in topic_slides(topic, content, cat)[2:]:
            placed = _in_class(slide, topic, cat)
            is_sources = isinstance(slide.block, SourceList)
            (sources if is_sources else slides).append(placed)
    closing = tuple(x for x in (branding.clinic_name, branding.contact_line) if x)
    slides += sources
    slides.append(
        Slide(
            Cover(t("class.questions"), closing or (t("class.ask_own"),)),
            t("class.closing_note", number=number),
        )
    )
    return Lesson(
        _meta(program.title, program.summary, content, cat),
        brand(content),
        slide_words(content, cat),
        tuple(slides),
        max(topic.review.reviewed_on for topic in topics),
    )
