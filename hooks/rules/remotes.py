"""A manifest's remotes (Forge Remote: the app's own back end), as Forge's
remote validators read them: each has a ``baseUrl`` or is ``configurable``;
one that stores data says whether it is in scope of data residency; every
remote with more than one region serves the same regions; and an app whose
back end takes Forge's tokens asks for a scope to use them with.
"""

from __future__ import annotations

from typing import FrozenSet, List, Optional, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem, items_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import granted_scopes, js_truthy, key_value, module_items, modules_of

REMOTE_CONFIG = Rule(
    "FC345",
    "RemoteConfig",
    meaning="a remote Forge refuses: no baseUrl nor configurable, storage without inScopeEUD, "
    "regions that differ, or tokens with no scope to use",
    why=(
        "Forge refuses the manifest: it must know where each remote is, whether the data it "
        "stores is in scope of data residency, that every region is served, and what an app "
        "token may do."
    ),
    example="remotes:\n  - key: backend\n    operations: [storage]   (no baseUrl, no storage)",
    fix="Give the remote its baseUrl (or configurable), storage.inScopeEUD where it stores "
    "data, the same regions as the others, and the scopes its token needs.",
)

# The scopes that only let a remote receive a token: they grant nothing to use it with.
_TOKEN_SCOPES = ("read:app-system-token", "read:app-user-token")


def remote_checks(document: Document) -> List[Finding]:
    findings: List[Finding] = []
    remotes = document.root.get("remotes")
    listed = items_of(remotes)
    items = [(index, item) for index, item in enumerate(listed) if item.is_object]
    for index, remote in items:
        path: List[PathItem] = ["remotes", index]
        name = key_value(remote)
        if remote.get("baseUrl") is None and remote.get("configurable") is None:
            message = f"remote {name!r} has neither baseUrl nor configurable; give it its baseUrl"
            findings.append(document.at_path([*path, "key"], REMOTE_CONFIG, message))
        if _stores(remote) and _in_scope_eud(remote) is None:
            message = (
                f"remote {name!r} stores data (operations: storage) and does not say "
                "storage.inScopeEUD; set it to true or false"
            )
            findings.append(document.at_path([*path, "key"], REMOTE_CONFIG, message))
    findings.extend(_regions(document, items))
    findings.extend(_module_remotes(document))
    findings.extend(_token_scopes(document, [remote for _, remote in items]))
    return findings


def _stores(remote: Node) -> bool:
    operations = remote.get("operations")
    listed = operations.value if operations is not None else None
    return isinstance(listed, list) and any(item.value == "storage" for item in listed)


def _in_scope_eud(remote: Node) -> Optional[Node]:
    storage = remote.get("storage")
    return storage.get("inScopeEUD") if storage is not None else None


def _regions(document: Document, items: List[Tuple[int, Node]]) -> List[Finding]:
    """Every remote serves the regions all remotes serve together, but one
    with a single region whose data is not in scope of data residency."""
    regions = {index: _regions_of(remote) for index, remote in items}
    known = {index: found for index, found in regions.items() if found is not None}
    every: FrozenSet[str] = frozenset().union(*known.values()) if known else frozenset()
    findings = []
    for index, remote in items:
        own = known.get(index)
        if own is None or own == every:
            continue
        if len(own) == 1 and not js_truthy(_in_scope_eud(remote)):
            continue
        missing = ", ".join(sorted(every - own))
        message = (
            f"remote {key_value(remote)!r} does not serve every region the remotes serve "
            f"(missing: {missing}); give its baseUrl the same regions"
        )
        findings.append(document.at_path(["remotes", index, "baseUrl"], REMOTE_CONFIG, message))
    return findings


def _regions_of(remote: Node) -> Optional[FrozenSet[str]]:
    base = remote.get("baseUrl")
    if base is None:
        return None
    if isinstance(base.value, str):
        return frozenset({"default"})
    if base.is_object:
        return frozenset(name for name, _ in base.items())
    return None  # Forge cannot read it either: the schema's to judge


def _module_remotes(document: Document) -> List[Finding]:
    """``modules.remote``: one that stores data must be in scope of data residency."""
    modules = modules_of(document)
    findings = []
    for path, remote in module_items(modules, "remote") if modules is not None else ():
        if _stores(remote) and not js_truthy(_in_scope_eud(remote)):
            message = (
                f"remote module {key_value(remote)!r} stores data (operations: storage) and needs "
                "storage.inScopeEUD: true"
            )
            findings.append(document.at_path([*path, "key"], REMOTE_CONFIG, message))
    return findings


def _token_scopes(document: Document, remotes: List[Node]) -> List[Finding]:
    modules = modules_of(document)
    endpoints = [item for _, item in module_items(modules, "endpoint")] if modules else []
    tokens = [node for node in [*endpoints, *remotes] if _takes_token(node)]
    if not tokens:
        return []
    if granted_scopes(document) - set(_TOKEN_SCOPES):
        return []
    message = (
        "a remote or endpoint takes an app token, and the app asks for no scope to use it "
        "with; add the scopes its back end needs under permissions.scopes"
    )
    permissions = document.root.get("permissions")
    where: List[PathItem] = ["permissions", "scopes"] if permissions is not None else []
    if not where:
        return [document.at(tokens[0], REMOTE_CONFIG, message)]
    return [document.at_path(where, REMOTE_CONFIG, message)]


def _takes_token(node: Node) -> bool:
    auth = node.get("auth")
    if auth is None:
        return False
    for kind in ("appUserToken", "appSystemToken"):
        token = auth.get(kind)
        enabled = token.get("enabled") if token is not None else None
        if enabled is not None and enabled.value is True:
            return True
    return False
