"""forge-connect-hooks explain: what a code means, why, an example, the fix."""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import cli, registry
from .reporting import rule_docs
from .reporting.findings import printable

PROG = "forge-connect-hooks explain"


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Explain a finding code.", allow_abbrev=False
    )
    parser.add_argument("code", nargs="?", help="a code such as FC405 (default: list them all)")
    parser.add_argument(
        "--markdown", action="store_true", help="print the whole reference (docs/codes.md)"
    )
    args = parser.parse_args(argv)
    if args.markdown:
        sys.stdout.write(rule_docs.reference_markdown(registry.rules().values()))
        return 0
    if args.code is None:
        for code, rule in registry.rules().items():
            print(f"{code}  {rule.meaning}")
        return 0
    code = args.code.strip().upper()
    if code not in registry.rules():
        print(
            printable(f"{PROG}: {args.code!r} is not a code of this tool ({PROG} lists them)"),
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(rule_docs.explain_text(registry.rule(code)))
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)
