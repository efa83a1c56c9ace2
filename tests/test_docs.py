"""README.md keeps its promises: every code listed, the test command is what CI runs."""

from __future__ import annotations

import re

from forge_connect_hooks.reporting import codes

from .conftest import PROJECT

README = (PROJECT / "README.md").read_text("utf-8")


def test_every_code_is_listed_with_its_meaning() -> None:
    listed = dict(re.findall(r"^\| (FC\d{3}) \| (.+) \|$", README, re.MULTILINE))
    assert set(listed) == set(codes.MEANINGS)


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    assert len(commands) >= 2
    assert README.index(commands[0]) < README.index("## Use")
    ci = (PROJECT / ".ci" / "run").read_text("utf-8")
    assert commands[1] in ci.splitlines()
