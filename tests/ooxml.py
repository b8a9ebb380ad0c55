"""Read a written .pptx as its XML parts, with lxml: what any other program reading it gets.

No python-pptx here: the tests that use this check the file itself, part by part, the way
a schema validator or a screen reader's office suite reads it.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
"""The namespaces the tests look into, by the prefixes PowerPoint gives them."""

SCHEMAS = Path(__file__).parent / "fixtures" / "ooxml-schemas"
"""The ECMA-376 Transitional schemas (see the README there)."""

_ROOT_SCHEMAS = (
    "pml.xsd",  # slides, layouts, masters, notes, presentation, properties, views
    "dml-main.xsd",  # themes, table styles
    "dml-chart.xsd",  # charts
    "shared-documentPropertiesExtended.xsd",  # docProps/app.xml
    "shared-documentPropertiesCustom.xsd",  # docProps/custom.xml (a clinic template's)
    "opc-contentTypes.xsd",  # [Content_Types].xml
    "opc-relationships.xsd",  # every .rels
)
"""The schemas whose elements can be a part's root; they import the rest."""

NOT_VALIDATED = {"docProps/core.xml"}
"""Parts with no schema here: core properties import Dublin Core's from the web."""


@functools.cache
def schema() -> etree.XMLSchema:
    """Return one schema holding every root schema, read from the files here, offline."""
    imports = ""
    for name in _ROOT_SCHEMAS:
        namespace = etree.parse(str(SCHEMAS / name)).getroot().get("targetNamespace")
        location = (SCHEMAS / name).as_uri()
        imports += f'<xsd:import namespace="{namespace}" schemaLocation="{location}"/>'
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def problems(data: bytes) -> list[str]:
    """Return every schema error in a .pptx, ``part:line: message``; none for a valid deck."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")) or name in NOT_VALIDATED:
                continue
            checker = schema()
            if not checker.validate(etree.fromstring(archive.read(name))):
                found += [f"{name}:{e.line}: {e.message}" for e in checker.error_log]
    return found


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
