"""The output formats, apart from the build: the command line lists them without loading it."""

FORMATS: dict[str, str] = {"pdf": "handouts.pdf", "pptx": "handouts.deck"}
"""Every output format, mapped to the module that draws it (imported only to draw)."""
