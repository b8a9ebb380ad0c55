"""The English side of a translation: which texts of a topic or program a reader reads.

Everything else (ids, levels, the sources a statement cites, dates, the titles of English
articles) is the same in every language and is taken from the English.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import typing
from typing import Any

from handouts.model import Figure, Program, Source, SourceKind, Statement, Topic

FINGERPRINT_LENGTH = 8
"""Hex digits of an English text's SHA-256 a translation names: enough to tell any edit."""

STATEMENT_LIMIT, TEXT_LIMIT = 400, 300
"""Longest statement and other text, as for the English fields (handouts/validate)."""

_NOT_TEXT = {(Program, "topics"), (Figure, "pose"), (Figure, "svg")}
"""Fields of plain text type that hold ids or paths, not words a reader reads."""


def fingerprint(english: str) -> str:
    """Return the short fingerprint of an English text that its translation names."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


@dataclasses.dataclass(frozen=True)
class English:
    """One English text to translate and the rules its translation keeps."""

    text: str
    """The English text as validated (single-spaced)."""
    limit: int
    """The most characters the field holds, in any language."""
    prescribed: bool = False
    """A program's wording: its placeholders are kept as they are."""


def english_texts(value: object) -> dict[str, English]:
    """Return every text of a topic or program that a translation holds, by field path.

    Paths are those of the translation file: ``steps[3].prescribed``, ``sources.ID.note``.
    """
    found: dict[str, English] = {}
    _collect(value, "", found)
    return found


def _collect(value: object, path: str, found: dict[str, English]) -> None:
    if isinstance(value, Statement):
        found[f"{path}.text"] = English(value.text, STATEMENT_LIMIT)
        if value.prescribed:
            found[f"{path}.prescribed"] = English(value.prescribed, STATEMENT_LIMIT, True)
        return
    assert dataclasses.is_dataclass(value)
    for spec in dataclasses.fields(value):
        child = f"{path}.{spec.name}" if path else spec.name
        item = getattr(value, spec.name)
        if spec.metadata.get("derived") or (type(value), spec.name) in _NOT_TEXT:
            continue  # made by the check (a figure's drawing), or not words at all
        if isinstance(value, Topic) and spec.name == "sources":
            for source in value.sources:
                _collect_source(source, f"sources.{source.id}", found)
        elif isinstance(item, tuple):
            for i, each in enumerate(item):
                _collect_item(each, f"{child}[{i}]", spec.metadata, found)
        elif not isinstance(item, tuple):
            _collect_item(item, child, spec.metadata, found)


def _collect_item(
    item: object, path: str, meta: typing.Mapping[str, Any], found: dict[str, English]
) -> None:
    if isinstance(item, str):
        if item and not meta.get("pattern") and not meta.get("filename"):
            found[path] = English(item, meta.get("max_length", TEXT_LIMIT))
    elif dataclasses.is_dataclass(item) and not isinstance(item, type):
        _collect(item, path, found)
    # Levels, dates, flags and numbers are the same in every language.


def _collect_source(source: Source, path: str, found: dict[str, English]) -> None:
    """Practice is described in words; an article keeps its English title, as cited."""
    if source.kind is SourceKind.PRACTICE:
        found[f"{path}.title"] = English(source.title, TEXT_LIMIT)
    if source.note:
        found[f"{path}.note"] = English(source.note, TEXT_LIMIT)


def rebuild(value: Any, path: str, texts: dict[str, str]) -> Any:
    """Return a copy of a model object with every translated text in place of its English."""
    if isinstance(value, Statement):
        return dataclasses.replace(
            value,
            text=texts[f"{path}.text"],
            prescribed=texts[f"{path}.prescribed"] if value.prescribed else "",
        )
    changes: dict[str, Any] = {}
    for spec in dataclasses.fields(value):
        child = f"{path}.{spec.name}" if path else spec.name
        item = getattr(value, spec.name)
        if spec.metadata.get("derived") or (type(value), spec.name) in _NOT_TEXT:
            continue  # made by the check (a figure's drawing), or not words at all
        if isinstance(value, Topic) and spec.name == "sources":
            changes["sources"] = tuple(_source(s, texts) for s in item)
        elif isinstance(item, tuple):
            changes[spec.name] = tuple(
                _rebuild_item(x, f"{child}[{i}]", texts) for i, x in enumerate(item)
            )
        elif not isinstance(item, tuple):
            changes[spec.name] = _rebuild_item(item, child, texts)
    return dataclasses.replace(value, **changes)


def _rebuild_item(item: Any, path: str, texts: dict[str, str]) -> Any:
    if isinstance(item, str):
        return texts.get(path, item)  # only ids and empty texts are not there: checked before
    if dataclasses.is_dataclass(item) and not isinstance(item, (type, enum.Enum)):
        return rebuild(item, path, texts)
    return item


def _source(source: Source, texts: dict[str, str]) -> Source:
    path = f"sources.{source.id}"
    return dataclasses.replace(
        source,
        title=texts.get(f"{path}.title", source.title),
        note=texts.get(f"{path}.note", source.note),
    )
