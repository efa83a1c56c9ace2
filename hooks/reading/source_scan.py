"""Where any text file writes a Forge install link or app id, whatever its language.

Apps write their descriptor as JSON, but also as a Python dict, a TypeScript
object, a Go struct literal, a PHP array, a Java text block, ERB, YAML or an
``.env`` file. Rather than parse each language, this module reads the few
shapes they share:

- a key spelt ``forgeAppLink`` or ``forgeAppId`` in any case, with ``_``, ``-``
  or ``.`` between the words (``FORGE_APP_LINK``, ``forge_app_id``), quoted or
  not, then ``:``, ``=``, ``=>``, ``:=`` (or ``,`` and ``to`` after a quoted
  key, as in ``put("forgeAppLink", ...)``), then a value; a quoted key may
  spell a letter as an escape (``"forge\\u0041ppLink"``), as its reader decodes;
- every token around ``/console/install/``, whatever its scheme and host.

Each value is either a literal, decoded from its quotes and escapes with the
offset of every character, or something this module will not guess at: a
value built from variables or template slots (``COMPUTED``), ``null`` and its
kin (``PLACEHOLDER``), or a number, boolean, list or object (``NOT_STRING``).

The scan is linear in the text: keys and tokens are visited left to right,
and a span once read is never read again.
"""

from __future__ import annotations

import re
from typing import List, NamedTuple, Optional, Tuple

LINK = "link"
APP_ID = "app-id"
LITERAL = "literal"
COMPUTED = "computed"
PLACEHOLDER = "placeholder"
NOT_STRING = "not-string"

# The markers a file must hold, in lower case, before anything else is done.
# ``forge`` alone prefilters the keys; the words after it decide.
_LINK_MARKER = b"/console/install/"
_KEY_MARKERS = (b"forgeapp", b"forge_app", b"forge-app", b"forge.app")
_WORDS = {"applink": LINK, "appid": APP_ID}
_IDENTIFIER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_SEPARATORS = "_-."
_PLACEHOLDERS = frozenset(("null", "none", "nil", "undefined", "~", ""))
_NOT_STRINGS = frozenset(("true", "false", "yes", "no"))
# Where a link token ends: whitespace, quotes, brackets and template braces.
_TOKEN_END = frozenset(" \t\r\n\f\v\"'`<>()[]{}\\|^,;")
_TRAILING_PUNCTUATION = ".,;:!?*"
# Operators that join a literal to something else (+ in most languages, . in
# PHP, .. in Lua, * in Julia, ~ in D, <> in Elixir, % for Python's formatting).
_JOINERS = ("+", "..", ".", "*", "~", "<>", "%", "||")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
# Install links are about a thousand characters; a longer string is not one.
MAX_LITERAL = 64 * 1024
# A type annotation between a key and its ``=`` is never longer than this.
_MAX_TYPE = 64
# A file with a data syntax: a value written without quotes is a literal there,
# not an expression.
# Files with no operators: data, and the prose and markup people write links
# in, where a full stop after a link ends a sentence and joins nothing.
DATA_SUFFIXES = (".json", ".json5", ".yml", ".yaml", ".env", ".properties", ".ini", ".cfg")
PROSE_SUFFIXES = (".md", ".markdown", ".rst", ".adoc", ".html", ".htm", ".xml", ".tex")


class Site(NamedTuple):
    """One place a file writes a link or an app id."""

    kind: str  # LINK or APP_ID
    key: Optional[str]  # the key as written, or None for a bare link token
    state: str  # LITERAL, COMPUTED, PLACEHOLDER or NOT_STRING
    offset: int  # where the value starts in the text
    end: int  # where it ends
    value: str  # the decoded literal (for the others: the text as written)
    offsets: Tuple[int, ...]  # for a literal: the text offset of each character
    why: str = ""  # for COMPUTED: what makes it so


