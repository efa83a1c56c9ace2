"""forge-connect-hooks migration: does each Forge app replace its Connect app?

For each Bitbucket descriptor and the manifest it pairs with (the pairing the
hooks use, with the repository's ``.pre-commit-config.yaml`` entries of
check-connect-descriptor), one row per Connect capability: its kind, its
Forge counterpart and whether the manifest has it. Writes nothing, and needs
no network.
"""

from __future__ import annotations

import argparse
import sys
from typing import Dict, List, Optional, Sequence

from . import cli
from .reporting.migration_report import FORMATS, PairReport, render

PROG = "forge-connect-hooks migration"
HOOK = "check-connect-descriptor"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "For each Connect descriptor and its paired Forge manifest, one row per capability "
            "(module, webhook, scope, lifecycle): its Forge counterpart and its status: covered, "
            "missing, partial or none."
        ),
        allow_abbrev=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "statuses:\n"
            "  covered  the manifest has the Forge counterpart\n"
            "  missing  Forge has a counterpart and the manifest lacks it\n"
            "  partial  the manifest has it, and it does less (the note says what)\n"
            "  none     Forge has no counterpart\n"
            'The tables, each row with its source: docs/reference.md, "Does the Forge app '
            'replace the Connect app?"'
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 where a counterpart is missing"
    )
    parser.add_argument("--config", metavar="FILE", help="another .pre-commit-config.yaml")
    return parser


def reports(paths: Sequence[str], config_path: Optional[str]) -> List[PairReport]:
    """The report of every Bitbucket descriptor under ``paths`` that pairs
    with a manifest; raises ValueError or a config problem for bad input."""
    from .check_connect_descriptor import build_parser as descriptor_parser
    from .reading.documents import Loaded
    from .repository import precommit_config
    from .repository.files import RepositoryFiles
    from .repository.pairing import Pairing
    from .repository.run import Run
    from .rules.capabilities import capability_rows
    from .rules.products import recognise

    config, files, _, _ = precommit_config.select(paths, config_path)
    repository = RepositoryFiles()
    found: Dict[str, PairReport] = {}
    for name, entry_args, hook_files in precommit_config.hook_runs(config, files):
        if name != HOOK or not hook_files:
            continue
        args = cli.parse_strictly(descriptor_parser(), entry_args)
        args.filenames = [*args.filenames, *hook_files]
        run = Run(files=repository)
        try:
            pairing = Pairing(args.manifest, run)
            for read in cli.paired_descriptors(args, pairing):
                if not isinstance(read, Loaded) or read.document.path in found:
                    continue
                document = read.document
                if not recognise(document.root, args.product).is_bitbucket:
                    continue
                pair = pairing.manifest_for(document.path)
                if pair.manifest is not None:
                    rows = [row.plain() for row in capability_rows(document, pair.manifest)]
                    found[document.path] = PairReport(document.path, pair.manifest.path, rows)
        finally:
            run.close()
    return list(found.values())


def _main(argv: Optional[Sequence[str]]) -> int:
    from .repository.precommit_config import ConfigProblem
    from .repository.selection import NotARepository

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        found = reports(args.paths, args.config)
    except (ValueError, NotARepository, ConfigProblem, cli.ArgumentsRefused) as problem:
        parser.error(str(problem))
    sys.stdout.write(render(found, args.format))
    missing = any(row["status"] == "missing" for report in found for row in report.rows)
    return 1 if args.strict and missing else 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)
