"""The forgeAppId fix: what to write, where, and the proof that the edit
changes nothing else."""

from __future__ import annotations

import codecs
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from ..reading.documents import Document
from ..reading.jsontext import JSONProblem, parse_json
from ..reading.nodes import LineIndex
from ..reading.source_scan import why_computed
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from ..rules import ari
from ..rules.install_links import NOTE_COMPUTED
from ..rules.manifest_identity import connect_key, read_app_id
from ..rules.products import NOTE_OTHER_PRODUCT, recognise
from ..rules.spelling import strict_near_miss
from .json_edit import Edit, rename_root_key, set_root_string

KEY = "forgeAppId"
# Where a new forgeAppId goes: beside forgeAppLink, else beside key.
ANCHORS = ("forgeAppLink", "key")

SYNC_INSERTED = Rule(
    "FC501",
    "SyncInserted",
    meaning="forgeAppId inserted from the manifest's app.id (stage the change)",
    why=(
        "The descriptor had no forgeAppId. The hook wrote it, and the commit stops so that you can "
        "stage the change (in check mode: it would write it)."
    ),
    example='{"key": "my-app", "forgeAppLink": "..."}  (no forgeAppId)',
    fix="Stage the change (git add) and commit again; in CI, run the hook and commit.",
)


SYNC_UPDATED = Rule(
    "FC502",
    "SyncUpdated",
    meaning="forgeAppId corrected to the manifest's app.id (stage the change)",
    why=(
        "forgeAppId named another app than the manifest. The hook corrected it, and the commit "
        "stops so that you can stage the change (in check mode: it would correct it)."
    ),
    example='"forgeAppId": "ari:cloud:ecosystem::app/1111..."  while app.id ends in 2222...',
    fix="Stage the change (git add) and commit again.",
)


SYNC_NOT_A_STRING = Rule(
    "FC503",
    "SyncNotAString",
    meaning="forgeAppId is not a string, or the root not an object: left as it is",
    why=(
        "The hook writes only what it fully understands; a value of another type may be someone's "
        "on purpose."
    ),
    example='"forgeAppId": null',
    fix="Make forgeAppId a string (or remove it) and run the hook again.",
)


SYNC_NO_SOURCE = Rule(
    "FC504",
    "SyncNoSource",
    meaning="the paired manifest's app.id cannot be copied (missing, malformed, placeholder)",
    why="There is no id to write, and writing a wrong one would be worse than none.",
    example="manifest.yml with app.id: ari:cloud:ecosystem::app/invalid-run-forge-register",
    fix="Run `forge register`, or pass --app-id ARI.",
)


SYNC_NOT_WRITTEN = Rule(
    "FC505",
    "SyncNotWritten",
    meaning="the fix could not be written (read-only, changed meanwhile, no space)",
    why="The descriptor still lacks the right forgeAppId; nothing was changed.",
    example="a read-only atlassian-connect.json",
    fix="Make the file writable (or free space) and run the hook again.",
)


SYNC_RENAMED = Rule(
    "FC506",
    "SyncRenamed",
    meaning="a misspelt forgeAppId (forgeAppID, forge_app_id) renamed in place (stage the change)",
    why="Bitbucket ignores a misspelt key, so the Forge app would never get the id.",
    example='"forgeAppID": "ari:cloud:ecosystem::app/..."',
    fix="Stage the change (git add) and commit again.",
)


NOTE_MANIFEST_REPORTED = Rule(
    "FC917",
    "NotSyncedManifestReported",
    meaning=(
        "note: forgeAppId not synced: the paired manifest's app.id cannot be copied, and "
        "check-forge-manifest reports why"
    ),
    why=(
        "A note: the manifest is checked in the same run, and one problem is one line. Where it "
        "is not (a commit that stages only the descriptor), the same problem is FC504."
    ),
    example="manifest.yml with app.id: ari:cloud:ecosystem::app/invalid-run-forge-register",
    fix="Correct the manifest's app.id (run `forge register`); the next run syncs forgeAppId.",
)


NOTE_PAIRING_UNCERTAIN = Rule(
    "FC906",
    "PairingUncertain",
    meaning=(
        "note: forgeAppId not written: nothing ties the descriptor to the repository's only Forge "
        "manifest"
    ),
    why="A note: writing another app's id would be worse than writing none.",
    example="tools/manifest.yml (a Forge app) and web/atlassian-connect.json, in unrelated folders",
    fix="Pass --manifest PATH or --app-id ARI to sync-forge-app-id for that descriptor.",
)


