"""forgeAppId's value: an app id Forge issued, and the paired manifest's."""

from __future__ import annotations

from ..reporting.rule import Rule

FORGE_APP_ID_FORM = Rule(
    "FC204",
    "ForgeAppIdForm",
    meaning="forgeAppId is not ari:cloud:ecosystem::app/<lowercase UUID>",
    why=(
        "Bitbucket gives forgeAppId to the Forge app to find this Connect install. An id in "
        "another form names no app, so the Forge app never finds its Connect data."
    ),
    example='"forgeAppId": "ari:cloud:ecosystem::app/1B5D1E4F-..."',
    fix=(
        "Copy app.id from the Forge manifest (run sync-forge-app-id), or write the ARI the "
        "developer console shows."
    ),
)


FORGE_APP_ID_PLACEHOLDER = Rule(
    "FC205",
    "ForgeAppIdPlaceholder",
    meaning="forgeAppId is the documentation's placeholder",
    why="A placeholder names no app: the Forge app cannot find this Connect install.",
    example='"forgeAppId": "ari:cloud:ecosystem::app/your-app-id"',
    fix="Run sync-forge-app-id, which copies app.id from the Forge manifest.",
)


FORGE_APP_ID_MISMATCH = Rule(
    "FC206",
    "ForgeAppIdMismatch",
    meaning="forgeAppId differs from the Forge manifest's app.id",
    why=(
        "The Forge app that customers get is the manifest's; a forgeAppId naming another app sends "
        "its Connect data to the wrong app."
    ),
    example=(
        '"forgeAppId": "ari:cloud:ecosystem::app/1111..." while manifest.yml has app.id '
        "ari:cloud:ecosystem::app/2222..."
    ),
    fix=(
        "Run sync-forge-app-id, which writes the manifest's app.id; if the manifest is the wrong "
        "one, pass --manifest."
    ),
)
