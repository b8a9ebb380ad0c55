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
import re
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO

from handouts import __version__, interrupts
from handouts.errors import one_line
from handouts.options import DeckOptions, PdfOptions

if TYPE_CHECKING:
    from handouts.locale import Catalogue
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
    languages: tuple[tuple[str, ...], ...] = (("en",),)
    """The languages to write in: each a file of its own, two in one a bilingual PDF."""


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
    files = [*package.rglob("*.py"), *package.glob("fonts/*.ttf"), *package.rglob("*.po")]
    for path in sorted(files):
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


def topic_scope(fmt: str, options: Options, langs: tuple[str, ...] = ("en",)) -> str:
    """Name the scope of the topic and class files of one format, paper, print and language.

    A large-print, A4 or Spanish build makes other files than a standard one, so it neither
    covers nor removes them.
    """
    from handouts import languages  # Babel: only once a build is planned

    return f"topics:{fmt}{_suffix(options)}{languages.suffix(langs)}"


def covered_scopes(options: Options) -> tuple[str, ...]:
    """Return the scopes of which a build with these options makes every file.

    A build of some topics (``--topic``) covers none: it did not consider the others.
    """
    if options.topics:
        return ()
    return tuple(
        topic_scope(fmt, options, langs)
        for langs in options.languages
        for fmt in options.formats
        if fmt == "pdf" or len(langs) == 1
    )


def jobs(content: Content, options: Options) -> list[Job]:
    """List the files to write for these options, in a stable order.

    A bilingual language pair makes PDFs only: a deck is shown in one language.
    """
    return [
        job
        for langs in options.languages
        for fmt in options.formats
        if fmt == "pdf" or len(langs) == 1
        for job in _jobs(content, options, fmt, langs)
    ]


def _jobs(content: Content, options: Options, fmt: str, langs: tuple[str, ...]) -> list[Job]:
    """List one format's files in one language, or in several back to back (PDFs)."""
    from handouts import languages

    selected = options.topics or tuple(t.id for t in content.topics)
    suffix = _suffix(options) + languages.suffix(langs)
    written = tuple(languages.written_in(content, lang) for lang in langs)
    looks: tuple[object, ...] = (content.branding, file_digest(content.logo))
    if fmt == "pdf":
        # Each key holds the options object its renderer reads, whole, and nothing else.
        paper = PdfOptions(options.paper, options.large_print, langs)
        topic_file, class_file = _pdf_files(written, paper)
        looks += (paper,)
    else:
        # The key holds the options object the deck reads, whole (not the PDF's paper).
        deck = DeckOptions(options.template, file_digest(options.template), langs[0])
        topic_file, class_file = _deck_files(written, deck)
        looks += (deck,)
    scope = topic_scope(fmt, options, langs)
    # The key holds each language's text of a topic: a changed translation draws it again.
    planned = [
        Job(
            f"{topic_id}{suffix}.{fmt}",
            functools.partial(topic_file, topic_id),
            (fmt, tuple(c.topic(topic_id) for c, _ in written), *looks),
            scope,
        )
        for topic_id in selected
    ]
    complete = all(t in {x.id for x in content.topics} for t in content.program.topics)
    if not options.topics and complete:
        texts = tuple((c.program, tuple(c.topic(t) for t in c.program.topics)) for c, _ in written)
        planned.append(
            Job(f"{content.program.id}{suffix}.{fmt}", class_file, (fmt, texts, *looks), scope)
        )
    return planned


_Drawers = tuple[Callable[[str], bytes], Callable[[], bytes]]
"""What draws a topic's file (given its id) and what draws the class's, in one format."""
_Written = tuple[tuple["Content", "Catalogue"], ...]
"""The content and the catalogue of each language of a file, in order."""


def _pdf_files(written: _Written, paper: PdfOptions) -> _Drawers:
    """Return what draws a topic's and the class's PDF, from their outlines in each language."""
    from handouts import outline

    if len(written) == 1:
        ((content, cat),) = written
        pdf = _Renderer(RENDERERS["pdf"])
        return (
            lambda topic: pdf.render(
                outline.topic_handout(content.topic(topic), content, cat), paper
            ),
            lambda: pdf.render(outline.class_pack(content.program, content, cat), paper),
        )
    both = _Renderer("handouts.bilingual")
    return (
        lambda topic: both.render(
            [outline.topic_handout(c.topic(topic), c, cat) for c, cat in written], paper
        ),
        lambda: both.render([outline.class_pack(c.program, c, cat) for c, cat in written], paper),
    )


