"""The same verdict in every layout and from every shell: variables set only
where the app is deployed, ids built from variables Forge never fills in."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from typing import List

import pytest

from forge_connect_hooks.check_connect_descriptor import main as check_descriptor_main
from forge_connect_hooks.check_forge_manifest import main as check_manifest_main
from forge_connect_hooks.sync_forge_app_id import main as sync_main

from .conftest import AppRepo
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
DEPLOY_TIME = "environment:\n  variables:\n    - FORGE_APP_ID\n"


# -- a variable set at deploy --------------------------------------------------------


@pytest.mark.parametrize("app_id", ["${FORGE_APP_ID}", "ari:cloud:ecosystem::app/${FORGE_APP_ID}"])
def test_a_variable_without_a_default_is_a_note_not_a_block(
    repo_root: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch, app_id: str
) -> None:
    monkeypatch.delenv("FORGE_APP_ID", raising=False)
    write(repo_root / "manifest.yml", manifest_text(app_id, DEPLOY_TIME))
    assert run(check_manifest_main, ["manifest.yml"], capsys) == (0, [])
    status, lines = run(check_manifest_main, ["--verbose", "manifest.yml"], capsys)
    notes = [line for line in lines if " FC912 " in line]
    assert status == 0 and len(notes) == 1 and notes[0].startswith("manifest.yml:6:7: ")
    # Nothing to compare the descriptor with, and nothing to write.
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppId=OTHER_ID))
    before = (repo_root / "atlassian-connect.json").read_bytes()
    assert run(check_descriptor_main, ["atlassian-connect.json"], capsys) == (0, [])
    assert run(sync_main, ["atlassian-connect.json"], capsys)[0] == 0
    assert (repo_root / "atlassian-connect.json").read_bytes() == before


def test_a_variable_set_in_the_shell_is_checked(
    repo_root: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORGE_APP_ID", APP_UUID)
    write(
        repo_root / "manifest.yml",
        manifest_text("ari:cloud:ecosystem::app/${FORGE_APP_ID}", DEPLOY_TIME),
    )
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppId=OTHER_ID))
    status, lines = run(check_descriptor_main, ["atlassian-connect.json"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC206"])


def test_a_value_that_waits_for_its_variable_is_not_judged(
    repo_root: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RUNTIME", raising=False)
    text = manifest_text().replace("nodejs22.x", "${RUNTIME}") + (
        "environment:\n  variables:\n    - RUNTIME\n"
    )
    write(repo_root / "manifest.yml", text)
    assert run(check_manifest_main, ["manifest.yml"], capsys) == (0, [])


@pytest.mark.parametrize(
    ("app_id", "column"),
    [("${FORGE_APP_ID}", 7), ("ari:cloud:ecosystem::app/${FORGE_APP_ID}", 7)],
)
def test_an_undeclared_variable_in_app_id_stays_as_written_and_fails(
    repo_root: pathlib.Path,
    capsys: Capsys,
    monkeypatch: pytest.MonkeyPatch,
    app_id: str,
    column: int,
) -> None:
    # Set in the shell, but not declared: Forge does not fill it in.
    monkeypatch.setenv("FORGE_APP_ID", APP_UUID)
    write(repo_root / "manifest.yml", manifest_text(app_id))
    status, lines = run(check_manifest_main, ["manifest.yml"], capsys)
    assert (status, codes_of(lines)) == (1, ["FC304"])
    assert lines[0].startswith(f"manifest.yml:6:{column}: ") and "not declared" in lines[0]
    assert json.dumps(lines)  # one line each, whole


# -- silencing one code ----------------------------------------------------------------

PLACEHOLDER = (
    "https://developer.atlassian.com/console/install/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
    "?signature=SIGNATURE&product=bitbucket"
)


@pytest.mark.parametrize(
    "args",
    [["--ignore", "FC409"], ["--ignore=fc409,FC908"], ["--ignore", "FC901", "--ignore", "FC409"]],
)
def test_ignore_silences_the_codes_it_names(repo_root: pathlib.Path, args: List[str]) -> None:
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppLink=PLACEHOLDER))
    status, lines, err = hook("check_forge_app_link", "atlassian-connect.json", cwd=repo_root)
    assert (status, codes_of(lines), err) == (1, ["FC409"], "")
    silenced = hook("check_forge_app_link", *args, "atlassian-connect.json", cwd=repo_root)
    assert silenced == (0, [], "")


def test_ignore_leaves_other_codes_blocking(repo_root: pathlib.Path) -> None:
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppLink=PLACEHOLDER))
    status, lines, _ = hook(
        "check_forge_app_link", "--ignore", "FC410", "atlassian-connect.json", cwd=repo_root
    )
    assert (status, codes_of(lines)) == (1, ["FC409"])


@pytest.mark.parametrize("value", ["FC999", "E501", ""])
def test_ignore_of_no_code_of_ours_is_a_usage_error(repo_root: pathlib.Path, value: str) -> None:
    write(repo_root / "manifest.yml", manifest_text())
    for module in (
        "check_connect_descriptor",
        "check_forge_manifest",
        "check_forge_app_link",
        "sync_forge_app_id",
    ):
        status, lines, err = hook(module, "--ignore", value, "manifest.yml", cwd=repo_root)
        assert (status, lines) == (2, []) and "not a code of this tool" in err, (module, err)


def test_ignore_in_the_config_lets_the_commit_through(app_repo: AppRepo) -> None:
    config = app_repo.path / ".pre-commit-config.yaml"
    config.write_text(
        config.read_text().replace(
            "      - id: check-forge-app-link\n",
            "      - id: check-forge-app-link\n        args: [--ignore, FC409]\n",
        )
    )
    app_repo.write("docs/install.md", f"Paste the link here: {PLACEHOLDER}\n")
    result = app_repo.commit(".pre-commit-config.yaml", "docs/install.md")
    assert result.returncode == 0, result.stdout
    assert "docs/install.md" in app_repo.head_files()


# -- the hand-edit check in CI -----------------------------------------------------------

GOOD = link()
HAND_EDITED = GOOD.replace(APP_UUID, OTHER_UUID)  # another app's UUID, the same signature


def test_from_ref_to_ref_compares_with_the_from_ref(app_repo: AppRepo) -> None:
    app_repo.write("src/links.ts", f"export const forgeAppLink = '{GOOD}';\n")
    assert app_repo.commit("src/links.ts", message="the link").returncode == 0
    base = app_repo.run("git", "rev-parse", "HEAD").stdout.strip()
    # Someone edits the UUID by hand and commits past the hooks.
    app_repo.write("src/links.ts", f"export const forgeAppLink = '{HAND_EDITED}';\n")
    app_repo.run("git", "add", "src/links.ts")
    assert app_repo.run("git", "commit", "--no-verify", "-qm", "edit").returncode == 0
    # CI checks the pull request's commits; the work tree is its last one.
    result = app_repo.run(
        sys.executable,
        "-m",
        "pre_commit",
        "run",
        "check-forge-app-link",
        "--from-ref",
        base,
        "--to-ref",
        "HEAD",
    )
    assert result.returncode == 1, result.stdout
    assert "src/links.ts:1:" in result.stdout and "FC412" in result.stdout
    # Over the same files, against HEAD itself, there is nothing to compare.
    plain = app_repo.run(
        sys.executable, "-m", "pre_commit", "run", "check-forge-app-link", "--files", "src/links.ts"
    )
    assert plain.returncode == 0, plain.stdout


# -- template values, in every key and by every hook --------------------------------------

TEMPLATE_STYLES = {
    "atlassian-connect-express": "{{%s}}",
    "Spring Boot": "${addon.%s}",
    "Go": "{{.%s}}",
    "ERB": "<%%= %s %%>",
}


def templated_descriptor(style: str) -> str:
    slot = TEMPLATE_STYLES[style]
    return json.dumps(
        {
            "key": slot % "key",
            "name": "Templated",
            "description": "An app",
            "baseUrl": slot % "base-url",
            "authentication": {"type": slot % "auth"},
            "lifecycle": {"installed": slot % "installed"},
            "scopes": ["account", slot % "scope"],
            "contexts": [slot % "context"],
            "enableLicensing": slot % "licensing",
        },
        indent=2,
    )


@pytest.mark.parametrize("style", sorted(TEMPLATE_STYLES))
def test_a_template_slot_is_not_judged_by_any_hook(repo_root: pathlib.Path, style: str) -> None:
    connect = "  connect:\n    key: spring-app\n"
    write(repo_root / "manifest.yml", manifest_text() + connect)
    write(repo_root / "src/main/resources/atlassian-connect.json", templated_descriptor(style))
    name = "src/main/resources/atlassian-connect.json"
    # The fixer inserts forgeAppId, the one change, and then has nothing to do.
    status, lines, _ = hook("sync_forge_app_id", name, cwd=repo_root)
    assert (status, codes_of(lines)) == (1, ["FC501"]), lines
    for module in ("sync_forge_app_id", "check_connect_descriptor", "check_forge_app_link"):
        assert hook(module, name, cwd=repo_root) == (0, [], ""), (module, style)
    assert hook("check_forge_manifest", "manifest.yml", cwd=repo_root) == (0, [], "")
    fixed = json.loads((repo_root / name).read_text())
    assert fixed.pop("forgeAppId") == APP_ID
    assert fixed == json.loads(templated_descriptor(style))


def test_a_written_value_beside_template_slots_is_still_judged(repo_root: pathlib.Path) -> None:
    text = templated_descriptor("Spring Boot").replace('"account"', '"acount"')
    write(repo_root / "atlassian-connect.json", text)
    status, lines, _ = hook("check_connect_descriptor", "atlassian-connect.json", cwd=repo_root)
    assert (status, codes_of(lines)) == (1, ["FC201"])
    assert "'acount'" in lines[0] or '"acount"' in lines[0]


def test_a_spring_boot_app_commits_through_pre_commit(app_repo: AppRepo) -> None:
    app_repo.write("forge/manifest.yml", manifest_text() + "  connect:\n    key: spring-app\n")
    app_repo.write("src/main/resources/atlassian-connect.json", templated_descriptor("Spring Boot"))
    files = ("forge/manifest.yml", "src/main/resources/atlassian-connect.json")
    result = app_repo.commit(*files)
    assert result.returncode == 0, result.stdout
    # Nothing ties this descriptor to the manifest (its key is a slot), so the
    # fixer wrote nothing, and every check passed the slots.
    committed = json.loads((app_repo.path / files[1]).read_text())
    assert committed == json.loads(templated_descriptor("Spring Boot"))


# -- a manifest is Forge's on Forge evidence ------------------------------------------------

CHROME_APP = """\
app:
  background:
    scripts: [background.js]
  launch:
    local_path: index.html
