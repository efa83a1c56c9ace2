"""Every rule of the tool: one line per module that declares rules.

A rule is declared (its code, name and documentation) in the module whose
check reports it; this list names those modules, and nothing else has to
know them. A module is imported only when the whole list is asked for
(``explain``, SARIF's rules, ``--ignore``), so a hook's start-up loads only
the rules it runs.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Dict, Tuple

from .reporting.rule import Rule

RULE_MODULES: Tuple[str, ...] = (
    "reading.problems",
    "rules.descriptor_rules",
    "rules.forge_app_id",
    "rules.products",
    "rules.schema_check",
    "rules.manifest_rules",
    "rules.manifest_identity",
    "rules.forge_checks",
    "rules.trigger_events",
    "rules.bitbucket_modules",
    "rules.module_scopes",
    "rules.backend_endpoints",
    "rules.file_viewer_pattern",
    "rules.resources",
    "rules.egress",
    "rules.function_timeout",
    "rules.translations",
    "rules.references",
    "rules.module_limits",
    "rules.internal_fields",
    "rules.trigger_filters",
    "rules.remotes",
    "rules.providers",
    "rules.entities",
    "rules.app_files",
    "rules.app_imports",
    "rules.resource_kinds",
    "rules.handler_exports",
    "rules.locale_files",
    "forge.installed",
    "rules.capabilities",
    "rules.connect_recall",
    "rules.link_rules",
    "rules.link_placement",
    "rules.install_links",
    "writing.sync",
    "repository.pairing",
)


@lru_cache(maxsize=1)
def rules() -> Dict[str, Rule]:
    """Every rule by code, in code order."""
    found: Dict[str, Rule] = {}
    for name in RULE_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        for value in vars(module).values():
            if isinstance(value, Rule):
                found.setdefault(value.code, value)
    return dict(sorted(found.items()))


def rule(code: str) -> Rule:
    """The rule of ``code``; KeyError for a code this tool does not have."""
    return rules()[code]