NOTE_NOT_SYNCED = Rule(
    "FC913",
    "NotSynced",
    meaning=(
        "note: forgeAppId not synced in a descriptor that has a problem of its own "
        "(check-connect-descriptor reports it)"
    ),
    why="A note: the problem itself is reported once, by check-connect-descriptor.",
    example='{"key": "my-app",, "forgeAppLink": "..."}',
    fix="Correct the descriptor; the next run syncs forgeAppId.",
)


def not_read(problem: Finding) -> Finding:
    """A file problem check-connect-descriptor reports, as this fixer's note."""
    return Finding(
        problem.path,
        problem.line,
        problem.col,
        NOTE_NOT_SYNCED,
        f"{KEY} not synced: the file has a problem ({problem.code}) that check-connect-descriptor "
        "reports",
    )


def fix(
    document: Document, source: Source, *, product: Optional[str], check_only: bool, top: str
) -> List[Finding]:
    """Sync one readable descriptor's forgeAppId from ``source`` (unless
    ``check_only``); what changed, would change, or could not, as findings."""
    recognised = recognise(document.root, product)
    if not recognised.is_bitbucket:
        # forgeAppId is Bitbucket's way to the Forge app; never add it elsewhere.
        return [
            document.at(
                document.root,
                NOTE_OTHER_PRODUCT,
                f"a {recognised.name} descriptor ({recognised.evidence}): {KEY} is not synced",
            )
        ]
    value, why = wanted(document, source)
    if value is None:
        return why
    return why + sync(document, value, check_only=check_only, top=top)


class Wanted(NamedTuple):
    value: str  # the app id to write
    source: str  # where it comes from, for people: "manifest.yml's app.id"


class Source(NamedTuple):
    """Where the app id comes from: ``--app-id``, or the paired manifest."""

    app_id: Optional[str]  # --app-id, which wins
    manifest: Optional[Document]
    notes: List[Finding]  # the pairing's, when there is no manifest
    unusable: str  # why the paired manifest cannot be used, or ""
    only_by_default: bool  # paired only as the repository's sole manifest
    # The manifest is one of this run's files: check-forge-manifest reports its
    # problems, so that a problem of its app.id is a note here.
    manifest_given: bool = False


def wanted(document: Document, source: Source) -> Tuple[Optional[Wanted], List[Finding]]:
    """The app id to write, or None and the findings or notes saying why not."""
    if source.app_id is not None:
        return Wanted(source.app_id, "--app-id"), []
    if source.manifest is None:
        if source.unusable:
            return None, [_no_source(document, source.unusable, source.manifest_given)]
        return None, source.notes  # no manifest: nothing to do
    manifest = source.manifest
    found = read_app_id(manifest)
    if found.value is not None:
        if source.only_by_default and not _belongs(document, manifest, found.value):
            return None, [
                document.at(
                    document.root,
                    NOTE_PAIRING_UNCERTAIN,
                    f"{KEY} not written: {manifest.path} is the repository's only "
                    "Forge manifest, but nothing ties it to this descriptor; pass "
                    "--manifest to pair them",
                )
            ]
        return Wanted(found.value, f"{manifest.path}'s app.id"), []
    assert found.finding is not None
    if found.at_deploy:
        return None, [found.finding]  # an unresolved ${VAR}: never guessed
    where = f"{found.finding.path}:{found.finding.line}"
    why = f"{where}: {found.finding.message}"
    return None, [_no_source(document, why, source.manifest_given)]


def _belongs(descriptor: Document, manifest: Document, app_id: str) -> bool:
    """Evidence beyond "the only manifest there is" that the two are one app:
    the link installs the manifest's app, or app.connect.key is the key."""
    root = descriptor.root
    link = root.get("forgeAppLink")
    if link is not None and isinstance(link.value, str):
        from ..rules.link_rules import check_link  # only when the sole manifest needs evidence

        if check_link(link.value).app_uuid == ari.uuid_of(app_id):
            return True
    taken_over, key = connect_key(manifest), root.get("key")
    return (
        taken_over is not None
        and key is not None
        and isinstance(key.value, str)
        and taken_over.value == key.value
    )


def _no_source(document: Document, why: str, reported: bool) -> Finding:
    """The manifest's app.id cannot be copied: a note when the manifest is
    checked in the same run (``reported``), else the one line that says so."""
    current = document.root.get(KEY)
    code = NOTE_MANIFEST_REPORTED if reported else SYNC_NO_SOURCE
    return document.at(current or document.root, code, f"{KEY} not synced: {why}")


