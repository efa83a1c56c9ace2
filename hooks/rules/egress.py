"""Egress permissions, as Forge's permissions validator reads them: an
address Forge refuses (plain http, a blocked scheme, no dot, a space, over
1 000 characters) and a content script source it does not know block; what
Forge only warns about is a note: entries written as plain strings (a form
it deprecates), the global ``*``, external fonts and styles, avatar image
hosts, and a back-end address with a path.

Forge's last test parses an address as a URL and checks its host; that step
is not repeated here, so an address only it refuses passes (the safe side).
"""

from __future__ import annotations

import re
from typing import Iterator, List, Optional, Tuple

from ..reading.documents import Document
from ..reading.nodes import Node, PathItem, items_of
from ..reporting.findings import Finding
from ..reporting.rule import Rule

NOTE_DEPRECATED_EGRESS = Rule(
    "FC923",
    "DeprecatedEgress",
    meaning="note: an egress permission written as a string, a form Forge deprecates",
    why="A note: Forge warns and still deploys it; entries are now {address: ...} objects.",
    example=(
        "permissions:\n  external:\n    fetch:\n      backend:\n        - https://api.example.com"
    ),
    fix="Write each entry as - address: https://api.example.com, when convenient.",
)


EGRESS_ADDRESS = Rule(
    "FC339",
    "EgressAddress",
    meaning="an egress address or content script source that Forge refuses",
    why=(
        "Forge refuses the manifest: egress is https or wss to a host name (or a custom "
        "scheme), and scripts are unsafe-eval, unsafe-hashes, unsafe-inline, blob: or a hash."
    ),
    example=(
        "permissions:\n  external:\n    fetch:\n      backend:\n"
        "        - address: http://api.example.com"
    ),
    fix="Use https:// (or wss://) and the host's full name; list scripts Forge allows.",
)

NOTE_EGRESS_NOT_RECOMMENDED = Rule(
    "FC925",
    "EgressNotRecommended",
    meaning="note: egress Forge warns about: '*', fonts or styles, avatar hosts, a back-end path",
    why=(
        "A note, as Forge only warns: '*' allows every host, external fonts and styles slow the "
        "app, avatar images are allowed without an entry, and a back-end address's path is "
        "ignored."
    ),
    example=(
        "permissions:\n  external:\n    fetch:\n      backend:\n"
        "        - address: https://api.example.com/v2"
    ),
    fix="Name the hosts the app uses, without a path; drop what Forge allows already.",
)

# What Forge never allows as an address's scheme.
_BLOCKED_SCHEMES = (
    "javascript:", "data:", "vbscript:", "view-source:", "resource:", "about:", "chrome:",
    "livescript:", "mocha:", "file:", "mhtml:", "smb:",
)  # fmt: skip
_CUSTOM_SCHEME = re.compile(r"[a-zA-Z]+:")
_SCRIPT_SOURCES = ("unsafe-eval", "unsafe-hashes", "unsafe-inline", "blob:")
_SCRIPT_HASH = re.compile(
    r"sha256-[a-zA-Z0-9=+/]{44}|sha384-[a-zA-Z0-9=+/]{64}|sha512-[a-zA-Z0-9=+/]{88}"
)
_AVATAR_HOSTS = ("*.gravatar.com", "*.wp.com", "*.atl-paas.net")
_MAX_ADDRESS = 1000
# The lists whose addresses Forge validates.
_VALIDATED = {
    f"external.{name}"
    for name in (
        "fetch.backend", "fetch.client", "navigation", "styles", "frames", "fonts", "images",
        "media", "scripts",
    )
}  # fmt: skip


def egress_address_problem(address: str, *, allow_any: bool = True) -> Optional[str]:
    """Why Forge refuses ``address``, where that is certain; else None."""
    if "${" in address:
        return None  # filled from the deploying shell's variables: not known here
    if len(address) > _MAX_ADDRESS:
        return f"is over {_MAX_ADDRESS} characters"
    if address == "*":
        return None if allow_any else "is '*'"
    scheme = _CUSTOM_SCHEME.match(address)
    named = address.startswith((*_BLOCKED_SCHEMES, "http"))
    if scheme and not named and not address.startswith(("https:", "wss:")):
        return None  # a custom scheme, which Forge allows
    if "." not in address:
        return "has no dot, so it names no host"
    if " " in address:
        return "has a space"
    if address.startswith(_BLOCKED_SCHEMES):
        return f"uses the scheme {address.split(':', 1)[0]}:, which Forge blocks"
    if address.startswith("http:"):
        return "is plain http (Forge allows https and wss)"
    return None


