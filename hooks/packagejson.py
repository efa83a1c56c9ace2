"""Whether a descriptor belongs to an atlassian-connect-express app.

atlassian-connect-express reads ``atlassian-connect.json`` as JSON5, so such
descriptors may carry comments and trailing commas.
"""

from __future__ import annotations

import json
import os
from functools import cache

_DEPENDENCY_FIELDS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


def uses_connect_express(descriptor: str) -> bool:
    """True when the nearest package.json depends on atlassian-connect-express."""
    return _folder_uses(os.path.dirname(os.path.abspath(descriptor)))


@cache
def _folder_uses(folder: str) -> bool:
    candidate = os.path.join(folder, "package.json")
    if os.path.isfile(candidate):
        return _depends_on_ace(candidate)
    parent = os.path.dirname(folder)
    if parent == folder or os.path.exists(os.path.join(folder, ".git")):
        return False
    return _folder_uses(parent)


def _depends_on_ace(path: str) -> bool:
    try:
        with open(path, "rb") as stream:
            package = json.loads(stream.read(1024 * 1024))
    except (OSError, ValueError, RecursionError):
        return False
    if not isinstance(package, dict):
        return False
    return any(
        isinstance(package.get(field), dict) and "atlassian-connect-express" in package[field]
        for field in _DEPENDENCY_FIELDS
    )
