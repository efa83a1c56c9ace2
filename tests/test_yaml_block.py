"""The plain block YAML reader gives ruamel.yaml's events exactly, or declines.

ruamel.yaml's parser is the oracle: for any text the reader accepts, the
events (kinds, values, styles, tags, anchors and every mark) must be the
ones ruamel.yaml gives, and ruamel.yaml must read the text without error.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
from typing import Any, List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from forge_connect_hooks.reading.yaml_block import block_events

TESTS = pathlib.Path(__file__).parent

Summary = Tuple[Any, ...]


def summary(event: Any) -> Summary:
    kind = type(event).__name__
    scalar = kind == "ScalarEvent"
    collection = kind in ("MappingStartEvent", "SequenceStartEvent")
    start, end = event.start_mark, event.end_mark
    return (
        kind,
        event.value if scalar else None,
        (event.style or "") if scalar else None,
        tuple(event.implicit) if scalar else (event.implicit if collection else None),
        getattr(event, "tag", None),
        getattr(event, "anchor", None),
        bool(event.flow_style) if collection else None,
        getattr(event, "version", None) if kind == "DocumentStartEvent" else None,
        (start.index, start.line, start.column),
        (end.index, end.line, end.column),
    )


def ruamel_events(text: str) -> List[Summary]:
    return [summary(event) for event in YAML(typ="safe", pure=False).parse(text)]


def ours(text: str) -> Optional[List[Summary]]:
    events = block_events(text)
    return None if events is None else [summary(event) for event in events]


def assert_same_or_declined(text: str) -> bool:
    """True when the reader accepted ``text`` (and agreed with ruamel.yaml)."""
    mine = ours(text)
    if mine is None:
        return False
    assert mine == ruamel_events(text), text
    return True


MANIFEST = """\
# A Forge app for Bitbucket
app:
  id: ari:cloud:ecosystem::app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64
  runtime:
    name: nodejs22.x  # the current runtime
modules:
  bitbucket:repoMainMenuPage:
    - key: hello-page
      resource: main
      title: 'Hello, world'
  trigger:
  - key: on-push
    function: main
    events:
      - avi:bitbucket:push:repository
  function:
    - key: main
      handler: "index.run"
permissions:
  scopes:
    - read:repository:bitbucket
  empty:
resources:
  - key: main
    path: static/hello/build
"""


def test_a_typical_manifest_is_read_without_ruamel_and_as_ruamel_reads_it() -> None:
    assert assert_same_or_declined(MANIFEST)
    assert assert_same_or_declined(MANIFEST.rstrip("\n"))  # no line break at the end


def test_parsing_a_plain_manifest_does_not_import_ruamel(tmp_path: pathlib.Path) -> None:
    script = (
        "import sys\n"
        "from forge_connect_hooks.reading.yamltext import parse_yaml\n"
        f"result = parse_yaml({MANIFEST!r})\n"
        "assert result.root is not None and not result.problems\n"
        "print('ruamel.yaml' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: {b: 1}\n",  # flow collections
        "a: [1, 2]\n",
        "a: |\n  text\n",  # block scalars
        "a: >-\n  text\n",
        "a: one\n  two\n",  # a plain scalar over two lines
        'a: "x\\ny"\n',  # escapes
        "a: 'one\n  two'\n",  # a quoted scalar over two lines
        "a:\tb\n",  # a tab
        "a: b\r\n",  # CRLF
        "a: caf\u00e9\n",  # non-ASCII
        "%YAML 1.1\n---\na: b\n",  # directives
        "---\na: b\n",
        "- a\n- b\n",  # a sequence at the top
        "just text\n",
        "",
        "# only a comment\n",
        "? a\n: b\n",  # an explicit key
        "a: b: c\n",  # an error
        "a:\n- b\n c\n",
    ],
)
def test_anything_else_is_declined(text: str) -> None:
    assert ours(text) is None


def test_every_yaml_file_of_the_suite_is_read_alike_or_declined() -> None:
    accepted = 0
    for path in sorted(TESTS.rglob("*.y*ml")):
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        accepted += assert_same_or_declined(text)
    assert accepted >= 50  # most manifests are plain block YAML


# Generated documents: a tree of mappings, sequences and scalars, written in
# block style with the indentations and spellings YAML allows, sometimes
# with one character changed, so that near misses of the form are tried too.
PLAIN_KEYS = ["a", "key", "id", "app", "x y", "a:b", "a-b", "1", "true", "<<", "a,b", "a#b"]
ODD_KEYS = ["-a", "'q'", "a:", "?a", "a #b", "[a]"]
PLAIN_SCALARS = [
    "x",
    "1",
    "x y",
    "x  y",
    "a:b",
    "ari:cloud:ecosystem::app/1",
    "https://x/y?a=b#c",
    "'s'",
    "'it''s'",
    '"d"',
    "yes",
    "~",
    "null",
    "a, b",
    "x # c",
    "x#c",
    '"a" #c',
    "x   ",
]
ODD_SCALARS = ["-1", '"d\\n"', "a: b", "a:", "'a' x", '"a"#c', "[1]", "&a x", "*a", "@x"]


def mostly(plain: List[str], odd: List[str]) -> st.SearchStrategy[str]:
    """Mostly what the reader takes, sometimes what it must decline."""
    return st.integers(0, 29).flatmap(lambda roll: st.sampled_from(odd if roll == 0 else plain))


KEYS = mostly(PLAIN_KEYS, ODD_KEYS)
SCALARS = mostly(PLAIN_SCALARS, ODD_SCALARS)


def trees(depth: int = 0) -> st.SearchStrategy[Any]:
    if depth >= 3:
        return SCALARS
    return st.one_of(
        SCALARS,
        st.lists(st.tuples(KEYS, st.deferred(lambda: trees(depth + 1))), min_size=1, max_size=3),
        st.lists(st.deferred(lambda: trees(depth + 1)), min_size=1, max_size=3).map(tuple),
    )


def write(tree: Any, indent: int, width: int, indentless: bool, lines: List[str]) -> None:
    if isinstance(tree, list):  # a mapping: [(key, value), ...]
        for key, value in tree:
            if isinstance(value, str):
                lines.append(" " * indent + f"{key}: {value}")
                continue
            lines.append(" " * indent + f"{key}:")
            nested = indent if isinstance(value, tuple) and indentless else indent + width
            write(value, nested, width, indentless, lines)
    elif isinstance(tree, tuple):  # a sequence
        for item in tree:
            if isinstance(item, str):
                lines.append(" " * indent + f"- {item}")
            elif isinstance(item, list):
                inner: List[str] = []
                write(item, indent + 2, width, indentless, inner)
                lines.append(" " * indent + "- " + inner[0].lstrip(" "))
                lines.extend(inner[1:])
            else:
                lines.append(" " * indent + "-")
                write(item, indent + 2, width, indentless, lines)


@st.composite
def documents(draw: st.DrawFn) -> str:
    root = draw(st.lists(st.tuples(KEYS, trees(1)), min_size=1, max_size=4))
    lines: List[str] = []
    write(root, 0, draw(st.sampled_from([1, 2, 4])), draw(st.booleans()), lines)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(lines) - 1))
        lines.insert(at, draw(st.sampled_from(["", "# note", "   # note", "  "])))
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        column = draw(st.integers(0, len(line)))
        change = draw(st.sampled_from([" ", "#", ":", "'", "- ", ""]))
        lines[at] = line[:column] + change + line[column + (change == "") :]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))


@settings(max_examples=400, deadline=None)
@given(documents())
def test_generated_documents_are_read_alike_or_declined(text: str) -> None:
    assert_same_or_declined(text)
