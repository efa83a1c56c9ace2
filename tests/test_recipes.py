"""README's CI recipes, run as written (all but their `pip install` line,
whose packages the test environment already has).

There is no Bitbucket here: the Pipelines recipe talks to a server of the
test's own on localhost:29418, the Pipelines proxy's address, which checks
each request against what Bitbucket's API reference documents for Code
Insights: the endpoints and methods, the fields and their values, at most
100 annotations a request and 1 000 a report.
"""

from __future__ import annotations

import contextlib
import errno
import http.server
import io
import json
import os
import pathlib
import re
import subprocess
import sys
import threading
from typing import Any, Dict, Iterator, List, Optional, Tuple

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from .conftest import PROJECT, git, git_env
from .envelope import link
from .helpers import APP_ID, OTHER_UUID, descriptor, handler_beside, manifest_text

README = (PROJECT / "README.md").read_text("utf-8")
BIN = str(pathlib.Path(sys.executable).parent)
API = "http://api.bitbucket.org/2.0"
REPORT_PATH = re.compile(
    r"^/2\.0/repositories/(?P<workspace>[^/]+)/(?P<repo>[^/]+)/commit/(?P<commit>[0-9a-f]{40})"
    r"/reports/(?P<report>[^/]+)(?P<annotations>/annotations)?$"
)


def recipe(heading: str) -> Any:
    """The first YAML block under README's ``### heading``."""
    section = README.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    return YAML(typ="safe").load(block)


def use_config(hook_repo: pathlib.Path) -> str:
    section = README.split("## Use\n", 1)[1]
    config = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    config = re.sub(r"repo: \S+", f"repo: {hook_repo}", config, count=1)
    return config.replace("rev: COMMIT", f"rev: {git(hook_repo, 'rev-parse', 'HEAD').strip()}")


def without_pip(commands: List[str]) -> List[str]:
    kept = [command for command in commands if not command.startswith("pip install")]
    assert len(kept) == len(commands) - 1, "each recipe installs with one pip line"
    return kept


def shell(command: str, cwd: pathlib.Path, env: Dict[str, str]) -> int:
    """One command as the CI service runs it: bash, stopping at an error."""
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command], cwd=cwd, env=env, check=False, timeout=600
    ).returncode


def _app(path: pathlib.Path, hook_repo: pathlib.Path, links: int = 1) -> None:
    """An app whose descriptor's link has a tracking parameter and whose
    source writes ``links`` links of another app."""
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    (path / ".pre-commit-config.yaml").write_text(use_config(hook_repo))
    (path / "manifest.yml").write_text(manifest_text(APP_ID))
    handler_beside(path / "manifest.yml")
    broken = descriptor(forgeAppId=APP_ID, forgeAppLink=link() + "&utm_source=slack")
    (path / "atlassian-connect.json").write_text(json.dumps(broken, indent=2) + "\n")
    other = link(uuid=OTHER_UUID)
    (path / "links.ts").write_text(
        "".join(f"export const l{n} = '{other}';\n" for n in range(links))
    )
    git(path, "add", "-A")
    git(path, "commit", "-q", "--no-verify", "-m", "app")


def _env(pre_commit_home: pathlib.Path, **extra: str) -> Dict[str, str]:
    env = git_env()
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    env.pop("PRE_COMMIT", None)
    env.update(extra)
    return env


# Bitbucket's documented values (API reference, "Reports" group).
REPORT_TYPES = {"SECURITY", "COVERAGE", "TEST", "BUG"}
RESULTS = {"PASSED", "FAILED", "PENDING"}
DATA_TYPES = {"BOOLEAN", "DATE", "DURATION", "LINK", "NUMBER", "PERCENTAGE", "TEXT"}
ANNOTATION_TYPES = {"VULNERABILITY", "CODE_SMELL", "BUG"}
SEVERITIES = {"CRITICAL", "HIGH", "MEDIUM", "LOW"}
ANNOTATION_RESULTS = {"PASSED", "FAILED", "SKIPPED", "IGNORED"}


