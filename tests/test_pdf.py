"""PDF handouts, read back with pypdf: content present, pages, fonts, forms, determinism."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
import yaml
from reportlab.pdfbase import pdfmetrics

from handouts import outline, pdf
from handouts.errors import RenderError
from handouts.locale import catalogue
from handouts.model import Content, Statement, Topic
from handouts.options import PdfOptions
from handouts.pdf.forms import WriteIn
from handouts.pdf.styles import BOLD, REGULAR
from handouts.theme import INCH, MM
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO, edit

EN = catalogue("en")

SHIPPED = load_content(REPO / "content")


def topic_pdf(topic: Topic, content: Content, **kwargs: object) -> bytes:
    options = PdfOptions(**kwargs)  # type: ignore[arg-type]
    return pdf.render(outline.topic_handout(topic, content, EN), options)


def render(content: Content, topic_id: str, **kwargs: object) -> bytes:
    return topic_pdf(content.topic(topic_id), content, **kwargs)


def words(data: bytes) -> str:
    """All text of the PDF with white space folded, so wrapped lines compare as one."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def top_down(page: pypdf.PageObject) -> list[str]:
    """Return a page's lines of text from the top of the page down, as a reader sees them."""
    found: dict[float, str] = {}

    def seen(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = round(cm[5] + tm[5] * cm[3], 1)
        if text.strip():
            found[y] = found.get(y, "") + text

    page.extract_text(visitor_text=seen)
    return [" ".join(found[y].split()) for y in sorted(found, reverse=True)]


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=[t.id for t in SHIPPED.topics])
def handout(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, render(SHIPPED, request.param)


def test_every_row_item_and_precaution_is_printed(handout: tuple[str, bytes]) -> None:
    topic_id, data = handout
    topic = SHIPPED.topic(topic_id)
    text = words(data)
    expected = [topic.title, topic.summary]
    expected += [m.name for m in topic.activation.muscles]
    expected += [m.role.text for m in topic.activation.muscles]
    expected += [m.backward.label for m in topic.activation.muscles]
    expected += [s.text for s in topic.steps]
    precautions = topic.precautions
    expected += [
        p.text
        for p in precautions.caution_if
        + precautions.do_not_if
        + precautions.stop_if
        + precautions.emergency_if
        + precautions.if_it_goes_wrong
        + precautions.before_you_start
    ]
    expected += [s.text for s in topic.takeaways]
    expected += [topic.dosage.start.text, topic.dosage.progression.text]
    missing = [e for e in expected if folded(e) not in text]
    assert missing == []


def test_footer_on_every_page(handout: tuple[str, bytes]) -> None:
    topic_id, data = handout
    topic = SHIPPED.topic(topic_id)
    reader = pypdf.PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {total}" in text
        assert "Reviewed November 20, 2026" in text
        assert "This handout does not replace advice from your own therapist or doctor." in text
    # Every source once, in full, where the topic ends: not cut short on every page.
    words_ = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for number, source in enumerate(topic.sources, start=1):
        assert words_.count(f"[{number}] {source.title}") == 1


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("topic_id", [t.id for t in SHIPPED.topics])
def test_standard_handout_is_three_pages_each_opening_on_a_section(
    topic_id: str, paper: str
) -> None:
    # Page 1 says who it is for and how to stay safe, page 2 how to do it, page 3 why it
    # works, your plan and the sources (docs/architecture.md, "How long a handout is"). No
    # page opens on the tail of a list from the page before.
    topic = SHIPPED.topic(topic_id)
    (part,) = outline.topic_handout(topic, SHIPPED, catalogue("en")).parts
    headings = {b.heading.text for b in part.blocks if getattr(b, "heading", None) is not None}
    reader = pypdf.PdfReader(io.BytesIO(render(SHIPPED, topic_id, paper=paper)))
    assert len(reader.pages) == 3
    for page in reader.pages[1:]:
        lines = top_down(page)
        assert lines[0] == f"{topic.title} (continued)"
        assert lines[1] in headings, lines[:3]


@pytest.mark.parametrize(
    ("paper", "size"), [("letter", (8.5 * INCH, 11 * INCH)), ("a4", (210 * MM, 297 * MM))]
)
def test_paper_sizes(paper: str, size: tuple[float, float]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render(SHIPPED, "backward-walking", paper=paper)))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.01)


