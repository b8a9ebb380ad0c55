"""Measure the page furniture once, before anything is drawn: the ``PageLayout``.

The first page's masthead (the logo at the right, the clinic's name and contact wrapped
beside it, or write-in lines), each part's running titles (shortened to fit, never their
"(continued)"), each part's footer (wrapped once, its height known), the page numbers'
place, and the frames left for the content. ``pages`` paints exactly this.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from handouts import images, theme
from handouts.outline.blocks import WriteIn
from handouts.outline.document import Footer, Handout
from handouts.pdf.forms import FieldNames
from handouts.pdf.internals import Para
from handouts.pdf.styles import BOLD, REGULAR, Styles, markup
from handouts.text import plain, shorten

NAME_LEADING = 1.15
"""Line spacing of a clinic name that wraps, in multiples of its type size."""
CONTACT_LEADING = 1.2
"""Line spacing of a contact line that wraps."""
NAME_LINES = 2
"""The most lines a clinic name takes; more is cut with "…"."""
CONTACT_LINES = 3
"""The most lines a contact line takes: an address may need a third."""
FIRST = "first"
"""The page template of page 1, with the masthead."""
OPENING = "opening+"
"""The page template of later pages the opening fills on its own."""


def first_page_of(part: int) -> str:
    """Name the page template of a part's first page (its title without "continued")."""
    return f"p{part}"


def later_pages_of(part: int) -> str:
    """Name the page template of a part's later pages."""
    return f"p{part}+"


@dataclass(frozen=True)
class Text:
    """A line of text at its place on the page."""

    text: str
    """The words, as printed (no markup)."""
    x: float
    """Left end of the baseline."""
    y: float
    """The baseline."""


@dataclass(frozen=True)
class Blank:
    """A write-in line in the header: a rule for pen and an empty field on it for tablets."""

    x: float
    """Where the line starts."""
    y: float
    """The baseline of the label beside it."""
    length: float
    """How long the line is."""
    name: str
    """The field's name, unique in the document."""
    tooltip: str
    """What a screen reader says of the field."""


@dataclass(frozen=True)
class Logo:
    """The clinic's logo, read once, and where it goes."""

    image: ImageReader
    """The picture."""
    x: float
    """Left edge."""
    y: float
    """Bottom edge."""
    width: float
    """Drawn width."""
    height: float
    """Drawn height."""


@dataclass(frozen=True)
class Masthead:
    """The first page's branded header, laid out: it sets the header's height."""

    logo: Logo | None
    """The logo at the right; None without one."""
    name: tuple[Text | Blank, ...]
    """The clinic name's lines, in bold, or its write-in label and line."""
    name_size: float
    """The clinic name's type size."""
    contact: tuple[Text | Blank, ...]
    """The contact line's lines, or the Phone and Clinician labels and lines."""
    height: float
    """The header's height, grown by each line the name and contact wrap onto."""


@dataclass(frozen=True)
class RunningHead:
    """A later page's header: the part's title at the left, the clinic's name at the right."""

    title: Text
    """The title, shortened to its room, with "(continued)" on a part's later pages."""
    clinic: Text | None
    """The clinic's name, shortened to a third of the line; None without one."""


@dataclass(frozen=True)
class Foot:
    """The foot of a page: its paragraphs wrapped once, the review dates, the page number."""

    paragraphs: tuple[tuple[Paragraph, float, float], ...]
    """Each paragraph and where it is drawn (x, y), the lowest first."""
    review: Text | None
    """When the content was reviewed; None for a part with no topic."""
    line: float
    """The baseline of the review dates and the page number."""
    rule: float
    """The height of the rule above the foot."""
    height: float
    """The room the foot takes above the bottom margin."""
    cites: bool
    """True when it lists sources."""


@dataclass(frozen=True)
class Box:
    """A frame's place on the page."""

    x: float
    """Left edge."""
    y: float
    """Bottom edge."""
    width: float
    """Width."""
    height: float
    """Height."""


@dataclass(frozen=True)
class PageKind:
    """One page template: its frame, header and foot."""

    id: str
    """The template's name (``FIRST``, ``first_page_of(i)``...)."""
    next: str | None
    """The template of the page after it, unless the story says otherwise."""
    frame: Box
    """Where the content goes."""
    header: Masthead | RunningHead
    """What the top of the page says."""
    rule: float
    """The height of the rule under the header."""
    foot: Foot
    """What the bottom of the page says."""


