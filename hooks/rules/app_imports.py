"""The Forge packages the app's code imports, against what its manifest
declares: the packages that cannot work without a scope or a module.

The files read are those Forge's linter reads: the tracked JavaScript and
TypeScript files of the handlers' folder (src/) and of the resources' folders,
whatever tsconfig.json includes (Forge's linter means to read the included
files, and with ``"include": ["src"]`` reads none; the bundle has them all).
"""

from __future__ import annotations

import os
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from ..reading.documents import Document, Text, decode, read_bytes
from ..reading.js_imports import Imported, imports
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .app_files import AppFolder, handlers_folder, resources_of
from .manifest_parts import granted_scopes, modules_of

IMPORT_WITHOUT_SCOPE = Rule(
    "FC329",
    "ImportWithoutScope",
    meaning="the code imports a Forge package whose scope the manifest does not request",
    why=(
        "Forge refuses the storage calls without storage:app: `forge lint` (run by `forge "
        "deploy`) reports @forge/api's storage, and Forge's docs require the scope for "
        "@forge/kvs."
    ),
    example="import { kvs } from '@forge/kvs';   (no storage:app in permissions.scopes)",
    fix="Add storage:app under permissions.scopes in the app's manifest.yml.",
)

IMPORT_WITHOUT_MODULE = Rule(
    "FC330",
    "ImportWithoutModule",
    meaning="the code imports a Forge package whose module the manifest does not declare",
    why=(
        "Forge refuses it (`forge lint`, run by `forge deploy`): @forge/sql needs a `sql` "
        "module, @forge/os and @forge/object-store an `objectStore` module."
    ),
    example="import { sql } from '@forge/sql';   (no sql module in manifest.yml)",
    fix="Declare the module the message names under modules, for example sql: [{key: db, "
    "engine: mysql}].",
)

NOTE_LLM_WITHOUT_MODULE = Rule(
    "FC921",
    "LlmWithoutModule",
    meaning="note: the code imports @forge/llm and the manifest declares no llm module",
    why="A note: Forge warns, as it does; the calls fail until the module is declared.",
    example="import { chat } from '@forge/llm';   (no llm module)",
    fix="Declare an llm module in the manifest.",
)

NOTE_DEPRECATED_STORAGE = Rule(
    "FC922",
    "DeprecatedStorageImport",
    meaning="note: storage imported from @forge/api, which Forge deprecates",
    why="A note: Forge warns; the storage of @forge/api still works, and @forge/kvs replaces it.",
    example="import { storage } from '@forge/api';",
    fix="Import kvs from @forge/kvs instead, when convenient.",
)

SOURCE_EXTENSIONS = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")
# Larger files are bundles or generated code, not the app's own source.
MAX_SOURCE_BYTES = 2 * 1024 * 1024
STORAGE_SCOPE = "storage:app"
_NEEDS_MODULE = {
    "@forge/sql": "sql",
    "@forge/os": "objectStore",
    "@forge/object-store": "objectStore",
}


def app_import_checks(document: Document, app: AppFolder) -> List[Finding]:
    """The imports of the app's tracked source files, against its manifest."""
    roots = [handlers_folder(document) or "."]
    for _, resource in resources_of(document):
        path = resource.get("path")
        if path is not None and isinstance(path.value, str) and path.value:
            is_file = os.path.splitext(path.value)[1] != ""
            roots.append(os.path.dirname(path.value) if is_file else path.value)
    return import_checks(document, source_files(app.folder, roots, app.tracked))


def source_files(
    folder: str, roots: Iterable[str], tracked: Callable[[], Sequence[str]]
) -> List[str]:
    """The tracked source files under the app's ``roots`` (relative to ``folder``)."""
    bases = (os.path.normpath(os.path.join(folder, root)) for root in roots if root)
    # The repository's top is "." to normpath, and holds every path.
    prefixes = tuple("" if base == "." else base + os.sep for base in bases)
    return [
        path
        for path in tracked()
        if path.endswith(SOURCE_EXTENSIONS)
        and not path.endswith(".d.ts")
        and os.path.normpath(path).startswith(prefixes)
        and "node_modules" not in path.split("/")
    ]


def import_checks(document: Document, sources: Sequence[str]) -> List[Finding]:
    modules = modules_of(document)
    declared = frozenset(name for name, _ in modules.items()) if modules else frozenset()
    scoped = STORAGE_SCOPE in granted_scopes(document)
    manifest = document.path
    findings: List[Finding] = []
    for path in sources:
        text = _source(path)
        if text is None:
            continue
        for imported in imports(text.text):
            for code, offset, message in _problems(imported, declared, scoped):
                findings.append(text.finding(offset, code, message.replace("MANIFEST", manifest)))
    return findings


def _problems(
    imported: Imported, declared: FrozenSet[str], scoped: bool
) -> List[Tuple[str, int, str]]:
    module = imported.module
    names: Dict[str, int] = dict(imported.names)
    problems: List[Tuple[str, int, str]] = []
    if not names:
        return problems
    # One line a declaration, at its first name, where Forge reports it.
    first = imported.names[0][1]
    if module == "@forge/api" and "storage" in names:
        problems.append(
            (
                NOTE_DEPRECATED_STORAGE,
                names["storage"],
                "storage from @forge/api is deprecated; kvs from @forge/kvs replaces it",
            )
        )
    uses_storage = module == "@forge/kvs" or (module == "@forge/api" and "storage" in names)
    if uses_storage and not scoped:
        offset = names["storage"] if module == "@forge/api" else first
        what = "storage from @forge/api" if module == "@forge/api" else module
        message = (
            f"{what} needs the scope {STORAGE_SCOPE!r}; add it under permissions.scopes in MANIFEST"
        )
        problems.append((IMPORT_WITHOUT_SCOPE, offset, message))
    needed = _NEEDS_MODULE.get(module)
    if needed is not None and needed not in declared:
        message = f"{module} needs the {needed!r} module; declare one under modules in MANIFEST"
        problems.append((IMPORT_WITHOUT_MODULE, first, message))
    if module == "@forge/llm" and "llm" not in declared:
        message = "@forge/llm needs the 'llm' module; declare one under modules in MANIFEST"
        problems.append((NOTE_LLM_WITHOUT_MODULE, first, message))
    return problems


def _source(path: str) -> Optional[Text]:
    raw = read_bytes(path, MAX_SOURCE_BYTES)
    if not isinstance(raw, bytes) or b"@forge/" not in raw:
        return None
    text = decode(path, raw)
    return text if isinstance(text, Text) else None
