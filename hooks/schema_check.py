"""Validate a document against a JSON Schema; one finding per error, placed
at the key or value the error is about, worded for a person.

jsonschema is imported here and only here: hooks that need no schema never
pay for it.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from typing import Any, Dict, Iterable, List, Optional, Sequence

from .documents import Document
from .findings import Finding
from .nodes import PathItem

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
def load_schema(name: str) -> Dict[str, Any]:
    """One of our own schemas, shipped as package data."""
    from importlib import resources

    text = resources.files(__package__).joinpath("schemas").joinpath(name).read_text("utf-8")
    schema: Dict[str, Any] = json.loads(text)
    return schema


def suggest(word: str, choices: Iterable[str]) -> Optional[str]:
    """The known name ``word`` was probably meant to be, if any.

    Case, '-' and '_' are ignored first (``forge_app_id`` -> ``forgeAppId``),
    then spelling is compared.
    """
    known = list(choices)

    def fold(name: str) -> str:
        return name.replace("_", "").replace("-", "").lower()

    folded = fold(word)
    for name in known:
        if fold(name) == folded:
            return name
    by_fold = {fold(name): name for name in known}
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.75)
    return by_fold[close[0]] if close else None


def schema_findings(
    document: Document,
    schema: Dict[str, Any],
    code: str,
    unknown_code: str,
    instance: Any = None,
) -> List[Finding]:
    from jsonschema import Draft7Validator

    validator = Draft7Validator(schema)
    data = document.root.plain() if instance is None else instance
    findings: List[Finding] = []
    for error in validator.iter_errors(data):
        findings.extend(_describe(document, error, code, unknown_code))
    return findings


def _describe(document: Document, error: Any, code: str, unknown_code: str) -> List[Finding]:
    path: List[PathItem] = list(error.absolute_path)
    where = label(path)
    keyword = error.validator
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        findings = []
        for name in error.instance:
            if name in known:
                continue
            hint = suggest(name, known)
            message = f"unknown key {name!r} in {where}"
            message += f"; did you mean {hint!r}?" if hint else f" (known: {', '.join(known)})"
            findings.append(document.at_path([*path, name], unknown_code, message, key=True))
        return findings
    if keyword in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        return _describe(document, best_match(error.context), code, unknown_code)
    return [document.at_path(path, code, f"{where}: {_message(error)}")]


def _message(error: Any) -> str:
    keyword = error.validator
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if custom and keyword in ("pattern", "format", "minLength", "maxLength"):
        return f"{json.dumps(error.instance)} {custom}"
    if keyword == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return f"missing required key {missing[0]!r}" if missing else error.message
    if keyword == "type":
        expected = error.validator_value
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        return f"must be {_article(wanted)}, not {_JSON_TYPES.get(type(error.instance), 'this')}"
    if keyword == "enum":
        choices = [str(choice) for choice in error.validator_value]
        hint = suggest(error.instance, choices) if isinstance(error.instance, str) else None
        if hint:
            return f"{json.dumps(error.instance)} is not allowed; did you mean {hint!r}?"
        return f"{json.dumps(error.instance)} is not one of: {', '.join(choices)}"
    if keyword == "uniqueItems":
        return "has the same item twice"
    if keyword == "minItems" and not error.instance:
        return "must not be empty"
    return str(error.message)


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
