"""``bitbucket:repoCodeFileViewer``'s ``filePattern`` is a JavaScript regular
expression, and Forge refuses one that ``new RegExp`` cannot compile. The
usual slip is a glob such as ``*.md``.

The scan below reports only what every JavaScript engine refuses in a
pattern without flags (Annex B syntax): a quantifier with nothing to repeat,
a group or a character class left open, a ``)`` with no group, a trailing
``\\``, an unknown ``(?`` group, a braced quantifier or a class range whose
numbers are out of order. Anything it does not know passes: a miss is
better than a false block. It is one pass over the pattern.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from ..reading.documents import Document
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .manifest_parts import key_of, module_items, modules_of

FILE_VIEWER_PATTERN = Rule(
    "FC324",
    "FileViewerPattern",
    meaning="a bitbucket:repoCodeFileViewer filePattern that is no valid JavaScript RegExp",
    why=(
        "Forge refuses the manifest: filePattern is compiled with JavaScript's RegExp, and this "
        "one does not compile (a glob such as *.md is no regular expression)."
    ),
    example=(
        "modules:\n  bitbucket:repoCodeFileViewer:\n    - key: viewer\n      filePattern: '*.md'"
    ),
    fix="Write a regular expression: '\\.md$' for files ending in .md.",
)

_BRACED = re.compile(r"\{(\d+)(,(\d*))?\}")
# Groups that start with "(?": what follows, and whether a quantifier may follow the group.
_GROUP_OPENERS = ((":", True), ("=", True), ("!", True), ("<=", False), ("<!", False))
_GROUP_NAME = re.compile(r"<([A-Za-z_$][\w$]*)>")
# Modifier groups such as (?i:...) are newer than some engines: not judged.
_MODIFIER_START = "ims-"


def file_viewer_pattern_checks(document: Document) -> List[Finding]:
    modules = modules_of(document)
    if modules is None:
        return []
    findings: List[Finding] = []
    for path, item in module_items(modules, "bitbucket:repoCodeFileViewer"):
        pattern = item.get("filePattern")
        if pattern is None or not isinstance(pattern.value, str):
            continue
        problem = regexp_error(pattern.value)
        if problem is not None:
            message = (
                f"filePattern {_shown(pattern.value)} of {key_of(item)!r} is no JavaScript "
                f"regular expression ({problem}); {_advice(pattern.value)}"
            )
            findings.append(document.at_path([*path, "filePattern"], FILE_VIEWER_PATTERN, message))
    return findings


def _shown(text: str) -> str:
    """The pattern as written: repr() would double every backslash."""
    return f"'{text}'" if text.isprintable() and "'" not in text else repr(text)


def _advice(pattern: str) -> str:
    if pattern.startswith("*") or "/*" in pattern:
        return "it is a RegExp, not a glob: write '\\.md$', not '*.md'"
    return "correct it so that JavaScript's RegExp compiles it"


def regexp_error(pattern: str) -> Optional[str]:
    """Why ``new RegExp(pattern)`` surely throws, or None."""
    groups: List[bool] = []  # for each open group: may a quantifier follow it?
    repeatable = False  # is there an atom before this point that a quantifier may repeat?
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            if i + 1 == n:
                return "a \\ at the end"
            repeatable = pattern[i + 1] not in "bB"
            i += 2
        elif char == "[":
            end, problem = _class_end(pattern, i)
            if problem is not None:
                return problem
            i, repeatable = end, True
        elif char == "(":
            opened = _group_opening(pattern, i)
            if opened is None:
                return None  # a modifier group: not judged
            width, quantifiable = opened
            if width == 0:
                return f"an unknown group at {i + 1}"
            groups.append(quantifiable)
            i, repeatable = i + width, False
        elif char == ")":
            if not groups:
                return f"a ')' with no group at {i + 1}"
            repeatable = groups.pop()
            i += 1
        elif char in "|^$":
            i, repeatable = i + 1, False
        elif char in "*+?":
            if not repeatable:
                return f"nothing to repeat at {i + 1}"
            i = _after_quantifier(pattern, i + 1)
            repeatable = False
        elif char == "{" and _BRACED.match(pattern, i):
            braced = _BRACED.match(pattern, i)
            assert braced is not None
            if not repeatable:
                return f"nothing to repeat at {i + 1}"
            low, high = braced.group(1), braced.group(3)
            if high and int(high) < int(low):
                return f"numbers out of order in {braced.group(0)}"
            i = _after_quantifier(pattern, braced.end())
            repeatable = False
        else:
            i, repeatable = i + 1, True
    return "a group left open" if groups else None


def _after_quantifier(pattern: str, i: int) -> int:
    """Past the ``?`` that makes a quantifier lazy."""
    return i + 1 if pattern.startswith("?", i) else i


def _group_opening(pattern: str, i: int) -> Optional[Tuple[int, bool]]:
    """How long the group's opening is and whether it may be repeated; width 0
    for an opening no engine knows, None for one not judged."""
    if not pattern.startswith("(?", i):
        return 1, True
    for opener, quantifiable in _GROUP_OPENERS:
        if pattern.startswith(opener, i + 2):
            return 2 + len(opener), quantifiable
    if pattern.startswith("<", i + 2):
        name = _GROUP_NAME.match(pattern, i + 2)
        if name is not None:
            return 2 + len(name.group(0)), True
        # A name never closed is refused; any other name is not judged (it may
        # hold letters beyond ASCII). Either way the scan stops here.
        return (0, False) if pattern.find(">", i) == -1 else None
    if i + 2 < len(pattern) and pattern[i + 2] in _MODIFIER_START:
        return None
    return 0, False


def _class_end(pattern: str, start: int) -> Tuple[int, Optional[str]]:
    """Where the character class opened at ``start`` ends, or why it is refused."""
    i, n = start + 1, len(pattern)
    if pattern.startswith("^", i):
        i += 1
    previous: Optional[str] = None  # the last literal character, a range's start
    ranging = False
    while i < n:
        char = pattern[i]
        if char == "]":
            return i + 1, None
        if char == "\\":
            if i + 1 == n:
                break
            previous, ranging, i = None, False, i + 2
            continue
        if char == "-" and previous is not None and not ranging and pattern[i + 1 : i + 2] != "]":
            ranging, i = True, i + 1
            continue
        if ranging and previous is not None and _bmp(char) and _bmp(previous):
            if ord(char) < ord(previous):
                return i, f"the range {previous}-{char} is out of order"
            previous, ranging = None, False
        else:
            previous, ranging = char, False
        i += 1
    return n, "a character class left open"


def _bmp(char: str) -> bool:
    # JavaScript compares UTF-16 units: a character beyond them is not judged.
    return ord(char) < 0x10000