def has_candidates(data: bytes) -> bool:
    """Whether a file's bytes may hold a link or a key at all: the fast reject
    that every text file of every commit goes through."""
    lowered = data.lower()
    # One search for what every form of the link path shares, then the forms:
    # each search of the whole file costs as much as the next.
    if b"console" in lowered and (
        _LINK_MARKER in lowered
        # a JSON or JavaScript string's escaped slashes
        or b"console\\/install" in lowered
        or b"console\\u002finstall" in lowered
    ):
        return True
    if b"forge" in lowered and any(marker in lowered for marker in _KEY_MARKERS):
        return True
    if b"\\" in lowered and _LETTER_ESCAPE_BYTES.search(lowered):
        # A key may be spelt with an escaped letter: read the escapes, look again.
        unescaped = _LETTER_ESCAPE_BYTES.sub(_letter, lowered)
        return any(marker in unescaped for marker in _KEY_MARKERS)
    return False


def _letter(escape: re.Match[bytes]) -> bytes:
    code = int(escape.group()[-2:], 16)
    return bytes((code | 0x20 if 0x41 <= code <= 0x5A else code,))  # lower case, as the markers


# The inside of a JSON string up to its closing quote or the end of its line.
_STRING_BODY = re.compile(r'(?:[^"\\\n]|\\.)*')
_BLOCK_OPENERS = ("{{", "{%", "<%")


def is_template(text: str) -> bool:
    """Whether a file that is not valid JSON is a template of one: a Go
    ``{{define}}``, an ERB ``<% %>``, a Jinja ``{% %}`` or a Handlebars
    ``{{#each}}`` block outside any JSON string.

    Strings are skipped left to right, each once: a string left open ends with
    its line, and an opener after its quote still counts, as a reader would."""
    index = 0
    while index < len(text):
        quote = text.find('"', index)
        stop = len(text) if quote == -1 else quote
        if any(text.find(opener, index, stop + 1) != -1 for opener in _BLOCK_OPENERS):
            return True
        if quote == -1:
            return False
        body = _STRING_BODY.match(text, quote + 1)
        end = body.end() if body is not None else quote + 1
        if not text.startswith('"', end):  # left open: the rest of its line is not a string
            if any(text.find(opener, quote + 1, end + 1) != -1 for opener in _BLOCK_OPENERS):
                return True
        index = end + 1
    return False


def why_computed(value: str) -> Optional[str]:
    """Why a string value stands for something filled in later (a template
    slot, a variable, a format string), or None when it is written out."""
    return _computed(value, False, False)


def is_data_file(path: str) -> bool:
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.endswith(DATA_SUFFIXES + PROSE_SUFFIXES) or name.startswith(".env")


def scan(text: str, *, data: bool) -> List[Site]:
    """Every site in ``text``, in order. ``data``: unquoted values are literals
    (JSON, YAML, ``.env``) rather than expressions (code)."""
    lowered = text.translate(_ASCII_LOWER)  # same length as text, unlike str.lower()
    sites = _key_sites(text, lowered, data)
    if "\\" in text:
        taken = [(site.offset, site.end) for site in sites]
        sites.extend(_escaped_key_sites(text, lowered, data, taken))
    sites.extend(_token_sites(text, lowered, [(site.offset, site.end) for site in sites], data))
    if "\\" in text:
        taken = [(site.offset, site.end) for site in sites]
        sites.extend(_escaped_token_sites(text, lowered, taken))
    sites.sort(key=lambda site: site.offset)
    return sites


# A link in a JSON or JavaScript string with its slashes escaped: "\/" or
# "\u002F", which the reader of the string sees as "/".
_ESCAPED_MARKERS = ("\\/console\\/install\\/", "\\u002fconsole\\u002finstall\\u002f")
_ESCAPED_TOKEN_END = _TOKEN_END - {"\\"}