def _deck_files(written: _Written, deck: DeckOptions) -> _Drawers:
    """Return what draws a topic's and the class's deck, from their outlines."""
    from handouts import outline

    ((content, cat),) = written
    renderer = _Renderer(RENDERERS["pptx"])
    return (
        lambda topic: renderer.render(
            outline.topic_lesson(content.topic(topic), content, cat), deck
        ),
        lambda: renderer.render(outline.class_lesson(content.program, content, cat), deck),
    )


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


_TAG = os.urandom(3).hex()
"""Part of every temporary name this process (and its workers) makes: after a failure, a
build removes its own temporary files by it, never another build's."""

_LEFTOVER = re.compile(
    r"\.(?:.+\.(?:pdf|pptx)|\.handouts-state\.json)\.(?:[0-9a-f]{6})?[a-z0-9_]{8}\.tmp"
)
"""A temporary file as ``_stage`` names it (``.NAME.TAGXXXXXXXX.tmp``; before the tag
there was none), for a file handouts writes."""


def _temporary_name(name: str) -> str:
    """Return a fresh hidden name for a file beside ``name``, as ``_stage`` would make it."""
    return f".{name}.{_TAG}{os.urandom(4).hex()}.tmp"


def _stage(folder: Path, name: str, data: bytes | Writer) -> Path:
    """Write data under a hidden temporary name in ``folder``; return that name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.{_TAG}", suffix=".tmp", dir=folder)
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


def _can_fork() -> bool:
    """Tell whether worker processes can be started here (not on Windows)."""
    return hasattr(os, "fork")


# Jobs handed to worker processes: forked workers inherit them, so nothing is pickled.
_PENDING: list[Job] = []
_OUT = Path()
_SURVIVE = False
"""Whether a job whose drawing fails is told of (``Builder.run``'s ``failed``), not raised."""

_FAILED = "\0"
"""Starts what ``_work`` returns for a job whose drawing failed, before what went wrong:
no path has a NUL character."""


def _work(index: int) -> str:
    job = _PENDING[index]
    target = _OUT / job.name
    try:
        data = _draw(job)
    except Exception as exc:
        if not _SURVIVE or isinstance(exc, OSError):
            raise
        return _FAILED + _failure(exc)
    place = _OUT
    for part in target.parent.relative_to(_OUT).parts:  # right before staging, as _folder
        place = place / part
        _is_folder(_OUT, place)
    return str(_stage(target.parent, target.name, data))


def _is_folder(out: Path, place: Path) -> bool:
    """Tell whether a real folder is at ``place`` inside ``out`` (False: nothing is).

    Raises ``OSError`` naming the problem if a file or a link is there: the output folder
    itself may be a link (the user chose where it is), but nothing is ever written through
    a link inside it.
    """
    try:
        found = os.lstat(place)
    except FileNotFoundError:
        return False
    folder = place.relative_to(out).as_posix()
    if S_ISLNK(found.st_mode):
        where = _shown(os.readlink(place))
        raise OSError(
            errno.ELOOP,
            f"the folder {folder}/ is a link to {where}; files are written only inside "
            f"--out, never through a link: make {folder}/ a real folder",
        )
    if not S_ISDIR(found.st_mode):
        raise NotADirectoryError(
            20, f"a file is in the way of the folder {folder}/; move or rename it"
        )
    return True


def _start_worker(cpus: list[int], index: int) -> None:
    # One core per worker. Left to itself, the scheduler of a small virtual machine was seen
    # to run both workers on one core: 1.1 times as fast with 2 workers, 1.9 times pinned.
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpus[index % len(cpus)]})
    gc.freeze()  # what the parent loaded is left out of the collector's scans
    gc.set_threshold(*_DRAWING_GC)


_DRAWING_GC = (50_000, 20, 20)
"""Collector thresholds while drawing. A drawing allocates hundreds of thousands of small
objects and few cycles: the default pace (a collection every 700 allocations) cost about
a tenth of the drawing time."""


