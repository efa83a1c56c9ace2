"""check-forge-manifest does what Forge does, from what the user has installed.

These read like the rules; test_forge_differential proves them against
Forge's own validator.
"""

from __future__ import annotations

import pathlib
from typing import List, Tuple

import pytest

from forge_connect_hooks.check_forge_manifest import main

from .helpers import APP_ID, codes_of, manifest_text, run, write

Capsys = pytest.CaptureFixture[str]
FORGE_PACKAGE_JSON = '{"dependencies": {"@forge/api": "^5.0.0"}}\n'


@pytest.fixture(autouse=True)
def _no_forge_cli(no_forge_cli: pathlib.Path) -> None:
    (no_forge_cli / ".git").mkdir()


def check(capsys: Capsys, *args: str) -> Tuple[int, List[str]]:
    return run(main, [*args, "manifest.yml"], capsys)


def with_variables(text: str, variables: str) -> str:
    return text + "environment:\n  variables:\n" + variables


def test_a_declared_variable_is_filled_in_before_the_schema(capsys: Capsys) -> None:
    text = manifest_text(APP_ID, "  connect:\n    key: ${CONNECT_KEY}\n")
    write(
        pathlib.Path("manifest.yml"),
        with_variables(text, "    - key: CONNECT_KEY\n      default: k\n"),
    )
    assert check(capsys) == (0, [])


def test_the_environment_wins_over_the_default(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = manifest_text(APP_ID, "  connect:\n    key: ${CONNECT_KEY}\n")
    write(pathlib.Path("manifest.yml"), with_variables(text, "    - CONNECT_KEY\n"))
    monkeypatch.setenv("CONNECT_KEY", "bad key with spaces")
    status, lines = check(capsys)
    assert codes_of(lines) == ["FC301"]
    monkeypatch.setenv("CONNECT_KEY", "good-key")
    assert check(capsys) == (0, [])


def test_a_declared_variable_without_value_is_left_to_the_deploy(capsys: Capsys) -> None:
    # Forge stops without it; CI sets it at deploy, so here it is a note.
    text = manifest_text(APP_ID, "  connect:\n    key: ${CONNECT_KEY}\n")
    write(pathlib.Path("manifest.yml"), with_variables(text, "    - CONNECT_KEY\n"))
    assert check(capsys) == (0, [])
    status, lines = check(capsys, "-v")
    assert status == 0
    assert (
        "manifest.yml:10:10: FC912 ${CONNECT_KEY} is declared without a default: Forge needs it "
        "set at deploy; not checked here"
    ) in lines


def test_an_undeclared_variable_is_left_as_forge_leaves_it(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forge fills only declared variables, so the shell's value is no answer."""
    monkeypatch.setenv("APP_UUID", APP_ID.rsplit("/", 1)[1])
    write(pathlib.Path("manifest.yml"), manifest_text("ari:cloud:ecosystem::app/${APP_UUID}"))
    status, lines = check(capsys)
    assert (status, codes_of(lines)) == (1, ["FC304"])
    assert "is not declared in environment.variables" in lines[0]


def test_a_manifest_with_only_functions_has_no_module(capsys: Capsys) -> None:
    text = manifest_text(APP_ID).replace("  webtrigger: [{key: hook, function: main}]\n", "")
    write(pathlib.Path("manifest.yml"), text)
    status, lines = check(capsys)
    assert codes_of(lines) == ["FC311"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (("handler: index.run", "handler: index"), "FC313"),
        (("function: main}", "function: mian}"), "FC314"),
    ],
)
def test_functions_are_checked_as_forge_checks_them(
    capsys: Capsys, change: Tuple[str, str], code: str
) -> None:
    write(pathlib.Path("manifest.yml"), manifest_text(APP_ID).replace(*change))
    status, lines = check(capsys)
    assert codes_of(lines) == [code]
    if code == "FC314":
        assert lines[0].endswith("did you mean 'main'?")


def test_connect_modules_are_for_jira_and_confluence_only(capsys: Capsys) -> None:
    text = manifest_text(APP_ID) + "connectModules:\n  bitbucket:webItems:\n    - key: item\n"
    write(pathlib.Path("manifest.yml"), text)
    status, lines = check(capsys)
    assert lines == [
        "manifest.yml:10:3: FC315 connectModules entry 'bitbucket:webItems': Connect modules "
        "exist only for Jira and Confluence ('jira:...', 'confluence:...')"
    ]


def test_keys_are_unique_across_modules_and_connect_modules(capsys: Capsys) -> None:
    text = manifest_text(APP_ID) + "connectModules:\n  jira:webItems:\n    - key: hook\n"
    write(pathlib.Path("manifest.yml"), text)
    status, lines = check(capsys)
    assert codes_of(lines) == ["FC307"]
    assert "(connectModules.jira:webItems) is already used at line 4" in lines[0]


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"", "empty (or only comments)"),
        (b"# soon\n", "empty (or only comments)"),
        (b"- app\n", "not a mapping"),
    ],
)
def test_an_empty_manifest_in_a_forge_app_is_a_finding(
    capsys: Capsys, content: bytes, what: str
) -> None:
    write(pathlib.Path("manifest.yml"), content)
    assert check(capsys) == (0, [])  # no sign of Forge: not ours to judge
    write(pathlib.Path("package.json"), FORGE_PACKAGE_JSON)
    status, lines = check(capsys)
    assert status == 1
    assert codes_of(lines) == ["FC317"]
    assert what in lines[0]


