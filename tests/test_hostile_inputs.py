"""Inputs written to break the hooks: each gets a finding (or a usage error)
quickly, and nothing is written outside the repository."""

from __future__ import annotations

import base64
import json
import os
import pathlib
import re
from typing import Any, Dict, List, Sequence, Tuple

import pytest

from forge_connect_hooks.check_forge_app_link import main as check_link_main
from forge_connect_hooks.check_forge_manifest import main as check_manifest_main
from forge_connect_hooks.reading import documents
from forge_connect_hooks.repository import manifests, pairing
from forge_connect_hooks.rules import schema_check
from forge_connect_hooks.sync_forge_app_id import main as sync_main

from .conftest import git
from .envelope import build_message, encode_signature, link
from .helpers import APP_ID, OTHER_ID, codes_of, descriptor, hook, manifest_text, run, write


def track(root: pathlib.Path, *paths: str) -> None:
    """Make ``root`` a real repository that tracks only ``paths``."""
    (root / ".git").rmdir()
    git(root, "init", "-q")
    git(root, "add", "--", *paths)


Capsys = pytest.CaptureFixture[str]


# -- no regular expression makes a hook hang ----------------------------------------


def test_a_long_base_url_with_a_space_is_one_finding_not_a_hang(repo_root: pathlib.Path) -> None:
    url = "https://" + "a" * 500_000 + " "
    write(repo_root / "atlassian-connect.json", descriptor(baseUrl=url))
    status, lines, err = hook("check_connect_descriptor", "atlassian-connect.json", cwd=repo_root)
    assert (status, err) == (1, "")
    assert codes_of(lines) == ["FC201"]
    assert len(lines[0]) < 400


def test_a_long_run_of_spaces_before_the_anchor_is_no_hang(repo_root: pathlib.Path) -> None:
    text = '{"description": "' + " " * 500_000 + '", "key": "a", "name": "A"}'
    write(repo_root / "atlassian-connect.json", text)
    status, lines, err = hook(
        "sync_forge_app_id", "--app-id", APP_ID, "atlassian-connect.json", cwd=repo_root
    )
    assert (status, err) == (1, "")
    assert codes_of(lines) == ["FC501"]
    fixed = json.loads((repo_root / "atlassian-connect.json").read_text())
    assert fixed["forgeAppId"] == APP_ID


def test_a_long_json5_comment_run_is_no_hang(repo_root: pathlib.Path) -> None:
    text = "{" + "// c\n" * 100_000 + '"key": "a" /* never closed'
    write(repo_root / "atlassian-connect.json", text)
    status, lines, _ = hook(
        "check_connect_descriptor", "--json5", "atlassian-connect.json", cwd=repo_root
    )
    assert status == 1
    assert lines == ["atlassian-connect.json:100001:12: FC103 unterminated /* comment"]


# -- the fixer writes only inside the repository, and only a certain pair ------------


