"""The package's shape: thin hooks on top, one subpackage per layer below, imports
running only downwards.

Read from the import statements themselves, so the shape stays true as the code
grows: a new module in a layer, or a new import, is checked the day it lands.
"""

from __future__ import annotations

import ast
import pathlib
from typing import Iterator, List, Optional, Tuple

import pytest

HOOKS = pathlib.Path(__file__).resolve().parent.parent / "hooks"
PACKAGE = "forge_connect_hooks"

# Bottom to top: a layer may import the layers before it, never one after it.
LAYERS = ("reporting", "reading", "forge", "rules", "writing", "repository")
# The top of hooks/: the hooks, the commands beside them and the command line
# they share, nothing else.
TOP_MODULES = {
    "__init__",
    "__main__",
    "launch",
    "main",
    "check",
    "explain",
    "migration",
    "upload_code_insights",
    "cli",
    "registry",
    "check_connect_descriptor",
    "check_forge_app",
    "check_forge_app_link",
    "check_forge_manifest",
    "sync_forge_app_id",
}


def _module_name(path: pathlib.Path, root: pathlib.Path = HOOKS) -> Tuple[str, ...]:
    parts = path.relative_to(root).with_suffix("").parts
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(
    path: pathlib.Path, root: pathlib.Path = HOOKS
) -> Iterator[Tuple[int, Tuple[str, ...]]]:
    """(line, absolute module path inside the package) for every import of it."""
    here = _module_name(path, root)
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = base + tuple(node.module.split(".")) if node.module else base
            elif node.module and node.module.split(".")[0] == PACKAGE:
                target = tuple(node.module.split(".")[1:])
            else:
                continue
            names = [alias.name for alias in node.names]
            # `from . import codes` imports the module codes; `from .x import y` imports x.
            if node.module is None:
                for name in names:
                    yield node.lineno, (*target, name)
            else:
                yield node.lineno, target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    yield node.lineno, tuple(alias.name.split(".")[1:])


def _layer(module: Tuple[str, ...]) -> Optional[int]:
    """The rank of a module's layer, or None for the top of hooks/."""
    if module and module[0] in LAYERS:
        return LAYERS.index(module[0])
    return None


def upward_imports(root: pathlib.Path) -> List[str]:
    """Every import in the tree at root that runs from a layer up."""
    wrong = []
    for path in sorted(root.rglob("*.py")):
        here = _layer(_module_name(path, root))
        if here is None:
            continue  # the top may import every layer
        for line, target in _imports(path, root):
            there = _layer(target)
            where = f"{path.relative_to(root)}:{line}"
            if there is None and target not in ((), ("__version__",)):
                wrong.append(f"{where} imports the hook-level module {'.'.join(target)}")
            elif there is not None and there > here:
                wrong.append(f"{where} imports {'.'.join(target)}, a layer above it")
    return wrong


def test_the_top_holds_only_the_hooks_the_commands_and_their_command_line() -> None:
    top = {path.stem for path in HOOKS.glob("*.py")}
    assert top == TOP_MODULES
    folders = {path.name for path in HOOKS.iterdir() if path.is_dir()} - {"__pycache__"}
    assert folders == set(LAYERS)


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_says_what_it_is_for_and_what_it_may_import(layer: str) -> None:
    init = HOOKS / layer / "__init__.py"
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert docstring, f"{init} has no docstring"
    below = LAYERS[: LAYERS.index(layer)]
    for name in LAYERS:
        if name != layer and f"``{name}``" in docstring:
            assert name in below, f"{layer} says it may import {name}, a layer above it"


def test_no_import_runs_up() -> None:
    assert upward_imports(HOOKS) == []


def test_an_upward_import_is_caught(tmp_path: pathlib.Path) -> None:
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
        (tmp_path / layer / "__init__.py").write_text("")
    (tmp_path / "cli.py").write_text("from .rules import x\n")
    (tmp_path / "reading" / "a.py").write_text(
        "from ..rules.link_rules import check_link\n"
        "def f() -> None:\n"
        "    from forge_connect_hooks.repository import pairing\n"
        "    from .. import cli\n"
        "from ..reporting import codes\n"
    )
    assert upward_imports(tmp_path) == [
        "reading/a.py:1 imports rules.link_rules, a layer above it",
        "reading/a.py:3 imports repository, a layer above it",
        "reading/a.py:4 imports the hook-level module cli",
    ]


def test_the_checker_sees_imports_at_every_depth() -> None:
    """The test above would pass vacuously if it read no imports: it must read
    both the relative and the function-local imports that the code has."""
    documents = HOOKS / "reading" / "documents.py"
    targets = {target for _, target in _imports(documents)}
    assert ("reporting", "findings") in targets
    assert ("reading", "jsontext") in targets  # imported inside a function
    sync = {target for _, target in _imports(HOOKS / "sync_forge_app_id.py")}
    assert ("repository", "pairing") in sync
    assert ("cli",) in sync


def test_git_runs_from_one_module() -> None:
    """Every process the hooks start is git's, from repository/git.py, or npm's,
    asked once for the global root where the Forge CLI lives (forge/schema.py)."""
    starters = sorted(
        path.relative_to(HOOKS).as_posix()
        for path in HOOKS.rglob("*.py")
        if "subprocess" in path.read_text("utf-8")
    )
    assert starters == ["forge/schema.py", "repository/git.py"]
    assert '"git"' not in (HOOKS / "forge" / "schema.py").read_text("utf-8")


def test_no_budget_or_run_state_lives_in_a_module_global() -> None:
    """A budget is a run's: a module-level counter would be shared by every
    hook that runs in one process (the check command)."""
    import re

    mutable_counter = re.compile(r"^_?[A-Z_]*BUDGET[A-Z_]* = \[", re.M)
    offenders = [
        path.relative_to(HOOKS).as_posix()
        for path in HOOKS.rglob("*.py")
        if mutable_counter.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_each_hook_module_is_thin() -> None:
    for name in sorted(TOP_MODULES):
        if name.startswith(("check_", "sync_")):
            lines = (HOOKS / f"{name}.py").read_text("utf-8").count("\n")
            assert lines <= 100, f"{name}.py has {lines} lines"
