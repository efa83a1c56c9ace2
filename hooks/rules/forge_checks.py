"""The checks of Forge's own validators that need only the manifest's text.

``forge lint`` runs, after its schema, validators over the typed manifest.
Those that read only the manifest (not the app's handler files, resource
folders or locale files) are done again here, from their documented
behaviour and the lists of the installed ``@forge/manifest``
(:mod:`..forge.package`): modules present, function keys, handlers and
references, Connect modules, scopes.
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Tuple

from ..forge.package import ForgePackage
from ..reading.documents import Document
from ..reading.nodes import Node, string_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import named_references
from .schema_check import quoted
from .spelling import Spelling

MODULE_KEY_DUPLICATE = Rule(
    "FC307",
    "ModuleKeyDuplicate",
    meaning="two modules share one key",
    why="Forge refuses a manifest in which two modules have the same key.",
    example=(
        "modules:\n  function:\n    - key: main\n      handler: index.run\n    - key: main\n      "
        "handler: other.run"
    ),
    fix="Give each module a key of its own.",
)


NO_MODULES = Rule(
    "FC311",
    "NoModules",
    meaning="no modules, or only 'function' and 'endpoint' ones",
    why="Forge refuses an app without a module that does something.",
    example="modules:\n  function:\n    - key: main\n      handler: index.run",
    fix="Add the module the app provides (for example a bitbucket:repoMainMenuPage).",
)


FUNCTION_KEY_TOO_LONG = Rule(
    "FC312",
    "FunctionKeyTooLong",
    meaning="a function key longer than the installed Forge CLI allows",
    why="The Forge CLI refuses function keys longer than its limit.",
    example=(
        "modules:\n  function:\n    - key: a-function-key-that-goes-on-and-on-well-past-the-limit"
    ),
    fix="Shorten the key, and the references to it.",
)


FUNCTION_HANDLER_FORM = Rule(
    "FC313",
    "FunctionHandlerForm",
    meaning="a function handler that is not <file>.<export>",
    why=(
        "Forge finds a function's code from its handler's file and export; any other form cannot "
        "be deployed."
    ),
    example="modules:\n  function:\n    - key: main\n      handler: index",
    fix="Write the handler as file.export, for example index.handler.",
)


FUNCTION_REFERENCE = Rule(
    "FC314",
    "FunctionReference",
    meaning="a module refers to a function the manifest does not declare",
    why="Forge refuses a reference to a function key that modules.function does not declare.",
    example="modules:\n  webtrigger:\n    - key: hook\n      function: mian",
    fix="Use the declared key the message suggests, or declare the function.",
)


CONNECT_MODULE = Rule(
    "FC315",
    "ConnectModule",
    meaning="a connectModules entry Forge does not allow",
    why="Connect modules on Forge exist for Jira and Confluence; Forge refuses others.",
    example="connectModules:\n  bitbucket:webPanels: [...]",
    fix="Remove the entry, or use a Forge module instead.",
)


UNKNOWN_SCOPE = Rule(
    "FC316",
    "UnknownScope",
    meaning="a scope the installed Forge CLI does not know",
    why="Forge refuses a scope it does not know; usually it is a misspelling.",
    example="permissions:\n  scopes:\n    - read:repositroy:bitbucket",
    fix="Use the scope the message suggests.",
)


NOTE_NOT_IN_CATALOGUE = Rule(
    "FC914",
    "NotInCatalogue",
    meaning=(
        "note: without a Forge CLI, a module type, scope or runtime that is neither in the shipped "
        "catalogue nor a slip of a name in it (it may be newer): not checked"
    ),
    why=(
        "A note: Forge adds names faster than the hooks ship them, so an unknown name may be valid."
    ),
    example="modules:\n  bitbucket:someBrandNewModule: [...]",
    fix="Nothing, or install @forge/cli so that its schema decides.",
)


# Module types that are not modules a user sees: Forge needs one other.
_NOT_COUNTED = ("function", "endpoint")
# Connect-on-Forge exists for these products only.
_CONNECT_PRODUCTS = ("jira", "confluence")


def forge_checks(
    document: Document, package: ForgePackage, spelling: Optional[Spelling] = None
) -> List[Finding]:
    spelling = spelling or Spelling()
    root = document.root
    modules = root.get("modules")
    connect = root.get("connectModules")
    findings: List[Finding] = []
    if modules is None and connect is None:
        findings.append(
            document.at(root, NO_MODULES, "the manifest needs 'modules' or 'connectModules'")
        )
    if modules is not None and modules.is_object:
        findings.extend(_module_count(document, modules))
        findings.extend(_functions(document, modules, package))
        findings.extend(_references(document, modules, spelling))
    if connect is not None and connect.is_object:
        findings.extend(_connect_modules(document, connect, package, spelling))
    findings.extend(_duplicate_keys(document, modules, connect))
    if package.scopes:
        findings.extend(_scopes(document, package, spelling))
    return findings


def _module_count(document: Document, modules: Node) -> List[Finding]:
    if any(name not in _NOT_COUNTED for name, _ in modules.items()):
        return []
    # At the "modules:" key: what the manifest lacks is a module there.
    return [
        document.at_path(
            ["modules"],
            NO_MODULES,
            "the manifest needs at least one module besides 'function' and 'endpoint'",
            key=True,
        )
    ]


def _objects_in(node: Optional[Node]) -> Iterator[Node]:
    if node is not None and isinstance(node.value, list):
        yield from (item for item in node.value if item.is_object)


def _functions(document: Document, modules: Node, package: ForgePackage) -> List[Finding]:
    findings: List[Finding] = []
    for function in _objects_in(modules.get("function")):
        key_node = function.get("key")
        key = string_of(key_node)
        limit = package.function_key_limit
        if key_node is not None and key is not None and limit is not None and len(key) > limit:
            findings.append(
                document.at(
                    key_node,
                    FUNCTION_KEY_TOO_LONG,
                    f"function key {quoted(key)} has {len(key)} characters; Forge allows {limit}",
                )
            )
        handler_node = function.get("handler")
        handler = string_of(handler_node)
        if handler_node is not None and handler is not None and not is_handler(handler):
            findings.append(
                document.at(
                    handler_node,
                    FUNCTION_HANDLER_FORM,
                    f"handler {quoted(handler)} must be <file>.<export>, such as index.run",
                )
            )
    return findings


def is_handler(text: str) -> bool:
    """``<path/to/file>.<export>`` as Forge's handler pattern reads it: one
    dot, and parts of letters, digits, '_' and '-'."""
    path, dot, export = text.partition(".")
    return bool(dot) and all(_is_name(part) for part in (*path.split("/"), export))


def _is_name(part: str) -> bool:
    return bool(part) and part.replace("_", "a").replace("-", "a").isalnum()


def _references(document: Document, modules: Node, spelling: Spelling) -> List[Finding]:
    """A module's ``function`` (or one of its properties' ``function``) must
    name a declared function, as Forge's reference check requires."""
    declared = {string_of(item.get("key")) for item in _objects_in(modules.get("function"))}
    names = [key for key in declared if key]  # once, not once per reference
    findings: List[Finding] = []
    for module_type, items in modules.items():
        if module_type in _NOT_COUNTED:
            continue
        for item in _objects_in(items):
            for reference in named_references(item, "function"):
                name = string_of(reference)
                if reference.value and name not in declared:
                    meant = spelling.budgeted_close_match(name, names) if name else None
                    message = f"{module_type} refers to function {quoted(reference.value)}, "
                    message += "which 'function' does not declare"
                    message += f"; did you mean {meant!r}?" if meant else ""
                    findings.append(document.at(reference, FUNCTION_REFERENCE, message))
    return findings