def egress_checks(document: Document) -> List[Finding]:
    findings: List[Finding] = _script_sources(document)
    for path, listed in _egress_lists(document):
        name = ".".join(str(part) for part in path[1:])
        if name not in _VALIDATED:
            continue
        entries = items_of(listed)
        for index, entry in enumerate(entries):
            where: List[PathItem] = [*path, index, "address"] if entry.is_object else [*path, index]
            address = entry.get("address") if entry.is_object else entry
            if address is None or not isinstance(address.value, str):
                continue  # a {remote: ...} entry, or the schema's to judge
            problem = egress_address_problem(address.value)
            if problem is not None:
                message = f"{name}: {address.value!r} {problem}; Forge refuses it"
                findings.append(document.at_path(where, EGRESS_ADDRESS, message))
                continue
            warning = _warning(name, address.value)
            if warning is not None:
                findings.append(document.at_path(where, NOTE_EGRESS_NOT_RECOMMENDED, warning))
    findings.extend(_string_entries(document))
    return findings


def _warning(name: str, address: str) -> Optional[str]:
    if address == "*":
        return f"{name}: '*' allows every host; name the hosts the app uses"
    if name in ("external.fonts", "external.styles"):
        return f"{name}: Forge recommends bundling fonts and styles with the app"
    if name == "external.images" and address in _AVATAR_HOSTS:
        return f"{name}: {address!r} is allowed without an entry; remove it"
    if name == "external.fetch.backend" and _url_path(address) not in ("", "/"):
        return f"{name}: Forge ignores the path of {address!r}; give the host alone"
    return None


def _url_path(address: str) -> str:
    """The path of an address, as a URL parser gives it (no scheme means https)."""
    rest = address.split("://", 1)[1] if "://" in address else address
    for end in "?#":
        rest = rest.split(end, 1)[0]
    slash = rest.find("/")
    return rest[slash:] if slash != -1 else ""


def _script_sources(document: Document) -> List[Finding]:
    permissions = document.root.get("permissions")
    content = permissions.get("content") if permissions is not None else None
    scripts = content.get("scripts") if content is not None else None
    findings = []
    for index, source in enumerate(items_of(scripts)):
        if not isinstance(source.value, str):
            continue
        if source.value in _SCRIPT_SOURCES or _SCRIPT_HASH.fullmatch(source.value):
            continue
        message = (
            f"content.scripts: {source.value!r} is not a source Forge allows (unsafe-eval, "
            "unsafe-hashes, unsafe-inline, blob: or a sha256/384/512 hash)"
        )
        findings.append(
            document.at_path(["permissions", "content", "scripts", index], EGRESS_ADDRESS, message)
        )
    return findings


def _string_entries(document: Document) -> List[Finding]:
    findings: List[Finding] = []
    for path, listed in _egress_lists(document):
        entries = items_of(listed)
        for index, entry in enumerate(entries):
            if isinstance(entry.value, str):
                name = ".".join(str(part) for part in path[1:])
                message = (
                    f"permissions.{name} lists addresses as strings, which Forge deprecates; "
                    "write each as address: URL"
                )
                findings.append(document.at_path([*path, index], NOTE_DEPRECATED_EGRESS, message))
                break
    return findings


def _egress_lists(document: Document) -> Iterator[Tuple[List[PathItem], Node]]:
    """permissions.external.fetch.KEY and permissions.external.KEY (but configurable)."""
    permissions = document.root.get("permissions")
    external = permissions.get("external") if permissions is not None else None
    if external is None or not external.is_object:
        return
    for key, value in external.items():
        if key == "configurable":
            continue
        if key == "fetch":
            for fetch_key, listed in value.items() if value.is_object else ():
                if isinstance(listed.value, list):
                    yield ["permissions", "external", "fetch", fetch_key], listed
        elif isinstance(value.value, list):
            yield ["permissions", "external", key], value
