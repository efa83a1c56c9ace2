"""What each finding code means, why it blocks (or is only a note), an example
that gets it, and the fix: the one place that documents the codes.

``forge-connect-hooks explain``, docs/codes.md and the SARIF rules are all made
from these entries (a test fails when docs/codes.md differs, or when a code
has no entry).
"""

from __future__ import annotations

from typing import Dict, List, NamedTuple

from . import codes


class Doc(NamedTuple):
    """What a code means, why it blocks (or is only a note), an example that
    gets it, and what to do."""

    meaning: str
    why: str
    example: str
    fix: str


RETIRED = "This code is kept so that an old `--ignore` still parses; nothing reports it."

DOCS: Dict[str, Doc] = {
    codes.UNREADABLE: Doc(
        "the file cannot be read (missing, a directory, no permission)",
        "A file the hooks were asked to check and cannot read is unchecked: passing it would "
        "let anything through.",
        "$ chmod 000 atlassian-connect.json && git commit",
        "Make the file readable, or keep it out of the commit.",
    ),
    codes.NOT_UTF8: Doc(
        "the file is not UTF-8 text",
        "JSON and Forge's YAML are UTF-8. Bitbucket and the Forge CLI refuse or misread "
        "other encodings.",
        "atlassian-connect.json saved as UTF-16 or Latin-1 by an editor",
        "Save the file as UTF-8 (a byte-order mark is allowed).",
    ),
    codes.JSON_SYNTAX: Doc(
        "not valid JSON (or JSON5 where allowed)",
        "Bitbucket cannot read a descriptor that is not JSON, so it cannot install the app.",
        '{"key": "my-app", "name": "My app",}',
        "Correct the JSON at the line and column given. If the app is served by "
        "atlassian-connect-express, comments and trailing commas are allowed (JSON5) and "
        "detected from package.json; pass --json5 otherwise.",
    ),
    codes.DUPLICATE_KEY: Doc(
        "the same key twice in one object or mapping",
        "Parsers keep one of the two values, and not all the same one: what you read is not "
        "what Bitbucket or Forge uses.",
        '{"key": "my-app", "key": "my-app-staging"}',
        "Keep one of the keys.",
    ),
    codes.TOO_DEEP: Doc(
        "nesting deeper than any real descriptor or manifest",
        "No real file nests hundreds of levels deep. Such a file is hostile or broken, and "
        "reading it further risks a crash.",
        "[[[[[[ ... 500 levels ... ]]]]]]",
        "Flatten the structure; a descriptor is a few levels deep.",
    ),
    codes.NUMBER_TOO_LONG: Doc(
        "a number literal too long to be real",
        "A number of hundreds of digits is no setting of a descriptor or manifest, and "
        "converting it costs time that grows with its square.",
        '{"apiVersion": 1000000000000000 ... 500 digits}',
        "Write the number the setting needs.",
    ),
    codes.TOO_LARGE: Doc(
        "the file is larger than allowed (Forge limits manifests to 200 KB)",
        "Forge refuses a manifest over 200 KB. A descriptor over 1 MiB, or a text file over "
        "8 MiB that holds an install link, is not something the hooks can vouch for.",
        "manifest.yml of 250 KB",
        "Make the file smaller: Forge's limit cannot be raised.",
    ),
    codes.YAML_SYNTAX: Doc(
        "not YAML that Forge's parser reads, or more than one YAML document",
        "The Forge CLI reads manifest.yml with npm's yaml package and refuses what it "
        "cannot parse, so the app cannot be deployed.",
        "app:\n  id: ari:cloud:ecosystem::app/...\n   runtime: {name: nodejs22.x}",
        "Correct the YAML at the line and column given; keep one document per file.",
    ),
    codes.YAML_TAG: Doc(
        "a YAML tag other than the core schema's (never executed)",
        "Forge reads only the core schema's tags. Another tag is either refused or read as "
        "something else than it says, and a tagged value that is not of its tag's kind "
        "(`!!int yes`) is no value Forge keeps.",
        "app:\n  id: !!python/object:os.system ari:cloud:ecosystem::app/...",
        "Remove the tag, or use a core tag (!!str, !!int, !!bool, !!map, !!seq) that fits "
        "the value.",
    ),
    codes.YAML_ALIASES: Doc(
        "YAML aliases that expand to too many nodes",
        "A few aliases can expand to billions of nodes (a 'billion laughs' file): no real "
        "manifest does this, and reading it would hang.",
        "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n...",
        "Write the values out, or use fewer aliases.",
    ),
    codes.DESCRIPTOR_SCHEMA: Doc(
        "the descriptor breaks the Bitbucket Connect descriptor schema",
        "Bitbucket validates a descriptor when an app is installed or updated, and refuses "
        "one that breaks its schema.",
        '{"key": "my-app", "contexts": ["repository"]}',
        "Change the value at the place given to one the schema allows; the message says which.",
    ),
    codes.DESCRIPTOR_UNKNOWN_KEY: Doc(
        "a key Bitbucket does not know (with the key probably meant)",
        "Bitbucket refuses properties it does not know where its schema is closed, and a "
        "misspelt key means the setting is silently missing elsewhere.",
        '{"links": {"homepage": "https://example.com", "documentaion": "..."}}',
        "Rename the key to the one the message suggests, or remove it.",
    ),
    codes.DESCRIPTOR_DEPRECATED: Doc(
        "a deprecated descriptor value",
        "Bitbucket removed the value: the 'personal' context ended on 1 January 2023.",
        '{"key": "my-app", "contexts": ["personal"]}',
        "Use the value the message names instead ('account').",
    ),
    codes.FORGE_APP_ID_FORM: Doc(
        "forgeAppId is not ari:cloud:ecosystem::app/<lowercase UUID>",
        "Bitbucket gives forgeAppId to the Forge app to find this Connect install. An id in "
        "another form names no app, so the Forge app never finds its Connect data.",
        '"forgeAppId": "ari:cloud:ecosystem::app/1B5D1E4F-..."',
        "Copy app.id from the Forge manifest (run sync-forge-app-id), or write the ARI the "
        "developer console shows.",
    ),
    codes.FORGE_APP_ID_PLACEHOLDER: Doc(
        "forgeAppId is the documentation's placeholder",
        "A placeholder names no app: the Forge app cannot find this Connect install.",
        '"forgeAppId": "ari:cloud:ecosystem::app/your-app-id"',
        "Run sync-forge-app-id, which copies app.id from the Forge manifest.",
    ),
    codes.FORGE_APP_ID_MISMATCH: Doc(
        "forgeAppId differs from the Forge manifest's app.id",
        "The Forge app that customers get is the manifest's; a forgeAppId naming another "
        "app sends its Connect data to the wrong app.",
        '"forgeAppId": "ari:cloud:ecosystem::app/1111..." while manifest.yml has app.id '
        "ari:cloud:ecosystem::app/2222...",
        "Run sync-forge-app-id, which writes the manifest's app.id; if the manifest is the "
        "wrong one, pass --manifest.",
    ),
    codes.CONNECT_KEY_MISMATCH: Doc(
        "the manifest's app.connect.key differs from the descriptor's key",
        "Forge links a Connect app by its key; with another key the Forge app is not the "
        "Connect app's successor.",
        'atlassian-connect.json: "key": "my-app"; manifest.yml: app.connect.key: my-app-2',
        "Make app.connect.key the descriptor's key.",
    ),
    codes.MANIFEST_SCHEMA: Doc(
        "the manifest breaks the Forge manifest schema",
        "`forge deploy` and `forge lint` refuse a manifest that breaks the schema.",
        "modules:\n  function:\n    - key: main\n      handler: 42",
        "Change the value at the place given to one the schema allows; the message says which.",
    ),
    codes.MANIFEST_UNKNOWN_KEY: Doc(
        "a top-level manifest key Forge does not allow",
        "Forge allows only app, connectModules, modules, permissions, resources, remotes, "
        "providers, environment, translations, services and overrides at the top.",
        "app: {...}\nmodule:\n  jira:issuePanel: [...]",
        "Rename the key to the one the message suggests, or remove it.",
    ),
    codes.APP_ID_MISSING: Doc(
        "the manifest has no app.id",
        "Forge requires app.id, and without it there is no id for forgeAppId.",
        "app:\n  runtime:\n    name: nodejs22.x",
        "Run `forge register`, which writes app.id.",
    ),
    codes.APP_ID_FORM: Doc(
        "app.id is not ari:cloud:ecosystem::app/<lowercase UUID>",
        "Forge issues only this form; another names no registered app. A ${VARIABLE} that "
        "environment.variables does not declare is left as written by Forge.",
        "app:\n  id: ari:cloud:ecosystem::app/1B5D1E4F",
        "Run `forge register`, or copy the id the developer console shows.",
    ),
    codes.APP_ID_PLACEHOLDER: Doc(
        "app.id is a placeholder: run `forge register`",
        "A placeholder such as invalid-run-forge-register names no app: Forge cannot deploy "
        "it, and there is no id to copy to forgeAppId.",
        "app:\n  id: ari:cloud:ecosystem::app/invalid-run-forge-register",
        "Run `forge register`.",
    ),
    codes.MODULE_KEY_DUPLICATE: Doc(
        "two modules share one key",
        "Forge refuses a manifest in which two modules have the same key.",
        "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        "    - key: main\n      handler: other.run",
        "Give each module a key of its own.",
    ),
    codes.MODULE_TYPE_UNKNOWN: Doc(
        "a module type the installed Forge schema does not know",
        "Forge refuses a module type it does not know; usually it is a misspelling.",
        "modules:\n  bitbucket:repoPage: [...]",
        "Use the module type the message suggests (for example bitbucket:repoMainMenuPage).",
    ),
    codes.FORGE_SCHEMA_MISSING: Doc(
        "the Forge CLI's manifest schema is required but not found or unreadable",
        "With --require-forge-schema, CI asks for Forge's own schema; without it the check "
        "would be weaker than asked. An unreadable schema is reported however it was found.",
        "check-forge-manifest --require-forge-schema manifest.yml  (no @forge/cli installed)",
        "Install @forge/cli (npm install -g @forge/cli), or pass --forge-schema PATH.",
    ),
    codes.VARIABLE_WITHOUT_VALUE: Doc(
        "no longer reported: a variable without a default is the note FC912",
        RETIRED,
        "",
        "Nothing to do.",
    ),
    codes.NO_MODULES: Doc(
        "no modules, or only 'function' and 'endpoint' ones",
        "Forge refuses an app without a module that does something.",
        "modules:\n  function:\n    - key: main\n      handler: index.run",
        "Add the module the app provides (for example a bitbucket:repoMainMenuPage).",
    ),
    codes.FUNCTION_KEY_TOO_LONG: Doc(
        "a function key longer than the installed Forge CLI allows",
        "The Forge CLI refuses function keys longer than its limit.",
        "modules:\n  function:\n    - key: a-function-key-that-goes-on-and-on-well-past-the-limit",
        "Shorten the key, and the references to it.",
    ),
    codes.FUNCTION_HANDLER_FORM: Doc(
        "a function handler that is not <file>.<export>",
        "Forge finds a function's code from its handler's file and export; any other form "
        "cannot be deployed.",
        "modules:\n  function:\n    - key: main\n      handler: index",
        "Write the handler as file.export, for example index.handler.",
    ),
    codes.FUNCTION_REFERENCE: Doc(
        "a module refers to a function the manifest does not declare",
        "Forge refuses a reference to a function key that modules.function does not declare.",
        "modules:\n  webtrigger:\n    - key: hook\n      function: mian",
        "Use the declared key the message suggests, or declare the function.",
    ),
    codes.CONNECT_MODULE: Doc(
        "a connectModules entry Forge does not allow",
        "Connect modules on Forge exist for Jira and Confluence; Forge refuses others.",
        "connectModules:\n  bitbucket:webPanels: [...]",
        "Remove the entry, or use a Forge module instead.",
    ),
    codes.UNKNOWN_SCOPE: Doc(
        "a scope the installed Forge CLI does not know",
        "Forge refuses a scope it does not know; usually it is a misspelling.",
        "permissions:\n  scopes:\n    - read:repositroy:bitbucket",
        "Use the scope the message suggests.",
    ),
    codes.MANIFEST_EMPTY: Doc(
        "a manifest.yml in a Forge app that is empty or not a mapping",
        "Forge cannot deploy an app whose manifest is empty or a list.",
        "manifest.yml holding only a comment, beside a package.json that depends on @forge/api",
        "Restore the manifest (git checkout manifest.yml), or run `forge create`.",
    ),
    codes.NOT_A_MANIFEST: Doc(
        "check-forge-manifest was given a file that is no Forge manifest (not named "
        "manifest.yml and with no Forge evidence)",
        "The file was named by hand and nothing was checked: passing silently would look "
        "like a clean check.",
        "check-forge-manifest config.yml",
        "Give check-forge-manifest the app's manifest.yml.",
    ),
    codes.LINK_FORM: Doc(
        "forgeAppLink is not a non-empty string",
        'Bitbucket opens forgeAppLink when a workspace admin clicks "Get the Forge app"; '
        "a number, an object or an empty string opens nothing.",
        '"forgeAppLink": ""',
        "Paste the install link from the developer console (Distribution, then Share).",
    ),
    codes.LINK_CHARACTER: Doc(
        "whitespace, a control or a non-ASCII character in the link",
        "The console's links are plain ASCII; such a character is a paste gone wrong, and the "
        "link breaks where it is.",
        '"forgeAppLink": "https://developer.atlassian.com/console/install/1b5d...'
        '?signature=AY AB..."',
        "Copy the link again from the developer console.",
    ),
    codes.LINK_SCHEME: Doc(
        "the link does not start with https://",
        "The console issues https links only; another scheme is a typo or a downgrade.",
        '"forgeAppLink": "http://developer.atlassian.com/console/install/..."',
        "Start the link with https://.",
    ),
    codes.LINK_HOST: Doc(
        "the host is not exactly developer.atlassian.com",
        "Only developer.atlassian.com installs Forge apps; another host sends customers "
        "somewhere else.",
        '"forgeAppLink": "https://developer.atlasian.com/console/install/..."',
        "Use the link exactly as the developer console gives it.",
    ),
    codes.LINK_PATH: Doc(
        "the path is not /console/install/<lowercase app UUID>",
        "The console's install path names the app by its lowercase UUID and nothing else.",
        '"forgeAppLink": "https://developer.atlassian.com/console/install/1b5d.../?signature=..."',
        "Copy the link again from the developer console.",
    ),
    codes.LINK_QUERY: Doc(
        "the query is not signature once and product at least once, nothing else",
        "The console signs the link; an extra, missing or repeated parameter is a hand edit, "
        "and the console refuses a link it did not issue.",
        "https://developer.atlassian.com/console/install/1b5d...?product=bitbucket",
        "Copy the link again from the developer console.",
    ),
    codes.LINK_PRODUCT: Doc(
        "an unknown product, or not the product of this descriptor",
        "A Bitbucket descriptor's link must install the app in Bitbucket; another product "
        "gives the admin an app for the wrong product.",
        "a Bitbucket descriptor whose forgeAppLink ends with &product=jira",
        "Copy the link again from the developer console, with Bitbucket chosen.",
    ),
    codes.LINK_SIGNATURE: Doc(
        "the signature is empty, truncated, corrupted or in no known format",
        "The console checks the signature; a cut or corrupted one makes the install fail for "
        "every customer.",
        "...?signature=AYABeC&product=bitbucket",
        "Copy the whole link again from the developer console; if Atlassian changed the "
        "signature format, pass --any-signature.",
    ),
    codes.LINK_PLACEHOLDER: Doc(
        "a placeholder where the app's UUID goes (the documentation's my-app-id, "
        "xxxxxxxx-..., <app-uuid>): one finding for the whole link",
        "A placeholder installs nothing.",
        "https://developer.atlassian.com/console/install/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
        "?signature=...&product=bitbucket",
        "Paste the real install link from the developer console.",
    ),
    codes.LINK_MANIFEST_MISMATCH: Doc(
        "the link installs another app than the manifest's app.id",
        "Customers would install a different Forge app than the one this repository deploys.",
        "the link's UUID is 1111..., manifest.yml's app.id ends in 2222...",
        "Copy the install link of the manifest's app from the developer console.",
    ),
    codes.LINK_FORGE_APP_ID_MISMATCH: Doc(
        "the link installs another app than the descriptor's forgeAppId",
        "The button installs one app while Bitbucket hands the Connect data to another.",
        '"forgeAppId": "ari:cloud:ecosystem::app/1111...", "forgeAppLink": '
        '"https://developer.atlassian.com/console/install/2222...?..."',
        "Make both name the same app: sync forgeAppId from the manifest and copy that app's "
        "link from the console.",
    ),
    codes.LINK_HAND_EDITED: Doc(
        "the link's app changed since the last commit but its signature did not (a hand edit)",
        "A signature belongs to one app: a UUID edited by hand under the old signature is a "
        "link the console will refuse.",
        "the UUID in forgeAppLink edited by hand, ?signature= left as it was",
        "Copy the new app's install link from the developer console.",
    ),
    codes.SYNC_INSERTED: Doc(
        "forgeAppId inserted from the manifest's app.id (stage the change)",
        "The descriptor had no forgeAppId. The hook wrote it, and the commit stops so that "
        "you can stage the change (in check mode: it would write it).",
        '{"key": "my-app", "forgeAppLink": "..."}  (no forgeAppId)',
        "Stage the change (git add) and commit again; in CI, run the hook and commit.",
    ),
    codes.SYNC_UPDATED: Doc(
        "forgeAppId corrected to the manifest's app.id (stage the change)",
        "forgeAppId named another app than the manifest. The hook corrected it, and the "
        "commit stops so that you can stage the change (in check mode: it would correct it).",
        '"forgeAppId": "ari:cloud:ecosystem::app/1111..."  while app.id ends in 2222...',
        "Stage the change (git add) and commit again.",
    ),
    codes.SYNC_NOT_A_STRING: Doc(
        "forgeAppId is not a string, or the root not an object: left as it is",
        "The hook writes only what it fully understands; a value of another type may be "
        "someone's on purpose.",
        '"forgeAppId": null',
        "Make forgeAppId a string (or remove it) and run the hook again.",
    ),
    codes.SYNC_NO_SOURCE: Doc(
        "the paired manifest's app.id cannot be copied (missing, malformed, placeholder)",
        "There is no id to write, and writing a wrong one would be worse than none.",
        "manifest.yml with app.id: ari:cloud:ecosystem::app/invalid-run-forge-register",
        "Run `forge register`, or pass --app-id ARI.",
    ),
    codes.SYNC_NOT_WRITTEN: Doc(
        "the fix could not be written (read-only, changed meanwhile, no space)",
        "The descriptor still lacks the right forgeAppId; nothing was changed.",
        "a read-only atlassian-connect.json",
        "Make the file writable (or free space) and run the hook again.",
    ),
    codes.SYNC_RENAMED: Doc(
        "a misspelt forgeAppId (forgeAppID, forge_app_id) renamed in place (stage the change)",
        "Bitbucket ignores a misspelt key, so the Forge app would never get the id.",
        '"forgeAppID": "ari:cloud:ecosystem::app/..."',
        "Stage the change (git add) and commit again.",
    ),
    codes.NOTE_NO_MANIFEST: Doc(
        "note: no Forge manifest pairs with the descriptor",
        "A note: a descriptor may rightly live apart from its Forge app; only the "
        "cross-checks with a manifest were skipped.",
        "atlassian-connect.json in a repository without a manifest.yml",
        "Nothing, or pass --manifest PATH (or --app-id to sync-forge-app-id) to pair it.",
    ),
    codes.NOTE_SEVERAL_MANIFESTS: Doc(
        "note: several Forge manifests could pair with the descriptor",
        "A note: the hooks never guess between apps; the cross-checks were skipped.",
        "apps/a/manifest.yml and apps/b/manifest.yml, with atlassian-connect.json at the top",
        "Pass --manifest PATH in that descriptor's hook entry (see the monorepo recipe).",
    ),
    codes.NOTE_UNRESOLVED_VARIABLE: Doc(
        "no longer reported: an undeclared ${VARIABLE} in app.id is FC304, "
        "as Forge leaves it as written",
        RETIRED,
        "",
        "Nothing to do.",
    ),
    codes.NOTE_MANIFEST_UNUSABLE: Doc(
        "note: the paired manifest cannot be used for a cross-check",
        "A note: the manifest's own problems are check-forge-manifest's findings; here only "
        "the cross-check was skipped.",
        "manifest.yml with a YAML error beside atlassian-connect.json",
        "Correct the manifest (check-forge-manifest says how).",
    ),
    codes.NOTE_CORE_SCHEMA_ONLY: Doc(
        "note: no Forge CLI schema found; checked with the core schema only",
        "A note: machines without the Forge CLI are normal. The manifest was checked with "
        "the core rules and the names the hooks ship.",
        "check-forge-manifest manifest.yml on a machine without @forge/cli",
        "Nothing, or install @forge/cli; in CI use --require-forge-schema.",
    ),
    codes.NOTE_PAIRING_UNCERTAIN: Doc(
        "note: forgeAppId not written: nothing ties the descriptor to the "
        "repository's only Forge manifest",
        "A note: writing another app's id would be worse than writing none.",
        "tools/manifest.yml (a Forge app) and web/atlassian-connect.json, in unrelated folders",
        "Pass --manifest PATH or --app-id ARI to sync-forge-app-id for that descriptor.",
    ),
    codes.NOTE_OTHER_PRODUCT: Doc(
        "note: a descriptor of another product than Bitbucket: Bitbucket's rules are not applied",
        "A note: Jira and Confluence descriptors have rules of their own.",
        '{"key": "my-app", "modules": {"jiraIssueTabPanels": [...]}}',
        "Nothing, or pass --product when the guess is wrong.",
    ),
    codes.NOTE_UNDOCUMENTED_KEY: Doc(
        "note: a key the documentation does not name (and no near miss of one): not checked",
        "A note: where Bitbucket's schema is open, an unknown key may be valid, so it cannot "
        "block.",
        '{"modules": {"webItems": [{"key": "x", "myExtra": true}]}}',
        "Nothing, if the key is meant.",
    ),
    codes.NOTE_DEPRECATED: Doc(
        "note: a deprecated manifest property (Forge warns)",
        "A note: Forge still deploys it, with a warning.",
        "app:\n  id: ari:cloud:ecosystem::app/...\n  name: my-app  (a property Forge deprecated)",
        "Move to the property Forge's warning names, when convenient.",
    ),
    codes.NOTE_COMPUTED: Doc(
        "note: a link or app id built from variables or template slots, or a null "
        "placeholder: not judged",
        "A note: the value is known only when the app runs, so it cannot be judged here.",
        "const link = `https://developer.atlassian.com/console/install/${APP_ID}?...`",
        "Nothing; check the value where it is filled in.",
    ),
    codes.NOTE_TEMPLATE: Doc(
        "note: a descriptor that is a template: only its literal links and ids are checked",
        "A note: a template is not JSON until it is rendered, so its schema cannot be checked.",
        'atlassian-connect.json holding {{#if prod}}"key": "my-app"{{/if}}',
        "Nothing, or check the rendered descriptor in CI.",
    ),
    codes.NOTE_VARIABLE_AT_DEPLOY: Doc(
        "note: a ${VARIABLE} declared without a default: Forge needs it set "
        "at deploy; the values that use it are not checked",
        "A note: the value depends on the deploying shell, not on the file.",
        "environment:\n  variables:\n    - APP_ID\napp:\n  id: ${APP_ID}",
        "Nothing; make sure the deploy sets the variable.",
    ),
    codes.NOTE_NOT_SYNCED: Doc(
        "note: forgeAppId not synced in a descriptor that has a problem of its own "
        "(check-connect-descriptor reports it)",
        "A note: the problem itself is reported once, by check-connect-descriptor.",
        '{"key": "my-app",, "forgeAppLink": "..."}',
        "Correct the descriptor; the next run syncs forgeAppId.",
    ),
    codes.NOTE_NOT_IN_CATALOGUE: Doc(
        "note: without a Forge CLI, a module type, scope or runtime that is "
        "neither in the shipped catalogue nor a slip of a name in it (it may be newer): "
        "not checked",
        "A note: Forge adds names faster than the hooks ship them, so an unknown name may be "
        "valid.",
        "modules:\n  bitbucket:someBrandNewModule: [...]",
        "Nothing, or install @forge/cli so that its schema decides.",
    ),
}

