"""The files a Forge manifest names, checked as Forge's validator checks
them on disk: each function's handler file, and each resource's path.

A missing file that git ignores is build output not built yet (a fresh
clone, a CI job before the build): a note. Any other missing file is a
commit Forge refuses to deploy: a block at the manifest's line.
"""

from __future__ import annotations

import os
from typing import Callable, Collection, FrozenSet, List, NamedTuple, Sequence, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .forge_checks import is_handler
from .manifest_parts import key_value, module_items, modules_of

HANDLER_FILE_MISSING = Rule(
    "FC327",
    "HandlerFileMissing",
    meaning="a function's handler file does not exist",
    why=(
        "Forge refuses the manifest: `index.run` needs src/index.tsx, .jsx, .ts, .js or .cjs "
        "beside the manifest (or in app.package.path with the manual bundler)."
    ),
    example="modules:\n  function:\n    - key: main\n      handler: index.run   (no src/index.*)",
    fix="Create the handler file, or correct the handler to the file that holds the function.",
)

RESOURCE_PATH_MISSING = Rule(
    "FC328",
    "ResourcePathMissing",
    meaning="a resource's path does not exist",
    why="Forge refuses the manifest: the module's UI would have nothing to load.",
    example="resources:\n  - key: main\n    path: src/frontend/idnex.jsx",
    fix="Correct the path, or create the file or folder it names.",
)

NOTE_NOT_BUILT = Rule(
    "FC920",
    "NotBuiltYet",
    meaning="note: a handler file or resource path that git ignores is missing",
    why=(
        "A note: git ignores the path, so it is build output, which a fresh clone or a CI job "
        "has before its build runs. Forge refuses to deploy until it is built."
    ),
    example="resources:\n  - key: main\n    path: static/build   (listed in .gitignore)",
    fix="Build the app before `forge deploy`; nothing to do in the commit.",
)

HANDLER_EXTENSIONS = ("tsx", "jsx", "ts", "js", "cjs")
_MANUAL_BUNDLER = "manual@2026"


class AppFolder(NamedTuple):
    """Where the manifest's files are, and which of them git ignores (asked of
    the repository by the caller, once for all missing paths)."""

    folder: str  # the manifest's folder, as the run writes paths
    ignored: Callable[[Collection[str]], FrozenSet[str]]
    tracked: Callable[[], Sequence[str]]  # the repository's tracked files, as the run writes paths


def app_file_checks(document: Document, app: AppFolder) -> List[Finding]:
    # Each missing file: where in the manifest, its code and message, and the
    # names it may have on disk (a handler file has one per extension).
    missing: List[Tuple[List[PathItem], Rule, str, List[str]]] = []
    handlers = handlers_folder(document)
    modules = modules_of(document)
    for path, item in module_items(modules, "function") if modules is not None else ():
        handler = item.get("handler")
        if handler is None or not isinstance(handler.value, str) or not is_handler(handler.value):
            continue
        name = handler.value.rsplit(".", 1)[0]
        stem = os.path.join(app.folder, handlers, name)
        candidates = [f"{stem}.{extension}" for extension in HANDLER_EXTENSIONS]
        if not any(os.path.exists(candidate) for candidate in candidates):
            shown = f"{_joined(handlers, name)}.({'|'.join(HANDLER_EXTENSIONS)})"
            message = (
                f"handler {handler.value!r} needs the file {shown}, and there is none; create "
                "it, or correct the handler"
            )
            missing.append(([*path, "handler"], HANDLER_FILE_MISSING, message, candidates))
    for index, resource in resources_of(document):
        where = resource.get("path")
        if where is None or not isinstance(where.value, str) or not where.value:
            continue
        target = os.path.join(app.folder, where.value)
        if not os.path.exists(target):
            message = (
                f"resource {key_value(resource)!r} names the path {where.value!r}, and there is no "
                "such file or folder; correct the path or create it"
            )
            missing.append((["resources", index, "path"], RESOURCE_PATH_MISSING, message, [target]))
    if not missing:
        return []
    ignored = app.ignored([name for *_, names in missing for name in names])
    findings = []
    for path, code, message, names in missing:
        # Build output only if git ignores every name the file may have: a
        # project that ignores its compiled *.js still tracks its src/*.ts.
        if all(name in ignored for name in names):
            shown = os.path.relpath(names[0], app.folder or ".")
            message = (
                f"{shown} is ignored by git and not built yet: build the app before forge deploy"
            )
            code = NOTE_NOT_BUILT
        findings.append(document.at_path(path, code, message))
    return findings


def handlers_folder(document: Document) -> str:
    """Where Forge looks for handler files: src, or the manual bundler's path."""
    app = document.root.get("app")
    package = app.get("package") if app is not None and app.is_object else None
    if package is None or not package.is_object:
        return "src"
    bundler = package.get("bundler")
    if bundler is None or bundler.value != _MANUAL_BUNDLER:
        return "src"
    path = package.get("path")
    # Forge takes `path ?? "src"`: an empty path is the manifest's own folder.
    return path.value if path is not None and isinstance(path.value, str) else "src"


def resources_of(document: Document) -> List[Tuple[int, Node]]:
    resources = document.root.get("resources")
    listed = resources.value if resources is not None else None
    if not isinstance(listed, list):
        return []
    return [(index, item) for index, item in enumerate(listed) if item.is_object]


def _joined(folder: str, name: str) -> str:
    return f"{folder.rstrip('/')}/{name}" if folder else name
