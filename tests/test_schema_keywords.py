"""The JSON Schema keywords checked by hashing instead of by jsonschema's
pairwise comparison: same verdicts, linear time."""

from __future__ import annotations

from typing import Any, List

import pytest
from jsonschema import Draft7Validator

from forge_connect_hooks.rules import schema_check


def verdicts(schema: Any, instance: Any) -> List[str]:
    validator = schema_check._validator_class()(schema)
    return sorted(error.validator for error in validator.iter_errors(instance))


@pytest.mark.parametrize(
    ("members", "instance"),
    [
        ([1.0, "a"], 1),  # one number
        ([1], True),  # a boolean is no number
        ([True], 1),
        ([{"a": [1, {"b": 2}]}], {"a": [1.0, {"b": 2}]}),
        ([[1, 2]], [2, 1]),
        (["account", "email"], "email"),
        ([None], None),
        (["x"], "y"),
    ],
)
def test_enum_by_hashing_agrees_with_jsonschema(members: List[Any], instance: Any) -> None:
    schema = {"enum": members}
    expected = sorted(error.validator for error in Draft7Validator(schema).iter_errors(instance))
    assert verdicts(schema, instance) == expected


def test_a_value_in_no_enum_is_reported_once() -> None:
    assert verdicts({"items": {"enum": ["a", "b"]}}, ["a", "c", "b", "d"]) == ["enum", "enum"]
