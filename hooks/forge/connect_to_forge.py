"""What each Bitbucket Connect capability becomes in Forge: the tables in
``connect_to_forge.json`` (scopes, modules, webhook events, lifecycle), facts
with their sources named, read once a run. ``tests/test_connect_to_forge.py``
checks each Forge name against Forge's own lists.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

TABLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "connect_to_forge.json")

# A counterpart that does less, as the tables say (the others: "equivalent", "none").
PARTIAL = "partial"


class Mapping(NamedTuple):
    """One row: the Connect name, its Forge counterparts (none: no counterpart)."""

    connect: str
    forge: Tuple[str, ...]
    status: str
    note: str
    source: str
    location: Optional[str] = None  # a web item's or panel's location, or an admin page's
    property: Optional[str] = None  # the Forge module's property that marks the counterpart
    module: Optional[str] = None  # lifecycle: the Forge module that replaces it


class Tables(NamedTuple):
    scopes: Dict[str, Mapping]
    modules: List[Mapping]
    webhooks: Dict[str, Mapping]
    lifecycle: Dict[str, Mapping]
    sources: Dict[str, str]


@lru_cache(maxsize=1)
def raw_tables() -> Dict[str, Any]:
    """The file as it is: the lists that need no typed rows read from here."""
    with open(TABLES, encoding="utf-8") as stream:
        data: Dict[str, Any] = json.load(stream)
    return data


@lru_cache(maxsize=1)
def tables() -> Tables:
    data = raw_tables()

    def row(item: Dict[str, object], forge: Tuple[str, ...]) -> Mapping:
        return Mapping(
            str(item["connect"]),
            forge,
            str(item["status"]),
            str(item.get("note", "")),
            str(item["source"]),
            item.get("location"),  # type: ignore[arg-type]
            item.get("property"),  # type: ignore[arg-type]
            item.get("module"),  # type: ignore[arg-type]
        )

    def names(value: object) -> Tuple[str, ...]:
        if isinstance(value, list):
            return tuple(str(name) for name in value)
        return () if value is None else (str(value),)

    lifecycle = {}
    for item in data["lifecycle"]:
        forge = names(item.get("event") or item.get("module"))
        lifecycle[item["connect"]] = row(item, forge)
    return Tables(
        scopes={item["connect"]: row(item, names(item["forge"])) for item in data["scopes"]},
        modules=[row(item, names(item["forge"])) for item in data["modules"]],
        webhooks={item["connect"]: row(item, names(item["forge"])) for item in data["webhooks"]},
        lifecycle=lifecycle,
        sources=dict(data["sources"]),
    )


def module_mapping(module_type: str, location: Optional[str]) -> Optional[Mapping]:
    """The row for a Connect module type (its singular form too) at a location."""
    plural = module_type if module_type.endswith("s") else f"{module_type}s"
    rows = [row for row in tables().modules if row.connect in (module_type, plural)]
    for row in rows:
        if row.location is not None and row.location == location:
            return row
    general = [row for row in rows if row.location is None]
    return general[0] if general else None
