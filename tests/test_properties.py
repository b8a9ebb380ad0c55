"""Property tests: whatever a curator types, the result is located errors or readable output.

hypothesis puts adversarial strings (markup, control and zero-width characters, emoji,
right-to-left text, long words, long lists) into the fields of a small valid topic. Either
validation refuses it with located one-line problems, or the PDF and the deck are both built
and the text can be read back from them. Failures found here are kept as explicit cases.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from handouts import deck, outline, pdf
from handouts.build import Options
from handouts.errors import ContentError
from handouts.load import parse
from handouts.model import plain
from handouts.options import DeckOptions
from handouts.validate import load_content
from tests.conftest import FIXTURES

TOPIC_FILE = FIXTURES / "minimal" / "topics" / "heel-walk.yaml"
BASE: dict[str, Any] = yaml.safe_load(TOPIC_FILE.read_text(encoding="utf-8"))

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
    options = Options(out=tmp / "out", formats=("pdf", "pptx"), topics=())
    printed = " ".join(
        page.extract_text()
        for page in pypdf.PdfReader(io.BytesIO(pdf.render_topic(topic, content, options))).pages
    )
    printed = _fold(printed)
    for expected in (topic.title, topic.summary, topic.activation.muscles[0].name):
        assert _fold(expected) in printed or _fold(expected).replace(" ", "") in printed.replace(
            " ", ""
        )
    lesson = outline.topic_lesson(topic, content)
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
@given(count=st.integers(min_value=1, max_value=20))
def test_many_muscles(tmp_path_factory: pytest.TempPathFactory, count: int) -> None:
    data = copy.deepcopy(BASE)
    muscle = data["activation"]["muscles"][0]
    data["activation"]["muscles"] = [
        {**muscle, "name": f"Muscle {chr(65 + i % 26)}{chr(97 + i // 26)} (somewhere)"}
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
