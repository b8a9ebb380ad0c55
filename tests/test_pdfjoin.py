"""Joining PDFs for a roster's print file, read back with pypdf, qpdf and poppler."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from reportlab.pdfgen.canvas import Canvas

from handouts import pdfjoin


def small_pdf(path: Path, person: str, pages: int, fields: list[str]) -> None:
    """Write a PDF of ``pages`` pages, each saying whose page it is, with form fields on the
    first page named as a program names them: the person first, then dotted parts."""
    canvas = Canvas(str(path))
    for page in range(1, pages + 1):
        canvas.drawString(72, 720, f"{person} page {page}")
        if page == 1:
            for i, name in enumerate(fields):
                box = {"x": 72, "y": 600 - 30 * i, "width": 120, "height": 20}
                if name.endswith("check"):
                    canvas.acroForm.checkbox(name=f"{person}.{name}", x=72, y=600 - 30 * i)
                else:
                    canvas.acroForm.textfield(name=f"{person}.{name}", **box)
        canvas.showPage()
    canvas.save()


FIELDS = ["header.clinic", "walk.plan.minutes", "walk.plan.days", "walk.check", "log.1.date"]


def people(folder: Path, count: int) -> list[Path]:
    """Write ``count`` small programs of one to four pages; return them in order."""
    paths = []
    for i in range(count):
        path = folder / f"pt-{i:03d}.pdf"
        small_pdf(path, f"pt-{i:03d}", 1 + i % 4, FIELDS)
        paths.append(path)
    return paths


def joined(paths: list[Path], target: Path) -> pypdf.PdfReader:
    with target.open("wb") as handle:
        pdfjoin.join(paths, handle)
    return pypdf.PdfReader(target)


def largest_arrays(reader: pypdf.PdfReader) -> dict[str, int]:
    """Walk every object in the file; return the longest array found under each key."""
    found: dict[str, int] = {}

    def walk(value: object, key: str) -> None:
        if isinstance(value, ArrayObject):
            found[key] = max(found.get(key, 0), len(value))
            for item in value:
                walk(item, key)
        elif isinstance(value, DictionaryObject):
            for name, item in value.items():
                if not isinstance(item, IndirectObject):
                    walk(item, name)

    for number in range(1, int(reader.trailer["/Size"])):
        walk(reader.get_object(number), "")
    return found


def terminal_fields(reader: pypdf.PdfReader) -> dict[str, list[str]]:
    """Map each widget's full field name, built from its partial names, to their parts."""
    names: dict[str, list[str]] = {}
    for page in reader.pages:
        for ref in page.get("/Annots", []):
            node = ref.get_object()
            parts = []
            while node is not None:
                parts.insert(0, str(node["/T"]))
                node = node.get("/Parent")
                node = node.get_object() if node is not None else None
            assert ".".join(parts) not in names, "two widgets share a name: one fills both"
            names[".".join(parts)] = parts
    return names


def assert_table_is_true(path: Path) -> None:
    """Check that every entry of the cross-reference table points at its object."""
    data = path.read_bytes()
    start = int(data[data.rindex(b"startxref") + 9 :].split()[0])
    head = data[start:].split(b"\n", 3)
    assert head[0] == b"xref" and head[1].startswith(b"0 ")
    size = int(head[1].split()[1])
    table = data[start + len(head[0]) + len(head[1]) + 2 :][: 20 * size]
    for number in range(1, size):
        offset = int(table[20 * number : 20 * number + 10])
        assert data.startswith(b"%d 0 obj" % number, offset), number


