"""Fixtures for the end-to-end tests: real git, real pre-commit."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
from typing import Dict, Iterator, List, Tuple

import pytest

PROJECT = pathlib.Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def shared_folder(
    factory: pytest.TempPathFactory, name: str
) -> Iterator[Tuple[pathlib.Path, bool]]:
    """A folder that every worker of this test run shares (pytest-xdist runs
    one session per core), and whether it is built already: the first worker
    to ask builds it while the others wait. It counts as built only when the
    block that builds it ends without an error."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder = root / name
    with open(root / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        folder.mkdir(exist_ok=True)
        marker = root / f"{name}.built"
        yield folder, marker.exists()
        marker.touch()


@pytest.fixture(scope="session", autouse=True)
def _sandboxed_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test runs with a home and caches of its own: nothing the suite
    does (our schema cache, npm's cache, pip's) writes to the user's."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        patch.setenv("FORGE_CONNECT_HOOKS_CACHE", str(home / ".cache" / "forge-connect-hooks"))
        patch.setenv("npm_config_cache", str(home / ".npm"))
        yield


def git(cwd: pathlib.Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=git_env()
    )
    return result.stdout


def git_env() -> Dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        GIT_CONFIG_NOSYSTEM="1",
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


@pytest.fixture
def repo_root(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """``tmp_path`` as the current directory and a repository root: its ``.git``
    folder stops every search upward (manifests, package.json) right there."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def no_forge_cli(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """No Forge CLI schema from this machine: no npm or node on PATH, no
    global root, a fresh cache; only what a test sets up. Also the current
    directory."""
    monkeypatch.chdir(tmp_path)
    empty_bin = tmp_path / "empty-bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    monkeypatch.setenv("FORGE_CONNECT_HOOKS_CACHE", str(tmp_path / "cache"))
    for name in ("FORGE_MANIFEST_SCHEMA", "NPM_CONFIG_PREFIX", "npm_config_prefix"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """This checkout, uncommitted changes included, as a repository to install
    hooks from; one for every worker, so the hook environment is built once."""
    with shared_folder(tmp_path_factory, "hook-repo") as (target, built):
        if not built:
            for name in _project_files():
                source = PROJECT / name
                if source.is_file():
                    (target / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target / name)
            git(target, "init", "-q", "-b", "main")
            git(target, "add", "-A")
            git(target, "commit", "-q", "-m", "snapshot")
    return target


def _project_files() -> List[str]:
    """The project's files: git's list in a checkout, else (an unpacked sdist)
    every file but build and cache folders."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        check=False,
        capture_output=True,
    )
    if listed.returncode == 0 and (PROJECT / ".git").exists():
        return [name for name in listed.stdout.decode().split("\0") if name]
    skipped = {
        ".venv",
        ".git",
        "build",
        "dist",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
    }
    found: List[str] = []
    for folder, folders, files in os.walk(PROJECT):
        folders[:] = [
            name for name in folders if name not in skipped and not name.endswith(".egg-info")
        ]
        found.extend(os.path.relpath(os.path.join(folder, name), PROJECT) for name in files)
    return found


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """One pre-commit cache per test run, shared by its workers (pre-commit
    locks its own store), so the hook environment is built once."""
    with shared_folder(tmp_path_factory, "pre-commit-home") as (home, _):
        return home


class AppRepo:
    """A vendor's app repository with this project's hooks installed by pre-commit."""

    def __init__(self, path: pathlib.Path, home: pathlib.Path) -> None:
        self.path = path
        self.env = git_env()
        self.env["PRE_COMMIT_HOME"] = str(home)
        self.env["FORGE_CONNECT_HOOKS_CACHE"] = str(home / "forge-connect-hooks-cache")
        self.env.pop("PRE_COMMIT", None)

    def write(self, name: str, content: str | bytes) -> pathlib.Path:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
        return target

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        # pre-commit writes to stdout or stderr depending on how git runs it:
        # read them as one stream, as a person at the terminal does.
        return subprocess.run(
            list(args),
            cwd=self.path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=self.env,
            check=False,
        )

    def commit(self, *paths: str, message: str = "change") -> subprocess.CompletedProcess[str]:
        added = self.run("git", "add", "--", *paths) if paths else None
        assert added is None or added.returncode == 0, added.stdout
        return self.run("git", "commit", "-m", message)

    def head_files(self) -> List[str]:
        return self.run("git", "ls-tree", "-r", "--name-only", "HEAD").stdout.split()


@pytest.fixture
def app_repo(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path, pre_commit_home: pathlib.Path
) -> Iterator[AppRepo]:
    path = tmp_path / "app"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    rev = git(hook_repo, "rev-parse", "HEAD").strip()
    hooks = "\n".join(
        f"      - id: {hook}"
        for hook in (  # README's order: the fixer first, so the checks see its fix
            "sync-forge-app-id",
            "check-connect-descriptor",
            "check-forge-manifest",
            "check-forge-app-link",
        )
    )
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n{hooks}\n"
    )
    repo = AppRepo(path, pre_commit_home)
    installed = repo.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout
    committed = repo.commit(".pre-commit-config.yaml", message="add hooks")
    assert committed.returncode == 0, committed.stdout
    yield repo


