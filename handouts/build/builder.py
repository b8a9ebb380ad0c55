"""The Builder: plan, draw, stage and commit the files of one build."""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from handouts import interrupts
from handouts.build import files
from handouts.build.commit import Change, CommitError
from handouts.build.drawing import (
    FAILED,
    PARALLEL_MIN,
    can_fork,
    draw,
    draw_in_workers,
    drawing_gc,
    failure,
)
from handouts.build.files import (
    CHANGED,
    GONE,
    REMOVED,
    Writer,
    by_folder,
    is_folder,
    sweep,
)
from handouts.build.plan import Job

STATE_FILE = ".handouts-state.json"
"""What every file in the output folder was built from; read to skip unchanged files."""

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
        """Hold a shared lock on the output folder (see ``files.hold``)."""
        self._lock = files.hold(self.out, sweep)

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
        """Tell whether a real folder is at ``place`` inside ``out`` (see ``files.is_folder``)."""
        return is_folder(self.out, place)

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
        if self.workers > 1 and len(todo) >= PARALLEL_MIN and can_fork():
            for folder in dict.fromkeys((self.out / job.name).parent for job in todo):
                self._folder(folder)
            arrived = functools.partial(self._arrived, ready, failed, place)
            draw_in_workers(
                self.out, self.workers, todo, arrived, failed is not None, self.progress
            )
        else:
            with drawing_gc():
                for done, job in enumerate(todo, start=1):
                    try:
                        data = draw(job)
                    except Exception as exc:
                        if failed is None or isinstance(exc, OSError):
                            raise
                        failed(place[job.name], failure(exc))
                    else:
                        self.stage(job.name, self._keys[job.name], data)
                        ready(place[job.name], self._staged[job.name])
                    self.progress(done, len(todo))

    def _arrived(
        self, ready: Ready, failed: Failed | None, place: dict[str, int], name: str, tmp: str
    ) -> None:
        """Take what a worker returned for a file: where it staged it, or why it failed."""
        if tmp.startswith(FAILED) and failed is not None:
            failed(place[name], tmp[len(FAILED) :])
        else:
            self._staged[name] = Path(tmp)
            ready(place[name], self._staged[name])

    def stage(self, name: str, key: str, data: bytes | Writer) -> None:
        """Stage one file (its bytes, or a function writing them) beside ``out/name``."""
        target = self.out / name
        self._keys[name] = key
        self._scopes.setdefault(name, "")
        self._staged[name] = files.stage(self._folder(target.parent), target.name, data)

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
            for folder, names in by_folder(self.out, [*self._keys, STATE_FILE]).items():
                sweep(folder, names)
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
        change = Change(self.out)
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
                        staged = files.stage(self._folder(self.out), STATE_FILE, record)
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

    def _undo(self, change: Change, error: BaseException | None) -> None:
        """Put every file ``change`` touched back as it was; remove what was staged."""
        failed = change.undo()
        if failed and isinstance(error, CommitError):
            error.not_restored = failed
        self.written.clear()
        self.removed.clear()
        self.kept.clear()
        self.discard()

    def _remove_no_longer_made(self, state: dict[str, dict[str, object]], change: Change) -> None:
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
            if outcome == REMOVED:
                self.removed.append(self.out / name)
            elif outcome == CHANGED:
                self.kept.append((self.out / name, "it was changed after handouts wrote it"))
            elif outcome != GONE:
                self.kept.append((self.out / name, f"removing it failed ({outcome})"))
                continue  # still ours and as we wrote it: keep the record
            del state[name]
