"""The one place a git process starts: a command's output, or a long-lived
``git cat-file --batch`` for reading many files of a commit. Every question
the hooks ask the repository goes through here."""

from __future__ import annotations

import os
from typing import IO, Any, Collection, Mapping, Optional, Union

Argument = Union[str, bytes]


def output(
    *args: Argument,
    timeout: float = 30,
    accept: Collection[int] = (0,),
    environ: Optional[Mapping[str, str]] = None,
) -> Optional[bytes]:
    """What ``git ARGS`` prints when it exits with a status in ``accept``,
    else None (no git, no repository, a failing command)."""
    import subprocess  # only when a check needs to ask the repository

    env = None if environ is None else {**os.environ, **environ}
    try:
        result = subprocess.run(
            ["git", *args], capture_output=True, check=False, timeout=timeout, env=env
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode in accept else None


class BatchReader:
    """``git cat-file --batch``, started on the first read: one process reads
    every file a run compares, however many."""

    def __init__(self) -> None:
        self._process: Any = None
        self.broken = False

    def read(self, spec: str) -> Optional[bytes]:
        """The blob ``spec`` names (``REV:./path``), or None: missing, not a
        file, or git failing (after which every read is None)."""
        process = self._start()
        if process is None:
            return None
        stdin: IO[bytes] = process.stdin
        stdout: IO[bytes] = process.stdout
        try:
            stdin.write(f"{spec}\n".encode("utf-8", "surrogateescape"))
            stdin.flush()
            header = stdout.readline().split()
            if len(header) != 3:
                return None  # "<name> missing": nothing follows
            # Whatever the object (a folder then is a tree), its body is read,
            # so the next answer starts where it should.
            data = stdout.read(int(header[2]))
            stdout.read(1)  # the newline after each object
        except (OSError, ValueError):
            self.broken = True
            return None
        return data if header[1] == b"blob" else None

    def _start(self) -> Any:
        if self._process is None and not self.broken:
            import subprocess  # only when a check compares with a commit

            try:
                self._process = subprocess.Popen(
                    ["git", "cat-file", "--batch"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                self.broken = True
        return None if self.broken else self._process

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=30)
            self._process.stdout.close()
            self._process = None
