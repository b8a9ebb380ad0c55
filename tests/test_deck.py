"""PowerPoint decks, read back with python-pptx: order, titles, notes, table, chart, fit."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from handouts import deck, outline
from handouts.deck import fit, package, plan, sizes, textstyle
from handouts.deck.geometry import Frame, Geometry
from handouts.deck.layouts import LAYOUTS
from handouts.deck.measure import Fonts
from handouts.deck.specs import Box, Para, SafetySlide, TableSlide, TextSlide
from handouts.deck.template import TemplateProblem, clinic_template
from handouts.errors import RenderError
from handouts.locale import catalogue
from handouts.model import Content, Region
from handouts.options import DeckOptions
from handouts.outline.blocks import Cited, Heading, Points
from handouts.outline.document import Slide
from handouts.outline.handout import muscle_table, short_name, while_exercising
from handouts.outline.lesson import slide_words
from handouts.text import emphasis
from handouts.validate import load_content
from tests.conftest import REPO, edit, lenient_reading, problems_of

EN = catalogue("en")

SHIPPED = load_content(REPO / "content")

TOPIC_TITLES = [
    None,  # the title slide: the topic's own title
    "What you will learn",
    "Is this for you?",
    "Safety: read before you start",  # before anyone is shown how to start
    "Before you start",
    "How to do it",
    "How much, and how to progress",
    "While you exercise",  # when to stop, and if something goes wrong: as the handout says
    "Getting started checklist",
    "Muscles it works",
    "Where the muscles work",
    "Effort: forward vs backward",
    "How it can help",
    "Questions people ask",
    "Key points",
    "Where this comes from",
]


def topic_deck(content: Content, topic_id: str, template: Path | None = None) -> bytes:
    lesson = outline.topic_lesson(content.topic(topic_id), content, EN)
    return deck.render(lesson, DeckOptions(template))


def class_deck(content: Content, template: Path | None = None) -> bytes:
    return deck.render(outline.class_lesson(content.program, content, EN), DeckOptions(template))


MEASURE = textstyle.measure(None)
"""How our own template sets text: Arial's widths."""


def planning(frame: Frame, content: Content = SHIPPED) -> fit.Fit:
    """What planning reads, with every box the same size: a small clinic template."""
    area = Box(0, 0, round(frame.width * 12700), round(frame.height * 12700))
    boxes = Geometry(
        titles=dict.fromkeys(LAYOUTS, frame),
        body=frame,
        subtitle=None,
        section_body=None,
        area=area,
    )
    fonts = Fonts(dict.fromkeys(LAYOUTS, MEASURE), dict.fromkeys(LAYOUTS, MEASURE), MEASURE)
    return fit.Fit(fonts, boxes, slide_words(content, EN), None, sizes.BODY_SIZES)


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def titles(prs) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in prs.slides]


def base(title: str) -> str:
    return re.sub(r" \(cont\.(?: \d+)?\)$", "", title)


