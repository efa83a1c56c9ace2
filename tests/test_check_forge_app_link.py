"""check-forge-app-link over real files: where findings point, and what pairs with what."""

from __future__ import annotations

import json
import pathlib

import pytest

from forge_connect_hooks.check_forge_app_link import main

from .envelope import link
from .helpers import (
    APP_ID,
    APP_UUID,
    OTHER_ID,
    OTHER_UUID,
    codes_of,
    descriptor,
    manifest_text,
    run,
    write,
)

Capsys = pytest.CaptureFixture[str]
GOOD = link()


pytestmark = pytest.mark.usefixtures("repo_root")


def check(capsys: Capsys, *args: str) -> tuple[int, list[str]]:
    return run(main, args, capsys)


def test_no_link_passes_silently(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor())
    assert check(capsys, "atlassian-connect.json") == (0, [])


def test_the_console_link_of_the_paired_app_passes(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text(APP_ID))
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=APP_ID, forgeAppLink=GOOD))
    assert check(capsys, "atlassian-connect.json", "manifest.yml") == (0, [])


def test_the_finding_points_at_the_offending_character(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    bad = GOOD.replace("developer.atlassian.com", "developer.atlassian.com.evil.example")
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppLink=bad))
    status, lines = check(capsys, "atlassian-connect.json")
    # Line 12 is `  "forgeAppLink": "https://...`: the value's quote is column 19.
    assert status == 1
    assert lines == [
        "atlassian-connect.json:12:28: FC404 forgeAppLink: look-alike host "
        "'developer.atlassian.com.evil.example'; it must be exactly 'developer.atlassian.com'"
    ]


def test_with_json_escapes_the_finding_still_points_at_the_character(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    bad = GOOD.replace("developer.atlassian.com", "developer.atlassian.net")
    text = json.dumps(descriptor(forgeAppLink=bad), indent=2).replace("://", ":\\/\\/")
    write(tmp_path / "atlassian-connect.json", text)
    status, lines = check(capsys, "atlassian-connect.json")
    # `"https:\/\/developer...`: the quote is column 19, the host starts at column 30.
    assert lines[0].startswith("atlassian-connect.json:12:30: FC404 forgeAppLink:")


def test_link_must_install_the_manifest_app(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text(OTHER_ID))
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppLink=GOOD))
    status, lines = check(capsys, "atlassian-connect.json")
    assert lines == [
        f"atlassian-connect.json:12:68: FC410 forgeAppLink: the link installs app {APP_UUID}, "
        f"but this app is {OTHER_UUID} (app.id in manifest.yml:6): copy this app's install "
        "link from the developer console (the app's Distribution page)"
    ]


def test_link_must_install_the_forge_app_id_app(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=OTHER_ID, forgeAppLink=GOOD))
    status, lines = check(capsys, "atlassian-connect.json")
    assert codes_of(lines) == ["FC411"]
    assert "but forgeAppId (line 12) is app" in lines[0]


def test_a_staged_manifest_rechecks_the_links_that_point_at_it(
    tmp_path: pathlib.Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    (tmp_path / ".git").rmdir()
    subprocess.run(["git", "init", "-q"], check=True)
    write(tmp_path / "manifest.yml", manifest_text(APP_ID))
    write(tmp_path / "app" / "atlassian-connect.json", descriptor(forgeAppLink=GOOD))
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "app"],
        check=True,
    )
    write(tmp_path / "manifest.yml", manifest_text(OTHER_ID))  # the app id changes
    subprocess.run(["git", "add", "manifest.yml"], check=True)
    status, lines = check(capsys, "manifest.yml")
    assert status == 1
    assert codes_of(lines) == ["FC410"]
    assert lines[0].startswith("app/atlassian-connect.json:12:")


def test_link_must_be_a_string(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppLink=["x"]))
    status, lines = check(capsys, "atlassian-connect.json")
    assert lines == ["atlassian-connect.json:12:19: FC401 forgeAppLink must be a string"]


def test_product_option(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppLink=link(products=("jira",))))
    status, lines = check(capsys, "atlassian-connect.json")
    assert codes_of(lines) == ["FC407"]
    assert check(capsys, "--product", "jira", "atlassian-connect.json") == (0, [])


def test_a_broken_descriptors_links_are_judged_as_text(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    """The key twice is check-connect-descriptor's finding (FC104); here each
    link is judged where it stands, the one Bitbucket would serve included."""
    evil = GOOD.replace("developer.atlassian.com", "evil.example")
    text = '{"forgeAppLink": "' + GOOD + '", "forgeAppLink": "' + evil + '"}'
    write(tmp_path / "atlassian-connect.json", text)
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert codes_of(lines) == ["FC404"]
    host = text.index("evil.example") + 1
    assert lines[0].startswith(f"atlassian-connect.json:1:{host}: ")


def test_a_link_missing_a_product_of_the_manifest_is_cut_short(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    extra = "  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\n"
    text = manifest_text(APP_ID).replace("modules:\n", "modules:\n" + extra)
    write(tmp_path / "manifest.yml", text)
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppLink=GOOD))
    status, lines = check(capsys, "atlassian-connect.json")
    assert codes_of(lines) == ["FC407"]
    assert "does not install into jira" in lines[0]
    both = link(products=("bitbucket", "jira"))
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppLink=both))
    assert check(capsys, "atlassian-connect.json") == (0, [])
