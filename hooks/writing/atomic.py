"""Replace a file's bytes atomically, keeping its permissions and symlinks."""

from __future__ import annotations

import os
import stat
import tempfile
from typing import Optional


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
        with open(target, "rb") as stream:
            current = stream.read(len(expected) + 1)
    except OSError as error:
        return f"cannot read it again: {error.strerror or error}"
    if not stat.S_ISREG(before.st_mode):
        return "it is not a regular file"
    if current != expected:
        return "it changed while the hook ran"
    if not before.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "it is read-only"
    folder = os.path.dirname(target)
    try:
        fd, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
        )
    except OSError as error:
        return f"cannot create a file beside it: {error.strerror or error}"
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
        os.replace(temporary, target)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return f"cannot write it: {error.strerror or error}"
    return None
