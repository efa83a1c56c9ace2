"""Where a link is written decides whether it can block: the link gate's policy,
in one place (docs/reference.md, "Which links block").

- In a Connect descriptor, every rule blocks; so it does for the value of a
  ``forgeAppLink`` key anywhere (but not a lookup's default).
- Elsewhere (code, config, docs, templates), a complete link blocks on every
  rule: a scheme, ``/console/install/``, an app part and a query, as a
  customer would click it.
- What cannot reach a customer as written is a note (FC916): an empty value
  (a lookup's default), a prefix with no app part (a base-URL constant, a
  ``startswith``), an app part that is not a UUID (``example``, ``<app-id>``),
  and anything in a test or fixture file, which writes bad links on purpose.
"""

from __future__ import annotations

from typing import Optional

from ..reporting.rule import Rule
from .ari import UUID

NOTE_LINK_NOT_SHIPPED = Rule(
    "FC916",
    "LinkNotShipped",
    meaning=(
        "note: a link problem where the link cannot reach a customer as written (a test or "
        "fixture file, an empty value, a prefix with no app part, an app part that is not a UUID)"
    ),
    why=(
        "A note: tests write bad links on purpose, and a lookup's default or a base-URL constant "
        "only handles a link. A complete link anywhere else, and any link in a descriptor, blocks."
    ),
    example='BASE = "https://developer.atlassian.com/console/install/"',
    fix="Nothing, if the link is not one a customer clicks.",
)

_PATH = "/console/install/"
# Folders whose files are tests or their data, and the names test runners use.
_TEST_FOLDERS = frozenset({"test", "tests", "spec", "__tests__", "fixtures", "testdata"})


def why_not_shipped(value: str, path: str, keyed: bool) -> Optional[str]:
    """Why a problem of the link ``value`` (outside a descriptor) cannot reach
    a customer as written, or None when it blocks. ``keyed``: the value of a
    ``forgeAppLink`` key, judged as a descriptor's is, except in a test."""
    if is_test_file(path):
        return "in a test or fixture file"
    if keyed:
        return None
    if not value:
        return "an empty value"
    at = value.find(_PATH)
    if at == -1:
        return None  # another path, host or scheme: a complete link gone wrong
    rest = value[at + len(_PATH) :]
    app = rest.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if not app:
        return "a prefix with no app part"
    if UUID.fullmatch(app.lower()) is None:
        return "an app part that is not a UUID"
    return None


def is_test_file(path: str) -> bool:
    """A file of a test suite: in a test or fixture folder, or named as test
    runners name tests (``*_test.go``, ``*.test.ts``, ``*.spec.js``, ``test_*.py``)."""
    parts = path.replace("\\", "/").lower().split("/")
    if any(part in _TEST_FOLDERS for part in parts[:-1]):
        return True
    name = parts[-1]
    stem = name.rsplit(".", 1)[0]
    return (
        stem.endswith("_test")
        or ".test." in name
        or ".spec." in name
        or (name.startswith("test_") and name.endswith(".py"))
    )
