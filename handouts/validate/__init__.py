"""Turn YAML node trees into the content model, collecting every problem on the way.

The conversion is driven by the dataclasses in ``model``: their type hints say what each
key must hold, their defaults say which keys are optional. Each problem is one line,
``file:line:col: field.path: expected ... but got ...``. Nothing stops at the first problem:
a bad field is skipped and the rest of the file is still checked.

``convert`` walks the node tree by type hint, ``scalars`` holds the rules for single values,
``messages`` words what was expected; ``topic``, ``program``, ``branding`` and
``prescription`` hold the cross-field rules of each file, and ``content`` loads a folder.
"""

from handouts.validate.branding import BRANDING_FILE
from handouts.validate.content import load_content, load_content_keep_going
from handouts.validate.prescription import load_prescription, prescription_from
from handouts.validate.program import PROGRAM_FILE
from handouts.validate.scalars import STATEMENT_LIMIT, TEXT_LIMIT
from handouts.validate.topic import TOPICS_DIR

__all__ = [
    "BRANDING_FILE",
    "PROGRAM_FILE",
    "STATEMENT_LIMIT",
    "TEXT_LIMIT",
    "TOPICS_DIR",
    "load_content",
    "load_content_keep_going",
    "load_prescription",
    "prescription_from",
]
