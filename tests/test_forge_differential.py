"""check-forge-manifest against Forge's own validator, case by case.

Forge's validation (the FullValidationProcessor of ``@forge/manifest``, what
``forge lint`` runs) is the oracle: on every fixture and on a few hundred
mutants of them, our verdict must be Forge's. The handler files and resource
folders a manifest names are created first, so that Forge's checks of the
app's other files pass and only the manifest is judged. The only exceptions
are the documented stricter-by-design codes (docs/reference.md, "Stricter than Forge").
"""

from __future__ import annotations

import json
import os
import pathlib
import random
import shutil
import subprocess
from typing import Callable, Dict, Iterator, List, NamedTuple, Tuple

import pytest

from forge_connect_hooks.check_forge_app import main as app_main
from forge_connect_hooks.check_forge_manifest import main as check_main
from forge_connect_hooks.reading.yamltext import YAMLFailure, parse_yaml

from .helpers import codes_of

MANIFESTS = pathlib.Path(__file__).parent / "data" / "manifests"
ORACLE = pathlib.Path(__file__).parent / "forge_oracle.js"
BASES = {path.stem: path.read_text() for path in sorted(MANIFESTS.glob("*.yml"))}
# Where we are stricter than Forge on purpose, and say so in docs/reference.md.
STRICTER = {
    "FC304",
    "FC305",
    "FC102",
    "FC105",
    "FC106",
    "FC107",
    "FC109",
    "FC110",
    "FC319",
    "FC320",
}


class Case(NamedTuple):
    name: str
    text: str


Mutation = Callable[[str], str]


def replace(old: str, new: str) -> Mutation:
    return lambda text: text.replace(old, new, 1)


def add_root(section: str) -> Mutation:
    return lambda text: text + section


def add_modules(section: str) -> Mutation:
    """Modules that use the resource 'card', added where the base declares it."""
    return lambda text: (
        text.replace("modules:\n", "modules:\n" + section, 1) if "- key: card" in text else text
    )


# A first line that tells _app_files not to create these files.
LEAVE_OUT_HANDLERS = "# left out: the handler files"
LEAVE_OUT_RESOURCES = "# left out: the resource files"
LEAVE_OUT_LOCALES = "# left out: the locale files"
BREAK_LOCALES = "# broken: the locale files"
# What _app_files writes in each locale file: nested and dotted keys, and an empty text.
LOCALE_TEXT = '{"card": {"title": "Build status"}, "rerun.title": "Rerun checks", "empty": ""}\n'
TRANSLATIONS = (
    "translations:\n  resources:\n    - key: en-US\n      path: locales/en-US.json\n"
    "    - key: de-DE\n      path: locales/de-DE.json\n"
    "  fallback:\n    default: en-US\n"
)


# An auth provider whose first remote is named by the format's argument, and
# the egress entry it needs (placed before the permissions' scopes).
PROVIDER = (
    "providers:\n  auth:\n    - key: acme\n      name: Acme\n      type: oauth2\n"
    "      clientId: abc123\n      bearerMethod: authorization-header\n"
    "      remotes: [{remote}]\n      actions:\n"
    "        authorization: {{remote: acme-auth, path: /authorize}}\n"
    "        exchange: {{remote: acme-auth, path: /token}}\n"
    "        retrieveProfile:\n          remote: acme-api\n          path: /me\n"
    "          resolvers: {{id: id, displayName: name}}\n"
    "remotes:\n  - {{key: acme-api, baseUrl: 'https://api.acme.example'}}\n"
    "  - {{key: acme-auth, baseUrl: 'https://auth.acme.example'}}\n"
)
PROVIDER_EGRESS = (
    "permissions:\n  external:\n    fetch:\n      backend:\n        - remote: acme-api\n"
)
ENTITY = (
    "  storage:\n    entities:\n      - name: builds\n        attributes:\n"
    "          status: {{type: string}}\n        indexes:\n          - {index}\n  runtime:\n"
)


