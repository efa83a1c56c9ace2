"""check-forge-app-link: refuse any Forge install link the console would not issue."""

from __future__ import annotations

from typing import List, Optional, Sequence

from . import cli
from .reading.documents import Document
from .reading.jsontext import JSONProblem, parse_json
from .reading.nodes import Node
from .reporting import codes
from .reporting.findings import Finding, report
from .repository.history import LastCommit
from .repository.pairing import Pairing
from .rules import ari
from .rules.link_rules import LinkVerdict, check_link
from .rules.manifest_rules import products_of, read_app_id
from .rules.products import recognise

PROG = "check-forge-app-link"


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = cli.parser(PROG, "Check forgeAppLink, the Forge app's install link.")
    cli.add_pairing(parser)
    cli.add_json5(parser)
    cli.add_product(parser)
    parser.add_argument(
        "--any-signature",
        action="store_true",
        help="accept any non-empty URL-safe signature (if Atlassian changes its format)",
    )
    args = parser.parse_args(argv)
    pairing = Pairing(args.manifest)
    last_commit = LastCommit()
    findings: List[Finding] = []
    for document, problems in cli.paired_descriptors(args, pairing):
        findings.extend(problems)
        link = document.root.get("forgeAppLink") if document is not None else None
        if document is None or link is None:
            continue  # no link, nothing to gate: Connect-only repos share the config
        if not isinstance(link.value, str):
            findings.append(document.at(link, codes.LINK_FORM, "forgeAppLink must be a string"))
            continue
        pair = pairing.manifest_for(document.path)
        findings.extend(pair.notes)
        products = products_of(pair.manifest) if pair.manifest is not None else []
        product = recognise(document.root, args.product)
        verdict = check_link(link.value, product.link_products, args.any_signature, products)
        findings.extend(
            _at(document, link, problem.position, problem.code, problem.message)
            for problem in verdict.problems
        )
        findings.extend(_same_app(document, link, verdict, pair.manifest))
        findings.extend(_hand_edited(document, link, verdict, last_commit))
    last_commit.close()
    return report(findings, verbose=args.verbose)


CONSOLE = "copy this app's install link from the developer console (the app's Distribution page)"


def _same_app(
    document: Document, link: Node, verdict: LinkVerdict, manifest: Optional[Document]
) -> List[Finding]:
    """The link must install this app: the manifest's app.id, else (with no
    manifest to ask) the descriptor's forgeAppId. One finding, with the remedy."""
    if verdict.app_uuid is None:
        return []
    app_id = document.root.get("forgeAppId")
    own = (
        ari.uuid_of(app_id.value) if app_id is not None and isinstance(app_id.value, str) else None
    )
    manifest_id = read_app_id(manifest) if manifest is not None else None
    expected = ari.uuid_of(manifest_id.value) if manifest_id and manifest_id.value else None
    if manifest is not None and manifest_id is not None and expected is not None:
        if expected == verdict.app_uuid:
            return []
        line = manifest.line_of(manifest_id.node or manifest.root)
        also = " and forgeAppId" if own == expected else ""
        return [
            _at(
                document,
                link,
                verdict.uuid_index,
                codes.LINK_MANIFEST_MISMATCH,
                f"the link installs app {verdict.app_uuid}, but this app is {expected} "
                f"(app.id in {manifest.path}:{line}{also}): {CONSOLE}",
            )
        ]
    if own is not None and app_id is not None and own != verdict.app_uuid:
        return [
            _at(
                document,
                link,
                verdict.uuid_index,
                codes.LINK_FORGE_APP_ID_MISMATCH,
                f"the link installs app {verdict.app_uuid}, but forgeAppId (line "
                f"{document.line_of(app_id)}) is app {own}: {CONSOLE}",
            )
        ]
    return []


def _hand_edited(
    document: Document, link: Node, verdict: LinkVerdict, last_commit: LastCommit
) -> List[Finding]:
    """A link whose app changed since the last commit while its signature did
    not: someone edited the UUID by hand, and the console never issued it."""
    if verdict.problems or verdict.app_uuid is None or verdict.signature is None:
        return []
    before = last_commit.text(document.path)
    if before is None or before == document.source.text:
        return []  # new, or unchanged since the last commit
    try:
        old_root = parse_json(before, json5=document.json5)
    except JSONProblem:
        return []
    old_link = old_root.get("forgeAppLink")
    if old_link is None or not isinstance(old_link.value, str):
        return []
    old = check_link(old_link.value, ())
    if (
        old.app_uuid is None
        or old.app_uuid == verdict.app_uuid
        or old.signature != verdict.signature
    ):
        return []
    return [
        _at(
            document,
            link,
            verdict.uuid_index,
            codes.LINK_HAND_EDITED,
            f"the link's app changed from {old.app_uuid} (last commit) to {verdict.app_uuid}, "
            f"but its signature did not: the console signs each app's link, so this one was "
            f"edited by hand; {CONSOLE}",
        )
    ]


def _at(document: Document, link: Node, index: int, code: str, message: str) -> Finding:
    """A finding at the link's character ``index`` when the JSON string has no
    escapes (so characters map one to one), else at the string itself."""
    text = document.source.text
    assert isinstance(link.value, str)
    raw = text[link.offset + 1 : link.end - 1]
    offset = link.offset + 1 + index if raw == link.value else link.offset
    return document.source.finding(offset, code, f"forgeAppLink: {message}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
