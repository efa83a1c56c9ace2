"""The import declarations read from JavaScript and TypeScript text, as a
parser would read them, and in time linear in the text."""

from __future__ import annotations

import random

import pytest

from forge_connect_hooks.reading.js_imports import imports


def _read(text: str) -> list[tuple[str, list[str]]]:
    return [(found.module, [name for name, _ in found.names]) for found in imports(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("import { sql } from '@forge/sql';", [("@forge/sql", ["sql"])]),
        ('import sql from "@forge/sql"', [("@forge/sql", ["default"])]),
        ("import * as kvs from '@forge/kvs'", [("@forge/kvs", ["*"])]),
        (
            "import api, { storage as s, route } from '@forge/api'",
            [("@forge/api", ["default", "storage", "route"])],
        ),
        ("import api, * as all from '@forge/api'", [("@forge/api", ["*"])]),
        ("import type { Result } from '@forge/sql'", [("@forge/sql", ["Result"])]),
        ("import { type Result, sql } from '@forge/sql'", [("@forge/sql", ["Result", "sql"])]),
        (
            "import {\n  sql, // the client\n  x,\n} from '@forge/sql'",
            [("@forge/sql", ["sql", "x"])],
        ),
        ("import{sql}from'@forge/sql'", [("@forge/sql", ["sql"])]),
    ],
)
def test_declarations_are_read(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "// import { sql } from '@forge/sql'",
        "/* import { sql } from '@forge/sql' */",
        "const a = \"import { sql } from '@forge/sql'\";",
        "const a = 'import { sql } from \"@forge/sql\"';",
        "const a = `\nimport { sql } from '@forge/sql'\n`;",
        "const { sql } = require('@forge/sql');",
        "const load = () => import('@forge/sql');",
        "import '@forge/sql';",
        "export { sql } from '@forge/sql';",
        "x.import { sql } from '@forge/sql'",
        "$import { sql } from '@forge/sql'",
        "const url = import.meta.url;",
    ],
)
def test_what_declares_no_binding_is_not_read(text: str) -> None:
    assert _read(text) == []


def test_offsets_point_at_each_name() -> None:
    text = "import api, {\n  storage,\n} from '@forge/api';"
    (found,) = imports(text)
    assert [text[offset : offset + len(name)] for name, offset in found.names[1:]] == ["storage"]
    assert text[found.names[0][1] :].startswith("api")


def test_an_unclosed_comment_or_string_hides_what_follows() -> None:
    assert _read("/* import { a } from 'x'") == []
    assert _read("const s = `import { a } from 'x'") == []
    # A string ends at its line's end, as in JavaScript.
    assert _read("const s = 'abc\nimport { a } from 'x'") == [("x", ["a"])]


def test_hostile_text_is_read_in_one_pass() -> None:
    # Each would take quadratic time if a failed match looked ahead without bound.
    assert imports("import {" * 40000) == []
    assert imports("/*" * 50000) == []
    assert imports("'" * 99999 + "import { a } from 'x'") == []
    assert len(imports("import { a } from 'x';\n" * 20000)) == 20000


def test_any_text_is_read_without_error() -> None:
    chance = random.Random(5)
    alphabet = "import {}*,'\"`/\\\n as from type x@forge/sql;"
    for _ in range(3000):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(0, 60)))
        for found in imports(text):
            assert all(0 <= offset < len(text) for _, offset in found.names)
