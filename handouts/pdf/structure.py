"""Write the structure tree the tagger built into the PDF reportlab drew: PDF/UA-1.

reportlab has no structure tree, parent tree or the page and widget entries that point
into them, so they are added afterwards with pikepdf (qpdf): the elements and their
marked content (``/K`` with MCIDs and widget references), the parent tree that maps each
page's MCIDs and each widget back to its element, ``/StructParents`` and ``/Tabs /S`` on
the pages, ``/MarkInfo``, ``/DisplayDocTitle`` and XMP metadata with the PDF/UA
identifier. Every widget that has no appearance of its own (an empty field) gets one
empty appearance, so no viewer has to make one (no ``/NeedAppearances``). The file is
written with an identifier made from its content: the same input gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from handouts.pdf.tagging import Node, Widget

PDF_VERSION = "1.7"
"""PDF/UA-1 is built on PDF 1.7 (ISO 32000-1)."""
_NAMES: dict[str, Name] = {}
"""Each structure type's name, made once."""


@dataclass(frozen=True)
class Description:
    """What the file's metadata says of it."""

    title: str
    """The title a viewer shows in its window (dc:title)."""
    author: str
    """Who made it (dc:creator)."""
    subject: str
    """What it is about (dc:description)."""
    creator: str
    """The tool that made it (xmp:CreatorTool, pdf:Producer)."""
    lang: str
    """The language tag (dc:language)."""


def tag(data: bytes, tree: Node, about: Description) -> bytes:
    """Return the PDF ``data`` with the structure ``tree`` and the PDF/UA entries written in."""
    pdf = pikepdf.open(io.BytesIO(data))
    writer = _Tree(pdf)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    top = writer.element(tree, root)
    root.K = top
    pdf.Root.StructTreeRoot = root
    nums = Array()
    for index, elements in enumerate(writer.contents):
        if elements:
            pdf.pages[index].obj.StructParents = index
            nums.append(index)
            nums.append(pdf.make_indirect(Array([elements[m] for m in sorted(elements)])))
    for key, element in writer.objects:
        nums.append(key)
        nums.append(element)
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = writer.next_key
    finish_document(pdf, about)
    return save(pdf)


class _Tree:
    """Writes structure elements, noting what the parent tree must map back to them."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages = [page.obj for page in pdf.pages]
        self.contents: list[dict[int, pikepdf.Object]] = [{} for _ in self.pages]
        self.widgets: dict[str, tuple[int, pikepdf.Object]] = {}
        for index, page in enumerate(self.pages):
            for annot in page.get("/Annots", ()):
                if annot.get("/Subtype") == "/Widget" and "/T" in annot:
                    self.widgets[str(annot.T)] = (index, annot)
        self.objects: list[tuple[int, pikepdf.Object]] = []
        self.next_key = len(self.pages)  # page keys first, then one a widget

    def element(self, node: Node, parent: pikepdf.Object) -> pikepdf.Object:
        """Write ``node`` and everything under it; return its element.

        Each object is made whole from a Python dictionary: set key by key, a handout's
        250 elements took twice as long.
        """
        kind = node.type or "Div"
        name = _NAMES.get(kind)
        if name is None:
            name = _NAMES[kind] = Name("/" + kind)
        element = self.pdf.make_indirect(
            Dictionary({"/Type": Name.StructElem, "/S": name, "/P": parent})
        )
        # Marked content on one page is named by its MCID alone, the page said once.
        pages = {kid[0] for kid in node.kids if isinstance(kid, tuple)}
        one_page = len(pages) == 1 and not any(isinstance(k, Widget) for k in node.kids)
        kids: list[object] = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(self.element(kid, element))
            elif isinstance(kid, Widget):
                page, annot = self.widgets[kid.name]
                annot.StructParent = self.next_key
                self.objects.append((self.next_key, element))
                self.next_key += 1
                kids.append(
                    Dictionary({"/Type": Name.OBJR, "/Obj": annot, "/Pg": self.pages[page]})
                )
            else:
                page, mcid = kid
                self.contents[page][mcid] = element
                if one_page:
                    kids.append(mcid)
                else:
                    kids.append(
                        Dictionary({"/Type": Name.MCR, "/Pg": self.pages[page], "/MCID": mcid})
                    )
        if one_page:
            element.Pg = self.pages[next(iter(pages))]
        element.K = kids[0] if len(kids) == 1 else Array(kids)
        if node.alt is not None:
            element.Alt = String(node.alt)
        if node.scope is not None:
            element.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
        return element


def finish_document(pdf: pikepdf.Pdf, about: Description) -> None:
    """Add what PDF/UA asks of the document as a whole, and an appearance for every widget.

    Marked as tagged, the title shown in the viewer's window, XMP metadata that names
    PDF/UA-1, and on each page with fields the tab order of the structure.
    """
    catalog = pdf.Root
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    catalog.Lang = String(about.lang)
    catalog.Metadata = pdf.make_stream(xmp(about), Type=Name.Metadata, Subtype=Name.XML)
    empty = None
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if not annots:
            continue
        page.obj.Tabs = Name.S
        for annot in annots:
            if annot.get("/Subtype") == "/Widget" and "/AP" not in annot:
                if empty is None:
                    empty = pdf.make_stream(
                        b"/Tx BMC EMC",
                        Type=Name.XObject,
                        Subtype=Name.Form,
                        BBox=Array([0, 0, 1, 1]),
                        Resources=Dictionary(),
                    )
                annot.AP = Dictionary(N=empty)
    form = catalog.get("/AcroForm")
    if form is not None and "/NeedAppearances" in form:
        del form["/NeedAppearances"]


def xmp(about: Description) -> bytes:
    """Return the XMP metadata packet: title, author, subject, language, tool and PDF/UA-1."""
    t, a, s, c, lang = (
        escape(v) for v in (about.title, about.author, about.subject, about.creator, about.lang)
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>\n'
        f"<dc:creator><rdf:Seq><rdf:li>{a}</rdf:li></rdf:Seq></dc:creator>\n"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{s}</rdf:li></rdf:Alt>'
        "</dc:description>\n"
        f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n"
        f"<pdf:Producer>{c}</pdf:Producer>\n"
        f"<xmp:CreatorTool>{c}</xmp:CreatorTool>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def save(pdf: pikepdf.Pdf) -> bytes:
    """Write the file, its identifier made from its content (no clock, no random number).

    Streams are copied as reportlab compressed them, not decoded and compressed again.
    """
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        min_version=PDF_VERSION,
        fix_metadata_version=False,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
    )
    return out.getvalue()
