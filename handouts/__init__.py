"""handouts: print-ready exercise handouts and class decks from curated YAML content."""

__version__ = "0.1.0"
