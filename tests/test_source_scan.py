"""The scanner that finds links and app ids in any text: what it reads, and
that it reads any text, however hostile, once and in linear time."""

from __future__ import annotations

import pathlib
import subprocess
import sys
import time
from typing import Callable, List

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from forge_connect_hooks.reading.source_scan import (
    COMPUTED,
    LINK,
    LITERAL,
    Site,
    is_template,
    scan,
)

from .helpers import write

HANG = 60  # seconds: a linear scan of a megabyte takes about one

# Pieces that make the scanner work hardest: keys, separators, quotes,
# escapes, template openers, joiners and the link marker.
PIECES = [
    "forgeAppLink",
    "forge_app_id",
    "FORGE_APP_LINK",
    "ForgeAppId",
    ":",
    "=",
    "=>",
    ":=",
    ",",
    '"',
    "'",
    "`",
    '"""',
    "\\",
    "\\u00",
    ".",
    " ",
    "\n",
    "- ",
    "export ",
    "(",
    "{{",
    "<%",
    "%",
    "%%",
    "+",
    "${",
    "f",
    "r",
    "https://developer.atlassian.com",
    "/console/install/",
    "6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64",
    "?signature=",
    "&product=bitbucket",
]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def check_shape(text: str, sites: List[Site]) -> None:
    end = 0
    for site in sites:
        assert end <= site.offset <= site.end <= len(text)  # in order, never overlapping
        end = site.end
        if site.state == LITERAL:
            assert len(site.offsets) == len(site.value)
            assert list(site.offsets) == sorted(set(site.offsets))
            assert all(site.offset <= at < site.end for at in site.offsets)


@settings(max_examples=400, deadline=None)
@given(texts, st.booleans())
# A bare link never runs into a key's value after it; a line continuation
# in a literal stands for no character.
@example("forgeAppLink/console/install/forgeAppLink:forgeAppLink", False)
@example('forgeAppLink:"\\\n"', False)
def test_any_text_gives_sites_in_order_within_the_text(text: str, data: bool) -> None:
    check_shape(text, scan(text, data=data))
    is_template(text)  # never raises


@pytest.mark.parametrize(
    ("text", "data", "expected"),
    [
        ('link = "https://x.example/console/install/a"', False, [(LINK, LITERAL)]),
        ("FORGE_APP_LINK=https://x.example/console/install/a\n", True, [(LINK, LITERAL)]),
        ('"forgeAppLink": "{{forgeAppLink}}"', True, [(LINK, COMPUTED)]),
        ('forge_app_link: str = BASE + "/console/install/"', False, [(LINK, COMPUTED)]),
        ("see /console/install/ in the docs", False, []),
        # At the very start and the very end of a file: still a link.
        ("https://x.example/console/install/a", False, [(LINK, LITERAL)]),
        ("https://x.example/console/install/a\n", True, [(LINK, LITERAL)]),
    ],
)
def test_what_the_scanner_reads(text: str, data: bool, expected: List[tuple[str, str]]) -> None:
    assert [(site.kind, site.state) for site in scan(text, data=data)] == expected


def test_templates_are_told_from_strings() -> None:
    assert is_template('{{define "descriptor"}}{"key": "a"}{{end}}')
    assert is_template('{"key": "<%= key %>",\n<% if x %>}')
    assert not is_template('{"baseUrl": "{{localBaseUrl}}", "key": "a",}')
    assert not is_template('{"a": "\\" {{ not a block"}')
    # A string left open ends with its line; what follows its quote is outside.
    assert is_template('{"a": "open \\" {{x}}\n}')


SIZE = 1_000_000
# A complete link that blocks (its scheme), 66 characters with the space after it.
BLOCKING_LINK = "http://x/console/install/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64?s=1 "
HOSTILE: List[Callable[[int], str]] = [
    lambda n: "ForgeAppLink x" + ".ForgeAppLink" * (n // 13),  # keys joined by dots
    lambda n: "a forgeAppLink=" * (n // 15),  # unquoted values, none at a line start
    lambda n: "x" * 10 + ' forgeAppLink: "a",' * (n // 19),  # one long line of keys
    lambda n: "forgeAppLink: `" + "\\`" * (n // 2),  # a template literal never closed
    lambda n: '"' + '\\"' * (n // 2),  # escaped quotes: strings that never close
    lambda n: "https://x/console/install/a " * (n // 28),  # a link every few characters
    lambda n: "forge_app " * (n // 10),
    lambda n: '"\\x41' * (n // 5),  # letter escapes in strings that never close
    lambda n: '"forge\\x41ppLink": ' * (n // 20),  # escaped keys without values
    lambda n: "'" + "\\u0041" * (n // 6) + "'",  # one long string of escapes
]


@pytest.mark.parametrize("make", HOSTILE, ids=[f"shape-{i}" for i in range(len(HOSTILE))])
def test_hostile_text_is_read_in_linear_time(make: Callable[[int], str]) -> None:
    # A ten times larger input may cost at most about ten times as much; a
    # quadratic reading would cost a hundred times. Best of three, each way.
    def cost(size: int) -> float:
        text = make(size)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            scan(text, data=False)
            scan(text, data=True)
            is_template(text)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = cost(SIZE // 20), cost(SIZE // 2)
    assert large < 40 * small + 0.05


@pytest.mark.parametrize(
    ("name", "make", "count"),
    [
        ("one-line.txt", lambda n: BLOCKING_LINK * (n // len(BLOCKING_LINK)), SIZE // 66),
        ("chain.go", lambda n: "ForgeAppLink x" + ".ForgeAppLink" * (n // 13), 0),
        # Broken JSON: check-connect-descriptor's to report; no link to judge here.
        ("atlassian-connect.json", lambda n: '"\\"' * (n // 3) + "forgeAppLink", 0),
    ],
    ids=["a-link-every-66-characters", "keys-joined-by-dots", "a-template-check-of-open-strings"],
)
def test_a_megabyte_of_hostile_text_is_no_hang(
    repo_root: pathlib.Path, name: str, make: Callable[[int], str], count: int
) -> None:
    write(repo_root / name, make(SIZE))
    result = subprocess.run(
        [sys.executable, "-m", "forge_connect_hooks.check_forge_app_link", name],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == count
    assert result.returncode == (1 if count else 0)
