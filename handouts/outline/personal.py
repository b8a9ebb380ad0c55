"""What makes a program one patient's own: its header, its progression, questions said once."""

from __future__ import annotations

from dataclasses import replace

from handouts.locale import Catalogue
from handouts.model import Prescription
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


def _asked(question: str) -> str:
    return " ".join(question.split()).casefold()


def answer_once(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """Answer a question two of the program's exercises both ask once, where it arises.

    Walking backward can help kneecap pain and pedaling backward is not for it: a program
    with both says so on two pages, and must say why. The answer is printed once, in the
    later of the exercises that ask it, straight after who that exercise is for (where its
    "do not do this if" stands), and left out of the earlier ones.
    """
    where: dict[str, int] = {}
    for index, part in enumerate(parts):
        for block in part.blocks:
            if isinstance(block, Questions):
                where.update({_asked(q): index for q, _ in block.pairs})
    counts: dict[str, int] = {}
    for part in parts:
        asked = {_asked(q) for b in part.blocks if isinstance(b, Questions) for q, _ in b.pairs}
        for question in asked:
            counts[question] = counts.get(question, 0) + 1
    shared = {q for q, n in counts.items() if n > 1}
    if not shared:
        return parts
    return tuple(_moved(part, index, shared, where) for index, part in enumerate(parts))


def _moved(part: Part, index: int, shared: set[str], where: dict[str, int]) -> Part:
    """Return a part without the shared questions, or with them after who it is for."""
    lifted: list[tuple[str, Cited]] = []
    blocks: list[Block] = []
    heading = None
    for block in part.blocks:
        if not isinstance(block, Questions):
            blocks.append(block)
            continue
        kept = tuple(pair for pair in block.pairs if _asked(pair[0]) not in shared)
        lifted += [
            p for p in block.pairs if _asked(p[0]) in shared and where[_asked(p[0])] == index
        ]
        heading = block.heading
        if kept:
            blocks.append(replace(block, pairs=kept))
    if lifted and heading is not None:
        at = next((n + 1 for n, b in enumerate(blocks) if isinstance(b, ForWhom)), len(blocks))
        key = replace(heading, key=f"{heading.key}-first")
        blocks.insert(at, Questions(key, tuple(lifted)))
    return replace(part, blocks=tuple(blocks))
