"""The repository's files, as git lists them: tracked, staged, and the
manifests with a line only a Forge manifest has. Each is asked of git once a
run, however many hooks or files ask."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import FrozenSet, List, Optional, Sequence

from ..reading.documents import FORGE_LINE, MANIFEST_NAMES
from ..reading.packagejson import Folders
from . import git


class RepositoryFiles:
    """What git says of the work tree at the current folder (the repository's
    top under pre-commit), asked on first use and kept for the run."""

    def __init__(self) -> None:
        self._tracked: Optional[List[str]] = None
        self._in_git = False  # whether git answered for the file list
        self._absolute: Optional[FrozenSet[str]] = None
        self._staged: Optional[Optional[FrozenSet[str]]] = None
        self._staged_asked = False
        self._folders: Optional[Folders] = None

    def tracked(self) -> List[str]:
        """Tracked files, relative to the current directory; empty outside a
        git repository."""
        if self._tracked is None:
            self.ask(staged=False)
        assert self._tracked is not None
        return self._tracked

    def _set_tracked(self, output: Optional[bytes]) -> None:
        listed = _tracked_names(output)
        self._in_git = listed is not None
        self._tracked = listed or []

    @property
    def in_git(self) -> bool:
        self.tracked()
        return self._in_git

    def tracked_absolute(self) -> FrozenSet[str]:
        """The tracked files as absolute paths, made once a run."""
        if self._absolute is None:
            here = os.getcwd()
            self._absolute = frozenset(
                os.path.abspath(path) if path.startswith("../") else os.path.join(here, path)
                for path in self.tracked()
            )
        return self._absolute

    def staged(self) -> Optional[FrozenSet[str]]:
        """Absolute paths of the files staged for the commit, or None when git
        cannot say."""
        if not self._staged_asked:
            # Whoever asks what is staged goes on to pair files: the tracked
            # files are asked for at the same time.
            self.ask(staged=True)
        return self._staged

    def ask(self, *, staged: bool, beside: Sequence[Sequence[str]] = ()) -> List[Optional[bytes]]:
        """Ask git, all at once, for the tracked files and (with ``staged``)
        the staged ones, where not known yet, and for the commands ``beside``,
        whose outputs are returned."""
        ask_tracked = self._tracked is None
        ask_staged = staged and not self._staged_asked
        commands = [_LS_FILES] * ask_tracked + [_STAGED] * ask_staged
        answers = git.outputs([*commands, *beside])
        if ask_tracked:
            self._set_tracked(answers.pop(0))
        if ask_staged:
            self._staged = _staged_names(answers.pop(0))
            self._staged_asked = True
        return answers

    def folders(self) -> Folders:
        """Folder look-ups shared by every file of the run, answered from the
        tracked files where git knows them."""
        if self._folders is None:
            tracked = self.tracked_absolute()
            self._folders = Folders(tracked if self._in_git else None)
        return self._folders


def forge_lines() -> Optional[FrozenSet[str]]:
    """Tracked manifests (relative paths) that hold a line only a Forge manifest
    has, or a UTF-16 or UTF-32 byte order mark; None when git cannot say."""
    listed = git.output(
        b"grep",
        b"-l",
        b"-z",
        b"-a",
        b"-E",
        b"-e",
        FORGE_LINE,
        b"-e",
        b"\xfe\xff|^\xff\xfe",
        b"--full-name",
        b"--",
        *(b":(top)*" + name.encode() for name in MANIFEST_NAMES),
        accept=(0, 1),  # 1: no file matches
        environ={"LC_ALL": "C"},  # bytes, whatever the locale
    )
    if listed is None:
        return None
    names = [name for name in listed.decode("utf-8", "replace").split("\0") if name]
    prefix = _git_prefix()
    if prefix is not None:
        names = [os.path.relpath(os.path.join(prefix, name)) for name in names]
    return frozenset(names)


_LS_FILES = ("ls-files", "-z", "--full-name", "--", ":/")
_STAGED = ("diff", "--cached", "--name-only", "-z", "--relative", "--")


def _tracked_names(output: Optional[bytes]) -> Optional[List[str]]:
    """The index's files from ``git ls-files``, or None when git did not
    answer (no repository)."""
    if output is None:
        return None
    prefix = _git_prefix()
    names = [name for name in output.decode("utf-8", "replace").split("\0") if name]
    if prefix is None:
        return names
    return [os.path.relpath(os.path.join(prefix, name)) for name in names]


def _staged_names(output: Optional[bytes]) -> Optional[FrozenSet[str]]:
    if output is None:
        return None
    names = output.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(os.path.abspath(name) for name in names if name)


def _git_prefix() -> Optional[str]:
    """The repository root relative to here, or None when here is the root."""
    if os.path.exists(".git"):
        return None  # the root, where pre-commit runs hooks: no need to ask git
    cdup = git.output("rev-parse", "--show-cdup")
    text = "" if cdup is None else cdup.decode("utf-8", "replace").strip()
    return text or None


def repository_root() -> str:
    """The work tree's top folder (the current folder outside a repository),
    asked of git once per current folder, however many files a run writes."""
    return _repository_root(os.getcwd())


@lru_cache(maxsize=8)
def _repository_root(cwd: str) -> str:
    if os.path.exists(os.path.join(cwd, ".git")):
        return cwd  # a folder with .git (a folder, or a worktree's file) is a work tree's top
    top = git.output("rev-parse", "--show-toplevel")
    text = "" if top is None else top.decode("utf-8", "surrogateescape").strip()
    return text or cwd


def under(path: str, roots: Optional[Sequence[str]]) -> bool:
    """Whether ``path`` lies under one of ``roots``, both relative to the top
    folder (None: no limit)."""
    if roots is None:
        return True
    relative = os.path.normpath(path)
    for root in (os.path.normpath(root) for root in roots):
        if root == "." or relative == root or relative.startswith(root + os.sep):
            return True
    return False
