"""A remote endpoint that a trigger or a Bitbucket merge check calls.

Forge calls such an endpoint on its own, with no user behind the call, so it
refuses an endpoint there that asks for the user's token
(``auth.appUserToken.enabled``), and one without the ``route`` to call.
Each endpoint's problem is one line, however many modules use it.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import js_truthy, key_of, module_items, modules_of

BACKEND_ENDPOINT = Rule(
    "FC323",
    "BackendEndpoint",
    meaning=(
        "an endpoint used by a trigger or a bitbucket:mergeCheck enables appUserToken or has no "
        "route"
    ),
    why=(
        "Forge refuses the manifest: it calls these endpoints with no user behind the call, so "
        "only the app's system token works, and it needs the route to call."
    ),
    example=(
        "modules:\n  trigger:\n    - key: on-push\n      endpoint: backend\n"
        "      events: [avi:bitbucket:push:repository]\n  endpoint:\n    - key: backend\n"
        "      remote: service\n      auth:\n        appUserToken:\n          enabled: true"
    ),
    fix=(
        "Set auth.appUserToken.enabled to false (the app system token is used), and give the "
        "endpoint a route."
    ),
)

# The modules whose endpoint Forge calls without a user. Forge accepts an
# empty route from a trigger's endpoint but not from a merge check's.
_CALLERS = (("trigger", False), ("bitbucket:mergeCheck", True))


def backend_endpoint_checks(document: Document) -> List[Finding]:
    modules = modules_of(document)
    if modules is None:
        return []
    endpoints = _endpoints(modules)
    reported = set()
    findings: List[Finding] = []
    for module_type, empty_route_refused in _CALLERS:
        for _, item in module_items(modules, module_type):
            named = item.get("endpoint")
            if named is None or not isinstance(named.value, str) or named.value not in endpoints:
                continue
            path, endpoint = endpoints[named.value]
            for problem, where in _problems(endpoint, empty_route_refused):
                if (path[-1], problem) in reported:
                    continue
                reported.add((path[-1], problem))
                message = _message(problem, key_of(endpoint), module_type, key_of(item))
                findings.append(document.at_path([*path, *where], BACKEND_ENDPOINT, message))
    return findings


def _endpoints(modules: Node) -> Dict[str, Tuple[List[PathItem], Node]]:
    """Each endpoint module by its key; the first of a duplicated key, as Forge finds it."""
    found: Dict[str, Tuple[List[PathItem], Node]] = {}
    for path, item in module_items(modules, "endpoint"):
        key = item.get("key")
        if key is not None and isinstance(key.value, str):
            found.setdefault(key.value, (path, item))
    return found


def _problems(endpoint: Node, empty_route_refused: bool) -> List[Tuple[str, List[PathItem]]]:
    problems: List[Tuple[str, List[PathItem]]] = []
    token = _user_token(endpoint)
    if token is not None:
        problems.append(("token", token))
    route = endpoint.get("route")
    if route is None or route.value is None or (empty_route_refused and not js_truthy(route)):
        where: List[PathItem] = ["route"] if route is not None else ["key"]
        problems.append(("route", where))
    return problems


def _user_token(endpoint: Node) -> Optional[List[PathItem]]:
    auth = endpoint.get("auth")
    token = auth.get("appUserToken") if auth is not None and auth.is_object else None
    enabled = token.get("enabled") if token is not None and token.is_object else None
    return ["auth", "appUserToken", "enabled"] if js_truthy(enabled) else None


def _message(problem: str, endpoint: str, module_type: str, user: str) -> str:
    if problem == "token":
        return (
            f"endpoint {endpoint!r} is called by {module_type} {user!r}, which has no user's "
            "token to give; set appUserToken.enabled to false"
        )
    return (
        f"endpoint {endpoint!r} is called by {module_type} {user!r} and needs a route; add "
        "route: {path: ...}"
    )
