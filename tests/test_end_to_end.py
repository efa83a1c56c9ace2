"""Real commits in a real repository, with this project's hooks installed by pre-commit."""

from __future__ import annotations

import json
import pathlib
import sys
from typing import List

from .conftest import AppRepo
from .envelope import link
from .helpers import APP_ID, DATA, OTHER_ID, OTHER_UUID, descriptor, manifest_text


def test_a_good_pair_commits(app_repo: AppRepo) -> None:
    for name in ("atlassian-connect.json", "manifest.yml"):
        app_repo.write(name, (DATA / "bitbucket-app" / name).read_bytes())
    result = app_repo.commit("atlassian-connect.json", "manifest.yml")
    assert result.returncode == 0, result.stdout
    assert "check Connect descriptor" in result.stdout
    assert "atlassian-connect.json" in app_repo.head_files()


def test_a_bad_descriptor_is_refused_with_the_finding_shown(app_repo: AppRepo) -> None:
    app_repo.write(
        "atlassian-connect.json", json.dumps(descriptor(forgeAppID=APP_ID), indent=2) + "\n"
    )
    result = app_repo.commit("atlassian-connect.json")
    assert result.returncode != 0
    assert (
        "atlassian-connect.json:12:3: FC202 unknown key 'forgeAppID' in the root; "
        "did you mean 'forgeAppId'?"
    ) in result.stdout
    assert app_repo.run("git", "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_a_bad_manifest_is_refused(app_repo: AppRepo) -> None:
    app_repo.write(
        "manifest.yml", manifest_text("ari:cloud:ecosystem::app/invalid-run-forge-register")
    )
    result = app_repo.commit("manifest.yml")
    assert result.returncode != 0
    assert "manifest.yml:6:7: FC305" in result.stdout
    assert "run `forge register`" in result.stdout


def test_staging_only_the_manifest_rechecks_the_descriptor(app_repo: AppRepo) -> None:
    app_repo.write("manifest.yml", manifest_text(APP_ID))
    app_repo.write(
        "connect/atlassian-connect.json", json.dumps(descriptor(forgeAppId=APP_ID), indent=2)
    )
    first = app_repo.commit("manifest.yml", "connect/atlassian-connect.json")
    assert first.returncode == 0, first.stdout
    app_repo.write("manifest.yml", manifest_text(OTHER_ID))
    result = app_repo.commit("manifest.yml")
    assert result.returncode != 0
    # The fixer runs first and corrects it, so no check needs to complain.
    assert "connect/atlassian-connect.json:12:17: FC502 corrected forgeAppId" in result.stdout
    assert "FC206" not in result.stdout


def test_a_kubernetes_manifest_commits_untouched(app_repo: AppRepo) -> None:
    app_repo.write("deploy/manifest.yml", "apiVersion: v1\nkind: Pod\n")
    result = app_repo.commit("deploy/manifest.yml")
    assert result.returncode == 0, result.stdout


def test_a_bad_install_link_is_refused_and_the_fix_commits(app_repo: AppRepo) -> None:
    from .envelope import link

    good = link()
    bad = good.replace("developer.atlassian.com", "developer.atlassian.com.evil.example")
    app_repo.write("manifest.yml", manifest_text(APP_ID))
    app_repo.write(
        "atlassian-connect.json",
        json.dumps(descriptor(forgeAppId=APP_ID, forgeAppLink=bad), indent=2) + "\n",
    )
    refused = app_repo.commit("manifest.yml", "atlassian-connect.json")
    assert refused.returncode != 0
    assert "atlassian-connect.json:13:28: FC404 forgeAppLink: look-alike host" in refused.stdout
    app_repo.write(
        "atlassian-connect.json",
        json.dumps(descriptor(forgeAppId=APP_ID, forgeAppLink=good), indent=2) + "\n",
    )
    fixed = app_repo.commit("manifest.yml", "atlassian-connect.json")
    assert fixed.returncode == 0, fixed.stdout
    assert "check Forge install link" in fixed.stdout


def test_a_commit_touching_neither_file_runs_only_the_link_gate(app_repo: AppRepo) -> None:
    app_repo.write("README.md", "# app\n")
    result = app_repo.commit("README.md")
    assert result.returncode == 0, result.stdout
    lines = [line for line in result.stdout.splitlines() if line.startswith(("check ", "sync "))]
    assert len(lines) == 4
    skipped = [line for line in lines if line.endswith("(no files to check)Skipped")]
    assert len(skipped) == 3
    # Links are written in any text file, so the gate reads every one.
    assert [line for line in lines if line not in skipped] == [
        next(line for line in lines if line.startswith("check Forge install link"))
    ]
    assert lines[
        [line.startswith("check Forge install link") for line in lines].index(True)
    ].endswith("Passed")


def test_sync_stops_the_commit_fixes_the_file_and_the_next_commit_succeeds(
    app_repo: AppRepo,
) -> None:
    app_repo.write("manifest.yml", manifest_text(APP_ID))
    text = json.dumps(descriptor(), indent=2) + "\n"
    app_repo.write("atlassian-connect.json", text)
    stopped = app_repo.commit("manifest.yml", "atlassian-connect.json")
    assert stopped.returncode != 0
    assert (
        f"atlassian-connect.json:3:3: FC501 inserted forgeAppId '{APP_ID}' from manifest.yml's "
        "app.id: stage the change"
    ) in stopped.stdout
    assert "files were modified by this hook" in stopped.stdout
    fixed = (app_repo.path / "atlassian-connect.json").read_text()
    assert fixed == text.replace(
        '"key": "acme-app",\n', f'"key": "acme-app",\n  "forgeAppId": "{APP_ID}",\n'
    )
    again = app_repo.commit("atlassian-connect.json")
    assert again.returncode == 0, again.stdout
    committed = app_repo.run("git", "show", "HEAD:atlassian-connect.json").stdout
    assert json.loads(committed)["forgeAppId"] == APP_ID


def test_a_connect_only_app_beside_another_forge_app_is_not_given_its_id(
    app_repo: AppRepo,
) -> None:
    app_repo.write("a/manifest.yml", manifest_text(APP_ID))
    app_repo.write("a/atlassian-connect.json", json.dumps(descriptor(forgeAppId=APP_ID), indent=2))
    text = json.dumps(descriptor(key="connect-only-app"), indent=2) + "\n"
    app_repo.write("b/atlassian-connect.json", text)
    result = app_repo.commit("a", "b")
    assert result.returncode == 0, result.stdout
    assert (app_repo.path / "b" / "atlassian-connect.json").read_text() == text


def test_removing_an_apps_manifest_does_not_hand_it_another_apps_id(app_repo: AppRepo) -> None:
    app_repo.write("a/manifest.yml", manifest_text(APP_ID))
    app_repo.write("a/atlassian-connect.json", json.dumps(descriptor(forgeAppId=APP_ID), indent=2))
    app_repo.write("b/manifest.yml", "apiVersion: v1\nkind: Pod\n")
    text = json.dumps(descriptor(key="app-b"), indent=2) + "\n"
    app_repo.write("b/atlassian-connect.json", text)
    assert app_repo.commit("a", "b").returncode == 0
    app_repo.run("git", "rm", "-q", "b/manifest.yml")
    app_repo.write("b/atlassian-connect.json", text.replace('"Acme"', '"Acme B"'))
    result = app_repo.commit("b/atlassian-connect.json")
    assert result.returncode == 0, result.stdout
    assert "forgeAppId" not in (app_repo.path / "b" / "atlassian-connect.json").read_text()


def test_a_descriptor_linked_from_outside_the_repository_is_never_written(
    app_repo: AppRepo, tmp_path: pathlib.Path
) -> None:
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps(descriptor(), indent=2) + "\n")
    before = outside.read_bytes()
    app_repo.write("manifest.yml", manifest_text(APP_ID))
    (app_repo.path / "atlassian-connect.json").symlink_to(outside)
    assert app_repo.run("git", "add", "atlassian-connect.json").returncode == 0
    app_repo.run("git", "commit", "-q", "--no-verify", "-m", "link")
    result = app_repo.commit("manifest.yml")
    assert "outside the repository" in result.stdout
    assert outside.read_bytes() == before