@pytest.fixture(scope="module", params=[t.id for t in SHIPPED.topics])
def topic_pptx(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, topic_deck(SHIPPED, request.param)


@pytest.fixture(scope="module")
def class_pptx() -> bytes:
    return class_deck(SHIPPED)


def test_topic_slide_order(topic_pptx: tuple[str, bytes]) -> None:
    topic_id, data = topic_pptx
    found = [base(t) for t in titles(open_deck(data))]
    collapsed = [t for i, t in enumerate(found) if i == 0 or t != found[i - 1]]
    topic = SHIPPED.topic(topic_id)
    assert collapsed == [topic.title, *TOPIC_TITLES[1:]]


def test_class_deck_order(class_pptx: bytes) -> None:
    found = [base(t) for t in titles(open_deck(class_pptx))]
    assert found[:2] == ["Retro training", "Today's class"]
    assert found[-1] == "Questions?"
    sections = [t for t in found if re.match(r"\d\. ", t)]
    assert sections == [
        "1. Backward walking",
        "2. Reverse treadmill walking",
        "3. Backward pedaling on an exercise bike",
    ]
    for number, topic_id in enumerate(SHIPPED.program.topics, start=1):
        title = SHIPPED.topic(topic_id).title
        start = found.index(f"{number}. {title}")
        assert found[start + 1] == f"{title}: is this for you?"
        last_topic = SHIPPED.topic(SHIPPED.program.topics[-1]).title
        # Every topic's sources after the last topic's own slides, before the closing one.
        assert found.index(f"{title}: where this comes from") > found.index(
            f"{last_topic}: key points"
        )
    assert "What you will learn" not in found


def test_every_slide_is_titled_and_has_notes(
    topic_pptx: tuple[str, bytes], class_pptx: bytes
) -> None:
    for data in (topic_pptx[1], class_pptx):
        for number, slide in enumerate(open_deck(data).slides, start=1):
            title = slide.shapes.title
            assert title is not None and title.text_frame.text.strip(), f"slide {number}"
            assert slide.has_notes_slide
            assert slide.notes_slide.notes_text_frame.text.strip(), f"slide {number}"


def test_deck_is_16_by_9(topic_pptx: tuple[str, bytes]) -> None:
    prs = open_deck(topic_pptx[1])
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_table_cells_equal_the_yaml_rows(topic_pptx: tuple[str, bytes]) -> None:
    topic_id, data = topic_pptx
    topic = SHIPPED.topic(topic_id)
    rows = []
    for slide in open_deck(data).slides:
        for shape in slide.shapes:
            if shape.has_table and shape.name == "Muscle table":
                table = shape.table
                header = [c.text for c in table.rows[0].cells]
                assert header == [
                    "Muscle group",
                    "Forward",
                    "Backward",
                    "What it does going backward",
                ]
                rows += [[c.text for c in row.cells] for row in list(table.rows)[1:]]
    expected = [
        [m.name, m.forward.label, m.backward.label, m.role.text] for m in topic.activation.muscles
    ]
    assert [[*r[:3], re.sub(r" \[[\d, ]+\]$", "", r[3])] for r in rows] == expected


def test_chart_is_native_with_the_yaml_levels(topic_pptx: tuple[str, bytes]) -> None:
    topic_id, data = topic_pptx
    muscles = SHIPPED.topic(topic_id).activation.muscles
    charts = [s.chart for sl in open_deck(data).slides for s in sl.shapes if s.has_chart]
    assert charts
    categories: list[str] = []
    forward: list[float] = []
    backward: list[float] = []
    for chart in charts:
        plot = chart.plots[0]
        # drawn bottom-up, so the first muscle is at the top as in the table
        categories += list(plot.categories)[::-1]
        series = {s.name: list(s.values)[::-1] for s in plot.series}
        forward += series["Forward"]
        backward += series["Backward"]
        assert chart.value_axis.maximum_scale == 5
        assert "5 high" in chart.value_axis.tick_labels.number_format
        assert "moderate to high" in chart.value_axis.axis_title.text_frame.text
    # The shipped names are short enough to stand whole under a bar.
    assert categories == [m.name for m in muscles]
    assert forward == [m.forward.rank for m in muscles]
    assert backward == [m.backward.rank for m in muscles]


def test_no_shape_leaves_the_slide(topic_pptx: tuple[str, bytes], class_pptx: bytes) -> None:
    for data in (topic_pptx[1], class_pptx):
        prs = open_deck(data)
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
                assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
                assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


def test_no_explicit_size_under_18pt(topic_pptx: tuple[str, bytes], class_pptx: bytes) -> None:
    for data in (topic_pptx[1], class_pptx):
        for slide in open_deck(data).slides:
            sizes = [int(s) for s in re.findall(rb' sz="(\d+)"', slide.part.blob)]
            assert sizes and min(sizes) >= 1800
            for shape in slide.shapes:
                if shape.has_chart:
                    chart_sizes = re.findall(rb' sz="(\d+)"', shape.chart.part.blob)
                    assert chart_sizes and min(int(s) for s in chart_sizes) >= 1800


def test_body_text_is_at_least_24pt_and_at_most_seven_points(topic_pptx: tuple[str, bytes]) -> None:
    for slide in open_deck(topic_pptx[1]).slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 1 and shape.has_text_frame:
                paragraphs = [p for p in shape.text_frame.paragraphs if p.text.strip()]
                assert len(paragraphs) <= 7
                for paragraph in paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is not None and run.font.size.pt >= 24


def test_text_lives_in_placeholders_tables_or_charts(topic_pptx: tuple[str, bytes]) -> None:
    for slide in open_deck(topic_pptx[1]).slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                # A drawing's caption is the one text outside a placeholder, beside its drawing.
                drawn = any(s.shape_type == MSO_SHAPE_TYPE.GROUP for s in slide.shapes)
                assert shape.is_placeholder or (shape.name == "Caption" and drawn), shape.name


def _reportlab_width():  # type: ignore[no-untyped-def]
    """Measure as a viewer sets Arial: Liberation Sans's widths, read by reportlab.

    Independent of the deck's own measuring, which planned what is checked here.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from handouts import theme

    faces = {False: "DeckCheck", True: "DeckCheck-Bold"}
    for bold, path in ((False, theme.DECK_METRICS_REGULAR), (True, theme.DECK_METRICS_BOLD)):
        if faces[bold] not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(faces[bold], str(path)))
    return lambda text, size, bold: pdfmetrics.stringWidth(text, faces[bold], size)


def _lines_needed(paragraph, width: float, text_width) -> int:  # type: ignore[no-untyped-def]
    """Lines a paragraph takes wrapped at ``width``, as a text box wraps it."""
    chars = [
        (char, bool(run.font.bold), run.font.size.pt) for run in paragraph.runs for char in run.text
    ]
    words: list[list[tuple[str, bool, float]]] = [[]]
    for char in chars:
        if char[0] == " ":
            words.append([])
        else:
            words[-1].append(char)

    def wide(word: list[tuple[str, bool, float]]) -> float:
        return sum(text_width(c, size, bold) for c, bold, size in word)

    size = chars[0][2]
    space = text_width(" ", size, False)
    lines, used = 1, 0.0
    for word in filter(None, words):
        if wide(word) > width:  # broken between letters
            for char in word:
                w = wide([char])
                if used and used + w > width:
                    lines, used = lines + 1, 0.0
                used += w
            continue
        need = wide(word) if not used else used + space + wide(word)
        lines, used = (lines, need) if need <= width else (lines + 1, wide(word))
    return lines


def _text_height(text_frame, width: float, text_width) -> float:  # type: ignore[no-untyped-def]
    """Points the paragraphs need as drawn: their margins, space before and lines."""
    total = 0.0
    for paragraph in text_frame.paragraphs:
        if not paragraph.runs:
            continue
        ppr = paragraph._p.find(qn("a:pPr"))
        margin = int(ppr.get("marL", "0")) / 12700 if ppr is not None else 0.0
        before = paragraph._p.find(f"{qn('a:pPr')}/{qn('a:spcBef')}/{qn('a:spcPts')}")
        total += int(before.get("val")) / 100 if before is not None else 0.0
        size = paragraph.runs[0].font.size.pt
        total += _lines_needed(paragraph, width - margin, text_width) * size * 1.2
    return total


def test_text_frames_hold_no_more_than_fits(
    topic_pptx: tuple[str, bytes], class_pptx: bytes
) -> None:
    text_width = _reportlab_width()
    checked = 0
    for data in (topic_pptx[1], class_pptx):
        prs = open_deck(data)
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                if shape.has_text_frame and shape.text_frame.text.strip():
                    body_pr = shape.text_frame._txBody.bodyPr
                    across = sum(int(body_pr.get(side)) for side in ("lIns", "rIns")) / 12700
                    down = sum(int(body_pr.get(side)) for side in ("tIns", "bIns")) / 12700
                    need = _text_height(shape.text_frame, shape.width / 12700 - across, text_width)
                    assert need <= shape.height / 12700 - down + 0.01, (number, shape.name, need)
                    checked += 1
                if shape.has_table:  # rows grow with their text: the table must still fit
                    bottom = shape.top / 12700
                    for row in shape.table.rows:
                        tallest = row.height / 12700
                        columns = list(shape.table.columns)
                        for c, cell in enumerate(row.cells):
                            if cell.is_spanned:  # covered by a merged cell to its left
                                continue
                            pr = cell._tc.tcPr
                            m = [int(pr.get(s)) / 12700 for s in ("marL", "marR", "marT", "marB")]
                            spans = columns[c : c + cell.span_width]
                            width = sum(col.width for col in spans) / 12700 - m[0] - m[1]
                            need = _text_height(cell.text_frame, width, text_width) + m[2] + m[3]
                            tallest = max(tallest, need)
                        bottom += tallest
                    assert bottom <= prs.slide_height / 12700 + 0.01, (number, shape.name)
                    checked += 1
    assert checked > 20


def test_a_long_list_continues_on_cont_slides(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    many = "\n".join(
        # Plain words: the check holds every section to grade 6 (validate.reading).
        f"  - Help number {word} keeps you steady and strong on your feet each day."
        for word in [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
    edit(topic, "benefits:\n  - Stronger shins.", "benefits:\n" + many)
    prs = open_deck(topic_deck(load_content(content), "heel-walk"))
    found = titles(prs)
    assert found.count("How it can help") == 1
    assert found.count("How it can help (cont.)") >= 1
    texts = [
        p.text
        for slide in prs.slides
        if slide.shapes.title.text_frame.text.startswith("How it can help")
        for p in slide.placeholders[1].text_frame.paragraphs
    ]
    assert len(texts) == 12 and texts[0].startswith("Help number one")


def test_an_item_taller_than_a_slide_is_cut_over_several(content: Path) -> None:
    frame = Frame(870, 390)
    long = " ".join(f"word{i}" for i in range(400))
    chunks = fit.chunks([Para(long), Para("short")], MEASURE, frame)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert MEASURE.height(chunk.paras, frame.text_width(True), chunk.size) <= (
            frame.text_height()
        )
    texts = [para.text for chunk in chunks for para in chunk.paras]
    flags = [para.goes_on for chunk in chunks for para in chunk.paras]
    assert flags == [False] + [True] * (len(texts) - 2) + [False]
    assert texts[-1] == "short"
    assert texts[0].endswith(" …") and texts[1].startswith("… ")
    assert " ".join(t.removeprefix("… ").removesuffix(" …") for t in texts[:-1]) == long


def test_rows_and_precautions_taller_than_a_slide_go_on_below(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    wide = " ".join(["WWWWWWW"] * 49)
    lenient_reading(content)
    edit(topic, "role: Holds your toes up.", f"role: {wide}")
    edit(topic, "    - Your shin hurts.", f"    - {wide}")
    small = Frame(500, 220)  # the body of a small clinic template
    loaded = load_content(content)
    heel_walk = loaded.topic("heel-walk")
    room = planning(small, loaded)
    table = plan.plan_slide(Slide(muscle_table(heel_walk, EN), "notes"), room)
    assert all(isinstance(slide, TableSlide) for slide in table)
    rows = [row for slide in table for row in slide.rows]
    assert [row[0] for row in rows][:2] == ["Tibialis anterior (front of shin)"] * 2
    assert rows[1][1:3] == ("", "")  # levels only on the first part
    line = table[0].size * sizes.LINE_SPACING
    for slide in table:
        for row in slide.rows:
            for column, text in enumerate(row):
                inner = small.width * slide.widths[column] - 2 * sizes.CELL_X
                assert MEASURE.lines(text, inner, slide.size, bold=column == 0) * line < 220
    slides = plan.plan_slide(Slide(while_exercising(heel_walk, EN), "notes"), room)
    assert all(isinstance(slide, SafetySlide) for slide in slides)
    stops = [item for slide in slides for item in slide.columns[0].items]
    texts = [item.text for item in stops]
    assert len(stops) > 1 and texts[0].endswith(" …") and texts[1].startswith("… ")
    # The rest of a cut item has no bullet of its own: only its first piece is a new item.
    assert [item.goes_on for item in stops] == [False] + [True] * (len(stops) - 1)
    assert [slide.columns[0].header for slide in slides[:1]] == [
        "Stop and contact your therapist or doctor if"
    ]


def test_the_rest_of_a_cut_safety_item_is_drawn_without_a_bullet(
    content: Path, tmp_path: Path
) -> None:
    wide = " ".join(["WWWWWWW"] * 49)
    lenient_reading(content)
    # Beside what to do if it goes wrong, as the shipped topics have it: half a slide wide.
    goes_wrong = "\n  if_it_goes_wrong:\n    - If you slip, sit down."
    edit(
        content / "topics" / "heel-walk.yaml", "    - Your shin hurts.", f"    - {wide}{goes_wrong}"
    )
    template = _small_template(tmp_path / "small.pptx")
    prs = open_deck(topic_deck(load_content(content), "heel-walk", template=template))
    drawn = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name == "Safety table":
                items = len(shape.table.rows) - 1  # under the emergency line and the header
                paragraphs = [
                    paragraph
                    for column in range(len(shape.table.columns))
                    for paragraph in shape.table.cell(items, column).text_frame.paragraphs
                ]
                for paragraph in paragraphs:
                    bullet = paragraph._p.find(f"{qn('a:pPr')}/{qn('a:buChar')}") is not None
                    if paragraph.text != "(see previous slide)":
                        drawn.append((paragraph.text.startswith("… "), bullet))
    assert (True, False) in drawn
    assert all(bullet != goes_on for goes_on, bullet in drawn)


def test_a_question_keeps_the_start_of_a_long_answer(content: Path) -> None:
    frame = Frame(400, 200)
    answer = "Mild soreness **is normal and goes away in a day or two** " * 12
    question = Para("Is soreness normal?", bold=True)
    chunks = fit.chunks([question, Para(answer.strip())], MEASURE, frame, keep=2)
    first = chunks[0].paras
    assert first[0] == question and len(first) == 2
    for chunk in chunks:
        assert MEASURE.height(chunk.paras, frame.text_width(True), chunk.size) <= (
            frame.text_height()
        )
        for para in chunk.paras:  # a bold run cut in two is closed and reopened
            assert para.text.count("**") % 2 == 0


LONG_NAMES = [
    "Quadriceps, the big muscles along the front of your thigh bone",
    "Gluteus maximus, the large muscle that shapes your buttock and hip",
    "Tibialis anterior, the long muscle running down the front of shin",
    "Gluteus medius and minimus, the side muscles that steady your hip",
    "Calf muscles (gastrocnemius and soleus) along the back of the leg",
    "Hamstrings, the group of muscles that run along the back of thigh",
    "Deep core muscles under your belly that keep your trunk steady",
]


def test_long_muscle_names_spread_over_charts_that_name_every_bar(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    muscles = "".join(
        f"    - name: {name}\n      location: the leg\n      region: {region.value}\n"
        f"      forward: low\n"
        f"      backward: high\n      role: Helps you move.\n"
        for name, region in zip(LONG_NAMES, Region, strict=False)
    )
    text = topic.read_text()
    start = text.index("  muscles:\n") + len("  muscles:\n")
    topic.write_text(text[:start] + muscles + text[text.index("benefits:") :])
    lenient_reading(content)  # six long Latin names in one table
    prs = open_deck(topic_deck(load_content(content), "heel-walk"))
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    named = [list(chart.plots[0].categories) for chart in charts]
    assert [len(n) for n in named] == [4, 3]  # even, and few enough for two-line names
    assert sorted(n for names in named for n in names) == sorted(LONG_NAMES)
    for chart in charts:  # every name drawn, however crowded a viewer thinks it is
        assert chart.category_axis._element.find(qn("c:tickLblSkip")).get("val") == "1"
    # Each part of the chart says its own bars in words, and only those.
    frames = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    for frame, names in zip(frames, named, strict=True):
        alt = frame._element.nvGraphicFramePr.cNvPr.get("descr")
        assert alt.startswith("Bar chart of effort going forward and backward. ")
        assert [name for name in LONG_NAMES if name in alt] == names[::-1]  # drawn bottom-up
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.shapes[1].has_chart]
    assert notes[1] == "(Continued from the previous slide.)"  # not the first's notes again


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Tibialis anterior (front of shin)", "Tibialis anterior (front of shin)"),
        (
            "Quadriceps muscle group (front of the thigh, above the knee)",
            "Front of the thigh, above the knee",
        ),
        (
            "Hamstrings (back of thigh) and the adductor magnus group",
            "Hamstrings (back of thigh) and the adductor magnus group",
        ),
        (
            "A long muscle name over forty characters ( )",
            "A long muscle name over forty characters ( )",
        ),
    ],
)
def test_chart_labels_keep_a_whole_name_or_its_last_brackets(name: str, label: str) -> None:
    assert short_name(name) == label


def test_double_asterisks_print_bold_not_literally(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    edit(topic, "  - Stronger shins.", "  - Stronger **shins** and **steadier feet**.")
    edit(topic, "    - Your shin hurts.", "    - Your shin **hurts**.")
    edit(topic, "      role: Holds your toes up.", "      role: Holds your **toes** up.")
    edit(topic, "answer: Mild soreness is normal; pain is not.", "answer: Pain is **not** normal.")
    edit(topic, "  technique: Show it first.", "  technique: Show it **first**.")
    prs = open_deck(topic_deck(load_content(content), "heel-walk"))
    bold, frames = set(), []
    for slide in prs.slides:
        frames.append(slide.notes_slide.notes_text_frame)
        for shape in slide.shapes:
            if shape.has_table:
                frames += [cell.text_frame for cell in shape.table.iter_cells()]
            elif shape.has_text_frame:
                frames.append(shape.text_frame)
    for frame in frames:
        assert "**" not in frame.text
        for paragraph in frame.paragraphs:
            bold |= {run.text for run in paragraph.runs if run.font.bold}
    assert {"shins", "steadier feet", "hurts", "toes", "not"} <= bold
    assert "Stronger " not in bold


def test_bold_words_are_measured_in_the_bold_face() -> None:
    measure = MEASURE
    text = "wide words here"
    width = measure.regular.width(text, 24)
    assert measure.lines(text, width + 0.1, 24) == 1
    assert measure.lines(f"**{text}**", width + 0.1, 24) == 2


def test_a_title_of_one_long_word_is_cut_within_the_word_not_before_it() -> None:
    word = "Rückwärtsfahrradergometertrainingsanleitungsbeschreibungsblatt"
    # Smaller first: whole at a size under the smallest, before anything is cut.
    title = fit.fit_title(f"Sources: {word}", MEASURE, Frame(500, 60))
    assert title.text == f"Sources: {word}" and title.size < sizes.TITLE_SIZES[-1]
    title = fit.fit_title(f"Sources: {word}", MEASURE, Frame(300, 24))
    assert title.text.startswith("Sources: Rückwärts") and title.text.endswith("…")


def test_a_cut_keeps_bold_words_bold_and_no_stray_marks() -> None:
    measure = MEASURE
    text = ("**Stop and keep **your chest up while you look over your shoulder " * 6).strip()
    pieces = measure.split(text, 300, 20, 3)
    assert len(pieces) > 2
    for piece in pieces:
        assert "****" not in piece and piece.count("**") % 2 == 0
        assert measure.lines(piece, 300, 20) <= 3
    words = [
        (word, strong)
        for piece in pieces
        for run, strong in emphasis(piece.removeprefix("… ").removesuffix(" …"))
        for word in run.split()
    ]
    original = [(w, strong) for run, strong in emphasis(text) for w in run.split()]
    assert words == original


def test_a_numbered_step_cut_in_two_keeps_its_number() -> None:
    # A step may itself start with "… " (as the pieces of a cut one do): it keeps its number.
    long = "… " + " ".join(["walk slowly on your heels, toes up off the floor."] * 5)
    steps = Points(
        Heading("How to do it", "steps"),
        (Cited("Stand tall."), Cited(long), Cited("Rest.")),
        marks="number",
    )
    slides = plan.plan_slide(Slide(steps, "n"), planning(Frame(300, 150)))
    assert all(isinstance(slide, TextSlide) and slide.marks == "number" for slide in slides)
    paras = [para for slide in slides for para in slide.paras]
    assert len(slides) > 1 and [p.goes_on for p in paras].count(False) == 3  # three steps
    last = next(s for s in slides if Para("Rest.") in s.paras)
    assert last.first_number + [p.goes_on for p in last.paras].count(False) - 1 == 3
    assert slides[1].title.text == "How to do it (cont.)"
    assert slides[1].notes == "(Continued from the previous slide.)"


def test_an_answer_goes_on_in_slide_sized_pieces() -> None:
    frame = Frame(400, 300)
    answer = " ".join(["Mild soreness is normal and goes away in a day or two."] * 14)
    question = Para("Is soreness normal?", bold=True)
    chunks = fit.chunks([question, Para(answer)], MEASURE, frame, hang=False, keep=2)
    later = [chunk.paras for chunk in chunks[1:]]
    assert all(len(paras) == 1 for paras in later[:-1])  # one full piece a slide
    assert all(paras[0].goes_on for paras in later)


def test_measure_wraps_like_a_text_box() -> None:
    measure = MEASURE
    width = measure.regular.width("aaaa bbbb", 24)
    assert measure.lines("aaaa bbbb", width + 0.1, 24) == 1
    assert measure.lines("aaaa bbbb", width - 0.1, 24) == 2
    assert measure.lines("x" * 200, 100, 24) > 1


def test_same_bytes_twice_even_at_another_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    first = topic_deck(SHIPPED, "backward-walking"), class_deck(SHIPPED)
    later = time.time() + 3 * 365 * 86400  # zip members and workbooks record the time
    monkeypatch.setattr(time, "time", lambda: later)
    assert (topic_deck(SHIPPED, "backward-walking"), class_deck(SHIPPED)) == first


def test_a_template_edited_between_builds_is_read_again(tmp_path: Path) -> None:
    path = _template(tmp_path / "clinic.pptx")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    lesson = outline.topic_lesson(SHIPPED.topic("backward-walking"), SHIPPED, EN)
    before = deck.render(lesson, DeckOptions(path, digest))
    prs = Presentation(str(path))
    prs.slide_width = Inches(13.333)  # the clinic makes its template 16:9
    prs.save(str(path))
    after = deck.render(lesson, DeckOptions(path, hashlib.sha256(path.read_bytes()).hexdigest()))
    assert open_deck(before).slide_width == Inches(10)
    assert open_deck(after).slide_width == Inches(13.333)


def test_a_zip_header_out_of_place_is_a_render_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", "<a/>")
    data = bytearray(buffer.getvalue())
    data[0:4] = b"XXXX"  # not where the directory says a member starts
    with pytest.raises(RenderError, match=r"expected a zip header b'PK\\x03\\x04' at byte 0"):
        package.fixed_times(bytes(data))


def test_core_properties_are_fixed(topic_pptx: tuple[str, bytes]) -> None:
    topic_id, data = topic_pptx
    props = open_deck(data).core_properties
    topic = SHIPPED.topic(topic_id)
    assert props.title == topic.title
    assert props.author == "handouts"
    assert props.created.date() == topic.review.reviewed_on
    assert props.modified == props.created
    assert props.comments.startswith("Made with handouts ")


def test_text_colours_keep_4_5_to_1_contrast(topic_pptx: tuple[str, bytes]) -> None:
    from handouts import theme

    for slide in open_deck(topic_pptx[1]).slides:
        for shape in slide.shapes:
            cells = [c for row in shape.table.rows for c in row.cells] if shape.has_table else []
            frames = [(c.text_frame, c) for c in cells]
            if shape.has_text_frame:
                frames.append((shape.text_frame, None))
            for frame, cell in frames:
                background = "#FFFFFF"
                if cell is not None and cell.fill.type == 1:  # solid
                    background = "#" + str(cell.fill.fore_color.rgb)
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        if run.font.color and run.font.color.type is not None:
                            colour = "#" + str(run.font.color.rgb)
                            assert theme.contrast(colour, background) >= 4.5, (colour, background)


def test_light_brand_colour_is_refused_before_anything_is_drawn(content: Path) -> None:
    (content / "branding.yaml").write_text('colors:\n  primary: "#FFE680"\n')
    assert problems_of(content) == [
        "content/branding.yaml:2:12: colors.primary: expected a colour dark enough to read on "
        "white paper (contrast at least 4.5:1) but got #FFE680 (1.2:1); choose a darker shade"
    ]


def test_logo_has_alt_text(content: Path) -> None:
    from PIL import Image

    Image.new("RGB", (300, 100), "#1F3A5F").save(content / "logo.png")
    (content / "branding.yaml").write_text("clinic_name: Riverside PT\nlogo: logo.png\n")
    prs = open_deck(topic_deck(load_content(content), "heel-walk"))
    pictures = [s for s in prs.slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == "Riverside PT logo"
    assert prs.slides[0].placeholders[1].text_frame.text == "Riverside PT"


def _template(path: Path, *, drop_layout: str | tuple[str, ...] = ()) -> Path:
    """A clinic template: 4:3, Georgia, its own colours, one sample slide to be ignored."""
    prs = Presentation()
    master = prs.slide_master
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme_part = master.part.part_related_by(RT.THEME)
    theme_part._blob = theme_part.blob.replace(b'typeface="Calibri"', b'typeface="Georgia"')
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Sample slide"
    for name in (drop_layout,) if isinstance(drop_layout, str) else drop_layout:
        layout = next(lay for lay in prs.slide_layouts if lay.name == name)
        prs.slide_layouts.remove(layout)
    prs.save(str(path))
    return path


def test_custom_template_restyles_the_deck(tmp_path: Path) -> None:
    template = _template(tmp_path / "clinic.pptx")
    prs = open_deck(topic_deck(SHIPPED, "backward-walking", template=template))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # the template's size
    assert titles(prs)[0] == "Backward walking"  # the sample slide is gone
    theme_xml = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    ).blob
    assert b'typeface="Georgia"' in theme_xml
    for slide in prs.slides:
        assert slide.slide_layout.name in LAYOUTS.values()
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:  # the template's colours, not ours
                        assert run.font.color.type is None


def _small_template(path: Path) -> Path:
    """The smallest template the check accepts: 7 x 4 in, every placeholder scaled to it."""
    prs = Presentation()
    across, down = Emu(Inches(7)) / prs.slide_width, Emu(Inches(4)) / prs.slide_height
    prs.slide_width, prs.slide_height = Inches(7), Inches(4)
    master = prs.slide_master
    for container in [master, *master.slide_layouts]:
        for shape in container.placeholders:
            if shape._element.spPr.find(qn("a:xfrm")) is not None:  # not inherited
                shape.left, shape.width = int(shape.left * across), int(shape.width * across)
                shape.top, shape.height = int(shape.top * down), int(shape.height * down)
    prs.save(str(path))
    return path


def test_a_small_template_scales_the_type_and_keeps_words_whole(tmp_path: Path) -> None:
    template = _small_template(tmp_path / "small.pptx")
    deck.check_template(template)
    prs = open_deck(topic_deck(SHIPPED, "backward-walking", template=template))
    default = open_deck(topic_deck(SHIPPED, "backward-walking"))
    # Text the same share of the slide as in our own deck: about as many slides, not 90.
    assert len(prs.slides) <= 2 * len(default.slides)
    sizes = {
        run.font.size.pt
        for slide in prs.slides
        for shape in slide.placeholders
        if shape.placeholder_format.idx == 1
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert sizes and max(sizes) <= 15
    names = {m.name for m in SHIPPED.topic("backward-walking").activation.muscles}
    tables = [s for s in prs.slides if base(s.shapes.title.text_frame.text) == "Muscles it works"]
    for slide in tables:
        table = next(shape for shape in slide.shapes if shape.has_table).table
        assert table.cell(0, 0).text_frame.text == "Muscle group"
        assert {table.cell(r, 0).text_frame.text for r in range(1, len(table.rows))} <= names


def test_small_template_tables_fit_under_their_title(tmp_path: Path) -> None:
    topic = SHIPPED.topic("backward-walking")
    first = topic.activation.muscles[0]
    role = replace(first.role, text="Steadies you.")
    short = ["Glutes", "Calves", "Quads", "Hamstrings", "Shins", "Core", "Hips"]
    muscles = tuple(replace(first, name=name, role=role) for name in short)
    topic = replace(topic, activation=replace(topic.activation, muscles=muscles))
    template = _small_template(tmp_path / "s.pptx")
    prs = open_deck(deck.render(outline.topic_lesson(topic, SHIPPED, EN), DeckOptions(template)))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:  # least row heights alone must not run off the slide
                rows = shape.table.rows
                assert shape.top + sum(row.height for row in rows) <= prs.slide_height


def _layout_shape(prs, layout_name: str, idx: int):
    layout = next(lay for lay in prs.slide_layouts if lay.name == layout_name)
    return next(p for p in layout.placeholders if p.placeholder_format.idx == idx)


def _move(prs, layout_name: str, idx: int, **inches: float) -> None:
    """Give a layout's placeholder its own position, changing the sides named (in inches)."""
    shape = _layout_shape(prs, layout_name, idx)
    # Read all four first: setting one on an inherited placeholder zeroes the others.
    box = {side: getattr(shape, side) for side in ("left", "top", "width", "height")}
    box.update({side: Inches(value) for side, value in inches.items()})
    for side, value in box.items():
        setattr(shape, side, value)


def test_template_spacing_is_overridden_where_text_is_measured(tmp_path: Path) -> None:
    prs = Presentation()
    body_style = prs.slide_master._element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    for level in body_style:  # 150% line spacing and space after, as some clinic masters have
        level.insert(0, level.makeelement(qn("a:lnSpc"), {}))
        level[0].append(level.makeelement(qn("a:spcPct"), {"val": "150000"}))
    path = tmp_path / "spaced.pptx"
    prs.save(str(path))
    deck_prs = open_deck(topic_deck(SHIPPED, "backward-walking", template=path))
    spacings = {
        paragraph._p.find(f"{qn('a:pPr')}/{qn('a:lnSpc')}/{qn('a:spcPct')}").get("val")
        for slide in deck_prs.slides
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text
        for paragraph in shape.text_frame.paragraphs
    }
    assert spacings == {"100000"}


def test_tables_start_under_the_title_wherever_the_text_placeholder_is(tmp_path: Path) -> None:
    prs = Presentation()  # 10 x 7.5 in; the text placeholder moved low on the slide
    _move(prs, "Title and Content", 1, top=4.5, height=2.6)
    path = tmp_path / "low.pptx"
    prs.save(str(path))
    deck_prs = open_deck(topic_deck(SHIPPED, "backward-walking", template=path))
    title = _layout_shape(deck_prs, "Title Only", 0)
    tables = [s for s in deck_prs.slides for shape in s.shapes if shape.has_table]
    assert len(tables) <= 6  # muscles, the map's key, then safety (emergency first) over a few
    for slide in tables:
        shape = next(shape for shape in slide.shapes if shape.has_table)
        assert title.top + title.height <= shape.top < Inches(2.5)


def test_a_text_placeholder_much_smaller_than_the_slide_is_refused(tmp_path: Path) -> None:
    prs = Presentation()
    _move(prs, "Title and Content", 1, width=3.2)
    path = tmp_path / "narrow.pptx"
    prs.save(str(path))
    with pytest.raises(TemplateProblem) as caught:
        deck.check_template(path)
    assert str(caught.value) == (
        "expected the text placeholder of the layout 'Title and Content' to "
        "be at least 5.0 x 2.5 inches (half the slide's width, a third of its height) and inside "
        "the slide but it is not; size it in the Slide Master"
    )


def test_a_one_line_subtitle_box_keeps_its_line(tmp_path: Path) -> None:
    prs = Presentation()
    _move(prs, "Title Slide", 1, width=8, height=0.5)
    path = tmp_path / "thin.pptx"
    prs.save(str(path))
    content = load_content(REPO / "content")
    data = class_deck(
        replace(content, branding=replace(content.branding, clinic_name="Riverside PT")),
        template=path,
    )
    cover = open_deck(data).slides[0]
    assert cover.placeholders[1].text_frame.text == "Riverside PT"


def test_continued_sources_slides_of_the_class_deck_say_so(tmp_path: Path) -> None:
    titles_seen = titles(open_deck(class_deck(SHIPPED, template=_template(tmp_path / "c.pptx"))))
    sources = [t for t in titles_seen if ": where this comes from" in t]
    assert len(sources) > len(SHIPPED.topics)  # some topic's sources go on
    assert len(set(sources)) == len(sources)


def test_the_cover_logo_keeps_clear_of_a_template_title_at_the_top(
    content: Path, tmp_path: Path
) -> None:
    from PIL import Image

    Image.new("RGB", (300, 100), "#1F3A5F").save(content / "logo.png")
    (content / "branding.yaml").write_text("clinic_name: Riverside PT\nlogo: logo.png\n")
    prs = Presentation()
    for idx, top in ((0, 0.3), (1, 2.0)):  # a cover title across the top of the slide
        _move(prs, "Title Slide", idx, left=0.5, top=top, width=9, height=1.5)
    path = tmp_path / "top.pptx"
    prs.save(str(path))
    cover = open_deck(topic_deck(load_content(content), "heel-walk", template=path)).slides[0]
    (logo,) = [s for s in cover.shapes if s.shape_type == 13]
    for text in cover.placeholders:
        apart = (
            logo.left >= text.left + text.width
            or logo.left + logo.width <= text.left
            or logo.top >= text.top + text.height
            or logo.top + logo.height <= text.top
        )
        assert apart, text.name


def test_template_text_is_measured_as_arial_only_in_fonts_with_arials_widths(
    tmp_path: Path,
) -> None:
    arial = Presentation()
    theme_part = arial.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    theme_part._blob = theme_part.blob.replace(b'typeface="Calibri"', b'typeface="Arial"')
    arial.save(str(tmp_path / "arial.pptx"))

    def body(path: Path):  # how the template sets a content slide's text
        return clinic_template(path, "-").fonts.bodies["content"]

    assert body(tmp_path / "arial.pptx").slack == 1.0
    # Calibri may be set in a wider fallback where it is not installed.
    Presentation().save(str(tmp_path / "stock.pptx"))
    assert body(tmp_path / "stock.pptx").slack == textstyle.ALLOWANCE
    assert body(_template(tmp_path / "georgia.pptx")).slack == textstyle.ALLOWANCE
    assert body(tmp_path / "stock.pptx").least_em == 0  # not monospaced


def test_a_cut_title_still_says_it_is_continued() -> None:
    title = fit.fit_title(
        "Effort: forward vs backward", MEASURE, Frame(200, 40), (28,), keep=" (cont.)"
    )
    assert title.text.endswith("… (cont.)") and title.text.startswith("Effort")


def test_template_missing_layouts_names_every_one_and_what_it_holds(tmp_path: Path) -> None:
    dropped = ("Title and Content", "Title Only")
    template = _template(tmp_path / "clinic.pptx", drop_layout=dropped)
    with pytest.raises(TemplateProblem) as caught:
        deck.check_template(template)
    assert str(caught.value) == (
        "expected a slide layout for each kind of slide but found none "
        "for 'Title and Content' (a title and one text placeholder under it) or 'Title Only' "
        "(a title and no text placeholder); its layouts are 'Title Slide', 'Section Header', "
        "'Two Content', 'Comparison', 'Blank', 'Content with Caption', 'Picture with Caption', "
        "'Title and Vertical Text', 'Vertical Title and Text'; add the missing ones in the "
        "Slide Master, with those names or those placeholders"
    )


def test_a_template_without_a_section_header_uses_its_title_slide(tmp_path: Path) -> None:
    template = _template(tmp_path / "clinic.pptx", drop_layout="Section Header")
    prs = open_deck(class_deck(SHIPPED, template=template))
    sections = [s for s in prs.slides if re.match(r"\d\. ", s.shapes.title.text_frame.text)]
    assert len(sections) == len(SHIPPED.program.topics)
    assert {s.slide_layout.name for s in sections} == {"Title Slide"}
    summaries = {SHIPPED.topic(t).summary for t in SHIPPED.program.topics}
    assert {s.placeholders[1].text_frame.text for s in sections} == summaries


def test_template_that_is_not_a_deck_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.pptx"
    bogus.write_text("not a deck")
    with pytest.raises(TemplateProblem, match=r"expected a PowerPoint \.pptx file"):
        deck.check_template(bogus)


def test_a_design_template_file_is_refused_with_how_to_save_it(tmp_path: Path) -> None:
    potx = tmp_path / "clinic.potx"
    Presentation().save(str(potx))
    with pytest.raises(TemplateProblem) as caught:
        deck.check_template(potx)
    assert str(caught.value) == (
        "expected a PowerPoint .pptx file but this is a .potx design "
        "template; open it in PowerPoint and save it as a PowerPoint Presentation (.pptx)"
    )


def test_libreoffice_opens_the_deck_one_page_per_slide(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install libreoffice-impress (see .ci/run)")
        pytest.skip("LibreOffice is not installed here")
    data = topic_deck(SHIPPED, "backward-pedaling")
    source = tmp_path / "backward-pedaling.pptx"
    source.write_bytes(data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = len(pypdf.PdfReader(tmp_path / "backward-pedaling.pdf").pages)
    assert pages == len(open_deck(data).slides)


def test_template_without_a_body_placeholder_is_a_clear_error(tmp_path: Path) -> None:
    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    body = next(p for p in layout.placeholders if p.placeholder_format.idx == 1)
    body._element.getparent().remove(body._element)
    path = tmp_path / "nobody.pptx"
    prs.save(str(path))
    with pytest.raises(TemplateProblem) as caught:
        deck.check_template(path)
    assert str(caught.value) == (
        "expected a text placeholder under the title of the layout "
        "'Title and Content' but it has none; add a content placeholder to it"
    )


IMPRESS = REPO / "tests" / "fixtures" / "impress-template.pptx"
"""A template saved by LibreOffice Impress: its own layout names, no text or table styles."""


def test_an_impress_template_is_accepted_and_its_layouts_found() -> None:
    deck.check_template(IMPRESS)  # 'Title, Content', no 'Section Header': found, not refused
    prs = open_deck(class_deck(SHIPPED, template=IMPRESS))
    used = {slide.slide_layout.name for slide in prs.slides}
    assert used == {"Title Slide", "Title, Content", "Title Only"}


def test_an_impress_template_keeps_titles_bullets_and_table_styling() -> None:
    prs = open_deck(topic_deck(SHIPPED, "backward-walking", template=IMPRESS))
    got = [base(t) for t in titles(prs)]
    assert got[0] == "Backward walking"
    assert [t for i, t in enumerate(got[1:]) if t != got[i]] == TOPIC_TITLES[1:]
    for slide in prs.slides:
        title = slide.shapes.title
        for shape in slide.placeholders:  # the body takes its own place, not the title's
            if shape.placeholder_format.idx != title.placeholder_format.idx:
                assert shape.top >= title.top + title.height
    for slide in prs.slides:
        if base(slide.shapes.title.text_frame.text) in ("How it can help", "Key points"):
            kinds = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.SLIDE_NUMBER)
            body = next(p for p in slide.placeholders if p.placeholder_format.type not in kinds)
            for paragraph in body.text_frame.paragraphs:
                assert paragraph._p.find(f"{qn('a:pPr')}/{qn('a:buChar')}") is not None
    tables = [shape.table for s in prs.slides for shape in s.shapes if shape.has_table]
    assert tables
    for table in tables:
        header = table.cell(0, 0)._tc.tcPr
        assert header.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}") is not None
        assert header.find(qn("a:lnB")) is not None  # a grid: Impress writes no table styles
        first = table.cell(1, 0)._tc.tcPr
        assert first.find(qn("a:lnL")) is not None and first.find(qn("a:lnT")) is not None


def test_every_slide_but_a_title_slide_shows_its_number_as_a_field(class_pptx: bytes) -> None:
    for number, slide in enumerate(open_deck(class_pptx).slides, start=1):
        fields = [f for f in slide.shapes._spTree.iter(qn("a:fld")) if f.get("type") == "slidenum"]
        cover = slide.slide_layout.name == "Title Slide"
        assert [f.findtext(qn("a:t")) for f in fields] == ([] if cover else [str(number)])


def test_a_citation_mark_never_breaks_from_its_words(topic_pptx: tuple[str, bytes]) -> None:
    # A line may break before "[1, 2]" in text, but the deck writes it with no-break spaces:
    # the mark stays on the line of the words it backs and whole.
    marks = 0
    for slide in open_deck(topic_pptx[1]).slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for found in re.finditer(r"(.)\[(\d+(?:,.\d+)*)\]", frame.text):
                    marks += 1
                    assert found.group(1) == "\xa0", found.group(0)
                    assert ", " not in found.group(2)
    assert marks


def test_every_run_of_a_spanish_deck_carries_its_language() -> None:
    spanish = outline.topic_lesson(
        SHIPPED.topic("reverse-treadmill-walking"), SHIPPED, catalogue("es")
    )
    data = deck.render(spanish, DeckOptions())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        drawn = [
            archive.read(name).decode()
            for name in archive.namelist()
            if re.match(r"ppt/(slides/slide|notesSlides/notesSlide|charts/chart)\d+\.xml$", name)
        ]
        core = archive.read("docProps/core.xml").decode()
    assert any("charts/" in name for name in archive.namelist())
    runs = [run for xml_ in drawn for run in re.findall(r"<a:(?:r|fld)\b.*?</a:(?:r|fld)>", xml_)]
    assert len(runs) > 100
    assert all(re.search(r'<a:rPr[^>]* lang="es-US"', run) for run in runs)
    assert set(re.findall(r'lang="([^"]*)"', "".join(drawn))) == {"es-US"}
    assert "<dc:language>es-US</dc:language>" in core
    prs = open_deck(data)
    assert prs.slides[1].shapes.title.text_frame.text == "Lo que va a aprender"


def _map_groups(prs):  # type: ignore[no-untyped-def]
    return [
        (number, shape)
        for number, slide in enumerate(prs.slides, start=1)
        for shape in slide.shapes
        if shape.shape_type == 6 and shape.name == "Muscle map"  # a group
    ]


def test_the_map_slide_has_the_map_with_its_alt_text_and_a_key(
    topic_pptx: tuple[str, bytes], class_pptx: bytes
) -> None:
    topic_id, data = topic_pptx
    topic = SHIPPED.topic(topic_id)
    prs = open_deck(data)
    ((number, group),) = _map_groups(prs)
    slide = prs.slides[number - 1]
    assert slide.shapes.title.text_frame.text == "Where the muscles work"
    descr = group._element.find(f"{qn('p:nvGrpSpPr')}/{qn('p:cNvPr')}").get("descr")
    assert descr.startswith("Muscle map of the body, each numbered")
    for i, muscle in enumerate(topic.activation.muscles, start=1):
        assert f"{i}: {muscle.name}, on the" in descr
    assert slide.has_notes_slide and "number on the body" in slide.notes_slide.notes_text_frame.text
    (key,) = [s for s in slide.shapes if s.has_table]
    cells = [[c.text for c in row.cells] for row in key.table.rows]
    assert cells[0] == ["No.", "Muscle group", "Going backward"]
    assert cells[1:] == [
        [str(i), m.name, m.backward.label] for i, m in enumerate(topic.activation.muscles, 1)
    ]
    # The slide comes after the muscle table's, in the topic deck and in the class deck.
    assert "Muscles it works" in titles(prs)[number - 2]
    class_maps = _map_groups(open_deck(class_pptx))
    assert len(class_maps) == len(SHIPPED.program.topics)


def test_changing_a_level_changes_the_map_on_the_slide(content: Path) -> None:
    from handouts.figures.musclemap import SHADES
    from handouts.figures.shapes import gray_hex

    def fills(data: bytes) -> list[str]:
        ((_, group),) = _map_groups(open_deck(data))
        return [
            el.get("val")
            for el in group._element.iter(qn("a:srgbClr"))
            if el.getparent().tag == qn("a:solidFill")
            and el.getparent().getparent().tag == qn("p:spPr")
        ]

    before = fills(topic_deck(load_content(content), "heel-walk"))
    edit(content / "topics" / "heel-walk.yaml", "backward: low to moderate", "backward: moderate")
    after = fills(topic_deck(load_content(content), "heel-walk"))
    step2, step3 = gray_hex(SHADES[2].gray), gray_hex(SHADES[3].gray)
    assert before.count(step2) - after.count(step2) == 2
    assert after.count(step3) - before.count(step3) == 2


PLAIN = {
    Region.QUADRICEPS: "Front of thigh",
    Region.HAMSTRINGS: "Back of thigh",
    Region.GLUTES: "Buttocks",
    Region.CALVES: "Back of lower leg",
    Region.TIBIALIS_ANTERIOR: "Front of shin",
    Region.HIP_FLEXORS: "Front of hip",
    Region.ADDUCTORS: "Inner thigh",
    Region.ABDUCTORS: "Side of hip",
    Region.ABDOMINALS: "Belly",
    Region.LOWER_BACK: "Low back",
}
"""Plain words for each region a generated row names, as the reading gate asks."""


def test_a_long_key_goes_on_with_the_map_on_cont_slides(content: Path) -> None:
    topic = content / "topics" / "heel-walk.yaml"
    regions = [r for r in Region if r is not Region.ADDUCTORS_AND_ABDUCTORS]
    muscles = "".join(
        # Each name explained in plain words first, as the reading gate asks of a muscle term.
        f"    - name: {PLAIN[region]} ({region.value})\n      location: the body\n"
        f"      region: {region.value}\n"
        f"      forward: low\n      backward: high\n      role: Helps you move.\n"
        for region in regions
    )
    text = topic.read_text()
    start = text.index("  muscles:\n") + len("  muscles:\n")
    topic.write_text(text[:start] + muscles + text[text.index("benefits:") :])
    prs = open_deck(topic_deck(load_content(content), "heel-walk"))
    maps = _map_groups(prs)
    assert len(maps) == 2
    slides = [prs.slides[number - 1] for number, _ in maps]
    assert [s.shapes.title.text_frame.text for s in slides] == [
        "Where the muscles work",
        "Where the muscles work (cont.)",
    ]
    keys = [
        [row.cells[0].text for row in next(sh for sh in s.shapes if sh.has_table).table.rows][1:]
        for s in slides
    ]
    assert [n for key in keys for n in key] == [str(i) for i in range(1, len(regions) + 1)]
    assert all(len(k) <= 7 for k in keys)
