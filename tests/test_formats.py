"""Every output format: the fields each consumer documents, over findings of
every severity, and the same selection and exit status as the text report."""

from __future__ import annotations

import io
import json
import os
import pathlib
import re
from typing import Any, Dict, List, Tuple
from urllib.parse import unquote_to_bytes, urlsplit

import jsonschema
import pytest

from forge_connect_hooks import __version__
from forge_connect_hooks.registry import rules
from forge_connect_hooks.registry import rules as registry_rules
from forge_connect_hooks.reporting import formats
from forge_connect_hooks.reporting.findings import Finding

from .conftest import git
from .helpers import DATA

# An error of each family, a note, an ignored code, a message with what
# GitHub's commands and terminals must not see raw, a path with a space.
FINDINGS = [
    Finding("atlassian-connect.json", 17, 12, "FC406", "query parameter 'utm_source'; remove it"),
    Finding("atlassian-connect.json", 3, 3, "FC202", "unknown key 'forgeAppID'"),
    Finding("manifest.yml", 32, 7, "FC305", "app.id is a placeholder: run `forge register`"),
    Finding("manifest.yml", 2, 1, "FC905", "no Forge CLI schema found"),
    Finding("docs/install guide.md", 4, 9, "FC405", "100% wrong,\nsee: line 2\r\x1b[31m"),
    Finding("src/app.js", 1, 1, "FC908", "an ignored note"),
]


def emitted(name: str, *, verbose: bool = True) -> Tuple[int, str]:
    out = io.StringIO()
    status = formats.emit(FINDINGS, name, verbose=verbose, ignore={"FC908"}, out=out, rules=rules)
    return status, out.getvalue()


def test_json_has_one_object_per_finding_with_the_six_fields() -> None:
    status, text = emitted("json")
    objects = json.loads(text)
    assert status == 1
    assert [set(item) for item in objects] == [
        {"path", "line", "column", "code", "message", "severity"}
    ] * 5
    assert [(item["path"], item["line"], item["column"], item["code"]) for item in objects] == [
        ("atlassian-connect.json", 3, 3, "FC202"),
        ("atlassian-connect.json", 17, 12, "FC406"),
        ("docs/install guide.md", 4, 9, "FC405"),
        ("manifest.yml", 2, 1, "FC905"),
        ("manifest.yml", 32, 7, "FC305"),
    ]
    assert [item["severity"] for item in objects] == ["error", "error", "error", "note", "error"]
    # Control characters are escaped as in the text report, never passed on raw.
    assert objects[2]["message"] == "100% wrong,\\nsee: line 2\\r\\x1b[31m"


def test_notes_only_when_verbose_and_the_status_follows_the_errors() -> None:
    status, text = emitted("json", verbose=False)
    assert status == 1 and "FC905" not in text
    notes_only = [Finding("manifest.yml", 2, 1, "FC905", "no Forge CLI schema found")]
    for name in formats.FORMATTERS:
        out = io.StringIO()
        assert formats.emit(notes_only, name, verbose=True, out=out, rules=rules) == 0, name
        assert "FC905" in out.getvalue(), name
        empty = io.StringIO()
        assert formats.emit(notes_only, name, verbose=False, out=empty, rules=rules) == 0
        if name == "sarif":  # its rules list every code; its results are what counts
            assert json.loads(empty.getvalue())["runs"][0]["results"] == []
        else:
            assert "FC905" not in empty.getvalue(), name


def test_github_workflow_commands_are_escaped_as_the_actions_toolkit_does() -> None:
    status, text = emitted("github")
    lines = text.splitlines()
    assert status == 1 and len(lines) == 5
    assert lines[0] == (
        "::error file=atlassian-connect.json,line=3,col=3,title=FC202::"
        "FC202 unknown key 'forgeAppID'"
    )
    # Data: % CR LF as %25 %0D %0A. Properties also : and , as %3A %2C.
    assert lines[2] == (
        "::error file=docs/install guide.md,line=4,col=9,title=FC405::"
        "FC405 100%25 wrong,\\nsee: line 2\\r\\x1b[31m"
    )
    assert lines[3].startswith("::notice file=manifest.yml,line=2,col=1,title=FC905::")
    odd = formats.as_github([Finding("a,b:c%.json", 1, 1, "FC103", "x\ny")], rules)
    assert odd == "::error file=a%2Cb%3Ac%25.json,line=1,col=1,title=FC103::FC103 x\\ny\n"
    # A raw newline could start a command of its own: the escape leaves none.
    assert formats._github_data("a\r\nb%") == "a%0D%0Ab%25"
    assert formats._github_property("x:y,z") == "x%3Ay%2Cz"


