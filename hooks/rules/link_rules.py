"""What a Forge install link must be: exactly what the developer console issues.

    https://developer.atlassian.com/console/install/<app uuid>?signature=<sig>&product=<product>

The link is read by hand, character by character, and never "normalised"
first: a browser forgives an upper-case host, a trailing dot or a stray
``+``, but none of them is something the console issues, and a lenient parser
is how a wrong link gets past a check. Every problem carries the index of the
character it is about.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, List, NamedTuple, Optional, Pattern, Sequence, Set, Tuple, Union

from ..reading.forge_evidence import PRODUCTS
from ..reporting.rule import Rule
from .ari import UUID
from .aws_message import MessageError, parse_message

LINK_FORM = Rule(
    "FC401",
    "LinkForm",
    meaning="forgeAppLink is not a non-empty string",
    why=(
        'Bitbucket opens forgeAppLink when a workspace admin clicks "Get the Forge app"; a number, '
        "an object or an empty string opens nothing."
    ),
    example='"forgeAppLink": ""',
    fix="Paste the install link from the developer console (Distribution, then Share).",
)


LINK_CHARACTER = Rule(
    "FC402",
    "LinkCharacter",
    meaning="whitespace, a control or a non-ASCII character in the link",
    why=(
        "The console's links are plain ASCII; such a character is a paste gone wrong, and the link "
        "breaks where it is."
    ),
    example=(
        '"forgeAppLink": "https://developer.atlassian.com/console/install/1b5d...?signature=AY '
        'AB..."'
    ),
    fix="Copy the link again from the developer console.",
)


LINK_SCHEME = Rule(
    "FC403",
    "LinkScheme",
    meaning="the link does not start with https://",
    why="The console issues https links only; another scheme is a typo or a downgrade.",
    example='"forgeAppLink": "http://developer.atlassian.com/console/install/..."',
    fix="Start the link with https://.",
)


LINK_HOST = Rule(
    "FC404",
    "LinkHost",
    meaning="the host is not exactly developer.atlassian.com",
    why=(
        "Only developer.atlassian.com installs Forge apps; another host sends customers somewhere "
        "else."
    ),
    example='"forgeAppLink": "https://developer.atlasian.com/console/install/..."',
    fix="Use the link exactly as the developer console gives it.",
)


LINK_PATH = Rule(
    "FC405",
    "LinkPath",
    meaning="the path is not /console/install/<lowercase app UUID>",
    why="The console's install path names the app by its lowercase UUID and nothing else.",
    example='"forgeAppLink": "https://developer.atlassian.com/console/install/1b5d.../?signature=..."',
    fix="Copy the link again from the developer console.",
)


LINK_QUERY = Rule(
    "FC406",
    "LinkQuery",
    meaning="the query is not signature once and product at least once, nothing else",
    why=(
        "The console signs the link; an extra, missing or repeated parameter is a hand edit, and "
        "the console refuses a link it did not issue."
    ),
    example="https://developer.atlassian.com/console/install/1b5d...?product=bitbucket",
    fix="Copy the link again from the developer console.",
)


LINK_PRODUCT = Rule(
    "FC407",
    "LinkProduct",
    meaning="an unknown product, or not the product of this descriptor",
    why=(
        "A Bitbucket descriptor's link must install the app in Bitbucket; another product gives "
        "the admin an app for the wrong product."
    ),
    example="a Bitbucket descriptor whose forgeAppLink ends with &product=jira",
    fix="Copy the link again from the developer console, with Bitbucket chosen.",
)


LINK_SIGNATURE = Rule(
    "FC408",
    "LinkSignature",
    meaning="the signature is empty, truncated, corrupted or in no known format",
    why=(
        "The console checks the signature; a cut or corrupted one makes the install fail for every "
        "customer."
    ),
    example="...?signature=AYABeC&product=bitbucket",
    fix=(
        "Copy the whole link again from the developer console; if Atlassian changed the signature "
        "format, pass --any-signature."
    ),
)


LINK_PLACEHOLDER = Rule(
    "FC409",
    "LinkPlaceholder",
    meaning=(
        "a placeholder where the app's UUID goes (the documentation's my-app-id, xxxxxxxx-..., "
        "<app-uuid>): one finding for the whole link"
    ),
    why="A placeholder installs nothing.",
    example=(
        "https://developer.atlassian.com/console/install/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx?signature=...&product=bitbucket"
    ),
    fix="Paste the real install link from the developer console.",
)


NOTE_LINK_TRAILING_SLASH = Rule(
    "FC915",
    "LinkTrailingSlash",
    meaning="note: a '/' after the app UUID, which the console's links do not have",
    why=(
        "A note: the console issues links without it, but nothing shows that it refuses one, "
        "and apps have served such links for years."
    ),
    example="https://developer.atlassian.com/console/install/1b5d.../?signature=...",
    fix="Remove the '/', or copy the link again from the developer console.",
)


SCHEME = "https://"
HOST = "developer.atlassian.com"
PATH = "/console/install/"
DOCS_APP_ID = "my-app-id"
DOCS_SIGNATURE = "1234567890"


# What stands where an app's UUID goes in a pasted template or example link:
# xxxxxxxx-xxxx-..., <app-uuid>, {appId}, [APP_ID], YOUR-APP-ID, uuid.
@lru_cache(maxsize=1)
def _placeholder_uuid() -> Pattern[str]:
    """Compiled when a link's app part is not a UUID, which is rare."""
    return re.compile(
        r"x{8}-x{4}-x{4}-x{4}-x{12}|x+|<[^<>]*>|\{[^{}]*\}|\[[^\[\]]*\]"
        r"|(?:your|my)?[-_]?(?:forge[-_]?)?app[-_]?(?:id|uuid)|uuid|app|placeholder",
        re.IGNORECASE,
    )


