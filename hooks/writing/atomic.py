"""Replace a file's bytes atomically, keeping its permissions and symlinks.

The file is compared with what the hook read twice: before the temporary
file is made and again after it is written and synced, immediately before
the rename. What remains is the moment between that last read and the rename
(microseconds): an editor that saves inside it loses its save. POSIX has no
compare-and-rename, so no tool that writes by renaming can close it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from typing import Any, Iterator, Optional


def write_atomically(path: str, data: bytes, expected: bytes, root: str) -> Optional[str]:
    """Write ``data`` to ``path`` (through a symlink, to its target).

    ``expected`` is what the file held when it was read: if it changed since,
    nothing is written. Only a regular file inside the folder ``root`` (the
    repository) is written, wherever a symlink points. Returns None on
    success, else why nothing was written.
    """
    target = os.path.realpath(path)
    top = os.path.realpath(root)
    if os.path.commonpath([top, target]) != top:
        return f"it resolves to {target}, outside the repository"
    try:
        before = os.stat(target)
    except OSError as error:
        return f"cannot read it again: {error.strerror or error}"
    if not stat.S_ISREG(before.st_mode):
        return "it is not a regular file"
    changed = _changed(target, expected)
    if changed:
        return changed
    if not before.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "it is read-only"
    with _signals_end_the_write():
        return _replace(target, data, expected, before)


def _changed(target: str, expected: bytes) -> Optional[str]:
    """Why ``target`` no longer holds ``expected``, or None when it does."""
    try:
        with open(target, "rb") as stream:
            current = stream.read(len(expected) + 1)
    except OSError as error:
        return f"cannot read it again: {error.strerror or error}"
    return None if current == expected else "it changed while the hook ran"


def _replace(target: str, data: bytes, expected: bytes, before: os.stat_result) -> Optional[str]:
    folder = os.path.dirname(target)
    try:
        import tempfile  # with random and shutil: only when a file is written

        fd, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
        )
    except OSError as error:
        return f"cannot create a file beside it: {error.strerror or error}"
    renamed = False
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(before.st_mode))
        if hasattr(os, "chown"):
            try:
                os.chown(temporary, before.st_uid, before.st_gid)
            except PermissionError:
                pass  # only root may give a file away; ours is the user's own anyway
        changed = _changed(target, expected)  # an editor may have saved meanwhile
        if changed:
            return changed
        os.replace(temporary, target)
        renamed = True
    except OSError as error:
        return f"cannot write it: {error.strerror or error}"
    finally:
        if not renamed:  # every way out, an interrupt or a signal included
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return None


class _Ended(SystemExit):
    """A signal that ends the process, raised so that clean-up runs first."""


@contextlib.contextmanager
def _signals_end_the_write() -> Iterator[None]:
    """While the write runs, SIGTERM and SIGHUP end the process as they would,
    with its exit status, but through the clean-up above rather than around
    it (Ctrl-C already does: it raises KeyboardInterrupt)."""
    names = ("SIGTERM", "SIGHUP")
    numbers = [getattr(signal, name) for name in names if hasattr(signal, name)]
    previous: dict[int, Any] = {}
    try:
        for number in numbers:
            previous[number] = signal.signal(number, _end)
    except ValueError:
        pass  # not the main thread: signals cannot be handled here
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _end(number: int, frame: Any) -> None:
    raise _Ended(128 + number)
