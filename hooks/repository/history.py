"""What a file held in the last commit, from git, for the checks that compare.

One ``git diff`` says which files changed since the last commit, and one
``git cat-file --batch`` process reads those: a run over a thousand files
costs two processes, and unchanged files none of the reading.
"""

from __future__ import annotations

import os
from typing import IO, Any, Optional, Set


class LastCommit:
    """Files as of HEAD; None for a file that is not there (or no git, no commit)."""

    def __init__(self) -> None:
        self._process: Any = None
        self._broken = False
        self._changed: Optional[Set[str]] = None

    def text(self, path: str) -> Optional[str]:
        """``path`` as of HEAD when it changed since; None when it did not
        change, is new, or there is no last commit."""
        relative = os.path.relpath(os.path.abspath(path))
        if self._broken or relative.startswith("..") or "\n" in relative:
            return None
        if relative not in self._changed_files():
            return None
        process = self._start()
        if process is None:
            return None
        stdin: IO[bytes] = process.stdin
        stdout: IO[bytes] = process.stdout
        try:
            stdin.write(f"HEAD:./{relative}\n".encode("utf-8", "surrogateescape"))
            stdin.flush()
            header = stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                return None  # "<name> missing", or not a file
            data = stdout.read(int(header[2]))
            stdout.read(1)  # the newline after each object
        except (OSError, ValueError):
            self._broken = True
            return None
        return data.decode("utf-8-sig", "replace")

    def _changed_files(self) -> Set[str]:
        if self._changed is None:
            import subprocess

            try:
                listed = subprocess.run(
                    ["git", "diff", "--name-only", "-z", "--relative", "HEAD", "--"],
                    capture_output=True,
                    check=False,
                    timeout=30,
                )
            except (OSError, subprocess.SubprocessError):
                listed = None
            names = listed.stdout.decode("utf-8", "surrogateescape") if listed else ""
            ok = listed is not None and listed.returncode == 0
            self._changed = {os.path.normpath(n) for n in names.split("\0") if n} if ok else set()
        return self._changed

    def _start(self) -> Any:
        if self._process is None:
            import subprocess  # only when a check compares with the last commit

            try:
                self._process = subprocess.Popen(
                    ["git", "cat-file", "--batch"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                self._broken = True
        return self._process

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=30)
            self._process.stdout.close()
            self._process = None
