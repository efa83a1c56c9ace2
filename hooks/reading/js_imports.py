"""The import declarations of a JavaScript or TypeScript file, found without
a parser: what Forge's linter reads from its syntax tree to match a package
the app uses with the manifest entry it needs.

One pass with one regular expression skips comments, strings and template
literals (an unclosed one runs to the end of the file, or of the line for a
string), so an ``import`` inside them is never read. Each ``import`` left is
matched against the declaration's forms with bounded parts. Time is linear
in the file's size. Not read: ``require()``, ``import()`` and re-exports,
which Forge's linter does not read either.
"""

from __future__ import annotations

import re
from typing import List, NamedTuple, Tuple

from .js_text import NAME, SKIPPED

_SKIPPED_OR_IMPORT = re.compile(rf"{SKIPPED}|(?<![\w$.])import(?![\w$])")
_NAME = NAME
# import [type] CLAUSE from 'module': the clause's braces are bounded, so a
# file of unclosed braces costs no more than a fixed length per "import".
_DECLARATION = re.compile(
    r"import\s*(?P<type>type\s+)?"
    rf"(?P<clause>{_NAME}(?:\s*,\s*(?:\{{[^}}]{{0,4000}}\}}|\*\s*as\s+{_NAME}))?"
    rf"|\{{[^}}]{{0,4000}}\}}|\*\s*as\s+{_NAME})"
    r"""\s*from\s*(?P<quote>['"])(?P<module>[^'"\n]{1,200})(?P=quote)"""
)
_SPECIFIER = re.compile(rf"(?:type\s+)?({_NAME}|'[^']*'|\"[^\"]*\")(?:\s+as\s+({_NAME}))?")
_LINE_COMMENT = re.compile(r"//[^\n]*|/\*[\s\S]*?\*/")


class Imported(NamedTuple):
    """One declaration: the package, and each name it imports (``default``
    for a default import, ``*`` for a namespace) with its offset."""

    module: str
    names: Tuple[Tuple[str, int], ...]


def imports(text: str) -> List[Imported]:
    found: List[Imported] = []
    for token in _SKIPPED_OR_IMPORT.finditer(text):
        if token.group(0) != "import":
            continue
        declaration = _DECLARATION.match(text, token.start())
        if declaration is None:
            continue
        names = _names(declaration.group("clause"), declaration.start("clause"))
        found.append(Imported(declaration.group("module"), names))
    return found


def _names(clause: str, offset: int) -> Tuple[Tuple[str, int], ...]:
    names: List[Tuple[str, int]] = []
    brace = clause.find("{")
    head = clause if brace == -1 else clause[:brace]
    star = head.find("*")
    if star != -1:
        names.append(("*", offset + star))
    elif head.strip(" \t\r\n,"):
        names.append(("default", offset + len(head) - len(head.lstrip())))
    if brace != -1:
        inside = clause[brace + 1 : clause.rindex("}")]
        # Comments inside the braces are blanked, keeping every offset.
        inside = _LINE_COMMENT.sub(lambda match: " " * len(match.group(0)), inside)
        start = offset + brace + 1
        for part in _parts(inside):
            specifier = _SPECIFIER.match(inside, part)
            if specifier is not None:
                names.append((specifier.group(1).strip("'\""), start + specifier.start(1)))
    return tuple(names)


def _parts(inside: str) -> List[int]:
    """Where each comma-separated specifier starts, past its blanks."""
    starts: List[int] = []
    position = 0
    for piece in inside.split(","):
        stripped = len(piece) - len(piece.lstrip())
        if piece.strip():
            starts.append(position + stripped)
        position += len(piece) + 1
    return starts
