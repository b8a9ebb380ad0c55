"""Read every handout and program as a patient gets it, and check the rules a clinician would.

``python -m handouts.review`` draws each topic's handout, the class pack and the example
programs (or those given), then prints each one's text in reading order, section by section,
with each section's reading level, and checks:

- the emergency line is on page 1 (read back from the printed PDF);
- safety comes before the steps (in the order printed);
- every section is at or under the clinic's reading levels, and every term on the list of
  words that need explaining is explained where it first appears (with ``--lang es``, the
  Spanish text: every section at or above the clinic's Fernández-Huerta score; the list of
  words is English and is checked on the English);
- a program states no generic dose where the clinician prescribed one: none of the figures
  of a statement that has prescribed wording is printed, and the prescribed minutes are.

It prints one line per problem (``REVIEW: file: rule: what``) and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from handouts import outline, readability
from handouts.locale import Catalogue, for_clinic
from handouts.model import Content, Prescription, ReadingLevel, Statement
from handouts.options import PdfOptions
from handouts.outline import blocks
from handouts.outline.document import Handout
from handouts.text import cite, plain
from handouts.translations import LANGUAGES, translate_content

_SKIP = {
    "key",
    "name",
    "literal",
    "rank",
    "marks",
    "columns",
    "week",
    "number",
    "tooltip",
    "short_label",
    "continued",
}
"""Fields of blocks that are not words a patient reads (keys, flags, numbers, field names),
or that repeat a label where a list goes on over a page."""


def said(value: object) -> Iterator[str]:
    """Yield every piece of text a block prints, in the order its fields are read."""
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, blocks.Cited):
        yield cite(value.text, value.sources)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if field.name not in _SKIP:
                yield from said(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from said(item)


def _title(block: object) -> str:
    heading = getattr(block, "heading", None) or getattr(block, "title", None)
    if isinstance(heading, blocks.Heading):
        return plain(heading.text)
    if isinstance(heading, str):
        return plain(heading)
    return type(block).__name__


def _printed(data: bytes) -> list[str]:
    """Return each page's text as a reader's tools extract it, white space folded."""
    import pypdf  # only the review reads PDFs back

    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@dataclasses.dataclass
class Review:
    """What the review found in one document: its sections' text and any problems."""

    name: str
    """The document's file name."""
    problems: list[str] = dataclasses.field(default_factory=list)
    """One line per problem."""
    lines: list[str] = dataclasses.field(default_factory=list)
    """The document's text in reading order, with its sections' reading levels."""

    def problem(self, rule: str, what: str) -> None:
        """Note a problem with one of the rules."""
        self.problems.append(f"REVIEW: {self.name}: {rule}: {what}")


def review(
    name: str,
    handout: Handout,
    level: ReadingLevel,
    prescription: Prescription | None = None,
    content: Content | None = None,
    lang: str = "en",
) -> Review:
    """Review one document in ``lang``: draw it, read it back, check every rule."""
    from handouts import pdf  # imports reportlab: only when a document is drawn

    found = Review(name)
    data = pdf.render(handout, PdfOptions())
    pages = _printed(data)
    found.lines.append(f"== {name} ({len(pages)} pages)")
    # The page the part being read starts on: after a class pack's cover, which lists them.
    start = 1 if any(isinstance(b, blocks.Contents) for b in handout.opening) else 0
    for part in handout.parts:
        _sections(found, part.blocks, level, lang)
        _order(found, part.blocks)
        title = plain(part.title)
        start = next((n for n in range(start, len(pages)) if title in pages[n]), start)
        emergency = next((b for b in part.blocks if isinstance(b, blocks.Emergency)), None)
        if emergency is not None and emergency.label not in pages[start]:
            found.problem(
                "emergency line on page 1",
                f"{emergency.label!r} is not on the first page of {title!r} (page {start + 1})",
            )
    if prescription is not None and content is not None:
        _doses(found, " ".join(pages), prescription, content, for_clinic(content.branding, lang))
    return found