EXAMPLE = f"{SCHEME}{HOST}{PATH}<app uuid>?signature=<signature>&product=bitbucket"

_HEX_SIGNATURE = re.compile(r"[0-9a-f]{64}|[0-9a-f]{128}")
_BASE64_TOKEN = re.compile(r"[A-Za-z0-9]|%2B|%2F|%3D")
_BASE64_TEXT = re.compile(r"(?:[A-Za-z0-9]|%2B|%2F|%3D)*")
_VISIBLE_ASCII = re.compile(r"[!-~]+")
_URL_SAFE_TOKEN = re.compile(r"[A-Za-z0-9._~-]|%[0-9A-F]{2}")
_KNOWN_FORMATS = (
    "known: a percent-encoded base64 AWS Encryption SDK message (starting 'AYA' or 'Ag'), "
    "or 64 or 128 lowercase hex digits"
)


class LinkProblem(NamedTuple):
    code: str
    message: str
    position: int  # index of the character in the link the problem is about


class LinkVerdict(NamedTuple):
    problems: List[LinkProblem]
    app_uuid: Optional[str]  # set when the path carries a well-formed UUID
    uuid_index: int
    signature: Optional[str] = None  # the signature parameter's value, as written
    notes: Sequence[LinkProblem] = ()  # what is unusual but not refused


def check_link(
    link: str,
    product: Union[str, Sequence[str]] = "bitbucket",
    any_signature: bool = False,
    expected_products: Iterable[str] = (),
) -> LinkVerdict:
    """Check ``link``. One of ``product`` (the descriptor's product, or the
    products it may be; empty: any) must be among the link's products, and all
    of ``expected_products`` (from the paired manifest's modules), or the link
    was cut short."""
    products = (product,) if isinstance(product, str) else tuple(product)
    return _LinkReader(link, products, any_signature, expected_products).read()


class _Wrong:
    """What is wrong with a link's query, said in one finding at the first
    place: one link is one problem to fix, however many parts are off."""

    def __init__(self) -> None:
        self.messages: List[str] = []
        self.index = 0

    def add(self, message: str, index: int) -> None:
        if not self.messages:
            self.index = index
        self.messages.append(message)

    def report(self, reader: _LinkReader) -> None:
        if self.messages:
            reader.problem(LINK_QUERY, "; ".join(self.messages), self.index)


