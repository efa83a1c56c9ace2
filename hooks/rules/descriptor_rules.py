"""What a Connect descriptor must be, alone and beside its manifest.

A Bitbucket descriptor answers to our Bitbucket schema. A descriptor of
another product (see :mod:`.products`) only to what every product shares:
the forge keys, and the pair with the Forge manifest.
"""

from __future__ import annotations

import re
from typing import Any, List, Optional

from ..reading.documents import Document
from ..reading.nodes import Node
from ..reading.source_scan import why_computed
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from . import ari
from .connect_recall import connect_recall_checks
from .forge_app_id import FORGE_APP_ID_FORM, FORGE_APP_ID_MISMATCH, FORGE_APP_ID_PLACEHOLDER
from .install_links import NOTE_COMPUTED
from .manifest_identity import connect_key, read_app_id
from .products import NOTE_OTHER_PRODUCT, Product
from .schema_check import load_our_schema, schema_findings
from .spelling import Spelling, strict_near_miss

DESCRIPTOR_SCHEMA = Rule(
    "FC201",
    "DescriptorSchema",
    meaning="the descriptor breaks the Bitbucket Connect descriptor schema",
    why=(
        "Bitbucket validates a descriptor when an app is installed or updated, and refuses one "
        "that breaks its schema."
    ),
    example='{"key": "my-app", "contexts": ["repository"]}',
    fix="Change the value at the place given to one the schema allows; the message says which.",
)


DESCRIPTOR_UNKNOWN_KEY = Rule(
    "FC202",
    "DescriptorUnknownKey",
    meaning="a key Bitbucket does not know (with the key probably meant)",
    why=(
        "Bitbucket refuses properties it does not know where its schema is closed, and a misspelt "
        "key means the setting is silently missing elsewhere."
    ),
    example='{"links": {"homepage": "https://example.com", "documentaion": "..."}}',
    fix="Rename the key to the one the message suggests, or remove it.",
)


DESCRIPTOR_DEPRECATED = Rule(
    "FC203",
    "DescriptorDeprecated",
    meaning="a deprecated descriptor value",
    why="Bitbucket removed the value: the 'personal' context ended on 1 January 2023.",
    example='{"key": "my-app", "contexts": ["personal"]}',
    fix="Use the value the message names instead ('account').",
)


CONNECT_KEY_MISMATCH = Rule(
    "FC207",
    "ConnectKeyMismatch",
    meaning="the manifest's app.connect.key differs from the descriptor's key",
    why=(
        "Forge links a Connect app by its key; with another key the Forge app is not the Connect "
        "app's successor."
    ),
    example='atlassian-connect.json: "key": "my-app"; manifest.yml: app.connect.key: my-app-2',
    fix="Make app.connect.key the descriptor's key.",
)


SCHEMA_FILE = "bitbucket-connect-descriptor.json"


def check_descriptor(
    document: Document, product: Product, spelling: Optional[Spelling] = None
) -> List[Finding]:
    root = document.root
    if product.is_bitbucket:
        findings = _bitbucket_rules(document, spelling or Spelling())
    elif not root.is_object:
        findings = [document.at(root, DESCRIPTOR_SCHEMA, "the descriptor must be an object")]
    else:
        findings = [
            document.at(
                root,
                NOTE_OTHER_PRODUCT,
                f"a {product.name} descriptor ({product.evidence}): Bitbucket's descriptor "
                "rules are not applied; checked: JSON, forgeAppId, forgeAppLink, the Forge pair",
            ),
            *_forge_key_slips(document),
        ]
    app_id = root.get("forgeAppId")
    slot = _template_slot(app_id)
    if app_id is not None and slot is not None:
        findings.append(
            document.at(
                app_id,
                NOTE_COMPUTED,
                f"forgeAppId is {slot}: not judged; only what is written is checked",
            )
        )
    elif app_id is not None and isinstance(app_id.value, str):
        verdict = ari.judge(app_id.value)
        if verdict.placeholder:
            findings.append(
                document.at(
                    app_id,
                    FORGE_APP_ID_PLACEHOLDER,
                    f"forgeAppId {app_id.value!r} is a placeholder copied from the docs; "
                    "use app.id from the Forge manifest",
                )
            )
        elif not verdict.ok:
            findings.append(
                document.at(
                    app_id,
                    FORGE_APP_ID_FORM,
                    f"forgeAppId {app_id.value!r}: {verdict.reason}",
                )
            )
    return findings


