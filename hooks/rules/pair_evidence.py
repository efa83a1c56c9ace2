"""What ties a descriptor to a Forge manifest when folders do not: the app
the descriptor names (its forgeAppId, its install link's app) or the Connect
app the manifest takes over (``app.connect.key`` equal to its ``key``)."""

from __future__ import annotations

from typing import FrozenSet, Optional, Tuple

from ..reading.documents import Document, Loaded, load_descriptor
from ..reading.forge_evidence import ARI_PREFIX
from ..reading.nodes import string_of
from ..reading.source_scan import why_computed
from . import ari
from .link_rules import check_link
from .manifest_identity import connect_key, read_app_id

# ("id", an app ARI) or ("key", a Connect app key)
Name = Tuple[str, str]


def descriptor_names(path: str) -> FrozenSet[Name]:
    """The apps a descriptor on disk names; empty when it cannot be read."""
    read = load_descriptor(path, json5=False)
    return names_in(read.document) if isinstance(read, Loaded) else frozenset()


def names_in(document: Document) -> FrozenSet[Name]:
    root = document.root
    names = set()
    app_id = string_of(root.get("forgeAppId"))
    if app_id is not None and ari.judge(app_id).ok:
        names.add(("id", app_id))
    link = string_of(root.get("forgeAppLink"))
    uuid = check_link(link).app_uuid if link is not None else None
    if uuid is not None:
        names.add(("id", ARI_PREFIX + uuid))
    key = string_of(root.get("key"))
    if key and why_computed(key) is None:
        names.add(("key", key))
    return frozenset(names)


def manifest_answers(
    manifest: Optional[Document], names: FrozenSet[Name], earlier: Optional[Document] = None
) -> bool:
    """The manifest is the app, or takes over the Connect app, that ``names``
    names; ``earlier`` is the manifest as last committed, whose app.id a
    descriptor still names when this commit changes it."""
    for version in (manifest, earlier):
        if version is None:
            continue
        app_id = read_app_id(version).value
        if app_id is not None and ("id", app_id) in names:
            return True
        taken_over = string_of(connect_key(version))
        if taken_over is not None and ("key", taken_over) in names:
            return True
    return False
