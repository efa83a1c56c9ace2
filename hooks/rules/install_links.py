"""The install-link and app-id rules, applied to every place a file writes them.

A descriptor's ``forgeAppLink`` and a link in a Python dict, a Go struct or a
comment get exactly the same rules (:func:`.link_rules.check_link`), and the
finding sits on the character it is about. What is written is judged; what is
computed (a template slot, a variable, a concatenation) is a note, never a
guess.
"""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Set, Tuple

from ..reading.documents import Document, Text
from ..reading.source_scan import (
    APP_ID,
    COMPUTED,
    LINK,
    LITERAL,
    NOT_STRING,
    PLACEHOLDER,
    Site,
)
from ..reporting.findings import Finding
from ..reporting.rule import Rule
from . import ari
from .forge_app_id import FORGE_APP_ID_FORM, FORGE_APP_ID_MISMATCH, FORGE_APP_ID_PLACEHOLDER
from .link_placement import NOTE_LINK_NOT_SHIPPED, why_not_shipped
from .link_rules import LINK_FORM, LinkVerdict, check_link
from .manifest_identity import AppId, products_of, read_app_id
from .products import link_products_in_text

LINK_MANIFEST_MISMATCH = Rule(
    "FC410",
    "LinkManifestMismatch",
    meaning="the link installs another app than the manifest's app.id",
    why="Customers would install a different Forge app than the one this repository deploys.",
    example="the link's UUID is 1111..., manifest.yml's app.id ends in 2222...",
    fix="Copy the install link of the manifest's app from the developer console.",
)


LINK_FORGE_APP_ID_MISMATCH = Rule(
    "FC411",
    "LinkForgeAppIdMismatch",
    meaning="the link installs another app than the descriptor's forgeAppId",
    why="The button installs one app while Bitbucket hands the Connect data to another.",
    example=(
        '"forgeAppId": "ari:cloud:ecosystem::app/1111...", "forgeAppLink": '
        '"https://developer.atlassian.com/console/install/2222...?..."'
    ),
    fix=(
        "Make both name the same app: sync forgeAppId from the manifest and copy that app's link "
        "from the console."
    ),
)


LINK_HAND_EDITED = Rule(
    "FC412",
    "LinkHandEdited",
    meaning="the link's app changed since the last commit but its signature did not (a hand edit)",
    why=(
        "A signature belongs to one app: a UUID edited by hand under the old signature is a link "
        "the console will refuse."
    ),
    example="the UUID in forgeAppLink edited by hand, ?signature= left as it was",
    fix="Copy the new app's install link from the developer console.",
)


NOTE_COMPUTED = Rule(
    "FC910",
    "Computed",
    meaning=(
        "note: a link or app id built from variables or template slots, or a null placeholder: not "
        "judged"
    ),
    why="A note: the value is known only when the app runs, so it cannot be judged here.",
    example="const link = `https://developer.atlassian.com/console/install/${APP_ID}?...`",
    fix="Nothing; check the value where it is filled in.",
)


CONSOLE = "copy this app's install link from the developer console (the app's Distribution page)"


class LinkContext(NamedTuple):
    """What a file's links are judged against."""

    products: Tuple[str, ...]  # one of these must be among the link's (empty: any)
    any_signature: bool
    manifest: Optional[Document]  # the paired Forge manifest
    expected_products: Sequence[str] = ()  # the products the manifest's modules need
    check_app_ids: bool = True  # False where another hook owns forgeAppId (JSON descriptors)
    in_descriptor: bool = False  # every link problem blocks (elsewhere: see link_placement)
    # The repository's manifest whose app has a UUID: a link outside a descriptor
    # to another app of the repository is that app's, not a stranger's.
    app_manifest: Callable[[str], Optional[Document]] = lambda uuid: None


