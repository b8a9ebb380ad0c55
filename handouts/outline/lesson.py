"""What each deck says, in teaching order, with the presenter's notes for every slide."""

from __future__ import annotations

from dataclasses import replace

from handouts import __version__
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
)
from handouts.outline.muscles import map_notes, muscle_map
from handouts.text import cite, lower_first, plain

SCALE = "Effort: 1 low · 2 low to moderate · 3 moderate · 4 moderate to high · 5 high"
"""The effort chart's value axis title."""


def slide_words(content: Content) -> SlideWords:
    """Return what a deck adds to continued slides and to its pictures."""
    return SlideWords(
        continued=" (cont.)",
        continued_notes="(Continued from the previous slide.) ",
        logo=f"{content.branding.clinic_name or 'Clinic'} logo",
    )


def _chart(topic: Topic) -> EffortChart:
    rows = muscle_rows(topic)
    bars = tuple(
        Bar(
            m.short_name,
            m.forward.rank,
            m.backward.rank,
            f"{plain(m.name)}: {m.forward.label.lower()} forward, "
            f"{m.backward.label.lower()} backward",
        )
        for m in rows
    )
    part_alt = "Bar chart of effort going forward and backward. {bars}."
    separator = "; "
    return EffortChart(
        Heading("Effort: forward vs backward", "chart"),
        ("Forward", "Backward"),
        bars,
        SCALE,
        low="1 low",
        high="5 high",
        alt=part_alt.format(bars=separator.join(bar.said for bar in bars)),
        part_alt=part_alt,
        bar_separator=separator,
    )


def _said(item: Cited) -> str:
    """Return a cited statement as the presenter reads it from the notes."""
    return cite(item.text, item.sources)


def _chart_notes(topic: Topic) -> str:
    """Tell the presenter what point the chart makes: where backward works a muscle harder."""
    harder = [m.short_name for m in muscle_rows(topic) if m.backward.rank > m.forward.rank]
    point = (
        f"Point to where the dark bar is longer: going backward works these harder: "
        f"{', '.join(harder)}."
        if harder
        else "The bars show the same muscles working about as hard either way."
    )
    return (
        "The grey bars are the ordinary forward movement, the dark bars the backward one; "
        f"1 is low and 5 is high. {point}"
    )


def _dosage_notes(topic: Topic) -> str:
    dosage = topic.dosage
    return (
        f"Say the starting dose: {dosage.start.text} {dosage.duration.text} "
        f"{dosage.frequency.text} Then how to progress: {dosage.progression.text} Stress "
        "starting small: each person's own therapist may set other numbers, and those come first."
    )


def _learn(topic: Topic) -> Points:
    return Points(Heading("What you will learn", "learn"), tuple(map(Cited, words.learn(topic))))


def topic_slides(topic: Topic, content: Content) -> tuple[Slide, ...]:
    """Return a topic's slides in the order its handout reads: who it is for and safety first.

    A cover and "what you will learn" open a topic's own deck; the class deck leaves them out
    (see ``class_lesson``).
    """
    n = topic.teaching_notes
    cite_ = words.cited
    number = content.branding.emergency_number
    basis = _said(cite_(topic.activation.basis, topic))
    clinic = content.branding.clinic_name
    p = topic.precautions
    table = muscle_table(topic)
    slides = [
        Slide(
            Cover(topic.title, (clinic or plain(topic.summary),)),
            n.overview or f"Welcome everyone. Today: {topic.title.lower()}. {topic.summary}",
        ),
        Slide(
            _learn(topic),
            f"Say what the session covers, in this order. Describe the movement: "
            f"{topic.movement} Ask people to tell you privately, before they try it, about any "
            "knee, hip or balance problem: the next slides say who should not do it.",
        ),
        Slide(
            for_whom(topic),
            "Read who it suits and who should not do it. Anyone in the not-for list watches "
            "today and asks their own therapist or doctor.",
        ),
        # Safety comes before anyone is shown how to start, not after.
        Slide(
            safety(topic, number=number),
            n.precautions
            or "Read every line aloud, the emergency line first. Ask people to tell you "
            "privately which apply to them. Stress the stop signs.",
        ),
    ]
    if p.if_it_goes_wrong:
        slides.append(
            Slide(
                Points(
                    Heading(words.GOES_WRONG.rstrip(":"), "goes-wrong"),
                    _cited(p.if_it_goes_wrong, topic),
                ),
                "Show what to do, slowly, before anyone tries the exercise.",
            )
        )
    slides += [
        Slide(
            Points(Heading("Before you start", "before"), _cited(p.before_you_start, topic)),
            "Check each of these with the group before anyone starts.",
        ),
        Slide(
            words.steps(topic, _cited(topic.steps, topic)),
            n.technique
            or "Show each step slowly before anyone tries it. Watch posture and footing.",
        ),
        Slide(
            Points(
                Heading("How much, and how to progress", "dosage"),
                tuple(
                    Cited(f"{label}: {value.text}", value.sources)
                    for label, value in words.dosage_rows(topic, None)
                ),
            ),
            _dosage_notes(topic),
        ),
        Slide(
            Checklist(
                Heading("Getting started checklist", "checklist"), _cited(topic.checklist, topic)
            ),
            n.checklist or "Go through the checklist; everyone ticks it on their handout.",
        ),
        Slide(
            table,
            n.muscles
            or f"Walk through each muscle group and where it is. Point to your own leg. {basis}",
        ),
        Slide(muscle_map(topic, table.rows), map_notes(topic)),
        Slide(_chart(topic), _chart_notes(topic)),
        Slide(
            Points(Heading("How it can help", "benefits"), _cited(topic.benefits, topic)),
            n.benefits or "Ask which of these matter most to each person here.",
        ),
        Slide(
            Questions(
                Heading("Questions people ask", "faq"),
                tuple((item.question, cite_(item.answer, topic)) for item in topic.faq),
            ),
            n.faq or "Invite questions first; then go through the common ones.",
        ),
        Slide(
            Points(Heading("Key points", "takeaways"), _cited(topic.takeaways, topic)),
            n.takeaways
            or "Ask each person to say their own starting plan: where, how long, how often.",
        ),
        Slide(
            source_list(topic),
            "Numbers in brackets on the slides point to these articles. They are web articles, "
            "not studies: present figures as what an article reports. Practice advice is the "
            "clinic's own, not from the articles.",
        ),
    ]
    return tuple(slides)


