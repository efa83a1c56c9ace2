"""A trigger's ``ignoreSelf`` filter, which Forge allows only where every
event the filter applies to is a Jira event."""

from __future__ import annotations

from typing import List, Optional

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem, items_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import js_truthy, module_items, modules_of

IGNORE_SELF_FILTER = Rule(
    "FC342",
    "IgnoreSelfFilter",
    meaning="a trigger filters with ignoreSelf on an event that is not Jira's",
    why="Forge refuses the manifest: only Jira events say which app caused them.",
    example=(
        "modules:\n  trigger:\n    - key: on-push\n      events: [avi:bitbucket:push:repository]"
        "\n      filter:\n        ignoreSelf: true"
    ),
    fix="Remove the filter, and ignore the app's own changes in the function.",
)


def trigger_filter_checks(document: Document) -> List[Finding]:
    modules = modules_of(document)
    findings: List[Finding] = []
    for path, trigger in module_items(modules, "trigger") if modules is not None else ():
        where = _first_refused(path, trigger)
        if where is not None:
            message = (
                "ignoreSelf filters only Jira events, and this trigger has others; remove the "
                "filter and skip the app's own changes in its function"
            )
            findings.append(document.at_path(where, IGNORE_SELF_FILTER, message))
    return findings


def _first_refused(path: List[PathItem], trigger: Node) -> Optional[List[PathItem]]:
    """Where Forge's one error for this trigger is: its own filter, else an event's."""
    events = trigger.get("events")
    listed = items_of(events)
    own = trigger.get("filter")
    if own is not None and js_truthy(own.get("ignoreSelf")):
        if not all(_is_jira(event.value) for event in listed):
            return [*path, "filter", "ignoreSelf"]
    for index, event in enumerate(listed):
        if not event.is_object:
            continue
        event_filter = event.get("filter")
        if event_filter is not None and js_truthy(event_filter.get("ignoreSelf")):
            event_type = event.get("eventType")
            if event_type is not None and not _is_jira(event_type.value):
                return [*path, "events", index, "filter", "ignoreSelf"]
    return None


def _is_jira(event: object) -> bool:
    # Forge's test: the name contains "jira".
    return isinstance(event, str) and "jira" in event
