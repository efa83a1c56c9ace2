"""README.md and docs/ keep their promises: users' matter first, the two
commands work and CI runs the second, every link leads somewhere."""

from __future__ import annotations

import re
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