def _cited(items: tuple[Statement, ...], topic: Topic) -> tuple[Cited, ...]:
    return tuple(words.cited(s, topic) for s in items)


def _meta(title: str, subject: str, content: Content) -> Meta:
    return Meta(
        title=plain(title),
        subject=plain(subject),
        author=author(content),
        keywords=("exercise class", "handouts"),
        lang=words.LANG,
        creator=f"handouts {__version__}",
        comment=f"Made with handouts {__version__}",
    )


def topic_lesson(topic: Topic, content: Content) -> Lesson:
    """Return a topic's deck."""
    return Lesson(
        _meta(topic.title, topic.summary, content),
        brand(content),
        slide_words(content),
        topic_slides(topic, content),
        topic.review.reviewed_on,
    )


# What a class needs that one person's lesson does not: room, order, a partner, a plan.
_CLASS_STEPS = (
    " For the class: set up lanes with clear space behind each person, everyone facing the "
    "same way; pair people so one walks and the partner watches behind them; on machines, "
    "take turns, and the partner stands by the stop button."
)


def _in_class(slide: Slide, topic: Topic) -> Slide:
    """Name the topic in a slide's title, so every title in the class deck is its own."""
    block = slide.block
    heading = getattr(block, "heading", None)
    if heading is None:
        return slide
    if heading.key == "precautions":
        text = f"Safety: {lower_first(topic.title)}"
    else:
        text = f"{topic.title}: {lower_first(heading.text)}"
    notes = slide.notes + (_CLASS_STEPS if heading.key == "steps" else "")
    return Slide(replace(block, heading=replace(heading, text=text)), notes)  # type: ignore[type-var]


def class_lesson(program: Program, content: Content) -> Lesson:
    """Return the class deck: agenda, each topic behind a section divider, sources, a close.

    Every topic's own slides, without the cover and "what you will learn" the agenda says
    already; every title names its topic; the sources of every topic come at the end.
    """
    branding = content.branding
    number = branding.emergency_number
    topics = tuple(content.topic(t) for t in program.topics)
    slides: list[Slide] = [
        Slide(
            Cover(program.title, (branding.clinic_name or plain(program.summary),)),
            f"Welcome everyone to {program.title}. Introduce yourself and what the class "
            "is for. Check that everyone has the class pack. Before you start, know the "
            f"emergency plan: where the phone and the first-aid kit are, who calls {number}, "
            "and where the nearest exit is. Ask anyone with a new injury, dizziness or chest "
            "pain to speak to you first, privately.",
        ),
        Slide(
            Points(
                Heading("Today's class", "agenda"),
                (*(Cited(t.title) for t in topics), Cited("Your questions")),
            ),
            "Go through the plan for the class: one exercise at a time, each with its safety "
            "slide before anyone tries it, then questions. Say where people will practise.",
        ),
    ]
    sources: list[Slide] = []
    for count, topic in enumerate(topics, start=1):
        slides.append(
            Slide(
                Divider(f"{count}. {topic.title}", plain(topic.summary)),
                topic.teaching_notes.overview or f"Next: {topic.title.lower()}. {topic.summary}",
            )
        )
        for slide in topic_slides(topic, content)[2:]:
            placed = _in_class(slide, topic)
            is_sources = isinstance(slide.block, SourceList)
            (sources if is_sources else slides).append(placed)
    closing = tuple(x for x in (branding.clinic_name, branding.contact_line) if x)
    slides += sources
    slides.append(
        Slide(
            Cover("Questions?", closing or ("Ask your therapist or doctor about your own plan.",)),
            "Take questions. Remind everyone: start slowly, stop and contact their therapist or "
            f"doctor if they feel pain or dizziness, and call {number} for chest pain, fainting "
            "or sudden severe breathlessness.",
        )
    )
    return Lesson(
        _meta(program.title, program.summary, content),
        brand(content),
        slide_words(content),
        tuple(slides),
        max(t.review.reviewed_on for t in topics),
    )
