"""Reading files into parsed documents, or into one clear finding.

Everything that can go wrong between a path and a tree of nodes ends here as
a :class:`~.findings.Finding` with a position, never as a traceback.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import List, NamedTuple, Optional, Union

from ..reporting.findings import Finding
from .forge_evidence import is_forge_bytes, is_forge_document
from .nodes import LineIndex, Node, PathItem
from .packagejson import Folders, forge_folder, uses_connect_express
from .problems import MANIFEST_EMPTY, NOT_UTF8, TOO_LARGE, UNREADABLE

# Fifty times the largest real descriptor seen; a larger file would cost
# seconds to check, and a hook must answer at once.
MAX_DESCRIPTOR_BYTES = 1024 * 1024
# Forge refuses manifests over 200 KB.
MAX_MANIFEST_BYTES = 200 * 1024
# A larger manifest.yml is read only far enough to tell whether it is Forge's.
MAX_MANIFEST_READ_BYTES = 10 * 1024 * 1024

_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class Text:
    """A file's decoded text, with enough to map offsets back to positions."""

    def __init__(self, path: str, raw: bytes, text: str, has_bom: bool) -> None:
        self.path = path
        self.raw = raw
        self.text = text
        self.has_bom = has_bom
        self._lines: Optional[LineIndex] = None

    def position(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.position(offset)

    def finding(self, offset: int, code: str, message: str) -> Finding:
        line, col = self.position(offset)
        return Finding(self.path, line, col, code, message)


class Document:
    """A parsed file: its text and the root node."""

    def __init__(self, text: Text, root: Node, *, json5: bool = False) -> None:
        self.source = text
        self.root = root
        self.json5 = json5  # parsed with comments and trailing commas allowed

    @property
    def path(self) -> str:
        return self.source.path

    def line_of(self, node: Node) -> int:
        return self.source.position(node.offset)[0]

    def at(self, node: Node, code: str, message: str) -> Finding:
        return self.source.finding(node.offset, code, message)

    def at_path(
        self, path: list[PathItem], code: str, message: str, *, key: bool = False
    ) -> Finding:
        """A finding at the value (or with ``key``, the key) that ``path`` names."""
        offset = self.root.key_offset(path) if key else None
        if offset is None:
            offset = self.root.find(path).offset
        return self.source.finding(offset, code, message)


# The names Forge reads a manifest by.
MANIFEST_NAMES = ("manifest.yml", "manifest.yaml")


class CannotOpen(Finding):
    """The file's bytes could not be had at all: missing, a folder, no permission."""


class NotParsed(Finding):
    """The text is not JSON (or YAML) at the place given: a syntax error."""


# What reading a descriptor or a manifest comes to: one of three outcomes.


class Loaded(NamedTuple):
    """A document. ``problems`` leave it usable (a duplicate key, a foreign tag)."""

    document: Document
    problems: List[Finding]


class Unreadable(NamedTuple):
    """The file is ours, but gives no document: ``reason`` says why (it cannot
    be opened, is not UTF-8, is too large, or is not JSON or YAML)."""

    reason: Finding


class NotOurs(NamedTuple):
    """Another tool's file of the same name (Kubernetes' manifest.yml): nothing
    to read and nothing to report."""


NOT_OURS = NotOurs()
Read = Union[Loaded, Unreadable, NotOurs]


class Template(NamedTuple):
    """A file named as a descriptor that is a template (Go, ERB), not JSON: not
    broken, and not checked as JSON; ``note`` says so."""

    note: Finding


def not_a_file(path: str, mode: int) -> Optional[CannotOpen]:
    """The finding for what is not a regular file, or None for a file. A FIFO
    or a device would block or never end: only regular files are read."""
    if stat.S_ISDIR(mode):
        return CannotOpen(path, 1, 1, UNREADABLE, "is a directory, not a file")
    if not stat.S_ISREG(mode):
        return CannotOpen(path, 1, 1, UNREADABLE, "not a regular file")
    return None


def cannot_open(path: str, error: OSError) -> CannotOpen:
    """Why a file could not be opened or read, as its finding."""
    if isinstance(error, FileNotFoundError):
        return CannotOpen(path, 1, 1, UNREADABLE, "no such file")
    if isinstance(error, PermissionError):
        return CannotOpen(path, 1, 1, UNREADABLE, "permission denied")
    return CannotOpen(path, 1, 1, UNREADABLE, f"cannot read: {error.strerror or error}")


def read_bytes(path: str, max_bytes: int, what: str = "file") -> Union[bytes, Finding]:
    """A regular file's bytes, or the one finding why they cannot be had."""
    try:
        status = os.stat(path)
        refused = not_a_file(path, status.st_mode)
        if refused is not None:
            return refused
        with open(path, "rb") as stream:
            # A buffer of the file's size, not of the limit: thousands of small
            # files are read in a run. More is read only if the file grew.
            raw = stream.read(min(status.st_size, max_bytes) + 1)
            if status.st_size < len(raw) <= max_bytes:
                raw += stream.read(max_bytes + 1 - len(raw))
    except OSError as error:
        return cannot_open(path, error)
    if len(raw) > max_bytes:
        size = os.path.getsize(path)
        return Finding(
            path,
            1,
            1,
            TOO_LARGE,
            f"{what} is {size} bytes, over the limit of {max_bytes} bytes",
        )
    return raw


def read_text(path: str, max_bytes: int, what: str = "file") -> Union[Text, Finding]:
    raw = read_bytes(path, max_bytes, what)
    return raw if isinstance(raw, Finding) else decode(path, raw)


def wide_encoding(raw: bytes) -> Optional[str]:
    """ "UTF-16" or "UTF-32" when the bytes start with that encoding's BOM."""
    for bom, name in _OTHER_BOMS:
        if raw.startswith(bom):
            return name
    return None


def decode(path: str, raw: bytes) -> Union[Text, Finding]:
    wide = wide_encoding(raw)
    if wide is not None:
        return Finding(path, 1, 1, NOT_UTF8, f"file is {wide}; save it as UTF-8")
    has_bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8) :] if has_bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        good = body[: error.start].decode("utf-8")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        return Finding(
            path,
            line,
            col,
            NOT_UTF8,
            f"byte 0x{body[error.start]:02x} is not UTF-8; save the file as UTF-8",
        )
    return Text(path, raw, text, has_bom)


