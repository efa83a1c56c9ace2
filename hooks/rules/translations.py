"""The manifest's ``translations`` and the i18n keys its modules use, as
Forge's translations validator reads them: i18n keys need translations, a
locale has one resource, each fallback locale has a resource, and the
``__i18n`` properties Forge writes itself are not written by hand.

Which module properties are i18n keys, and the traversal, follow
``@forge/i18n``: every module type but ``connect-*`` and ``core:*``, each
mapping of a module's list, through nested mappings and lists, where a
property's value is a mapping with a string ``i18n``.
"""

from __future__ import annotations

from typing import Dict, Iterator, List, NamedTuple, Optional, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem, items_of, string_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import js_truthy, modules_of

TRANSLATIONS_MISSING = Rule(
    "FC332",
    "TranslationsMissing",
    meaning="modules use i18n keys, and the manifest has no translations",
    why="Forge refuses the manifest: an i18n key means nothing without the locale files.",
    example=(
        "modules:\n  bitbucket:repoMainMenuPage:\n    - key: page\n      title:\n"
        "        i18n: page.title"
    ),
    fix="Add translations: a resource (key: a locale, path: its JSON file) per language, and "
    "fallback.default.",
)

TRANSLATIONS_CONFIG = Rule(
    "FC333",
    "TranslationsConfig",
    meaning="translations lists a locale twice, or a fallback names a locale with no file",
    why=(
        "Forge refuses the manifest: each locale has one file, and a fallback can only fall "
        "back to a locale that has one."
    ),
    example=(
        "translations:\n  resources:\n    - key: en-US\n      path: locales/en-US.json\n"
        "  fallback:\n    default: en-US\n    de-DE:\n      - fr-FR   (no fr-FR resource)"
    ),
    fix="Keep one resource per locale; add a resource for the fallback locale, or name one "
    "that has a file; list each fallback once.",
)

INTERNAL_I18N_PROPERTY = Rule(
    "FC334",
    "InternalI18nProperty",
    meaning="in an app with translations, a module sets a property ending in __i18n, which "
    "Forge writes itself",
    why="Forge refuses the manifest: it derives NAME__i18n from NAME: {i18n: KEY} when it deploys.",
    example=(
        "modules:\n  bitbucket:repoMainMenuPage:\n    - key: page\n      title__i18n: page.title"
    ),
    fix="Write the property as NAME: {i18n: KEY} instead.",
)

_INTERNAL_SUFFIX = "__i18n"


class I18nUse(NamedTuple):
    """A module property that names an i18n key: where its ``i18n`` is, and the key."""

    path: List[PathItem]
    key: str


class LocaleResource(NamedTuple):
    position: int  # in translations.resources
    locale: str
    path: Node


def i18n_uses(document: Document) -> List[I18nUse]:
    """Every i18n key the modules use, in document order."""
    uses = []
    for path, node in _module_properties(document):
        i18n = node.get("i18n")
        if i18n is not None and isinstance(i18n.value, str):
            uses.append(I18nUse([*path, "i18n"], i18n.value))
    return uses


def translations_of(document: Document) -> Optional[Node]:
    """The translations mapping when it is one (else the schema's to judge)."""
    translations = document.root.get("translations")
    return translations if translations is not None and translations.is_object else None


def locale_resources(translations: Node) -> List[LocaleResource]:
    """translations.resources, the first of each locale, as Forge keeps them."""
    found: Dict[str, LocaleResource] = {}
    for index, item in enumerate(items_of(translations.get("resources"))):
        if not item.is_object:
            continue
        key, path = item.get("key"), item.get("path")
        if key is not None and isinstance(key.value, str) and path is not None:
            found.setdefault(key.value, LocaleResource(index, key.value, path))
    return list(found.values())


def default_locale(translations: Node) -> Optional[str]:
    fallback = translations.get("fallback")
    default = fallback.get("default") if fallback is not None else None
    return string_of(default)


def translation_checks(document: Document) -> List[Finding]:
    if not js_truthy(document.root.get("translations")):
        uses = i18n_uses(document)
        if not uses:
            return []
        first = uses[0]
        more = f" and {len(uses) - 1} more" if len(uses) > 1 else ""
        message = (
            f"modules use the i18n key {first.key!r}{more}, and the manifest has no "
            "translations; add translations with a resource per locale and fallback.default"
        )
        return [document.at_path(first.path, TRANSLATIONS_MISSING, message)]
    # Forge looks for the properties it writes itself only in an app that
    # has translations: without them, NAME__i18n is just an unknown property.
    translations = translations_of(document)
    findings = _config_checks(document, translations) if translations is not None else []
    return findings + _internal_properties(document)


