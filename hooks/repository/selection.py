"""Which tracked files each hook reads, chosen as pre-commit chooses them.

The patterns and types are those of .pre-commit-hooks.yaml (a test keeps the
two equal); :mod:`.precommit_config` applies them, with a config's own, as
pre-commit does.
"""

from __future__ import annotations

import os
import re
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Pattern, Sequence

from . import git


class HookFiles(NamedTuple):
    """One hook as .pre-commit-hooks.yaml declares it (a test keeps the two equal)."""

    files: Pattern[str]  # searched in the path relative to the repository's top
    types: FrozenSet[str]  # every one of these identify tags
    name: str
    require_serial: bool


_JSON_OR_MANIFEST = re.compile(r"(^|/)(atlassian-connect\.(?i:json)|manifest\.ya?ml)$|\.(?i:json)$")

# Every hook, in the order the check command runs them: the fix first, as
# README's config has it. Its id is its command and, with '_' for '-', its module.
HOOK_FILES: Dict[str, HookFiles] = {
    "sync-forge-app-id": HookFiles(_JSON_OR_MANIFEST, frozenset({"file"}), "sync forgeAppId", True),
    "check-connect-descriptor": HookFiles(
        _JSON_OR_MANIFEST, frozenset({"file"}), "check Connect descriptor", True
    ),
    "check-forge-manifest": HookFiles(
        re.compile(r"(^|/)manifest\.ya?ml$"), frozenset({"file"}), "check Forge manifest", False
    ),
    "check-forge-app": HookFiles(
        re.compile(""), frozenset({"file"}), "check Forge app files", False
    ),
    "check-forge-app-link": HookFiles(
        re.compile(""), frozenset({"text"}), "check Forge install link", True
    ),
}


class NotARepository(Exception):
    """The check command works on a git repository's tracked files."""


def top_folder() -> str:
    """The repository's top folder; NotARepository outside one."""
    result = git.output("rev-parse", "--show-toplevel")
    if result is None:
        raise NotARepository("not inside a git repository (run it in the app's repository)")
    return os.fsdecode(result.rstrip(b"\n"))


def tracked(pathspecs: Sequence[str]) -> List[str]:
    """The tracked files under ``pathspecs`` (relative to the top folder, which
    must be the current folder), that exist in the work tree."""
    listed = git.output("ls-files", "-z", "--", *(pathspecs or ["."]), timeout=60)
    if listed is None:
        raise NotARepository("git could not list the tracked files")
    names = [os.fsdecode(name) for name in listed.split(b"\0") if name]
    return [name for name in names if os.path.lexists(name)]


def untracked_paths(given: Sequence[str], tracked_files: Sequence[str]) -> Optional[str]:
    """Why a path given (relative to the top folder) holds no tracked file,
    or None when each holds one: a check of nothing must not pass silently."""
    lacking = [path for path in given if not _holds_any(path, tracked_files)]
    if not lacking:
        return None
    path = lacking[0]
    submodule = _submodule_of(path)
    if submodule is not None:
        return f"{path!r} is inside the submodule {submodule!r}: run the check in it"
    return f"{path!r} holds no file git tracks: `git add` it, or name tracked files"


def _holds_any(path: str, tracked_files: Sequence[str]) -> bool:
    if path in ("", "."):
        return bool(tracked_files)
    prefix = path.rstrip("/") + "/"
    return any(name == path or name.startswith(prefix) for name in tracked_files)


def _submodule_of(path: str) -> Optional[str]:
    """The submodule (a gitlink in the index) that ``path`` is or lies in."""
    parts = path.replace(os.sep, "/").split("/")
    folders = ["/".join(parts[: count + 1]) for count in range(len(parts))]
    listed = git.output("ls-files", "-s", "-z", "--", *(":(literal)" + f for f in folders))
    for record in (listed or b"").split(b"\0"):
        mode, _, rest = record.partition(b" ")
        if mode == b"160000":
            return os.fsdecode(rest.split(b"\t", 1)[-1])
    return None


def inside(top: str, path: str) -> str:
    """``path`` relative to the top folder; ValueError when it does not
    exist or lies outside."""
    if not os.path.lexists(path):
        raise ValueError(f"no such file or folder: {path!r}")
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(top))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        raise ValueError(f"outside the repository: {path!r}")
    return relative
