"""DrawingML written directly, and every reach into python-pptx's internals, in one place.

Text is written as DrawingML strings: python-pptx's run and font objects cost an XPath per
attribute, which was most of a deck's drawing time. Every piece of text is escaped. The
rest are what python-pptx has no public way to do (remove a sample slide, copy a notes
page, set a table cell's margins); a python-pptx upgrade means checking this file.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from xml.sax.saxutils import escape

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from handouts.deck.sizes import INSET_X, INSET_Y, emu
from handouts.text import emphasis

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
"""The DrawingML namespace."""


# -- DrawingML strings ---------------------------------------------------------------------


def run(text: str, size: float, bold: bool | None, ink: str | None, extra: str = "") -> str:
    """One run: size in points, bold (None: the template's), colour (None: the template's)."""
    weight = "" if bold is None else f' b="{int(bold)}"'
    fill = f'<a:solidFill><a:srgbClr val="{ink.lstrip("#").upper()}"/></a:solidFill>' if ink else ""
    return (
        f'<a:r><a:rPr sz="{round(size * 100)}"{weight}{extra}>{fill}</a:rPr>'
        f"<a:t>{escape(text)}</a:t></a:r>"
    )


def runs(text: str, size: float, bold: bool | None, ink: str | None, extra: str = "") -> str:
    """Return runs for ``text``, ``**words**`` in bold; ``bold`` sets the others' weight."""
    return "".join(
        run(part, size, True if strong else bold, ink, extra) for part, strong in emphasis(text)
    )


def spacing(points: float) -> str:
    """Single line spacing, ``points`` above and none below, whatever the template's styles say.

    Text is measured at exactly this spacing: a template's 150% line spacing or space after
    would push the last lines off the slide.
    """
    return (
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(points * 100)}"/></a:spcBef>'
        '<a:spcAft><a:spcPts val="0"/></a:spcAft>'
    )


def solid_fill(color: str) -> str:
    """Return a solid fill of ``#RRGGBB``, with its namespace, to parse on its own."""
    value = color.lstrip("#").upper()
    return f'<a:solidFill xmlns:a="{A}"><a:srgbClr val="{value}"/></a:solidFill>'


# -- text frames and table cells -----------------------------------------------------------


def prepare_frame(text_frame: object, own_template: bool) -> None:
    """Fix insets, wrapping and no auto-fit, so what we measured is what shows.

    A clinic's text placeholder may set vertical text or columns: set one horizontal column.
    """
    text_frame.auto_size = MSO_AUTO_SIZE.NONE  # type: ignore[attr-defined]
    # python-pptx leaves <a:normAutofit/> from the layout alone: make "no autofit" explicit.
    body_pr = text_frame._txBody.bodyPr  # type: ignore[attr-defined]
    for child in list(body_pr):
        if child.tag in (qn("a:normAutofit"), qn("a:spAutoFit")):
            body_pr.remove(child)
    inset_x, inset_y = str(emu(INSET_X)), str(emu(INSET_Y))
    for name, value in (("wrap", "square"), ("lIns", inset_x), ("rIns", inset_x)):
        body_pr.set(name, value)
    body_pr.set("tIns", inset_y)
    body_pr.set("bIns", inset_y)
    if not own_template:
        body_pr.set("vert", "horz")
        body_pr.set("numCol", "1")


def fill_frame(text_frame: object, paragraphs: Sequence[str]) -> None:
    """Replace a text frame's paragraphs with these ``<a:p>`` elements (at least one)."""
    body = text_frame._txBody  # type: ignore[attr-defined]
    for old in body.findall(qn("a:p")):
        body.remove(old)
    parsed = parse_xml(f'<a:txBody xmlns:a="{A}">{"".join(paragraphs) or "<a:p/>"}</a:txBody>')
    body.extend(list(parsed))


def cell_margins(cell: object, x: int, y: int) -> None:
    """Set a table cell's margins (EMU), top anchoring and wrapping."""
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    for name, value in (("marL", x), ("marR", x), ("marT", y), ("marB", y)):
        tc_pr.set(name, str(value))
    tc_pr.set("anchor", "t")
    cell.text_frame._txBody.bodyPr.set("wrap", "square")  # type: ignore[attr-defined]


def cell_fill(cell: object, color: str) -> None:
    """Fill a table cell with ``#RRGGBB``."""
    cell._tc.get_or_add_tcPr().append(parse_xml(solid_fill(color)))  # type: ignore[attr-defined]


