"""The loader: safe YAML only, bounded work on hostile input, located problems."""

from __future__ import annotations

import inspect
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from handouts.load import MAX_FILE_BYTES, parse
from tests.conftest import problems_of

TOO_DEEP = (
    "expected at most 50 levels of nested lists and mappings but got more; "
    "check the brackets and indentation"
)


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with libyaml's parser and again with PyYAML's own, as without libyaml."""
    if request.param == "libyaml" and not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML was installed without libyaml")
    if request.param == "python":
        monkeypatch.setattr(yaml, "__with_libyaml__", False)
    yield request.param


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


@pytest.mark.parametrize(
    ("case", "text", "where"),
    [
        # libyaml 0.2.6 refuses 1000 flow levels itself: the limit must not depend on it.
        ("5000 brackets", "a: " + "[" * 5000 + "]" * 5000, "1:53"),
        ("1000 brackets", "a: " + "[" * 1000 + "]" * 1000, "1:53"),
        ("51 levels", "a: " + "[" * 50 + "]" * 50, "1:53"),
        ("1200 flow mappings", "a: " + "{a: " * 1200 + "}" * 1200, "1:200"),
        ("block lists", "".join(" " * i + "-\n" for i in range(900)), "51:51"),
        ("block mappings", "".join(" " * i + "k:\n" for i in range(900)), "51:51"),
        ("brackets over many lines", "a:\n" + " [\n" * 2000 + " ]\n" * 2000, "51:2"),
    ],
)
def test_deep_nesting_is_refused_before_it_can_exhaust_recursion(
    parser: str, case: str, text: str, where: str
) -> None:
    document, problems = parse("deep.yaml", text.encode())
    assert document is None
    assert [str(p) for p in problems] == [f"deep.yaml:{where}: {TOO_DEEP}"]


def test_fifty_levels_of_nesting_are_accepted(parser: str) -> None:
    document, problems = parse("deep.yaml", ("a: " + "[" * 49 + "]" * 49).encode())
    assert problems == []
    assert document is not None


def test_a_nearly_full_stack_gives_a_located_problem_not_a_crash(parser: str) -> None:
    text = ("a: " + "[" * 40 + "x" + "]" * 40 + "\n").encode()
    limit = sys.getrecursionlimit()
    # A caller deep in its own stack leaves too little for forty levels of composing.
    sys.setrecursionlimit(len(inspect.stack(0)) + 60)
    try:
        document, problems = parse("deep.yaml", text)
    finally:
        sys.setrecursionlimit(limit)
    assert document is None
    assert [(p.line, p.message) for p in problems] == [(1, TOO_DEEP)]
    assert 4 < problems[0].column < 44  # one of the brackets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: &t Backward walking\n",
            "f.yaml:1:8: expected plain values but got an anchor (&t); "
            "anchors and aliases are not allowed, remove it",
        ),
        (
            "title: !!str Backward walking\n",
            "f.yaml:1:8: expected plain YAML values but got the tag '!!str'; "
            "tags are not allowed, remove it",
        ),
        (
            "title: !<tag:yaml.org,2002:str> Backward walking\n",
            "f.yaml:1:8: expected plain YAML values but got the tag '!!str'; "
            "tags are not allowed, remove it",
        ),
        (
            "steps: &s\n  - Walk\n",
            "f.yaml:1:8: expected plain values but got an anchor (&s); "
            "anchors and aliases are not allowed, remove it",
        ),
        (
            "a: !!python/object:os.system x\n",
            "f.yaml:1:4: expected plain YAML values but got the tag '!!python/object:os.system'; "
            "tags are not allowed, remove it",
        ),
    ],
)
def test_anchors_and_tags_are_refused_where_they_stand(
    parser: str, text: str, expected: str
) -> None:
    document, problems = parse("f.yaml", text.encode())
    assert document is None
    assert [str(p) for p in problems] == [expected]


def test_every_anchor_and_tag_in_a_file_is_reported_at_once(parser: str) -> None:
    _, problems = parse("f.yaml", b"a: &x 1\nb: !!int 2\nc:\n  <<: {d: 3}\n")
    assert [(p.line, p.column) for p in problems] == [(1, 4), (2, 4), (4, 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'id: a\ntitle: "Backward walking\nsummary: A walk.\nsteps:\n  - Stand.\n',
            'f.yaml:2:8: YAML syntax error: expected a closing double quote (") for the text '
            "that opens here but the file ends first; add it where the text ends",
        ),
        (
            "id: a\nsteps:\n  - 'Stand tall\n  - Walk.\n",
            "f.yaml:3:5: YAML syntax error: expected a closing single quote (') for the text "
            "that opens here but the file ends first; add it where the text ends",
        ),
        (
            "title: 'Backward walking\n---\nid: a\n",
            "f.yaml:1:8: YAML syntax error: expected a closing single quote (') for the text "
            "that opens here but got a document marker (--- or ...) at line 2, column 1 first; "
            "add it where the text ends",
        ),
        (
            "title: 'Don't rush'\nid: a\n",
            "f.yaml:1:12: YAML syntax error: expected the text to end at this closing quote (') "
            "but more follows; write a quote inside single-quoted text twice (''), or put the "
            "text in double quotes",
        ),
        (
            'title: "Say "slowly" twice"\n',
            'f.yaml:1:13: YAML syntax error: expected the text to end at this closing quote (") '
            'but more follows; write a quote inside double-quoted text as \\", or put the text '
            "in single quotes",
        ),
        (
            "topics: [backward-walking, backward-pedaling\nid: a\ntitle: b\n",
            "f.yaml:1:9: YAML syntax error: expected a closing ] for the list that opens here "
            "but got ':' at line 2, column 3 first; close the list, or put the text in quotes "
            "if the [ belongs to it",
        ),
        (
            "colors: {primary: '#1F3A5F'\n",
            "f.yaml:1:9: YAML syntax error: expected a closing } for the mapping that opens here "
            "but the file ends first; close the mapping, or put the text in quotes if the { "
            "belongs to it",
        ),
        (
            "title: Walk\nsummary\nid: a\n",
            "f.yaml:2:1: YAML syntax error: expected key: value on this line but found no colon "
            "(:); add one after the key, or indent the line if it goes on with the text above",
        ),
    ],
)
def test_a_syntax_error_points_where_the_fix_goes(parser: str, text: str, expected: str) -> None:
    document, problems = parse("f.yaml", text.encode())
    assert document is None
    assert [str(p) for p in problems] == [expected]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\x85", "\u2028", "\u2029"])
def test_a_bad_character_is_located_whatever_ends_the_lines(ending: str) -> None:
    text = ending.join(["id: a", "title: Walk", "summary: Caf\u00e9 \x07walk", ""])
    _, problems = parse("f.yaml", text.encode())
    assert [str(p) for p in problems] == [
        "f.yaml:3:15: expected printable text but got the invisible character U+0007; "
        "delete it (it often comes with pasted text)"
    ]
    _, problems = parse("f.yaml", text.encode().replace(b"\x07", b"\xe9"))
    assert [str(p) for p in problems] == [
        "f.yaml:3:15: expected UTF-8 text but got the byte 0xE9; save the file as UTF-8 in "
        "your editor"
    ]


def test_a_bad_character_is_located_where_yaml_says_its_errors_are(parser: str) -> None:
    # The pre-parse checks and the parser must agree on the place of the same character.
    text = "id: a\rtitle: Walk\r\nsummary:\u2028  [x\r"
    _, syntax = parse("f.yaml", text.encode())
    _, control = parse("f.yaml", text.replace("[", "\x07").encode())
    assert (syntax[0].line, syntax[0].column) == (control[0].line, control[0].column) == (4, 3)


def test_a_symlink_loop_is_a_located_error_not_a_crash(content: Path) -> None:
    (content / "topics" / "loop.yaml").symlink_to("loop.yaml")
    (content / "logo.png").symlink_to("logo.png")
    (content / "branding.yaml").write_text("logo: logo.png\n")
    assert problems_of(content) == [
        "content/branding.yaml:1:7: logo: expected an image file but got a loop of symbolic links",
        "content/topics/loop.yaml: cannot read the file: too many levels of symbolic links",
    ]
