"""The YAML most manifests are written in, read without ruamel.yaml.

Most ``manifest.yml`` files are block mappings and sequences of one-line
scalars. For such a file this module gives the very events ruamel.yaml's
parser gives, with the same marks, so :mod:`.yamltext` builds the same tree
from either. On anything else (flow collections, anchors, aliases, tags,
block or multi-line scalars, escapes, directives, tabs, non-ASCII text) it
declines, and ruamel.yaml reads the file.

It exists for start-up time: a hook that needs only a manifest's app.id would
otherwise spend more on importing ruamel.yaml than on everything else it
does. A differential test holds it to ruamel.yaml's events on generated and
real files.
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Tuple

# Characters that give a plain scalar's first character another meaning.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Controls (a tab included) and carriage returns: left to the full parser.
_UNUSUAL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_PLAIN = (True, False)  # a scalar event's "implicit", by its style
_QUOTED = (False, True)
# YAML limits an implicit key to 1024 characters; longer ones are declined.
_MAX_KEY = 1000


class Mark:
    __slots__ = ("column", "index", "line")

    def __init__(self, index: int, line: int, column: int) -> None:
        self.index = index
        self.line = line
        self.column = column


class Event:
    """An event as ruamel.yaml's parser gives it; the class name is the kind."""

    anchor: Optional[str] = None
    tag: Optional[str] = None
    version: Optional[Tuple[int, int]] = None
    flow_style = False
    implicit: object = True
    value = ""
    style = ""

    def __init__(self, start: Mark, end: Mark) -> None:
        self.start_mark = start
        self.end_mark = end


class StreamStartEvent(Event):
    pass


class DocumentStartEvent(Event):
    pass


class MappingStartEvent(Event):
    pass


class SequenceStartEvent(Event):
    pass


class ScalarEvent(Event):
    def __init__(self, start: Mark, end: Mark, value: str, style: str) -> None:
        self.start_mark = start
        self.end_mark = end
        self.value = value
        self.style = style
        self.implicit = _PLAIN if style == "" else _QUOTED


class MappingEndEvent(Event):
    pass


class SequenceEndEvent(Event):
    pass


class DocumentEndEvent(Event):
    pass


class StreamEndEvent(Event):
    pass


class _Declined(Exception):
    """The text is not of the plain block form this module reads."""


class _Open:
    """A block collection being read: its column and, for a mapping whose
    last key has no value yet, where that empty value would be."""

    __slots__ = ("column", "indentless", "is_mapping", "pending")

    def __init__(self, is_mapping: bool, column: int, indentless: bool = False) -> None:
        self.is_mapping = is_mapping
        self.column = column
        self.indentless = indentless
        self.pending: Optional[Mark] = None


