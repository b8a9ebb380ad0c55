"""Page rules, read back from every shipped PDF as pypdf gives a reader its pages.

Over every shipped handout in Letter, A4 and large print, the class pack and the example
program: no safety list split over pages without its label "(continued)" where it goes on,
no boxed list leaving one item alone on a page, no page less than a third full but a part's
last, a step list on one page with its heading, and footer type of 9 pt at least (14 pt in
large print).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from functools import cache

import pypdf
import pytest

from handouts import outline, pdf
from handouts.locale import catalogue, for_clinic
from handouts.model import Statement, plain
from handouts.options import PdfOptions
from handouts.outline import blocks
from handouts.outline.document import Handout
from handouts.outline.figures import runs
from handouts.text import cite
from handouts.translations import translate_content
from handouts.validate import load_content, load_prescription
from tests.conftest import REPO

EN = catalogue("en")
SHIPPED = load_content(REPO / "content")
PROGRAM = load_prescription(REPO / "prescriptions" / "example.yaml", SHIPPED)
OPTIONS = {
    "letter": PdfOptions(),
    "a4": PdfOptions(paper="a4"),
    "large": PdfOptions(large_print=True),
}
DOCUMENTS = [
    *(f"{t.id}" for t in SHIPPED.topics),
    "class pack",
    "program",
]


def _outline(name: str) -> Handout:
    if name == "class pack":
        return outline.class_pack(SHIPPED.program, SHIPPED, EN)
    if name == "program":
        return outline.program(PROGRAM, SHIPPED, EN)
    return outline.topic_handout(SHIPPED.topic(name), SHIPPED, EN)


@dataclass(frozen=True)
class Run:
    """One piece of text on a page: where its baseline is, its type size, its text."""

    y: float
    size: float
    text: str


@dataclass(frozen=True)
class Page:
    """One page as read back."""

    height: float
    text: str
    """The page's text, white space folded."""
    runs: tuple[Run, ...]


@cache
def pages(name: str, variant: str) -> tuple[Handout, tuple[Page, ...]]:
    """Draw a document and read each page back: its text and its runs of text."""
    handout = _outline(name)
    reader = pypdf.PdfReader(io.BytesIO(pdf.render(handout, OPTIONS[variant])))
    read = []
    for page in reader.pages:
        runs: list[Run] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            runs: list[Run] = runs,
        ) -> None:
            if text.strip() and cm[5] + tm[5] * cm[3] > 0:  # the page total is a form at 0, 0
                runs.append(Run(tm[5] * cm[3] + cm[5], size * abs(tm[3] * cm[3]), text.strip()))

        text = page.extract_text(visitor_text=visit)
        read.append(Page(float(page.mediabox.height), " ".join(text.split()), tuple(runs)))
    return handout, tuple(read)


CASES = [(name, variant) for name in DOCUMENTS for variant in OPTIONS]


def _ids(case: tuple[str, str]) -> str:
    return f"{case[0]}-{case[1]}".replace(" ", "-")


def _folded(text: str) -> str:
    return " ".join(plain(text).split())


_PAGE_LINE = re.compile(r"Page \d+ of")


def _foot_top(page: Page) -> float:
    """The top of the footer: the line with the page number (the disclaimer is under it)."""
    line = next(r for r in page.runs if _PAGE_LINE.match(r.text))
    return line.y + line.size


def _cut(text: str, known: set[str], titles: list[str]) -> bool:
    """Tell whether a run is a header text shortened with "…" to share its line."""
    if "…" not in text:
        return False
    start = text.split("…", 1)[0]
    return bool(start) and any(whole.startswith(start) for whole in (*known, *titles))


def _header_bottom(page: Page, handout: Handout) -> float:
    """The lowest line of the page's header: the masthead, or the running title."""
    words = handout.words
    known = {words.clinic.label, words.phone.label, words.clinician.label}
    known |= {handout.brand.clinic, handout.brand.contact} - {""}
    titles = [plain(p.title) for p in handout.parts] + [plain(handout.opening_title)]
    top = [
        r
        for r in page.runs
        if r.y > page.height * 0.85
        and (
            r.text in known
            or any(r.text.startswith(t) for t in titles)
            or _cut(r.text, known, titles)
        )
    ]
    return min(r.y for r in top)


