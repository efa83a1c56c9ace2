"""What a Forge manifest must be, and what its app.id is."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence

from . import ari, codes
from .documents import Document
from .findings import Finding
from .nodes import Node
from .schema_check import load_schema, schema_findings, suggest

CORE_SCHEMA = "forge-manifest-core.json"


class AppId(NamedTuple):
    """The manifest's app.id: ``value`` is set only when it is usable."""

    node: Optional[Node]
    value: Optional[str]
    finding: Optional[Finding]


def declared_variables(root: Node) -> Dict[str, str]:
    """``environment.variables`` defaults, as Forge declares them."""
    environment = root.get("environment")
    variables = environment.get("variables") if environment is not None else None
    declared: Dict[str, str] = {}
    if variables is not None and isinstance(variables.value, list):
        for item in variables.value:
            key, default = item.get("key"), item.get("default")
            if key is not None and default is not None:
                if isinstance(key.value, str) and isinstance(default.value, str):
                    declared[key.value] = default.value
    return declared


def read_app_id(document: Document, environ: Optional[Mapping[str, str]] = None) -> AppId:
    root = document.root
    app = root.get("app")
    node = app.get("id") if app is not None else None
    if node is None:
        at = app if app is not None else root
        return AppId(
            None,
            None,
            document.at(at, codes.APP_ID_MISSING, "app.id is missing: run `forge register`"),
        )
    if not isinstance(node.value, str):
        return AppId(node, None, document.at(node, codes.APP_ID_FORM, "app.id must be a string"))
    resolved = ari.resolve_variables(node.value, declared_variables(root), environ)
    if resolved.value is None:
        return AppId(
            node,
            None,
            document.at(
                node,
                codes.NOTE_UNRESOLVED_VARIABLE,
                f"app.id uses ${{{resolved.missing}}}, which has no value here; not checked",
            ),
        )
    verdict = ari.judge(resolved.value)
    shown = resolved.value if resolved.value == node.value else f"{node.value} (= {resolved.value})"
    if verdict.placeholder:
        return AppId(
            node,
            None,
            document.at(
                node,
                codes.APP_ID_PLACEHOLDER,
                f"app.id {shown!r} is a placeholder: run `forge register` to get the app's id",
            ),
        )
    if not verdict.ok:
        return AppId(
            node, None, document.at(node, codes.APP_ID_FORM, f"app.id {shown!r}: {verdict.reason}")
        )
    return AppId(node, resolved.value, None)


# Products whose module types carry their name as a prefix (``jira:issuePanel``).
PRODUCT_PREFIXES = ("bitbucket", "compass", "confluence", "jira")


def products_of(document: Document) -> List[str]:
    """The products the manifest's modules extend, from their type prefixes."""
    modules = document.root.get("modules")
    found = {name.split(":", 1)[0] for name, _ in (modules.items() if modules else ())}
    return sorted(found.intersection(PRODUCT_PREFIXES))


def check_manifest(
    document: Document,
    forge_schema: Optional[Dict[str, Any]] = None,
    known_module_types: Sequence[str] = (),
) -> List[Finding]:
    """Our own rules, with the Forge CLI's full schema when there is one,
    else with our core schema."""
    schema = forge_schema if forge_schema is not None else load_schema(CORE_SCHEMA)
    findings = schema_findings(
        document, schema, codes.MANIFEST_SCHEMA, codes.MANIFEST_UNKNOWN_KEY, _about_app_id
    )
    if known_module_types:
        findings.extend(_unknown_module_types(document, known_module_types))
    if document.root.get("app") is not None:
        app_id = read_app_id(document)
        if app_id.finding is not None:
            findings.append(app_id.finding)
    findings.extend(_duplicate_module_keys(document))
    return findings


def _about_app_id(error: Any) -> bool:
    """app.id has rules of its own, with better words than a schema's."""
    path = list(error.absolute_path)
    if path[:2] == ["app", "id"]:
        return True
    return bool(path == ["app"] and error.validator == "required" and "id" not in error.instance)


def _unknown_module_types(document: Document, known: Sequence[str]) -> List[Finding]:
    """The full schema lets unknown module types through; a misspelt one is
    the commonest manifest mistake, so name the type probably meant."""
    modules = document.root.get("modules")
    findings: List[Finding] = []
    for name, _ in modules.items() if modules is not None else ():
        if name in known:
            continue
        hint = suggest(name, known)
        message = f"unknown module type {name!r}"
        message += f"; did you mean {hint!r}?" if hint else " (not in the installed Forge schema)"
        findings.append(
            document.at_path(["modules", name], codes.MODULE_TYPE_UNKNOWN, message, key=True)
        )
    return findings


def _duplicate_module_keys(document: Document) -> List[Finding]:
    """Forge needs module keys unique across every module type."""
    modules = document.root.get("modules")
    first: Dict[str, Node] = {}
    findings: List[Finding] = []
    for module_type, items in modules.items() if modules is not None else ():
        if not isinstance(items.value, list):
            continue
        for item in items.value:
            key = item.get("key")
            if key is None or not isinstance(key.value, str):
                continue
            if key.value in first:
                line = document.line_of(first[key.value])
                findings.append(
                    document.at(
                        key,
                        codes.MODULE_KEY_DUPLICATE,
                        f"module key {key.value!r} ({module_type}) is already used at line {line}",
                    )
                )
            else:
                first[key.value] = key
    return findings
