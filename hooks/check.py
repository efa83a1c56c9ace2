"""forge-connect-hooks check: every hook over a repository's tracked files, for CI.

Where the repository's ``.pre-commit-config.yaml`` runs this project's hooks,
each of its entries runs as pre-commit runs it: on the files
``pre-commit run --all-files`` would give it, with its ``args``. Without one,
each hook runs once with its defaults. sync-forge-app-id only says what it
would change unless ``--fix``, and writes only under the paths given. One
report holds all the findings, in the format asked for.
"""

from __future__ import annotations

import argparse
import importlib
import os
from typing import Any, Dict, List, Optional, Protocol, Sequence, Set

from . import cli
from .reporting.findings import Finding
from .repository import history, precommit_config, selection
from .repository.files import RepositoryFiles
from .repository.precommit_config import CONFIG_NAME, ConfigProblem

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
        "--config",
        metavar="FILE",
        help="the pre-commit config whose entries of these hooks to run, with their files, "
        f"exclude and args (default: {CONFIG_NAME} at the top; without one, every hook with its "
        "defaults)",
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
        config, files, given, config_path = precommit_config.select(args.filenames, args.config)
    except (selection.NotARepository, ValueError, ConfigProblem) as problem:
        parser.error(str(problem))
    if args.base is None:
        base = history.default_base(dict(os.environ))
    else:
        base = history.commit_of(args.base) or parser.error(f"--base: no commit {args.base!r}")
    # What check's options mean for each hook that has the option.
    passed: Dict[str, Any] = {
        "base": base,
        "repository": RepositoryFiles(),  # one listing of git's files for every hook
        "write_under": given or None,
    }
    findings: List[Finding] = []
    seen: Set[Finding] = set()
    for name, entry_args, hook_files in precommit_config.hook_runs(config, files):
        hook = _hook(name)
        try:
            hook_args = cli.parse_strictly(hook.build_parser(), entry_args)
        except cli.ArgumentsRefused as refused:
            parser.error(f"{os.path.relpath(config_path)}: the args of {name}: {refused}")
        hook_args.filenames = [*hook_args.filenames, *hook_files]
        if not hook_args.filenames:
            continue
        for option, value in passed.items():
            if hasattr(hook_args, option):
                setattr(hook_args, option, value)
        # check's switches add to what an entry's args ask, never take it away.
        for option, switch in (
            ("check", not args.fix),
            ("require_forge_schema", args.require_forge_schema),
            ("any_signature", args.any_signature),
        ):
            if hasattr(hook_args, option):
                setattr(hook_args, option, getattr(hook_args, option) or switch)
        skipped = cli.ignored(hook_args)
        for finding in hook.collect(hook_args):
            # Two entries may be given one file: one problem is still one line.
            if finding.code not in skipped and finding not in seen:
                seen.add(finding)
                findings.append(finding)
    return cli.finish(findings, args)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)
