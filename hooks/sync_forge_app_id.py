"""sync-forge-app-id: insert or correct forgeAppId from the manifest's app.id.

The one hook that writes. It writes only what it fully understands, checks
its own edit by parsing the result before anything reaches the disk, and
changes nothing but the one member.
"""

from __future__ import annotations

import argparse
import codecs
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

from . import cli
from .reading.documents import Document
from .reading.jsontext import JSONProblem, parse_json
from .reading.nodes import LineIndex
from .reading.source_scan import why_computed
from .reporting.findings import Finding
from .repository.pairing import BY_SOLE_MANIFEST, NOTE_MANIFEST_UNUSABLE, Pairing, repository_root
from .rules import ari
from .rules.install_links import NOTE_COMPUTED
from .rules.manifest_rules import connect_key, read_app_id
from .rules.products import NOTE_OTHER_PRODUCT, recognise
from .rules.schema_check import near_miss
from .writing.json_edit import Edit, rename_root_key, set_root_string
from .writing.sync import (
    NOTE_NOT_SYNCED,
    NOTE_PAIRING_UNCERTAIN,
    SYNC_INSERTED,
    SYNC_NO_SOURCE,
    SYNC_NOT_A_STRING,
    SYNC_NOT_WRITTEN,
    SYNC_RENAMED,
    SYNC_UPDATED,
)

PROG = "sync-forge-app-id"
KEY = "forgeAppId"
# Where a new forgeAppId goes: beside forgeAppLink, else beside key.
ANCHORS = ("forgeAppLink", "key")


def _app_id(text: str) -> str:
    verdict = ari.judge(text)
    if not verdict.ok:
        raise argparse.ArgumentTypeError(f"{text!r}: {verdict.reason}")
    return text


def build_parser() -> argparse.ArgumentParser:
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
    return parser


def collect(args: argparse.Namespace) -> List[Finding]:
    """Sync every descriptor ``args`` names or pulls in (unless --check);
    what changed, would change, or could not, as findings."""
    pairing = Pairing(args.manifest)
    try:
        return _synced(args, pairing)
    finally:
        pairing.close()


def _synced(args: argparse.Namespace, pairing: Pairing) -> List[Finding]:
    findings: List[Finding] = []
    for document, problems in cli.paired_descriptors(args, pairing):
        if problems:
            # The file's own problems are check-connect-descriptor's to report:
            # one problem, one line. Here only: nothing was written.
            findings.append(_not_read(problems[0]))
        if document is None or any(not problem.is_note for problem in problems):
            continue
        product = recognise(document.root, args.product)
        if not product.is_bitbucket:
            # forgeAppId is Bitbucket's way to the Forge app; never add it elsewhere.
            findings.append(
                document.at(
                    document.root,
                    NOTE_OTHER_PRODUCT,
                    f"a {product.name} descriptor ({product.evidence}): {KEY} is not synced",
                )
            )
            continue
        wanted, why = _wanted(document, args.app_id, pairing)
        findings.extend(why)
        if wanted is not None:
            findings.extend(_sync(document, wanted, check_only=args.check))
    return findings


def _main(argv: Optional[Sequence[str]]) -> int:
    args = build_parser().parse_args(argv)
    return cli.finish(collect(args), args)


def _not_read(problem: Finding) -> Finding:
    if problem.is_note:
        return problem
    return Finding(
        problem.path,
        problem.line,
        problem.col,
        NOTE_NOT_SYNCED,
        f"{KEY} not synced: the file has a problem ({problem.code}) that check-connect-descriptor "
        "reports",
    )


class Wanted(NamedTuple):
    value: str  # the app id to write
    source: str  # where it comes from, for people: "manifest.yml's app.id"


def _wanted(
    document: Document, app_id: Optional[str], pairing: Pairing
) -> Tuple[Optional[Wanted], List[Finding]]:
    """The app id to write, or None and the findings or notes saying why not."""
    if app_id is not None:
        return Wanted(app_id, "--app-id"), []
    pair = pairing.manifest_for(document.path)
    if pair.manifest is None:
        unusable = [n for n in pair.notes if n.code == NOTE_MANIFEST_UNUSABLE]
        if unusable:
            return None, [_no_source(document, unusable[0].message)]
        return None, pair.notes  # no manifest: nothing to do
    found = read_app_id(pair.manifest)
    if found.value is not None:
        if pair.how == BY_SOLE_MANIFEST and not _belongs(document, pair.manifest, found.value):
            return None, [
                document.at(
                    document.root,
                    NOTE_PAIRING_UNCERTAIN,
                    f"{KEY} not written: {pair.manifest.path} is the repository's only "
                    "Forge manifest, but nothing ties it to this descriptor; pass "
                    "--manifest to pair them",
                )
            ]
        return Wanted(found.value, f"{pair.manifest.path}'s app.id"), []
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
        from .rules.link_rules import check_link  # only when the sole manifest needs evidence

        if check_link(link.value).app_uuid == ari.uuid_of(app_id):
            return True
    taken_over, key = connect_key(manifest), root.get("key")
    return (
        taken_over is not None
        and key is not None
        and isinstance(key.value, str)
        and taken_over.value == key.value
    )


