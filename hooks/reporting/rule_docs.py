"""A rule's documentation as people read it: ``forge-connect-hooks explain``
in a terminal, a section of docs/codes.md, and the help of a SARIF rule."""

from __future__ import annotations

from typing import Iterable, List

from .rule import Rule, severity


def explain_text(rule: Rule) -> str:
    """``forge-connect-hooks explain CODE``: for a terminal."""
    parts = [
        f"{rule.code} ({rule.name}, {severity(rule)}): {rule.meaning}",
        "",
        f"Why: {rule.why}",
    ]
    if rule.example:
        parts += ["", "Example:", *("    " + line for line in rule.example.split("\n"))]
    parts += ["", f"Fix: {rule.fix}"]
    return "\n".join(parts) + "\n"


def explain_markdown(rule: Rule) -> str:
    """One rule's section of docs/codes.md."""
    parts = [
        f"## {rule.code} {rule.name}",
        "",
        f"**{severity(rule)}**: {_prose(rule.meaning)}.",
        "",
        f"**Why.** {_prose(rule.why)}",
    ]
    if rule.example:
        parts += ["", "**Example.**", "", "```", rule.example, "```"]
    parts += ["", f"**Fix.** {_prose(rule.fix)}"]
    return "\n".join(parts) + "\n"


def _prose(text: str) -> str:
    """``text`` for Markdown: ``<uuid>`` is no HTML tag, "note: " is said once."""
    if text.startswith("note: "):
        text = text[len("note: ") :]
    return text.replace("<", "&lt;").replace("|", "\\|")


def reference_markdown(rules: Iterable[Rule]) -> str:
    """All of docs/codes.md, for ``rules`` in code order."""
    rules = list(rules)
    header = [
        "# Finding codes",
        "",
        "Generated from the rules' declarations (`hooks/registry.py` lists where they are) by "
        "`forge-connect-hooks explain --markdown`; do not edit by hand.",
        "",
        "Every finding is `path:line:col: CODE message`. Codes FC1xx are about reading a file, "
        "FC2xx Connect descriptors, FC3xx Forge manifests, FC4xx install links, FC5xx the "
        "forgeAppId fix. Errors block a commit; notes (FC9xx) never do and are shown with "
        "`--verbose`. Codes are stable: a code keeps its meaning, and a retired one is never "
        "reused.",
        "",
        "| Code | Severity | Meaning |",
        "| --- | --- | --- |",
        *(
            f"| [{rule.code}](#{rule.code.lower()}-{rule.name.lower()}) | {severity(rule)} | "
            f"{_prose(rule.meaning)} |"
            for rule in rules
        ),
        "",
    ]
    sections: List[str] = [explain_markdown(rule) for rule in rules]
    return "\n".join(header) + "\n" + "\n".join(sections)
