"""The install-link rules, as a table: every link with the code it must produce.

``None`` means the link is one the developer console issues and must pass.
"""

from __future__ import annotations

import base64
from typing import List, Optional, Tuple

import pytest

from forge_connect_hooks.registry import rules
from forge_connect_hooks.rules.aws_message import MessageError, parse_message
from forge_connect_hooks.rules.link_rules import check_link

from .envelope import (
    HEX_64,
    HEX_128,
    SIGNING,
    V1_SUITES,
    V2_SUITES,
    build_message,
    encode_signature,
    link,
)
from .helpers import APP_UUID

GOOD = link()
SIG = encode_signature(build_message())
HOST = "developer.atlassian.com"
BASE = f"https://{HOST}/console/install/{APP_UUID}"
QUERY = f"?signature={SIG}&product=bitbucket"


def _with_plus() -> str:
    # A signature that needs '+': find a seed whose base64 has one.
    for seed in range(100):
        signature = encode_signature(build_message(seed=seed))
        if "%2B" in signature:
            return signature
    raise AssertionError("no seed gives a '+'")


PLUS_SIG = _with_plus()

CASES: List[Tuple[str, str, Optional[str]]] = [
    # -- what the console issues ---------------------------------------------------------------
    ("aws v1 framed", GOOD, None),
    ("aws v1 non-framed", link(encode_signature(build_message(framed=False))), None),
    (
        "aws v1 many frames",
        link(encode_signature(build_message(frame_length=16, content_length=100))),
        None,
    ),
    (
        "aws v1 exact frames",
        link(encode_signature(build_message(frame_length=20, content_length=60))),
        None,
    ),
    ("aws v1 one data key", link(encode_signature(build_message(data_keys=1))), None),
    (
        "aws v1 with aad",
        link(encode_signature(build_message(aad=((b"k", b"v"), (b"a", b""))))),
        None,
    ),
    *[
        (f"aws v1 suite {suite:#06x}", link(encode_signature(build_message(algorithm=suite))), None)
        for suite in V1_SUITES
    ],
    *[
        (
            f"aws v2 suite {suite:#06x}",
            link(encode_signature(build_message(version=2, algorithm=suite))),
            None,
        )
        for suite in V2_SUITES
    ],
    (
        "aws v2 non-framed",
        link(encode_signature(build_message(version=2, algorithm=0x0478, framed=False))),
        None,
    ),
    ("hex 64", link(HEX_64), None),
    ("hex 128", link(HEX_128), None),
    ("multi-product", link(products=("confluence", "jira", "bitbucket")), None),
    ("product first", f"{BASE}?product=bitbucket&signature={SIG}", None),
    # -- characters ----------------------------------------------------------------------------
    ("leading space", " " + GOOD, "FC402"),
    ("trailing newline", GOOD + "\n", "FC402"),
    ("tab inside", GOOD.replace("console/", "console/\t"), "FC402"),
    ("zero-width space", GOOD.replace("developer", "devel\u200boper"), "FC402"),
    ("cyrillic e homoglyph", GOOD.replace("developer", "d\u0435veloper"), "FC402"),
    ("fullwidth dot", GOOD.replace("atlassian.com", "atlassian\uff0ecom"), "FC402"),
    ("bidi override", GOOD.replace("install/", "install/\u202e"), "FC402"),
    ("nul byte", GOOD + "\x00", "FC402"),
    ("empty", "", "FC401"),
    # -- scheme --------------------------------------------------------------------------------
    ("http", GOOD.replace("https://", "http://"), "FC403"),
    ("upper-case scheme", GOOD.replace("https://", "HTTPS://"), "FC403"),
    ("protocol-relative", GOOD.replace("https:", ""), "FC403"),
    ("javascript", "javascript:alert(document.domain)//" + HOST, "FC403"),
    ("data url", "data:text/html;base64,PHNjcmlwdD4=", "FC403"),
    ("no scheme", GOOD.replace("https://", ""), "FC403"),
    ("https with one slash", GOOD.replace("https://", "https:/"), "FC403"),
    ("https with backslashes", GOOD.replace("https://", "https:\\\\"), "FC403"),
    # -- host ----------------------------------------------------------------------------------
    ("user info", GOOD.replace(HOST, f"{HOST}@evil.example"), "FC404"),
    ("user info before", GOOD.replace(HOST, f"evil.example@{HOST}"), "FC404"),
    ("port 443", GOOD.replace(HOST, f"{HOST}:443"), "FC404"),
    ("other port", GOOD.replace(HOST, f"{HOST}:8443"), "FC404"),
    ("upper-case host", GOOD.replace(HOST, HOST.upper()), "FC404"),
    ("trailing dot", GOOD.replace(HOST, HOST + "."), "FC404"),
    ("suffix host", GOOD.replace(HOST, HOST + ".evil.example"), "FC404"),
    ("prefix host", GOOD.replace(HOST, "evil-" + HOST), "FC404"),
    ("sibling host", GOOD.replace(HOST, "developer.atlassian.net"), "FC404"),
    ("subdomain", GOOD.replace(HOST, "www." + HOST), "FC404"),
    ("punycode", GOOD.replace(HOST, "xn--developer-9za.atlassian.com"), "FC404"),
    ("percent-encoded host", GOOD.replace(HOST, "developer%2Eatlassian.com"), "FC404"),
    ("backslash after host", GOOD.replace(HOST + "/", HOST + "\\"), "FC404"),
    ("backslash host trick", GOOD.replace(HOST, "evil.example\\@" + HOST), "FC404"),
    ("ip address", GOOD.replace(HOST, "104.192.142.1"), "FC404"),
    ("no host", GOOD.replace(HOST, ""), "FC404"),
    # -- path ----------------------------------------------------------------------------------
    ("upper-case uuid", GOOD.replace(APP_UUID, APP_UUID.upper()), "FC405"),
    ("dot segment", GOOD.replace("/console/", "/console/./"), "FC405"),
    (
        "dot-dot segment",
        GOOD.replace("/console/install/", "/evil/../console/install/"),
        "FC405",
    ),
    ("encoded dot segment", GOOD.replace("/console/", "/%2e/console/"), "FC405"),
    ("double slash", GOOD.replace("/console/", "//console/"), "FC405"),
    ("extra segment", GOOD.replace(APP_UUID, APP_UUID + "/x"), "FC405"),
    ("upper-case path", GOOD.replace("/console/install/", "/Console/Install/"), "FC405"),
    ("other path", GOOD.replace("/console/install/", "/console/apps/"), "FC405"),
    ("uuid without dashes", GOOD.replace(APP_UUID, APP_UUID.replace("-", "")), "FC405"),
    (
        "uuid version 7",
        GOOD.replace(APP_UUID, APP_UUID[:14] + "7" + APP_UUID[15:]),
        "FC405",
    ),
    ("percent-encoded uuid", GOOD.replace(APP_UUID, "%36" + APP_UUID[1:]), "FC405"),
    (
        "ari instead of uuid",
        GOOD.replace(APP_UUID, "ari:cloud:ecosystem::app/" + APP_UUID),
        "FC405",
    ),
    ("no path", f"https://{HOST}{QUERY}", "FC405"),
    # -- query ---------------------------------------------------------------------------------
    ("no query", BASE, "FC406"),
    ("fragment", GOOD + "#top", "FC406"),
    ("extra parameter", GOOD + "&utm_source=readme", "FC406"),
    ("signature twice", GOOD + f"&signature={SIG}", "FC406"),
    ("no signature", f"{BASE}?product=bitbucket", "FC406"),
    ("no product", f"{BASE}?signature={SIG}", "FC406"),
    ("product twice", GOOD + "&product=bitbucket", "FC406"),
    ("empty parameter", GOOD.replace("&product", "&&product"), "FC406"),
    ("trailing ampersand", GOOD + "&", "FC406"),
    ("semicolon separator", GOOD.replace("&product", ";product"), "FC408"),
    ("encoded parameter name", GOOD.replace("product=", "%70roduct="), "FC406"),
    ("upper-case parameter", GOOD.replace("signature=", "Signature="), "FC406"),
    ("parameter without value", GOOD + "&debug", "FC406"),
    # -- product -------------------------------------------------------------------------------
    ("jira only", link(products=("jira",)), "FC407"),
    ("unknown product", link(products=("bitbucket", "trello")), "FC407"),
    ("upper-case product", link(products=("Bitbucket",)), "FC407"),
    ("empty product", link(products=("",)), "FC407"),
    # -- signature -----------------------------------------------------------------------------
    ("empty signature", link(""), "FC408"),
    ("cut at a quarter", link(SIG[: len(SIG) // 4]), "FC408"),
    ("cut by four characters", link(SIG[:-7]), "FC408"),
    ("cut inside an escape", link(SIG[:-1]), "FC408"),
    (
        "bytes added",
        link(encode_signature(build_message() + b"\x00\x00\x00")),
        "FC408",
    ),
    ("unencoded plus", link(PLUS_SIG.replace("%2B", "+", 1)), "FC408"),
    (
        "unencoded slash",
        link(SIG.replace("%2F", "/", 1) if "%2F" in SIG else SIG + "/"),
        "FC408",
    ),
    ("lower-case escape", link(PLUS_SIG.replace("%2B", "%2b", 1)), "FC408"),
    ("over-encoded letter", link("%41" + SIG[1:]), "FC408"),
    ("url-safe base64", link(PLUS_SIG.replace("%2B", "-", 1)), "FC408"),
    (
        "wrong version byte",
        link(encode_signature(b"\x03" + build_message()[1:])),
        "FC408",
    ),
    (
        "v1 suite in v2 message",
        link(encode_signature(build_message(version=2, algorithm=0x0178))),
        "FC408",
    ),
    (
        "unknown suite",
        link(encode_signature(build_message(algorithm=0x0999))),
        "FC408",
    ),
    ("no data keys", link(encode_signature(build_message(data_keys=0))), "FC408"),
    (
        "footer missing",
        link(encode_signature(build_message(algorithm=0x0378)[:-105])),
        "FC408",
    ),
    ("hex 63", link(HEX_64[:-1]), "FC408"),
    ("hex 65", link(HEX_64 + "a"), "FC408"),
    ("hex upper-case", link(HEX_64.upper()), "FC408"),
    ("unknown format", link("c2lnbmF0dXJl"), "FC408"),
    # -- the documentation's example -----------------------------------------------------------
    (
        "docs example",
        "https://developer.atlassian.com/console/install/my-app-id?signature=1234567890&product=bitbucket",
        "FC409",
    ),
    ("docs signature", link("1234567890"), "FC409"),
]


@pytest.mark.parametrize(
    ("link_text", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_link(link_text: str, expected: Optional[str]) -> None:
    verdict = check_link(link_text)
    found = [problem.code for problem in verdict.problems]
    if expected is None:
        assert found == []
        assert verdict.app_uuid == APP_UUID
    else:
        assert expected in found, verdict.problems
        assert all(problem.message for problem in verdict.problems)


def test_one_slash_after_the_uuid_is_a_note_and_the_app_is_read() -> None:
    verdict = check_link(GOOD.replace(APP_UUID, APP_UUID + "/"))
    assert verdict.problems == []
    assert [note.code for note in verdict.notes] == ["FC915"]
    assert verdict.app_uuid == APP_UUID
    assert verdict.notes[0].position == GOOD.index(APP_UUID) + len(APP_UUID)


def test_the_table_is_big_and_covers_every_link_code() -> None:
    assert len(CASES) >= 60
    link_codes = {code for code in rules() if code.startswith("FC40")}
    assert link_codes <= {case[2] for case in CASES}


def test_product_option_for_another_product() -> None:
    jira = link(products=("jira",))
    assert check_link(jira, product="jira").problems == []
    assert [p.code for p in check_link(GOOD, product="jira").problems] == ["FC407"]


def test_any_signature_accepts_a_new_url_safe_format_only() -> None:
    assert check_link(link("v3.Zm9vYmFy-_~"), any_signature=True).problems == []
    refused = check_link(link("a+b"), any_signature=True).problems
    assert [p.code for p in refused] == ["FC408"]
    assert check_link(link(""), any_signature=True).problems[0].code == "FC408"


def test_unknown_format_names_the_known_ones() -> None:
    problem = check_link(link("c2lnbmF0dXJl")).problems[0]
    assert "AWS Encryption SDK message" in problem.message
    assert "64 or 128 lowercase hex digits" in problem.message
    assert "--any-signature" in problem.message


def test_truncation_says_truncated_or_corrupted() -> None:
    problem = check_link(link(SIG[:-8])).problems[0]
    assert problem.message.startswith("truncated or corrupted")


def test_problems_point_at_the_character() -> None:
    bad = GOOD.replace(HOST, f"{HOST}.evil.example")
    assert check_link(bad).problems[0].position == len("https://")
    bad = GOOD + "#x"
    assert check_link(bad).problems[0].position == len(GOOD)


@pytest.mark.parametrize("algorithm", [*V1_SUITES, *V2_SUITES])
def test_every_suite_parses_and_truncation_anywhere_fails(algorithm: int) -> None:
    version = 2 if algorithm in V2_SUITES else 1
    message = build_message(
        version=version, algorithm=algorithm, frame_length=32, content_length=70
    )
    parsed = parse_message(message)
    assert parsed.signed == (algorithm in SIGNING)
    assert parsed.frames == 3
    for end in range(len(message)):
        with pytest.raises(MessageError):
            parse_message(message[:end])


def test_base64_of_a_whole_message_round_trips() -> None:
    message = build_message()
    signature = encode_signature(message)
    decoded = base64.b64decode(
        signature.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=")
    )
    assert decoded == message
    assert signature.startswith("AYAB")


def test_products_the_manifest_uses_must_all_be_in_the_link() -> None:
    multi = link(products=("bitbucket", "confluence", "jira"))
    cut = multi[: multi.rindex("&product=jira")]
    assert check_link(multi, expected_products=["bitbucket", "jira"]).problems == []
    problems = check_link(cut, expected_products=["bitbucket", "confluence", "jira"]).problems
    assert [p.code for p in problems] == ["FC407"]
    assert "does not install into jira, which the manifest's modules use" in problems[0].message
    assert problems[0].position == len(cut)