def test_a_bitbucket_app_and_a_jira_app_share_one_config(app_repo: AppRepo) -> None:
    """One hook config for every app of a vendor: only the real mistake blocks."""
    for name in ("atlassian-connect.json", "manifest.yml"):
        app_repo.write(f"bitbucket-app/{name}", (DATA / "bitbucket-app" / name).read_bytes())
    jira = (DATA / "descriptors" / "jira-app.json").read_bytes()
    app_repo.write("jira-app/atlassian-connect.json", jira)
    app_repo.write("jira-app/manifest.yml", manifest_text(OTHER_ID))
    both = app_repo.commit("bitbucket-app", "jira-app")
    assert both.returncode == 0, both.stdout
    assert (app_repo.path / "jira-app" / "atlassian-connect.json").read_bytes() == jira
    broken = json.loads(jira)
    broken["scopes"].append("ADMIN")  # fine for Jira
    broken["forgeAppId"] = "ari:cloud:ecosystem::app/YOUR-APP-ID"  # a real mistake
    app_repo.write("jira-app/atlassian-connect.json", json.dumps(broken, indent=2) + "\n")
    refused = app_repo.commit("jira-app/atlassian-connect.json")
    assert refused.returncode != 0
    findings = [line for line in refused.stdout.splitlines() if ": FC" in line]
    assert all(line.startswith("jira-app/atlassian-connect.json:") for line in findings)
    assert {line.split(": ")[1].split()[0] for line in findings} == {"FC205"}