def _sections(found: Review, parts: Sequence[object], level: ReadingLevel, lang: str) -> None:
    """Print each section's text and reading level; note those above the limits."""
    every: list[str] = []
    for block in parts:
        texts = list(said(block))
        sentences = readability.sentences_of(texts, lang)
        every += sentences
        measured = readability.reading(sentences, lang)
        title = _title(block)
        if lang == "es":
            found.lines.append(f"-- {title} (Fernández-Huerta {measured.fernandez_huerta:.1f})")
        else:
            found.lines.append(f"-- {title} (grade {measured.grade:.1f}, SMOG {measured.smog:.1f})")
        found.lines += [f"   {plain(text)}" for text in texts]
        if isinstance(block, blocks.SourceList | blocks.Log | blocks.PlanFields):
            continue  # references and forms, not text a patient acts on
        if lang == "es":
            if measured.words and measured.fernandez_huerta < level.fernandez_huerta:
                hardest = readability.hardest(sentences, lang)
                sentence = sentences[hardest[0]] if hardest else ""
                found.problem(
                    "reading level",
                    f"{title!r} reads at Fernández-Huerta {measured.fernandez_huerta:.1f} (at "
                    f"least {level.fernandez_huerta:g}); hardest: {sentence!r}",
                )
            continue
        smog = measured.sentences >= readability.SMOG_SENTENCES and measured.smog > level.smog
        if measured.grade > level.grade or smog:
            hardest = readability.hardest(sentences)
            sentence = sentences[hardest[0]] if hardest else ""
            found.problem(
                "reading level",
                f"{title!r} reads at grade {measured.grade:.1f}, SMOG {measured.smog:.1f} "
                f"(at most {level.grade:g} and {level.smog:g}); hardest: {sentence!r}",
            )
    for term in readability.unexplained(every) if lang == "en" else ():
        found.problem(
            "plain words", f"{term.term!r} is not explained where it first appears ({term.example})"
        )


_SAFETY_FIRST = (blocks.Emergency, blocks.FirstSteps, blocks.Safety)


def _order(found: Review, parts: Sequence[object]) -> None:
    """Note a part whose steps come before its safety advice."""
    kinds = [b for b in parts if isinstance(b, _SAFETY_FIRST) or _is_steps(b)]
    steps = next((i for i, b in enumerate(kinds) if _is_steps(b)), None)
    first_safety = next((i for i, b in enumerate(kinds) if isinstance(b, _SAFETY_FIRST)), None)
    if steps is not None and (first_safety is None or first_safety > steps):
        found.problem("safety before the steps", "the steps come before any safety advice")


def _is_steps(block: object) -> bool:
    return isinstance(block, blocks.Points) and block.heading.key == "steps"


def _doses(
    found: Review, printed: str, prescription: Prescription, content: Content, cat: Catalogue
) -> None:
    """Note a generic dose figure printed in a program where the clinician prescribed one."""
    for dose in prescription.topics:
        topic = content.topic(dose.topic)
        statements: list[Statement] = [*topic.steps, *topic.checklist, *topic.takeaways]
        for statement in statements:
            if statement.prescribed and " ".join(statement.text.split()) in printed:
                found.problem(
                    "prescribed dose",
                    f"{topic.id}: the general wording {statement.text!r} is printed in a "
                    "program that prescribes its own dose",
                )
        minutes = outline.words.minutes(dose.minutes, cat)
        if minutes not in printed:
            found.problem("prescribed dose", f"{topic.id}: the prescribed {minutes} is not printed")


def main(argv: list[str] | None = None) -> int:
    """Review the shipped content's handouts, class pack and programs; return the exit status."""
    from handouts.validate import load_content, load_prescription

    parser = argparse.ArgumentParser(prog="python -m handouts.review", description=__doc__)
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    parser.add_argument(
        "--prescription",
        type=Path,
        action="append",
        metavar="FILE",
        help="a program to review (default: prescriptions/example.yaml when it exists)",
    )
    parser.add_argument("--quiet", action="store_true", help="print only the problems")
    parser.add_argument(
        "--lang", choices=("en", *LANGUAGES), default="en", help="the language to review"
    )
    args = parser.parse_args(argv)
    content = load_content(args.content)
    lang = args.lang
    if lang != "en":
        content = translate_content(content, lang)
    level = content.branding.reading_level
    cat = for_clinic(content.branding, lang)
    found = [
        review(f"{t.id}.pdf", outline.topic_handout(t, content, cat), level, lang=lang)
        for t in content.topics
    ]
    pack = outline.class_pack(content.program, content, cat)
    found.append(review(f"{content.program.id}.pdf", pack, level, lang=lang))
    example = Path("prescriptions/example.yaml")
    for path in args.prescription or ([example] if example.is_file() else []):
        prescription = load_prescription(path, content)
        program = outline.program(prescription, content, cat)
        name = f"programs/{prescription.slug}.pdf"
        found.append(review(name, program, level, prescription, content, lang))
    out = sys.stdout
    for document in found:
        if not args.quiet:
            out.write("\n".join(document.lines) + "\n\n")
    problems = [p for document in found for p in document.problems]
    for problem in problems:
        print(problem, file=sys.stderr)
    documents = f"{len(found)} documents"
    print(f"reviewed {documents}: {len(problems) or 'no'} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
