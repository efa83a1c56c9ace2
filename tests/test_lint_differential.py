"""The imports of an app's code against its manifest, judged by check-forge-app
and by @forge/lint's own linters (npm, installed for the test run, driven
offline by tests/forge_lint_oracle.js) over generated apps: the same verdict
on each, file and line, except where the table below says why we differ."""

from __future__ import annotations

import itertools
import json
import os
import pathlib
import shutil
import subprocess
from typing import Callable, Dict, List, Set, Tuple

import pytest

from forge_connect_hooks.check_forge_app import main as app_main
from forge_connect_hooks.check_forge_manifest import main as check_main

from .helpers import APP_ID

ORACLE = pathlib.Path(__file__).with_name("forge_lint_oracle.js")

IMPORTS = {
    "storage from @forge/api": "import { storage } from '@forge/api';",
    "default and storage from @forge/api": "import api, { storage, route } from '@forge/api';",
    "route from @forge/api": "import api, { route } from '@forge/api';",
    "kvs": "import { kvs } from '@forge/kvs';",
    "sql": "import { sql } from '@forge/sql';",
    "sql as default": "import sql from '@forge/sql';",
    "sql, a type only": "import type { Result } from '@forge/sql';",
    "sql over lines": 'import {\n  sql, // the client\n  migrationRunner,\n} from "@forge/sql";',
    "object store": "import { objectStore } from '@forge/object-store';",
    "os": "import os from '@forge/os';",
    "llm": "import { chat } from '@forge/llm';",
    "commented out": (
        "// import { sql } from '@forge/sql';\n/* import { kvs } from '@forge/kvs'; */"
    ),
    "in a string": "const text = \"import { sql } from '@forge/sql'\";",
    "require": "const { sql } = require('@forge/sql');",
    "side effect only": "import '@forge/sql';",
    "dynamic": "const load = () => import('@forge/sql');",
    "storage renamed": "import { storage as store } from '@forge/api';",
    "sql namespace": "import * as forgeSql from '@forge/sql';",
    "storage of another package": "import { storage } from 'firebase-admin';",
}

MANIFESTS = {
    "bare": "",
    "storage scope": "storage",
    "sql module": "sql",
    "object store module": "objectStore",
    "llm module": "llm",
    "all": "storage sql objectStore llm",
}

# Where we differ from @forge/lint on purpose (docs/reference.md says so):
# the key is the import, the value what we say that it does not, or the reverse.
STRICTER = {
    # @forge/kvs is storage: Forge's docs require storage:app, its linter misses it.
    "kvs": {"FC329"},
    # An alias or a namespace still imports the package that needs the scope or module.
    "storage renamed": {"FC329"},
    "sql namespace": {"FC330"},
}
LAXER = {
    # Its linter reads any import named storage as Forge's; firebase-admin's is not.
    "storage of another package": {"FC329"},
}
FORGE_CODE = {
    'requires the "storage:app" scope': "FC329",
    "'sql' module is not defined": "FC330",
    "'objectStore' module is not defined": "FC330",
    "LLM package is used": "FC921",
    'is deprecated. Use the "@forge/kvs"': "FC922",
    "defines timeoutSeconds": "FC331",
    "Consumer functions must not be shared": "FC331",
    "Cannot find exported function": "FC924",
}

# A function with a timeout, and the modules that use it.
TIMEOUTS = {
    "trigger": ("300", ["trigger"]),
    "trigger, a small timeout": ("10", ["trigger"]),
    "scheduled trigger": ("600", ["scheduledTrigger"]),
    "consumer": ("800", ["consumer"]),
    "consumer and scheduled trigger": ("800", ["consumer", "scheduledTrigger"]),
    "consumer and trigger, over 25": ("30", ["consumer", "trigger"]),
    "consumer and trigger, under 25": ("20", ["consumer", "trigger"]),
    "consumer and web trigger, 30": ("30", ["consumer", "webtrigger"]),
    "consumer and web trigger, 60": ("60", ["consumer", "webtrigger"]),
    "resolver of a page": ("120", ["bitbucket:repoMainMenuPage"]),
    "no module": ("120", []),
}
USES = {
    "trigger": (
        "  trigger:\n"
        "    - {key: on-push, function: main, events: [avi:bitbucket:push:repository]}\n"
    ),
    "scheduledTrigger": (
        "  scheduledTrigger:\n    - {key: nightly, function: main, interval: day}\n"
    ),
    "consumer": "  consumer:\n    - {key: worker, queue: jobs, function: main}\n",
    "webtrigger": "  webtrigger:\n    - {key: hook, function: main}\n",
    "bitbucket:repoMainMenuPage": (
        "  bitbucket:repoMainMenuPage:\n"
        "    - {key: page, title: Page, resource: ui, render: native, resolver: {function: main}}\n"
    ),
}