def _body(page: Page, handout: Handout) -> list[Run]:
    bottom, top = _foot_top(page), _header_bottom(page, handout)
    return [r for r in page.runs if bottom < r.y < top - 1]


def _starts_a_part(page: Page, handout: Handout) -> bool:
    """Tell whether a page is the first of a part: its running title does not go on."""
    return not any(r.text.endswith(handout.words.continued.strip()) for r in page.runs[:3])


def _item_pages(read: tuple[Page, ...], items: tuple[blocks.Cited, ...], start: int) -> list[int]:
    """Return the page each item is printed on, looking from page ``start`` on."""
    found = []
    for item in items:
        text = _folded(cite(item.text, item.sources))[:40]
        page = next(n for n in range(start, len(read)) if text in read[n].text)
        found.append(page)
        start = page
    return found


def _lists(handout: Handout) -> list[tuple[str, str, tuple[blocks.Cited, ...]]]:
    """Every boxed list of safety advice: its label, its label continued, its items."""
    found = []
    for part in handout.parts:
        for block in part.blocks:
            groups: list[blocks.SafetyGroup | blocks.Emergency] = []
            if isinstance(block, blocks.ForWhom):
                groups += [block.not_for, *([block.ask_first] if block.ask_first else [])]
            elif isinstance(block, blocks.Emergency):
                groups.append(block)
            elif isinstance(block, blocks.Safety):
                groups += block.groups
            found += [(g.label, g.continued, g.items) for g in groups if g.items]
    return found


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_a_safety_list_split_over_pages_says_continued_and_never_leaves_one_item(
    case: tuple[str, str],
) -> None:
    handout, read = pages(*case)
    start = 0
    for label, continued, items in _lists(handout):
        assert continued.endswith("(continued):")
        head = next(n for n in range(start, len(read)) if _folded(label) in read[n].text)
        on = _item_pages(read, items, head)
        start = on[-1]
        for page in sorted(set(on)):
            count = on.count(page)
            assert count >= min(2, len(items)), f"{label} has {count} item on page {page + 1}"
            if page != head:
                before = read[page].text.split(_folded(cite(items[on.index(page)].text, ())))[0]
                assert _folded(continued) in before, f"page {page + 1} goes on with {label}"


SPANISH = translate_content(SHIPPED, "es")
ES = for_clinic(SPANISH.branding, "es")


