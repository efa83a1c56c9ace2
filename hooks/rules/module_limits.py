"""Modules an app may declare only once, as Forge's storage, LLM and
compatibility validators count them: one ``sql``, one ``objectStore``, one
``llm`` with one model, and one product required in ``app.compatibility``.
"""

from __future__ import annotations

from typing import List, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import modules_of

ONE_ONLY = Rule(
    "FC340",
    "OneOnly",
    meaning="a second sql, objectStore, llm or migration:dataResidency module, a second LLM "
    "model, or two required products",
    why=(
        "Forge refuses the manifest: an app has one SQL database, one object store and one LLM "
        "model, and one product it requires."
    ),
    example="modules:\n  sql:\n    - {key: main, engine: mysql}\n    - {key: other, engine: mysql}",
    fix="Keep one, and let the app's code share it.",
)

_SINGLE = {
    "sql": "SQL database",
    "objectStore": "object store",
    "llm": "LLM module",
    "migration:dataResidency": "data residency migration",
}


def module_limit_checks(document: Document) -> List[Finding]:
    findings: List[Finding] = []
    modules = modules_of(document)
    for module_type, what in _SINGLE.items():
        listed = modules.get(module_type) if modules is not None else None
        if listed is not None and isinstance(listed.value, list) and len(listed.value) > 1:
            message = f"{len(listed.value)} {module_type} modules; an app has one {what}: keep one"
            findings.append(document.at_path(["modules", module_type, 1], ONE_ONLY, message))
    findings.extend(_models(document))
    findings.extend(_required_products(document))
    return findings


def _models(document: Document) -> List[Finding]:
    """One model in all the llm modules (a module's ``model`` is a list)."""
    modules = modules_of(document)
    listed = modules.get("llm") if modules is not None else None
    if listed is None or not isinstance(listed.value, list):
        return []
    models: List[Tuple[List[PathItem], Node]] = []
    for index, item in enumerate(listed.value):
        model = item.get("model")
        if model is None:
            continue
        if isinstance(model.value, list):
            models.extend(
                (["modules", "llm", index, "model", at], name)
                for at, name in enumerate(model.value)
            )
        else:
            models.append((["modules", "llm", index, "model"], model))
    if len(models) <= 1:
        return []
    path, _ = models[1]
    message = f"{len(models)} LLM models are declared; an app may use one: keep one model"
    return [document.at_path(path, ONE_ONLY, message)]


def _required_products(document: Document) -> List[Finding]:
    app = document.root.get("app")
    compatibility = app.get("compatibility") if app is not None else None
    if compatibility is None or not compatibility.is_object:
        return []
    required = []
    for product, entry in compatibility.items():
        flag = entry.get("required")
        if flag is not None and flag.value is True:
            required.append(product)
    if len(required) <= 1:
        return []
    message = f"app.compatibility requires {', '.join(required)}; only one product may be required"
    return [document.at_path(["app", "compatibility", required[1], "required"], ONE_ONLY, message)]
