"""Which Forge manifest belongs to which Connect descriptor.

The rule, shared by every hook that pairs files:

1. ``--manifest PATH`` wins for the descriptors a hook is given;
2. else the nearest Forge manifest in the descriptor's folder or a parent, up
   to the repository root;
3. else the repository's only tracked Forge manifest;
4. else, where folders do not decide (a ``connect/`` beside a ``forge/``,
   several apps), the one Forge manifest the descriptor names: its
   ``forgeAppId`` or its link's app is the manifest's ``app.id``, or the
   manifest's ``app.connect.key`` is its ``key``;
5. none, or several: no pairing (a note under ``--verbose``).

In a git repository only manifests git tracks (the index, so a staged new
one counts) take part: an untracked or ignored ``manifest.yml`` is no one's
pair, and a tracked one missing from the work tree (outside a sparse
checkout's cone) is skipped.

A staged manifest pulls in the tracked descriptors that pair with it by rules
2 to 4 (never by ``--manifest``, which a monorepo passes to one app's hook
entry), so a change to ``app.id`` re-checks the descriptors that depend on it. It pulls in
only what pre-commit does not pass itself: a staged descriptor is given to
the hook in one of pre-commit's batches, and a manifest that is not staged,
or a run that is given files that are not (``pre-commit run --all-files``,
where every file is given), pulls in none.
So each descriptor is checked once a run, however pre-commit batches files.
"""

from __future__ import annotations

import bisect
import os
import re
from functools import lru_cache
from typing import (
    TYPE_CHECKING,
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    Iterator,
    List,
    NamedTuple,
    Optional,
    Pattern,
    Sequence,
    Tuple,
)

from ..reading.documents import (
    FORGE_LINE,
    MANIFEST_NAMES,
    CannotOpen,
    Document,
    load_manifest,
    parse_manifest_text,
)
from ..reading.packagejson import Folders, forge_folder
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from . import git

NOTE_NO_MANIFEST = Rule(
    "FC901",
    "NoManifest",
    meaning="note: no Forge manifest pairs with the descriptor",
    why=(
        "A note: a descriptor may rightly live apart from its Forge app; only the cross-checks "
        "with a manifest were skipped."
    ),
    example="atlassian-connect.json in a repository without a manifest.yml",
    fix="Nothing, or pass --manifest PATH (or --app-id to sync-forge-app-id) to pair it.",
)


NOTE_SEVERAL_MANIFESTS = Rule(
    "FC902",
    "SeveralManifests",
    meaning="note: several Forge manifests could pair with the descriptor",
    why="A note: the hooks never guess between apps; the cross-checks were skipped.",
    example="apps/a/manifest.yml and apps/b/manifest.yml, with atlassian-connect.json at the top",
    fix="Pass --manifest PATH in that descriptor's hook entry (see the monorepo recipe).",
)


NOTE_MANIFEST_UNUSABLE = Rule(
    "FC904",
    "ManifestUnusable",
    meaning="note: the paired manifest cannot be used for a cross-check",
    why=(
        "A note: the manifest's own problems are check-forge-manifest's findings; here only the "
        "cross-check was skipped."
    ),
    example="manifest.yml with a YAML error beside atlassian-connect.json",
    fix="Correct the manifest (check-forge-manifest says how).",
)


if TYPE_CHECKING:
    from .history import LastCommit

MANIFEST_FILE = re.compile(r"(^|[/\\])manifest\.ya?ml$")
DEFAULT_DESCRIPTOR_PATTERN = r"(^|/)atlassian-connect\.json$"


def is_manifest_path(path: str) -> bool:
    return MANIFEST_FILE.search(path) is not None


# How a pair was found: by --manifest, as the nearest manifest up the
# descriptor's folders, or as the repository's only one.
BY_ARGUMENT = "argument"
BY_FOLDER = "folder"
BY_SOLE_MANIFEST = "sole"
BY_EVIDENCE = "evidence"


class Pair(NamedTuple):
    manifest: Optional[Document]
    notes: List[Finding]
    how: str = ""  # one of the BY_* values when there is a manifest
    unusable: str = ""  # why the manifest the rule names cannot be used, or ""


class Pairing:
    """Finds and caches manifests for one run of a hook."""

    def __init__(self, manifest_arg: Optional[str] = None) -> None:
        self.manifest_arg = manifest_arg
        self._loaded: Dict[str, Tuple[Optional[Document], List[Finding]]] = {}
        self._folders: Optional[Folders] = None
        self._tracked: Optional[List[str]] = None
        self._in_git = False  # whether git answered for the file list
        self._absolute: Optional[FrozenSet[str]] = None
        self._scan: Optional[Iterator[str]] = None
        self._evidence: Dict[str, Optional[str]] = {}
        self._history: Optional[LastCommit] = None
        self._forge_found: List[str] = []
        self._index: Optional[Tuple[Pattern[str], List[Tuple[str, str]]]] = None
        self._unhoused_index: Optional[Tuple[Pattern[str], List[Tuple[str, str]]]] = None
        self._given: Optional[Tuple[Sequence[str], bool]] = None
        self._staged: Optional[Tuple[Optional[FrozenSet[str]]]] = None

    # -- loading -------------------------------------------------------------

    def load(self, path: str) -> Tuple[Optional[Document], List[Finding]]:
        """Load a manifest once per run, however many descriptors ask."""
        # By name: a file reached by two names (a symlink) is only read twice.
        key = os.path.normpath(path)
        if key not in self._loaded:
            self._loaded[key] = load_manifest(path, self._run_folders())
        return self._loaded[key]

    def _run_folders(self) -> Folders:
        if self._folders is None:
            tracked = self._tracked_absolute()
            self._folders = Folders(tracked if self._in_git else None)
        return self._folders

    def _usable(self, path: str) -> Optional[Document]:
        document, findings = self.load(path)
        return document if document is not None and not findings else None

    # -- descriptor -> manifest ------------------------------------------------

    def manifest_for(self, descriptor: str) -> Pair:
        path, how = self._paired(descriptor)
        if path is None:
            candidates = self._forge_manifests()
            if not candidates:
                return self._no_pair(
                    descriptor, NOTE_NO_MANIFEST, "no Forge manifest found; no cross-check"
                )
            listed = ", ".join(sorted(candidates))
            return self._no_pair(
                descriptor,
                NOTE_SEVERAL_MANIFESTS,
                f"several Forge manifests ({listed}) and none nearer; pass --manifest to choose",
            )
        document = self._usable(path)
        if document is None:
            why = (
                f"--manifest {path} is not a readable Forge manifest"
                if self.manifest_arg is not None
                else f"{path} has problems of its own"
            )
            message = f"{why}; no cross-check"
            note = Finding(descriptor, 1, 1, NOTE_MANIFEST_UNUSABLE, message)
            return Pair(None, [note], unusable=message)
        return Pair(document, [], how)

    def paired(self, descriptor: str) -> Tuple[Optional[Document], List[Finding]]:
        """The manifest of ``descriptor`` (None: none) and the pairing's notes."""
        pair = self.manifest_for(descriptor)
        return pair.manifest, pair.notes

    @staticmethod
    def _no_pair(descriptor: str, code: str, message: str) -> Pair:
        return Pair(None, [Finding(descriptor, 1, 1, code, message)])

    def _nearest(self, descriptor: str) -> Optional[str]:
        folder = os.path.dirname(os.path.abspath(descriptor))
        while True:
            for name in MANIFEST_NAMES:
                candidate = os.path.join(folder, name)
                if not os.path.isfile(candidate) or not self._takes_part(candidate):
                    continue
                # Name it the way the descriptor was named, relative or absolute.
                if not os.path.isabs(descriptor):
                    candidate = os.path.relpath(candidate)
                if self._is_forge(candidate):
                    return candidate
            parent = os.path.dirname(folder)
            if parent == folder or os.path.exists(os.path.join(folder, ".git")):
                return None
            folder = parent

    def _takes_part(self, manifest: str) -> bool:
        """Whether a manifest on disk may pair: tracked, when git knows."""
        tracked = self._tracked_absolute()
        return not self._in_git or os.path.abspath(manifest) in tracked

    def _is_forge(self, path: str) -> bool:
        document, findings = self.load(path)
        if findings and isinstance(findings[0], CannotOpen) and not os.path.lexists(path):
            return False  # tracked, but not in the work tree: a sparse checkout
        # A broken file that looks like a Forge manifest still counts: it is
        # the manifest meant, and its own hook reports what is wrong with it.
        return document is not None or bool(findings)

    # -- manifest -> descriptors ----------------------------------------------

    def descriptors_for(self, manifest: str, pattern: Pattern[str]) -> List[str]:
        """Tracked descriptors whose pairing resolves to ``manifest``.

        Only descriptors that can pair with it are paired (and so parsed): those
        in its folder or below, found by bisection in a sorted index built once
        a run, and the others only when it is the repository's sole Forge
        manifest.
        """
        index = self._descriptor_index(pattern)
        if self._sole_manifest() is not None:
            candidates = [path for _, path in index]
        else:
            folder = os.path.dirname(os.path.abspath(manifest)) + os.sep
            start = bisect.bisect_left(index, (folder, ""))
            end = start
            while end < len(index) and index[end][0].startswith(folder):
                end += 1
            candidates = [path for _, path in index[start:end]]
            # Elsewhere, only a descriptor with no manifest up its folders
            # can pair by evidence: those are few, found once a run.
            candidates.extend(
                path
                for absolute, path in self._unhoused(pattern)
                if not absolute.startswith(folder)
            )
        target = os.path.realpath(manifest)
        result: List[str] = []
        for path in candidates:
            if not os.path.isfile(path):
                continue
            paired, _ = self._paired(path, by_argument=False)
            if paired is not None and os.path.realpath(paired) == target:
                result.append(path)
        return result

    def _unhoused(self, pattern: Pattern[str]) -> List[Tuple[str, str]]:
        """(absolute path, path) of the tracked descriptors with no tracked
        manifest in their folder or above: the only ones evidence can pair."""
        if self._unhoused_index is None or self._unhoused_index[0] is not pattern:
            here = os.getcwd()
            holders = frozenset(
                os.path.dirname(os.path.normpath(os.path.join(here, path)))
                for path in self.tracked()
                if is_manifest_path(path)
            )
            entries = [
                (absolute, path)
                for absolute, path in self._descriptor_index(pattern)
                if not _has_ancestor_in(os.path.dirname(absolute), holders)
            ]
            self._unhoused_index = (pattern, entries)
        return self._unhoused_index[1]

    def pulled_in(
        self, manifest: str, pattern: Pattern[str], given: Sequence[str] = ()
    ) -> List[str]:
        """The descriptors a given manifest adds to a run: those that pair with
        it, when the manifest is staged, less those staged themselves (which
        pre-commit passes). Outside git, every descriptor that pairs.

        ``given``: all the files of this run. At a commit pre-commit passes
        staged files only; a file that is not staged among them means
        ``--all-files`` (or ``--files``), where pre-commit passes the
        descriptors itself, so none is pulled in."""
        staged = self._staged_files()
        if staged is None:
            return self.descriptors_for(manifest, pattern)
        if os.path.abspath(manifest) not in staged:
            return []
        if not self._all_staged(given, staged):
            return []
        return [
            path
            for path in self.descriptors_for(manifest, pattern)
            if os.path.abspath(path) not in staged
        ]

    def _all_staged(self, given: Sequence[str], staged: FrozenSet[str]) -> bool:
        """Whether every file of the run is staged; asked once a run."""
        if self._given is None or self._given[0] is not given:
            every = all(os.path.abspath(path) in staged for path in given)
            self._given = (given, every)
        return self._given[1]

    def _staged_files(self) -> Optional[FrozenSet[str]]:
        """Absolute paths of the files staged for the commit, or None when git
        cannot say."""
        if self._staged is None:
            self._staged = (_git_staged(),)
        return self._staged[0]

    def _descriptor_index(self, pattern: Pattern[str]) -> List[Tuple[str, str]]:
        """(absolute path, path) of every tracked descriptor, sorted."""
        if self._index is None or self._index[0] is not pattern:
            entries = sorted(
                (os.path.abspath(path), path) for path in self.tracked() if pattern.search(path)
            )
            self._index = (pattern, entries)
        return self._index[1]

    def _paired(self, descriptor: str, by_argument: bool = True) -> Tuple[Optional[str], str]:
        """The manifest the pairing rule names (see the module's docstring) and
        how, or None when there is none or several."""
        if self.manifest_arg is not None and by_argument:
            return self.manifest_arg, BY_ARGUMENT
        nearest = self._nearest(descriptor)
        if nearest is not None:
            return nearest, BY_FOLDER
        sole = self._sole_manifest()
        if sole is not None:
            return sole, BY_SOLE_MANIFEST
        return self._named_by(descriptor), BY_EVIDENCE

    def close(self) -> None:
        """End the git process that reads manifests as last committed, if one started."""
        if self._history is not None:
            self._history.close()
            self._history = None

    def _committed(self, manifest: str) -> Optional[Document]:
        """The manifest as last committed, when this commit changes it."""
        if self._history is None:
            from .history import LastCommit

            self._history = LastCommit()
        text = self._history.text(manifest)
        return parse_manifest_text(manifest, text) if text is not None else None

    def _named_by(self, descriptor: str) -> Optional[str]:
        """The one Forge manifest that the descriptor names, or None."""
        key = os.path.abspath(descriptor)
        if key not in self._evidence:
            manifests = self._forge_manifests()
            if len(manifests) < 2:
                return None  # none to choose from (one would be the sole manifest)
            # Only where folders do not decide: the rules it needs load here.
            from ..rules.pair_evidence import descriptor_names, manifest_answers

            names = descriptor_names(descriptor)
            found = [
                path
                for path in manifests
                if names and manifest_answers(self._usable(path), names, self._committed(path))
            ]
            self._evidence[key] = found[0] if len(found) == 1 else None
        return self._evidence[key]

    # -- the repository ------------------------------------------------------

    def tracked(self) -> List[str]:
        """Tracked files, relative to the current directory (the repo root
        under pre-commit); empty outside a git repository."""
        if self._tracked is None:
            listed = _git_ls_files()
            self._in_git = listed is not None
            self._tracked = listed or []
        return self._tracked

    def _tracked_absolute(self) -> FrozenSet[str]:
        """The tracked files as absolute paths, made once a run."""
        if self._absolute is None:
            here = os.getcwd()
            self._absolute = frozenset(
                os.path.abspath(path) if path.startswith("../") else os.path.join(here, path)
                for path in self.tracked()
            )
        return self._absolute

    def _present_manifests(self) -> Iterable[str]:
        """Tracked manifests that may be Forge's; :meth:`_is_forge` passes over
        those the work tree does not hold (a sparse checkout).

        Where there are many, git reads them (in C, in parallel) for a line
        that only a Forge manifest has, and only those and the ones in a Forge
        app's folder are read here: the rest are other tools' manifests.
        """
        manifests = [path for path in self.tracked() if is_manifest_path(path)]
        hinted = _git_forge_lines() if len(manifests) > _MANY_MANIFESTS else None
        if hinted is None:
            return manifests
        in_app = self._forge_app_folder_test()
        return (path for path in manifests if path in hinted or in_app(os.path.dirname(path)))

    def _forge_app_folder_test(self) -> Callable[[str], bool]:
        """What :func:`in_forge_app_folder` says of a tracked file's folder,
        from the tracked files' names alone: a descriptor in the folder, or a
        nearest package.json that depends on ``@forge/``. Thousands of
        manifests cost a few string operations each."""
        tracked = self.tracked()
        packages = {os.path.dirname(p) for p in tracked if os.path.basename(p) == "package.json"}
        descriptors = {
            os.path.dirname(p) for p in tracked if os.path.basename(p) == "atlassian-connect.json"
        }
        folders = self._run_folders()
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

    def _forge_manifests(self, enough: Optional[int] = None) -> List[str]:
        """The repository's tracked Forge manifests, found in one pass a run;
        with ``enough``, the pass may pause once that many are found."""
        if self._scan is None:
            self._scan = iter(self._present_manifests())
        while enough is None or len(self._forge_found) < enough:
            path = next(self._scan, None)
            if path is None:
                break
            if self._is_forge(path):
                self._forge_found.append(path)
        return self._forge_found

    def _sole_manifest(self) -> Optional[str]:
        """The repository's only tracked Forge manifest, if it has exactly one.
        Stops at the second one found: a repository of many apps pays for two."""
        found = self._forge_manifests(enough=2)
        return found[0] if len(found) == 1 else None


def _has_ancestor_in(folder: str, holders: FrozenSet[str]) -> bool:
    while True:
        if folder in holders:
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent


# Past this many tracked manifests, one git process costs less than reading them.
_MANY_MANIFESTS = 64


def _git_forge_lines() -> Optional[FrozenSet[str]]:
    """Tracked manifests (relative paths) that hold a line only a Forge manifest
    has, or a UTF-16 or UTF-32 byte order mark; None when git cannot say."""
    listed = git.output(
        b"grep",
        b"-l",
        b"-z",
        b"-a",
        b"-E",
        b"-e",
        FORGE_LINE,
        b"-e",
        b"\xfe\xff|^\xff\xfe",
        b"--full-name",
        b"--",
        *(b":(top)*" + name.encode() for name in MANIFEST_NAMES),
        accept=(0, 1),  # 1: no file matches
        environ={"LC_ALL": "C"},  # bytes, whatever the locale
    )
    if listed is None:
        return None
    names = [name for name in listed.decode("utf-8", "replace").split("\0") if name]
    prefix = _git_prefix()
    if prefix is not None:
        names = [os.path.relpath(os.path.join(prefix, name)) for name in names]
    return frozenset(names)


def _git_ls_files() -> Optional[List[str]]:
    """The index's files, or None when git does not answer (no repository)."""
    output = git.output("ls-files", "-z", "--full-name", "--", ":/")
    if output is None:
        return None
    prefix = _git_prefix()
    names = [name for name in output.decode("utf-8", "replace").split("\0") if name]
    if prefix is None:
        return names
    return [os.path.relpath(os.path.join(prefix, name)) for name in names]


