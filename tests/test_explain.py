"""Every code is one rule, declared once with its documentation: explain
prints it, docs/codes.md is made from it, SARIF's rules quote it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from forge_connect_hooks import registry
from forge_connect_hooks.reporting import rule_docs
from forge_connect_hooks.reporting.rule import Rule, is_note

from .conftest import PROJECT

RETIRED = {"FC310", "FC903"}


def explain(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forge_connect_hooks", "explain", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_docs_codes_md_is_generated_from_the_code() -> None:
    """When this fails: forge-connect-hooks explain --markdown > docs/codes.md"""
    written = (PROJECT / "docs" / "codes.md").read_text("utf-8")
    assert written == rule_docs.reference_markdown(registry.rules().values())


@pytest.mark.parametrize("code", sorted(registry.rules()))
def test_every_code_says_what_why_an_example_and_the_fix(code: str) -> None:
    entry = registry.rule(code)
    assert entry.meaning and entry.why and entry.fix
    assert entry.example or entry.retired
    if not entry.retired:
        # A note says why it is only a note; an error never calls itself one.
        assert is_note(code) == entry.why.startswith("A note")


def test_explain_prints_the_entry_for_a_code_in_any_case() -> None:
    result = explain("fc405")
    assert result.returncode == 0
    entry = registry.rule("FC405")
    assert result.stdout.startswith(f"FC405 (LinkPath, error): {entry.meaning}\n")
    for part in (f"Why: {entry.why}", "Example:", f"Fix: {entry.fix}"):
        assert part in result.stdout
    note = explain("FC905")
    assert note.returncode == 0 and "(CoreSchemaOnly, note)" in note.stdout


def test_explain_without_a_code_lists_them_all() -> None:
    result = explain()
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(registry.rules())


@pytest.mark.parametrize("code", ["FC000", "E501", "", "FC405\x1b[2J"])
def test_an_unknown_code_is_a_usage_error(code: str) -> None:
    result = explain(code)
    assert (result.returncode, result.stdout) == (2, "")
    assert "not a code of this tool" in result.stderr
    assert "\x1b" not in result.stderr


def test_the_command_without_arguments_shows_its_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "forge_connect_hooks"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2 and "check" in result.stdout and "explain" in result.stdout
    unknown = subprocess.run(
        [sys.executable, "-m", "forge_connect_hooks", "lint"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert unknown.returncode == 2 and "no command 'lint'" in unknown.stderr


def test_the_retired_codes_are_the_known_ones() -> None:
    assert {code for code, rule in registry.rules().items() if rule.retired} == RETIRED


def test_every_code_is_declared_once_in_a_registered_module() -> None:
    """A code declared twice, or a Rule outside the registry's modules, is a
    second place for one rule."""
    import pathlib
    import re

    hooks = pathlib.Path(registry.__file__).parent
    declared = [
        (code, path.relative_to(hooks).with_suffix("").as_posix().replace("/", "."))
        for path in sorted(hooks.rglob("*.py"))
        for code in re.findall(r"= Rule\(\s*\"(FC\d{3})\"", path.read_text("utf-8"))
    ]
    codes = [code for code, _ in declared]
    assert sorted(codes) == sorted(set(codes)) == list(registry.rules())
    assert {module for _, module in declared} == set(registry.RULE_MODULES)
    assert all(isinstance(rule, Rule) and rule == code for code, rule in registry.rules().items())
