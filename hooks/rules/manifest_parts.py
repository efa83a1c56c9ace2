"""The parts of a Forge manifest that several rules read, read once here the
way Forge's validators read them."""

from __future__ import annotations

import math
from typing import FrozenSet, Iterator, List, Optional, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem


def modules_of(document: Document) -> Optional[Node]:
    """The ``modules`` mapping, or None when there is none."""
    modules = document.root.get("modules")
    return modules if modules is not None and modules.is_object else None


def module_items(modules: Node, module_type: str) -> Iterator[Tuple[List[PathItem], Node]]:
    """Each module of one type that is a mapping, with its path."""
    listed = modules.get(module_type)
    if listed is None or not isinstance(listed.value, list):
        return
    for index, item in enumerate(listed.value):
        if item.is_object:
            yield ["modules", module_type, index], item


def named_references(item: Node, name: str) -> Iterator[Node]:
    """``item[name]`` and ``item[property][name]``: where Forge's reference
    checks look for a module's function, endpoint or service."""
    own = item.get(name)
    if own is not None:
        yield own
    for _, value in item.items():
        nested = value.get(name)
        if nested is not None:
            yield nested


def key_value(item: Node) -> object:
    """A mapping's ``key`` as written (None when it has none), for messages."""
    key = item.get("key")
    return key.value if key is not None else None


def key_of(item: Node) -> str:
    """A module's key as written, for messages."""
    key = item.get("key")
    return str(key.value) if key is not None else "(no key)"


def granted_scopes(document: Document) -> FrozenSet[str]:
    """permissions.scopes: a list of names, or a mapping whose keys are names."""
    permissions = document.root.get("permissions")
    scopes = permissions.get("scopes") if permissions is not None else None
    if scopes is None:
        return frozenset()
    if isinstance(scopes.value, list):
        return frozenset(item.value for item in scopes.value if isinstance(item.value, str))
    if isinstance(scopes.value, dict):
        return frozenset(name for name, _ in scopes.items())
    return frozenset()


def js_truthy(node: Optional[Node]) -> bool:
    """JavaScript's truth of a YAML value, as Forge's validators test it."""
    if node is None:
        return False
    value = node.value
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, (list, dict)):
        return True
    return bool(value)
