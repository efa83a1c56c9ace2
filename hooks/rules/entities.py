"""Custom entities (``app.storage.entities``) within Forge's limits, as its
storage validator counts them: at most 50 attributes of at most 30
characters, at most 7 indexes, none named ``by-key``, and every index's range
and partition an attribute of the entity.
"""

from __future__ import annotations

from typing import List, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem, items_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule

ENTITY_LIMITS = Rule(
    "FC347",
    "EntityLimits",
    meaning="a custom entity over Forge's limits, or an index on an attribute it does not have",
    why=(
        "Forge refuses the manifest: an entity has at most 50 attributes of at most 30 "
        "characters and 7 indexes (by-key is Forge's own), each on its own attributes."
    ),
    example=(
        "app:\n  storage:\n    entities:\n      - name: ticket\n        attributes: {status: "
        "{type: string}}\n        indexes: [state]"
    ),
    fix="Stay within the limits, and index the entity's own attributes.",
)

MAX_ATTRIBUTES = 50
MAX_ATTRIBUTE_NAME = 30
MAX_INDEXES = 7
RESERVED_INDEX = "by-key"


def entity_checks(document: Document) -> List[Finding]:
    app = document.root.get("app")
    storage = app.get("storage") if app is not None else None
    entities = storage.get("entities") if storage is not None else None
    listed = items_of(entities)
    findings: List[Finding] = []
    for index, entity in enumerate(listed):
        if entity.is_object:
            base: List[PathItem] = ["app", "storage", "entities", index]
            for where, message in _problems(entity, base):
                findings.append(document.at_path(where, ENTITY_LIMITS, message))
    return findings


def _problems(entity: Node, base: List[PathItem]) -> List[Tuple[List[PathItem], str]]:
    name = entity.get("name")
    shown = name.value if name is not None else None
    attributes = entity.get("attributes")
    if attributes is None or not attributes.is_object:
        return []  # the schema's to judge
    names = [key for key, _ in attributes.items()]
    problems: List[Tuple[List[PathItem], str]] = []
    if len(names) > MAX_ATTRIBUTES:
        problems.append(
            (
                [*base, "attributes"],
                f"entity {shown!r} has {len(names)} attributes; Forge allows {MAX_ATTRIBUTES}",
            )
        )
    for attribute in names:
        if len(attribute) > MAX_ATTRIBUTE_NAME:
            problems.append(
                (
                    [*base, "attributes", attribute],
                    f"entity {shown!r}: the attribute name "
                    f"{attribute!r} is over {MAX_ATTRIBUTE_NAME} characters",
                )
            )
    indexes = entity.get("indexes")
    listed = items_of(indexes)
    if len(listed) > MAX_INDEXES:
        problems.append(
            (
                [*base, "indexes"],
                f"entity {shown!r} has {len(listed)} indexes; Forge allows {MAX_INDEXES}",
            )
        )
    for position, index in enumerate(listed):
        where: List[PathItem] = [*base, "indexes", position]
        problems.extend(_index_problems(index, where, attributes, shown))
    return problems


def _index_problems(
    index: Node, where: List[PathItem], attributes: Node, entity: object
) -> List[Tuple[List[PathItem], str]]:
    problems: List[Tuple[List[PathItem], str]] = []
    fields: List[Tuple[List[PathItem], Node, str]] = []
    if isinstance(index.value, str):
        fields.append((where, index, "range"))
    elif index.is_object:
        name = index.get("name")
        if name is not None and name.value == RESERVED_INDEX:
            problems.append(
                (
                    [*where, "name"],
                    f"entity {entity!r}: the index name {RESERVED_INDEX!r} is "
                    "Forge's own; name the index otherwise",
                )
            )
        for part in ("range", "partition"):
            listed = index.get(part)
            items = items_of(listed)
            fields.extend(([*where, part, at], item, part) for at, item in enumerate(items))
    for path, field, part in fields:
        value = attributes.get(field.value) if isinstance(field.value, str) else None
        if value is None or not _truthy(value):
            problems.append(
                (
                    path,
                    f"entity {entity!r}: the index {part} {field.value!r} is not one of its "
                    "attributes",
                )
            )
    return problems


def _truthy(node: Node) -> bool:
    return node.value not in (None, False, 0, "")