def load_json(path: str, *, json5: bool) -> Union[Loaded, Unreadable]:
    """Parse a JSON (or JSON5-lite) file; on failure, the one finding why."""
    from .jsontext import JSONProblem, parse_json

    text = read_text(path, MAX_DESCRIPTOR_BYTES, "descriptor")
    if isinstance(text, Finding):
        return Unreadable(text)
    try:
        root = parse_json(text.text, json5=json5)
    except JSONProblem as problem:
        finding = text.finding(problem.offset, problem.code, problem.message)
        return Unreadable(NotParsed(*finding) if problem.syntax else finding)
    return Loaded(Document(text, root, json5=json5), [])


def load_descriptor(path: str, *, json5: bool) -> Union[Loaded, Unreadable]:
    """A Connect descriptor: JSON, or JSON5-lite for atlassian-connect-express apps."""
    return load_json(path, json5=json5 or uses_connect_express(path))


# A top-level app or modules key, quoted or not.
_FORGE_HINT = re.compile(rb"(?m)^(?:app|modules|\"app\"|\"modules\"|'app'|'modules')[ \t]*:")
# The same line as a POSIX extended regular expression of bytes, for git grep
# (a tab byte, not "\t", in the bracket; a UTF-8 BOM may start the line).
FORGE_LINE = b"^(\xef\xbb\xbf)?(app|modules|\"app\"|\"modules\"|'app'|'modules')[ \t]*:"


