"""The architecture's rules, read from the source of every module under handouts/.

Data flows load -> validate -> model -> outline -> render -> build (docs/architecture.md).
These tests parse each module with ``ast`` (imports inside functions count too) and check
the rules that keep it so: which package may import which library or stage, that no
module grows past 400 lines, and that every public function and class says what it is for.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "handouts"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 400

# The benchmark's "floor" draws the same handout with reportlab and the same deck with
# python-pptx directly, with none of our code: it is what our renderers are measured
# against, so it must import both libraries itself. It is the only module outside the
# renderers that may.
FLOOR = PACKAGE / "bench" / "floor.py"
# Its drawings (a figure's primitives straight onto the canvas, a deck's drawing groups
# redrawn as plain freeforms) and its pages (header, foot, the build) are in modules of
# their own, to keep each under 400 lines.
FLOORS = (FLOOR, *(PACKAGE / "bench" / f"floor_{m}.py" for m in ("figures", "pages")))


def _name(path: Path) -> str:
    """Return the module name of a file: handouts/pdf/blocks.py is handouts.pdf.blocks."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Return every module a file imports, at the top or inside a function.

    ``from handouts import pdf`` counts as importing ``handouts.pdf``; a relative import
    is resolved against the file's package.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _under(path: Path, *folders: str) -> bool:
    """Tell whether a module lives in one of these packages of handouts/."""
    return any(path.is_relative_to(PACKAGE / folder) for folder in folders)


def _uses(imports: set[str], module: str) -> bool:
    """Tell whether ``module`` or anything inside it is among ``imports``."""
    return any(name == module or name.startswith(module + ".") for name in imports)


def _shown(paths: list[Path]) -> list[str]:
    return [p.relative_to(PACKAGE.parent).as_posix() for p in paths]


def test_every_package_module_is_found() -> None:
    # A rule checked over no files would pass: make sure the walk sees the stages.
    names = {_name(p) for p in MODULES}
    for stage in ("load", "validate", "model", "outline", "pdf", "deck", "build", "cli"):
        assert f"handouts.{stage}" in names


@pytest.mark.parametrize(
    ("library", "owner"), [("reportlab", "pdf"), ("pptx", "deck")], ids=["reportlab", "pptx"]
)
def test_only_its_renderer_imports_a_drawing_library(library: str, owner: str) -> None:
    offenders = [
        path
        for path in MODULES
        if _uses(_imports(path), library) and not _under(path, owner) and path not in FLOORS
    ]
    assert _shown(offenders) == []


def test_the_benchmark_floor_imports_both_libraries() -> None:
    # The one exception above is there for a reason: if the floor stops drawing with the
    # libraries themselves, the exception should go too.
    imports = _imports(FLOOR)
    assert _uses(imports, "reportlab")
    assert _uses(imports, "pptx")


def test_the_outline_knows_no_renderer_and_no_build() -> None:
    banned = ("reportlab", "pptx", "handouts.pdf", "handouts.deck", "handouts.build")
    offenders = {
        path.relative_to(PACKAGE.parent).as_posix(): sorted(
            name for name in _imports(path) if any(_uses({name}, b) for b in banned)
        )
        for path in MODULES
        if _under(path, "outline")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_renderers_do_not_import_the_build_or_the_command_line() -> None:
    banned = ("handouts.build", "handouts.cli")
    offenders = {
        path.relative_to(PACKAGE.parent).as_posix(): sorted(
            name for name in _imports(path) if any(_uses({name}, b) for b in banned)
        )
        for path in MODULES
        if _under(path, "pdf", "deck")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_module_is_over_400_lines() -> None:
    lengths = {
        path.relative_to(PACKAGE.parent).as_posix(): len(path.read_text().splitlines())
        for path in MODULES
    }
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}


def _undocumented(path: Path) -> list[str]:
    """Name the public functions, classes and methods of a module without a docstring.

    Public: not starting with ``_``, at module level or in a public class (functions
    nested in functions are private to them). ``__init__`` and other dunders are left out.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing: list[str] = []

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if node.name.startswith("_"):
                continue
            if ast.get_docstring(node) is None:
                missing.append(f"{prefix}{node.name}")
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")

    visit(tree.body, f"{_name(path)}.")
    return missing


def test_every_public_function_and_class_has_a_docstring() -> None:
    missing = [name for path in MODULES for name in _undocumented(path)]
    assert missing == []


def test_the_rules_see_a_violation() -> None:
    # The checks above would pass on an empty walk or a broken parser: show they catch one.
    sample = PACKAGE.parent / "tests" / "fixtures" / "architecture_sample.py"
    assert _uses(_imports(sample), "reportlab")
    assert _uses(_imports(sample), "handouts.build")
    assert _undocumented(sample) == ["tests.fixtures.architecture_sample.undocumented"]