def test_gitlab_code_quality_fields() -> None:
    status, text = emitted("gitlab")
    issues = json.loads(text)
    assert status == 1 and len(issues) == 5
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["description"].startswith(issue["check_name"] + " ")
    assert [issue["severity"] for issue in issues] == ["major", "major", "major", "info", "major"]
    assert len({issue["fingerprint"] for issue in issues}) == 5


def test_equal_findings_get_distinct_fingerprints() -> None:
    twice = [
        Finding("a.json", 1, 1, "FC104", "duplicate key"),
        Finding("a.json", 9, 1, "FC104", "duplicate key"),
    ]
    first, second = formats.fingerprints(twice)
    assert first != second


def test_code_insights_report_and_annotations() -> None:
    status, text = emitted("code-insights")
    document = json.loads(text)
    assert status == 1 and set(document) == {"report", "annotations"}
    report = document["report"]
    assert {"title", "report_type", "result"} <= set(report)
    assert report["report_type"] in ("SECURITY", "COVERAGE", "TEST", "BUG")
    assert report["result"] == "FAILED"
    assert 1 <= len(report["data"]) <= 10
    for field in report["data"]:
        assert field["type"] in (
            "BOOLEAN",
            "DATE",
            "DURATION",
            "LINK",
            "NUMBER",
            "PERCENTAGE",
            "TEXT",
        )
        assert isinstance(field["title"], str) and "value" in field
    annotations = document["annotations"]
    assert len(annotations) == 5
    for annotation in annotations:
        assert {"external_id", "annotation_type", "summary", "path", "line", "severity"} <= set(
            annotation
        )
        assert annotation["annotation_type"] in ("VULNERABILITY", "CODE_SMELL", "BUG")
        assert annotation["severity"] in ("CRITICAL", "HIGH", "MEDIUM", "LOW")
        assert annotation["line"] >= 1
    assert [a["severity"] for a in annotations] == ["HIGH"] * 4 + ["LOW"]  # most severe first
    assert len({a["external_id"] for a in annotations}) == 5


def test_code_insights_keeps_the_thousand_most_severe() -> None:
    many = [Finding("a.json", line, 1, "FC909", "a note") for line in range(1, 1500)]
    many += [Finding("b.json", line, 1, "FC103", "an error") for line in range(1, 11)]
    document = json.loads(formats.as_code_insights(many, rules))
    annotations = document["annotations"]
    assert len(annotations) == 1000
    assert [a["path"] for a in annotations[:10]] == ["b.json"] * 10
    data = {field["title"]: field["value"] for field in document["report"]["data"]}
    assert data["Findings"] == 10 and data["Notes"] == 1499


def test_a_clean_run_passes_in_every_format() -> None:
    for name in formats.FORMATTERS:
        out = io.StringIO()
        assert formats.emit([], name, out=out, rules=rules) == 0
    assert json.loads(formats.as_json([], rules)) == []
    assert json.loads(formats.as_code_insights([], rules))["report"]["result"] == "PASSED"
    assert formats.as_github([], rules) == ""


