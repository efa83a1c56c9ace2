"""filePattern is compiled by JavaScript's RegExp: what it refuses, we block;
what it compiles, we never block. Node's own RegExp is the oracle."""

from __future__ import annotations

import random
from typing import List

import pytest

from forge_connect_hooks.rules.file_viewer_pattern import regexp_error

from .helpers import node_map

REFUSED = [
    "*.md",
    "**/*.js",
    "*.{md,txt}",
    "+x",
    "?",
    "a**",
    "a+?+",
    "x|*",
    "(*)",
    "^*",
    "$+",
    "\\b*",
    "(?<=a)*",
    "{2}",
    "a{2,1}",
    "a{2}{3}",
    "(a",
    "((a)",
    "a)",
    "[a",
    "[z-a]",
    "\\",
    "a\\",
    "(?x)",
    "(?<name",
    "[^",
]
COMPILED = [
    "",
    "\\.md$",
    ".*\\.md$",
    "(^|/)[^/]+\\.(puml|plantuml)$",
    "a*?",
    "a{2}",
    "a{1,}",
    "a{,2}",
    "{",
    "}",
    "]",
    "[]a]",
    "[^]",
    "[a-]",
    "[-a]",
    "[\\d-z]",
    "[\\]-a]",
    "(?:a)+",
    "(?=a)*",
    "(?!a)?",
    "(?<n>a)\\k<n>",
    "\\k",
    "\\c",
    "\\u{41}",
    "x{a}",
]


@pytest.mark.parametrize("pattern", REFUSED)
def test_what_every_engine_refuses_is_found(pattern: str) -> None:
    assert regexp_error(pattern) is not None


@pytest.mark.parametrize("pattern", COMPILED)
def test_what_compiles_passes(pattern: str) -> None:
    assert regexp_error(pattern) is None


def _random_patterns(count: int) -> List[str]:
    chance = random.Random(20261205)
    alphabet = "ab*+?{}()[]|^$\\-,0123.:=!<>^/"
    return [
        "".join(chance.choice(alphabet) for _ in range(chance.randint(0, 9))) for _ in range(count)
    ]


def _compiled_by_node(patterns: List[str]) -> List[bool]:
    compiled = node_map(
        "p=>{try{new RegExp(p);return true}catch(e){return false}}", patterns, "JavaScript's RegExp"
    )
    return [bool(answer) for answer in compiled]


def test_node_agrees_with_every_block_and_every_listed_case() -> None:
    patterns = REFUSED + COMPILED + _random_patterns(20000)
    compiled = _compiled_by_node(patterns)
    false_blocks = [p for p, ok in zip(patterns, compiled) if ok and regexp_error(p) is not None]
    assert false_blocks == []
    # The listed cases are node's verdicts too, so the lists above are facts.
    assert compiled[: len(REFUSED)] == [False] * len(REFUSED)
    assert compiled[len(REFUSED) : len(REFUSED) + len(COMPILED)] == [True] * len(COMPILED)
    # And the scan finds most of what node refuses, not a token few.
    refused = [p for p, ok in zip(patterns, compiled) if not ok]
    found = [p for p in refused if regexp_error(p) is not None]
    assert len(found) >= 0.9 * len(refused), (len(found), len(refused))


def test_the_scan_is_one_pass() -> None:
    # Each would take quadratic time in a scan that looks back or ahead from every character.
    assert regexp_error("(" * 50000) == "a group left open"
    assert regexp_error("[" + "a" * 100000) == "a character class left open"
    assert regexp_error("(?<" * 30000) == "an unknown group at 1"
    assert regexp_error("{1" * 50000) is None
    assert regexp_error("a{1}" * 25000) is None
