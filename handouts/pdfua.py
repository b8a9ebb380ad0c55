"""Check a PDF against the machine-checkable failure conditions of PDF/UA-1 (Matterhorn).

veraPDF, the reference validator, cannot be installed where this project is built, so
this is an independent checker over pikepdf: it reads a file as any reader would and
shares no code with the tagger that wrote it. ``check(data)`` returns every failure found,
each with the Matterhorn protocol's condition number (``01-005``) where there is one, or
the PDF/UA-1 clause. ``docs/pdfua.md`` lists what is checked and what needs a person.

``python -m handouts.pdfua FILE.pdf ...`` prints the failures and exits 1 if there are any.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
from pikepdf import Dictionary

_TYPES = """Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note
Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form"""
STANDARD_TYPES = frozenset(_TYPES.split())
"""The standard structure types of ISO 32000-1, 14.8.4."""
_PAINT = frozenset(b"S s f F f* B B* b b* sh Tj TJ ' \" Do".split()) | {b"INLINE IMAGE"}
_TABLE_KIDS = {"Table": {"TR", "THead", "TBody", "TFoot", "Caption"}, "TR": {"TH", "TD"}}
_TABLE_PARENTS = {"TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"}}
_LIST_KIDS = {"L": {"LI", "Caption", "L"}, "LI": {"Lbl", "LBody"}}
_LIST_PARENTS = {"LI": {"L"}, "LBody": {"LI"}, "Lbl": {"LI"}}
_LANG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Failure:
    """One failure condition met."""

    rule: str
    """The Matterhorn condition (``01-005``) or the PDF/UA-1 clause (``7.1``)."""
    where: str
    """What it concerns: ``page 2``, ``document``, a structure element."""
    what: str
    """What was expected and what was found."""

    def __str__(self) -> str:
        """Return the failure as one line."""
        return f"{self.rule}: {self.where}: {self.what}"


def check(data: bytes) -> list[Failure]:
    """Return every failure condition the PDF ``data`` meets; empty if none."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return list(_Checker(pdf).run())