name: Notes
version: "1.0"
permissions: [storage, notifications]
modules:
  sync: {interval: 5}
"""


@pytest.mark.parametrize(
    "text",
    [
        CHROME_APP,
        # Broken: only a top-level modules: beside app: would make it Forge's.
        CHROME_APP.replace("modules:\n  sync: {interval: 5}\n", "") + "broken: [\n",
        CHROME_APP.replace("app:", "'app':"),
        "app: web\n" + "key: value\n" * 30_000,
    ],
    ids=["chrome app", "broken", "quoted key", "over 200 KB"],
)
def test_a_manifest_with_a_top_level_app_alone_is_not_forges(
    repo_root: pathlib.Path, text: str
) -> None:
    write(repo_root / "extension/manifest.yml", text)
    for module in (
        "check_forge_manifest",
        "check_connect_descriptor",
        "sync_forge_app_id",
        "check_forge_app_link",
    ):
        assert hook(module, "--verbose", "extension/manifest.yml", cwd=repo_root) == (0, [], ""), (
            module
        )


@pytest.mark.parametrize(
    ("evidence", "code"),
    [
        ("app:\n  id: ari:cloud:ecosystem::app/not-a-uuid\n", "FC304"),
        ("app:\n  id: invalid-run-forge-register\n", "FC304"),
        ("app:\n  runtime:\n    name: nodejs22.x\n", "FC303"),
        ("modules:\n  jira:issuePanel: [{key: p}]\napp: {}\n", "FC303"),
        ("app:\n  id: ari:cloud:ecosystem::app/x\nbroken: [\n", "FC108"),
    ],
)
def test_forge_evidence_makes_a_manifest_forges(
    repo_root: pathlib.Path, evidence: str, code: str
) -> None:
    write(repo_root / "manifest.yml", evidence)
    status, lines, _ = hook("check_forge_manifest", "manifest.yml", cwd=repo_root)
    assert status == 1 and code in codes_of(lines), lines


def test_a_forge_package_json_makes_any_manifest_forges(repo_root: pathlib.Path) -> None:
    write(repo_root / "package.json", json.dumps({"dependencies": {"@forge/api": "^4"}}))
    write(repo_root / "manifest.yml", CHROME_APP)
    status, lines, _ = hook("check_forge_manifest", "manifest.yml", cwd=repo_root)
    assert status == 1 and "FC303" in codes_of(lines), lines


def test_a_chrome_app_beside_a_forge_app_commits_through_pre_commit(app_repo: AppRepo) -> None:
    app_repo.write("extension/manifest.yml", CHROME_APP)
    app_repo.write("forge/manifest.yml", manifest_text())
    result = app_repo.commit("extension/manifest.yml", "forge/manifest.yml")
    assert result.returncode == 0, result.stdout


# -- a monorepo: one hook entry per app ------------------------------------------------------

APPS = {
    "billing": "1a2b3c4d-0000-4000-8000-00000000000b",
    "reports": "2b3c4d5e-0000-4000-8000-00000000000c",
    "admin": "3c4d5e6f-0000-4000-8000-00000000000d",
}


def monorepo_config(rev_line: str, repo_line: str) -> str:
    """README's monorepo recipe: for each app, the pairing hooks see only
    that app's files and pair them with that app's manifest."""
    entries = []
    for app in APPS:
        for hook_id in ("sync-forge-app-id", "check-connect-descriptor"):
            entries.append(
                f"      - id: {hook_id}\n"
                f"        name: {hook_id} ({app})\n"
                f"        files: ^{app}/.*(atlassian-connect\\.json|manifest\\.ya?ml)$\n"
                f"        args: [--manifest, {app}/forge/manifest.yml]\n"
            )
    entries.append("      - id: check-forge-manifest\n      - id: check-forge-app-link\n")
    return f"repos:\n{repo_line}{rev_line}    hooks:\n" + "".join(entries)


def test_the_monorepo_recipe_touches_only_the_app_it_is_given(app_repo: AppRepo) -> None:
    config = app_repo.path / ".pre-commit-config.yaml"
    lines = config.read_text().splitlines(keepends=True)
    config.write_text(monorepo_config(lines[2], lines[1]))
    for app, uuid in APPS.items():
        app_id = f"ari:cloud:ecosystem::app/{uuid}"
        app_repo.write(f"{app}/forge/manifest.yml", manifest_text(app_id))
        app_repo.write(
            f"{app}/connect/atlassian-connect.json",
            json.dumps(descriptor(key=f"acme-{app}", forgeAppId=app_id), indent=2) + "\n",
        )
    assert app_repo.commit(".pre-commit-config.yaml", ".").returncode == 0
    others = {
        app: (app_repo.path / app / "connect/atlassian-connect.json").read_bytes()
        for app in ("reports", "admin")
    }
    # billing is registered again: only its manifest is staged.
    new_id = "ari:cloud:ecosystem::app/4d5e6f70-0000-4000-8000-00000000000e"
    app_repo.write("billing/forge/manifest.yml", manifest_text(new_id))
    first = app_repo.commit("billing/forge/manifest.yml")
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout
    billing = json.loads((app_repo.path / "billing/connect/atlassian-connect.json").read_text())
    assert billing["forgeAppId"] == new_id
    second = app_repo.commit("billing")
    assert second.returncode == 0, second.stdout
    for app, before in others.items():
        assert (app_repo.path / app / "connect/atlassian-connect.json").read_bytes() == before


def test_sibling_folder_apps_pair_by_the_app_their_link_installs(app_repo: AppRepo) -> None:
    # Two apps, each a connect/ beside a forge/: no folder decides, the link does.
    for app, uuid in list(APPS.items())[:2]:
        app_repo.write(
            f"{app}/forge/manifest.yml", manifest_text(f"ari:cloud:ecosystem::app/{uuid}")
        )
        app_repo.write(
            f"{app}/connect/atlassian-connect.json",
            json.dumps(descriptor(key=f"acme-{app}", forgeAppLink=link(uuid=uuid)), indent=2)
            + "\n",
        )
    first = app_repo.commit("billing", "reports")
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout
    for app, uuid in list(APPS.items())[:2]:
        written = json.loads((app_repo.path / app / "connect/atlassian-connect.json").read_text())
        assert written["forgeAppId"] == f"ari:cloud:ecosystem::app/{uuid}"
    assert app_repo.commit("billing", "reports").returncode == 0


def test_a_descriptor_that_names_no_manifest_is_left_alone(repo_root: pathlib.Path) -> None:
    for app, uuid in list(APPS.items())[:2]:
        write(
            repo_root / app / "forge/manifest.yml",
            manifest_text(f"ari:cloud:ecosystem::app/{uuid}"),
        )
    write(repo_root / "third/connect/atlassian-connect.json", descriptor(key="acme-third"))
    before = (repo_root / "third/connect/atlassian-connect.json").read_bytes()
    status, lines, _ = hook(
        "sync_forge_app_id", "--verbose", "third/connect/atlassian-connect.json", cwd=repo_root
    )
    (repo_root / ".git").rmdir()
    subprocess.run(["git", "init", "-q"], cwd=repo_root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo_root, check=True)
    status, lines, _ = hook(
        "sync_forge_app_id", "--verbose", "third/connect/atlassian-connect.json", cwd=repo_root
    )
    assert (status, codes_of(lines)) == (0, ["FC902"])
    assert (repo_root / "third/connect/atlassian-connect.json").read_bytes() == before


# -- messages are whole ----------------------------------------------------------------------


def test_a_long_message_is_cut_in_its_description_never_in_its_remedy() -> None:
    from forge_connect_hooks.reporting.findings import MAX_MESSAGE, Finding

    remedy = "; paste the app's install link from the developer console"
    line = str(Finding("a.json", 1, 2, "FC405", "x" * 400 + remedy))
    assert line.endswith(remedy) and "\u2026" in line
    assert len(line) <= len("a.json:1:2: FC405 ") + MAX_MESSAGE


def test_the_hand_edit_finding_is_whole(committed_repo: pathlib.Path) -> None:
    status, lines, _ = hook("check_forge_app_link", "src/links.ts", cwd=committed_repo)
    assert (status, codes_of(lines)) == (1, ["FC412"])
    assert lines[0].endswith("(the app's Distribution page)"), lines[0]


@pytest.fixture
def committed_repo(repo_root: pathlib.Path) -> pathlib.Path:
    (repo_root / ".git").rmdir()
    for command in (
        ["init", "-q"],
        ["config", "user.email", "t@example.com"],
        ["config", "user.name", "T"],
    ):
        subprocess.run(["git", *command], cwd=repo_root, check=True)
    write(repo_root / "src/links.ts", f"export const forgeAppLink = '{GOOD}';\n")
    subprocess.run(["git", "add", "-A"], cwd=repo_root, check=True)
    subprocess.run(["git", "commit", "-qm", "link"], cwd=repo_root, check=True)
    write(repo_root / "src/links.ts", f"export const forgeAppLink = '{HAND_EDITED}';\n")
    subprocess.run(["git", "add", "-A"], cwd=repo_root, check=True)
    return repo_root


# -- one problem, one line -------------------------------------------------------------------

ALL_HOOKS = (
    "sync_forge_app_id",
    "check_connect_descriptor",
    "check_forge_manifest",
    "check_forge_app_link",
)
MISSING_COMMA = '{\n  "key": "acme-app"\n  "name": "Acme"\n}\n'


def test_a_missing_comma_is_one_line_from_all_four_hooks(repo_root: pathlib.Path) -> None:
    write(repo_root / "atlassian-connect.json", MISSING_COMMA)
    write(repo_root / "manifest.yml", manifest_text())
    before = (repo_root / "atlassian-connect.json").read_bytes()
    printed: List[str] = []
    for module in ALL_HOOKS:
        # As pre-commit runs each: with the files its patterns match.
        files = (
            ["manifest.yml"]
            if module == "check_forge_manifest"
            else ["atlassian-connect.json", "manifest.yml"]
        )
        printed += hook(module, *files, cwd=repo_root)[1]
    assert printed == ["atlassian-connect.json:3:3: FC103 expected ',' or '}', found '\"'"]
    assert (repo_root / "atlassian-connect.json").read_bytes() == before


@pytest.mark.parametrize("text", [MISSING_COMMA, json.dumps(descriptor(forgeAppId=OTHER_ID))])
def test_check_forge_manifest_given_a_descriptor_says_so_once(
    repo_root: pathlib.Path, text: str
) -> None:
    write(repo_root / "atlassian-connect.json", text)
    status, lines, _ = hook("check_forge_manifest", "atlassian-connect.json", cwd=repo_root)
    assert (status, codes_of(lines)) == (1, ["FC318"])
    assert "not a Forge manifest" in lines[0]


def test_an_html_escaped_link_in_a_descriptor_is_one_finding(repo_root: pathlib.Path) -> None:
    escaped = GOOD.replace("&", "&amp;")
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppLink=escaped))
    status, lines, _ = hook("check_forge_app_link", "atlassian-connect.json", cwd=repo_root)
    assert (status, codes_of(lines)) == (1, ["FC406"])
    assert "HTML-escaped" in lines[0]


@pytest.mark.parametrize("name", ["docs/install.html", "README.md", "src/Install.vue"])
def test_an_html_escaped_link_in_a_page_is_the_link_the_page_shows(
    repo_root: pathlib.Path, name: str
) -> None:
    escaped = GOOD.replace("&", "&amp;")
    write(repo_root / name, f'<a href="{escaped}">Get the Forge app</a>\n')
    assert hook("check_forge_app_link", name, cwd=repo_root) == (0, [], "")
    # A mistake in it is still found, at its place in the file.
    broken = escaped.replace("product=bitbucket", "product=bitbuckett")
    write(repo_root / name, f'<a href="{broken}">Get the Forge app</a>\n')
    status, lines, _ = hook("check_forge_app_link", name, cwd=repo_root)
    assert (status, codes_of(lines)) == (1, ["FC407"])
    column = len('<a href="') + broken.index("bitbuckett") + 1
    assert lines[0].startswith(f"{name}:1:{column}: "), lines


@pytest.mark.parametrize(
    "placeholder",
    [
        "https://developer.atlassian.com/console/install/my-app-id?signature=1234567890&product=bitbucket",
        "https://developer.atlassian.com/console/install/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
        "https://developer.atlassian.com/console/install/YOUR-APP-ID?signature=SIG",
    ],
)
def test_a_pasted_placeholder_link_is_one_finding(
    repo_root: pathlib.Path, placeholder: str
) -> None:
    write(repo_root / "atlassian-connect.json", descriptor(forgeAppLink=placeholder))
    status, lines, _ = hook("check_forge_app_link", "atlassian-connect.json", cwd=repo_root)
    assert (status, codes_of(lines)) == (1, ["FC409"]), lines


# -- a manifest that cannot pair -----------------------------------------------------


def _git(cwd: pathlib.Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.parametrize(
    "module", ["check_connect_descriptor", "check_forge_app_link", "sync_forge_app_id"]
)
def test_an_untracked_manifest_is_named_with_the_way_to_pair_it(
    tmp_path: pathlib.Path, module: str
) -> None:
    _git(tmp_path, "init", "-q")
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppLink=link()))
    _git(tmp_path, "add", "atlassian-connect.json")
    write(tmp_path / "manifest.yml", manifest_text(APP_ID))
    status, lines, errors = hook(module, "-v", "atlassian-connect.json", cwd=tmp_path)
    assert (status, errors) == (0, "")
    assert lines == [
        "atlassian-connect.json:1:1: FC918 manifest.yml is not tracked; `git add` it to pair"
    ]
    # Another tool's manifest.yml, untracked, is not one to name.
    write(tmp_path / "manifest.yml", "applications:\n  - name: web\n")
    _, lines, _ = hook(module, "-v", "atlassian-connect.json", cwd=tmp_path)
    assert codes_of(lines) == ["FC901"]


def test_a_manifest_outside_a_sparse_work_tree_is_named(tmp_path: pathlib.Path) -> None:
    _git(tmp_path, "init", "-q")
    write(tmp_path / "manifest.yml", manifest_text(APP_ID))
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=APP_ID))
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "update-index", "--skip-worktree", "manifest.yml")
    (tmp_path / "manifest.yml").unlink()
    status, lines, _ = hook(
        "check_connect_descriptor", "-v", "atlassian-connect.json", cwd=tmp_path
    )
    assert status == 0
    assert lines == [
        "atlassian-connect.json:1:1: FC918 manifest.yml is tracked but not in the work tree "
        "(a sparse checkout); no cross-check"
    ]