def test_a_tracked_symlink_to_a_file_outside_is_never_written(
    tmp_path: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = write(tmp_path / "home" / "notes.json", descriptor())
    before = outside.read_bytes()
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(repo)
    write(repo / "manifest.yml", manifest_text(APP_ID))
    os.symlink(outside, repo / "atlassian-connect.json")
    status, lines = run(sync_main, ["atlassian-connect.json"], capsys)
    assert status == 1
    assert codes_of(lines) == ["FC505"]
    assert "outside the repository" in lines[0]
    assert outside.read_bytes() == before


def test_a_symlink_inside_the_repository_is_written_through(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    write(repo_root / "manifest.yml", manifest_text(APP_ID))
    target = write(repo_root / "real" / "descriptor.json", descriptor())
    os.symlink(target, repo_root / "atlassian-connect.json")
    status, lines = run(sync_main, ["atlassian-connect.json"], capsys)
    assert codes_of(lines) == ["FC501"]
    assert json.loads(target.read_text())["forgeAppId"] == APP_ID


def _two_apps(root: pathlib.Path) -> None:
    """App a has its manifest; app b is Connect-only, in a folder of its own."""
    write(root / "a" / "manifest.yml", manifest_text(OTHER_ID))
    write(root / "b" / "atlassian-connect.json", descriptor(key="app-b"))


def test_another_apps_only_manifest_is_never_copied(
    repo_root: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_apps(repo_root)
    track(repo_root, "a/manifest.yml")
    before = (repo_root / "b" / "atlassian-connect.json").read_bytes()
    status, lines = run(sync_main, ["-v", "b/atlassian-connect.json"], capsys)
    assert status == 0
    assert codes_of(lines) == ["FC906"]
    assert "pass --manifest" in lines[0]
    assert (repo_root / "b" / "atlassian-connect.json").read_bytes() == before


@pytest.mark.parametrize(
    "evidence",
    [
        {"key": "app-b", "extra": "  connect:\n    key: app-b\n"},
        {"key": "app-b", "forgeAppLink": "link"},
    ],
    ids=["connect key", "install link"],
)
def test_the_only_manifest_is_copied_when_something_ties_them(
    repo_root: pathlib.Path,
    capsys: Capsys,
    monkeypatch: pytest.MonkeyPatch,
    evidence: Dict[str, str],
) -> None:
    other_uuid = OTHER_ID.rsplit("/", 1)[1]
    write(repo_root / "a" / "manifest.yml", manifest_text(OTHER_ID, evidence.get("extra", "")))
    fields = {"key": evidence["key"]}
    if "forgeAppLink" in evidence:
        fields["forgeAppLink"] = link(encode_signature(build_message()), uuid=other_uuid)
    write(repo_root / "b" / "atlassian-connect.json", descriptor(**fields))
    track(repo_root, "a/manifest.yml")
    status, lines = run(sync_main, ["b/atlassian-connect.json"], capsys)
    assert codes_of(lines) == ["FC501"]
    written = json.loads((repo_root / "b" / "atlassian-connect.json").read_text())
    assert written["forgeAppId"] == OTHER_ID


def test_the_manifest_option_is_evidence_enough(
    repo_root: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_apps(repo_root)
    track(repo_root, "a/manifest.yml")
    args = ["--manifest", "a/manifest.yml", "b/atlassian-connect.json"]
    status, lines = run(sync_main, args, capsys)
    assert codes_of(lines) == ["FC501"]


def test_a_mistyped_manifest_option_is_a_usage_error(
    repo_root: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo_root / "atlassian-connect.json", descriptor())
    for main in (sync_main, check_link_main):
        with pytest.raises(SystemExit) as exit_:
            main(["--manifest", "nope.yml", "atlassian-connect.json"])
        assert exit_.value.code == 2
        assert "no such file: 'nope.yml'" in capsys.readouterr().err


# -- findings, never exit 3 -------------------------------------------------------------


def test_aliases_that_nest_too_deep_are_a_finding(repo_root: pathlib.Path, capsys: Capsys) -> None:
    def nest(depth: int, inner: str) -> str:
        return "[" * depth + inner + "]" * depth

    text = (
        f"app:\n  id: {APP_ID}\n"
        f"a: &a {nest(190, '1')}\nb: &b {nest(190, '*a')}\nc: &c {nest(190, '*b')}\n"
    )
    write(repo_root / "manifest.yml", text)
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert status == 1
    assert lines == [
        "manifest.yml:4:197: FC105 nesting deeper than 200 levels (aliases included)",
    ]


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "nope"},
        {"properties": {"app": {"properties": {"id": {"pattern": "(["}}}}},
        {"properties": {"app": {"$ref": "#/definitions/missing"}}},
        {"$ref": "#"},
    ],
    ids=["unknown type", "bad pattern", "dangling ref", "endless ref"],
)
@pytest.mark.parametrize("how", ["option", "environment", "node_modules"])
def test_a_broken_forge_schema_is_a_finding(
    no_forge_cli: pathlib.Path,
    capsys: Capsys,
    monkeypatch: pytest.MonkeyPatch,
    schema: Dict[str, Any],
    how: str,
) -> None:
    (no_forge_cli / ".git").mkdir()
    manifest = write(no_forge_cli / "manifest.yml", manifest_text(APP_ID))
    folder = no_forge_cli / "node_modules" / "@forge" / "manifest" / "out" / "schema"
    schema_file = write(folder / "manifest-schema.json", schema)
    args = [str(manifest)]
    if how == "option":
        args = ["--forge-schema", str(schema_file), *args]
    elif how == "environment":
        monkeypatch.setenv("FORGE_MANIFEST_SCHEMA", str(schema_file))
    status = check_manifest_main(args)
    captured = capsys.readouterr()
    assert (status, captured.err) == (1, "")
    lines = captured.out.splitlines()
    assert codes_of(lines) == ["FC309"]
    assert "cannot be applied" in lines[0] and "checked with the core schema only" in lines[0]
    assert len(lines[0]) < 400


def test_the_validator_cache_stays_small(repo_root: pathlib.Path) -> None:
    from forge_connect_hooks.reading.documents import Loaded, load_json

    read = load_json(str(write(repo_root / "a.json", {"a": 1})), json5=False)
    assert isinstance(read, Loaded)
    document = read.document
    for index in range(20):
        schema_check.schema_findings(document, {"maxProperties": index}, "FC201", "FC202")
    assert len(schema_check._validators) <= 4


# -- what no parser of ours reads like Forge is refused ------------------------------


def test_a_bom_does_not_hide_a_broken_forge_manifest(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    write(repo_root / "manifest.yml", b"\xef\xbb\xbfapp:\n  id: [unclosed\nmodules: {}\n")
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert status == 1
    assert codes_of(lines) == ["FC108"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_wide_manifest_is_a_finding(
    repo_root: pathlib.Path, capsys: Capsys, encoding: str
) -> None:
    write(repo_root / "manifest.yml", manifest_text(APP_ID).encode(encoding))
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert status == 1
    assert lines == [f"manifest.yml:1:1: FC102 file is {encoding.upper()}; save it as UTF-8"]


def test_yaml_1_2_flow_mappings_are_read(repo_root: pathlib.Path, capsys: Capsys) -> None:
    text = (
        f"app: {{id: {APP_ID}, runtime: {{name: nodejs22.x}}}}\n"
        "modules: {function: [{key: main, handler: index.run}], webtrigger: [{key: hook}]}\n"
    )
    write(repo_root / "manifest.yml", text)
    assert run(check_manifest_main, ["manifest.yml"], capsys) == (0, [])


@pytest.mark.parametrize(
    ("separator", "name"),
    [
        ("\r", "a carriage return without a line feed"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
        ("\x85", "U+0085 NEXT LINE"),
    ],
)
def test_line_breaks_forge_does_not_read_are_refused(
    repo_root: pathlib.Path, capsys: Capsys, separator: str, name: str
) -> None:
    text = manifest_text(APP_ID).replace("  runtime:\n", f"  runtime:{separator}", 1)
    write(repo_root / "manifest.yml", text)
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert status == 1
    assert lines == [
        f"manifest.yml:7:11: FC108 {name} in the file; Forge reads only LF or CRLF line ends"
    ]


# -- signatures are canonical base64, nothing more ------------------------------------


def _padded_or_bent() -> Sequence[Tuple[str, str]]:
    good = encode_signature(build_message())
    cases = [(f"{pad} appended", good + pad) for pad in ("%3D", "%3D%3D", "%3D%3D%3D")]
    # A message whose base64 ends in '==' has four padding bits in the last
    # character, which must be zero: set one.
    message = next(
        m for m in (build_message(content_length=n) for n in range(60, 63)) if len(m) % 3 == 1
    )
    text = base64.b64encode(message).decode()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = text[-3]
    bent = text[:-3] + alphabet[alphabet.index(last) | 1] + "=="
    assert base64.b64decode(bent) == message  # the decoder forgives it
    cases.append(
        ("non-zero padding bits", bent.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"))
    )
    return cases


@pytest.mark.parametrize(("why", "signature"), _padded_or_bent(), ids=lambda v: str(v)[:24])
def test_padded_or_bent_signatures_are_refused(
    repo_root: pathlib.Path, capsys: Capsys, why: str, signature: str
) -> None:
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppLink=link(signature)))
    status, lines = run(check_link_main, ["atlassian-connect.json"], capsys)
    assert status == 1
    assert codes_of(lines) == ["FC408"]
    assert "canonical base64" in lines[0]


# -- a file cannot forge a report --------------------------------------------------------


def test_control_characters_in_names_are_escaped(repo_root: pathlib.Path, capsys: Capsys) -> None:
    text = manifest_text(APP_ID) + '"f\\nmanifest.yml:1:1: FC000 forged\\e[31m": 1\n'
    write(repo_root / "manifest.yml", text)
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert status == 1
    assert len(lines) == 1
    assert not any(line.startswith("manifest.yml:1:1: FC000") for line in lines)
    assert "\x1b" not in lines[0] and "\\x1b[31m" in lines[0] and "\\n" in lines[0]


# -- cost: a staged manifest pairs only what can pair with it ------------------------


def test_staging_one_manifest_of_many_apps_reads_few_manifests(
    repo_root: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracked: List[str] = []
    for index in range(60):
        write(repo_root / f"app{index}" / "manifest.yml", manifest_text(APP_ID))
        write(repo_root / f"app{index}" / "atlassian-connect.json", descriptor())
        tracked += [f"app{index}/atlassian-connect.json", f"app{index}/manifest.yml"]
    track(repo_root, *tracked)
    git(repo_root, "commit", "-q", "-m", "apps")
    write(repo_root / "app7" / "manifest.yml", manifest_text(APP_ID) + "# changed\n")
    git(repo_root, "add", "app7/manifest.yml")
    loaded: List[str] = []
    real_load = documents.load_manifest

    def counting(path: str, folders: object = None) -> object:
        loaded.append(path)
        return real_load(path, folders)  # type: ignore[arg-type]

    monkeypatch.setattr(manifests, "load_manifest", counting)
    found = pairing.descriptors_to_check(
        pairing.Pairing(), ["app7/manifest.yml"], re.compile(r"atlassian-connect\.json$")
    )
    assert found == ["app7/atlassian-connect.json"]
    assert len(loaded) <= 3


def test_every_cross_file_hook_runs_in_one_process() -> None:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load(pathlib.Path(__file__).parent.parent / ".pre-commit-hooks.yaml")
    cross_file = [entry for entry in hooks if "types" in entry and "text" in entry["types"]] + [
        entry for entry in hooks if "atlassian-connect" in entry.get("files", "")
    ]
    assert len(cross_file) == 3
    for entry in cross_file:
        assert entry.get("require_serial") is True, entry["id"]


def test_a_descriptor_over_the_limit_is_one_finding(repo_root: pathlib.Path) -> None:
    big = descriptor(
        modules={"webhooks": [{"event": "repo:push", "url": f"/h/{i}"} for i in range(40_000)]}
    )
    write(repo_root / "atlassian-connect.json", big)
    status, lines, err = hook("check_connect_descriptor", "atlassian-connect.json", cwd=repo_root)
    assert (status, err) == (1, "")
    assert codes_of(lines) == ["FC107"]
