"""Asking git one question: what a command prints, or None when git does not
answer (no git, no repository, a failing command)."""

from __future__ import annotations

from typing import Optional


def output(*args: str, timeout: float = 30) -> Optional[bytes]:
    """What ``git ARGS`` prints on success, else None."""
    import subprocess  # only when a check needs to ask the repository

    try:
        result = subprocess.run(["git", *args], capture_output=True, check=False, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