MEANINGS: Dict[str, str] = {code: doc.meaning for code, doc in DOCS.items()}
# The constants' names, for SARIF rule names: LINK_PATH is "LinkPath".
_NAMES: Dict[str, str] = {
    value: "".join(part.capitalize() for part in name.split("_") if part != "NOTE")
    for name, value in vars(codes).items()
    if isinstance(value, str) and value.startswith("FC") and name.isupper()
}


class Documented(NamedTuple):
    code: str
    name: str
    meaning: str
    why: str
    example: str
    fix: str


def doc(code: str) -> Documented:
    """``code``'s documentation; KeyError for a code this tool does not have."""
    return Documented(code, _NAMES[code], *DOCS[code])


def explain_text(code: str) -> str:
    """``forge-connect-hooks explain CODE``: for a terminal."""
    entry = doc(code)
    parts = [
        f"{entry.code} ({entry.name}, {codes.severity(code)}): {entry.meaning}",
        "",
        f"Why: {entry.why}",
    ]
    if entry.example:
        parts += ["", "Example:", *("    " + line for line in entry.example.split("\n"))]
    parts += ["", f"Fix: {entry.fix}"]
    return "\n".join(parts) + "\n"


def explain_markdown(code: str) -> str:
    """One code's section of docs/codes.md."""
    entry = doc(code)
    parts = [
        f"## {entry.code} {entry.name}",
        "",
        f"**{codes.severity(code)}**: {_prose(entry.meaning)}.",
        "",
        f"**Why.** {_prose(entry.why)}",
    ]
    if entry.example:
        parts += ["", "**Example.**", "", "```", entry.example, "```"]
    parts += ["", f"**Fix.** {_prose(entry.fix)}"]
    return "\n".join(parts) + "\n"