@dataclass(frozen=True)
class PageNumbers:
    """Where "Page 3 of " goes on each page; the total follows, drawn when it is known.

    The label's characters are measured once: each page's label is placed by adding
    their widths, as reportlab's own measure does.
    """

    label: str
    """The words before the total, with ``{page}`` in them."""
    right: float
    """The label is placed so that a two-digit total ends here."""
    size: float
    """The type size."""
    units: Mapping[str, float]
    """Each character's width in thousandths of the type size."""

    def width(self, text: str) -> float:
        """Return the width of text made of the measured characters."""
        return 0.001 * self.size * sum(self.units[c] for c in text)

    def at(self, page: int) -> tuple[str, float, float]:
        """Return a page's label, its left end, and where the total starts."""
        label = self.label.format(page=page)
        x = self.right - self.width(label + "99")
        return label, x, x + self.width(label)


@dataclass(frozen=True)
class PageLayout:
    """Everything the page furniture needs, measured: ``pages`` paints it."""

    page: tuple[float, float]
    """The paper's width and height."""
    margin: float
    """The margin on every side."""
    size: float
    """The body type size (headers, write-in fields)."""
    kinds: tuple[PageKind, ...]
    """Every page template, the first page's first."""
    numbers: PageNumbers
    """Where each page's number goes."""


def page_layout(handout: Handout, s: Styles, page: tuple[float, float], prefix: str) -> PageLayout:
    """Measure a handout's page furniture and frames."""
    sizes = s.sizes
    margin = sizes.margin
    masthead = _masthead(handout, s, page, FieldNames(prefix))
    running = sizes.body * 1.2 + 12
    feet = [_foot(part.footer, s, page) for part in handout.parts]
    own = handout.opening_footer
    opening_foot = feet[0] if own is None else _foot(own, s, page)
    # The opening's pages and every page whose foot lists sources get the room of the
    # tallest foot; a part whose foot lists none (the log) gives that room to its content.
    tallest = max(foot.height for foot in (*feet, opening_foot))

    def kind(
        name: str, after: str | None, header: Masthead | RunningHead, foot: Foot, low: float
    ) -> PageKind:
        """Make a page template's layout: the frame is what header and foot leave."""
        high = header.height if isinstance(header, Masthead) else running
        frame = Box(margin, margin + low + 6, s.width, page[1] - 2 * margin - high - low - 6)
        return PageKind(name, after, frame, header, page[1] - margin - high + 6, foot)

    continued = handout.words.continued
    opening = handout.opening_title
    opening = opening if handout.opening_literal else plain(opening)
    running_opening = _running(opening, continued, handout, s, page)
    kinds = [
        kind(FIRST, OPENING, masthead, opening_foot, tallest),
        kind(OPENING, None, running_opening, opening_foot, tallest),
    ]
    for i, (part, foot) in enumerate(zip(handout.parts, feet, strict=True)):
        title = plain(part.title)  # a header shows no bold
        low = tallest if foot.cites else foot.height
        first = _running(title, "", handout, s, page)
        kinds.append(kind(first_page_of(i), later_pages_of(i), first, foot, low))
        later = _running(title, continued, handout, s, page)
        kinds.append(kind(later_pages_of(i), None, later, foot, low))
    return PageLayout(page, margin, sizes.body, tuple(kinds), _numbers(handout, s, page))


def _width(font: str, size: float) -> Callable[[str], float]:
    return lambda text: pdfmetrics.stringWidth(text, font, size)


def _masthead(
    handout: Handout, s: Styles, page: tuple[float, float], names: FieldNames
) -> Masthead:
    """Lay out the first page's header: the logo at the right, the text wrapped beside it."""
    brand, words = handout.brand, handout.words
    size = s.sizes.body
    margin = s.sizes.margin
    top = page[1] - margin
    height = size * 2.6 + 12  # one line of name and one of contact
    width = page[0] - 2 * margin
    logo = None
    if brand.logo is not None:
        image = ImageReader(io.BytesIO(images.logo_bytes(brand.logo)))
        image_w, image_h = image.getSize()
        # Sized for the two-line header, so a name that wraps grows the header, not the logo.
        scale = min((height - 14) / image_h, 2.2 * theme.INCH / image_w)
        w, h = image_w * scale, image_h * scale
        logo = Logo(image, page[0] - margin - w, top - h, w, h)
        width -= w + 0.2 * theme.INCH
    # Names and contact details print exactly as typed, as a patient's name does.
    bold, regular = _width(BOLD, size + 2), _width(REGULAR, size)
    name_lines = _wrap(brand.clinic, bold, width, NAME_LINES)
    contact_lines = _wrap(brand.contact, regular, width, CONTACT_LINES)
    y = top - size
    name: list[Text | Blank] = []
    for number, text in enumerate(name_lines):
        y -= (size + 2) * NAME_LEADING if number else 0
        name.append(Text(text, margin, y))
    if not name_lines:
        name += _write_in(words.clinic, margin, y, 220, bold, names)
    y -= size * 1.35
    contact: list[Text | Blank] = []
    for number, text in enumerate(contact_lines):
        y -= size * CONTACT_LEADING if number else 0
        contact.append(Text(text, margin, y))
    if not contact_lines:
        # Two write-ins share what the logo leaves of the line, at most 160 pt each.
        phone, clinician = words.phone, words.clinician
        gap = 2 * size
        room = width - regular(phone.label + " ") - regular(clinician.label + " ") - gap
        blank = min(160.0, room / 2)
        contact += _write_in(phone, margin, y, blank, regular, names)
        x = margin + regular(phone.label + " ") + blank + gap
        contact += _write_in(clinician, x, y, blank, regular, names)
    height += max(len(name_lines) - 1, 0) * (size + 2) * NAME_LEADING
    height += max(len(contact_lines) - 1, 0) * size * CONTACT_LEADING
    return Masthead(logo, tuple(name), size + 2, tuple(contact), height)