def judge_sites(
    source: Text, sites: Sequence[Site], context: LinkContext, before: Sequence[Site] = ()
) -> List[Finding]:
    """Findings for every site of one file; ``before``: the sites of the same
    file in the last commit, for the hand-edit check."""
    findings: List[Finding] = []
    own = _own_app_id(source, sites)
    manifest_id = read_app_id(context.manifest) if context.manifest is not None else None
    earlier = _signed_links(before)
    for site in sites:
        label = site.key or "install link"
        if site.state in (COMPUTED, PLACEHOLDER):
            why = site.why if site.state == COMPUTED else "a placeholder filled in elsewhere"
            findings.append(
                source.finding(
                    site.offset,
                    NOTE_COMPUTED,
                    f"{label} is {why}: not judged; only what is written is checked",
                )
            )
        elif site.kind == APP_ID:
            if context.check_app_ids and site.state == LITERAL:
                findings.extend(_app_id(source, site, label, manifest_id, context.manifest))
        elif site.state == NOT_STRING:
            findings.append(source.finding(site.offset, LINK_FORM, f"{label} must be a string"))
        else:
            if "&amp;" in site.value and _html_like(source.path):
                site = _html_unescaped(site)  # the page's reader sees '&'
            elif "\\" in site.value and source.path.lower().endswith(".properties"):
                site = _properties_unescaped(site)  # Properties.store() escapes ':' and '='
            verdict = check_link(
                site.value, context.products, context.any_signature, context.expected_products
            )
            manifest, app_id = context.manifest, manifest_id
            sibling = _sibling(verdict, app_id, context)
            if sibling is not None:
                # Another app of this repository: its link, judged by its manifest.
                manifest, app_id = sibling, read_app_id(sibling)
                verdict = check_link(
                    site.value, context.products, context.any_signature, products_of(sibling)
                )
            at = _Locator(source, site, label)
            problems = [
                at(problem.position, problem.code, problem.message) for problem in verdict.problems
            ]
            problems.extend(_same_app(at, verdict, own, app_id, manifest))
            problems.extend(_hand_edited(at, verdict, earlier))
            unshipped = (
                None
                if context.in_descriptor
                else why_not_shipped(site.value, source.path, site.key is not None)
            )
            if problems and unshipped is not None:
                first = problems[0]
                note = f"{first.message}; only a note: {unshipped}"
                problems = [first._replace(code=NOTE_LINK_NOT_SHIPPED, message=note)]
            findings.extend(problems)
            findings.extend(at(note.position, note.code, note.message) for note in verdict.notes)
    return findings


# Files whose text a browser or renderer reads with HTML entities decoded.
_HTML_SUFFIXES = (
    ".html",
    ".htm",
    ".xhtml",
    ".xml",
    ".svg",
    ".vue",
    ".jsx",
    ".tsx",
    ".md",
    ".markdown",
    ".hbs",
    ".handlebars",
    ".mustache",
    ".njk",
    ".jinja",
    ".jinja2",
    ".erb",
    ".twig",
    ".ejs",
)


def _html_like(path: str) -> bool:
    return path.lower().endswith(_HTML_SUFFIXES)


def _html_unescaped(site: Site) -> Site:
    """The link as a page shows it: each ``&amp;`` an ``&``, at its place in the file."""
    value: List[str] = []
    offsets: List[int] = []
    index = 0
    text = site.value
    while index < len(text):
        value.append(text[index])
        offsets.append(site.offsets[index] if index < len(site.offsets) else site.offset)
        index += 5 if text.startswith("&amp;", index) else 1
    return site._replace(value="".join(value), offsets=tuple(offsets))


def _properties_unescaped(site: Site) -> Site:
    """The link as java.util.Properties reads it: ``\\:`` is ``:``, ``\\=`` is ``=``."""
    value: List[str] = []
    offsets: List[int] = []
    text = site.value
    index = 0
    while index < len(text):
        escaped = text[index] == "\\" and index + 1 < len(text)
        value.append(text[index + 1] if escaped else text[index])
        offsets.append(site.offsets[index] if index < len(site.offsets) else site.offset)
        index += 2 if escaped else 1
    return site._replace(value="".join(value), offsets=tuple(offsets))


class _Locator:
    """Findings at a literal's character, mapped back to the file."""

    def __init__(self, source: Text, site: Site, label: str) -> None:
        self.source = source
        self.site = site
        self.label = label

    def __call__(self, index: int, code: str, message: str) -> Finding:
        offsets = self.site.offsets
        offset = offsets[index] if 0 <= index < len(offsets) else self.site.offset
        return self.source.finding(offset, code, f"{self.label}: {message}")


def _own_app_id(source: Text, sites: Iterable[Site]) -> Optional[Tuple[str, int]]:
    """The app the file's own forgeAppId names, and its line, when it writes one."""
    for site in sites:
        if site.kind == APP_ID and site.state == LITERAL and ari.judge(site.value).ok:
            uuid = ari.uuid_of(site.value)
            if uuid is not None:
                return uuid, source.position(site.offset)[0]
    return None


