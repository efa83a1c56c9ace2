"""One text file's install links and app ids, judged: a JSON descriptor as
JSON, anything else (code, a template, YAML, ``.env``) by
:mod:`..reading.source_scan`. What the file is paired with and what it held
before come from the caller, which knows the repository."""

from __future__ import annotations

from typing import Callable, List, NamedTuple, Optional, Pattern, Sequence, Tuple

from ..reading.documents import Document, Loaded, NotParsed, Text, Unreadable, load_descriptor
from ..reading.problems import NOTE_TEMPLATE
from ..reading.source_scan import LINK, LITERAL, Site, is_data_file, is_template, scan
from ..reading.text_files import decoded
from ..reporting.findings import Finding
from ..reporting.pragmas import comments_of, without_allowed
from .install_links import LinkContext, judge_sites, products_named
from .manifest_identity import products_of
from .products import default_link_products, is_connect_descriptor, recognise

# The manifest a file pairs with (None: none) and the pairing's notes.
Paired = Callable[[str], Tuple[Optional[Document], List[Finding]]]
# A file's text as of the base the hand-edit check compares with (None: no change).
Before = Callable[[str], Optional[str]]


class LinkOptions(NamedTuple):
    descriptor_pattern: Pattern[str]  # names the files that are descriptors
    json5: bool
    product: Optional[str]
    any_signature: bool
    # The repository's manifest whose app has a UUID (none by default).
    app_manifest: Callable[[str], Optional[Document]] = lambda uuid: None


def check_file(
    path: str, data: bytes, options: LinkOptions, paired: Paired, before: Before
) -> List[Finding]:
    """Every finding on the links and app ids that ``data`` (the file at ``path``) writes."""
    named = options.descriptor_pattern.search(path) is not None
    json_file = path.lower().endswith((".json", ".json5"))
    findings: List[Finding] = []
    source: Optional[Text] = None
    products: Tuple[str, ...] = ()
    strict_json = False
    if named or (json_file and b'"baseurl"' in data.lower()):
        read = load_descriptor(path, json5=options.json5)
        if isinstance(read, Loaded) and (named or is_connect_descriptor(read.document.root)):
            document = read.document
            source = document.source
            products = recognise(document.root, options.product).link_products
            strict_json = not document.json5
        # A named file that does not read (broken JSON, duplicate keys, not
        # UTF-8) is check-connect-descriptor's to report, once; its links are
        # judged below as text, and a template's with a note.
        elif named and _template(read, path, data):
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
        source = decoded(path, data)
    sites = scan(source.text, data=descriptor or template or is_data_file(path))
    if not sites:
        return findings
    if not descriptor:
        products = (options.product,) if options.product else products_named(source.text, sites)
        if template and not products:
            products = default_link_products()  # as a descriptor with no sign of a product
    context, notes = _context(source.path, sites, products, options, paired)
    findings.extend(notes)
    findings.extend(_judge(source, sites, context, before, descriptor))
    if strict_json:
        return findings  # strict JSON has no comments, so no pragma
    return without_allowed(findings, source.text.split("\n"), comments_of(source.path))


def _template(read: object, path: str, data: bytes) -> bool:
    """A file named as descriptors are that is a template of one (Go, ERB), not JSON."""
    return (
        isinstance(read, Unreadable)
        and isinstance(read.reason, NotParsed)
        and is_template(decoded(path, data).text)
    )


def _context(
    path: str,
    sites: Sequence[Site],
    products: Tuple[str, ...],
    options: LinkOptions,
    paired: Paired,
) -> Tuple[LinkContext, List[Finding]]:
    """What the file's literals are judged against, and the pairing's notes."""
    if not any(site.state == LITERAL for site in sites):
        return LinkContext(products, options.any_signature, None), []
    manifest, notes = paired(path)
    expected = products_of(manifest) if manifest is not None else []
    context = LinkContext(
        products, options.any_signature, manifest, expected, app_manifest=options.app_manifest
    )
    return context, notes


def _judge(
    source: Text, sites: Sequence[Site], context: LinkContext, before: Before, descriptor: bool
) -> List[Finding]:
    if descriptor:
        # forgeAppId is check-connect-descriptor's; every link problem blocks.
        context = context._replace(check_app_ids=False, in_descriptor=True)
    earlier: List[Site] = []
    if any(site.kind == LINK and site.state == LITERAL for site in sites):
        old = before(source.path)
        if old is not None and old != source.text:
            earlier = scan(old, data=descriptor or is_data_file(source.path))
    return judge_sites(source, sites, context, earlier)
