"""Plan the files to build, render the ones whose inputs changed, and write them all or none.

A ``Builder`` renders jobs (in worker processes when there are enough of them), stages each
file under a hidden temporary name beside its final place, and renames them all into place
only when every one is ready. It remembers what each file was built from in a small state
file in the output folder, so a file whose inputs have not changed is not drawn again, and
so a build that makes every file of a kind (its scope) can remove the ones of that kind an
earlier build wrote and this one no longer makes.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import hashlib
import importlib
import json
import os
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO

from handouts import __version__

if TYPE_CHECKING:
    from handouts.model import Content

FORMATS: dict[str, str] = {"pdf": "PDF handouts", "pptx": "PowerPoint decks"}
"""Every output format the command line accepts, with the words used in messages."""

RENDERERS: dict[str, str] = {"pdf": "handouts.pdf", "pptx": "handouts.deck"}
"""Formats whose renderer exists, mapped to the module that draws them (imported lazily)."""

STATE_FILE = ".handouts-state.json"
"""What every file in the output folder was built from; read to skip unchanged files."""

PARALLEL_MIN = 4
"""Fewer files than this are drawn in this process: starting workers would cost more."""


@dataclass(frozen=True)
class Options:
    """What to build and how, as chosen on the command line."""

    out: Path
    """Output folder; created if missing."""
    formats: tuple[str, ...]
    """Formats to write, each a key of FORMATS that has a renderer."""
    topics: tuple[str, ...]
    """Topic ids to build; empty means every topic and the class program."""
    paper: str = "letter"
    """Paper size for PDFs: ``letter`` or ``a4``."""
    large_print: bool = False
    """Larger type for readers with low vision."""
    template: Path | None = None
    """A clinic's own .pptx whose masters and layouts the decks use; None for ours."""


@dataclass(frozen=True)
class Job:
    """One output file, the function that draws it, and everything it is drawn from."""

    name: str
    """Path inside the output folder (``/``-separated), made only from validated ids."""
    render: Callable[[], bytes]
    """Draws the file; called only after all content validated."""
    inputs: tuple[object, ...]
    """Model objects, options and file digests the bytes depend on (hashed by their repr)."""
    scope: str = ""
    """The kind of file this is, such as ``topics:pdf``: a build that makes every file of a
    scope removes the others of it an earlier build wrote (see ``Builder.cover``). Empty for
    files never removed that way, such as a prescription's program."""

    @functools.cached_property
    def key(self) -> str:
        """The digest of the inputs (``job_key``), worked out once."""
        return job_key(self.inputs)


def file_digest(path: Path | None) -> str:
    """Return the SHA-256 of a file's bytes, or ``-`` for no file."""
    if path is None:
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def code_digest() -> str:
    """Digest of this package's version, code and fonts: a new release rebuilds everything."""
    package = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*package.rglob("*.py"), *package.glob("fonts/*.ttf")]):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class _Renderer:
    """A renderer module imported only when a file is drawn: unchanged builds never pay."""

    def __init__(self, module: str) -> None:
        self.module = module

    def __getattr__(self, name: str) -> Callable[..., bytes]:
        return getattr(importlib.import_module(self.module), name)


def _suffix(options: Options) -> str:
    return ("-large" if options.large_print else "") + ("-a4" if options.paper == "a4" else "")


def topic_scope(fmt: str, options: Options) -> str:
    """Name the scope of the topic and class files of one format and paper and print size.

    A large-print or A4 build makes other files than a standard one, so it neither covers
    nor removes them.
    """
    return f"topics:{fmt}{_suffix(options)}"


def covered_scopes(options: Options) -> tuple[str, ...]:
    """Return the scopes of which a build with these options makes every file.

    A build of some topics (``--topic``) covers none: it did not consider the others.
    """
    if options.topics:
        return ()
    return tuple(topic_scope(fmt, options) for fmt in options.formats)


def jobs(content: Content, options: Options) -> list[Job]:
    """List the files to write for these options, in a stable order."""
    selected = options.topics or tuple(t.id for t in content.topics)
    suffix = _suffix(options)
    shared = (content.branding, file_digest(content.logo), options.paper, options.large_print)
    planned: list[Job] = []
    for fmt in options.formats:
        renderer = _Renderer(RENDERERS[fmt])
        looks = (*shared, file_digest(options.template)) if fmt == "pptx" else shared
        scope = topic_scope(fmt, options)
        for topic_id in selected:
            topic = content.topic(topic_id)
            planned.append(
                Job(
                    f"{topic.id}{suffix}.{fmt}",
                    lambda r=renderer, t=topic: r.render_topic(t, content, options),
                    (fmt, topic, *looks),
                    scope,
                )
            )
        complete = all(t in {x.id for x in content.topics} for t in content.program.topics)
        if not options.topics and complete:
            program = content.program
            parts = tuple(content.topic(t) for t in program.topics)
            planned.append(
                Job(
                    f"{program.id}{suffix}.{fmt}",
                    lambda r=renderer, p=program: r.render_program(p, content, options),
                    (fmt, program, parts, *looks),
                    scope,
                )
            )
    return planned


