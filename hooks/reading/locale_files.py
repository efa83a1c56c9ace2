"""A Forge app's locale file, read as Forge's translations validator reads it:
``lstat`` first (a folder or a symbolic link is skipped, not followed), then
the bytes as UTF-8 (a bad byte becomes U+FFFD, as node decodes it) and
``JSON.parse``, which takes no BOM, no comments and no NaN.
"""

from __future__ import annotations

import json
import os
import stat
from typing import NamedTuple, Union

# Far beyond any real locale file; a larger one is not judged.
MAX_LOCALE_BYTES = 16 * 1024 * 1024


class Missing(NamedTuple):
    """No such path (or one no system call takes, such as a NUL byte)."""


class NotRegular(NamedTuple):
    """A folder, a symbolic link or a device: Forge reads nothing from it."""

    kind: str


class Broken(NamedTuple):
    """Not JSON as JSON.parse reads it; where it stops being JSON."""

    line: int
    column: int
    reason: str


class Parsed(NamedTuple):
    data: object


class NotJudged(NamedTuple):
    """Too large or too deep to read here: no verdict either way."""


LocaleRead = Union[Missing, NotRegular, Broken, Parsed, NotJudged]


def read_locale(path: str) -> LocaleRead:
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return Missing()
    if not stat.S_ISREG(mode):
        if stat.S_ISLNK(mode):
            return NotRegular("a symbolic link")
        return NotRegular("a folder" if stat.S_ISDIR(mode) else "not a regular file")
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_LOCALE_BYTES + 1)
    except OSError:
        return Missing()
    if len(raw) > MAX_LOCALE_BYTES:
        return NotJudged()
    return parse_locale(raw.decode("utf-8", errors="replace"))


def parse_locale(text: str) -> Union[Broken, Parsed, NotJudged]:
    """``JSON.parse(text)``: Python's decoder decides, with JavaScript's
    refusals; where and why it stops is said by our own strict parser, whose
    words do not change with the Python version."""
    if text.startswith("\ufeff"):
        return Broken(1, 1, "it starts with a byte order mark, which JSON.parse refuses")
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            # JavaScript's numbers, and no int() digit limit to trip on.
            parse_int=float,
        )
    except (json.JSONDecodeError, _NotJSON) as error:
        return _broken(text, error)
    except RecursionError:
        return NotJudged()
    return Parsed(data)


class _NotJSON(ValueError):
    pass


def _refuse_constant(name: str) -> object:
    raise _NotJSON(f"{name} is not JSON")


def _broken(text: str, error: ValueError) -> Broken:
    from .jsontext import JSONProblem, parse_json

    try:
        parse_json(text)
    except JSONProblem as problem:
        line = text.count("\n", 0, problem.offset) + 1
        column = problem.offset - (text.rfind("\n", 0, problem.offset) + 1) + 1
        return Broken(line, column, problem.message)
    except RecursionError:
        pass
    if isinstance(error, json.JSONDecodeError):
        return Broken(error.lineno, error.colno, error.msg)
    return Broken(1, 1, str(error))
