"""Small helpers shared by the tests."""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import subprocess
import sys
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import pytest

DATA = pathlib.Path(__file__).parent / "data"
APP_UUID = "6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64"
APP_ID = f"ari:cloud:ecosystem::app/{APP_UUID}"
OTHER_UUID = "0b9e4d2c-5a7f-4e13-8c6d-2f1a9b3e7c50"
OTHER_ID = f"ari:cloud:ecosystem::app/{OTHER_UUID}"

Main = Callable[[Optional[Sequence[str]]], int]


def descriptor(**changes: Any) -> Dict[str, Any]:
    """A minimal valid Bitbucket descriptor; ``None`` removes a key."""
    base: Dict[str, Any] = {
        "key": "acme-app",
        "name": "Acme",
        "description": "An app",
        "baseUrl": "https://acme.example.com",
        "authentication": {"type": "jwt"},
        "lifecycle": {"installed": "/installed"},
    }
    for key, value in changes.items():
        if value is None:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def manifest_text(app_id: str = APP_ID, extra: str = "") -> str:
    return (
        "modules:\n"
        "  function:\n"
        "    - {key: main, handler: index.run}\n"
        "  webtrigger: [{key: hook, function: main}]\n"
        "app:\n"
        f"  id: {app_id}\n"
        "  runtime:\n"
        "    name: nodejs22.x\n" + extra
    )


HANDLER_TEXT = "export const run = async () => ({});\n"


def handler_beside(manifest: pathlib.Path) -> None:
    """The handler file ``manifest_text``'s function names (src/index.js)."""
    write(manifest.parent / "src" / "index.js", HANDLER_TEXT)


def write(path: pathlib.Path, content: Any) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes((json.dumps(content, indent=2) + "\n").encode("utf-8"))
    return path


def run(
    main: Main, args: Sequence[str], capsys: pytest.CaptureFixture[str]
) -> Tuple[int, List[str]]:
    """Run a hook's main; return its exit status and printed lines."""
    status = main(list(args))
    out = capsys.readouterr().out
    return status, out.splitlines()


def codes_of(lines: Sequence[str]) -> List[str]:
    return [line.split(": ", 2)[1].split(" ", 1)[0] for line in lines]


@contextlib.contextmanager
def working_in(folder: str) -> Iterator[None]:
    """The current directory is ``folder`` (the fixer writes only below it)."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


# A hook that is linear in its input answers hostile inputs in well under a
# second; a quadratic one takes minutes. The limit only stops a hang from
# stalling CI.
HANG = 60


def hook(module: str, *args: str, cwd: pathlib.Path) -> Tuple[int, List[str], str]:
    """Run a hook as pre-commit does: a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", f"forge_connect_hooks.{module}", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    return result.returncode, result.stdout.splitlines(), result.stderr


def node_map(function: str, inputs: List[str], why: str) -> List[Any]:
    """``inputs.map(FUNCTION)`` run by node, one process for all: node is the
    oracle of the caller's test (``why`` says for what). Skips where node is
    missing, except in CI."""
    import shutil

    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail(f"node is needed for {why}")
        pytest.skip("node is not installed")
    script = (
        "let text='';process.stdin.on('data',c=>text+=c).on('end',()=>{"
        f"process.stdout.write(JSON.stringify(JSON.parse(text).map({function})))}})"
    )
    result = subprocess.run(
        [node, "-e", script],
        input=json.dumps(inputs),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answers = json.loads(result.stdout)
    assert isinstance(answers, list) and len(answers) == len(inputs)
    return answers
