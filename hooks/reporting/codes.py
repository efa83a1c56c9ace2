"""Every finding code.

What each means, why, an example and the fix are in :mod:`.code_docs`, the
one place that documents them; this module stays small because every hook
imports it at start-up.

Codes are stable: a code keeps its meaning forever, new problems get new codes.
FC1xx reading and parsing, FC2xx Connect descriptor, FC3xx Forge manifest,
FC4xx install link, FC5xx forgeAppId sync, FC9xx notes (shown with --verbose).
"""

from __future__ import annotations

from typing import Tuple

UNREADABLE = "FC101"
NOT_UTF8 = "FC102"
JSON_SYNTAX = "FC103"
DUPLICATE_KEY = "FC104"
TOO_DEEP = "FC105"
NUMBER_TOO_LONG = "FC106"
TOO_LARGE = "FC107"
YAML_SYNTAX = "FC108"
YAML_TAG = "FC109"
YAML_ALIASES = "FC110"

DESCRIPTOR_SCHEMA = "FC201"
DESCRIPTOR_UNKNOWN_KEY = "FC202"
DESCRIPTOR_DEPRECATED = "FC203"
FORGE_APP_ID_FORM = "FC204"
FORGE_APP_ID_PLACEHOLDER = "FC205"
FORGE_APP_ID_MISMATCH = "FC206"
CONNECT_KEY_MISMATCH = "FC207"

MANIFEST_SCHEMA = "FC301"
MANIFEST_UNKNOWN_KEY = "FC302"
APP_ID_MISSING = "FC303"
APP_ID_FORM = "FC304"
APP_ID_PLACEHOLDER = "FC305"
MODULE_KEY_DUPLICATE = "FC307"
MODULE_TYPE_UNKNOWN = "FC308"
FORGE_SCHEMA_MISSING = "FC309"
VARIABLE_WITHOUT_VALUE = "FC310"
NO_MODULES = "FC311"
FUNCTION_KEY_TOO_LONG = "FC312"
FUNCTION_HANDLER_FORM = "FC313"
FUNCTION_REFERENCE = "FC314"
CONNECT_MODULE = "FC315"
UNKNOWN_SCOPE = "FC316"
MANIFEST_EMPTY = "FC317"
NOT_A_MANIFEST = "FC318"

LINK_FORM = "FC401"
LINK_CHARACTER = "FC402"
LINK_SCHEME = "FC403"
LINK_HOST = "FC404"
LINK_PATH = "FC405"
LINK_QUERY = "FC406"
LINK_PRODUCT = "FC407"
LINK_SIGNATURE = "FC408"
LINK_PLACEHOLDER = "FC409"
LINK_MANIFEST_MISMATCH = "FC410"
LINK_FORGE_APP_ID_MISMATCH = "FC411"
LINK_HAND_EDITED = "FC412"

SYNC_INSERTED = "FC501"
SYNC_UPDATED = "FC502"
SYNC_NOT_A_STRING = "FC503"
SYNC_NO_SOURCE = "FC504"
SYNC_NOT_WRITTEN = "FC505"
SYNC_RENAMED = "FC506"

NOTE_NO_MANIFEST = "FC901"
NOTE_SEVERAL_MANIFESTS = "FC902"
NOTE_UNRESOLVED_VARIABLE = "FC903"
NOTE_MANIFEST_UNUSABLE = "FC904"
NOTE_CORE_SCHEMA_ONLY = "FC905"
NOTE_PAIRING_UNCERTAIN = "FC906"
NOTE_OTHER_PRODUCT = "FC907"
NOTE_UNDOCUMENTED_KEY = "FC908"
NOTE_DEPRECATED = "FC909"
NOTE_COMPUTED = "FC910"
NOTE_TEMPLATE = "FC911"
NOTE_VARIABLE_AT_DEPLOY = "FC912"
NOTE_NOT_SYNCED = "FC913"
NOTE_NOT_IN_CATALOGUE = "FC914"

# Every code, in order: the constants above.
ALL: Tuple[str, ...] = tuple(
    sorted(value for name, value in globals().items() if name.isupper() and name != "ALL")
)


def is_note(code: str) -> bool:
    return code.startswith("FC9")


def severity(code: str) -> str:
    """ "note" for what never blocks, else "error"."""
    return "note" if is_note(code) else "error"
