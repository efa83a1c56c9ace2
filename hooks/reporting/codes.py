"""Every finding code, with the one-line meaning README.md lists.

Codes are stable: a code keeps its meaning forever, new problems get new codes.
FC1xx reading and parsing, FC2xx Connect descriptor, FC3xx Forge manifest,
FC4xx install link, FC5xx forgeAppId sync, FC9xx notes (shown with --verbose).
"""

from __future__ import annotations

from typing import Dict

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

MEANINGS: Dict[str, str] = {
    UNREADABLE: "the file cannot be read (missing, a directory, no permission)",
    NOT_UTF8: "the file is not UTF-8 text",
    JSON_SYNTAX: "not valid JSON (or JSON5 where allowed)",
    DUPLICATE_KEY: "the same key twice in one object or mapping",
    TOO_DEEP: "nesting deeper than any real descriptor or manifest",
    NUMBER_TOO_LONG: "a number literal too long to be real",
    TOO_LARGE: "the file is larger than allowed (Forge limits manifests to 200 KB)",
    YAML_SYNTAX: "not YAML that Forge's parser reads, or more than one YAML document",
    YAML_TAG: "a YAML tag other than the core schema's (never executed)",
    YAML_ALIASES: "YAML aliases that expand to too many nodes",
    DESCRIPTOR_SCHEMA: "the descriptor breaks the Bitbucket Connect descriptor schema",
    DESCRIPTOR_UNKNOWN_KEY: "a key Bitbucket does not know (with the key probably meant)",
    DESCRIPTOR_DEPRECATED: "a deprecated descriptor value",
    FORGE_APP_ID_FORM: "forgeAppId is not ari:cloud:ecosystem::app/<lowercase UUID>",
    FORGE_APP_ID_PLACEHOLDER: "forgeAppId is the documentation's placeholder",
    FORGE_APP_ID_MISMATCH: "forgeAppId differs from the Forge manifest's app.id",
    CONNECT_KEY_MISMATCH: "the manifest's app.connect.key differs from the descriptor's key",
    MANIFEST_SCHEMA: "the manifest breaks the Forge manifest schema",
    MANIFEST_UNKNOWN_KEY: "a top-level manifest key Forge does not allow",
    APP_ID_MISSING: "the manifest has no app.id",
    APP_ID_FORM: "app.id is not ari:cloud:ecosystem::app/<lowercase UUID>",
    APP_ID_PLACEHOLDER: "app.id is a placeholder: run `forge register`",
    MODULE_KEY_DUPLICATE: "two modules share one key",
    MODULE_TYPE_UNKNOWN: "a module type the installed Forge schema does not know",
    FORGE_SCHEMA_MISSING: "the Forge CLI's manifest schema is required but not found or unreadable",
    VARIABLE_WITHOUT_VALUE: "no longer reported: a variable without a default is the note FC912",
    NO_MODULES: "no modules, or only 'function' and 'endpoint' ones",
    FUNCTION_KEY_TOO_LONG: "a function key longer than the installed Forge CLI allows",
    FUNCTION_HANDLER_FORM: "a function handler that is not <file>.<export>",
    FUNCTION_REFERENCE: "a module refers to a function the manifest does not declare",
    CONNECT_MODULE: "a connectModules entry Forge does not allow",
    UNKNOWN_SCOPE: "a scope the installed Forge CLI does not know",
    MANIFEST_EMPTY: "a manifest.yml in a Forge app that is empty or not a mapping",
    NOT_A_MANIFEST: "check-forge-manifest was given a file that is no Forge manifest (not named "
    "manifest.yml and with no Forge evidence)",
    LINK_FORM: "forgeAppLink is not a non-empty string",
    LINK_CHARACTER: "whitespace, a control or a non-ASCII character in the link",
    LINK_SCHEME: "the link does not start with https://",
    LINK_HOST: "the host is not exactly developer.atlassian.com",
    LINK_PATH: "the path is not /console/install/<lowercase app UUID>",
    LINK_QUERY: "the query is not signature once and product at least once, nothing else",
    LINK_PRODUCT: "an unknown product, or not the product of this descriptor",
    LINK_SIGNATURE: "the signature is empty, truncated, corrupted or in no known format",
    LINK_PLACEHOLDER: "a placeholder where the app's UUID goes (the documentation's my-app-id, "
    "xxxxxxxx-..., <app-uuid>): one finding for the whole link",
    LINK_MANIFEST_MISMATCH: "the link installs another app than the manifest's app.id",
    LINK_FORGE_APP_ID_MISMATCH: "the link installs another app than the descriptor's forgeAppId",
    LINK_HAND_EDITED: "the link's app changed since the last commit but its signature did not "
    "(a hand edit)",
    SYNC_INSERTED: "forgeAppId inserted from the manifest's app.id (stage the change)",
    SYNC_UPDATED: "forgeAppId corrected to the manifest's app.id (stage the change)",
    SYNC_NOT_A_STRING: "forgeAppId is not a string, or the root not an object: left as it is",
    SYNC_NO_SOURCE: "the paired manifest's app.id cannot be copied (missing, malformed, "
    "placeholder)",
    SYNC_NOT_WRITTEN: "the fix could not be written (read-only, changed meanwhile, no space)",
    SYNC_RENAMED: "a misspelt forgeAppId (forgeAppID, forge_app_id) renamed in place (stage the "
    "change)",
    NOTE_NO_MANIFEST: "note: no Forge manifest pairs with the descriptor",
    NOTE_SEVERAL_MANIFESTS: "note: several Forge manifests could pair with the descriptor",
    NOTE_UNRESOLVED_VARIABLE: "no longer reported: an undeclared ${VARIABLE} in app.id is FC304, "
    "as Forge leaves it as written",
    NOTE_MANIFEST_UNUSABLE: "note: the paired manifest cannot be used for a cross-check",
    NOTE_CORE_SCHEMA_ONLY: "note: no Forge CLI schema found; checked with the core schema only",
    NOTE_PAIRING_UNCERTAIN: "note: forgeAppId not written: nothing ties the descriptor to the "
    "repository's only Forge manifest",
    NOTE_OTHER_PRODUCT: "note: a descriptor of another product than Bitbucket: Bitbucket's rules "
    "are not applied",
    NOTE_UNDOCUMENTED_KEY: "note: a key the documentation does not name (and no near miss of "
    "one): not checked",
    NOTE_DEPRECATED: "note: a deprecated manifest property (Forge warns)",
    NOTE_COMPUTED: "note: a link or app id built from variables or template slots, or a null "
    "placeholder: not judged",
    NOTE_TEMPLATE: "note: a descriptor that is a template: only its literal links and ids are "
    "checked",
    NOTE_VARIABLE_AT_DEPLOY: "note: a ${VARIABLE} declared without a default: Forge needs it set "
    "at deploy; the values that use it are not checked",
    NOTE_NOT_SYNCED: "note: forgeAppId not synced in a descriptor that has a problem of its own "
    "(check-connect-descriptor reports it)",
    NOTE_NOT_IN_CATALOGUE: "note: without a Forge CLI, a module type, scope or runtime that is "
    "neither in the shipped catalogue nor a slip of a name in it (it may be newer): not checked",
}


def is_note(code: str) -> bool:
    return code.startswith("FC9")