def rule(cell: object, color: str, *sides: str) -> None:
    """Draw thin lines on a table cell's edges: ``"L"``, ``"R"``, ``"T"``, ``"B"``."""
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    for at, side in enumerate(sides):
        line = tc_pr.makeelement(qn(f"a:ln{side}"), {"w": "19050"})
        fill = line.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": color.lstrip("#")}))
        line.append(fill)
        tc_pr.insert(at, line)  # borders come first, in this order, in the schema


# -- shapes, slides and parts --------------------------------------------------------------


def element(obj: object) -> object:
    """Return the XML element behind a python-pptx shape, slide, layout, master or part."""
    return obj._element  # type: ignore[attr-defined]


def describe(shape: object, text: str) -> None:
    """Set a shape's alt text: what a screen reader says of a picture, chart or band."""
    properties = element(shape)[0]  # nvSpPr, nvPicPr or nvGraphicFramePr: always first
    properties.find(qn("p:cNvPr")).set("descr", text)  # type: ignore[union-attr]


_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""The extension PowerPoint writes for "Mark as decorative" (Office 2019 and later)."""
_DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
"""The namespace of its ``decorative`` flag."""


def mark_decorative(shape: object) -> None:
    """Flag a shape decorative, as PowerPoint does: screen readers then pass over it.

    A decoration has no alt text: a description would be read aloud like a picture's.
    """
    properties = element(shape)[0].find(qn("p:cNvPr"))  # type: ignore[index]
    properties.attrib.pop("descr", None)
    extensions = properties.find(qn("a:extLst"))
    if extensions is None:
        extensions = properties.makeelement(qn("a:extLst"), {})
        properties.append(extensions)  # after hlinkClick and hlinkHover, as the schema says
    extensions.append(
        parse_xml(
            f'<a:ext xmlns:a="{A}" uri="{_DECORATIVE_EXT}">'
            f'<adec:decorative xmlns:adec="{_DECORATIVE}" val="1"/></a:ext>'
        )
    )


def positive_axis_ids(chart: object) -> None:
    """Make a chart's axis ids unsigned, as the schema says (python-pptx writes negative ones).

    Each id becomes its 32-bit two's complement, so ids stay distinct and the same each build.
    """
    chart_space = chart._chartSpace  # type: ignore[attr-defined]
    for tag in (qn("c:axId"), qn("c:crossAx")):
        for axis in chart_space.iter(tag):
            axis.set("val", str(int(axis.get("val")) % 2**32))


_RUN_PROPERTIES = (qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr"))
_RUNS = (qn("a:r"), qn("a:fld"), qn("a:br"))


def set_language(root: object, lang: str) -> None:
    """Tag every run, field, line break and paragraph end under ``root`` with ``lang``.

    A screen reader picks its voice from the run's language; without one it guesses from
    the template's default. A run without properties gets them (they come first in a run).
    """
    for tag in _RUNS:
        for piece in root.iter(tag):  # type: ignore[attr-defined]
            if piece.find(qn("a:rPr")) is None:
                piece.insert(0, piece.makeelement(qn("a:rPr"), {}))
    for tag in _RUN_PROPERTIES:
        for properties in root.iter(tag):  # type: ignore[attr-defined]
            properties.set("lang", lang)


def chart_language(chart: object, lang: str) -> None:
    """Give a chart its language, and every piece of its text the same."""
    chart_space = chart._chartSpace  # type: ignore[attr-defined]
    found = chart_space.find(qn("c:lang"))
    if found is None:
        found = chart_space.makeelement(qn("c:lang"), {})
        date = chart_space.find(qn("c:date1904"))  # c:lang follows it, or comes first
        if date is None:
            chart_space.insert(0, found)
        else:
            date.addnext(found)
    found.set("val", lang)
    set_language(chart_space, lang)


def default_language(prs: PresentationType, lang: str) -> None:
    """Set the language of the deck's default text style: what new text is typed in."""
    style = prs.part._element.find(qn("p:defaultTextStyle"))  # type: ignore[attr-defined]
    if style is not None:
        for properties in style.iter(qn("a:defRPr")):
            properties.set("lang", lang)


def has_own_position(shape: object) -> bool:
    """Tell whether a placeholder sets its own position, rather than inherit its layout's."""
    return element(shape).spPr.find(qn("a:xfrm")) is not None  # type: ignore[attr-defined]


def label_every_category(axis: object) -> None:
    """Name every bar: left to itself a viewer skips category labels it finds crowded."""
    cat_ax = element(axis)
    skip = cat_ax.makeelement(qn("c:tickLblSkip"), {"val": "1"})  # type: ignore[attr-defined]
    later = [qn("c:tickMarkSkip"), qn("c:noMultiLvlLbl"), qn("c:extLst")]
    following = next((child for child in cat_ax if child.tag in later), None)  # type: ignore[attr-defined]
    if following is None:
        cat_ax.append(skip)  # type: ignore[attr-defined]
    else:
        following.addprevious(skip)