def _escaped_token_sites(text: str, lowered: str, taken: List[Tuple[int, int]]) -> List[Site]:
    """Every link around an escaped ``/console/install/`` outside the sites
    found already, decoded as the string's reader sees it. One sweep over the
    places, as :func:`_token_sites` makes: linear in the text."""
    places: List[int] = []
    for marker in _ESCAPED_MARKERS:
        at = lowered.find(marker)
        while at != -1:
            places.append(at)
            at = lowered.find(marker, at + len(marker))
    places.sort()
    spans = sorted(taken)
    sites: List[Site] = []
    floor = 0  # a token never reaches back into a site or an earlier token
    next_span = 0
    for at in places:
        if at < floor:
            continue
        while next_span < len(spans) and spans[next_span][1] <= at:
            floor = max(floor, spans[next_span][1])
            next_span += 1
        limit = len(text)
        if next_span < len(spans):
            if spans[next_span][0] <= at:
                continue  # inside a key's value
            limit = spans[next_span][0]
        start = at
        while start > floor and text[start - 1] not in _ESCAPED_TOKEN_END:
            start -= 1
        end = at
        while end < limit and text[end] not in _ESCAPED_TOKEN_END:
            end += 1
        while end > at and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        value, offsets = _unescaped(text, start, end)
        sites.append(Site(LINK, None, LITERAL, start, end, value, tuple(offsets)))
        floor = end
    return sites


def _unescaped(text: str, start: int, end: int) -> Tuple[str, List[int]]:
    """``text[start:end]`` with its backslash escapes read, and where each
    character came from."""
    chars: List[str] = []
    offsets: List[int] = []
    index = start
    while index < end:
        if text[index] == "\\" and index + 1 < end:
            decoded, width = _escape(text, index)
            chars.append(decoded)
            offsets.extend([index] * len(decoded))
            index += min(width, end - index)
            continue
        chars.append(text[index])
        offsets.append(index)
        index += 1
    return "".join(chars), offsets


# -- keys ----------------------------------------------------------------------


def _key_sites(text: str, lowered: str, data: bool) -> List[Site]:
    sites: List[Site] = []
    consumed = 0  # nothing before this offset is read again
    start = lowered.find("forge")
    while start != -1:
        if start >= consumed:
            site, reached = _key_site(text, lowered, start, data)
            if site is not None:
                sites.append(site)
            # A value read, whole or not, is not searched for keys again.
            consumed = max(consumed, site.end if site is not None else reached)
        start = lowered.find("forge", max(start + 5, consumed))
    return sites


# A key written with an escaped letter (JSON's "forge\u0041ppLink", or \x41
# in JavaScript and Python): its reader sees the key, so this module does too.
_LETTER_ESCAPE = re.compile(r"\\(?:u00[4-7][0-9A-Fa-f]|x[4-7][0-9A-Fa-f])")
_LETTER_ESCAPE_BYTES = re.compile(rb"\\(?:u00[4-7][0-9a-f]|x[4-7][0-9a-f])")
# Six characters per letter of the longest spelling, ``forge_app_link``.
_MAX_ESCAPED_KEY = 6 * len("forge_app_link")


def _escaped_key_sites(
    text: str, lowered: str, data: bool, taken: List[Tuple[int, int]]
) -> List[Site]:
    """The keys spelt with a letter escape, outside the sites found already.
    Each escape looks at most ``_MAX_ESCAPED_KEY`` characters either side, and
    a value once read is skipped: linear in the text."""
    spans = sorted(taken)
    sites: List[Site] = []
    floor = 0
    next_span = 0
    examined = 0  # escapes before this offset sit in a string looked at already
    for match in _LETTER_ESCAPE.finditer(text):
        at = match.start()
        if at < examined:
            continue
        while next_span < len(spans) and spans[next_span][1] <= at:
            floor = max(floor, spans[next_span][1])
            next_span += 1
        if at < floor or (next_span < len(spans) and spans[next_span][0] <= at):
            continue
        window = max(floor, at - _MAX_ESCAPED_KEY)
        opening = max(text.rfind('"', window, at), text.rfind("'", window, at))
        if opening == -1 or "\n" in text[opening:at]:
            continue
        if opening > 0 and text[opening - 1] == "\\":
            continue  # an escaped quote: inside a longer string
        quote = text[opening]
        closing = text.find(quote, at, at + _MAX_ESCAPED_KEY)
        if closing == -1 or "\n" in text[at:closing]:
            continue
        examined = closing
        if closing - opening <= len("forgeappid"):
            continue  # too short to spell a key
        decoded, _ = _unescaped(text, opening + 1, closing)
        folded = decoded.translate(_ASCII_LOWER)
        parsed = _key_word(folded, 5) if folded.startswith("forge") else None
        if parsed is None or parsed[1] != len(folded):
            continue
        site, reached = _keyed_value(
            text, lowered, opening, closing + 1, parsed[0], decoded, True, data
        )
        if site is not None:
            sites.append(site)
        floor = max(floor, reached, closing + 1)
    return sites


