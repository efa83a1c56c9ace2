"""The repository's Forge manifests: which tracked ``manifest.yml`` files are
Forge's, each loaded once a run, and the descriptors that could pair with
them. What pairs with what is :mod:`.pairing`'s rule; this is what it reads."""

from __future__ import annotations

import bisect
import os
import re
from typing import Callable, Dict, FrozenSet, Iterable, Iterator, List, Optional, Pattern, Tuple

from ..reading.documents import (
    MANIFEST_NAMES,
    CannotOpen,
    Document,
    Loaded,
    NotOurs,
    Read,
    Unreadable,
    load_manifest,
    parse_manifest_text,
)
from ..reading.packagejson import forge_folder
from .files import RepositoryFiles, forge_lines
from .history import LastCommit

MANIFEST_FILE = re.compile(r"(^|[/\\])manifest\.ya?ml$")
# Past this many tracked manifests, one git process costs less than reading them.
MANY_MANIFESTS = 64


def is_manifest_path(path: str) -> bool:
    return MANIFEST_FILE.search(path) is not None


class ManifestIndex:
    """The Forge manifests of one run, found and loaded once."""

    def __init__(self, files: RepositoryFiles, history: LastCommit) -> None:
        self.files = files
        self.history = history  # the base a manifest "as last committed" is read from
        self._loaded: Dict[str, Read] = {}
        self._scan: Optional[Iterator[str]] = None
        self._forge_found: List[str] = []
        self._index: Optional[Tuple[Pattern[str], List[Tuple[str, str]]]] = None
        self._unhoused_index: Optional[Tuple[Pattern[str], List[Tuple[str, str]]]] = None

    # -- one manifest ----------------------------------------------------------

    def load(self, path: str) -> Read:
        """Load a manifest once per run, however many descriptors ask."""
        # By name: a file reached by two names (a symlink) is only read twice.
        key = os.path.normpath(path)
        if key not in self._loaded:
            self._loaded[key] = load_manifest(path, self.files.folders())
        return self._loaded[key]

    def usable(self, path: str) -> Optional[Document]:
        read = self.load(path)
        return read.document if isinstance(read, Loaded) and not read.problems else None

    def committed(self, manifest: str) -> Optional[Document]:
        """The manifest as of the run's base, when this change changes it."""
        text = self.history.text(manifest)
        return parse_manifest_text(manifest, text) if text is not None else None

    def is_forge(self, path: str) -> bool:
        read = self.load(path)
        if isinstance(read, NotOurs):
            return False
        if isinstance(read, Unreadable) and isinstance(read.reason, CannotOpen):
            # Tracked, but not in the work tree: a sparse checkout.
            return os.path.lexists(path)
        # A broken file that looks like a Forge manifest still counts: it is
        # the manifest meant, and its own hook reports what is wrong with it.
        return True

    def takes_part(self, manifest: str) -> bool:
        """Whether a manifest on disk may pair: tracked, when git knows."""
        return not self.files.in_git or os.path.abspath(manifest) in self.files.tracked_absolute()

    # -- where they are ----------------------------------------------------------

    def nearest(self, descriptor: str) -> Optional[str]:
        """The nearest Forge manifest in the descriptor's folder or above, up
        to the repository's top, named as the descriptor is (relative or absolute)."""
        folder = os.path.dirname(os.path.abspath(descriptor))
        while True:
            for name in MANIFEST_NAMES:
                candidate = os.path.join(folder, name)
                if not os.path.isfile(candidate) or not self.takes_part(candidate):
                    continue
                if not os.path.isabs(descriptor):
                    candidate = os.path.relpath(candidate)
                if self.is_forge(candidate):
                    return candidate
            parent = os.path.dirname(folder)
            if parent == folder or os.path.exists(os.path.join(folder, ".git")):
                return None
            folder = parent

    def left_out(self, descriptor: str) -> Optional[Tuple[str, bool]]:
        """The nearest manifest up the descriptor's folders that cannot pair
        because git does not track it (True), or because the work tree lacks
        it though git tracks it (False, a sparse checkout); None when neither."""
        if not self.files.in_git:
            return None
        # A scan of the list, in C, for the few names up the folders: cheaper
        # than a set of every tracked file's absolute path.
        tracked = self.files.tracked()
        folder = os.path.dirname(os.path.abspath(descriptor))
        while True:
            for name in MANIFEST_NAMES:
                candidate = os.path.join(folder, name)
                present = os.path.isfile(candidate)
                shown = os.path.relpath(candidate)
                if present == (shown in tracked):
                    continue  # tracked and there, or neither
                if present and not isinstance(self.load(shown), NotOurs):
                    return shown, True
                if not present:
                    return shown, False
            parent = os.path.dirname(folder)
            if parent == folder or os.path.exists(os.path.join(folder, ".git")):
                return None
            folder = parent

    def forge_manifests(self, enough: Optional[int] = None) -> List[str]:
        """The repository's tracked Forge manifests, found in one pass a run;
        with ``enough``, the pass may pause once that many are found."""
        if self._scan is None:
            self._scan = iter(self._present_manifests())
        while enough is None or len(self._forge_found) < enough:
            path = next(self._scan, None)
            if path is None:
                break
            if self.is_forge(path):
                self._forge_found.append(path)
        return self._forge_found

    def sole_manifest(self) -> Optional[str]:
        """The repository's only tracked Forge manifest, if it has exactly one.
        Stops at the second one found: a repository of many apps pays for two."""
        found = self.forge_manifests(enough=2)
        return found[0] if len(found) == 1 else None

    def manifests_below(self, folder: str) -> List[str]:
        """The tracked manifests under ``folder`` (absolute), by name only."""
        prefix = folder.rstrip(os.sep) + os.sep
        return [
            path
            for path in self.files.tracked()
            if is_manifest_path(path) and os.path.abspath(path).startswith(prefix)
        ]

    def _present_manifests(self) -> Iterable[str]:
        """Tracked manifests that may be Forge's; :meth:`is_forge` passes over
        those the work tree does not hold (a sparse checkout).

        Where there are many, git reads them (in C, in parallel) for a line
        that only a Forge manifest has, and only those and the ones in a Forge
        app's folder are read here: the rest are other tools' manifests.
        """
        manifests = [path for path in self.files.tracked() if is_manifest_path(path)]
        hinted = forge_lines() if len(manifests) > MANY_MANIFESTS else None
        if hinted is None:
            return manifests
        in_app = self._forge_app_folder_test()
        return (path for path in manifests if path in hinted or in_app(os.path.dirname(path)))

    def _forge_app_folder_test(self) -> Callable[[str], bool]:
        """What :func:`in_forge_app_folder` says of a tracked file's folder,
        from the tracked files' names alone: a descriptor in the folder, or a
        nearest package.json that depends on ``@forge/``. Thousands of
        manifests cost a few string operations each."""
        tracked = self.files.tracked()
        packages = {os.path.dirname(p) for p in tracked if os.path.basename(p) == "package.json"}
        descriptors = {
            os.path.dirname(p) for p in tracked if os.path.basename(p) == "atlassian-connect.json"
        }
        folders = self.files.folders()
        verdicts: Dict[str, bool] = {}

        def in_app(folder: str) -> bool:
            if folder in descriptors:
                return True
            while folder not in packages:
                parent = os.path.dirname(folder)
                if parent == folder:
                    return False
                folder = parent
            if folder not in verdicts:
                verdicts[folder] = forge_folder(os.path.abspath(folder or "."), folders)
            return verdicts[folder]

        return in_app

    # -- the descriptors that could pair ----------------------------------------

    def descriptor_index(self, pattern: Pattern[str]) -> List[Tuple[str, str]]:
        """(absolute path, path) of every tracked descriptor, sorted."""
        if self._index is None or self._index[0] is not pattern:
            entries = sorted(
                (os.path.abspath(path), path)
                for path in self.files.tracked()
                if pattern.search(path)
            )
            self._index = (pattern, entries)
        return self._index[1]

    def below(self, manifest: str, pattern: Pattern[str]) -> List[str]:
        """The tracked descriptors in ``manifest``'s folder or below, found by
        bisection in the sorted index."""
        index = self.descriptor_index(pattern)
        folder = os.path.dirname(os.path.abspath(manifest)) + os.sep
        start = bisect.bisect_left(index, (folder, ""))
        end = start
        while end < len(index) and index[end][0].startswith(folder):
            end += 1
        return [path for _, path in index[start:end]]

    def unhoused(self, pattern: Pattern[str]) -> List[Tuple[str, str]]:
        """(absolute path, path) of the tracked descriptors with no tracked
        manifest in their folder or above: the only ones evidence can pair."""
        if self._unhoused_index is None or self._unhoused_index[0] is not pattern:
            here = os.getcwd()
            holders = frozenset(
                os.path.dirname(os.path.normpath(os.path.join(here, path)))
                for path in self.files.tracked()
                if is_manifest_path(path)
            )
            entries = [
                (absolute, path)
                for absolute, path in self.descriptor_index(pattern)
                if not _has_ancestor_in(os.path.dirname(absolute), holders)
            ]
            self._unhoused_index = (pattern, entries)
        return self._unhoused_index[1]


def _has_ancestor_in(folder: str, holders: FrozenSet[str]) -> bool:
    while True:
        if folder in holders:
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent
