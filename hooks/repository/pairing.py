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

import os
from typing import (
    Callable,
    FrozenSet,
    Iterable,
    List,
    NamedTuple,
    Optional,
    Pattern,
    Sequence,
    Tuple,
)

from ..reading.documents import Document
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifests import is_manifest_path
from .run import Run

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


NOTE_MANIFEST_LEFT_OUT = Rule(
    "FC918",
    "ManifestLeftOut",
    meaning=(
        "note: the manifest beside the descriptor cannot pair: git does not track it, or the "
        "sparse work tree lacks it"
    ),
    why=(
        "A note: only tracked manifests pair, so that a scratch file never decides what a commit "
        "is checked against; the cross-checks were skipped."
    ),
    example="an untracked manifest.yml beside a staged atlassian-connect.json",
    fix="`git add` the manifest to pair them (or check out its folder in a sparse work tree).",
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


# The extension in any case: atlassian-connect.JSON is a descriptor too.
DEFAULT_DESCRIPTOR_PATTERN = r"(^|/)atlassian-connect\.(?i:json)$"

# How a pair was found: by --manifest, as the nearest manifest up the
# descriptor's folders, as the repository's only one, or by what the
# descriptor names.
BY_ARGUMENT = "argument"
BY_FOLDER = "folder"
BY_SOLE_MANIFEST = "sole"
BY_EVIDENCE = "evidence"


class Pair(NamedTuple):
    manifest: Optional[Document]
    notes: List[Finding]
    how: str = ""  # one of the BY_* values when there is a manifest
    unusable: str = ""  # why the manifest the rule names cannot be used, or ""
    path: str = ""  # the manifest the rule names, usable or not


Lookup = Callable[[], Optional[str]]


def pairing_rule(
    manifest_arg: Optional[str], nearest: Lookup, sole: Lookup, named: Lookup
) -> Tuple[Optional[str], str]:
    """The documented rule (the module's docstring), and nothing else: the
    manifest that pairs and how, or None. Each look-up is asked only when the
    rules before it did not decide."""
    if manifest_arg is not None:
        return manifest_arg, BY_ARGUMENT
    for how, lookup in ((BY_FOLDER, nearest), (BY_SOLE_MANIFEST, sole)):
        found = lookup()
        if found is not None:
            return found, how
    return named(), BY_EVIDENCE


class Pairing:
    """The pairing rule applied to one hook run's files."""

    def __init__(self, manifest_arg: Optional[str] = None, run: Optional[Run] = None) -> None:
        self.manifest_arg = manifest_arg
        self._owns_run = run is None
        self.run = Run() if run is None else run
        self.manifests = self.run.manifests
        self._evidence: dict[str, Optional[str]] = {}
        self._given: Optional[Tuple[Sequence[str], bool]] = None
        self._apps: Optional[dict[str, Document]] = None

    def close(self) -> None:
        if self._owns_run:
            self.run.close()

    # -- descriptor -> manifest ------------------------------------------------

    def manifest_for(self, descriptor: str) -> Pair:
        path, how = self._paired(descriptor)
        if path is None:
            candidates = self.manifests.forge_manifests()
            left_out = self.manifests.left_out(descriptor) if not candidates else None
            if left_out is not None:
                manifest, untracked = left_out
                why = (
                    "is not tracked; `git add` it to pair"
                    if untracked
                    else "is tracked but not in the work tree (a sparse checkout); no cross-check"
                )
                return self._no_pair(descriptor, NOTE_MANIFEST_LEFT_OUT, f"{manifest} {why}")
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
        document = self.manifests.usable(path)
        if document is None:
            why = (
                f"--manifest {path} is not a readable Forge manifest"
                if self.manifest_arg is not None
                else f"{path} has problems of its own"
            )
            message = f"{why}; no cross-check"
            note = Finding(descriptor, 1, 1, NOTE_MANIFEST_UNUSABLE, message)
            return Pair(None, [note], unusable=message, path=path)
        return Pair(document, [], how, path=path)

    def app_manifest(self, app_uuid: str) -> Optional[Document]:
        """The repository's Forge manifest whose app has ``app_uuid``, if one
        has: its tracked manifests are read for it once a run, on first ask."""
        if self._apps is None:
            from ..rules.ari import uuid_of
            from ..rules.manifest_identity import read_app_id

            self._apps = {}
            for path in self.manifests.forge_manifests():
                document = self.manifests.usable(path)
                app_id = read_app_id(document).value if document is not None else None
                uuid = uuid_of(app_id) if app_id else None
                if uuid is not None and document is not None:
                    self._apps.setdefault(uuid, document)
        return self._apps.get(app_uuid)

    def certain(self, descriptor: Document) -> Pair:
        """The pair of ``descriptor`` where no other manifest has as good a
        claim; else no manifest, and the note FC902 that names the other."""
        pair = self.manifest_for(descriptor.path)
        rival = self.rival(descriptor, pair)
        if pair.manifest is None or rival is None:
            return pair
        message = (
            f"{rival} could pair with this descriptor as well as {pair.manifest.path}: nothing "
            "written; pass --manifest in this descriptor's hook entry"
        )
        return self._no_pair(descriptor.path, NOTE_SEVERAL_MANIFESTS, message)

    def rival(self, descriptor: Document, pair: Pair) -> Optional[str]:
        """Another tracked Forge manifest with a claim on ``descriptor`` as good
        as its pair's, or None when the pairing is certain: one whose app the
        descriptor's own forgeAppId or link names, or, where the pair was
        found up the folders, one in the descriptor's own folder or below.
        The repository's manifests are read only when the descriptor names
        another app, or lies below its pair's folder: never in the common case."""
        if pair.manifest is None:
            return None
        from ..rules.ari import uuid_of
        from ..rules.manifest_identity import read_app_id

        paired = os.path.abspath(pair.manifest.path)
        paired_id = read_app_id(pair.manifest).value
        paired_uuid = uuid_of(paired_id) if paired_id else None
        for uuid in sorted(_named_apps(descriptor) - {paired_uuid or ""}):
            named = self.app_manifest(uuid)
            if named is not None and os.path.abspath(named.path) != paired:
                return named.path
        folder = os.path.dirname(os.path.abspath(descriptor.path))
        if pair.how != BY_FOLDER or os.path.dirname(paired) == folder:
            return None
        for path in self.manifests.manifests_below(folder):
            if self.manifests.is_forge(path):
                return path  # an app nested beside the descriptor
        return None

    def paired(self, descriptor: str) -> Tuple[Optional[Document], List[Finding]]:
        """The manifest of ``descriptor`` (None: none) and the pairing's notes."""
        pair = self.manifest_for(descriptor)
        return pair.manifest, pair.notes

    @staticmethod
    def _no_pair(descriptor: str, code: str, message: str) -> Pair:
        return Pair(None, [Finding(descriptor, 1, 1, code, message)])

    def _paired(self, descriptor: str, by_argument: bool = True) -> Tuple[Optional[str], str]:
        index = self.manifests
        return pairing_rule(
            self.manifest_arg if by_argument else None,
            lambda: index.nearest(descriptor),
            index.sole_manifest,
            lambda: self._named_by(descriptor),
        )

    def _named_by(self, descriptor: str) -> Optional[str]:
        """The one Forge manifest that the descriptor names, or None."""
        key = os.path.abspath(descriptor)
        if key not in self._evidence:
            index = self.manifests
            manifests = index.forge_manifests()
            if len(manifests) < 2:
                return None  # none to choose from (one would be the sole manifest)
            # Only where folders do not decide: the rules it needs load here.
            from ..rules.pair_evidence import descriptor_names, manifest_answers

            names = descriptor_names(descriptor)
            found = [
                path
                for path in manifests
                if names and manifest_answers(index.usable(path), names, index.committed(path))
            ]
            self._evidence[key] = found[0] if len(found) == 1 else None
        return self._evidence[key]

    # -- manifest -> descriptors ----------------------------------------------

    def descriptors_for(self, manifest: str, pattern: Pattern[str]) -> List[str]:
        """Tracked descriptors whose pairing resolves to ``manifest``.

        Only descriptors that can pair with it are paired (and so parsed): those
        in its folder or below, and the others only when it is the repository's
        sole Forge manifest, or when they have no manifest up their folders
        (evidence may pair those).
        """
        index = self.manifests
        if index.sole_manifest() is not None:
            candidates = [path for _, path in index.descriptor_index(pattern)]
        else:
            folder = os.path.dirname(os.path.abspath(manifest)) + os.sep
            candidates = index.below(manifest, pattern)
            candidates.extend(
                path
                for absolute, path in index.unhoused(pattern)
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
        staged = self.run.files.staged()
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


def _named_apps(descriptor: Document) -> FrozenSet[str]:
    """The app UUIDs the descriptor's forgeAppId and link name, read plainly:
    whether the link is valid is the link hook's to say, not the pairing's."""
    from ..reading.nodes import string_of
    from ..rules.ari import UUID, uuid_of

    found = set()
    app_id = string_of(descriptor.root.get("forgeAppId"))
    if app_id is not None and uuid_of(app_id) is not None:
        found.add(str(uuid_of(app_id)))
    link = string_of(descriptor.root.get("forgeAppLink")) or ""
    at = link.find(_INSTALL_PATH)
    if at != -1:
        part = link[at + len(_INSTALL_PATH) :][:36]
        if UUID.fullmatch(part):
            found.add(part)
    return frozenset(found)


_INSTALL_PATH = "/console/install/"


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
