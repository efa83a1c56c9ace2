"""The locale files a manifest's translations name, read as Forge's
translations validator reads them: each exists and is JSON, and each i18n key
the modules use has a non-empty string in the default locale's file.

A missing locale file that git ignores is build output, a note (FC920), as
for the other files an app names.
"""

from __future__ import annotations

import os
from typing import Dict, List

from ..reading.documents import Document
from ..reading.locale_files import Broken, Missing, NotRegular, Parsed, read_locale
from ..reading.nodes import PathItem
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .app_files import NOTE_NOT_BUILT, AppFolder
from .translations import default_locale, i18n_uses, locale_resources, translations_of

LOCALE_FILE_UNREADABLE = Rule(
    "FC335",
    "LocaleFileUnreadable",
    meaning="a locale file that translations names is missing or is not JSON",
    why="Forge refuses the manifest: it reads each locale file with JSON.parse when it deploys.",
    example="translations:\n  resources:\n    - key: en-US\n      path: locales/en-US.jsn",
    fix="Correct the path, or the file's JSON (no comments, no trailing commas, no BOM).",
)

I18N_KEY_MISSING = Rule(
    "FC336",
    "I18nKeyMissing",
    meaning="an i18n key that is not a non-empty string in the default locale's file",
    why=(
        "Forge refuses the manifest: the default locale is the last fallback, so every key "
        "needs its text there."
    ),
    example=(
        'modules: ... title: {i18n: page.titel}\nlocales/en-US.json: {"page": {"title": "Builds"}}'
    ),
    fix="Add the key to the default locale's file, or correct the key.",
)


def locale_file_checks(document: Document, app: AppFolder) -> List[Finding]:
    translations = translations_of(document)
    if translations is None:
        return []
    uses = i18n_uses(document)
    default = default_locale(translations)
    findings: List[Finding] = []
    missing: Dict[str, Finding] = {}  # target: its finding, unless git ignores it
    for resource in locale_resources(translations):
        if not isinstance(resource.path.value, str):
            continue
        where: List[PathItem] = ["translations", "resources", resource.position, "path"]
        target = os.path.join(app.folder, resource.path.value)
        read = read_locale(target)
        if isinstance(read, Missing):
            message = (
                f"the {resource.locale} locale file {resource.path.value!r} does not exist; "
                "correct the path or create the file"
            )
            missing[target] = document.at_path(where, LOCALE_FILE_UNREADABLE, message)
        elif isinstance(read, Broken):
            message = (
                f"the {resource.locale} locale file {resource.path.value!r} is not JSON "
                f"(line {read.line}, column {read.column}: {read.reason}); correct it"
            )
            findings.append(document.at_path(where, LOCALE_FILE_UNREADABLE, message))
        elif isinstance(read, NotRegular) and resource.locale == default and uses:
            # Forge reads no keys from it, so every key is missing: one line says why.
            message = (
                f"the default locale file {resource.path.value!r} is {read.kind}, which Forge "
                "does not read; make it a regular JSON file"
            )
            findings.append(document.at_path(where, LOCALE_FILE_UNREADABLE, message))
        elif isinstance(read, Parsed) and resource.locale == default:
            for use in uses:
                if not _has_text(read.data, use.key):
                    message = (
                        f"i18n key {use.key!r} is not in the default locale file "
                        f"{resource.path.value!r} as a non-empty string; add it there, or "
                        "correct the key"
                    )
                    findings.append(document.at_path(use.path, I18N_KEY_MISSING, message))
    if missing:
        ignored = app.ignored(list(missing))
        for target, finding in missing.items():
            if target in ignored:
                shown = os.path.relpath(target, app.folder or ".")
                message = (
                    f"{shown} is ignored by git and not built yet: build the app before "
                    "forge deploy"
                )
                finding = finding._replace(code=NOTE_NOT_BUILT, message=message)
            findings.append(finding)
    return findings


def _has_text(data: object, key: str) -> bool:
    """``getTranslationValue``: the key as one name, else (when that is not
    truthy) its dotted parts as a path; the text is a non-empty string."""
    value = data.get(key) if isinstance(data, dict) else None
    if not _truthy(value) and "." in key:
        value = data
        for part in key.split("."):
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and part.isdigit() and str(int(part)) == part:
                index = int(part)
                value = value[index] if index < len(value) else None
            else:
                value = None
                break
    return isinstance(value, str) and value != ""


def _truthy(value: object) -> bool:
    """JavaScript's truth of a parsed JSON value."""
    return bool(value) or isinstance(value, (dict, list))
