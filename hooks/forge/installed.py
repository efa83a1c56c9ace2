"""The user's installed Forge CLI, for a run: its manifest schema and lists,
found and loaded once per schema file."""

from __future__ import annotations

from ..reporting.rule import Rule

FORGE_SCHEMA_MISSING = Rule(
    "FC309",
    "ForgeSchemaMissing",
    meaning="the Forge CLI's manifest schema is required but not found or unreadable",
    why=(
        "With --require-forge-schema, CI asks for Forge's own schema; without it the check would "
        "be weaker than asked. An unreadable schema is reported however it was found."
    ),
    example="check-forge-manifest --require-forge-schema manifest.yml  (no @forge/cli installed)",
    fix="Install @forge/cli (npm install -g @forge/cli), or pass --forge-schema PATH.",
)


NOTE_CORE_SCHEMA_ONLY = Rule(
    "FC905",
    "CoreSchemaOnly",
    meaning="note: no Forge CLI schema found; checked with the core schema only",
    why=(
        "A note: machines without the Forge CLI are normal. The manifest was checked with the core "
        "rules and the names the hooks ship."
    ),
    example="check-forge-manifest manifest.yml on a machine without @forge/cli",
    fix="Nothing, or install @forge/cli; in CI use --require-forge-schema.",
)
