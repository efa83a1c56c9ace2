"""Nothing lost, nothing wrong written: paths that look like options, ids
declared twice, escapes beyond Unicode, each as pre-commit would run into it."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
from typing import Callable, Dict, List, Optional

import pytest

from forge_connect_hooks.check_connect_descriptor import main as check_descriptor_main
from forge_connect_hooks.check_forge_manifest import main as check_manifest_main
from forge_connect_hooks.sync_forge_app_id import main as sync_main

from .envelope import link
from .helpers import (
    APP_ID,
    APP_UUID,
    OTHER_ID,
    OTHER_UUID,
    codes_of,
    descriptor,
    hook,
    manifest_text,
    run,
    write,
)

Capsys = pytest.CaptureFixture[str]
GOOD = link()


# -- a path is never an option -------------------------------------------------------


@pytest.mark.parametrize("folder", ["-x", "--manifest=.", "--verbose", "--", "-v"])
@pytest.mark.parametrize(
    "module", ["check_connect_descriptor", "check_forge_app_link", "sync_forge_app_id"]
)
def test_a_folder_named_like_an_option_holds_files(
    repo_root: pathlib.Path, folder: str, module: str
) -> None:
    write(repo_root / folder / "atlassian-connect.json", '{"key": "a", "forgeAppLink": ')
    path = f"{folder}/atlassian-connect.json"
    status, lines, err = hook(module, path, cwd=repo_root)
    if module != "check_connect_descriptor":
        # They leave a broken descriptor's report to the checker: one problem, one line.
        assert (status, lines, err) == (0, [], "")
        return
    assert (status, err) == (1, "")
    assert lines == [f"{path}:1:30: FC103 unexpected end of file: expected a value"]


def test_an_option_is_still_an_option_and_takes_its_value(repo_root: pathlib.Path) -> None:
    write(repo_root / "forge" / "manifest.yml", manifest_text(OTHER_ID))
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppId=APP_ID))
    status, lines, _ = hook(
        "check_connect_descriptor",
        "--manifest",
        "forge/manifest.yml",
        "atlassian-connect.json",
        cwd=repo_root,
    )
    assert (status, codes_of(lines)) == (1, ["FC206"])


def test_an_unknown_option_is_a_usage_error_with_its_characters_escaped(
    repo_root: pathlib.Path,
) -> None:
    status, lines, err = hook("check_forge_manifest", "--colour=\x1b[31mred", cwd=repo_root)
    assert (status, lines) == (2, [])
    assert "\x1b" not in err and "\\x1b[31mred" in err


def test_an_abbreviated_option_is_not_an_option(repo_root: pathlib.Path) -> None:
    write(repo_root / "manifest.yml", manifest_text())
    status, _, err = hook("check_forge_manifest", "--verb", "manifest.yml", cwd=repo_root)
    assert status == 2 and "--verb" in err


# -- Forge's reading of environment.variables ----------------------------------------


TWICE = (
    "environment:\n"
    "  variables:\n"
    "    - key: APP_UUID\n"
    f"      default: {APP_ID.split('/')[-1]}\n"
    "    - key: APP_UUID\n"
    f"      default: {OTHER_ID.split('/')[-1]}\n"
)


def test_of_a_variable_declared_twice_the_first_declaration_wins(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    text = manifest_text("ari:cloud:ecosystem::app/${APP_UUID}", TWICE)
    write(repo_root / "manifest.yml", text)
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppId=APP_ID))
    assert run(check_descriptor_main, ["atlassian-connect.json"], capsys) == (0, [])
    before = (repo_root / "atlassian-connect.json").read_bytes()
    assert run(sync_main, ["atlassian-connect.json"], capsys) == (0, [])
    assert (repo_root / "atlassian-connect.json").read_bytes() == before


def test_the_first_declaration_without_a_default_wins_over_a_later_default(
    repo_root: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("APP_UUID", raising=False)
    twice = "environment:\n  variables:\n    - APP_UUID\n    - key: APP_UUID\n      default: x\n"
    write(repo_root / "manifest.yml", manifest_text("ari:cloud:ecosystem::app/${APP_UUID}", twice))
    # Had the later default counted, app.id would be '...app/x', which is FC304.
    status, lines = run(check_manifest_main, ["--verbose", "manifest.yml"], capsys)
    assert status == 0 and "FC912" in codes_of(lines), lines


# -- YAML 1.1 as Forge reads it ------------------------------------------------------

OLD = "%YAML 1.1\n---\n"


def test_a_yaml_1_1_merge_key_gives_the_app_its_id(repo_root: pathlib.Path, capsys: Capsys) -> None:
    merged = (
        OLD + "modules:\n"
        "  function:\n"
        "    - &main {key: main, handler: index.run}\n"
        "  webtrigger: [{key: hook, function: main}]\n"
        "app:\n"
        f"  <<: {{id: {APP_ID}}}\n"
        "  runtime:\n"
        "    <<: {name: nodejs22.x}\n"
    )
    write(repo_root / "manifest.yml", merged)
    assert run(check_manifest_main, ["manifest.yml"], capsys) == (0, [])
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppId=OTHER_ID))
    status, lines = run(check_descriptor_main, ["atlassian-connect.json"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC206"])


def test_a_yaml_1_1_boolean_where_forge_wants_a_string_is_a_finding(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    # "on" is a string in YAML 1.2 and true in YAML 1.1.
    text = OLD + manifest_text().replace("{key: main,", "{key: on,").replace(
        "function: main}", "function: on}"
    )
    write(repo_root / "manifest.yml", text)
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert status == 1 and "FC301" in codes_of(lines), lines
    write(repo_root / "manifest.yml", text.replace(OLD, ""))
    assert run(check_manifest_main, ["manifest.yml"], capsys) == (0, [])


def test_a_merge_key_without_the_directive_is_just_a_key(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    write(repo_root / "manifest.yml", "<<: {permissions: {}}\n" + manifest_text())
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC302"])
    write(repo_root / "manifest.yml", OLD + "<<: {permissions: {}}\n" + manifest_text())
    assert run(check_manifest_main, ["manifest.yml"], capsys) == (0, [])


@pytest.mark.parametrize("version", ["1.3", "2.0", "1.10"])
def test_a_yaml_version_forge_does_not_know_is_read_as_1_2(
    repo_root: pathlib.Path, capsys: Capsys, version: str
) -> None:
    write(repo_root / "manifest.yml", f"%YAML {version}\n---\n" + manifest_text())
    assert run(check_manifest_main, ["manifest.yml"], capsys) == (0, [])


def test_a_merge_of_a_scalar_is_refused_as_forge_refuses_it(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    text = OLD + manifest_text().replace("app:\n", "app:\n  <<: 5\n")
    write(repo_root / "manifest.yml", text)
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC108"])
    assert lines[0].startswith("manifest.yml:8:7: "), lines


# -- escapes -------------------------------------------------------------------------


def test_an_escape_beyond_unicode_is_a_finding_at_the_escape(repo_root: pathlib.Path) -> None:
    write(repo_root / "manifest.yml", manifest_text(extra='  description: "ok \\U00110000"\n'))
    status, lines, err = hook("check_forge_manifest", "manifest.yml", cwd=repo_root)
    assert (status, err) == (1, "")
    assert lines == [
        "manifest.yml:9:20: FC108 the escape \\U00110000 is beyond U+10FFFF, "
        "the last Unicode character"
    ]


@pytest.mark.parametrize(
    ("module", "status", "code"),
    [
        ("check_connect_descriptor", 0, "FC904"),
        ("sync_forge_app_id", 1, "FC504"),
    ],
)
def test_a_manifest_with_such_an_escape_is_no_pair_and_no_crash(
    repo_root: pathlib.Path, module: str, status: int, code: str
) -> None:
    write(repo_root / "manifest.yml", manifest_text(extra='  description: "\\U00110000"\n'))
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppId=OTHER_ID))
    before = (repo_root / "atlassian-connect.json").read_bytes()
    result = hook(module, "-v", "atlassian-connect.json", cwd=repo_root)
    assert (result[0], codes_of(result[1]), result[2]) == (status, [code], "")
    assert (repo_root / "atlassian-connect.json").read_bytes() == before


# -- the write -----------------------------------------------------------------------


def leftovers(folder: pathlib.Path) -> List[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def during_the_write(monkeypatch: pytest.MonkeyPatch, action: Callable[[], object]) -> None:
    """Run ``action`` once the fix is written and synced, before its rename."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        action()

    monkeypatch.setattr(os, "fsync", fsync)