class FakeBitbucket:
    """What the proxy would forward: requests in absolute form for
    api.bitbucket.org, each checked; problems are recorded, not raised."""

    def __init__(self, fail_with: Optional[int] = None) -> None:
        self.requests: List[Tuple[str, str, Any]] = []
        self.problems: List[str] = []
        self.reports: Dict[str, Any] = {}
        self.annotations: Dict[str, List[Any]] = {}
        self.fail_with = fail_with

    def handle(self, method: str, target: str, headers: Any, body: bytes) -> Tuple[int, Any]:
        if not target.startswith(API + "/"):
            self.problems.append(f"{method} {target}: not an absolute http URL of {API}")
            return 400, {"error": "not through the proxy"}
        match = REPORT_PATH.match(target[len("http://api.bitbucket.org") :])
        if match is None:
            self.problems.append(f"{method} {target}: no such endpoint")
            return 404, {"error": "no such endpoint"}
        payload = None
        if body:
            if headers.get("Content-Type") != "application/json":
                self.problems.append(f"{method} {target}: body is not application/json")
            payload = json.loads(body)
        self.requests.append((method, target, payload))
        if self.fail_with is not None:
            return self.fail_with, {"error": {"message": "refused for the test"}}
        report = match["report"]
        if match["annotations"]:
            if method != "POST":
                self.problems.append(f"{method} on annotations")
            elif report not in self.reports:
                self.problems.append("annotations before their report")
            else:
                self._annotations(report, payload)
            return 200, payload
        if method == "DELETE":
            existed = self.reports.pop(report, None) is not None
            self.annotations.pop(report, None)
            return (204, None) if existed else (404, {"error": "no report"})
        if method == "PUT":
            self._report(payload)
            self.reports[report] = payload
            self.annotations[report] = []
            return 200, payload
        self.problems.append(f"{method} on a report")
        return 405, None

    def _report(self, report: Any) -> None:
        if not isinstance(report, dict):
            self.problems.append("the report is not an object")
            return
        for field in ("title", "details", "reporter"):
            if field in report and not isinstance(report[field], str):
                self.problems.append(f"report {field} is not a string")
        if not isinstance(report.get("title"), str) or not report["title"]:
            self.problems.append("the report has no title")
        if report.get("report_type") not in REPORT_TYPES:
            self.problems.append(f"report_type {report.get('report_type')!r}")
        if report.get("result") not in RESULTS:
            self.problems.append(f"result {report.get('result')!r}")
        data = report.get("data", [])
        if len(data) > 10:
            self.problems.append(f"{len(data)} data fields (at most 10)")
        for field in data:
            if field.get("type") not in DATA_TYPES or not isinstance(field.get("title"), str):
                self.problems.append(f"data field {field!r}")

    def _annotations(self, report: str, batch: Any) -> None:
        if not isinstance(batch, list) or not 1 <= len(batch) <= 100:
            self.problems.append("a batch that is not a list of 1 to 100 annotations")
            return
        kept = self.annotations[report]
        kept.extend(batch)
        if len(kept) > 1000:
            self.problems.append(f"{len(kept)} annotations on one report (at most 1 000)")
        ids = [annotation.get("external_id") for annotation in kept]
        if len(set(ids)) != len(ids):
            self.problems.append("external_id repeated")
        for annotation in batch:
            checks = {
                "external_id": isinstance(annotation.get("external_id"), str),
                "annotation_type": annotation.get("annotation_type") in ANNOTATION_TYPES,
                # Bitbucket refuses the batch over 450 characters, counted in UTF-16.
                "summary": isinstance(annotation.get("summary"), str)
                and len(annotation["summary"].encode("utf-16-le")) // 2 <= 450,
                "severity": annotation.get("severity") in SEVERITIES,
                "result": annotation.get("result", "PASSED") in ANNOTATION_RESULTS,
                "path": isinstance(annotation.get("path"), str),
                "line": isinstance(annotation.get("line"), int) and annotation["line"] >= 1,
            }
            self.problems.extend(
                f"annotation {name}: {annotation.get(name)!r}"
                for name, ok in checks.items()
                if not ok
            )


