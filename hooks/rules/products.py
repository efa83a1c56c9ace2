"""Which product a Connect descriptor is for, told from its content.

Bitbucket, Jira, Confluence and HipChat descriptors share a file name and a
shape, but only a Bitbucket descriptor answers to Bitbucket's schema. The
signs of each product (module types, scopes, root keys, locations, webhook
events) are data, in ``schemas/connect-products.json``; this module only reads
them. A descriptor that shows no sign of any product is a Bitbucket one.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Set, Tuple

from ..reading.nodes import Node, string_of
from ..reporting.rule import Rule
from .schema_check import load_our_schema

NOTE_OTHER_PRODUCT = Rule(
    "FC907",
    "OtherProduct",
    meaning=(
        "note: a descriptor of another product than Bitbucket: Bitbucket's rules are not applied"
    ),
    why="A note: Jira and Confluence descriptors have rules of their own.",
    example='{"key": "my-app", "modules": {"jiraIssueTabPanels": [...]}}',
    fix="Nothing, or pass --product when the guess is wrong.",
)


PRODUCTS_FILE = "connect-products.json"
DEFAULT = "bitbucket"


class Product(NamedTuple):
    id: str
    name: str  # for people: "Jira or Confluence"
    link_products: Tuple[str, ...]  # product= values its forgeAppLink may carry; empty: any
    evidence: str  # why: "scope 'READ'", or "no sign of another product"

    @property
    def is_bitbucket(self) -> bool:
        return self.id == DEFAULT


def product_ids() -> List[str]:
    return list(_data()["products"])


def is_connect_descriptor(root: Node) -> bool:
    """Whether a parsed JSON file of any name is a Connect descriptor, by its
    root's keys (the signs are data, beside the products')."""
    signs = _data()["descriptor"]
    if not root.is_object:
        return False
    if any(string_of(root.get(key)) is None for key in signs["required"]):
        return False
    return any(root.get(key) is not None for key in signs["oneOf"])


def link_products_in_text(text: str) -> Tuple[str, ...]:
    """The product a link outside any descriptor must install into, from what
    the file around it names (``text`` with its links blanked out): a product's
    name, one of its module types, one of its specific locations. Exactly one
    product named, that one; none or several, any (an empty tuple)."""
    lowered = text.lower()
    named: Set[str] = set()
    for product_id, spec in _data()["products"].items():
        signs = [name for name in spec["moduleTypes"] if _has_word(text, name)]
        if (
            _has_word(lowered, spec["name"].lower(), "_")
            or signs
            or any(prefix in text for prefix in spec["locationPrefixes"] if len(prefix) > 8)
        ):
            named.update(spec["linkProducts"] or (product_id,))
    for product in ("compass",):
        if _has_word(lowered, product, "_"):
            named.add(product)
    return tuple(named) if len(named) == 1 else ()


def _has_word(text: str, word: str, joiners: str = "") -> bool:
    """``word`` in ``text`` as a whole identifier, not inside a longer one;
    ``joiners`` may stand next to it (``_`` in ``BITBUCKET_APP``)."""
    at = text.find(word)
    while at != -1:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(word)] if at + len(word) < len(text) else " "
        if _boundary(before, joiners) and _boundary(after, joiners):
            return True
        at = text.find(word, at + 1)
    return False


def _boundary(char: str, joiners: str) -> bool:
    return char in joiners or not (char.isalnum() or char == "_")


def default_link_products() -> Tuple[str, ...]:
    """The link products of a descriptor that shows no sign of any product."""
    data = _data()
    return tuple(data["products"][data["default"]]["linkProducts"])


def recognise(root: Node, forced: Optional[str] = None) -> Product:
    """The product of the descriptor whose root is ``root``."""
    data = _data()
    if forced is not None:
        return _product(forced, "--product")
    for product_id in data["precedence"]:
        sign = _first_sign(root, data["products"][product_id])
        if sign is not None:
            return _product(product_id, sign)
    return _product(data["default"], "no sign of another product")


def _data() -> Dict[str, Any]:
    return load_our_schema(PRODUCTS_FILE)


def _product(product_id: str, evidence: str) -> Product:
    spec = _data()["products"][product_id]
    return Product(product_id, spec["name"], tuple(spec["linkProducts"]), evidence)


def _first_sign(root: Node, spec: Dict[str, Any]) -> Optional[str]:
    for key, _ in root.items():
        if key in spec["rootKeys"]:
            return f"root key {key!r}"
    modules = root.get("modules")
    for module_type, items in modules.items() if modules is not None else ():
        if module_type in spec["moduleTypes"] or module_type.startswith(
            tuple(spec["moduleTypePrefixes"])
        ):
            return f"module type {module_type!r}"
        for item in _one_or_many(items):
            location = string_of(item.get("location"))
            if location is not None and location.startswith(tuple(spec["locationPrefixes"])):
                return f"location {location!r}"
            event = string_of(item.get("event")) if module_type == "webhooks" else None
            if event is not None and event.startswith(tuple(spec["webhookEventPrefixes"])):
                return f"webhook event {event!r}"
    scopes = root.get("scopes")
    for scope in _one_or_many(scopes) if scopes is not None else ():
        if isinstance(scope.value, str):
            folded = scope.value.lower()
            if folded in spec["scopes"] or any(part in folded for part in spec["scopeSubstrings"]):
                return f"scope {scope.value!r}"
    return None


def _one_or_many(node: Node) -> Iterator[Node]:
    """The items of a list, or the node itself when it is one object."""
    if isinstance(node.value, list):
        yield from node.value
    elif node.is_object:
        yield node