# The handler file of `handler: index.run`, and whether it exports `run` as
# Forge's handler linter reads exports (its warning is our note FC924).
EXPORTS = {
    "export const": "export const run = async () => ({});",
    "export const, typed": "export const run: (event: unknown) => Promise<void> = async () => {};",
    "export function": "export async function run(event) {\n  return event;\n}",
    "export generator": "export function* run() {}",
    "export list": "const run = () => {};\nexport { run };",
    "export list, renamed to it": "const main = () => {};\nexport { main as run };",
    "export list, renamed away": "const run = () => {};\nexport { run as main };",
    "re-export": "export { run } from './impl';",
    "export star": "export * from './impl';",
    "export default": "export default function run() {}",
    "export class": "export class run {}",
    "exports member": "exports.run = async () => ({});",
    "module.exports member": "module.exports.run = async () => ({});",
    "module.exports object": (
        "function run() {}\nmodule.exports = {\n  run,\n  other: { x: 1 },\n  async later() {},\n};"
    ),
    "module.exports object, nested only": "module.exports = { other: { run: 1 } };",
    "module.exports object, a method": "module.exports = { async run(event) { return event; } };",
    "exports object": "const run = 1;\nexports = { run };",
    "exports read": "console.log(exports.run);",
    "misspelt": "export const runn = async () => ({});",
    "commented out": "// export const run = 1;\nexport const other = 1;",
    "in a string": "const text = 'export const run = 1';",
    "in a template": "const text = `export const run = ${1}`;",
    "a later name of a declaration": "export const other = 1,\n  run = async () => ({});",
}
# Where our note differs from Forge's warning, on purpose or for lack of a
# parser (docs/reference.md): a declaration's later names are not read.
EXPORTS_DIFFER = {"a later name of a declaration"}


def _manifest(needs: str) -> str:
    words = needs.split()
    modules = "".join(
        {
            "sql": "  sql:\n    - {key: db, engine: mysql}\n",
            "objectStore": "  objectStore:\n    - {key: files, storageClass: standard}\n",
            "llm": "  llm:\n    - {key: helper, model: [claude]}\n",
        }.get(word, "")
        for word in words
    )
    scopes = "    - storage:app\n" if "storage" in words else ""
    return (
        f"app:\n  id: {APP_ID}\n  runtime:\n    name: nodejs22.x\n"
        "modules:\n  trigger:\n    - key: on-push\n      function: main\n"
        "      events: [avi:bitbucket:push:repository]\n"
        "  function:\n    - key: main\n      handler: index.run\n"
        f"{modules}permissions:\n  scopes:\n    - read:repository:bitbucket\n{scopes}"
    )


def _source(imported: str) -> str:
    return f"// The app's entry.\n{imported}\n\nexport const run = async () => ({{}});\n"


def _timeout_manifest(timeout: str, uses: List[str]) -> str:
    modules = "".join(USES[use] for use in uses) or USES["trigger"].replace("main", "other")
    return (
        f"app:\n  id: {APP_ID}\n  runtime:\n    name: nodejs22.x\n"
        f"modules:\n{modules}"
        "  function:\n"
        f"    - {{key: main, handler: index.run, timeoutSeconds: {timeout}}}\n"
        "    - {key: other, handler: index.run}\n"
        "resources:\n  - {key: ui, path: src/index.ts}\n"
        "permissions:\n  scopes:\n    - read:repository:bitbucket\n"
    )


