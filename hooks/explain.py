"""forge-connect-hooks explain: what a code means, why, an example, the fix."""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import cli
from .reporting import code_docs
from .reporting.findings import printable

PROG = "forge-connect-hooks explain"


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Explain a finding code.", allow_abbrev=False
    )
    parser.add_argument("code", nargs="?", help="a code such as FC405 (default: list them all)")
    parser.add_argument(
        "--markdown", action="store_true", help="print the whole reference (docs/code_docs.md)"
    )
    args = parser.parse_args(argv)
    if args.markdown:
        sys.stdout.write(code_docs.reference_markdown())
        return 0
    if args.code is None:
        for code, meaning in code_docs.MEANINGS.items():
            print(f"{code}  {meaning}")
        return 0
    code = args.code.strip().upper()
    if code not in code_docs.DOCS:
        print(
            printable(f"{PROG}: {args.code!r} is not a code of this tool ({PROG} lists them)"),
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(code_docs.explain_text(code))
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)