@pytest.mark.parametrize(
    "case", [*CASES, *((name, variant, "es") for name in DOCUMENTS for variant in OPTIONS)]
)
def test_the_emergency_line_is_on_the_first_page_of_every_part(case: tuple[str, ...]) -> None:
    name, variant, *lang = case
    if lang:  # the Spanish, drawn from the translated content with the Spanish catalogue
        handout = {
            "class pack": lambda: outline.class_pack(SPANISH.program, SPANISH, ES),
            "program": lambda: outline.program(
                load_prescription(REPO / "prescriptions" / "example.yaml", SPANISH), SPANISH, ES
            ),
        }.get(name, lambda: outline.topic_handout(SPANISH.topic(name), SPANISH, ES))()
        reader = pypdf.PdfReader(io.BytesIO(pdf.render(handout, OPTIONS[variant])))
        texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    else:
        handout, read = pages(name, variant)
        texts = [page.text for page in read]
    # A class pack's cover lists every part's title: its parts start after it.
    start = 1 if any(isinstance(b, blocks.Contents) for b in handout.opening) else 0
    for part in handout.parts:
        (call,) = [b for b in part.blocks if isinstance(b, blocks.Emergency)] or [None]
        if call is None:  # the exercise log
            continue
        title = _folded(part.title)
        start = next(n for n in range(start, len(texts)) if title in texts[n])
        assert call.label.startswith("Llame al" if lang else "Call 911")
        assert _folded(call.label) in texts[start], f"{title} starts on page {start + 1}"
        assert _folded(call.items[0].text) in texts[start]


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_every_page_but_a_parts_last_is_a_third_full(case: tuple[str, str]) -> None:
    handout, read = pages(*case)
    for n, page in enumerate(read[:-1]):
        if _starts_a_part(read[n + 1], handout):
            continue  # a part's last page ends where the part does
        body = _body(page, handout)
        top, bottom = _header_bottom(page, handout), _foot_top(page)
        used = (top - min(r.y for r in body)) / (top - bottom)
        assert used >= 1 / 3, f"page {n + 1} is {used:.0%} full"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_the_steps_are_kept_with_their_heading_and_their_drawings(case: tuple[str, str]) -> None:
    # At standard size every step is on the heading's page. In large print six steps and
    # their drawings are taller than a page: the list may go on over a page only where a
    # drawing's run of steps starts, so each drawing stays with the steps it shows.
    handout, read = pages(*case)
    start = 0
    for part in handout.parts:
        for block in part.blocks:
            if isinstance(block, blocks.Points) and block.heading.key == "steps":
                head = next(
                    n for n in range(start, len(read)) if block.heading.text in read[n].text
                )
                on = _item_pages(read, block.items, head)
                assert on[0] == head
                if case[1] != "large":
                    assert set(on) == {head}
                for first, stop, _ in runs(block):
                    assert set(on[first:stop]) == {on[first]}
                assert on == sorted(on) and on[-1] - head <= 1
                start = head + 1


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_footer_type_is_at_least_9_pt_and_14_in_large_print(case: tuple[str, str]) -> None:
    _, read = pages(*case)
    smallest = 14 if case[1] == "large" else 9
    for page in read:
        foot = [r for r in page.runs if r.y <= _foot_top(page)]
        assert foot and min(r.size for r in foot) >= smallest - 0.01


def test_the_continued_label_is_the_outlines_word() -> None:
    group = outline.words.group("Stop if:", (), SHIPPED.topics[0], EN)
    assert group.continued == "Stop if (continued):"
    emergency = outline.words.emergency(SHIPPED.topics[0], "112", EN)
    assert emergency.label == "Call 112 now if:"
    assert emergency.continued == "Call 112 now if (continued):"


def test_a_long_list_goes_on_under_its_label_continued_with_two_items_at_least() -> None:
    topic = SHIPPED.topic("backward-walking")
    many = tuple(
        Statement(f"Warning sign number {word} is here.")
        for word in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    )
    long = replace(topic, precautions=replace(topic.precautions, stop_if=many * 3))
    handout = outline.topic_handout(long, SHIPPED, EN)
    reader = pypdf.PdfReader(io.BytesIO(pdf.render(handout, PdfOptions(large_print=True))))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    label = "Stop and contact your therapist or doctor if"
    on = [n for n, text in enumerate(texts) if label in text]
    assert len(on) >= 2  # the list of 27 goes on over a page, whatever page it starts on
    for n in on[1:]:
        assert f"{label} (continued):" in texts[n]
        after = texts[n].split(f"{label} (continued):")[1]
        assert after.count("Warning sign number") >= 2
    assert texts[on[0]].split(f"{label}:")[1].count("Warning sign number") >= 2


def test_a_list_of_three_at_the_foot_of_a_page_moves_on_whole() -> None:
    topic = SHIPPED.topic("backward-walking")
    three = tuple(Statement(f"Stop sign {word}.") for word in ("one", "two", "three"))
    for filler in range(0, 30):
        # More steps move the safety advice after them down the page, line by line.
        steps = topic.steps + tuple(Statement("Walk slowly.") for _ in range(filler))
        changed = replace(topic, steps=steps, precautions=replace(topic.precautions, stop_if=three))
        handout = outline.topic_handout(changed, SHIPPED, EN)
        reader = pypdf.PdfReader(io.BytesIO(pdf.render(handout, PdfOptions(large_print=True))))
        texts = [" ".join(page.extract_text().split()) for page in reader.pages]
        holding = {
            n
            for n, text in enumerate(texts)
            for w in ("one", "two", "three")
            if f"Stop sign {w}." in text
        }
        assert len(holding) == 1, f"with {filler} more ticks the three items are on {holding}"