def with_i18n(key: str = "card.title", translations: str = TRANSLATIONS) -> Mutation:
    """The card's title as an i18n key, and the manifest's translations."""
    return lambda text: (
        text.replace("title: Build status\n", f"title:\n        i18n: {key}\n", 1) + translations
        if "title: Build status" in text
        else text
    )


MUTATIONS: Dict[str, Mutation] = {
    "as it is": lambda text: text,
    "trigger event without its scope": replace("    - read:pullrequest:bitbucket\n", ""),
    "pull request trigger without its scope": lambda text: replace(
        "    - read:pullrequest:bitbucket\n", ""
    )(replace("avi:bitbucket:push:repository", "avi:bitbucket:created:pullrequest")(text)),
    "trigger event misspelt": replace(
        "avi:bitbucket:push:repository", "avi:bitbucket:push:repositry"
    ),
    "useAsConfig on a card": replace(
        "      render: native\n", "      render: native\n      useAsConfig: true\n"
    ),
    "two config pages": add_modules(
        "  bitbucket:workspaceSettingsMenuPage:\n"
        "    - {key: one, title: One, resource: card, render: native, useAsConfig: true}\n"
        "    - {key: two, title: Two, resource: card, render: native, useAsConfig: true}\n"
    ),
    "one config page": add_modules(
        "  bitbucket:workspaceSettingsMenuPage:\n"
        "    - {key: one, title: One, resource: card, render: native, useAsConfig: true}\n"
        "    - {key: two, title: Two, resource: card, render: native}\n"
    ),
    "merge check without its scope": lambda text: add_modules(
        "  bitbucket:mergeCheck:\n"
        "    - {key: checks, name: Checks, description: Checks, function: rerun, "
        "triggers: [on-merge]}\n"
    )(text.replace("    - read:pullrequest:bitbucket\n", "")),
    "merge check with its scope": add_modules(
        "  bitbucket:mergeCheck:\n"
        "    - {key: checks, name: Checks, description: Checks, function: rerun, "
        "triggers: [on-merge]}\n"
    ),
    "trigger endpoint with the user's token": lambda text: (
        add_modules(
            "  endpoint:\n"
            "    - {key: backend, remote: svc, route: {path: /push},\n"
            "       auth: {appUserToken: {enabled: true}}}\n"
        )(text.replace("      function: on-push\n", "      endpoint: backend\n"))
        + "remotes:\n  - {key: svc, baseUrl: 'https://example.com'}\n"
    ),
    "trigger endpoint without a route": lambda text: (
        add_modules("  endpoint:\n    - {key: backend, remote: svc}\n")(
            text.replace("      function: on-push\n", "      endpoint: backend\n")
        )
        + "remotes:\n  - {key: svc, baseUrl: 'https://example.com'}\n"
    ),
    "trigger endpoint with an empty route": lambda text: (
        add_modules("  endpoint:\n    - {key: backend, remote: svc, route: ''}\n")(
            text.replace("      function: on-push\n", "      endpoint: backend\n")
        )
        + "remotes:\n  - {key: svc, baseUrl: 'https://example.com'}\n"
    ),
    "trigger endpoint with the system token": lambda text: (
        add_modules(
            "  endpoint:\n"
            "    - {key: backend, remote: svc, route: {path: /push},\n"
            "       auth: {appSystemToken: {enabled: true}}}\n"
        )(text.replace("      function: on-push\n", "      endpoint: backend\n"))
        + "remotes:\n  - {key: svc, baseUrl: 'https://example.com'}\n"
    ),
    "merge check endpoint with an empty route": lambda text: (
        add_modules(
            "  bitbucket:mergeCheck:\n"
            "    - {key: checks, name: Checks, description: Checks, endpoint: backend, "
            "triggers: [on-merge]}\n"
            "  endpoint:\n    - {key: backend, remote: svc, route: ''}\n"
        )(text)
        + "remotes:\n  - {key: svc, baseUrl: 'https://example.com'}\n"
    ),
    "file viewer glob": add_modules(
        "  bitbucket:repoCodeFileViewer:\n"
        "    - {key: viewer, title: Viewer, filePattern: '*.md', resource: card, render: native}\n"
    ),
    "file viewer class range out of order": add_modules(
        "  bitbucket:repoCodeFileViewer:\n"
        "    - {key: viewer, title: Viewer, filePattern: '[z-a]', resource: card, render: native}\n"
    ),
    "file viewer regular expression": add_modules(
        "  bitbucket:repoCodeFileViewer:\n"
        "    - {key: viewer, title: Viewer, filePattern: '\\.(md|txt)$', resource: card, "
        "render: native}\n"
    ),
    "resource key twice": replace(
        "resources:\n", "resources:\n  - key: card\n    path: src/frontend/other.jsx\n"
    ),
    "resource misspelt": replace("resource: card", "resource: crad"),
    "resource entry of an undeclared resource": replace("resource: card", "resource: ui/main"),
    "resource with three parts": replace("resource: card", "resource: card/a/b"),
    # The app's files, which check-forge-app judges: a mutant may leave some out.
    "i18n title": with_i18n(),
    "i18n title, dotted key": with_i18n("rerun.title"),
    "i18n title, misspelt key": with_i18n("card.titel"),
    "i18n title, empty text": with_i18n("empty"),
    "i18n title without translations": with_i18n(translations=""),
    "i18n title, locale listed twice": with_i18n(
        translations=TRANSLATIONS + "    de-DE: [en-US]\n"
    ),
    "i18n title, fallback without a file": with_i18n(
        translations=TRANSLATIONS + "    de-DE: [fr-FR]\n"
    ),
    "i18n title, fallback of itself": with_i18n(translations=TRANSLATIONS + "    de-DE: [de-DE]\n"),
    "i18n title, default without a file": with_i18n(
        translations=TRANSLATIONS.replace("default: en-US", "default: fr-FR")
    ),
    "i18n title, resource twice": with_i18n(
        translations=TRANSLATIONS.replace(
            "  fallback:", "    - key: en-US\n      path: locales/other.json\n  fallback:"
        )
    ),
    "i18n title, locale files left out": lambda text: f"{LEAVE_OUT_LOCALES}\n{with_i18n()(text)}",
    "i18n title, locale files broken": lambda text: f"{BREAK_LOCALES}\n{with_i18n()(text)}",
    "internal i18n property with translations": lambda text: replace(
        "      title: Build status\n", "      title: Build status\n      title__i18n: card.title\n"
    )(text + TRANSLATIONS),
    "internal i18n property": replace(
        "      title: Build status\n", "      title: Build status\n      title__i18n: card.title\n"
    ),
    "merge check endpoint undeclared": add_modules(
        "  bitbucket:mergeCheck:\n"
        "    - {key: checks, name: Checks, description: Checks, endpoint: checks-backend, "
        "triggers: [on-merge]}\n"
    ),
    "merge check endpoint declared": lambda text: add_modules(
        "  bitbucket:mergeCheck:\n"
        "    - {key: checks, name: Checks, description: Checks, endpoint: checks-backend, "
        "triggers: [on-merge]}\n"
        "  endpoint:\n    - {key: checks-backend, remote: checks-remote, route: {path: /merge}}\n"
    )(text + "remotes:\n  - {key: checks-remote, baseUrl: 'https://checks.example.com'}\n"),
    "endpoint remote undeclared": add_modules(
        "  endpoint:\n    - {key: checks-backend, remote: checks-remote, route: {path: /merge}}\n"
    ),
    "egress remote undeclared": replace(
        "permissions:\n",
        "permissions:\n  external:\n    fetch:\n      backend:\n        - remote: checks-remote\n",
    ),
    "egress plain http": replace(
        "permissions:\n",
        "permissions:\n  external:\n    fetch:\n      backend:\n"
        "        - address: http://api.example.com\n",
    ),
    "egress without a dot": replace(
        "permissions:\n", "permissions:\n  external:\n    frames:\n      - address: localhost\n"
    ),
    "egress blocked scheme": replace(
        "permissions:\n",
        "permissions:\n  external:\n    navigation:\n      - address: file://share.example.com\n",
    ),
    "egress custom scheme": replace(
        "permissions:\n",
        "permissions:\n  external:\n    navigation:\n      - address: 'slack:open'\n",
    ),
    "egress with a path": replace(
        "permissions:\n",
        "permissions:\n  external:\n    fetch:\n      backend:\n"
        "        - address: https://api.example.com/v2\n",
    ),
    "content script unknown": replace(
        "permissions:\n", "permissions:\n  content:\n    scripts:\n      - unsafe-everything\n"
    ),
    "content script hash": replace(
        "permissions:\n", f"permissions:\n  content:\n    scripts:\n      - sha256-{'A' * 43}=\n"
    ),
    "two sql modules": add_modules(
        "  sql:\n    - {key: main, engine: mysql}\n    - {key: other, engine: mysql}\n"
    ),
    "two llm models": add_modules("  llm:\n    - {key: helper, model: [claude, claude]}\n"),
    "internal field": replace(
        "      render: native\n", "      render: native\n      renderRuntimeType: x\n"
    ),
    "ignoreSelf on a Bitbucket event": replace(
        "        - avi:bitbucket:push:repository\n",
        "        - avi:bitbucket:push:repository\n      filter:\n        ignoreSelf: true\n",
    ),
    "ignoreSelf off": replace(
        "        - avi:bitbucket:push:repository\n",
        "        - avi:bitbucket:push:repository\n      filter:\n        ignoreSelf: false\n",
    ),
    "fifty-one resources": replace(
        "resources:\n",
        "resources:\n"
        + "".join(
            f"  - key: extra{index}\n    path: src/frontend/card.jsx\n" for index in range(50)
        ),
    ),
    "custom UI resource that is a file": replace("      render: native\n", ""),
    "UI Kit resource that is a folder": replace(
        "    path: src/frontend/card.jsx\n", "    path: src/frontend\n"
    ),
    "auto user consent": replace(
        "  runtime:\n", "  features:\n    autoUserConsent: true\n  runtime:\n"
    ),
    "remote without baseUrl": add_root("remotes:\n  - key: backend\n"),
    "remote that is configurable": add_root("remotes:\n  - key: backend\n    configurable: true\n"),
    "remote storage without inScopeEUD": add_root(
        "remotes:\n  - key: backend\n    baseUrl: https://api.example.com\n"
        "    operations: [storage]\n"
    ),
    "remote regions that differ": add_root(
        "remotes:\n  - key: a\n    baseUrl: {default: 'https://a.example.com', "
        "EU: 'https://eu.a.example.com'}\n  - key: b\n    baseUrl: {default: "
        "'https://b.example.com', US: 'https://us.b.example.com'}\n"
    ),
    "remote with one region": add_root(
        "remotes:\n  - key: a\n    baseUrl: {default: 'https://a.example.com', "
        "EU: 'https://eu.a.example.com'}\n  - key: b\n    baseUrl: https://b.example.com\n"
    ),
    "provider": lambda text: add_root(PROVIDER.format(remote="acme-api"))(
        replace("permissions:\n", PROVIDER_EGRESS)(text)
    ),
    "provider remote undeclared": lambda text: add_root(PROVIDER.format(remote="acme-apis"))(
        replace("permissions:\n", PROVIDER_EGRESS)(text)
    ),
    "provider remote without egress": add_root(PROVIDER.format(remote="acme-api")),
    "entity index on an attribute": replace("  runtime:\n", ENTITY.format(index="status")),
    "entity index on no attribute": replace("  runtime:\n", ENTITY.format(index="state")),
    "entity index named by-key": replace(
        "  runtime:\n", ENTITY.format(index="{name: by-key, range: [status]}")
    ),
    "data residency migration": lambda text: add_modules(
        "  migration:dataResidency:\n    - {key: residency, remote: backend}\n"
    )(text + "remotes:\n  - {key: backend, baseUrl: 'https://api.example.com'}\n"),
    "data residency migration, remote undeclared": add_modules(
        "  migration:dataResidency:\n    - {key: residency, remote: backend}\n"
    ),
    "two data residency migrations": lambda text: add_modules(
        "  migration:dataResidency:\n    - {key: residency, remote: backend}\n"
        "    - {key: residency-two, remote: backend}\n"
    )(text + "remotes:\n  - {key: backend, baseUrl: 'https://api.example.com'}\n"),
    "handler files left out": lambda text: f"{LEAVE_OUT_HANDLERS}\n{text}",
    "resource files left out": lambda text: f"{LEAVE_OUT_RESOURCES}\n{text}",
    "module type typo": replace("bitbucket:repoCodeOverviewCard", "bitbucket:repoCodeOverviewCrad"),
    "jira module typo": replace("jira:issuePanel", "jira:issuePanle"),
    "macro typo": replace("  macro:", "  marco:"),
    "title removed": replace("      title: Build status\n", ""),
    "issue panel title removed": replace("      title: Timesheet\n", ""),
    "title a number": replace("title: Diagram\n", "title: 5\n"),
    "both function and resource": replace(
        "      resource: card\n", "      resource: card\n      function: rerun\n"
    ),
    "key with a space": replace("key: rerun-action", "key: rerun action"),
    "unknown root key": add_root("colour: red\n"),
    "app.name (deprecated)": replace("  runtime:\n", "  name: Old name\n  runtime:\n"),
    "unknown app key": replace("  runtime:\n", "  nmae: Old name\n  runtime:\n"),
    "runtime unknown": replace("nodejs22.x", "nodejs2.x"),
    "declared variable with default": replace(
        "      default: eu\n", "      default: eu\n    - key: TITLE\n      default: Build\n"
    ),
    "title from declared variable": lambda text: text.replace(
        "title: Build status", "title: ${TITLE}"
    ).replace("      default: eu\n", "      default: eu\n    - key: TITLE\n      default: Build\n"),
    "title from undeclared variable": replace("title: Build status", "title: ${TITLE}"),
    "declared variable without default": lambda text: text.replace(
        "title: Build status", "title: ${TITLE}"
    ).replace("      default: eu\n", "      default: eu\n    - TITLE\n"),
    # Forge uses the first of two declarations of one name.
    "variable declared twice, first without default": lambda text: text.replace(
        "title: Build status", "title: ${TITLE}"
    ).replace(
        "      default: eu\n",
        "      default: eu\n    - TITLE\n    - key: TITLE\n      default: B\n",
    ),
    "variable declared twice, first with default": lambda text: text.replace(
        "title: Build status", "title: ${TITLE}"
    ).replace(
        "      default: eu\n",
        "      default: eu\n    - key: TITLE\n      default: B\n    - TITLE\n",
    ),
    "string-form variable": replace("    - key: REGION\n      default: eu\n", "    - REGION\n"),
    "connect key from declared variable": lambda text: (
        text.replace("key: com.example.timesheet-helper", "key: ${CONNECT_KEY}")
        + "environment:\n  variables:\n    - key: CONNECT_KEY\n"
        + "      default: com.example.timesheets\n"
    ),
    "app.id from undeclared variable": replace(
        "app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64", "app/${APP_UUID}"
    ),
    "function reference wrong": replace("function: rerun", "function: rerun-it"),
    "trigger reference wrong": replace("function: on-push", "function: on-pull"),
    "webtrigger reference wrong": replace("function: sync", "function: synk"),
    "handler without export": replace("handler: actions.rerun", "handler: actions"),
    "handler with two dots": replace("handler: index.sync", "handler: index.sync.now"),
    "handler with a space": replace("handler: actions.rerun", "handler: actions.re run"),
    "function key of 24": lambda text: text.replace(
        "- key: rerun\n", "- key: rerun-all-the-checks-now\n"
    ).replace("function: rerun\n", "function: rerun-all-the-checks-now\n"),
    "function key of 23": lambda text: text.replace(
        "- key: rerun\n", "- key: rerun-all-the-checks-no\n"
    ).replace("function: rerun\n", "function: rerun-all-the-checks-no\n"),
    "unknown scope": replace("read:jira-work", "read:jira-wrok"),
    "unknown bitbucket scope": replace("read:pullrequest:bitbucket", "read:pull-request:bitbucket"),
    "unknown confluence scope": replace(
        "read:confluence-content.summary", "read:confluence-content.sumary"
    ),
    "bitbucket connect module": replace("  jira:generalPages:", "  bitbucket:generalPages:"),
    "connect module typo": replace("  jira:generalPages:", "  jira:generalPagez:"),
    "connect key shared with a module": replace("key: timesheet-report", "key: timesheet-panel"),
    "module keys shared": replace("key: rerun-action", "key: build-card"),
    "function key shared with a module": replace("key: push-trigger", "key: on-push"),
    "only functions": lambda text: _only_functions(text),
    "no modules": lambda text: _without_modules(text),
    "empty modules": lambda text: _without_modules(text) + "modules: {}\n",
    "modules a list": lambda text: _without_modules(text) + "modules: []\n",
    "permissions scopes an object": replace(
        "  scopes:\n    - read:jira-work\n", "  scopes:\n    read:jira-work: {}\n"
    ),
    "comments": lambda text: "# An app of ours\n" + text.replace("modules:\n", "modules: # all\n"),
    "crlf line ends": lambda text: text.replace("\n", "\r\n"),
    "flow-style runtime": replace(
        "  runtime:\n    name: nodejs22.x\n", "  runtime: {name: nodejs22.x}\n"
    ),
    "quoted strings": replace("nodejs22.x", '"nodejs22.x"'),
    "document start marker": lambda text: "---\n" + text,
    "YAML 1.1": lambda text: "%YAML 1.1\n---\n" + text,
    "YAML 1.1, runtime merged in": lambda text: (
        "%YAML 1.1\n---\n"
        + text.replace(
            "  runtime:\n    name: nodejs22.x\n", "  <<: {runtime: {name: nodejs22.x}}\n"
        )
    ),
    "YAML 1.2, runtime after <<": replace(
        "  runtime:\n    name: nodejs22.x\n", "  <<: {runtime: {name: nodejs22.x}}\n"
    ),
    "YAML 1.1, a boolean title": lambda text: (
        "%YAML 1.1\n---\n" + text.replace("title: ", "title: yes #", 1)
    ),
    "YAML 1.2, the same title": lambda text: text.replace("title: ", "title: yes #", 1),
    "YAML 1.3": lambda text: "%YAML 1.3\n---\n" + text,
    "nodejs20 runtime": replace("nodejs22.x", "nodejs20.x"),
    "duplicate key": replace(
        "    name: nodejs22.x\n", "    name: nodejs22.x\n    name: nodejs20.x\n"
    ),
}


