"""Trigger events: a slip of a documented event never fires, and an event
needs its scopes; what no list knows is a note."""

from __future__ import annotations

import pathlib
from functools import cache
from typing import List

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forge_connect_hooks.forge.catalogue import shipped
from forge_connect_hooks.rules.trigger_events import _one_edit, documented, near_miss

from .helpers import codes_of, hook

MANIFEST = """\
app:
  id: ari:cloud:ecosystem::app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64
  runtime:
    name: nodejs22.x
permissions:
  scopes: [read:repository:bitbucket, read:pullrequest:bitbucket, read:pipeline:bitbucket]
modules:
  trigger:
    - key: on-event
      function: main
      events: [{event}]
  function:
    - key: main
      handler: index.run
"""


def verdict(tmp_path: pathlib.Path, event: str) -> List[str]:
    (tmp_path / "manifest.yml").write_text(MANIFEST.format(event=event))
    _, lines, errors = hook("check_forge_manifest", "-v", "manifest.yml", cwd=tmp_path)
    assert errors == ""
    return [line for line in lines if " FC905 " not in line]


def test_the_event_that_does_not_exist_is_a_note_naming_pre_uninstall(
    tmp_path: pathlib.Path,
) -> None:
    (line,) = verdict(tmp_path, "avi:forge:uninstalled:app")
    assert " FC919 " in line and "use the preUninstall module" in line


def test_an_event_no_list_knows_is_a_note_and_another_products_is_left_to_forge(
    tmp_path: pathlib.Path,
) -> None:
    (line,) = verdict(tmp_path, "avi:bitbucket:created:tag")
    assert codes_of([line]) == ["FC919"] and "it may be newer" in line
    assert verdict(tmp_path, "avi:jira-nonsense:made:up") == []


@pytest.mark.parametrize(
    "event, meant",
    [
        ("avi:bitbucket:created:pullrequestcomment", "avi:bitbucket:created:pullrequest-comment"),
        ("avi:bitbucket:created:pull_request", "avi:bitbucket:created:pullrequest"),
        ("avi:bitbucket:updated:build_status", "avi:bitbucket:updated:build-status"),
        ("avi:bitbucket:fulfiled:pullrequest", "avi:bitbucket:fulfilled:pullrequest"),
        ("avi:forge:installed:apps", "avi:forge:installed:app"),
    ],
)
def test_a_slip_names_the_event_meant(tmp_path: pathlib.Path, event: str, meant: str) -> None:
    (line,) = verdict(tmp_path, event)
    assert codes_of([line]) == ["FC319"] and line.endswith(f"did you mean {meant!r}?")


def test_the_documented_events_are_each_in_forges_map_or_named_as_missing_from_it() -> None:
    """Forge's map (the shipped catalogue) lists 15 of the 20; the five it
    lacks are the ones this project adds, each with its documented scope."""
    catalogue = shipped()
    assert catalogue is not None
    mapped = {event: current for event, current, _, _ in catalogue.event_scopes}
    events = documented().scopes
    assert len(events) == 20
    lacking = sorted(event for event in events if event not in mapped)
    assert lacking == [
        "avi:bitbucket:created:build-status",
        "avi:bitbucket:created:commit-comment",
        "avi:bitbucket:reopened:pullrequest-comment",
        "avi:bitbucket:resolved:pullrequest-comment",
        "avi:bitbucket:updated:build-status",
    ]
    for event, scope in events.items():
        if event in mapped:
            assert mapped[event] == (scope,), event  # the documentation and the map agree


def test_no_two_known_events_are_slips_of_each_other() -> None:
    """Else a real event could be taken for a slip of another."""
    catalogue = shipped()
    assert catalogue is not None
    known = sorted(
        {event for event, *_ in catalogue.event_scopes}
        | set(documented().scopes)
        | documented().platform
    )
    for event in known:
        others = [other for other in known if other != event]
        assert near_miss(event, others) is None, event


@cache
def _distance(a: str, b: str) -> int:
    if not a or not b:
        return len(a) + len(b)
    return min(
        _distance(a[1:], b) + 1,
        _distance(a, b[1:]) + 1,
        _distance(a[1:], b[1:]) + (a[0] != b[0]),
    )


@given(st.text("ab-", max_size=7), st.text("ab-", max_size=7))
def test_one_edit_is_a_levenshtein_distance_of_one(a: str, b: str) -> None:
    assert _one_edit(a, b) == (_distance(a, b) == 1)
