"""The manifest's ``resources`` and the modules that name them, as Forge's
resources validator reads them: keys are unique, and a module's
``resource`` (``key`` or ``key/entry``) names a declared resource.

As Forge does, a module's references are checked only where the manifest
declares resources and the module names one itself; the references of its
properties (``viewportSize``'s page, a panel's ``icon``) are checked with it.
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Set, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem, items_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import js_truthy, modules_of

RESOURCE_KEY_DUPLICATE = Rule(
    "FC325",
    "ResourceKeyDuplicate",
    meaning="two resources with the same key",
    why="Forge refuses the manifest: a module names its resource by key, so keys are unique.",
    example=(
        "resources:\n  - key: main\n    path: src/frontend/a.jsx\n  - key: main\n"
        "    path: src/frontend/b.jsx"
    ),
    fix="Give each resource its own key, and update the modules that name it.",
)

RESOURCE_REFERENCE = Rule(
    "FC326",
    "ResourceReference",
    meaning="a module names a resource that the manifest does not declare",
    why="Forge refuses the manifest: the module's UI would have nothing to load.",
    example=(
        "modules:\n  bitbucket:repoMainMenuPage:\n    - key: page\n      resource: mian\n"
        "resources:\n  - key: main\n    path: src/frontend/index.jsx"
    ),
    fix="Name a resource key declared under resources (KEY, or KEY/ENTRY), or declare it.",
)


TOO_MANY_RESOURCES = Rule(
    "FC343",
    "TooManyResources",
    meaning="more than 50 resources",
    why="Forge refuses the manifest: an app declares at most 50 resources.",
    example="resources:\n  - key: r1\n    path: static/r1\n  ... (51 entries)",
    fix="Serve several modules from one resource, as KEY/ENTRY where the module allows it.",
)

MAX_RESOURCES = 50


def resource_checks(document: Document) -> List[Finding]:
    resources = document.root.get("resources")
    if resources is None or not isinstance(resources.value, list):
        return []
    declared = _declared(document, resources)
    findings = declared.findings
    if len(resources.value) > MAX_RESOURCES:
        message = (
            f"{len(resources.value)} resources are declared; Forge allows {MAX_RESOURCES}: "
            "share resources between modules"
        )
        findings.insert(
            0, document.at_path(["resources", MAX_RESOURCES], TOO_MANY_RESOURCES, message)
        )
    modules = modules_of(document)
    if modules is None:
        return findings
    for module_type, listed in modules.items():
        if module_type == "function" or not isinstance(listed.value, list):
            continue
        for index, item in enumerate(listed.value):
            if not item.is_object or not js_truthy(item.get("resource")):
                continue
            for where, reference in _references(item):
                key = _resource_key(reference)
                if key is None or key not in declared.keys:
                    path: List[PathItem] = ["modules", module_type, index, *where]
                    message = (
                        f"{module_type} names the resource {reference!r}, which is not declared; "
                        "name a key declared under resources (KEY or KEY/ENTRY), or declare it"
                    )
                    findings.append(document.at_path(path, RESOURCE_REFERENCE, message))
    return findings


class _Declared:
    def __init__(self) -> None:
        self.keys: Set[str] = set()
        self.findings: List[Finding] = []


def _declared(document: Document, resources: Node) -> _Declared:
    declared = _Declared()
    first_line: Dict[str, int] = {}
    listed = items_of(resources)
    for index, resource in enumerate(listed):
        key = resource.get("key") if resource.is_object else None
        if key is None or not isinstance(key.value, str):
            continue
        if key.value in first_line:
            message = (
                f"resource key {key.value!r} is declared already at line "
                f"{first_line[key.value]}; give each resource its own key"
            )
            declared.findings.append(
                document.at_path(["resources", index, "key"], RESOURCE_KEY_DUPLICATE, message)
            )
        else:
            first_line[key.value] = document.line_of(key)
            declared.keys.add(key.value)
    return declared


def _references(item: Node) -> Iterator[Tuple[List[PathItem], str]]:
    """The module's own resource and each of its properties' (``prop.resource``)."""
    own = item.get("resource")
    if own is not None and isinstance(own.value, str) and own.value:
        yield ["resource"], own.value
    for name, value in item.items():
        nested = value.get("resource") if value.is_object else None
        if nested is not None and isinstance(nested.value, str) and nested.value:
            yield [name, "resource"], nested.value


def _resource_key(reference: str) -> Optional[str]:
    """``key`` or ``key/entry`` names ``key``; any other form names nothing."""
    parts = reference.split("/")
    if len(parts) == 1 or (len(parts) == 2 and parts[0] and parts[1]):
        return parts[0]
    return None
