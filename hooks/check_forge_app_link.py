"""check-forge-app-link: refuse any Forge install link the console would not issue,
wherever the app writes it.

The hook is given every text file of a commit. Most hold no link: they are
rejected on their bytes, before anything heavy is imported. The rest are read
as their kind allows: a JSON descriptor as JSON, anything else (code, a
template, YAML, ``.env``) by :mod:`.reading.source_scan`.
"""

from __future__ import annotations

import argparse
import os
import stat
from typing import TYPE_CHECKING, BinaryIO, List, Optional, Sequence, Tuple, Union

from . import cli
from .reading.problems import JSON_SYNTAX, NOTE_TEMPLATE, TOO_LARGE, UNREADABLE
from .reading.source_scan import has_candidates

if TYPE_CHECKING:
    from .reading.documents import Text
    from .reading.source_scan import Site
    from .reporting.findings import Finding
    from .repository.history import LastCommit
    from .repository.pairing import Pairing
    from .rules.install_links import LinkContext

PROG = "check-forge-app-link"
# Far above any source file that holds a descriptor; a larger text file is
# searched for markers in pieces, never read whole.
MAX_SCAN_BYTES = 8 * 1024 * 1024
_PIECE = 1024 * 1024
_OVERLAP = 64  # longer than any marker, so none is cut in two between pieces


def build_parser() -> argparse.ArgumentParser:
    parser = cli.parser(PROG, "Check Forge install links (forgeAppLink) in any text file.")
    cli.add_pairing(parser)
    cli.add_json5(parser)
    cli.add_product(parser)
    parser.add_argument(
        "--any-signature",
        action="store_true",
        help="accept any non-empty URL-safe signature (if Atlassian changes its format)",
    )
    # What a link is compared with for FC412; None: the last commit, or
    # pre-commit's --from-ref. The check command sets it from --base.
    parser.set_defaults(base=None)
    return parser


def collect(args: argparse.Namespace) -> List[Finding]:
    """Every finding on the install links in the files ``args`` names."""
    candidates: List[Tuple[str, bytes]] = []
    unreadable: List[Tuple[str, str]] = []
    manifests = []
    for path in args.filenames:
        if path.endswith(("manifest.yml", "manifest.yaml")):
            manifests.append(path)
        data = _candidate_bytes(path)
        if isinstance(data, bytes):
            candidates.append((path, data))
        elif data:
            unreadable.append((path, data))
    if not candidates and not unreadable and not manifests:
        return []  # the common case: nothing here is a link, and nothing was imported
    return _check(args, candidates, unreadable, manifests)


def _main(argv: Optional[Sequence[str]]) -> int:
    args = build_parser().parse_args(argv)
    return cli.finish(collect(args), args)