def _module_block(text: str) -> Tuple[int, int]:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("modules:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "")), len(lines)
    )
    return start, end


def _without_modules(text: str) -> str:
    lines = text.splitlines(keepends=True)
    start, end = _module_block(text)
    return "".join(lines[:start] + lines[end:])


def _only_functions(text: str) -> str:
    lines = text.splitlines(keepends=True)
    start, end = _module_block(text)
    block = lines[start + 1 : end]
    at = next((i for i, line in enumerate(block) if line == "  function:\n"), None)
    kept = (
        block[at:]
        if at is not None
        else ["  function:\n", "    - key: f\n      handler: index.f\n"]
    )
    return "".join(lines[: start + 1] + kept + lines[end:])


def _typos(seed: int, count: int) -> Iterator[Case]:
    """Seeded one-letter slips of module type names and scopes."""
    rand = random.Random(seed)
    words = [
        "bitbucket:repoCodeOverviewCard",
        "bitbucket:repoPullRequestAction",
        "jira:issuePanel",
        "confluence:contentBylineItem",
        "read:jira-work",
        "read:pullrequest:bitbucket",
        "webtrigger",
        "permissions",
        "resources",
    ]
    for index in range(count):
        word = rand.choice(words)
        base = next(text for text in BASES.values() if word in text)
        at = rand.randrange(1, len(word) - 1)
        slip = word[:at] + rand.choice("aeioruxz") + word[at + 1 :]
        if slip != word:
            yield Case(f"typo {index}: {slip}", base.replace(word, slip, 1))


