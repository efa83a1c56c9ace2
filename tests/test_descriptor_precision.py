"""A finding that blocks is one Bitbucket would refuse; each product by its own rules.

Each class of form seen in the descriptors of shipped apps passes; each real
problem fails at its line. Descriptors of other products get no Bitbucket
finding at all.
"""

from __future__ import annotations

import json
import pathlib
import shutil
from typing import Any, Dict, List, Tuple

import pytest

from forge_connect_hooks.check_connect_descriptor import main as check_main
from forge_connect_hooks.check_forge_app_link import main as link_main
from forge_connect_hooks.sync_forge_app_id import main as sync_main

from .envelope import link
from .helpers import APP_ID, DATA, codes_of, descriptor, manifest_text, run, write

Capsys = pytest.CaptureFixture[str]
FIXTURES = DATA / "descriptors"
NAME = "atlassian-connect.json"
OTHER_PRODUCTS = ["jira-app.json", "confluence-app.json", "hipchat-app.json"]


@pytest.fixture(autouse=True)
def _in_a_repository(repo_root: pathlib.Path) -> pathlib.Path:
    return repo_root


def check(capsys: Capsys, *args: str) -> Tuple[int, List[str]]:
    return run(check_main, [*args, NAME], capsys)


def put(fixture: str, **changes: Any) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads((FIXTURES / fixture).read_text())
    data.update(changes)
    write(pathlib.Path(NAME), data)
    return data


def line_of(text: str) -> int:
    """The line of ``text`` in the descriptor as written."""
    lines = pathlib.Path(NAME).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


# -- the forms shipped Bitbucket apps use pass ------------------------------------------


def test_the_forms_of_shipped_bitbucket_apps_pass_silently(capsys: Capsys) -> None:
    """Singular module keys, JWT in capitals, a vendor URL without https, an
    undocumented module type."""
    shutil.copy(FIXTURES / "bitbucket-shipped-forms.json", NAME)
    assert check(capsys) == (0, [])


DIALOG = '"dialogModule": ['


def test_an_undocumented_module_type_is_only_a_note(capsys: Capsys) -> None:
    shutil.copy(FIXTURES / "bitbucket-shipped-forms.json", NAME)
    status, lines = check(capsys, "-v")
    assert status == 0
    assert f"{NAME}:{line_of(DIALOG)}:5: FC908 key 'dialogModule' in modules" in "\n".join(lines)


@pytest.mark.parametrize("url", ["http://example.com", "example.com", "https://example.com"])
def test_vendor_url_is_any_url(capsys: Capsys, url: str) -> None:
    write(pathlib.Path(NAME), descriptor(vendor={"name": "Example", "url": url}))
    assert check(capsys) == (0, [])


@pytest.mark.parametrize("base_url", ["{{localBaseUrl}}", "${addon.base-url}"])
def test_a_templated_base_url_passes(capsys: Capsys, base_url: str) -> None:
    write(pathlib.Path(NAME), descriptor(baseUrl=base_url))
    assert check(capsys) == (0, [])


def test_a_module_key_up_to_128_characters_passes(capsys: Capsys) -> None:
    item = {"key": "k" * 128, "url": "/p", "name": {"value": "P"}}
    write(pathlib.Path(NAME), descriptor(modules={"repoPages": [item]}))
    assert check(capsys) == (0, [])


# -- real problems fail at their line ----------------------------------------------------


def test_a_module_key_too_long_says_too_long(capsys: Capsys) -> None:
    item = {"key": "k" * 129, "url": "/p", "name": {"value": "P"}}
    write(pathlib.Path(NAME), descriptor(modules={"repoPages": [item]}))
    status, lines = check(capsys)
    assert status == 1
    assert codes_of(lines) == ["FC201"]
    assert "is too long: 129 characters, at most 128" in lines[0]
    assert "letters, digits" not in lines[0]


@pytest.mark.parametrize(("context", "code"), [("repository", "FC201"), ("personal", "FC203")])
def test_a_context_other_than_account_blocks(capsys: Capsys, context: str, code: str) -> None:
    write(pathlib.Path(NAME), descriptor(contexts=["account", context]))
    status, lines = check(capsys)
    assert status == 1
    assert codes_of(lines) == [code]
    assert lines[0].startswith(f"{NAME}:{line_of(json.dumps(context))}:")


def test_missing_required_keys_are_named_together(capsys: Capsys) -> None:
    write(pathlib.Path(NAME), descriptor(lifecycle=None, authentication=None))
    status, lines = check(capsys)
    assert lines == [
        f"{NAME}:1:1: FC201 the root: missing required keys 'authentication', 'lifecycle'"
    ]


@pytest.mark.parametrize(
    ("module_type", "meant"),
    [("webItmes", "webItems"), ("repoPagess", "repoPages"), ("WebPanels", "webPanels")],
)
def test_a_near_miss_of_a_module_type_blocks(capsys: Capsys, module_type: str, meant: str) -> None:
    item = {"key": "a", "url": "/a", "location": "x", "name": {"value": "A"}}
    write(pathlib.Path(NAME), descriptor(modules={module_type: [item]}))
    status, lines = check(capsys)
    assert status == 1
    assert lines == [
        f"{NAME}:{line_of(module_type)}:5: FC202 unknown key {module_type!r} in modules; "
        f"did you mean {meant!r}?"
    ]