class _LinkReader:
    def __init__(
        self,
        link: str,
        products: Tuple[str, ...],
        any_signature: bool,
        expected_products: Iterable[str],
    ) -> None:
        self.link = link
        self.products = products
        self.expected_products = sorted(set(expected_products))
        self.any_signature = any_signature
        self.problems: List[LinkProblem] = []
        self.notes: List[LinkProblem] = []
        self.app_uuid: Optional[str] = None
        self.signature: Optional[str] = None
        self.uuid_index = len(SCHEME) + len(HOST) + len(PATH)
        self.placeholder = False  # a template's link: one finding says so, and no more

    def problem(self, code: str, message: str, index: int) -> None:
        self.problems.append(LinkProblem(code, message, index))

    def read(self) -> LinkVerdict:
        self._characters()
        if not self.problems and self._scheme() and self._host():
            self._rest()
        return LinkVerdict(
            self.problems, self.app_uuid, self.uuid_index, self.signature, self.notes
        )

    # -- the whole link ------------------------------------------------------

    def _characters(self) -> None:
        if not self.link:
            self.problem(LINK_FORM, f"the link is empty; expected {EXAMPLE}", 0)
            return
        if _VISIBLE_ASCII.fullmatch(self.link):
            return
        for index, char in enumerate(self.link):
            if "!" <= char <= "~":
                continue
            self.problem(LINK_CHARACTER, _describe_character(char), index)
            return

    def _scheme(self) -> bool:
        link = self.link
        if link.startswith(SCHEME):
            return True
        scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", link)
        if link.lower().startswith(SCHEME):
            message = "the scheme must be lowercase 'https://'"
        elif link.startswith("//"):
            message = "a protocol-relative link; it must start with 'https://'"
        elif scheme is not None:
            message = f"scheme {scheme.group()!r} is not allowed; it must be 'https://'"
        else:
            message = f"not an absolute https link; expected {EXAMPLE}"
        self.problem(LINK_SCHEME, message, 0)
        return False

    def _host(self) -> bool:
        start = len(SCHEME)
        authority = re.match(r"[^/?#\\]*", self.link[start:])
        assert authority is not None
        host = authority.group()
        after = start + len(host)
        if host == HOST:
            if self.link.startswith("\\", after):
                self.problem(LINK_HOST, "a backslash after the host", after)
                return False
            return True
        lowered = host.lower()
        if "@" in host:
            message = f"user information ({host[: host.rindex('@') + 1]!r}) is not allowed"
        elif lowered.rstrip(".").split(":")[0] == HOST and ":" in host:
            message = "a port is not allowed"
        elif lowered == HOST:
            message = f"the host must be lowercase {HOST!r}"
        elif lowered.rstrip(".") == HOST:
            message = f"the host has a trailing dot; it must be exactly {HOST!r}"
        elif "%" in host:
            message = f"a percent-encoded host; it must be exactly {HOST!r}"
        elif "xn--" in lowered:
            message = f"a punycode host ({host!r}); it must be exactly {HOST!r}"
        elif not host:
            message = f"no host; it must be {HOST!r}"
        elif HOST in lowered or "atlassian" in lowered:
            message = f"look-alike host {host!r}; it must be exactly {HOST!r}"
        else:
            message = f"host {host!r} is not {HOST!r}"
        self.problem(LINK_HOST, message, start)
        return False

    # -- path, query, fragment -------------------------------------------------

    def _rest(self) -> None:
        link = self.link
        path_start = len(SCHEME) + len(HOST)
        hash_index = link.find("#")
        if hash_index != -1:
            self.problem(LINK_QUERY, "a fragment ('#...') is not allowed", hash_index)
            link = link[:hash_index]
        question = link.find("?")
        path_end = question if question != -1 else len(link)
        self._path(link[path_start:path_end], path_start)
        if self.placeholder:
            return
        if question == -1:
            self.problem(
                LINK_QUERY, "no query: the link needs '?signature=...&product=...'", len(link)
            )
            return
        self._query(link[question + 1 :], question + 1)

    def _path(self, path: str, start: int) -> None:
        if not path.startswith(PATH):
            if path.lower().startswith(PATH):
                message = f"the path must be lowercase {PATH!r}"
            elif "//" in path:
                message = f"an empty path segment ('//'); the path must be {PATH}<app uuid>"
            elif re.search(r"/\.{1,2}(/|$)|%2e", path, re.IGNORECASE):
                message = f"a dot segment in the path; the path must be {PATH}<app uuid>"
            else:
                message = f"the path must be {PATH}<app uuid>, not {path or '/'!r}"
            self.problem(LINK_PATH, message, start)
            return
        index = start + len(PATH)
        uuid = path[len(PATH) :]
        if UUID.fullmatch(uuid):
            self.app_uuid = uuid  # the common case, first: no placeholder is a UUID
        elif _placeholder_uuid().fullmatch(uuid):
            self.placeholder = True
            where = "copied from the docs" if uuid == DOCS_APP_ID else "where the app's UUID goes"
            self.problem(
                LINK_PLACEHOLDER,
                f"{uuid!r} is a placeholder {where}; paste the app's install link from the "
                "developer console",
                index,
            )
        elif uuid.endswith("/") and UUID.fullmatch(uuid[:-1]):
            self.app_uuid = uuid[:-1]
            self.notes.append(
                LinkProblem(
                    NOTE_LINK_TRAILING_SLASH,
                    "a '/' after the app UUID: the console's links have none; remove it",
                    index + len(uuid) - 1,
                )
            )
        elif UUID.fullmatch(uuid.lower()):
            self.problem(LINK_PATH, f"the app UUID must be lowercase: {uuid.lower()}", index)
        elif "/" in uuid:
            slash = uuid.index("/")
            self.problem(
                LINK_PATH,
                "the path must end with the app UUID (no trailing '/' or further segments)",
                index + slash,
            )
        elif "%" in uuid:
            self.problem(LINK_PATH, "a percent-encoded app UUID", index + uuid.index("%"))
        else:
            self.problem(
                LINK_PATH, f"{uuid!r} is not an app UUID (lowercase 8-4-4-4-12 hex)", index
            )

    def _query(self, query: str, start: int) -> None:
        escaped = query.find("&amp;")
        if escaped != -1:
            # Copied from HTML: one finding says so, not one per mangled part.
            self.problem(
                LINK_QUERY,
                "the link is HTML-escaped ('&amp;' where the console's link has '&'): "
                "write '&', or copy the link from the developer console again",
                start + escaped,
            )
            return
        # One line for the query, however many things are wrong with it.
        wrong = _Wrong()
        seen_products: Set[str] = set()
        signatures: List[int] = []
        index = start
        for part in query.split("&"):
            name, equals, value = part.partition("=")
            value_index = index + len(name) + 1
            if not part:
                wrong.add("an empty query parameter ('&&' or a stray '&')", index)
            elif not equals:
                wrong.add(f"query parameter {name!r} has no value", index)
            elif name == "signature":
                signatures.append(index)
                if len(signatures) > 1:
                    wrong.add("'signature' appears more than once", index)
                else:
                    self.signature = value
                    self._signature(value, value_index)
            elif name == "product":
                if value in seen_products:
                    wrong.add(f"product {value!r} appears twice", index)
                elif value not in PRODUCTS:
                    self.problem(
                        LINK_PRODUCT,
                        f"unknown product {value!r} (known: {', '.join(PRODUCTS)})",
                        value_index,
                    )
                seen_products.add(value)
            else:
                wrong.add(
                    f"query parameter {name!r} is not one the console issues "
                    "(only 'signature' and 'product')",
                    index,
                )
            index += len(part) + 1
        if not signatures:
            wrong.add("no 'signature' parameter", start)
        if not seen_products:
            wrong.add("no 'product' parameter", start)
        elif self.products and not seen_products.intersection(self.products):
            wanted = " or ".join(f"product={name}" for name in self.products)
            self.problem(
                LINK_PRODUCT,
                f"the link does not install into {' or '.join(self.products)} (product="
                f"{'&product='.join(sorted(seen_products))}); expected {wanted}",
                start,
            )
        else:
            missing = [name for name in self.expected_products if name not in seen_products]
            if missing:
                self.problem(
                    LINK_PRODUCT,
                    f"the link does not install into {', '.join(missing)}, which the manifest's "
                    "modules use: was it cut short? Copy the whole link from the console",
                    start + len(query),
                )
        wrong.report(self)

    # -- the signature -------------------------------------------------------

    def _signature(self, value: str, index: int) -> None:
        if not value:
            self.problem(LINK_SIGNATURE, "the signature is empty", index)
            return
        if value == DOCS_SIGNATURE:
            if self.placeholder:
                return  # the docs' whole example link: one finding, not one per part
            self.placeholder = True
            self.problem(
                LINK_PLACEHOLDER,
                f"signature={DOCS_SIGNATURE} is the placeholder copied from the docs",
                index,
            )
            return
        if self.any_signature:
            self._url_safe(value, index)
            return
        if _HEX_SIGNATURE.fullmatch(value):
            return
        if re.fullmatch(r"[0-9a-fA-F]+", value) and len(value) in (64, 128):
            self.problem(LINK_SIGNATURE, "hex signatures are lowercase", index)
            return
        if re.fullmatch(r"[0-9a-f]+", value):
            self.problem(
                LINK_SIGNATURE,
                f"a hex signature of {len(value)} digits: truncated or corrupted "
                "(the console's have 64 or 128)",
                index,
            )
            return
        if value.startswith(("AYA", "Ag")):  # format version 1 (0x01 0x80) or 2 (0x02)
            self._aws_signature(value, index)
            return
        self.problem(
            LINK_SIGNATURE,
            f"the signature is in no known format ({_KNOWN_FORMATS}); "
            "--any-signature accepts any non-empty URL-safe signature",
            index,
        )

    def _aws_signature(self, value: str, index: int) -> None:
        if not _BASE64_TEXT.fullmatch(value):
            self._base64_problem(value, index)
            return
        text = value.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=")
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            data = None
        # Only the one canonical spelling of the bytes: b64decode forgives
        # padding beyond what the length needs and non-zero padding bits,
        # which a signature cut or padded by a copy-paste can end with.
        if data is None or base64.b64encode(data).decode("ascii") != text:
            self.problem(
                LINK_SIGNATURE,
                "truncated or corrupted: the signature is not whole, canonical base64 "
                f"({len(text)} characters)",
                index,
            )
            return
        try:
            parse_message(data)
        except MessageError as error:
            self.problem(
                LINK_SIGNATURE,
                f"truncated or corrupted: the signed message {error.reason}",
                index,
            )

    def _base64_problem(self, value: str, index: int) -> None:
        position = _first_stray(value, _BASE64_TOKEN)
        if position is not None:
            message = _bad_base64_character(value, position)
            self.problem(LINK_SIGNATURE, message, index + position)

    def _url_safe(self, value: str, index: int) -> None:
        position = _first_stray(value, _URL_SAFE_TOKEN)
        if position is not None:
            self.problem(
                LINK_SIGNATURE,
                f"{value[position]!r} is not URL-safe in a signature; percent-encode it",
                index + position,
            )


def _first_stray(value: str, token: re.Pattern[str]) -> Optional[int]:
    """Where ``value`` stops being a run of ``token``s, if it does."""
    position = 0
    while position < len(value):
        match = token.match(value, position)
        if match is None:
            return position
        position = match.end()
    return None


def _bad_base64_character(value: str, position: int) -> str:
    char = value[position]
    if char == "+":
        return "an unencoded '+' (a space to a URL decoder): the console writes it as %2B"
    if char in "/=":
        return f"an unencoded {char!r}: the console percent-encodes it"
    if char == "%":
        escape = value[position : position + 3]
        if escape.upper() in ("%2B", "%2F", "%3D"):
            return f"percent-escape {escape!r} must be upper-case: {escape.upper()}"
        return f"unexpected percent-escape {escape!r}; only %2B, %2F and %3D occur"
    return f"{char!r} does not belong in a base64 signature"


def _describe_character(char: str) -> str:
    code_point = f"U+{ord(char):04X}"
    if char == " ":
        return "a space in the link"
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        name = unicodedata.name(char, "control character")
        return f"an invisible character ({code_point} {name}) in the link"
    name = unicodedata.name(char, "unnamed")
    return f"a non-ASCII character {char!r} ({code_point} {name}): a look-alike?"