@pytest.fixture
def bitbucket() -> Iterator[FakeBitbucket]:
    fake = FakeBitbucket()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            status, answer = fake.handle(
                self.command, self.path, self.headers, self.rfile.read(length)
            )
            body = b"" if answer is None else json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_POST = do_DELETE = _any

        def log_message(self, *args: Any) -> None:
            pass

    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 29418), Handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            pytest.fail("localhost:29418, the Pipelines proxy's port, is taken on this machine")
        raise
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def _pipelines_env(app: pathlib.Path, pre_commit_home: pathlib.Path) -> Dict[str, str]:
    return _env(
        pre_commit_home,
        BITBUCKET_COMMIT=git(app, "rev-parse", "HEAD").strip(),
        BITBUCKET_REPO_FULL_NAME="acme-team/acme-app",
        BITBUCKET_BUILD_NUMBER="7",
    )


def test_the_pipelines_recipe_blocks_then_reports_through_the_proxy(
    tmp_path: pathlib.Path,
    hook_repo: pathlib.Path,
    pre_commit_home: pathlib.Path,
    bitbucket: FakeBitbucket,
) -> None:
    pipeline = recipe("Bitbucket Pipelines")
    (step,) = pipeline["pipelines"]["pull-requests"]["**"]
    app = tmp_path / "app"
    _app(app, hook_repo)
    env = _pipelines_env(app, pre_commit_home)
    statuses = [shell(command, app, env) for command in without_pip(step["step"]["script"])]
    assert statuses == [1]  # pre-commit fails the build
    after = [shell(command, app, env) for command in step["step"]["after-script"]]
    assert after == [0, 0]
    assert bitbucket.problems == []
    commit = env["BITBUCKET_COMMIT"]
    url = f"{API}/repositories/acme-team/acme-app/commit/{commit}/reports/forge-connect-hooks"
    assert [(method, target) for method, target, _ in bitbucket.requests] == [
        ("DELETE", url),
        ("PUT", url),
        ("POST", url + "/annotations"),
    ]
    report = bitbucket.reports["forge-connect-hooks"]
    assert report["result"] == "FAILED"
    annotations = bitbucket.annotations["forge-connect-hooks"]
    assert sorted((a["path"], a["line"], a["summary"][:5]) for a in annotations) == [
        ("atlassian-connect.json", 13, "FC406"),
        ("links.ts", 1, "FC410"),
    ]


def test_the_upload_sends_annotations_in_batches_of_100_and_replaces_the_report(
    tmp_path: pathlib.Path,
    hook_repo: pathlib.Path,
    pre_commit_home: pathlib.Path,
    bitbucket: FakeBitbucket,
) -> None:
    (step,) = recipe("Bitbucket Pipelines")["pipelines"]["pull-requests"]["**"]
    app = tmp_path / "app"
    _app(app, hook_repo, links=1200)
    env = _pipelines_env(app, pre_commit_home)
    for _ in range(2):  # a rebuilt commit: the old report goes first
        assert [shell(c, app, env) for c in step["step"]["after-script"]] == [0, 0]
    assert bitbucket.problems == []
    posts = [len(body) for method, _, body in bitbucket.requests if method == "POST"]
    assert posts == [100] * 10 + [100] * 10
    assert len(bitbucket.annotations["forge-connect-hooks"]) == 1000
    methods = [method for method, _, _ in bitbucket.requests]
    assert methods.count("DELETE") == 2 and methods.count("PUT") == 2


