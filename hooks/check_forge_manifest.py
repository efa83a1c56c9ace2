"""check-forge-manifest: Forge manifests (other files named manifest.yml pass)."""

from __future__ import annotations

from typing import List, Optional, Sequence

from . import cli
from .documents import load_manifest
from .findings import Finding, report
from .manifest_rules import check_manifest

PROG = "check-forge-manifest"


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = cli.parser(PROG, "Check Forge app manifests (manifest.yml).")
    args = parser.parse_args(argv)
    findings: List[Finding] = []
    for path in args.filenames:
        document, problems = load_manifest(path)
        findings.extend(problems)
        if document is not None:
            findings.extend(check_manifest(document))
    return report(findings, verbose=args.verbose)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
