"""The inline pragma that allows one finding on one line, as scanners allow them.

    link = "https://..."  # forge-connect-hooks: allow FC410
    <!-- forge-connect-hooks: allow FC409 -->   (Markdown, HTML, XML)

It names the codes it allows (``allow FC410,FC412``): a pragma never silences
a line wholesale, so a new problem on an allowed line still blocks. It counts
only in a comment of the file's own syntax, on the finding's own line: not
inside a string (a link's text cannot allow itself), and not past a carriage
return, which ends a line for the people who read the file. Strict JSON has
no comments, so no pragma.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Tuple

from .findings import Finding

PRAGMA = "forge-connect-hooks: allow"


class Comments(NamedTuple):
    """How a file's syntax starts a comment, and whether quotes make strings
    (in prose an apostrophe opens nothing)."""

    openers: Tuple[str, ...]
    quotes: bool = True


_HASH = Comments(("#",))
_SLASHES = Comments(("//", "/*"))
_MARKUP = Comments(("<!--",), quotes=False)
_BY_SUFFIX: Dict[str, Comments] = {
    **dict.fromkeys(
        ("py", "sh", "bash", "zsh", "rb", "yml", "yaml", "toml", "env", "cfg", "conf", "r", "pl"),
        _HASH,
    ),
    **dict.fromkeys(
        (
            "js",
            "jsx",
            "mjs",
            "cjs",
            "ts",
            "tsx",
            "java",
            "kt",
            "kts",
            "go",
            "c",
            "h",
            "cc",
            "cpp",
            "hpp",
            "cs",
            "swift",
            "rs",
            "scala",
            "groovy",
            "dart",
            "json5",
            "jsonc",
        ),
        _SLASHES,
    ),
    **dict.fromkeys(("md", "markdown", "html", "htm", "xml", "svg", "vue", "svelte"), _MARKUP),
    "php": Comments(("//", "/*", "#")),
    "properties": Comments(("#", "!")),
    "ini": Comments((";", "#")),
    "sql": Comments(("--", "/*")),
    "lua": Comments(("--",)),
    "tex": Comments(("%",), quotes=False),
    "rst": Comments(("..",), quotes=False),
}
# A file of another kind: any common comment, outside strings.
_ANY = Comments(("#", "//", "/*", "<!--", "--", ";", "%"))


def comments_of(path: str) -> Comments:
    """How the file at ``path`` writes comments, by its name."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if name.startswith(".env"):
        return _HASH
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    return _BY_SUFFIX.get(suffix, _ANY)


def allowed_codes(line: str, comments: Comments = _ANY) -> FrozenSet[str]:
    """The codes a pragma in a comment of ``line`` allows (none without one)."""
    at = line.find(PRAGMA)
    if at == -1:
        return frozenset()
    opened = _comment_start(line, comments)
    if opened is None or opened > at:
        return frozenset()  # in a string, or in code
    rest = line[at + len(PRAGMA) :].lstrip(" \t")
    end = 0
    while end < len(rest) and (rest[end].isalnum() or rest[end] in ", "):
        end += 1
    names = rest[:end].replace(" ", ",").split(",")
    return frozenset(name for name in names if len(name) == 5 and name.startswith("FC"))


def _comment_start(line: str, comments: Comments) -> Optional[int]:
    """Where the first comment of ``line`` starts, outside any string."""
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = ""
        elif comments.quotes and char in "\"'`":
            quote = char
        elif any(line.startswith(opener, index) for opener in comments.openers):
            return index
        index += 1
    return None


def without_allowed(
    findings: Iterable[Finding], lines: List[str], comments: Comments = _ANY
) -> List[Finding]:
    """``findings`` of one file less those a pragma on their line allows.
    ``lines`` is the file's text split at line feeds (line 1 is ``lines[0]``);
    a carriage return within one ends the line a reader sees."""
    kept: List[Finding] = []
    allowed: Dict[Tuple[int, int], FrozenSet[str]] = {}  # each visual line read once
    for finding in findings:
        line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        start = line.rfind("\r", 0, max(finding.col - 1, 0)) + 1
        end = line.find("\r", start)
        key = (finding.line, start)
        if key not in allowed:
            allowed[key] = allowed_codes(line[start : len(line) if end == -1 else end], comments)
        if finding.code not in allowed[key]:
            kept.append(finding)
    return kept
