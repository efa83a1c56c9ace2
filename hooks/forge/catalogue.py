"""Forge's names, shipped with the hooks, for machines without the Forge CLI.

pre-commit.ci, CI images and laptops without node have no ``@forge/manifest``
to read, and there a misspelt module type, scope or runtime would pass. So
the hooks ship ``catalogue.json``: the names of Forge's module types, scopes
and runtimes, and which scopes each trigger event needs (names and mappings
are facts; no text of Atlassian's schema is in it), made
from an installed ``@forge/manifest`` by::

    python -m forge_connect_hooks.forge.catalogue node_modules/@forge/manifest \\
        > hooks/forge/catalogue.json

A test fails when the shipped catalogue drifts from the ``@forge/manifest``
the suite installs. Where a Forge CLI is installed, its own lists win.
"""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

from .package import EventScopes, ForgePackage, ModuleScopes, event_scopes_of, package_of_schema

CATALOGUE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue.json")


class Catalogue(NamedTuple):
    source: str  # the @forge/manifest version the names come from
    module_types: FrozenSet[str]
    scopes: FrozenSet[str]
    runtimes: FrozenSet[str]
    event_scopes: Tuple[EventScopes, ...] = ()
    module_scopes: Tuple[ModuleScopes, ...] = ()

    def package(self) -> ForgePackage:
        """The catalogue as the lists an installed package would give."""
        return ForgePackage(
            self.module_types,
            frozenset(),
            self.scopes,
            None,
            frozenset(),
            self.runtimes,
            self.source or "the shipped catalogue",
            self.event_scopes,
            self.module_scopes,
        )


@lru_cache(maxsize=1)
def shipped() -> Optional[Catalogue]:
    """The catalogue that ships with the hooks; None if it is missing or broken."""
    try:
        with open(CATALOGUE, encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        return None
    return _from_data(data)


def _from_data(data: Any) -> Optional[Catalogue]:
    if not isinstance(data, dict):
        return None
    lists = [data.get(name) for name in ("module_types", "scopes", "runtimes")]
    if not all(isinstance(names, list) and names for names in lists):
        return None
    module_types, scopes, runtimes = (
        frozenset(str(name) for name in names)  # type: ignore[union-attr]
        for names in lists
    )
    events = event_scopes_of(json.dumps({"mapping": data.get("event_scopes", [])}))
    modules = _module_scopes(data.get("module_scopes"))
    return Catalogue(str(data.get("source", "")), module_types, scopes, runtimes, events, modules)


def _module_scopes(data: Any) -> Tuple[ModuleScopes, ...]:
    if not isinstance(data, dict):
        return ()
    return tuple(
        (str(module_type), tuple(str(scope) for scope in scopes))
        for module_type, scopes in data.items()
        if isinstance(scopes, list) and scopes
    )


def catalogue_of(package_dir: str) -> Dict[str, Any]:
    """The catalogue of an installed ``@forge/manifest`` (its folder), as data."""
    schema_path = os.path.join(package_dir, "out", "schema", "manifest-schema.json")
    package = package_of_schema(schema_path)
    with open(schema_path, encoding="utf-8") as stream:
        schema = json.load(stream)
    with open(os.path.join(package_dir, "package.json"), encoding="utf-8") as stream:
        version = json.load(stream).get("version", "")
    return {
        "source": f"@forge/manifest {version}",
        "module_types": sorted(package.module_types),
        "scopes": sorted(package.scopes),
        "runtimes": runtimes_of(schema),
        # As the package has it: an event and its current, beta and deprecated scopes.
        "event_scopes": [
            {
                "productEvent": event,
                "oAuthScopes": {
                    kind: list(names)
                    for kind, names in (("current", current), ("beta", beta), ("deprecated", old))
                    if names
                },
            }
            for event, current, beta, old in package.event_scopes
        ],
        "module_scopes": {
            module_type: list(scopes) for module_type, scopes in package.module_scopes
        },
    }


def runtimes_of(schema: Dict[str, Any]) -> List[str]:
    """The names the schema allows for ``app.runtime.name``."""
    node: Any = schema
    for step in ("definitions", "AppSchema", "properties", "runtime", "properties", "name"):
        node = node.get(step) if isinstance(node, dict) else None
    names = node.get("enum") if isinstance(node, dict) else None
    return sorted(str(name) for name in names) if isinstance(names, list) else []


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m forge_connect_hooks.forge.catalogue PACKAGE_DIR", file=sys.stderr)
        return 2
    print(json.dumps(catalogue_of(args[0]), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
