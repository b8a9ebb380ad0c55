"""Tagged PDFs (pdf/tagging.py, pdf/structure.py): every file we write passes the PDF/UA-1
checker, reads in the order a sighted reader reads it, and names every field for a person.

Read back as a screen reader would: the structure tree with pikepdf, each page's text in
structure order with pypdf (text gathered by marked-content sequence).
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pikepdf
import pypdf
import pytest

from handouts import cli, outline, pdf, pdfua
from handouts.locale import catalogue
from handouts.model import plain
from handouts.options import PdfOptions
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

EN = catalogue("en")

SHIPPED = load_content(REPO / "content")
EXAMPLE = REPO / "prescriptions" / "example.yaml"


def _handout(topic_id: str, **options: object) -> bytes:
    handout = outline.topic_handout(SHIPPED.topic(topic_id), SHIPPED, EN)
    return pdf.render(handout, PdfOptions(**options))  # type: ignore[arg-type]


def _program() -> bytes:
    prescription = load_prescription(EXAMPLE, SHIPPED)
    options = PdfOptions(prescription.paper.value, prescription.large_print)
    return pdf.render(outline.program(prescription, SHIPPED, EN), options)


def _pack(**options: object) -> bytes:
    return pdf.render(outline.class_pack(SHIPPED.program, SHIPPED, EN), PdfOptions(**options))  # type: ignore[arg-type]


DOCUMENTS = {
    "handout": lambda: _handout("backward-walking"),
    "handout-a4": lambda: _handout("reverse-treadmill-walking", paper="a4"),
    "handout-large": lambda: _handout("backward-pedaling", large_print=True),
    "handout-large-a4": lambda: _handout("backward-walking", paper="a4", large_print=True),
    "class-pack": _pack,
    "class-pack-large": lambda: _pack(large_print=True),
    "program": _program,
}


@pytest.fixture(scope="module", params=sorted(DOCUMENTS))
def document(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, DOCUMENTS[request.param]()


def test_every_kind_of_pdf_passes_the_checker(document: tuple[str, bytes]) -> None:
    name, data = document
    assert [str(f) for f in pdfua.check(data)] == [], name


def test_the_merged_roster_file_passes_the_checker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copy(REPO / "prescriptions" / "example-roster.csv", tmp_path / "class.csv")
    assert cli.main(["--roster", "class.csv", "--quiet"]) == 0
    merged = (tmp_path / "build" / "roster" / "class-all.pdf").read_bytes()
    assert [str(f) for f in pdfua.check(merged)] == []
    with pikepdf.open(io.BytesIO(merged)) as joined:
        document = joined.Root.StructTreeRoot.K
        assert document.S == "/Document"
        people = sorted(p.name for p in (tmp_path / "build" / "roster").glob("pt-*.pdf"))
        assert [str(part.S) for part in document.K] == ["/Part"] * len(people)
        assert joined.open_metadata()["dc:title"] == "class-all"


def _text_by_mcid(page: pypdf.PageObject) -> dict[int, str]:
    """Return a page's text gathered by the MCID of the marked content it is drawn in."""
    found: dict[int, str] = {}
    open_ids: list[int | None] = []

    def before(op: bytes, args: list, cm: object, tm: object) -> None:
        if op == b"BDC":
            props = args[1] if len(args) > 1 else {}
            open_ids.append(props.get("/MCID") if hasattr(props, "get") else None)
        elif op == b"BMC":
            open_ids.append(None)
        elif op == b"EMC" and open_ids:
            open_ids.pop()

    def text(chunk: str, *rest: object) -> None:
        mcid = next((m for m in reversed(open_ids) if m is not None), None)
        if mcid is not None:
            found[mcid] = found.get(mcid, "") + chunk

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def _structure_text(data: bytes) -> list[list[str]]:
    """Return each page's text, one string per marked-content sequence, in structure order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    by_mcid = [_text_by_mcid(page) for page in reader.pages]
    with pikepdf.open(io.BytesIO(data)) as tagged:
        index = {page.obj.objgen: n for n, page in enumerate(tagged.pages)}
        out: list[list[str]] = [[] for _ in tagged.pages]

        def walk(element: pikepdf.Object, page: int | None) -> None:
            if "/Pg" in element:
                page = index[element.Pg.objgen]
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int) and page is not None:
                    out[page].append(" ".join(by_mcid[page].get(kid, "").split()))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    at = index[kid.Pg.objgen] if "/Pg" in kid else page
                    out[at].append(" ".join(by_mcid[at].get(int(kid.MCID), "").split()))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                    walk(kid, page)

        walk(tagged.Root.StructTreeRoot.K, None)
    return [[t for t in page if t] for page in out]


def test_each_page_reads_body_first_and_no_running_header_or_page_number() -> None:
    topic = SHIPPED.topic("backward-walking")
    handout = outline.topic_handout(topic, SHIPPED, EN)
    disclaimer = " ".join(plain(handout.parts[0].footer.disclaimer).split())
    words = handout.words
    pages = _structure_text(_handout("backward-walking"))
    assert len(pages) > 1
    # Page 1: the masthead's write-in labels first, then the title; the footer last of all.
    first = pages[0]
    assert first[:4] == [words.clinic.label, words.phone.label, words.clinician.label, topic.title]
    assert first[-1] == disclaimer and first.count(disclaimer) == 1
    for number, page in enumerate(pages, start=1):
        text = " ".join(page)
        assert not re.search(r"Page \d+ of", text), number
        assert "(continued)" not in text, number  # running headers are artifacts
        if number > 1:  # a footer is read once, at the end of its part
            assert disclaimer not in text, number


def test_a_program_reads_each_footer_after_its_part() -> None:
    prescription = load_prescription(EXAMPLE, SHIPPED)
    program = outline.program(prescription, SHIPPED, EN)
    pages = _structure_text(_program())
    text = [t for page in pages for t in page]
    for part in program.parts:
        footer = part.footer
        if footer.sources is None:
            continue
        sources = " ".join(plain(footer.sources).split())
        heading = plain(part.title)
        assert text.index(sources) > text.index(heading), heading
    # Nothing of the running headers or page numbers is read.
    assert not any(re.search(r"Page \d+ of", t) or "(continued)" in t for t in text)


def test_list_items_have_their_label_and_body_and_steps_their_numbers(
    document: tuple[str, bytes],
) -> None:
    name, data = document
    with pikepdf.open(io.BytesIO(data)) as tagged:
        kinds: list[tuple[str, list[str]]] = []
        todo = [tagged.Root.StructTreeRoot.K]
        while todo:
            element = todo.pop()
            kids = element.get("/K")
            listed = [
                k
                for k in (kids if isinstance(kids, pikepdf.Array) else [kids])
                if isinstance(k, pikepdf.Dictionary) and "/S" in k
            ]
            kinds.append((str(element.S)[1:], [str(k.S)[1:] for k in listed]))
            todo += listed
    items = [kids for kind, kids in kinds if kind == "LI"]
    assert items and all(kids in (["Lbl", "LBody"], ["LBody"]) for kids in items), name
    assert all(set(kids) <= {"LI"} for kind, kids in kinds if kind == "L"), name
    rows = [kids for kind, kids in kinds if kind == "TR"]
    assert rows and all(set(kids) <= {"TH", "TD"} for kids in rows), name


def test_level_bars_and_drawings_are_figures_named_by_their_alt_and_headers_have_a_scope() -> None:
    topic = SHIPPED.topic("backward-walking")
    levels = {m.forward.label for m in topic.activation.muscles}
    levels |= {m.backward.label for m in topic.activation.muscles}
    with pikepdf.open(io.BytesIO(_handout("backward-walking"))) as tagged:
        figures, headers = [], []
        for obj in tagged.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem":
                if obj.S == "/Figure":
                    figures.append(str(obj.Alt))
                elif obj.S == "/TH":
                    headers.append(str(obj.A.Scope))
    # Besides the level bars: the muscle map and the drawings of the steps, each with its alt.
    bars = [alt for alt in figures if alt in levels]
    assert len(bars) == 2 * len(topic.activation.muscles)
    others = sorted(alt for alt in figures if alt not in levels)
    maps = [alt for alt in others if alt.startswith("Muscle map of the body, each numbered")]
    assert len(maps) == 1
    assert sorted(set(others) - set(maps)) == sorted(f.alt for f in topic.figures)
    assert headers and set(headers) == {"/Column"}


def test_every_field_has_a_name_for_a_person_and_an_appearance(
    document: tuple[str, bytes],
) -> None:
    name, data = document
    with pikepdf.open(io.BytesIO(data)) as tagged:
        assert "/NeedAppearances" not in tagged.Root.AcroForm
        widgets = [
            annot
            for page in tagged.pages
            for annot in page.obj.get("/Annots", ())
            if annot.get("/Subtype") == "/Widget"
        ]
        assert widgets, name
        for widget in widgets:
            tip = str(widget.TU)
            assert tip and not re.fullmatch(r"[\w.-]+\.[\w.-]+", tip), (name, tip)
            assert "/N" in widget.AP, (name, tip)
            if widget.get("/FT") == "/Btn":  # a checkbox: both states drawn
                assert set(widget.AP.N.keys()) == {"/Yes", "/Off"}


def test_log_cells_say_which_week_line_and_column() -> None:
    with pikepdf.open(io.BytesIO(_program())) as tagged:
        tips = [
            str(annot.TU)
            for page in tagged.pages
            for annot in page.obj.get("/Annots", ())
            if re.match(r"(.*\.)?log\.\d+\.", str(annot.get("/T", "")))
        ]
    assert tips and all(re.match(r"Week \d+", tip) for tip in tips)
    assert len(set(tips)) == len(tips)


def test_prefilled_fields_show_their_value_in_the_embedded_font() -> None:
    with pikepdf.open(io.BytesIO(_program())) as tagged:
        filled = [
            annot
            for page in tagged.pages
            for annot in page.obj.get("/Annots", ())
            if annot.get("/FT") == "/Tx" and "/V" in annot
        ]
        assert filled
        for annot in filled:
            fonts = annot.AP.N.Resources.Font
            used = re.findall(rb"/(\S+) [\d.]+ Tf", annot.AP.N.read_bytes())
            assert used
            for font_name in used:
                font = fonts["/" + font_name.decode()]
                assert "/FontFile2" in font.FontDescriptor, str(font.BaseFont)


def test_document_metadata_for_assistive_technology() -> None:
    with pikepdf.open(io.BytesIO(_handout("backward-walking"))) as tagged:
        assert tagged.Root.MarkInfo.Marked is True
        assert tagged.Root.ViewerPreferences.DisplayDocTitle is True
        assert tagged.pdf_version == "1.7"
        meta = tagged.open_metadata()
        assert meta["dc:title"] == "Backward walking"
        assert meta["pdfuaid:part"] == "1"
        assert all(page.obj.Tabs == "/S" for page in tagged.pages if "/Annots" in page.obj)


def test_tagged_programs_are_byte_identical_run_to_run() -> None:
    assert _program() == _program()
