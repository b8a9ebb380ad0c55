"""Property tests: whatever a curator types, the result is located errors or readable output.

hypothesis puts adversarial strings (markup, control and zero-width characters, emoji,
right-to-left text, long words, long lists) into the fields of a small valid topic. Either
validation refuses it with located one-line problems, or the PDF and the deck are both built
and the text can be read back from them. Failures found here are kept as explicit cases.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from handouts import deck, model, outline, pdf, validate
from handouts.errors import ContentError
from handouts.load import parse
from handouts.locale import catalogue
from handouts.options import DeckOptions, PdfOptions
from handouts.text import plain
from handouts.validate import load_content, load_prescription
from tests.conftest import FIXTURES

EN = catalogue("en")

TOPIC_FILE = FIXTURES / "minimal" / "topics" / "heel-walk.yaml"
BASE: dict[str, Any] = yaml.safe_load(TOPIC_FILE.read_text(encoding="utf-8"))
MAP_REGIONS = [r for r in model.Region if len(r.parts) == 1]
"""Regions no two of which overlap on the muscle map: one row each."""

# Where a string may go: (path of keys and indexes) for the text fields a curator edits.
FIELDS: list[tuple[Any, ...]] = [
    ("title",),
    ("summary",),
    ("movement",),
    ("equipment", 0),
    ("activation", "muscles", 0, "name"),
    ("activation", "muscles", 0, "role"),
    ("benefits", 0),
    ("steps", 0),
    ("checklist", 0),
    ("precautions", "stop_if", 0),
    ("faq", 0, "question"),
    ("faq", 0, "answer"),
    ("takeaways", 0),
]

NASTY = [
    "<b>bold</b> & <font size=40>big</font> <img src='/etc/passwd'/>",
    "**bold** and ** stray",
    "tab\there",
    "bell\x07ring",
    "zero\u200bwidth",
    "e\u0301 combining accent",
    "emoji 🦶 foot",
    "שלום right to left",
    "https://example.org/" + "a" * 120,
    "word " * 80,
    "  ",
    "no",
    "1.10",
    "null",
    "- dash start",
    "colon: inside",
    "\u00ad soft hyphen",
    "\ufeff bom inside",
]

texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80),
    # Printable Latin text without digits gets past validation, so it exercises both renderers.
    st.text(
        st.characters(categories=("L", "P", "Zs", "Sm", "Sc"), max_codepoint=0x24F),
        min_size=1,
        max_size=300,
    ),
)


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def _content(tmp: Path, data: dict[str, Any]) -> Path:
    folder = tmp / "content"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(FIXTURES / "minimal", folder)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    (folder / "topics" / "heel-walk.yaml").write_text(text, encoding="utf-8")
    return folder


def _topic_pdf(
    topic: model.Topic, content: model.Content, options: PdfOptions | None = None
) -> bytes:
    return pdf.render(outline.topic_handout(topic, content, EN), options or PdfOptions())


def _fold(text: str) -> str:
    """Compare text as printed: no markup stars, white space folded."""
    return " ".join(text.replace("*", "").split())


def _check(tmp: Path, data: dict[str, Any]) -> None:
    folder = _content(tmp, data)
    try:
        content = load_content(folder)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            line = str(problem)
            assert "\n" not in line and line.startswith(str(folder))
            assert problem.line > 0 or problem.path == ""
        return
    topic = content.topic("heel-walk")
    printed = " ".join(
        page.extract_text()
        for page in pypdf.PdfReader(io.BytesIO(_topic_pdf(topic, content))).pages
    )
    printed = _fold(printed)
    for expected in (topic.title, topic.summary, topic.activation.muscles[0].name):
        assert _fold(expected) in printed or _fold(expected).replace(" ", "") in printed.replace(
            " ", ""
        )
    lesson = outline.topic_lesson(topic, content, EN)
    prs = Presentation(io.BytesIO(deck.render(lesson, DeckOptions())))
    # A title may mark words bold (**like this**): the slide shows them bold, without the marks.
    assert prs.slides[0].shapes.title.text_frame.text == plain(topic.title)
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(field=st.sampled_from(FIELDS), value=texts)
@example(field=("title",), value="<b>bold</b> & <font size=40>big</font>")
@example(field=("activation", "muscles", 0, "role"), value="https://example.org/" + "a" * 300)
@example(field=("steps", 0), value="emoji 🦶 foot")
@example(field=("summary",), value="\u00ad soft hyphen")
def test_any_string_in_any_field(
    tmp_path_factory: pytest.TempPathFactory, field: Any, value: str
) -> None:
    data = copy.deepcopy(BASE)
    _set(data, field, value)
    _check(tmp_path_factory.mktemp("case"), data)


@SETTINGS
@given(
    count=st.integers(min_value=1, max_value=40),
    item=st.sampled_from(["Go slowly.", "Keep your chest up and look ahead, " * 3, "Stop."]),
    key=st.sampled_from(["benefits", "checklist", "takeaways", "steps"]),
)
def test_long_lists(
    tmp_path_factory: pytest.TempPathFactory, count: int, item: str, key: str
) -> None:
    data = copy.deepcopy(BASE)
    data[key] = [item.strip()] * count
    _check(tmp_path_factory.mktemp("case"), data)


@SETTINGS
@given(count=st.integers(min_value=1, max_value=len(MAP_REGIONS)))
def test_many_muscles(tmp_path_factory: pytest.TempPathFactory, count: int) -> None:
    # As many rows as the muscle map has regions to shade, each its own.
    data = copy.deepcopy(BASE)
    muscle = data["activation"]["muscles"][0]
    data["activation"]["muscles"] = [
        {
            **muscle,
            "name": f"Muscle {chr(65 + i % 26)}{chr(97 + i // 26)} (somewhere)",
            "region": MAP_REGIONS[i].value,
        }
        for i in range(count)
    ]
    _check(tmp_path_factory.mktemp("case"), data)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
@example(data=b"a: &a [x]\nb: *a\n")
@example(data=b"\xff\xfe not utf-8")
@example(data=b"!!python/object/apply:os.system ['echo hi']")
def test_any_bytes_are_parsed_or_refused_with_a_located_problem(data: bytes) -> None:
    document, problems = parse("f.yaml", data)
    assert (document is None) == bool(problems)
    for problem in problems:
        assert "\n" not in str(problem) and str(problem).startswith("f.yaml")


@settings(max_examples=60, deadline=None)
@given(
    position=st.integers(min_value=0, max_value=len(TOPIC_FILE.read_bytes()) - 1),
    junk=st.binary(min_size=1, max_size=6),
)
def test_corrupted_topic_file(
    tmp_path_factory: pytest.TempPathFactory, position: int, junk: bytes
) -> None:
    original = TOPIC_FILE.read_bytes()
    folder = tmp_path_factory.mktemp("case") / "content"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "topics" / "heel-walk.yaml").write_bytes(
        original[:position] + junk + original[position + len(junk) :]
    )
    try:
        load_content(folder)
    except ContentError as exc:
        assert all(re.match(r".+?(:\d+:\d+)?: ", str(p)) for p in exc.problems)


# -- the largest content allowed -----------------------------------------------------------
# Every text at its length limit, in words of one length (hypothesis picks it: the worst
# wrapping differs) of one of the widest characters the fonts have; notes with the most
# lines their limit allows; ten sources (every footer lists them) and a long clinic name and
# contact line, so the header and footer leave the least room. These characters print
# nowhere else, so counting them in the text read back shows whether anything was lost,
# however the blocks split over pages.
RARE = "ÆŒ‰Ø"


def _limit(cls: type, name: str) -> int:
    """Return the most characters validation allows in this field."""
    found = next(f for f in dataclasses.fields(cls) if f.name == name)
    return int(found.metadata.get("max_length", validate.TEXT_LIMIT))


STATEMENT, TEXT = validate.STATEMENT_LIMIT, validate.TEXT_LIMIT
TITLE, MUSCLE = _limit(model.Topic, "title"), _limit(model.Muscle, "name")
NOTES, DOSE_NOTES = _limit(model.Prescription, "notes"), _limit(model.Dose, "notes")


def _words(char: str, word: int, limit: int, sep: str = " ") -> str:
    """Fill ``limit`` characters with words of ``word`` characters (at least one letter)."""
    text = sep.join([char * word] * (limit // (word + 1) + 1))[:limit].strip()
    return text if char.isalpha() else "Æ" + text[1:]


def _largest_topic(char: str, word: int, items: int) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    muscle = data["activation"]["muscles"][0]

    def some(limit: int = STATEMENT) -> list[str]:
        return [_words(char, word, limit) for _ in range(items)]

    data.update(
        title=_words("W", 7, TITLE),
        summary=_words(char, word, TEXT),
        equipment=some(TEXT),
        benefits=some(),
        steps=some(),
        checklist=some(),
        dosage={k: _words(char, word, STATEMENT) for k in data["dosage"]},
        precautions={k: some() for k in data["precautions"]},
        sources=[{"id": f"s{i}", "title": "W" * TEXT, "file": "999_test.txt"} for i in range(10)],
    )
    data["activation"] = {
        "basis": _words(char, word, STATEMENT),
        # Names differ in length: a muscle is listed once.
        "muscles": [
            {
                **muscle,
                "name": _words(char, word, MUSCLE - 2 * i),
                "region": MAP_REGIONS[i % len(MAP_REGIONS)].value,
                "role": _words(char, word, STATEMENT),
            }
            for i in range(items)
        ],
    }
    return data


def _largest_content(tmp: Path, char: str, word: int, items: int) -> Path:
    from PIL import Image

    folder = _content(tmp, _largest_topic(char, word, items))
    Image.new("RGB", (60, 400), "#1F3A5F").save(folder / "logo.png")
    (folder / "branding.yaml").write_text(
        f"clinic_name: {_words('W', 9, TEXT)}\ncontact_line: {_words('W', 9, TEXT)}\n"
        "logo: logo.png\n",
        encoding="utf-8",
    )
    program = yaml.safe_load((folder / "program.yaml").read_text(encoding="utf-8"))
    program.update(title=_words("W", 7, TITLE), summary=_words(char, word, TEXT))
    (folder / "program.yaml").write_text(yaml.safe_dump(program, allow_unicode=True, width=1000))
    return folder


def _printed_topic(topic: Any, dosage: bool = True) -> list[str]:
    """Every text of a topic that its handout prints, once each."""
    activation, precautions = topic.activation, topic.precautions
    texts = [topic.summary, *topic.equipment, activation.basis.text]
    texts += [t for m in activation.muscles for t in (m.name, m.role.text)]
    # The checklist is the deck's: a handout leaves it out (the steps and dose say it).
    lists = (topic.benefits, topic.steps, *vars(precautions).values())
    texts += [s.text for items in lists for s in items]
    if dosage:
        texts += [s.text for s in vars(topic.dosage).values()]
    return texts


def _assert_all_printed(data: bytes, texts: list[str], whole: list[str]) -> None:
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    # A running header repeats the start of a title (or a patient's name): not counted.
    lines = [line for page in pages for line in page.splitlines() if "(continued)" not in line]
    printed = "\n".join(lines)
    expected = Counter(c for text in texts for c in text if c in RARE)
    assert Counter(c for c in printed if c in RARE) == expected
    squeezed = "".join(printed.split())
    assert [t for t in whole if "".join(t.split()) not in squeezed] == []


largest = {
    "char": st.sampled_from(RARE),
    "word": st.one_of(st.integers(min_value=1, max_value=60), st.just(STATEMENT)),
    "large_print": st.booleans(),
    "paper": st.sampled_from(["letter", "a4"]),
}
LARGEST = settings(SETTINGS, max_examples=5)


@LARGEST
@given(items=st.integers(min_value=1, max_value=3), **largest)
@example(items=2, char="‰", word=1, large_print=True, paper="a4")
@example(items=1, char="Æ", word=STATEMENT, large_print=True, paper="letter")
def test_the_largest_handout_and_class_pack_print_every_word(
    tmp_path_factory: pytest.TempPathFactory,
    items: int,
    char: str,
    word: int,
    large_print: bool,
    paper: str,
) -> None:
    content = load_content(_largest_content(tmp_path_factory.mktemp("case"), char, word, items))
    topic = content.topic("heel-walk")
    options = PdfOptions(paper, large_print)
    texts = _printed_topic(topic)
    _assert_all_printed(_topic_pdf(topic, content, options), texts, [topic.title])
    pack = pdf.render(outline.class_pack(content.program, content, EN), options)
    _assert_all_printed(pack, [content.program.summary, *texts], [content.program.title])


@LARGEST
@given(line=st.integers(min_value=1, max_value=40), **largest)
@example(line=1, char="Æ", word=1, large_print=True, paper="a4")
@example(line=1, char="‰", word=STATEMENT, large_print=True, paper="letter")
@example(line=40, char="Œ", word=3, large_print=False, paper="a4")
def test_the_largest_program_prints_every_word(
    tmp_path_factory: pytest.TempPathFactory,
    line: int,
    char: str,
    word: int,
    large_print: bool,
    paper: str,
) -> None:
    tmp = tmp_path_factory.mktemp("case")
    content = load_content(_largest_content(tmp, char, word, 1))
    prescription = {
        "patient": {"name": _words(char, word, TEXT), "id": "p" * 64},
        "date": "2026-11-20",
        "clinician": {"name": _words(char, word, TEXT), "contact": _words(char, word, TEXT)},
        "topics": [
            {
                "topic": "heel-walk",
                "minutes": 60,
                "sessions_per_week": 14,
                "speed_mph": 4.0,
                "resistance": _words(char, word, TEXT),
                "incline_percent": 15,
                "hand_support": "two hands",
                "progression": _words(char, word, TEXT),
                "notes": _words(char, line, DOSE_NOTES, sep="\n"),
            }
        ],
        "notes": _words(char, line, NOTES, sep="\n"),
        "large_print": large_print,
        "paper": paper,
    }
    path = tmp / "rx.yaml"
    path.write_text(yaml.safe_dump(prescription, allow_unicode=True, width=1000))
    loaded = load_prescription(path, content)
    dose, clinician = loaded.topics[0], loaded.clinician
    texts = _printed_topic(content.topic("heel-walk"), dosage=False)
    texts += [clinician.name, clinician.contact, dose.progression, dose.notes, loaded.notes]
    # In the "Your plan" box and the dosage panel; the log's targets repeat only a short one.
    texts += [dose.resistance] * 2
    texts += [loaded.patient.name] * 2  # over the program and over the log
    options = PdfOptions(loaded.paper.value, loaded.large_print)
    data = pdf.render(outline.program(loaded, content, EN), options)
    _assert_all_printed(data, texts, ["Home exercise program for", "Exercise log for"])
