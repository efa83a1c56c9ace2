"""One folder per finding code: each case runs a hook as pre-commit would and
compares its output with the case's ``expected`` file (tests/cases/README.md)."""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
from typing import Dict, List, NamedTuple, Set

import pytest

from forge_connect_hooks.registry import rules


def live_error_codes() -> Set[str]:
    """The codes that block a commit and are still reported: every rule but
    the notes (FC9xx) and the retired ones."""
    return {
        code for code, rule in rules().items() if not code.startswith("FC9") and not rule.retired
    }


CASES = pathlib.Path(__file__).resolve().parent / "cases"
HOOKS = frozenset(
    {
        "check-connect-descriptor",
        "check-forge-manifest",
        "check-forge-app",
        "check-forge-app-link",
        "sync-forge-app-id",
    }
)
# The files of a case folder that are not the inputs.
RUN, EXPECTED, BEFORE = "run", "expected", "before"
EXPECTED_FILES, READ_ONLY, DELETED = "expected-files", "read-only", "deleted"
RESERVED = frozenset({RUN, EXPECTED, BEFORE, EXPECTED_FILES, READ_ONLY, DELETED})
CODE_FOLDER = re.compile(r"FC\d{3}")
CASE_FOLDER = re.compile(r"(bad|good)-[a-z0-9]+(-[a-z0-9]+)*")
FINDING = re.compile(r".+?:\d+:\d+: (FC\d{3}) ")
TIMEOUT = 60
IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def code_folders() -> List[pathlib.Path]:
    return sorted(path for path in CASES.iterdir() if path.is_dir())


def case_folders() -> List[pathlib.Path]:
    return [case for code in code_folders() for case in sorted(code.iterdir()) if case.is_dir()]


def case_id(case: pathlib.Path) -> str:
    return f"{case.parent.name}/{case.name}"


class Outcome(NamedTuple):
    status: int
    lines: List[str]
    stderr: str


def environment(tmp: pathlib.Path) -> Dict[str, str]:
    """A process environment that owes nothing to this machine's: its own
    home and caches, git and this Python's scripts on PATH and nothing else
    (no node or npm, so no Forge CLI schema), no variable that a manifest's
    ${VARIABLE} or pre-commit's from-ref could read."""
    git = shutil.which("git")
    assert git is not None, "git is needed to run the cases"
    tools = tmp / "bin"
    tools.mkdir(exist_ok=True)
    if not (tools / "git").exists():
        (tools / "git").symlink_to(git)
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    folders = [tools]
    own = pathlib.Path(sys.executable).parent
    if not any((own / name).exists() for name in ("node", "npm")):
        folders.append(own)  # not when this Python lives beside node, as in /usr/bin
    return {
        "PATH": os.pathsep.join(str(folder) for folder in folders),
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "FORGE_CONNECT_HOOKS_CACHE": str(home / ".cache" / "forge-connect-hooks"),
        **IDENTITY,
    }


def _copy_inputs(source: pathlib.Path, target: pathlib.Path, *, top: bool) -> None:
    for entry in sorted(source.iterdir()):
        if top and entry.name in RESERVED:
            continue
        if entry.is_dir():
            (target / entry.name).mkdir(exist_ok=True)
            _copy_inputs(entry, target / entry.name, top=False)
        else:
            shutil.copyfile(entry, target / entry.name)


def _git(repo: pathlib.Path, env: Dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def run_case(case: pathlib.Path, tmp: pathlib.Path) -> Outcome:
    """Set the case up as a repository in ``tmp`` and run its command there."""
    env = environment(tmp)
    repo = tmp / "repo"
    repo.mkdir()
    _git(repo, env, "init", "-q", "-b", "main")
    if (case / BEFORE).is_dir():
        _copy_inputs(case / BEFORE, repo, top=False)
        _git(repo, env, "add", "-A")
        _git(repo, env, "commit", "-q", "--no-verify", "-m", "before")
    _copy_inputs(case, repo, top=True)
    if (case / DELETED).is_file():
        for name in (case / DELETED).read_text(encoding="utf-8").split():
            assert (repo / name).is_file(), f"{case / DELETED}: {name} is no file of before/"
            (repo / name).unlink()
    _git(repo, env, "add", "-A")
    if (case / READ_ONLY).is_file():
        for name in (case / READ_ONLY).read_text(encoding="utf-8").split():
            assert (repo / name).is_file(), f"{case / READ_ONLY}: {name} is no input file"
            (repo / name).chmod(0o444)
    command = shlex.split((case / RUN).read_text(encoding="utf-8"))
    assert command and command[0] in HOOKS, f"{case / RUN} must start with one of {sorted(HOOKS)}"
    script = pathlib.Path(sys.executable).parent / command[0]
    result = subprocess.run(
        [str(script), *command[1:]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    return Outcome(result.returncode, result.stdout.splitlines(), result.stderr)


def codes_printed(lines: List[str]) -> List[str]:
    found: List[str] = []
    for line in lines:
        match = FINDING.match(line)
        assert match is not None, f"not a finding: {line!r}"
        found.append(match.group(1))
    return found


@pytest.mark.parametrize("case", case_folders(), ids=case_id)
def test_case(case: pathlib.Path, tmp_path: pathlib.Path) -> None:
    outcome = run_case(case, tmp_path)
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.status in (0, 1), f"exit status {outcome.status}: {outcome.stderr}"
    assert outcome.stderr == ""
    expected = (case / EXPECTED).read_text(encoding="utf-8").splitlines()
    assert outcome.lines == expected
    printed = codes_printed(outcome.lines)
    blocking = any(not code.startswith("FC9") for code in printed)
    assert outcome.status == (1 if blocking else 0)
    code = case.parent.name
    if case.name.startswith("bad-"):
        assert code in printed, f"a bad- case must produce {code}"
    else:
        assert code not in printed, f"a good- case must not produce {code}"
    written = case / EXPECTED_FILES
    if written.is_dir():
        for want in sorted(path for path in written.rglob("*") if path.is_file()):
            got = tmp_path / "repo" / want.relative_to(written)
            assert got.is_file(), f"{got} was not written"
            assert got.read_bytes() == want.read_bytes(), f"{got} differs from {want}"


def test_every_live_error_code_has_a_bad_case() -> None:
    covered = {case.parent.name for case in case_folders() if case.name.startswith("bad-")}
    assert sorted(live_error_codes() - covered) == []


def test_every_case_folder_is_named_right() -> None:
    codes = {code for code, rule in rules().items() if not rule.retired}
    for folder in code_folders():
        assert CODE_FOLDER.fullmatch(folder.name), f"{folder} is not named FCnnn"
        assert folder.name in codes, f"{folder}: no such code (or a retired one)"
        cases = [case for case in folder.iterdir() if case.is_dir()]
        assert cases, f"{folder} has no case"
        for case in cases:
            assert CASE_FOLDER.fullmatch(case.name), f"{case}: name it bad-... or good-..."
            assert (case / RUN).is_file() and (case / EXPECTED).is_file(), case
