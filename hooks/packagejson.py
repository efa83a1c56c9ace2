"""Whether a descriptor belongs to an atlassian-connect-express app.

atlassian-connect-express reads ``atlassian-connect.json`` as JSON5, so such
descriptors may carry comments and trailing commas.
"""

from __future__ import annotations

import json
import os
from typing import Dict

_DEPENDENCY_FIELDS = (
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
)


class ConnectExpressApps:
    """Answers per descriptor, reading each folder's package.json once a run."""

    def __init__(self) -> None:
        self._by_folder: Dict[str, bool] = {}

    def uses_it(self, descriptor: str) -> bool:
        """True when the nearest package.json depends on atlassian-connect-express."""
        return self._folder_uses(os.path.dirname(os.path.abspath(descriptor)))

    def _folder_uses(self, folder: str) -> bool:
        if folder not in self._by_folder:
            candidate = os.path.join(folder, "package.json")
            parent = os.path.dirname(folder)
            if os.path.isfile(candidate):
                answer = _depends_on_ace(candidate)
            elif parent == folder or os.path.exists(os.path.join(folder, ".git")):
                answer = False
            else:
                answer = self._folder_uses(parent)
            self._by_folder[folder] = answer
        return self._by_folder[folder]


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
