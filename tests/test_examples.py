"""The realistic example apps in tests/data pass every hook, as they are."""

from __future__ import annotations

import pathlib
from typing import Callable, Optional, Sequence

import pytest

from forge_connect_hooks import (
    check_connect_descriptor,
    check_forge_app_link,
    check_forge_manifest,
    sync_forge_app_id,
)

from .helpers import DATA, run

APPS = sorted(path.name for path in DATA.iterdir() if (path / "manifest.yml").is_file())
HOOKS = {
    "check-connect-descriptor": check_connect_descriptor.main,
    "check-forge-manifest": check_forge_manifest.main,
    "check-forge-app-link": check_forge_app_link.main,
    "sync-forge-app-id": sync_forge_app_id.main,
}


def test_there_are_a_few_example_apps() -> None:
    assert APPS == ["ace-app", "bitbucket-app"]


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_every_hook_passes_the_example(
    hook: str,
    app: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: pathlib.Path,
) -> None:
    monkeypatch.chdir(DATA / app)
    monkeypatch.setenv("FORGE_CONNECT_HOOKS_CACHE", str(tmp_path / "cache"))
    main: Callable[[Optional[Sequence[str]]], int] = HOOKS[hook]
    files = (
        ["manifest.yml"]
        if hook == "check-forge-manifest"
        else ["atlassian-connect.json", "manifest.yml"]
    )
    before = {name: pathlib.Path(name).read_bytes() for name in files}
    assert run(main, files, capsys) == (0, [])
    assert {name: pathlib.Path(name).read_bytes() for name in files} == before
