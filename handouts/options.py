"""What a renderer reads besides its outline: exactly the options that make one file differ.

The build puts these objects, whole, into each file's cache key, so a renderer that reads
one more option cannot serve a stale file: the option is a field here, or it is not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PdfOptions:
    """How a PDF is printed."""

    paper: str = "letter"
    """``letter`` or ``a4``."""
    large_print: bool = False
    """18 pt body text for readers with low vision."""
    languages: tuple[str, ...] = ("en",)
    """The languages it is written in, in order: two or more make a bilingual file."""


@dataclass(frozen=True)
class DeckOptions:
    """Which PowerPoint look a deck is built on."""

    template: Path | None = None
    """A clinic's own .pptx whose masters and layouts the deck uses; None for ours."""
    template_digest: str = "-"
    """SHA-256 of the template's bytes, so the key follows the file, not its name."""
    language: str = "en"
    """The language it is written in (``en``, ``es``)."""
