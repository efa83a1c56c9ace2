"""What a Forge manifest must be, and what its app.id is."""

from __future__ import annotations

import os
import re
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ..forge.package import EMPTY, ForgePackage
from ..reading.documents import Document
from ..reading.nodes import PathItem
from ..reporting.findings import Finding
from ..reporting.rule import RETIRED, Rule
from . import ari
from .backend_endpoints import backend_endpoint_checks
from .bitbucket_modules import bitbucket_module_checks
from .egress import egress_checks
from .entities import entity_checks
from .file_viewer_pattern import file_viewer_pattern_checks
from .forge_checks import NOTE_NOT_IN_CATALOGUE, forge_checks
from .function_timeout import function_timeout_checks
from .internal_fields import internal_field_checks
from .manifest_identity import declared_variables, no_value, read_app_id
from .module_limits import module_limit_checks
from .module_scopes import module_scope_checks
from .providers import provider_checks
from .references import reference_checks
from .remotes import remote_checks
from .resources import resource_checks
from .schema_check import load_our_schema, schema_findings
from .spelling import Spelling, strict_near_miss
from .translations import translation_checks
from .trigger_events import trigger_event_checks
from .trigger_filters import trigger_filter_checks

MANIFEST_SCHEMA = Rule(
    "FC301",
    "ManifestSchema",
    meaning="the manifest breaks the Forge manifest schema",
    why="`forge deploy` and `forge lint` refuse a manifest that breaks the schema.",
    example="modules:\n  function:\n    - key: main\n      handler: 42",
    fix="Change the value at the place given to one the schema allows; the message says which.",
)


MANIFEST_UNKNOWN_KEY = Rule(
    "FC302",
    "ManifestUnknownKey",
    meaning="a top-level manifest key Forge does not allow",
    why=(
        "Forge allows only app, connectModules, modules, permissions, resources, remotes, "
        "providers, environment, translations, services and overrides at the top."
    ),
    example="app: {...}\nmodule:\n  jira:issuePanel: [...]",
    fix="Rename the key to the one the message suggests, or remove it.",
)


MODULE_TYPE_UNKNOWN = Rule(
    "FC308",
    "ModuleTypeUnknown",
    meaning="a module type the installed Forge schema does not know",
    why="Forge refuses a module type it does not know; usually it is a misspelling.",
    example="modules:\n  bitbucket:repoPage: [...]",
    fix="Use the module type the message suggests (for example bitbucket:repoMainMenuPage).",
)


VARIABLE_WITHOUT_VALUE = Rule(
    "FC310",
    "VariableWithoutValue",
    meaning="no longer reported: a variable without a default is the note FC912",
    why=RETIRED,
    example="",
    fix="Nothing to do.",
)


NOT_A_MANIFEST = Rule(
    "FC318",
    "NotAManifest",
    meaning=(
        "check-forge-manifest was given a file that is no Forge manifest (not named manifest.yml "
        "and with no Forge evidence)"
    ),
    why=(
        "The file was named by hand and nothing was checked: passing silently would look like a "
        "clean check."
    ),
    example="check-forge-manifest config.yml",
    fix="Give check-forge-manifest the app's manifest.yml.",
)


NOTE_UNRESOLVED_VARIABLE = Rule(
    "FC903",
    "UnresolvedVariable",
    meaning=(
        "no longer reported: an undeclared ${VARIABLE} in app.id is FC304, as Forge leaves it as "
        "written"
    ),
    why=RETIRED,
    example="",
    fix="Nothing to do.",
)


NOTE_DEPRECATED = Rule(
    "FC909",
    "Deprecated",
    meaning="note: a deprecated manifest property (Forge warns)",
    why="A note: Forge still deploys it, with a warning.",
    example=(
        "app:\n  id: ari:cloud:ecosystem::app/...\n  name: my-app  (a property Forge deprecated)"
    ),
    fix="Move to the property Forge's warning names, when convenient.",
)


CORE_SCHEMA = "forge-manifest-core.json"


def not_a_manifest(path: str) -> Finding:
    """A file given by name that is no Forge manifest."""
    return Finding(
        path,
        1,
        1,
        NOT_A_MANIFEST,
        "not a Forge manifest: Forge reads manifest.yml, and this file has no "
        "app.id, Forge module or runtime; nothing checked",
    )


def check_manifest(
    document: Document,
    forge_schema: Optional[Dict[str, Any]] = None,
    package: ForgePackage = EMPTY,
    schema_module_types: Sequence[str] = (),
    environ: Optional[Mapping[str, str]] = None,
    spelling: Optional[Spelling] = None,
) -> List[Finding]:
    """Our own rules, with the Forge CLI's full schema and lists when there
    are, else with our core schema. Values are checked as Forge checks them:
    after its declared ``${VARIABLES}`` are filled in."""
    root = document.root
    spelling = spelling or Spelling()
    env = os.environ if environ is None else environ
    declared = declared_variables(root)
    # A variable with no value here is set where the app is deployed (CI):
    # a note, and whatever uses it is not judged, so no shell decides a verdict.
    findings, waiting = _variables_without_value(document, declared, env)
    instance = root.plain(lambda text: ari.resolve_variables(text, declared, env).value)

    def not_ours(error: Any) -> bool:
        if isinstance(error.instance, str) and any(name in error.instance for name in waiting):
            return True
        return _about_app_id(error)

    schema = forge_schema if forge_schema is not None else load_our_schema(CORE_SCHEMA)
    findings.extend(
        schema_findings(
            document,
            schema,
            MANIFEST_SCHEMA,
            MANIFEST_UNKNOWN_KEY,
            not_ours,
            instance=instance,
            tolerated=frozenset(package.deprecated),
            spelling=spelling,
        )
    )
    findings.extend(_deprecated(document, package))
    known = package.module_types or frozenset(schema_module_types)
    if known:
        findings.extend(_unknown_module_types(document, sorted(known), spelling, package.catalogue))
    if forge_schema is None and package.runtimes:
        findings.extend(_unknown_runtime(document, package))
    if root.get("app") is not None:
        app_id = read_app_id(document, env)
        if app_id.finding is not None and not app_id.at_deploy:
            findings.append(app_id.finding)
    findings.extend(forge_checks(document, package, spelling))
    findings.extend(trigger_event_checks(document, package))
    findings.extend(module_scope_checks(document, package))
    for check in DOCUMENT_CHECKS:
        findings.extend(check(document))
    return findings


