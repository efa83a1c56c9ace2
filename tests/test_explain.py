"""Every code has one documented entry: explain prints it, docs/codes.md is
made from it, SARIF's rules quote it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from forge_connect_hooks.reporting import code_docs, codes

from .conftest import PROJECT

RETIRED = {codes.VARIABLE_WITHOUT_VALUE, codes.NOTE_UNRESOLVED_VARIABLE}


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
    assert written == code_docs.reference_markdown()


@pytest.mark.parametrize("code", sorted(code_docs.DOCS))
def test_every_code_says_what_why_an_example_and_the_fix(code: str) -> None:
    entry = code_docs.doc(code)
    assert entry.meaning and entry.why and entry.fix
    assert entry.example or code in RETIRED
    if code not in RETIRED:
        # A note says why it is only a note; an error never calls itself one.
        assert codes.is_note(code) == entry.why.startswith("A note")


def test_explain_prints_the_entry_for_a_code_in_any_case() -> None:
    result = explain("fc405")
    assert result.returncode == 0
    entry = code_docs.doc("FC405")
    assert result.stdout.startswith(f"FC405 (LinkPath, error): {entry.meaning}\n")
    for part in (f"Why: {entry.why}", "Example:", f"Fix: {entry.fix}"):
        assert part in result.stdout
    note = explain("FC905")
    assert note.returncode == 0 and "(CoreSchemaOnly, note)" in note.stdout


def test_explain_without_a_code_lists_them_all() -> None:
    result = explain()
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(code_docs.MEANINGS)


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


def test_every_code_has_exactly_one_entry() -> None:
    assert list(code_docs.DOCS) == list(codes.ALL)
