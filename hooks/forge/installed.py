"""The user's installed Forge CLI, for a run: its manifest schema and lists,
found and loaded once per schema file."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Tuple

from ..reading.documents import Document
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .catalogue import shipped
from .package import EMPTY, ForgePackage, package_of_schema
from .schema import SchemaFinder, load_forge_schema, module_types

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


class Found(NamedTuple):
    """The Forge CLI's data for one manifest, and notes on how it was found."""

    path: Optional[str]
    schema: Optional[Dict[str, Any]]
    package: ForgePackage
    schema_module_types: List[str]
    notes: List[Finding]


class InstalledForge:
    """Finds and loads the Forge schema and lists once per schema file in a run."""

    def __init__(self, explicit: Optional[str], required: bool, environ: Mapping[str, str]) -> None:
        self.environ = environ
        self.finder = SchemaFinder(explicit, environ)
        self.required = required
        self.loaded: Dict[str, Tuple[Optional[Dict[str, Any]], List[str], str]] = {}

    def for_manifest(self, document: Document) -> Found:
        path = self.finder.find(document.path)
        if path is None:
            if self.required:
                code = FORGE_SCHEMA_MISSING
                message = (
                    "the Forge CLI's manifest schema was not found (install @forge/cli, "
                    "or pass --forge-schema PATH)"
                )
            else:
                code = NOTE_CORE_SCHEMA_ONLY
                message = "no Forge CLI schema found; checked with the core schema only"
            # No Forge CLI: its names from the catalogue the hooks ship.
            catalogue = shipped()
            package = catalogue.package() if catalogue is not None else EMPTY
            return Found(None, None, package, [], [document.at(document.root, code, message)])
        if path not in self.loaded:
            try:
                schema: Optional[Dict[str, Any]] = load_forge_schema(path, self.environ)
                self.loaded[path] = (schema, module_types(schema or {}), "")
            except (OSError, ValueError, RecursionError) as error:
                self.loaded[path] = (None, [], f"cannot read the Forge schema {path}: {error}")
        schema, known, failure = self.loaded[path]
        if failure:
            notes = [document.at(document.root, FORGE_SCHEMA_MISSING, failure)]
            return Found(path, None, EMPTY, [], notes)
        return Found(path, schema, package_of_schema(path), known, [])