# The checks that need nothing but the manifest, in the order they report.
DOCUMENT_CHECKS: Tuple[Callable[[Document], List[Finding]], ...] = (
    bitbucket_module_checks,
    backend_endpoint_checks,
    file_viewer_pattern_checks,
    resource_checks,
    egress_checks,
    function_timeout_checks,
    translation_checks,
    reference_checks,
    module_limit_checks,
    internal_field_checks,
    trigger_filter_checks,
    remote_checks,
    provider_checks,
    entity_checks,
)


def _variables_without_value(
    document: Document, declared: Mapping[str, Optional[str]], env: Mapping[str, str]
) -> Tuple[List[Finding], List[str]]:
    """A note at every value that uses a declared variable with no value here,
    and those variables as written (``${NAME}``)."""
    findings: List[Finding] = []
    waiting: List[str] = []
    for node in document.root.walk():
        if isinstance(node.value, str) and "${" in node.value:
            missing = ari.resolve_variables(node.value, declared, env).missing
            if missing is not None:
                findings.append(no_value(document, node, missing))
                if f"${{{missing}}}" not in waiting:
                    waiting.append(f"${{{missing}}}")
    return findings, waiting


def _deprecated(document: Document, package: ForgePackage) -> List[Finding]:
    """Deprecated properties: Forge warns, so they are notes here."""
    findings: List[Finding] = []
    for section, name in sorted(package.deprecated):
        parent = document.root.get(section)
        if parent is not None and parent.get(name) is not None:
            findings.append(
                document.at_path(
                    [section, name],
                    NOTE_DEPRECATED,
                    f"{section}.{name} is deprecated (Forge warns); it can be removed",
                    key=True,
                )
            )
    app = document.root.get("app")
    features = app.get("features") if app is not None else None
    if features is not None and features.get("autoUserConsent") is not None:
        message = (
            "app.features.autoUserConsent is no longer needed (Forge warns); it can be removed"
        )
        path: List[PathItem] = ["app", "features", "autoUserConsent"]
        findings.append(document.at_path(path, NOTE_DEPRECATED, message, key=True))
    return findings


def _about_app_id(error: Any) -> bool:
    """app.id has rules of its own, with better words than a schema's."""
    path = list(error.absolute_path)
    if path[:2] == ["app", "id"]:
        return True
    return bool(path == ["app"] and error.validator == "required" and "id" not in error.instance)


def _unknown_module_types(
    document: Document, known: Sequence[str], spelling: Spelling, catalogue: str = ""
) -> List[Finding]:
    """A module type the installed Forge CLI does not support is refused by
    its module check; a misspelt one is the commonest manifest mistake, so
    name the type probably meant. Known only from the shipped ``catalogue``,
    a type that is no slip of a known one may be newer: a note."""
    modules = document.root.get("modules")
    findings: List[Finding] = []
    for name, _ in modules.items() if modules is not None else ():
        if name in known:
            continue
        if catalogue:
            meant = strict_near_miss(name, known)
            if meant is None:
                message = (
                    f"module type {name!r} is not in {catalogue}'s list; not checked "
                    "(install the Forge CLI to check it)"
                )
                code = NOTE_NOT_IN_CATALOGUE
            else:
                message = f"unknown module type {name!r}; did you mean {meant!r}?"
                code = MODULE_TYPE_UNKNOWN
            findings.append(document.at_path(["modules", name], code, message, key=True))
            continue
        hint = spelling.budgeted_close_match(name, known)
        message = f"unknown module type {name!r}"
        message += (
            f"; did you mean {hint!r}?" if hint else " (not one the installed Forge CLI supports)"
        )
        findings.append(document.at_path(["modules", name], MODULE_TYPE_UNKNOWN, message, key=True))
    return findings


_NODE_RUNTIME = re.compile(r"nodejs([0-9]{1,4})\.x")


def _unknown_runtime(document: Document, package: ForgePackage) -> List[Finding]:
    """``app.runtime.name`` against the shipped catalogue's runtimes (the core
    schema judges its form): a version up to the newest listed one that is not
    listed is retired or never was; a newer one may postdate the catalogue,
    so it is a note."""
    app = document.root.get("app")
    runtime = app.get("runtime") if app is not None else None
    name = runtime.get("name") if runtime is not None else None
    if name is None or not isinstance(name.value, str) or name.value in package.runtimes:
        return []
    match = _NODE_RUNTIME.fullmatch(name.value)
    versions = [int(m.group(1)) for m in map(_NODE_RUNTIME.fullmatch, package.runtimes) if m]
    if match is None or not versions:
        return []
    listed = ", ".join(sorted(package.runtimes))
    if int(match.group(1)) <= max(versions):
        message = f"runtime {name.value!r} is not one Forge runs ({listed})"
        return [document.at(name, MANIFEST_SCHEMA, message)]
    message = (
        f"runtime {name.value!r} is not in {package.catalogue}'s list ({listed}); not checked "
        "(install the Forge CLI to check it)"
    )
    return [document.at(name, NOTE_NOT_IN_CATALOGUE, message)]
