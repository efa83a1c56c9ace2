"""Module properties Forge writes itself when it deploys, which a manifest
must not set: ``resolvedResourceEntry`` and ``renderRuntimeType``."""

from __future__ import annotations

from typing import List

from ..reading.documents import Document
from ..reading.nodes import PathItem
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import modules_of

INTERNAL_FIELD = Rule(
    "FC341",
    "InternalField",
    meaning="a module sets resolvedResourceEntry or renderRuntimeType, which Forge writes itself",
    why="Forge refuses the manifest: these properties are Forge's own, set when it deploys.",
    example=(
        "modules:\n  bitbucket:repoMainMenuPage:\n    - key: page\n"
        "      renderRuntimeType: webworker"
    ),
    fix="Remove the property.",
)

_FIELDS = ("resolvedResourceEntry", "renderRuntimeType")


def internal_field_checks(document: Document) -> List[Finding]:
    modules = modules_of(document)
    findings: List[Finding] = []
    for module_type, listed in modules.items() if modules is not None else ():
        if module_type == "function" or not isinstance(listed.value, list):
            continue
        for index, item in enumerate(listed.value):
            for field in _FIELDS:
                if item.get(field) is not None:
                    message = f"{module_type} sets {field}, which Forge writes itself; remove it"
                    path: List[PathItem] = ["modules", module_type, index, field]
                    findings.append(document.at_path(path, INTERNAL_FIELD, message, key=True))
    return findings