def block_events(text: str) -> Optional[List[Event]]:
    """The parse events of ``text``, or None when it is not plain block YAML
    with a mapping at the top (then ruamel.yaml must read it)."""
    if not text.isascii() or _UNUSUAL.search(text) or text.startswith(("%", "---")):
        return None
    try:
        return _Reader(text).read()
    except _Declined:
        return None


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.events: List[Event] = []
        self.stack: List[_Open] = []
        self.line = 0
        self.start = 0  # where the current line starts

    def mark(self, column: int) -> Mark:
        return Mark(self.start + column, self.line, column)

    def read(self) -> List[Event]:
        text = self.text
        origin = Mark(0, 0, 0)
        self.events.append(StreamStartEvent(origin, origin))
        while self.start < len(text):
            end = text.find("\n", self.start)
            end = len(text) if end == -1 else end
            self._line(text[self.start : end].rstrip(" "))
            self.start = end + 1
            self.line += 1
        if not self.stack:
            raise _Declined  # no mapping at the top
        # The parser's end is a line after the text's last, whether or not a
        # line break ends the text.
        eof = Mark(len(text), text.count("\n") + (not text.endswith("\n")), 0)
        self._close(eof, lambda _: True)
        self.events.append(DocumentEndEvent(eof, eof))
        self.events.append(StreamEndEvent(eof, eof))
        return self.events

    def _line(self, content: str) -> None:
        rest = content.lstrip(" ")
        if not rest or rest[0] == "#":
            return
        column = len(content) - len(rest)
        if column == 0 and rest.startswith(("---", "...", "%")):
            raise _Declined
        if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
            self._item(content, column)
        else:
            self._key_line(content, column)

    def _item(self, content: str, column: int) -> None:
        """A line ``- ...``: an item of the sequence at ``column``."""
        at = self.mark(column)
        self._close(at, lambda open_: open_.column > column)
        top = self.stack[-1] if self.stack else None
        if top is None:
            raise _Declined  # a sequence at the top
        if top.is_mapping:
            if top.pending is None or column < top.column:
                raise _Declined
            top.pending = None
            indentless = column == top.column
            end = self.mark(column + 1) if indentless else at
            self.events.append(SequenceStartEvent(at, end))
            self.stack.append(_Open(False, column, indentless))
        elif top.column != column:
            raise _Declined
        entry = column + 1 + len(content[column + 1 :]) - len(content[column + 1 :].lstrip(" "))
        if entry >= len(content) or content[entry] == "#" or content.startswith("- ", entry):
            raise _Declined  # the item's value is on the lines below, or a sequence
        separator = _separator(content, entry)
        if separator is None:
            self._value(content, entry)
            return
        self.events.append(MappingStartEvent(self.mark(entry), self.mark(entry)))
        self.stack.append(_Open(True, entry))
        self._entry(content, entry, separator)

    def _key_line(self, content: str, column: int) -> None:
        """A line ``key: ...`` at ``column``."""
        at = self.mark(column)
        self._close(
            at,
            lambda open_: (
                open_.column > column
                or (not open_.is_mapping and open_.indentless and open_.column == column)
            ),
        )
        separator = _separator(content, column)
        if separator is None:
            raise _Declined  # a scalar that continues one above, or an error
        top = self.stack[-1] if self.stack else None
        if top is None:
            if column != 0 or self.events[-1].__class__ is not StreamStartEvent:
                raise _Declined
            self.events.append(DocumentStartEvent(at, at))
        elif not top.is_mapping:
            raise _Declined
        elif top.column == column:
            if top.pending is not None:
                self._empty(top)
            self._entry(content, column, separator)
            return
        elif top.pending is None or column < top.column:
            raise _Declined
        else:
            top.pending = None
        self.events.append(MappingStartEvent(at, at))
        self.stack.append(_Open(True, column))
        self._entry(content, column, separator)

    def _entry(self, content: str, column: int, separator: int) -> None:
        """``key: value`` or ``key:`` in the mapping on top of the stack."""
        key = content[column:separator]
        if not _plain(key) or key.endswith(" ") or len(key) > _MAX_KEY or " #" in key:
            raise _Declined
        self.events.append(ScalarEvent(self.mark(column), self.mark(separator), key, ""))
        value = separator + 1
        while value < len(content) and content[value] == " ":
            value += 1
        if value >= len(content) or content[value] == "#":
            self.stack[-1].pending = self.mark(separator + 1)
            return
        self._value(content, value)

    def _value(self, content: str, column: int) -> None:
        """The one-line scalar at ``column``, which ends the line."""
        quote = content[column]
        if quote in "'\"":
            value, end = _quoted(content, column)
            style = quote
        else:
            cut = content.find(" #", column)
            value = content[column : len(content) if cut == -1 else cut].rstrip(" ")
            if not _plain(value) or ": " in value or value.endswith(":"):
                raise _Declined
            end = column + len(value)
            style = ""
        self.events.append(ScalarEvent(self.mark(column), self.mark(end), value, style))

    def _empty(self, mapping: _Open) -> None:
        """The empty value of a key written with nothing after it."""
        assert mapping.pending is not None
        self.events.append(ScalarEvent(mapping.pending, mapping.pending, "", ""))
        mapping.pending = None

    def _close(self, at: Mark, closes: Callable[[_Open], bool]) -> None:
        while self.stack and closes(self.stack[-1]):
            done = self.stack.pop()
            if done.is_mapping:
                if done.pending is not None:
                    self._empty(done)
                self.events.append(MappingEndEvent(at, at))
            else:
                self.events.append(SequenceEndEvent(at, at))


def _separator(content: str, start: int) -> Optional[int]:
    """Where the ``:`` that ends a mapping key is: the first one followed by
    a space or the line's end."""
    at = content.find(":", start)
    while at != -1:
        if at + 1 == len(content) or content[at + 1] == " ":
            return at
        at = content.find(":", at + 1)
    return None


def _plain(text: str) -> bool:
    return bool(text) and text[0] not in _INDICATORS


def _quoted(content: str, column: int) -> Tuple[str, int]:
    """A one-line quoted scalar with no escapes but ``''``; its value and end."""
    quote = content[column]
    parts: List[str] = []
    at = column + 1
    while True:
        close = content.find(quote, at)
        if close == -1:
            raise _Declined  # continues on the next line
        parts.append(content[at:close])
        if quote == "'" and content.startswith("''", close):
            parts.append("'")
            at = close + 2
            continue
        break
    value = "".join(parts)
    if quote == '"' and "\\" in value:
        raise _Declined
    after = content[close + 1 :]
    if after and not (after.lstrip(" ").startswith("#") and after.startswith(" ")):
        raise _Declined
    return value, close + 1