def _key_site(text: str, lowered: str, start: int, data: bool) -> Tuple[Optional[Site], int]:
    """The site of a key at ``start``, if it is one, and how far its value was read."""
    if start > 0 and lowered[start - 1] in _IDENTIFIER and lowered[start - 1] != "_":
        return None, start  # inside a longer word (``myforgeAppLink``)
    parsed = _key_word(lowered, start + 5)
    if parsed is None:
        return None, start
    kind, after = parsed
    if after < len(text) and text[after] in _IDENTIFIER:
        return None, start  # ``forgeAppLinkLabel``
    key = text[start:after]
    opening = text[start - 1] if start > 0 else ""
    index = after
    quoted = opening != "" and opening in "\"'`"
    key_start = start - 1 if quoted else start
    if quoted and key_start > 0 and text[key_start - 1] == "\\":
        return None, start  # an escaped quote: a key inside a string, left to the token scan
    if quoted:
        if not text.startswith(opening, index):
            return None, start
        index += 1
    return _keyed_value(text, lowered, key_start, index, kind, key, quoted, data)


def _keyed_value(
    text: str,
    lowered: str,
    key_start: int,
    index: int,
    kind: str,
    key: str,
    quoted: bool,
    data: bool,
) -> Tuple[Optional[Site], int]:
    """After a key that ends before ``index``: its separator and its value."""
    start = key_start + 1 if quoted else key_start
    index = _skip_blanks(text, index, newlines=False)
    separator = _separator(text, index, quoted and _in_call(text, key_start))
    if separator is None:
        annotated = _after_annotation(text, index)
        if annotated is None:
            return None, start
        index = annotated
    else:
        index += len(separator)
    index = _skip_blanks(text, index, newlines=True)
    site, reached = _value(text, lowered, index, kind, key, data, _starts_line(text, key_start))
    if site is not None and separator == "," and _lookup(text, key_start):
        # get("forgeAppLink", default): the default is no key's value.
        site = site._replace(key=None)
    return site, reached


def _key_word(lowered: str, index: int) -> Optional[Tuple[str, int]]:
    """After ``forge``: ``app`` and ``link`` or ``id``, each optionally after
    one separator. Returns (kind, index after the word)."""
    word = ""
    for part in ("app", None):
        if index < len(lowered) and lowered[index] in _SEPARATORS:
            index += 1
        if part is not None:
            if not lowered.startswith(part, index):
                return None
            word += part
            index += len(part)
            continue
        for tail in ("link", "id"):
            if lowered.startswith(tail, index):
                return _WORDS[word + tail], index + len(tail)
    return None


def _separator(text: str, index: int, argument: bool) -> Optional[str]:
    for separator in ("=>", ":=", "="):
        if text.startswith(separator, index) and not text.startswith("==", index):
            return separator
    if text.startswith(":", index) and not text.startswith("::", index):
        return ":"
    if argument and text.startswith(",", index):
        return ","  # put("forgeAppLink", ...)
    if argument and text.startswith("to ", index):
        return "to"  # Kotlin's mapOf("forgeAppLink" to ...)
    return None


# Calls whose second argument is a default to read, not a value to write:
# get(), getenv(), getOrDefault(), getProperty(), optString(), Ruby's fetch().
_LOOKUP_PREFIXES = ("get", "opt")
_LOOKUPS = frozenset({"fetch", "lookup", "dig", "pop", "read", "value"})


def _lookup(text: str, key_start: int) -> bool:
    """A quoted key that is a lookup's first argument (``d.get("forgeAppLink", "")``)."""
    before = _skip_blanks_back(text, key_start)
    if before == 0 or text[before - 1] != "(":
        return False
    end = before - 1
    start = end
    while start > 0 and end - start < 40 and text[start - 1] in _IDENTIFIER:
        start -= 1
    name = text[start:end]
    return name.startswith(_LOOKUP_PREFIXES) or name.lower() in _LOOKUPS


