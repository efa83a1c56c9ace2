"""The one place a git process starts: a command's output, or a long-lived
``git cat-file --batch`` for reading many files of a commit. Every question
the hooks ask the repository goes through here."""

from __future__ import annotations

import os
from typing import IO, Any, Collection, Dict, List, Mapping, Optional, Sequence, Tuple, Union

Argument = Union[str, bytes]


def output(
    *args: Argument,
    timeout: float = 30,
    accept: Collection[int] = (0,),
    environ: Optional[Mapping[str, str]] = None,
) -> Optional[bytes]:
    """What ``git ARGS`` prints when it exits with a status in ``accept``,
    else None (no git, no repository, a failing command, or no answer
    within ``timeout`` seconds)."""
    return outputs([args], timeout=timeout, accept=accept, environ=environ)[0]


def outputs(
    commands: Sequence[Sequence[Argument]],
    *,
    timeout: float = 30,
    accept: Collection[int] = (0,),
    environ: Optional[Mapping[str, str]] = None,
) -> List[Optional[bytes]]:
    """What each command prints, as :func:`output` says. The commands run side
    by side: two questions asked together cost the time of one."""
    env = os.environ if environ is None else {**os.environ, **environ}
    if not hasattr(os, "posix_spawnp"):
        return [_accepted(_run(["git", *args], env, timeout), accept) for args in commands]
    import time

    deadline = time.monotonic() + timeout
    started = [_spawn(["git", *(os.fsdecode(arg) for arg in args)], env) for args in commands]
    return [_accepted(answer, accept) for answer in _collect(started, deadline)]


def _accepted(answer: Optional[Tuple[int, bytes]], accept: Collection[int]) -> Optional[bytes]:
    return answer[1] if answer is not None and answer[0] in accept else None


def _spawn(argv: List[str], env: Mapping[str, str]) -> Optional[Tuple[int, int]]:
    """``argv`` started with posix_spawn, its output to a pipe: its process id
    and the pipe's end to read. (The subprocess module alone would cost a
    hook's start-up more than the git it runs.)"""
    reading, writing = os.pipe()
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        pid = os.posix_spawnp(
            argv[0],
            argv,
            env,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, devnull, 0),
                (os.POSIX_SPAWN_DUP2, writing, 1),
                (os.POSIX_SPAWN_DUP2, devnull, 2),
            ],
        )
    except (OSError, ValueError):  # ValueError: an argument holds a NUL byte
        os.close(reading)
        return None
    finally:
        os.close(writing)
        os.close(devnull)
    return pid, reading


def _collect(
    started: Sequence[Optional[Tuple[int, int]]], deadline: float
) -> List[Optional[Tuple[int, bytes]]]:
    """Each started process's exit status and output; None for one that did
    not start or did not finish by ``deadline`` (it is killed)."""
    import select
    import time

    chunks: Dict[int, List[bytes]] = {}
    poller = select.poll()
    for process in started:
        if process is not None:
            chunks[process[1]] = []
            poller.register(process[1], select.POLLIN)
    open_pipes = set(chunks)
    try:
        while open_pipes:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for pipe, _ in poller.poll(left * 1000):
                chunk = os.read(pipe, 1 << 16)
                if chunk:
                    chunks[pipe].append(chunk)
                else:
                    poller.unregister(pipe)
                    open_pipes.discard(pipe)
    finally:
        for pipe in chunks:
            os.close(pipe)
    answers: List[Optional[Tuple[int, bytes]]] = []
    for process in started:
        if process is None:
            answers.append(None)
            continue
        pid, pipe = process
        if pipe in open_pipes:
            os.kill(pid, 9)  # SIGKILL: git gave no answer in time
            os.waitpid(pid, 0)
            answers.append(None)
            continue
        _, status = os.waitpid(pid, 0)
        answers.append((os.waitstatus_to_exitcode(status), b"".join(chunks[pipe])))
    return answers


def _run(
    argv: List[Argument], env: Mapping[str, str], timeout: float
) -> Optional[Tuple[int, bytes]]:
    """The same, where posix_spawn is missing (Windows)."""
    import subprocess

    try:
        result = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=timeout,
            env=dict(env),
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return result.returncode, result.stdout


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
            line = stdout.readline()
            header = line.split(b" ")
            if len(header) != 2 or not header[1].rstrip(b"\n").isdigit():
                # "<name> missing" (or ambiguous): nothing follows. The name
                # is the path as given, spaces and all, so only the answer
                # for an object, "<type> <size>", is read by its fields.
                if line.endswith((b" missing\n", b" ambiguous\n")):
                    return None
                raise ValueError(f"git cat-file answered {line[:80]!r}")
            # Whatever the object (a folder then is a tree), its body is read,
            # so the next answer starts where it should.
            data = stdout.read(int(header[1]))
            stdout.read(1)  # the newline after each object
        except (OSError, ValueError):
            self.broken = True
            return None
        return data if header[0] == b"blob" else None

    def _start(self) -> Any:
        if self._process is None and not self.broken:
            import subprocess  # only when a check compares with a commit

            try:
                self._process = subprocess.Popen(
                    # The answer for an object is only its type and size.
                    ["git", "cat-file", "--batch=%(objecttype) %(objectsize)"],
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
