"""Validate a document against a JSON Schema; one finding per error, placed
at the key or value the error is about, worded for a person.

jsonschema is imported here and only here: hooks that need no schema never
pay for it.
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Iterator,
    List,
    NamedTuple,
    Optional,
    Sequence,
    Set,
    Tuple,
)

from ..reading.documents import Document
from ..reading.nodes import PathItem
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from .spelling import Spelling, strict_near_miss

NOTE_UNDOCUMENTED_KEY = Rule(
    "FC908",
    "UndocumentedKey",
    meaning="note: a key the documentation does not name (and no near miss of one): not checked",
    why=(
        "A note: where Bitbucket's schema is open, an unknown key may be valid, so it cannot block."
    ),
    example='{"modules": {"webItems": [{"key": "x", "myExtra": true}]}}',
    fix="Nothing, if the key is meant.",
)


_SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}


@cache
def load_our_schema(name: str) -> Dict[str, Any]:
    """One of our own schemas, shipped as package data beside this module
    (read directly: importlib.resources costs more to import than this reads)."""
    with open(os.path.join(_SCHEMAS, name), "rb") as stream:
        schema: Dict[str, Any] = json.loads(stream.read())
    return schema


class SchemaUnusable(Exception):
    """A schema we did not write cannot be applied (a bad type, pattern or $ref)."""


# id(schema) -> (schema, validator). The schema is kept so that its id cannot
# be reused by another object; a run uses one or two schemas, so a few
# entries are plenty and the cache never grows.
_validators: Dict[int, Tuple[Dict[str, Any], Any]] = {}
_MAX_VALIDATORS = 4


def _validator(schema: Dict[str, Any]) -> Any:
    cached = _validators.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    # Built once per schema and run: its $ref resolution cache is reused.
    validator = _validator_class()(schema)
    while len(_validators) >= _MAX_VALIDATORS:
        del _validators[next(iter(_validators))]
    _validators[id(schema)] = (schema, validator)
    return validator


_classes: List[Any] = []


def _validator_class() -> Any:
    """Draft 7, but ``uniqueItems`` and ``enum`` by hashing (jsonschema
    compares every pair of items that do not sort, objects, which is quadratic
    in the list, and each value with every member of an enum) and ``pattern``
    only within ``maxLength``."""
    if not _classes:
        from jsonschema import Draft7Validator, validators

        _patterns.append(Draft7Validator.VALIDATORS["pattern"])
        changed = {"uniqueItems": _unique_items, "pattern": _pattern, "enum": _enum}
        _classes.append(validators.extend(Draft7Validator, changed))  # type: ignore[no-untyped-call]
    return _classes[0]


_patterns: List[Any] = []  # jsonschema's own "pattern" keyword


def _pattern(validator: Any, pattern: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """A value longer than its ``maxLength`` is refused by that already, and is
    not matched: one of Forge's patterns backtracks, quadratic in the length
    (minutes for a long value), and it sits beside a ``maxLength``."""
    limit = schema.get("maxLength")
    if isinstance(instance, str) and isinstance(limit, int) and len(instance) > limit:
        return
    yield from _patterns[0](validator, pattern, instance, schema)


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[Any]:
    if not unique or not validator.is_type(instance, "array"):
        return
    from jsonschema.exceptions import ValidationError

    seen: Set[Any] = set()
    for item in instance:
        key = _hashable(item)
        if key in seen:
            yield ValidationError("has non-unique elements")
            return
        seen.add(key)


# Each enum of the schemas in use, as a set of hashable values: {id: (enum, set)}.
_ENUMS: Dict[int, Tuple[Any, FrozenSet[Any]]] = {}


def _enum(validator: Any, enums: Any, instance: Any, schema: Any) -> Iterator[Any]:
    known = _ENUMS.get(id(enums))
    if known is None or known[0] is not enums:
        known = _ENUMS[id(enums)] = (enums, frozenset(_hashable(each) for each in enums))
    if _hashable(instance) not in known[1]:
        from jsonschema.exceptions import ValidationError

        # The finding's words are made from the error later; no list repr here.
        yield ValidationError("is not one of the values the schema lists")


def _hashable(value: Any) -> Any:
    """A value as a key that is equal exactly when JSON Schema calls two
    values equal: 1 and 1.0 are, true and 1 are not, key order is not."""
    if isinstance(value, bool):
        return (bool, value)
    if isinstance(value, (int, float)):
        return (float, value)
    if isinstance(value, list):
        return (list, tuple(_hashable(item) for item in value))
    if isinstance(value, dict):
        return (dict, frozenset((key, _hashable(item)) for key, item in value.items()))
    return (type(value), value)


class _Codes(NamedTuple):
    """What a run of :func:`schema_findings` reports with."""

    code: str  # a schema error
    unknown: str  # an unknown key
    tolerated: FrozenSet[Tuple[PathItem, ...]]  # unknown keys another rule reports
    spelling: Spelling  # the run's hints


# A file with more schema errors than this is reported in part (and says so).
MAX_SCHEMA_FINDINGS = 1000


def schema_findings(
    document: Document,
    schema: Dict[str, Any],
    code: str,
    unknown_code: str,
    ignore: Optional[Callable[[Any], bool]] = None,
    *,
    instance: Any = None,
    tolerated: FrozenSet[Tuple[PathItem, ...]] = frozenset(),
    spelling: Optional[Spelling] = None,
) -> List[Finding]:
    """One finding per schema error, except those ``ignore`` says another rule
    reports better, and unknown keys at the paths ``tolerated`` names.
    ``instance`` is what is validated (default: the document's plain value).
    Raises :class:`SchemaUnusable` when the schema is broken."""
    context = _Codes(code, unknown_code, tolerated, spelling or Spelling())
    value = document.root.plain() if instance is None else instance
    findings: List[Finding] = []
    try:
        for error in _validator(schema).iter_errors(value):
            if ignore is None or not ignore(error):
                findings.extend(_describe(document, error, context))
            if len(findings) >= MAX_SCHEMA_FINDINGS:
                # Bounded, with a finding: thousands more lines would help no one.
                findings.append(
                    document.at(
                        document.root,
                        code,
                        f"more than {MAX_SCHEMA_FINDINGS} schema errors; the first "
                        f"{MAX_SCHEMA_FINDINGS} are shown: fix those and run again",
                    )
                )
                break
    except RecursionError:
        raise SchemaUnusable("its $refs refer to each other without end") from None
    except Exception as error:  # noqa: BLE001 - a foreign schema can be broken in any way
        first_line = (str(error).splitlines() or [""])[0]
        raise SchemaUnusable(f"{type(error).__name__}: {shorten(first_line)}") from None
    return findings


def quoted(value: Any) -> str:
    """A value from the file as JSON, cut to about 60 characters."""
    return shorten(json.dumps(value, ensure_ascii=False))


def shorten(text: str, limit: int = 60) -> str:
    """``text`` up to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _describe(document: Document, error: Any, context: _Codes) -> List[Finding]:
    path: List[PathItem] = list(error.absolute_path)
    where = label(path)
    keyword = error.validator
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        return _unknown_keys(document, error, path, context)
    if keyword in ("anyOf", "oneOf"):
        forms = _required_forms(error)
        if forms is not None and (not error.context or _only_missing_keys(error)):
            # Alternatives that differ in the keys they need: say so in one line,
            # as Forge does, instead of one branch's errors or the whole schema.
            both = "" if error.context else "matches more than one form; "
            return [document.at_path(path, context.code, f"{where}: {both}{forms}")]
    if keyword in ("anyOf", "oneOf") and error.context:
        branches: Dict[Any, List[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        types = _only_type_mismatches(error, list(branches.values()))
        if types:
            wanted = " or ".join(_article(name) for name in types)
            actual = _JSON_TYPES.get(type(error.instance), "this")
            return [
                document.at_path(path, context.code, f"{where}: must be {wanted}, not {actual}")
            ]
        # The branch the value came closest to: not refused for its very type,
        # then the fewest errors, then the deepest ones.
        closest = min(
            branches.values(),
            key=lambda errors: (
                any(_is_own_type_error(error, sub) for sub in errors),
                len(errors),
                -max(len(sub.absolute_path) for sub in errors),
            ),
        )
        described: List[Finding] = []
        for sub in closest:
            described.extend(_describe(document, sub, context))
        return described
    # What an object lacks is shown at its key ("app:"), where a person and
    # Forge look, not at its first member.
    about_object = error.validator in ("required", "minProperties", "dependencies")
    return [
        document.at_path(
            path, context.code, f"{where}: {_message(error, context.spelling)}", key=about_object
        )
    ]


def _unknown_keys(
    document: Document, error: Any, path: List[PathItem], context: _Codes
) -> List[Finding]:
    """One finding per unknown key. Where the schema says ``x-unknown-keys:
    near-miss`` (the product accepts keys it does not document), only a near
    miss of a known key is a finding; any other unknown key is a note."""
    known = list(error.schema.get("properties", {}))
    lenient = error.schema.get("x-unknown-keys") == "near-miss"
    where = label(path)
    findings = []
    for name in error.instance:
        if name in known or (*path, name) in context.tolerated:
            continue
        if lenient:
            meant = strict_near_miss(name, known)
            if meant is None:
                message = f"key {name!r} in {where} is not one the documentation names; not checked"
                findings.append(
                    document.at_path([*path, name], NOTE_UNDOCUMENTED_KEY, message, key=True)
                )
                continue
            message = f"unknown key {name!r} in {where}; did you mean {meant!r}?"
        else:
            hint = context.spelling.budgeted_close_match(name, known)
            message = f"unknown key {name!r} in {where}"
            message += f"; did you mean {hint!r}?" if hint else f" (known: {', '.join(known)})"
        findings.append(document.at_path([*path, name], context.unknown, message, key=True))
    return findings


def _required_forms(error: Any) -> Optional[str]:
    """ "needs 'function' or 'resource', with 'key' and 'title'" when every
    alternative is an object schema that lists the keys it requires."""
    alternatives = error.validator_value if isinstance(error.validator_value, list) else []
    required: List[List[str]] = []
    for alternative in alternatives:
        names = alternative.get("required") if isinstance(alternative, dict) else None
        if not isinstance(names, list) or not names:
            return None
        required.append([str(name) for name in names])
    if len(required) < 2:
        return None
    common = [name for name in required[0] if all(name in other for other in required)]
    own = [[name for name in names if name not in common] for names in required]
    if not all(own):
        return None
    options = " or ".join(" and ".join(repr(name) for name in names) for names in own)
    text = f"needs {options}"
    if common:
        text += ", with " + ", ".join(repr(name) for name in common)
    return shorten(text, 200)


def _only_missing_keys(error: Any) -> bool:
    """Every alternative failed only for keys the value lacks at its own level."""
    return all(
        sub.validator == "required" and sub.absolute_path == error.absolute_path
        for sub in error.context
    )


def _is_own_type_error(parent: Any, error: Any) -> bool:
    return bool(error.validator == "type" and error.absolute_path == parent.absolute_path)


def _only_type_mismatches(parent: Any, branches: List[List[Any]]) -> List[str]:
    """The types wanted, when every branch refused the value for its type alone."""
    wanted: List[str] = []
    for errors in branches:
        if len(errors) != 1 or not _is_own_type_error(parent, errors[0]):
            return []
        value = errors[0].validator_value
        for name in value if isinstance(value, list) else [value]:
            if name not in wanted:
                wanted.append(name)
    return wanted


def _message(error: Any, spelling: Spelling) -> str:
    keyword = error.validator
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if keyword == "maxLength" and isinstance(error.instance, str):
        return (
            f"{quoted(error.instance)} is too long: {len(error.instance)} characters, "
            f"at most {error.validator_value}"
        )
    if custom and keyword in ("pattern", "format", "minLength"):
        return f"{quoted(error.instance)} {custom}"
    if keyword == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        if not missing:
            return shorten(str(error.message), 200)
        if len(missing) == 1:
            return f"missing required key {missing[0]!r}"
        return "missing required keys " + ", ".join(repr(name) for name in missing)
    if keyword == "type":
        expected = error.validator_value
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        return f"must be {_article(wanted)}, not {_JSON_TYPES.get(type(error.instance), 'this')}"
    if keyword == "enum":
        choices = [str(choice) for choice in error.validator_value]
        hint = (
            spelling.budgeted_close_match(error.instance, choices)
            if isinstance(error.instance, str)
            else None
        )
        if hint and len(choices) > 8:
            return f"{quoted(error.instance)} is not allowed; did you mean {hint!r}?"
        text = f"{quoted(error.instance)} is not one of: {', '.join(choices)}"
        return text + (f"; did you mean {hint!r}?" if hint else "")
    if keyword == "uniqueItems":
        return "has the same item twice"
    if keyword == "minItems" and not error.instance:
        return "must not be empty"
    return shorten(str(error.message), 200)


def _article(type_name: str) -> str:
    return f"an {type_name}" if type_name[:1] in "aeiou" else f"a {type_name}"


def label(path: Sequence[PathItem]) -> str:
    """``modules.webItems[0].url``-style name of a place in a document."""
    if not path:
        return "the root"
    text = ""
    for item in path:
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else item)
    return text
