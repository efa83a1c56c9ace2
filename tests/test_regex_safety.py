"""No regular expression in the hooks or our schemas can backtrack quadratically.

Checked by the shape of each pattern (see ``regex_audit``), not by timing it.
"""

from __future__ import annotations

import ast
import importlib
import json
import pathlib
import re
from typing import Iterator, List, Set, Tuple

import pytest

from .regex_audit import problems

HOOKS = pathlib.Path(__file__).resolve().parent.parent / "hooks"
SEARCHING = {"search", "sub", "subn", "findall", "finditer", "split"}
RE_FUNCTIONS = SEARCHING | {"match", "fullmatch", "compile"}


def _searched_names(tree: ast.AST) -> Set[str]:
    """The names a module calls a searching method on (``_TOKEN.search``)."""
    return {
        node.func.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.attr in SEARCHING
    }


def _code_patterns() -> Iterator[Tuple[str, str, bool]]:
    """(where, pattern, used with search) for every literal pattern in hooks/."""
    for path in sorted(HOOKS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        searched_names = _searched_names(tree)
        assigned = {
            id(node.value): {t.id for t in node.targets if isinstance(t, ast.Name)}
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
        }
        for call in ast.walk(tree):
            if not (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "re"
                and call.func.attr in RE_FUNCTIONS
                and call.args
                and isinstance(call.args[0], ast.Constant)
            ):
                continue
            pattern = call.args[0].value
            if isinstance(pattern, bytes):
                pattern = pattern.decode("latin-1")
            if not isinstance(pattern, str):
                continue
            searched = call.func.attr in SEARCHING or bool(
                assigned.get(id(call), set()) & searched_names
            )
            yield f"{path.name}:{call.lineno}", pattern, searched


def _schema_patterns() -> Iterator[Tuple[str, str, bool]]:
    """jsonschema applies ``pattern`` with ``re.search``."""
    for path in sorted((HOOKS / "rules" / "schemas").glob("*.json")):
        stack: List[object] = [json.loads(path.read_text(encoding="utf-8"))]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                pattern = value.get("pattern")
                if isinstance(pattern, str):
                    yield path.name, pattern, True
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)


def _composed_patterns(known: Set[str]) -> Iterator[Tuple[str, str, bool]]:
    """The module-level patterns composed at import (f-strings, shared parts),
    which no literal shows: read from the imported modules themselves."""
    for path in sorted(HOOKS.rglob("*.py")):
        if path.name == "__main__.py":
            continue  # importing it runs the command
        relative = path.relative_to(HOOKS).with_suffix("")
        module = importlib.import_module(".".join(("forge_connect_hooks", *relative.parts)))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        searched_names = _searched_names(tree)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                if value.pattern not in known:
                    yield f"{path.name}:{name}", value.pattern, name in searched_names


LITERAL = list(_code_patterns()) + list(_schema_patterns())
ALL = LITERAL + list(_composed_patterns({pattern for _, pattern, _ in LITERAL}))


def test_the_audit_finds_patterns() -> None:
    assert len(ALL) >= 25


@pytest.mark.parametrize(("where", "pattern", "searched"), ALL, ids=[a for a, _, _ in ALL])
def test_no_pattern_backtracks_quadratically(where: str, pattern: str, searched: bool) -> None:
    assert problems(pattern, searched=searched) == []


@pytest.mark.parametrize(
    ("pattern", "searched"),
    [
        # Each of these once hung a hook on a long enough input.
        (r"^(https://[^\s/?#]+[^\s]*|\{\{[A-Za-z]+\}\}[^\s]*)$", True),
        (r"[ \t\r\n]*$", True),
        (r"(?:[ \t\n\r]+|//[^\n]*|/\*.*?\*/)*", False),
        (r"(a+)+b", False),
        (r"\s*\s*x", False),
        (r"x[a-z]*(?:-)?[a-z]*y", False),
    ],
)
def test_the_audit_refuses_known_slow_shapes(pattern: str, searched: bool) -> None:
    assert problems(pattern, searched=searched) != []


@pytest.mark.parametrize(
    ("pattern", "searched"),
    [
        (r"^https://[^\s/?#][^\s]*$", True),
        (r"[ \t]*,[ \t]*(?://[^\n]*)?\r?\n", False),
        (r'"(?:[^"\\]|\\.)*"', False),
        (r"[a-z]+:[0-9]+", False),
    ],
)
def test_the_audit_accepts_linear_shapes(pattern: str, searched: bool) -> None:
    assert problems(pattern, searched=searched) == []
