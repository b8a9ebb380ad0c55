"""The loader: safe YAML only, bounded work on hostile input, located problems."""

from __future__ import annotations

import time
from pathlib import Path

from handouts.load import MAX_FILE_BYTES, parse
from tests.conftest import problems_of


def test_plain_document_keeps_positions() -> None:
    document, problems = parse("f.yaml", b"id: a\ntitle: b\n")
    assert problems == []
    assert document is not None
    key, value = document.root.value[1]
    assert (key.value, value.start_mark.line, value.start_mark.column) == ("title", 1, 7)


def test_billion_laughs_is_refused_at_the_first_alias_and_quickly() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    start = time.perf_counter()
    document, problems = parse("bomb.yaml", "\n".join(lines).encode())
    elapsed = time.perf_counter() - start
    assert document is None
    assert [str(p) for p in problems] == [
        "bomb.yaml:2:10: expected plain values but got an alias (*a0); "
        "anchors and aliases are not allowed, write the value out"
    ]
    assert elapsed < 1.0  # a generous bound: expansion would take minutes and gigabytes


def test_oversized_file_is_refused_before_parsing() -> None:
    data = b"a: " + b"x" * MAX_FILE_BYTES
    document, problems = parse("big.yaml", data)
    assert document is None
    assert [str(p) for p in problems] == [
        "big.yaml: expected a file of at most 512 KiB but got 512 KiB; "
        "split it or remove the excess"
    ]


def test_two_documents_in_one_file_are_refused() -> None:
    document, problems = parse("two.yaml", b"a: 1\n---\nb: 2\n")
    assert document is None
    assert [str(p) for p in problems] == [
        "two.yaml:2:1: YAML syntax error: expected a single document in the stream "
        "but found another document"
    ]


def test_nul_byte_is_a_syntax_error_not_a_crash() -> None:
    document, problems = parse("nul.yaml", b"a: b\x00c\n")
    assert document is None
    assert [str(p) for p in problems] == [
        "nul.yaml:1:5: expected printable text but got the invisible character U+0000; "
        "delete it (it often comes with pasted text)"
    ]


def test_merge_key_is_refused() -> None:
    document, problems = parse("m.yaml", b"a: {x: 1}\nb:\n  <<: {x: 1}\n")
    assert document is None
    assert [str(p) for p in problems] == [
        "m.yaml:3:3: expected plain keys but got a merge key (<<); write the fields out"
    ]


def test_deep_nesting_is_refused_before_it_can_exhaust_recursion() -> None:
    document, problems = parse("deep.yaml", ("a: " + "[" * 5000 + "]" * 5000 + "\n").encode())
    assert document is None
    assert [str(p) for p in problems] == [
        "deep.yaml:1:53: expected at most 50 levels of nested lists and mappings but got more; "
        "check the brackets and indentation"
    ]


def test_a_symlink_loop_is_a_located_error_not_a_crash(content: Path) -> None:
    (content / "topics" / "loop.yaml").symlink_to("loop.yaml")
    (content / "logo.png").symlink_to("logo.png")
    (content / "branding.yaml").write_text("logo: logo.png\n")
    assert problems_of(content) == [
        "content/branding.yaml:1:7: logo: expected an image file but got a loop of symbolic links",
        "content/topics/loop.yaml: cannot read the file: too many levels of symbolic links",
    ]
