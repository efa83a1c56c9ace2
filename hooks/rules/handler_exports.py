"""That each handler's file exports the handler's function, as Forge's
handler linter reads the exports: a note, because Forge only warns (the
function may be exported in a form its linter does not read).
"""

from __future__ import annotations

import os
from typing import List

from ..reading.documents import Document, read_bytes
from ..reading.js_exports import exported_names
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .app_files import HANDLER_EXTENSIONS, AppFolder, handlers_folder
from .forge_checks import is_handler
from .manifest_parts import module_items, modules_of

NOTE_NOT_EXPORTED = Rule(
    "FC924",
    "HandlerNotExported",
    meaning="note: a handler's file does not export the handler's function",
    why=(
        "A note, as Forge's linter only warns: the function is called by the name after the "
        "dot, so an app whose file does not export it fails when the function runs. Forge's "
        "linter, and this check, read `export function`, `export const`, `export { }`, "
        "`exports.NAME` and `module.exports = { }`, not `export *` or `export default`."
    ),
    example="handler: index.run   (src/index.js has `export const handle = ...`)",
    fix="Export the function under the handler's name, or correct the handler.",
)

# A handler file larger than this is not read (a bundle, not a source file).
MAX_HANDLER_BYTES = 4 * 1024 * 1024


def handler_export_checks(document: Document, app: AppFolder) -> List[Finding]:
    modules = modules_of(document)
    if modules is None:
        return []
    handlers = handlers_folder(document)
    tracked = None
    findings = []
    for path, item in module_items(modules, "function"):
        handler = item.get("handler")
        if handler is None or not isinstance(handler.value, str) or not is_handler(handler.value):
            continue
        name, method = handler.value.rsplit(".", 1)
        stem = os.path.normpath(os.path.join(app.folder, handlers, name))
        if tracked is None:
            tracked = frozenset(os.path.normpath(file) for file in app.tracked())
        for extension in HANDLER_EXTENSIONS:
            source = f"{stem}.{extension}"
            if source not in tracked:
                continue  # missing is FC327's; untracked is not what the commit holds
            raw = read_bytes(source, MAX_HANDLER_BYTES)
            if not isinstance(raw, bytes):
                continue
            if method not in exported_names(raw.decode("utf-8", errors="replace")):
                shown = os.path.relpath(source, app.folder or ".")
                message = (
                    f"handler {handler.value!r}: {shown} does not export {method!r}; export it "
                    f"(export const {method} = ...), or correct the handler"
                )
                findings.append(document.at_path([*path, "handler"], NOTE_NOT_EXPORTED, message))
    return findings
