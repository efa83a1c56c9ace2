"""Set one root key of a JSON document by splicing text, touching nothing else.

The parser's offsets say exactly where each member starts and ends, so a new
member goes in as one new line copied from its neighbour's layout
(indentation, ``": "`` spacing, line ending), and a changed value is replaced
in place. Comments, trailing commas, escapes, BOM, final newline: whatever
is not the edit stays byte for byte.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple, Optional

from ..reading.nodes import Node

_COMMA_TO_END_OF_LINE = re.compile(r"[ \t]*,[ \t]*(?://[^\n]*)?\r?\n")
_SEPARATOR = re.compile(r"[ \t]*:[ \t]*")


class Edit(NamedTuple):
    text: str  # the whole new document
    offset: int  # where the new or changed member's key (or value) now starts


def set_root_string(text: str, root: Node, key: str, value: str, anchors: tuple[str, ...]) -> Edit:
    """Set ``root[key]`` to the string ``value``.

    An existing value is replaced where it stands. A new member goes next to
    the first of ``anchors`` present (after it when a comma already follows
    it, else before it), or first in the object.
    """
    assert isinstance(root.value, dict)
    literal = json.dumps(value, ensure_ascii=False)
    existing = root.value.get(key)
    if existing is not None:
        new = text[: existing.offset] + literal + text[existing.end :]
        return Edit(new, existing.offset)
    members = list(root.value)
    anchor = next((name for name in anchors if name in root.value), None)
    if anchor is None and not members:
        at = root.offset + 1
        return Edit(text[:at] + f"{json.dumps(key)}: {literal}" + text[at:], at)
    neighbour = anchor if anchor is not None else members[0]
    layout = _Layout(text, root, neighbour)
    member = f"{json.dumps(key)}{layout.separator}{literal}"
    if anchor is not None:
        after = layout.line_after_value()
        if after is not None and layout.own_line:
            # The comma after the anchor is already there: one new line after it.
            insert = f"{layout.indent}{member},{layout.newline_before(after)}"
            return Edit(text[:after] + insert + text[after:], after + len(layout.indent))
        following = members.index(anchor) + 1
        if not layout.own_line and following < len(members):
            # Same-line layout: put the member in front of the one after the anchor.
            layout = _Layout(text, root, members[following])
    if layout.own_line and layout.line_start > 0:
        at = layout.line_start
        insert = f"{layout.indent}{member},{layout.newline_before(at)}"
        return Edit(text[:at] + insert + text[at:], at + len(layout.indent))
    at = layout.key_offset
    insert = f"{member},{layout.gap}"
    return Edit(text[:at] + insert + text[at:], at)


def rename_root_key(text: str, root: Node, old: str, new: str, value: str) -> Edit:
    """Rename the root key ``old`` to ``new`` where it stands, and set its
    value to the string ``value``: the member's line is the whole diff."""
    assert isinstance(root.value, dict)
    start, end = root.key_offsets[old], root.key_ends[old]
    member = root.value[old]
    literal = json.dumps(value, ensure_ascii=False)
    edited = (
        text[:start] + json.dumps(new) + text[end : member.offset] + literal + text[member.end :]
    )
    return Edit(edited, start)


class _Layout:
    """How one member of the root object is laid out in the text."""

    def __init__(self, text: str, root: Node, name: str) -> None:
        self.text = text
        self.key_offset = root.key_offsets[name]
        assert isinstance(root.value, dict)
        self.value: Node = root.value[name]
        self.line_start = text.rfind("\n", 0, self.key_offset) + 1
        self.indent = text[self.line_start : self.key_offset]
        self.own_line = self.indent.strip(" \t") == ""
        between = text[root.key_ends[name] : self.value.offset]
        self.separator = between if _SEPARATOR.fullmatch(between) else ": "
        # The white space just before the key (rstrip, not a regex search:
        # searching for a run at the end is quadratic in the run's length).
        before = text[: self.key_offset]
        self.gap = before[len(before.rstrip(" \t\r\n")) :]

    def line_after_value(self) -> Optional[int]:
        """Start of the line after the member, if a comma ends the member's line."""
        match = _COMMA_TO_END_OF_LINE.match(self.text, self.value.end)
        return match.end() if match else None

    def newline_before(self, line_start: int) -> str:
        return "\r\n" if self.text[line_start - 2 : line_start] == "\r\n" else "\n"