FORGE_MANIFEST_VERSION = "13.7.0"
# @forge/manifest needs tslib at run time without declaring it (the Forge
# CLI brings it): the version @forge/lint 6.3.1 installs beside it.
TSLIB_VERSION = "2.9.1"
# Where a test run inside this one finds the package this run installed.
FORGE_MANIFEST_PACKAGE = "FORGE_CONNECT_HOOKS_TEST_FORGE_MANIFEST"


@pytest.fixture(scope="session")
def forge_manifest_package(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The real @forge/manifest package, installed with npm into a throw-away
    folder, without running any package's install scripts.

    Its schema is under Atlassian's developer terms, so it is fetched for the
    test run, never committed. CI must have it; elsewhere the tests skip
    without npm.
    """
    given = os.environ.get(FORGE_MANIFEST_PACKAGE)
    if given:
        return pathlib.Path(given)  # a test run inside a test run: the outer one's
    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("CI"):
            pytest.fail("npm is needed to install @forge/manifest for the schema tests")
        pytest.skip("npm is not installed")
    with shared_folder(tmp_path_factory, "forge-manifest") as (prefix, built):
        if not built:
            _npm_install(npm, prefix)
    return prefix / "node_modules" / "@forge" / "manifest"


def _npm_install(npm: str, prefix: pathlib.Path, *packages: str) -> None:
    (prefix / "package.json").write_text('{"private": true}\n')
    result = subprocess.run(
        [
            npm,
            "install",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(prefix),
            *(packages or (f"@forge/manifest@{FORGE_MANIFEST_VERSION}", f"tslib@{TSLIB_VERSION}")),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    package = prefix / "node_modules" / "@forge" / ("lint" if packages else "manifest")
    proof = "package.json" if packages else "out/schema/manifest-schema.json"
    if result.returncode != 0 or not (package / proof).is_file():
        message = f"npm could not install {package.name}: {result.stderr[-2000:]}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


FORGE_LINT_VERSION = "6.3.1"


@pytest.fixture(scope="session")
def forge_lint_package(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The real @forge/lint package (the linters `forge lint` runs on the
    app's code), installed as @forge/manifest is, for the test run only."""
    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("CI"):
            pytest.fail("npm is needed to install @forge/lint")
        pytest.skip("npm is not installed")
    with shared_folder(tmp_path_factory, "forge-lint") as (prefix, built):
        if not built:
            _npm_install(npm, prefix, f"@forge/lint@{FORGE_LINT_VERSION}")
    return prefix / "node_modules" / "@forge" / "lint"


# The official SARIF 2.1.0 schema (its final "rtm.5" text), as Microsoft's
# SARIF SDK package ships it under the MIT licence: fetched for the test run.
SARIF_SCHEMA_PACKAGE = "@microsoft/sarif-matcher-utils@1.0.0-beta.0"
SARIF_SCHEMA_FILE = "package/lib/schemas/sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="session")
def sarif_schema(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, object]:
    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("CI"):
            pytest.fail("npm is needed to fetch the SARIF schema")
        pytest.skip("npm is not installed")
    with shared_folder(tmp_path_factory, "sarif-schema") as (folder, built):
        if not built:
            packed = subprocess.run(
                [npm, "pack", "--silent", "--pack-destination", str(folder), SARIF_SCHEMA_PACKAGE],
                capture_output=True,
                text=True,
                check=False,
                timeout=600,
            )
            if packed.returncode != 0 or len(list(folder.glob("*.tgz"))) != 1:
                message = f"npm could not fetch {SARIF_SCHEMA_PACKAGE}: {packed.stderr[-2000:]}"
                if os.environ.get("CI"):
                    pytest.fail(message)
                pytest.skip(message)
    archives = list(folder.glob("*.tgz"))
    with tarfile.open(archives[0]) as bundle:
        member = bundle.extractfile(SARIF_SCHEMA_FILE)
        assert member is not None
        schema: Dict[str, object] = json.load(member)
    return schema
