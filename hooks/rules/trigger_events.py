"""Trigger events that can never fire: a slip of a documented event, or an
event subscribed without the scope it needs.

Forge accepts any string as a trigger's event and refuses only the events its
event-to-scope map lists when their scopes are missing. A slip
(``avi:bitbucket:created:pullrequestcomment``) deploys, and the trigger never
runs. The events known here are those of the user's ``@forge/manifest`` (or
the shipped catalogue) and Forge's documented Bitbucket events
(``forge/bitbucket_events.json``), which the map lacks five of.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Dict, FrozenSet, Iterator, List, NamedTuple, Optional, Tuple

from ..forge.package import ForgePackage
from ..reading.documents import Document
from ..reading.nodes import Node
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import granted_scopes

TRIGGER_EVENT_MISSPELT = Rule(
    "FC319",
    "TriggerEventMisspelt",
    meaning="a trigger event that is a slip of a documented event, so it never fires",
    why=(
        "Forge deploys a trigger with any event name, and one that names no event is never "
        "called. A name that differs from a documented event only by '-' or '_', or by one "
        "character, is that event misspelt."
    ),
    example="events:\n  - avi:bitbucket:created:pullrequestcomment",
    fix="Write the event the finding names.",
)


TRIGGER_EVENT_SCOPE = Rule(
    "FC320",
    "TriggerEventScope",
    meaning="a trigger event subscribed without the scope it needs",
    why=(
        "Forge refuses the manifest for the events its event-to-scope map lists, and delivers "
        "none of the documented Bitbucket events to an app without their scope (the build "
        "status, commit comment and comment resolved or reopened events, which the map lacks)."
    ),
    example="events:\n  - avi:bitbucket:created:pullrequest   (no read:pullrequest:bitbucket)",
    fix="Add the scope the finding names under permissions.scopes.",
)


NOTE_TRIGGER_EVENT_UNKNOWN = Rule(
    "FC919",
    "TriggerEventUnknown",
    meaning="note: a Bitbucket or Forge trigger event that no list here knows",
    why=(
        "A note: Forge adds events, and the lists here may be older than the app. "
        "avi:forge:uninstalled:app does not exist: the preUninstall module runs before an "
        "uninstall."
    ),
    example="events:\n  - avi:forge:uninstalled:app",
    fix="Check the name against Forge's events reference.",
)

_DOCUMENTED = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "forge", "bitbucket_events.json"
)
# The namespaces whose every event is listed here: a slip there is certain.
_JUDGED = ("avi:bitbucket:", "avi:forge:")
_NOT_AN_EVENT = {
    "avi:forge:uninstalled:app": (
        "there is no such event: to clean up before an uninstall, use the preUninstall module"
    ),
}


class Documented(NamedTuple):
    scopes: Dict[str, str]  # a documented Bitbucket event and the scope it needs
    platform: FrozenSet[str]  # avi:forge:... events


@lru_cache(maxsize=1)
def documented() -> Documented:
    try:
        with open(_DOCUMENTED, encoding="utf-8") as stream:
            data = json.load(stream)
        return Documented(dict(data["events"]), frozenset(data["platform_events"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Documented({}, frozenset())


def trigger_event_checks(document: Document, package: ForgePackage) -> List[Finding]:
    """Every trigger event of the manifest, against the events known here."""
    known = documented()
    mapped = {event: (current, beta, old) for event, current, beta, old in package.event_scopes}
    everything = frozenset(mapped) | frozenset(known.scopes) | known.platform
    granted = granted_scopes(document)
    findings: List[Finding] = []
    for node in _events(document):
        event = node.value
        assert isinstance(event, str)
        if event in mapped:
            missing = _missing(granted, *mapped[event])
        elif event in known.scopes:
            needed = known.scopes[event]
            missing = () if needed in granted else (needed,)
        elif event in _NOT_AN_EVENT:
            message = f"trigger event {event!r}: {_NOT_AN_EVENT[event]}"
            findings.append(document.at(node, NOTE_TRIGGER_EVENT_UNKNOWN, message))
            continue
        elif event in known.platform:
            continue  # no scope needed
        elif event.startswith(_JUDGED):
            findings.append(_unknown(document, node, event, everything))
            continue
        else:
            continue  # another product's event that Forge's map does not list
        if missing:
            needed_list = ", ".join(repr(scope) for scope in missing)
            message = (
                f"trigger event {event!r} needs the scope {needed_list}; add it under "
                "permissions.scopes"
            )
            findings.append(document.at(node, TRIGGER_EVENT_SCOPE, message))
    return findings


def _unknown(document: Document, node: Node, event: str, known: FrozenSet[str]) -> Finding:
    meant = near_miss(event, sorted(name for name in known if name.startswith(_JUDGED)))
    if meant is not None:
        message = f"trigger event {event!r} is no event, so it never fires; did you mean {meant!r}?"
        return document.at(node, TRIGGER_EVENT_MISSPELT, message)
    message = f"trigger event {event!r} is in no list of events here; it may be newer"
    return document.at(node, NOTE_TRIGGER_EVENT_UNKNOWN, message)


def near_miss(word: str, choices: List[str]) -> Optional[str]:
    """The one choice ``word`` is a slip of: equal once '-' and '_' are
    dropped, or one insertion, deletion or change away."""
    folded = _fold(word)
    found = {choice for choice in choices if _fold(choice) == folded}
    if not found:
        found = {choice for choice in choices if _one_edit(word, choice)}
    return found.pop() if len(found) == 1 else None


def _fold(name: str) -> str:
    return name.replace("-", "").replace("_", "").lower()


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one edit apart: linear in their length."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        return a[start + 1 :] == b[start + 1 :]
    return a[start:] == b[start + 1 :]


def _missing(
    granted: FrozenSet[str],
    current: Tuple[str, ...],
    beta: Tuple[str, ...],
    deprecated: Tuple[str, ...],
) -> Tuple[str, ...]:
    """The current scopes missing, unless the beta or the deprecated ones are
    all there: Forge's own rule for a trigger's scopes."""
    if not granted:
        return current
    missing = tuple(scope for scope in current if scope not in granted)
    if not missing:
        return ()
    for alternative in (beta, deprecated):
        if alternative and all(scope in granted for scope in alternative):
            return ()
    return missing


def _events(document: Document) -> Iterator[Node]:
    modules = document.root.get("modules")
    triggers = modules.get("trigger") if modules is not None and modules.is_object else None
    if triggers is None or not isinstance(triggers.value, list):
        return
    for trigger in triggers.value:
        events = trigger.get("events") if trigger.is_object else None
        if events is not None and isinstance(events.value, list):
            yield from (event for event in events.value if isinstance(event.value, str))
