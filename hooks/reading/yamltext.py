"""YAML into :class:`~.nodes.Node` trees as Forge reads it, safely and with positions.

ruamel.yaml only *parses* here; we compose the nodes and resolve the values
ourselves from its events. So no tag is ever constructed (``!!python/object``
is just a finding), an alias is a reference we count instead of a copy we
make, nesting is bounded without recursion, and duplicate keys are reported
instead of silently overwritten.

Problems that still leave a usable tree (a duplicate key, a foreign tag) are
collected, so a caller can first decide whether the file is a Forge manifest
at all before it reports anything.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Generator, Iterable, List, NamedTuple, Optional, Set, Tuple

from .nodes import MAX_DEPTH, MAX_NUMBER_CHARS, Node, Scalar
from .problems import DUPLICATE_KEY, NUMBER_TOO_LONG, TOO_DEEP, YAML_ALIASES, YAML_SYNTAX, YAML_TAG
from .yaml_block import block_events
from .yaml_scalars import (
    NumberTooLong,
    Resolver,
    json_value,
    key_identity,
    key_text,
    resolve_core,
    resolver,
    tagged,
)

# Nodes built, aliases included: a 200 KB file has far fewer without aliases.
MAX_NODES = 200_000

_CORE = "tag:yaml.org,2002:"
_MERGE = "<<"
_MERGE_TAG = _CORE + "merge"
# A %YAML directive's version: Forge reads a version other than 1.1 and 1.2
# as 1.2 (with a warning); ruamel.yaml refuses it.
_DIRECTIVE = re.compile(r"%YAML[ \t]+([0-9]+\.[0-9]+)(?=[ \t]|\r?$)", re.MULTILINE)


class YAMLProblem(NamedTuple):
    code: str
    message: str
    offset: int


class YAMLResult(NamedTuple):
    root: Optional[Node]
    problems: List[YAMLProblem]


class YAMLFailure(Exception):
    """The text is not YAML we can build a tree from."""

    def __init__(self, problem: YAMLProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


_parsers: Dict[bool, Any] = {}


def _events(text: str, pure: bool) -> Generator[Any, None, None]:
    """Parse events: from libyaml through ruamel.yaml.clib when it is there
    (seven times faster), else from ruamel.yaml's pure-Python parser."""
    if pure not in _parsers:
        from ruamel.yaml import YAML

        # "safe" takes the C parser when ruamel.yaml.clib is installed.
        _parsers[pure] = YAML(typ="safe", pure=pure)
    events: Generator[Any, None, None] = _parsers[pure].parse(text)
    return events


def parse_yaml(text: str) -> YAMLResult:
    """Build the document of ``text``; raise :class:`YAMLFailure` when there is none.

    Nodes are composed here from the parser's events, without recursion, so
    depth and alias expansion are bounded before they cost anything.
    """
    _line_breaks(text)
    text = _supported_version(text)
    plain = block_events(text)
    if plain is not None:
        return _build_from(text, plain)  # most manifests: ruamel.yaml is not imported

    from ruamel.yaml.error import YAMLError

    try:
        return _build(text, pure=False)
    except YAMLError:
        # libyaml reads YAML 1.1, which refuses some YAML 1.2 that Forge reads
        # (``{id: ari:cloud:...}`` in flow style): the YAML 1.2 parser decides.
        try:
            return _build(text, pure=True)
        except YAMLError as error:
            raise YAMLFailure(_describe(error)) from None
        except AssertionError:
            # ruamel.yaml asserts on directives it has no answer for.
            raise YAMLFailure(
                YAMLProblem(YAML_SYNTAX, "a directive the YAML parser cannot read", 0)
            ) from None
        except (ValueError, OverflowError):
            # The pure parser's chr() on an escape beyond U+10FFFF: ValueError,
            # or OverflowError past a C int (\UFFFFFFFF).
            raise YAMLFailure(_escape_out_of_range(text)) from None


def _supported_version(text: str) -> str:
    """The text with each unsupported ``%YAML`` version read as 1.2, as
    Forge's parser reads it; offsets stay where they were."""
    if not text.startswith("%") and "\n%" not in text:
        return text
    for match in reversed(list(_DIRECTIVE.finditer(text))):
        version = match.group(1)
        if version not in ("1.1", "1.2"):
            start, end = match.span(1)
            text = text[:start] + "1.2".ljust(end - start) + text[end:]
    return text


