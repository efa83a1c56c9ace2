"""A finding: one problem at one place, as a person reads it."""

from __future__ import annotations

from typing import AbstractSet, Iterable, List, NamedTuple

from .rule import is_note

# A finding is one line a person reads: never a page of schema or a whole value.
MAX_MESSAGE = 300


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
        # Paths and messages quote the user's files: a newline or an escape
        # sequence there must not forge a finding line or reach the terminal.
        message = shortened(self.message)
        return printable(f"{safe_path(self.path)}:{self.line}:{self.col}: {self.code} {message}")


def safe_path(path: str) -> str:
    """``path`` as a line may start with it: a line that starts with "::" is a
    workflow command to a GitHub runner, so such a file is named "./::...",
    the same file."""
    return "./" + path if path.startswith(":") else path


def shortened(message: str, limit: int = MAX_MESSAGE) -> str:
    """``message`` within ``limit`` characters, the cut made in what it
    describes: what to do (after its last "; ") is kept whole."""
    if len(message) <= limit:
        return message
    split = message.rfind("; ")
    remedy = message[split:] if split != -1 and len(message) - split <= limit // 2 else ""
    return message[: limit - len(remedy) - 1] + "\u2026" + remedy


def printable(text: str) -> str:
    """``text`` with every control and non-printing character escaped."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named is not None:
        return named
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def selected(
    findings: Iterable[Finding], *, verbose: bool, ignore: AbstractSet[str]
) -> List[Finding]:
    """The findings a report shows, each once, in path and line order: notes
    only when verbose, none of the codes in ``ignore``."""
    return [
        finding
        for finding in sorted(set(findings))
        if finding.code not in ignore and (verbose or not finding.is_note)
    ]
