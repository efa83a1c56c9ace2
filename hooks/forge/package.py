"""What the user's installed ``@forge/manifest`` knows, read as data.

Beside its JSON schema, the package that ``forge lint`` validates with ships
the lists its own validators use: the module types it supports, the Connect
module types, the scopes, the longest function key and the deprecated
properties. They are read from the installed files, never copied here, so a
newer Forge CLI brings its own lists. Anything not found stays empty, and the
check that needs it is skipped: no list, no false block.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from typing import FrozenSet, NamedTuple, Optional, Set, Tuple

# module-types.js: AllModuleTypes["JiraIssuePanel"] = "jira:issuePanel";
# SUPPORTED_MODULES = Object.values(AllModuleTypes).filter((t) => t !== AllModuleTypes.CoreService)
_UNSUPPORTED = re.compile(r"!== AllModuleTypes\.(\w+)")
_ENUM_MEMBER = re.compile(r'AllModuleTypes\["(\w+)"\] = "([^"\n]+)"')
# module-key-cleaner.js: key.replace(/(core|xen):/g, '')
_CLEANED_PREFIXES = re.compile(r"replace\(/\(([\w|]+)\):/g")
# modules-validator.js: if (f.key.length > 23)
_FUNCTION_KEY_LIMIT = re.compile(r"f\.key\.length > (\d+)")
# text/errors.js: deprecationInfo: { app: { name: '...' } }, one key a line
_DEPRECATION_OPENER = "deprecationInfo: {"
_DEPRECATED_LINE = re.compile(r"([ \t]*)(\w+): ")
# mapping/module-to-scope-mapping.js: [types_1.AllModuleTypes.BitbucketMergeCheck, ['read:...']]
_MODULE_SCOPES = re.compile(r"AllModuleTypes\.(\w+), \[([^\]\n]*)\]")
_QUOTED = re.compile(r"'([^'\n]*)'")

CONNECT_PREFIX = "connect-"

# An event and the scopes its trigger needs: all of the current ones, or all
# of the beta ones, or all of the deprecated ones (Forge's getMissingScopes).
EventScopes = Tuple[str, Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]
# A module type and the scopes every module of it needs (Forge's validateModuleScopes).
ModuleScopes = Tuple[str, Tuple[str, ...]]


class ForgePackage(NamedTuple):
    module_types: FrozenSet[str]  # as keys under ``modules``: "function", "jira:issuePanel"
    connect_module_types: FrozenSet[str]  # as keys under ``connectModules``: "jira:webItems"
    scopes: FrozenSet[str]
    function_key_limit: Optional[int]
    deprecated: FrozenSet[Tuple[str, str]]  # (section, property): ("app", "name")
    runtimes: FrozenSet[str] = frozenset()  # set only from the shipped catalogue
    # Where the lists come from when no Forge CLI is installed ("@forge/manifest 13.7.0"):
    # then only a near miss of a known name is certain; another may be newer than the list.
    catalogue: str = ""
    # out/mapping/product-event-to-scope-mapping.json: what ProductTriggerScopesValidator reads.
    event_scopes: Tuple[EventScopes, ...] = ()
    # out/mapping/module-to-scope-mapping.js: what validateModuleScopes reads.
    module_scopes: Tuple[ModuleScopes, ...] = ()


EMPTY = ForgePackage(frozenset(), frozenset(), frozenset(), None, frozenset())


def package_of_schema(schema_path: str) -> ForgePackage:
    """The lists of the package whose ``out/schema/manifest-schema.json`` is given."""
    out = os.path.dirname(os.path.dirname(os.path.abspath(schema_path)))
    if os.path.basename(os.path.dirname(os.path.abspath(schema_path))) != "schema":
        return EMPTY
    return _read(out)


@lru_cache(maxsize=4)
def _read(out: str) -> ForgePackage:
    module_types, connect_types = _module_types(out)
    return ForgePackage(
        module_types,
        connect_types,
        _scopes(out),
        _first_int(_text(out, "validators", "modules-validator.js"), _FUNCTION_KEY_LIMIT),
        _deprecated(_text(out, "text", "errors.js")),
        event_scopes=event_scopes_of(_text(out, "mapping", "product-event-to-scope-mapping.json")),
        module_scopes=module_scopes_of(
            _text(out, "types", "module-types.js"),
            _text(out, "mapping", "module-to-scope-mapping.js"),
        ),
    )


def module_scopes_of(module_types_js: str, mapping_js: str) -> Tuple[ModuleScopes, ...]:
    """The module-to-scope map's entries, with each module type as the
    manifest writes it; an entry whose type cannot be resolved is left out."""
    members = dict(_ENUM_MEMBER.findall(module_types_js))
    found: list[ModuleScopes] = []
    for member, listed in _MODULE_SCOPES.findall(mapping_js):
        module_type = members.get(member)
        scopes = tuple(_QUOTED.findall(listed))
        if module_type is not None and scopes:
            found.append((module_type, scopes))
    return tuple(found)


def event_scopes_of(text: str) -> Tuple[EventScopes, ...]:
    """The event-to-scope map's entries, in its order; none when it cannot be read."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return ()
    entries = data.get("mapping") if isinstance(data, dict) else None
    found: list[EventScopes] = []
    for entry in entries if isinstance(entries, list) else []:
        event = entry.get("productEvent") if isinstance(entry, dict) else None
        scopes = entry.get("oAuthScopes") if isinstance(entry, dict) else None
        if isinstance(event, str) and isinstance(scopes, dict):
            kinds = [scopes.get(kind) for kind in ("current", "beta", "deprecated")]
            lists = [
                tuple(str(name) for name in kind) if isinstance(kind, list) else ()
                for kind in kinds
            ]
            found.append((event, lists[0], lists[1], lists[2]))
    return tuple(found)


