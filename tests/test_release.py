"""What a new user meets first: the README's recipe, the version, the package."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys
import tarfile

import pytest

from forge_connect_hooks import __version__

from .conftest import PROJECT, AppRepo, git
from .helpers import APP_ID, DATA, descriptor

README = (PROJECT / "README.md").read_text("utf-8")
HOOKS = (
    "check-connect-descriptor",
    "check-forge-manifest",
    "check-forge-app-link",
    "sync-forge-app-id",
)


def readme_use_config() -> str:
    """The pre-commit configuration the README's "Use" section shows."""
    section = README.split("## Use\n", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_recipe_pins_a_commit_not_a_tag_that_a_mirror_lacks() -> None:
    assert "    rev: COMMIT  # the full id of a commit" in readme_use_config()


def test_the_changelog_has_an_entry_for_this_version() -> None:
    changelog = (PROJECT / "CHANGELOG.md").read_text("utf-8")
    assert f"\n## {__version__}\n" in changelog


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_answers_version(hook: str) -> None:
    result = subprocess.run(
        [str(pathlib.Path(sys.executable).parent / hook), "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"{hook} {__version__}\n")


def test_the_readme_recipe_works_as_written(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path, pre_commit_home: pathlib.Path
) -> None:
    """A team's copy of this repository (a clone: no tags), used exactly as
    README shows, pinned to a commit: the example app commits, a broken link
    is refused."""
    hosted = tmp_path / "hosted"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(hook_repo), str(hosted)], check=True)
    app = tmp_path / "app"
    app.mkdir()
    git(app, "init", "-q", "-b", "main")
    config = re.sub(r"repo: \S+", f"repo: {hosted}", readme_use_config(), count=1)
    config = config.replace("rev: COMMIT", f"rev: {git(hosted, 'rev-parse', 'HEAD').strip()}")
    (app / ".pre-commit-config.yaml").write_text(config)
    repo = AppRepo(app, pre_commit_home)
    installed = repo.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout
    source = DATA / "bitbucket-app"
    names = [str(path.relative_to(source)) for path in sorted(source.rglob("*")) if path.is_file()]
    for name in names:
        repo.write(name, (source / name).read_bytes())
    first = repo.commit(".pre-commit-config.yaml", *names)
    assert first.returncode == 0, first.stdout
    broken = descriptor(forgeAppId=APP_ID, forgeAppLink="https://developer.atlassian.com/x")
    repo.write("atlassian-connect.json", json.dumps(broken, indent=2) + "\n")
    refused = repo.commit("atlassian-connect.json")
    assert refused.returncode != 0
    assert "FC405" in refused.stdout


@pytest.mark.skipif(not (PROJECT / ".git").exists(), reason="needs the git checkout's file list")
def test_the_sdist_holds_what_its_tests_need(tmp_path: pathlib.Path) -> None:
    """Built from this checkout, the sdist has every tracked file the tests,
    the hooks and the bench read."""
    built = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(PROJECT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (archive,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(archive) as bundle:
        names = {name.split("/", 1)[1] for name in bundle.getnames() if "/" in name}
    tracked = [name for name in git(PROJECT, "ls-files", "-z").split("\0") if name]
    needed = [
        name
        for name in tracked
        if name.startswith(("hooks/", "tests/", "bench/", "examples/", "docs/"))
        or name in ("README.md", "CHANGELOG.md", "LICENSE", "constraints.txt", "setup.cfg")
        or name in ("pyproject.toml", ".pre-commit-hooks.yaml", ".ci/run")
    ]
    assert [name for name in needed if name not in names] == []
