"""check-forge-manifest: Forge manifests (other files named manifest.yml pass)."""

from __future__ import annotations

import argparse
from typing import List, Optional, Sequence

from . import cli
from .forge.installed import FORGE_SCHEMA_MISSING, InstalledForge
from .reading.documents import NotOurs, Unreadable, load_manifest
from .reporting.findings import Finding
from .repository.manifests import is_manifest_path
from .rules.manifest_rules import check_manifest, not_a_manifest
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
    run = cli.run_of(args)
    forge = InstalledForge(args.forge_schema, args.require_forge_schema, run.environ)
    spelling = run.spelling
    findings: List[Finding] = []
    for path in args.filenames:
        read = load_manifest(path)
        if isinstance(read, NotOurs):
            if not is_manifest_path(path):
                # Given by hand (pre-commit passes only manifest.yml): say so, once.
                findings.append(not_a_manifest(path))
            continue
        if isinstance(read, Unreadable):
            findings.append(read.reason)
            continue
        document = read.document
        findings.extend(read.problems)
        found = forge.for_manifest(document)
        findings.extend(found.notes)
        try:
            findings.extend(
                check_manifest(
                    document,
                    found.schema,
                    found.package,
                    found.schema_module_types,
                    spelling=spelling,
                )
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
            findings.extend(check_manifest(document, None, found.package, spelling=spelling))
    return findings


def _main(argv: Optional[Sequence[str]]) -> int:
    args = build_parser().parse_args(argv)
    return cli.finish(collect(args), args)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