def test_fonts_are_embedded_truetype(handout: tuple[str, bytes]) -> None:
    _, data = handout
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            fonts[name] = descendant
    assert fonts, "no fonts found"
    for font in fonts.values():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
        assert "AtkinsonHyperlegible" in str(font["/BaseFont"])


def test_before_you_start_and_plan_are_fillable_with_unique_names(
    handout: tuple[str, bytes],
) -> None:
    topic_id, data = handout
    topic = SHIPPED.topic(topic_id)
    fields = pypdf.PdfReader(io.BytesIO(data)).get_fields() or {}
    checks = [name for name in fields if ".before." in name]
    assert len(checks) == len(topic.precautions.before_you_start)
    assert not [name for name in fields if ".checklist." in name]  # the slide's, not printed
    assert all(fields[name].get("/FT") == "/Btn" for name in checks)
    names = ("plan.minutes", "plan.speed", "plan.days", "plan.questions")
    # A walk on the floor has no speed or setting to write down; a machine has.
    on_floor = topic_id == "backward-walking"
    names = tuple(n for n in names if not (on_floor and n == "plan.speed"))
    for name in (*(f"{topic_id}.{n}" for n in names), "header.clinic"):
        assert fields[name].get("/FT") == "/Tx"
    assert (f"{topic_id}.plan.speed" in fields) is not on_floor
    widgets = [
        annot.get_object()["/T"]
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
        for annot in page.get("/Annots", [])
    ]
    assert len(widgets) == len(set(widgets))


def test_document_info_language_and_bookmarks(handout: tuple[str, bytes]) -> None:
    topic_id, data = handout
    topic = SHIPPED.topic(topic_id)
    reader = pypdf.PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert info.title == topic.title
    assert info.author == "handouts"  # no clinic name in the shipped branding
    assert info.subject == topic.summary
    assert "Front of thigh (quadriceps)" in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    # The topic's title at the top, its sections nested under it.
    top, sections = reader.outline
    titles = [top.title, *(item.title for item in sections)]
    expected = [
        topic.title,
        "Call 911 now if",
        "Is this for you?",
        "Before you start",
        "How to do it",
        "While you exercise",
        "Key points",
        "Muscles it works",
        "How it can help",
        "Questions people ask",
        "Your plan",
        "Where this comes from",
    ]
    assert titles == [
        t for t in expected if t != "Questions people ask" or any(f.handout for f in topic.faq)
    ]


def test_a_spanish_handout_says_its_language_and_prints_spanish_letters() -> None:
    topic = SHIPPED.topic("backward-walking")
    data = pdf.render(outline.topic_handout(topic, SHIPPED, catalogue("es")), PdfOptions())
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "es-US"
    assert "hoja de ejercicios" in reader.metadata["/Keywords"]
    _, sections = reader.outline
    assert [item.title for item in sections][:4] == [
        "Llame al 911 ahora si",
        "¿Es para usted?",
        "Antes de empezar",
        "Cómo hacerlo",
    ]
    text = words(data)
    for printed in ("¿Es para usted?", "Llame al 911 ahora si:", "Página 1 de", "Cuánto tiempo"):
        assert printed in text


def test_rebuild_is_byte_identical() -> None:
    assert render(SHIPPED, "backward-pedaling") == render(SHIPPED, "backward-pedaling")


