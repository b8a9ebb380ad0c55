"""Save a deck so the same lesson gives the same bytes: fixed properties, times and dates.

A .pptx is a zip whose members record when they were written, with a chart's Excel
workbook (another zip) inside; both are stamped with 1980-01-01, and the document's own
dates with the day its content was reviewed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation as PresentationType

from handouts.errors import RenderError
from handouts.outline.document import Meta

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip member's time: the earliest a zip can record."""
_WORKBOOK_TIME = dt.datetime(*ZIP_TIME)
_DOS_DATE_1980 = 1 << 5 | 1  # 1 January 1980 in a zip header's date field; time 0 is 00:00
_OFFICE_MOST = 255
"""Office keeps at most this many characters of a document property."""
_VIEW_PROPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    b'<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
    b'<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'
)
"""How PowerPoint opens a deck whose template had no view properties: its normal view."""


def deck_bytes(prs: PresentationType, meta: Meta, when: dt.date) -> bytes:
    """Set the deck's properties from its outline and return its bytes, times fixed."""
    props = prs.core_properties
    moment = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    props.title = meta.title[:_OFFICE_MOST]
    props.subject = meta.subject[:_OFFICE_MOST]
    props.author = meta.author[:_OFFICE_MOST]
    props.last_modified_by = meta.author[:_OFFICE_MOST]
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.keywords = ", ".join(meta.keywords)
    props.comments = meta.comment
    props.language = meta.lang
    _add_view_props(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    return fixed_times(buffer.getvalue())


def _add_view_props(prs: PresentationType) -> None:
    # ECMA-376 makes the part optional, but PowerPoint offers to repair a deck without one
    # (Impress writes none); python-pptx's own template has one, which we keep.
    part = prs.part
    if any(rel.reltype == RT.VIEW_PROPS for rel in part.rels.values()):
        return
    view = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, part.package, _VIEW_PROPS)
    part.relate_to(view, RT.VIEW_PROPS)


def fixed_times(data: bytes) -> bytes:
    """Set every member time of a zip written just now to 1980-01-01, in place.

    Only the time fields change: nothing is compressed again. Raises ``RenderError`` if a
    header is not where the zip's directory says (a zip writer we do not know).
    """
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members, directory = archive.infolist(), archive.start_dir  # type: ignore[attr-defined]
    for info in members:
        _expect(out, info.header_offset, b"PK\x03\x04", info.filename)
        struct.pack_into("<HH", out, info.header_offset + 10, 0, _DOS_DATE_1980)
    at = directory
    for info in members:
        _expect(out, at, b"PK\x01\x02", info.filename)
        struct.pack_into("<HH", out, at + 12, 0, _DOS_DATE_1980)
        name, extra, comment = struct.unpack_from("<HHH", out, at + 28)
        at += 46 + name + extra + comment
    return bytes(out)


def _expect(data: bytearray, at: int, signature: bytes, member: str) -> None:
    if data[at : at + 4] != signature:
        raise RenderError(
            f"expected a zip header {signature!r} at byte {at} of a deck, for {member}, but "
            f"found {bytes(data[at : at + 4])!r}; its times cannot be fixed"
        )


def fixed_workbook(data: bytes) -> bytes:
    """Rewrite a chart's Excel workbook with its creation date and member times fixed.

    It is written anew, as its dates are inside a compressed member; it is a few kilobytes.
    """
    stamp = _WORKBOOK_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    blob,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, blob)
    return out.getvalue()
