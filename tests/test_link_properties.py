"""Properties of the link gate: no small change to a good link gets through,
and changes that mean the same link do."""

from __future__ import annotations

from typing import Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from forge_connect_hooks.rules.link_rules import check_link

from .envelope import HEX_128, encode_signature, link, messages
from .helpers import APP_UUID

# A multi-product app: cutting a link short at a parameter boundary drops a
# product, which only the manifest's modules can tell.
PRODUCTS = ("bitbucket", "confluence", "jira")


def accepted(text: str) -> bool:
    """What the hook lets through, paired with a manifest whose modules extend
    every product of the generated links: no problem, and the paired app."""
    verdict = check_link(text, "bitbucket", expected_products=PRODUCTS)
    return not verdict.problems and verdict.app_uuid == APP_UUID


@st.composite
def good_links(draw: st.DrawFn) -> Tuple[str, int, int]:
    """A valid link, and the span of its signature's characters."""
    if draw(st.booleans()):
        message = draw(messages())
        signature = encode_signature(message)
    else:
        signature = HEX_128
    text = link(signature, products=draw(st.permutations(PRODUCTS)))
    start = text.index("signature=") + len("signature=")
    return text, start, start + len(signature)


printable = st.characters(min_codepoint=0x20, max_codepoint=0x7E)


@settings(max_examples=400)
@given(good_links(), st.data())
def test_one_character_changed_outside_the_signature_is_refused(
    case: Tuple[str, int, int], data: st.DataObject
) -> None:
    text, start, end = case
    assert accepted(text)
    outside = [i for i in range(len(text)) if not start <= i < end]
    index = data.draw(st.sampled_from(outside))
    char = data.draw(printable.filter(lambda c: c != text[index]))
    assert not accepted(text[:index] + char + text[index + 1 :])


@settings(max_examples=400)
@given(good_links(), st.data())
def test_one_character_inserted_outside_the_signature_is_refused(
    case: Tuple[str, int, int], data: st.DataObject
) -> None:
    text, start, end = case
    outside = [i for i in range(len(text) + 1) if not start <= i <= end]
    index = data.draw(st.sampled_from(outside))
    char = data.draw(st.characters(codec="utf-8", exclude_categories=["Cs"]))
    assert not accepted(text[:index] + char + text[index:])


@settings(max_examples=400)
@given(good_links(), st.data())
def test_one_character_removed_outside_the_signature_is_refused(
    case: Tuple[str, int, int], data: st.DataObject
) -> None:
    text, start, end = case
    outside = [i for i in range(len(text)) if not start <= i < end]
    index = data.draw(st.sampled_from(outside))
    assert not accepted(text[:index] + text[index + 1 :])


@settings(max_examples=300)
@given(good_links(), st.data())
def test_truncation_anywhere_is_refused(case: Tuple[str, int, int], data: st.DataObject) -> None:
    text, _, _ = case
    cut = data.draw(st.integers(0, len(text) - 1))
    assert not accepted(text[:cut])


@settings(max_examples=200)
@given(good_links(), st.randoms(use_true_random=False))
def test_query_parameter_order_does_not_matter(case: Tuple[str, int, int], rand: object) -> None:
    text, _, _ = case
    base, query = text.split("?")
    parts = query.split("&")
    rand.shuffle(parts)  # type: ignore[attr-defined]
    assert accepted(base + "?" + "&".join(parts))


def test_a_uuid_digit_changed_is_another_app() -> None:
    text = link()
    other = text.replace(APP_UUID, APP_UUID[:-1] + ("5" if APP_UUID[-1] != "5" else "6"))
    verdict = check_link(other)
    assert verdict.problems == []
    assert verdict.app_uuid != APP_UUID
    assert not accepted(other)