def test_markup_in_content_prints_literally(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(
        topic,
        "- Stronger shins.",
        "- \"Use <b>this</b> & <font size=huge>that</font> <img src='/etc/passwd'/> too\"",
    )
    edit(topic, "Holds your toes up.", "Holds <toes> & **really** up.")
    text = words(render(load_content(content), "heel-walk"))
    assert "Use <b>this</b> & <font size=huge>that</font> <img src='/etc/passwd'/> too" in text
    assert "Holds <toes> & really up." in text  # **...** is the one emphasis syntax


def test_emphasis_marks_stay_out_of_headers_bookmarks_and_metadata(content: Path) -> None:
    # Places that cannot show bold print the words without the marks, escaped once.
    edit(
        content / "topics" / "heel-walk.yaml",
        "title: Heel walking",
        "title: Heel **walking** & <more>",
    )
    data = render(load_content(content), "heel-walk")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert "Heel walking & <more> (continued)" in folded(reader.pages[1].extract_text())
    assert reader.outline[0].title == "Heel walking & <more>"
    assert reader.metadata.title == "Heel walking & <more>"
    assert "**" not in words(data) and "&amp;" not in words(data)


def _body_sizes(data: bytes, small: float) -> Counter[float]:
    """Count characters drawn at each font size above the footer, but the source list's.

    The list of sources is a reference, not something a patient acts on: it is the one text
    set at the ``small`` size above the footer (checked here), and is not counted.
    """
    sizes: Counter[float] = Counter()
    reader = pypdf.PdfReader(io.BytesIO(data))
    listed: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = cm[5] + tm[5] * cm[3]
        if text.strip():
            # The text matrix and the page's: a picture's labels are set in its own units.
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            drawn = round(size * scale, 1)
            footer = y <= 1.5 * INCH  # the footer sits in the bottom inch and a half
            if drawn == small and (small < 9 or not footer):
                listed.append(text)  # under 9 pt it is no footer's: the list, to its foot
            elif not footer:
                sizes[drawn] += len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    topic = SHIPPED.topic("backward-walking")
    expected = [
        f"[{n}] {s.title}" + (f" ({s.note})" if s.note else "")
        for n, s in enumerate(topic.sources, 1)
    ]
    squeeze = lambda text: "".join(text.split())  # noqa: E731
    assert squeeze("".join(listed)).startswith(squeeze("".join(expected)))
    assert squeeze("".join(listed)).removeprefix(squeeze("".join(expected))).startswith("Checked")
    return sizes


def test_standard_body_text_is_at_least_11pt() -> None:
    sizes = _body_sizes(render(SHIPPED, "backward-walking"), 8)  # the sources: 8 pt
    assert min(sizes) >= 11, sizes


def test_large_print_body_and_headings() -> None:
    data = render(SHIPPED, "backward-walking", large_print=True)
    sizes = _body_sizes(data, 14)
    assert min(sizes) >= 18, sizes
    assert max(sizes) >= 22


def test_logo_and_clinic_name_are_printed(content: Path) -> None:
    from PIL import Image

    Image.new("RGB", (120, 40), "#1F3A5F").save(content / "logo.png")
    (content / "branding.yaml").write_text(
        "clinic_name: Riverside PT & Rehab\ncontact_line: 555-0100\nlogo: logo.png\n"
    )
    data = render(load_content(content), "heel-walk")
    text = words(data)
    assert "Riverside PT & Rehab" in text and "555-0100" in text
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    images = [
        n
        for n, x in page["/Resources"].get("/XObject", {}).items()
        if x.get_object()["/Subtype"] == "/Image"
    ]
    assert images


@pytest.mark.parametrize(("paper", "large"), [("letter", False), ("a4", True)])
def test_write_in_fields_stay_clear_of_a_wide_logo(content: Path, paper: str, large: bool) -> None:
    from PIL import Image

    Image.new("RGB", (800, 200), "#1F3A5F").save(content / "logo.png")
    (content / "branding.yaml").write_text("clinic_name: Riverside PT\nlogo: logo.png\n")
    data = render(load_content(content), "heel-walk", paper=paper, large_print=large)
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    logo_left = _logo_left(page)
    fields = {
        a.get_object()["/T"]: [float(v) for v in a.get_object()["/Rect"]] for a in page["/Annots"]
    }
    phone, clinician = fields["header.phone"], fields["header.clinician"]
    assert phone[2] < clinician[0]
    assert clinician[2] < logo_left
    assert clinician[2] - clinician[0] >= 1 * INCH


def _logo_left(page: pypdf.PageObject) -> float:
    """Return the x of the one image drawn on a page: the ``cm`` just before its ``Do``."""
    images = {
        name
        for name, x in page["/Resources"]["/XObject"].items()
        if x.get_object()["/Subtype"] == "/Image"
    }
    placed = []
    for operands, operator in pypdf.generic.ContentStream(page.get_contents(), None).operations:
        if operator == b"cm":
            x = float(operands[4])
        elif operator == b"Do" and operands[0] in images:
            placed.append(x)
    (left,) = placed
    return left


def _drawn_text(page: pypdf.PageObject) -> list[tuple[float, float, float, float, str]]:
    """Return each run of text on a page as (left, right, baseline, size, text)."""
    runs = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * cm[0]
            face = BOLD if "Bold" in str(font["/BaseFont"]) else REGULAR  # type: ignore[index]
            x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
            width = pdfmetrics.stringWidth(text.rstrip("\n"), face, size * scale)
            runs.append((x, x + width, y, size * scale, text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


CLINIC = "Riverside Physical Therapy and Sports Rehabilitation"
CONTACT = "Tel 555-0100 · Fax 555-0101 · riversidept.example · 1200 Main Street, Springfield"


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
@pytest.mark.parametrize("logo", [False, True], ids=["no-logo", "logo"])
@pytest.mark.parametrize("contact", [CONTACT, ""], ids=["contact", "write-ins"])
def test_a_long_clinic_name_and_contact_line_print_whole(
    content: Path, paper: str, large: bool, logo: bool, contact: str
) -> None:
    from PIL import Image

    branding = f'clinic_name: {CLINIC}\ncontact_line: "{contact}"\n'
    if logo:
        Image.new("RGB", (400, 160), "#1F3A5F").save(content / "logo.png")
        branding += "logo: logo.png\n"
    (content / "branding.yaml").write_text(branding, encoding="utf-8")
    data = render(load_content(content), "heel-walk", paper=paper, large_print=large)
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    text = folded(page.extract_text())
    assert CLINIC in text and contact in text and "…" not in text
    margin = 0.5 * INCH
    right = _logo_left(page) if logo else float(page.mediabox.width) - margin
    runs = _drawn_text(page)
    title = next(y + size for _, _, y, size, t in runs if t == "Heel walking")
    header = [run for run in runs if run[2] > title]
    assert all(end <= right for _, end, _, _, _ in header), header
    # The header's lowest descender stays above the title's capitals: nothing overlaps.
    assert min(y - 0.25 * size for _, _, y, size, _ in header) > title
    if not contact:
        fields = [a.get_object() for a in page["/Annots"]]
        rects = {f["/T"]: [float(v) for v in f["/Rect"]] for f in fields}
        name_bottom = min(y for _, _, y, _, t in header if t.split()[0] in CLINIC)
        for name in ("header.phone", "header.clinician"):
            assert rects[name][2] <= right and rects[name][3] < name_bottom
            assert rects[name][1] > title


def test_without_clinic_name_a_write_in_line_is_printed() -> None:
    text = words(render(SHIPPED, "backward-walking"))
    assert "Clinic:" in text
    assert "Your clinic" not in text


def test_statements_with_numbers_show_their_source_number() -> None:
    text = words(render(SHIPPED, "backward-walking"))
    topic = SHIPPED.topic("backward-walking")
    cited = [s for s in topic.benefits if re.search(r"\d", s.text)]
    assert cited
    for statement in cited:
        numbers = ", ".join(
            str(i + 1) for i, s in enumerate(topic.sources) if s.id in statement.sources
        )
        assert f"{folded(statement.text)} [{numbers}]" in text


def test_a_row_taller_than_a_page_splits_instead_of_failing() -> None:
    # Validation caps field lengths; the renderer must still cope if a row outgrows a page.
    letters = "abcdefghijklmnopqrst"
    tokens = [f"Zz{a}{b}" for a in letters for b in letters][:250]  # unique words, no digits
    topic = SHIPPED.topic("backward-walking")
    first = topic.activation.muscles[0]
    long_role = replace(first.role, text=" ".join(f"{t} holds." for t in tokens))
    url = "https://example.org/" + "a" * 300
    topic = replace(
        topic,
        activation=replace(topic.activation, muscles=(replace(first, role=long_role),)),
        benefits=(Statement(url),),
    )
    content = replace(SHIPPED, topics=(topic,))
    data = render(content, "backward-walking")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 2
    printed = set(re.findall(r"Zz[a-t]{2}", words(data)))
    assert [t for t in tokens if t not in printed] == []  # every word of the split row
    assert url in words(data).replace(" ", "")


def test_markup_characters_in_every_field_print_as_typed(content: Path) -> None:
    # Text reaches reportlab's paragraph parser escaped: <, > and & print as typed, in
    # every field of a topic, a class, a prescription and the branding. Names keep their **.
    def typed(key: str) -> str:
        return f"{key} <b>x</b> &amp; <br/> y > z &lt;"

    topic_file = content / "topics" / "heel-walk.yaml"
    topic = yaml.safe_load(topic_file.read_text())
    fields = {
        "Ta": ("title",),
        "Tb": ("summary",),
        "Tc": ("equipment", 0),
        "Td": ("activation", "basis", "text"),
        "Te": ("activation", "muscles", 0, "name"),
        "Tf": ("activation", "muscles", 0, "role"),
        "Tg": ("benefits", 0),
        "Th": ("steps", 0),
        "Ti": ("dosage", "start"),
        "Tj": ("dosage", "frequency"),
        "Tk": ("dosage", "progression"),
        "Tl": ("precautions", "before_you_start", 0),
        "Tm": ("precautions", "caution_if", 0),
        "Tn": ("precautions", "do_not_if", 0),
        "To": ("precautions", "stop_if", 0),
        "Tq": ("precautions", "emergency_if", 0),
        "Tr": ("takeaways", 0),
        "Tp": ("sources", 0, "title"),
    }
    for key, path in fields.items():
        target = topic
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = typed(key)
    topic_file.write_text(yaml.safe_dump(topic, allow_unicode=True, width=1000))
    name, contact = "**Ua** <b>x</b> &amp; > y", "**Ub** <i>x</i> & &lt;"
    (content / "branding.yaml").write_text(f'clinic_name: "{name}"\ncontact_line: "{contact}"\n')
    edit(content / "program.yaml", "summary: One topic.", f'summary: "{typed("Pa")}"')
    loaded = load_content(content)
    handout = words(render(loaded, "heel-walk"))
    assert [k for k in fields if typed(k) not in handout] == []
    assert f"{name} {contact}" in handout
    pack = pdf.render(outline.class_pack(loaded.program, loaded, EN), PdfOptions())
    assert typed("Pa") in words(pack)
    dose = (
        f"  - topic: heel-walk\n    minutes: 2\n    sessions_per_week: 3\n"
        f'    resistance: "{typed("Ra")}"\n    progression: "{typed("Rb")}"\n'
        f'    notes: "{typed("Rc")}"\n'
    )
    rx = (
        f'patient:\n  name: "{name}"\ndate: 2026-11-20\n'
        f'clinician:\n  name: "{contact}"\n  contact: "{typed("Rd")}"\n'
        f'topics:\n{dose}notes: "{typed("Re")}"\n'
    )
    (content.parent / "rx.yaml").write_text(rx)
    prescription = load_prescription(content.parent / "rx.yaml", loaded)
    program = words(pdf.render(outline.program(prescription, loaded, EN), PdfOptions()))
    assert [k for k in ("Ra", "Rb", "Rc", "Rd", "Re") if typed(k) not in program] == []
    assert f"Home exercise program for {name}" in program
    assert f"From {contact}, {typed('Rd')}." in program
    assert f"Exercise log for {name}" in program


def test_a_layout_reportlab_cannot_make_is_a_render_error_naming_the_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Defence in depth: whatever reportlab still refuses is our own one-line error, never
    # its message (a flowable's repr over two lines).
    monkeypatch.setattr(WriteIn, "wrap", lambda self, width, height: (width, 5000.0))
    with pytest.raises(RenderError) as caught:
        render(SHIPPED, "backward-walking", large_print=True, paper="a4")
    assert str(caught.value) == (
        "could not lay out the PDF 'Backward walking' (large print, a4): LayoutError"
    )


HEADINGS = {
    "Muscles it works",
    "How it can help",
    "How to do it",
    "Getting started checklist",
    "Safety: read before you start",
}


@pytest.mark.parametrize(("longer", "summary"), [(2, 0), (2, 20), (3, 0)])
def test_a_heading_is_never_alone_at_the_foot_of_a_page(longer: int, summary: int) -> None:
    # Long checklist and benefit items: the first row under a heading is taller than the
    # few lines of text once kept with it, and table rows do not split.
    topic = SHIPPED.topic("backward-walking")
    more = " and keep your chest up while you walk slowly backward on the flat floor" * 3
    topic = replace(
        topic,
        checklist=tuple(replace(c, text=c.text + more * longer) for c in topic.checklist),
        benefits=tuple(replace(b, text=b.text + more * longer) for b in topic.benefits),
        summary=(topic.summary + " Go slowly." * summary)[:300],
    )
    data = topic_pdf(topic, SHIPPED)
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    # Headers and footers are drawn first: a page's last line is the last of its body.
    last_lines = [page.extract_text().strip().splitlines()[-1].strip() for page in pages[:-1]]
    assert not HEADINGS & set(last_lines)


def test_a_class_pack_whose_contents_never_settle_is_a_render_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The contents' page numbers are laid out again until they stop changing; if they never
    # do, the answer is our one-line error, not a pack with wrong numbers.
    from handouts.pdf.program import PageNumbers

    monkeypatch.setattr(PageNumbers, "isSatisfied", lambda self: False)
    with pytest.raises(RenderError) as caught:
        pdf.render(outline.class_pack(SHIPPED.program, SHIPPED, EN), PdfOptions())
    assert str(caught.value) == (
        "could not lay out the PDF 'Retro training: class pack' (standard print, letter): "
        "the contents' page numbers did not settle in 5 passes"
    )


def test_every_log_cell_tells_a_screen_reader_its_week_line_and_column() -> None:
    data = pdf.render(outline.class_pack(SHIPPED.program, SHIPPED, EN), PdfOptions())
    tips = {
        str(a.get_object()["/T"]): str(a.get_object()["/TU"])
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
        for a in page.get("/Annots", [])
    }
    # A class pack: three lines a week for each of its three exercises, for four weeks; the
    # exercise is printed, the target and the rest are written in.
    assert tips["log.1.date"] == "Week 1, line 1: Date"
    assert tips["log.11.effort"] == "Week 2, line 2: Effort 0–10"
    assert tips["log.36.notes"] == "Week 4, line 9: Notes"
    assert tips["log.36.done"] == "Week 4, line 9: Tick when done"
    assert tips["log.name"] == "Your name"
    # Six cells to write in and a box to tick beside the exercise, on each line.
    assert len([name for name in tips if name.startswith("log.")]) == 36 * 7 + 1


def test_drawing_a_pdf_leaves_reportlabs_settings_as_they_were() -> None:
    # Binary streams are ours for the length of a build: importing the renderer or drawing
    # with it must not change what other reportlab users in the process get.
    import subprocess
    import sys

    script = (
        "from reportlab import rl_config\n"
        "before = rl_config.useA85\n"
        "from handouts import outline, pdf\n"
        "from handouts.options import PdfOptions\n"
        "from pathlib import Path\n"
        "from handouts.validate import load_content\n"
        "imported = rl_config.useA85\n"
        f"content = load_content(Path({str(REPO / 'content')!r}))\n"
        "from handouts.locale import catalogue\n"
        "en = catalogue('en')\n"
        "pdf.render(outline.topic_handout(content.topics[0], content, en), PdfOptions())\n"
        "print(before, imported, rl_config.useA85)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    before, imported, after = done.stdout.split()
    assert imported == before and after == before


def _filled_grays(page: pypdf.PageObject) -> Counter[float]:
    """Count the paths a page fills in each gray (``g`` sets it, ``f``/``B`` fill)."""
    found: Counter[float] = Counter()
    gray = None
    stream = pypdf.generic.ContentStream(page.get_contents(), page.pdf)
    for operands, operator in stream.operations:
        if operator == b"g":
            gray = round(float(operands[0]), 3)
        elif operator in (b"rg", b"k"):
            gray = None
        elif operator in (b"f", b"f*", b"B", b"B*", b"b", b"b*") and gray is not None:
            found[gray] += 1
    return found


def _muscle_page(data: bytes) -> pypdf.PageObject:
    pages = [
        p for p in pypdf.PdfReader(io.BytesIO(data)).pages if "Muscles it works" in p.extract_text()
    ]
    assert len(pages) == 1
    return pages[0]


def test_the_muscle_map_is_drawn_as_vectors_on_the_page_of_the_muscle_table() -> None:
    from handouts.figures.musclemap import SHADES

    for topic in SHIPPED.topics:
        page = _muscle_page(render(SHIPPED, topic.id))
        text = folded(page.extract_text())
        assert "Front" in text and "Back" in text and "The numbers match the table." in text
        grays = _filled_grays(page)
        assert all(grays[SHADES[rank].gray] >= 1 for rank in range(1, 6))  # the legend
        resources = page["/Resources"]
        images = [
            x
            for x in resources.get("/XObject", {}).values()
            if x.get_object()["/Subtype"] == "/Image"
        ]
        assert images == []  # never a picture of the map


def test_changing_a_level_changes_the_shade_of_its_region_in_the_pdf(content: Path) -> None:
    from handouts.figures.musclemap import SHADES

    before = _filled_grays(_muscle_page(render(load_content(content), "heel-walk")))
    edit(content / "topics" / "heel-walk.yaml", "backward: low to moderate", "backward: moderate")
    after = _filled_grays(_muscle_page(render(load_content(content), "heel-walk")))
    # Both calves leave step 2 for step 3; the legend keeps one square of each.
    low_to_moderate, moderate = SHADES[2].gray, SHADES[3].gray
    assert before[low_to_moderate] - after[low_to_moderate] == 2
    assert after[moderate] - before[moderate] == 2


def test_muscle_rows_carry_the_maps_numbers() -> None:
    text = folded(_muscle_page(render(SHIPPED, "backward-walking")).extract_text())
    assert "1. Front of thigh (quadriceps)" in text
    assert "6. Back of thigh (hamstrings)" in text


def test_in_large_print_the_map_goes_under_the_table_and_grows() -> None:
    from handouts.pdf import musclemap
    from handouts.pdf.styles import styles

    brand = outline.topic_handout(SHIPPED.topics[0], SHIPPED, EN).brand
    standard = styles(brand, False, 7.5 * INCH)
    large = styles(brand, True, 7.5 * INCH)
    assert musclemap.beside(standard) and not musclemap.beside(large)
    assert 45 * MM <= musclemap.map_width(standard) <= 60 * MM
    assert musclemap.map_width(large) == pytest.approx(musclemap.map_width(standard) * 18 / 11)
    for topic in SHIPPED.topics:
        for paper in ("letter", "a4"):
            data = pdf.render(
                outline.topic_handout(topic, SHIPPED, EN),
                PdfOptions(paper=paper, large_print=True),
            )
            pages = [folded(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]
            row = outline.handout.muscle_table(topic, EN).rows[-1]
            # Under the table: on the page of its last row, whichever page that is.
            (last_row,) = [i for i, text in enumerate(pages) if f"{row.number}. {row.name}" in text]
            (drawn,) = [i for i, text in enumerate(pages) if "The numbers match the table." in text]
            assert drawn == last_row, (topic.id, paper)
