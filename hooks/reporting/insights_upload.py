"""Send a Code Insights report and its annotations to Bitbucket Cloud.

In Pipelines the build's own proxy on localhost:29418 authenticates the
requests, so no credential is needed; it forwards plain-http requests to
api.bitbucket.org. Outside Pipelines a token goes in the Authorization header.
"""

from __future__ import annotations

import functools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, List, NamedTuple, Optional

from .insights_schema import MAX_ANNOTATIONS

PIPELINES_API = "http://api.bitbucket.org/2.0"
PIPELINES_PROXY = "http://localhost:29418"
BATCH = 100  # annotations per request, as the API allows
REQUEST_SECONDS = 30.0  # the most one request may take, answer included
# The whole upload may take as long as this many requests may: it is at most
# twelve (a deletion, the report, ten batches), and each one should be quick.
UPLOAD_REQUESTS = 4


class Target(NamedTuple):
    api: str  # "http://api.bitbucket.org/2.0"
    repository: str  # "workspace/repo_slug"
    commit: str
    report_id: str
    proxy: str  # "" for none
    token: str  # "" for none
    seconds: float = REQUEST_SECONDS  # the deadline of each request


class UploadFailed(Exception):
    """One line: which request failed, and Bitbucket's answer."""


def upload(target: Target, document: Dict[str, Any]) -> int:
    """Replace the commit's report with ``document``'s; return how many
    annotations were sent."""
    report, annotations = document["report"], document["annotations"]
    url = _report_url(target)
    opener = _opener(target)
    end = time.monotonic() + target.seconds * UPLOAD_REQUESTS
    sent = batches(annotations)
    # A report's old annotations would stay beside the new ones: start afresh.
    requests = [("DELETE", url, None), ("PUT", url, report)]
    requests.extend(("POST", url + "/annotations", batch) for batch in sent)
    for method, where, body in requests:
        left = end - time.monotonic()
        if left <= 0:
            raise UploadFailed(f"the upload took over {target.seconds * UPLOAD_REQUESTS:.0f} s")
        send = functools.partial(_send, opener, target, method, where, body)
        _within(min(target.seconds, left), method, where, send)
    return sum(len(batch) for batch in sent)


def _within(seconds: float, method: str, url: str, send: Callable[[], None]) -> None:
    """``send()``, which must end within ``seconds``: a socket's timeout
    bounds each read, and a server that answers a byte at a time never
    trips it. The request runs beside, and is left behind when late."""
    outcome: List[BaseException] = []

    def run() -> None:
        try:
            send()
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise UploadFailed(f"{method} {url}: no whole answer within {seconds:.0f} s")
    if outcome:
        raise outcome[0]


def _report_url(target: Target) -> str:
    quoted = [urllib.parse.quote(part, safe="{}") for part in target.repository.split("/", 1)]
    commit = urllib.parse.quote(target.commit, safe="")
    report_id = urllib.parse.quote(target.report_id, safe="")
    return (
        f"{target.api.rstrip('/')}/repositories/{'/'.join(quoted)}/commit/{commit}"
        f"/reports/{report_id}"
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: following it would send the request, its
    headers included, to another host."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener(target: Target) -> urllib.request.OpenerDirector:
    proxies = {"http": target.proxy, "https": target.proxy} if target.proxy else {}
    return urllib.request.build_opener(urllib.request.ProxyHandler(proxies), _NoRedirect())


def _send(
    opener: urllib.request.OpenerDirector,
    target: Target,
    method: str,
    url: str,
    body: Optional[Any],
) -> None:
    missing_ok = method == "DELETE"  # no report yet: nothing to replace
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    if target.token:
        headers["Authorization"] = f"Bearer {target.token}"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with opener.open(request, timeout=target.seconds) as response:
            response.read()
    except urllib.error.HTTPError as error:
        if missing_ok and error.code == 404:
            return
        if 300 <= error.code < 400:
            where = error.headers.get("Location", "elsewhere") if error.headers else "elsewhere"
            raise UploadFailed(
                f"{method} {url}: HTTP {error.code}, a redirect to {where}: not followed"
            ) from None
        answer = error.read(300).decode("utf-8", "replace").replace("\n", " ")
        raise UploadFailed(f"{method} {url}: HTTP {error.code} {answer}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise UploadFailed(f"{method} {url}: {reason}") from None


def batches(annotations: List[Any]) -> List[List[Any]]:
    """The annotations as they are sent, a request each."""
    kept = annotations[:MAX_ANNOTATIONS]
    return [kept[start : start + BATCH] for start in range(0, len(kept), BATCH)]
