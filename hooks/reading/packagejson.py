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
from typing import FrozenSet, Set

_DEPENDENCY_FIELDS = (
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
)


def uses_connect_express(path: str) -> bool:
    """True when the nearest package.json depends on atlassian-connect-express."""
    return "atlassian-connect-express" in _nearest_dependencies(
        os.path.dirname(os.path.abspath(path))
    )


def in_forge_app(path: str) -> bool:
    """True when the nearest package.json depends on an ``@forge/`` package."""
    return any(
        name.startswith("@forge/")
        for name in _nearest_dependencies(os.path.dirname(os.path.abspath(path)))
    )


def _nearest_dependencies(folder: str) -> FrozenSet[str]:
    """The dependencies of the nearest package.json, from ``folder`` up to the
    repository's root."""
    while True:
        candidate = os.path.join(folder, "package.json")
        try:
            status = os.stat(candidate)
        except OSError:
            status = None
        if status is not None and stat.S_ISREG(status.st_mode):
            return _dependencies_of(candidate, status.st_mtime_ns, status.st_size)
        parent = os.path.dirname(folder)
        if parent == folder or os.path.exists(os.path.join(folder, ".git")):
            return frozenset()
        folder = parent


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
