"""Property: for any descriptor in any formatting, the fix is exactly forgeAppId."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from typing import Any, Dict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forge_connect_hooks.sync_forge_app_id import main

from .helpers import APP_ID, OTHER_ID, working_in

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
root_keys = st.sampled_from(["key", "name", "forgeAppLink", "baseUrl", "modules"]) | st.text(
    max_size=8
)


@st.composite
def descriptors(draw: st.DrawFn) -> Dict[str, Any]:
    members = draw(
        st.dictionaries(root_keys.filter(lambda k: k != "forgeAppId"), values, max_size=6)
    )
    if draw(st.booleans()):
        members["forgeAppId"] = draw(st.sampled_from([OTHER_ID, APP_ID, "x"]))
    items = list(members.items())
    draw(st.randoms(use_true_random=False)).shuffle(items)
    return dict(items)


@st.composite
def formatted(draw: st.DrawFn, data: Dict[str, Any]) -> bytes:
    indent = draw(st.sampled_from([None, 0, 2, 4, "\t"]))
    compact = draw(st.booleans())
    separators = (",", ":") if compact and indent is None else None
    text = json.dumps(data, indent=indent, separators=separators, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text += "\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = text.encode()
    return codecs.BOM_UTF8 + raw if draw(st.booleans()) else raw


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fix_is_exactly_forge_app_id_and_idempotent(data: st.DataObject) -> None:
    original = data.draw(descriptors())
    raw = data.draw(formatted(original))
    with tempfile.TemporaryDirectory() as folder, working_in(folder):
        path = os.path.join(folder, "atlassian-connect.json")
        with open(path, "wb") as stream:
            stream.write(raw)
        first = main(["--app-id", APP_ID, path])
        with open(path, "rb") as stream:
            fixed = stream.read()
        expected = {**original, "forgeAppId": APP_ID}
        assert json.loads(fixed.decode("utf-8-sig")) == expected
        keys = list(json.loads(fixed.decode("utf-8-sig")))
        assert [k for k in keys if k != "forgeAppId"] == [k for k in original if k != "forgeAppId"]
        if "forgeAppId" not in original:
            assert is_insertion(raw, fixed)
            where = keys.index("forgeAppId")
            anchor = next((k for k in ("forgeAppLink", "key") if k in original), None)
            if anchor is None:
                assert where == 0
            else:
                assert anchor in keys[max(0, where - 1) : where + 2]
        assert first == (0 if original.get("forgeAppId") == APP_ID else 1)
        assert fixed.startswith(codecs.BOM_UTF8) == raw.startswith(codecs.BOM_UTF8)
        assert fixed.endswith(b"\n") == raw.endswith(b"\n")
        assert (b"\r\n" in fixed) == (b"\r\n" in raw)
        assert main(["--app-id", APP_ID, path]) == 0
        with open(path, "rb") as stream:
            assert stream.read() == fixed


def is_insertion(before: bytes, after: bytes) -> bool:
    prefix = 0
    while prefix < len(before) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(before) - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix + suffix == len(before)


@pytest.fixture(autouse=True)
def _quiet(capsys: pytest.CaptureFixture[str]) -> None:
    """The hook prints its fixes; these tests read files, not output."""
