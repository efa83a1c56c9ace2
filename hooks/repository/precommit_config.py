"""The entries of a repository's ``.pre-commit-config.yaml`` that run this
project's hooks, and the files each entry is given, as pre-commit gives them.

pre-commit chooses a hook's files in three steps, and so does this module:
the config's top-level ``files`` and ``exclude`` first, then the entry's
``files`` and ``exclude`` (each a Python regular expression searched in the
path), then its ``types`` (all of them), ``types_or`` (any) and
``exclude_types`` (none), told by ``identify``. An entry's ``args`` follow its
command. An entry that leaves a key out gets this project's
``.pre-commit-hooks.yaml`` value, as pre-commit merges them.

pre-commit's own code is not used: its modules are no public API, and it
would bring PyYAML, virtualenv and nodeenv into every hook's environment. The
format is pre-commit's, and a test runs real pre-commit beside ``check`` on
the same configs.
"""

from __future__ import annotations

import os
import re
from typing import FrozenSet, Iterator, List, NamedTuple, Optional, Pattern, Sequence, Tuple

from ..reading.nodes import LineIndex, Node
from . import selection
from .selection import HOOK_FILES

CONFIG_NAME = ".pre-commit-config.yaml"
# A config is a few kilobytes; a larger file is not one to read whole.
_MAX_CONFIG_BYTES = 1024 * 1024
# Repositories whose hooks are defined in the config itself, not by this project.
_NOT_OURS = frozenset({"local", "meta"})


class Entry(NamedTuple):
    """One entry of the config that runs one of this project's hooks."""

    hook: str  # the hook's id
    name: str  # its name, as pre-commit prints it
    files: Pattern[str]
    exclude: Pattern[str]
    types: FrozenSet[str]
    types_or: FrozenSet[str]
    exclude_types: FrozenSet[str]
    args: Tuple[str, ...]


class Config(NamedTuple):
    files: Pattern[str]
    exclude: Pattern[str]
    entries: List[Entry]


class ConfigProblem(Exception):
    """The config cannot be read as pre-commit reads it: ``path:line:col: what``."""


def default_config() -> Config:
    """Every hook once, as this project declares it: what a run without a
    config that names these hooks gives."""
    entries = [
        Entry(
            hook,
            declared.name,
            declared.files,
            re.compile("^$"),
            declared.types,
            frozenset(),
            frozenset(),
            (),
        )
        for hook, declared in HOOK_FILES.items()
    ]
    return Config(re.compile(""), re.compile("^$"), entries)


