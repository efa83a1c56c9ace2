"""forge-connect-hooks check: the hooks' findings over a whole repository, for CI.

The oracle is real pre-commit running this repository's hooks with
``--all-files`` on a copy of the same app: the two give the same lines.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
import sys
from typing import Dict, List, Set

import pytest
from ruamel.yaml import YAML

from forge_connect_hooks.repository.selection import HOOK_FILES

from .conftest import PROJECT, AppRepo, git, git_env
from .envelope import link
from .helpers import (
    APP_ID,
    DATA,
    OTHER_ID,
    OTHER_UUID,
    descriptor,
    handler_beside,
    manifest_text,
)

FINDING = re.compile(r"^[^\s].*?:\d+:\d+: FC\d{3} .*$", re.MULTILINE)
COMMAND = str(pathlib.Path(sys.executable).parent / "forge-connect-hooks")


def check(cwd: pathlib.Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = git_env()
    environment.update(env)
    return subprocess.run(
        [COMMAND, "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        timeout=300,
    )


def test_each_hook_is_declared_once_as_pre_commit_reads_it() -> None:
    """The check command's table of hooks is .pre-commit-hooks.yaml: the same
    hooks, names, commands, files, types and serial runs."""
    declared = YAML(typ="safe").load((PROJECT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [
        (
            hook["id"],
            hook["name"],
            hook["entry"],
            hook.get("files", ""),
            set(hook["types"]),
            hook.get("require_serial", False),
        )
        for hook in sorted(declared, key=lambda hook: list(HOOK_FILES).index(hook["id"]))
    ] == [
        (name, hook.name, name, hook.files.pattern, set(hook.types), hook.require_serial)
        for name, hook in HOOK_FILES.items()
    ]


@pytest.mark.parametrize("hook", ["check-connect-descriptor", "sync-forge-app-id"])
def test_a_descriptor_is_given_to_the_hooks_whatever_the_case_of_its_extension(hook: str) -> None:
    files = HOOK_FILES[hook].files
    for path in ("atlassian-connect.JSON", "app/atlassian-connect.Json", "descriptor.JSON"):
        assert files.search(path), path
    assert not files.search("manifest.YML")  # Forge reads manifest.yml by that name only


def _broken_app(path: pathlib.Path) -> None:
    """The example app with mistakes every hook finds: a misspelt forgeAppId
    (renamed by the fix), a tracking parameter on the link, and a link in a
    source file that installs another app; beside a manifest.yml that is not
    Forge's."""
    (path / "manifest.yml").write_text(manifest_text(APP_ID))
    handler_beside(path / "manifest.yml")
    broken = descriptor(forgeAppID=APP_ID, forgeAppLink=link() + "&utm_source=slack")
    (path / "atlassian-connect.json").write_text(json.dumps(broken, indent=2) + "\n")
    (path / "src").mkdir(exist_ok=True)
    (path / "src" / "links.ts").write_text(
        f"export const forgeAppLink = '{link(uuid=OTHER_UUID)}';\n"
    )
    (path / "tools").mkdir()
    (path / "tools" / "manifest.yml").write_text("applications:\n  - name: web\n")


def _monorepo(path: pathlib.Path) -> None:
    """Two apps in folders of their own, one with no forgeAppId yet."""
    for name, app_id, fields in (
        ("billing", APP_ID, {"key": "billing", "forgeAppId": APP_ID}),
        ("wiki", OTHER_ID, {"key": "wiki"}),
    ):
        (path / name).mkdir()
        (path / name / "manifest.yml").write_text(manifest_text(app_id))
        handler_beside(path / name / "manifest.yml")
        (path / name / "atlassian-connect.json").write_text(
            json.dumps(descriptor(**fields), indent=2) + "\n"
        )


def _readme_recipe(heading: str) -> str:
    """The hook entries of README's YAML block under ``heading``."""
    readme = (PROJECT / "README.md").read_text("utf-8")
    start = readme.index("```yaml\n", readme.index(heading)) + len("```yaml\n")
    return readme[start : readme.index("```", start)]