def _text(out: str, *parts: str) -> str:
    try:
        with open(os.path.join(out, *parts), encoding="utf-8") as stream:
            return stream.read(2 * 1024 * 1024)
    except (OSError, ValueError):
        return ""


def _module_types(out: str) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    source = _text(out, "types", "module-types.js")
    members = dict(_ENUM_MEMBER.findall(source))
    excluded = {members.get(name) for name in _UNSUPPORTED.findall(source)}
    supported = [value for value in members.values() if value not in excluded]
    cleaner = _CLEANED_PREFIXES.search(_text(out, "utils", "module-key-cleaner.js"))
    prefixes = tuple(f"{name}:" for name in cleaner.group(1).split("|")) if cleaner else ()
    modules = set()
    connect = set()
    for value in supported:
        if value.startswith(CONNECT_PREFIX):
            connect.add(value[len(CONNECT_PREFIX) :])
            continue
        for prefix in prefixes:
            if value.startswith(prefix):
                value = value[len(prefix) :]
                break
        modules.add(value)
    return frozenset(modules), frozenset(connect)


def _scopes(out: str) -> FrozenSet[str]:
    found: Set[str] = set()
    for name in ("shipyard-scopes.json", "deprecated-shipyard-scopes.json"):
        try:
            listed = json.loads(_text(out, "scopes", name) or "[]")
        except ValueError:
            continue
        if isinstance(listed, list):
            found.update(item for item in listed if isinstance(item, str))
    return frozenset(found)


def _first_int(source: str, pattern: re.Pattern[str]) -> Optional[int]:
    match = pattern.search(source)
    return int(match.group(1)) if match else None


def _deprecated(source: str) -> FrozenSet[Tuple[str, str]]:
    """The (section, property) pairs of ``deprecationInfo``: sections one
    indent in, properties deeper, until the block's closing brace."""
    start = source.find(_DEPRECATION_OPENER)
    if start == -1:
        return frozenset()
    pairs = set()
    section: Optional[str] = None
    section_indent = -1
    for line in source[start:].split("\n")[1:200]:
        if line.strip().startswith("}") and (section is None or _indent(line) < section_indent):
            break
        match = _DEPRECATED_LINE.match(line)
        if match is None:
            continue
        indent, name = len(match.group(1)), match.group(2)
        if section is None or indent <= section_indent:
            section, section_indent = name, indent
        else:
            pairs.add((section, name))
    return frozenset(pairs)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
