"""How a problem message names what was expected and what arrived."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import functools
import typing
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.glyphs import supported_chars
from handouts.model import Statement
from handouts.theme import (
    DECK_METRICS_BOLD,
    DECK_METRICS_REGULAR,
    FONT_BOLD,
    FONT_REGULAR,
)

TAG = "tag:yaml.org,2002:"


def describe(node: Node) -> str:
    """Say in plain words what a node holds, for the 'but got ...' half of a message."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    assert isinstance(node, ScalarNode)
    value = node.value
    shown = value if len(value) <= 40 else value[:37] + "..."
    kind = node.tag.removeprefix(TAG)
    if kind == "str":
        return f"text {shown!r}" if value.strip() else "empty text"
    if kind == "null":
        return "nothing" if value in ("", "~", "null", "Null", "NULL") else f"null ({value})"
    if kind == "bool":
        return f"a yes/no value ({value})"
    if kind in ("int", "float"):
        return f"a number ({value})"
    if kind == "timestamp":
        return f"a date ({value})"
    return repr(value)


def quote_hint(node: Node) -> str:
    """Suggest quotes when YAML read a plain word or number as another type."""
    if isinstance(node, ScalarNode) and node.tag != TAG + "str" and node.value and not node.style:
        return f'; put it in quotes ("{node.value}") if you mean it as text'
    return ""


@functools.cache
def schema(cls: type) -> tuple[dict[str, dataclasses.Field[Any]], dict[str, Any]]:
    """Return a model class's fields and resolved type hints (resolving them is slow)."""
    # A derived field (a figure's picture) is made by the check, never read from a file.
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("derived")}
    return fields, typing.get_type_hints(cls)


@functools.cache
def _printable() -> frozenset[int]:
    """Return the characters every font we print or measure with can draw."""
    fonts = (FONT_REGULAR, FONT_BOLD, DECK_METRICS_REGULAR, DECK_METRICS_BOLD)
    return frozenset.intersection(*(supported_chars(f) for f in fonts))


def is_blank(node: Node) -> bool:
    """Tell whether a value is empty: nothing after the colon, ``~``, ``null`` or ``""``."""
    if not isinstance(node, ScalarNode):
        return False
    if node.tag == TAG + "null":
        return True
    return node.tag == TAG + "str" and not node.value.strip()


def all_optional(hint: Any) -> bool:
    """Tell whether a type is a model class whose every field has a default."""
    if not (isinstance(hint, type) and dataclasses.is_dataclass(hint)):
        return False
    return all(
        f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        for f in dataclasses.fields(hint)
    )


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """Suggest the closest of ``choices`` as '; did you mean ...?', or nothing."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


INVALID = object()

WHAT: dict[Any, str] = {
    Statement: "text, or a mapping with 'text' and 'sources'",
    str: "text",
    dt.date: "a date written YYYY-MM-DD",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}

PATTERN_WHAT = {
    r"[a-z0-9]+(?:-[a-z0-9]+)*": (
        "an id of lower-case letters, digits and single hyphens (like 'backward-walking')"
    ),
    r"#[0-9A-Fa-f]{6}": "a colour written #RRGGBB (like '#1F3A5F')",
    r"en(?:-[A-Z]{2}|-[0-9]{3})?": "an English language tag (like 'en-US' or 'en-GB')",
    r"es(?:-[A-Z]{2}|-[0-9]{3})?": "a Spanish language tag (like 'es-US', 'es-MX' or 'es-ES')",
}


def range_what(kind: str, meta: typing.Mapping[str, Any]) -> str:
    """Describe a number field with its range and unit, e.g. 'a number of minutes from 1 to 60'."""
    bounds = meta.get("range")
    if not bounds:
        return kind
    low, high, unit = bounds
    return f"{kind} from {low:g} to {high:g} ({unit})"


def what_for(hint: Any, *, plural: bool = False) -> str:
    """Name what a type hint holds, for messages about missing or empty fields."""
    if typing.get_origin(hint) is tuple:
        return f"a list of {what_for(typing.get_args(hint)[0], plural=True)}"
    if hint is Statement:
        return "statements" if plural else "a statement"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "one of " + ", ".join(m.value for m in hint)
    if dataclasses.is_dataclass(hint):
        name = hint.__name__.lower()  # type: ignore[union-attr]
        return f"{name} entries" if plural else "a mapping of fields"
    if hint in WHAT:
        return "texts" if plural and hint is str else WHAT[hint]
    return "a value"
