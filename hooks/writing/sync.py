"""The forgeAppId fix: what to write, where, and the proof that the edit
changes nothing else."""

from __future__ import annotations

from ..reporting.rule import Rule

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
