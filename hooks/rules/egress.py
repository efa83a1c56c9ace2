"""Egress permissions written as plain strings: a form Forge deprecates in
favour of ``{address: ...}`` entries. Forge warns, once a list; so does this
note, at the list's first string."""

from __future__ import annotations

from typing import Iterator, List, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem
from ..reporting.findings import Finding
from ..reporting.rule import Rule

NOTE_DEPRECATED_EGRESS = Rule(
    "FC923",
    "DeprecatedEgress",
    meaning="note: an egress permission written as a string, a form Forge deprecates",
    why="A note: Forge warns and still deploys it; entries are now {address: ...} objects.",
    example=(
        "permissions:\n  external:\n    fetch:\n      backend:\n        - https://api.example.com"
    ),
    fix="Write each entry as - address: https://api.example.com, when convenient.",
)


def egress_checks(document: Document) -> List[Finding]:
    findings: List[Finding] = []
    for path, listed in _egress_lists(document):
        entries = listed.value if isinstance(listed.value, list) else []
        for index, entry in enumerate(entries):
            if isinstance(entry.value, str):
                name = ".".join(str(part) for part in path[1:])
                message = (
                    f"permissions.{name} lists addresses as strings, which Forge deprecates; "
                    "write each as address: URL"
                )
                findings.append(document.at_path([*path, index], NOTE_DEPRECATED_EGRESS, message))
                break
    return findings


def _egress_lists(document: Document) -> Iterator[Tuple[List[PathItem], Node]]:
    """permissions.external.fetch.KEY and permissions.external.KEY (but configurable)."""
    permissions = document.root.get("permissions")
    external = permissions.get("external") if permissions is not None else None
    if external is None or not external.is_object:
        return
    for key, value in external.items():
        if key == "configurable":
            continue
        if key == "fetch":
            for fetch_key, listed in value.items() if value.is_object else ():
                if isinstance(listed.value, list):
                    yield ["permissions", "external", "fetch", fetch_key], listed
        elif isinstance(value.value, list):
            yield ["permissions", "external", key], value
