"""Which missing paths of an app git ignores: one path git refuses to judge
does not hide the answer for the others."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

from forge_connect_hooks.repository.apps import ignored_by_git


@pytest.fixture
def repository(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    top = tmp_path / "repo"
    (top / ".gitignore").write_text("build/\n*.js\n")
    (top / "elsewhere").mkdir()
    os.symlink("elsewhere", top / "link")
    monkeypatch.chdir(top)
    return top


def test_ignored_paths_are_found(repository: pathlib.Path) -> None:
    assert ignored_by_git(["build", "src/index.js", "src/index.ts"]) == {"build", "src/index.js"}


def test_a_path_outside_the_work_tree_is_not_ignored_and_hides_nothing(
    repository: pathlib.Path,
) -> None:
    asked = ["build", "static/../../outside", "../outside", "/abs/build"]
    assert ignored_by_git(asked) == {"build"}


def test_a_path_beyond_a_symbolic_link_hides_nothing(repository: pathlib.Path) -> None:
    # git refuses the whole question for link/x; the others are asked again alone.
    assert ignored_by_git(["build", "link/x.js", "src/a.js"]) == {"build", "src/a.js"}


def test_a_path_with_a_nul_byte_is_not_ignored(repository: pathlib.Path) -> None:
    assert ignored_by_git(["build", "bu\0ild"]) == {"build"}


def test_outside_a_repository_nothing_is_ignored(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert ignored_by_git(["build"]) == frozenset()