def test_a_manifest_beside_a_connect_descriptor_is_a_forge_apps(capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), b"# to do\n")
    write(pathlib.Path("atlassian-connect.json"), b"{}")
    status, lines = check(capsys)
    assert codes_of(lines) == ["FC317"]


def test_a_broken_file_in_a_forge_app_is_a_finding(capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), b"name: x\nlist: [\n")
    assert check(capsys) == (0, [])
    write(pathlib.Path("package.json"), FORGE_PACKAGE_JSON)
    assert codes_of(check(capsys)[1]) == ["FC108"]


def test_other_manifests_stay_quiet(capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), "applications:\n  - name: web\n    memory: 256M\n")
    assert check(capsys) == (0, [])


def test_a_one_of_mismatch_is_one_short_line(
    capsys: Capsys, forge_manifest_package: pathlib.Path
) -> None:
    schema = forge_manifest_package / "out" / "schema" / "manifest-schema.json"
    text = (
        manifest_text(APP_ID).replace(
            "  webtrigger: [{key: hook, function: main}]\n",
            "  bitbucket:repoCodeOverviewCard:\n"
            "    - {key: card, title: Card, function: main, resource: main}\n",
        )
        + "resources:\n  - key: main\n    path: static\n"
    )
    write(pathlib.Path("manifest.yml"), text)
    status, lines = check(capsys, "--forge-schema", str(schema))
    assert lines == [
        "manifest.yml:5:7: FC301 modules.bitbucket:repoCodeOverviewCard[0]: matches more than "
        "one form; needs 'function' or 'resource', with 'title', 'key'"
    ]


def test_a_deprecated_property_is_a_note(
    capsys: Capsys, forge_manifest_package: pathlib.Path
) -> None:
    schema = forge_manifest_package / "out" / "schema" / "manifest-schema.json"
    text = manifest_text(APP_ID).replace("  runtime:\n", "  name: Old\n  runtime:\n")
    write(pathlib.Path("manifest.yml"), text)
    assert check(capsys, "--forge-schema", str(schema)) == (0, [])
    status, lines = check(capsys, "-v", "--forge-schema", str(schema))
    assert "FC909 app.name is deprecated (Forge warns); it can be removed" in "\n".join(lines)


def test_a_long_value_is_quoted_briefly(
    capsys: Capsys, forge_manifest_package: pathlib.Path
) -> None:
    schema = forge_manifest_package / "out" / "schema" / "manifest-schema.json"
    text = manifest_text(APP_ID).replace("nodejs22.x", "x" * 150_000)
    write(pathlib.Path("manifest.yml"), text)
    status, lines = check(capsys, "--forge-schema", str(schema))
    assert status == 1
    assert all(len(line) <= 400 for line in lines), [len(line) for line in lines]
