"""A rule's code and its documentation, as one value.

A ``Rule`` is the code itself (a ``str``, so a finding carries it as it
always has) with what ``forge-connect-hooks explain``, SARIF's rule help and
docs/codes.md say of it. Each rule is declared once, in the module whose
check reports it; :mod:`forge_connect_hooks.registry` lists those modules.

Codes are stable: a code keeps its meaning forever, new problems get new codes.
FC1xx reading and parsing, FC2xx Connect descriptor, FC3xx Forge manifest,
FC4xx install link, FC5xx forgeAppId sync, FC9xx notes (shown with --verbose).
"""

from __future__ import annotations

RETIRED = "This code is kept so that an old `--ignore` still parses; nothing reports it."


class Rule(str):
    """A finding code (``"FC405"``) with its name and documentation."""

    name: str  # for SARIF: "LinkPath"
    meaning: str
    why: str  # why it blocks, or why it is only a note
    example: str  # an input that gets it
    fix: str

    def __new__(
        cls, code: str, name: str, *, meaning: str, why: str, example: str, fix: str
    ) -> Rule:
        rule = super().__new__(cls, code)
        rule.name = name
        rule.meaning = meaning
        rule.why = why
        rule.example = example
        rule.fix = fix
        return rule

    @property
    def code(self) -> str:
        return str.__str__(self)

    @property
    def retired(self) -> bool:
        return self.why == RETIRED


def is_note(code: str) -> bool:
    return code.startswith("FC9")


def severity(code: str) -> str:
    """ "note" for what never blocks, else "error"."""
    return "note" if is_note(code) else "error"