def _prose(text: str) -> str:
    """``text`` for Markdown: ``<uuid>`` is no HTML tag, "note: " is said once."""
    if text.startswith("note: "):
        text = text[len("note: ") :]
    return text.replace("<", "&lt;").replace("|", "\\|")


def reference_markdown() -> str:
    """All of docs/codes.md."""
    header = [
        "# Finding codes",
        "",
        "Generated from `hooks/reporting/code_docs.py` by "
        "`forge-connect-hooks explain --markdown`; do not edit by hand.",
        "",
        "Every finding is `path:line:col: CODE message`. Codes FC1xx are about reading a file, "
        "FC2xx Connect descriptors, FC3xx Forge manifests, FC4xx install links, FC5xx the "
        "forgeAppId fix. Errors block a commit; notes (FC9xx) never do and are shown with "
        "`--verbose`. Codes are stable: a code keeps its meaning, and a retired one is never "
        "reused.",
        "",
        "| Code | Severity | Meaning |",
        "| --- | --- | --- |",
        *(
            f"| [{code}](#{code.lower()}-{_NAMES[code].lower()}) | {codes.severity(code)} | "
            f"{_prose(meaning)} |"
            for code, meaning in MEANINGS.items()
        ),
        "",
    ]
    sections: List[str] = [explain_markdown(code) for code in DOCS]
    return "\n".join(header) + "\n" + "\n".join(sections)
