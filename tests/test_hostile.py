"""Regression cases found by hunting hostile input: each once crashed, overlapped or overwrote."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pypdf
import pytest

from handouts import cli, theme
from handouts.errors import ContentError
from handouts.locale import catalogue
from handouts.validate import load_content
from tests.conftest import REPO, edit, problems_of

EN = catalogue("en")

HEADER = "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week\n"


def test_a_long_precaution_list_builds_instead_of_crashing(shipped: Path) -> None:
    item = "    - You have a condition that affects your balance, your heart or your breathing.\n"
    edit(
        shipped / "topics" / "backward-walking.yaml",
        "  caution_if:\n",
        "  caution_if:\n" + item * 9,
    )
    assert cli.main(["--topic", "backward-walking", "--format", "pdf"]) == 0
    text = " ".join(
        p.extract_text()
        for p in pypdf.PdfReader(shipped.parent / "build" / "backward-walking.pdf").pages
    )
    assert " ".join(text.split()).count("affects your balance, your heart or your breathing") == 9


def test_a_long_clinic_name_is_shortened_not_overlapped(shipped: Path) -> None:
    (shipped / "branding.yaml").write_text(
        'clinic_name: "Riverside Physical Therapy & Sports Rehabilitation of Springfield"\n'
    )
    assert cli.main(["--topic", "backward-walking", "--format", "pdf"]) == 0
    reader = pypdf.PdfReader(shipped.parent / "build" / "backward-walking.pdf")
    # Shortened at a word, as every running title is (text.shorten).
    assert "Riverside Physical Therapy &…" in reader.pages[1].extract_text()


def test_roster_files_never_collide(shipped: Path) -> None:
    # Rows without an id are named by a slug of the name, which two people may share (a
    # repeated id is refused instead); the clinician column tells the rows apart here.
    (shipped.parent / "class.csv").write_text(
        HEADER
        + "a-row4,A. F.,2026-11-20,First,backward-walking,2,3\n"
        + ",A,2026-11-20,Second,backward-walking,2,3\n"
        + ",A.,2026-11-20,Third,backward-walking,2,3\n"
        + "class-all,D,2026-11-20,Fourth,backward-walking,2,3\n"
    )
    assert cli.main(["--roster", "class.csv"]) == 0
    folder = shipped.parent / "build" / "roster"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["a-row4-2.pdf", "a-row4.pdf", "a.pdf", "class-all-row5.pdf", "class-all.pdf"]
    owners = {}
    for name in [*names[:-2], "class-all-row5.pdf"]:
        text = pypdf.PdfReader(folder / name).pages[0].extract_text()
        owners[name] = [who for who in ("First", "Second", "Third", "Fourth") if who in text]
    assert owners == {
        "a-row4-2.pdf": ["Third"],
        "a-row4.pdf": ["First"],
        "a.pdf": ["Second"],
        "class-all-row5.pdf": ["Fourth"],
    }
    assert len(pypdf.PdfReader(folder / "class-all.pdf").pages) > 4


def test_a_roster_with_only_its_header_builds_nothing(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shipped.parent / "empty.csv").write_text(HEADER)
    assert cli.main(["--roster", "empty.csv"]) == 1
    assert (
        "expected at least one person but the roster has only its header" in capsys.readouterr().err
    )
    assert not (shipped.parent / "build").exists()


def test_two_prescriptions_for_one_patient_file_are_refused(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(REPO / "prescriptions" / "example.yaml", shipped.parent / name)
    assert cli.main(["--prescription", "a.yaml", "--prescription", "b.yaml"]) == 2
    assert "names the same patient file (pt-0042.pdf)" in capsys.readouterr().err


def test_the_program_id_may_not_be_a_topic_id(shipped: Path) -> None:
    edit(shipped / "program.yaml", "id: retro-training", "id: backward-walking")
    with pytest.raises(ContentError) as caught:
        load_content(shipped)
    assert [p.path for p in caught.value.problems] == ["id"]
    assert "the class files would overwrite that topic's" in caught.value.problems[0].message


def test_a_logo_that_is_not_an_image_is_a_located_error(shipped: Path) -> None:
    (shipped / "logo.png").write_text("not a picture")
    (shipped / "branding.yaml").write_text("logo: logo.png\n")
    assert problems_of(shipped) == [
        "content/branding.yaml:1:7: logo: expected a readable PNG or JPEG image but could not "
        "read it (UnidentifiedImageError)"
    ]


def test_a_fifo_is_refused_without_hanging(shipped: Path) -> None:
    os.mkfifo(shipped / "topics" / "pipe.yaml")
    assert problems_of(shipped) == [
        "content/topics/pipe.yaml: expected a regular file but it is not one"
    ]


def test_an_absurdly_long_number_is_a_located_error(shipped: Path) -> None:
    path = shipped.parent / "rx.yaml"
    text = (REPO / "prescriptions" / "example.yaml").read_text()
    path.write_text(text.replace("sessions_per_week: 3", "sessions_per_week: " + "9" * 5000, 1))
    from handouts.validate import load_prescription

    with pytest.raises(ContentError) as caught:
        load_prescription(path, load_content(shipped))
    assert caught.value.problems[0].path == "topics[0].sessions_per_week"
    assert len(str(caught.value.problems[0])) < 6000


def test_summary_longer_than_office_allows_still_builds_a_deck(shipped: Path) -> None:
    from pptx import Presentation

    long = "A class on moving backward to build strength, balance and confidence " * 4
    edit(
        shipped / "program.yaml",
        "summary: A class on moving backward to build thigh and shin strength, "
        "balance and confidence.",
        f"summary: {long.strip()[:290]}",
    )
    assert cli.main(["--format", "pptx"]) == 0
    prs = Presentation(io.BytesIO((shipped.parent / "build" / "retro-training.pptx").read_bytes()))
    assert len(prs.core_properties.subject) == 255


def test_an_unquoted_colour_is_not_silently_a_comment(shipped: Path) -> None:
    (shipped / "branding.yaml").write_text("colors:\n  primary: #1F3A5F\n")
    assert problems_of(shipped) == [
        "content/branding.yaml:2:11: colors.primary: expected a colour written #RRGGBB but got "
        'nothing; put it in quotes ("#1F3A5F"): unquoted, # starts a comment'
    ]


@pytest.mark.parametrize("number", ["½", "²"])
def test_any_kind_of_number_needs_a_source(shipped: Path, number: str) -> None:
    edit(
        shipped / "topics" / "backward-pedaling.yaml",
        "  - text: Read the safety advice on this sheet, so you know when to stop.\n"
        "    sources: [clinical-practice]",
        f"  - You walk {number} a lap.",
    )
    with pytest.raises(ContentError) as caught:
        load_content(shipped)
    assert caught.value.problems[0].message.startswith(
        f"expected a source for the number {number!r} but got none"
    )


# -- second hunt ----------------------------------------------------------------------------


def test_a_resistance_with_an_en_dash_builds(shipped: Path) -> None:
    rx = shipped.parent / "rx.yaml"
    rx.write_text(
        "patient: {name: J. S.}\ndate: 2026-11-20\nclinician: {name: Alex Rivera}\n"
        "topics:\n  - topic: backward-pedaling\n    minutes: 5\n    sessions_per_week: 3\n"
        "    resistance: level 1–2 (łatwy)\n"
    )
    assert cli.main(["--prescription", str(rx)]) == 0
    pages = pypdf.PdfReader(shipped.parent / "build" / "programs" / "j-s.pdf").pages
    assert "level 1–2 (łatwy)" in " ".join(" ".join(p.extract_text() for p in pages).split())


def test_a_unicode_escape_beyond_the_last_character_is_a_located_error(shipped: Path) -> None:
    edit(
        shipped / "topics" / "backward-walking.yaml",
        "title: Backward walking",
        'title: "Back\\U00110000ward"',
    )
    assert problems_of(shipped)[0].startswith(
        "content/topics/backward-walking.yaml:2:15: YAML syntax error: a \\U escape in a "
        "double-quoted string names no character"
    )


def test_more_than_ten_sources_is_a_located_error(shipped: Path) -> None:
    path = shipped / "topics" / "backward-walking.yaml"
    text = path.read_text()
    start = text.index("\nsources:\n") + len("\nsources:\n")
    first = text[start : text.index("\n  - id:", start + 1) + 1]
    extra = "".join(first.replace("id: ", f"id: extra{i}-", 1) for i in range(10))
    path.write_text(text[:start] + extra + text[start:])
    assert next(p for p in problems_of(shipped) if "sources:" in p).endswith(
        "sources: expected at most 10 items but got 14; every page's footer lists them all, "
        "so keep the ones the text cites"
    )


def test_a_source_title_without_spaces_prints_whole_in_the_source_list(shipped: Path) -> None:
    # It was cut to 47 letters in every page's footer; sources are now listed once, in full.
    topic = shipped / "topics" / "backward-walking.yaml"
    text = topic.read_text()
    title = text.split("sources:\n", 1)[1].split("title: ", 1)[1].split("\n", 1)[0]
    edit(topic, f"title: {title}\n", f"title: {'W' * 300}\n")
    assert cli.main(["--topic", "backward-walking", "--format", "pdf"]) == 0
    pages = pypdf.PdfReader(shipped.parent / "build" / "backward-walking.pdf").pages
    assert "W" * 300 in "".join("".join(p.extract_text().split()) for p in pages)


@pytest.mark.parametrize("kind", ["fifo", "missing"])
def test_a_roster_that_is_not_a_regular_file_is_refused(shipped: Path, kind: str) -> None:
    roster = shipped.parent / "class.csv"
    if kind == "fifo":
        os.mkfifo(roster)
    code = cli.main(["--roster", str(roster), "--check"])
    assert code == 1


def test_a_template_with_a_zero_size_text_placeholder_is_refused(tmp_path: Path) -> None:
    from pptx import Presentation

    from handouts.deck import TemplateProblem, check_template

    prs = Presentation()
    layout = next(x for x in prs.slide_layouts if x.name == "Title and Content")
    layout.placeholders[1].width = 0
    prs.save(tmp_path / "t.pptx")
    with pytest.raises(TemplateProblem, match="text placeholder of the layout 'Title and Content'"):
        check_template(tmp_path / "t.pptx")


def test_a_template_that_unpacks_to_gigabytes_is_refused(tmp_path: Path) -> None:
    import zipfile

    from handouts.deck import TemplateProblem, check_template

    with zipfile.ZipFile(tmp_path / "bomb.pptx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/media/big.bin", b"\0" * (101 * 2**20))
    with pytest.raises(TemplateProblem, match="unpacks to 101 MiB"):
        check_template(tmp_path / "bomb.pptx")


def test_a_key_with_a_line_break_stays_on_one_line(shipped: Path) -> None:
    edit(
        shipped / "topics" / "backward-walking.yaml",
        "title: Backward walking",
        'title: Backward walking\n"ti\\ntle\\e[2J": x',
    )
    problem = next(p for p in problems_of(shipped) if "unknown key" in p)
    assert "\n" not in problem and "\x1b" not in problem
    assert ": ti\\ntle\\x1b[2J: unknown key" in problem


def test_a_long_clinic_name_shrinks_on_the_closing_slide(shipped: Path) -> None:
    from pptx import Presentation
    from pptx.util import Pt

    name = "Riverside Physical Therapy and Sports Rehabilitation Center, " * 4
    (shipped / "branding.yaml").write_text(f"clinic_name: {name.strip(', ')}\n")
    assert cli.main(["--format", "pptx"]) == 0
    closing = list(Presentation(shipped.parent / "build" / "retro-training.pptx").slides)[-1]
    sizes = [
        run.font.size
        for shape in closing.placeholders
        if shape.placeholder_format.idx != 0
        for para in shape.text_frame.paragraphs
        for run in para.runs
    ]
    assert sizes and all(size < Pt(28) for size in sizes)


def test_a_template_whose_notes_master_has_no_text_placeholder_is_refused(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    from handouts.deck import TemplateProblem, check_template

    prs = Presentation()
    for shape in prs.notes_master.placeholders:
        if shape.placeholder_format.type == PP_PLACEHOLDER.BODY:
            shape._element.getparent().remove(shape._element)
    prs.save(tmp_path / "t.pptx")
    with pytest.raises(
        TemplateProblem, match="expected a notes master with a notes text placeholder"
    ):
        check_template(tmp_path / "t.pptx")


def test_a_long_summary_fits_its_section_slide_in_the_class_deck(shipped: Path) -> None:
    from pptx import Presentation

    from handouts import deck, outline
    from handouts.options import DeckOptions

    topic = shipped / "topics" / "backward-walking.yaml"
    lines = topic.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    lines[at] = "summary: " + " ".join(["Wmwm"] * 59)  # 294 characters of wide letters
    topic.write_text("\n".join(lines) + "\n")
    content = load_content(shipped)
    lesson = outline.class_lesson(content.program, content, EN)
    prs = Presentation(io.BytesIO(deck.render(lesson, DeckOptions())))
    section = next(s for s in prs.slides if s.shapes.title.text == "1. Backward walking")
    body = next(p for p in section.placeholders if p.placeholder_format.idx != 0)
    assert _runs_off(prs, _arial) == []
    assert body.text_frame.text == " ".join(["Wmwm"] * 59)  # all of it, at a smaller size


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "topics/backward-walking.yaml",
            "title: Backward walking",
            'title: "Backward walking',
            '2:8: YAML syntax error: expected a closing double quote (") for the text that opens '
            "here but it runs on to the next one, at line 104, column 17; add it where the text "
            "ends",
        ),
        (
            "program.yaml",
            "title: Retro training",
            "title: 'Retro training",
            "4:8: YAML syntax error: expected a closing single quote (') for the text that opens "
            "here but the file ends first; add it where the text ends",
        ),
        (
            "branding.yaml",
            'clinic_name: ""',
            'clinic_name: "Riverside',
            '3:14: YAML syntax error: expected a closing double quote (") for the text that opens '
            "here but it runs on to the next one, at line 4, column 15; add it where the text ends",
        ),
    ],
)
def test_an_unclosed_quote_is_reported_where_it_opens(
    shipped: Path, name: str, old: str, new: str, expected: str
) -> None:
    edit(shipped / name, old, new)
    assert problems_of(shipped) == [f"content/{name}:{expected}"]


def test_an_unclosed_quote_in_a_prescription_is_reported_where_it_opens(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rx = shipped.parent / "rx.yaml"
    rx.write_text(
        (REPO / "prescriptions" / "example.yaml")
        .read_text()
        .replace("name: Alex Rivera, PT", "name: 'Alex Rivera, PT")
    )
    assert cli.main(["--check", "--prescription", "rx.yaml"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "rx.yaml:8:9: YAML syntax error: expected a closing single quote (') for the text "
        "that opens here but the file ends first; add it where the text ends"
    )


def test_a_flow_list_a_thousand_deep_is_a_located_problem(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # hostile-cases/01: libyaml 0.2.6 refuses it with its own error; exit 70 before.
    edit(
        shipped / "program.yaml",
        "topics:\n  - backward-walking\n  - reverse-treadmill-walking\n  - backward-pedaling\n",
        "topics: " + "[" * 1000 + "]" * 1000 + "\n",
    )
    assert cli.main(["--check"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/program.yaml:6:58: expected at most 50 levels of nested lists and mappings "
        "but got more; check the brackets and indentation"
    )


def test_a_cr_only_topic_is_located_on_its_true_line(shipped: Path) -> None:
    # hostile-cases/12: old-Mac line endings made this 1:4690.
    path = shipped / "topics" / "backward-walking.yaml"
    line = path.read_bytes().split(b"\n").index(b"precautions:") + 1  # wherever the content has it
    data = path.read_bytes().replace(b"precautions:", b"precautions:\x07").replace(b"\n", b"\r")
    path.write_bytes(data)
    assert problems_of(shipped) == [
        f"content/topics/backward-walking.yaml:{line}:13: expected printable text but got the "
        "invisible character U+0007; delete it (it often comes with pasted text)"
    ]
    path.write_bytes(data.replace(b"\x07", b"\xff"))
    assert problems_of(shipped) == [
        f"content/topics/backward-walking.yaml:{line}:13: expected UTF-8 text but got the byte "
        "0xFF; save the file as UTF-8 in your editor"
    ]


@pytest.mark.parametrize("name", ["branding.yaml", "program.yaml", "topics/backward-walking.yaml"])
def test_a_broken_link_to_a_content_file_is_reported_not_ignored(shipped: Path, name: str) -> None:
    # hostile-cases/09: a dangling branding.yaml was silently "no branding".
    path = shipped / name
    path.unlink()
    path.symlink_to("/mnt/share/branding.yaml")
    assert problems_of(shipped) == [
        f"content/{name}: expected a file but got a symbolic link to /mnt/share/branding.yaml, "
        "which does not exist; copy the real file in, or connect the drive it is on"
    ]
    path.unlink()
    path.symlink_to(path.name)
    assert problems_of(shipped) == [
        f"content/{name}: cannot read the file: too many levels of symbolic links"
    ]


# -- B5: clinic templates whose text styles set wider type than the theme says --------------

_MONO = 0.602  # DejaVu Sans Mono, and Courier New (0.600): every character this many ems


def _hostile_template(path: Path, kind: str) -> Path:
    """The three templates of hostile-cases/07, made as its make_templates.py makes them."""
    import re
    import zipfile

    from pptx import Presentation

    default = path.with_suffix(".default.pptx")
    Presentation().save(str(default))

    def edit_xml(name: str, data: bytes) -> bytes:
        if name.startswith("ppt/theme/theme"):
            face = b"DejaVu Sans Mono" if kind == "mono-theme" else b"Arial"
            data = re.sub(
                rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*', rb"\1" + face, data
            )
        if name == "ppt/slideMasters/slideMaster1.xml" and kind == "mono-master":
            for ref in (b'typeface="+mn-lt"', b'typeface="+mj-lt"'):
                data = data.replace(ref, b'typeface="DejaVu Sans Mono"')
        if name == "ppt/slideMasters/slideMaster1.xml" and kind == "caps-spaced":
            for style, extra in (
                (b"titleStyle", b' cap="all" spc="300"'),
                (b"bodyStyle", b' spc="500"'),
            ):
                data = re.sub(
                    rb"(<p:" + style + rb">\s*<a:lvl1pPr[^>]*>.*?<a:defRPr)",
                    rb"\1" + extra,
                    data,
                    count=1,
                    flags=re.S,
                )
        return data

    with zipfile.ZipFile(default) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info, edit_xml(info.filename, source.read(info.filename)))
    return path


def _line_count(chars: list[tuple[str, float]], width: float) -> int:
    """Lines a paragraph of (character, width) takes, broken at spaces as a text box breaks it.

    A word wider than the line breaks between letters.
    """
    words: list[list[float]] = [[]]
    space = 0.0
    for char, w in chars:
        if char == " ":
            words.append([])
            space = w
        else:
            words[-1].append(w)
    lines, used = 1, 0.0
    for word in filter(None, words):
        total = sum(word)
        if total > width:
            lines, used = (lines + 1, 0.0) if used else (lines, used)
            for w in word:
                if used and used + w > width:
                    lines, used = lines + 1, 0.0
                used += w
            continue
        need = total if not used else used + space + total
        lines, used = (lines, need) if need <= width else (lines + 1, total)
    return lines


def _text_height(text_frame: object, width: float, char_width) -> float:  # type: ignore[no-untyped-def]
    """Points the paragraphs of a text frame need at single spacing, wrapped at ``width``."""
    from pptx.oxml.ns import qn

    total = 0.0
    for paragraph in text_frame.paragraphs:  # type: ignore[attr-defined]
        runs = paragraph.runs
        if not runs:
            continue
        size = runs[0].font.size.pt
        ppr = paragraph._p.find(qn("a:pPr"))
        margin = int(ppr.get("marL", "0")) / 12700 if ppr is not None else 0.0
        before = paragraph._p.find(f"{qn('a:pPr')}/{qn('a:spcBef')}/{qn('a:spcPts')}")
        total += int(before.get("val")) / 100 if before is not None else 0.0
        chars = [(c, char_width(c, size, bool(run.font.bold))) for run in runs for c in run.text]
        total += _line_count(chars, width - margin) * size * 1.2
    return total


def _runs_off(prs, char_width) -> list[tuple[int, str, float]]:  # type: ignore[no-untyped-def]
    """Every text box and table that needs more room than it has: (slide, shape, points)."""
    over = []
    for number, slide in enumerate(prs.slides, start=1):
        boxes = [
            (s.name, s.left, s.top, s.left + s.width, s.top + s.height)
            for s in slide.placeholders
            if s.text_frame.text.strip()
        ]
        for i, (name, left, top, right, bottom) in enumerate(boxes):
            for _, l2, t2, r2, b2 in boxes[i + 1 :]:  # one text box over another
                if left < r2 and l2 < right and top < b2 and t2 < bottom:
                    over.append((number, name, min(bottom, b2) - max(top, t2)))
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                where = "title" if shape.is_placeholder and shape == slide.shapes.title else "body"
                body_pr = shape.text_frame._txBody.bodyPr
                insets = [int(body_pr.get(side, 91440)) / 12700 for side in ("lIns", "rIns")]
                tall = [int(body_pr.get(side, 45720)) / 12700 for side in ("tIns", "bIns")]
                need = _text_height(
                    shape.text_frame,
                    shape.width / 12700 - sum(insets),
                    lambda c, size, bold, where=where: char_width(c, size, bold, where),
                )
                if need > shape.height / 12700 - sum(tall) + 0.5:
                    over.append((number, shape.name, need - (shape.height / 12700 - sum(tall))))
                if shape.top + shape.height > prs.slide_height:
                    over.append((number, shape.name, (shape.top + shape.height) / 12700))
            if shape.has_table:
                bottom = shape.top / 12700
                for row in shape.table.rows:
                    tallest = 0.0
                    columns = list(shape.table.columns)
                    for c, cell in enumerate(row.cells):
                        if cell.is_spanned:  # covered by a merged cell to its left
                            continue
                        pr = cell._tc.tcPr
                        sides = [int(pr.get(s)) / 12700 for s in ("marL", "marR", "marT", "marB")]
                        width = sum(col.width for col in columns[c : c + cell.span_width])
                        need = _text_height(
                            cell.text_frame,
                            width / 12700 - sides[0] - sides[1],
                            lambda c, size, bold: char_width(c, size, bold, "table"),
                        )
                        tallest = max(tallest, need + sides[2] + sides[3])
                    bottom += max(tallest, row.height / 12700)
                if bottom > prs.slide_height / 12700 + 0.5:
                    over.append((number, shape.name, bottom - prs.slide_height / 12700))
    return over


def _char_width(kind: str):  # type: ignore[no-untyped-def]
    """How wide LibreOffice draws a character of a deck made with each hostile template."""
    from handouts import theme
    from handouts.glyphs import metrics

    regular, bold_face = metrics(theme.DECK_METRICS_REGULAR), metrics(theme.DECK_METRICS_BOLD)

    def width(char: str, size: float, bold: bool, where: str) -> float:
        if kind in ("mono-theme", "mono-master"):
            return _MONO * size
        caps, spacing = {"title": (True, 3.0), "body": (False, 5.0)}.get(where, (False, 0.0))
        face = bold_face if bold else regular
        return face.width(char.upper() if caps else char, size) + spacing

    return width


@pytest.mark.parametrize("kind", ["mono-theme", "mono-master", "caps-spaced"])
def test_no_text_runs_off_a_slide_whose_template_sets_wider_type(kind: str, tmp_path: Path) -> None:
    from pptx import Presentation

    from handouts import deck, outline
    from handouts.options import DeckOptions

    content = load_content(REPO / "content")
    template = _hostile_template(tmp_path / f"{kind}.pptx", kind)
    options = DeckOptions(template)
    lessons = [outline.topic_lesson(topic, content, EN) for topic in content.topics]
    lessons.append(outline.class_lesson(content.program, content, EN))
    decks = [deck.render(lesson, options) for lesson in lessons]
    for data in decks:
        prs = Presentation(io.BytesIO(data))
        assert _runs_off(prs, _char_width(kind)) == []


def _arial(char: str, size: float, bold: bool, where: str) -> float:
    from handouts import theme
    from handouts.glyphs import metrics

    return metrics(theme.DECK_METRICS_BOLD if bold else theme.DECK_METRICS_REGULAR).width(
        char, size
    )


def test_a_summary_of_one_long_word_is_printed_whole_on_the_cover(shipped: Path) -> None:
    from pptx import Presentation

    topic = shipped / "topics" / "backward-walking.yaml"
    lines = topic.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    lines[at] = "summary: " + "W" * 300
    topic.write_text("\n".join(lines) + "\n")
    assert cli.main(["--topic", "backward-walking", "--format", "pptx"]) == 0
    prs = Presentation(shipped.parent / "build" / "backward-walking.pptx")
    cover = prs.slides[0]
    assert cover.placeholders[1].text_frame.text == "W" * 300  # all 300, no "…"
    assert _runs_off(prs, _arial) == []


def test_the_longest_clinic_name_and_contact_line_are_printed_whole(shipped: Path) -> None:
    from pptx import Presentation

    name, contact = "W" * 150 + " " + "W" * 149, " ".join(["Wmwm"] * 60)[:300]
    (shipped / "branding.yaml").write_text(f"clinic_name: {name}\ncontact_line: {contact}\n")
    assert cli.main(["--format", "pptx"]) == 0
    for deck_file in (shipped.parent / "build").glob("*.pptx"):
        prs = Presentation(deck_file)
        texts = [s.text_frame.text for s in prs.slides[0].placeholders]
        assert name in texts or f"{name}\n{contact}" in texts, deck_file.name
        assert _runs_off(prs, _arial) == []
    closing = list(Presentation(shipped.parent / "build" / "retro-training.pptx").slides)[-1]
    assert closing.placeholders[1].text_frame.text == f"{name}\n{contact}"


def test_a_section_summary_grows_only_into_free_room(shipped: Path, tmp_path: Path) -> None:
    from pptx import Presentation

    topic = shipped / "topics" / "backward-walking.yaml"
    lines = topic.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    lines[at] = "summary: " + "W" * 300
    topic.write_text("\n".join(lines) + "\n")
    stock = tmp_path / "stock.pptx"  # its section header has the title under the text
    _hostile_template(stock, "caps-spaced")
    assert cli.main(["--format", "pptx", "--template", str(stock)]) == 0
    prs = Presentation(shipped.parent / "build" / "retro-training.pptx")
    section = next(s for s in prs.slides if s.shapes.title.text_frame.text == "1. Backward walking")
    assert "W" * 300 in [p.text_frame.text for p in section.placeholders]
    width = _char_width("caps-spaced")
    assert [off for off in _runs_off(prs, width) if off[0] == prs.slides.index(section) + 1] == []


THIRTY = [f"Line {chr(97 + i % 26)}" for i in range(30)]


def _baselines(page: pypdf.PageObject) -> list[tuple[float, str]]:
    """Return each run of text on a page with the height of its baseline."""
    runs = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            runs.append((cm[5] + tm[5] * cm[3], text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def _notes_lines(pdf_file: Path, word: str) -> tuple[list[str], int]:
    """Return the notes lines a program prints, in order, and how many pages hold them.

    Where the notes continue on a page, their first line sits right under the running
    header: no blank line opens the rest of the box (reportlab's split of a paragraph with
    line breaks left one).
    """
    found: list[tuple[int, str]] = []
    for number, page in enumerate(pypdf.PdfReader(pdf_file).pages):
        lines = [(y, text.removeprefix("Notes: ")) for y, text in _baselines(page)]
        notes = [(y, line) for y, line in lines if line.startswith(f"{word} ")]
        if notes and found:
            header = next(y for y, line in lines if line.endswith("(continued)"))
            assert header - notes[0][0] < 2 * theme.LARGE.leading
        found += [(number, line) for _, line in notes]
    return [line for _, line in found], len({number for number, _ in found})


def content_last_step(shipped: Path) -> str:
    """Return the last step of the shipped backward-walking topic, as a program prints it."""
    from handouts.validate import load_content

    step = load_content(shipped).topic("backward-walking").steps[-1]
    return step.prescribed or step.text


def _prescription(shipped: Path, old: str, new: str) -> Path:
    text = (REPO / "prescriptions" / "example.yaml").read_text()
    text = text.replace("large_print: false", "large_print: true")
    assert old in text
    path = shipped.parent / "rx.yaml"
    path.write_text(text.replace(old, new))
    return path


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_thirty_lines_of_program_notes_in_large_print_continue_over_pages(
    shipped: Path, paper: str
) -> None:
    # hostile-cases/02: one table row of notes taller than a page was a LayoutError, exit 70.
    notes = "notes: |\n" + "".join(f"  {line}\n" for line in THIRTY)
    path = _prescription(shipped, "notes: Walk forward for five minutes first to warm up.\n", notes)
    path.write_text(path.read_text().replace("paper: letter", f"paper: {paper}"))
    assert cli.main(["--prescription", "rx.yaml"]) == 0
    lines, pages = _notes_lines(shipped.parent / "build" / "programs" / "pt-0042.pdf", "Line")
    assert lines == THIRTY and pages == 2


def test_thirty_lines_of_a_topics_notes_in_large_print_continue_over_pages(shipped: Path) -> None:
    # hostile-cases/03: the same in the dosage panel of one topic.
    lxa = [f"Lxa {chr(97 + i % 26)}" for i in range(30)]
    notes = "    notes: |\n" + "".join(f"      {line}\n" for line in lxa)
    path = _prescription(
        shipped, "    notes: Use the hallway at home, next to the wall rail.\n", notes
    )
    assert path.read_text().count("Lxa") == 30
    assert cli.main(["--prescription", "rx.yaml"]) == 0
    program = shipped.parent / "build" / "programs" / "pt-0042.pdf"
    lines, pages = _notes_lines(program, "Lxa")
    assert lines == lxa and pages == 2
    # The panel, taller than a page, starts under the steps: no page is left almost empty.
    texts = [page.extract_text() for page in pypdf.PdfReader(program).pages]
    last_words = " ".join(content_last_step(shipped).split()[:4])
    last_step = next(i for i, text in enumerate(texts) if last_words in " ".join(text.split()))
    assert "How long" in texts[last_step]


def test_a_roster_row_with_thirty_lines_of_notes_builds_with_the_others(shipped: Path) -> None:
    # hostile-cases/04: that row's LayoutError stopped the whole roster, the good row too.
    steps = [f"Qzx {chr(97 + i % 26)}" for i in range(30)]
    (shipped.parent / "class.csv").write_text(
        "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week,notes,"
        "large_print\n"
        "pt-1,A. B.,2026-11-20,Dr X,backward-walking,2,3,ok,false\n"
        'pt-2,C. D.,2026-11-20,Dr X,backward-walking,2,3,"' + "\n".join(steps) + '",TRUE\n'
    )
    assert cli.main(["--roster", "class.csv"]) == 0
    folder = shipped.parent / "build" / "roster"
    assert sorted(p.name for p in folder.iterdir()) == ["class-all.pdf", "pt-1.pdf", "pt-2.pdf"]
    lines, pages = _notes_lines(folder / "pt-2.pdf", "Qzx")
    assert lines == steps and pages >= 2
    merged = " ".join(p.extract_text() for p in pypdf.PdfReader(folder / "class-all.pdf").pages)
    assert "Home exercise program for A. B." in merged and "Qzx d" in merged


def test_names_print_exactly_as_typed_in_the_handout_and_on_the_cover_slide(
    shipped: Path,
) -> None:
    # G37: the clinic's name was read for **bold** marks in the PDF header and on slides.
    from pptx import Presentation

    name, contact = "**Bold** <b>x</b> &amp;", "Call **555** <i>now</i> & &lt;"
    (shipped / "branding.yaml").write_text(f'clinic_name: "{name}"\ncontact_line: "{contact}"\n')
    assert cli.main(["--topic", "backward-walking"]) == 0
    build = shipped.parent / "build"
    pages = [
        " ".join(p.extract_text().split())
        for p in pypdf.PdfReader(build / "backward-walking.pdf").pages
    ]
    assert pages[0].startswith(f"{name} {contact} ")
    assert pages[1].startswith(f"Backward walking (continued) {name} ")
    cover = Presentation(build / "backward-walking.pptx").slides[0]
    subtitle = next(s for s in cover.placeholders if s.placeholder_format.idx != 0)
    assert subtitle.text_frame.text == name
    runs = subtitle.text_frame.paragraphs[0].runs
    assert len(runs) == 1 and not runs[0].font.bold


def test_one_roster_row_whose_program_fails_to_draw_never_stops_the_good_row(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # hostile-cases/04: 30 lines of notes in large print once aborted the whole roster
    # (exit 70, nothing built, not even pt-1). Whether or not pt-2 can be drawn, pt-1 is.
    notes = "\n".join(f"Step {chr(97 + i % 26)}" for i in range(30))
    (shipped.parent / "class.csv").write_text(
        "patient_id,patient_name,date,clinician,topics,minutes,sessions_per_week,notes,"
        "large_print\n"
        "pt-1,A. B.,2026-11-20,Dr X,backward-walking,2,3,ok,false\n"
        f'pt-2,C. D.,2026-11-20,Dr X,backward-walking,2,3,"{notes}",TRUE\n'
    )
    status = cli.main(["--roster", "class.csv"])
    err = capsys.readouterr().err
    folder = shipped.parent / "build" / "roster"
    one = len(pypdf.PdfReader(folder / "pt-1.pdf").pages)
    merged = pypdf.PdfReader(folder / "class-all.pdf")
    assert "A. B." in merged.pages[0].extract_text()
    if status == 1:  # drawing it failed: a located problem, the rest built
        assert err.startswith("class.csv:3:1: the program for this row could not be drawn: ")
        assert len(merged.pages) == one and not (folder / "pt-2.pdf").exists()
    else:
        assert status == 0 and len(merged.pages) > one
