"""Convert a document's node tree to model objects by their type hints."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.errors import Problem
from handouts.load import Document
from handouts.model import (
    COLOR_PATTERN,
    Languages,
    Statement,
)
from handouts.validate import languages
from handouts.validate.messages import (
    INVALID,
    TAG,
    WHAT,
    all_optional,
    describe,
    did_you_mean,
    is_blank,
    quote_hint,
    schema,
    what_for,
)
from handouts.validate.scalars import DIGITS, SCALARS, Scalars


@dataclasses.dataclass
class Ref:
    """A source id cited by a statement, resolved once the topic's sources are known."""

    path: str
    node: Node
    source_id: str


class Converter(Scalars):
    """Converts the nodes of one document, remembering where every field was found."""

    def __init__(self, document: Document, *, cite_numbers: bool) -> None:
        self.file = document.file
        self.root = document.root
        self.cite_numbers = cite_numbers
        self.problems: list[Problem] = []
        self.nodes: dict[str, Node] = {}
        self.keys: dict[str, Node] = {}
        self.refs: list[Ref] = []

    # -- dispatch ----------------------------------------------------------------------

    def convert(self, node: Node, hint: Any, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a node to the type ``hint``; return ``INVALID`` after reporting."""
        self.nodes[path] = node
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(hint) if a is not type(None)]
            if isinstance(node, ScalarNode) and node.tag == TAG + "null":
                return None
            return self.convert(node, inner[0], path, meta)
        if origin is tuple:
            return self.sequence(node, typing.get_args(hint)[0], path, meta)
        if hint is Statement:
            return self.statement(node, path)
        if dataclasses.is_dataclass(hint):
            return self.mapping(node, typing.cast(type, hint), path)
        if hint is Languages:
            return self.languages(node, path)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return self.choice(node, hint, path)
        converter = SCALARS.get(hint)
        if converter is None:  # pragma: no cover - a model type without a converter is a bug
            raise TypeError(f"no converter for {hint!r} at {path}")
        return converter(self, node, path, meta)

    # -- containers --------------------------------------------------------------------

    def mapping(self, node: Node, cls: type, path: str) -> Any:
        """Convert a mapping to dataclass ``cls``; report unknown, duplicate and missing keys."""
        what = WHAT.get(cls, "a mapping of fields")
        if not isinstance(node, MappingNode):
            self.expected(node, path, what)
            return INVALID
        fields, hints = schema(cls)
        values: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        misspelled: set[str] = set()
        failed = False
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != TAG + "str":
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
                hint = did_you_mean(key, fields)
                if hint:
                    misspelled.add(hint.split("'")[1])
                else:
                    hint = "; expected one of: " + ", ".join(fields)
                self.report(key_node, child, f"unknown key {key!r}{hint}")
                failed = True
                continue
            spec = fields[key]
            optional = spec.default is not dataclasses.MISSING
            if not optional and is_blank(value_node) and all_optional(hints[key]):
                # `teaching_notes:` with nothing under it means what `teaching_notes: {}` does.
                values[key] = hints[key]()
                continue
            if optional and is_blank(value_node):
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
            if value is INVALID:
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
                    f"expected {what_for(hints[name])} but the field is missing; add '{name}:'",
                )
        if failed:
            return INVALID
        return cls(**values)

    def sequence(self, node: Node, item: Any, path: str, meta: typing.Mapping[str, Any]) -> Any:
        """Convert a list; a required list must have at least one item."""
        if not isinstance(node, SequenceNode):
            self.expected(node, path, f"a list of {what_for(item, plural=True)}")
            return INVALID
        if not node.value:
            self.report(
                node,
                path,
                f"expected at least one item but got an empty list; "
                f"add {what_for(item)} or remove the key if it is optional",
            )
            return INVALID
        most = meta.get("max_items")
        if most is not None and len(node.value) > most:
            why = meta.get(
                "too_many", "every page's footer lists them all, so keep the ones the text cites"
            )
            self.report(
                node, path, f"expected at most {most} items but got {len(node.value)}; {why}"
            )
            return INVALID
        items = [self.convert(n, item, f"{path}[{i}]", meta) for i, n in enumerate(node.value)]
        if any(v is INVALID for v in items):
            return INVALID
        return tuple(items)

    def statement(self, node: Node, path: str) -> Any:
        """Convert plain text, or a mapping of text and sources, to a Statement."""
        if isinstance(node, ScalarNode):
            text = self.text(node, path, {"statement": True})
            value = INVALID if text is INVALID else Statement(text)
            advice = "write it as 'text: ...' with 'sources: [id]'"
        elif isinstance(node, MappingNode):
            value = self.mapping(node, Statement, path)
            advice = "add 'sources: [id]'"
        else:
            self.expected(node, path, WHAT[Statement])
            return INVALID
        if value is INVALID:
            return INVALID
        for i, source_id in enumerate(value.sources):
            ref_path = f"{path}.sources[{i}]"
            self.refs.append(Ref(ref_path, self.nodes[ref_path], source_id))
        number = DIGITS.search(value.text)
        if number and path.startswith("precautions.emergency_if"):
            # Not a sourcing slip: the number to call is the clinic's, never the content's.
            self.report(
                node,
                path,
                f"expected no numbers in an emergency item but got {number.group()!r}; the "
                "heading prints the number to call, from emergency_number in branding.yaml",
            )
            return INVALID
        if self.cite_numbers and number and not value.sources:
            self.report(
                node,
                path,
                f"expected a source for the number {number.group()!r} but got none; "
                f"{advice} naming the article it comes from",
            )
            return INVALID
        if value.claim and not value.sources:
            self.report(
                self.nodes[f"{path}.claim"],
                f"{path}.claim",
                "expected a source for a claim (claim: true) but got none; "
                "add 'sources: [id]' naming the article that reports it",
            )
            return INVALID
        return value

    def choice(self, node: Node, cls: type[enum.Enum], path: str) -> Any:
        """Convert text to one of an enum's values."""
        allowed = [m.value for m in cls]
        what = "one of " + ", ".join(allowed)
        if not isinstance(node, ScalarNode) or node.tag != TAG + "str":
            self.expected(node, path, what, quote_hint(node))
            return INVALID
        word = " ".join(node.value.split()).lower()
        for member in cls:
            if member.value == word:
                return member
        self.expected(node, path, what, did_you_mean(word, allowed))
        return INVALID

    def languages(self, node: Node, path: str) -> Any:
        """Convert a language list (``en, es`` as ``en,es``) the way ``--lang`` reads it."""
        if not isinstance(node, ScalarNode) or node.tag != TAG + "str":
            got = f"{describe(node)}{quote_hint(node)}"
            self.report(node, path, f"{languages.expected()}, but got {got}")
            return INVALID
        try:
            codes = languages.read(node.value)
        except ValueError as exc:
            self.report(node, path, str(exc))
            return INVALID
        return Languages(",".join(codes))


def convert_document(
    document: Document, cls: type, *, cite_numbers: bool = False
) -> tuple[Any, Converter]:
    """Convert a whole document to ``cls``; return the value (or INVALID) and the converter."""
    conv = Converter(document, cite_numbers=cite_numbers)
    if not isinstance(document.root, MappingNode):
        conv.expected(document.root, "(top level)", "a mapping of fields")
        return INVALID, conv
    return conv.mapping(document.root, cls, ""), conv