def cases() -> List[Case]:
    found: List[Case] = []
    for base_name, base in BASES.items():
        for mutation_name, mutate in MUTATIONS.items():
            text = mutate(base)
            if text != base or mutation_name == "as it is":
                found.append(Case(f"{base_name}: {mutation_name}", text))
    found.extend(_typos(seed=20261127, count=150))
    unique: Dict[str, Case] = {}
    for case in found:
        unique.setdefault(case.text, case)
    return list(unique.values())


def _app_files(folder: pathlib.Path, text: str) -> None:
    """Create the handler files and resource paths the manifest names, unless
    the mutant leaves them out."""
    try:
        root = parse_yaml(text).root
    except YAMLFailure:
        return
    plain = root.plain() if root is not None else None
    if not isinstance(plain, dict):
        return
    modules = plain.get("modules")
    functions = modules.get("function") if isinstance(modules, dict) else None
    if text.startswith(LEAVE_OUT_HANDLERS):
        functions = None
    for function in functions if isinstance(functions, list) else []:
        handler = function.get("handler") if isinstance(function, dict) else None
        if isinstance(handler, str) and "." in handler:
            module = handler.rsplit(".", 1)[0]
            target = folder / "src" / f"{module}.js"
            if ".." not in module and not module.startswith("/"):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("export const run = () => {};\n")
    translations = plain.get("translations")
    locales = translations.get("resources") if isinstance(translations, dict) else None
    if text.startswith(LEAVE_OUT_LOCALES):
        locales = None
    for locale in locales if isinstance(locales, list) else []:
        path = locale.get("path") if isinstance(locale, dict) else None
        if isinstance(path, str) and ".." not in path and not path.startswith("/"):
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            broken = text.startswith(BREAK_LOCALES)
            (folder / path).write_text(LOCALE_TEXT.replace("}}", "},}") if broken else LOCALE_TEXT)
    resources = None if text.startswith(LEAVE_OUT_RESOURCES) else plain.get("resources")
    for resource in resources if isinstance(resources, list) else []:
        path = resource.get("path") if isinstance(resource, dict) else None
        if isinstance(path, str) and ".." not in path and not path.startswith("/"):
            target = folder / path
            if target.suffix:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("export default () => null;\n")
            else:
                target.mkdir(parents=True, exist_ok=True)
                (target / "index.html").write_text("<!doctype html><title>x</title>\n")


