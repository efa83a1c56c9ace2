"""check-connect-descriptor: Bitbucket Connect descriptors, and their Forge pair."""

from __future__ import annotations

import argparse
from typing import List, Optional, Sequence

from . import cli
from .reading.documents import Template, Unreadable
from .reporting.findings import Finding
from .repository.pairing import Pairing
from .rules.descriptor_rules import check_descriptor, cross_check
from .rules.products import recognise

PROG = "check-connect-descriptor"


def build_parser() -> argparse.ArgumentParser:
    parser = cli.parser(PROG, "Check Bitbucket Cloud Connect app descriptors.")
    cli.add_pairing(parser)
    cli.add_json5(parser)
    cli.add_product(parser)
    return parser


def collect(args: argparse.Namespace) -> List[Finding]:
    """Every finding on the descriptors ``args`` names or pulls in."""
    run = cli.run_of(args)
    try:
        return _findings(args, Pairing(args.manifest, run))
    finally:
        run.close()


def _findings(args: argparse.Namespace, pairing: Pairing) -> List[Finding]:
    findings: List[Finding] = []
    for read in cli.paired_descriptors(args, pairing):
        if isinstance(read, Template):
            findings.append(read.note)
            continue
        if isinstance(read, Unreadable):
            findings.append(read.reason)
            continue
        document = read.document
        findings.extend(read.problems)
        product = recognise(document.root, args.product)
        findings.extend(check_descriptor(document, product, pairing.run.spelling))
        pair = pairing.manifest_for(document.path)
        findings.extend(pair.notes)
        if pair.manifest is not None:
            findings.extend(cross_check(document, pair.manifest))
            if product.is_bitbucket:
                from .rules.capabilities import capability_notes

                findings.extend(capability_notes(document, pair.manifest))
    return findings


def _main(argv: Optional[Sequence[str]]) -> int:
    args = build_parser().parse_args(argv)
    return cli.finish(collect(args), args)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