def test_an_editor_saving_during_the_write_keeps_its_save(
    repo_root: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo_root / "manifest.yml", manifest_text())
    path = write(repo_root / "atlassian-connect.json", descriptor())
    saved = b'{"key": "saved by the editor"}\n'
    during_the_write(monkeypatch, lambda: path.write_bytes(saved))
    status, lines = run(sync_main, ["atlassian-connect.json"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC505"])
    assert "changed while the hook ran" in lines[0]
    assert path.read_bytes() == saved
    assert leftovers(repo_root) == []


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_signal_during_the_write_leaves_no_temporary_file(
    repo_root: pathlib.Path, monkeypatch: pytest.MonkeyPatch, signal_name: str
) -> None:
    number = getattr(signal, signal_name)
    write(repo_root / "manifest.yml", manifest_text())
    path = write(repo_root / "atlassian-connect.json", descriptor())
    before = path.read_bytes()
    during_the_write(monkeypatch, lambda: os.kill(os.getpid(), number))
    with pytest.raises(SystemExit) as ended:
        sync_main(["atlassian-connect.json"])
    assert ended.value.code == 128 + number  # the status the signal gives
    assert path.read_bytes() == before
    assert leftovers(repo_root) == []
    assert signal.getsignal(number) == signal.SIG_DFL  # handlers restored


def test_ctrl_c_during_the_write_leaves_no_temporary_file(
    repo_root: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo_root / "manifest.yml", manifest_text())
    path = write(repo_root / "atlassian-connect.json", descriptor())
    before = path.read_bytes()
    during_the_write(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGINT))
    assert sync_main(["atlassian-connect.json"]) == 130
    assert path.read_bytes() == before
    assert leftovers(repo_root) == []


# -- the hand-edit check against the last commit -------------------------------------


@pytest.fixture
def committed(repo_root: pathlib.Path) -> Callable[[Dict[str, str]], None]:
    """A real repository whose last commit holds the files given."""
    (repo_root / ".git").rmdir()
    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "T")

    def commit(files: Dict[str, str]) -> None:
        for name, text in files.items():
            write(repo_root / name, text)
        git("add", "-A")
        git("commit", "-qm", "files")

    return commit


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