def _readme_monorepo(path: pathlib.Path) -> None:
    """README's recipe for several apps, as written there: an app at the top,
    and one in billing/ whose entries pass --manifest billing/forge/manifest.yml.
    Folders alone would pair billing's descriptor with the top's manifest."""
    config = path / ".pre-commit-config.yaml"
    head = config.read_text("utf-8").split("    hooks:\n")[0]
    config.write_text(head + "    hooks:\n" + _readme_recipe("### Several apps in one repository"))
    (path / "manifest.yml").write_text(manifest_text(APP_ID))
    handler_beside(path / "manifest.yml")
    top = descriptor(key="top", forgeAppId=APP_ID)
    (path / "atlassian-connect.json").write_text(json.dumps(top, indent=2) + "\n")
    (path / "billing" / "forge").mkdir(parents=True)
    (path / "billing" / "forge" / "manifest.yml").write_text(manifest_text(OTHER_ID))
    handler_beside(path / "billing" / "forge" / "manifest.yml")
    billing = descriptor(key="billing")
    (path / "billing" / "atlassian-connect.json").write_text(json.dumps(billing, indent=2) + "\n")


def _clean_example(path: pathlib.Path) -> None:
    shutil.copytree(DATA / "bitbucket-app", path, dirs_exist_ok=True)


def _ace_example(path: pathlib.Path) -> None:
    """tests/data/ace-app: an atlassian-connect-express app (JSON5 descriptor)."""
    shutil.copytree(DATA / "ace-app", path, dirs_exist_ok=True)


EXAMPLES = {
    "clean": _clean_example,
    "ace": _ace_example,
    "broken": _broken_app,
    "monorepo": _monorepo,
    "readme-monorepo": _readme_monorepo,
}


def _app(path: pathlib.Path, hook_repo: pathlib.Path, fill: object) -> None:
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    rev = git(hook_repo, "rev-parse", "HEAD").strip()
    hooks = "".join(f"      - id: {name}\n" for name in HOOK_FILES)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n{hooks}"
    )
    assert callable(fill)
    fill(path)
    git(path, "add", "-A")


def _tree(path: pathlib.Path) -> Dict[str, bytes]:
    return {
        str(file.relative_to(path)): file.read_bytes()
        for file in sorted(path.rglob("*"))
        if file.is_file() and ".git" not in file.relative_to(path).parts
    }


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_check_fix_gives_exactly_what_pre_commit_all_files_gives(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path, pre_commit_home: pathlib.Path, example: str
) -> None:
    hooked, checked = tmp_path / "hooked", tmp_path / "checked"
    for path in (hooked, checked):
        _app(path, hook_repo, EXAMPLES[example])
    by_pre_commit = AppRepo(hooked, pre_commit_home).run(
        sys.executable, "-m", "pre_commit", "run", "--all-files"
    )
    by_check = check(checked, "--fix")
    expected: Set[str] = set(FINDING.findall(by_pre_commit.stdout))
    assert set(by_check.stdout.splitlines()) == expected, by_pre_commit.stdout
    assert by_check.returncode == (1 if expected else 0), by_check.stderr
    assert (by_pre_commit.returncode == 0) == (by_check.returncode == 0)
    assert _tree(checked) == _tree(hooked)  # the same fixes, byte for byte
    counts = {"clean": 0, "ace": 0, "broken": 3, "monorepo": 1, "readme-monorepo": 1}
    assert len(expected) == counts[example], expected
    if example == "readme-monorepo":  # billing's own app, from its entry's --manifest
        (line,) = expected
        assert line.startswith("billing/atlassian-connect.json:3:3: FC501 inserted forgeAppId")
        assert f"'{OTHER_ID}' from billing/forge/manifest.yml's app.id" in line


def test_without_fix_check_writes_nothing_and_says_what_the_fix_would_do(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path
) -> None:
    app = tmp_path / "app"
    _app(app, hook_repo, _monorepo)
    before = _tree(app)
    result = check(app)
    assert result.returncode == 1
    assert _tree(app) == before
    assert result.stdout.splitlines() == [
        f"wiki/atlassian-connect.json:3:3: FC501 forgeAppId is missing; the fix inserts "
        f"'{OTHER_ID}'"
    ]


