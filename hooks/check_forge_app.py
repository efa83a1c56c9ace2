"""check-forge-app: a Forge app's files against its manifest: the handler
files, resource paths and locale files it names exist, the i18n keys it uses
are in the default locale, and the Forge packages the code imports have the
scopes and modules they need.

The hook is given every file of a commit, and runs on every commit, so that
a commit that renames or deletes a handler file is checked too though it
stages no manifest: each changed file, deletions included, leads to the
manifest of its app, and each such manifest is checked against the app's
files. A file outside any app costs a few ``stat`` calls.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, List, Optional, Sequence

from . import cli
from .repository.apps import ignored_by_git, manifests_of

if TYPE_CHECKING:
    from .reporting.findings import Finding

PROG = "check-forge-app"


def build_parser() -> argparse.ArgumentParser:
    return cli.parser(PROG, "Check a Forge app's files against its manifest.")


def collect(args: argparse.Namespace) -> List[Finding]:
    """Every finding on the apps of the files ``args`` names and of the staged deletions."""
    run = cli.run_of(args)
    changed = list(args.filenames)
    staged = run.files.staged() if run.files.in_git else None
    here = os.getcwd()
    for path in sorted(staged or ()):
        if not os.path.lexists(path):
            changed.append(os.path.relpath(path, here))
    manifests = manifests_of(changed)
    if not manifests:
        return []  # the common case: nothing of an app changed, and nothing was imported
    from .reading.documents import Loaded, load_manifest
    from .rules.app_files import AppFolder, app_file_checks
    from .rules.app_imports import app_import_checks
    from .rules.handler_exports import handler_export_checks
    from .rules.locale_files import locale_file_checks
    from .rules.resource_kinds import resource_kind_checks

    findings: List[Finding] = []
    for manifest in manifests:
        read = load_manifest(manifest)
        # A manifest that cannot be read is check-forge-manifest's to report.
        if isinstance(read, Loaded):
            app = AppFolder(os.path.dirname(manifest), ignored_by_git, run.files.tracked)
            findings.extend(app_file_checks(read.document, app))
            findings.extend(app_import_checks(read.document, app))
            findings.extend(handler_export_checks(read.document, app))
            findings.extend(locale_file_checks(read.document, app))
            findings.extend(resource_kind_checks(read.document, app))
    return findings


def _main(argv: Optional[Sequence[str]]) -> int:
    args = build_parser().parse_args(argv)
    return cli.finish(collect(args), args)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
