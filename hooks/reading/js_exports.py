"""The names a JavaScript or TypeScript file exports, found without a parser,
in the forms Forge's handler linter reads from its syntax tree:

- ``export function NAME`` (``async`` and generators too) and ``export const
  NAME`` (``let``, ``var``: the first name of the declaration);
- ``export { a, b as NAME }``, with or without ``from``;
- ``exports.NAME`` and ``module.exports.NAME``;
- ``exports = { NAME, NAME: ..., NAME() {} }`` and the same for ``module.exports``.

Not exports, as for Forge: ``export default``, ``export *``, ``export class``.
Comments, strings and template literals are skipped in the same pass, so an
``export`` inside them is never read. An object literal is scanned once, and
the pass goes on after it, so time stays linear in the file's size.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional, Set, Tuple

from .js_text import NAME, SKIPPED

_NAME = NAME
_TOKEN = re.compile(
    rf"{SKIPPED}"
    r"|(?<![\w$.])(?P<export>export)(?![\w$])"
    r"|(?<![\w$.])(?P<exports>(?:module\s*\.\s*)?exports)(?![\w$])"
)
_DECLARATION = re.compile(
    rf"export\s+(?:declare\s+)?(?:async\s+)?function(?:\s*\*\s*|\s+)(?P<function>{_NAME})"
    rf"|export\s+(?:declare\s+)?(?:const|let|var)\s+(?P<variable>{_NAME})"
    r"|export\s*(?:type\s*)?\{(?P<specifiers>[^}]{0,4000})\}"
)
_SPECIFIER = re.compile(rf"\s*(?:type\s+)?({_NAME})(?:\s+as\s+({_NAME}))?\s*$")
_MEMBER = re.compile(rf"\s*\.\s*({_NAME})")
_ASSIGNED_OBJECT = re.compile(r"\s*=(?![=>])\s*\{")
_COMMENT = re.compile(r"//[^\n]*|/\*[\s\S]*?\*/")
# In an object literal, what may open a property, and what nests.
_OBJECT_TOKEN = re.compile(rf"{SKIPPED}|[{{}}()\[\],]")
_PROPERTY = re.compile(rf"\s*(?:(?:async|get|set)\s+|\*\s*)?({_NAME})\s*[:(,}}]")


def exported_names(text: str) -> Set[str]:
    names: Set[str] = set()
    position = 0
    while True:
        token = _TOKEN.search(text, position)
        if token is None:
            return names
        position = token.end()
        if token.group("export") is not None:
            names.update(_declared(text, token.start()))
        elif token.group("exports") is not None:
            member = _MEMBER.match(text, position)
            if member is not None:
                names.add(member.group(1))
                continue
            assigned = _ASSIGNED_OBJECT.match(text, position)
            if assigned is not None:
                found, position = _object_keys(text, assigned.end())
                names.update(found)


def _declared(text: str, start: int) -> Iterator[str]:
    declaration = _DECLARATION.match(text, start)
    if declaration is None:
        return
    for group in ("function", "variable"):
        if declaration.group(group) is not None:
            yield declaration.group(group)
            return
    inside = _COMMENT.sub(" ", declaration.group("specifiers"))
    for part in inside.split(","):
        specifier = _SPECIFIER.match(part)
        if specifier is not None:
            yield specifier.group(2) or specifier.group(1)


def _object_keys(text: str, start: int) -> Tuple[Set[str], int]:
    """The property names at the top of the object literal that opens just
    before ``start``, and where the literal ends (or the text does)."""
    keys: Set[str] = set()
    depth = 1
    opened: Optional[int] = start  # where a top-level property may start
    position = start
    while depth > 0:
        if opened is not None:
            key = _PROPERTY.match(text, opened)
            if key is not None:
                keys.add(key.group(1))
            opened = None
        token = _OBJECT_TOKEN.search(text, position)
        if token is None:
            return keys, len(text)
        position = token.end()
        mark = token.group(0)
        if mark in "{([":
            depth += 1
        elif mark in "})]":
            depth -= 1
        elif mark == "," and depth == 1:
            opened = position
    return keys, position
