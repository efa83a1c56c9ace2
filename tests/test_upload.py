"""The Code Insights upload against servers that misbehave: each a loopback
server of the test's own (127.0.0.1 only), answering as a hostile proxy
would. Whatever they do, the upload ends in time with one line."""

from __future__ import annotations

import http.server
import io
import json
import pathlib
import subprocess
import sys
import threading
import time
from typing import Any, Callable, Dict, Iterator, List

import pytest

from forge_connect_hooks.reporting import formats
from forge_connect_hooks.reporting.findings import Finding
from forge_connect_hooks.reporting.insights_schema import SUMMARY_MAX, utf16_length

BIN = str(pathlib.Path(sys.executable).parent)
REPORT = {
    "report": {"title": "forge-connect-hooks", "report_type": "BUG", "result": "PASSED"},
    "annotations": [],
}

Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


def _serve(answer: Answer, seen: List[str]) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            seen.append(f"{self.command} {self.path}")
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            answer(self)

        do_GET = do_PUT = do_POST = do_DELETE = _any

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/2.0"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def elsewhere() -> Iterator[Dict[str, Any]]:
    """A second server that a redirect points to: nothing may reach it."""
    seen: List[str] = []

    def ok(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    for url in _serve(ok, seen):
        yield {"url": url, "seen": seen}


def upload(tmp_path: pathlib.Path, api: str, *extra: str, report: Any = None) -> Any:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(REPORT if report is None else report))
    command = [f"{BIN}/forge-connect-hooks", "upload-code-insights", str(path)]
    command += ["--repository", "w/r", "--commit", "a" * 40, "--api", api, "--proxy", ""]
    return subprocess.run(
        [*command, *extra], capture_output=True, text=True, check=False, timeout=60
    )


def test_a_redirect_is_a_failure_and_never_followed(
    tmp_path: pathlib.Path, elsewhere: Dict[str, Any]
) -> None:
    def redirect(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", elsewhere["url"] + handler.path[len("/2.0") :])
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    seen: List[str] = []
    for api in _serve(redirect, seen):
        result = upload(tmp_path, api)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "HTTP 302, a redirect to http://127.0.0.1:" in result.stderr
    assert "not followed" in result.stderr
    assert elsewhere["seen"] == []  # the request, headers and all, went nowhere else
    assert seen and seen[0].startswith("DELETE ")


def test_a_server_that_answers_a_byte_at_a_time_meets_the_deadline(
    tmp_path: pathlib.Path,
) -> None:
    def drip(handler: http.server.BaseHTTPRequestHandler) -> None:
        # Each byte well within a socket's timeout; the whole answer, never.
        try:
            for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100000:
                handler.wfile.write(bytes((byte,)))
                handler.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client gave up, as it should

    seen: List[str] = []
    for api in _serve(drip, seen):
        start = time.monotonic()
        result = upload(tmp_path, api, "--timeout", "2")
        took = time.monotonic() - start
    assert result.returncode == 1
    assert result.stderr.strip().endswith("no whole answer within 2 s"), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert took < 10


@pytest.mark.parametrize(
    "content, message",
    [
        ("[" * 100_000 + "]" * 100_000, "not JSON: nested too deeply"),
        ('{"report": {}, "annotations": []}', "report's title is not a non-empty string"),
        (
            json.dumps(
                {
                    "report": REPORT["report"],
                    "annotations": [
                        {
                            "external_id": "x",
                            "annotation_type": "BUG",
                            "summary": "s" * 451,
                            "severity": "HIGH",
                            "result": "FAILED",
                            "line": 1,
                        }
                    ],
                }
            ),
            "annotation 0's summary is longer than Bitbucket's 450 characters",
        ),
        ('{"report": 1, "annotations": []}', "'report' is not an object"),
    ],
    ids=["too-deep", "no-title", "long-summary", "wrong-type"],
)
def test_a_report_check_did_not_write_is_one_line_and_sends_nothing(
    tmp_path: pathlib.Path, content: str, message: str
) -> None:
    seen: List[str] = []

    def refuse(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(500)
        handler.end_headers()

    path = tmp_path / "report.json"
    path.write_text(content)
    for api in _serve(refuse, seen):
        command = [f"{BIN}/forge-connect-hooks", "upload-code-insights", str(path)]
        command += ["--repository", "w/r", "--commit", "a" * 40, "--api", api, "--proxy", ""]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
    assert seen == []


@pytest.mark.parametrize(
    "unit, cut", [("\x1b", True), ("\x1b\U0001f600", True), ("é", False), ("a", False)]
)
def test_a_summary_fits_bitbuckets_limit_after_escaping(unit: str, cut: bool) -> None:
    """Escaping makes a control character four characters long, and Java
    counts a character beyond U+FFFF twice: the cut is made after both."""
    finding = Finding("a.json", 1, 1, "FC406", unit * 1000)
    out = io.StringIO()
    formats.emit([finding], "code-insights", out=out)
    (annotation,) = json.loads(out.getvalue())["annotations"]
    length = utf16_length(annotation["summary"])
    assert length <= SUMMARY_MAX
    assert (length >= SUMMARY_MAX - 2) == cut  # cut at the limit, not dropped