def _in_call(text: str, key_start: int) -> bool:
    """A quoted key that is a call's first argument, or a Kotlin pair."""
    before = key_start - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    return before >= 0 and text[before] in "(,"


def _starts_line(text: str, key_start: int) -> bool:
    """A key at the start of its line, after indentation, a YAML list's ``- ``
    or a shell's ``export ``: where YAML and .env files put keys. Only the
    blanks and the one word before the key are read, never the whole line."""
    before = _skip_blanks_back(text, key_start)
    for lead in ("-", "export"):
        if text.startswith(lead, before - len(lead)) and before - len(lead) >= 0:
            before = _skip_blanks_back(text, before - len(lead))
            break
    return before == 0 or text[before - 1] == "\n"


def _skip_blanks_back(text: str, index: int) -> int:
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    return index


def _after_annotation(text: str, index: int) -> Optional[int]:
    """A typed declaration (``forge_app_link: str = ...``, Go's ``ForgeAppLink
    string = ...``): the index after its ``=``, or None. A type is short: the
    search stops after ``_MAX_TYPE`` characters, so a run of keys joined by
    dots is not read once per key."""
    if text.startswith(":", index):
        index = _skip_blanks(text, index + 1, newlines=False)
    begin = index
    limit = min(len(text), index + _MAX_TYPE)
    while index < limit and (text[index] in _IDENTIFIER or text[index] in ".[]"):
        index += 1
    if index == begin or index == limit:
        return None
    index = _skip_blanks(text, index, newlines=False)
    if text.startswith("=", index) and not text.startswith("==", index):
        return index + 1
    return None


def _skip_blanks(text: str, index: int, *, newlines: bool) -> int:
    blanks = " \t\r\n" if newlines else " \t"
    while index < len(text) and text[index] in blanks:
        index += 1
    return index


# -- values --------------------------------------------------------------------


def _value(
    text: str, lowered: str, index: int, kind: str, key: str, data: bool, line_start: bool
) -> Tuple[Optional[Site], int]:
    """The site of the value at ``index``, or None, and how far it was read."""
    prefix_end = index
    while prefix_end < len(text) and prefix_end - index < 2 and text[prefix_end] in "rRbBuUfF":
        prefix_end += 1
    if prefix_end < len(text) and text[prefix_end] in "\"'`":
        prefix = lowered[index:prefix_end]
        return _quoted(text, index, prefix_end, prefix, kind, key, data)
    return _unquoted(text, lowered, index, kind, key, data, line_start)


def _quoted(
    text: str, start: int, quote_at: int, prefix: str, kind: str, key: str, data: bool
) -> Tuple[Optional[Site], int]:
    quote = text[quote_at]
    triple = text.startswith(quote * 3, quote_at)
    delimiter = quote * 3 if triple else quote
    multiline = triple or quote == "`"
    raw = "r" in prefix  # a Python raw string; JS template literals do escape
    body = quote_at + len(delimiter)
    chars: List[str] = []
    offsets: List[int] = []
    index = body
    close = text.find(delimiter, body, body + MAX_LITERAL + 1 + len(delimiter))
    if close != -1 and (raw or "\\" not in text[body:close]):
        if not multiline and "\n" in text[body:close]:
            return None, text.index("\n", body)
        # No escape: the literal is its text, read at C speed.
        chars.append(text[body:close])
        offsets.extend(range(body, close))
        index = close
    while True:
        if index >= len(text):
            return None, index  # never closed: not a literal this module can read
        char = text[index]
        if text.startswith(delimiter, index):
            break
        if (char == "\n" and not multiline) or index - body > MAX_LITERAL:
            return None, index
        if char == "\\" and not raw and index + 1 < len(text):
            decoded, width = _escape(text, index)
            chars.append(decoded)
            offsets.extend([index] * len(decoded))  # a line continuation is nothing
            index += width
            continue
        chars.append(char)
        offsets.append(index)
        index += 1
    end = index + len(delimiter)
    value = "".join(chars)
    why = _computed(value, "f" in prefix, quote == "`")
    if why is None and not data:  # data files have no operators
        why = _joined(text, start, end)
    if why is not None:
        return Site(kind, key, COMPUTED, start, end, text[start:end], (), why), end
    value, offsets = _formatted(value, offsets)
    return Site(kind, key, LITERAL, quote_at, end, value, tuple(offsets)), end


