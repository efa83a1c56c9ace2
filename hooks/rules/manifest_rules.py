"""What a Forge manifest must be, and what its app.id is."""

from __future__ import annotations

import os
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence

from ..forge.package import EMPTY, ForgePackage
from ..reading.documents import Document
from ..reading.nodes import Node
from ..reporting import codes
from ..reporting.findings import Finding
from . import ari
from .forge_checks import forge_checks
from .schema_check import load_schema, schema_findings, suggest

CORE_SCHEMA = "forge-manifest-core.json"


class AppId(NamedTuple):
    """The manifest's app.id: ``value`` is set only when it is usable."""

    node: Optional[Node]
    value: Optional[str]
    finding: Optional[Finding]


def declared_variables(root: Node) -> Dict[str, Optional[str]]:
    """``environment.variables``: each declared name and its default (None
    when it has none). Forge accepts a bare name or ``{key, default}``, and
    of a name declared twice it uses the first declaration."""
    environment = root.get("environment")
    variables = environment.get("variables") if environment is not None else None
    declared: Dict[str, Optional[str]] = {}
    if variables is not None and isinstance(variables.value, list):
        for item in variables.value:
            if isinstance(item.value, str):
                declared.setdefault(item.value, None)
                continue
            key, default = item.get("key"), item.get("default")
            if key is not None and isinstance(key.value, str):
                text = _as_text(default.value) if default is not None else None
                declared.setdefault(key.value, text)
    return declared


def _as_text(value: object) -> Optional[str]:
    """A default as the text Forge puts in its place (JavaScript's way)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return None


def read_app_id(document: Document, environ: Optional[Mapping[str, str]] = None) -> AppId:
    root = document.root
    app = root.get("app")
    node = app.get("id") if app is not None else None
    if node is None:
        message = "app.id is missing: run `forge register`"
        finding = (
            document.at_path(["app"], codes.APP_ID_MISSING, message, key=True)
            if app is not None
            else document.at(root, codes.APP_ID_MISSING, message)
        )
        return AppId(
            None,
            None,
            finding,
        )
    if not isinstance(node.value, str):
        return AppId(node, None, document.at(node, codes.APP_ID_FORM, "app.id must be a string"))
    resolved = ari.resolve_variables(node.value, declared_variables(root), environ)
    if resolved.missing is not None:
        return AppId(node, None, _no_value(document, node, resolved.missing))
    if resolved.undeclared is not None:
        return AppId(
            node,
            None,
            document.at(
                node,
                codes.NOTE_UNRESOLVED_VARIABLE,
                f"app.id uses ${{{resolved.undeclared}}}, which environment.variables does not "
                "declare: Forge leaves it as it is; not checked",
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


def connect_key(manifest: Document) -> Optional[Node]:
    """``app.connect.key``: the Connect app this Forge app takes over, if any."""
    app = manifest.root.get("app")
    connect = app.get("connect") if app is not None else None
    return connect.get("key") if connect is not None else None


def _no_value(document: Document, node: Node, name: str) -> Finding:
    return document.at(
        node,
        codes.VARIABLE_WITHOUT_VALUE,
        f"${{{name}}} is declared in environment.variables without a default and has no "
        "value here: Forge stops; give it a default or set it",
    )


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
    package: ForgePackage = EMPTY,
    schema_module_types: Sequence[str] = (),
    environ: Optional[Mapping[str, str]] = None,
) -> List[Finding]:
    """Our own rules, with the Forge CLI's full schema and lists when there
    are, else with our core schema. Values are checked as Forge checks them:
    after its declared ``${VARIABLES}`` are filled in."""
    root = document.root
    env = os.environ if environ is None else environ
    declared = declared_variables(root)
    findings = _variables_without_value(document, declared, env)
    if findings:
        return findings  # Forge stops before anything else is checked
    instance = root.plain(lambda text: ari.resolve_variables(text, declared, env).value)
    schema = forge_schema if forge_schema is not None else load_schema(CORE_SCHEMA)
    findings.extend(
        schema_findings(
            document,
            schema,
            codes.MANIFEST_SCHEMA,
            codes.MANIFEST_UNKNOWN_KEY,
            _about_app_id,
            instance=instance,
            tolerated=frozenset(package.deprecated),
        )
    )
    findings.extend(_deprecated(document, package))
    known = package.module_types or frozenset(schema_module_types)
    if known:
        findings.extend(_unknown_module_types(document, sorted(known)))
    if root.get("app") is not None:
        app_id = read_app_id(document, env)
        if app_id.finding is not None and app_id.finding.code != codes.VARIABLE_WITHOUT_VALUE:
            findings.append(app_id.finding)
    findings.extend(forge_checks(document, package))
    return findings


def _variables_without_value(
    document: Document, declared: Mapping[str, Optional[str]], env: Mapping[str, str]
) -> List[Finding]:
    """Every value where Forge would stop on a declared variable with no value."""
    findings: List[Finding] = []
    for node in document.root.walk():
        if isinstance(node.value, str) and "${" in node.value:
            missing = ari.resolve_variables(node.value, declared, env).missing
            if missing is not None:
                findings.append(_no_value(document, node, missing))
    return findings


def _deprecated(document: Document, package: ForgePackage) -> List[Finding]:
    """Deprecated properties: Forge warns, so they are notes here."""
    findings: List[Finding] = []
    for section, name in sorted(package.deprecated):
        parent = document.root.get(section)
        if parent is not None and parent.get(name) is not None:
            findings.append(
                document.at_path(
                    [section, name],
                    codes.NOTE_DEPRECATED,
                    f"{section}.{name} is deprecated (Forge warns); it can be removed",
                    key=True,
                )
            )
    return findings


def _about_app_id(error: Any) -> bool:
    """app.id has rules of its own, with better words than a schema's."""
    path = list(error.absolute_path)
    if path[:2] == ["app", "id"]:
        return True
    return bool(path == ["app"] and error.validator == "required" and "id" not in error.instance)


def _unknown_module_types(document: Document, known: Sequence[str]) -> List[Finding]:
    """A module type the installed Forge CLI does not support is refused by
    its module check; a misspelt one is the commonest manifest mistake, so
    name the type probably meant."""
    modules = document.root.get("modules")
    findings: List[Finding] = []
    for name, _ in modules.items() if modules is not None else ():
        if name in known:
            continue
        hint = suggest(name, known)
        message = f"unknown module type {name!r}"
        message += (
            f"; did you mean {hint!r}?" if hint else " (not one the installed Forge CLI supports)"
        )
        findings.append(
            document.at_path(["modules", name], codes.MODULE_TYPE_UNKNOWN, message, key=True)
        )
    return findings
