"""The YAML 1.2 loader: safe, positioned, and bounded."""

from __future__ import annotations

import importlib.util

import pytest

from forge_connect_hooks.reading import yamltext
from forge_connect_hooks.reading.nodes import LineIndex
from forge_connect_hooks.reading.yamltext import YAMLFailure, YAMLResult, parse_yaml

# ruamel.yaml.clib provides libyaml's C parser as the module _ruamel_yaml.
HAS_LIBYAML = importlib.util.find_spec("_ruamel_yaml") is not None


@pytest.fixture(autouse=True, params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every rule holds with either of ruamel.yaml's parsers under our composer
    (the pure-Python one is also the fallback that decides libyaml's errors)."""
    from ruamel.yaml import YAML

    pure = request.param == "pure-python"
    if not pure and not HAS_LIBYAML:
        pytest.skip("ruamel.yaml.clib (libyaml) is not installed; the pure-Python parser is tested")
    instance = YAML(typ="safe", pure=pure)
    assert ("CParser" in instance.Parser.__name__) != pure
    monkeypatch.setattr(yamltext, "_parsers", {False: instance, True: YAML(typ="safe", pure=True)})
    return str(request.param)


def failure(text: str) -> YAMLFailure:
    with pytest.raises(YAMLFailure) as caught:
        parse_yaml(text)
    return caught.value


def parsed(text: str) -> YAMLResult:
    result = parse_yaml(text)
    assert result.root is not None
    return result


def test_values_follow_yaml_1_2_core_schema() -> None:
    text = (
        "a: yes\nb: on\nc: true\nd: 0o17\ne: 017\nf: 0x1F\ng: 1_000\nh: ~\ni: 1e3\nj: 2024-01-02\n"
    )
    root = parsed(text).root
    assert root is not None
    assert root.plain() == {
        "a": "yes",
        "b": "on",
        "c": True,
        "d": 15,
        "e": 17,
        "f": 31,
        "g": "1_000",
        "h": None,
        "i": 1000.0,
        "j": "2024-01-02",
    }


def test_positions_of_keys_and_values() -> None:
    text = "app:\n  id: x\n  runtime:\n    name: nodejs22.x\n"
    root = parsed(text).root
    assert root is not None
    app = root.get("app")
    assert app is not None
    lines = LineIndex(text)
    assert lines.position(app.key_offsets["runtime"]) == (3, 3)
    runtime = app.get("runtime")
    assert runtime is not None
    name = runtime.get("name")
    assert name is not None
    assert lines.position(name.offset) == (4, 11)


def test_duplicate_keys_are_reported_not_overwritten_silently() -> None:
    result = parsed("app:\n  id: a\n  id: b\n")
    assert [(p.code, p.offset) for p in result.problems] == [("FC104", 15)]


def test_python_tags_are_findings_and_never_executed(tmp_path: object) -> None:
    text = "app: !!python/object/apply:os.system ['touch /tmp/forge-connect-hooks-pwned']\n"
    result = parsed(text)
    assert [p.code for p in result.problems] == ["FC109"]
    assert "!!python/object/apply:os.system" in result.problems[0].message


def test_custom_tags_are_findings() -> None:
    result = parsed("app: !Ref thing\n")
    assert [p.code for p in result.problems] == ["FC109"]


def test_alias_bomb_is_cut_off_quickly() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    err = failure("\n".join(lines) + "\n")
    assert err.problem.code == "FC110"


def test_deep_nesting_is_one_problem() -> None:
    err = failure("[" * 50_000 + "]" * 50_000)
    assert err.problem.code == "FC105"
    err = failure("a:\n" + "".join("  " * i + "- \n" for i in range(1, 400)))
    assert err.problem.code == "FC105"


def test_huge_integer_is_one_problem() -> None:
    err = failure("a: " + "9" * 100_000 + "\n")
    assert err.problem.code == "FC106"


def test_syntax_error_has_a_position() -> None:
    text = "app:\n  id: [unclosed\n"
    err = failure(text)
    assert err.problem.code == "FC108"
    assert err.problem.offset > 0


def test_two_documents_are_refused() -> None:
    err = failure("app: {}\n---\nmodules: {}\n")
    assert err.problem.code == "FC108"
    assert "more than one" in err.problem.message


def test_anchors_and_aliases_are_shared_values() -> None:
    root = parsed("a: &x {b: [1, 2]}\nc: *x\n").root
    assert root is not None
    assert root.plain() == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}}


def test_an_alias_to_itself_is_refused() -> None:
    err = failure("a: &x [1, *x]\n")
    assert err.problem.code == "FC108"


def test_explicit_core_tags() -> None:
    root = parsed("a: !!str 12\nb: !!int '7'\nc: ! 5\nd: !!float 1\n").root
    assert root is not None
    assert root.plain() == {"a": "12", "b": 7, "c": "5", "d": 1.0}
    assert [p.code for p in parsed("a: !!int x\n").problems] == ["FC109"]


def test_complex_keys_are_refused() -> None:
    assert failure("? [a, b]\n: 1\n").problem.code == "FC108"
    assert failure("{[a]: 1}\n").problem.code == "FC108"


def test_control_characters_are_a_syntax_problem() -> None:
    err = failure("a: b\x01\n")
    assert err.problem.code == "FC108"
    assert err.problem.offset == 4


def test_empty_file_has_no_root() -> None:
    assert parse_yaml("").root is None
    assert parse_yaml("# only a comment\n").root is None
