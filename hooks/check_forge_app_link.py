"""check-forge-app-link: refuse any Forge install link the console would not issue,
wherever the app writes it.

The hook is given every text file of a commit. Most hold no link: they are
rejected on their bytes (:mod:`.reading.text_files`) before anything heavy is
imported. The rest are judged by :mod:`.rules.link_file`.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

from . import cli
from .reading.documents import MANIFEST_NAMES
from .reading.text_files import candidate_bytes

if TYPE_CHECKING:
    from .reporting.findings import Finding

PROG = "check-forge-app-link"


def build_parser() -> argparse.ArgumentParser:
    parser = cli.parser(PROG, "Check Forge install links (forgeAppLink) in any text file.")
    cli.add_pairing(parser)
    cli.add_json5(parser)
    cli.add_product(parser)
    parser.add_argument(
        "--any-signature",
        action="store_true",
        help="accept any non-empty URL-safe signature (if Atlassian changes its format)",
    )
    return parser


def collect(args: argparse.Namespace) -> List[Finding]:
    """Every finding on the install links in the files ``args`` names."""
    candidates: List[Tuple[str, bytes]] = []
    findings: List[Finding] = []
    manifests = [path for path in args.filenames if path.endswith(MANIFEST_NAMES)]
    for path in args.filenames:
        data = candidate_bytes(path)
        if isinstance(data, bytes):
            candidates.append((path, data))
        elif data is not None:
            findings.append(data)
    if not candidates and not findings and not manifests:
        return []  # the common case: nothing here is a link, and nothing was imported
    return findings + _check(args, candidates, manifests, {finding.path for finding in findings})


def _check(
    args: argparse.Namespace,
    candidates: List[Tuple[str, bytes]],
    manifests: List[str],
    unreadable: set[str],
) -> List[Finding]:
    from .repository.pairing import Pairing
    from .rules.link_file import LinkOptions, check_file

    run = cli.run_of(args)
    run.prefetch(staged=bool(manifests))
    pairing = Pairing(args.manifest, run)
    seen = {os.path.realpath(path) for path, _ in candidates}
    seen.update(os.path.realpath(path) for path in unreadable)
    for manifest in manifests:
        # A staged manifest re-checks the links of the descriptors that pair with it.
        for path in pairing.pulled_in(manifest, args.descriptor_pattern, args.filenames):
            data = candidate_bytes(path) if os.path.realpath(path) not in seen else None
            seen.add(os.path.realpath(path))
            if isinstance(data, bytes):
                candidates.append((path, data))
    options = LinkOptions(
        args.descriptor_pattern, args.json5, args.product, args.any_signature, pairing.app_manifest
    )
    findings: List[Finding] = []
    try:
        for path, data in candidates:
            findings.extend(check_file(path, data, options, pairing.paired, run.history.text))
    finally:
        run.close()
    return findings


def _main(argv: Optional[Sequence[str]]) -> int:
    args = build_parser().parse_args(argv)
    return cli.finish(collect(args), args)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
