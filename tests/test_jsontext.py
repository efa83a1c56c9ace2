"""The strict JSON parser: what it accepts, what it refuses, and where."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forge_connect_hooks.reading.jsontext import JSONProblem, parse_json
from forge_connect_hooks.reading.nodes import MAX_DEPTH, LineIndex


def problem(text: str, *, json5: bool = False) -> JSONProblem:
    with pytest.raises(JSONProblem) as caught:
        parse_json(text, json5=json5)
    return caught.value


def position(text: str, offset: int) -> tuple[int, int]:
    return LineIndex(text).position(offset)


def test_values_and_offsets_of_keys_and_values() -> None:
    text = '{\n  "a": [1, 2.5, true],\n  "b": {"c": null}\n}'
    root = parse_json(text)
    assert root.plain() == {"a": [1, 2.5, True], "b": {"c": None}}
    assert position(text, root.key_offsets["a"]) == (2, 3)
    b = root.get("b")
    assert b is not None
    assert position(text, b.offset) == (3, 8)
    c = b.get("c")
    assert c is not None
    assert position(text, c.offset) == (3, 14)
    assert text[root.offset : root.end] == text


def test_crlf_positions_count_lines_like_editors() -> None:
    text = '{\r\n  "a": 1,\r\n  "b": x\r\n}'
    err = problem(text)
    assert position(text, err.offset) == (3, 8)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1,}', "trailing comma"),
        ("[1, 2,]", "trailing comma"),
        ('{"a": 1} // note', "comments are not allowed"),
        ('{/* c */ "a": 1}', "comments are not allowed"),
        ('{"a": NaN}', "NaN is not a JSON value"),
        ('{"a": Infinity}', "Infinity is not a JSON value"),
        ('{"a": -Infinity}', "-Infinity is not a JSON value"),
        ("{'a': 1}", "double-quoted key"),
        ("{\"a\": 'x'}", "double quotes"),
        ('{"a": "tab\there"}', "control character U+0009"),
        ('{"a": "\\x41"}', "invalid escape"),
        ('{"a": "open', "unterminated string"),
        ('{"a": 01}', "expected ','"),
        ('{"a": 1} {"b": 2}', "unexpected data after"),
        ("", "empty document"),
        ("   \n", "empty document"),
        ('{"a" 1}', "expected ':'"),
        ('{"a": 1', "unexpected end of file"),
        ("[", "unclosed '['"),
        ('{"a": +1}', "unexpected '+'"),
        ('{"a": .5}', "unexpected '.'"),
    ],
)
def test_refuses_what_rfc_8259_refuses(text: str, message: str) -> None:
    err = problem(text)
    assert err.code == "FC103"
    assert message in err.message
    with pytest.raises(ValueError):
        json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))


def test_duplicate_keys_at_any_depth_point_at_the_second_key() -> None:
    text = '{"a": {"b": 1, "b": 2}}'
    err = problem(text)
    assert err.code == "FC104"
    assert err.offset == text.rindex('"b"')
    assert "'b'" in err.message


def test_keys_that_differ_only_by_escape_are_duplicates() -> None:
    err = problem('{"key": 1, "k\\u0065y": 2}')
    assert err.code == "FC104"


def test_json5_mode_accepts_comments_and_trailing_commas_only() -> None:
    text = '{\n  // the app\n  "a": [1, 2,], /* x */\n  "b": 2,\n}\n'
    assert parse_json(text, json5=True).plain() == {"a": [1, 2], "b": 2}
    assert problem("{'a': 1}", json5=True).code == "FC103"
    assert "unterminated /* comment" in problem('{"a": 1 /* x', json5=True).message
    assert problem('{"a": 1, "a": 2,}', json5=True).code == "FC104"
    assert problem("{,}", json5=True).code == "FC103"


def test_json5_positions_stay_exact_after_comments() -> None:
    text = '{\n  /* one\n     two */ "a": 1,\n  "b": x\n}'
    err = problem(text, json5=True)
    assert position(text, err.offset) == (4, 8)


def test_hostile_nesting_is_one_problem_not_a_crash() -> None:
    err = problem("[" * 50_000 + "]" * 50_000)
    assert err.code == "FC105"
    assert err.offset == MAX_DEPTH
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH).plain() is not None


def test_a_number_of_100000_digits_is_one_problem() -> None:
    err = problem('{"a": ' + "9" * 100_000 + "}")
    assert err.code == "FC106"
    assert err.offset == 6


def test_unterminated_long_string_does_not_hang() -> None:
    err = problem('{"a": "' + "x" * 200_000)
    assert "unterminated string" in err.message


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values, st.sampled_from([None, 2, 4, "\t"]))
def test_agrees_with_the_standard_library_on_valid_json(value: object, indent: object) -> None:
    text = json.dumps(value, indent=indent)  # type: ignore[arg-type]
    assert parse_json(text).plain() == json.loads(text)
