"""``timeoutSeconds`` on a function: only long-running functions take it.

Forge's linter (run by ``forge deploy``) refuses a function that sets
``timeoutSeconds`` and is used by any module but a ``consumer`` or a
``scheduledTrigger``; where a consumer shares the function, only a use whose
own limit (25 s, 55 s for a web trigger) the timeout exceeds is refused.
"""

from __future__ import annotations

from typing import Dict, List, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import module_items, modules_of

FUNCTION_TIMEOUT = Rule(
    "FC331",
    "FunctionTimeout",
    meaning="timeoutSeconds on a function that a module other than a consumer or a "
    "scheduledTrigger uses",
    why=(
        "Forge refuses it (`forge lint`, run by `forge deploy`): only long-running functions, "
        "used by consumer and scheduledTrigger modules, take a timeout of their own."
    ),
    example=(
        "modules:\n  trigger:\n    - {key: on-push, function: main, events: [...]}\n"
        "  function:\n    - {key: main, handler: index.run, timeoutSeconds: 300}"
    ),
    fix="Remove timeoutSeconds, or give the other module a function of its own.",
)

_LONG_RUNNING = ("consumer", "scheduledTrigger")
_LIMITS = {"webtrigger": 55}
_DEFAULT_LIMIT = 25


def function_timeout_checks(document: Document) -> List[Finding]:
    modules = modules_of(document)
    if modules is None:
        return []
    users = _users(modules)
    findings: List[Finding] = []
    for path, function in module_items(modules, "function"):
        key, timeout = function.get("key"), function.get("timeoutSeconds")
        if key is None or not isinstance(key.value, str) or timeout is None:
            continue
        uses = users.get(key.value, [])
        shared = any(module_type in _LONG_RUNNING for module_type, _ in uses)
        refused = [
            (module_type, user)
            for module_type, user in uses
            if module_type not in _LONG_RUNNING
            and (not shared or _exceeds(timeout, _LIMITS.get(module_type, _DEFAULT_LIMIT)))
        ]
        if refused:
            module_type, user = refused[0]
            more = f" (and {len(refused) - 1} more)" if len(refused) > 1 else ""
            message = (
                f"function {key.value!r} sets timeoutSeconds, which only consumer and "
                f"scheduledTrigger functions take, and {module_type} {user!r}{more} uses it; "
                "remove it, or give that module a function of its own"
            )
            findings.append(document.at_path([*path, "timeoutSeconds"], FUNCTION_TIMEOUT, message))
    return findings


def _users(modules: Node) -> Dict[str, List[Tuple[str, str]]]:
    """Each function key, and the modules (type, key) that name it, directly
    or as their resolver, as Forge's linter collects them."""
    users: Dict[str, List[Tuple[str, str]]] = {}
    for module_type, _ in modules.items():
        for _, item in module_items(modules, module_type):
            key = item.get("key")
            if key is None or not isinstance(key.value, str):
                continue
            named = [item.get("function")]
            resolver = item.get("resolver")
            if resolver is not None and resolver.is_object:
                named.append(resolver.get("function"))
            for function in named:
                if function is not None and isinstance(function.value, str):
                    users.setdefault(function.value, []).append((module_type, key.value))
    return users


def _exceeds(timeout: Node, limit: int) -> bool:
    """JavaScript's ``timeout > limit`` for the value as written."""
    value = timeout.value
    if isinstance(value, bool):
        return int(value) > limit
    if isinstance(value, (int, float)):
        return value > limit
    if isinstance(value, str):
        try:
            return float(value.strip() or "0") > limit
        except ValueError:
            return False
    return False