def _escape(text: str, index: int) -> Tuple[str, int]:
    """The character a backslash escape at ``index`` stands for, and its width."""
    letter = text[index + 1]
    if letter in "ux":
        digits = 4 if letter == "u" else 2
        hex_digits = text[index + 2 : index + 2 + digits]
        if len(hex_digits) == digits and all(c in "0123456789abcdefABCDEF" for c in hex_digits):
            return chr(int(hex_digits, 16)), 2 + digits
    if letter == "\n":
        return "", 2  # a line continuation
    return _ESCAPES.get(letter, letter), 2


def _unquoted(
    text: str, lowered: str, index: int, kind: str, key: str, data: bool, line_start: bool
) -> Tuple[Optional[Site], int]:
    if index >= len(text) or text[index] in "\r\n":
        return None, index
    first = text[index]
    end = index
    if first in "[{":
        if not data:
            return Site(kind, key, COMPUTED, index, index + 1, first, (), "an expression"), index
        return Site(kind, key, NOT_STRING, index, index + 1, first, ()), index
    limit = min(len(text), index + MAX_LITERAL)
    while end < limit and text[end] not in " \t\r\n,;)}]":
        end += 1
    if end == limit and limit < len(text):
        return None, end  # longer than any link
    word = text[index:end]
    folded = lowered[index:end]
    if folded in _PLACEHOLDERS:
        return Site(kind, key, PLACEHOLDER, index, end, word, ()), end
    if not data and "://" not in word:
        return Site(kind, key, COMPUTED, index, end, word, (), "an expression"), end
    if data and (folded in _NOT_STRINGS or _is_number(word)):
        return Site(kind, key, NOT_STRING, index, end, word, ()), end
    if data and not line_start:
        return None, end  # in a data file, unquoted words after a key are prose
    why = _computed(word, False, False)
    if why is not None:
        return Site(kind, key, COMPUTED, index, end, word, (), why), end
    return Site(kind, key, LITERAL, index, end, word, tuple(range(index, end))), end


def _is_number(word: str) -> bool:
    digits = word.lstrip("+-")
    return (
        bool(digits)
        and all(char in "0123456789.eE+-_" for char in digits)
        and digits[0] in ("0123456789.")
    )


# -- what makes a value computed ------------------------------------------------


def _computed(value: str, f_string: bool, template_literal: bool) -> Optional[str]:
    """Why ``value`` is built from something else rather than written out, or None."""
    if "{" in value or "}" in value:
        if f_string:
            return "an f-string"
        if template_literal and "${" in value:
            return "a template literal"
        return "a template slot"
    if "$" in value:
        return "a variable"
    if "<%" in value or "%>" in value:
        return "a template slot"
    if "<" in value and ">" in value:
        return "a placeholder such as <app-id>"
    if "#{" in value:
        return "an interpolation"
    if "%" in value and not _all_doubled(value) and _has_conversion(value):
        return "a format string"
    return None


def _all_doubled(value: str) -> bool:
    index = value.find("%")
    if index == -1:
        return False
    while index != -1:
        if not value.startswith("%%", index):
            return False
        index = value.find("%", index + 2)
    return True


def _has_conversion(value: str) -> bool:
    """A printf conversion (``%s``, ``%d``, ``%(name)s``, ``%-5v``); the
    upper-case hex of a percent-escape (``%3D``) is not one."""
    index = value.find("%")
    while index != -1:
        cursor = index + 1
        if value.startswith("%", cursor):
            index = value.find("%", cursor + 1)
            continue
        if value.startswith("(", cursor):
            return True
        while cursor < len(value) and value[cursor] in "-+ #0123456789.":
            cursor += 1
        if cursor < len(value) and value[cursor] in "sdvriq":
            return True
        index = value.find("%", index + 1)
    return False


def _formatted(value: str, offsets: List[int]) -> Tuple[str, List[int]]:
    """A format string whose every ``%`` is doubled is judged as what it formats to."""
    if not _all_doubled(value):
        return value, offsets
    chars: List[str] = []
    kept: List[int] = []
    index = 0
    while index < len(value):
        chars.append(value[index])
        kept.append(offsets[index])
        index += 2 if value.startswith("%%", index) else 1
    return "".join(chars), kept


