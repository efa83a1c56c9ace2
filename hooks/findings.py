"""Findings and the one reporter that prints them."""

from __future__ import annotations

import sys
from typing import Iterable, List, NamedTuple, Optional, TextIO

from .codes import is_note


class Finding(NamedTuple):
    """One problem at one place: ``path:line:col: CODE message``."""

    path: str
    line: int
    col: int
    code: str
    message: str

    @property
    def is_note(self) -> bool:
        return is_note(self.code)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


def report(
    findings: Iterable[Finding], *, verbose: bool = False, out: Optional[TextIO] = None
) -> int:
    """Print findings (notes only when verbose); return the exit status."""
    status = 0
    lines: List[str] = []
    for finding in sorted(set(findings)):
        if finding.is_note:
            if verbose:
                lines.append(str(finding))
            continue
        status = 1
        lines.append(str(finding))
    if lines:
        out = sys.stdout if out is None else out
        text = "\n".join(lines) + "\n"
        # A finding may quote a lone surrogate or odd byte from the file: never
        # let the terminal's encoding turn a report into a traceback.
        encoding = getattr(out, "encoding", None) or "utf-8"
        out.write(text.encode(encoding, "backslashreplace").decode(encoding))
        out.flush()
    return status