def _git_staged() -> Optional[FrozenSet[str]]:
    output = git.output("diff", "--cached", "--name-only", "-z", "--relative", "--")
    if output is None:
        return None
    names = output.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(os.path.abspath(name) for name in names if name)


def _git_prefix() -> Optional[str]:
    """The repository root relative to here, or None when here is the root."""
    if os.path.exists(".git"):
        return None  # the root, where pre-commit runs hooks: no need to ask git
    cdup = git.output("rev-parse", "--show-cdup")
    text = "" if cdup is None else cdup.decode("utf-8", "replace").strip()
    return text or None


def repository_root() -> str:
    """The work tree's top folder (the current folder outside a repository),
    asked of git once per current folder, however many files a run writes."""
    return _repository_root(os.getcwd())


@lru_cache(maxsize=8)
def _repository_root(cwd: str) -> str:
    if os.path.exists(os.path.join(cwd, ".git")):
        return cwd  # a folder with .git (a folder, or a worktree's file) is a work tree's top
    top = git.output("rev-parse", "--show-toplevel")
    text = "" if top is None else top.decode("utf-8", "surrogateescape").strip()
    return text or cwd


def split_files(paths: Iterable[str]) -> Tuple[List[str], List[str]]:
    """Separate the files a hook was given into (descriptors, manifests)."""
    descriptors: List[str] = []
    manifests: List[str] = []
    for path in paths:
        (manifests if is_manifest_path(path) else descriptors).append(path)
    return descriptors, manifests


def descriptors_to_check(
    pairing: Pairing, paths: Sequence[str], pattern: Pattern[str]
) -> List[str]:
    """The given descriptors plus those that given manifests pull in."""
    descriptors, manifests = split_files(paths)
    seen = {os.path.realpath(path) for path in descriptors}
    result = list(descriptors)
    for manifest in manifests:
        for descriptor in pairing.pulled_in(manifest, pattern, paths):
            key = os.path.realpath(descriptor)
            if key not in seen:
                seen.add(key)
                result.append(descriptor)
    return result
