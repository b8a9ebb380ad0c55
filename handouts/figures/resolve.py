"""Turn a topic's figure entry into its picture, or say what is wrong with it.

A figure names a step and either a pose of the shared figure (``poses.POSES``, a closed
list) or an SVG file inside the content folder. This checks what the field converter
cannot (the step exists, one of pose and svg, the pose is known, the file is inside the
folder, exists and is a safe, drawable SVG) and returns each problem as the field it is
about and what was expected: content validation reports them where the field is written.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from handouts.figures import poses
from handouts.figures.shapes import Picture
from handouts.figures.svgcheck import SvgProblem


@dataclass(frozen=True)
class Entry:
    """What a figure entry says, as the content gives it."""

    step: int
    """The number of the step it shows."""
    alt: str
    """Its alt text."""
    pose: str
    """A pose's name, or empty."""
    svg: str
    """An SVG file's path relative to the content folder, or empty."""


Found = tuple[Picture | None, list[tuple[str, str]]]
"""The picture (None when there are problems) and each problem as (field, message)."""


def _pose(name: str, alt: str) -> Found:
    names = sorted(poses.POSES)
    if name in poses.POSES:
        return poses.picture(name, alt), []
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(names)
    return None, [("pose", f"expected one of the poses {listed} but got {name!r}{hint}")]


def svg_path(svg: str, content_dir: Path) -> tuple[Path | None, str]:
    """Return the SVG's place inside the content folder, or why it is not a usable path."""
    written = Path(svg)
    root = content_dir.resolve()
    try:
        target = (content_dir / written).resolve()
    except (RuntimeError, OSError):  # a symlink loop (RuntimeError before Python 3.13)
        return None, "expected an SVG file but got a loop of symbolic links"
    if written.is_absolute() or not Path(os.path.normpath(root / written)).is_relative_to(root):
        return None, "expected a path inside the content folder but got one that leaves it"
    if not target.is_relative_to(root):
        return None, (
            "expected a path inside the content folder but got a symbolic link that points "
            "outside it; copy the drawing itself into the folder"
        )
    if written.suffix.lower() != ".svg":
        return None, f"expected an SVG file (ending .svg) but got {written.name!r}"
    if not target.is_file():
        return None, f"expected an SVG file at {svg} in the content folder but there is none"
    return target, ""


def _svg(svg: str, alt: str, content_dir: Path) -> Found:
    target, problem = svg_path(svg, content_dir)
    if target is None:
        return None, [("svg", problem)]
    from handouts.figures import svgpicture  # svglib is loaded only for content with SVGs

    try:
        return svgpicture.picture(target, alt), []
    except SvgProblem as refused:
        return None, [("svg", f"{refused.message} (in {svg})")]


def resolve(entry: Entry, steps: int, content_dir: Path) -> Found:
    """Return the entry's picture, or the problems that keep it from being drawn."""
    problems: list[tuple[str, str]] = []
    if not 1 <= entry.step <= steps:
        problems.append(
            ("step", f"expected the number of one of this topic's steps (1 to {steps}) "
             f"but got {entry.step}")
        )  # fmt: skip
    if entry.pose and entry.svg:
        problems.append(("", "expected a pose or an svg but got both; keep one"))
    elif not entry.pose and not entry.svg:
        problems.append(
            ("", "expected a pose or an svg but got neither; add 'pose:' (a drawing of the "
             "shared figure) or 'svg:' (a file in the content folder)")
        )  # fmt: skip
    if problems:
        return None, problems
    if entry.pose:
        return _pose(entry.pose, entry.alt)
    return _svg(entry.svg, entry.alt, content_dir)
