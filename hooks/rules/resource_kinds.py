"""What a resource's path holds, as Forge's resources validator finds it on
disk: UI Kit (``render: native``, no bundler) loads one file; Custom UI, or
UI Kit with a bundler, loads a folder with an ``index.html``; no resource is
an empty folder. A path git ignores is build output: a note (FC920).
"""

from __future__ import annotations

import os
import stat
from typing import Dict, List, Optional, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .app_files import NOTE_NOT_BUILT, AppFolder, resources_of
from .manifest_parts import js_truthy, key_value, modules_of

RESOURCE_KIND = Rule(
    "FC344",
    "ResourceKind",
    meaning="a resource's path holds the wrong kind of thing for the module that loads it",
    why=(
        "Forge refuses the manifest: UI Kit (render: native) loads one file, Custom UI a folder "
        "with index.html, and no resource is an empty folder."
    ),
    example=(
        "modules:\n  bitbucket:repoMainMenuPage:\n    - key: page\n      resource: ui\n"
        "resources:\n  - key: ui\n    path: static/app/build   (no index.html in it)"
    ),
    fix="Point the resource at the built folder that holds index.html, or at UI Kit's entry file.",
)


def resource_kind_checks(document: Document, app: AppFolder) -> List[Finding]:
    resources = resources_of(document)
    # Forge keeps the last resource of a key.
    by_key: Dict[str, Tuple[int, Node]] = {}
    for index, resource in resources:
        key = resource.get("key")
        if key is not None and isinstance(key.value, str):
            by_key[key.value] = (index, resource)
    problems: List[Tuple[List[PathItem], str, str]] = []  # where, target, message
    modules = modules_of(document)
    for module_type, listed in modules.items() if modules is not None else ():
        if module_type == "function" or not isinstance(listed.value, list):
            continue
        for position, module in enumerate(listed.value):
            reference = module.get("resource")
            if reference is None or not isinstance(reference.value, str) or "/" in reference.value:
                continue  # none, the schema's to judge, or an entry of a resource
            found = by_key.get(reference.value)
            path = found[1].get("path") if found is not None else None
            if path is None or not isinstance(path.value, str):
                continue
            problem = _kind_problem(module, found[1] if found else None, app.folder, path.value)
            if problem is not None:
                where: List[PathItem] = ["modules", module_type, position, "resource"]
                message = f"{module_type} loads resource {reference.value!r}: {problem}"
                problems.append((where, os.path.join(app.folder, path.value), message))
    for index, resource in resources:
        path = resource.get("path")
        if path is None or not isinstance(path.value, str):
            continue
        target = os.path.join(app.folder, path.value)
        if _is_empty_folder(target):
            message = (
                f"resource {key_value(resource)!r}: the folder {path.value!r} is empty; build the "
                "app or correct the path"
            )
            problems.append((["resources", index, "path"], target, message))
    if not problems:
        return []
    ignored = app.ignored([target for _, target, _ in problems])
    findings = []
    for where, target, message in problems:
        if target in ignored:
            shown = os.path.relpath(target, app.folder or ".")
            note = f"{shown} is ignored by git and not built yet: build the app before forge deploy"
            findings.append(document.at_path(where, NOTE_NOT_BUILT, note))
        else:
            findings.append(document.at_path(where, RESOURCE_KIND, message))
    return findings


def _kind_problem(module: Node, resource: Optional[Node], folder: str, path: str) -> Optional[str]:
    target = os.path.join(folder, path)
    try:
        if not os.path.exists(target):
            return None  # missing: FC328's
        is_folder = stat.S_ISDIR(os.lstat(target).st_mode)
    except (OSError, ValueError):
        return None
    render = module.get("render")
    ui_kit = render is not None and render.value == "native"
    bundled = resource is not None and js_truthy(resource.get("bundler"))
    if ui_kit and not bundled:
        if is_folder:
            return (
                f"UI Kit (render: native) loads a file, and {path!r} is a folder; name its "
                "entry file"
            )
        return None
    if not is_folder:
        return (
            f"Custom UI loads a folder with index.html, and {path!r} is not a folder; name the "
            "built folder, or add render: native for UI Kit"
        )
    if not os.path.exists(os.path.join(target, "index.html")):
        return f"{path!r} has no index.html; build the app there, or correct the path"
    return None


def _is_empty_folder(target: str) -> bool:
    try:
        if not stat.S_ISDIR(os.lstat(target).st_mode):
            return False
        with os.scandir(target) as entries:
            return next(entries, None) is None
    except (OSError, ValueError):
        return False
