"""The test suite writes nothing outside its temporary folders."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

from .conftest import FORGE_MANIFEST_PACKAGE

PROJECT = pathlib.Path(__file__).resolve().parent.parent


def test_the_users_home_and_cache_are_untouched(
    tmp_path: pathlib.Path, forge_manifest_package: pathlib.Path
) -> None:
    """Tests that look for the Forge CLI (and so ask npm, and cache the answer)
    and that run the hooks, run with an empty home: it stays empty. (They use
    the Forge package this run installed, so npm installs nothing twice.)"""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home))
    env[FORGE_MANIFEST_PACKAGE] = str(forge_manifest_package)
    for name in ("XDG_CACHE_HOME", "FORGE_CONNECT_HOOKS_CACHE", "npm_config_cache", "CI"):
        env.pop(name, None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",  # within one worker of the outer run: no workers of its own
            "tests/test_forge_schema.py",
            "tests/test_check_forge_manifest.py",
            "tests/test_sync_forge_app_id.py",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "passed" in result.stdout
    assert sorted(path.name for path in home.rglob("*")) == []
