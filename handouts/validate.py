"""Turn YAML node trees into the content model, collecting every problem on the way.

The conversion is driven by the dataclasses in ``model.py``: their type hints say what each
key must hold, their defaults say which keys are optional. Each problem is one line,
``file:line:col: field.path: expected ... but got ...``. Nothing stops at the first problem:
a bad field is skipped and the rest of the file is still checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import functools
import os
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts import images
from handouts.errors import ContentError, Problem
from handouts.figures import resolve as figures
from handouts.glyphs import supported_chars
from handouts.load import Document, display_path, load_file
from handouts.model import (
    COLOR_PATTERN,
    PLACEHOLDERS,
    Branding,
    Content,
    Prescription,
    Program,
    Region,
    SourceKind,
    Statement,
    Topic,
)
from handouts.theme import (
    DECK_METRICS_BOLD,
    DECK_METRICS_REGULAR,
    FONT_BOLD,
    FONT_REGULAR,
    contrast,
)

TOPICS_DIR = "topics"
"""Folder inside the content folder that holds one YAML file per topic."""
PROGRAM_FILE = "program.yaml"
"""The class program, required."""
BRANDING_FILE = "branding.yaml"
"""Clinic branding, optional: without it the neutral defaults apply."""

STATEMENT_LIMIT = 400
"""Longest statement: two or three plain sentences."""
TEXT_LIMIT = 300
"""Longest other text field unless the model says otherwise."""

_TAG = "tag:yaml.org,2002:"
# Any token holding a numeric character: 40, ٤٠, ½ or ².
_DIGITS = re.compile(
    r"\S*[\d\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2079\u2080-\u2089\u2150-\u218b]\S*"
)
# Characters that print as nothing or move the cursor: never meant in handout text.
_BAD_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}
_LOGO_SUFFIXES = {".png", ".jpg", ".jpeg"}
# A placeholder in a statement's program wording: {minutes}.
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_PLACEHOLDER_LIST = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
# Statements whose numbers are doses, so a program must print its own wording instead.
_DOSE_FIELDS = re.compile(
    r"(steps|checklist|takeaways)\[\d+\]"
    r"|dosage\.(start|duration|frequency|progression)"
)


def _describe(node: Node) -> str:
    """Say in plain words what a node holds, for the 'but got ...' half of a message."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    assert isinstance(node, ScalarNode)
    value = node.value
    shown = value if len(value) <= 40 else value[:37] + "..."
    kind = node.tag.removeprefix(_TAG)
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


def _quote_hint(node: Node) -> str:
    """Suggest quotes when YAML read a plain word or number as another type."""
    if isinstance(node, ScalarNode) and node.tag != _TAG + "str" and node.value and not node.style:
        return f'; put it in quotes ("{node.value}") if you mean it as text'
    return ""


@functools.cache
def _schema(cls: type) -> tuple[dict[str, dataclasses.Field[Any]], dict[str, Any]]:
    """Return a model class's fields and resolved type hints (resolving them is slow)."""
    # A derived field (a figure's picture) is made by the check, never read from a file.
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("derived")}
    return fields, typing.get_type_hints(cls)


@functools.cache
def _printable() -> frozenset[int]:
    """Return the characters every font we print or measure with can draw."""
    fonts = (FONT_REGULAR, FONT_BOLD, DECK_METRICS_REGULAR, DECK_METRICS_BOLD)
    return frozenset.intersection(*(supported_chars(f) for f in fonts))


def _is_blank(node: Node) -> bool:
    """Tell whether a value is empty: nothing after the colon, ``~``, ``null`` or ``""``."""
    if not isinstance(node, ScalarNode):
        return False
    if node.tag == _TAG + "null":
        return True
    return node.tag == _TAG + "str" and not node.value.strip()


def _all_optional(hint: Any) -> bool:
    """Tell whether a type is a model class whose every field has a default."""
    if not (isinstance(hint, type) and dataclasses.is_dataclass(hint)):
        return False
    return all(
        f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        for f in dataclasses.fields(hint)
    )


def _did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


@dataclasses.dataclass
class _Ref:
    """A source id cited by a statement, resolved once the topic's sources are known."""

    path: str
    node: Node
    source_id: str


