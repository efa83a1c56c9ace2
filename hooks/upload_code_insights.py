"""forge-connect-hooks upload-code-insights: a ``check --format code-insights``
report to the pull request's Code Insights, from Bitbucket Pipelines."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Optional, Sequence

from . import cli
from .reporting.findings import printable
from .reporting.insights_upload import (
    PIPELINES_API,
    PIPELINES_PROXY,
    Target,
    UploadFailed,
    upload,
)

PROG = "forge-connect-hooks upload-code-insights"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Send a code-insights report (from `forge-connect-hooks check --format "
        "code-insights`) to Bitbucket Cloud for the commit being built.",
        allow_abbrev=False,
    )
    parser.add_argument("report", metavar="FILE", help="the report ('-' for standard input)")
    parser.add_argument(
        "--repository",
        default=os.environ.get("BITBUCKET_REPO_FULL_NAME", ""),
        help="workspace/repo_slug (default: $BITBUCKET_REPO_FULL_NAME)",
    )
    parser.add_argument(
        "--commit",
        default=os.environ.get("BITBUCKET_COMMIT", ""),
        help="the commit the report is about (default: $BITBUCKET_COMMIT)",
    )
    parser.add_argument(
        "--report-id", default="forge-connect-hooks", help="the report's id in Bitbucket"
    )
    parser.add_argument(
        "--api", default=PIPELINES_API, help=f"the API's base URL (default: {PIPELINES_API})"
    )
    parser.add_argument(
        "--proxy",
        default=PIPELINES_PROXY,
        help=f"the proxy to send through, '' for none (default: Pipelines' {PIPELINES_PROXY})",
    )
    return parser


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.repository.count("/") != 1 or not all(args.repository.split("/")):
        parser.error("--repository must be workspace/repo_slug (or set BITBUCKET_REPO_FULL_NAME)")
    if not args.commit:
        parser.error("--commit is needed (or set BITBUCKET_COMMIT)")
    try:
        if args.report == "-":
            document = json.load(sys.stdin)
        else:
            with open(args.report, encoding="utf-8") as stream:
                document = json.load(stream)
    except (OSError, ValueError) as problem:
        print(printable(f"{PROG}: cannot read {args.report}: {problem}"), file=sys.stderr)
        return 2
    target = Target(
        args.api,
        args.repository,
        args.commit,
        args.report_id,
        args.proxy,
        os.environ.get("BITBUCKET_ACCESS_TOKEN", ""),
    )
    try:
        sent = upload(target, document if isinstance(document, dict) else {})
    except UploadFailed as failure:
        print(printable(f"{PROG}: {failure}"), file=sys.stderr)
        return 1
    print(f"report {args.report_id!r} sent with {sent} annotation(s)")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)