HAND_EDITED = GOOD.replace(APP_UUID, OTHER_UUID)  # another app, the same signature


def link_findings(*paths: str) -> List[str]:
    status, lines, err = hook("check_forge_app_link", *paths, cwd=pathlib.Path.cwd())
    assert err == ""
    return lines


def test_a_file_renamed_in_the_commit_is_compared_with_its_old_self(
    committed: Callable[[Dict[str, str]], None],
) -> None:
    committed({"connect/descriptor.ts": f"const link = '{GOOD}';\n"})
    git("mv", "connect", "app")
    write(pathlib.Path("app/descriptor.ts"), f"const link = '{HAND_EDITED}';\n")
    git("add", "-A")
    assert codes_of(link_findings("app/descriptor.ts")) == ["FC412"]


def test_a_folder_whose_name_starts_with_two_dots_is_compared(
    committed: Callable[[Dict[str, str]], None],
) -> None:
    committed({"..connect/descriptor.ts": f"const link = '{GOOD}';\n"})
    write(pathlib.Path("..connect/descriptor.ts"), f"const link = '{HAND_EDITED}';\n")
    git("add", "-A")
    assert codes_of(link_findings("..connect/descriptor.ts")) == ["FC412"]


def test_a_file_that_was_a_folder_does_not_lose_the_next_files_check(
    committed: Callable[[Dict[str, str]], None],
) -> None:
    committed(
        {"links/notes.txt": "unrelated\n" * 20, "zz/descriptor.ts": f"const link = '{GOOD}';\n"}
    )
    git("rm", "-rq", "links")
    write(pathlib.Path("links"), f"{HAND_EDITED}\n")  # was a folder, now a file
    write(pathlib.Path("zz/descriptor.ts"), f"const link = '{HAND_EDITED}';\n")
    git("add", "-A")
    assert codes_of(link_findings("links", "zz/descriptor.ts")) == ["FC412"]
    assert link_findings("links", "zz/descriptor.ts")[0].startswith("zz/descriptor.ts:")


# -- the Forge schema option ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_a_forge_schema_that_is_no_regular_file_of_sane_size_is_a_finding(
    repo_root: pathlib.Path, kind: str
) -> None:
    write(repo_root / "manifest.yml", manifest_text())
    schema = repo_root / "schema.json"
    if kind == "fifo":
        os.mkfifo(schema)  # nothing ever writes to it: reading would wait forever
    elif kind == "huge":
        with open(schema, "wb") as stream:
            stream.truncate(65 * 1024 * 1024)  # sparse: no disk used
    name = "/dev/zero" if kind == "device" else str(schema)
    status, lines, err = hook(
        "check_forge_manifest", "--forge-schema", name, "manifest.yml", cwd=repo_root
    )
    assert (status, err) == (1, "")
    assert codes_of(lines) == ["FC309"]