class _Converter:
    """Converts the nodes of one document, remembering where every field was found."""

    def __init__(self, document: Document, *, cite_numbers: bool) -> None:
        self.file = document.file
        self.root = document.root
        self.cite_numbers = cite_numbers
        self.problems: list[Problem] = []
        self.nodes: dict[str, Node] = {}
        self.keys: dict[str, Node] = {}
        self.refs: list[_Ref] = []

    # -- reporting -------------------------------------------------------------------

    def report(self, node: Node, path: str, message: str) -> None:
        """Record a problem at the node's position."""
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, path, message))

    def report_at(self, path: str, message: str) -> None:
        """Record a problem at the field ``path`` names, which was converted already."""
        self.report(self.nodes[path], path, message)

    def expected(self, node: Node, path: str, what: str, hint: str = "") -> None:
        """Record ``expected WHAT but got WHAT-IT-IS`` with an optional hint."""
        self.report(node, path, f"expected {what} but got {_describe(node)}{hint}")

    # -- dispatch ----------------------------------------------------------------------

    def convert(self, node: Node, hint: Any, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a node to the type ``hint``; return ``_INVALID`` after reporting."""
        self.nodes[path] = node
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(hint) if a is not type(None)]
            if isinstance(node, ScalarNode) and node.tag == _TAG + "null":
                return None
            return self.convert(node, inner[0], path, meta)
        if origin is tuple:
            return self.sequence(node, typing.get_args(hint)[0], path, meta)
        if hint is Statement:
            return self.statement(node, path)
        if dataclasses.is_dataclass(hint):
            return self.mapping(node, typing.cast(type, hint), path)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return self.choice(node, hint, path)
        converter = _SCALARS.get(hint)
        if converter is None:  # pragma: no cover - a model type without a converter is a bug
            raise TypeError(f"no converter for {hint!r} at {path}")
        return converter(self, node, path, meta)

    # -- containers --------------------------------------------------------------------

    def mapping(self, node: Node, cls: type, path: str) -> Any:
        """Convert a mapping to dataclass ``cls``; report unknown, duplicate and missing keys."""
        what = _WHAT.get(cls, "a mapping of fields")
        if not isinstance(node, MappingNode):
            self.expected(node, path, what)
            return _INVALID
        fields, hints = _schema(cls)
        values: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        misspelled: set[str] = set()
        failed = False
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _TAG + "str":
                self.expected(key_node, path or "(top level)", "a field name")
                failed = True
                continue
            key = key_node.value
            child = f"{path}.{key}" if path else key
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.report(
                    key_node,
                    child,
                    f"duplicate key {key!r} (first at line {first}); each key may appear once",
                )
                failed = True
                continue
            seen[key] = key_node
            self.keys[child] = key_node
            if key not in fields:
                hint = _did_you_mean(key, fields)
                if hint:
                    misspelled.add(hint.split("'")[1])
                else:
                    hint = "; expected one of: " + ", ".join(fields)
                self.report(key_node, child, f"unknown key {key!r}{hint}")
                failed = True
                continue
            spec = fields[key]
            optional = spec.default is not dataclasses.MISSING
            if not optional and _is_blank(value_node) and _all_optional(hints[key]):
                # `teaching_notes:` with nothing under it means what `teaching_notes: {}` does.
                values[key] = hints[key]()
                continue
            if optional and _is_blank(value_node):
                if spec.metadata.get("pattern") == COLOR_PATTERN:
                    # `primary: #1F3A5F` unquoted is a comment: YAML sees no value at all.
                    self.report(
                        value_node,
                        child,
                        "expected a colour written #RRGGBB but got nothing; put it in quotes "
                        '("#1F3A5F"): unquoted, # starts a comment',
                    )
                    failed = True
                continue  # an empty optional field keeps its default
            value = self.convert(value_node, hints[key], child, spec.metadata)
            if value is _INVALID:
                failed = True
            else:
                values[key] = value
        for name, spec in fields.items():
            required = (
                spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
            )
            if name not in seen and required:
                failed = True
                if name in misspelled:
                    continue  # the unknown key already says 'did you mean NAME?'
                child = f"{path}.{name}" if path else name
                self.report(
                    self.keys.get(path, node),
                    child,
                    f"expected {_what_for(hints[name])} but the field is missing; add '{name}:'",
                )
        if failed:
            return _INVALID
        return cls(**values)

    def sequence(self, node: Node, item: Any, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a list; a required list must have at least one item."""
        if not isinstance(node, SequenceNode):
            self.expected(node, path, f"a list of {_what_for(item, plural=True)}")
            return _INVALID
        if not node.value and not meta.get("may_be_empty"):
            self.report(
                node,
                path,
                f"expected at least one item but got an empty list; "
                f"add {_what_for(item)} or remove the key if it is optional",
            )
            return _INVALID
        most = meta.get("max_items")
        if most is not None and len(node.value) > most:
            why = meta.get(
                "too_many", "every page's footer lists them all, so keep the ones the text cites"
            )
            self.report(
                node, path, f"expected at most {most} items but got {len(node.value)}; {why}"
            )
            return _INVALID
        items = [self.convert(n, item, f"{path}[{i}]", meta) for i, n in enumerate(node.value)]
        if any(v is _INVALID for v in items):
            return _INVALID
        return tuple(items)

    def statement(self, node: Node, path: str) -> Any:
        """Convert plain text, or a mapping of text and sources, to a Statement."""
        if isinstance(node, ScalarNode):
            text = self.text(node, path, {"statement": True})
            value = _INVALID if text is _INVALID else Statement(text)
            advice = "write it as 'text: ...' with 'sources: [id]'"
        elif isinstance(node, MappingNode):
            value = self.mapping(node, Statement, path)
            advice = "add 'sources: [id]'"
        else:
            self.expected(node, path, _WHAT[Statement])
            return _INVALID
        if value is _INVALID:
            return _INVALID
        for i, source_id in enumerate(value.sources):
            ref_path = f"{path}.sources[{i}]"
            self.refs.append(_Ref(ref_path, self.nodes[ref_path], source_id))
        number = _DIGITS.search(value.text)
        if number and path.startswith("precautions.emergency_if"):
            # Not a sourcing slip: the number to call is the clinic's, never the content's.
            self.report(
                node,
                path,
                f"expected no numbers in an emergency item but got {number.group()!r}; the "
                "heading prints the number to call, from emergency_number in branding.yaml",
            )
            return _INVALID
        if self.cite_numbers and number and not value.sources:
            self.report(
                node,
                path,
                f"expected a source for the number {number.group()!r} but got none; "
                f"{advice} naming the article it comes from",
            )
            return _INVALID
        if value.claim and not value.sources:
            self.report(
                self.nodes[f"{path}.claim"],
                f"{path}.claim",
                "expected a source for a claim (claim: true) but got none; "
                "add 'sources: [id]' naming the article that reports it",
            )
            return _INVALID
        return value

    def choice(self, node: Node, cls: type[enum.Enum], path: str) -> Any:
        """Convert text to one of an enum's values."""
        allowed = [m.value for m in cls]
        what = "one of " + ", ".join(allowed)
        if not isinstance(node, ScalarNode) or node.tag != _TAG + "str":
            self.expected(node, path, what, _quote_hint(node))
            return _INVALID
        word = " ".join(node.value.split()).lower()
        for member in cls:
            if member.value == word:
                return member
        self.expected(node, path, what, _did_you_mean(word, allowed))
        return _INVALID

    # -- scalars -----------------------------------------------------------------------

    def text(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a scalar to clean single-spaced text, applying the field's rules."""
        if meta.get("phone_digits"):
            return self.phone_number(node, path, meta)
        if meta.get("prescribed") and isinstance(node, MappingNode) and node.flow_style:
            self.expected(
                node,
                path,
                "text",
                '; put the wording in quotes ("{minutes} ..."): a { at the start of a value '
                "begins a YAML mapping",
            )
            return _INVALID
        if not isinstance(node, ScalarNode) or node.tag != _TAG + "str":
            self.expected(node, path, "text", _quote_hint(node))
            return _INVALID
        # NFC joins a letter and a separate accent into the one character fonts have; soft
        # hyphens (pasted from word processors) would print only where a line happens to break.
        value = unicodedata.normalize("NFC", node.value).replace("\u00ad", "")
        if meta.get("lines"):  # a clinician's own little list keeps its lines
            text = "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
        else:
            text = " ".join(value.split())
        if not text:
            self.expected(node, path, "text")
            return _INVALID
        if not any(char.isalnum() for char in text):  # "..." or "-": a slip, not content
            self.expected(node, path, "words (at least one letter or digit)")
            return _INVALID
        # Limits keep any one field inside a table row, a slide and a handout's page.
        limit = meta.get("max_length", STATEMENT_LIMIT if meta.get("statement") else TEXT_LIMIT)
        if len(text) > limit:
            self.report(
                node,
                path,
                f"expected at most {limit} characters but got {len(text)}; "
                "shorten it, or split it into two items",
            )
            return _INVALID
        printable = _printable()
        for char in text.replace("\n", " "):
            if unicodedata.category(char) in _BAD_CATEGORIES:
                self.report(
                    node,
                    path,
                    f"expected printable text but got the invisible character "
                    f"U+{ord(char):04X}; delete it (it often comes with pasted text)",
                )
                return _INVALID
            if ord(char) not in printable:
                name = unicodedata.name(char, "unnamed character").lower()
                self.report(
                    node,
                    path,
                    f"expected characters the handout font can print but got {char!r} "
                    f"(U+{ord(char):04X}, {name}), which would print as an empty box; "
                    "replace it with plain text",
                )
                return _INVALID
        pattern = meta.get("pattern")
        if pattern and not re.fullmatch(pattern, text):
            self.expected(node, path, _PATTERN_WHAT.get(pattern, f"text matching {pattern}"))
            return _INVALID
        if meta.get("filename") and ("/" in text or "\\" in text or text.startswith(".")):
            self.expected(node, path, "a file name without folders")
            return _INVALID
        if meta.get("prescribed"):
            return self.prescribed(node, path, text)
        # Ids and colours are not prose, and the source list itself is bibliography.
        prose = not meta.get("statement") and not pattern and not path.startswith("sources")
        if self.cite_numbers and prose:
            number = _DIGITS.search(text)
            if number and not path.endswith(".text"):
                self.report(
                    node,
                    path,
                    f"expected no numbers in this field but got {number.group()!r}; "
                    "numbers go in statements that cite a source (text: ... sources: [id])",
                )
                return _INVALID
        return text

    def prescribed(self, node: Node, path: str, text: str) -> Any:
        """Return a statement's program wording, or report a number or an unknown placeholder.

        A number here would be a generic dose printed beside the clinician's own.
        """
        number = _DIGITS.search(_PLACEHOLDER.sub("", text))
        if number:
            self.report(
                node,
                path,
                f"expected no numbers in the wording for a program but got {number.group()!r}; "
                f"a program prints the clinician's dose: use {_PLACEHOLDER_LIST}, or words",
            )
            return _INVALID
        for found in _PLACEHOLDER.finditer(text):
            name = found.group(1)
            if name not in PLACEHOLDERS:
                near = difflib.get_close_matches(name, list(PLACEHOLDERS), n=1, cutoff=0.6)
                hint = f"; did you mean {{{near[0]}}}?" if near else ""
                self.report(
                    node,
                    path,
                    f"expected one of the placeholders {_PLACEHOLDER_LIST} but got "
                    f"{found.group()!r}{hint}",
                )
                return _INVALID
        leftover = _PLACEHOLDER.sub("", text)
        if "{" in leftover or "}" in leftover:
            brace = "{" if "{" in leftover else "}"
            self.report(
                node,
                path,
                f"expected a placeholder written in braces, like {{minutes}}, but got a lone "
                f"{brace!r}; close it, or remove it",
            )
            return _INVALID
        return text

    def phone_number(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a phone number of a few digits, quoted or not (``000`` keeps its zeros)."""
        low, high = meta["phone_digits"]
        what = f'a phone number of {low} to {high} digits (like "911", "112", "999" or "000")'
        kinds = (_TAG + "str", _TAG + "int")
        if not isinstance(node, ScalarNode) or node.tag not in kinds:
            self.expected(node, path, what)
            return _INVALID
        # YAML reads an unquoted 000 as the number 0: the digits as written are the number.
        value = node.value.strip()
        if not re.fullmatch(rf"[0-9]{{{low},{high}}}", value):
            self.expected(node, path, what)
            return _INVALID
        return value

    def date(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert YYYY-MM-DD (quoted or not) to a date."""
        what = "a date written YYYY-MM-DD"
        if not isinstance(node, ScalarNode) or node.tag not in (_TAG + "timestamp", _TAG + "str"):
            self.expected(node, path, what)
            return _INVALID
        value = node.value.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.expected(node, path, what)
            return _INVALID
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.report(
                node, path, f"expected a real date (YYYY-MM-DD) but got {value}, which is not one"
            )
            return _INVALID

    def integer(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a whole number (not a yes/no, not a decimal), within the field's range."""
        what = _range_what("a whole number", meta)
        if not isinstance(node, ScalarNode) or node.tag != _TAG + "int":
            self.expected(node, path, what)
            return _INVALID
        if len(node.value) > 15 or not re.fullmatch(r"[-+]?[0-9][0-9_]*", node.value):
            # no octal, hex or 1:30, and nothing longer than any sensible count
            self.expected(node, path, what)
            return _INVALID
        if "_" in node.value:
            self.underscore(node, path, what, decimals=False)
            return _INVALID
        return self.in_range(node, path, meta, int(node.value), what)

    def number(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a number, whole or decimal, within the field's range."""
        what = _range_what("a number", meta)
        if isinstance(node, ScalarNode) and _EXPONENT.fullmatch(node.value):
            # 1.5e+1 is 15 to YAML, but a reader of the file may not see that it is.
            meant = _plain(node.value)
            self.report(
                node,
                path,
                f"expected {what} but got {node.value}; write numbers with digits and a "
                f"point only{f' (did you mean {meant}?)' if meant else ''}",
            )
            return _INVALID
        if not isinstance(node, ScalarNode) or node.tag not in (_TAG + "int", _TAG + "float"):
            hint = ""
            if isinstance(node, ScalarNode) and re.fullmatch(r"[0-9]+,[0-9]+", node.value):
                # A decimal comma, as a European spreadsheet writes it (1,5 for 1.5).
                hint = f"; write decimals with a point ({node.value.replace(',', '.')})"
            self.expected(node, path, what, hint)
            return _INVALID
        pattern = r"[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?"
        if len(node.value) > 30 or not re.fullmatch(pattern, node.value):
            self.expected(node, path, what)  # .inf, .nan, 0x10, 1:30
            return _INVALID
        if "_" in node.value:
            self.underscore(node, path, what, decimals=True)
            return _INVALID
        try:
            value = float(node.value)
        except ValueError:
            self.expected(node, path, what)
            return _INVALID
        value = self.in_range(node, path, meta, value, what)
        return value if value is _INVALID else self.precise(node, path, meta, value)

    def underscore(self, node: ScalarNode, path: str, what: str, *, decimals: bool) -> None:
        """Report a number written with underscores, which YAML 1.1 silently drops.

        ``1_5`` reads as 15: a slip for 1.5 would print ten times the dose.
        """
        digits = node.value.replace("_", "")
        meant = digits
        if decimals and node.value.count("_") == 1 and "." not in node.value:
            meant = f"{node.value.replace('_', '.')} or {digits}"
        how = "digits only, and a point for decimals" if decimals else "digits only"
        self.report(
            node,
            path,
            f"expected {what} but got {node.value}; write numbers with {how} "
            f"(did you mean {meant}?)",
        )

    def precise(self, node: Node, path: str, meta: typing.Mapping[str, Any], value: float) -> Any:
        """Return the value, or report more decimal places than the field is given in.

        A handout prints the dose as written: 3.9999999 mph is a typing slip, not a speed.
        """
        places = meta.get("decimals")
        if places is None:
            return value
        written = -Decimal(node.value).normalize().as_tuple().exponent
        if written > places:
            unit = f" ({meta['range'][2]})" if meta.get("range") else ""
            plural = "place" if places == 1 else "places"
            self.report(
                node,
                path,
                f"expected a number with at most {places} decimal {plural}{unit} "
                f"but got {node.value}",
            )
            return _INVALID
        return value

    def in_range(
        self, node: Node, path: str, meta: typing.Mapping[str, Any], value: float, what: str
    ) -> Any:
        """Return the value, or report it when it is outside the field's range."""
        bounds = meta.get("range")
        if bounds and not bounds[0] <= value <= bounds[1]:
            self.report(node, path, f"expected {what} but got {node.value}")
            return _INVALID
        return value

    def boolean(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert true or false, in any of the spellings YAML 1.2 and Excel use.

        YAML 1.1's yes, no, on and off are refused: a reader of the file may not take
        ``large_print: on`` for a yes/no value, and YAML 1.2 reads them as text.
        """
        if isinstance(node, ScalarNode) and node.value in _TRUE + _FALSE:
            return node.value in _TRUE
        if isinstance(node, ScalarNode) and node.tag == _TAG + "bool":
            message = f"expected true or false but got {node.value}; write true or false"
            self.report(node, path, message)
            return _INVALID
        self.expected(node, path, "true or false")
        return _INVALID


# A number written with an exponent, which YAML 1.1 reads as a number (1.5e+1) or not (1e5).
_EXPONENT = re.compile(r"[-+]?(?=\.?[0-9])[0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+")


def _plain(value: str) -> str:
    """Write a number given with an exponent in digits and a point; '' when too long for that."""
    try:
        plain = format(Decimal(value.replace("_", "")).normalize(), "f")
    except InvalidOperation:  # pragma: no cover - _EXPONENT admits only numbers
        return ""
    return plain if len(plain) <= 12 else ""


_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


_INVALID = object()

_SCALARS: dict[Any, Callable[[_Converter, Node, str, typing.Mapping[str, Any]], Any]] = {
    str: _Converter.text,
    dt.date: _Converter.date,
    int: _Converter.integer,
    float: _Converter.number,
    bool: _Converter.boolean,
}

_WHAT: dict[Any, str] = {
    Statement: "text, or a mapping with 'text' and 'sources'",
    str: "text",
    dt.date: "a date written YYYY-MM-DD",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}

_PATTERN_WHAT = {
    r"[a-z0-9]+(?:-[a-z0-9]+)*": (
        "an id of lower-case letters, digits and single hyphens (like 'backward-walking')"
    ),
    r"#[0-9A-Fa-f]{6}": "a colour written #RRGGBB (like '#1F3A5F')",
}


def _range_what(kind: str, meta: typing.Mapping[str, Any]) -> str:
    """Describe a number field with its range and unit, e.g. 'a number of minutes from 1 to 60'."""
    bounds = meta.get("range")
    if not bounds:
        return kind
    low, high, unit = bounds
    return f"{kind} from {low:g} to {high:g} ({unit})"


def _what_for(hint: Any, *, plural: bool = False) -> str:
    """Name what a type hint holds, for messages about missing or empty fields."""
    if typing.get_origin(hint) is tuple:
        return f"a list of {_what_for(typing.get_args(hint)[0], plural=True)}"
    if hint is Statement:
        return "statements" if plural else "a statement"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "one of " + ", ".join(m.value for m in hint)
    if dataclasses.is_dataclass(hint):
        name = hint.__name__.lower()  # type: ignore[union-attr]
        return f"{name} entries" if plural else "a mapping of fields"
    if hint in _WHAT:
        return "texts" if plural and hint is str else _WHAT[hint]
    return "a value"


def _resolve_sources(conv: _Converter, topic: Topic) -> None:
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
                f"but got {ref.source_id!r}{_did_you_mean(ref.source_id, known)}",
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


def _check_statements(conv: _Converter, topic: Topic) -> None:
    """Rules on statements by where they are: doses, 'if' items, FAQs on the handout."""
    printed = {f"faq[{i}].answer" for i, faq in enumerate(topic.faq) if faq.handout}
    for path, statement in _statements(topic):
        number = _DIGITS.search(statement.text)
        dose = _DOSE_FIELDS.fullmatch(path) or path in printed
        if number and dose and not statement.prescribed:
            conv.report(
                conv.nodes[path],
                path,
                f"expected the wording a program prints instead of this dose "
                f"({number.group()!r}) but got none; add 'prescribed:' using {_PLACEHOLDER_LIST} "
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
                f"but got {_describe(node)}",
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


def _check_topic(conv: _Converter, topic: Topic, stem: str) -> None:
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


def _check_regions(conv: _Converter, topic: Topic) -> None:
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


def _convert(
    document: Document, cls: type, *, cite_numbers: bool = False
) -> tuple[Any, _Converter]:
    conv = _Converter(document, cite_numbers=cite_numbers)
    if not isinstance(document.root, MappingNode):
        conv.expected(document.root, "(top level)", "a mapping of fields")
        return _INVALID, conv
    return conv.mapping(document.root, cls, ""), conv


def load_content(content_dir: Path) -> Content:
    """Load and validate a whole content folder; raise ContentError listing every problem."""
    content, problems = load_content_keep_going(content_dir)
    if problems:
        raise ContentError(problems)
    return content


def load_content_keep_going(content_dir: Path) -> tuple[Content, list[Problem]]:
    """Load a content folder, leaving out topics with problems; return them with the problems.

    Raises ContentError only when nothing can be built: the program or branding is wrong,
    or no topic is valid.
    """
    problems: list[Problem] = []
    topics: list[Topic] = []
    # Ids of topics that exist even if invalid, so the program does not report them twice.
    topic_ids: dict[str, str] = {}
    topic_files = sorted((content_dir / TOPICS_DIR).glob("*.yaml"))
    if not topic_files:
        problems.append(
            Problem(
                display_path(content_dir / TOPICS_DIR),
                0,
                0,
                "",
                "expected at least one topic file (*.yaml) in this folder but found none",
            )
        )
    for path in topic_files:
        document, found = load_file(path)
        problems += found
        topic_ids.setdefault(path.stem, display_path(path))
        if document is None:
            continue
        topic, conv = _convert(document, Topic, cite_numbers=True)
        if topic is not _INVALID:
            _check_topic(conv, topic, path.stem)
            topic = figures.drawn(topic, content_dir, conv.report_at)
            if not conv.problems:
                topics.append(topic)
        problems += conv.problems

    shared: list[Problem] = []
    program = _load_program(content_dir / PROGRAM_FILE, topic_ids, shared)
    branding = _load_branding(content_dir, shared)
    if shared or not topics:
        raise ContentError(problems + shared)
    assert program is not None and branding is not None
    valid = {t.id for t in topics}
    content = Content(
        tuple(sorted(topics, key=lambda t: t.id)),
        program,
        branding,
        content_dir.resolve(),
        tuple(sorted(set(topic_ids) - valid)),
    )
    return content, problems


def _load_program(path: Path, topic_ids: dict[str, str], problems: list[Problem]) -> Program | None:
    if not path.exists() and not path.is_symlink():  # a broken link is reported as it is
        problems.append(
            Problem(
                display_path(path),
                0,
                0,
                "",
                "expected a program file but it is missing; see content/README.md",
            )
        )
        return None
    document, found = load_file(path)
    problems += found
    if document is None:
        return None
    program, conv = _convert(document, Program)
    if program is not _INVALID and program.id in topic_ids:
        conv.report(
            conv.nodes["id"],
            "id",
            f"expected an id that no topic uses but got {program.id!r}, a topic's id; "
            "the class files would overwrite that topic's",
        )
    if program is not _INVALID:
        seen: dict[str, int] = {}
        for i, topic_id in enumerate(program.topics):
            node = conv.nodes[f"topics[{i}]"]
            if topic_id not in topic_ids:
                conv.report(
                    node,
                    f"topics[{i}]",
                    f"expected the id of a topic in {TOPICS_DIR}/ but got {topic_id!r}"
                    f"{_did_you_mean(topic_id, topic_ids)}",
                )
            elif topic_id in seen:
                conv.report(
                    node,
                    f"topics[{i}]",
                    f"duplicate topic {topic_id!r} (also topics[{seen[topic_id]}]); "
                    "list each topic once",
                )
            seen.setdefault(topic_id, i)
    problems += conv.problems
    return None if program is _INVALID else program


def _load_branding(content_dir: Path, problems: list[Problem]) -> Branding | None:
    path = content_dir / BRANDING_FILE
    if not path.exists() and not path.is_symlink():
        # Only no file at all is no branding: a link to a share that is not mounted, or to
        # itself, would print every handout without the clinic's name and logo unsaid.
        return Branding()
    # Every branding field is optional: a file with every line commented out is no branding.
    document, found = load_file(path, may_be_empty=True)
    problems += found
    if document is None:
        return None
    branding, conv = _convert(document, Branding)
    if branding is not _INVALID:
        # Brand colours are printed as text and as fills behind white text.
        for name, value, needed in (
            ("primary", branding.colors.primary, 4.5),
            ("accent", branding.colors.accent, 3.0),
        ):
            ratio = contrast(value, "#FFFFFF")
            if ratio < needed:
                path = f"colors.{name}"
                conv.report(
                    conv.nodes[path],
                    path,
                    f"expected a colour dark enough to read on white paper (contrast at least "
                    f"{needed:g}:1) but got {value} ({ratio:.1f}:1); choose a darker shade",
                )
    if branding is not _INVALID and branding.logo:
        node = conv.nodes["logo"]
        logo = Path(branding.logo)
        root = content_dir.resolve()
        try:
            target = (content_dir / logo).resolve()
        except (RuntimeError, OSError):  # a symlink loop (RuntimeError before Python 3.13)
            target = None
        if target is None:
            conv.report(node, "logo", "expected an image file but got a loop of symbolic links")
        elif logo.is_absolute() or not Path(os.path.normpath(root / logo)).is_relative_to(root):
            conv.report(
                node, "logo", "expected a path inside the content folder but got one that leaves it"
            )
        elif not target.is_relative_to(root):
            # Written inside the folder, but a link on the way leads out: say so, since the
            # path as typed looks fine.
            conv.report(
                node,
                "logo",
                "expected a path inside the content folder but got a symbolic link that points "
                "outside it; copy the image itself into the folder",
            )
        elif logo.suffix.lower() not in _LOGO_SUFFIXES:
            conv.report(node, "logo", f"expected a PNG or JPEG file but got {logo.name!r}")
        elif not target.is_file():
            conv.report(
                node, "logo", f"expected an image file at {display_path(target)} but there is none"
            )
        else:
            problem = images.logo_problem(target)
            if problem:
                conv.report(node, "logo", problem)
    problems += conv.problems
    return None if branding is _INVALID or conv.problems else branding


def load_prescription(path: Path, content: Content) -> Prescription:
    """Load and validate one prescription file against the content; raise ContentError."""
    document, problems = load_file(path)
    if document is None:
        raise ContentError(problems)
    return prescription_from(document, content)


def prescription_from(document: Document, content: Content) -> Prescription:
    """Validate a parsed prescription (from YAML or a roster row); raise ContentError."""
    prescription, conv = _convert(document, Prescription)
    known = [t.id for t in content.topics]
    seen: dict[str, int] = {}
    # Checked on the nodes, so a misspelt topic is reported even when other fields are bad.
    for path, node in list(conv.nodes.items()):
        found = re.fullmatch(r"topics\[(\d+)\]\.topic", path)
        if not found or not isinstance(node, ScalarNode):
            continue
        topic_id, index = node.value, int(found.group(1))
        if topic_id in content.left_out or topic_id not in known:
            # Saying which ids there are says all: 'Backward-Walking' is not also told the
            # id pattern, nor a long id its length.
            conv.problems = [p for p in conv.problems if p.path != path]
        if topic_id in content.left_out:
            conv.report(
                node,
                path,
                f"expected a topic without problems but {topic_id!r} has problems in its file; "
                "fix them first",
            )
        elif topic_id not in known:
            conv.report(
                node,
                path,
                f"expected the id of a topic ({', '.join(known)}) but got {topic_id!r}"
                f"{_did_you_mean(topic_id.lower(), known)}",  # ids are lower case
            )
        elif topic_id in seen:
            conv.report(
                node,
                path,
                f"duplicate topic {topic_id!r} (also topics[{seen[topic_id]}]); "
                "prescribe each topic once",
            )
        seen.setdefault(topic_id, index)
    if prescription is not _INVALID:
        for i, dose in enumerate(prescription.topics):
            if dose.speed_mph is not None and dose.speed_kmh is not None:
                where = f"topics[{i}].speed_kmh"
                conv.report(
                    conv.nodes[where],
                    where,
                    "expected one speed but got both speed_mph and speed_kmh; keep one",
                )
    if conv.problems or prescription is _INVALID:
        raise ContentError(conv.problems)
    return prescription
