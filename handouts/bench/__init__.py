"""The benchmark: ``python -m handouts.bench`` times builds and checks them against targets.

Whole-process figures run the command line in a fresh Python process, as a user would;
in-process figures time the renderers alone, after a first warm-up document. Every figure is
the median of repeated runs. Peak memory is the largest total proportional set size (PSS)
of the build process and its workers, sampled while they run.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    """One whole-process run."""

    seconds: float
    """Wall time from start to exit."""
    peak: int
    """Largest PSS of the process and its children together, in bytes (0 if unknown)."""


@dataclass(frozen=True)
class Target:
    """A goal and whether the measurement meets it."""

    text: str
    """The goal and the measured value, as printed."""
    met: bool
    """True when the measurement meets the goal."""


def _pss(pid: int) -> int:
    """Return the PSS of a process and all its descendants, in bytes."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue  # the process ended while we looked
    return total


def run_process(args: Sequence[str], cwd: Path) -> Run:
    """Run ``python -m handouts ARGS`` to the end; fail loudly if it does not succeed."""
    command = [sys.executable, "-m", "handouts", *args]
    start = time.perf_counter()
    # The package this benchmark belongs to, installed or not.
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        # Reading smaps_rollup makes the kernel walk a process's page tables: every 10 ms
        # across three processes it took a fifth of a core from a build that uses both.
        # Memory rises in the first second and then holds, so the pace slows to 0.2 s.
        nonlocal peak
        pause = 0.01
        while not done.is_set():
            peak = max(peak, _pss(process.pid))
            done.wait(pause)
            pause = min(pause * 1.25, 0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc/self/smaps_rollup").exists():
        sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    if sampler.is_alive():
        sampler.join()
    if process.returncode not in (0,):
        raise SystemExit(f"benchmark: {' '.join(command)} failed ({process.returncode}): {err}")
    return Run(seconds, peak)


def median_run(
    args: Sequence[str], cwd: Path, repeats: int, before: Callable[[], None] | None = None
) -> Run:
    """Run a command ``repeats`` times (calling ``before`` each time); return the medians."""
    runs = []
    for _ in range(repeats):
        if before is not None:
            before()
        runs.append(run_process(args, cwd))
    return Run(
        statistics.median(r.seconds for r in runs), int(statistics.median(r.peak for r in runs))
    )


def per_document(draw: Callable[[], object], repeats: int) -> float:
    """Return the median CPU seconds to draw one document, after one warm-up drawing."""
    draw()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        draw()
        times.append(time.process_time() - start)
    return statistics.median(times)


def pages_and_words(data: bytes) -> tuple[int, int]:
    """Return a PDF's page count and the words a reader can copy from it."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), sum(len(p.extract_text().split()) for p in reader.pages)


SAME_WORDS = 0.03
"""The most the floor's word count may differ from ours, as a share of ours, for the PDF
comparison to count: a floor that draws less is a lower floor, not a fair one."""


def unlike(topic: str, ours: tuple[int, int], floor: tuple[int, int]) -> str | None:
    """Say why a topic's floor handout is not like-for-like with ours (each (pages, words))."""
    (pages, words), (floor_pages, floor_words) = ours, floor
    if floor_pages != pages:
        return f"{topic}: the floor draws {floor_pages} pages, ours {pages}"
    if abs(floor_words - words) > SAME_WORDS * words:
        return (
            f"{topic}: the floor draws {floor_words} words, ours {words} "
            f"(more than {SAME_WORDS:.0%} apart)"
        )
    return None


def handout_target(ratio: float, reasons: Sequence[str]) -> Target:
    """Judge our handout's time against the floor's: at most 1.3x, and only like-for-like.

    ``reasons`` (``unlike``): a ratio against a floor that draws something else fails.
    """
    goal = f"handout PDF at most 1.3x the floor: {ratio:.2f}x"
    if reasons:
        return Target(f"{goal}, but not like-for-like: {'; '.join(reasons)}", False)
    return Target(goal, ratio <= 1.3)


def write_roster(path: Path, rows: int, topics: Sequence[str]) -> None:
    """Write a roster of ``rows`` people, each with one topic, cycling through ``topics``."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "patient_id",
                "patient_name",
                "date",
                "clinician",
                "clinician_contact",
                "topics",
                "minutes",
                "sessions_per_week",
                "speed_mph",
                "resistance",
            ]
        )
        for i in range(rows):
            out.writerow(
                [
                    f"pt-{i:05d}",
                    f"Person {i}",
                    "2026-11-20",
                    "Alex Rivera PT",
                    "555-0100",
                    topics[i % len(topics)],
                    str(2 + i % 4),
                    str(2 + i % 3),
                    # A program that tells the patient a speed or a setting must be given one.
                    "0.8" if "treadmill" in topics[i % len(topics)] else "",
                    "level 2" if "pedaling" in topics[i % len(topics)] else "",
                ]
            )


def _in_process(content_dir: Path, repeats: int) -> tuple[dict[str, float], list[str]]:
    """Time our renderers and the floor per document, averaged over the topics.

    Also return why the floor's handouts are not like-for-like with ours (``unlike``).
    """
    from handouts import deck, outline, pdf
    from handouts.bench import floor
    from handouts.locale import for_clinic
    from handouts.options import DeckOptions, PdfOptions
    from handouts.validate import load_content

    content = load_content(content_dir)
    cat = for_clinic(content.branding, "en")
    pdf_options = PdfOptions()
    found: dict[str, list[float]] = {"pdf": [], "deck": [], "floor pdf": [], "floor deck": []}
    for name in ("pages", "words", "floor pages", "floor words"):
        found[name] = []
    reasons: list[str] = []
    for topic in content.topics:
        lesson = outline.topic_lesson(topic, content, cat)
        # What each draws: the floor's time is a fair floor only for the same content.
        drawn = [
            pages_and_words(data)
            for data in (
                pdf.render(outline.topic_handout(topic, content, cat), pdf_options),
                floor.handout(topic, content, cat),
            )
        ]
        for prefix, (pages, words) in zip(("", "floor "), drawn, strict=True):
            found[prefix + "pages"].append(pages)
            found[prefix + "words"].append(words)
        reason = unlike(topic.id, drawn[0], drawn[1])
        if reason is not None:
            reasons.append(reason)
        slides = floor.slides_of(deck.render(lesson, DeckOptions()))
        found["pdf"].append(
            per_document(
                lambda t=topic: pdf.render(outline.topic_handout(t, content, cat), pdf_options),
                repeats,
            )
        )
        found["floor pdf"].append(
            per_document(lambda t=topic: floor.handout(t, content, cat), repeats)
        )
        found["deck"].append(
            per_document(
                lambda t=topic: deck.render(outline.topic_lesson(t, content, cat), DeckOptions()),
                repeats,
            )
        )
        found["floor deck"].append(per_document(lambda s=slides: floor.deck(s), repeats))
    return {name: statistics.mean(values) for name, values in found.items()}, reasons


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table and the target lines; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m handouts.bench", description=__doc__)
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats and no 1,000-person roster"
    )
    args = parser.parse_args(argv)
    content_dir = args.content.resolve()
    if not content_dir.is_dir():
        parser.error(f"--content {args.content}: expected a folder with the content")
    repeats = 3 if args.quick else 7
    big_repeats = 1 if args.quick else 3
    from handouts.build import default_workers

    cores = default_workers()
    print(
        f"handouts benchmark: {cores} cores, Python {platform.python_version()}, "
        f"median of {repeats} runs ({big_repeats} for rosters)"
    )
    rows: list[tuple[str, str, str]] = []
    targets: list[Target] = []
    work = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    try:
        c = ["--content", str(content_dir)]
        quick = {}
        for name, extra in (
            ("--help", ["--help"]),
            ("--list", ["--list"]),
            ("--check", ["--check"]),
        ):
            quick[name] = median_run([*c, *extra] if name != "--help" else extra, work, repeats)
            rows.append((f"{name} (whole process)", f"{quick[name].seconds:.3f} s", ""))
        out = work / "full"
        cold = median_run(
            [*c, "--out", str(out)], work, repeats, lambda: shutil.rmtree(out, ignore_errors=True)
        )
        files = sum(1 for p in out.iterdir() if not p.name.startswith("."))
        rows.append(
            (
                f"cold full build ({files} files)",
                f"{cold.seconds:.2f} s",
                f"{cold.peak / MB:.0f} MB",
            )
        )
        one_job = median_run(
            [*c, "--out", str(out), "--jobs", "1"],
            work,
            repeats,
            lambda: shutil.rmtree(out, ignore_errors=True),
        )
        rows.append(
            ("cold full build, 1 job", f"{one_job.seconds:.2f} s", f"{one_job.peak / MB:.0f} MB")
        )
        noop = median_run([*c, "--out", str(out)], work, repeats)
        rows.append(("no-op rebuild (nothing changed)", f"{noop.seconds:.3f} s", ""))

        from handouts.validate import load_content

        topic_ids = [t.id for t in load_content(content_dir).topics]
        roster_times: dict[tuple[int, int], float] = {}
        for people in (200,) if args.quick else (200, 1000):
            roster = work / f"roster{people}.csv"
            write_roster(roster, people, topic_ids)
            for jobs in (1, 2):
                target = work / f"roster-{people}-{jobs}"
                run = median_run(
                    [*c, "--roster", str(roster), "--out", str(target), "--jobs", str(jobs)],
                    work,
                    big_repeats,
                    lambda t=target: shutil.rmtree(t, ignore_errors=True),
                )
                roster_times[(people, jobs)] = run.seconds
                rows.append(
                    (
                        f"roster of {people:,} programs, {jobs} job{'s' if jobs > 1 else ''}",
                        f"{run.seconds:.2f} s",
                        f"{run.peak / MB:.0f} MB",
                    )
                )
        timing, unlike_reasons = _in_process(content_dir, repeats * 2)
        for name, label in (
            ("pdf", "handout PDF, in process (CPU)"),
            ("floor pdf", "handout PDF, floor (plain reportlab, CPU)"),
            ("deck", "topic deck, in process (CPU)"),
            ("floor deck", "topic deck, floor (plain python-pptx, CPU)"),
        ):
            rows.append((label, f"{timing[name] * 1000:.1f} ms", ""))
        for who, prefix in (("ours", ""), ("floor", "floor ")):
            pages, words = timing[prefix + "pages"], timing[prefix + "words"]
            rows.append(
                (f"handout PDF drawn, {who} (mean)", f"{pages:.1f} pp", f"{words:.0f} words")
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'median':>9}  {'peak memory':>11}")
    # The last rows are what each handout PDF holds: pages, and words in the third column.
    for label, value, memory in rows:
        print(f"{label:<{width}}  {value:>9}  {memory:>11}")

    def ratio(ours: str, floor: str) -> float:
        return timing[ours] / timing[floor]

    pdf_ratio, deck_ratio = ratio("pdf", "floor pdf"), ratio("deck", "floor deck")
    pdf_target = handout_target(pdf_ratio, unlike_reasons)
    targets += [
        pdf_target,
        Target(f"topic deck at most 1.3x the floor: {deck_ratio:.2f}x", deck_ratio <= 1.3),
        Target(
            f"--help under 0.15 s: {quick['--help'].seconds:.3f} s", quick["--help"].seconds < 0.15
        ),
        Target(
            f"--check under 0.3 s: {quick['--check'].seconds:.3f} s", quick["--check"].seconds < 0.3
        ),
        Target(f"no-op rebuild under 0.3 s: {noop.seconds:.3f} s", noop.seconds < 0.3),
        Target(
            f"full build peak memory under 200 MB: {cold.peak / MB:.0f} MB",
            0 < cold.peak < 200 * MB,
        ),
        Target(
            f"full build with workers no slower than with 1 job: {cold.seconds:.2f} s vs "
            f"{one_job.seconds:.2f} s",
            cold.seconds <= one_job.seconds * 1.05,
        ),
    ]
    speedup = roster_times[(200, 1)] / roster_times[(200, 2)]
    targets.append(
        Target(f"roster of 200 at least 1.6x faster with 2 jobs: {speedup:.2f}x", speedup >= 1.6)
    )
    if (1000, 2) in roster_times:
        big = roster_times[(1000, 2)]
        targets.append(Target(f"roster of 1,000 under 20 s with 2 jobs: {big:.1f} s", big < 20))
    print("\ntargets")
    for target in targets:
        print(f"{'PASS' if target.met else 'FAIL'}  {target.text}")
    return 0 if all(t.met for t in targets) else 1
