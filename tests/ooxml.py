"""Read a written .pptx as its XML parts, with lxml, and validate it with openxml-audit.

No python-pptx here: the tests that use this check the file itself, part by part, the way
a schema validator or a screen reader's office suite reads it.
"""

from __future__ import annotations

import io
import posixpath
import tempfile
import zipfile
from pathlib import Path

from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
"""The namespaces the tests look into, by the prefixes PowerPoint gives them."""

_VALIDATOR = OpenXmlValidator(
    file_format=FileFormat.OFFICE_2019, max_errors=0, security_validation=True
)
"""openxml-audit at its defaults (Office 2019), every finding (no cap), and its security checks
(dangerous links, external relationships, active content) on."""


def findings(data: bytes) -> list[str]:
    """Return everything openxml-audit reports on a .pptx, errors and warnings alike.

    ``severity part path: description``; none for a deck that validates. It reads a file, so
    the deck is written to a temporary one; it needs no network.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.pptx"
        path.write_bytes(data)
        result = _VALIDATOR.validate(path)
    return [f"{e.severity.value} {e.part_uri} {e.path}: {e.description}" for e in result.errors]


class Package:
    """A .pptx's XML parts and how they relate."""

    def __init__(self, data: bytes) -> None:
        """Read every part of the zip."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}

    def xml(self, name: str) -> etree._Element:
        """Return a part's root element."""
        return etree.fromstring(self.parts[name])

    def related(self, name: str, kind: str) -> list[str]:
        """Return the parts ``name`` points to with relationships of ``kind`` (``slideLayout``)."""
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.parts:
            return []
        return [
            posixpath.normpath(posixpath.join(folder, rel.get("Target")))
            for rel in self.xml(rels).findall("rel:Relationship", NS)
            if rel.get("Type").rsplit("/", 1)[-1] == kind and rel.get("TargetMode") != "External"
        ]

    def target(self, name: str, rel_id: str) -> str:
        """Return the part a relationship id of ``name`` points to."""
        folder, base = posixpath.split(name)
        for rel in self.xml(posixpath.join(folder, "_rels", base + ".rels")):
            if rel.get("Id") == rel_id:
                return posixpath.normpath(posixpath.join(folder, rel.get("Target")))
        raise KeyError(f"{name} has no relationship {rel_id}")

    def slides(self) -> list[str]:
        """Return the slide parts in the order the deck shows them."""
        ids = self.xml("ppt/presentation.xml").findall("p:sldIdLst/p:sldId", NS)
        return [self.target("ppt/presentation.xml", i.get(f"{{{NS['r']}}}id")) for i in ids]

    def one(self, name: str, kind: str) -> str:
        """Return the one part ``name`` relates to by ``kind``: a slide's layout, its master."""
        (found,) = self.related(name, kind)
        return found