@pytest.fixture(scope="module")
def forge_verdicts(
    forge_manifest_package: pathlib.Path, tmp_path_factory: pytest.TempPathFactory
) -> Dict[str, Tuple[pathlib.Path, List[Dict[str, object]]]]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to run Forge's validator")
        pytest.skip("node is not installed")
    work = tmp_path_factory.mktemp("forge-differential")
    folders: Dict[str, pathlib.Path] = {}
    for index, case in enumerate(cases()):
        folder = work / f"case{index:03d}"
        folder.mkdir()
        (folder / "manifest.yml").write_text(case.text)
        _app_files(folder, case.text)
        folders[str(folder)] = folder
    result = subprocess.run(
        [node, str(ORACLE), str(forge_manifest_package), *folders],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    verdicts = {}
    for line in result.stdout.splitlines():
        answer = json.loads(line)
        verdicts[answer["folder"]] = (folders[answer["folder"]], answer["errors"])
    assert len(verdicts) == len(folders)
    return verdicts


def test_there_are_a_few_hundred_cases() -> None:
    assert len(cases()) >= 150


def test_our_verdict_is_forges(
    forge_verdicts: Dict[str, Tuple[pathlib.Path, List[Dict[str, object]]]],
    forge_manifest_package: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schema = forge_manifest_package / "out" / "schema" / "manifest-schema.json"
    by_text = {case.text: case.name for case in cases()}
    disagreements: List[str] = []
    agreed = {"accept": 0, "refuse": 0, "deploy-time": 0}
    for folder, errors in forge_verdicts.values():
        monkeypatch.chdir(folder)
        # Forge judges the manifest and the files it names; here two hooks do.
        status = max(
            check_main(["--forge-schema", str(schema), "manifest.yml"]), app_main(["manifest.yml"])
        )
        lines = capsys.readouterr().out.splitlines()
        forge_refuses = any(error["level"] == "error" for error in errors)
        ours = set(codes_of(lines))
        name = by_text[(folder / "manifest.yml").read_text()]
        if forge_refuses == (status == 1):
            agreed["refuse" if forge_refuses else "accept"] += 1
            continue
        if not forge_refuses and ours <= STRICTER:
            continue
        if status == 0 and _only_unset_variables(errors):
            # Lenient by design: a variable set only where the app is deployed
            # is a note here, so no committer's shell decides the verdict.
            verbose = check_main(["--verbose", "--forge-schema", str(schema), "manifest.yml"])
            notes = codes_of(capsys.readouterr().out.splitlines())
            if verbose == 0 and "FC912" in notes:
                agreed["deploy-time"] += 1
                continue
        forge_said = "; ".join(str(error["message"])[:120] for error in errors) or "nothing"
        disagreements.append(f"{name}: we say {sorted(ours) or 'nothing'}, Forge: {forge_said}")
    assert disagreements == []
    # Both verdicts occur, or the comparison would prove little.
    assert agreed["accept"] >= 20 and agreed["refuse"] >= 50, agreed


def _only_unset_variables(errors: List[Dict[str, object]]) -> bool:
    """Forge refused only for a declared variable that has no value here."""
    refused = [error for error in errors if error["level"] == "error"]
    return bool(refused) and all(
        "could not find environment variable" in str(error["message"]) for error in refused
    )


def test_what_forge_accepts_passes_without_its_schema(
    forge_verdicts: Dict[str, Tuple[pathlib.Path, List[Dict[str, object]]]],
    no_forge_cli: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With no Forge CLI installed, our core checks must not block what Forge
    accepts either."""
    by_text = {case.text: case.name for case in cases()}
    blocked = []
    accepted = 0
    for folder, errors in forge_verdicts.values():
        if any(error["level"] == "error" for error in errors):
            continue
        accepted += 1
        monkeypatch.chdir(folder)
        status = max(check_main(["manifest.yml"]), app_main(["manifest.yml"]))
        lines = capsys.readouterr().out.splitlines()
        if status != 0 and not set(codes_of(lines)) <= STRICTER:
            blocked.append(f"{by_text[(folder / 'manifest.yml').read_text()]}: {lines}")
    assert blocked == []
    assert accepted >= 20
