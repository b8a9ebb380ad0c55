"""Cross-field rules of one topic: its sources, its statements, its muscles and dates."""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any

from handouts.model import (
    Region,
    SourceKind,
    Statement,
    Topic,
)
from handouts.validate.convert import Converter
from handouts.validate.messages import describe, did_you_mean
from handouts.validate.scalars import DIGITS, PLACEHOLDER_LIST

TOPICS_DIR = "topics"
"""Folder inside the content folder that holds one YAML file per topic."""

# Statements whose numbers are doses, so a program must print its own wording instead.
_DOSE_FIELDS = re.compile(
    r"(steps|checklist|takeaways)\[\d+\]"
    r"|dosage\.(start|duration|frequency|progression)"
)


def _resolve_sources(conv: Converter, topic: Topic) -> None:
    """Check source ids are unique, every cited id resolves and a claim cites an article."""
    known: dict[str, int] = {}
    for i, source in enumerate(topic.sources):
        if source.id in known:
            node = conv.nodes[f"sources[{i}].id"]
            conv.report(
                node,
                f"sources[{i}].id",
                f"duplicate source id {source.id!r} (also sources[{known[source.id]}]); "
                "give each source its own id",
            )
        known.setdefault(source.id, i)
        if source.kind is SourceKind.ARTICLE and not source.file:
            conv.report(
                conv.nodes[f"sources[{i}]"],
                f"sources[{i}].file",
                "expected the file name of the stored article but the field is missing; add "
                "'file:', or 'kind: practice' if this is general clinical practice, not an article",
            )
        elif source.kind is SourceKind.PRACTICE and source.file:
            conv.report(
                conv.nodes[f"sources[{i}].file"],
                f"sources[{i}].file",
                f"expected no file for general clinical practice (kind: practice) but got "
                f"{source.file!r}; remove 'file:', or write 'kind: article' for an article",
            )
    for ref in conv.refs:
        if ref.source_id not in known:
            conv.report(
                ref.node,
                ref.path,
                f"expected the id of one of this topic's sources ({', '.join(known)}) "
                f"but got {ref.source_id!r}{did_you_mean(ref.source_id, known)}",
            )
    articles = {s.id for s in topic.sources if s.kind is SourceKind.ARTICLE}
    for path, statement in _statements(topic):
        if (
            statement.claim
            and known.keys() >= set(statement.sources)
            and not (articles & set(statement.sources))
        ):
            conv.report(
                conv.nodes[f"{path}.claim"],
                f"{path}.claim",
                "expected an article among the sources of a claim (claim: true) but got only "
                "general clinical practice; cite the article that reports it, or remove 'claim'",
            )


def _statements(value: Any, path: str = "") -> typing.Iterator[tuple[str, Statement]]:
    """Yield every statement in a model object with its field path, in file order."""
    if isinstance(value, Statement):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _statements(item, f"{path}[{i}]")
    elif dataclasses.is_dataclass(value):
        for spec in dataclasses.fields(value):
            child = f"{path}.{spec.name}" if path else spec.name
            yield from _statements(getattr(value, spec.name), child)


def _check_statements(conv: Converter, topic: Topic) -> None:
    """Rules on statements by where they are: doses, 'if' items, FAQs on the handout."""
    printed = {f"faq[{i}].answer" for i, faq in enumerate(topic.faq) if faq.handout}
    for path, statement in _statements(topic):
        number = DIGITS.search(statement.text)
        dose = _DOSE_FIELDS.fullmatch(path) or path in printed
        if number and dose and not statement.prescribed:
            conv.report(
                conv.nodes[path],
                path,
                f"expected the wording a program prints instead of this dose "
                f"({number.group()!r}) but got none; add 'prescribed:' using {PLACEHOLDER_LIST} "
                "for the prescribed values",
            )
        if path.startswith("precautions.if_it_goes_wrong") and not re.match(
            r"If\b", statement.text
        ):
            node = conv.nodes.get(f"{path}.text", conv.nodes[path])
            conv.report(
                node,
                path,
                "expected an item that starts with 'If' (what happens, then what to do) "
                f"but got {describe(node)}",
            )
    marked = [i for i, faq in enumerate(topic.faq) if faq.handout]
    for i in marked[_HANDOUT_FAQS:]:
        conv.report(
            conv.nodes[f"faq[{i}].handout"],
            f"faq[{i}].handout",
            f"expected at most {_HANDOUT_FAQS} questions printed on the handout but got "
            f"{len(marked)}; a handout has room for two: keep the ones a patient needs on paper",
        )


_HANDOUT_FAQS = 2
"""Most FAQs a topic may print on its handout (``handout: true``)."""


def _check_regions(conv: Converter, topic: Topic) -> None:
    """Refuse two muscle rows that shade the same part of the muscle map."""
    shaded: dict[Region, int] = {}
    muscles = topic.activation.muscles
    for i, muscle in enumerate(muscles):
        taken = [shaded[part] for part in muscle.region.parts if part in shaded]
        if taken:
            other = muscles[taken[0]].region
            also = "" if other is muscle.region else f" ({other.value!r})"
            path = f"activation.muscles[{i}].region"
            conv.report(
                conv.nodes[path],
                path,
                f"expected a region no other row shades on the muscle map but got "
                f"{muscle.region.value!r}, which activation.muscles[{taken[0]}]{also} shades "
                "too; give each row its own region, or make the two rows one",
            )
        for part in muscle.region.parts:
            shaded.setdefault(part, i)


def check_topic(conv: Converter, topic: Topic, stem: str) -> None:
    """Cross-field rules of one topic."""
    if topic.id != stem:
        conv.report(
            conv.nodes["id"],
            "id",
            f"expected the id to match the file name ({stem!r}) but got {topic.id!r}; "
            "rename one so they agree",
        )
    _resolve_sources(conv, topic)
    _check_statements(conv, topic)
    names: dict[str, int] = {}
    for i, muscle in enumerate(topic.activation.muscles):
        key = muscle.name.lower()
        if key in names:
            path = f"activation.muscles[{i}].name"
            conv.report(
                conv.nodes[path],
                path,
                f"duplicate muscle {muscle.name!r} (also activation.muscles[{names[key]}]); "
                "list each muscle group once",
            )
        names.setdefault(key, i)
    _check_regions(conv, topic)
    review = topic.review
    if review.review_due <= review.reviewed_on:
        conv.report(
            conv.nodes["review.review_due"],
            "review.review_due",
            f"expected a date after reviewed_on ({review.reviewed_on}) but got {review.review_due}",
        )