def test_a_scope_bitbucket_does_not_have_blocks(capsys: Capsys) -> None:
    write(
        pathlib.Path(NAME), descriptor(scopes=["repository", "pullrequests"], contexts=["account"])
    )
    status, lines = check(capsys)
    assert codes_of(lines) == ["FC201"]
    assert "did you mean 'pullrequest'?" in lines[0]


def test_unknown_keys_under_links_block_as_bitbucket_refuses_them(capsys: Capsys) -> None:
    write(pathlib.Path(NAME), descriptor(links={"terms": "https://t.example"}))
    status, lines = check(capsys)
    assert codes_of(lines) == ["FC202"]


@pytest.mark.parametrize("typo", ["forgeAppID", "forge_app_id", "forgeAppLnk"])
def test_a_typo_of_a_forge_key_blocks(capsys: Capsys, typo: str) -> None:
    write(pathlib.Path(NAME), descriptor(**{typo: APP_ID}))
    status, lines = check(capsys)
    assert codes_of(lines) == ["FC202"]
    assert lines[0].startswith(f"{NAME}:{line_of(typo)}:3:")


# -- other products: their own rules, never Bitbucket's ---------------------------------------


@pytest.mark.parametrize("fixture", OTHER_PRODUCTS)
def test_other_products_pass_the_default_hooks_silently(capsys: Capsys, fixture: str) -> None:
    shutil.copy(FIXTURES / fixture, NAME)
    write(pathlib.Path("manifest.yml"), manifest_text(APP_ID))
    before = pathlib.Path(NAME).read_bytes()
    for main in (check_main, link_main, sync_main):
        assert run(main, [NAME], capsys) == (0, [])
    assert pathlib.Path(NAME).read_bytes() == before


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("jira-app.json", "a Jira descriptor (module type 'jiraIssueGlances')"),
        ("confluence-app.json", "a Confluence descriptor (module type 'dynamicContentMacros')"),
        ("hipchat-app.json", "a HipChat descriptor (root key 'capabilities')"),
    ],
)
def test_a_note_says_which_product_and_why(capsys: Capsys, fixture: str, words: str) -> None:
    shutil.copy(FIXTURES / fixture, NAME)
    status, lines = check(capsys, "-v")
    assert status == 0
    notes = [line for line in lines if "FC907" in line]
    assert len(notes) == 1 and words in notes[0], lines
    assert "Bitbucket's descriptor rules are not applied" in notes[0]


@pytest.mark.parametrize("fixture", OTHER_PRODUCTS)
def test_other_products_fail_on_a_broken_forge_app_id(capsys: Capsys, fixture: str) -> None:
    put(fixture, forgeAppId="ari:cloud:ecosystem::app/NOT-A-UUID")
    status, lines = check(capsys)
    assert status == 1
    assert codes_of(lines) == ["FC204"]
    assert lines[0].startswith(f"{NAME}:{line_of('forgeAppId')}:")


@pytest.mark.parametrize("fixture", OTHER_PRODUCTS)
def test_other_products_fail_on_a_typo_of_a_forge_key(capsys: Capsys, fixture: str) -> None:
    put(fixture, forgeAppID=APP_ID)
    status, lines = check(capsys)
    assert lines == [
        f"{NAME}:{line_of('forgeAppID')}:3: FC202 unknown key 'forgeAppID' in the root; "
        "did you mean 'forgeAppId'?"
    ]


@pytest.mark.parametrize("fixture", OTHER_PRODUCTS)
def test_other_products_fail_on_broken_json(capsys: Capsys, fixture: str) -> None:
    text = (FIXTURES / fixture).read_text()
    pathlib.Path(NAME).write_text(text.replace('"name"', '"name" "', 1))
    status, lines = check(capsys)
    assert codes_of(lines) == ["FC103"]


def test_a_jira_link_must_install_into_jira(capsys: Capsys) -> None:
    put("confluence-app.json", forgeAppLink=link(products=("confluence",)))
    assert run(link_main, [NAME], capsys) == (0, [])
    put("confluence-app.json", forgeAppLink=link(products=("bitbucket",)))
    status, lines = run(link_main, [NAME], capsys)
    assert codes_of(lines) == ["FC407"]
    assert "expected product=confluence" in lines[0]


def test_a_generic_jira_or_confluence_link_may_be_either(capsys: Capsys) -> None:
    """Upper-case scopes say Jira or Confluence, not which: either product passes."""
    generic = {"generalPages": [{"key": "p", "url": "/p", "name": {"value": "P"}}]}
    for product in ("jira", "confluence"):
        put("jira-app.json", modules=generic, forgeAppLink=link(products=(product,)))
        assert run(link_main, [NAME], capsys) == (0, [])
    put("jira-app.json", modules=generic, forgeAppLink=link(products=("bitbucket",)))
    status, lines = run(link_main, [NAME], capsys)
    assert "expected product=jira or product=confluence" in lines[0]


def test_the_product_option_forces_bitbucket_rules(capsys: Capsys) -> None:
    shutil.copy(FIXTURES / "confluence-app.json", NAME)
    status, lines = check(capsys, "--product", "bitbucket")
    assert status == 1
    assert "FC201" in codes_of(lines)


def test_the_fixer_never_adds_forge_app_id_to_another_product(capsys: Capsys) -> None:
    shutil.copy(FIXTURES / "jira-app.json", NAME)
    write(pathlib.Path("manifest.yml"), manifest_text(APP_ID))
    before = pathlib.Path(NAME).read_bytes()
    status, lines = run(sync_main, ["-v", NAME], capsys)
    assert status == 0
    assert codes_of(lines) == ["FC907"]
    assert pathlib.Path(NAME).read_bytes() == before
