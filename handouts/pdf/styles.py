"""Fonts, paragraph styles, and the markup reportlab's paragraph parser reads.

Content is always text: it is escaped before the parser sees it, and only ``**bold**``
becomes emphasis (never in a name: the clinic's, the patient's and the clinician's print
exactly as typed). Fonts are registered once, when the first PDF is drawn; the one
reportlab setting we change is set for a build and restored after it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from handouts import theme
from handouts.outline.blocks import Cited, Labelled
from handouts.outline.document import Brand
from handouts.text import cite, emphasis

REGULAR = "AtkinsonHyperlegible"
"""The body face's registered name."""
BOLD = "AtkinsonHyperlegible-Bold"
"""The bold face's registered name."""
CALLOUT_TINT = "#F7DAD6"
"""Safety callout background: a pink that prints a visibly darker grey than other panels."""


@functools.cache
def register_fonts() -> None:
    """Register the bundled TrueType fonts, once; they are embedded (subset) in every PDF."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(theme.FONT_REGULAR)))
    pdfmetrics.registerFont(TTFont(BOLD, str(theme.FONT_BOLD)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


@contextlib.contextmanager
def binary_streams() -> Iterator[None]:
    """Write streams binary, not ASCII85, while a PDF is drawn; restore the setting after.

    Binary files are a fifth smaller and cost no time to encode. reportlab reads this
    setting from one global, so it is ours only for the length of a build.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def markup(text: str) -> str:
    """Escape text for reportlab's paragraph parser; ``**words**`` becomes bold."""
    return "".join(f"<b>{escape(run)}</b>" if bold else escape(run) for run, bold in emphasis(text))


def cited(item: Cited) -> str:
    """Return a statement's markup with its source numbers, e.g. ``... [1, 2]``.

    No-break spaces keep the marker whole and on the line of the words it backs. It is set
    in the text's own colour and face: a paragraph of one style takes reportlab's fast
    line-breaking path, which halves the time to draw a handout.
    """
    return cite(markup(item.text), item.sources, space="\xa0")


def labelled(item: Labelled) -> str:
    """Return a bold label and the text it introduces as markup."""
    return f"<b>{escape(item.label)}</b> {markup(item.text)}"


def color(hex_color: str) -> colors.Color:
    """Return a ``#RRGGBB`` colour as reportlab's."""
    return colors.HexColor(hex_color)


@dataclass(frozen=True)
class Styles:
    """Everything a block is drawn with: sizes, brand colours, paragraph styles, width."""

    sizes: theme.PrintSizes
    """Type sizes and spacing of this print variant."""
    large_print: bool
    """Large print: one column where standard print has two."""
    width: float
    """The text width of a page (between the margins)."""
    primary: colors.Color
    """Headings and table headers."""
    accent: colors.Color
    """The safety callout."""
    body: ParagraphStyle
    """Body text."""
    bold: ParagraphStyle
    """Body text in bold: labels."""
    lead: ParagraphStyle
    """A summary under a title, a little larger."""
    h1: ParagraphStyle
    """A title."""
    h2: ParagraphStyle
    """A section heading."""
    small: ParagraphStyle
    """Footer text."""
    fine: ParagraphStyle
    """The source list: the smallest type."""
    disclaimer: ParagraphStyle
    """The footer's disclaimer: small, in ink."""
    table_head: ParagraphStyle
    """White bold text on a table's coloured header row."""
    bullet: ParagraphStyle
    """A bulleted item."""
    step: ParagraphStyle
    """A numbered step."""


def styles(brand: Brand, large_print: bool, width: float) -> Styles:
    """Make the styles of one document."""
    sizes = theme.print_sizes(large_print)
    primary = color(brand.primary)
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=sizes.body,
        leading=sizes.leading,
        textColor=color(theme.INK),
        alignment=TA_LEFT,
        splitLongWords=True,
        # reportlab otherwise draws bullets and step numbers in 10 pt Helvetica.
        bulletFontName=REGULAR,
        bulletFontSize=sizes.body,
    )
    small = ParagraphStyle(
        "small",
        parent=body,
        fontSize=sizes.small,
        leading=sizes.small * 1.25,
        textColor=color(theme.MUTED),
    )
    return Styles(
        sizes=sizes,
        large_print=large_print,
        width=width,
        primary=primary,
        accent=color(brand.accent),
        body=body,
        bold=ParagraphStyle("bold", parent=body, fontName=BOLD),
        lead=ParagraphStyle(
            "lead", parent=body, fontSize=sizes.body + 1, leading=sizes.leading + 1.5
        ),
        h1=_heading("h1", body, sizes.h1, 1.15, primary, after=sizes.gap / 2),
        h2=_heading(
            "h2", body, sizes.h2, 1.2, primary, before=sizes.gap * 0.8, after=sizes.gap * 0.4
        ),
        small=small,
        fine=ParagraphStyle("fine", parent=small, fontSize=sizes.fine, leading=sizes.fine * 1.15),
        disclaimer=ParagraphStyle("disclaimer", parent=small, textColor=color(theme.INK)),
        table_head=ParagraphStyle("th", parent=body, fontName=BOLD, textColor=colors.white),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=sizes.body * 1.1, bulletIndent=0),
        step=ParagraphStyle(
            "step",
            parent=body,
            leftIndent=sizes.body * 1.6,
            bulletIndent=0,
            spaceAfter=sizes.gap / 4,
        ),
    )


def _heading(
    name: str,
    body: ParagraphStyle,
    size: float,
    leading: float,
    primary: colors.Color,
    *,
    before: float = 0,
    after: float,
) -> ParagraphStyle:
    """Make a heading style: bold, in the brand colour, ``leading`` times its size."""
    return ParagraphStyle(
        name,
        parent=body,
        fontName=BOLD,
        fontSize=size,
        leading=size * leading,
        textColor=primary,
        spaceBefore=before,
        spaceAfter=after,
    )
