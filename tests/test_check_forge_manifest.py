"""check-forge-manifest, rule by rule."""

from __future__ import annotations

import pathlib

import pytest

from forge_connect_hooks.check_forge_manifest import main

from .helpers import APP_ID, DATA, codes_of, manifest_text, run, write

Capsys = pytest.CaptureFixture[str]


@pytest.fixture(autouse=True)
def _core_schema_only(no_forge_cli: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These are the core schema's rules (test_forge_schema has the full schema's)."""
    monkeypatch.delenv("FORGE_APP_ID", raising=False)


def check(capsys: Capsys, *args: str) -> tuple[int, list[str]]:
    return run(main, args, capsys)


def test_the_realistic_example_app_passes(capsys: Capsys) -> None:
    assert check(capsys, str(DATA / "bitbucket-app" / "manifest.yml")) == (0, [])


def test_a_minimal_manifest_passes(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text())
    assert check(capsys, "manifest.yml") == (0, [])


@pytest.mark.parametrize(
    "text",
    [
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n",
        "applications:\n- name: web\n  memory: 512M\n",  # Cloud Foundry
        "---\n- just\n- a list\n",
        "",
        "key: [unclosed\n",
        "a: !!python/object:os.system x\n",
    ],
)
def test_other_kinds_of_manifest_are_skipped_silently(
    text: str, tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "manifest.yml", text)
    assert check(capsys, "manifest.yml") == (0, [])


def test_unknown_root_key_names_the_key_meant(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text() + "permisions:\n  scopes: []\n")
    status, lines = check(capsys, "manifest.yml")
    assert lines == [
        "manifest.yml:9:1: FC302 unknown key 'permisions' in the root; did you mean 'permissions'?"
    ]


def test_app_is_required_when_modules_exist(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", "modules:\n  webtrigger:\n    - key: a\n")
    status, lines = check(capsys, "manifest.yml")
    assert lines == ["manifest.yml:1:1: FC301 the root: missing required key 'app'"]


def test_app_id_missing(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    text = "app:\n  runtime:\n    name: nodejs22.x\nmodules: {webtrigger: [{key: a}]}\n"
    write(tmp_path / "manifest.yml", text)
    status, lines = check(capsys, "manifest.yml")
    assert lines == ["manifest.yml:1:1: FC303 app.id is missing: run `forge register`"]


@pytest.mark.parametrize(
    ("app_id", "code", "words"),
    [
        (
            "ari:cloud:ecosystem::app/invalid-run-forge-register",
            "FC305",
            "run `forge register`",
        ),
        ("ari:cloud:ecosystem::app/YOUR-APP-ID", "FC305", "placeholder"),
        ("ari:cloud:ecosystem::app/to-be-generated", "FC305", "placeholder"),
        (
            "ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000",
            "FC305",
            "placeholder",
        ),
        (
            "ari:cloud:ecosystem::app/6F1C2A47-8D3E-4B5A-9C21-0E7F3D9B2A64",
            "FC304",
            "must be lowercase",
        ),
        ("6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64", "FC304", "a bare UUID"),
        ("'12345'", "FC304", "must start with"),
        ("12345", "FC304", "must be a string"),
    ],
)
def test_app_id_form(
    app_id: str, code: str, words: str, tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "manifest.yml", manifest_text(app_id))
    status, lines = check(capsys, "manifest.yml")
    assert status == 1
    assert codes_of(lines) == [code]
    assert words in lines[0]
    assert lines[0].startswith("manifest.yml:6:7:")


def test_app_id_variable_resolves_from_the_declared_default(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    extra = f"environment:\n  variables:\n    - key: FORGE_APP_ID\n      default: {APP_ID}\n"
    write(tmp_path / "manifest.yml", manifest_text("${FORGE_APP_ID}", extra))
    assert check(capsys, "manifest.yml") == (0, [])


def test_app_id_variable_prefers_the_process_environment(
    tmp_path: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = f"environment:\n  variables:\n    - key: FORGE_APP_ID\n      default: {APP_ID}\n"
    write(tmp_path / "manifest.yml", manifest_text("${FORGE_APP_ID}", extra))
    monkeypatch.setenv("FORGE_APP_ID", "ari:cloud:ecosystem::app/YOUR-APP-ID")
    status, lines = check(capsys, "manifest.yml")
    assert codes_of(lines) == ["FC305"]
    assert "${FORGE_APP_ID} (= ari:cloud:ecosystem::app/YOUR-APP-ID)" in lines[0]


def test_an_undeclared_variable_stays_in_app_id_as_written(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    # Forge fills in declared variables only: this id cannot be a registered one.
    write(tmp_path / "manifest.yml", manifest_text("ari:cloud:ecosystem::app/${APP_UUID}"))
    status, lines = check(capsys, "manifest.yml")
    assert status == 1
    assert lines == [
        "manifest.yml:6:7: FC304 app.id 'ari:cloud:ecosystem::app/${APP_UUID}': ${APP_UUID} is "
        "not declared in environment.variables, so Forge leaves it as written; declare it or "
        "write the id",
    ]


def test_runtime_and_connect_key(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    text = manifest_text().replace("nodejs22.x", "node22") + "  connect:\n    key: a b\n"
    write(tmp_path / "manifest.yml", text)
    status, lines = check(capsys, "manifest.yml")
    assert lines == [
        'manifest.yml:8:11: FC301 app.runtime.name: "node22" must be a Forge runtime such as '
        "nodejs22.x",
        'manifest.yml:10:10: FC301 app.connect.key: "a b" must be 1-90 characters of a-z, '
        "A-Z, 0-9, '-', '.', '_'",
    ]


def test_connect_key_length_limit(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text() + "  connect:\n    key: " + "k" * 91 + "\n")
    status, lines = check(capsys, "manifest.yml")
    assert codes_of(lines) == ["FC301"]
    write(tmp_path / "manifest.yml", manifest_text() + "  connect:\n    key: " + "k" * 90 + "\n")
    assert check(capsys, "manifest.yml") == (0, [])


def test_module_keys_are_unique_across_module_types(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    text = manifest_text().replace(
        "modules:\n",
        "modules:\n  trigger:\n    - key: main\n      function: main\n      events: [x]\n",
    )
    write(tmp_path / "manifest.yml", text)
    status, lines = check(capsys, "manifest.yml")
    assert lines == [
        'manifest.yml:7:13: FC307 module key "main" (modules.function) is already used at line 3'
    ]


def test_duplicate_keys_and_tags_in_a_forge_manifest(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "manifest.yml", manifest_text() + "app:\n  id: x\n")
    status, lines = check(capsys, "manifest.yml")
    assert lines[0] == "manifest.yml:9:1: FC104 duplicate key 'app'"
    write(
        tmp_path / "manifest.yml",
        manifest_text() + "resources: !!python/object/apply:os.system [id]\n",
    )
    status, lines = check(capsys, "manifest.yml")
    assert "FC109" in codes_of(lines)


def test_forge_size_limit(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text() + "# " + "x" * 205_000 + "\n")
    status, lines = check(capsys, "manifest.yml")
    assert status == 1
    assert lines[0].startswith("manifest.yml:1:1: FC107 manifest is 205")
    assert "at most 204800 bytes (200 KB)" in lines[0]


def test_broken_yaml_in_a_forge_manifest(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", "app:\n  id: [oops\nmodules: {}\n")
    status, lines = check(capsys, "manifest.yml")
    assert status == 1
    assert codes_of(lines) == ["FC108"]
    assert len(lines) == 1


def test_alias_bomb_in_a_forge_manifest(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    lines = [
        "app:",
        "  id: x",
        "modules: {}",
        'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
    ]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    write(tmp_path / "manifest.yml", "\n".join(lines) + "\n")
    status, out = check(capsys, "manifest.yml")
    assert status == 1
    assert codes_of(out) == ["FC110"]


def test_not_utf8(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text().encode() + b"# caf\xe9\n")
    status, lines = check(capsys, "manifest.yml")
    assert lines == ["manifest.yml:9:6: FC102 byte 0xe9 is not UTF-8; save the file as UTF-8"]


def test_missing_file(capsys: Capsys) -> None:
    assert check(capsys, "manifest.yml") == (1, ["manifest.yml:1:1: FC101 no such file"])
