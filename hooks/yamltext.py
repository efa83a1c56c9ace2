"""YAML 1.2 into :class:`~.nodes.Node` trees, safely and with positions.

ruamel.yaml only *composes* the node graph here; we build the values
ourselves. So no tag is ever constructed (``!!python/object`` is just a
finding), an alias is a reference we count instead of a copy we make, and
duplicate keys are reported instead of silently overwritten.

Problems that still leave a usable tree (a duplicate key, a foreign tag) are
collected, so a caller can first decide whether the file is a Forge manifest
at all before it reports anything.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, NamedTuple, Optional, Union

from . import codes
from .nodes import MAX_DEPTH, Node, Scalar

# Nodes built, aliases included: a 200 KB file has far fewer without aliases.
MAX_NODES = 200_000
MAX_NUMBER_CHARS = 400

_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")


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


_yaml: Any = None


def _composer() -> Any:
    global _yaml
    if _yaml is None:
        from ruamel.yaml import YAML

        _yaml = YAML(typ="safe", pure=True)
        _yaml.version = (1, 2)
    return _yaml


def parse_yaml(text: str) -> YAMLResult:
    """Compose ``text``; raise :class:`YAMLFailure` when there is no tree."""
    from ruamel.yaml.error import YAMLError

    try:
        documents = list(_composer().compose_all(text))
    except RecursionError:
        raise YAMLFailure(
            YAMLProblem(codes.TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels", 0)
        ) from None
    except YAMLError as error:
        raise YAMLFailure(_describe(error)) from None
    if len(documents) > 1:
        second = documents[1].start_mark.index
        raise YAMLFailure(
            YAMLProblem(codes.YAML_SYNTAX, "more than one YAML document in the file", second)
        )
    if not documents:
        return YAMLResult(None, [])
    builder = _Builder()
    root = builder.build(documents[0], 0)
    return YAMLResult(root, builder.problems)


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
    return YAMLProblem(codes.YAML_SYNTAX, " ".join(message.split()), int(offset))


class _Builder:
    def __init__(self) -> None:
        self.problems: List[YAMLProblem] = []
        self.count = 0

    def build(self, node: Any, depth: int) -> Node:
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        self.count += 1
        offset = node.start_mark.index
        if self.count > MAX_NODES:
            raise YAMLFailure(
                YAMLProblem(
                    codes.YAML_ALIASES,
                    f"the document expands to more than {MAX_NODES} nodes (alias bomb?)",
                    offset,
                )
            )
        if depth > MAX_DEPTH:
            raise YAMLFailure(
                YAMLProblem(codes.TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels", offset)
            )
        tag = str(getattr(node.tag, "value", node.tag))
        if isinstance(node, MappingNode):
            self._check_tag(tag, "map", offset)
            return self._mapping(node, depth, offset)
        if isinstance(node, SequenceNode):
            self._check_tag(tag, "seq", offset)
            items: List[Node] = [self.build(item, depth + 1) for item in node.value]
            return Node(items, offset, node.end_mark.index)
        return Node(self._scalar(tag, node.value, offset), offset, node.end_mark.index)

    def _mapping(self, node: Any, depth: int, offset: int) -> Node:
        from ruamel.yaml.nodes import ScalarNode

        members: Dict[str, Node] = {}
        result = Node(members, offset, node.end_mark.index)
        for key_node, value_node in node.value:
            key_offset = key_node.start_mark.index
            if not isinstance(key_node, ScalarNode):
                raise YAMLFailure(
                    YAMLProblem(codes.YAML_SYNTAX, "a mapping key must be a scalar", key_offset)
                )
            key = str(key_node.value)
            if key in members:
                self.problems.append(
                    YAMLProblem(codes.DUPLICATE_KEY, f"duplicate key {key!r}", key_offset)
                )
            members[key] = self.build(value_node, depth + 1)
            result.key_offsets[key] = key_offset
            result.key_ends[key] = key_node.end_mark.index
        return result

    def _check_tag(self, tag: str, expected: str, offset: int) -> None:
        if tag != _CORE + expected:
            self.problems.append(
                YAMLProblem(codes.YAML_TAG, f"tag {_short(tag)} is not allowed here", offset)
            )

    def _scalar(self, tag: str, text: str, offset: int) -> Scalar:
        kind = tag[len(_CORE) :] if tag.startswith(_CORE) else None
        if kind in ("str", "timestamp", "merge"):
            # YAML 1.2's core schema has no timestamps or merge keys: Forge
            # reads both as plain strings, and so do we.
            return text
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() == "true"
        if kind == "int" and _INT.fullmatch(text):
            return self._number(text, offset, _to_int)
        if kind == "float":
            if _INFINITY.fullmatch(text):
                return float("-inf") if text.startswith("-") else float("inf")
            if _NAN.fullmatch(text):
                return float("nan")
            if _FLOAT.fullmatch(text):
                return self._number(text, offset, float)
        if kind in ("int", "float"):
            return text  # e.g. 1_000: a number in YAML 1.1, a string in 1.2
        self.problems.append(
            YAMLProblem(codes.YAML_TAG, f"tag {_short(tag)} is not allowed here", offset)
        )
        return text

    def _number(self, text: str, offset: int, convert: Any) -> Union[int, float]:
        if len(text) > MAX_NUMBER_CHARS:
            raise YAMLFailure(
                YAMLProblem(
                    codes.NUMBER_TOO_LONG,
                    f"number of {len(text)} characters (at most {MAX_NUMBER_CHARS})",
                    offset,
                )
            )
        value: Union[int, float] = convert(text)
        return value


def _to_int(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
