"""sync-forge-app-id: insert or correct forgeAppId from the manifest's app.id.

The one hook that writes. It writes only what it fully understands, checks
its own edit by parsing the result before anything reaches the disk, and
changes nothing but the one member.
"""

from __future__ import annotations

import argparse
import codecs
from typing import List, Optional, Sequence, Tuple

from . import ari, cli, codes
from .atomic import write_atomically
from .documents import Document
from .findings import Finding, report
from .json_edit import Edit, set_root_string
from .jsontext import JSONProblem, parse_json
from .link_rules import check_link
from .manifest_rules import read_app_id
from .nodes import LineIndex
from .pairing import BY_SOLE_MANIFEST, Pairing, repository_root
from .products import recognise

PROG = "sync-forge-app-id"
KEY = "forgeAppId"
# Where a new forgeAppId goes: beside forgeAppLink, else beside key.
ANCHORS = ("forgeAppLink", "key")


def _app_id(text: str) -> str:
    verdict = ari.judge(text)
    if not verdict.ok:
        raise argparse.ArgumentTypeError(f"{text!r}: {verdict.reason}")
    return text


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = cli.parser(PROG, "Insert or correct forgeAppId from the Forge manifest's app.id.")
    cli.add_pairing(parser)
    cli.add_json5(parser)
    cli.add_product(parser)
    parser.add_argument(
        "--app-id",
        metavar="ARI",
        type=_app_id,
        help="use this app id instead of a manifest's (the Forge app lives elsewhere)",
    )
    parser.add_argument(
        "--check", action="store_true", help="report what would change; write nothing"
    )
    args = parser.parse_args(argv)
    pairing = Pairing(args.manifest)
    findings: List[Finding] = []
    for document, problems in cli.paired_descriptors(args, pairing):
        findings.extend(problems)
        if document is None:
            continue
        product = recognise(document.root, args.product)
        if not product.is_bitbucket:
            # forgeAppId is Bitbucket's way to the Forge app; never add it elsewhere.
            findings.append(
                document.at(
                    document.root,
                    codes.NOTE_OTHER_PRODUCT,
                    f"a {product.name} descriptor ({product.evidence}): {KEY} is not synced",
                )
            )
            continue
        wanted, why = _wanted(document, args.app_id, pairing)
        findings.extend(why)
        if wanted is not None:
            findings.extend(_sync(document, wanted, check_only=args.check))
    return report(findings, verbose=args.verbose)


def _wanted(
    document: Document, app_id: Optional[str], pairing: Pairing
) -> Tuple[Optional[str], List[Finding]]:
    """The app id to write, or None and the findings or notes saying why not."""
    if app_id is not None:
        return app_id, []
    pair = pairing.manifest_for(document.path)
    if pair.manifest is None:
        unusable = [n for n in pair.notes if n.code == codes.NOTE_MANIFEST_UNUSABLE]
        if unusable:
            return None, [_no_source(document, unusable[0].message)]
        return None, pair.notes  # no manifest: nothing to do
    found = read_app_id(pair.manifest)
    if found.value is not None:
        if pair.how == BY_SOLE_MANIFEST and not _belongs(document, pair.manifest, found.value):
            return None, [
                document.at(
                    document.root,
                    codes.NOTE_PAIRING_UNCERTAIN,
                    f"{KEY} not written: {pair.manifest.path} is the repository's only "
                    "Forge manifest, but nothing ties it to this descriptor; pass "
                    "--manifest to pair them",
                )
            ]
        return found.value, []
    assert found.finding is not None
    if found.finding.is_note:
        return None, [found.finding]  # an unresolved ${VAR}: never guessed
    where = f"{found.finding.path}:{found.finding.line}"
    return None, [_no_source(document, f"{where}: {found.finding.message}")]


def _belongs(descriptor: Document, manifest: Document, app_id: str) -> bool:
    """Evidence beyond "the only manifest there is" that the two are one app:
    the link installs the manifest's app, or app.connect.key is the key."""
    root = descriptor.root
    link = root.get("forgeAppLink")
    if link is not None and isinstance(link.value, str):
        if check_link(link.value).app_uuid == ari.uuid_of(app_id):
            return True
    app = manifest.root.get("app")
    connect = app.get("connect") if app is not None else None
    connect_key = connect.get("key") if connect is not None else None
    key = root.get("key")
    return (
        connect_key is not None
        and key is not None
        and isinstance(key.value, str)
        and connect_key.value == key.value
    )


def _no_source(document: Document, why: str) -> Finding:
    current = document.root.get(KEY)
    return document.at(current or document.root, codes.SYNC_NO_SOURCE, f"{KEY} not synced: {why}")


def _sync(document: Document, wanted: str, *, check_only: bool) -> List[Finding]:
    root = document.root
    if not root.is_object:
        return [
            document.at(root, codes.SYNC_NOT_A_STRING, "the root is not an object: left as it is")
        ]
    current = root.get(KEY)
    if current is not None and not isinstance(current.value, str):
        return [
            document.at(current, codes.SYNC_NOT_A_STRING, f"{KEY} is not a string: left as it is")
        ]
    if current is not None and current.value == wanted:
        return []
    edit = set_root_string(document.source.text, root, KEY, wanted, ANCHORS)
    if not _faithful(document, edit, wanted):
        return [document.at(root, codes.SYNC_NOT_WRITTEN, f"{KEY} not written: no safe edit found")]
    source = document.source
    data = (codecs.BOM_UTF8 if source.has_bom else b"") + edit.text.encode("utf-8")
    if not check_only:
        failure = write_atomically(document.path, data, source.raw, repository_root())
        if failure is not None:
            return [document.at(root, codes.SYNC_NOT_WRITTEN, f"{KEY} not written: {failure}")]
    line, col = LineIndex(edit.text).position(edit.offset)
    would = "would be " if check_only else ""
    if edit.inserted:
        code, message = codes.SYNC_INSERTED, f"{would}inserted {KEY} {wanted}"
    else:
        assert current is not None
        code, message = (
            codes.SYNC_UPDATED,
            f"{would}updated {KEY} from {current.value!r} to {wanted}",
        )
    return [Finding(document.path, line, col, code, message)]


def _faithful(document: Document, edit: Edit, wanted: str) -> bool:
    """The edited text parses to the old document plus forgeAppId, in order."""
    try:
        new_root = parse_json(edit.text, json5=document.json5)
    except JSONProblem:
        return False
    old = document.root.plain()
    new = new_root.plain()
    assert isinstance(old, dict)
    if not isinstance(new, dict) or new != {**old, KEY: wanted}:
        return False
    return [k for k in new if k != KEY] == [k for k in old if k != KEY]


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
