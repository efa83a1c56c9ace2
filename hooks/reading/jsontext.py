"""A strict JSON parser (RFC 8259) that keeps the offset of every key and value.

The standard library's ``json`` cannot say where a value is, and silently keeps
the last of two duplicate keys; this parser does neither. With ``json5=True``
it also accepts the two JSON5 extensions atlassian-connect-express relies on,
comments and trailing commas, and nothing else.

It never recurses, so hostile nesting costs a clear error, not a crash.
"""

from __future__ import annotations

import json
import re
from typing import Dict, List, Optional, Union

from .nodes import MAX_DEPTH, MAX_NUMBER_CHARS, Node
from .problems import DUPLICATE_KEY, JSON_SYNTAX, NUMBER_TOO_LONG, TOO_DEEP

# Long enough for any real number; far below what makes int() slow or refuse.

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_NOT_JSON_WORDS = ("NaN", "Infinity", "-Infinity", "undefined")
_LITERALS: Dict[str, Union[bool, None]] = {"true": True, "false": False, "null": None}


class JSONProblem(Exception):
    """The text is not JSON; ``offset`` is where it stops being JSON."""

    def __init__(self, code: str, message: str, offset: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset
        self.syntax = code == JSON_SYNTAX  # not JSON at all, rather than JSON we refuse


def parse_json(text: str, *, json5: bool = False) -> Node:
    return _Parser(text, json5).parse()


class _Parser:
    def __init__(self, text: str, json5: bool) -> None:
        self.text = text
        self.json5 = json5
        self._ws = _WHITESPACE.match

    def skip(self, pos: int) -> int:
        """Past white space (and, in JSON5, comments), one linear scan."""
        text = self.text
        end = self._ws(text, pos).end()  # type: ignore[union-attr]
        while self.json5 and text.startswith("/", end):
            if text.startswith("//", end):
                newline = text.find("\n", end)
                end = len(text) if newline == -1 else newline
            elif text.startswith("/*", end):
                close = text.find("*/", end + 2)
                if close == -1:
                    break  # reported below as an unterminated comment
                end = close + 2
            else:
                break
            end = self._ws(text, end).end()  # type: ignore[union-attr]
        if text.startswith("/", end):
            self._comment_problem(end)
        return end

    def _comment_problem(self, pos: int) -> None:
        if not self.json5:
            raise JSONProblem(
                JSON_SYNTAX,
                "comments are not allowed in JSON (use --json5 for an "
                "atlassian-connect-express descriptor)",
                pos,
            )
        if self.text.startswith("/*", pos):
            raise JSONProblem(JSON_SYNTAX, "unterminated /* comment", pos)
        raise JSONProblem(JSON_SYNTAX, "unexpected '/'", pos)

    def parse(self) -> Node:
        text = self.text
        length = len(text)
        pos = self.skip(0)
        if pos >= length:
            raise JSONProblem(JSON_SYNTAX, "empty document: expected a JSON value", pos)
        stack: List[Node] = []
        pending_key: Optional[str] = None
        root: Optional[Node] = None
        expect_key = False
        while True:
            if expect_key:
                pos, pending_key = self.key(stack[-1], pos)
                expect_key = False
            node, pos = self.value(pos, len(stack))
            if root is None:
                root = node
            else:
                self.attach(stack[-1], pending_key, node)
            if isinstance(node.value, (dict, list)):
                opener = pos
                pos = self.skip(pos + 1)
                closer = "}" if isinstance(node.value, dict) else "]"
                if text.startswith(closer, pos):
                    node.end = pos + 1
                    pos += 1
                else:
                    stack.append(node)
                    expect_key = closer == "}"
                    if pos >= length:
                        raise JSONProblem(JSON_SYNTAX, f"unclosed '{text[opener]}'", opener)
                    continue
            # After a complete value: close containers or move to the next item.
            while True:
                pos = self.skip(pos)
                if not stack:
                    if pos < length:
                        raise JSONProblem(JSON_SYNTAX, "unexpected data after the JSON value", pos)
                    return root
                top = stack[-1]
                closer = "}" if isinstance(top.value, dict) else "]"
                char = text[pos] if pos < length else ""
                if char == closer:
                    top.end = pos + 1
                    stack.pop()
                    pos += 1
                    continue
                if char == ",":
                    pos = self.skip(pos + 1)
                    if text.startswith(closer, pos):
                        if not self.json5:
                            raise JSONProblem(
                                JSON_SYNTAX,
                                "trailing comma is not allowed in JSON",
                                pos,
                            )
                        top.end = pos + 1
                        stack.pop()
                        pos += 1
                        continue
                    expect_key = closer == "}"
                    break
                if not char:
                    raise JSONProblem(
                        JSON_SYNTAX,
                        f"unexpected end of file: expected ',' or '{closer}'",
                        pos,
                    )
                raise JSONProblem(JSON_SYNTAX, f"expected ',' or '{closer}', found {char!r}", pos)

    def key(self, obj: Node, pos: int) -> tuple[int, str]:
        text = self.text
        if not text.startswith('"', pos):
            found = repr(text[pos]) if pos < len(text) else "end of file"
            raise JSONProblem(JSON_SYNTAX, f"expected a double-quoted key, found {found}", pos)
        key_node = self.string(pos)
        key = key_node.value
        assert isinstance(key, str)
        assert isinstance(obj.value, dict)
        if key in obj.value:
            raise JSONProblem(DUPLICATE_KEY, f"duplicate key {key!r}", pos)
        obj.key_offsets[key] = pos
        obj.key_ends[key] = key_node.end
        pos = self.skip(key_node.end)
        if not text.startswith(":", pos):
            raise JSONProblem(JSON_SYNTAX, "expected ':' after the key", pos)
        return self.skip(pos + 1), key

    @staticmethod
    def attach(parent: Node, key: Optional[str], node: Node) -> None:
        if isinstance(parent.value, dict):
            assert key is not None
            parent.value[key] = node
        else:
            assert isinstance(parent.value, list)
            parent.value.append(node)

    def value(self, pos: int, depth: int) -> tuple[Node, int]:
        text = self.text
        if pos >= len(text):
            raise JSONProblem(JSON_SYNTAX, "unexpected end of file: expected a value", pos)
        char = text[pos]
        if char in "{[":
            if depth >= MAX_DEPTH:
                raise JSONProblem(TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels", pos)
            return Node({} if char == "{" else [], pos), pos
        if char == '"':
            node = self.string(pos)
            return node, node.end
        for word in _NOT_JSON_WORDS:
            if text.startswith(word, pos):
                raise JSONProblem(JSON_SYNTAX, f"{word} is not a JSON value", pos)
        if char == "-" or char.isdigit():
            return self.number(pos)
        for word, literal in _LITERALS.items():
            if text.startswith(word, pos):
                return Node(literal, pos, pos + len(word)), pos + len(word)
        if char == "/":
            self._comment_problem(pos)
        if char == "'":
            raise JSONProblem(JSON_SYNTAX, "strings must use double quotes", pos)
        raise JSONProblem(JSON_SYNTAX, f"unexpected {char!r}: expected a value", pos)

    def string(self, pos: int) -> Node:
        match = _STRING.match(self.text, pos)
        if match is None:
            self._string_problem(pos)
        assert match is not None
        # The regex has already made sure this is a valid JSON string literal;
        # one with no escape is its own value.
        literal = match.group()
        value = json.loads(literal) if "\\" in literal else literal[1:-1]
        return Node(value, pos, match.end())

    def _string_problem(self, start: int) -> None:
        text = self.text
        pos = start + 1
        while pos < len(text):
            char = text[pos]
            if char == '"':
                break
            if char == "\\":
                escape = text[pos : pos + 6]
                if re.match(r'\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})', escape) is None:
                    raise JSONProblem(JSON_SYNTAX, "invalid escape in string", pos)
                pos += 6 if escape.startswith("\\u") else 2
                continue
            if char < " ":
                raise JSONProblem(
                    JSON_SYNTAX,
                    f"control character U+{ord(char):04X} in string (escape it)",
                    pos,
                )
            pos += 1
        raise JSONProblem(JSON_SYNTAX, "unterminated string", start)

    def number(self, pos: int) -> tuple[Node, int]:
        match = _NUMBER.match(self.text, pos)
        if match is None:
            raise JSONProblem(JSON_SYNTAX, "invalid number", pos)
        token = match.group()
        if len(token) > MAX_NUMBER_CHARS:
            raise JSONProblem(
                NUMBER_TOO_LONG,
                f"number of {len(token)} characters (at most {MAX_NUMBER_CHARS})",
                pos,
            )
        value: Union[int, float]
        if token.isdigit() or (token[0] == "-" and token[1:].isdigit()):
            value = int(token)
        else:
            value = float(token)
        return Node(value, pos, match.end()), match.end()
