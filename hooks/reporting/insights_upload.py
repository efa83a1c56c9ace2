"""Send a Code Insights report and its annotations to Bitbucket Cloud.

In Pipelines the build's own proxy on localhost:29418 authenticates the
requests, so no credential is needed; it forwards plain-http requests to
api.bitbucket.org. Outside Pipelines a token goes in the Authorization header.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, NamedTuple, Optional

from .formats import INSIGHTS_MAX_ANNOTATIONS

PIPELINES_API = "http://api.bitbucket.org/2.0"
PIPELINES_PROXY = "http://localhost:29418"
BATCH = 100  # annotations per request, as the API allows


class Target(NamedTuple):
    api: str  # "http://api.bitbucket.org/2.0"
    repository: str  # "workspace/repo_slug"
    commit: str
    report_id: str
    proxy: str  # "" for none
    token: str  # "" for none


class UploadFailed(Exception):
    """One line: which request failed, and Bitbucket's answer."""


def upload(target: Target, document: Dict[str, Any]) -> int:
    """Replace the commit's report with ``document``'s; return how many
    annotations were sent."""
    report = document.get("report")
    annotations = document.get("annotations")
    if not isinstance(report, dict) or not isinstance(annotations, list):
        raise UploadFailed("not a code-insights report: it needs 'report' and 'annotations'")
    url = _report_url(target)
    opener = _opener(target)
    # A report's old annotations would stay beside the new ones: start afresh.
    _send(opener, target, "DELETE", url, None, missing_ok=True)
    _send(opener, target, "PUT", url, report)
    sent = batches(annotations)
    for batch in sent:
        _send(opener, target, "POST", url + "/annotations", batch)
    return sum(len(batch) for batch in sent)


def _report_url(target: Target) -> str:
    quoted = [urllib.parse.quote(part, safe="{}") for part in target.repository.split("/", 1)]
    commit = urllib.parse.quote(target.commit, safe="")
    report_id = urllib.parse.quote(target.report_id, safe="")
    return (
        f"{target.api.rstrip('/')}/repositories/{'/'.join(quoted)}/commit/{commit}"
        f"/reports/{report_id}"
    )


def _opener(target: Target) -> urllib.request.OpenerDirector:
    proxies = {"http": target.proxy, "https": target.proxy} if target.proxy else {}
    return urllib.request.build_opener(urllib.request.ProxyHandler(proxies))


def _send(
    opener: urllib.request.OpenerDirector,
    target: Target,
    method: str,
    url: str,
    body: Optional[Any],
    missing_ok: bool = False,
) -> None:
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    if target.token:
        headers["Authorization"] = f"Bearer {target.token}"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with opener.open(request, timeout=30) as response:
            response.read()
    except urllib.error.HTTPError as error:
        if missing_ok and error.code == 404:
            return
        answer = error.read(300).decode("utf-8", "replace").replace("\n", " ")
        raise UploadFailed(f"{method} {url}: HTTP {error.code} {answer}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise UploadFailed(f"{method} {url}: {reason}") from None


def batches(annotations: List[Any]) -> List[List[Any]]:
    """The annotations as they are sent, a request each."""
    kept = annotations[:INSIGHTS_MAX_ANNOTATIONS]
    return [kept[start : start + BATCH] for start in range(0, len(kept), BATCH)]
