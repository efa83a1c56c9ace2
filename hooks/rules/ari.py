"""Forge app ids: ``ari:cloud:ecosystem::app/<uuid>``.

The UUID form is the one Atlassian's own ARI parser accepts: lowercase, a
version nibble 0-5 and an RFC 4122 variant.
"""

from __future__ import annotations

import os
import re
from typing import Mapping, NamedTuple, Optional

from ..reading.forge_evidence import ARI_PREFIX, PLACEHOLDERS

UUID_PATTERN = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}"
UUID = re.compile(UUID_PATTERN)

_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class AppIdVerdict(NamedTuple):
    ok: bool
    placeholder: bool
    reason: str


def judge(value: str) -> AppIdVerdict:
    """Say whether ``value`` is a well-formed Forge app ARI, and if not why."""
    if not value.startswith(ARI_PREFIX):
        if value.lower().startswith(ARI_PREFIX):
            return AppIdVerdict(False, False, f"the prefix must be lowercase {ARI_PREFIX!r}")
        if UUID.fullmatch(value.lower()):
            return AppIdVerdict(False, False, f"a bare UUID: write {ARI_PREFIX}{value.lower()}")
        return AppIdVerdict(False, False, f"must start with {ARI_PREFIX!r}")
    uuid = value[len(ARI_PREFIX) :]
    if uuid.lower() in PLACEHOLDERS:
        return AppIdVerdict(False, True, f"{uuid!r} is a placeholder, not a registered app")
    if UUID.fullmatch(uuid):
        return AppIdVerdict(True, False, "")
    if UUID.fullmatch(uuid.lower()):
        return AppIdVerdict(False, False, f"the UUID must be lowercase: {ARI_PREFIX}{uuid.lower()}")
    if uuid != uuid.strip():
        return AppIdVerdict(False, False, "the UUID has surrounding whitespace")
    return AppIdVerdict(False, False, "the part after 'app/' is not a lowercase UUID")


def uuid_of(value: str) -> Optional[str]:
    """The app UUID of a well-formed ARI, else None."""
    return value[len(ARI_PREFIX) :] if judge(value).ok else None


class Resolved(NamedTuple):
    value: str  # the text with every declared variable that has a value filled in
    missing: Optional[str]  # the first declared variable with no value (Forge stops there)
    undeclared: Optional[str]  # the first ${NAME} Forge leaves as it is: not declared


def resolve_variables(
    value: str,
    declared: Mapping[str, Optional[str]],
    environ: Optional[Mapping[str, str]] = None,
) -> Resolved:
    """Substitute ``${VAR}`` as Forge does: only variables that
    ``environment.variables`` declares, from the process environment, else
    their default. Undeclared ones stay as they are."""
    env = os.environ if environ is None else environ
    missing: Optional[str] = None
    undeclared: Optional[str] = None

    def substitute(match: re.Match[str]) -> str:
        nonlocal missing, undeclared
        name = match.group(1)
        if name not in declared:
            undeclared = undeclared or name
            return match.group(0)
        filled = env.get(name, declared[name])
        if filled is None:
            missing = missing or name
            return match.group(0)
        return filled

    if "${" not in value:
        return Resolved(value, None, None)
    result = _VARIABLE.sub(substitute, value)
    return Resolved(result, missing, undeclared)
