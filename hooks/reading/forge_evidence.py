"""Whether a ``manifest.yml`` is a Forge app's: what only Forge manifests hold.

``manifest.yml`` is a common name (Cloud Foundry, Kubernetes, Chrome apps,
Helm), and one shared hook config runs in all of a vendor's repositories, so
a file is Forge's only on evidence: an app id in Forge's form (or a
placeholder or variable standing for one), Forge module types,
``app.runtime``, ``app.connect`` or ``connectModules``. A top-level ``app:``
alone is not evidence; the folder's evidence (a package.json that depends on
``@forge/``, a descriptor beside it) is weighed by the caller.
"""

from __future__ import annotations

import re

from .nodes import Node

ARI_PREFIX = "ari:cloud:ecosystem::app/"

# App ids seen in manifests in the wild before `forge register`: Atlassian's
# Connect-to-Forge converter, templates and tutorials.
PLACEHOLDERS = frozenset(
    {
        "invalid-run-forge-register",
        "your-app-id",
        "to-be-generated",
        "my-app-id",
        "app-id",
        "00000000-0000-0000-0000-000000000000",
    }
)

# The products an install link names (``product=jira``), which their module
# types carry as a prefix too (``jira:issuePanel``).
PRODUCTS = ("bitbucket", "compass", "confluence", "jira")
# Products whose module types carry their name (``jira:issuePanel``), and the
# module types every Forge app may declare.
MODULE_PREFIXES = ("bitbucket", "compass", "confluence", "jira", "jiraServiceManagement", "rovo")
CORE_MODULES = frozenset(
    {"function", "webtrigger", "trigger", "scheduledTrigger", "consumer", "endpoint", "macro"}
)

# Evidence in the bytes of a file that does not parse: an app id, a product's
# module type as a key, a Forge runtime. Each part is linear to match.
_BYTES_EVIDENCE = re.compile(
    rb"ari:cloud:ecosystem::app/"
    rb"|^[ \t]*(?:bitbucket|compass|confluence|jira|jiraServiceManagement|rovo):[A-Za-z]+:"
    rb"|nodejs[0-9]+\.x",
    re.MULTILINE,
)


def forge_app_id(value: object) -> bool:
    """An app.id in Forge's form, a placeholder of one, or a ``${VARIABLE}``."""
    if not isinstance(value, str):
        return False
    text = value.strip().lower()
    return text.startswith(ARI_PREFIX) or "${" in text or text in PLACEHOLDERS


def is_forge_document(root: Node) -> bool:
    """The parsed manifest holds something only a Forge manifest has."""
    if root.get("connectModules") is not None:
        return True
    app = root.get("app")
    if app is not None and app.is_object:
        app_id = app.get("id")
        if app_id is not None and forge_app_id(app_id.value):
            return True
        if app.get("runtime") is not None or app.get("connect") is not None:
            return True
    modules = root.get("modules")
    if modules is not None and modules.is_object:
        for name, _ in modules.items():
            if name in CORE_MODULES or (name.split(":", 1)[0] in MODULE_PREFIXES and ":" in name):
                return True
    return False


def is_forge_bytes(raw: bytes) -> bool:
    """Evidence in a file that cannot be parsed (or read whole)."""
    return _BYTES_EVIDENCE.search(raw) is not None
