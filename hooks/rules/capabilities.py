"""Does the Forge app replace the Connect app? Each capability of a Bitbucket
Connect descriptor (module, webhook event, scope, lifecycle callback) against
its Forge counterpart in the paired manifest, from the tables in
``forge/connect_to_forge.json``.

The same rows make the ``migration`` report and, where Forge has the
counterpart and the manifest lacks it, a note (FC926): the fact is certain,
the intent is not, so nothing here blocks.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterator, List, NamedTuple, Optional, Set, Tuple

from ..forge.connect_to_forge import PARTIAL, Mapping, module_mapping, tables
from ..reading.documents import Document
from ..reading.nodes import Node, items_of, string_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import granted_scopes, js_truthy, module_items, modules_of
from .trigger_events import near_miss

NOTE_COUNTERPART_MISSING = Rule(
    "FC926",
    "CounterpartMissing",
    meaning="note: a Connect capability whose Forge counterpart the paired manifest lacks",
    why=(
        "A note: the Forge app that replaces the Connect app cannot yet do this (a module, a "
        "webhook event, a scope or a lifecycle callback); whether it should is the vendor's call."
    ),
    example=(
        'atlassian-connect.json: "webhooks": [{"event": "pullrequest:created", ...}]\n'
        "manifest.yml: no trigger on avi:bitbucket:created:pullrequest"
    ),
    fix="Add the Forge counterpart the message names, or accept the gap.",
)

NOTE_LICENSED_LINK = Rule(
    "FC927",
    "LicensedAppLink",
    meaning="note: forgeAppLink is set while the paired manifest enables licensing",
    why=(
        "A note: Forge says an app with licensing in its manifest cannot be shared by an "
        "install link, so the link may not install it."
    ),
    example='"forgeAppLink": "https://developer.atlassian.com/console/install/..."  '
    "(manifest: app.licensing.enabled: true)",
    fix="Distribute the licensed app through Marketplace, or check the link installs it.",
)

# What some apps subscribe to for uninstalls: no such event exists.
_NO_EVENT = "avi:forge:uninstalled:app"


class Row(NamedTuple):
    kind: str  # module, webhook, scope, lifecycle
    connect: str  # the Connect name as written
    forge: str  # the Forge counterpart, or "" when there is none
    status: str  # covered, missing, partial, none
    note: str
    node: Node  # where the descriptor names it

    def plain(self) -> Dict[str, str]:
        return {
            "kind": self.kind,
            "connect": self.connect,
            "forge": self.forge,
            "status": self.status,
            "note": self.note,
        }


class _Manifest(NamedTuple):
    """What the manifest offers, read once."""

    modules: Dict[str, List[Node]]
    events: FrozenSet[str]
    scopes: FrozenSet[str]


def capability_rows(descriptor: Document, manifest: Document) -> List[Row]:
    offered = _offered(manifest)
    rows: List[Row] = []
    rows.extend(_module_rows(descriptor, offered))
    rows.extend(_webhook_rows(descriptor, offered))
    rows.extend(_scope_rows(descriptor, offered))
    rows.extend(_lifecycle_rows(descriptor, offered))
    return rows


def capability_notes(descriptor: Document, manifest: Document) -> List[Finding]:
    findings = []
    for row in capability_rows(descriptor, manifest):
        if row.status == "missing":
            message = (
                f"{row.kind} {row.connect!r}: Forge has {row.forge}, and {manifest.path} lacks "
                "it; add it if the Forge app is to do what the Connect app does"
            )
            findings.append(descriptor.at(row.node, NOTE_COUNTERPART_MISSING, message))
    findings.extend(_licensed_link(descriptor, manifest))
    return findings


def _offered(manifest: Document) -> _Manifest:
    modules = modules_of(manifest)
    by_type: Dict[str, List[Node]] = {}
    events: Set[str] = set()
    if modules is not None:
        for module_type, _ in modules.items():
            by_type[module_type] = [item for _, item in module_items(modules, module_type)]
    for trigger in by_type.get("trigger", []):
        listed = trigger.get("events")
        for event in items_of(listed):
            typed = event.get("eventType") if event.is_object else None
            name = (typed if typed is not None else event).value
            if isinstance(name, str):
                events.add(name)
    return _Manifest(by_type, frozenset(events), granted_scopes(manifest))


def _status(mapping: Optional[Mapping], present: bool) -> str:
    if mapping is None or not mapping.forge:
        return "none"
    if not present:
        return "missing"
    return "partial" if mapping.status == PARTIAL else "covered"


def _note(mapping: Optional[Mapping], fallback: str) -> str:
    if mapping is None:
        return fallback
    return mapping.note or ("" if mapping.forge else "Forge has no counterpart")


def _module_rows(descriptor: Document, offered: _Manifest) -> Iterator[Row]:
    modules = descriptor.root.get("modules")
    if modules is None:
        return
    seen: Set[Tuple[str, str]] = set()
    for module_type, listed in modules.items():
        if module_type in ("webhooks", "webhook"):
            continue
        entries = listed.value if isinstance(listed.value, list) else [listed]
        for entry in entries:
            location = entry.get("location")
            where = string_of(location)
            mapping = module_mapping(module_type, where)
            forge = mapping.forge[0] if mapping is not None and mapping.forge else ""
            if (module_type, forge) in seen:
                continue
            seen.add((module_type, forge))
            present = bool(forge) and _has_module(
                offered, forge, mapping.property if mapping else None
            )
            shown = (
                f"{forge} with {mapping.property}: true" if mapping and mapping.property else forge
            )
            note = _note(mapping, "not a documented Connect module")
            if mapping is not None and mapping.location is None and mapping.forge == () and where:
                note = f"Forge has nothing at {where}"
            yield Row(
                "module",
                module_type,
                shown,
                _status(mapping, present),
                note,
                _key_node(modules, module_type, listed),
            )


def _has_module(offered: _Manifest, module_type: str, marker: Optional[str]) -> bool:
    items = offered.modules.get(module_type, [])
    if marker is None:
        return bool(items)
    return any(js_truthy(item.get(marker)) for item in items)


def _key_node(parent: Node, key: str, value: Node) -> Node:
    """Where a key is written, as a node for positions (its value when the key's
    own offset is unknown)."""
    offset = parent.key_offsets.get(key)
    return Node(key, offset) if offset is not None else value


def _webhook_rows(descriptor: Document, offered: _Manifest) -> Iterator[Row]:
    modules = descriptor.root.get("modules")
    hooks = modules.get("webhooks") if modules is not None else None
    listed = items_of(hooks)
    webhooks = tables().webhooks
    seen: Set[str] = set()
    for hook in listed:
        event = hook.get("event")
        if event is None or not isinstance(event.value, str) or event.value in seen:
            continue
        seen.add(event.value)
        mapping = webhooks.get(event.value)
        if event.value == "*":
            bitbucket = any(name.startswith("avi:bitbucket:") for name in offered.events)
            status = "partial" if bitbucket else "missing"
            yield Row("webhook", "*", "a trigger on each event", status, _note(mapping, ""), event)
            continue
        forge = mapping.forge if mapping is not None else ()
        present = any(name in offered.events for name in forge)
        shown = f"trigger on {' or '.join(forge)}" if forge else ""
        note = _note(mapping, "not a documented webhook event")
        if forge and not present:
            note = _slip_of(forge, offered) or note
        yield Row("webhook", event.value, shown, _status(mapping, present), note, event)


def _scope_rows(descriptor: Document, offered: _Manifest) -> Iterator[Row]:
    scopes = descriptor.root.get("scopes")
    listed = items_of(scopes)
    table = tables().scopes
    seen: Set[str] = set()
    for scope in listed:
        if not isinstance(scope.value, str) or scope.value.lower() in seen:
            continue
        name = scope.value.lower()
        seen.add(name)
        mapping = table.get(name)
        forge = mapping.forge if mapping is not None else ()
        present = bool(forge) and all(needed in offered.scopes for needed in forge)
        note = _note(mapping, "not a documented Connect scope")
        yield Row("scope", scope.value, " + ".join(forge), _status(mapping, present), note, scope)


def _lifecycle_rows(descriptor: Document, offered: _Manifest) -> Iterator[Row]:
    lifecycle = descriptor.root.get("lifecycle")
    if lifecycle is None:
        return
    table = tables().lifecycle
    for name, value in lifecycle.items():
        mapping = table.get(name)
        if mapping is None:
            continue
        present = False
        if mapping.module is not None:
            present = bool(offered.modules.get(mapping.module))
        elif mapping.forge:
            present = mapping.forge[0] in offered.events
        shown = mapping.forge and (
            f"{mapping.module} module" if mapping.module else f"trigger on {mapping.forge[0]}"
        )
        node = _key_node(lifecycle, name, value)
        note = mapping.note
        if not present and mapping.module == "preUninstall" and _NO_EVENT in offered.events:
            note = f"the manifest's trigger on {_NO_EVENT} never fires: that event does not exist"
        elif not present and mapping.forge and mapping.module is None:
            note = _slip_of(mapping.forge, offered) or note
        yield Row("lifecycle", name, shown or "", _status(mapping, present), note, node)


def _slip_of(forge: Tuple[str, ...], offered: _Manifest) -> Optional[str]:
    """Where the manifest subscribes to a slip of the counterpart event, says so."""
    for wanted in forge:
        slip = near_miss(wanted, sorted(offered.events))
        if slip is not None:
            return f"the manifest's trigger on {slip!r} is a slip of it and never fires"
    return None


def _licensed_link(descriptor: Document, manifest: Document) -> List[Finding]:
    link = descriptor.root.get("forgeAppLink")
    app = manifest.root.get("app")
    licensing = app.get("licensing") if app is not None else None
    enabled = licensing.get("enabled") if licensing is not None else None
    if (
        link is None
        or not isinstance(link.value, str)
        or enabled is None
        or enabled.value is not True
    ):
        return []
    message = (
        f"forgeAppLink is set and {manifest.path} enables licensing: Forge says a licensed app "
        "cannot be shared by install link; check that the link installs it"
    )
    return [descriptor.at(link, NOTE_LICENSED_LINK, message)]
