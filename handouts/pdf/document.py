"""Draw a handout: measure its furniture, lay its blocks out in the outline's order, build.

The phases, in order: fonts and styles; the page layout (``layout``: everything the page
furniture needs, measured); the page templates (``pages``); the story, made block by block
(``blocks.FLOWABLES``) in the order the outline gives, each part after the first (and
every part after a cover) on a new page; then reportlab's ``multiBuild``, which lays the
story out again while a class pack's contents' page numbers are still changing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.platypus import BaseDocTemplate, Flowable, NextPageTemplate, PageBreak

from handouts import theme
from handouts.errors import HandoutsError, RenderError
from handouts.options import PdfOptions
from handouts.outline.blocks import Block
from handouts.outline.document import Handout
from handouts.pdf.blocks import FLOWABLES, PAIRS
from handouts.pdf.flowables import PART_STARTS, Heading, KeepWithStart, PartStart
from handouts.pdf.forms import FieldNames
from handouts.pdf.layout import PageLayout, first_page_of, later_pages_of, page_layout
from handouts.pdf.pages import canvas_maker, page_templates
from handouts.pdf.program import MAX_PASSES, Unsettled
from handouts.pdf.structure import Description, tag
from handouts.pdf.styles import REGULAR, Styles, binary_streams, register_fonts, styles

KEPT_LINES = 3
"""Lines of text a heading is kept with at the foot of a page."""


def render(handout: Handout, options: PdfOptions, field_prefix: str = "") -> bytes:
    """Draw a handout and return the PDF bytes (identical for identical input).

    ``field_prefix`` starts every form field's name, so merged documents keep their fields
    apart. Raises RenderError, naming the document, if it cannot be laid out: reportlab's
    own message (a flowable's repr over two lines) means nothing to a user.
    """
    try:
        with binary_streams():
            return _draw(handout, options, field_prefix)
    except (HandoutsError, OSError, MemoryError):  # ours already, or the system's
        raise
    except Exception as exc:
        kind = "large print" if options.large_print else "standard print"
        why = str(exc) if isinstance(exc, Unsettled) else type(exc).__name__
        raise RenderError(
            f"could not lay out the PDF {handout.meta.title!r} ({kind}, {options.paper}): {why}"
        ) from exc


class _Document(BaseDocTemplate):
    """The document template: it notes the page each part starts on, for the contents."""

    def afterFlowable(self, flowable: Flowable) -> None:
        """Tell the contents the page a part starts on."""
        if isinstance(flowable, PartStart):
            self.notify(PART_STARTS, (flowable.index, self.page))


def _draw(handout: Handout, options: PdfOptions, prefix: str) -> bytes:
    register_fonts()
    page = theme.PAPER[options.paper]
    margin = theme.print_sizes(options.large_print).margin
    look = styles(handout.brand, options.large_print, page[0] - 2 * margin)
    layout = page_layout(handout, look, page, prefix)
    buffer = io.BytesIO()
    doc = _template(buffer, handout, layout, look)
    doc.addPageTemplates(page_templates(layout, look.primary))
    doc.multiBuild(
        _story(handout, look, prefix), maxPasses=MAX_PASSES, canvasmaker=canvas_maker(layout)
    )
    meta = handout.meta
    about = Description(meta.title, meta.author, meta.subject, meta.creator, meta.lang)
    return tag(buffer.getvalue(), doc.canv.tagger.finish(), about)


def _template(buffer: io.BytesIO, handout: Handout, layout: PageLayout, look: Styles) -> _Document:
    meta = handout.meta
    margin = layout.margin
    return _Document(
        buffer,
        pagesize=layout.page,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=", ".join(meta.keywords),
        creator=meta.creator,
        producer=meta.creator,
        lang=meta.lang,
        invariant=1,
        pageCompression=1,
        # Otherwise every page declares Helvetica, a font that is never embedded.
        initialFontName=REGULAR,
        initialFontSize=look.sizes.body,
    )


def _story(handout: Handout, look: Styles, prefix: str) -> list[Flowable]:
    """Lay out the opening and every part, in order, each part marked where it starts."""
    story = _flowables(handout.opening, look, FieldNames(prefix))
    for index, part in enumerate(handout.parts):
        if index or handout.opening_footer is not None:
            story += [NextPageTemplate(first_page_of(index)), PageBreak()]
        else:  # the first part goes on under the opening, on its page
            story.append(NextPageTemplate(later_pages_of(index)))
        story.append(PartStart(index))
        story += _flowables(part.blocks, look, FieldNames(prefix, part.key))
    return story


def _flowables(blocks: Sequence[Block], look: Styles, names: FieldNames) -> list[Flowable]:
    """Lay blocks out; a block that opens with a heading never leaves it alone on a page."""
    story: list[Flowable] = []
    paired = False
    for n, block in enumerate(blocks):
        after = blocks[n + 1] if n + 1 < len(blocks) else None
        if paired:  # laid out beside the block before it
            paired = False
            continue
        pair = PAIRS.get((type(block), type(after)))
        flowables = pair(block, after, look, names) if pair is not None else None
        paired = flowables is not None
        if flowables is None:
            make = FLOWABLES.get(type(block))
            if make is None:
                raise TypeError(f"a PDF cannot show a {type(block).__name__} block")
            flowables = make(block, look, names)
        if flowables and isinstance(flowables[0], Heading):
            story.append(KeepWithStart(flowables, look.sizes.leading * KEPT_LINES))
        story += flowables
    return story
