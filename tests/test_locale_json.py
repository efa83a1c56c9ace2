"""A locale file is read as Forge reads it, with node's JSON.parse: node is
the oracle, over listed cases and random near-JSON text."""

from __future__ import annotations

import json
import math
import random
from typing import List, Optional, Tuple

from forge_connect_hooks.reading.locale_files import Broken, NotJudged, Parsed, parse_locale

from .helpers import node_map

LISTED = [
    '{"page": {"title": "Builds"}}',
    '{"a": "x",}',
    "\ufeff{}",
    "{} ",
    " \t\r\n{}\n",
    "\u00a0{}",
    "\v{}",
    '{"a": NaN}',
    '{"a": Infinity}',
    '{"a": -Infinity}',
    '{"a": 1e999}',
    '{"a": 0123}',
    '{"a": .5}',
    '{"a": 1.}',
    '{"a": -}',
    '{"a": 0x10}',
    '{"a": ' + "9" * 5000 + "}",
    "{'a': 'x'}",
    '{"a": "x"} // note',
    '/* note */ {"a": "x"}',
    '{"a": "tab\there"}',
    '{"a": "\\ud800"}',
    '{"a": "\\u00e9", "a": "last"}',
    '{"a": "\\x41"}',
    '{"a": undefined}',
    "[]",
    '"text"',
    "null",
    "",
    "{",
    '{"a": "x"}}',
    '{"a" "x"}',
    '{"a": ["x", ]}',
    "[" * 200 + "]" * 200,
]


def _random_texts(count: int) -> List[str]:
    """Locale-like JSON with random spacing, half of it with one random edit."""
    chance = random.Random(20261206)
    edits = [
        '"',
        ",",
        "}",
        "{",
        "[",
        ":",
        "1",
        "-",
        ".",
        "e",
        "NaN",
        " ",
        "\n",
        "\\",
        "\ufeff",
        "'",
        "\t",
        "\u00a0",
        "/",
        "x",
        "\x01",
    ]

    def value(depth: int) -> str:
        kind = chance.randrange(6 if depth < 3 else 4)
        if kind == 0:
            return json.dumps(chance.choice(["Builds", "é", "a.b", "", "\u2028", "\ud800"]))
        if kind == 1:
            return chance.choice(["1", "-0", "2.5e3", "1E-2", "0.0"])
        if kind == 2:
            return chance.choice(["true", "false", "null"])
        if kind == 3:
            return json.dumps(chance.choice(["page.title", "x"]))
        space = chance.choice(["", " ", "\n  ", "\t"])
        if kind == 4:
            items = [value(depth + 1) for _ in range(chance.randint(0, 3))]
            return "[" + f",{space}".join(items) + "]"
        members = [
            f"{json.dumps(chance.choice(['page', 'title', 'a.b', 'x']))}:{space}{value(depth + 1)}"
            for _ in range(chance.randint(0, 3))
        ]
        return "{" + space + f",{space}".join(members) + space + "}"

    texts = []
    for number in range(count):
        text = value(0)
        if number % 2:
            at = chance.randint(0, len(text))
            cut = chance.randint(0, 1)
            text = text[:at] + chance.choice(edits) + text[at + cut :]
        texts.append(text)
    return texts


def _parsed_by_node(texts: List[str]) -> List[Tuple[bool, Optional[str]]]:
    answers = node_map(
        "t=>{try{return [true,JSON.stringify(JSON.parse(t))]}catch(e){return [false,null]}}",
        texts,
        "JSON.parse",
    )
    return [(bool(ok), value) for ok, value in answers]


def test_json_parse_is_the_oracle() -> None:
    texts = LISTED + _random_texts(5000)
    disagreements = []
    verdicts = {True: 0, False: 0}
    for text, (node_parses, value) in zip(texts, _parsed_by_node(texts)):
        ours = parse_locale(text)
        assert not isinstance(ours, NotJudged), text
        if isinstance(ours, Parsed) != node_parses:
            disagreements.append((text, ours))
        elif isinstance(ours, Parsed):
            assert value is not None and _stringified(ours.data) == json.loads(value), text
        verdicts[node_parses] += 1
    assert disagreements == []
    # Both verdicts occur often, or the comparison would prove little.
    assert min(verdicts.values()) > 500, verdicts


def _stringified(data: object) -> object:
    """The value as JSON.stringify writes it: an infinite number is null."""
    if isinstance(data, dict):
        return {key: _stringified(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_stringified(value) for value in data]
    if isinstance(data, float) and math.isinf(data):
        return None
    return data


def test_a_refusal_says_where() -> None:
    broken = parse_locale('{\n  "a": "x",\n}')
    assert isinstance(broken, Broken) and (broken.line, broken.column) == (3, 1)
    # Our parser's words, the same on every Python.
    assert broken.reason == "trailing comma is not allowed in JSON"
    nan = parse_locale('{\n  "a": NaN\n}')
    assert isinstance(nan, Broken) and (nan.line, nan.column) == (2, 8)


def test_hostile_nesting_is_not_judged_rather_than_a_crash() -> None:
    assert isinstance(parse_locale("[" * 100_000 + "]" * 100_000), (NotJudged, Parsed))
