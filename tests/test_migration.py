"""forge-connect-hooks migration: one row per Connect capability of each
descriptor, against its paired Forge manifest, in three forms that agree."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from typing import List

from .conftest import git, git_env
from .helpers import APP_ID

COMMAND = str(pathlib.Path(sys.executable).parent / "forge-connect-hooks")

# Every kind and every status: configurePage is covered, repoPages missing,
# webItems at a Forge location partial, proxy none; and so on for the rest.
DESCRIPTOR = {
    "key": "build-status",
    "name": "Build status",
    "baseUrl": "https://connect.example.com",
    "authentication": {"type": "jwt"},
    "lifecycle": {"installed": "/installed", "uninstalled": "/uninstalled"},
    "modules": {
        "configurePage": {"key": "configure", "name": {"value": "Configure"}, "url": "/cfg"},
        "repoPages": [{"key": "page", "name": {"value": "Builds"}, "url": "/page"}],
        "webItems": [
            {
                "key": "rerun",
                "name": {"value": "Rerun"},
                "url": "/rerun",
                "location": "org.bitbucket.pullrequest.summary.actions",
            }
        ],
        "proxy": {"/api/{}": {"destination": "/proxy"}},
        "webhooks": [
            {"event": "repo:push", "url": "/push"},
            {"event": "pullrequest:created", "url": "/created"},
            {"event": "pullrequest:approved", "url": "/approved"},
            {"event": "issue:created", "url": "/issue"},
        ],
    },
    "scopes": ["repository", "pullrequest", "webhook", "account"],
    "contexts": ["account"],
}
MANIFEST = f"""\
app:
  id: {APP_ID}
  runtime:
    name: nodejs22.x
modules:
  bitbucket:workspaceSettingsMenuPage:
    - key: configure
      title: Configure
      resource: ui
      render: native
      useAsConfig: true
  bitbucket:repoPullRequestAction:
    - key: rerun
      title: Rerun
      resource: ui
      render: native
  trigger:
    - key: events
      function: main
      events:
        - avi:bitbucket:push:repository
        - avi:bitbucket:updated:pullrequest-reviewer-status
        - avi:forge:installed:app
  function:
    - key: main
      handler: index.run
resources:
  - key: ui
    path: src/ui.jsx
permissions:
  scopes:
    - read:repository:bitbucket
    - read:pullrequest:bitbucket
