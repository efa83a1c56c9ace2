"""Findings as a report: text for people; JSON, SARIF, GitHub, GitLab and
Bitbucket Code Insights for machines.

Every format gets the same findings, filtered the same way (notes only when
verbose, never an ignored code), and gives the same exit status. A format is
a function of the findings and of the rules (asked for only by the formats
that describe them). A new format is one function and one line in FORMATTERS.
Paths are printed as the hooks print them: relative to the repository's top,
where pre-commit and ``forge-connect-hooks check`` run.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from typing import AbstractSet, Any, Callable, Dict, List, Mapping, Optional, TextIO

from .. import __version__
from . import rule_docs
from .findings import Finding, printable, selected, shortened
from .rule import Rule, is_note, severity

TOOL = "forge-connect-hooks"
# Bitbucket shows at most this many data fields in a report, and keeps at most
# this many annotations of one.

# A line number inside a message ("first at line 3", "manifest.yml:12") moves
# when lines are added above; a fingerprint must not.
_NUMBER_AFTER = re.compile(r"(?<=line )\d+|(?<=:)\d+")


# Every rule by code, asked for only by the formats that describe rules.
Rules = Callable[[], Mapping[str, Rule]]


def _no_rules() -> Mapping[str, Rule]:
    return {}


def emit(
    findings: List[Finding],
    name: str,
    *,
    verbose: bool = False,
    ignore: AbstractSet[str] = frozenset(),
    out: Optional[TextIO] = None,
    rules: Rules = _no_rules,
) -> int:
    """Print ``findings`` as format ``name``; return the exit status."""
    shown = selected(findings, verbose=verbose, ignore=ignore)
    text = FORMATTERS[name](shown, rules)
    if text:
        out = sys.stdout if out is None else out
        # A finding may quote a lone surrogate or odd byte from the file: never
        # let the terminal's encoding turn a report into a traceback.
        encoding = getattr(out, "encoding", None) or "utf-8"
        out.write(text.encode(encoding, "backslashreplace").decode(encoding))
        out.flush()
    return 1 if any(not finding.is_note for finding in shown) else 0


def as_text(findings: List[Finding], rules: Rules) -> str:
    """One ``path:line:col: CODE message`` line a finding."""
    return "".join(f"{finding}\n" for finding in findings)


def as_json(findings: List[Finding], rules: Rules) -> str:
    objects = [
        {
            "path": _path(finding),
            "line": finding.line,
            "column": finding.col,
            "code": finding.code,
            "message": _message(finding),
            "severity": severity(finding.code),
        }
        for finding in findings
    ]
    return json.dumps(objects, indent=2) + "\n"


def as_sarif(findings: List[Finding], rules: Rules) -> str:
    """SARIF 2.1.0, as GitHub code scanning reads it: a rule for every code,
    URIs relative to %SRCROOT%."""
    known = list(rules().values())
    index = {rule.code: position for position, rule in enumerate(known)}
    results = [
        {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _sarif_level(finding.code),
            "message": {"text": _message(finding)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": finding.line, "startColumn": finding.col},
                    }
                }
            ],
            "partialFingerprints": {"forgeConnectHooks/v1": fingerprint},
        }
        for finding, fingerprint in zip(findings, fingerprints(findings))
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL,
                        "version": __version__,
                        "rules": [_sarif_rule(rule) for rule in known],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"


def _sarif_rule(rule: Rule) -> Dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.meaning},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": rule_docs.explain_text(rule),
            "markdown": rule_docs.explain_markdown(rule),
        },
        "defaultConfiguration": {"level": _sarif_level(rule)},
    }


def _sarif_level(code: str) -> str:
    return "note" if is_note(code) else "error"


def as_github(findings: List[Finding], rules: Rules) -> str:
    """GitHub Actions workflow commands, escaped as the Actions toolkit escapes them."""
    lines = []
    for finding in findings:
        command = "notice" if finding.is_note else "error"
        properties = ",".join(
            f"{name}={_github_property(value)}"
            for name, value in (
                ("file", _path(finding)),
                ("line", str(finding.line)),
                ("col", str(finding.col)),
                ("title", finding.code),
            )
        )
        message = _github_data(f"{finding.code} {_message(finding)}")
        lines.append(f"::{command} {properties}::{message}")
    return "".join(line + "\n" for line in lines)


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def as_gitlab(findings: List[Finding], rules: Rules) -> str:
    """A GitLab Code Quality report."""
    issues = [
        {
            "type": "issue",
            "check_name": finding.code,
            "description": f"{finding.code} {_message(finding)}",
            "categories": ["Bug Risk"],
            "fingerprint": fingerprint,
            "severity": "info" if finding.is_note else "major",
            "location": {"path": _path(finding), "lines": {"begin": finding.line}},
        }
        for finding, fingerprint in zip(findings, fingerprints(findings))
    ]
    return json.dumps(issues, indent=2) + "\n"


def as_code_insights(findings: List[Finding], rules: Rules) -> str:
    """One Bitbucket Code Insights report and its annotations, most severe first."""
    from . import insights_schema  # only for this format

    errors = [finding for finding in findings if not finding.is_note]
    notes = len(findings) - len(errors)
    files = len({finding.path for finding in errors})
    data = [
        {"title": "Findings", "type": "NUMBER", "value": len(errors)},
        {"title": "Files with findings", "type": "NUMBER", "value": files},
        {"title": "Notes", "type": "NUMBER", "value": notes},
        {"title": "Safe to merge", "type": "BOOLEAN", "value": not errors},
    ][: insights_schema.MAX_DATA]
    if errors:
        details = f"{len(errors)} finding(s) in {files} file(s): run `{TOOL} check` to see them."
    else:
        details = "No finding: descriptors, manifests and install links are as Forge wants them."
    ordered = sorted(
        zip(findings, fingerprints(findings)), key=lambda pair: (pair[0].is_note, pair[0])
    )
    annotations = [
        {
            "external_id": f"{TOOL}-{fingerprint[:32]}",
            "annotation_type": "CODE_SMELL" if finding.is_note else "BUG",
            # Cut after escaping, as Bitbucket counts: one long value must
            # not make it refuse the whole batch.
            "summary": insights_schema.cut(
                f"{finding.code} {_message(finding)}", insights_schema.SUMMARY_MAX
            ),
            "path": _path(finding),
            "line": finding.line,
            "severity": "LOW" if finding.is_note else "HIGH",
            "result": "PASSED" if finding.is_note else "FAILED",
        }
        for finding, fingerprint in ordered[: insights_schema.MAX_ANNOTATIONS]
    ]
    report = {
        "title": TOOL,
        "details": insights_schema.cut(details, insights_schema.DETAILS_MAX),
        "report_type": "BUG",
        "reporter": TOOL,
        "result": "FAILED" if errors else "PASSED",
        "data": data,
    }
    return json.dumps({"report": report, "annotations": annotations}, indent=2) + "\n"


def fingerprints(findings: List[Finding]) -> List[str]:
    """A stable identity per finding: path, code, and message without the line
    numbers in it, and which of the equal ones it is, so that it stays the
    same when lines move and two equal findings still differ."""
    import hashlib  # only the formats that fingerprint need it

    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        key = "\0".join((finding.path, finding.code, _NUMBER_AFTER.sub("N", finding.message)))
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogatepass"))
        result.append(digest.hexdigest())
    return result


def _path(finding: Finding) -> str:
    return printable(finding.path.replace("\\", "/"))


# Left as they are in a SARIF URI: unreserved characters and the path's "/".
# ":" is not, so that no first segment reads as a scheme (``http:/x.py``).
_URI_SAFE = "/-._~!$&'()*+,;=@"


def _uri(finding: Finding) -> str:
    """The path as a URI reference relative to ``%SRCROOT%``, percent-encoded
    from the file name's bytes, so that a name that is not UTF-8 survives."""
    import os
    from urllib.parse import quote

    path = finding.path
    if os.path.isabs(path):
        path = os.path.relpath(path)
    try:
        raw = os.fsencode(path)  # the bytes of the name on disk
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogatepass")
    if os.sep == "\\":
        raw = raw.replace(b"\\", b"/")
    return quote(raw, safe=_URI_SAFE)


def _message(finding: Finding) -> str:
    return printable(shortened(finding.message))


FORMATTERS: Dict[str, Callable[[List[Finding], Rules], str]] = {
    "text": as_text,
    "json": as_json,
    "sarif": as_sarif,
    "github": as_github,
    "gitlab": as_gitlab,
    "code-insights": as_code_insights,
}
