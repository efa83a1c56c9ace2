"""The inline pragma that allows one finding on one line, as scanners allow them.

    link = "https://..."  # forge-connect-hooks: allow FC410

It names the codes it allows (``allow FC410,FC412``): a pragma never silences
a line wholesale, so a new problem on an allowed line still blocks. It lives
in a comment, so it works in files that have comments; strict JSON has none.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterable, List

from .findings import Finding

PRAGMA = "forge-connect-hooks: allow"


def allowed_codes(line: str) -> FrozenSet[str]:
    """The codes a pragma on ``line`` allows (none without one)."""
    at = line.find(PRAGMA)
    if at == -1:
        return frozenset()
    rest = line[at + len(PRAGMA) :].lstrip(" \t")
    end = 0
    while end < len(rest) and (rest[end].isalnum() or rest[end] in ", "):
        end += 1
    names = rest[:end].replace(" ", ",").split(",")
    return frozenset(name for name in names if len(name) == 5 and name.startswith("FC"))


def without_allowed(findings: Iterable[Finding], lines: List[str]) -> List[Finding]:
    """``findings`` of one file less those a pragma on their line allows.
    ``lines`` is the file's text split into lines (line 1 is ``lines[0]``)."""
    kept: List[Finding] = []
    allowed: Dict[int, FrozenSet[str]] = {}  # each line read once, however many findings
    for finding in findings:
        if finding.line not in allowed:
            line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
            allowed[finding.line] = allowed_codes(line)
        if finding.code not in allowed[finding.line]:
            kept.append(finding)
    return kept
