"""Scalars as Forge's YAML parser resolves them, by YAML version; the
differential test compares whole files with the parser itself."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forge_connect_hooks.reading.yaml_scalars import (
    js_number,
    key_text,
    resolve_core,
    resolve_old,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", True),
        ("Off", False),
        ("oN", "oN"),
        ("0755", 493),
        ("0b1_01", 5),
        ("0x_1F", 31),
        ("1_000", 1000),
        ("190:20:30", 685230),
        ("1:30.5", 90.5),
        ("1:60", "1:60"),
        ("2001-12-14t21:59:43.10-05:00", "2001-12-15T02:59:43.100Z"),
        ("2001-02-30", "2001-03-02T00:00:00.000Z"),
        ("0050-01-01", "1950-01-01T00:00:00.000Z"),
    ],
)
def test_yaml_1_1_reads_these_as_forge_does(text: str, value: object) -> None:
    assert resolve_old(text)[0] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("yes", "yes"), ("on", "on"), ("0755", 755), ("1_000", "1_000"), ("1:30", "1:30")],
)
def test_yaml_1_2_reads_them_as_text_or_decimal(text: str, value: object) -> None:
    assert resolve_core(text)[0] == value
    assert resolve_core("2001-12-14") == ("2001-12-14", "str")


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1.0, "1"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (1.5e-7, "1.5e-7"),
        (0.000001, "0.000001"),
        (-0.0, "0"),
        (math.inf, "Infinity"),
        (123.456, "123.456"),
    ],
)
def test_numbers_name_keys_as_javascript_writes_them(number: float, text: str) -> None:
    assert js_number(number) == text


def test_null_and_booleans_name_keys_as_javascript_does() -> None:
    assert [key_text(None), key_text(True), key_text(7)] == ["", "true", "7"]


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(st.text(alphabet="0123456789_.:-+eEbxoT tZ", max_size=30))
def test_every_scalar_resolves_without_an_error(text: str) -> None:
    for resolve in (resolve_core, resolve_old):
        value, kind = resolve(text)
        assert kind in ("null", "bool", "int", "float", "timestamp", "str")
        if kind == "str":
            assert value == text
