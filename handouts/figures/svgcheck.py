"""Read a curator's SVG file safely, or say exactly why it is refused.

An SVG is XML, and XML can reach out: entities that expand a few bytes into gigabytes or
read a file off the disk, references to other files or to the network, scripts, embedded
HTML. None of that is needed for a line drawing, so all of it is refused before anything
draws the file: lxml parses with entities unresolved, no network and no DTD; a DOCTYPE, an
entity, an element outside a closed list (``script``, ``foreignObject``, ``image`` among
those left out), an event attribute (``onload``) or a reference that leaves the file
(``href`` or ``url()`` not starting ``#``) is a problem; and the file's size and its number
of elements are limited. Only then does ``svgpicture`` hand the tree to svglib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_BYTES = 256 * 1024
"""The largest SVG file read: a line drawing is a few kilobytes."""
MAX_ELEMENTS = 5000
"""The most elements an SVG may hold."""

SVG = "http://www.w3.org/2000/svg"
"""The SVG namespace."""
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
"""SVG 1.1's reference attribute."""

ALLOWED = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "metadata", "style", "symbol", "use",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "clipPath", "linearGradient", "radialGradient", "stop",
    }
)  # fmt: skip
"""The SVG elements a drawing may use: shapes, groups, text and their styling."""
NAMED = {"script": "a script", "foreignObject": "embedded HTML (foreignObject)"}
"""Refused elements worth naming for what they are."""
_OUTSIDE = re.compile(r"url\(\s*(?!['\"]?#)", re.IGNORECASE)
"""A CSS ``url(`` that does not point inside the file."""


@dataclass(frozen=True)
class SvgProblem(Exception):
    """Why an SVG file was refused: what was expected and what arrived."""

    message: str
    """The reason, worded like every content problem (``expected ... but got ...``)."""


def _line(node: Any) -> str:
    """Return ``on line N`` for an element, as a curator opening the SVG finds it."""
    return f" on line {node.sourceline}" if getattr(node, "sourceline", None) else ""


def _local(node: Any) -> tuple[str, str]:
    """Return an element's namespace and local name."""
    from lxml import etree  # imported here: only content with an SVG figure needs lxml

    qname = etree.QName(node)
    return qname.namespace or "", qname.localname


def parse(data: bytes) -> Any:
    """Return the root of a well-formed SVG document, parsed with nothing resolved or fetched."""
    from lxml import etree  # imported here: a --check or a build of content with no SVG is
    # 20 ms quicker

    # Before the parser sees it: lxml before 5 stops at some entity tricks with errors of its
    # own, so a DOCTYPE is refused in the same words by every version.
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise SvgProblem("expected no DOCTYPE (entities are never read) but got one")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as error:
        reason = re.sub(r", line \d+, column \d+$", "", str(error.msg or error))
        raise SvgProblem(
            f"expected well-formed SVG but got an XML error on line {error.lineno}: {reason}"
        ) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise SvgProblem("expected no DOCTYPE (entities are never read) but got one")
    return tree.getroot()


def _check_attributes(node: Any) -> None:
    from lxml import etree

    for name, value in node.attrib.items():
        local = etree.QName(name).localname
        if local.lower().startswith("on"):
            raise SvgProblem(
                f"expected no script but got the attribute {local}={value!r}{_line(node)}"
            )
        if (name == XLINK_HREF or local == "href") and not value.strip().startswith("#"):
            raise SvgProblem(
                'expected only references inside the file (href="#id") but got '
                f"href={value!r}{_line(node)}"
            )
        if _OUTSIDE.search(value):
            raise SvgProblem(
                "expected only references inside the file (url(#id)) but got "
                f"{local}={value!r}{_line(node)}"
            )


def check(root: Any) -> None:
    """Raise ``SvgProblem`` unless the tree is an SVG of allowed elements that stays inside."""
    namespace, name = _local(root)
    if (namespace, name) != (SVG, "svg"):
        shown = f"{{{namespace}}}{name}" if namespace else name
        raise SvgProblem(f"expected an <svg> root element in the SVG namespace but got <{shown}>")
    count = 0
    for node in root.iter():
        if not isinstance(node.tag, str):  # an entity reference left unresolved
            raise SvgProblem(f"expected no entities but got {node!s}{_line(node)}")
        count += 1
        if count > MAX_ELEMENTS:
            raise SvgProblem(f"expected at most {MAX_ELEMENTS} elements but got more")
        namespace, name = _local(node)
        if any(_local(up) == (SVG, "metadata") for up in node.iterancestors()):
            continue  # an editor's notes, never drawn
        if name in NAMED:
            raise SvgProblem(f"expected a drawing but got {NAMED[name]} <{name}>{_line(node)}")
        if namespace != SVG or name not in ALLOWED:
            raise SvgProblem(f"expected only shapes, groups and text but got <{name}>{_line(node)}")
        _check_attributes(node)
        if name == "style" and node.text and ("@import" in node.text or _OUTSIDE.search(node.text)):
            raise SvgProblem(
                "expected a style sheet that stays inside the file but got @import or url()"
                + _line(node)
            )


def read(path: Path) -> Any:
    """Return the checked root of the SVG at ``path``, or raise ``SvgProblem``."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SvgProblem(
                f"expected an SVG file of at most {MAX_BYTES // 1024} KB but got "
                f"{-(-size // 1024)} KB"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may grow after stat()
    except OSError as error:
        raise SvgProblem(
            f"expected a readable SVG file but got {error.strerror or error}"
        ) from None
    if len(data) > MAX_BYTES:
        raise SvgProblem(f"expected an SVG file of at most {MAX_BYTES // 1024} KB but got more")
    root = parse(data)
    check(root)
    return root
