"""The Connect-to-Forge tables name only what Forge has: every Forge module
type, scope and event in them is one of Forge's own (the shipped catalogue,
made from @forge/manifest, and Forge's documented Bitbucket events)."""

from __future__ import annotations

import json
import pathlib

from forge_connect_hooks.forge.catalogue import Catalogue, shipped
from forge_connect_hooks.forge.connect_to_forge import tables

EVENTS = pathlib.Path(__file__).parent.parent / "hooks" / "forge" / "bitbucket_events.json"
PLATFORM_EVENTS = {"avi:forge:installed:app", "avi:forge:upgraded:app"}


def _catalogue() -> Catalogue:
    catalogue = shipped()
    assert catalogue is not None
    return catalogue


def test_every_forge_module_type_is_one_of_forges() -> None:
    known = _catalogue().module_types
    named = {name for row in tables().modules for name in row.forge}
    named |= {row.module for row in tables().lifecycle.values() if row.module}
    assert named and named <= known, sorted(named - known)


def test_every_forge_scope_is_one_of_forges() -> None:
    known = _catalogue().scopes
    named = {name for row in tables().scopes.values() for name in row.forge}
    assert named and named <= known, sorted(named - known)


def test_every_forge_event_is_documented() -> None:
    documented = set(json.loads(EVENTS.read_text())["events"]) | PLATFORM_EVENTS
    named = {name for row in tables().webhooks.values() for name in row.forge}
    named |= {name for row in tables().lifecycle.values() if not row.module for name in row.forge}
    assert named and named <= documented, sorted(named - documented)


def test_every_row_names_a_source_and_a_status() -> None:
    data = tables()
    rows = [*data.scopes.values(), *data.modules, *data.webhooks.values(), *data.lifecycle.values()]
    for row in rows:
        assert row.status in ("equivalent", "partial", "none"), row
        assert all(part in data.sources for part in row.source.split("+")), row
        # A row with no Forge counterpart says so; one with a counterpart names it.
        assert (row.status == "none") == (not row.forge) or row.connect == "*", row