def _connect_modules(
    document: Document, connect: Node, package: ForgePackage, spelling: Spelling
) -> List[Finding]:
    findings: List[Finding] = []
    for name, _ in connect.items():
        product = name.split(":", 1)[0] if ":" in name else ""
        if product not in _CONNECT_PRODUCTS:
            message = (
                f"connectModules entry {name!r}: Connect modules exist only for Jira and "
                "Confluence ('jira:...', 'confluence:...')"
            )
        elif package.connect_module_types and name not in package.connect_module_types:
            meant = spelling.budgeted_near_miss(
                name, package.connect_module_types
            ) or spelling.budgeted_close_match(name, package.connect_module_types)
            message = f"connectModules entry {name!r} is not a Connect module type"
            message += f"; did you mean {meant!r}?" if meant else ""
        else:
            continue
        findings.append(
            document.at_path(["connectModules", name], CONNECT_MODULE, message, key=True)
        )
    return findings


def _duplicate_keys(
    document: Document, modules: Optional[Node], connect: Optional[Node]
) -> List[Finding]:
    """Forge needs module keys unique across every module type, Connect
    modules included."""
    first: Dict[str, Node] = {}
    findings: List[Finding] = []
    for section, module_type, key in _keys(modules, connect):
        name = string_of(key)
        if name is None:
            continue
        if name in first:
            line = document.line_of(first[name])
            findings.append(
                document.at(
                    key,
                    MODULE_KEY_DUPLICATE,
                    f"module key {quoted(name)} ({section}.{module_type}) is already used at "
                    f"line {line}",
                )
            )
        else:
            first[name] = key
    return findings


def _keys(*sections: Optional[Node]) -> Iterator[Tuple[str, str, Node]]:
    for section_name, section in zip(("modules", "connectModules"), sections):
        for module_type, items in section.items() if section is not None else ():
            for item in _objects_in(items):
                key = item.get("key")
                if key is not None:
                    yield section_name, module_type, key


def _scopes(document: Document, package: ForgePackage, spelling: Spelling) -> List[Finding]:
    """``permissions.scopes`` is a list of names, or an object keyed by them."""
    permissions = document.root.get("permissions")
    scopes = permissions.get("scopes") if permissions is not None else None
    named: List[Tuple[str, int]] = []
    if scopes is not None and isinstance(scopes.value, list):
        named = [(item.value, item.offset) for item in scopes.value if isinstance(item.value, str)]
    elif scopes is not None and scopes.is_object:
        named = [(name, scopes.key_offsets[name]) for name, _ in scopes.items()]
    findings: List[Finding] = []
    for name, offset in named:
        if name in package.scopes:
            continue
        meant = spelling.budgeted_near_miss(name, package.scopes)
        if package.catalogue and meant is None:
            # Not a slip of a known scope: perhaps one newer than the catalogue.
            message = (
                f"scope {quoted(name)} is not in {package.catalogue}'s list; not checked "
                "(install the Forge CLI to check it)"
            )
            findings.append(document.source.finding(offset, NOTE_NOT_IN_CATALOGUE, message))
            continue
        known_by = package.catalogue or "the installed Forge CLI"
        message = f"scope {quoted(name)} is not one {known_by} knows"
        message += f"; did you mean {meant!r}?" if meant else ""
        findings.append(document.source.finding(offset, UNKNOWN_SCOPE, message))
    return findings