class _Checker:
    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.catalog = pdf.Root
        self.pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        root = self.catalog.get("/StructTreeRoot")
        self.root = root if isinstance(root, Dictionary) else None
        role_map = self.root.get("/RoleMap", {}) if self.root is not None else {}
        self.role_map = {str(k)[1:]: str(v)[1:] for k, v in dict(role_map).items()}
        self.parent_tree = _numbers(self.root.get("/ParentTree")) if self.root else {}
        self.fonts_seen: set[tuple[int, int]] = set()

    def run(self) -> Iterator[Failure]:
        yield from self._document()
        yield from self._structure()
        for number, page in enumerate(self.pdf.pages, start=1):
            yield from self._content(number, page)
            yield from self._annotations(number, page)

    def _document(self) -> Iterator[Failure]:
        catalog = self.catalog
        mark = catalog.get("/MarkInfo")
        if not isinstance(mark, Dictionary) or mark.get("/Marked") is not True:
            yield Failure("7.1", "document", "expected /MarkInfo <</Marked true>>")
        elif mark.get("/Suspects") is True:
            yield Failure("01-007", "document", "/MarkInfo /Suspects is true")
        prefs = catalog.get("/ViewerPreferences")
        if not isinstance(prefs, Dictionary) or "/DisplayDocTitle" not in prefs:
            yield Failure("07-001", "document", "no /ViewerPreferences /DisplayDocTitle")
        elif prefs.DisplayDocTitle is not True:
            yield Failure("07-002", "document", "/DisplayDocTitle is false")
        lang = str(catalog.get("/Lang", ""))
        if not _LANG.match(lang):
            yield Failure("11-006", "document", f"expected a language tag in /Lang, got {lang!r}")
        metadata = catalog.get("/Metadata")
        if not isinstance(metadata, pikepdf.Stream):
            yield Failure("06-001", "document", "no XMP metadata stream")
        else:
            xmp = metadata.read_bytes().decode("utf-8", "replace")
            if not re.search(r"pdfuaid:part(>\s*|=\")1\b", xmp):
                yield Failure("06-002", "document", "XMP does not say pdfuaid:part 1")
            if not re.search(r"<dc:title>.*?<rdf:li[^>]*>\s*\S", xmp, re.S):
                yield Failure("06-003", "document", "XMP has no dc:title")
        if self.root is None:
            yield Failure("01-005", "document", "no structure tree: no content is tagged")

    def _structure(self) -> Iterator[Failure]:
        if self.root is None:
            return
        last_heading = 0
        for element, parent, path in _elements(self.root):
            kind = str(element.get("/S", ""))[1:]
            standard = self._standard(kind)
            if standard is None:
                yield Failure(
                    "02-003", path, f"structure type {kind!r} is neither standard nor mapped"
                )
                continue
            parent_kind = self._standard(str(parent.get("/S", ""))[1:]) if parent else None
            yield from self._nesting(standard, parent_kind, element, path)
            if standard == "Figure" and not (
                str(element.get("/Alt", "")).strip() or str(element.get("/ActualText", "")).strip()
            ):
                yield Failure("13-004", path, "a Figure has no /Alt")
            if standard == "TH" and not self._scope(element):
                yield Failure("15-003", path, "a TH has no /Scope attribute")
            if re.fullmatch(r"H[1-6]", standard):
                level = int(standard[1])
                if last_heading == 0 and level != 1:
                    yield Failure("14-002", path, f"the first heading is {standard}, not H1")
                elif level > last_heading + 1 and last_heading:
                    yield Failure("14-003", path, f"H{last_heading} is followed by {standard}")
                last_heading = level

    def _standard(self, kind: str) -> str | None:
        """Return the standard type ``kind`` is or is mapped to; None if neither."""
        seen = set()
        while kind not in STANDARD_TYPES:
            if kind in seen or kind not in self.role_map:
                return None
            seen.add(kind)
            kind = self.role_map[kind]
        return kind

    def _nesting(
        self, kind: str, parent: str | None, element: Dictionary, path: str
    ) -> Iterator[Failure]:
        kids = [self._standard(str(k.get("/S", ""))[1:]) for k in _element_kids(element)]
        for rule, allowed_kids, allowed_parents in (
            ("09-004", _TABLE_KIDS, _TABLE_PARENTS),
            ("09-005", _LIST_KIDS, _LIST_PARENTS),
        ):
            if kind in allowed_parents and parent not in allowed_parents[kind]:
                yield Failure(rule, path, f"a {kind} inside a {parent}")
            if kind in allowed_kids:
                for kid in kids:
                    if kid not in allowed_kids[kind]:
                        yield Failure(rule, path, f"a {kid} inside a {kind}")

    @staticmethod
    def _scope(element: Dictionary) -> bool:
        attrs = element.get("/A")
        listed = attrs if isinstance(attrs, pikepdf.Array) else [attrs]
        return any(isinstance(a, Dictionary) and "/Scope" in a for a in listed) or (
            "/Headers" in element
        )

    def _content(self, number: int, page: pikepdf.Page) -> Iterator[Failure]:
        where = f"page {number}"
        key = page.obj.get("/StructParents")
        mapped = self.parent_tree.get(int(key)) if key is not None else None
        mcids: list[int] = []
        untagged = 0
        stack: list[tuple[bool, int | None]] = []  # (artifact, mcid) of each open sequence
        for operands, operator in pikepdf.parse_content_stream(page):
            op = bytes(operator)
            if op in (b"BDC", b"BMC"):
                tag = str(operands[0])[1:]
                props = operands[1] if op == b"BDC" else None
                mcid = None
                if isinstance(props, Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                artifact = tag == "Artifact"
                in_artifact = any(a for a, _ in stack)
                in_tagged = any(m is not None for _, m in stack)
                if mcid is not None and in_artifact:
                    yield Failure("01-004", where, f"MCID {mcid} inside an artifact")
                if artifact and in_tagged:
                    yield Failure("01-003", where, "an artifact inside tagged content")
                if mcid is not None:
                    mcids.append(mcid)
                stack.append((artifact, mcid))
            elif op == b"EMC":
                if stack:
                    stack.pop()
            elif op in _PAINT and not any(a or m is not None for a, m in stack):
                untagged += 1
        if untagged:
            yield Failure(
                "01-005", where, f"{untagged} painting operators neither tagged nor artifact"
            )
        if mcids and not isinstance(mapped, pikepdf.Array):
            yield Failure(
                "01-005", where, "marked content but no /StructParents in the parent tree"
            )
        elif mcids:
            for mcid in mcids:
                element = mapped[mcid] if mcid < len(mapped) else None
                if not isinstance(element, Dictionary) or mcid not in _mcids_of(element, page.obj):
                    yield Failure("01-005", where, f"MCID {mcid} belongs to no structure element")
        yield from self._fonts(where, page.obj, set())

    def _fonts(
        self, where: str, owner: Dictionary, seen: set[tuple[int, int]]
    ) -> Iterator[Failure]:
        """Check every font a content stream can use, and those of the forms it draws."""
        resources = owner.get("/Resources", Dictionary())
        for font in dict(resources.get("/Font", {})).values():
            if font.objgen in self.fonts_seen and font.objgen != (0, 0):
                continue
            self.fonts_seen.add(font.objgen)
            yield from _font(where, font)
        for xobject in dict(resources.get("/XObject", {})).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from self._fonts(where, xobject, seen)

    def _annotations(self, number: int, page: pikepdf.Page) -> Iterator[Failure]:
        where = f"page {number}"
        annots = [a for a in page.obj.get("/Annots", ()) if a.get("/Subtype") != "/Popup"]
        if annots and page.obj.get("/Tabs") != "/S":
            yield Failure("28-008", where, "a page with annotations has no /Tabs /S")
        for annot in annots:
            title = _inherited(annot, "/T")
            name = str(title if title is not None else annot.get("/Subtype"))
            key = annot.get("/StructParent")
            element = self.parent_tree.get(int(key)) if key is not None else None
            if not isinstance(element, Dictionary) or not _refers_to(element, annot):
                yield Failure("28-002", where, f"annotation {name} is not in the structure tree")
            elif (
                annot.get("/Subtype") == "/Widget" and self._standard(str(element.S)[1:]) != "Form"
            ):
                yield Failure("28-010", where, f"widget {name} is not in a Form element")
            if annot.get("/Subtype") == "/Widget":
                tip = _inherited(annot, "/TU")
                if tip is None or not str(tip).strip():
                    yield Failure("7.18.1", where, f"field {name} has no /TU to name it")
                appearance = annot.get("/AP")
                if not isinstance(appearance, Dictionary) or "/N" not in appearance:
                    yield Failure("7.18.1", where, f"widget {name} has no appearance of its own")
                else:
                    for stream in _appearances(appearance):
                        yield from self._fonts(where, stream, set())


def _font(where: str, font: Dictionary) -> Iterator[Failure]:
    """Check that a font is embedded and maps its codes to Unicode."""
    name = str(font.get("/BaseFont", font.get("/Subtype")))
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return
    descriptor = font.get("/FontDescriptor")
    if subtype == "/Type0":
        descendant = font.DescendantFonts[0]
        descriptor = descendant.get("/FontDescriptor")
    embedded = isinstance(descriptor, Dictionary) and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
    )
    if not embedded:
        yield Failure("31-009", where, f"font {name} is not embedded")
    standard = font.get("/Encoding") in ("/WinAnsiEncoding", "/MacRomanEncoding")
    if "/ToUnicode" not in font and (subtype == "/Type0" or not standard):
        yield Failure("31-027", where, f"font {name} has no /ToUnicode map")