def test_a_refused_upload_is_one_line_and_a_failure(
    tmp_path: pathlib.Path, bitbucket: FakeBitbucket
) -> None:
    bitbucket.fail_with = 400
    report = tmp_path / "report.json"
    minimal = {"title": "x", "report_type": "BUG", "result": "PASSED"}
    report.write_text(json.dumps({"report": minimal, "annotations": []}))
    result = subprocess.run(
        [f"{BIN}/forge-connect-hooks", "upload-code-insights", str(report)],
        capture_output=True,
        text=True,
        check=False,
        env=_env(tmp_path, BITBUCKET_COMMIT="a" * 40, BITBUCKET_REPO_FULL_NAME="w/r"),
    )
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "HTTP 400" in result.stderr


def test_outside_pipelines_the_upload_says_what_it_needs(tmp_path: pathlib.Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("{}")
    env = _env(tmp_path)
    for name in ("BITBUCKET_COMMIT", "BITBUCKET_REPO_FULL_NAME"):
        env.pop(name, None)
    result = subprocess.run(
        [f"{BIN}/forge-connect-hooks", "upload-code-insights", str(report)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 2 and "BITBUCKET_REPO_FULL_NAME" in result.stderr


def test_the_github_recipe_blocks_and_writes_sarif_that_code_scanning_reads(
    tmp_path: pathlib.Path,
    hook_repo: pathlib.Path,
    pre_commit_home: pathlib.Path,
    sarif_schema: Dict[str, Any],
) -> None:
    workflow = recipe("GitHub Actions")
    job = workflow["jobs"]["check"]
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[0]["with"]["fetch-depth"] == 0
    # The pull request: a clone whose branch breaks the link, its target main.
    upstream = tmp_path / "upstream"
    _app(upstream, hook_repo)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    env = _env(pre_commit_home, GITHUB_BASE_REF="main", GITHUB_ACTIONS="true")
    runs = without_pip([step["run"] for step in steps if "run" in step])
    failed = False
    for step in steps:
        if "run" not in step or step["run"].startswith("pip install"):
            continue
        if failed and step.get("if") != "always()":
            continue
        status = shell(step["run"], clone, env)
        failed = failed or status != 0
    assert failed, "pre-commit must fail the job on the app's mistakes"
    assert len(runs) == 2
    (upload,) = [step for step in steps if "upload-sarif" in step.get("uses", "")]
    assert upload.get("if") == "always()"
    written = clone / upload["with"]["sarif_file"]
    log = json.loads(written.read_text("utf-8"))
    validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    assert list(validator.iter_errors(log)) == []
    results = log["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["FC406", "FC410"]


def test_the_gitlab_recipe_writes_the_report_it_declares(
    tmp_path: pathlib.Path, hook_repo: pathlib.Path, pre_commit_home: pathlib.Path
) -> None:
    job = recipe("GitLab CI")["forge-connect-hooks"]
    app = tmp_path / "app"
    _app(app, hook_repo)
    env = _env(pre_commit_home)
    statuses = [shell(command, app, env) for command in without_pip(job["script"])]
    assert statuses == [0, 1]
    report = app / job["artifacts"]["reports"]["codequality"]
    issues = json.loads(report.read_text("utf-8"))
    assert sorted(issue["check_name"] for issue in issues) == ["FC406", "FC410"]
    assert job["artifacts"]["when"] == "always"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["report", "annotations", "x"]), children, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(document=JSON)
def test_any_report_file_is_a_clear_failure_or_a_send_never_a_traceback(
    document: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from forge_connect_hooks.upload_code_insights import main

    report = tmp_path_factory.mktemp("report") / "report.json"
    report.write_text(json.dumps(document))
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens there
    arguments = [str(report), "--repository", "w/r", "--commit", "a" * 40, "--proxy", closed]
    error = io.StringIO()
    with contextlib.redirect_stderr(error), contextlib.redirect_stdout(io.StringIO()):
        status = main(arguments)
    assert status in (1, 2)
    assert len(error.getvalue().splitlines()) == 1
    assert "internal error" not in error.getvalue()
