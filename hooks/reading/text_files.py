"""Any text file, read as the link hook reads it: rejected on its bytes when
it surely holds no link, before anything heavy is imported; decoded so that
an odd byte elsewhere (a Latin-1 comment) never hides a link."""

from __future__ import annotations

import os
from typing import BinaryIO, Union

from ..reporting.findings import Finding
from .documents import Text, cannot_open, not_a_file
from .problems import TOO_LARGE
from .source_scan import has_candidates

# Far above any source file that holds a descriptor; a larger text file is
# searched for markers in pieces, never read whole.
MAX_SCAN_BYTES = 8 * 1024 * 1024
_PIECE = 1024 * 1024
_OVERLAP = 64  # longer than any marker, so none is cut in two between pieces


# Opening never waits (a FIFO), and the bytes come without a buffer object:
# every text file of every commit is opened here, most to be read once.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def candidate_bytes(path: str) -> Union[bytes, Finding, None]:
    """A file's bytes when they may hold a link; None when they surely do not
    (or the file is binary); else the finding why the file could not be read."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return _not_opened(path, error)
    try:
        status = os.fstat(descriptor)
        refused = not_a_file(path, status.st_mode)
        if refused is not None:
            return refused
        data = _read(descriptor, status.st_size)
        if len(data) > MAX_SCAN_BYTES:
            with os.fdopen(descriptor, "rb", closefd=False) as stream:
                return _search_pieces(path, stream, data)
    except OSError as error:
        return cannot_open(path, error)
    finally:
        os.close(descriptor)
    wide = _utf16(data)
    if wide is not None:
        data = wide  # a UTF-16 text file: NUL bytes, but text, as pre-commit says
    elif data.find(b"\0", 0, 8192) != -1:
        return None
    if not has_candidates(data):
        return None
    return data


def _read(descriptor: int, size: int) -> bytes:
    """Up to ``MAX_SCAN_BYTES + 1`` bytes: the size said, and more if the file
    grew meanwhile."""
    wanted = min(size, MAX_SCAN_BYTES) + 1
    data = os.read(descriptor, wanted)
    if len(data) < wanted:
        return data  # a regular file's read is short only at its end
    while len(data) <= MAX_SCAN_BYTES:
        more = os.read(descriptor, MAX_SCAN_BYTES + 1 - len(data))
        if not more:
            break
        data += more
    return data


def _not_opened(path: str, error: OSError) -> Finding:
    """Why a path could not be opened: what it is, when it is no file."""
    try:
        refused = not_a_file(path, os.stat(path).st_mode)
    except OSError:
        refused = None
    return refused if refused is not None else cannot_open(path, error)


def _utf16(data: bytes) -> Union[bytes, None]:
    """A UTF-16 file (by its byte order mark) as UTF-8, its characters unchanged."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.startswith(b"\xff\xfe\0\0"):
        return None  # no BOM, or UTF-32's
    return data.decode("utf-16", "replace").encode("utf-8")


def _search_pieces(path: str, stream: BinaryIO, head: bytes) -> Union[Finding, None]:
    """A text file too large to check: a finding only when it holds a marker."""
    read = stream.read
    tail = head[-_OVERLAP:]
    found = has_candidates(head)
    while not found:
        piece = read(_PIECE)
        if not piece:
            return None
        found = has_candidates(tail + piece)
        tail = piece[-_OVERLAP:]
    why = f"over {MAX_SCAN_BYTES} bytes, too large to check its install links"
    return Finding(path, 1, 1, TOO_LARGE, why)


def decoded(path: str, data: bytes) -> Text:
    """Any text file's characters: links are ASCII, so an odd byte elsewhere
    (a Latin-1 comment) must not hide them."""
    has_bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3 if has_bom else 0 :].decode("utf-8", "replace")
    return Text(path, data, text, has_bom)