def load_manifest(path: str, folders: Optional[Folders] = None) -> Read:
    """Parse a Forge manifest.

    A file that is not a Forge manifest gives neither a document nor
    findings: ``manifest.yml`` is a common name and the shared hook config
    must not fail other kinds of repository. It is Forge's on evidence (see
    :mod:`.forge_evidence`): in what it holds, or in its folder (a package.json
    that depends on ``@forge/``, a descriptor beside it). What no YAML tool can
    read (UTF-16, UTF-32) is a finding whatever it holds. ``folders`` shares
    folder look-ups between the manifests of one run.
    """
    from .yamltext import YAMLFailure, parse_yaml

    folders = folders or Folders()
    raw = read_bytes(path, MAX_MANIFEST_READ_BYTES, "manifest")
    if isinstance(raw, Finding):
        if isinstance(raw, CannotOpen) or _looks_like_forge(path):
            return Unreadable(raw)
        return NOT_OURS
    if not _looks_like_forge_bytes(raw) and wide_encoding(raw) is None:
        if not in_forge_app_folder(path, folders):
            # Kubernetes, Cloud Foundry, Helm...: not ours, and neither
            # decoded nor parsed, so thousands of them cost a read each.
            return NOT_OURS

    def evident() -> bool:
        # For a file that cannot be parsed: evidence in its bytes or folder,
        # or both of Forge's top-level keys (a Chrome app has no modules:).
        return (
            is_forge_bytes(raw) or _has_app_and_modules(raw) or in_forge_app_folder(path, folders)
        )

    text = decode(path, raw)
    if isinstance(text, Finding):
        return Unreadable(text) if wide_encoding(raw) is not None or evident() else NOT_OURS
    if len(raw) > MAX_MANIFEST_BYTES:
        if not evident():
            return NOT_OURS
        return Unreadable(
            Finding(
                path,
                1,
                1,
                TOO_LARGE,
                f"manifest is {len(raw)} bytes; Forge accepts at most "
                f"{MAX_MANIFEST_BYTES} bytes (200 KB)",
            )
        )
    try:
        result = parse_yaml(text.text)
    except YAMLFailure as failure:
        if not evident():
            return NOT_OURS
        problem = failure.problem
        return Unreadable(text.finding(problem.offset, problem.code, problem.message))
    root = result.root
    if root is None or not isinstance(root.value, dict):
        if not in_forge_app_folder(path, folders):
            return NOT_OURS
        what = "empty (or only comments)" if root is None else "not a mapping"
        return Unreadable(
            text.finding(
                0 if root is None else root.offset,
                MANIFEST_EMPTY,
                f"the Forge app's manifest is {what}; Forge needs 'app' and 'modules'",
            )
        )
    if not is_forge_document(root) and not _forge_folder_of_mapping(path, root, folders):
        return NOT_OURS  # a top-level app: alone is no Forge manifest (a Chrome app's)
    document = Document(text, root)
    return Loaded(document, [text.finding(p.offset, p.code, p.message) for p in result.problems])


def parse_manifest_text(path: str, content: str) -> Optional[Document]:
    """A manifest's text from elsewhere (the last commit) as a document, or None
    when it is no YAML mapping within Forge's limit."""
    from .yamltext import YAMLFailure, parse_yaml

    if len(content) > MAX_MANIFEST_BYTES:
        return None
    try:
        result = parse_yaml(content)
    except YAMLFailure:
        return None
    if result.root is None or not result.root.is_object:
        return None
    return Document(Text(path, content.encode("utf-8", "replace"), content, False), result.root)


def _forge_folder_of_mapping(path: str, root: Node, folders: Folders) -> bool:
    """Folder evidence for a mapping that holds none itself: a package.json
    that depends on ``@forge/``, or a descriptor beside a mapping with ``app``
    or ``modules`` (beside a descriptor, a Kubernetes file is still not Forge's)."""
    absolute = os.path.abspath(path)
    if forge_folder(os.path.dirname(absolute), folders):
        return True
    shaped = root.get("app") is not None or root.get("modules") is not None
    return shaped and _descriptor_beside(absolute, folders)


_APP_LINE = re.compile(rb"(?m)^(?:\xef\xbb\xbf)?(?:app|\"app\"|'app')[ \t]*:")
_MODULES_LINE = re.compile(rb"(?m)^(?:modules|\"modules\"|'modules')[ \t]*:")


def _has_app_and_modules(raw: bytes) -> bool:
    return _APP_LINE.search(raw) is not None and _MODULES_LINE.search(raw) is not None


def in_forge_app_folder(path: str, folders: Folders) -> bool:
    """A Forge app's folder: its package.json depends on ``@forge/``, or a
    Connect descriptor beside the manifest pairs with it. (A mapping with
    neither ``app`` nor ``modules`` beside a descriptor is still no Forge
    manifest: only the package.json says so.)"""
    absolute = os.path.abspath(path)
    folder = os.path.dirname(absolute)
    return forge_folder(folder, folders) or _descriptor_beside(absolute, folders)


def _descriptor_beside(absolute: str, folders: Folders) -> bool:
    """A Connect descriptor in the file's folder (the file itself does not count)."""
    beside = os.path.join(os.path.dirname(absolute), "atlassian-connect.json")
    return beside != absolute and folders.is_file(beside)


def _looks_like_forge_bytes(raw: bytes) -> bool:
    """A top-level ``app:`` or ``modules:`` line, the key quoted or not (a
    UTF-8 BOM does not hide it)."""
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    return _FORGE_HINT.search(body) is not None


def _looks_like_forge(path: str) -> bool:
    try:
        with open(path, "rb") as stream:
            head = stream.read(MAX_MANIFEST_BYTES)
    except OSError:
        return False
    return _looks_like_forge_bytes(head) and is_forge_bytes(head)
