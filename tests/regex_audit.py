"""A static check that a regular expression cannot backtrack quadratically.

Python's ``re`` backtracks, so three shapes cost time that grows with the
square (or worse) of the input: an unbounded repeat inside another, two
unbounded repeats side by side that can match the same character, and, for
``search``, a pattern that begins with an unbounded repeat and can still fail
after it (every start position re-scans the run). This module finds those
shapes in the parsed pattern; it never runs the pattern, so it is exact and
free of timing.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any, FrozenSet, List, Sequence, Tuple

# The parser behind ``re`` moved in Python 3.11 (the old names warn there).
_MOVED = sys.version_info >= (3, 11)
sre_parse: Any = importlib.import_module("re._parser" if _MOVED else "sre_parse")
sre_constants: Any = importlib.import_module("re._constants" if _MOVED else "sre_constants")

C = sre_constants
UNBOUNDED = C.MAXREPEAT
REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT} | (
    {C.POSSESSIVE_REPEAT} if hasattr(C, "POSSESSIVE_REPEAT") else set()
)
# Characters that stand for every class a pattern can name.
SAMPLE = "".join(chr(code) for code in range(0, 0x180)) + "\u2028\u3000\uffff"

Item = Tuple[Any, Any]


def problems(pattern: str, *, searched: bool) -> List[str]:
    """Why ``pattern`` can take super-linear time, or nothing when it cannot."""
    flags = 0
    parsed = sre_parse.parse(pattern, flags)
    found: List[str] = []
    _walk(list(parsed), found, inside_repeat=False)
    if searched and not _anchored(list(parsed)):
        first = _first_significant(list(parsed))
        if first is not None and _is_unbounded(first) and not _all_nullable(list(parsed)):
            found.append("starts with an unbounded repeat that can fail later (quadratic search)")
    return found


def _is_unbounded(item: Item) -> bool:
    op, av = item
    return op in REPEATS and av[1] == UNBOUNDED


def _walk(sequence: Sequence[Item], found: List[str], inside_repeat: bool) -> None:
    for index, item in enumerate(sequence):
        op, av = item
        if _is_unbounded(item):
            if inside_repeat:
                found.append("an unbounded repeat inside another")
            body = list(av[2])
            _walk(body, found, inside_repeat=True)
            chars = _first_chars(body)
            for follower in _followers(sequence, index + 1):
                if _is_unbounded(follower) and chars & _first_chars(list(follower[1][2])):
                    found.append("two adjacent unbounded repeats can match the same character")
        elif op in REPEATS:
            _walk(list(av[2]), found, inside_repeat)
        elif op == C.SUBPATTERN:
            _walk(list(av[-1]), found, inside_repeat)
        elif op == C.BRANCH:
            for branch in av[1]:
                _walk(list(branch), found, inside_repeat)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(list(av[1]), found, inside_repeat)


def _followers(sequence: Sequence[Item], start: int) -> List[Item]:
    """The items that can come right after ``sequence[start - 1]``: the next
    one, and past it while what is skipped can match nothing."""
    result: List[Item] = []
    for item in sequence[start:]:
        result.append(item)
        if not _nullable(item):
            break
    return result


def _nullable(item: Item) -> bool:
    op, av = item
    if op in REPEATS:
        return bool(av[0] == 0 or _all_nullable(list(av[2])))
    if op == C.SUBPATTERN:
        return _all_nullable(list(av[-1]))
    if op == C.BRANCH:
        return any(_all_nullable(list(branch)) for branch in av[1])
    return op in (C.ASSERT, C.ASSERT_NOT)


def _all_nullable(sequence: Sequence[Item]) -> bool:
    return all(_nullable(item) for item in sequence)


def _first_chars(sequence: Sequence[Item]) -> FrozenSet[str]:
    """Sample characters that can start a match of ``sequence``."""
    chars: FrozenSet[str] = frozenset()
    for item in sequence:
        chars |= _item_first_chars(item)
        if not _nullable(item):
            break
    return chars


def _item_first_chars(item: Item) -> FrozenSet[str]:
    op, av = item
    if op in REPEATS:
        return _first_chars(list(av[2]))
    if op == C.SUBPATTERN:
        return _first_chars(list(av[-1]))
    if op == C.BRANCH:
        result: FrozenSet[str] = frozenset()
        for branch in av[1]:
            result |= _first_chars(list(branch))
        return result
    if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
        probe = sre_parse.SubPattern(sre_parse.State(), [item])
        compiled = re.compile(_Rebuilt(probe).pattern, re.DOTALL)
        return frozenset(char for char in SAMPLE if compiled.fullmatch(char))
    return frozenset()


class _Rebuilt:
    """Turns one parsed character item back into a pattern we can run on a
    single character (the sample set is tiny, so this stays cheap)."""

    def __init__(self, probe: Any) -> None:
        op, av = probe[0]
        if op == C.LITERAL:
            self.pattern = re.escape(chr(av))
        elif op == C.NOT_LITERAL:
            self.pattern = "[^" + re.escape(chr(av)) + "]"
        elif op == C.ANY:
            self.pattern = "."
        else:
            self.pattern = "[" + "".join(_class_part(part) for part in av) + "]"


def _class_part(part: Item) -> str:
    op, av = part
    if op == C.NEGATE:
        return "^"
    if op == C.LITERAL:
        return re.escape(chr(av))
    if op == C.RANGE:
        return re.escape(chr(av[0])) + "-" + re.escape(chr(av[1]))
    if op == C.CATEGORY:
        names = {
            C.CATEGORY_DIGIT: r"\d",
            C.CATEGORY_NOT_DIGIT: r"\D",
            C.CATEGORY_SPACE: r"\s",
            C.CATEGORY_NOT_SPACE: r"\S",
            C.CATEGORY_WORD: r"\w",
            C.CATEGORY_NOT_WORD: r"\W",
        }
        return names[av]
    raise ValueError(f"unexpected class part {part!r}")


def _anchored(sequence: Sequence[Item]) -> bool:
    first = sequence[0] if sequence else None
    return bool(
        first is not None
        and first[0] == C.AT
        and first[1] in (C.AT_BEGINNING, C.AT_BEGINNING_STRING)
    )


def _first_significant(sequence: Sequence[Item]) -> Any:
    for item in sequence:
        if item[0] == C.SUBPATTERN:
            inner = _first_significant(list(item[1][-1]))
            if inner is not None:
                return inner
            continue
        return item
    return None
