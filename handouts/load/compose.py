"""Compose YAML into node trees safely: plain tags only, no aliases, limited depth."""

from __future__ import annotations

import functools

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.nodes import Node
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings accepted: a topic needs five levels."""

TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = frozenset(
    TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
TOO_DEEP = (
    f"expected at most {MAX_DEPTH} levels of nested lists and mappings but got more; "
    "check the brackets and indentation"
)


class Refused(yaml.MarkedYAMLError):
    """A YAML feature we do not accept, raised with the place it was found."""


class _Composer(Composer):
    """A composer that refuses what content may not hold as it meets it, whatever parser runs.

    An alias or nesting beyond MAX_DEPTH stops composing at once: expanding the one could
    cost gigabytes, descending into the other would exhaust Python's recursion. Anchors,
    tags and merge keys are noted where they stand and composing goes on, so a file's every
    such problem is reported at once.
    """

    def __init__(self) -> None:
        Composer.__init__(self)
        self.depth = 0
        """How many lists and mappings are open around the node being composed."""
        self.refused: list[tuple[yaml.Mark, str]] = []
        """Where a feature content may not use was found, and what to say about it."""

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        """Compose one node, refusing aliases and deep nesting, noting anchors and tags."""
        event = self.peek_event()
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            raise Refused(
                problem=f"expected plain values but got an alias (*{event.anchor}); "
                "anchors and aliases are not allowed, write the value out",
                problem_mark=mark,
            )
        if event.anchor is not None:
            self.refused.append(
                (
                    mark,
                    f"expected plain values but got an anchor (&{event.anchor}); "
                    "anchors and aliases are not allowed, remove it",
                )
            )
        tag = event.tag  # only a tag written in the file: '!!str', '!<...>', '!'
        if tag is not None:
            self.refused.append((mark, _tag_refused(tag)))
        nested = isinstance(event, (MappingStartEvent, SequenceStartEvent))
        if nested:
            if self.depth >= MAX_DEPTH:
                raise Refused(problem=TOO_DEEP, problem_mark=mark)
            self.depth += 1
        try:
            node = Composer.compose_node(self, parent, index)
        except RecursionError:
            # Not reached within MAX_DEPTH unless the caller's own stack is nearly full; the
            # innermost level that can still raise says where.
            raise Refused(problem=TOO_DEEP, problem_mark=mark) from None
        finally:
            if nested:
                self.depth -= 1
        if tag is None and node.tag == TAG + "merge":  # '<<' resolves to a merge key
            self.refused.append(
                (mark, "expected plain keys but got a merge key (<<); write the fields out")
            )
        elif tag is None and node.tag not in _STANDARD_TAGS:  # '=' resolves to !!value
            self.refused.append((mark, _tag_refused(node.tag)))
        return node


def _tag_refused(tag: str) -> str:
    return (
        f"expected plain YAML values but got the tag {tag.replace(TAG, '!!')!r}; "
        "tags are not allowed, remove it"
    )


class _Loader(Reader, Scanner, Parser, _Composer, Resolver):
    """PyYAML's own parser, in Python: slow, but its messages are the clearest."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        Resolver.__init__(self)


@functools.cache
def _c_loader() -> type | None:
    """Return a loader that takes events from libyaml's parser, or None without libyaml.

    The C parser is about ten times faster than the Python one; the composing, where the
    limits are kept, is ours either way. Made on first use: importing it costs time.
    """
    try:
        from yaml.cyaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None

    class _CLoader(_Composer, CParser, Resolver):  # type: ignore[misc, valid-type]
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Composer.__init__(self)
            Resolver.__init__(self)

    return _CLoader


def compose(text: str) -> tuple[Node | None, list[tuple[yaml.Mark, str]]]:
    """Compose with libyaml's parser when it is there, else (or on any error) PyYAML's.

    libyaml refuses some files on its own terms (a thousand nested brackets, for one) and
    words its messages tersely: any error there is read again by the Python parser, which
    says what is wrong and where, and whose composer keeps the same limits.
    """
    fast = _c_loader() if getattr(yaml, "__with_libyaml__", False) else None
    if fast is not None:
        loader = fast(text)
        try:
            return loader.get_single_node(), loader.refused
        except Refused:
            raise
        except (yaml.YAMLError, ValueError, OverflowError):
            pass
        finally:
            loader.dispose()
    loader = _Loader(text)
    try:
        return loader.get_single_node(), loader.refused
    except (ValueError, OverflowError):  # PyYAML turns "\U00110000" into chr() of it
        raise Refused(
            problem="YAML syntax error: a \\U escape in a double-quoted string names no "
            "character (the largest is \\U0010FFFF)",
            problem_mark=loader.get_mark(),
        ) from None
    finally:
        loader.dispose()
