"""Reading a translation file: each translated text, the fingerprint it names, and its place."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.errors import Problem
from handouts.load import display_path, load_file

FROM = "from"
"""The key of the fingerprint of the English a text was translated from."""
_TAG = "tag:yaml.org,2002:"
_LAST_STEP = re.compile(r"(?:^|\.)[^.\[\]]+$|\[\d+\]$")


@dataclasses.dataclass(frozen=True)
class Text:
    """One translated text as the file gives it, and where it is."""

    text: str
    """The translation, single-spaced."""
    source: str
    """The fingerprint written under 'from:', as written."""
    node: Node
    """The mapping of the two, to locate a problem with it."""


class File:
    """The texts of one translation file, and the problems met reading it."""

    def __init__(self, path: Path, lang: str) -> None:
        self.file = display_path(path)
        """The path shown in problems."""
        self.lang = lang
        """The language folder's name, also the key of each translated text."""
        self.texts: dict[str, Text] = {}
        """Every translated text the file holds, by field path."""
        self.places: dict[str, Node] = {}
        """Every node of the file by field path, to locate a text that is missing."""
        self.problems: list[Problem] = []
        """Problems found, located."""
        self.broken: set[str] = set()
        """Field paths of texts written wrongly, already reported: not missing as well."""
        self.good: dict[str, str] = {}
        """The texts that passed every check, by field path."""
        self.mend = ""
        """The command that prints this file mended, named in a stale text's problem."""
        self.exists = path.exists() or path.is_symlink()
        """There is a file (a broken link is one, and reported as it is)."""
        if self.exists:
            document, self.problems = load_file(path)
            if document is not None:
                self.places[""] = document.root
                self._read(document.root, "")

    def report(self, node: Node | None, path: str, message: str) -> None:
        """Record a problem at a node (or for the whole file when there is none)."""
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (0, 0)
        self.problems.append(Problem(self.file, line, column, path, message))

    def where(self, path: str) -> Node | None:
        """Return the node nearest to a field path that the file has, to locate a gap."""
        while path:
            if path in self.places:
                return self.places[path]
            path = _LAST_STEP.sub("", path)  # steps[2].text -> steps[2] -> steps -> ''
        return self.places.get("")

    def _read(self, node: Node, path: str) -> None:
        self.places[path] = node
        if isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                self._read(item, f"{path}[{i}]")
            return
        if not isinstance(node, MappingNode):
            self.report(node, path or "(top level)", self._expected(node))
            return
        keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
        if FROM in keys or self.lang in keys:
            self._text(node, path)
            return
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _TAG + "str":
                self.report(key_node, path or "(top level)", "expected a field name")
                continue
            key = key_node.value
            child = f"{path}.{key}" if path else key
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.report(key_node, child, f"duplicate key {key!r} (first at line {first})")
                continue
            seen[key] = key_node
            self._read(value_node, child)

    def _expected(self, node: Node) -> str:
        shown = node.value if isinstance(node, ScalarNode) else ""
        got = f"text {shown[:37]!r}" if shown else "an empty value"
        return (
            f"expected '{FROM}:' (the English text's fingerprint) and '{self.lang}:' (its "
            f"translation) under this field but got {got}"
        )

    def _text(self, node: MappingNode, path: str) -> None:
        fields = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
        for key, (key_node, _) in fields.items():
            if key not in (FROM, self.lang):
                self.report(
                    key_node,
                    f"{path}.{key}",
                    f"unknown key {key!r}; a translated text has only '{FROM}:' and '{self.lang}:'",
                )
        missing = [k for k in (FROM, self.lang) if k not in fields]
        for key in missing:
            self.report(node, f"{path}.{key}", f"expected '{key}:' but the field is missing")
        if missing:
            self.broken.add(path)
            return
        source, text = fields[FROM][1], fields[self.lang][1]
        if not isinstance(text, ScalarNode) or text.tag != _TAG + "str":
            self.report(text, f"{path}.{self.lang}", "expected text; put it in quotes")
            self.broken.add(path)
            return
        # Any scalar: 12345678 is a number to YAML but a fingerprint here.
        written = source.value if isinstance(source, ScalarNode) else ""
        cleaned = unicodedata.normalize("NFC", text.value).replace("\u00ad", "")
        self.texts[path] = Text(" ".join(cleaned.split()), str(written), node)