def _no_source(document: Document, why: str) -> Finding:
    current = document.root.get(KEY)
    return document.at(current or document.root, SYNC_NO_SOURCE, f"{KEY} not synced: {why}")


def _sync(document: Document, wanted: Wanted, *, check_only: bool) -> List[Finding]:
    root = document.root
    if not root.is_object:
        return [document.at(root, SYNC_NOT_A_STRING, "the root is not an object: left as it is")]
    current = root.get(KEY)
    slot = None
    if current is not None:
        slot = "null" if current.value is None else None
        if isinstance(current.value, str):
            slot = why_computed(current.value)
    if current is not None and slot is not None:
        # Filled in by the code that serves the descriptor: never overwritten.
        return [
            document.at(
                current,
                NOTE_COMPUTED,
                f"{KEY} is {slot}, filled in elsewhere: left as it is",
            )
        ]
    if current is not None and not isinstance(current.value, str):
        return [document.at(current, SYNC_NOT_A_STRING, f"{KEY} is not a string: left as it is")]
    if current is not None and current.value == wanted.value:
        return []
    text = document.source.text
    misspelt = _misspelt_key(document) if current is None else None
    old = document.root.plain()
    assert isinstance(old, dict)
    if misspelt is not None:
        # One forgeAppId, where the slip stood: renamed, not a second key beside it.
        edit = rename_root_key(text, root, misspelt, KEY, wanted.value)
        expected = {(KEY if k == misspelt else k): v for k, v in old.items()}
        expected[KEY] = wanted.value
    else:
        edit = set_root_string(text, root, KEY, wanted.value, ANCHORS)
        expected = {**old, KEY: wanted.value}
    if not _faithful(document, edit, expected):
        return [document.at(root, SYNC_NOT_WRITTEN, f"{KEY} not written: no safe edit found")]
    source = document.source
    data = (codecs.BOM_UTF8 if source.has_bom else b"") + edit.text.encode("utf-8")
    if not check_only:
        from .writing.atomic import write_atomically  # only when there is a fix to write

        failure = write_atomically(document.path, data, source.raw, repository_root())
        if failure is not None:
            return [document.at(root, SYNC_NOT_WRITTEN, f"{KEY} not written: {failure}")]
    line, col = LineIndex(edit.text).position(edit.offset)
    code, message = _what_changed(document, wanted, misspelt, check_only)
    return [Finding(document.path, line, col, code, message)]


def _what_changed(
    document: Document, wanted: Wanted, misspelt: Optional[str], check_only: bool
) -> Tuple[str, str]:
    value = f"{wanted.value!r}"
    current = document.root.get(KEY)
    if misspelt is not None:
        if check_only:
            return SYNC_RENAMED, (
                f"{misspelt!r} is a misspelling of {KEY}; the fix renames it (value {value})"
            )
        return SYNC_RENAMED, (
            f"renamed {misspelt!r} to {KEY}, with {value} from {wanted.source}: stage the change"
        )
    if current is None:
        if check_only:
            return SYNC_INSERTED, f"{KEY} is missing; the fix inserts {value}"
        return SYNC_INSERTED, (f"inserted {KEY} {value} from {wanted.source}: stage the change")
    if check_only:
        return SYNC_UPDATED, f"{KEY} is {current.value!r}; the fix writes {value}"
    return SYNC_UPDATED, (
        f"corrected {KEY} from {current.value!r} to {value} ({wanted.source}): stage the change"
    )


def _misspelt_key(document: Document) -> Optional[str]:
    """The one root key that is a slip of forgeAppId (``forgeAppID``,
    ``forge_app_id``), with a string value, if there is exactly one."""
    slips = [
        name
        for name, value in document.root.items()
        if name != KEY and near_miss(name, (KEY,)) == KEY and isinstance(value.value, str)
    ]
    return slips[0] if len(slips) == 1 else None


def _faithful(document: Document, edit: Edit, expected: Dict[str, Any]) -> bool:
    """The edited text parses to exactly ``expected``, keys in its order."""
    try:
        new_root = parse_json(edit.text, json5=document.json5)
    except JSONProblem:
        return False
    new = new_root.plain()
    if not isinstance(new, dict) or new != expected:
        return False
    return [k for k in new if k != KEY] == [k for k in expected if k != KEY]


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
