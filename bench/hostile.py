"""Inputs built to be slow, at ten times the size that once took seconds or
minutes: each hook run on one must finish within a second.

Ten times a manifest that was near Forge's 200 KB limit is far over it, and
then the size finding is what is timed; so each such input is also built at
just under the limit, where every check runs on it. Those figures show the
cost is linear (the inputs once took minutes); they have no target of their own.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Callable, Dict, List, Tuple

APP_ID = "ari:cloud:ecosystem::app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64"
LIMIT = 200 * 1024
HEAD = f"app:\n  id: {APP_ID}\n  runtime:\n    name: nodejs22.x\n"

Command = Tuple[List[str], Path]


def _fill(unit: Callable[[int], str], size: int) -> str:
    """Units 0, 1, 2 ... joined until the text is about ``size`` bytes."""
    parts: List[str] = []
    total = 0
    while total < size:
        parts.append(unit(len(parts)))
        total += len(parts[-1])
    return "".join(parts)


def _repo(root: Path, files: Dict[str, str]) -> Path:
    root.mkdir(parents=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    return root


def _descriptor(**extra: object) -> str:
    body = {
        "key": "bench-app",
        "name": "Bench",
        "baseUrl": "https://bench.example.com",
        "authentication": {"type": "jwt"},
        "lifecycle": {"installed": "/installed"},
        **extra,
    }
    return json.dumps(body, indent=2) + "\n"


def _functions(count: int) -> str:
    return "".join(f"    - {{key: handler-{n}, handler: index.run}}\n" for n in range(count))


AT_LIMIT = "199 KB"  # the label of the inputs built just under the size limit


def hostile_commands(work: Path, bin_dir: Path, schema: Path) -> Dict[str, Command]:
    """Each hostile input in its own repository, with the hook command that
    once choked on it."""

    def hook(name: str, *args: str) -> List[str]:
        return [str(bin_dir / name), *args]

    forge = ("--forge-schema", str(schema))
    commands: Dict[str, Command] = {}

    # uniqueItems over a list of objects: 40 KB once took 18.6 s.
    objects = [{"n": n} for n in range(14_000)]
    root = _repo(work / "unique", {"atlassian-connect.json": _descriptor(scopes=objects)})
    commands["descriptor, 400 KB list of objects"] = (
        hook("check-connect-descriptor", "atlassian-connect.json"),
        root,
    )

    # A valid manifest of many modules, each list checked for unique items
    # under Forge's schema: 174 KB once took 84 s.
    for label, size in (("1.7 MB", 1_740_000), (AT_LIMIT, LIMIT - 2_000)):
        modules = _fill(
            lambda n: f"    - {{key: hook-{n}, function: handler-{n % 50}}}\n", size - 3_000
        )
        text = f"{HEAD}modules:\n  function:\n{_functions(50)}  webtrigger:\n{modules}"
        root = _repo(work / f"modules-{label[:3]}", {"manifest.yml": text})
        commands[f"manifest of webtriggers, {label}, Forge schema"] = (
            hook("check-forge-manifest", *forge, "manifest.yml"),
            root,
        )

    # A value against a backtracking pattern of Forge's: 90 KB once took 71 s.
    for label, length in (("900 KB", 900_000), (AT_LIMIT, LIMIT - 2_000)):
        text = (
            f"{HEAD}modules:\n  connect-jira:webItems:\n    - key: w\n      location: x\n"
            f"      name: {{value: N}}\n      styleClasses: [{'a' * length}!]\n"
        )
        root = _repo(work / f"pattern-{label[:3]}", {"manifest.yml": text})
        commands[f"styleClasses value, {label}, Forge schema"] = (
            hook("check-forge-manifest", *forge, "manifest.yml"),
            root,
        )

    # Function references misspelled, each with a suggestion: 200 KB once took 15 s.
    for label, size in (("2 MB", 2_000_000), (AT_LIMIT, LIMIT - 2_000)):
        count = size // 130
        references = "".join(
            f"    - {{key: t{n}, function: handlr-{n}, events: [avi:bitbucket:push]}}\n"
            for n in range(count)
        )
        text = f"{HEAD}modules:\n  function:\n{_functions(count)}  trigger:\n{references}"
        root = _repo(work / f"references-{label[:3]}", {"manifest.yml": text})
        commands[f"misspelled function references, {label}"] = (
            hook("check-forge-manifest", "manifest.yml"),
            root,
        )

    # Unknown scopes, each compared with Forge's 650: 2 000 once took 6 s.
    for label, count in (("20 000", 20_000), (f"6 000 ({AT_LIMIT})", (LIMIT - 3_000) // 33)):
        scopes = "".join(f"    - read:thinq-{n}:bitbucket\n" for n in range(count))
        text = f"{HEAD}modules:\n  function:\n{_functions(1)}permissions:\n  scopes:\n{scopes}"
        root = _repo(work / f"scopes-{count}", {"manifest.yml": text})
        commands[f"unknown scopes, {label}, Forge schema"] = (
            hook("check-forge-manifest", *forge, "manifest.yml"),
            root,
        )

    # --forge-schema on a device: once read until memory ran out.
    commands["--forge-schema /dev/zero"] = (
        hook("check-forge-manifest", "--forge-schema", "/dev/zero", "manifest.yml"),
        _repo(work / "device", {"manifest.yml": HEAD}),
    )

    # Manifests of other tools beside a staged descriptor: 3 000 once cost 6-9 s.
    others = {
        f"tool{n:05d}/manifest.yml": f"applications:\n- name: tool-{n}\n  memory: 64M\n"
        for n in range(30_000)
    }
    others["connect/atlassian-connect.json"] = _descriptor()
    root = _repo(work / "others", others)
    for name in ("check-connect-descriptor", "sync-forge-app-id"):
        commands[f"{name}, 30 000 other manifest.yml"] = (
            hook(name, "connect/atlassian-connect.json"),
            root,
        )
    return commands
