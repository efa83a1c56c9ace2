"""A link wrapped in prose, markup or a language's string syntax is judged as
a customer would read it: a valid one passes, a broken one blocks at its line."""

from __future__ import annotations

import pathlib
from typing import Callable, List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forge_connect_hooks.check_forge_app_link import main

from .envelope import link
from .helpers import run

Capsys = pytest.CaptureFixture[str]
Wrapper = Tuple[str, Callable[[str], str]]


def _json_escaped(url: str) -> str:
    return url.replace("/", "\\/")


def _js_escaped(url: str) -> str:
    return url.replace("/", "\\u002F")


def _entities(url: str) -> str:
    return url.replace("&", "&amp;")


def _properties(url: str) -> str:
    return url.replace(":", "\\:").replace("=", "\\=")


# (file name, the file's text around the link)
WRAPPERS: List[Wrapper] = [
    ("notes.md", lambda url: f"Install the app from `{url}`.\n"),
    ("notes.md", lambda url: f"See [the Forge app]({url}).\n\n- one\n+ two\n"),
    ("notes.md", lambda url: f"Install: {url}.\n"),
    ("notes.rst", lambda url: f"Install from ``{url}``\n"),
    ("page.html", lambda url: f"<p><code>{_entities(url)}</code></p>\n"),
    ("config.xml", lambda url: f"<forgeAppLink>{_entities(url)}</forgeAppLink>\n"),
    ("guide.tex", lambda url: f"Install: \\url{{{url}}}\n"),
    ("app.js", lambda url: f'const link = "{url}";\n'),
    ("app.js", lambda url: f'const link = "{_js_escaped(url)}";\n'),
    ("data.json", lambda url: f'{{"install": "{_json_escaped(url)}"}}\n'),
    ("app.py", lambda url: f'LINK = "{url}"\n'),
    ("App.cs", lambda url: f'var link = @"{url}";\n'),
    ("app.cpp", lambda url: f'auto link = R"({url})";\n'),
    ("config.yml", lambda url: f"install: >-\n  {url}\n"),
    ("config.yml", lambda url: f"install: &link {url}\n"),
    ("app.properties", lambda url: f"forgeAppLink={_properties(url)}\n"),
]
GOOD = link()
# Each a complete link gone wrong: a look-alike host, a cut signature.
BAD = [
    GOOD.replace("atlassian.com", "atlassian.co"),
    GOOD[: GOOD.index("&product") - 9] + GOOD[GOOD.index("&product") :],
]
PROSE = st.text(alphabet="abcdefghij klmnop", max_size=30).map(lambda words: words.strip())


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir(exist_ok=True)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    wrapper=st.sampled_from(WRAPPERS),
    before=PROSE,
    bad=st.sampled_from([None, *BAD]),
)
def test_a_wrapped_link_is_judged_as_its_reader_sees_it(
    wrapper: Wrapper, before: str, bad: str, capsys: Capsys
) -> None:
    name, wrap = wrapper
    lead = f"{before}\n\n" if before else ""
    pathlib.Path(name).write_text(lead + wrap(bad or GOOD), encoding="utf-8")
    status, lines = run(main, [name], capsys)
    if bad is None:
        assert (status, lines) == (0, []), (name, wrap(GOOD))
    else:
        assert status == 1, (name, wrap(bad))
        line = lead.count("\n") + 1 + (1 if name == "config.yml" and ">-" in wrap(bad) else 0)
        assert all(found.startswith(f"{name}:{line}:") for found in lines), lines
