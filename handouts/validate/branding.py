"""Check the clinic's branding file: colours that read on white, a logo inside the folder."""

from __future__ import annotations

import os
from pathlib import Path

from handouts import images
from handouts.errors import Problem
from handouts.load import display_path, load_file
from handouts.model import Branding
from handouts.theme import contrast
from handouts.validate.convert import convert_document
from handouts.validate.messages import INVALID

BRANDING_FILE = "branding.yaml"
"""Clinic branding, optional: without it the neutral defaults apply."""

_LOGO_SUFFIXES = {".png", ".jpg", ".jpeg"}


def load_branding(content_dir: Path, problems: list[Problem]) -> Branding | None:
    """Check the branding file, if any; return None after adding its problems."""
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
    branding, conv = convert_document(document, Branding)
    if branding is not INVALID:
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
    if branding is not INVALID and branding.logo:
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
    return None if branding is INVALID or conv.problems else branding