def _config_checks(document: Document, translations: Node) -> List[Finding]:
    findings = []
    resources = translations.get("resources")
    if resources is None or not isinstance(resources.value, list):
        return []
    seen: Dict[str, None] = {}
    for index, item in enumerate(resources.value):
        key = item.get("key")
        if key is None or not isinstance(key.value, str):
            continue
        if key.value in seen:
            message = (
                f"translations lists the locale {key.value!r} twice; keep one resource per locale"
            )
            findings.append(
                document.at_path(
                    ["translations", "resources", index, "key"], TRANSLATIONS_CONFIG, message
                )
            )
        seen.setdefault(key.value, None)
    fallback = translations.get("fallback")
    if fallback is None or not fallback.is_object:
        return findings
    for path, locale in _fallback_locales(fallback):
        if locale not in seen:
            message = (
                f"fallback names the locale {locale!r}, which has no resource under "
                "translations.resources; add its file, or name a locale that has one"
            )
            findings.append(document.at_path(path, TRANSLATIONS_CONFIG, message))
    for target, listed in fallback.items():
        locales = [target, *(locale for _, _, locale in _listed(listed, []))]
        if len(locales) != len(set(locales)):
            message = (
                f"the fallback of {target!r} names a locale twice, or itself; list each "
                "fallback locale once"
            )
            findings.append(
                document.at_path(
                    ["translations", "fallback", target], TRANSLATIONS_CONFIG, message, key=True
                )
            )
    return findings


def _fallback_locales(fallback: Node) -> Iterator[Tuple[List[PathItem], str]]:
    """Each locale a fallback names, once (the first place it is named)."""
    named: Dict[str, None] = {}
    for target, listed in fallback.items():
        for path, _, locale in _listed(listed, ["translations", "fallback", target]):
            if locale not in named:
                named[locale] = None
                yield path, locale


def _listed(listed: Node, path: List[PathItem]) -> Iterator[Tuple[List[PathItem], Node, str]]:
    """A fallback's value: one locale, or a list of them (strings only)."""
    if isinstance(listed.value, str):
        yield path, listed, listed.value
    elif isinstance(listed.value, list):
        for index, item in enumerate(listed.value):
            if isinstance(item.value, str):
                yield [*path, index], item, item.value


def _internal_properties(document: Document) -> List[Finding]:
    findings = []
    for path, node in _module_objects(document):
        for name, value in node.items():
            if len(name) > len(_INTERNAL_SUFFIX) and name.endswith(_INTERNAL_SUFFIX):
                if isinstance(value.value, str):
                    plain = name[: -len(_INTERNAL_SUFFIX)]
                    message = (
                        f"{name!r} is written by Forge when it deploys; write "
                        f"{plain}: {{i18n: {value.value}}} instead"
                    )
                    findings.append(
                        document.at_path([*path, name], INTERNAL_I18N_PROPERTY, message, key=True)
                    )
    return findings


def _module_properties(document: Document) -> Iterator[Tuple[List[PathItem], Node]]:
    """Each mapping that is a property's value in the modules, as Forge's i18n
    traversal reaches it: an i18n mapping is not entered, and a mapping that
    is a list's item is entered but is not itself a property."""
    for path, node, is_property in _walk_modules(document, enter_i18n=False):
        if is_property:
            yield path, node


def _module_objects(document: Document) -> Iterator[Tuple[List[PathItem], Node]]:
    for path, node, _ in _walk_modules(document, enter_i18n=True):
        yield path, node


def _walk_modules(
    document: Document, *, enter_i18n: bool
) -> Iterator[Tuple[List[PathItem], Node, bool]]:
    """Each mapping in the modules Forge reads for i18n, in document order,
    and whether it is a property's value: the modules' own mappings, and the
    mappings reached through properties and lists (a list in a list is not
    entered, as Forge does not)."""
    modules = modules_of(document)
    if modules is None:
        return
    stack: List[Tuple[List[PathItem], Node, bool]] = []
    for module_type, listed in modules.items():
        if module_type.startswith(("connect-", "core:")) or not isinstance(listed.value, list):
            continue
        for index, item in enumerate(listed.value):
            stack.append((["modules", module_type, index], item, False))
    stack.reverse()
    while stack:
        path, node, is_property = stack.pop()
        if not node.is_object:
            continue
        yield path, node, is_property
        if not enter_i18n and is_property and string_of(node.get("i18n")) is not None:
            continue
        below: List[Tuple[List[PathItem], Node, bool]] = []
        for name, value in node.items():
            if isinstance(value.value, list):
                below.extend(
                    ([*path, name, index], item, False) for index, item in enumerate(value.value)
                )
            else:
                below.append(([*path, name], value, True))
        stack.extend(reversed(below))
