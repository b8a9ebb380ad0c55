"""Check a patient's prescription against the content."""

from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import ScalarNode

from handouts.errors import ContentError
from handouts.load import Document, load_file
from handouts.model import (
    Content,
    Prescription,
)
from handouts.validate.convert import convert_document
from handouts.validate.messages import INVALID, did_you_mean


def load_prescription(path: Path, content: Content) -> Prescription:
    """Load and validate one prescription file against the content; raise ContentError."""
    document, problems = load_file(path)
    if document is None:
        raise ContentError(problems)
    return prescription_from(document, content)


def prescription_from(document: Document, content: Content) -> Prescription:
    """Validate a parsed prescription (from YAML or a roster row); raise ContentError."""
    prescription, conv = convert_document(document, Prescription)
    known = [t.id for t in content.topics]
    seen: dict[str, int] = {}
    # Checked on the nodes, so a misspelt topic is reported even when other fields are bad.
    for path, node in list(conv.nodes.items()):
        found = re.fullmatch(r"topics\[(\d+)\]\.topic", path)
        if not found or not isinstance(node, ScalarNode):
            continue
        topic_id, index = node.value, int(found.group(1))
        if topic_id in content.left_out or topic_id not in known:
            # Saying which ids there are says all: 'Backward-Walking' is not also told the
            # id pattern, nor a long id its length.
            conv.problems = [p for p in conv.problems if p.path != path]
        if topic_id in content.left_out:
            conv.report(
                node,
                path,
                f"expected a topic without problems but {topic_id!r} has problems in its file; "
                "fix them first",
            )
        elif topic_id not in known:
            conv.report(
                node,
                path,
                f"expected the id of a topic ({', '.join(known)}) but got {topic_id!r}"
                f"{did_you_mean(topic_id.lower(), known)}",  # ids are lower case
            )
        elif topic_id in seen:
            conv.report(
                node,
                path,
                f"duplicate topic {topic_id!r} (also topics[{seen[topic_id]}]); "
                "prescribe each topic once",
            )
        seen.setdefault(topic_id, index)
    if prescription is not INVALID:
        for i, dose in enumerate(prescription.topics):
            if dose.speed_mph is not None and dose.speed_kmh is not None:
                where = f"topics[{i}].speed_kmh"
                conv.report(
                    conv.nodes[where],
                    where,
                    "expected one speed but got both speed_mph and speed_kmh; keep one",
                )
    if conv.problems or prescription is INVALID:
        raise ContentError(conv.problems)
    return prescription