def _candidate_bytes(path: str) -> Union[bytes, str]:
    """A file's bytes when they may hold a link; "" when they surely do not
    (or the file is binary); else why the file could not be read."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            return "is a directory, not a file" if stat.S_ISDIR(mode) else "not a regular file"
        with open(path, "rb") as stream:
            data = stream.read(MAX_SCAN_BYTES + 1)
            if len(data) > MAX_SCAN_BYTES:
                return _search_pieces(stream, data)
    except FileNotFoundError:
        return "no such file"
    except PermissionError:
        return "permission denied"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if b"\0" in data[:8192] or not has_candidates(data):
        return ""
    return data


def _search_pieces(stream: BinaryIO, head: bytes) -> str:
    """A text file too large to check: a finding only when it holds a marker."""
    read = stream.read
    tail = head[-_OVERLAP:]
    found = has_candidates(head)
    while not found:
        piece = read(_PIECE)
        if not piece:
            return ""
        found = has_candidates(tail + piece)
        tail = piece[-_OVERLAP:]
    return f"over {MAX_SCAN_BYTES} bytes, too large to check its install links"


def _check(
    args: argparse.Namespace,
    candidates: List[Tuple[str, bytes]],
    unreadable: List[Tuple[str, str]],
    manifests: List[str],
) -> List[Finding]:
    from .reporting.findings import Finding
    from .repository.history import LastCommit
    from .repository.pairing import Pairing

    pairing = Pairing(args.manifest)
    findings: List[Finding] = [
        Finding(path, 1, 1, TOO_LARGE if why.startswith("over") else UNREADABLE, why)
        for path, why in unreadable
    ]
    seen = {os.path.realpath(path) for path, _ in candidates}
    seen.update(os.path.realpath(path) for path, _ in unreadable)
    for manifest in manifests:
        # A staged manifest re-checks the links of the descriptors that pair with it.
        for path in pairing.pulled_in(manifest, args.descriptor_pattern, args.filenames):
            if os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                data = _candidate_bytes(path)
                if isinstance(data, bytes):
                    candidates.append((path, data))
    last_commit = LastCommit(args.base)
    try:
        for path, data in candidates:
            findings.extend(_check_file(path, data, args, pairing, last_commit))
    finally:
        last_commit.close()
        pairing.close()
    return findings


def _check_file(
    path: str,
    data: bytes,
    args: argparse.Namespace,
    pairing: Pairing,
    last_commit: LastCommit,
) -> List[Finding]:
    from .reading.documents import load_descriptor
    from .reading.source_scan import is_data_file, is_template, scan
    from .reporting.findings import Finding
    from .reporting.pragmas import without_allowed
    from .rules.install_links import products_named
    from .rules.products import default_link_products, is_connect_descriptor, recognise

    named = args.descriptor_pattern.search(path) is not None
    json_file = path.lower().endswith((".json", ".json5"))
    findings: List[Finding] = []
    source: Optional[Text] = None
    products: Tuple[str, ...] = ()
    strict_json = False
    if named or (json_file and b'"baseurl"' in data.lower()):
        document, problems = load_descriptor(path, json5=args.json5)
        if document is not None and (named or is_connect_descriptor(document.root)):
            findings.extend(problems)
            source = document.source
            products = recognise(document.root, args.product).link_products
            strict_json = not document.json5
        elif named and problems and problems[0].code != JSON_SYNTAX:
            return problems  # unreadable, not UTF-8, duplicate keys: it cannot vouch
        elif named and not is_template(_decoded(path, data).text):
            return problems
        elif named:
            findings.append(
                Finding(
                    path,
                    1,
                    1,
                    NOTE_TEMPLATE,
                    "a template of a descriptor: its literal install links and app ids are "
                    "checked, its template blocks and slots are not",
                )
            )
    descriptor = source is not None
    template = named and not descriptor
    if source is None:
        source = _decoded(path, data)
    sites = scan(source.text, data=descriptor or template or is_data_file(path))
    if not sites:
        return findings
    if not descriptor:
        products = (args.product,) if args.product else products_named(source.text, sites)
        if template and not products:
            products = default_link_products()  # as a descriptor with no sign of a product
    context = _context(source.path, sites, products, args, pairing)
    findings.extend(context[1])
    findings.extend(_judge(source, sites, context[0], last_commit, descriptor))
    if strict_json:
        return findings  # strict JSON has no comments, so no pragma
    return without_allowed(findings, source.text.split("\n"))


def _decoded(path: str, data: bytes) -> Text:
    """Any text file's characters: links are ASCII, so an odd byte elsewhere
    (a Latin-1 comment) must not hide them."""
    from .reading.documents import Text

    has_bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3 if has_bom else 0 :].decode("utf-8", "replace")
    return Text(path, data, text, has_bom)


def _context(
    path: str,
    sites: Sequence[Site],
    products: Tuple[str, ...],
    args: argparse.Namespace,
    pairing: Pairing,
) -> Tuple[LinkContext, List[Finding]]:
    """What the file's literals are judged against, and the pairing's notes."""
    from .reading.source_scan import LITERAL
    from .rules.install_links import LinkContext
    from .rules.manifest_rules import products_of

    if not any(site.state == LITERAL for site in sites):
        return LinkContext(products, args.any_signature, None), []
    pair = pairing.manifest_for(path)
    expected = products_of(pair.manifest) if pair.manifest is not None else []
    return LinkContext(products, args.any_signature, pair.manifest, expected), pair.notes


def _judge(
    source: Text,
    sites: Sequence[Site],
    context: LinkContext,
    last_commit: LastCommit,
    descriptor: bool,
) -> List[Finding]:
    from .reading.source_scan import LINK, LITERAL, is_data_file, scan
    from .rules.install_links import judge_sites

    if descriptor:
        context = context._replace(check_app_ids=False)  # check-connect-descriptor's
    before: List[Site] = []
    if any(site.kind == LINK and site.state == LITERAL for site in sites):
        old = last_commit.text(source.path)
        if old is not None and old != source.text:
            before = scan(old, data=descriptor or is_data_file(source.path))
    return judge_sites(source, sites, context, before)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return cli.guarded(_main, PROG, argv)


if __name__ == "__main__":
    raise SystemExit(main())
