"""Write a translation file for an English file: every fingerprint in place, the English beside.

A curator starts a translation from it, or mends one after the English changed: texts already
translated from the current English are kept; a stale one keeps its old fingerprint (so the
check still reports it) with the English it must now say; a missing one is left empty.
"""

from __future__ import annotations

import json
import re

from handouts.model import Program, Topic
from handouts.translations.english import english_texts, fingerprint
from handouts.translations.files import FROM

_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")

Tree = dict[str, "Tree"] | list["Tree"] | str
"""A translation file's shape: mappings, lists, and field paths at the texts."""


def skeleton(value: Topic | Program, lang: str, done: dict[str, tuple[str, str]]) -> str:
    """Return the YAML of ``value``'s translation into ``lang``.

    ``done`` holds the texts translated so far, by field path: the fingerprint each names and
    the translation.
    """
    english = english_texts(value)
    tree: dict[str, Tree] = {}
    for path in english:
        _place(tree, path)
    lines: list[str] = []

    def leaf(path: str, indent: str) -> list[str]:
        now = fingerprint(english[path].text)
        source, text = done.get(path, (now, ""))
        said = json.dumps(english[path].text, ensure_ascii=False)
        note = "English" if source == now else f"English now (then write {FROM}: {now})"
        return [
            f"{indent}{FROM}: {json.dumps(source)}",
            f"{indent}# {note}: {said}",
            f"{indent}{lang}: {json.dumps(text, ensure_ascii=False)}",
        ]

    def emit(node: Tree, indent: str) -> list[str]:
        if isinstance(node, str):
            return leaf(node, indent)
        out: list[str] = []
        if isinstance(node, list):
            for item in node:
                inner = emit(item, indent + "  ")
                out += [indent + "- " + inner[0].lstrip(), *inner[1:]]
            return out
        for key, child in node.items():
            out.append(f"{indent}{key}:")
            out += emit(child, indent + "  ")
        return out

    lines += emit(tree, "")
    return "\n".join(lines) + "\n"


def _place(tree: dict[str, Tree], path: str) -> None:
    """Put a field path in the tree, making the mappings and lists on its way."""
    steps = [(key, int(index) if index else None) for key, index in _STEP.findall(path)]
    node: Tree = tree
    for n, (key, index) in enumerate(steps):
        last = n == len(steps) - 1
        if index is None:
            assert isinstance(node, dict)
            nxt = steps[n + 1][1] if not last else None
            if last:
                node[key] = path
            else:
                node = node.setdefault(key, [] if nxt is not None else {})
        else:
            assert isinstance(node, list)
            while len(node) <= index:
                node.append({})
            if last:
                node[index] = path
            else:
                node = node[index]
