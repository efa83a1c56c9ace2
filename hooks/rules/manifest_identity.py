"""What a manifest says of the app it is: its app.id (FC303-FC305, and the
note FC912 for a variable set at deploy), ``app.connect.key``, and the
products its modules extend.

Kept apart from the manifest's other rules because the link hook and the
fixer read only this, and should not import the schema checks to do it.
"""

from __future__ import annotations

from typing import Dict, List, Mapping, NamedTuple, Optional

from ..reading.documents import Document
from ..reading.forge_evidence import PRODUCTS
from ..reading.nodes import Node
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from . import ari

APP_ID_MISSING = Rule(
    "FC303",
    "AppIdMissing",
    meaning="the manifest has no app.id",
    why="Forge requires app.id, and without it there is no id for forgeAppId.",
    example="app:\n  runtime:\n    name: nodejs22.x",
    fix="Run `forge register`, which writes app.id.",
)


APP_ID_FORM = Rule(
    "FC304",
    "AppIdForm",
    meaning="app.id is not ari:cloud:ecosystem::app/<lowercase UUID>",
    why=(
        "Forge issues only this form; another names no registered app. A ${VARIABLE} that "
        "environment.variables does not declare is left as written by Forge."
    ),
    example="app:\n  id: ari:cloud:ecosystem::app/1B5D1E4F",
    fix="Run `forge register`, or copy the id the developer console shows.",
)


APP_ID_PLACEHOLDER = Rule(
    "FC305",
    "AppIdPlaceholder",
    meaning="app.id is a placeholder: run `forge register`",
    why=(
        "A placeholder such as invalid-run-forge-register names no app: Forge cannot deploy it, "
        "and there is no id to copy to forgeAppId."
    ),
    example="app:\n  id: ari:cloud:ecosystem::app/invalid-run-forge-register",
    fix="Run `forge register`.",
)


NOTE_VARIABLE_AT_DEPLOY = Rule(
    "FC912",
    "VariableAtDeploy",
    meaning=(
        "note: a ${VARIABLE} declared without a default: Forge needs it set at deploy; the values "
        "that use it are not checked"
    ),
    why="A note: the value depends on the deploying shell, not on the file.",
    example="environment:\n  variables:\n    - APP_ID\napp:\n  id: ${APP_ID}",
    fix="Nothing; make sure the deploy sets the variable.",
)


class AppId(NamedTuple):
    """The manifest's app.id: ``value`` is set only when it is usable."""

    node: Optional[Node]
    value: Optional[str]
    finding: Optional[Finding]
    # A ${VAR} with no default: Forge fills it in at deploy, so it is not judged here.
    at_deploy: bool = False


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
            document.at_path(["app"], APP_ID_MISSING, message, key=True)
            if app is not None
            else document.at(root, APP_ID_MISSING, message)
        )
        return AppId(
            None,
            None,
            finding,
        )
    if not isinstance(node.value, str):
        return AppId(node, None, document.at(node, APP_ID_FORM, "app.id must be a string"))
    resolved = ari.resolve_variables(node.value, declared_variables(root), environ)
    if resolved.missing is not None:
        return AppId(node, None, no_value(document, node, resolved.missing), at_deploy=True)
    verdict = ari.judge(resolved.value)
    shown = resolved.value if resolved.value == node.value else f"{node.value} (= {resolved.value})"
    if resolved.undeclared is not None and not verdict.ok:
        # Forge fills in declared variables only: this one stays as written.
        return AppId(
            node,
            None,
            document.at(
                node,
                APP_ID_FORM,
                f"app.id {shown!r}: ${{{resolved.undeclared}}} is not declared in "
                "environment.variables, so Forge leaves it as written; declare it or write the id",
            ),
        )
    if verdict.placeholder:
        return AppId(
            node,
            None,
            document.at(
                node,
                APP_ID_PLACEHOLDER,
                f"app.id {shown!r} is a placeholder: run `forge register` to get the app's id",
            ),
        )
    if not verdict.ok:
        return AppId(
            node, None, document.at(node, APP_ID_FORM, f"app.id {shown!r}: {verdict.reason}")
        )
    return AppId(node, resolved.value, None)


def connect_key(manifest: Document) -> Optional[Node]:
    """``app.connect.key``: the Connect app this Forge app takes over, if any."""
    app = manifest.root.get("app")
    connect = app.get("connect") if app is not None else None
    return connect.get("key") if connect is not None else None


def no_value(document: Document, node: Node, name: str) -> Finding:
    return document.at(
        node,
        NOTE_VARIABLE_AT_DEPLOY,
        f"${{{name}}} is declared without a default: Forge needs it set at deploy; "
        "not checked here",
    )


def products_of(document: Document) -> List[str]:
    """The products the manifest's modules extend, from their type prefixes."""
    modules = document.root.get("modules")
    found = {name.split(":", 1)[0] for name, _ in (modules.items() if modules else ())}
    return sorted(found.intersection(PRODUCTS))
