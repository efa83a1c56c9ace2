"""What the nearest package.json says a file belongs to.

atlassian-connect-express reads ``atlassian-connect.json`` as JSON5, so such
descriptors may carry comments and trailing commas. A folder whose
package.json depends on an ``@forge/`` package is a Forge app, so its
``manifest.yml`` is a Forge manifest whatever it holds.
"""

from __future__ import annotations

import json
import os
import stat
from functools import lru_cache
from typing import Dict, FrozenSet, Optional, Set

_DEPENDENCY_FIELDS = (
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
)


class Folders:
    """What the folders of one run hold, each looked up once: a repository of
    thousands of ``manifest.yml`` files shares its parent folders. Make one per
    run; files may change between runs.

    Given the repository's tracked files (absolute paths), those are the files
    there are, and looking one up costs no system call.
    """

    def __init__(self, tracked: Optional[FrozenSet[str]] = None) -> None:
        self._tracked = tracked
        self._dependencies: Dict[str, FrozenSet[str]] = {}
        self._files: Dict[str, bool] = {}

    def dependencies(self, folder: str) -> FrozenSet[str]:
        """The dependencies of the nearest package.json, from ``folder`` up to
        the repository's root."""
        walked = []
        found: Optional[FrozenSet[str]] = None
        while found is None:
            found = self._dependencies.get(folder)
            if found is not None:
                break
            walked.append(folder)
            candidate = os.path.join(folder, "package.json")
            status: Optional[os.stat_result] = None
            if self._tracked is None or candidate in self._tracked:
                try:
                    status = os.stat(candidate)
                except OSError:
                    pass
            if status is not None and stat.S_ISREG(status.st_mode):
                found = _dependencies_of(candidate, status.st_mtime_ns, status.st_size)
                break
            parent = os.path.dirname(folder)
            if parent == folder or self._is_repository(folder):
                found = frozenset()
                break
            folder = parent
        for each in walked:
            self._dependencies[each] = found
        return found

    def _is_repository(self, folder: str) -> bool:
        # With the tracked files known, the walk ends where they end.
        if self._tracked is not None:
            return False
        return os.path.exists(os.path.join(folder, ".git"))

    def is_file(self, path: str) -> bool:
        if self._tracked is not None:
            return path in self._tracked
        known = self._files.get(path)
        if known is None:
            known = self._files[path] = os.path.isfile(path)
        return known


def uses_connect_express(path: str, folders: Optional[Folders] = None) -> bool:
    """True when the nearest package.json depends on atlassian-connect-express."""
    folder = os.path.dirname(os.path.abspath(path))
    return "atlassian-connect-express" in (folders or Folders()).dependencies(folder)


def forge_folder(folder: str, folders: Folders) -> bool:
    """True when the nearest package.json of a file in ``folder`` (absolute)
    depends on an ``@forge/`` package."""
    return any(name.startswith("@forge/") for name in folders.dependencies(folder))


@lru_cache(maxsize=256)
def _dependencies_of(path: str, mtime_ns: int, size: int) -> FrozenSet[str]:
    """Cached by the file's identity, so a changed package.json is read again."""
    return _dependencies(path)


def _dependencies(path: str) -> FrozenSet[str]:
    try:
        with open(path, "rb") as stream:
            package = json.loads(stream.read(1024 * 1024))
    except (OSError, ValueError, RecursionError):
        return frozenset()
    if not isinstance(package, dict):
        return frozenset()
    names: Set[str] = set()
    for field in _DEPENDENCY_FIELDS:
        listed = package.get(field)
        if isinstance(listed, dict):
            names.update(name for name in listed if isinstance(name, str))
    return frozenset(names)