def job_key(inputs: Iterable[object]) -> str:
    """Return the digest of a file's inputs together with the package's code digest."""
    digest = hashlib.sha256(code_digest().encode())
    for item in inputs:
        digest.update(repr(item).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def default_workers() -> int:
    """Return the number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


Writer = Callable[[BinaryIO], object]
"""Writes a file's bytes into an open file, for files too big to hold in memory."""


def _stage(folder: Path, name: str, data: bytes | Writer) -> Path:
    """Write data under a hidden temporary name in ``folder``; return that name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


# Jobs handed to worker processes: forked workers inherit them, so nothing is pickled.
_PENDING: list[Job] = []
_OUT = Path()


def _work(index: int) -> tuple[int, str]:
    job = _PENDING[index]
    target = _OUT / job.name
    return index, str(_stage(target.parent, target.name, job.render()))


def _start_worker(cpus: list[int]) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides what to clean up.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # One core per worker. Left to itself, the scheduler of a small virtual machine was seen
    # to run both workers on one core: 1.1 times as fast with 2 workers, 1.9 times pinned.
    if cpus and hasattr(os, "sched_setaffinity"):
        import multiprocessing

        index = multiprocessing.current_process()._identity[0] - 1
        os.sched_setaffinity(0, {cpus[index % len(cpus)]})
    gc.freeze()  # what the parent loaded is left out of the collector's scans
    gc.set_threshold(*_DRAWING_GC)


_DRAWING_GC = (50_000, 20, 20)
"""Collector thresholds while drawing. A drawing allocates hundreds of thousands of small
objects and few cycles: the default pace (a collection every 700 allocations) cost about
a tenth of the drawing time."""


@contextlib.contextmanager
def _drawing_gc() -> Iterator[None]:
    """Collect garbage at the drawing pace inside the block, as before after it."""
    before = gc.get_threshold()
    gc.set_threshold(*_DRAWING_GC)
    try:
        yield
    finally:
        gc.set_threshold(*before)


Progress = Callable[[int, int], None]
"""Called with (files done, files to draw) after each file is drawn."""
Ready = Callable[[int, Path], None]
"""Called with (place in the plan, where its bytes are) once a planned file has them."""


@dataclass
class Builder:
    """Draw files into an output folder, skipping unchanged ones; commit all or none.

    Use it as a context manager: leaving the block with an exception (a render error, a
    full disk, Ctrl-C) removes every staged file and leaves the last good build as it was.
    """

    out: Path
    """The output folder (created if missing)."""
    workers: int = 1
    """Worker processes to draw with; 1 draws in this process."""
    force: bool = False
    """Draw every file even when its inputs have not changed."""
    progress: Progress = lambda done, total: None
    """Told how many files are drawn so far."""
    written: list[Path] = field(default_factory=list)
    """Files written by ``commit``, in job order."""
    unchanged: list[Path] = field(default_factory=list)
    """Files left as they were because their inputs had not changed."""
    removed: list[Path] = field(default_factory=list)
    """Files an earlier build wrote that this one no longer makes, removed by ``commit``."""
    kept: list[tuple[Path, str]] = field(default_factory=list)
    """Files an earlier build wrote that this one no longer makes but ``commit`` left in
    place, each with the reason (changed since it was written, or removing it failed)."""
    _staged: dict[str, Path] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)
    _scopes: dict[str, str] = field(default_factory=dict)
    _current: set[str] = field(default_factory=set)
    _covered: set[str] = field(default_factory=set)
    _state: dict[str, dict[str, object]] = field(default_factory=dict)
    _made: list[Path] = field(default_factory=list)

    def __enter__(self) -> Builder:
        """Read what the last build recorded; folders are made only when a file is staged."""
        self._refuse_folder(STATE_FILE)
        try:
            state = json.loads((self.out / STATE_FILE).read_text(encoding="utf-8"))
            self._state = state if isinstance(state, dict) else {}
        except (OSError, ValueError):
            self._state = {}  # no or unreadable record: everything is rebuilt
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """On an error, remove every staged file; the folder keeps the last good build."""
        if error is not None:
            self.discard()

    def _is_current(self, name: str, key: str) -> bool:
        """Tell whether ``name`` was built from exactly these inputs and is untouched since."""
        record = self._state.get(name)
        if self.force or not isinstance(record, dict) or record.get("key") != key:
            return False
        try:
            stat = (self.out / name).stat()
        except OSError:
            return False
        return record.get("size") == stat.st_size and record.get("mtime") == stat.st_mtime_ns

    def _refuse_folder(self, name: str) -> None:
        """Refuse a folder where a file is to go, or a file where its folder is, up front.

        Either would stop the build later, with a message naming the wrong path (a file
        named ``programs`` gave "--out DIR: Not a directory"), or halfway through committing.
        """
        parts = name.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            place = self.out / folder
            if os.path.lexists(place) and not place.is_dir():  # a broken link too
                raise NotADirectoryError(
                    20, f"a file is in the way of the folder {folder}/; move or rename it"
                )
        if (self.out / name).is_dir():
            raise IsADirectoryError(21, f"a folder is in the way of {name}")

    def keep_if_current(self, name: str, key: str, scope: str = "") -> bool:
        """Plan ``name`` with this inputs digest; keep the file (True) if it is current.

        ``scope`` is the kind of file it is (see ``Job.scope``), recorded with it.
        """
        self._refuse_folder(name)
        self._keys[name] = key
        self._scopes[name] = scope
        if self._is_current(name, key):
            self.unchanged.append(self.out / name)
            self._current.add(name)
            return True
        return False

    def cover(self, scope: str) -> None:
        """Declare that this build plans every file of ``scope``: call it only then.

        ``commit`` then removes each file of that scope that an earlier build recorded, that
        this one does not plan, and that is as that build left it.
        """
        if not scope:
            raise ValueError("files without a scope are never removed as no longer made")
        self._covered.add(scope)

    def run(self, planned: list[Job], ready: Ready = lambda index, path: None) -> None:
        """Draw and stage every planned file whose inputs changed since it was last built.

        ``ready`` is told each file's place in ``planned`` and where its bytes are, as soon
        as they are there (at once for unchanged files), in whatever order they finish.
        """
        todo = []
        for index, job in enumerate(planned):
            if self.keep_if_current(job.name, job.key, job.scope):
                ready(index, self.out / job.name)
            else:
                todo.append(job)
        place = {job.name: index for index, job in enumerate(planned)}
        if self.workers > 1 and len(todo) >= PARALLEL_MIN:
            for folder in dict.fromkeys((self.out / job.name).parent for job in todo):
                self._folder(folder)
            self._run_parallel(todo, lambda name: ready(place[name], self._staged[name]))
        else:
            with _drawing_gc():
                for done, job in enumerate(todo, start=1):
                    self.stage(job.name, self._keys[job.name], job.render())
                    ready(place[job.name], self._staged[job.name])
                    self.progress(done, len(todo))

    def _run_parallel(self, todo: list[Job], staged: Callable[[str], None]) -> None:
        global _OUT
        _PENDING[:] = todo
        _OUT = self.out
        import multiprocessing  # only when workers are started

        context = multiprocessing.get_context("fork")
        count = min(self.workers, len(todo))
        cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        pinned = cpus if count <= len(cpus) else []  # more workers than cores: let them float
        pool = context.Pool(count, initializer=_start_worker, initargs=(pinned,))
        try:
            for done, (index, tmp) in enumerate(pool.imap_unordered(_work, range(len(todo))), 1):
                name = todo[index].name
                self._staged[name] = Path(tmp)
                staged(name)
                self.progress(done, len(todo))
            pool.close()
        except BaseException:
            pool.terminate()
            # A worker stopped mid-write may leave its temporary file: sweep them all.
            for job in todo:
                target = self.out / job.name
                for tmp in target.parent.glob(f".{target.name}.*.tmp"):
                    tmp.unlink(missing_ok=True)
            raise
        finally:
            pool.join()
            _PENDING.clear()

    def stage(self, name: str, key: str, data: bytes | Writer) -> None:
        """Stage one file (its bytes, or a function writing them) beside ``out/name``."""
        target = self.out / name
        self._keys[name] = key
        self._scopes.setdefault(name, "")
        self._staged[name] = _stage(self._folder(target.parent), target.name, data)

    def _folder(self, folder: Path) -> Path:
        """Make a folder (and its parents) if missing, remembering which ones were made."""
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        for path in reversed(missing):
            path.mkdir(exist_ok=True)
            self._made.append(path)
        return folder

    def current(self, name: str) -> Path:
        """Return where the bytes ``name`` will have are now: staged, or unchanged in place."""
        return self._staged.get(name, self.out / name)

    def key(self, name: str) -> str:
        """Return the inputs digest of a planned file."""
        return self._keys[name]

    def discard(self) -> None:
        """Remove every staged file."""
        for tmp in self._staged.values():
            tmp.unlink(missing_ok=True)
        self._staged.clear()
        for folder in reversed(self._made):  # nothing was written: not even a folder
            with contextlib.suppress(OSError):  # not empty: something else is in it now
                folder.rmdir()
        self._made.clear()

    def commit(self) -> list[Path]:
        """Rename every staged file into place, then remove the files no longer made.

        Records what each file was built from, and forgets the removed ones. Files are
        removed only after every new one is in place, so a failed build removes nothing.
        """
        state = dict(self._state)
        for name, key in self._keys.items():  # in the order planned, whoever finished first
            if name in self._staged:
                # Our own temporary file's size and time, taken before the rename: once in
                # place, another build writing this folder at the same time could replace
                # it, and its file must never be recorded as ours (and so as current).
                written = self._staged[name].stat()
                # Forgotten only once in place: if the rename fails, discard() removes it.
                os.replace(self._staged[name], self.out / name)
                del self._staged[name]
                self.written.append(self.out / name)
                state[name] = {"key": key, "size": written.st_size, "mtime": written.st_mtime_ns}
            elif name not in self._current:
                continue  # planned but never staged: nothing of ours is there to record
            # An unchanged file keeps the record it was checked against when planned. A new
            # dict, with the scope: the one read from the state file is compared below.
            state[name] = {**state[name], "scope": self._scopes[name]}
        self._staged.clear()
        self._remove_no_longer_made(state)
        if state != self._state:
            record = json.dumps(state, indent=0, sort_keys=True).encode()
            os.replace(_stage(self._folder(self.out), STATE_FILE, record), self.out / STATE_FILE)
            self._state = state
        return self.written

    def _remove_no_longer_made(self, state: dict[str, dict[str, object]]) -> None:
        """Remove the covered files an earlier build recorded and this one did not plan.

        A file changed since it was recorded (or a link, or a folder now) is someone else's:
        it is kept, named in ``kept`` and forgotten, so it is mentioned once. A file whose
        removal fails is kept and stays recorded, so the next build tries again.
        """
        for name, record in sorted(self._state.items()):
            scope = record.get("scope") if isinstance(record, dict) else None
            if name in self._keys or not isinstance(scope, str) or scope not in self._covered:
                continue
            outcome = _remove_if_unchanged(self.out, name, record)  # type: ignore[arg-type]
            if outcome == _REMOVED:
                self.removed.append(self.out / name)
            elif outcome == _CHANGED:
                self.kept.append((self.out / name, "it was changed after handouts wrote it"))
            elif outcome != _GONE:
                self.kept.append((self.out / name, f"removing it failed ({outcome})"))
                continue  # still ours and as we wrote it: keep the record
            del state[name]


_REMOVED = "removed"
_CHANGED = "changed"
_GONE = "gone"


def _remove_if_unchanged(out: Path, name: str, record: dict[str, object]) -> str:
    """Remove ``out/name`` if it is the regular file recorded; say what happened.

    Returns ``_REMOVED``; ``_CHANGED`` if it is not as recorded (another size or time, a
    link, a folder, or a folder on its way replaced by a link or file); ``_GONE`` if it is
    not there or the name could never be one of ours; else why removing it failed.
    The name comes from the state file, which anyone can edit: it is walked one folder at a
    time from ``out`` without following links, so nothing outside ``out`` is ever touched.
    """
    parts = name.split("/")
    if any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts):
        return _GONE  # never a name we write: not ours to touch
    directory = getattr(os, "O_DIRECTORY", 0)
    try:
        folder = os.open(out, os.O_RDONLY | directory)
    except OSError:
        return _GONE
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | directory | os.O_NOFOLLOW, dir_fd=folder)
            os.close(folder)
            folder = inner
        found = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
        if not (
            S_ISREG(found.st_mode)
            and record.get("size") == found.st_size
            and record.get("mtime") == found.st_mtime_ns
        ):
            return _CHANGED
        os.unlink(parts[-1], dir_fd=folder)
    except FileNotFoundError:
        return _GONE
    except OSError as exc:
        # A file or a link where our folder was (a link refused by O_NOFOLLOW is ELOOP, or
        # EMLINK on FreeBSD): what is there now is not ours.
        if exc.errno in (errno.ENOTDIR, errno.ELOOP, errno.EMLINK):
            return _CHANGED
        return exc.strerror or type(exc).__name__
    finally:
        os.close(folder)
    return _REMOVED
