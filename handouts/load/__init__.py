"""Read YAML files into node trees that keep line and column numbers.

Only YAML's plain data types are accepted. Nothing is constructed from tags, so content can
never create Python objects; aliases are refused while composing, so an alias bomb costs
nothing; nesting is limited as the composer descends, whichever parser feeds it; and the
file is checked for size and encoding before the parser sees it.

``files`` reads and checks the bytes, ``compose`` builds the node tree, ``syntax`` says
where a problem is and words YAML's syntax errors.
"""

from handouts.load.compose import MAX_DEPTH
from handouts.load.files import (
    MAX_FILE_BYTES,
    Document,
    display_path,
    load_file,
    parse,
    read_limited,
)
from handouts.load.syntax import position

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Document",
    "display_path",
    "load_file",
    "parse",
    "position",
    "read_limited",
]