def _app_id(
    source: Text,
    site: Site,
    label: str,
    manifest_id: Optional[AppId],
    manifest: Optional[Document],
) -> List[Finding]:
    """A forgeAppId written outside a JSON descriptor: judged when it is an
    ARI literal, as a descriptor's is."""
    if not site.value.startswith("ari:"):
        return []
    verdict = ari.judge(site.value)
    if verdict.placeholder:
        return [
            source.finding(
                site.offset,
                FORGE_APP_ID_PLACEHOLDER,
                f"{label} {site.value!r} is a placeholder copied from the docs; "
                "use app.id from the Forge manifest",
            )
        ]
    if not verdict.ok:
        return [
            source.finding(
                site.offset, FORGE_APP_ID_FORM, f"{label} {site.value!r}: {verdict.reason}"
            )
        ]
    if manifest is None or manifest_id is None or manifest_id.value is None:
        return []
    if site.value == manifest_id.value:
        return []
    line = manifest.line_of(manifest_id.node or manifest.root)
    return [
        source.finding(
            site.offset,
            FORGE_APP_ID_MISMATCH,
            f"{label} {site.value} differs from app.id {manifest_id.value} "
            f"({manifest.path}:{line})",
        )
    ]


def _sibling(
    verdict: LinkVerdict, manifest_id: Optional[AppId], context: LinkContext
) -> Optional[Document]:
    """The manifest of the repository's other app that a link outside a
    descriptor installs, if it installs one."""
    if context.in_descriptor or verdict.app_uuid is None:
        return None
    paired = manifest_id.value if manifest_id is not None else None
    if paired is not None and ari.uuid_of(paired) == verdict.app_uuid:
        return None
    sibling = context.app_manifest(verdict.app_uuid)
    return sibling if sibling is not context.manifest else None


def _same_app(
    at: _Locator,
    verdict: LinkVerdict,
    own: Optional[Tuple[str, int]],
    manifest_id: Optional[AppId],
    manifest: Optional[Document],
) -> List[Finding]:
    """The link must install this app: the manifest's app.id, else (with no
    manifest to ask) the file's own forgeAppId."""
    if verdict.app_uuid is None:
        return []
    expected = (
        ari.uuid_of(manifest_id.value) if manifest_id is not None and manifest_id.value else None
    )
    if manifest is not None and manifest_id is not None and expected is not None:
        if expected == verdict.app_uuid:
            return []
        line = manifest.line_of(manifest_id.node or manifest.root)
        also = " and forgeAppId" if own is not None and own[0] == expected else ""
        return [
            at(
                verdict.uuid_index,
                LINK_MANIFEST_MISMATCH,
                f"the link installs app {verdict.app_uuid}, but this app is {expected} "
                f"(app.id in {manifest.path}:{line}{also}): {CONSOLE}",
            )
        ]
    if own is not None and own[0] != verdict.app_uuid:
        return [
            at(
                verdict.uuid_index,
                LINK_FORGE_APP_ID_MISMATCH,
                f"the link installs app {verdict.app_uuid}, but forgeAppId (line {own[1]}) "
                f"is app {own[0]}: {CONSOLE}",
            )
        ]
    return []


def _signed_links(sites: Iterable[Site]) -> Dict[str, Set[str]]:
    """signature -> the apps it was written with, for the links of a file."""
    result: Dict[str, Set[str]] = {}
    for site in sites:
        if site.kind != LINK or site.state != LITERAL:
            continue
        verdict = check_link(site.value, ())
        if verdict.app_uuid is not None and verdict.signature:
            result.setdefault(verdict.signature, set()).add(verdict.app_uuid)
    return result


def _hand_edited(at: _Locator, verdict: LinkVerdict, earlier: Dict[str, Set[str]]) -> List[Finding]:
    """A link whose app changed since the last commit while its signature did
    not: someone edited the UUID by hand, and the console never issued it."""
    if verdict.problems or verdict.app_uuid is None or not verdict.signature:
        return []
    apps = earlier.get(verdict.signature)
    if not apps or verdict.app_uuid in apps:
        return []
    old = sorted(apps)[0]
    return [
        at(
            verdict.uuid_index,
            LINK_HAND_EDITED,
            f"the link's app changed from {old[:8]}\u2026 (last commit) to "
            f"{verdict.app_uuid[:8]}\u2026 but its signature did not: the console signs each "
            f"app's link, so this is a hand edit; {CONSOLE}",
        )
    ]


def products_named(text: str, sites: Sequence[Site]) -> Tuple[str, ...]:
    """The product a file outside any descriptor is for, from what it names
    outside its links (see :func:`.products.link_products_in_text`)."""
    pieces: List[str] = []
    cursor = 0
    for site in sorted(sites, key=lambda site: site.offset):
        if site.kind == LINK and site.offset >= cursor:
            pieces.append(text[cursor : site.offset])
            pieces.append(" ")
            cursor = site.end
    pieces.append(text[cursor:])
    return link_products_in_text("".join(pieces))
