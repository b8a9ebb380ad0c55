"""The PDF/UA-1 checker, proved on a file made by hand and on every way of breaking it.

The known-good file is written here with plain reportlab and pikepdf, not with the
project's tagger, so the checker is not judged by the code it checks.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from handouts import pdfua, theme

TITLE = '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Good</rdf:li></rdf:Alt></dc:title>'
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
    f"{TITLE}<pdfuaid:part>1</pdfuaid:part></rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
)


def _drawn(untagged_text: bool = False, nested: bool = False) -> bytes:
    """Draw one page: a heading, a paragraph, a figure, a table, an artifact and a field."""
    if "UAGood" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("UAGood", str(theme.FONT_REGULAR)))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName="UAGood")
    literal = canvas.addLiteral
    for mcid, (tag, y) in enumerate([("H1", 750), ("P", 720), ("TH", 690), ("TD", 670)]):
        literal(f"/{tag} <</MCID {mcid}>> BDC")
        canvas.drawString(72, y, f"{tag} text")
        literal("EMC")
    literal("/Figure <</MCID 4>> BDC")
    canvas.rect(72, 600, 40, 20, fill=1)
    literal("EMC")
    literal("/Artifact <</Type /Pagination>> BDC")
    if nested:
        literal("/P <</MCID 5>> BDC")
    canvas.drawString(72, 40, "Page 1")
    if nested:
        literal("EMC")
    literal("EMC")
    if untagged_text:
        canvas.drawString(300, 40, "loose")
    canvas.save()
    return buffer.getvalue()


def good_pdf(**draw: bool) -> pikepdf.Pdf:
    """Return a small PDF/UA-1 file built by hand, open for changing."""
    pdf = pikepdf.open(io.BytesIO(_drawn(**draw)))
    page = pdf.pages[0].obj
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))

    def element(kind: str, parent: pikepdf.Object, k: object, **extra: object) -> pikepdf.Object:
        made = Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=parent, Pg=page, **extra)
        made.K = k
        return pdf.make_indirect(made)

    h1 = element("H1", doc, 0)
    p = element("P", doc, 1)
    table = element("Table", doc, Array())
    tr1 = element("TR", table, Array())
    th = element("TH", tr1, 2, A=Dictionary(O=Name.Table, Scope=Name.Column))
    tr2 = element("TR", table, Array())
    td = element("TD", tr2, 3)
    tr1.K, tr2.K, table.K = Array([th]), Array([td]), Array([tr1, tr2])
    figure = element("Figure", doc, 4, Alt=String("A black box"))
    widget = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("when"),
            TU=String("Week 1, session 2: date"),
            Rect=Array([72, 500, 200, 520]),
            P=page,
            StructParent=1,
            AP=Dictionary(
                N=pdf.make_stream(
                    b"/Tx BMC EMC", Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 1, 1])
                )
            ),
        )
    )
    form = element("Form", doc, Dictionary(Type=Name.OBJR, Obj=widget, Pg=page))
    doc.K = Array([h1, p, table, figure, form])
    page.Annots = Array([widget])
    page.Tabs = Name.S
    page.StructParents = 0
    root.K = doc
    root.ParentTree = pdf.make_indirect(
        Dictionary(Nums=Array([0, Array([h1, p, th, td, figure]), 1, form]))
    )
    root.ParentTreeNextKey = 2
    catalog = pdf.Root
    catalog.StructTreeRoot = root
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    catalog.Lang = String("en-US")
    catalog.AcroForm = Dictionary(Fields=Array([widget]))
    catalog.Metadata = pdf.make_stream(XMP.encode(), Type=Name.Metadata, Subtype=Name.XML)
    return pdf


def rules(pdf: pikepdf.Pdf) -> list[str]:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return sorted({f.rule for f in pdfua.check(buffer.getvalue())})


def test_the_file_made_by_hand_passes() -> None:
    assert rules(good_pdf()) == []


def test_an_untagged_file_fails_what_it_lacks() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 720, "Hello")  # reportlab's Helvetica: not embedded
    canvas.acroForm.textfield(name="plain", x=72, y=600)
    canvas.save()
    found = pdfua.check(buffer.getvalue())
    assert {f.rule for f in found} >= {
        "7.1",  # no MarkInfo
        "07-001",  # no DisplayDocTitle
        "06-001",  # no XMP
        "11-006",  # no Lang
        "01-005",  # nothing tagged
        "28-008",  # no Tabs
        "28-002",  # the widget is not in the structure
        "31-009",  # Helvetica not embedded
    }
    assert "01-005: page 1: 1 painting operators neither tagged nor artifact" in map(str, found)


def _without(key: str) -> Callable[[pikepdf.Pdf], None]:
    def change(pdf: pikepdf.Pdf) -> None:
        del pdf.Root[key]

    return change


def _element(pdf: pikepdf.Pdf, kind: str) -> pikepdf.Object:
    todo = [pdf.Root.StructTreeRoot.K]
    while todo:
        node = todo.pop()
        if node.get("/S") == "/" + kind:
            return node
        kids = node.get("/K")
        todo += [
            k for k in (kids if isinstance(kids, Array) else [kids]) if isinstance(k, Dictionary)
        ]
    raise LookupError(kind)


def _set(kind: str, key: str, value: object) -> Callable[[pikepdf.Pdf], None]:
    def change(pdf: pikepdf.Pdf) -> None:
        element = _element(pdf, kind)
        if value is None:
            del element[key]
        else:
            element[key] = value

    return change


def _widget(key: str) -> Callable[[pikepdf.Pdf], None]:
    def change(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[0].obj.Annots[0][key]

    return change


def _role_map(pdf: pikepdf.Pdf) -> None:
    _element(pdf, "P").S = Name("/Para")
    pdf.Root.StructTreeRoot.RoleMap = Dictionary(Para=Name.P)


def _page_key(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[0].obj["/StructParents"]


def _short_parent_tree(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.ParentTree.Nums[1] = Array(
        list(pdf.Root.StructTreeRoot.ParentTree.Nums[1])[:4]
    )


def _move_li(pdf: pikepdf.Pdf) -> None:
    _element(pdf, "P").S = Name.LI


def _td_in_table(pdf: pikepdf.Pdf) -> None:
    table = _element(pdf, "Table")
    td = _element(pdf, "TD")
    td.P = table
    table.K = Array([table.K[0], td])


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_without("/MarkInfo"), "7.1"),
        (_without("/ViewerPreferences"), "07-001"),
        (lambda pdf: pdf.Root.ViewerPreferences.__setitem__("/DisplayDocTitle", False), "07-002"),
        (_without("/Lang"), "11-006"),
        (_without("/Metadata"), "06-001"),
        (
            lambda pdf: pdf.Root.__setitem__(
                "/Metadata",
                pdf.make_stream(XMP.replace("<pdfuaid:part>1</pdfuaid:part>", "").encode()),
            ),
            "06-002",
        ),
        (
            lambda pdf: pdf.Root.__setitem__(
                "/Metadata",
                pdf.make_stream(
                    XMP.replace(
                        TITLE,
                        "",
                    ).encode()
                ),
            ),
            "06-003",
        ),
        (lambda pdf: pdf.Root.MarkInfo.__setitem__("/Suspects", True), "01-007"),
        (_set("Figure", "/Alt", None), "13-004"),
        (_set("TH", "/A", None), "15-003"),
        (_set("H1", "/S", Name.H3), "14-002"),
        (_set("P", "/S", Name.H3), "14-003"),
        (_set("P", "/S", Name("/Para")), "02-003"),
        (_move_li, "09-005"),
        (_td_in_table, "09-004"),
        (_widget("/StructParent"), "28-002"),
        (_set("Form", "/S", Name.P), "28-010"),
        (lambda pdf: pdf.pages[0].obj.__delitem__("/Tabs"), "28-008"),
        (_widget("/TU"), "7.18.1"),
        (_widget("/AP"), "7.18.1"),
        (_page_key, "01-005"),
        (_short_parent_tree, "01-005"),
    ],
)
def test_each_broken_rule_is_found(change: Callable[[pikepdf.Pdf], None], expected: str) -> None:
    pdf = good_pdf()
    change(pdf)
    assert rules(pdf) == [expected]


def test_a_role_mapped_type_passes() -> None:
    pdf = good_pdf()
    _role_map(pdf)
    assert rules(pdf) == []


def test_content_outside_any_mark_is_found() -> None:
    assert rules(good_pdf(untagged_text=True)) == ["01-005"]


def test_tagged_content_inside_an_artifact_is_found() -> None:
    found = rules(good_pdf(nested=True))
    assert "01-004" in found
