"""Rules for single values: text, program wording, phone numbers, dates, numbers, yes/no."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import typing
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from handouts.errors import Problem
from handouts.glyphs import supported_chars
from handouts.model import PLACEHOLDERS
from handouts.theme import (
    DECK_METRICS_BOLD,
    DECK_METRICS_REGULAR,
    FONT_BOLD,
    FONT_REGULAR,
)
from handouts.validate.messages import (
    INVALID,
    PATTERN_WHAT,
    TAG,
    describe,
    quote_hint,
    range_what,
)

STATEMENT_LIMIT = 400
"""Longest statement: two or three plain sentences."""
TEXT_LIMIT = 300
"""Longest other text field unless the model says otherwise."""

# Any token holding a numeric character: 40, ٤٠, ½ or ².
DIGITS = re.compile(
    r"\S*[\d\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2079\u2080-\u2089\u2150-\u218b]\S*"
)
# Characters that print as nothing or move the cursor: never meant in handout text.
_BAD_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}

# A placeholder in a statement's program wording: {minutes}.
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDER_LIST = ", ".join("{" + name + "}" for name in PLACEHOLDERS)


@functools.cache
def _printable() -> frozenset[int]:
    """Return the characters every font we print or measure with can draw."""
    fonts = (FONT_REGULAR, FONT_BOLD, DECK_METRICS_REGULAR, DECK_METRICS_BOLD)
    return frozenset.intersection(*(supported_chars(f) for f in fonts))


class Scalars:
    """Converts scalar nodes and records problems; the base of ``Converter``."""

    file: str
    problems: list[Problem]
    cite_numbers: bool

    # -- reporting -------------------------------------------------------------------

    def report(self, node: Node, path: str, message: str) -> None:
        """Record a problem at the node's position."""
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, path, message))

    def expected(self, node: Node, path: str, what: str, hint: str = "") -> None:
        """Record ``expected WHAT but got WHAT-IT-IS`` with an optional hint."""
        self.report(node, path, f"expected {what} but got {describe(node)}{hint}")

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
            return INVALID
        if not isinstance(node, ScalarNode) or node.tag != TAG + "str":
            self.expected(node, path, "text", quote_hint(node))
            return INVALID
        # NFC joins a letter and a separate accent into the one character fonts have; soft
        # hyphens (pasted from word processors) would print only where a line happens to break.
        value = unicodedata.normalize("NFC", node.value).replace("\u00ad", "")
        if meta.get("lines"):  # a clinician's own little list keeps its lines
            text = "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
        else:
            text = " ".join(value.split())
        if not text:
            self.expected(node, path, "text")
            return INVALID
        if not any(char.isalnum() for char in text):  # "..." or "-": a slip, not content
            self.expected(node, path, "words (at least one letter or digit)")
            return INVALID
        # Limits keep any one field inside a table row, a slide and a handout's page.
        limit = meta.get("max_length", STATEMENT_LIMIT if meta.get("statement") else TEXT_LIMIT)
        if len(text) > limit:
            self.report(
                node,
                path,
                f"expected at most {limit} characters but got {len(text)}; "
                "shorten it, or split it into two items",
            )
            return INVALID
        printable = _printable()
        for char in text.replace("\n", " "):
            if unicodedata.category(char) in _BAD_CATEGORIES:
                self.report(
                    node,
                    path,
                    f"expected printable text but got the invisible character "
                    f"U+{ord(char):04X}; delete it (it often comes with pasted text)",
                )
                return INVALID
            if ord(char) not in printable:
                name = unicodedata.name(char, "unnamed character").lower()
                self.report(
                    node,
                    path,
                    f"expected characters the handout font can print but got {char!r} "
                    f"(U+{ord(char):04X}, {name}), which would print as an empty box; "
                    "replace it with plain text",
                )
                return INVALID
        pattern = meta.get("pattern")
        if pattern and not re.fullmatch(pattern, text):
            self.expected(node, path, PATTERN_WHAT.get(pattern, f"text matching {pattern}"))
            return INVALID
        if meta.get("filename") and ("/" in text or "\\" in text or text.startswith(".")):
            self.expected(node, path, "a file name without folders")
            return INVALID
        if meta.get("prescribed"):
            return self.prescribed(node, path, text)
        # Ids and colours are not prose, and the source list itself is bibliography.
        prose = not meta.get("statement") and not pattern and not path.startswith("sources")
        if self.cite_numbers and prose:
            number = DIGITS.search(text)
            if number and not path.endswith(".text"):
                self.report(
                    node,
                    path,
                    f"expected no numbers in this field but got {number.group()!r}; "
                    "numbers go in statements that cite a source (text: ... sources: [id])",
                )
                return INVALID
        return text

    def prescribed(self, node: Node, path: str, text: str) -> Any:
        """Return a statement's program wording, or report a number or an unknown placeholder.

        A number here would be a generic dose printed beside the clinician's own.
        """
        number = DIGITS.search(_PLACEHOLDER.sub("", text))
        if number:
            self.report(
                node,
                path,
                f"expected no numbers in the wording for a program but got {number.group()!r}; "
                f"a program prints the clinician's dose: use {PLACEHOLDER_LIST}, or words",
            )
            return INVALID
        for found in _PLACEHOLDER.finditer(text):
            name = found.group(1)
            if name not in PLACEHOLDERS:
                near = difflib.get_close_matches(name, list(PLACEHOLDERS), n=1, cutoff=0.6)
                hint = f"; did you mean {{{near[0]}}}?" if near else ""
                self.report(
                    node,
                    path,
                    f"expected one of the placeholders {PLACEHOLDER_LIST} but got "
                    f"{found.group()!r}{hint}",
                )
                return INVALID
        leftover = _PLACEHOLDER.sub("", text)
        if "{" in leftover or "}" in leftover:
            brace = "{" if "{" in leftover else "}"
            self.report(
                node,
                path,
                f"expected a placeholder written in braces, like {{minutes}}, but got a lone "
                f"{brace!r}; close it, or remove it",
            )
            return INVALID
        return text

    def phone_number(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a phone number of a few digits, quoted or not (``000`` keeps its zeros)."""
        low, high = meta["phone_digits"]
        what = f'a phone number of {low} to {high} digits (like "911", "112", "999" or "000")'
        kinds = (TAG + "str", TAG + "int")
        if not isinstance(node, ScalarNode) or node.tag not in kinds:
            self.expected(node, path, what)
            return INVALID
        # YAML reads an unquoted 000 as the number 0: the digits as written are the number.
        value = node.value.strip()
        if not re.fullmatch(rf"[0-9]{{{low},{high}}}", value):
            self.expected(node, path, what)
            return INVALID
        return value

    def date(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert YYYY-MM-DD (quoted or not) to a date."""
        what = "a date written YYYY-MM-DD"
        if not isinstance(node, ScalarNode) or node.tag not in (TAG + "timestamp", TAG + "str"):
            self.expected(node, path, what)
            return INVALID
        value = node.value.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.expected(node, path, what)
            return INVALID
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.report(
                node, path, f"expected a real date (YYYY-MM-DD) but got {value}, which is not one"
            )
            return INVALID

    def integer(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a whole number (not a yes/no, not a decimal), within the field's range."""
        what = range_what("a whole number", meta)
        if not isinstance(node, ScalarNode) or node.tag != TAG + "int":
            self.expected(node, path, what)
            return INVALID
        if len(node.value) > 15 or not re.fullmatch(r"[-+]?[0-9][0-9_]*", node.value):
            # no octal, hex or 1:30, and nothing longer than any sensible count
            self.expected(node, path, what)
            return INVALID
        if "_" in node.value:
            self.underscore(node, path, what, decimals=False)
            return INVALID
        return self.in_range(node, path, meta, int(node.value), what)

    def number(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a number, whole or decimal, within the field's range."""
        what = range_what("a number", meta)
        if isinstance(node, ScalarNode) and _EXPONENT.fullmatch(node.value):
            # 1.5e+1 is 15 to YAML, but a reader of the file may not see that it is.
            meant = _plain(node.value)
            self.report(
                node,
                path,
                f"expected {what} but got {node.value}; write numbers with digits and a "
                f"point only{f' (did you mean {meant}?)' if meant else ''}",
            )
            return INVALID
        if not isinstance(node, ScalarNode) or node.tag not in (TAG + "int", TAG + "float"):
            hint = ""
            if isinstance(node, ScalarNode) and re.fullmatch(r"[0-9]+,[0-9]+", node.value):
                # A decimal comma, as a European spreadsheet writes it (1,5 for 1.5).
                hint = f"; write decimals with a point ({node.value.replace(',', '.')})"
            self.expected(node, path, what, hint)
            return INVALID
        pattern = r"[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?"
        if len(node.value) > 30 or not re.fullmatch(pattern, node.value):
            self.expected(node, path, what)  # .inf, .nan, 0x10, 1:30
            return INVALID
        if "_" in node.value:
            self.underscore(node, path, what, decimals=True)
            return INVALID
        try:
            value = float(node.value)
        except ValueError:
            self.expected(node, path, what)
            return INVALID
        value = self.in_range(node, path, meta, value, what)
        return value if value is INVALID else self.precise(node, path, meta, value)

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
            return INVALID
        return value

    def in_range(
        self, node: Node, path: str, meta: typing.Mapping[str, Any], value: float, what: str
    ) -> Any:
        """Return the value, or report it when it is outside the field's range."""
        bounds = meta.get("range")
        if bounds and not bounds[0] <= value <= bounds[1]:
            self.report(node, path, f"expected {what} but got {node.value}")
            return INVALID
        return value

    def boolean(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert true or false, in any of the spellings YAML 1.2 and Excel use.

        YAML 1.1's yes, no, on and off are refused: a reader of the file may not take
        ``large_print: on`` for a yes/no value, and YAML 1.2 reads them as text.
        """
        if isinstance(node, ScalarNode) and node.value in _TRUE + _FALSE:
            return node.value in _TRUE
        if isinstance(node, ScalarNode) and node.tag == TAG + "bool":
            message = f"expected true or false but got {node.value}; write true or false"
            self.report(node, path, message)
            return INVALID
        self.expected(node, path, "true or false")
        return INVALID


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

SCALARS: dict[Any, Callable[[Scalars, Node, str, typing.Mapping[str, Any]], Any]] = {
    str: Scalars.text,
    dt.date: Scalars.date,
    int: Scalars.integer,
    float: Scalars.number,
    bool: Scalars.boolean,
}
