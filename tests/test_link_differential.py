"""The link gate against an independent reading of its rule.

``independent_verdict`` reads the documented rule (docs/reference.md) for ``forgeAppLink`` a second
time, in another way: with the standard library's URL and base64 functions
and whole-string comparisons instead of a character-by-character reader. On
every generated link, good or broken, the two must agree.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from typing import List, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from forge_connect_hooks.rules.aws_message import MessageError, parse_message
from forge_connect_hooks.rules.link_rules import check_link

from .envelope import HEX_64, HEX_128, encode_signature, messages
from .helpers import APP_UUID, OTHER_UUID

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}")
PRODUCTS = {"bitbucket", "compass", "confluence", "jira"}
PERCENT = {"%2B": "+", "%2F": "/", "%3D": "="}


def independent_verdict(link: str) -> Tuple[bool, str]:
    """(accepted, the app UUID) by the rule as docs/reference.md states it."""
    if not link or any(not 0x21 <= ord(char) <= 0x7E for char in link):
        return False, ""
    if "#" in link or not link.startswith("https://"):
        return False, ""
    parts = urllib.parse.urlsplit(link)
    if parts.netloc != "developer.atlassian.com" or parts.scheme != "https":
        return False, ""
    prefix = "/console/install/"
    # One '/' after the UUID is accepted (with a note): the console's links
    # have none, but nothing shows that it refuses one.
    app = parts.path[len(prefix) :]
    app = app[:-1] if app.endswith("/") else app
    if not parts.path.startswith(prefix) or not UUID.fullmatch(app):
        return False, ""
    pairs: List[Tuple[str, str]] = []
    for item in parts.query.split("&"):
        name, equals, value = item.partition("=")
        if not equals:
            return False, ""
        pairs.append((name, value))
    names = [name for name, _ in pairs]
    if set(names) - {"signature", "product"} or names.count("signature") != 1:
        return False, ""
    products = [value for name, value in pairs if name == "product"]
    if len(set(products)) != len(products) or not set(products) <= PRODUCTS:
        return False, ""
    if "bitbucket" not in products:
        return False, ""
    signature = next(value for name, value in pairs if name == "signature")
    if not _signature_ok(signature):
        return False, ""
    return True, app


def _signature_ok(signature: str) -> bool:
    if signature in ("", "1234567890"):
        return False
    if re.fullmatch(r"[0-9a-f]+", signature):
        return len(signature) in (64, 128)
    pieces = re.findall(r"%..|.", signature)
    if any(len(p) == 3 and p not in PERCENT for p in pieces):
        return False
    text = "".join(PERCENT.get(p, p) for p in pieces)
    if any(char in "+/=" for char in signature):  # unencoded: a URL decoder alters them
        return False
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return False
    if base64.standard_b64encode(data).decode() != text:
        return False
    try:
        parse_message(data)
    except MessageError:
        return False
    return data[:1] in (b"\x01", b"\x02")


# -- generated links: each part good, or bent in a way people do ---------------------


def mostly(good: str, *bent: str) -> st.SearchStrategy[str]:
    """``good`` four times in five, else one of the ``bent`` forms: enough
    links of each verdict for the comparison to mean something."""
    return st.integers(0, 4).flatmap(lambda n: st.sampled_from(bent) if n == 0 else st.just(good))


schemes = mostly("https://", "http://", "HTTPS://", "//", "https:/", "")
hosts = mostly(
    "developer.atlassian.com",
    "Developer.atlassian.com",
    "developer.atlassian.com.",
    "developer.atlassian.com:443",
    "user@developer.atlassian.com",
    "developer.atlassian.com.evil.example",
    "developer-atlassian.com",
    "",
)
paths = mostly(
    "/console/install/{u}",
    "/console/install/{u}/",
    "/Console/install/{u}",
    "/console//install/{u}",
    "/console/install/{U}",
    "/console/install/my-app-id",
    "/console/install/{u}x",
    "/install/{u}",
)


@st.composite
def signatures(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["aws", "aws", "hex64", "hex128", "bent"]))
    if kind == "hex64":
        return HEX_64
    if kind == "hex128":
        return HEX_128
    message = draw(messages())
    good = encode_signature(message)
    if kind == "aws":
        return good
    bend = draw(
        st.sampled_from(
            ["pad", "cut", "lower-escape", "raw-plus", "upper-hex", "short-hex", "extra", "docs"]
        )
    )
    if bend == "pad":
        return good + draw(st.sampled_from(["%3D", "%3D%3D", "=", "A"]))
    if bend == "cut":
        return good[: draw(st.integers(1, len(good) - 1))]
    if bend == "lower-escape":
        return good.replace("%2B", "%2b").replace("%2F", "%2f")
    if bend == "raw-plus":
        return good.replace("%2B", "+")
    if bend == "upper-hex":
        return HEX_64.upper()
    if bend == "short-hex":
        return HEX_64[:-2]
    if bend == "extra":
        return good + "%20"
    return "1234567890"


@st.composite
def links(draw: st.DrawFn) -> str:
    uuid = draw(st.sampled_from([APP_UUID, OTHER_UUID]))
    path = draw(paths).format(u=uuid, U=uuid.upper())
    params = [f"signature={draw(signatures())}"]
    products = ["bitbucket", *draw(st.lists(st.sampled_from(["jira", "confluence"]), unique=True))]
    if draw(st.integers(0, 4)) == 0:
        bent = ["jira", "bitbucket", "Bitbucket", "trello"]
        products = draw(st.lists(st.sampled_from(bent), max_size=3))
    params += [f"product={p}" for p in products]
    if draw(st.integers(0, 4)) == 0:
        params.append(draw(st.sampled_from(["utm_source=x", "signature=abc", "", "product"])))
    params = draw(st.permutations(params))
    tail = draw(mostly("", "#top", "&", " ", "%20"))
    return f"{draw(schemes)}{draw(hosts)}{path}?{'&'.join(params)}{tail}"


@settings(max_examples=1500, deadline=None)
@given(links())
def test_the_gate_agrees_with_an_independent_reading(text: str) -> None:
    accepted, uuid = independent_verdict(text)
    verdict = check_link(text, "bitbucket")
    assert (not verdict.problems) == accepted, verdict.problems
    if accepted:
        assert verdict.app_uuid == uuid


def test_the_generator_makes_both_kinds() -> None:
    """A differential over links that all fail (or all pass) would prove nothing."""
    seen = set()

    @settings(max_examples=300, deadline=None)
    @given(links())
    def collect(text: str) -> None:
        seen.add(independent_verdict(text)[0])

    collect()
    assert seen == {True, False}
