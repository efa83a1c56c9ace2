"""Our YAML reading against Forge's: the npm `yaml` package that
@forge/manifest parses manifest.yml with, over manifests generated here
(quoting, line continuations and their indentation, escapes, directives)."""

from __future__ import annotations

import itertools
import json
import os
import pathlib
import shutil
import subprocess
from typing import Dict, List, NamedTuple, Optional

import pytest

from forge_connect_hooks.reading.yamltext import YAMLFailure, parse_yaml

ORACLE = pathlib.Path(__file__).with_name("yaml_oracle.js")
HEAD = "ari:cloud:ecosystem::app/6f1c2a47-8d3e-4b5a-9c21-"
TAIL = "0e7f3d9b2a64"


class Case(NamedTuple):
    name: str
    text: str


def _value(style: str, joint: str, indent: int) -> Optional[str]:
    """An app id written in ``style``, broken after HEAD by ``joint`` onto a
    line indented ``indent`` spaces; None where the style cannot write it."""
    pad = " " * indent
    if joint == "none":
        body = HEAD + TAIL
    elif joint == "fold":
        body = f"{HEAD}\n{pad}{TAIL}"
    elif joint == "blank":
        body = f"{HEAD}\n\n{pad}{TAIL}"
    elif joint == "escaped":
        if style != "double":
            return None
        body = f"{HEAD}\\\n{pad}{TAIL}"
    else:
        raise AssertionError(joint)
    quote = {"plain": "", "double": '"', "single": "'"}[style]
    return f"{quote}{body}{quote}"


CONTAINERS = {
    "mapping": "app:\n  id: {value}\n",
    "root": "id: {value}\n",
    "sequence": "modules:\n  - {value}\n",
    "compact sequence": "modules:\n- {value}\n",
    "mapping in sequence": "modules:\n  - key: {value}\n",
    "flow mapping": "app: {{id: {value}}}\n",
    "flow in block": "app:\n  x: {{id: {value}, y: 1}}\n",
}
ESCAPES = ["\\x41", "\\u00e9", "\\U0001F600", "\\t", "\\/", "\\N", "\\_", "\\e", "\\L", "\\0"]
DIRECTIVES = {"no directive": "", "%YAML 1.2": "%YAML 1.2\n---\n", "document start": "---\n"}


def cases() -> List[Case]:
    found: Dict[str, Case] = {}
    for (container, form), style, joint, indent, (directive, head) in itertools.product(
        CONTAINERS.items(),
        ("plain", "double", "single"),
        ("none", "fold", "blank", "escaped"),
        range(0, 7),
        DIRECTIVES.items(),
    ):
        value = _value(style, joint, indent)
        if value is None or (joint == "none" and indent):
            continue
        name = f"{container}, {style}, {joint}, indent {indent}, {directive}"
        found[name] = Case(name, head + form.format(value=value))
    for escape in ESCAPES:
        found[f"escape {escape}"] = Case(f"escape {escape}", f'app:\n  title: "a{escape}b"\n')
    return list(found.values())


def ours(text: str) -> Optional[object]:
    """What we read, or None where we refuse the file."""
    try:
        result = parse_yaml(text)
    except YAMLFailure:
        return None
    if result.problems or result.root is None:
        return None
    return result.root.plain()


@pytest.fixture(scope="module")
def forge_reads(
    forge_manifest_package: pathlib.Path, tmp_path_factory: pytest.TempPathFactory
) -> Dict[str, Dict[str, object]]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to run Forge's YAML parser")
        pytest.skip("node is not installed")
    work = tmp_path_factory.mktemp("yaml-differential")
    files = {}
    for index, case in enumerate(cases()):
        path = work / f"case{index:04d}.yml"
        path.write_text(case.text, encoding="utf-8")
        files[str(path)] = case.name
    result = subprocess.run(
        [node, str(ORACLE), str(forge_manifest_package), *files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # split("\n"): a value may hold U+2028, which splitlines() would split on.
    answers = [json.loads(line) for line in result.stdout.split("\n") if line]
    assert len(answers) == len(files)
    return {files[answer["file"]]: answer for answer in answers}


def test_there_are_hundreds_of_cases() -> None:
    assert len(cases()) >= 300


def test_we_read_every_file_as_forge_does(forge_reads: Dict[str, Dict[str, object]]) -> None:
    disagreements = []
    verdicts = {"parsed": 0, "refused": 0}
    for case in cases():
        forge = forge_reads[case.name]
        read = ours(case.text)
        verdicts["parsed" if forge["parsed"] else "refused"] += 1
        if not forge["parsed"]:
            if read is not None:
                disagreements.append(f"{case.name}: Forge refuses ({forge['error']}), we read it")
        elif read != forge["value"]:
            disagreements.append(f"{case.name}: Forge reads {forge['value']!r}, we {read!r}")
    assert disagreements == []
    # Both verdicts occur often, or the comparison would prove little.
    assert verdicts["parsed"] >= 100 and verdicts["refused"] >= 50, verdicts
