"""Which Forge app each changed file belongs to, and which missing paths git
ignores: what the checks of an app's files need from the repository."""

from __future__ import annotations

import os
from typing import Collection, Dict, FrozenSet, Iterable, List, Optional, Set

from ..reading.documents import MANIFEST_NAMES
from . import git


def manifests_of(paths: Iterable[str]) -> List[str]:
    """The manifest of each path's app: the nearest manifest.yml (or .yaml)
    in its folder or a folder above it, up to the current one (the
    repository's top under pre-commit). A manifest is its own app's. In the
    order first reached."""
    found: Dict[str, None] = {}
    nearest: Dict[str, Optional[str]] = {}
    for path in paths:
        folder = os.path.dirname(os.path.normpath(path))
        manifest = _nearest(folder, nearest)
        if manifest is not None:
            found.setdefault(manifest, None)
    return list(found)


def _nearest(folder: str, known: Dict[str, Optional[str]]) -> Optional[str]:
    """The nearest manifest at or above ``folder``; each folder is looked at once a run."""
    visited: List[str] = []
    manifest: Optional[str] = None
    while True:
        if folder in known:
            manifest = known[folder]
            break
        visited.append(folder)
        manifest = _manifest_in(folder)
        if manifest is not None or folder in ("", ".") or folder.startswith(".."):
            break
        folder = os.path.dirname(folder)
    for seen in visited:
        known[seen] = manifest
    return manifest


def _manifest_in(folder: str) -> Optional[str]:
    for name in MANIFEST_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    return None


def ignored_by_git(paths: Collection[str]) -> FrozenSet[str]:
    """Those of ``paths`` that git ignores; none outside a repository."""
    # git refuses the whole question for a path outside the work tree, and no
    # process takes a NUL byte: such a path counts as not ignored (a block).
    inside = [path for path in paths if _within(path) and "\0" not in path]
    if not inside:
        return frozenset()
    answered = _check_ignore(inside)
    if answered is None and len(inside) > 1:
        # One path git refuses (beyond a symbolic link, say) fails the whole
        # question: ask again one path at a time.
        answered = set()
        for path in inside:
            answered |= _check_ignore([path]) or set()
    answered = answered or set()
    return frozenset(
        path for path in inside if path in answered or path.rstrip("/") + "/" in answered
    )


def _within(path: str) -> bool:
    normal = os.path.normpath(path)
    return not os.path.isabs(normal) and normal != ".." and not normal.startswith("../")


def _check_ignore(paths: List[str]) -> Optional[Set[str]]:
    # A missing path may be a folder, which a pattern such as "build/" ignores
    # only when git knows it is one: the name with a "/" says so.
    asked = [name for path in paths for name in (path, path.rstrip("/") + "/")]
    # One name a line, unquoted (-z needs --stdin); a name with a line break
    # would not match and so counts as not ignored: the safe side is a block.
    command = ("-c", "core.quotePath=false", "check-ignore", "--", *asked)
    listed = git.output(*command, accept=(0, 1))  # 1: none is ignored
    return None if listed is None else set(os.fsdecode(listed).split("\n"))
