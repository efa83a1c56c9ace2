"""The package installs under its own name, as a wheel and as an editable install."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from .conftest import PROJECT


@pytest.mark.parametrize("editable", [False, True], ids=["wheel", "editable"])
def test_installs_with_console_scripts(editable: bool, tmp_path: pathlib.Path) -> None:
    venv = tmp_path / "venv"
    # Reuse the test environment's jsonschema and ruamel.yaml instead of downloading them.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = ["-e", str(PROJECT)] if editable else [str(PROJECT)]
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", *target],
        check=True,
        cwd=tmp_path,
        capture_output=True,
    )
    # Import from a neutral folder, so the checkout's hooks/ folder cannot be what is found.
    shown = subprocess.run(
        [
            str(python),
            "-c",
            "import forge_connect_hooks.check_forge_manifest as m; print(m.__name__)",
        ],
        check=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert shown.stdout.strip() == "forge_connect_hooks.check_forge_manifest"
    manifest = tmp_path / "manifest.yml"
    manifest.write_text("app:\n  id: ari:cloud:ecosystem::app/YOUR-APP-ID\n")
    descriptor = tmp_path / "atlassian-connect.json"
    descriptor.write_text('{"key": "a", "key": "b"}')
    for script, path, expected in (
        ("check-forge-manifest", manifest, "manifest.yml:2:7: FC305"),
        ("check-connect-descriptor", descriptor, "atlassian-connect.json:1:14: FC104"),
    ):
        result = subprocess.run(
            [str(venv / "bin" / script), path.name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert expected in result.stdout
    # The source folder's generic name never becomes an importable package.
    generic = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(u.find_spec('hooks'))"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert generic.stdout.strip() == "None"
