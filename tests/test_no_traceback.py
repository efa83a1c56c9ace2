"""Whatever bytes a file holds, every hook answers with findings, never a traceback.

This is the project's fuzz suite. CI runs a small, seeded set of cases; the
long run draws fresh ones, as many as ``FUZZ_EXAMPLES`` says:

    FUZZ_EXAMPLES=100000 .venv/bin/pytest tests/test_no_traceback.py
"""

from __future__ import annotations

import os
import tempfile
from typing import Callable, Iterator, Optional, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forge_connect_hooks import (
    check_connect_descriptor,
    check_forge_app_link,
    check_forge_manifest,
    sync_forge_app_id,
)

from .helpers import DATA, working_in

HOOKS: Sequence[Callable[[Optional[Sequence[str]]], int]] = (
    check_connect_descriptor.main,
    check_forge_manifest.main,
    check_forge_app_link.main,
    sync_forge_app_id.main,
)
EXAMPLES = [
    (DATA / app / name).read_bytes()
    for app in ("ace-app", "bitbucket-app")
    for name in ("atlassian-connect.json", "manifest.yml")
] + [
    # Shapes that once broke a hook, to mutate further.
    b"a: &a [1]\nb: &b [*a, *a]\nc: [*b, *b]\napp:\n  id: x\n",
    b"\xef\xbb\xbfapp:\n  id: [\n",
    b"app: {id: ari:cloud:ecosystem::app/x, runtime: {name: nodejs22.x}}\n",
    b'{"baseUrl": "https://aaaa ", "forgeAppLink": "https://developer.atlassian.com/x"}',
    "app:\r  id: x\u2028modules: {}\n".encode(),
    b"[" * 300 + b"]" * 300,
    b"%YAML 1.1\n---\nb: &b {id: 0b1_0, t: 2001-12-14 1:2:3 -5}\napp:\n  <<: [*b, {x: 1:30.5}]\n",
    b"%YAML 1.3\n---\napp: {id: yes}\n",
]
# The long run asks for fresh cases; CI's are the same every time.
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    """An example file with a few bytes changed, inserted, removed or cut."""
    data = bytearray(draw(st.sampled_from(EXAMPLES)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "cut"]))
        byte = draw(st.sampled_from(b'{}[]:,"\\\n\r\t &*!%#-?|>\x00\xff\xef\xbb\xbf'))
        if action == "insert":
            data.insert(at, byte)
        elif action == "cut":
            del data[at:]
        elif at < len(data):
            if action == "replace":
                data[at] = byte
            else:
                del data[at]
    return bytes(data)


@settings(
    max_examples=FUZZ_EXAMPLES or 250,
    derandomize=not FUZZ_EXAMPLES,
    deadline=None,
    database=None,
)
@given(st.one_of(mangled(), st.binary(max_size=300)))
def test_no_input_makes_a_traceback(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder, working_in(folder):
        os.mkdir(os.path.join(folder, ".git"))
        descriptor = os.path.join(folder, "atlassian-connect.json")
        manifest = os.path.join(folder, "manifest.yml")
        for path in (descriptor, manifest):
            with open(path, "wb") as stream:
                stream.write(data)
        for main in HOOKS:
            assert main([descriptor, manifest]) in (0, 1)
        # Only the fixer writes, only the descriptor, and leaves no stray file.
        assert sorted(os.listdir(folder)) == [".git", "atlassian-connect.json", "manifest.yml"]
        with open(manifest, "rb") as stream:
            assert stream.read() == data


@pytest.fixture(autouse=True)
def _no_internal_errors(capsys: pytest.CaptureFixture[str], no_forge_cli: object) -> Iterator[None]:
    yield
    assert "internal error" not in capsys.readouterr().err