def page_owners(reader: pypdf.PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.parametrize("fan_out", [3, pdfjoin.FAN_OUT])
def test_many_files_join_in_order_with_every_field_and_no_long_array(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fan_out: int
) -> None:
    # With a fan-out of 3, 40 files need four levels and a file of 4 pages two nodes of its
    # own; with the real one, 2 x FAN_OUT + 7 files need one level of groups.
    monkeypatch.setattr(pdfjoin, "FAN_OUT", fan_out)
    count = 40 if fan_out == 3 else 2 * fan_out + 7
    paths = people(tmp_path, count)
    reader = joined(paths, tmp_path / "all.pdf")
    assert_table_is_true(tmp_path / "all.pdf")
    expected = [f"pt-{i:03d} page {p}" for i in range(count) for p in range(1, 2 + i % 4)]
    assert page_owners(reader) == expected
    # No array grows with the number of files: the trees' are bounded, the others are
    # as long as in one file.
    arrays = largest_arrays(reader)
    assert arrays["/Kids"] <= fan_out and arrays["/Fields"] <= fan_out, arrays
    alone = {}
    for path in paths[:4]:
        for key, size in largest_arrays(pypdf.PdfReader(path)).items():
            alone[key] = max(alone.get(key, 0), size)
    alone["/Kids"] = alone["/Fields"] = fan_out
    alone["/Dest"] = 2  # each file's bookmark: its first page, fitted in the window
    assert all(size <= alone.get(key, 0) for key, size in arrays.items()), arrays
    names = terminal_fields(reader)
    assert len(names) == count * len(FIELDS)
    assert all("." not in part for parts in names.values() for part in parts)
    # Every person's fields, under their file's name (under groups of files when many).
    for i in range(count):
        mine = [n for n, parts in names.items() if f"pt-{i:03d}" in parts]
        assert sorted(n.split(f"pt-{i:03d}.", 1)[1] for n in mine) == sorted(FIELDS)
    fields = reader.get_fields() or {}
    assert set(names) <= set(fields)
    assert fields[next(n for n in names if n.endswith("pt-039.walk.plan.days"))]["/FT"] == "/Tx"


def test_a_few_files_keep_the_field_names_of_each_file(tmp_path: Path) -> None:
    reader = joined(people(tmp_path, 3), tmp_path / "all.pdf")
    names = terminal_fields(reader)
    assert sorted(names) == sorted(f"pt-{i:03d}.{f}" for i in range(3) for f in FIELDS)
    assert names["pt-001.walk.plan.minutes"] == ["pt-001", "walk", "plan", "minutes"]
    form = reader.trailer["/Root"]["/AcroForm"]
    assert [str(f.get_object()["/T"]) for f in form["/Fields"]] == [
        "pt-000",
        "pt-001",
        "pt-002",
    ]


def test_names_that_do_not_nest_are_kept_as_they_are(tmp_path: Path) -> None:
    # "x.plan" is a field and also the start of "x.plan.days": no field can be both.
    small_pdf(tmp_path / "a.pdf", "x", 1, ["plan", "plan.days"])
    small_pdf(tmp_path / "b.pdf", "y", 2, ["header.clinic"])
    reader = joined([tmp_path / "a.pdf", tmp_path / "b.pdf"], tmp_path / "all.pdf")
    assert_table_is_true(tmp_path / "all.pdf")
    assert sorted(terminal_fields(reader)) == ["x.plan", "x.plan.days", "y.header.clinic"]
    assert page_owners(reader) == ["x page 1", "y page 1", "y page 2"]


def test_the_joined_file_reads_in_qpdf_and_poppler(tmp_path: Path) -> None:
    if not (shutil.which("qpdf") and shutil.which("pdftoppm")):
        pytest.skip("qpdf and poppler are not installed")
    target = tmp_path / "all.pdf"
    joined(people(tmp_path, pdfjoin.FAN_OUT + 1), target)
    check = subprocess.run(["qpdf", "--check", str(target)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout
    last = len(pypdf.PdfReader(target).pages)
    for page in (1, last):
        drawn = subprocess.run(
            ["pdftoppm", "-r", "20", "-png", "-f", str(page), "-l", str(page), str(target)],
            capture_output=True,
        )
        assert drawn.returncode == 0 and drawn.stdout.startswith(b"\x89PNG"), drawn.stderr


def test_joining_writes_what_it_says(tmp_path: Path) -> None:
    paths = people(tmp_path, 5)
    handle = io.BytesIO()
    assert pdfjoin.join(paths, handle) == sum(1 + i % 4 for i in range(5))
    assert handle.getvalue().startswith(b"%PDF-1.7") and handle.getvalue().endswith(b"%%EOF\n")


def test_printed_on_both_sides_every_file_starts_on_a_front_side(tmp_path: Path) -> None:
    # One, two, three and four pages, and a last file of odd pages: no blank after it.
    (tmp_path / "more").mkdir()
    paths = [*people(tmp_path, 4), people(tmp_path / "more", 1)[0]]
    target = tmp_path / "all.pdf"
    with target.open("wb") as handle:
        count = pdfjoin.join(paths, handle, duplex=True)
    reader = pypdf.PdfReader(target)
    assert_table_is_true(target)
    owners = page_owners(reader)
    assert count == len(owners) == 1 + 1 + 2 + 3 + 1 + 4 + 1
    assert owners == [
        "pt-000 page 1",
        "",  # blank: the back of pt-000's only page
        "pt-001 page 1",
        "pt-001 page 2",
        "pt-002 page 1",
        "pt-002 page 2",
        "pt-002 page 3",
        "",
        "pt-003 page 1",
        "pt-003 page 2",
        "pt-003 page 3",
        "pt-003 page 4",
        "pt-000 page 1",
    ]
    starts = [n + 1 for n, text in enumerate(owners) if text.endswith(" page 1")]
    assert all(n % 2 == 1 for n in starts)  # pages 1, 3, 5, 9, 13: each a front side
    blank = reader.pages[1]
    assert blank.mediabox == reader.pages[0].mediabox  # the same sheet, the same tray
    assert blank.get_contents() is None and "/Annots" not in blank
