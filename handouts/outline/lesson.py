"""What each deck says, in teaching order, with the presenter's notes for every slide."""

from __future__ import annotations

from handouts import __version__
from handouts.model import Content, Program, Topic, plain
from handouts.outline import words
from handouts.outline.blocks import (
    Bar,
    Checklist,
    Cited,
    EffortChart,
    Heading,
    Points,
    Questions,
)
from handouts.outline.document import Cover, Divider, Lesson, Meta, Slide, SlideWords
from handouts.outline.handout import author, brand, muscle_rows, muscle_table, safety
from handouts.text import cite

SCALE = "Effort: 1 low · 2 low to moderate · 3 moderate · 4 moderate to high · 5 high"
"""The effort chart's value axis title."""


def slide_words(content: Content) -> SlideWords:
    """Return what a deck adds to continued slides and to its pictures."""
    return SlideWords(
        continued=" (cont.)",
        continued_notes="(Continued from the previous slide.) ",
        logo=f"{content.branding.clinic_name or 'Clinic'} logo",
        band="Decorative safety band",
        sign="Warning sign",
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


def topic_slides(topic: Topic, content: Content) -> tuple[Slide, ...]:
    """Return a topic's slides in teaching order: safety before anyone is shown how to start."""
    n = topic.teaching_notes
    cite_ = words.cited
    dosage = topic.dosage
    basis = _said(cite_(topic.activation.basis, topic))
    clinic = content.branding.clinic_name
    return (
        Slide(
            Cover(topic.title, (clinic or plain(topic.summary),)),
            n.overview or f"Welcome everyone. Today: {topic.title.lower()}. {topic.summary}",
        ),
        Slide(
            Points(Heading("What you will learn", "learn"), tuple(map(Cited, words.learn(topic)))),
            f"Say what the session covers, in this order. Describe the movement: "
            f"{topic.movement} Ask who has tried it before, and who has a knee, hip or balance "
            "problem: they should listen closely to the safety slide.",
        ),
        Slide(
            muscle_table(topic),
            n.muscles
            or f"Walk through each muscle group and where it is. Point to your own leg. {basis}",
        ),
        Slide(
            _chart(topic),
            (f"{n.muscles} " if n.muscles else "")
            + "The grey bars are the ordinary forward movement, the dark bars the backward one; "
            f"1 is low and 5 is high. {basis}",
        ),
        Slide(
            Points(
                Heading("How it can help", "benefits"),
                tuple(cite_(s, topic) for s in topic.benefits),
            ),
            n.benefits or "Ask which of these matter most to each person here.",
        ),
        # Safety comes before anyone is shown how to start, not after.
        Slide(
            safety(topic),
            n.precautions
            or "Read every line aloud. Ask the group to say which apply to them, and to tell you "
            "privately. Stress the stop signs: stop, and contact your clinician.",
        ),
        Slide(
            Points(
                Heading("How to do it", "steps"),
                tuple(cite_(s, topic) for s in topic.steps),
                marks="number",
            ),
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
            f"Start: {dosage.start.text} Then: {dosage.duration.text} "
            f"{dosage.frequency.text} Progress: {dosage.progression.text} "
            "Stress starting small: everyone's own clinician may set different numbers, and "
            "those come first.",
        ),
        Slide(
            Checklist(
                Heading("Getting started checklist", "checklist"),
                tuple(cite_(s, topic) for s in topic.checklist),
            ),
            n.checklist or "Go through the checklist; everyone ticks it on their handout.",
        ),
        Slide(
            Questions(
                Heading("Questions people ask", "faq"),
                tuple((item.question, cite_(item.answer, topic)) for item in topic.faq),
            ),
            n.faq or "Invite questions first; then go through the common ones.",
        ),
        Slide(
            Points(
                Heading("Key takeaways", "takeaways"),
                tuple(cite_(s, topic) for s in topic.takeaways),
            ),
            n.takeaways or "Recap the key points and remind everyone of the stop signs.",
        ),
        Slide(
            Points(
                Heading("Sources", "sources"),
                (
                    *(
                        Cited(f"[{i}] {s.title}" + (f" ({s.note})" if s.note else ""))
                        for i, s in enumerate(topic.sources, 1)
                    ),
                    Cited(f"Content reviewed {words.date(topic.review.reviewed_on)}."),
                ),
                marks="none",
            ),
            "Numbers in brackets on the slides point to these articles. "
            "They are web articles, not studies: present figures as what an article reports.",
        ),
    )


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


def class_lesson(program: Program, content: Content) -> Lesson:
    """Return the class deck: agenda, each topic behind a section divider, then a close."""
    branding = content.branding
    topics = tuple(content.topic(t) for t in program.topics)
    slides: list[Slide] = [
        Slide(
            Cover(program.title, (branding.clinic_name or plain(program.summary),)),
            f"Welcome everyone to {program.title}. Introduce yourself and what the class "
            "is for. Check that everyone has the class pack and knows where the exits are, and "
            "ask anyone with a new injury, dizziness or chest pain to speak to you first.",
        ),
        Slide(
            Points(
                Heading("Today's class", "agenda"),
                (*(Cited(t.title) for t in topics), Cited("Your questions")),
            ),
            "Go through the plan for the class: one exercise at a time, each with its safety "
            "slide before anyone tries it, then questions. Say whether people will practise "
            "during the class and where.",
        ),
    ]
    for number, topic in enumerate(topics, start=1):
        slides.append(
            Slide(
                Divider(f"{number}. {topic.title}", plain(topic.summary)),
                topic.teaching_notes.overview or f"Next: {topic.title.lower()}. {topic.summary}",
            )
        )
        for slide in topic_slides(topic, content)[1:]:
            block = slide.block
            # Each topic keeps its own sources slide: the numbers in its brackets point there.
            if isinstance(block, Points) and block.heading.key == "sources":
                heading = Heading(f"Sources: {topic.title}", "sources")
                slide = Slide(Points(heading, block.items, block.marks), slide.notes)
            slides.append(slide)
    closing = tuple(x for x in (branding.clinic_name, branding.contact_line) if x)
    slides.append(
        Slide(
            Cover("Questions?", closing or ("Ask your clinician about your own plan.",)),
            "Take questions. Remind everyone: start slowly, and stop and contact their "
            "clinician if they feel pain, dizziness or chest pain.",
        )
    )
    return Lesson(
        _meta(program.title, program.summary, content),
        brand(content),
        slide_words(content),
        tuple(slides),
        max(t.review.reviewed_on for t in topics),
    )
