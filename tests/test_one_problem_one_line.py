"""One problem is one line, across the four hooks run as pre-commit runs
them: each a process of its own, on the files its entry would be given."""

from __future__ import annotations

import json
import pathlib
from typing import Dict, List, Union

import pytest

from forge_connect_hooks.repository.precommit_config import default_config, files_for

from .conftest import git
from .envelope import link
from .helpers import APP_ID, HANDLER_TEXT, descriptor, hook, manifest_text, working_in

DESCRIPTOR = json.dumps(descriptor(forgeAppId=APP_ID, forgeAppLink=link()), indent=2) + "\n"
MANIFEST = manifest_text(APP_ID)
PLACEHOLDER = "ari:cloud:ecosystem::app/invalid-run-forge-register"

# Each repository has exactly one problem, and the code that names it.
REPOSITORIES: Dict[str, tuple[Dict[str, Union[str, bytes]], str]] = {
    "broken JSON that carries a link": (
        {
            "manifest.yml": MANIFEST,
            "src/index.js": HANDLER_TEXT,
            "atlassian-connect.json": DESCRIPTOR.replace('",\n', '",,\n', 1),
        },
        "FC103",
    ),
    "a key twice in a descriptor with a link": (
        {
            "manifest.yml": MANIFEST,
            "src/index.js": HANDLER_TEXT,
            "atlassian-connect.json": DESCRIPTOR.replace("{\n", '{\n  "key": "twice",\n', 1),
        },
        "FC104",
    ),
    "a descriptor with a link that is not UTF-8": (
        {
            "manifest.yml": MANIFEST,
            "src/index.js": HANDLER_TEXT,
            "atlassian-connect.json": DESCRIPTOR.replace('"An app"', '"An \xe9 app"').encode(
                "latin-1"
            ),
        },
        "FC102",
    ),
    "a placeholder app.id, with a descriptor to sync": (
        {
            "manifest.yml": manifest_text(PLACEHOLDER),
            "src/index.js": HANDLER_TEXT,
            "atlassian-connect.json": json.dumps(descriptor(), indent=2) + "\n",
        },
        "FC305",
    ),
    "an escape beyond Unicode in app.id": (
        {
            "manifest.yml": MANIFEST.replace(APP_ID, '"ari:cloud:ecosystem::app/\\UFFFFFFFF"'),
            "src/index.js": HANDLER_TEXT,
            "atlassian-connect.json": json.dumps(descriptor(), indent=2) + "\n",
        },
        "FC108",
    ),
}


@pytest.mark.parametrize("name", sorted(REPOSITORIES))
def test_each_problem_is_one_line_from_the_four_hooks(tmp_path: pathlib.Path, name: str) -> None:
    files, code = REPOSITORIES[name]
    for path, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    lines: List[str] = []
    config = default_config()
    for entry in config.entries:
        hook_id = entry.hook
        with working_in(str(tmp_path)):
            given = files_for(config, entry, sorted(files))
        if given:
            status, printed, errors = hook(hook_id.replace("-", "_"), *given, cwd=tmp_path)
            assert errors == "" and status in (0, 1), (hook_id, errors)
            lines.extend(f"{hook_id}: {line}" for line in printed)
    assert len(lines) == 1, lines
    assert f" {code} " in lines[0], lines
