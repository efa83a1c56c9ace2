"""What a scan of JavaScript or TypeScript skips: comments, strings and
template literals, as alternatives of one regular expression. An unclosed
comment or template runs to the end of the text, an unclosed string to the
end of its line, as in JavaScript; each alternative is linear in its match.
"""

from __future__ import annotations

SKIPPED = (
    r"""//[^\n]*"""
    r"""|/\*[\s\S]*?(?:\*/|\Z)"""
    r"""|'(?:[^'\\\n]|\\[\s\S])*'?"""
    r"""|"(?:[^"\\\n]|\\[\s\S])*"?"""
    r"""|`(?:[^`\\]|\\[\s\S])*`?"""
)
# An identifier, as the scans read one (ASCII letters, digits, _ and $).
NAME = r"[A-Za-z_$][\w$]*"