FORGE_KEYS = ("forgeAppId", "forgeAppLink")
# A placeholder a server replaces: letters, digits, '_' and '-', no scheme or dot.
_BARE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")


def _template_slot(node: Optional[Node]) -> Optional[str]:
    """What a value filled in later is (a template slot, a variable, null), or
    None for a value written out."""
    if node is None:
        return None
    if node.value is None:
        return "null, a placeholder filled in elsewhere"
    return why_computed(node.value) if isinstance(node.value, str) else None


def _forge_key_slips(document: Document) -> List[Finding]:
    """The forge keys are the same in every product's descriptor: a slip of
    one (``forgeAppID``) is a key the Forge app will never find, and a value
    that is no string is none it can use."""
    findings: List[Finding] = []
    for key, value in document.root.items():
        meant = strict_near_miss(key, FORGE_KEYS) if key not in FORGE_KEYS else None
        if meant is not None:
            findings.append(
                document.at_path(
                    [key],
                    DESCRIPTOR_UNKNOWN_KEY,
                    f"unknown key {key!r} in the root; did you mean {meant!r}?",
                    key=True,
                )
            )
        elif key in FORGE_KEYS and value.value is not None and not isinstance(value.value, str):
            findings.append(document.at(value, FORGE_APP_ID_FORM, f"{key} must be a string"))
    return findings


def _bitbucket_rules(document: Document, spelling: Spelling) -> List[Finding]:
    findings = schema_findings(
        document,
        load_our_schema(SCHEMA_FILE),
        DESCRIPTOR_SCHEMA,
        DESCRIPTOR_UNKNOWN_KEY,
        _filled_in_later,
        spelling=spelling,
    )
    findings.extend(connect_recall_checks(document))
    contexts = document.root.get("contexts")
    if contexts is not None and isinstance(contexts.value, list):
        for item in contexts.value:
            if item.value == "personal":
                findings.append(
                    document.at(
                        item,
                        DESCRIPTOR_DEPRECATED,
                        "the 'personal' context was removed on 1 January 2023; use 'account'",
                    )
                )
    return findings


def _filled_in_later(error: Any) -> bool:
    """A value that is a template slot (``{{appKey}}``, Spring's ``${addon.key}``,
    Go's ``{{.Key}}``, ERB's ``<%= key %>``) is what the app's framework fills
    in when it serves the descriptor: not judged, whatever key holds it. So is
    a ``baseUrl`` that is one bare word (``base_url``): no URL, but the name of
    what the server puts there before it serves the file."""
    if not isinstance(error.instance, str):
        return False
    if list(error.absolute_path) == ["baseUrl"] and _BARE_WORD.fullmatch(error.instance):
        return True
    return why_computed(error.instance) is not None


def cross_check(descriptor: Document, manifest: Document) -> List[Finding]:
    findings: List[Finding] = []
    root = descriptor.root
    app_id = root.get("forgeAppId")
    manifest_id = read_app_id(manifest)
    if (
        app_id is not None
        and isinstance(app_id.value, str)
        and ari.judge(app_id.value).ok
        and manifest_id.value is not None
        and app_id.value != manifest_id.value
    ):
        line = manifest.line_of(manifest_id.node or manifest.root)
        findings.append(
            descriptor.at(
                app_id,
                FORGE_APP_ID_MISMATCH,
                f"forgeAppId {app_id.value} differs from app.id {manifest_id.value} "
                f"({manifest.path}:{line})",
            )
        )
    taken_over = connect_key(manifest)
    key = root.get("key")
    if (
        taken_over is not None
        and key is not None
        and isinstance(taken_over.value, str)
        and isinstance(key.value, str)
        and why_computed(key.value) is None  # filled in at run time: nothing to compare
        and taken_over.value != key.value
    ):
        line = manifest.line_of(taken_over)
        findings.append(
            descriptor.at(
                key,
                CONNECT_KEY_MISMATCH,
                f"key {key.value!r} differs from app.connect.key {taken_over.value!r} "
                f"({manifest.path}:{line})",
            )
        )
    return findings