def _joined(text: str, start: int, end: int) -> Optional[str]:
    """Why a literal is only part of a value: an operator or another literal
    next to it."""
    after = _skip_blanks(text, end, newlines=True)
    if after < len(text):
        if text[after] in "\"'`" and not _next_statement(text, start, end, after):
            return "joined to the next literal"
        for joiner in _JOINERS:
            if text.startswith(joiner, after) and not text.startswith("//", after):
                if joiner == "." and (text.startswith(".format", after) or _method(text, after)):
                    break
                return "a concatenation"
    before = start - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    if before >= 0 and text[before] in "+~":
        return "a concatenation"
    if before >= 1 and text[before - 1 : before + 1] == "..":
        return "a concatenation"
    return None


def _next_statement(text: str, start: int, end: int, after: int) -> bool:
    """Whether the literal at ``after`` starts a statement of its own: it is on
    a later line, and the literal at ``start`` is not inside brackets or a
    list (``FORGE_APP_LINK = "..."`` then a docstring). Only C joins literals
    across lines outside brackets, and no Forge app is written in C."""
    if "\n" not in text[end:after]:
        return False
    before = start - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    return before < 0 or text[before] not in "([{,+\\"


def _method(text: str, dot: int) -> bool:
    """``"...".formatted(...)``, ``"...".trim()``: a method call on the literal,
    not PHP's concatenation operator."""
    return dot + 1 < len(text) and text[dot + 1].isalpha()


# -- bare link tokens -------------------------------------------------------------


def _token_sites(text: str, lowered: str, taken: List[Tuple[int, int]], data: bool) -> List[Site]:
    """Every token around ``/console/install/`` that no key's value covers."""
    sites: List[Site] = []
    taken.sort()
    cursor = 0  # tokens do not overlap: none starts before the last one's end
    marker = _LINK_MARKER.decode()
    at = lowered.find(marker)
    spans = iter(taken)
    span = next(spans, None)
    while at != -1:
        while span is not None and span[1] <= at:
            cursor = max(cursor, span[1])  # a token never reaches back into a value
            span = next(spans, None)
        if span is not None and span[0] <= at:
            at = lowered.find(marker, span[1])
            continue
        start = at
        floor = cursor
        while start > floor and text[start - 1] not in _TOKEN_END:
            start -= 1
        end = at + len(marker)
        limit = len(text) if span is None else span[0]  # nor forward into one
        while end < limit and (
            text[end] not in _TOKEN_END
            # An HTML page's '&amp;' is part of its link, ';' and all.
            or (text[end] == ";" and text.startswith("&amp", end - 4))
        ):
            end += 1
        while end > at + len(marker) and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        site = _token_site(text, start, end, data)
        if site is not None:
            sites.append(site)
        cursor = end
        at = lowered.find(marker, max(end, at + 1))
    return sites


def _markup(text: str, start: int, end: int) -> bool:
    """A link that markup holds: element text (``<code>link</code>``) or a
    command's argument (``\\url{link}``), not a template's slot."""
    if text.startswith("</", end):
        return True
    return (
        start >= 2
        and text[start - 1] == "{"
        and text.startswith("}", end)
        and text[start - 2] not in "{$%#"
    )


def _token_site(text: str, start: int, end: int, data: bool) -> Optional[Site]:
    token = text[start:end]
    if token.startswith("/console/"):
        return None  # a path, not a link: no scheme, no host
    # A space stands for the start and the end of the text: no slot, no quote.
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    why = _computed(token, False, False)
    if why is None and (before in "{}$" or after in "{}$<") and not _markup(text, start, end):
        why = "a template slot"
    if why is None and before in "\"'`" and not data:
        why = _joined(text, start - 1, end + 1 if after == before else end)
    if why is not None:
        return Site(LINK, None, COMPUTED, start, end, token, (), why)
    value, offsets = _formatted(token, list(range(start, end)))
    return Site(LINK, None, LITERAL, start, end, value, tuple(offsets))