@contextlib.contextmanager
def _drawing_gc() -> Iterator[None]:
    """Collect garbage at the drawing pace inside the block, as before after it.

    What exists before the block is frozen meanwhile, as in a worker: the collection after
    each drawing (``_draw``) then looks only at what the drawing made.
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_DRAWING_GC)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _draw(job: Job) -> bytes:
    """Draw a file, then collect its garbage.

    A drawing leaves cycles (documents, canvases, flowables) that outlive the drawing pace's
    young collections; collected only every few dozen drawings, they grew a worker by 5 MB
    each thousand programs. With the objects from before the drawing frozen, collecting
    costs half a millisecond a drawing.
    """
    try:
        return job.render()
    finally:
        gc.collect()


def _failure(error: Exception) -> str:
    """Say in one short line what went wrong in a drawing; the whole trace if debugging."""
    if os.environ.get("HANDOUTS_DEBUG"):
        traceback.print_exception(error, file=sys.stderr)
    said = one_line(" ".join(str(error).split()))
    return f"{type(error).__name__}: {said[:200] + '…' if len(said) > 200 else said}"


Progress = Callable[[int, int], None]
"""Called with (files done, files to draw) after each file is drawn."""
Ready = Callable[[int, Path], None]
"""Called with (place in the plan, where its bytes are) once a planned file has them."""
Failed = Callable[[int, str], None]
"""Called with (place in the plan, what went wrong) for a planned file that could not be
drawn."""


@dataclass
class Builder:
    """Draw files into an output folder, skipping unchanged ones; commit all or none.

    Use it as a context manager: leaving the block with an exception (a render error, a
    full disk, Ctrl-C or another stop signal) removes every staged file and leaves the last
    good build as it was. Inside the block it holds a shared lock on the output folder;
    a build that finds none held removes the temporary files a killed build left there.
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
    committed: bool = False
    """Whether ``commit`` put every file in place (after that, nothing is undone)."""
    _staged: dict[str, Path] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)
    _scopes: dict[str, str] = field(default_factory=dict)
    _current: set[str] = field(default_factory=set)
    _covered: set[str] = field(default_factory=set)
    _state: dict[str, dict[str, object]] = field(default_factory=dict)
    _made: list[Path] = field(default_factory=list)
    _lock: int | None = None
    _ready: bool = False

    def __enter__(self) -> Builder:
        """Read what the last build recorded; folders are made only when a file is staged."""
        self._refuse_folder(STATE_FILE)
        if self.out.is_dir():
            self._hold(sweep=True)
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
        try:
            if error is not None:
                self.discard()
        finally:
            if self._lock is not None:
                os.close(self._lock)  # closing releases the lock
                self._lock = None

    def _hold(self, sweep: bool) -> None:
        """Hold a shared lock on the output folder; if no other build holds one, sweep.

        Two builds into one folder are not kept from running at once, but each holds the
        lock while it builds: a build that can take it alone (exclusively) knows that
        every temporary file of ours there is left over from a build that was killed (by
        SIGKILL, or a power cut), and removes it. Without locks (no ``fcntl``, or a network
        file system that refuses them) nothing is swept.
        """
        try:
            import fcntl
        except ImportError:  # not on Windows
            return
        try:
            lock = os.open(self.out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return
        try:
            if sweep:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    pass  # another build is running: what looks left over may be its own
                else:
                    _sweep_leftovers(lock)
            fcntl.flock(lock, fcntl.LOCK_SH)  # from exclusive: nothing staged yet to lose
        except OSError:
            os.close(lock)
            return
        self._lock = lock

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
        """Refuse a folder where a file is to go, or a file or a link where its folder is.

        Either would stop the build later, with a message naming the wrong path (a file
        named ``programs`` gave "--out DIR: Not a directory"), or halfway through committing;
        a link would have the files written wherever it points, outside the output folder.
        """
        parts = name.split("/")
        for depth in range(1, len(parts)):
            self._is_folder(self.out.joinpath(*parts[:depth]))
        if (self.out / name).is_dir():
            raise IsADirectoryError(21, f"a folder is in the way of {name}")

    def _is_folder(self, place: Path) -> bool:
        """Tell whether a real folder is at ``place`` inside ``out`` (see ``_is_folder``)."""
        return _is_folder(self.out, place)

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

    def run(
        self,
        planned: list[Job],
        ready: Ready = lambda index, path: None,
        failed: Failed | None = None,
    ) -> None:
        """Draw and stage every planned file whose inputs changed since it was last built.

        ``ready`` is told each file's place in ``planned`` and where its bytes are, as soon
        as they are there (at once for unchanged files), in whatever order they finish.
        With ``failed``, a file whose drawing raises an error (not ``OSError``: that is the
        disk's or the folder's) is left out and ``failed`` is told; the others are drawn.
        Without it, the error stops the build.
        """
        todo = []
        for index, job in enumerate(planned):
            if self.keep_if_current(job.name, job.key, job.scope):
                ready(index, self.out / job.name)
            else:
                todo.append(job)
        place = {job.name: index for index, job in enumerate(planned)}
        if self.workers > 1 and len(todo) >= PARALLEL_MIN and _can_fork():
            for folder in dict.fromkeys((self.out / job.name).parent for job in todo):
                self._folder(folder)
            arrived = functools.partial(self._arrived, ready, failed, place)
            self._run_parallel(todo, arrived, failed is not None)
        else:
            with _drawing_gc():
                for done, job in enumerate(todo, start=1):
                    try:
                        data = _draw(job)
                    except Exception as exc:
                        if failed is None or isinstance(exc, OSError):
                            raise
                        failed(place[job.name], _failure(exc))
                    else:
                        self.stage(job.name, self._keys[job.name], data)
                        ready(place[job.name], self._staged[job.name])
                    self.progress(done, len(todo))

    def _arrived(
        self, ready: Ready, failed: Failed | None, place: dict[str, int], name: str, tmp: str
    ) -> None:
        """Take what a worker returned for a file: where it staged it, or why it failed."""
        if tmp.startswith(_FAILED) and failed is not None:
            failed(place[name], tmp[len(_FAILED) :])
        else:
            self._staged[name] = Path(tmp)
            ready(place[name], self._staged[name])

    def _run_parallel(
        self, todo: list[Job], arrived: Callable[[str, str], None], survive: bool
    ) -> None:
        global _OUT, _SURVIVE
        _PENDING[:] = todo
        _OUT, _SURVIVE = self.out, survive
        count = min(self.workers, len(todo))
        cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        pinned = cpus if count <= len(cpus) else []  # more workers than cores: let them float
        start = functools.partial(_start_worker, pinned)
        from handouts import workers  # only when workers are started

        try:
            # Closed on the way out whatever happens: a stopped build kills its workers.
            with contextlib.closing(workers.draw(count, len(todo), _work, start)) as drawn:
                for done, (index, tmp) in enumerate(drawn, 1):
                    arrived(todo[index].name, tmp)
                    self.progress(done, len(todo))
        finally:
            _PENDING.clear()

    def stage(self, name: str, key: str, data: bytes | Writer) -> None:
        """Stage one file (its bytes, or a function writing them) beside ``out/name``."""
        target = self.out / name
        self._keys[name] = key
        self._scopes.setdefault(name, "")
        self._staged[name] = _stage(self._folder(target.parent), target.name, data)

    def _folder(self, folder: Path) -> Path:
        """Make a folder (and its parents) if missing, remembering which ones were made.

        Each folder inside the output folder is looked at right before a file is staged
        in it: a link put there meanwhile is refused, never written through.
        """
        if not self._ready:
            missing = [p for p in (self.out, *self.out.parents) if not p.exists()]
            for path in reversed(missing):
                path.mkdir(exist_ok=True)
                self._made.append(path)
            if self._lock is None:
                self._hold(sweep=False)  # made just now: nothing is left over in it
            self._ready = True
        place = self.out
        for part in folder.relative_to(self.out).parts:
            place = place / part
            if not self._is_folder(place):
                try:
                    place.mkdir()
                except FileExistsError:  # another build made it just now
                    self._is_folder(place)
                else:
                    self._made.append(place)
        return folder

    def current(self, name: str) -> Path:
        """Return where the bytes ``name`` will have are now: staged, or unchanged in place."""
        return self._staged.get(name, self.out / name)

    def key(self, name: str) -> str:
        """Return the inputs digest of a planned file."""
        return self._keys[name]

    def rekey(self, name: str, key: str) -> None:
        """Record a staged file as made from other inputs than planned, so it is not current.

        A roster's merged file that had to leave a program out is not what its inputs
        digest says: the next build makes it again.
        """
        self._keys[name] = key

    def discard(self) -> None:
        """Remove every staged file, and any this build was writing when it was stopped."""
        with interrupts.held():  # a second Ctrl-C must not leave half the clean-up undone
            for tmp in self._staged.values():
                tmp.unlink(missing_ok=True)
            self._staged.clear()
            # A worker killed mid-file, or a stop between creating a file and knowing its
            # name, leaves a temporary file no one was told of: ours have our tag.
            for folder, names in _by_folder(self.out, [*self._keys, STATE_FILE]).items():
                _sweep(folder, names)
            for folder in reversed(self._made):  # nothing was written: not even a folder
                with contextlib.suppress(OSError):  # not empty: something else is in it now
                    folder.rmdir()
            self._made.clear()

    def commit(self) -> list[Path]:
        """Put every staged file in place, remove the files no longer made, record them all.

        All or nothing: each file replaced stays under a hidden name until every new file,
        every removal and the state file are in place. If one cannot be, or a stop signal
        arrives meanwhile, every file is put back as it was, then ``CommitError`` names the
        file and why (or the signal is delivered). Files are removed only after every new
        one is in place.
        """
        for folder in dict.fromkeys((self.out / name).parent for name in self._staged):
            self._folder(folder)  # no link put in a folder's place since it was staged
        state = dict(self._state)
        for name, key in self._keys.items():  # in the order planned, whoever finished first
            if name in self._staged:
                # Our own temporary file's size and time, taken before the rename: once in
                # place, another build writing this folder at the same time could replace
                # it, and its file must never be recorded as ours (and so as current).
                written = self._staged[name].stat()
                state[name] = {"key": key, "size": written.st_size, "mtime": written.st_mtime_ns}
            elif name not in self._current:
                continue  # planned but never staged: nothing of ours is there to record
            # An unchanged file keeps the record it was checked against when planned. A new
            # dict, with the scope: the one read from the state file is compared below.
            state[name] = {**state[name], "scope": self._scopes[name]}
        change = _Change(self.out)
        with interrupts.held() as stops:
            try:
                for name in [n for n in self._keys if n in self._staged]:  # in planned order
                    change.replace(name, self._staged[name])
                    del self._staged[name]  # in place: no longer ours to discard
                    self.written.append(self.out / name)
                self._remove_no_longer_made(state, change)
                if state != self._state:
                    record = json.dumps(state, indent=0, sort_keys=True).encode()
                    try:
                        staged = _stage(self._folder(self.out), STATE_FILE, record)
                    except OSError as exc:
                        raise CommitError(STATE_FILE, exc, "write") from exc
                    try:
                        change.replace(STATE_FILE, staged)
                    except BaseException:
                        staged.unlink(missing_ok=True)
                        raise
            except BaseException as exc:
                self._undo(change, exc)
                raise
            if stops:  # stopped meanwhile: undo it all, then the signal is delivered
                self._undo(change, None)
                return []
            self.committed = True
            self._state = state
            self._made.clear()
            change.finish()
        return self.written

    def _undo(self, change: _Change, error: BaseException | None) -> None:
        """Put every file ``change`` touched back as it was; remove what was staged."""
        failed = change.undo()
        if failed and isinstance(error, CommitError):
            error.not_restored = failed
        self.written.clear()
        self.removed.clear()
        self.kept.clear()
        self.discard()

    def _remove_no_longer_made(self, state: dict[str, dict[str, object]], change: _Change) -> None:
        """Remove the covered files an earlier build recorded and this one did not plan.

        A file changed since it was recorded (or a link, or a folder now) is someone else's:
        it is kept, named in ``kept`` and forgotten, so it is mentioned once. A file whose
        removal fails is kept and stays recorded, so the next build tries again. Removed
        files are only set aside under hidden names until ``change`` is kept.
        """
        for name, record in sorted(self._state.items()):
            scope = record.get("scope") if isinstance(record, dict) else None
            if name in self._keys or not isinstance(scope, str) or scope not in self._covered:
                continue
            outcome = change.set_aside_if_unchanged(name, record)  # type: ignore[arg-type]
            if outcome == _REMOVED:
                self.removed.append(self.out / name)
            elif outcome == _CHANGED:
                self.kept.append((self.out / name, "it was changed after handouts wrote it"))
            elif outcome != _GONE:
                self.kept.append((self.out / name, f"removing it failed ({outcome})"))
                continue  # still ours and as we wrote it: keep the record
            del state[name]


class CommitError(OSError):
    """A file could not be put in place while committing; the others were put back."""

    def __init__(self, name: str, cause: OSError, verb: str) -> None:
        """Name the file (inside the output folder), what was done to it and why it failed."""
        super().__init__(cause.errno, cause.strerror or type(cause).__name__)
        self.name = name
        """The file that failed, as a path inside the output folder."""
        self.verb = verb
        """``replace`` for a file that was there, ``write`` for a new one."""
        self.not_restored: list[tuple[str, str]] = []
        """Files that could not be put back as they were, each with the reason."""

    def __str__(self) -> str:
        """Say which file failed and why, and that every other file is as it was."""
        said = f"cannot {self.verb} {_shown(self.name)} ({self.strerror})"
        if not self.not_restored:
            return f"{said}; no file was changed"
        name, reason = self.not_restored[0]
        more = len(self.not_restored) - 1
        others = f" and {more} more" if more else ""
        return (
            f"{said}; {_shown(name)}{others} could not be put back as before ({reason}) "
            "and may be new: build again"
        )


class _Placed:
    """A file put in place by a commit, and what it replaced."""

    __slots__ = ("backup", "done", "linked", "target")

    def __init__(self, target: Path) -> None:
        self.target = target
        self.backup: Path | None = None
        """The file ``target`` replaced, under a hidden name; None if there was none."""
        self.done = False
        """Whether the new file is in place (if not, ``backup`` may be a second name of the
        old file, which is still in place, or the old file moved aside)."""
        self.linked = True
        """Whether ``backup`` is a second name of the old file (else it was moved)."""


class _Change:
    """What one commit did, kept until every step has succeeded, or undone."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.placed: list[_Placed] = []
        self.set_aside: list[tuple[str, str]] = []
        """Files no longer made, each with the hidden name it was moved to in its folder."""

    def replace(self, name: str, staged: Path) -> None:
        """Put ``staged`` at ``out/name``, keeping what was there under a hidden name.

        A second (hard) link keeps the old file while the new one replaces it, so its
        name never goes missing; where links are refused (FAT, some network shares) the
        old file is moved aside instead.
        """
        target = self.out / name
        placed = _Placed(target)
        if os.path.lexists(target):
            placed.backup = target.with_name(_temporary_name(target.name))
            try:
                os.link(target, placed.backup, follow_symlinks=False)
            except OSError:
                placed.linked = False
                try:
                    os.rename(target, placed.backup)
                except OSError as exc:
                    raise CommitError(name, exc, "replace") from exc
        self.placed.append(placed)
        try:
            os.replace(staged, target)
        except OSError as exc:
            raise CommitError(name, exc, "replace" if placed.backup else "write") from exc
        placed.done = True

    def set_aside_if_unchanged(self, name: str, record: dict[str, object]) -> str:
        """Move ``out/name`` to a hidden name if it is the file recorded; say what happened.

        See ``_set_aside_if_unchanged``; the file is removed for good by ``finish``.
        """
        outcome, aside = _set_aside_if_unchanged(self.out, name, record)
        if outcome == _REMOVED:
            self.set_aside.append((name, aside))
        return outcome

    def undo(self) -> list[tuple[str, str]]:
        """Put every file back as it was; return those that could not be, with why."""
        failed = []
        for placed in reversed(self.placed):
            try:
                if placed.backup is None:
                    if placed.done:
                        os.unlink(placed.target)
                elif placed.done or not placed.linked:
                    os.replace(placed.backup, placed.target)
                else:  # the new file never arrived: the old one is still in place
                    os.unlink(placed.backup)
            except OSError as exc:
                name = placed.target.relative_to(self.out).as_posix()
                failed.append((name, exc.strerror or type(exc).__name__))
        for name, aside in reversed(self.set_aside):
            try:
                _restore_or_drop(self.out, name, aside, restore=True)
            except OSError as exc:
                failed.append((name, exc.strerror or type(exc).__name__))
        self.placed.clear()
        self.set_aside.clear()
        return failed

    def finish(self) -> None:
        """Keep the change: drop the old files kept aside for an undo."""
        for placed in self.placed:
            if placed.backup is not None:
                with contextlib.suppress(OSError):  # left over, it is swept next time
                    placed.backup.unlink()
        for name, aside in self.set_aside:
            with contextlib.suppress(OSError):
                _restore_or_drop(self.out, name, aside, restore=False)


def _shown(text: str) -> str:
    """Return text fit for a one-line message: line breaks and escapes shown, not obeyed."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _by_folder(out: Path, names: Iterable[str]) -> dict[Path, set[str]]:
    """Group names inside ``out`` by the folder each is in, as file names."""
    grouped: dict[Path, set[str]] = {}
    for name in names:
        path = out / name
        grouped.setdefault(path.parent, set()).add(path.name)
    return grouped


_TAIL = len(f".{_TAG}12345678.tmp")


def _sweep(folder: Path | int, ours: set[str] | None = None) -> list[str]:
    """Remove our temporary files in ``folder`` (a path or an open folder); return them.

    With ``ours``, only this process's (by the tag) for those file names. A folder that
    cannot be read is left alone; a link is never followed.
    """
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not _LEFTOVER.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            tag, name = entry.name[1 - _TAIL : 7 - _TAIL], entry.name[1:-_TAIL]
            if ours is not None and (tag != _TAG or name not in ours):
                continue
            with contextlib.suppress(OSError):
                if isinstance(folder, int):
                    os.unlink(entry.name, dir_fd=folder)
                else:
                    os.unlink(entry.path)
                removed.append(entry.name)
    return removed


def _sweep_leftovers(out: int) -> None:
    """Remove every temporary file of ours in the output folder and its folders."""
    _sweep(out)
    with contextlib.suppress(OSError), os.scandir(out) as entries:
        folders = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
    for name in folders:
        try:
            inner = os.open(name, os.O_RDONLY | _DIRECTORY | os.O_NOFOLLOW, dir_fd=out)
        except OSError:
            continue
        try:
            _sweep(inner)
        finally:
            os.close(inner)


_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_REMOVED = "removed"
_CHANGED = "changed"
_GONE = "gone"


def _open_folder(out: Path, parts: list[str]) -> int:
    """Open the folder ``out/parts…`` walking one folder at a time, never through a link."""
    folder = os.open(out, os.O_RDONLY | _DIRECTORY)
    try:
        for part in parts:
            inner = os.open(part, os.O_RDONLY | _DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
            os.close(folder)
            folder = inner
    except BaseException:
        os.close(folder)
        raise
    return folder


def _restore_or_drop(out: Path, name: str, aside: str, restore: bool) -> None:
    """Move a file set aside back to ``name`` (``restore``), or remove it for good."""
    parts = name.split("/")
    folder = _open_folder(out, parts[:-1])
    try:
        if restore:
            os.rename(aside, parts[-1], src_dir_fd=folder, dst_dir_fd=folder)
        else:
            os.unlink(aside, dir_fd=folder)
    finally:
        os.close(folder)


def _set_aside_if_unchanged(out: Path, name: str, record: dict[str, object]) -> tuple[str, str]:
    """Move ``out/name`` to a hidden name if it is the regular file recorded; say what happened.

    Returns ``_REMOVED`` with the hidden name (in the same folder); ``_CHANGED`` if it is
    not as recorded (another size or time, a link, a folder, or a folder on its way replaced
    by a link or file); ``_GONE`` if it is not there or the name could never be one of ours;
    else why moving it failed. The name comes from the state file, which anyone can edit:
    it is walked one folder at a time from ``out`` without following links, so nothing
    outside ``out`` is ever touched.
    """
    parts = name.split("/")
    if any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts):
        return _GONE, ""  # never a name we write: not ours to touch
    try:
        folder = _open_folder(out, parts[:-1])
    except FileNotFoundError:
        return _GONE, ""
    except OSError as exc:
        # A file or a link where our folder was (a link refused by O_NOFOLLOW is ELOOP, or
        # EMLINK on FreeBSD): what is there now is not ours.
        if exc.errno in (errno.ENOTDIR, errno.ELOOP, errno.EMLINK):
            return _CHANGED, ""
        return exc.strerror or type(exc).__name__, ""
    try:
        found = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
        if not (
            S_ISREG(found.st_mode)
            and record.get("size") == found.st_size
            and record.get("mtime") == found.st_mtime_ns
        ):
            return _CHANGED, ""
        aside = _temporary_name(parts[-1])
        os.rename(parts[-1], aside, src_dir_fd=folder, dst_dir_fd=folder)
    except FileNotFoundError:
        return _GONE, ""
    except OSError as exc:
        return exc.strerror or type(exc).__name__, ""
    finally:
        os.close(folder)
    return _REMOVED, aside