def test_paths_narrow_the_check_and_findings_are_printed_from_the_top(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path
) -> None:
    app = tmp_path / "app"
    _app(app, hook_repo, _monorepo)
    assert check(app, "billing").returncode == 0
    inside = check(app / "wiki", ".")
    assert inside.returncode == 1
    assert inside.stdout.startswith("wiki/atlassian-connect.json:3:3: FC501 ")


def test_untracked_files_are_not_checked(tmp_path: pathlib.Path, hook_repo: pathlib.Path) -> None:
    app = tmp_path / "app"
    _app(app, hook_repo, _clean_example)
    link = "http://developer.atlassian.com/console/install/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64"
    (app / "scratch.md").write_text(f"{link}?signature=x&product=bitbucket\n")
    assert check(app).returncode == 0
    git(app, "add", "scratch.md")
    assert "scratch.md:1:1: FC403" in check(app).stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--base", "no-such-ref"], "--base: no commit 'no-such-ref'"),
        (["missing-folder"], "no such file or folder: 'missing-folder'"),
        (["--format", "xml"], "invalid choice: 'xml'"),
        (["--ignore", "FC999"], "not a code of this tool"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path, args: List[str], message: str
) -> None:
    app = tmp_path / "app"
    _app(app, hook_repo, _clean_example)
    result = check(app, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert message in result.stderr


def test_outside_a_repository_or_outside_it_is_a_usage_error(tmp_path: pathlib.Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    result = check(alone, GIT_CEILING_DIRECTORIES=str(tmp_path))
    assert result.returncode == 2 and "not inside a git repository" in result.stderr
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    outside = check(repo, str(alone))
    assert outside.returncode == 2 and "outside the repository" in outside.stderr


def _hand_edited_branch(tmp_path: pathlib.Path) -> pathlib.Path:
    """A clone whose branch carries a hand-edited link, committed with
    --no-verify on top of the default branch."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q", "-b", "main")
    (upstream / "manifest.yml").write_text(manifest_text(APP_ID))
    handler_beside(upstream / "manifest.yml")
    (upstream / "atlassian-connect.json").write_text(
        json.dumps(descriptor(forgeAppId=APP_ID, forgeAppLink=link()), indent=2) + "\n"
    )
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "app")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    git(clone, "checkout", "-q", "-b", "feature")
    # The other app's UUID under the first app's signature.
    edited = link().replace(APP_ID.rsplit("/", 1)[1], OTHER_UUID)
    (clone / "manifest.yml").write_text(manifest_text(OTHER_ID))
    (clone / "atlassian-connect.json").write_text(
        json.dumps(descriptor(forgeAppId=OTHER_ID, forgeAppLink=edited), indent=2) + "\n"
    )
    git(clone, "commit", "-q", "--no-verify", "-am", "hand edit")
    return clone


def test_a_committed_hand_edit_is_found_against_the_default_branch(
    tmp_path: pathlib.Path,
) -> None:
    clone = _hand_edited_branch(tmp_path)
    found = check(clone)
    assert found.returncode == 1
    assert [line.split(": ")[1][:5] for line in found.stdout.splitlines()] == ["FC412"]
    # Against HEAD (what a commit compares with) the edit is already in: nothing.
    assert check(clone, "--base", "HEAD").returncode == 0
    assert "FC412" in check(clone, "--base", "main").stdout


def test_the_pull_request_target_is_the_base_where_ci_names_it(tmp_path: pathlib.Path) -> None:
    clone = _hand_edited_branch(tmp_path)
    git(clone, "remote", "set-head", "origin", "--delete")
    assert check(clone).returncode == 0  # no default branch known: HEAD
    for variable in ("GITHUB_BASE_REF", "BITBUCKET_PR_DESTINATION_BRANCH"):
        found = check(clone, **{variable: "main"})
        assert "FC412" in found.stdout, variable


def test_check_takes_the_link_hooks_any_signature(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path
) -> None:
    """A signature in a format Atlassian may introduce: refused by default,
    accepted with --any-signature, as by the hook."""

    def fill(path: pathlib.Path) -> None:
        (path / "manifest.yml").write_text(manifest_text(APP_ID))
        handler_beside(path / "manifest.yml")
        newer = descriptor(forgeAppId=APP_ID, forgeAppLink=link(signature="Zm9yZ2UtdjI"))
        (path / "atlassian-connect.json").write_text(json.dumps(newer, indent=2) + "\n")

    app = tmp_path / "app"
    _app(app, hook_repo, fill)
    assert "FC408" in check(app).stdout
    assert check(app, "--any-signature").returncode == 0


def test_check_gives_the_hints_each_hook_gives_alone(tmp_path: pathlib.Path) -> None:
    """Descriptors checked first with a thousand unknown scopes each spend
    their hook's spelling budget, not the manifest hook's: its hint stays."""
    for n in range(2):
        scopes = [f"zzqq{n}x{k}" for k in range(900)]
        (tmp_path / f"app{n}").mkdir()
        (tmp_path / f"app{n}" / "atlassian-connect.json").write_text(
            json.dumps(descriptor(scopes=scopes)), "utf-8"
        )
    typo = manifest_text().replace("function: main}", "function: mian}")
    (tmp_path / "manifest.yml").write_text(typo, "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "apps")
    alone = subprocess.run(
        [sys.executable, "-m", "forge_connect_hooks.check_forge_manifest", "manifest.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    hinted = [line for line in alone.stdout.splitlines() if "FC314" in line]
    assert len(hinted) == 1 and "did you mean 'main'?" in hinted[0], alone.stdout
    together = check(tmp_path).stdout.splitlines()
    assert sum("is not one of" in line for line in together) == 1800  # the budget went there
    assert hinted[0] in together


def test_without_a_config_an_uncertain_pair_is_a_note_and_nothing_is_written(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path
) -> None:
    """The README's monorepo with no config to read: the top's manifest is
    nearest up billing's folders, but billing/forge/manifest.yml lies beside
    the descriptor. The fixer does not guess between them."""
    app = tmp_path / "app"
    _app(app, hook_repo, _readme_monorepo)
    git(app, "rm", "-q", "--cached", ".pre-commit-config.yaml")
    (app / ".pre-commit-config.yaml").unlink()
    before = _tree(app)
    result = check(app, "--fix", "-v")
    assert _tree(app) == before
    assert result.returncode == 0, result.stdout
    assert (
        "billing/atlassian-connect.json:1:1: FC902 billing/forge/manifest.yml could pair with "
        "this descriptor as well as manifest.yml: nothing written; pass --manifest in this "
        "descriptor's hook entry"
    ) in result.stdout.splitlines()


def test_a_descriptor_that_names_another_tracked_app_is_not_rewritten(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path
) -> None:
    """billing's descriptor carries billing's id, but its folder pairs it with
    the top's app: the id is not overwritten with the top's."""

    def fill(path: pathlib.Path) -> None:
        _readme_monorepo(path)
        named = descriptor(key="billing", forgeAppId=OTHER_ID)
        (path / "billing" / "atlassian-connect.json").write_text(json.dumps(named, indent=2))

    app = tmp_path / "app"
    _app(app, hook_repo, fill)
    (app / ".pre-commit-config.yaml").write_text("repos: []\n")
    before = _tree(app)
    result = check(app, "--fix", "-v")
    assert _tree(app) == before
    assert "FC502" not in result.stdout and "FC902 billing/forge/manifest.yml" in result.stdout


def test_fix_writes_only_under_the_paths_given(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path
) -> None:
    """A staged manifest pulls in the descriptor that pairs with it; named
    alone, it may say what the fix would do there, never do it."""

    def fill(path: pathlib.Path) -> None:
        (path / "manifest.yml").write_text(manifest_text(APP_ID))
        handler_beside(path / "manifest.yml")
        (path / "atlassian-connect.json").write_text(json.dumps(descriptor(), indent=2) + "\n")

    app = tmp_path / "app"
    _app(app, hook_repo, fill)
    git(app, "commit", "-qm", "app")
    (app / "manifest.yml").write_text(manifest_text(APP_ID) + "# changed\n")
    git(app, "add", "manifest.yml")
    before = _tree(app)
    result = check(app, "--fix", "manifest.yml")
    assert _tree(app) == before
    assert result.stdout.startswith("atlassian-connect.json:"), result.stdout
    assert "the fix inserts" in result.stdout
    check(app, "--fix", ".")
    assert _tree(app) != before  # under the top: written


def test_a_path_with_no_tracked_file_is_a_usage_error(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path
) -> None:
    app = tmp_path / "app"
    _app(app, hook_repo, _clean_example)
    (app / "scratch.md").write_text("notes\n")
    untracked = check(app, "scratch.md")
    assert untracked.returncode == 2 and untracked.stdout == ""
    assert "'scratch.md' holds no file git tracks: `git add` it" in untracked.stderr
    inner = app / "vendor" / "lib"
    inner.mkdir(parents=True)
    git(inner, "init", "-q")
    (inner / "atlassian-connect.json").write_text(json.dumps(descriptor()))
    git(inner, "add", "-A")
    git(inner, "commit", "-qm", "lib")
    git(app, "add", "vendor/lib")  # a gitlink, as a submodule is
    inside = check(app, "vendor/lib/atlassian-connect.json")
    assert inside.returncode == 2
    assert "inside the submodule 'vendor/lib': run the check in it" in inside.stderr


def test_the_config_decides_files_exclude_and_args(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path, pre_commit_home: pathlib.Path
) -> None:
    """Top-level and entry patterns, and an entry's --ignore, as pre-commit
    applies them: both give the same lines."""
    bad = link().replace("https://", "http://")

    def fill(path: pathlib.Path) -> None:
        _clean_example(path)
        config = path / ".pre-commit-config.yaml"
        head = config.read_text("utf-8").split("    hooks:\n")[0]
        config.write_text(
            "exclude: ^vendor/\n"
            + head
            + "    hooks:\n"
            + "      - id: check-forge-app-link\n"
            + "        exclude: ^(docs|guides)/\n"
            + "      - id: check-forge-app-link\n"
            + "        name: links in the guides\n"
            + "        files: ^guides/\n"
            + "        args: [--ignore, FC403]\n"
        )
        for folder in ("docs", "vendor", "guides", "src"):
            (path / folder).mkdir(exist_ok=True)
            (path / folder / "install.md").write_text(f"Install: {bad}\n")

    hooked, checked = tmp_path / "hooked", tmp_path / "checked"
    for path in (hooked, checked):
        _app(path, hook_repo, fill)
    by_pre_commit = AppRepo(hooked, pre_commit_home).run(
        sys.executable, "-m", "pre_commit", "run", "--all-files"
    )
    by_check = check(checked)
    expected = set(FINDING.findall(by_pre_commit.stdout))
    assert set(by_check.stdout.splitlines()) == expected, by_pre_commit.stdout
    assert [line.split(":")[0] for line in sorted(expected)] == ["src/install.md"]


@pytest.mark.parametrize(
    "config, message",
    [
        ("repos: [", ".pre-commit-config.yaml:1:"),
        ("repos: {}\n", ".pre-commit-config.yaml:1:8: 'repos' is not a list"),
        (
            "repos:\n- repo: x\n  hooks:\n  - id: check-forge-app-link\n    files: '('\n",
            "'files' is not a regular expression",
        ),
        (
            "repos:\n- repo: x\n  hooks:\n  - id: sync-forge-app-id\n"
            "    args: [--manifest, x.yml]\n",
            "the args of sync-forge-app-id: argument --manifest: no such file: 'x.yml'",
        ),
        (
            "repos:\n- repo: x\n  hooks:\n  - id: sync-forge-app-id\n    args: [--manifest, 3]\n",
            "'args' is not a list of strings",
        ),
    ],
)
def test_a_config_check_cannot_read_as_pre_commit_does_is_a_usage_error(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path, config: str, message: str
) -> None:
    app = tmp_path / "app"
    _app(app, hook_repo, _clean_example)
    (app / ".pre-commit-config.yaml").write_text(config)
    result = check(app)
    assert result.returncode == 2 and result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()[-1]) > 0 and "Traceback" not in result.stderr