def sync(document: Document, wanted: Wanted, *, check_only: bool, top: str) -> List[Finding]:
    """Write ``wanted`` into the descriptor (unless ``check_only``), within the
    work tree whose top folder is ``top``; what changed, or why not, as findings."""
    root = document.root
    if not root.is_object:
        return [document.at(root, SYNC_NOT_A_STRING, "the root is not an object: left as it is")]
    current = root.get(KEY)
    slot = None
    if current is not None:
        slot = "null" if current.value is None else None
        if isinstance(current.value, str):
            slot = why_computed(current.value)
    if current is not None and slot is not None:
        # Filled in by the code that serves the descriptor: never overwritten.
        return [
            document.at(
                current,
                NOTE_COMPUTED,
                f"{KEY} is {slot}, filled in elsewhere: left as it is",
            )
        ]
    if current is not None and not isinstance(current.value, str):
        return [document.at(current, SYNC_NOT_A_STRING, f"{KEY} is not a string: left as it is")]
    if current is not None and current.value == wanted.value:
        return []
    text = document.source.text
    misspelt = _misspelt_key(document) if current is None else None
    old = document.root.plain()
    assert isinstance(old, dict)
    if misspelt is not None:
        # One forgeAppId, where the slip stood: renamed, not a second key beside it.
        edit = rename_root_key(text, root, misspelt, KEY, wanted.value)
        expected = {(KEY if k == misspelt else k): v for k, v in old.items()}
        expected[KEY] = wanted.value
    else:
        edit = set_root_string(text, root, KEY, wanted.value, ANCHORS)
        expected = {**old, KEY: wanted.value}
    if not _faithful(document, edit, expected):
        return [document.at(root, SYNC_NOT_WRITTEN, f"{KEY} not written: no safe edit found")]
    source = document.source
    data = (codecs.BOM_UTF8 if source.has_bom else b"") + edit.text.encode("utf-8")
    if not check_only:
        from .atomic import write_atomically  # only when there is a fix to write

        failure = write_atomically(document.path, data, source.raw, top)
        if failure is not None:
            return [document.at(root, SYNC_NOT_WRITTEN, f"{KEY} not written: {failure}")]
    line, col = LineIndex(edit.text).position(edit.offset)
    code, message = _what_changed(document, wanted, misspelt, check_only)
    return [Finding(document.path, line, col, code, message)]


def _what_changed(
    document: Document, wanted: Wanted, misspelt: Optional[str], check_only: bool
) -> Tuple[str, str]:
    value = f"{wanted.value!r}"
    current = document.root.get(KEY)
    if misspelt is not None:
        if check_only:
            return SYNC_RENAMED, (
                f"{misspelt!r} is a misspelling of {KEY}; the fix renames it (value {value})"
            )
        return SYNC_RENAMED, (
            f"renamed {misspelt!r} to {KEY}, with {value} from {wanted.source}: stage the change"
        )
    if current is None:
        if check_only:
            return SYNC_INSERTED, f"{KEY} is missing; the fix inserts {value}"
        return SYNC_INSERTED, (f"inserted {KEY} {value} from {wanted.source}: stage the change")
    if check_only:
        return SYNC_UPDATED, f"{KEY} is {current.value!r}; the fix writes {value}"
    return SYNC_UPDATED, (
        f"corrected {KEY} from {current.value!r} to {value} ({wanted.source}): stage the change"
    )


def _misspelt_key(document: Document) -> Optional[str]:
    """The one root key that is a slip of forgeAppId (``forgeAppID``,
    ``forge_app_id``), with a string value, if there is exactly one."""
    slips = [
        name
        for name, value in document.root.items()
        if name != KEY and strict_near_miss(name, (KEY,)) == KEY and isinstance(value.value, str)
    ]
    return slips[0] if len(slips) == 1 else None


def _faithful(document: Document, edit: Edit, expected: Dict[str, Any]) -> bool:
    """The edited text parses to exactly ``expected``, keys in its order."""
    try:
        new_root = parse_json(edit.text, json5=document.json5)
    except JSONProblem:
        return False
    new = new_root.plain()
    if not isinstance(new, dict) or new != expected:
        return False
    return [k for k in new if k != KEY] == [k for k in expected if k != KEY]