"""
EXPECTED = [
    ("module", "configurePage", "covered"),
    ("module", "repoPages", "missing"),
    ("module", "webItems", "partial"),
    ("module", "proxy", "none"),
    ("webhook", "repo:push", "covered"),
    ("webhook", "pullrequest:created", "missing"),
    ("webhook", "pullrequest:approved", "partial"),
    ("webhook", "issue:created", "none"),
    ("scope", "repository", "covered"),
    ("scope", "pullrequest", "covered"),
    ("scope", "webhook", "none"),
    ("scope", "account", "missing"),
    ("lifecycle", "installed", "partial"),
    ("lifecycle", "uninstalled", "missing"),
]


def _repository(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "src").mkdir(parents=True)
    (tmp_path / "src" / "index.js").write_text("export const run = () => {};\n")
    (tmp_path / "src" / "ui.jsx").write_text("export default () => null;\n")
    (tmp_path / "atlassian-connect.json").write_text(json.dumps(DESCRIPTOR, indent=2) + "\n")
    (tmp_path / "manifest.yml").write_text(MANIFEST)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    return tmp_path


def run(cwd: pathlib.Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=git_env(),
        timeout=120,
    )


def migration(cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(cwd, COMMAND, "migration", *args)


def test_every_kind_and_status_in_json(tmp_path: pathlib.Path) -> None:
    result = migration(_repository(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    (report,) = json.loads(result.stdout)
    assert (report["descriptor"], report["manifest"]) == ("atlassian-connect.json", "manifest.yml")
    assert [(row["kind"], row["connect"], row["status"]) for row in report["rows"]] == EXPECTED
    assert all(set(row) == {"kind", "connect", "forge", "status", "note"} for row in report["rows"])


def test_text_and_markdown_say_what_json_says(tmp_path: pathlib.Path) -> None:
    repository = _repository(tmp_path)
    rows = json.loads(migration(repository, "--format", "json").stdout)[0]["rows"]
    text = migration(repository).stdout.splitlines()
    assert text[0] == "atlassian-connect.json -> manifest.yml"
    assert [line.split()[:2] for line in text[1:-1]] == [
        [row["kind"], row["connect"]] for row in rows
    ]
    assert text[-1] == "4 covered, 4 missing, 3 partial, 3 none (1 pair)"
    markdown = migration(repository, "--format", "markdown").stdout.splitlines()
    table = [line for line in markdown if line.startswith("| ") and "---" not in line][1:]
    assert [_cells(line)[:4] for line in table] == [
        [
            row["kind"],
            f"`{row['connect']}`",
            f"`{row['forge']}`" if row["forge"] else "—",
            row["status"],
        ]
        for row in rows
    ]
    assert markdown[-1] == f"**{text[-1]}**"


def test_strict_fails_where_a_counterpart_is_missing(tmp_path: pathlib.Path) -> None:
    repository = _repository(tmp_path)
    assert migration(repository, "--strict").returncode == 1
    assert migration(repository).returncode == 0


def test_a_repository_without_a_pair_has_an_empty_report(tmp_path: pathlib.Path) -> None:
    repository = _repository(tmp_path)
    git(repository, "rm", "-q", "--cached", "manifest.yml")
    (repository / "manifest.yml").unlink()
    result = migration(repository, "--strict")
    assert (result.returncode, result.stdout) == (
        0,
        "0 covered, 0 missing, 0 partial, 0 none (0 pairs)\n",
    )


def test_a_path_outside_the_repository_is_a_usage_error(tmp_path: pathlib.Path) -> None:
    result = migration(_repository(tmp_path / "repo"), str(tmp_path))
    assert result.returncode == 2 and "outside the repository" in result.stderr


def test_a_note_for_each_missing_counterpart_at_the_descriptors_line(
    tmp_path: pathlib.Path,
) -> None:
    repository = _repository(tmp_path)
    hook = str(pathlib.Path(sys.executable).parent / "check-connect-descriptor")
    result = run(repository, hook, "-v", "atlassian-connect.json")
    notes = [line for line in result.stdout.splitlines() if " FC926 " in line]
    assert len(notes) == 4, result.stdout
    lines = (repository / "atlassian-connect.json").read_text().splitlines()
    for note in notes:
        line = int(note.split(":")[1])
        connect = note.split("'")[1]
        assert connect in lines[line - 1], (note, lines[line - 1])


def _cells(line: str) -> List[str]:
    return [cell.strip() for cell in line.strip("|").split(" | ")]


def test_no_line_or_cell_can_be_turned_against_its_reader(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "::error title=x::pwned"
    folder.mkdir(parents=True)
    hostile = dict(DESCRIPTOR)
    hostile["modules"] = {"webhooks": [{"event": "repo:push|x`\n::warning::y", "url": "/h"}]}
    (folder / "atlassian-connect.json").write_text(json.dumps(hostile))
    (folder / "manifest.yml").write_text(MANIFEST)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    text = migration(tmp_path).stdout.splitlines()
    assert not any(line.startswith("::") for line in text)
    assert text[0].startswith("./::error")
    markdown = migration(tmp_path, "--format", "markdown").stdout.splitlines()
    row = next(line for line in markdown if line.startswith("| webhook"))
    assert len(_cells(row)) == 5 and "\\|" in row and "::warning::y" in row


def test_a_missing_row_names_the_slip_the_manifest_has_instead(tmp_path: pathlib.Path) -> None:
    repository = _repository(tmp_path)
    descriptor = dict(DESCRIPTOR)
    descriptor["modules"] = {"webhooks": [{"event": "pullrequest:comment_created", "url": "/c"}]}
    (repository / "atlassian-connect.json").write_text(json.dumps(descriptor))
    manifest = MANIFEST.replace(
        "        - avi:forge:installed:app\n",
        "        - avi:bitbucket:created:pullrequestcomment\n        - avi:forge:uninstalled:app\n",
    )
    (repository / "manifest.yml").write_text(manifest)
    git(repository, "add", "-A")
    rows = json.loads(migration(repository, "--format", "json").stdout)[0]["rows"]
    by_name = {row["connect"]: row for row in rows}
    comment, uninstalled = by_name["pullrequest:comment_created"], by_name["uninstalled"]
    assert comment["status"] == uninstalled["status"] == "missing"
    assert "'avi:bitbucket:created:pullrequestcomment' is a slip" in comment["note"]
    assert "avi:forge:uninstalled:app never fires" in uninstalled["note"]