@pytest.mark.parametrize("key", ["app", '"app"', "'app'"])
def test_a_manifest_over_200_kb_is_refused_whatever_its_key_quoting(
    repo_root: pathlib.Path, capsys: Capsys, key: str
) -> None:
    padding = "".join(f"  - key: module-{index}\n    title: T\n" for index in range(9000))
    text = f"{key}:\n  id: {APP_ID}\nmodules:\n  'bitbucket:repoPage':\n{padding}"
    assert len(text.encode()) > 200 * 1024
    write(repo_root / "manifest.yml", text)
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC107"])


def test_thousands_of_undeclared_functions_are_each_a_finding(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    # Each reference is a finding; the name meant is offered while the
    # spelling budget lasts, so the run stays linear in the file.
    functions = "".join(f"    - {{key: handler-{n}, handler: index.run}}\n" for n in range(1500))
    references = "".join(
        f"    - {{key: t{n}, function: handlr-{n}, events: [avi:bitbucket:push]}}\n"
        for n in range(1500)
    )
    text = (
        f"app:\n  id: {APP_ID}\n  runtime:\n    name: nodejs22.x\nmodules:\n"
        f"  function:\n{functions}  trigger:\n{references}"
    )
    write(repo_root / "manifest.yml", text)
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert status == 1
    assert codes_of(lines) == ["FC314"] * 1500
    assert "did you mean 'handler-0'?" in lines[0]
    assert "did you mean" not in lines[-1]


# -- time ----------------------------------------------------------------------------


def test_a_long_list_of_objects_where_unique_items_are_needed_is_no_hang(
    repo_root: pathlib.Path,
) -> None:
    # jsonschema compares every pair of unsortable items: minutes for these.
    write(repo_root / "atlassian-connect.json", descriptor(scopes=[{"n": n} for n in range(20000)]))
    status, lines, err = hook("check_connect_descriptor", "atlassian-connect.json", cwd=repo_root)
    assert (status, err) == (1, "")
    assert codes_of(lines) and set(codes_of(lines)) == {"FC201"}


def test_thousands_of_schema_errors_are_reported_in_part_and_say_so(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    write(repo_root / "atlassian-connect.json", descriptor(scopes=[{"n": n} for n in range(1500)]))
    status, lines = run(check_descriptor_main, ["atlassian-connect.json"], capsys)
    assert status == 1 and len(lines) == 1001
    assert lines[0] == (
        "atlassian-connect.json:1:1: FC201 more than 1000 schema errors; the first 1000 are "
        "shown: fix those and run again"
    )


@pytest.mark.parametrize(
    ("items", "unique"),
    [
        (["account", "account"], False),
        ([{"a": 1, "b": [2]}, {"b": [2], "a": 1}], False),  # key order does not count
        ([1, 1.0], False),  # one number
        ([True, 1], True),  # a boolean is no number
        ([[1, 2], [2, 1]], True),
    ],
)
def test_unique_items_are_judged_as_json_schema_defines_equality(
    repo_root: pathlib.Path, capsys: Capsys, items: List[object], unique: bool
) -> None:
    write(repo_root / "atlassian-connect.json", descriptor(scopes=items))
    _, lines = run(check_descriptor_main, ["atlassian-connect.json"], capsys)
    assert any("has the same item twice" in line for line in lines) == (not unique)


def test_a_value_far_over_its_max_length_is_refused_without_a_slow_pattern(
    repo_root: pathlib.Path, forge_manifest_package: pathlib.Path
) -> None:
    # Forge's pattern for style classes backtracks: about a minute for this value.
    schema = forge_manifest_package / "out" / "schema" / "manifest-schema.json"
    write(
        repo_root / "manifest.yml",
        f"app:\n  id: {APP_ID}\n  runtime:\n    name: nodejs22.x\nmodules:\n"
        "  connect-jira:webItems:\n    - key: w\n      location: x\n      name: {value: N}\n"
        f"      styleClasses: [{'a' * 90_000}!]\n",
    )
    status, lines, err = hook(
        "check_forge_manifest", "--forge-schema", str(schema), "manifest.yml", cwd=repo_root
    )
    assert (status, err) == (1, "")
    assert any(line.startswith("manifest.yml:10:22: FC301 ") for line in lines)
    assert any("at most 1000" in line for line in lines)


# -- pairing reads what git tracks ---------------------------------------------------


def test_an_untracked_manifest_beside_a_descriptor_is_no_pair(
    committed: Callable[[Dict[str, str]], None], capsys: Capsys
) -> None:
    committed(
        {
            "forge/manifest.yml": manifest_text(APP_ID),
            "connect/atlassian-connect.json": json.dumps(descriptor(forgeAppId=APP_ID)),
            ".gitignore": "scratch/\nconnect/manifest.yml\n",
        }
    )
    # Someone's local experiment, ignored by git: not the app's manifest.
    write(pathlib.Path("connect/manifest.yml"), manifest_text(OTHER_ID))
    assert run(check_descriptor_main, ["connect/atlassian-connect.json"], capsys) == (0, [])
    assert run(sync_main, ["connect/atlassian-connect.json"], capsys) == (0, [])
    fixed = json.loads(pathlib.Path("connect/atlassian-connect.json").read_text())
    assert fixed["forgeAppId"] == APP_ID


def test_a_tracked_manifest_outside_a_sparse_checkout_is_skipped(
    committed: Callable[[Dict[str, str]], None], capsys: Capsys
) -> None:
    committed(
        {
            "forge/manifest.yml": manifest_text(APP_ID),
            "k8s/manifest.yml": "applications:\n  - name: web\n",  # Cloud Foundry's
            "atlassian-connect.json": json.dumps(descriptor(forgeAppLink=GOOD)),
        }
    )
    git("sparse-checkout", "set", "forge")
    assert not pathlib.Path("k8s/manifest.yml").exists()
    status, lines = run(sync_main, ["atlassian-connect.json"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC501"])
    fixed = json.loads(pathlib.Path("atlassian-connect.json").read_text())
    assert fixed["forgeAppId"] == APP_ID


@pytest.mark.parametrize(
    ("name", "text", "package"),
    [
        ("forge/manifest.yml", manifest_text(APP_ID), None),
        ("forge/manifest.yaml", "\ufeff" + manifest_text(APP_ID).replace("app:", "'app' :"), None),
        ("forge/manifest.yml", manifest_text(APP_ID).replace("\n", "\r\n"), None),
        # Only its package.json says this one is Forge's.
        ("forge/manifest.yml", "Modules: {}\nApp: {}\n", "@forge/api"),
        ("forge/manifest.yml", "Modules: {}\nApp: {}\n", None),
    ],
)
def test_among_hundreds_of_other_manifests_the_forge_one_is_found(
    committed: Callable[[Dict[str, str]], None],
    capsys: Capsys,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    package: Optional[str],
) -> None:
    from forge_connect_hooks.repository import manifests

    # Past a few dozen manifests git reads them for a Forge line; the
    # verdict must be the one a read of every file gives.
    files = {
        f"deploy/service-{n}/manifest.yml": f"applications:\n  - name: service-{n}\n"
        for n in range(300)
    }
    files[name] = text
    files["connect/atlassian-connect.json"] = json.dumps(descriptor(forgeAppId=OTHER_ID))
    if package:
        files["forge/package.json"] = json.dumps({"dependencies": {package: "1"}})
    committed(files)
    args = ["--verbose", "connect/atlassian-connect.json"]
    by_git = run(check_descriptor_main, args, capsys)
    monkeypatch.setattr(manifests, "MANY_MANIFESTS", 10**9)
    assert run(check_descriptor_main, args, capsys) == by_git
    # What pairs is the question; the notes on what the manifest lacks (FC926)
    # come with any pair.
    status, codes = by_git[0], [code for code in codes_of(by_git[1]) if code != "FC926"]
    if text.startswith("Modules"):
        # Its package.json alone says it is Forge's (it has no app.id to compare);
        # without one, the repository has no Forge manifest.
        assert (status, codes) == ((0, []) if package else (0, ["FC901"]))
    else:
        assert (status, codes) == (1, ["FC206"])


def test_manifests_of_other_tools_are_told_by_their_bytes_not_parsed(
    committed: Callable[[Dict[str, str]], None],
    capsys: Capsys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from forge_connect_hooks.reading import yamltext

    others = {
        f"deploy/service-{n}/manifest.yml": f"applications:\n  - name: service-{n}\n"
        for n in range(40)
    }
    committed(
        {
            **others,
            "forge/manifest.yml": manifest_text(APP_ID),
            "atlassian-connect.json": json.dumps(descriptor(forgeAppId=OTHER_ID)),
        }
    )
    parsed: List[int] = []
    real_parse = yamltext.parse_yaml

    def parse(text: str) -> yamltext.YAMLResult:
        parsed.append(len(text))
        return real_parse(text)

    monkeypatch.setattr(yamltext, "parse_yaml", parse)
    status, lines = run(check_descriptor_main, ["atlassian-connect.json"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC206"])  # the sole Forge one
    assert len(parsed) == 1
