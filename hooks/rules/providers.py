"""``providers.auth``: the external OAuth providers an app signs users in
with, as Forge's providers validator reads them. The remotes a provider and
its actions name are declared, have a back-end egress entry, are not
configurable and have one region; a profile function is declared.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem, items_of, string_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import js_truthy, module_items, modules_of

PROVIDER_CONFIG = Rule(
    "FC346",
    "ProviderConfig",
    meaning="an auth provider names a remote or function Forge cannot use",
    why=(
        "Forge refuses the manifest: a provider's remotes are declared, reachable by back-end "
        "egress, fixed (not configurable) and in one region, and its profile function exists."
    ),
    example=(
        "providers:\n  auth:\n    - key: github\n      remotes: [github-api]   (not under remotes)"
    ),
    fix="Declare the remote with one https baseUrl and a fetch.backend entry, and the function.",
)


def provider_checks(document: Document) -> List[Finding]:
    providers = document.root.get("providers")
    auth = providers.get("auth") if providers is not None else None
    listed = items_of(auth)
    remotes = _remotes(document)
    functions = _function_keys(document)
    backend = _backend_entries(document)
    findings: List[Finding] = []
    for index, provider in enumerate(listed):
        if not provider.is_object:
            continue
        base: List[PathItem] = ["providers", "auth", index]
        name = string_of(provider.get("key"))
        for where, remote_key in _remote_names(provider, base):
            remote = remotes.get(remote_key) if isinstance(remote_key, str) else None
            problem = _problem(remote_key, remote, backend, where[len(base)] == "remotes")
            if problem is not None:
                findings.append(
                    document.at_path(where, PROVIDER_CONFIG, f"provider {name!r}: {problem}")
                )
        actions = provider.get("actions")
        profile = actions.get("retrieveProfile") if actions is not None else None
        function = profile.get("function") if profile is not None else None
        if function is not None and function.value not in functions:
            message = (
                f"provider {name!r}: retrieveProfile names the function {function.value!r}, "
                "which modules.function does not declare"
            )
            path = [*base, "actions", "retrieveProfile", "function"]
            findings.append(document.at_path(path, PROVIDER_CONFIG, message))
    return findings


def _remote_names(provider: Node, base: List[PathItem]) -> List[Tuple[List[PathItem], object]]:
    names: List[Tuple[List[PathItem], object]] = []
    remotes = provider.get("remotes")
    for index, item in enumerate(items_of(remotes)):
        names.append(([*base, "remotes", index], item.value))
    actions = provider.get("actions")
    for action_name, action in actions.items() if actions is not None else ():
        if js_truthy(action):
            remote = action.get("remote")
            names.append(
                (
                    [*base, "actions", action_name, "remote"]
                    if remote is not None
                    else [*base, "actions", action_name],
                    remote.value if remote is not None else None,
                )
            )
    return names


def _problem(
    key: object, remote: Optional[Node], backend: List[Node], listed: bool
) -> Optional[str]:
    if remote is None:
        return f"the remote {key!r} is not declared under remotes; declare it"
    base = remote.get("baseUrl")
    if listed and not _has_egress(remote, key, backend):
        return (
            f"the remote {key!r} has no permissions.external.fetch.backend entry; add "
            f"- remote: {key}"
        )
    if js_truthy(remote.get("configurable")):
        return f"the remote {key!r} is configurable, which a provider's remote may not be"
    if base is not None and base.is_object and len(list(base.items())) != 1:
        return f"the remote {key!r} has a baseUrl per region; a provider's remote has one"
    return None


def _has_egress(remote: Node, key: object, backend: List[Node]) -> bool:
    base = remote.get("baseUrl")
    url = base.value if base is not None else None
    for entry in backend:
        if isinstance(entry.value, str):
            if entry.value == url:
                return True
        elif entry.get("remote") is not None:
            if _value(entry.get("remote")) == key:
                return True
        elif string_of(entry.get("address")) == url and url is not None:
            return True
    return False


def _remotes(document: Document) -> Dict[str, Node]:
    remotes = document.root.get("remotes")
    found: Dict[str, Node] = {}
    for item in items_of(remotes):
        key = string_of(item.get("key"))
        if key is not None and key not in found:
            found[key] = item
    return found


def _function_keys(document: Document) -> List[object]:
    modules = modules_of(document)
    items = module_items(modules, "function") if modules is not None else ()
    return [key.value for _, item in items if (key := item.get("key")) is not None]


def _backend_entries(document: Document) -> List[Node]:
    permissions = document.root.get("permissions")
    external = permissions.get("external") if permissions is not None else None
    fetch = external.get("fetch") if external is not None else None
    backend = fetch.get("backend") if fetch is not None else None
    return items_of(backend)


def _value(node: Optional[Node]) -> object:
    return node.value if node is not None else None
