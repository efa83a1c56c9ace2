"""Forge's names without the Forge CLI: the catalogue the hooks ship, kept
equal to the @forge/manifest the suite installs, and what it catches."""

from __future__ import annotations

import json
import pathlib
from typing import Tuple

import pytest

from forge_connect_hooks.forge import catalogue

from .helpers import codes_of, hook, manifest_text, write

SCOPES = "permissions:\n  scopes:\n    - {scope}\n"


def test_the_shipped_catalogue_is_the_installed_forge_manifests(
    forge_manifest_package: pathlib.Path,
) -> None:
    installed = catalogue.catalogue_of(str(forge_manifest_package))
    with open(catalogue.CATALOGUE, encoding="utf-8") as stream:
        shipped = json.load(stream)
    # To bring it up to date:
    #   python -m forge_connect_hooks.forge.catalogue PACKAGE > hooks/forge/catalogue.json
    assert shipped == installed
    assert len(shipped["module_types"]) > 100 and len(shipped["scopes"]) > 500
    assert "nodejs22.x" in shipped["runtimes"]


@pytest.mark.parametrize(
    ("change", "code", "meant"),
    [
        (
            ("webtrigger:", "bitbucket:repoCodeOverveiwCard:"),
            "FC308",
            "bitbucket:repoCodeOverviewCard",
        ),
        (
            ("", SCOPES.format(scope="read:pullrequests:bitbucket")),
            "FC316",
            "read:pullrequest:bitbucket",
        ),
    ],
)
def test_without_a_forge_cli_a_slip_is_a_finding_with_the_name_meant(
    repo_root: pathlib.Path,
    no_forge_cli: pathlib.Path,
    change: Tuple[str, str],
    code: str,
    meant: str,
) -> None:
    old, new = change
    text = manifest_text().replace(old, new, 1) if old else manifest_text() + new
    write(repo_root / "manifest.yml", text)
    status, lines, _ = hook("check_forge_manifest", "manifest.yml", cwd=repo_root)
    assert (status, codes_of(lines)) == (1, [code]), lines
    assert f"did you mean {meant!r}?" in lines[0]


@pytest.mark.parametrize("runtime", ["nodejs18.x", "nodejs21.x"])
def test_without_a_forge_cli_a_runtime_forge_does_not_run_is_a_finding(
    repo_root: pathlib.Path, no_forge_cli: pathlib.Path, runtime: str
) -> None:
    write(repo_root / "manifest.yml", manifest_text().replace("nodejs22.x", runtime))
    status, lines, _ = hook("check_forge_manifest", "manifest.yml", cwd=repo_root)
    assert (status, codes_of(lines)) == (1, ["FC301"]), lines
    assert "is not one Forge runs (nodejs20.x, nodejs22.x, nodejs24.x)" in lines[0]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("webtrigger:", "bitbucket:somethingLaunchedNextYear:"),
        ("", SCOPES.format(scope="manage:brand-new-product")),
        ("nodejs22.x", "nodejs30.x"),
    ],
)
def test_without_a_forge_cli_a_name_newer_than_the_catalogue_is_a_note(
    repo_root: pathlib.Path, no_forge_cli: pathlib.Path, old: str, new: str
) -> None:
    text = manifest_text().replace(old, new, 1) if old else manifest_text() + new
    write(repo_root / "manifest.yml", text)
    assert hook("check_forge_manifest", "manifest.yml", cwd=repo_root) == (0, [], "")
    status, lines, _ = hook("check_forge_manifest", "--verbose", "manifest.yml", cwd=repo_root)
    assert status == 0 and "FC914" in codes_of(lines), lines


def test_with_a_forge_cli_its_schema_decides(
    repo_root: pathlib.Path, forge_manifest_package: pathlib.Path
) -> None:
    schema = forge_manifest_package / "out" / "schema" / "manifest-schema.json"
    write(repo_root / "manifest.yml", manifest_text().replace("nodejs22.x", "nodejs30.x"))
    status, lines, _ = hook(
        "check_forge_manifest", "--forge-schema", str(schema), "manifest.yml", cwd=repo_root
    )
    assert status == 1 and codes_of(lines) == ["FC301"], lines