@pytest.fixture(scope="module")
def apps(
    forge_lint_package: pathlib.Path, tmp_path_factory: pytest.TempPathFactory
) -> Dict[pathlib.Path, Tuple[str, str, List[Dict[str, object]]]]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to run @forge/lint")
        pytest.skip("node is not installed")
    work = tmp_path_factory.mktemp("lint-differential")
    folders: Dict[str, Tuple[str, str]] = {}
    cases = (
        [
            (imported, needs, _manifest(MANIFESTS[needs]), _source(IMPORTS[imported]))
            for imported, needs in itertools.product(IMPORTS, MANIFESTS)
        ]
        + [("", name, _timeout_manifest(*TIMEOUTS[name]), _source("")) for name in TIMEOUTS]
        + [("exports", name, _manifest("bare"), EXPORTS[name] + "\n") for name in EXPORTS]
    )
    for index, (imported, needs, manifest, source) in enumerate(cases):
        folder = work / f"app{index:03d}"
        (folder / "src").mkdir(parents=True)
        (folder / "manifest.yml").write_text(manifest)
        (folder / "src" / "index.ts").write_text(source)
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
        subprocess.run(["git", "-C", str(folder), "add", "-A"], check=True)
        folders[str(folder)] = (imported, needs)
    swagger = work / "empty-swagger.json"
    swagger.write_text('{"paths": {}}\n')
    names = ("CONF", "CONF_V2", "JIRA", "JSM", "JSW", "BB")
    env = {
        **os.environ,
        "USE_LOCAL_SWAGGER": "1",
        "HOME": str(work),  # its cache of specs, away from the user's
        **{f"LOCAL_{name}_SWAGGER": str(swagger) for name in names},
    }
    result = subprocess.run(
        [node, str(ORACLE), str(forge_lint_package), *folders],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    verdicts = {}
    for line in result.stdout.splitlines():
        answer = json.loads(line)
        verdicts[pathlib.Path(answer["folder"])] = (*folders[answer["folder"]], answer["issues"])
    assert len(verdicts) == len(folders)
    return verdicts


def _forge_says(issues: List[Dict[str, object]]) -> Set[Tuple[str, int]]:
    said = set()
    for issue in issues:
        message = str(issue["message"])
        codes = [code for text, code in FORGE_CODE.items() if text in message]
        assert len(codes) == 1, f"a message this test does not know: {message}"
        said.add((codes[0], int(str(issue["line"]))))
    return said


def test_our_verdict_on_imports_is_forge_lints(
    apps: Dict[pathlib.Path, Tuple[str, str, List[Dict[str, object]]]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disagreements = []
    seen: Set[str] = set()
    for folder, (imported, needs, issues) in apps.items():
        if imported not in IMPORTS:
            continue  # a case of timeouts or exports
        monkeypatch.chdir(folder)
        app_main(["-v", "src/index.ts"])
        ours = set()
        for line in capsys.readouterr().out.splitlines():
            path, line_number, _, rest = line.split(":", 3)
            assert path == "src/index.ts", line
            ours.add((rest.split()[0], int(line_number)))
        forge = _forge_says(issues)
        seen.update(code for code, _ in forge)
        # One line a declaration where @forge/lint gives one a name: ours at the first.
        extra = {code for code, _ in ours - forge}
        missing = {code for code, _ in forge} - {code for code, _ in ours}
        if extra <= STRICTER.get(imported, set()) and missing <= LAXER.get(imported, set()):
            continue
        disagreements.append(
            f"{imported} / {needs}: we {sorted(ours)}, @forge/lint {sorted(forge)}"
        )
    assert disagreements == []
    # Every kind of finding occurred, or the comparison would prove little.
    assert seen == {"FC329", "FC330", "FC921", "FC922"}, seen


def _verdicts(
    apps: Dict[pathlib.Path, Tuple[str, str, List[Dict[str, object]]]],
    family: str,
    hook: Callable[[], object],
    code: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Dict[str, Tuple[bool, bool]]:
    """For each app of a family: whether we print ``code``, and whether Forge's does."""
    verdicts = {}
    for folder, (kind, name, issues) in apps.items():
        if kind != family:
            continue
        monkeypatch.chdir(folder)
        hook()
        ours = {line.split()[1] for line in capsys.readouterr().out.splitlines()}
        forge = {found for found, _ in _forge_says(issues)}
        verdicts[name] = (code in ours, code in forge)
    # Both verdicts occur, or the comparison would prove little.
    assert {forge for _, forge in verdicts.values()} == {True, False}
    return verdicts


def test_our_verdict_on_timeouts_is_forge_lints(
    apps: Dict[pathlib.Path, Tuple[str, str, List[Dict[str, object]]]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    verdicts = _verdicts(
        apps, "", lambda: check_main(["manifest.yml"]), "FC331", capsys, monkeypatch
    )
    assert {name for name, (ours, forge) in verdicts.items() if ours != forge} == set()


def test_our_note_on_exports_is_forge_lints_warning(
    apps: Dict[pathlib.Path, Tuple[str, str, List[Dict[str, object]]]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    verdicts = _verdicts(
        apps, "exports", lambda: app_main(["-v", "src/index.ts"]), "FC924", capsys, monkeypatch
    )
    # The table of differences is exact: no more, and none that has gone.
    assert {name for name, (ours, forge) in verdicts.items() if ours != forge} == EXPORTS_DIFFER
