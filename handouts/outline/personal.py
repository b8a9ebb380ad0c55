"""What makes a program one patient's own: its header, its progression, questions said once."""

from __future__ import annotations

from dataclasses import replace

from handouts.locale import Catalogue
from handouts.model import Prescription, Topic
from handouts.outline.blocks import Block, Cited, ForWhom, Questions
from handouts.outline.document import Brand, Part


def header(brand: Brand, prescription: Prescription, cat: Catalogue) -> Brand:
    """Return the program's header: the clinic, and the prescribing clinician with a contact.

    Write-in lines are for a handout nobody has filled in; a program knows who prescribed
    it, so its header prints them. With the clinic's name, the line under it holds the
    clinic's own contact and the therapist; without, the therapist heads the page.
    """
    clinician = prescription.clinician
    if clinician.contact:
        therapist = cat.text(
            "header.therapist_contact", name=clinician.name, contact=clinician.contact
        )
    else:
        therapist = cat.text("header.therapist", name=clinician.name)
    if brand.clinic:
        contact = " · ".join(line for line in (brand.contact, therapist) if line)
        return replace(brand, contact=contact)
    contact = brand.contact or (
        cat.text("header.contact", contact=clinician.contact)
        if clinician.contact
        else cat.text("header.no_contact")
    )
    return replace(brand, clinic=cat.text("header.therapist", name=clinician.name), contact=contact)


def _first_sentence(question: str) -> str:
    """Return a question's first sentence, its spacing and case made plain."""
    plain = " ".join(question.split()).casefold()
    return plain.split(". ", 1)[0] if ". " in plain else plain


def _keys(topic: Topic) -> dict[str, tuple[str, frozenset[str]]]:
    """Name each printed question of a topic by what makes it the same in another topic.

    The same question is worded for each exercise ("Why might walking backward suit me...",
    "Why is pedaling backward not for me..."): it is the same when it opens with the same
    sentence ("I have kneecap pain.") and its answer rests on the same articles.
    """
    titles = {s.id: s.title for s in topic.sources}
    return {
        f.question: (
            _first_sentence(f.question),
            frozenset(titles.get(i, i) for i in f.answer.sources),
        )
        for f in topic.faq
        if f.handout
    }


def answer_once(parts: tuple[Part, ...], topics: tuple[Topic, ...]) -> tuple[Part, ...]:
    """Answer a question two of the program's exercises both raise once, where it arises.

    Walking backward can help kneecap pain and pedaling backward is not for it: a program
    with both says so on two pages, and must say why once. The answer printed is the later
    exercise's, straight after who that exercise is for (where its "do not do this if"
    stands); the earlier exercises leave theirs out. ``topics`` are the parts' topics.
    """
    keys = [_keys(topic) for topic in topics]
    where: dict[tuple[str, frozenset[str]], int] = {}
    counts: dict[tuple[str, frozenset[str]], int] = {}
    for index, named in enumerate(keys):
        for key in set(named.values()):
            where[key] = index
            counts[key] = counts.get(key, 0) + 1
    shared = {key for key, n in counts.items() if n > 1}
    if not shared:
        return parts
    moved = []
    for index, (part, named) in enumerate(zip(parts, keys, strict=True)):
        asked = {q for q, key in named.items() if key in shared}
        here = {q for q in asked if where[named[q]] == index}
        moved.append(_moved(part, asked - here, here))
    return tuple(moved)


def _moved(part: Part, dropped: set[str], lifted_questions: set[str]) -> Part:
    """Return a part without the ``dropped`` questions, the ``lifted`` after who it is for."""
    lifted: list[tuple[str, Cited]] = []
    blocks: list[Block] = []
    heading = None
    for block in part.blocks:
        if not isinstance(block, Questions):
            blocks.append(block)
            continue
        moved = dropped | lifted_questions
        kept = tuple(pair for pair in block.pairs if pair[0] not in moved)
        lifted += [pair for pair in block.pairs if pair[0] in lifted_questions]
        heading = block.heading
        if kept:
            blocks.append(replace(block, pairs=kept))
    if lifted and heading is not None:
        at = next((n + 1 for n, b in enumerate(blocks) if isinstance(b, ForWhom)), len(blocks))
        key = replace(heading, key=f"{heading.key}-first")
        blocks.insert(at, Questions(key, tuple(lifted)))
    return replace(part, blocks=tuple(blocks))
