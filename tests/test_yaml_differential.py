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
from typing import Dict, List, NamedTuple, Optional, Tuple

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
DIRECTIVES = {
    "no directive": "",
    "%YAML 1.2": "%YAML 1.2\n---\n",
    "%YAML 1.1": "%YAML 1.1\n---\n",
    "document start": "---\n",
}
# Plain scalars whose type depends on the YAML version: booleans, numbers
# with underscores, octal and binary, sexagesimal, timestamps, and near misses.
SCALARS = [
    *(
        "y Y yes Yes YES n N no No NO on On ON off Off OFF oN yEs true True TRUE false "
        "~ null Null NULL nULL "
        "0b101 -0b101 0b1_0 0b_ 0b 010 0_10 -010 08 09 0o7 0o17 0x1F 0x_1F -0x_ 0x 0_ 00 "
        "1_000 +1_000 1__0 _1 1_ 0 -0 +0 12345678901234567890 "
        "190:20:30 -1:30 1:60 1:30.5 190:20:30.15 1:2:3:4 "
        "1.5 1_000.5 .5 5. 1e3 1.0e3 1.0e+3 -1.5E-3 1.e3 +.5 1__0.5 ._5 1.5_ 0.1.2 . -. e5 "
        ".inf -.Inf +.INF .nan .NaN 1e400 1.0 "
        "2001-12-14 2001-12-14t21:59:43.10-05:00 2002-1-1 2001-12-14T21:59:43Z "
        "2001-12-14T21:59:43.1234567Z 2001-02-30 0050-01-01 9999-12-31T23:59:59-5 "
        "2001-13-45T25:61:61+0:15 2001-12-14T21:59:43+05:30"
    ).split(),
    "2001-12-14 21:59:43.10 -5",
    "2001-12-15 2:59:43.10",
]
MERGES = {
    "merge one": "base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n",
    "merge before a key": "base: &b {a: 1}\nx:\n  a: 0\n  <<: *b\n",
    "merge list": "b1: &b {a: 1}\nb2: &c {a: 2, c: 5}\nx:\n  <<: [*b, *c]\n",
    "merge literal": "x:\n  <<: {q: 1}\n",
    "merge scalar": "x:\n  <<: 5\n",
    "merge null": "x:\n  <<: ~\n",
    "merge list of scalars": "x:\n  <<: [1]\n",
    "merge empty list": "x:\n  <<: []\n",
    "merge twice": "b: &b {a: 1}\nx:\n  <<: *b\n  <<: {z: 1}\n",
    "merge quoted": "b: &b {a: 1}\nx: {'<<': *b}\n",
    "merge in flow": "b: &b {a: 1}\nx: {<<: *b, c: 2}\n",
    "merge tagged": "x:\n  !!merge <<: {a: 1}\n",
    "merge nested": "b: &b {<<: {z: 1}, a: 1}\nx:\n  <<: *b\n",
    "merge at root": "<<: {a: 1}\na: 2\n",
    "merge of a merged anchor": "b: &b {a: &c {q: 1}}\nx:\n  <<: *b\n",
    "merge then duplicate": "b: &b {a: 1}\nx:\n  a: 2\n  <<: *b\n  a: 3\n",
}
VERSIONS = ["1.1", "1.2", "1.3", "2.0", "1.10", "abc", "1.1.1", "1.1 # comment", ""]


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
    for scalar in SCALARS:
        for directive, head in DIRECTIVES.items():
            found[f"value {scalar!r}, {directive}"] = Case(
                f"value {scalar!r}, {directive}", f"{head}app:\n  v: {scalar}\n  w: [{scalar}]\n"
            )
            found[f"key {scalar!r}, {directive}"] = Case(
                f"key {scalar!r}, {directive}", f"{head}app:\n  {scalar}: 1\n"
            )
            found[f"tagged {scalar!r}, {directive}"] = Case(
                f"tagged {scalar!r}, {directive}",
                f"{head}a: !!int {scalar}\nb: !!float {scalar}\nc: !!bool {scalar}\n",
            )
    for (name, body), (directive, head) in itertools.product(MERGES.items(), DIRECTIVES.items()):
        found[f"{name}, {directive}"] = Case(f"{name}, {directive}", head + body)
    for version in VERSIONS:
        found[f"%YAML {version}"] = Case(f"%YAML {version}", f"%YAML {version}\n---\nx: yes\n")
    found["keys equal as strings"] = Case("keys equal as strings", "'1': a\n1: b\n")
    found["keys equal as numbers"] = Case("keys equal as numbers", "1: a\n1.0: b\n")
    for escape in ESCAPES:
        found[f"escape {escape}"] = Case(f"escape {escape}", f'app:\n  title: "a{escape}b"\n')
    return list(found.values())


# Where we are stricter by design: a tagged scalar that is not of its tag's
# kind (``!!int yes``) is a finding; Forge warns and keeps the text.
STRICTER = "FC109"


def ours(text: str) -> Tuple[Optional[object], List[str]]:
    """What we read (None where we refuse the file) and the codes of why not."""
    try:
        result = parse_yaml(text)
    except YAMLFailure as failure:
        return None, [failure.problem.code]
    if result.problems or result.root is None:
        return None, [problem.code for problem in result.problems]
    return result.root.plain(), []


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
        # A date used as a key is named in the machine's time zone.
        env={**os.environ, "TZ": "UTC"},
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
    verdicts = {"parsed": 0, "refused": 0, "stricter": 0}
    for case in cases():
        forge = forge_reads[case.name]
        read, why = ours(case.text)
        if not forge["parsed"]:
            verdicts["refused"] += 1
            if read is not None:
                disagreements.append(f"{case.name}: Forge refuses ({forge['error']}), we read it")
        elif read is None and why and set(why) == {STRICTER} and case.name.startswith("tagged"):
            verdicts["stricter"] += 1
        else:
            verdicts["parsed"] += 1
            if read != forge["value"]:
                disagreements.append(f"{case.name}: Forge reads {forge['value']!r}, we {read!r}")
    assert disagreements == []
    # Both verdicts occur often, or the comparison would prove little.
    assert verdicts["parsed"] >= 300 and verdicts["refused"] >= 100, verdicts
    assert verdicts["stricter"] <= 400, verdicts