def _numbers(tree: object) -> dict[int, pikepdf.Object]:
    """Return a number tree's entries."""
    out: dict[int, pikepdf.Object] = {}
    todo = [tree]
    while todo:
        node = todo.pop()
        if not isinstance(node, Dictionary):
            continue
        nums = node.get("/Nums", ())
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
        todo += list(node.get("/Kids", ()))
    return out


def _element_kids(element: Dictionary) -> list[Dictionary]:
    """Return an element's child elements (not its marked content or object references)."""
    kids = element.get("/K")
    listed = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [
        k for k in listed if isinstance(k, Dictionary) and k.get("/Type") not in ("/MCR", "/OBJR")
    ]


def _elements(root: Dictionary) -> Iterator[tuple[Dictionary, Dictionary | None, str]]:
    """Yield every structure element in reading order, with its parent and its path."""
    kids = root.get("/K")
    todo = [
        (k, None, "") for k in reversed(list(kids) if isinstance(kids, pikepdf.Array) else [kids])
    ]
    seen: set[tuple[int, int]] = set()
    while todo:
        element, parent, path = todo.pop()
        if not isinstance(element, Dictionary) or element.objgen in seen:
            continue
        if element.objgen != (0, 0):
            seen.add(element.objgen)
        here = f"{path}/{str(element.get('/S', '?'))[1:]}"
        yield element, parent, here
        todo += [(k, element, here) for k in reversed(_element_kids(element))]


def _mcids_of(element: Dictionary, page: Dictionary) -> set[int]:
    """Return the MCIDs on ``page`` that an element names as its content."""
    kids = element.get("/K")
    listed = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    own_page = element.get("/Pg")
    out = set()
    for kid in listed:
        if isinstance(kid, int):
            if own_page is not None and own_page.objgen == page.objgen:
                out.add(int(kid))
        elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
            where = kid.get("/Pg", own_page)
            if where is not None and where.objgen == page.objgen:
                out.add(int(kid.MCID))
    return out


def _refers_to(element: Dictionary, annot: Dictionary) -> bool:
    """Tell whether an element holds an object reference to the annotation."""
    kids = element.get("/K")
    listed = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return any(
        isinstance(k, Dictionary)
        and k.get("/Type") == "/OBJR"
        and k.get("/Obj") is not None
        and k.Obj.objgen == annot.objgen
        for k in listed
    )


def _inherited(field: Dictionary, key: str) -> object:
    """Return a field's entry, looked up through its parents."""
    node, depth = field, 0
    while isinstance(node, Dictionary) and depth < 50:
        if key in node:
            return node[key]
        node, depth = node.get("/Parent"), depth + 1
    return None


def _appearances(appearance: Dictionary) -> Iterator[pikepdf.Stream]:
    """Yield every appearance stream (each state of normal, rollover and down)."""
    for entry in dict(appearance).values():
        if isinstance(entry, pikepdf.Stream):
            yield entry
        elif isinstance(entry, Dictionary):
            yield from (s for s in dict(entry).values() if isinstance(s, pikepdf.Stream))


def main(argv: list[str] | None = None) -> int:
    """Check each file named; print its failures; return 1 if any file has one."""
    failed = False
    for name in argv if argv is not None else sys.argv[1:]:
        with open(name, "rb") as handle:
            found = check(handle.read())
        print(f"{name}: {'PASS' if not found else f'{len(found)} failures'}")
        for failure in found:
            print(f"  {failure}")
        failed = failed or bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