# -- the first hour: one finding per problem, and its remedy --------------------------


def _pair_with_link(app_repo: AppRepo, app_id: str, link_text: str) -> None:
    app_repo.write("manifest.yml", manifest_text(app_id))
    app_repo.write(
        "atlassian-connect.json",
        json.dumps(descriptor(forgeAppId=app_id, forgeAppLink=link_text), indent=2) + "\n",
    )


def _findings(output: str) -> List[str]:
    return [line for line in output.splitlines() if ": FC" in line]


def test_first_hour_a_misspelt_key_is_renamed_and_then_commits(app_repo: AppRepo) -> None:
    app_repo.write("manifest.yml", manifest_text(APP_ID))
    app_repo.write(
        "atlassian-connect.json", json.dumps(descriptor(forgeAppID=APP_ID), indent=2) + "\n"
    )
    stopped = app_repo.commit("manifest.yml", "atlassian-connect.json")
    assert stopped.returncode != 0
    assert [line.split(": ")[1][:5] for line in _findings(stopped.stdout)] == ["FC506"]
    assert "renamed 'forgeAppID' to forgeAppId" in stopped.stdout
    fixed = json.loads((app_repo.path / "atlassian-connect.json").read_text())
    assert [key for key in fixed if key.lower() == "forgeappid"] == ["forgeAppId"]
    again = app_repo.commit("atlassian-connect.json")
    assert again.returncode == 0, again.stdout


def test_first_hour_a_changed_app_id_says_where_the_new_link_comes_from(
    app_repo: AppRepo,
) -> None:
    from .envelope import link

    _pair_with_link(app_repo, APP_ID, link())
    assert app_repo.commit("manifest.yml", "atlassian-connect.json").returncode == 0
    app_repo.write("manifest.yml", manifest_text(OTHER_ID))
    stopped = app_repo.commit("manifest.yml")
    assert stopped.returncode != 0
    findings = _findings(stopped.stdout)
    codes_seen = [line.split(": ")[1][:5] for line in findings]
    assert codes_seen == ["FC502", "FC410"], findings
    assert "developer console (the app's Distribution page)" in findings[1]
    assert "app.id in manifest.yml:6 and forgeAppId" in findings[1]


