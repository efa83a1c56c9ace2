"""README.md and docs/ keep their promises: users' matter first, the two
commands work and CI runs the second, every link leads somewhere."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
from typing import Iterator, Tuple

import pytest

from .conftest import PROJECT

README = (PROJECT / "README.md").read_text("utf-8")
PAGES = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]


def test_readme_is_for_users_first_and_ends_with_the_two_commands() -> None:
    headings = re.findall(r"^## (.+)$", README, re.MULTILINE)
    assert headings == ["Use", "Recipes", "Try it, test it", "More"]
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    assert len(commands) == 2
    assert README.index(commands[0]) > README.index("## Try it, test it")
    assert "examples/try-it.sh" in commands[0]
    ci = (PROJECT / ".ci" / "run").read_text("utf-8")
    assert commands[1] in ci.splitlines()


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _links() -> Iterator[Tuple[str, str]]:
    for page in PAGES:
        text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.DOTALL)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if not target.startswith(("http://", "https://")):
                yield page.name, target


@pytest.mark.parametrize("page, target", sorted(set(_links())))
def test_every_local_link_leads_to_a_file_and_heading(page: str, target: str) -> None:
    base = PROJECT if page == "README.md" else PROJECT / "docs"
    name, _, anchor = target.partition("#")
    path = (base / name) if name else (base / page)
    assert path.is_file(), target
    if anchor:
        headings = re.findall(r"^#+ (.+)$", path.read_text("utf-8"), re.MULTILINE)
        assert anchor in {_slug(heading) for heading in headings}, target


def test_the_links_test_reads_links() -> None:
    found = set(_links())
    assert ("README.md", "docs/codes.md") in found
    assert any(target.startswith("#fc405") for page, target in found if page == "codes.md")


def test_the_demo_runs_the_hooks_in_readme_order_and_installs_them_once(
    tmp_path: pathlib.Path,
) -> None:
    env = dict(os.environ)
    env["PATH"] = str(pathlib.Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["TMPDIR"] = str(tmp_path)
    env.pop("PRE_COMMIT_HOME", None)
    result = subprocess.run(
        ["sh", str(PROJECT / "examples" / "try-it.sh")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.count("Installing environment") == 1, output
    order = ["sync forgeAppId", "check Connect descriptor", "check Forge manifest"]
    first_run = output.split("== the same app", 1)[0]
    assert [first_run.index(name) for name in order] == sorted(
        first_run.index(name) for name in order
    )
    for code in ("FC202", "FC305", "FC406"):
        assert code in output.split("== the same app", 1)[1]
    assert "(the hooks refused the change, as they should)" in output
