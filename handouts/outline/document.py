"""Whole documents as the renderers receive them: a handout's parts, a lesson's slides.

A ``Handout`` is one PDF: what it opens with, its parts (each a topic or the log, with the
furniture its pages carry) and its metadata. A ``Lesson`` is one deck: its slides, each a
block with the presenter's notes. Both carry the clinic's branding and the words the page
furniture needs, so a renderer reads nothing but these and the theme.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from handouts.outline.blocks import Block, WriteIn


@dataclass(frozen=True)
class Brand:
    """Who the documents come from, and in which colours."""

    clinic: str
    """The clinic's name exactly as typed; empty for a write-in line."""
    contact: str
    """Phone, address or web site exactly as typed; empty for write-in lines."""
    primary: str
    """Headings and table headers, ``#RRGGBB``."""
    accent: str
    """Safety callouts, ``#RRGGBB``."""
    logo: Path | None
    """The logo file; None without one."""


@dataclass(frozen=True)
class Meta:
    """What a document says about itself: its title, subject, author and keywords."""

    title: str
    """The document title, without emphasis marks."""
    subject: str
    """One sentence of what it is about, without emphasis marks."""
    author: str
    """The clinic's name, or the tool's when there is none."""
    keywords: tuple[str, ...]
    """Words a library or a search can use."""
    lang: str
    """The language tag, e.g. ``en-US``."""
    creator: str
    """The tool and version that made it."""
    comment: str = ""
    """What its properties' comments say of it (``Made with handouts 0.1.0``); may be empty."""


@dataclass(frozen=True)
class Footer:
    """What the foot of every page of a part says."""

    disclaimer: str
    """That the handout does not replace the patient's own clinician."""
    sources: str | None
    """The part's numbered sources in one line; None for a part that cites nothing."""
    review: str | None
    """When the content was reviewed and is due again; None for a part with no topic."""


@dataclass(frozen=True)
class Part:
    """A run of pages about one thing: a topic, or the exercise log."""

    title: str
    """The running header's title on the part's later pages."""
    blocks: tuple[Block, ...]
    """What the part says, in reading order."""
    footer: Footer
    """The foot of each of its pages."""
    key: str
    """Names the part in bookmarks and form fields (a topic id, or ``log``)."""


@dataclass(frozen=True)
class PageWords:
    """The words page furniture prints: the write-in labels, "continued" and page numbers."""

    clinic: WriteIn
    """The clinic write-in line of a header without a clinic name (``Clinic:``)."""
    phone: WriteIn
    """The phone write-in line of a header without a contact line."""
    clinician: WriteIn
    """The clinician write-in line beside it."""
    continued: str
    """Added to a running title on a part's later pages (`` (continued)``)."""
    page_of: str
    """Page numbering with ``{page}`` and ``{pages}`` in it."""


@dataclass(frozen=True)
class Handout:
    """One PDF: a topic handout, a class pack or a patient's program."""

    meta: Meta
    """Title, subject and language."""
    brand: Brand
    """The clinic's name, contact, colours and logo."""
    words: PageWords
    """What the page furniture prints."""
    opening: tuple[Block, ...]
    """What comes before the first part on page 1 (a program's box, a pack's contents)."""
    opening_title: str
    """The running title of pages the opening fills on its own."""
    parts: tuple[Part, ...]
    """The parts in order; each after the first starts on a new page."""
    contents: bool = False
    """True when the opening lists each part's first page (a class pack)."""
    opening_footer: Footer | None = None
    """The foot of the pages the opening fills, which it then has to itself: the first part
    starts on a new page (a class pack's cover). None when the first part follows the
    opening on its page (a program's box), whose pages carry the first part's foot."""
    opening_literal: bool = False
    """True when ``opening_title`` prints exactly as typed (it holds a person's name)."""


@dataclass(frozen=True)
class Cover:
    """A title slide: the title and a few lines under it."""

    title: str
    """The title."""
    lines: tuple[str, ...]
    """Lines under the title, such as the clinic's name and contact."""


@dataclass(frozen=True)
class Divider:
    """A section slide that opens one topic of a class."""

    title: str
    """The section's title."""
    summary: str
    """One sentence about the topic."""


@dataclass(frozen=True)
class Slide:
    """One step of a lesson: what the slides show and what the presenter says."""

    block: Block | Cover | Divider
    """What is shown; a block too long for one slide goes on over several."""
    notes: str
    """The speaker notes."""


@dataclass(frozen=True)
class SlideWords:
    """The words a deck adds to slides that go on, and to its pictures.

    Decorations (the safety slide's band and sign) have none: they are marked decorative,
    so a screen reader passes over them.
    """

    continued: str
    """Added to the title of a slide that goes on from the one before (`` (cont.)``)."""
    continued_notes: str
    """The notes of such a slide: the notes are on the first, not repeated."""
    logo: str
    """The logo's alt text."""
    continued_more: str = " (cont. {n})"
    """Added to the titles of later slides that go on, ``{n}`` their place (2, 3...)."""


@dataclass(frozen=True)
class Lesson:
    """One deck: a topic's lesson or the whole class."""

    meta: Meta
    """Title, subject and language."""
    brand: Brand
    """The clinic's name, contact, colours and logo."""
    words: SlideWords
    """What the deck adds to continued slides and pictures."""
    slides: tuple[Slide, ...]
    """The slides in teaching order."""
    when: dt.date
    """The date the deck is stamped with (its content's review), so builds stay identical."""
