"""sync-forge-app-id: insert or correct forgeAppId from the manifest's app.id.

The one hook that writes. It writes only what it fully understands, checks
its own edit by parsing the result before anything reaches the disk, and
changes nothing but the one member (:mod:`.writing.sync`).
"""

from __future__ import annotations

import argparse
import os
from typing import FrozenSet, List, Optional, Sequence

from . import cli
from .reading.documents import Document, Template, Unreadable
from .reporting.findings import Finding
from .repository.files import repository_root, under
from .repository.pairing import BY_SOLE_MANIFEST, Pairing
from .rules import ari
from .writing.sync import Source, fix, not_read

PROG = "sync-forge-app-id"


def _app_id(text: str) -> str:
    verdict = ari.judge(text)
    if not verdict.ok:
        raise argparse.ArgumentTypeError(f"{text!r}: {verdict.reason}")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = cli.parser(PROG, "Insert or correct forgeAppId from the Forge manifest's app.id.")
    cli.add_pairing(parser)
    cli.add_json5(parser)
    cli.add_product(parser)
    parser.add_argument(
        "--app-id",
        metavar="ARI",
        type=_app_id,
        help="use this app id instead of a manifest's (the Forge app lives elsewhere)",
    )
    parser.add_argument(
        "--check", action="store_true", help="report what would change; write nothing"
    )
    # The check command's paths: a fix is written only under them (None: anywhere).
    parser.set_defaults(write_under=None)
    return parser


def collect(args: argparse.Namespace) -> List[Finding]:
    """Sync every descriptor ``args`` names or pulls in (unless --check);
    what changed, would change, or could not, as findings."""
    run = cli.run_of(args)
    pairing = Pairing(args.manifest, run)
    findings: List[Finding] = []
    # A manifest given to this run is given to check-forge-manifest too.
    given = frozenset(os.path.abspath(path) for path in args.filenames)
    try:
        for read in cli.paired_descriptors(args, pairing):
            # A file's own problems are check-connect-descriptor's: a note here.
            if isinstance(read, Template):
                findings.append(read.note)
            elif isinstance(read, Unreadable):
                findings.append(not_read(read.reason))
            else:
                source = _source(read.document, args.app_id, pairing, given)
                top = repository_root()
                check_only = args.check or not under(read.document.path, args.write_under)
                findings.extend(
                    fix(read.document, source, product=args.product, check_only=check_only, top=top)
                )
    finally:
        run.close()
    return findings


def _source(
    document: Document, app_id: Optional[str], pairing: Pairing, given_files: FrozenSet[str]
) -> Source:
    if app_id is not None:
        return Source(app_id, None, [], "", False)
    pair = pairing.certain(document)  # another app's id written is worse than none
    given = bool(pair.path) and os.path.abspath(pair.path) in given_files
    only_by_default = pair.how == BY_SOLE_MANIFEST
    return Source(None, pair.manifest, pair.notes, pair.unusable, only_by_default, given)


def _main(argv: Optional[Sequence[str]]) -> int:
    args = build_parser().parse_args(argv)
    return cli.finish(collect(args), args)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
