"""The names a handler file exports, read in the forms Forge's handler linter
reads, without a parser, in time linear in the text. Node and @forge/lint are
the oracle in test_lint_differential.py; these cases say the forms plainly."""

from __future__ import annotations

import random
import time

import pytest

from forge_connect_hooks.reading.js_exports import exported_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("export const run = () => {};", {"run"}),
        ("export let a = 1; export var b = 2;", {"a", "b"}),
        ("export async function run() {}", {"run"}),
        ("export function *gen() {}", {"gen"}),
        ("export declare function typed(): void;", {"typed"}),
        ("export { a, b as c, type T };", {"a", "c", "T"}),
        ("export {\n  a, // the first\n  b,\n} from './x';", {"a", "b"}),
        ("exports.run = 1; module.exports.other = 2;", {"run", "other"}),
        ("module . exports . spaced = 1;", {"spaced"}),
        (
            "module.exports = { a, b: 1, async c() {}, get d() { return 1 }, *e() {} };",
            set("abcde"),
        ),
        ("exports = {\n  a: { inner: 1 },\n  b: [1, 2],\n  c: f(x, y),\n};", {"a", "b", "c"}),
        ("export default function run() {}", set()),
        ("export * from './impl';", set()),
        ("export class Run {}", set()),
        ("export const { a } = x;", set()),
        ("// export const a = 1;\n/* export const b = 1; */", set()),
        ("const s = 'export const a = 1'; const t = `exports.b = ${c}`;", set()),
        ("reexport.run = 1; myexports.run = 2;", set()),
        ("module.exports == { a };", set()),
    ],
)
def test_exported_names(text: str, names: set[str]) -> None:
    assert exported_names(text) == names


def test_an_object_is_read_once_and_the_scan_goes_on_after_it() -> None:
    text = "module.exports = { a: { exports.b }, c };\nexport const d = 1;"
    assert exported_names(text) == {"a", "c", "d"}


def test_an_unclosed_object_ends_at_the_end_of_the_text() -> None:
    assert exported_names("module.exports = { a, b: {") == {"a", "b"}


@pytest.mark.parametrize(
    "unit",
    ["exports = {", "export {", "export const ", "module.exports.", "exports = { a: (", "'", "/*"],
)
def test_hostile_text_is_read_in_time_linear_in_its_size(unit: str) -> None:
    def seconds(count: int) -> float:
        text = unit * count
        started = time.perf_counter()
        exported_names(text)
        return time.perf_counter() - started

    small, large = min(seconds(5000) for _ in range(3)), min(seconds(40000) for _ in range(3))
    # Eight times the text: linear is about 8 times the time, quadratic 64.
    assert large < 30 * max(small, 1e-4), (small, large)


def test_any_text_is_read_without_error() -> None:
    chance = random.Random(6)
    alphabet = "export s{}()[],;=.:*'\"`/\\\n async function const module x"
    for _ in range(3000):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(0, 60)))
        assert all(name.isidentifier() or "$" in name for name in exported_names(text))
