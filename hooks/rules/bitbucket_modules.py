"""Bitbucket's own module checks in Forge's validator that need only the
manifest: which page is the app's configuration page and which its "get
started" page.

Forge refuses a manifest where two ``bitbucket:workspaceSettingsMenuPage``
modules set ``useAsConfig``, or two ``bitbucket:workspaceGlobalPage``
modules set ``useAsGetStarted``, and one where another Bitbucket module has
either property at all.
"""

from __future__ import annotations

from typing import List

from ..reading.documents import Document
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import js_truthy, key_of, module_items, modules_of

BITBUCKET_PAGE_PROPERTY = Rule(
    "FC321",
    "BitbucketPageProperty",
    meaning=(
        "useAsConfig or useAsGetStarted set on two pages, or on a Bitbucket module that does not "
        "take it"
    ),
    why=(
        "Forge refuses the manifest: a workspace has one configuration page "
        "(bitbucket:workspaceSettingsMenuPage) and one get-started page "
        "(bitbucket:workspaceGlobalPage), and no other module takes those properties."
    ),
    example=("modules:\n  bitbucket:repoMainMenuPage:\n    - key: main\n      useAsConfig: true"),
    fix="Set the property on the one page it is meant for, and remove it elsewhere.",
)

# The property, and the one module type that takes it.
_PROPERTIES = (
    ("useAsConfig", "bitbucket:workspaceSettingsMenuPage"),
    ("useAsGetStarted", "bitbucket:workspaceGlobalPage"),
)


def bitbucket_module_checks(document: Document) -> List[Finding]:
    modules = modules_of(document)
    if modules is None:
        return []
    findings: List[Finding] = []
    for name, allowed in _PROPERTIES:
        setting = [
            (path, item)
            for path, item in module_items(modules, allowed)
            if js_truthy(item.get(name))
        ]
        # Each page after the first that sets it: one line a page too many.
        for path, _ in setting[1:]:
            message = (
                f"only one {allowed} may set {name} to true, and {key_of(setting[0][1])!r} does "
                "already; keep it on the one page meant"
            )
            findings.append(
                document.at_path([*path, name], BITBUCKET_PAGE_PROPERTY, message, key=True)
            )
        for module_type, _ in modules.items():
            if not module_type.startswith("bitbucket:") or module_type == allowed:
                continue
            for path, item in module_items(modules, module_type):
                if item.get(name) is not None:
                    message = (
                        f"{module_type} does not take {name}; only {allowed} does. Remove it, "
                        f"or move it to the {allowed}"
                    )
                    findings.append(
                        document.at_path([*path, name], BITBUCKET_PAGE_PROPERTY, message, key=True)
                    )
    return findings
