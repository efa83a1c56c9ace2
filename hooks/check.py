"""forge-connect-hooks check: every hook over a repository's tracked files, for CI.

Each hook gets the files pre-commit would give it with ``--all-files``, and
pairs descriptors with manifests as it does at the commit; sync-forge-app-id
only says what it would change unless ``--fix``. One report holds all the
findings, in the format asked for.
"""

from __future__ import annotations

import argparse
import importlib
import os
from typing import Any, Dict, List, Optional, Protocol, Sequence

from . import cli
from .reporting.findings import Finding
from .repository import history, selection
from .repository.files import RepositoryFiles

PROG = "forge-connect-hooks check"


class _Hook(Protocol):
    def build_parser(self) -> argparse.ArgumentParser: ...

    def collect(self, args: argparse.Namespace) -> List[Finding]: ...


def _hook(name: str) -> _Hook:
    """A hook's module: its id with '_' for '-' (check-forge-manifest is check_forge_manifest)."""
    module: _Hook = importlib.import_module(f"{__package__}.{name.replace('-', '_')}")
    return module


def build_parser() -> argparse.ArgumentParser:
    parser = cli.parser(
        PROG,
        "Run every check over the repository's tracked files.",
        ("PATH", "folders and files to look under (default: the whole repository)"),
    )
    parser.add_argument(
        "--base",
        metavar="REF",
        help="what install links are compared with to find hand edits (default: the merge "
        "base with the pull request's target branch or origin's default branch, else HEAD)",
    )
    parser.add_argument("--fix", action="store_true", help="let sync-forge-app-id write its fixes")
    parser.add_argument(
        "--any-signature",
        action="store_true",
        help="accept any non-empty URL-safe signature, as check-forge-app-link --any-signature",
    )
    parser.add_argument(
        "--require-forge-schema",
        action="store_true",
        help="a finding, not a note, when the Forge CLI's schema is not found",
    )
    return parser


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        top = selection.top_folder()
        pathspecs = [_inside(top, path) for path in args.filenames]
    except (selection.NotARepository, ValueError) as problem:
        parser.error(str(problem))
    if args.base is None:
        base = history.default_base(dict(os.environ))
    else:
        base = history.commit_of(args.base) or parser.error(f"--base: no commit {args.base!r}")
    os.chdir(top)  # where pre-commit runs the hooks, so paths are printed alike
    try:
        files = selection.tracked(pathspecs)
    except selection.NotARepository as problem:
        parser.error(str(problem))
    # What check's options mean for each hook that has the option.
    passed: Dict[str, Any] = {
        "check": not args.fix,
        "require_forge_schema": args.require_forge_schema,
        "base": base,
        "any_signature": args.any_signature,
    }
    passed["repository"] = RepositoryFiles()  # one listing of git's files for every hook
    findings: List[Finding] = []
    for name in selection.HOOK_FILES:
        hook = _hook(name)
        hook_args = hook.build_parser().parse_args([])
        hook_args.filenames = selection.files_for(name, files)
        if not hook_args.filenames:
            continue
        for option, value in passed.items():
            if hasattr(hook_args, option):
                setattr(hook_args, option, value)
        findings.extend(hook.collect(hook_args))
    return cli.finish(findings, args)


def _inside(top: str, path: str) -> str:
    """``path`` as a pathspec relative to the top folder; ValueError when it
    does not exist or lies outside."""
    if not os.path.lexists(path):
        raise ValueError(f"no such file or folder: {path!r}")
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(top))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        raise ValueError(f"outside the repository: {path!r}")
    return ":(literal)" + relative


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)
