"""Parsed documents that remember where every key and value came from.

Both loaders (JSON and YAML) produce the same tree of :class:`Node`, so rules
and reporters never care which syntax a file was written in.
"""

from __future__ import annotations

import bisect
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

# Deeper than any real descriptor or manifest; keeps every walk over a tree
# safely inside Python's recursion limit.
MAX_DEPTH = 200
# No setting is a number of hundreds of digits, and converting one costs time
# that grows with its square: longer number literals are refused.
MAX_NUMBER_CHARS = 400

Scalar = Union[str, int, float, bool, None]
_NO_KEYS: Dict[str, int] = {}
PathItem = Union[str, int]


class Node:
    """One value with the character offset where it starts.

    ``value`` is the Python scalar for scalars, a ``dict`` of str -> Node for
    objects (keys in document order) and a ``list`` of Node for arrays.
    ``key_offsets`` gives, for an object, where each key starts.
    """

    __slots__ = ("end", "key_ends", "key_offsets", "offset", "value")

    def __init__(
        self,
        value: Union[Scalar, Dict[str, Node], List[Node]],
        offset: int,
        end: int = -1,
    ) -> None:
        self.value = value
        self.offset = offset
        self.end = end
        # Only objects have keys; the rest share one empty, never-written dict,
        # which keeps a large document's tree small.
        has_keys = isinstance(value, dict)
        self.key_offsets: Dict[str, int] = {} if has_keys else _NO_KEYS
        self.key_ends: Dict[str, int] = {} if has_keys else _NO_KEYS

    @property
    def is_object(self) -> bool:
        return isinstance(self.value, dict)

    def get(self, key: str) -> Optional[Node]:
        if isinstance(self.value, dict):
            return self.value.get(key)
        return None

    def items(self) -> Iterator[Tuple[str, Node]]:
        if isinstance(self.value, dict):
            yield from self.value.items()

    def plain(self, text: Optional[Callable[[str], str]] = None) -> object:
        """The value as plain dicts, lists and scalars (for jsonschema), with
        ``text`` applied to every string value (not to keys) when given."""
        if isinstance(self.value, dict):
            return {k: v.plain(text) for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain(text) for v in self.value]
        if text is not None and isinstance(self.value, str):
            return text(self.value)
        return self.value

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, without recursion."""
        stack: List[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node.value, dict):
                stack.extend(reversed(list(node.value.values())))
            elif isinstance(node.value, list):
                stack.extend(reversed(node.value))

    def child(self, item: PathItem) -> Optional[Node]:
        """The member named ``item`` (a key or an index), if there is one."""
        if isinstance(item, str):
            return self.get(item)
        if isinstance(self.value, list) and 0 <= item < len(self.value):
            return self.value[item]
        return None

    def find(self, path: Sequence[PathItem]) -> Node:
        """The deepest node along ``path``: where a schema error about a
        missing key is best shown is the closest parent that exists."""
        node = self
        for item in path:
            found = node.child(item)
            if found is None:
                break
            node = found
        return node

    def key_offset(self, path: Sequence[PathItem]) -> Optional[int]:
        """Offset of the key that ``path``'s last item names, if it exists."""
        if not path or not isinstance(path[-1], str):
            return None
        parent: Optional[Node] = self
        for item in path[:-1]:
            parent = parent.child(item) if parent is not None else None
        return parent.key_offsets.get(path[-1]) if parent is not None else None


def items_of(node: Optional[Node]) -> List[Node]:
    """The node's items when it is a list, else none (no node, or another type)."""
    return node.value if node is not None and isinstance(node.value, list) else []


def string_of(node: Optional[Node]) -> Optional[str]:
    """The node's value when it is a string, else None (no node, or another type)."""
    return node.value if node is not None and isinstance(node.value, str) else None


class LineIndex:
    """Turns character offsets into 1-based (line, column) pairs."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> Tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