def read_config(path: str) -> Optional[Config]:
    """The config at ``path`` with its entries of this project's hooks; None
    when there is no such file, or it runs none of them."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(_MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigProblem(f"{path}: cannot be read: {error.strerror}") from None
    if len(data) > _MAX_CONFIG_BYTES:
        raise ConfigProblem(f"{path}: larger than {_MAX_CONFIG_BYTES // 1024} KB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigProblem(f"{path}: not UTF-8") from None
    return _Reader(path, text).config()


class _Reader:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = LineIndex(text)

    def config(self) -> Optional[Config]:
        from ..reading.yamltext import YAMLFailure, parse_yaml

        try:
            parsed = parse_yaml(self.text)
        except YAMLFailure as failure:
            raise self._problem(failure.problem.offset, failure.problem.message) from None
        if parsed.problems:
            first = parsed.problems[0]
            raise self._problem(first.offset, first.message)
        root = parsed.root
        if root is None or not root.is_object:
            raise self._problem(root.offset if root else 0, "the config is not a mapping")
        repos = root.get("repos")
        if repos is None or not isinstance(repos.value, list):
            raise self._problem((repos or root).offset, "'repos' is not a list")
        entries: List[Entry] = []
        for repo in repos.value:
            if not repo.is_object:
                raise self._problem(repo.offset, "a repository is not a mapping")
            if self._string(repo, "repo", "") in _NOT_OURS:
                continue
            hooks = repo.get("hooks")
            if hooks is None or not isinstance(hooks.value, list):
                raise self._problem((hooks or repo).offset, "'hooks' is not a list")
            entries.extend(self._entry(hook) for hook in hooks.value if self._is_ours(hook))
        if not entries:
            return None
        return Config(self._regex(root, "files", ""), self._regex(root, "exclude", "^$"), entries)

    def _is_ours(self, hook: Node) -> bool:
        if not hook.is_object:
            raise self._problem(hook.offset, "a hook is not a mapping")
        return self._string(hook, "id", "") in HOOK_FILES

    def _entry(self, hook: Node) -> Entry:
        hook_id = self._string(hook, "id", "")
        declared = HOOK_FILES[hook_id]
        return Entry(
            hook=hook_id,
            name=self._string(hook, "name", declared.name),
            files=self._regex(hook, "files", declared.files.pattern),
            exclude=self._regex(hook, "exclude", "^$"),
            types=frozenset(self._strings(hook, "types", sorted(declared.types))),
            types_or=frozenset(self._strings(hook, "types_or", [])),
            exclude_types=frozenset(self._strings(hook, "exclude_types", [])),
            args=tuple(self._strings(hook, "args", [])),
        )

    def _string(self, node: Node, key: str, default: str) -> str:
        value = node.get(key)
        if value is None:
            return default
        if not isinstance(value.value, str):
            raise self._problem(value.offset, f"'{key}' is not a string")
        return value.value

    def _strings(self, node: Node, key: str, default: Sequence[str]) -> List[str]:
        value = node.get(key)
        if value is None:
            return list(default)
        items = value.value
        if not isinstance(items, list) or not all(isinstance(item.value, str) for item in items):
            raise self._problem(value.offset, f"'{key}' is not a list of strings")
        return [str(item.value) for item in items]

    def _regex(self, node: Node, key: str, default: str) -> Pattern[str]:
        pattern = self._string(node, key, default)
        try:
            return re.compile(pattern)
        except re.error as error:
            at = node.get(key)
            raise self._problem(
                at.offset if at else node.offset, f"'{key}' is not a regular expression: {error}"
            ) from None

    def _problem(self, offset: int, message: str) -> ConfigProblem:
        line, col = self.lines.position(offset)
        return ConfigProblem(f"{self.path}:{line}:{col}: {message}")


def files_for(config: Config, entry: Entry, paths: Sequence[str]) -> List[str]:
    """Of ``paths`` (relative to the top folder), those pre-commit gives ``entry``."""
    from identify.identify import tags_from_path

    chosen = []
    for path in paths:
        if not _included(path, config.files, config.exclude):
            continue
        if not _included(path, entry.files, entry.exclude):
            continue
        try:
            tags = tags_from_path(path)
        except ValueError:
            continue  # gone meanwhile
        if not entry.types <= tags:
            continue
        if entry.types_or and not entry.types_or & tags:
            continue
        if entry.exclude_types & tags:
            continue
        chosen.append(path)
    return chosen


def _included(path: str, files: Pattern[str], exclude: Pattern[str]) -> bool:
    return files.search(path) is not None and exclude.search(path) is None


def hook_runs(
    config: Optional[Config], files: List[str]
) -> Iterator[Tuple[str, List[str], List[str]]]:
    """Each hook run: its name, its arguments and its files; the config's
    entries in their order, or without a config every hook once."""
    config = config or default_config()
    for entry in config.entries:
        yield entry.hook, list(entry.args), files_for(config, entry, files)


class Selected(NamedTuple):
    """What a command over the repository works on."""

    config: Optional[Config]  # None: the repository has no config
    files: List[str]  # the tracked files under the paths given (all, without paths)
    given: List[str]  # the paths given, relative to the top
    config_file: str  # the config's absolute path, whether or not it exists


def select(paths: Sequence[str], config_path: Optional[str]) -> Selected:
    """The tracked files under ``paths`` and the config that runs the hooks,
    with the current folder moved to the repository's top, where pre-commit
    runs the hooks. Raises NotARepository, ConfigProblem, or ValueError for a
    path that does not exist, lies outside or holds no tracked file."""
    top = selection.top_folder()
    given = [selection.inside(top, path) for path in paths]
    config_file = os.path.abspath(config_path or os.path.join(top, CONFIG_NAME))
    os.chdir(top)
    config = read_config(config_file)
    files = selection.tracked([":(literal)" + path for path in given])
    untracked = selection.untracked_paths(given, files)
    if untracked:
        raise ValueError(untracked)
    return Selected(config, files, given, config_file)