def test_first_hour_a_hand_edited_link_is_caught(app_repo: AppRepo) -> None:
    from .envelope import link

    _pair_with_link(app_repo, APP_ID, link())
    assert app_repo.commit("manifest.yml", "atlassian-connect.json").returncode == 0
    other_uuid = OTHER_ID.rsplit("/", 1)[1]
    _pair_with_link(app_repo, OTHER_ID, link(uuid=other_uuid))
    stopped = app_repo.commit("manifest.yml", "atlassian-connect.json")
    assert stopped.returncode != 0
    findings = _findings(stopped.stdout)
    assert [line.split(": ")[1][:5] for line in findings] == ["FC412"], findings
    assert "a hand edit" in findings[0]


def test_a_bad_link_in_python_or_typescript_is_refused_until_it_is_right(
    app_repo: AppRepo,
) -> None:
    from .envelope import link

    good = link()
    sources = {
        "app/descriptor.py": 'DESCRIPTOR = {{\n    "modules": {{"repoPages": []}},\n'
        '    "forgeAppLink": "{}",\n}}\n',
        "src/descriptor.ts": "export const descriptor = {{\n  modules: {{ repoPages: [] }},\n"
        "  forgeAppLink: '{}',\n}};\n",
    }
    for path, source in sources.items():
        bad = good.replace("https://", "http://")
        app_repo.write(path, source.format(bad))
        refused = app_repo.commit(path)
        assert refused.returncode != 0, refused.stdout
        assert f"{path}:3:" in refused.stdout and "FC403" in refused.stdout
        assert path not in app_repo.head_files()
        app_repo.write(path, source.format(good))
        allowed = app_repo.commit(path)
        assert allowed.returncode == 0, allowed.stdout
        assert path in app_repo.head_files()


def _many_apps(app_repo: AppRepo, apps: int = 560) -> int:
    """One manifest and ``apps`` descriptors whose links install another app,
    with paths long enough that pre-commit splits them into several batches."""
    other_app_link = link(uuid=OTHER_UUID)
    app_repo.write("apps/manifest.yml", manifest_text(APP_ID))
    for index in range(apps):
        folder = f"apps/app-{index:03d}-{'x' * 230}"
        text = json.dumps(descriptor(forgeAppId=APP_ID, forgeAppLink=other_app_link), indent=2)
        app_repo.write(f"{folder}/atlassian-connect.json", text)
    return apps


def test_each_finding_is_printed_once_however_pre_commit_batches_the_files(
    app_repo: AppRepo,
) -> None:
    # Past 128 KiB of file names pre-commit runs a hook once per batch of files.
    # Here one manifest (sorted last, so in the last batch) pairs with five
    # hundred descriptors, most of them in earlier batches.
    apps = _many_apps(app_repo)
    untracked = app_repo.run("git", "ls-files", "-o").stdout.split()
    assert sum(len(name) + 1 for name in untracked) > 2**17
    result = app_repo.commit("apps")
    assert result.returncode != 0
    refused = [line for line in _findings(result.stdout) if " FC410 " in line]
    assert len(refused) == apps
    assert len(set(refused)) == apps


def test_with_all_files_and_a_staged_manifest_each_finding_is_printed_once(
    app_repo: AppRepo,
) -> None:
    # --all-files passes every descriptor itself, in several batches: a staged
    # manifest must not pull them in again.
    apps = _many_apps(app_repo)
    app_repo.run("git", "add", "apps")
    app_repo.run("git", "commit", "-q", "--no-verify", "-m", "apps")
    app_repo.write("apps/manifest.yml", manifest_text(APP_ID) + "# touched\n")
    app_repo.run("git", "add", "apps/manifest.yml")
    result = app_repo.run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert result.returncode != 0
    refused = [line for line in _findings(result.stdout) if " FC410 " in line]
    assert len(refused) == apps
    assert len(set(refused)) == apps
