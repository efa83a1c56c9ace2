"""check-forge-manifest: Forge manifests (other files named manifest.yml pass)."""

from __future__ import annotations

import argparse
import os
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

from . import cli
from .forge.catalogue import shipped
from .forge.installed import FORGE_SCHEMA_MISSING, NOTE_CORE_SCHEMA_ONLY
from .forge.package import EMPTY, ForgePackage, package_of_schema
from .forge.schema import SchemaFinder, load_schema, module_types
from .reading.documents import Document, load_manifest
from .reporting.findings import Finding
from .repository.pairing import is_manifest_path
from .rules.manifest_rules import NOT_A_MANIFEST, check_manifest
from .rules.schema_check import SchemaUnusable

PROG = "check-forge-manifest"


def build_parser() -> argparse.ArgumentParser:
    parser = cli.parser(PROG, "Check Forge app manifests (manifest.yml).")
    parser.add_argument(
        "--forge-schema",
        metavar="PATH",
        help="the Forge CLI's manifest-schema.json (default: found from the manifest's "
        "node_modules, $FORGE_MANIFEST_SCHEMA or the global npm root)",
    )
    parser.add_argument(
        "--require-forge-schema",
        action="store_true",
        help="a finding, not a note, when the Forge CLI's schema is not found (for CI)",
    )
    return parser


def collect(args: argparse.Namespace) -> List[Finding]:
    """Every finding on the manifests ``args`` names."""
    forge = _ForgeData(args.forge_schema, args.require_forge_schema)
    findings: List[Finding] = []
    for path in args.filenames:
        document, problems = load_manifest(path)
        findings.extend(problems)
        if document is None:
            if not problems and not is_manifest_path(path):
                # Given by hand (pre-commit passes only manifest.yml): say so, once.
                findings.append(
                    Finding(
                        path,
                        1,
                        1,
                        NOT_A_MANIFEST,
                        "not a Forge manifest: Forge reads manifest.yml, and this file has no "
                        "app.id, Forge module or runtime; nothing checked",
                    )
                )
            continue
        found = forge.for_manifest(document)
        findings.extend(found.notes)
        try:
            findings.extend(
                check_manifest(document, found.schema, found.package, found.schema_module_types)
            )
        except SchemaUnusable as problem:
            # The user's Forge schema is broken: say so, and check with ours.
            findings.append(
                document.at(
                    document.root,
                    FORGE_SCHEMA_MISSING,
                    f"the Forge schema {found.path} cannot be applied ({problem}); "
                    "checked with the core schema only",
                )
            )
            findings.extend(check_manifest(document, None, found.package))
    return findings


def _main(argv: Optional[Sequence[str]]) -> int:
    args = build_parser().parse_args(argv)
    return cli.finish(collect(args), args)


class _Found(NamedTuple):
    path: Optional[str]
    schema: Optional[Dict[str, Any]]
    package: ForgePackage
    schema_module_types: List[str]
    notes: List[Finding]


class _ForgeData:
    """Finds and loads the Forge schema and lists once per schema file in a run."""

    def __init__(self, explicit: Optional[str], required: bool) -> None:
        self.finder = SchemaFinder(explicit, os.environ)
        self.required = required
        self.loaded: Dict[str, Tuple[Optional[Dict[str, Any]], List[str], str]] = {}

    def for_manifest(self, document: Document) -> _Found:
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
            return _Found(None, None, package, [], [document.at(document.root, code, message)])
        if path not in self.loaded:
            try:
                schema: Optional[Dict[str, Any]] = load_schema(path, os.environ)
                self.loaded[path] = (schema, module_types(schema or {}), "")
            except (OSError, ValueError, RecursionError) as error:
                self.loaded[path] = (None, [], f"cannot read the Forge schema {path}: {error}")
        schema, known, failure = self.loaded[path]
        if failure:
            notes = [document.at(document.root, FORGE_SCHEMA_MISSING, failure)]
            return _Found(path, None, EMPTY, [], notes)
        return _Found(path, schema, package_of_schema(path), known, [])


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
