"""forge-connect-hooks upload-code-insights: a ``check --format code-insights``
report to the pull request's Code Insights, from Bitbucket Pipelines."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Dict, Optional, Sequence, Union

from . import cli
from .reporting.findings import printable
from .reporting.insights_schema import problem
from .reporting.insights_upload import (
    PIPELINES_API,
    PIPELINES_PROXY,
    REQUEST_SECONDS,
    UPLOAD_REQUESTS,
    Target,
    UploadFailed,
    upload,
)

PROG = "forge-connect-hooks upload-code-insights"
# A report of a thousand annotations is well under a megabyte.
MAX_REPORT_BYTES = 16_000_000


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
        "--timeout",
        metavar="SECONDS",
        type=_seconds,
        default=REQUEST_SECONDS,
        help=f"the most each request may take, answer included (default: {REQUEST_SECONDS:.0f}); "
        f"the whole upload, {UPLOAD_REQUESTS} times that",
    )
    parser.add_argument(
        "--proxy",
        default=PIPELINES_PROXY,
        help=f"the proxy to send through, '' for none (default: Pipelines' {PIPELINES_PROXY})",
    )
    return parser


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError(f"not a number of seconds from 0 to 3600: {text!r}")
    return seconds


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.repository.count("/") != 1 or not all(args.repository.split("/")):
        parser.error("--repository must be workspace/repo_slug (or set BITBUCKET_REPO_FULL_NAME)")
    if not args.commit:
        parser.error("--commit is needed (or set BITBUCKET_COMMIT)")
    document = _read(args.report)
    if isinstance(document, str):
        print(printable(f"{PROG}: {args.report}: {document}"), file=sys.stderr)
        return 2
    target = Target(
        args.api,
        args.repository,
        args.commit,
        args.report_id,
        args.proxy,
        os.environ.get("BITBUCKET_ACCESS_TOKEN", ""),
        args.timeout,
    )
    try:
        sent = upload(target, document)
    except UploadFailed as failure:
        print(printable(f"{PROG}: {failure}"), file=sys.stderr)
        return 1
    print(f"report {args.report_id!r} sent with {sent} annotation(s)")
    return 0


def _read(name: str) -> Union[Dict[str, Any], str]:
    """The report in file ``name`` ('-': standard input), or why it is not one
    Bitbucket would accept whole."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_REPORT_BYTES + 1)
        else:
            with open(name, "rb") as stream:
                data = stream.read(MAX_REPORT_BYTES + 1)
    except OSError as error:
        return f"cannot read it: {error.strerror or error}"
    if len(data) > MAX_REPORT_BYTES:
        return f"larger than {MAX_REPORT_BYTES // 1_000_000} MB: not a report `check` wrote"
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:
        why = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        return f"not JSON: {why}"
    refused = problem(document)
    if refused is not None:
        return f"not a code-insights report of `check`: {refused}"
    assert isinstance(document, dict)
    return document


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)