_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""The field id PowerPoint gives a slide-number field (any GUID serves; this is its own)."""


def number_slide(slide: Slide, number: int, ink: str | None) -> None:
    """Show the slide's number where its layout puts it, as a field PowerPoint keeps current.

    The layout's slide-number placeholder is copied onto the slide (python-pptx leaves it
    out); a layout without one (some clinic templates) gets no number. ``ink``: our colour
    (the stock layouts set a grey too light to read), or None for the template's.
    """
    layout = slide.slide_layout
    found = next(
        (
            shape._element
            for shape in layout.placeholders
            if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
        ),
        None,
    )
    if found is None:
        return
    shape = copy.deepcopy(found)
    body = shape.find(qn("p:txBody"))
    if body is None:
        return
    for paragraph in body.findall(qn("a:p")):
        body.remove(paragraph)
    body.append(
        parse_xml(
            f'<a:p xmlns:a="{A}"><a:pPr marL="0" indent="0">{spacing(0)}<a:buNone/></a:pPr>'
            f'<a:fld id="{_SLIDE_NUMBER_FIELD}" type="slidenum">'
            f"<a:rPr>{solid_fill(ink) if ink else ''}</a:rPr><a:t>{number}</a:t></a:fld></a:p>"
        )
    )
    tree = slide.shapes._spTree
    # The copy keeps the layout's shape id, which a shape of the slide may have already:
    # ids are unique within a slide (PowerPoint repairs a file where they are not).
    taken = [int(cnv.get("id")) for cnv in tree.iter(qn("p:cNvPr"))]
    shape.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").set("id", str(max(taken) + 1))
    tree.append(shape)
    prepare_frame(slide.shapes[-1].text_frame, ink is not None)


def remove_empty_placeholders(slide: Slide) -> None:
    """Remove placeholders left empty: the editor would show "Click to add text" in them."""
    tree = slide.shapes._spTree
    for shape in tree.findall(qn("p:sp")):
        placeholder = shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        body = shape.find(qn("p:txBody"))
        text = "" if body is None else "".join(t.text or "" for t in body.iter(qn("a:t")))
        if placeholder is not None and body is not None and not text.strip():
            tree.remove(shape)


class NotesPages:
    """Gives each slide its notes page; after the first, by copying that page's blank.

    python-pptx builds every notes page by cloning the notes master's placeholders, which
    was a third of the time to draw a deck. The pages are identical until the text goes in.
    """

    def __init__(self) -> None:
        """Start with no blank page: the first slide's is made the usual way."""
        self.blank: object | None = None

    def add(self, slide: Slide, text: str, lang: str) -> None:
        """Add a notes page holding ``text``, in the language ``lang``, to ``slide``."""
        if self.blank is None:
            notes = slide.notes_slide
            self.blank = copy.deepcopy(element(notes))
        else:
            part, package = slide.part, slide.part.package
            master = package.presentation_part.notes_master_part
            notes_part = NotesSlidePart(
                package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                CT.PML_NOTES_SLIDE,
                package,
                copy.deepcopy(self.blank),
            )
            notes_part.relate_to(master, RT.NOTES_MASTER)
            notes_part.relate_to(part, RT.SLIDE)
            part.relate_to(notes_part, RT.NOTES_SLIDE)
            notes = notes_part.notes_slide
        frame = notes.notes_text_frame
        frame.text = text
        set_language(frame._txBody, lang)


def drop_slides(prs: PresentationType) -> None:
    """Remove every slide of a template, keeping its masters and layouts."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def number_apart(layout: object, title: object | None) -> None:
    """Give placeholders that share a layout's number numbers of their own, the title first.

    Impress numbers title and body 0: a slide's placeholder takes its place and size from
    the layout's of its number, so the body would sit where the title is.
    """
    shapes = [element(shape) for shape in layout.placeholders]  # type: ignore[attr-defined]
    heading = None if title is None else element(title)
    shapes.sort(key=lambda shape: heading is None or shape is not heading)
    numbers = [shape.ph_idx for shape in shapes]  # type: ignore[attr-defined]
    taken, free = set(), max(numbers, default=0) + 1
    for shape, number in zip(shapes, numbers, strict=True):
        if number in taken:
            shape.ph.set("idx", str(free))  # type: ignore[attr-defined]
            number, free = free, free + 1
        taken.add(number)


def replace_blob(part: object, data: bytes) -> None:
    """Replace the bytes of a part python-pptx keeps as bytes (a theme)."""
    part._blob = data  # type: ignore[attr-defined]
