"""check-forge-manifest with the Forge CLI's own schema, found where the user has it."""

from __future__ import annotations

import os
import pathlib
import stat

import pytest

from forge_connect_hooks.check_forge_manifest import main
from forge_connect_hooks.forge.schema import SchemaFinder, load_forge_schema

from .helpers import DATA, codes_of, manifest_text, run, write

Capsys = pytest.CaptureFixture[str]
SCHEMA_IN_PACKAGE = pathlib.Path("out", "schema", "manifest-schema.json")


pytestmark = pytest.mark.usefixtures("no_forge_cli")


@pytest.fixture
def schema(forge_manifest_package: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    path = forge_manifest_package / SCHEMA_IN_PACKAGE
    monkeypatch.setenv("FORGE_MANIFEST_SCHEMA", str(path))
    return path


def check(capsys: Capsys, *args: str) -> tuple[int, list[str]]:
    return run(main, args, capsys)


BITBUCKET_CARD = (
    "modules:\n"
    "  bitbucket:repoCodeOverviewCard:\n"
    "    - key: card\n"
    "      resource: main\n"
    "      render: native\n"
    "      resolver:\n"
    "        function: resolver\n"
    "      title: Insights\n"
    "  function:\n"
    "    - key: resolver\n"
    "      handler: index.handler\n"
    "resources:\n"
    "  - key: main\n"
    "    path: src/index.jsx\n"
    "app:\n"
    "  id: ari:cloud:ecosystem::app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64\n"
    "  runtime:\n"
    "    name: nodejs22.x\n"
)


def test_realistic_manifests_pass_the_full_schema(schema: pathlib.Path, capsys: Capsys) -> None:
    examples = [str(DATA / app / "manifest.yml") for app in ("ace-app", "bitbucket-app")]
    assert check(capsys, "--require-forge-schema", *examples) == (0, [])
    write(pathlib.Path("manifest.yml"), BITBUCKET_CARD)
    assert check(capsys, "--verbose", "manifest.yml") == (0, [])


def test_wrong_runtime_name_at_its_line(schema: pathlib.Path, capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), BITBUCKET_CARD.replace("nodejs22.x", "nodejs8.x"))
    status, lines = check(capsys, "manifest.yml")
    assert status == 1
    assert len(lines) == 1
    assert lines[0].startswith(
        'manifest.yml:18:11: FC301 app.runtime.name: "nodejs8.x" is not one of: '
    )
    assert "nodejs22.x" in lines[0]


def test_function_without_handler(schema: pathlib.Path, capsys: Capsys) -> None:
    write(
        pathlib.Path("manifest.yml"), BITBUCKET_CARD.replace("      handler: index.handler\n", "")
    )
    status, lines = check(capsys, "manifest.yml")
    assert lines == ["manifest.yml:10:7: FC301 modules.function[0]: missing required key 'handler'"]


def test_bitbucket_item_whose_title_is_a_number(schema: pathlib.Path, capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), BITBUCKET_CARD.replace("title: Insights", "title: 42"))
    status, lines = check(capsys, "manifest.yml")
    assert lines == [
        "manifest.yml:8:14: FC301 modules.bitbucket:repoCodeOverviewCard[0].title: "
        "must be an object or a string, not an integer"
    ]


def test_misspelt_module_type_names_the_type_meant(schema: pathlib.Path, capsys: Capsys) -> None:
    text = BITBUCKET_CARD.replace(
        "bitbucket:repoCodeOverviewCard", "bitbucket:repoCodeOverviewCrad"
    )
    write(pathlib.Path("manifest.yml"), text)
    status, lines = check(capsys, "manifest.yml")
    assert lines == [
        "manifest.yml:2:3: FC308 unknown module type 'bitbucket:repoCodeOverviewCrad'; "
        "did you mean 'bitbucket:repoCodeOverviewCard'?"
    ]


def test_found_in_node_modules_upward(
    forge_manifest_package: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    project = tmp_path / "app"
    (project / "node_modules" / "@forge").mkdir(parents=True)
    (project / "node_modules" / "@forge" / "manifest").symlink_to(forge_manifest_package)
    manifest = write(project / "forge" / "manifest.yml", manifest_text())
    found = SchemaFinder(None, os.environ).find(str(manifest))
    assert found == str(project / "node_modules" / "@forge" / "manifest" / SCHEMA_IN_PACKAGE)


def test_found_in_the_global_root_of_the_forge_cli(
    forge_manifest_package: pathlib.Path, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix = tmp_path / "npm-global"
    forge = prefix / "lib" / "node_modules" / "@forge" / "cli" / "node_modules" / "@forge"
    forge.mkdir(parents=True)
    (forge / "manifest").symlink_to(forge_manifest_package)
    monkeypatch.setenv("NPM_CONFIG_PREFIX", str(prefix))
    manifest = write(tmp_path / "manifest.yml", manifest_text())
    assert SchemaFinder(None, os.environ).find(str(manifest)) == str(
        forge / "manifest" / SCHEMA_IN_PACKAGE
    )


def test_global_root_beside_node_without_asking_npm(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix = tmp_path / "node-install"
    write(prefix / "bin" / "node", "#!/bin/sh\n").chmod(0o755)
    schema = write(
        prefix / "lib" / "node_modules" / "@forge" / "manifest" / SCHEMA_IN_PACKAGE, "{}"
    )
    monkeypatch.setenv("PATH", str(prefix / "bin"))
    manifest = write(tmp_path / "manifest.yml", manifest_text())
    assert SchemaFinder(None, os.environ).find(str(manifest)) == str(schema)


def test_npm_root_is_asked_once_and_cached(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "somewhere" / "node_modules"
    schema = write(root / "@forge" / "manifest" / SCHEMA_IN_PACKAGE, "{}")
    calls = tmp_path / "npm-calls"
    fake_npm = write(
        tmp_path / "bin" / "npm", f'#!/bin/sh\necho asked >> "{calls}"\necho "{root}"\n'
    )
    fake_npm.chmod(fake_npm.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    manifest = write(tmp_path / "manifest.yml", manifest_text())
    for _ in range(3):
        assert SchemaFinder(None, os.environ).find(str(manifest)) == str(schema)
    assert calls.read_text().splitlines() == ["asked"]


def test_not_found_is_a_note_or_with_require_a_finding(capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), manifest_text())
    assert check(capsys, "manifest.yml") == (0, [])
    assert check(capsys, "-v", "manifest.yml") == (
        0,
        ["manifest.yml:1:1: FC905 no Forge CLI schema found; checked with the core schema only"],
    )
    status, lines = check(capsys, "--require-forge-schema", "manifest.yml")
    assert status == 1
    assert codes_of(lines) == ["FC309"]


def test_an_unreadable_schema_is_one_finding(capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), manifest_text())
    write(pathlib.Path("broken.json"), "{not json")
    status, lines = check(capsys, "--forge-schema", "broken.json", "manifest.yml")
    assert status == 1
    assert codes_of(lines) == ["FC309"]
    status, lines = check(capsys, "--forge-schema", "missing.json", "manifest.yml")
    assert codes_of(lines) == ["FC309"]


def test_the_parsed_schema_cache_follows_the_file(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "schema.json", '{"title": "one"}')
    assert load_forge_schema(str(path), os.environ)["title"] == "one"
    assert list((tmp_path / "cache").glob("schema-*.marshal"))
    assert load_forge_schema(str(path), os.environ)["title"] == "one"
    write(path, '{"title": "two, longer"}')
    assert load_forge_schema(str(path), os.environ)["title"] == "two, longer"
