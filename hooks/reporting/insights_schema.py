"""What Bitbucket Cloud's Code Insights API accepts, as its reference
documents it: the report's and the annotations' fields, their values and
their limits. ``check --format code-insights`` writes within them, and the
upload refuses a file that is not, before anything is sent.

Bitbucket refuses a whole batch for one field over its limit, so one hostile
value would lose every annotation sent with it. Lengths are counted as
Bitbucket's Java service counts them: in UTF-16 code units.
"""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Optional

MAX_DATA = 10  # data fields of a report
MAX_ANNOTATIONS = 1000  # annotations of a report
SUMMARY_MAX = 450  # an annotation's summary
DETAILS_MAX = 2000  # a report's or an annotation's details
TITLE_MAX = 450  # a report's title

REPORT_TYPES = frozenset({"SECURITY", "COVERAGE", "TEST", "BUG"})
RESULTS = frozenset({"PASSED", "FAILED", "PENDING"})
DATA_TYPES = frozenset({"BOOLEAN", "DATE", "DURATION", "LINK", "NUMBER", "PERCENTAGE", "TEXT"})
ANNOTATION_TYPES = frozenset({"VULNERABILITY", "CODE_SMELL", "BUG"})
SEVERITIES = frozenset({"CRITICAL", "HIGH", "MEDIUM", "LOW"})
ANNOTATION_RESULTS = frozenset({"PASSED", "FAILED", "SKIPPED", "IGNORED"})


def utf16_length(text: str) -> int:
    """The length Java's String.length() gives: two for a character beyond U+FFFF."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` UTF-16 units, ending with an ellipsis when cut."""
    if utf16_length(text) <= limit:
        return text
    kept, used = [], 1  # room for the ellipsis
    for char in text:
        width = 2 if ord(char) > 0xFFFF else 1
        if used + width > limit:
            break
        kept.append(char)
        used += width
    return "".join(kept) + "\u2026"


def problem(document: Any) -> Optional[str]:
    """Why ``document`` is not a report Bitbucket accepts whole, or None."""
    if not isinstance(document, dict) or set(document) != {"report", "annotations"}:
        return "it must be an object of 'report' and 'annotations'"
    report, annotations = document["report"], document["annotations"]
    if not isinstance(report, dict):
        return "'report' is not an object"
    found = _fields(
        report,
        "report",
        required={"title": TITLE_MAX},
        optional={"details": DETAILS_MAX, "reporter": TITLE_MAX},
        choices={"report_type": REPORT_TYPES, "result": RESULTS},
    )
    if found is not None:
        return found
    data = report.get("data", [])
    if not isinstance(data, list) or len(data) > MAX_DATA:
        return f"report data is not a list of at most {MAX_DATA} fields"
    for field in data:
        if not isinstance(field, dict) or not isinstance(field.get("title"), str):
            return "a report data field has no title"
        if field.get("type") not in DATA_TYPES:
            return f"a report data field's type is not one of {sorted(DATA_TYPES)}"
    if not isinstance(annotations, list) or len(annotations) > MAX_ANNOTATIONS:
        return f"'annotations' is not a list of at most {MAX_ANNOTATIONS}"
    for index, annotation in enumerate(annotations):
        if not isinstance(annotation, dict):
            return f"annotation {index} is not an object"
        found = _fields(
            annotation,
            f"annotation {index}",
            required={"summary": SUMMARY_MAX, "external_id": TITLE_MAX},
            optional={"details": DETAILS_MAX, "path": 4096},
            choices={
                "annotation_type": ANNOTATION_TYPES,
                "severity": SEVERITIES,
                "result": ANNOTATION_RESULTS,
            },
        )
        if found is not None:
            return found
        line = annotation.get("line", 1)
        if type(line) is not int or line < 1:
            return f"annotation {index}'s line is not a whole number from 1"
    return None


def _fields(
    item: Dict[str, Any],
    name: str,
    *,
    required: Dict[str, int],
    optional: Dict[str, int],
    choices: Dict[str, FrozenSet[str]],
) -> Optional[str]:
    for key, limit in {**required, **optional}.items():
        if key not in item and key in optional:
            continue
        value = item.get(key)
        if not isinstance(value, str) or (key in required and not value):
            return f"{name}'s {key} is not a non-empty string"
        if utf16_length(value) > limit:
            return f"{name}'s {key} is longer than Bitbucket's {limit} characters"
    for key, allowed in choices.items():
        if item.get(key) not in allowed:
            return f"{name}'s {key} is not one of {sorted(allowed)}"
    return None
