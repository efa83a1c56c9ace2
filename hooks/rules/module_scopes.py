"""A module type that cannot work without a scope: Forge refuses every
module of that type while the manifest lacks it (``bitbucket:mergeCheck``
reads the pull request, so it needs ``read:pullrequest:bitbucket``).

Which type needs which scope comes from the user's ``@forge/manifest``, or
from the shipped catalogue where none is installed.
"""

from __future__ import annotations

from typing import List

from ..forge.package import ForgePackage
from ..reading.documents import Document
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import granted_scopes, module_items, modules_of

MODULE_SCOPE = Rule(
    "FC322",
    "ModuleScope",
    meaning="a module whose type needs a scope the manifest does not request",
    why=(
        "Forge refuses the manifest: a module of this type cannot work without the scope "
        "(bitbucket:mergeCheck reads the pull request it checks)."
    ),
    example=(
        "modules:\n  bitbucket:mergeCheck:\n    - key: checks\n      function: check\n"
        "permissions:\n  scopes: [read:repository:bitbucket]"
    ),
    fix="Add the scope the message names under permissions.scopes.",
)


def module_scope_checks(document: Document, package: ForgePackage) -> List[Finding]:
    modules = modules_of(document)
    if modules is None or not package.module_scopes:
        return []
    granted = granted_scopes(document)
    findings: List[Finding] = []
    for module_type, needed in package.module_scopes:
        missing = [scope for scope in needed if scope not in granted]
        if not missing:
            continue
        names = ", ".join(repr(scope) for scope in missing)
        for path, item in module_items(modules, module_type):
            where = [*path, "key"] if item.get("key") is not None else path
            message = (
                f"a {module_type} module needs the scope {names}; add it under permissions.scopes"
            )
            findings.append(document.at_path(where, MODULE_SCOPE, message))
    return findings
