"""What a file held in the last commit, from git, for the checks that compare."""

from __future__ import annotations

import os
from typing import Optional


def committed_text(path: str) -> Optional[str]:
    """``path`` as of HEAD, or None: no repository, no commit, or not tracked."""
    import subprocess  # only when a check compares with the last commit

    relative = os.path.relpath(os.path.abspath(path))
    if relative.startswith(".."):
        return None
    try:
        result = subprocess.run(
            ["git", "show", f"HEAD:./{relative}"], capture_output=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8-sig", "replace")