def _write_in(
    field: WriteIn,
    x: float,
    y: float,
    length: float,
    width: Callable[[str], float],
    names: FieldNames,
) -> tuple[Text, Blank]:
    """Place a header write-in: its label, then its line after a space."""
    start = x + width(field.label + " ")
    blank = Blank(start, y, length, names.name(field.name), field.tooltip or field.label)
    return Text(field.label, x, y), blank


def _wrap(text: str, width: Callable[[str], float], room: float, max_lines: int) -> tuple[str, ...]:
    """Break text into at most ``max_lines`` lines of ``room`` points; cut the last with "…".

    A separator such as "·" stays at the end of a line rather than starting the next.
    """
    words: list[str] = []
    for word in text.split():
        if words and not any(c.isalnum() for c in word):
            words[-1] += " " + word
        else:
            words.append(word)
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and width(joined) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines[max_lines - 1 :] = [" ".join(lines[max_lines - 1 :])]
    return tuple(shorten(line, lambda t: width(t) <= room) for line in lines)


def _running(
    title: str, keep: str, handout: Handout, s: Styles, page: tuple[float, float]
) -> RunningHead:
    """Lay out a running header: a long title is cut to its room, never its ``keep`` ending."""
    size = s.sizes.body
    margin = s.sizes.margin
    room = page[0] - 2 * margin
    y = page[1] - margin - size
    regular, bold = _width(REGULAR, size), _width(BOLD, size)
    clinic = None
    used = 0.0
    if handout.brand.clinic:  # as typed: ** in a name are not bold marks
        # The clinic's name takes at most a third of the line; the title the rest.
        name = shorten(handout.brand.clinic, lambda t: regular(t) <= room / 3)
        clinic = Text(name, page[0] - margin - regular(name), y)
        used = regular(name) + 18
    shown = shorten(title, lambda t: bold(t) <= room - used, keep=keep)
    return RunningHead(Text(shown, margin, y), clinic)


def _foot(footer: Footer, s: Styles, page: tuple[float, float]) -> Foot:
    """Wrap a part's footer once: its sources, then the disclaimer, over the page number."""
    margin = s.sizes.margin
    paragraphs: list[Paragraph] = []
    if footer.sources is not None:
        paragraphs.append(Para(markup(footer.sources), s.small))
    paragraphs.append(Para(markup(footer.disclaimer), s.disclaimer))
    heights = [p.wrap(page[0] - 2 * margin, page[1])[1] for p in paragraphs]
    placed: list[tuple[Paragraph, float, float]] = []
    y = margin
    for paragraph, height in reversed(list(zip(paragraphs, heights, strict=True))):
        placed.append((paragraph, margin, y))
        y += height
    review = Text(footer.review, margin, y + 2) if footer.review is not None else None
    room = sum(heights) + s.sizes.small + 10
    cites = footer.sources is not None
    return Foot(tuple(placed), review, y + 2, y + s.sizes.small + 5, room, cites)


def _numbers(handout: Handout, s: Styles, page: tuple[float, float]) -> PageNumbers:
    """Measure the page numbers' characters: the label's words and every digit."""
    label, found, after = handout.words.page_of.partition("{pages}")
    if not found or after:
        raise ValueError(f"page numbering must end with the total: {handout.words.page_of!r}")
    characters = set(label.replace("{page}", "")) | set("0123456789")
    units = {c: pdfmetrics.stringWidth(c, REGULAR, 1000) for c in characters}
    return PageNumbers(label, page[0] - s.sizes.margin, s.sizes.small, units)
