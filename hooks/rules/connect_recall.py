"""What a Bitbucket descriptor's modules name that Bitbucket would not act
on: a webhook event that is a slip of a documented one (the webhook never
fires), and a context parameter in a module's URL whose scope the descriptor
lacks (Bitbucket leaves it in the URL unreplaced). The lists are in
``forge/connect_to_forge.json``, with their sources.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Iterator, List, Tuple

from ..forge.connect_to_forge import raw_tables
from ..reading.documents import Document
from ..reading.nodes import Node, items_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .trigger_events import near_miss

WEBHOOK_EVENT_MISSPELT = Rule(
    "FC208",
    "WebhookEventMisspelt",
    meaning="a webhook event that is a slip of a documented one",
    why="The webhook would never fire: Bitbucket sends only the events it documents.",
    example='"webhooks": [{"event": "repo:pushh", "url": "/push"}]',
    fix="Use the event the message names.",
)

NOTE_WEBHOOK_EVENT_UNKNOWN = Rule(
    "FC928",
    "WebhookEventUnknown",
    meaning="note: a webhook event that no list here knows, and no slip of one",
    why="A note: Bitbucket adds events, so an unknown one may be valid; it may also never fire.",
    example='"webhooks": [{"event": "repo:renamed", "url": "/renamed"}]',
    fix="Check the event against Bitbucket's webhook events.",
)

CONTEXT_PARAMETER_SCOPE = Rule(
    "FC209",
    "ContextParameterScope",
    meaning="a context parameter in a module's URL whose scope the descriptor lacks",
    why=(
        "Bitbucket replaces a context parameter (in a module's URL or a proxy's destination) "
        "only where the app has its scope; without it, the URL keeps the literal "
        "{pullrequest.id}."
    ),
    example='"scopes": ["repository"], "url": "/pr?id={pullrequest.id}"',
    fix="Add the scope the message names to scopes, or drop the parameter.",
)

NOTE_CONTEXT_PARAMETER_UNKNOWN = Rule(
    "FC929",
    "ContextParameterUnknown",
    meaning="note: a {name} in a module's URL that is no documented context parameter",
    why=(
        "A note: Bitbucket documents the context parameters it fills; another {name} (older "
        "apps used {repo_uuid}) may stay in the URL as written."
    ),
    example='"url": "/page?repo={repo_uuid}"   ({repository.uuid} is the parameter)',
    fix="Use the context parameter meant, such as {repository.uuid}, if one was.",
)

# Parameters Bitbucket fills with no scope.
_FREE = ("app",)
# A context parameter: {object} or {object.field...}, not a template's {{slot}}.
_PARAMETER = re.compile(r"(?<!\{)\{([a-z_]+)(?:\.[A-Za-z0-9_.]*)?\}(?!\})")


def connect_recall_checks(document: Document) -> List[Finding]:
    findings: List[Finding] = []
    modules = document.root.get("modules")
    if modules is None or not modules.is_object:
        return findings
    findings.extend(_webhook_events(document, modules))
    findings.extend(_context_parameters(document, modules))
    return findings


def _webhook_events(document: Document, modules: Node) -> Iterator[Finding]:
    data = raw_tables()["webhook_events"]
    known = [*data["documented"], *data["also_used"]]
    for name in ("webhooks", "webhook"):
        listed = modules.get(name)
        for hook in items_of(listed):
            event = hook.get("event")
            if event is None or not isinstance(event.value, str) or event.value in known:
                continue
            if "{" in event.value or "$" in event.value:
                continue  # a template's slot: filled in later
            meant = near_miss(event.value, known)
            if meant is not None:
                message = (
                    f"webhook event {event.value!r} is no event Bitbucket sends, so the webhook "
                    f"never fires; did you mean {meant!r}?"
                )
                yield document.at(event, WEBHOOK_EVENT_MISSPELT, message)
            else:
                message = f"webhook event {event.value!r} is in no list of events here"
                yield document.at(event, NOTE_WEBHOOK_EVENT_UNKNOWN, message)


def _context_parameters(document: Document, modules: Node) -> Iterator[Finding]:
    data = raw_tables()["context_parameters"]
    needs: Dict[str, str] = data["scopes"]
    granted = _granted(document, data["implied_by"])
    if granted is None:
        return
    for node in _module_urls(modules):
        for match in _PARAMETER.finditer(str(node.value)):
            name = match.group(1)
            scope = needs.get(name)
            if scope is None and name not in _FREE:
                message = (
                    f"{match.group(0)} is no documented context parameter: Bitbucket may leave it "
                    "in the URL as written"
                )
                yield document.at(node, NOTE_CONTEXT_PARAMETER_UNKNOWN, message)
                continue
            if scope is None or scope in granted:
                continue
            message = (
                f"the context parameter {match.group(0)} needs the scope {scope!r}, which scopes "
                "lacks: Bitbucket leaves it unreplaced in the URL; add the scope"
            )
            yield document.at(node, CONTEXT_PARAMETER_SCOPE, message)


def _granted(document: Document, implied_by: Dict[str, List[str]]) -> FrozenSet[str] | None:
    """The scope families the descriptor has (``repository:write`` is
    ``repository``), with those another implies; None where scopes is not a
    plain list of names (a template fills it, say): not judged."""
    scopes = document.root.get("scopes")
    if scopes is None:
        return frozenset()
    if not isinstance(scopes.value, list):
        return None
    names = [item.value for item in scopes.value if isinstance(item.value, str)]
    if len(names) != len(scopes.value) or any("{" in name or "$" in name for name in names):
        return None
    families = {name.lower().split(":", 1)[0] for name in names}
    for family, implying in implied_by.items():
        if any(other in families for other in implying):
            families.add(family)
    return frozenset(families)


def _module_urls(modules: Node) -> Iterator[Node]:
    """The ``url`` of each module (not webhooks': their URL is the app's, and
    Bitbucket fills no parameter there) and each proxy ``destination``."""
    for name, listed in modules.items():
        if name in ("webhooks", "webhook"):
            continue
        if name == "proxy":
            yield from _proxy_destinations(listed)
            continue
        entries: Tuple[Node, ...] = (
            tuple(listed.value) if isinstance(listed.value, list) else (listed,)
        )
        for entry in entries:
            url = entry.get("url")
            if url is not None and isinstance(url.value, str):
                yield url


def _proxy_destinations(proxy: Node) -> Iterator[Node]:
    """Each path's ``destination``, and each method's own."""
    for _, path in proxy.items():
        methods = path.get("methods")
        targets = [path, *(method for _, method in (methods.items() if methods else ()))]
        for target in targets:
            destination = target.get("destination") if target.is_object else None
            if destination is not None and isinstance(destination.value, str):
                yield destination