def test_sarif_is_valid_against_the_official_schema(sarif_schema: Dict[str, Any]) -> None:
    status, text = emitted("sarif")
    log = json.loads(text)
    validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    assert list(validator.iter_errors(log)) == []
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (log["version"], driver["name"], driver["version"]) == (
        "2.1.0",
        "forge-connect-hooks",
        __version__,
    )
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == list(registry_rules())
    for rule in rules:
        assert rule["shortDescription"]["text"] == registry_rules()[rule["id"]].meaning
        assert rule["fullDescription"]["text"] == registry_rules()[rule["id"]].why
    results = run["results"]
    assert len(results) == 5
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    assert [r["level"] for r in results] == ["error", "error", "error", "note", "error"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris[2] == "docs/install%20guide.md"  # a relative reference, percent-encoded


def test_an_invalid_sarif_log_is_refused_by_the_schema(sarif_schema: Dict[str, Any]) -> None:
    """The validation above could pass vacuously if the schema accepted anything."""
    log = json.loads(emitted("sarif")[1])
    log["runs"][0]["results"][0]["level"] = "fatal"
    validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    assert list(validator.iter_errors(log)) != []


def test_fingerprints_stay_when_lines_move(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real run: the same mistakes after lines were added above them keep
    their GitLab fingerprints and Code Insights ids, and their lines change."""
    from forge_connect_hooks.main import main

    app = tmp_path / "app"
    app.mkdir()
    git(app, "init", "-q", "-b", "main")
    manifest = (DATA / "bitbucket-app" / "manifest.yml").read_text("utf-8")
    broken = manifest.replace(
        "app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64", "app/invalid-run-forge-register"
    )
    (app / "manifest.yml").write_text(broken)
    git(app, "add", "-A")
    monkeypatch.chdir(app)

    def run(name: str) -> List[Any]:
        out = io.StringIO()
        monkeypatch.setattr("sys.stdout", out)
        assert main(["check", "--format", name]) == 1
        loaded: Any = json.loads(out.getvalue())
        return loaded if isinstance(loaded, list) else loaded["annotations"]

    before = run("gitlab"), run("code-insights")
    (app / "manifest.yml").write_text("# a comment\n# and another\n" + broken)
    after = run("gitlab"), run("code-insights")
    assert [i["fingerprint"] for i in before[0]] == [i["fingerprint"] for i in after[0]]
    assert [a["external_id"] for a in before[1]] == [a["external_id"] for a in after[1]]
    assert [i["location"]["lines"]["begin"] + 2 for i in before[0]] == [
        i["location"]["lines"]["begin"] for i in after[0]
    ]


@pytest.mark.parametrize(
    "module", ["check_connect_descriptor", "check_forge_app_link", "sync_forge_app_id"]
)
def test_every_hook_prints_its_findings_in_the_format_asked_for(
    module: str, tmp_path: pathlib.Path
) -> None:
    """The hooks share the reporter: --format json holds what the text lines say."""
    from .helpers import APP_ID, descriptor, hook, write

    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    bad = descriptor(forgeAppID="x", forgeAppLink="https://developer.atlassian.com/console/x")
    write(tmp_path / "atlassian-connect.json", bad)
    args = ["--check", "--app-id", APP_ID] if module == "sync_forge_app_id" else []
    status, lines, _ = hook(module, *args, "atlassian-connect.json", cwd=tmp_path)
    json_status, json_lines, _ = hook(
        module, *args, "--format", "json", "atlassian-connect.json", cwd=tmp_path
    )
    objects = json.loads("\n".join(json_lines))
    assert (json_status, status) == (1, 1)
    assert [
        f"{o['path']}:{o['line']}:{o['column']}: {o['code']} {o['message']}" for o in objects
    ] == lines


def test_the_command_line_offers_exactly_the_formats_there_are() -> None:
    from forge_connect_hooks import cli

    assert cli.FORMATS == tuple(formats.FORMATTERS)


@pytest.mark.parametrize(
    "path",
    ["http:/x.py", "c:/x.json", "a b/100%.json", "x?y#z.md", os.fsdecode(b"caf\xe9/app.json")],
)
def test_a_sarif_uri_is_relative_and_gives_back_the_file_names_bytes(path: str) -> None:
    """Relative to %SRCROOT% whatever the name holds (no scheme, no host), and
    percent-encoded from the name's bytes, so a name that is not UTF-8 survives."""
    out = io.StringIO()
    formats.emit([Finding(path, 1, 1, "FC101", "m")], "sarif", out=out, rules=rules)
    location = json.loads(out.getvalue())["runs"][0]["results"][0]["locations"][0]
    uri = location["physicalLocation"]["artifactLocation"]["uri"]
    assert urlsplit(uri).scheme == "" and urlsplit(uri).netloc == "", uri
    assert unquote_to_bytes(uri) == os.fsencode(path)


def test_no_text_line_starts_with_a_workflow_command() -> None:
    finding = Finding("::error file=x.py::forged", 1, 1, "FC101", "m")
    out = io.StringIO()
    formats.emit([finding], "text", out=out, rules=rules)
    assert out.getvalue() == "./::error file=x.py::forged:1:1: FC101 m\n"
