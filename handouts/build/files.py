"""Files in the output folder: staged under hidden names, folders checked, leftovers swept."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG
from typing import BinaryIO

from handouts.text import one_line


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


Writer = Callable[[BinaryIO], object]
"""Writes a file's bytes into an open file, for files too big to hold in memory."""


TAG = os.urandom(3).hex()
"""Part of every temporary name this process (and its workers) makes: after a failure, a
build removes its own temporary files by it, never another build's."""

_LEFTOVER = re.compile(
    r"\.(?:.+\.(?:pdf|pptx)|\.handouts-state\.json)\.(?:[0-9a-f]{6})?[a-z0-9_]{8}\.tmp"
)
"""A temporary file as ``stage`` names it (``.NAME.TAGXXXXXXXX.tmp``; before the tag
there was none), for a file handouts writes."""


def temporary_name(name: str) -> str:
    """Return a fresh hidden name for a file beside ``name``, as ``stage`` would make it."""
    return f".{name}.{TAG}{os.urandom(4).hex()}.tmp"


def stage(folder: Path, name: str, data: bytes | Writer) -> Path:
    """Write data under a hidden temporary name in ``folder``; return that name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.{TAG}", suffix=".tmp", dir=folder)
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


def is_folder(out: Path, place: Path) -> bool:
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
        where = one_line(os.readlink(place))
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


def by_folder(out: Path, names: Iterable[str]) -> dict[Path, set[str]]:
    """Group names inside ``out`` by the folder each is in, as file names."""
    grouped: dict[Path, set[str]] = {}
    for name in names:
        path = out / name
        grouped.setdefault(path.parent, set()).add(path.name)
    return grouped


_TAIL = len(f".{TAG}12345678.tmp")


def sweep(folder: Path | int, ours: set[str] | None = None) -> list[str]:
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
            if ours is not None and (tag != TAG or name not in ours):
                continue
            with contextlib.suppress(OSError):
                if isinstance(folder, int):
                    os.unlink(entry.name, dir_fd=folder)
                else:
                    os.unlink(entry.path)
                removed.append(entry.name)
    return removed


def sweep_leftovers(out: int) -> None:
    """Remove every temporary file of ours in the output folder and its folders."""
    sweep(out)
    with contextlib.suppress(OSError), os.scandir(out) as entries:
        folders = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
    for name in folders:
        try:
            inner = os.open(name, os.O_RDONLY | _DIRECTORY | os.O_NOFOLLOW, dir_fd=out)
        except OSError:
            continue
        try:
            sweep(inner)
        finally:
            os.close(inner)


_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
REMOVED = "removed"
CHANGED = "changed"
GONE = "gone"


def open_folder(out: Path, parts: list[str]) -> int:
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


def restore_or_drop(out: Path, name: str, aside: str, restore: bool) -> None:
    """Move a file set aside back to ``name`` (``restore``), or remove it for good."""
    parts = name.split("/")
    folder = open_folder(out, parts[:-1])
    try:
        if restore:
            os.rename(aside, parts[-1], src_dir_fd=folder, dst_dir_fd=folder)
        else:
            os.unlink(aside, dir_fd=folder)
    finally:
        os.close(folder)


def set_aside_if_unchanged(out: Path, name: str, record: dict[str, object]) -> tuple[str, str]:
    """Move ``out/name`` to a hidden name if it is the regular file recorded; say what happened.

    Returns ``REMOVED`` with the hidden name (in the same folder); ``CHANGED`` if it is
    not as recorded (another size or time, a link, a folder, or a folder on its way replaced
    by a link or file); ``GONE`` if it is not there or the name could never be one of ours;
    else why moving it failed. The name comes from the state file, which anyone can edit:
    it is walked one folder at a time from ``out`` without following links, so nothing
    outside ``out`` is ever touched.
    """
    parts = name.split("/")
    if any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts):
        return GONE, ""  # never a name we write: not ours to touch
    try:
        folder = open_folder(out, parts[:-1])
    except FileNotFoundError:
        return GONE, ""
    except OSError as exc:
        # A file or a link where our folder was (a link refused by O_NOFOLLOW is ELOOP, or
        # EMLINK on FreeBSD): what is there now is not ours.
        if exc.errno in (errno.ENOTDIR, errno.ELOOP, errno.EMLINK):
            return CHANGED, ""
        return exc.strerror or type(exc).__name__, ""
    try:
        found = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
        if not (
            S_ISREG(found.st_mode)
            and record.get("size") == found.st_size
            and record.get("mtime") == found.st_mtime_ns
        ):
            return CHANGED, ""
        aside = temporary_name(parts[-1])
        os.rename(parts[-1], aside, src_dir_fd=folder, dst_dir_fd=folder)
    except FileNotFoundError:
        return GONE, ""
    except OSError as exc:
        return exc.strerror or type(exc).__name__, ""
    finally:
        os.close(folder)
    return REMOVED, aside


def hold(out: Path, sweep: bool) -> int | None:
    """Hold a shared lock on the output folder; if no other build holds one, sweep.

    Two builds into one folder are not kept from running at once, but each holds the
    lock while it builds: a build that can take it alone (exclusively) knows that
    every temporary file of ours there is left over from a build that was killed (by
    SIGKILL, or a power cut), and removes it. Without locks (no ``fcntl``, or a network
    file system that refuses them) nothing is swept. Return the open folder, whose closing
    releases the lock, or None when no lock is held.
    """
    try:
        import fcntl
    except ImportError:  # not on Windows
        return None
    try:
        lock = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        if sweep:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pass  # another build is running: what looks left over may be its own
            else:
                sweep_leftovers(lock)
        fcntl.flock(lock, fcntl.LOCK_SH)  # from exclusive: nothing staged yet to lose
    except OSError:
        os.close(lock)
        return None
    return lock
