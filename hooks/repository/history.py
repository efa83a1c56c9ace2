"""What a file held in the last commit, from git, for the checks that compare.

One ``git diff`` says which files changed since the last commit, and one
``git cat-file --batch`` process reads those: a run over a thousand files
costs two processes, and unchanged files none of the reading.
"""

from __future__ import annotations

import os
from typing import Dict, List, Mapping, Optional, Tuple

from . import git


def base_ref(environ: Optional[Mapping[str, str]] = None) -> str:
    """What a file is compared with: the last commit, or in CI the ref that
    ``pre-commit run --from-ref REF --to-ref ...`` names (pre-commit exports it;
    older versions as PRE_COMMIT_SOURCE)."""
    environ = os.environ if environ is None else environ
    for name in ("PRE_COMMIT_FROM_REF", "PRE_COMMIT_SOURCE"):
        ref = environ.get(name, "")
        if ref and not ref.startswith("-") and "\n" not in ref and ":" not in ref:
            return ref
    return "HEAD"


class LastCommit:
    """Files as of the base (HEAD, or pre-commit's from-ref); None for a file
    that is not there (or no git, no commit)."""

    def __init__(self, base: Optional[str] = None) -> None:
        self.base = base_ref() if base is None else base
        self._reader = git.BatchReader()
        # Each changed file and its name in the last commit (a rename's old name).
        self._changed: Optional[Dict[str, str]] = None

    def text(self, path: str) -> Optional[str]:
        """``path`` as of the base when it changed since; None when it did not
        change, is new, or there is no such commit."""
        relative = os.path.relpath(os.path.abspath(path))
        outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
        if self._reader.broken or outside or "\n" in relative:
            return None  # outside this folder (a folder named "..x" is inside)
        before = self._changed_files().get(relative)
        if before is None:
            return None
        data = self._reader.read(f"{self.base}:./{before}")
        return None if data is None else data.decode("utf-8-sig", "replace")

    def _changed_files(self) -> Dict[str, str]:
        if self._changed is None:
            self.answered(git.output(*self.changed_command()))
        assert self._changed is not None
        return self._changed

    def changed_command(self) -> Tuple[str, ...]:
        """The git command that says which files changed since the base (-M:
        a file renamed in this commit is compared with its old self)."""
        return ("diff", "--name-status", "-M", "-z", "--relative", self.base, "--")

    @property
    def asked(self) -> bool:
        return self._changed is not None

    def answered(self, listed: Optional[bytes]) -> None:
        """Take what :meth:`changed_command` printed (None: git failed)."""
        fields = [] if listed is None else listed.decode("utf-8", "surrogateescape").split("\0")
        self._changed = _name_status(fields)

    def close(self) -> None:
        self._reader.close()


def _name_status(fields: List[str]) -> Dict[str, str]:
    """``git diff --name-status -z``: each path, and its path in the last
    commit (renames and copies name two paths, the old one first)."""
    changed: Dict[str, str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[:1] in ("R", "C") and index + 2 < len(fields):
            old, new = fields[index + 1], fields[index + 2]
            changed[os.path.normpath(new)] = os.path.normpath(old)
            index += 3
        elif index + 1 < len(fields):
            changed[os.path.normpath(fields[index + 1])] = os.path.normpath(fields[index + 1])
            index += 2
        else:
            break
    return changed


# Where a pull request's target branch is named, by CI service.
_TARGET_BRANCH_VARIABLES = (
    "GITHUB_BASE_REF",
    "BITBUCKET_PR_DESTINATION_BRANCH",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
)


def commit_of(ref: str) -> Optional[str]:
    """The commit ``ref`` names, or None."""
    if not ref or ref.startswith("-") or "\n" in ref:
        return None
    output = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return output.strip() if output else None


def default_base(environ: Dict[str, str]) -> str:
    """What a whole-repository check compares links with: the merge base with
    the pull request's target branch (as CI names it) or the remote's default
    branch, where git knows one; else HEAD."""
    candidates = [
        f"origin/{environ[name]}" for name in _TARGET_BRANCH_VARIABLES if environ.get(name)
    ]
    default = _git("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
    if default:
        candidates.append(default.strip())
    for candidate in candidates:
        if commit_of(candidate) is not None:
            base = _git("merge-base", "HEAD", candidate)
            if base:
                return base.strip()
    return "HEAD"


def _git(*args: str) -> Optional[str]:
    answer = git.output(*args)
    return None if answer is None else answer.decode("utf-8", "surrogateescape")