def _escape_out_of_range(text: str) -> YAMLProblem:
    """Where a ``\\UXXXXXXXX`` escape names no Unicode character."""
    at = text.find("\\U")
    while at != -1:
        digits = text[at + 2 : at + 10]
        if len(digits) == 8 and all(c in "0123456789abcdefABCDEF" for c in digits):
            if int(digits, 16) > 0x10FFFF:
                return YAMLProblem(
                    YAML_SYNTAX,
                    f"the escape \\U{digits} is beyond U+10FFFF, the last Unicode character",
                    at,
                )
        at = text.find("\\U", at + 2)
    return YAMLProblem(YAML_SYNTAX, "an escape that names no Unicode character", 0)


def _build(text: str, pure: bool) -> YAMLResult:
    events = _events(text, pure)
    try:
        return _build_from(text, events)
    finally:
        # The parser is shared by every parse: end this one now, also when
        # the builder stopped early, not when the generator is collected.
        events.close()


def _build_from(text: str, events: Iterable[Any]) -> YAMLResult:
    builder = _Builder(text)
    try:
        for event in events:
            builder.feed(event)
    except RecursionError:
        raise YAMLFailure(
            YAMLProblem(TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels", 0)
        ) from None
    return YAMLResult(builder.root, builder.problems)


# Line breaks other than LF and CRLF: the YAML 1.1 parsers take them as line
# ends, Forge's YAML 1.2 parser does not, so the two would read different
# documents from one file.
_ODD_BREAKS = {
    "\r": "a carriage return without a line feed",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\x85": "U+0085 NEXT LINE",
}


def _line_breaks(text: str) -> None:
    for char, name in _ODD_BREAKS.items():
        at = text.find(char)
        while char == "\r" and at != -1 and text.startswith("\r\n", at):
            at = text.find(char, at + 2)
        if at != -1:
            raise YAMLFailure(
                YAMLProblem(
                    YAML_SYNTAX,
                    f"{name} in the file; Forge reads only LF or CRLF line ends",
                    at,
                )
            )


def _describe(error: Exception) -> YAMLProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    offset = getattr(mark, "index", None)
    if offset is None:
        offset = getattr(error, "position", 0) or 0
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if problem:
        message = f"{context}, {problem}" if context else str(problem)
    else:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return YAMLProblem(YAML_SYNTAX, " ".join(message.split()), int(offset))


class _Open:
    """A mapping or sequence being built, and its pending key."""

    __slots__ = (
        "anchor",
        "height",
        "identities",
        "key",
        "key_end",
        "key_identity",
        "key_offset",
        "merging",
        "node",
        "size",
    )

    def __init__(self, node: Node, anchor: Optional[str]) -> None:
        self.node = node
        self.anchor = anchor
        self.key: Optional[str] = None
        self.key_identity: object = None
        self.key_offset = 0
        self.key_end = 0
        self.merging = False  # the pending key is YAML 1.1's merge key
        self.identities: Set[object] = set()  # the keys written, as Forge compares them
        self.size = 1  # nodes in this subtree, aliases expanded
        self.height = 1  # levels in this subtree, aliases expanded


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: List[YAMLProblem] = []
        self.root: Optional[Node] = None
        self.documents = 0
        self.count = 0
        self.stack: List[_Open] = []
        # anchor -> (node, nodes in it, levels in it), aliases expanded
        self.anchors: Dict[str, Tuple[Node, int, int]] = {}
        # The column of each open block collection, and the outermost open
        # flow collection's start: what a value's continuation lines must pass.
        self.blocks: List[int] = []
        self.flow_start: Optional[Any] = None
        self.flow_depth = 0
        self.resolve: Resolver = resolve_core
        self.merges = False

    def feed(self, event: Any) -> None:
        kind = type(event).__name__
        offset = event.start_mark.index
        if kind == "ScalarEvent":  # the most frequent, first
            if event.style in ('"', "'") and not self.flow_depth:
                self._indented(event.start_mark, event.end_mark, closers="")
            tag = event.tag
            if tag is None and event.implicit[0]:
                value = self._plain(event.value, offset)
            else:
                value = self._explicit(tag, event.value, offset)
            node = Node(json_value(value), offset, event.end_mark.index)
            self._add(node, event.anchor, 1, 1, event, key=value)
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            mapping = kind == "MappingStartEvent"
            expected = _CORE + ("map" if mapping else "seq")
            if event.tag not in (None, "!", expected):
                self._problem(YAML_TAG, f"tag {_short(event.tag)} is not allowed here", offset)
            if len(self.stack) >= MAX_DEPTH:
                raise YAMLFailure(
                    YAMLProblem(TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels", offset)
                )
            self._count(1, offset)
            node = Node({} if mapping else [], offset)
            if self.stack and self.stack[-1].node.is_object and self.stack[-1].key is None:
                raise YAMLFailure(
                    YAMLProblem(YAML_SYNTAX, "a mapping key must be a scalar", offset)
                )
            self.stack.append(_Open(node, event.anchor))
            if event.flow_style:
                if not self.flow_depth:
                    self.flow_start = event.start_mark
                self.flow_depth += 1
            else:
                self.blocks.append(event.start_mark.column)
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            if self.flow_depth:
                self.flow_depth -= 1
                if not self.flow_depth:
                    self._indented(self.flow_start, event.end_mark, closers="]}")
            else:
                self.blocks.pop()
            done = self.stack.pop()
            done.node.end = event.end_mark.index
            self._count(0, offset)
            self._add(done.node, done.anchor, done.size, done.height, None, counted=True)
        elif kind == "DocumentStartEvent":
            self.resolve = resolver(event.version)
            self.merges = event.version == (1, 1)
            self.documents += 1
            if self.documents > 1:
                raise YAMLFailure(
                    YAMLProblem(YAML_SYNTAX, "more than one YAML document in the file", offset)
                )
        elif kind == "AliasEvent":
            target = self.anchors.get(event.anchor)
            if target is None:
                raise YAMLFailure(
                    YAMLProblem(
                        YAML_SYNTAX,
                        f"alias *{event.anchor} has no anchor before it (or refers to itself)",
                        offset,
                    )
                )
            node, size, height = target
            self._count(size, offset)
            self._add(node, None, size, height, event, counted=True)

    def _indented(self, start: Any, end: Any, closers: str) -> None:
        """A quoted value or a flow collection that spans lines: each line after
        its first must be indented more than the block collection it is in,
        or Forge's YAML parser refuses the file (libyaml reads it). Blank lines
        and, for a flow collection, a line that only closes it are exempt."""
        if end.line <= start.line or not self.blocks:
            return
        column = self.blocks[-1]
        text = self.text
        at = text.find("\n", start.index, end.index)
        while at != -1:
            line = at + 1
            next_break = text.find("\n", line, end.index)
            line_end = end.index if next_break == -1 else next_break
            indent = line
            while indent < line_end and text[indent] == " ":
                indent += 1
            rest = text[indent:line_end].strip(" \t\r")
            if rest and indent - line <= column and rest[0] not in closers:
                raise YAMLFailure(
                    YAMLProblem(
                        YAML_SYNTAX,
                        f"this line continues a value but is indented {indent - line} spaces, "
                        f"no more than the block it is in ({column}); Forge's YAML parser "
                        "cannot read it",
                        indent,
                    )
                )
            at = next_break

    def _count(self, added: int, offset: int) -> None:
        self.count += added
        if self.count > MAX_NODES:
            raise YAMLFailure(
                YAMLProblem(
                    YAML_ALIASES,
                    f"the document expands to more than {MAX_NODES} nodes (alias bomb?)",
                    offset,
                )
            )

    def _add(
        self,
        node: Node,
        anchor: Optional[str],
        size: int,
        height: int,
        event: Any,
        counted: bool = False,
        key: Scalar = None,
    ) -> None:
        if not counted:
            self._count(size, node.offset)
        # An alias puts a whole subtree here: the tree is as deep as the
        # stack plus that subtree, and every later walk over it must fit.
        if len(self.stack) + height > MAX_DEPTH:
            raise YAMLFailure(
                YAMLProblem(
                    TOO_DEEP,
                    f"nesting deeper than {MAX_DEPTH} levels (aliases included)",
                    node.offset if event is None else event.start_mark.index,
                )
            )
        if anchor is not None:
            self.anchors[anchor] = (node, size, height)
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        parent.size += size
        parent.height = max(parent.height, height + 1)
        members = parent.node.value
        if parent.key is None and isinstance(members, dict):
            pass
        elif event is not None and getattr(event, "tag", None) == _MERGE_TAG:
            self._problem(YAML_TAG, "tag !!merge is only for a mapping key", node.offset)
        if isinstance(members, list):
            members.append(node)
        elif parent.key is None:
            # A key: only scalars make keys we can name.
            if event is None or type(event).__name__ != "ScalarEvent":
                raise YAMLFailure(
                    YAMLProblem(YAML_SYNTAX, "a mapping key must be a scalar", node.offset)
                )
            # A plain << merges in YAML 1.1; one tagged !!merge in every version.
            parent.merging = self._is_merge_key(event)
            # Forge's parser keys a JavaScript object: every key is a string.
            parent.key = key_text(key)
            parent.key_identity = key_identity(key)
            parent.key_offset = node.offset
            parent.key_end = node.end
        elif parent.merging:
            self._merge(parent, node)
        else:
            assert isinstance(members, dict)
            name = parent.key
            if parent.key_identity in parent.identities:
                self._problem(DUPLICATE_KEY, f"duplicate key {name!r}", parent.key_offset)
            parent.identities.add(parent.key_identity)
            # A later key replaces a merged one, and one equal only as a string.
            members[name] = node
            parent.node.key_offsets[name] = parent.key_offset
            parent.node.key_ends[name] = parent.key_end
            parent.key = None

    def _is_merge_key(self, event: Any) -> bool:
        """``<<`` as a plain key, or tagged ``!!merge``: YAML 1.1's merge key."""
        if event.value != _MERGE:
            return False
        if event.tag is None:
            return self.merges and bool(event.implicit[0]) and not event.style
        return bool(event.tag == _CORE + "merge")

    def _merge(self, parent: _Open, value: Node) -> None:
        """YAML 1.1's ``<< : mapping`` or ``<< : [mapping, ...]``: keys the
        mapping does not have yet, the earlier source first, as Forge merges."""
        sources = value.value if isinstance(value.value, list) else [value]
        members = parent.node.value
        assert isinstance(members, dict)
        for source in sources:
            if not isinstance(source.value, dict):
                raise YAMLFailure(
                    YAMLProblem(
                        YAML_SYNTAX,
                        "a merge key << takes a mapping, an alias of one or a list of them",
                        source.offset,
                    )
                )
            for name, member in source.value.items():
                if name not in members:
                    members[name] = member
                    parent.node.key_offsets[name] = source.key_offsets[name]
                    parent.node.key_ends[name] = source.key_ends[name]
        parent.key = None
        parent.merging = False

    def _problem(self, code: str, message: str, offset: int) -> None:
        self.problems.append(YAMLProblem(code, message, offset))

    def _plain(self, text: str, offset: int) -> Scalar:
        """A plain scalar, resolved by the document's schema as Forge does."""
        try:
            return self.resolve(text)[0]
        except NumberTooLong:
            raise YAMLFailure(_too_long(text, offset)) from None

    def _explicit(self, tag: Optional[str], text: str, offset: int) -> Scalar:
        if tag is None or tag in ("!", _CORE + "str"):
            return text
        kind = tag[len(_CORE) :] if tag.startswith(_CORE) else None
        if kind == "merge" and text == _MERGE:
            return text  # a merge key; anywhere else the builder says so
        if kind in ("null", "bool", "int", "float"):
            try:
                value = tagged(self.resolve, kind, text)
            except NumberTooLong:
                raise YAMLFailure(_too_long(text, offset)) from None
            if value is not None:
                return value[0]
            self._problem(YAML_TAG, f"{text!r} is not a valid {_short(tag)}", offset)
            return text
        self._problem(YAML_TAG, f"tag {_short(tag)} is not allowed here", offset)
        return text


def _too_long(text: str, offset: int) -> YAMLProblem:
    return YAMLProblem(
        NUMBER_TOO_LONG,
        f"number of {len(text)} characters (at most {MAX_NUMBER_CHARS})",
        offset,
    )


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
