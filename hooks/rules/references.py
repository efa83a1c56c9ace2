"""What a manifest's modules and permissions name elsewhere in it, as Forge's
validators resolve them: an endpoint a module names is declared, and so are
the remote or service an endpoint names and the remote an egress entry names.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Set

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem, items_of, string_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .egress import egress_address_problem
from .manifest_parts import js_truthy, modules_of, named_references

ENDPOINT_REFERENCE = Rule(
    "FC337",
    "EndpointReference",
    meaning="a module names an endpoint that modules.endpoint does not declare",
    why="Forge refuses the manifest: the module would call a back end that does not exist.",
    example="modules:\n  bitbucket:mergeCheck:\n    - key: checks\n      endpoint: cheks-remote",
    fix="Name a declared endpoint's key, or declare the endpoint.",
)

REMOTE_REFERENCE = Rule(
    "FC338",
    "RemoteReference",
    meaning="an endpoint or egress entry names a remote or service that is not declared",
    why=(
        "Forge refuses the manifest: an endpoint's remote or service, and an egress entry's "
        "remote, must be declared under remotes or services (an egress remote with a valid "
        "https baseUrl, or configurable)."
    ),
    example="modules:\n  endpoint:\n    - key: backend\n      remote: my-remote   (no remotes)",
    fix="Declare the remote (or service), or name one that is declared.",
)

_NOT_REFERRING = ("function", "endpoint")


def reference_checks(document: Document) -> List[Finding]:
    findings: List[Finding] = []
    modules = modules_of(document)
    remotes = _remote_base_urls(document)
    if modules is not None:
        findings.extend(_endpoint_references(document, modules))
        findings.extend(_endpoint_targets(document, modules))
        findings.extend(_migration_remote(document, modules))
    findings.extend(_egress_remotes(document, remotes))
    return findings


def _keys(listed: Optional[Node]) -> Set[str]:
    items = items_of(listed)
    keys = (item.get("key") for item in items if item.is_object)
    return {key.value for key in keys if key is not None and isinstance(key.value, str)}


def _missing(value: object, declared: Set[str]) -> bool:
    return not isinstance(value, str) or value not in declared


def _endpoint_references(document: Document, modules: Node) -> List[Finding]:
    declared = _keys(modules.get("endpoint"))
    findings = []
    for module_type, listed in modules.items():
        if module_type in _NOT_REFERRING or not isinstance(listed.value, list):
            continue
        for item in listed.value:
            if not item.is_object:
                continue
            for reference in named_references(item, "endpoint"):
                # Forge skips an empty reference; the schema judges its type.
                if js_truthy(reference) and _missing(reference.value, declared):
                    message = (
                        f"{module_type} names the endpoint {reference.value!r}, which "
                        "modules.endpoint does not declare; declare it, or name a declared one"
                    )
                    findings.append(document.at(reference, ENDPOINT_REFERENCE, message))
    return findings


def _endpoint_targets(document: Document, modules: Node) -> List[Finding]:
    listed = modules.get("endpoint")
    endpoints = items_of(listed)
    services = _keys(document.root.get("services"))
    declared_remotes = _keys(document.root.get("remotes"))
    findings = []
    for endpoint in endpoints:
        if not endpoint.is_object:
            continue
        remote = endpoint.get("remote")
        if remote is not None:
            if _missing(remote.value, declared_remotes):
                message = (
                    f"endpoint names the remote {remote.value!r}, which remotes does not "
                    "declare; declare it, or name a declared one"
                )
                findings.append(document.at(remote, REMOTE_REFERENCE, message))
        elif endpoint.get("service") is not None:
            for reference in named_references(endpoint, "service"):
                if js_truthy(reference) and _missing(reference.value, services):
                    message = (
                        f"endpoint names the service {reference.value!r}, which services does "
                        "not declare; declare it, or name a declared one"
                    )
                    findings.append(document.at(reference, REMOTE_REFERENCE, message))
    return findings


def _migration_remote(document: Document, modules: Node) -> List[Finding]:
    """The one ``migration:dataResidency`` module names a declared remote (two
    such modules are FC340's)."""
    listed = modules.get("migration:dataResidency")
    if listed is None or not isinstance(listed.value, list) or len(listed.value) != 1:
        return []
    remote = listed.value[0].get("remote")
    value = remote.value if remote is not None else None
    if not _missing(value, _keys(document.root.get("remotes"))):
        return []
    message = (
        f"migration:dataResidency names the remote {value!r}, which remotes does not declare; "
        "declare it, or name a declared one"
    )
    where: List[PathItem] = ["modules", "migration:dataResidency", 0]
    return [
        document.at_path(
            [*where, "remote"] if remote is not None else where, REMOTE_REFERENCE, message
        )
    ]


def _remote_base_urls(document: Document) -> Dict[str, Optional[str]]:
    """Each remote an egress entry may name, with its base URL: None for a
    configurable remote without one. A remote with neither is left out."""
    listed = document.root.get("remotes")
    found: Dict[str, Optional[str]] = {}
    for item in items_of(listed):
        if not item.is_object:
            continue
        key, base = item.get("key"), item.get("baseUrl")
        if key is None or not isinstance(key.value, str):
            continue
        if js_truthy(base) and base is not None:
            url = base.value if isinstance(base.value, str) else _default(base)
            found[key.value] = url if url is not None else ""
        elif js_truthy(item.get("configurable")):
            found[key.value] = None
    return found


def _default(base: Node) -> Optional[str]:
    default = base.get("default")
    return string_of(default)


def _egress_remotes(document: Document, remotes: Dict[str, Optional[str]]) -> List[Finding]:
    permissions = document.root.get("permissions")
    external = permissions.get("external") if permissions is not None else None
    fetch = external.get("fetch") if external is not None else None
    findings = []
    for kind in ("backend", "client"):
        listed = fetch.get(kind) if fetch is not None else None
        entries = items_of(listed)
        for index, entry in enumerate(entries):
            remote = entry.get("remote")
            if remote is None or not isinstance(remote.value, str):
                continue
            path: List[PathItem] = ["permissions", "external", "fetch", kind, index, "remote"]
            if remote.value not in remotes:
                message = (
                    f"external.fetch.{kind} names the remote {remote.value!r}, which remotes "
                    "does not declare with a baseUrl or as configurable; declare it"
                )
            else:
                url = remotes[remote.value]
                problem = None if url is None else egress_address_problem(url, allow_any=False)
                if problem is None:
                    continue
                message = (
                    f"external.fetch.{kind} names the remote {remote.value!r}, whose baseUrl "
                    f"{problem}; give the remote an https:// baseUrl"
                )
            findings.append(document.at_path(path, REMOTE_REFERENCE, message))
    return findings
