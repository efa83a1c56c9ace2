"""check-forge-app-link reads install links wherever an app writes them: code in
any language, templates, YAML, .env files and JSON of any name.

Each syntax gets a fixture of its own, written the way that language writes a
descriptor. In each one the valid link passes, and each kind of mistake blocks
at the link's own line and column.
"""

from __future__ import annotations

import pathlib
from typing import Dict, List, Tuple

import pytest

from forge_connect_hooks.check_forge_app_link import main

from .envelope import build_message, encode_signature, link
from .helpers import APP_ID, APP_UUID, OTHER_ID, OTHER_UUID, codes_of, manifest_text, run, write

Capsys = pytest.CaptureFixture[str]
GOOD = link()
pytestmark = pytest.mark.usefixtures("repo_root")

# name -> (file name, the file's text with <<LINK>> where the link goes). Each
# names Bitbucket the way such a file does: a module type, a comment.
SYNTAXES: Dict[str, Tuple[str, str]] = {
    "python dict": (
        "src/integrations/bitbucket/descriptor.py",
        "def get_descriptor(base_url):\n"
        "    return {\n"
        '        "key": "acme-app",\n'
        '        "modules": {"repoPages": []},\n'
        '        "forgeAppLink": "<<LINK>>",\n'
        "    }\n",
    ),
    "python keyword": (
        "app/descriptor.py",
        "descriptor = build(\n"
        "    key='acme-app',\n"
        "    modules={'repoPages': []},\n"
        "    forge_app_link='<<LINK>>',\n"
        ")\n",
    ),
    "typescript object": (
        "src/descriptor.ts",
        "export const descriptor = {\n"
        '  key: "acme-app",\n'
        "  modules: { repoPages: [] },\n"
        "  forgeAppLink: '<<LINK>>',\n"
        "  baseUrl: `${process.env.BASE_URL}`,\n"
        "};\n",
    ),
    "javascript quoted key": (
        "descriptor.js",
        'module.exports = {\n  "modules": {"repoPages": []},\n  "forgeAppLink": "<<LINK>>",\n};\n',
    ),
    "php array": (
        "config/connect.php",
        "<?php\n"
        "return [\n"
        "    'key' => 'acme-app',\n"
        "    'modules' => ['repoPages' => []],\n"
        "    'forgeAppLink' => '<<LINK>>',\n"
        "];\n",
    ),
    "go struct": (
        "internal/descriptor.go",
        "// Package descriptor serves the Bitbucket Cloud app's descriptor.\n"
        "package descriptor\n\n"
        "var D = Descriptor{\n"
        '\tKey:          "acme-app",\n'
        '\tForgeAppLink: "<<LINK>>",\n'
        "}\n",
    ),
    "go map": (
        "internal/map.go",
        'var d = map[string]any{\n\t"modules": map[string]any{"repoPages": nil},\n'
        '\t"forgeAppLink": "<<LINK>>",\n}\n',
    ),
    "ruby hash": (
        "app/controllers/descriptor_controller.rb",
        "render json: {\n  key: 'acme-app',\n  modules: { repoPages: [] },\n"
        '  forgeAppLink: "<<LINK>>",\n}\n',
    ),
    "ruby rocket": (
        "lib/descriptor.rb",
        'DESCRIPTOR = {\n  "modules" => { "repoPages" => [] },\n'
        '  "forgeAppLink" => "<<LINK>>",\n}\n',
    ),
    "java put": (
        "src/main/java/Descriptor.java",
        "class D {\n  void f() {\n"
        '    map.put("modules", Map.of("repoPages", List.of()));\n'
        '    map.put("forgeAppLink", "<<LINK>>");\n'
        "  }\n}\n",
    ),
    "kotlin pair": (
        "src/main/kotlin/Descriptor.kt",
        'val d = mapOf(\n    "modules" to mapOf("repoPages" to listOf()),\n'
        '    "forgeAppLink" to "<<LINK>>",\n)\n',
    ),
    "julia named tuple": (
        "src/descriptor.jl",
        'const DESCRIPTOR = (\n    key = "acme-app",\n    modules = (repoPages = [],),\n'
        '    forgeAppLink = "<<LINK>>",\n)\n',
    ),
    "yaml": (
        "config/app.yml",
        "key: acme-app\nmodules:\n  repoPages: []\nforgeAppLink: <<LINK>>\n",
    ),
    "dotenv": (
        ".env",
        "# The Bitbucket app\nBASE_URL=https://acme.example.com\nFORGE_APP_LINK=<<LINK>>\n",
    ),
    "properties": (
        "src/main/resources/application.properties",
        "# Bitbucket Connect\naddon.key=acme-app\nforge.app.link=<<LINK>>\n",
    ),
    "json of another name": (
        "bitbucket-app.json",
        '{\n  "key": "acme-app",\n  "baseUrl": "https://acme.example.com",\n'
        '  "forgeAppLink": "<<LINK>>",\n  "modules": {"repoPages": []}\n}\n',
    ),
    "a comment": (
        "src/notes.py",
        "# The Bitbucket app's Forge app installs from\n#   <<LINK>>\nVALUE = 1\n",
    ),
}


def _place(name: str, url: str) -> Tuple[str, int, int]:
    """Write the syntax's file; return its path and where ``url`` starts."""
    path, template = SYNTAXES[name]
    text = template.replace("<<LINK>>", url)
    write(pathlib.Path(path), text)
    before = text[: text.index(url)]
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    return path, line, col


@pytest.mark.parametrize("name", sorted(SYNTAXES))
def test_a_valid_link_passes(name: str, capsys: Capsys) -> None:
    path, _, _ = _place(name, GOOD)
    assert run(main, [path], capsys) == (0, [])


MISTAKES: List[Tuple[str, str, str, int]] = [
    # (what, the link, the code, the index in the link the finding points at)
    ("http", GOOD.replace("https://", "http://"), "FC403", 0),
    (
        "look-alike host",
        GOOD.replace("developer.atlassian.com", "developer.atlassian.net"),
        "FC404",
        len("https://"),
    ),
    (
        "the docs' example",
        "https://developer.atlassian.com/console/install/my-app-id?signature=1234567890&product=bitbucket",
        "FC409",
        len("https://developer.atlassian.com/console/install/"),
    ),
    (
        "a truncated signature",
        GOOD[: -len("&product=bitbucket") - 40] + "&product=bitbucket",
        "FC408",
        -1,
    ),
    ("another product", link(products=("jira",)), "FC407", -1),
    ("a tracking parameter", GOOD + "&utm_source=mail", "FC406", -1),
]


@pytest.mark.parametrize("name", sorted(SYNTAXES))
@pytest.mark.parametrize("mistake", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_blocks_at_the_link(
    name: str, mistake: Tuple[str, str, str, int], capsys: Capsys
) -> None:
    what, url, code, index = mistake
    path, line, col = _place(name, url)
    if what == "the docs' example" and name == "a comment":
        # No key's value and an app part that is not a UUID: it cannot reach
        # a customer as written, so it is only a note.
        code = "FC916"
        status, lines = run(main, ["-v", path], capsys)
        lines = [found for found in lines if " FC901 " not in found]
        assert status == 0
    else:
        status, lines = run(main, [path], capsys)
        assert status == 1
    assert codes_of(lines) == [code], lines
    where, _ = lines[0].split(f" {code} ", 1)
    found_path, found_line, found_col = where.rstrip(":").rsplit(":", 2)
    assert (found_path, int(found_line)) == (path, line)
    if index >= 0:
        assert int(found_col) == col + index
    else:
        assert int(found_col) >= col


def test_another_apps_link_blocks_against_the_manifest(capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), manifest_text(OTHER_ID))
    path, line, col = _place("python dict", GOOD)
    status, lines = run(main, [path], capsys)
    uuid_col = col + GOOD.index(APP_UUID)
    assert lines == [
        f"{path}:{line}:{uuid_col}: FC410 forgeAppLink: the link "
        f"installs app {APP_UUID}, but this app is {OTHER_UUID} (app.id in manifest.yml:6): "
        "copy this app's install link from the developer console (the app's Distribution page)"
    ]


def test_a_link_in_a_bitbucket_file_must_install_into_bitbucket(capsys: Capsys) -> None:
    """Outside a descriptor, the product is the one the file names."""
    text = f'BITBUCKET_DESCRIPTOR = {{"forgeAppLink": "{link(products=("jira",))}"}}\n'
    write(pathlib.Path("bitbucket_app.py"), text)
    status, lines = run(main, ["bitbucket_app.py"], capsys)
    assert codes_of(lines) == ["FC407"]
    # A file that names no product, or several, may link to any.
    write(pathlib.Path("links.py"), text.replace("BITBUCKET_", ""))
    assert run(main, ["links.py"], capsys) == (0, [])


# -- what is computed is not judged ---------------------------------------------

COMPUTED = {
    "a concatenation": 'LINK = "https://developer.atlassian.com/console/install/" + APP_ID\n',
    "an f-string": 'LINK = f"https://developer.atlassian.com/console/install/{app_id}?signature={s}"\n',
    "a format call": '"https://developer.atlassian.com/console/install/{}".format(app_id)\n',
    "a printf format": (
        'link = "https://developer.atlassian.com/console/install/%s?signature=%s" % (a, b)\n'
    ),
    "a template literal": "const l = `https://developer.atlassian.com/console/install/${id}`;\n",
    "a Handlebars slot": '{"forgeAppLink": "{{forgeAppLink}}"}\n',
    "a Spring placeholder": 'forgeAppLink: "${forge.app.link}"\n',
    "an ERB slot": 'forgeAppLink: "<%= forge_app_link %>"\n',
    "a variable": "descriptor = {'forgeAppLink': settings.FORGE_APP_LINK}\n",
    "null": '{"key": "acme-app", "forgeAppLink": null}\n',
    "a placeholder in angle brackets": (
        "Set `forgeAppLink` to https://developer.atlassian.com/console/install/<app-id>?"
        "signature=<signature>&product=bitbucket\n"
    ),
}


@pytest.mark.parametrize("what", sorted(COMPUTED))
def test_a_computed_value_is_a_note_not_a_finding(what: str, capsys: Capsys) -> None:
    name = "notes.md" if "angle" in what else "values.json" if what == "null" else "source.txt"
    write(pathlib.Path(name), COMPUTED[what])
    assert run(main, [name], capsys) == (0, [])
    status, lines = run(main, ["-v", name], capsys)
    assert status == 0
    assert "FC910" in codes_of(lines), lines


def test_a_json_descriptor_with_a_template_slot_passes(capsys: Capsys) -> None:
    text = '{\n  "key": "acme-app",\n  "forgeAppLink": "{{forgeAppLink}}"\n}\n'
    write(pathlib.Path("atlassian-connect.json"), text)
    assert run(main, ["atlassian-connect.json"], capsys) == (0, [])


def test_a_format_string_with_every_percent_doubled_is_judged_as_it_formats(
    capsys: Capsys,
) -> None:
    signature = encode_signature(build_message())
    assert "%" in signature
    java = (
        "class D {\n"
        '  static final String JSON = """\n'
        '      {"key": "%s", "modules": {"repoPages": []},\n'
        '       "forgeAppLink": "%s"}\n'
        '      """;\n'
        "}\n"
    )
    good = link(signature).replace("%", "%%")
    text = java.replace('"forgeAppLink": "%s"', f'"forgeAppLink": "{good}"')
    text = text.replace('"key": "%s"', '"key": "acme-app"')
    write(pathlib.Path("D.java"), text)
    assert run(main, ["D.java"], capsys) == (0, [])
    bad = link(signature, products=("jira",)).replace("%", "%%")
    write(pathlib.Path("D.java"), text.replace(good, bad))
    status, lines = run(main, ["D.java"], capsys)
    assert codes_of(lines) == ["FC407"]
    # A single % among doubled ones is no format string: what is written is judged.
    write(pathlib.Path("D.java"), text.replace(good, good.replace("%%", "%", 1)))
    status, lines = run(main, ["D.java"], capsys)
    assert status == 1


# -- forgeAppId wherever it is written --------------------------------------------


def test_a_forge_app_id_literal_in_code_is_cross_checked(capsys: Capsys) -> None:
    write(pathlib.Path("manifest.yml"), manifest_text(APP_ID))
    text = f'DESCRIPTOR = {{\n    "forgeAppId": "{OTHER_ID}",\n}}\n'
    write(pathlib.Path("descriptor.py"), text)
    status, lines = run(main, ["descriptor.py"], capsys)
    assert lines == [
        f"descriptor.py:2:19: FC206 forgeAppId {OTHER_ID} differs from "
        f"app.id {APP_ID} (manifest.yml:6)"
    ]
    write(pathlib.Path("descriptor.py"), text.replace(OTHER_ID, APP_ID))
    assert run(main, ["descriptor.py"], capsys) == (0, [])
    write(pathlib.Path("descriptor.py"), text.replace(OTHER_ID, "{{.ForgeAppId}}"))
    assert run(main, ["descriptor.py"], capsys) == (0, [])


def test_a_malformed_forge_app_id_literal_blocks(capsys: Capsys) -> None:
    write(
        pathlib.Path(".env"),
        f"FORGE_APP_ID=ari:cloud:ecosystem::app/{APP_UUID.upper()}\n",
    )
    status, lines = run(main, [".env"], capsys)
    assert codes_of(lines) == ["FC204"]
    assert lines[0].startswith(".env:1:14:")


# -- the pragma ------------------------------------------------------------------


def test_a_pragma_allows_the_code_it_names_on_its_line(capsys: Capsys) -> None:
    bad = GOOD.replace("https://", "http://")
    text = f'LINK = "{bad}"  # forge-connect-hooks: allow FC403\n'
    write(pathlib.Path("old.py"), text)
    assert run(main, ["old.py"], capsys) == (0, [])
    # It names a code: another problem on the same line still blocks.
    write(pathlib.Path("old.py"), text.replace("FC403", "FC404"))
    status, lines = run(main, ["old.py"], capsys)
    assert codes_of(lines) == ["FC403"]
    # And only on its own line.
    write(pathlib.Path("old.py"), f'# forge-connect-hooks: allow FC403\nLINK = "{bad}"\n')
    assert codes_of(run(main, ["old.py"], capsys)[1]) == ["FC403"]


def test_strict_json_has_no_pragma(capsys: Capsys) -> None:
    bad = GOOD.replace("https://", "http://")
    text = (
        '{"key": "acme-app", "baseUrl": "https://a.example.com", "modules": {},\n'
        f' "forgeAppLink": "{bad}", "x": "forge-connect-hooks: allow FC403"}}\n'
    )
    write(pathlib.Path("atlassian-connect.json"), text)
    assert codes_of(run(main, ["atlassian-connect.json"], capsys)[1]) == ["FC403"]


# -- templates and files without links ------------------------------------------------


def test_a_descriptor_named_template_is_checked_for_its_literal_links(capsys: Capsys) -> None:
    template = (
        '{{define "descriptor"}}\n'
        "{\n"
        '  "key": "{{.Key}}",\n'
        '  "baseUrl": "{{.BaseUrl}}",\n'
        '  "forgeAppLink": "LINK",\n'
        '  "forgeAppId": "{{.ForgeAppId}}"\n'
        "}\n"
        "{{end}}\n"
    )
    write(pathlib.Path("atlassian-connect.json"), template.replace("LINK", GOOD))
    assert run(main, ["atlassian-connect.json"], capsys) == (0, [])
    status, lines = run(main, ["-v", "atlassian-connect.json"], capsys)
    assert "FC911" in codes_of(lines)
    write(
        pathlib.Path("atlassian-connect.json"), template.replace("LINK", link(products=("jira",)))
    )
    status, lines = run(main, ["atlassian-connect.json"], capsys)
    assert codes_of(lines) == ["FC407"]
    assert lines[0].startswith("atlassian-connect.json:5:")


def test_a_broken_descriptors_link_is_still_judged(capsys: Capsys) -> None:
    """The broken JSON is check-connect-descriptor's finding; its link is judged here."""
    write(pathlib.Path("atlassian-connect.json"), '{"key": "a", "forgeAppLink": "x",}\n')
    assert codes_of(run(main, ["atlassian-connect.json"], capsys)[1]) == ["FC403"]


def test_files_without_links_and_binary_files_pass(capsys: Capsys) -> None:
    write(pathlib.Path("README.md"), "# An app\n\nIt installs from the Forge console.\n")
    pathlib.Path("logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0" + GOOD.encode())
    pathlib.Path("latin1.py").write_bytes(f"# caf\xe9\nL = '{GOOD}'\n".encode("latin-1"))
    assert run(main, ["README.md", "logo.png", "latin1.py"], capsys) == (0, [])


def test_a_link_edited_by_hand_in_code_is_caught_against_the_last_commit(
    capsys: Capsys, repo_root: pathlib.Path
) -> None:
    import subprocess

    (repo_root / ".git").rmdir()
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "config", "user.email", "t@example.com"], check=True)
    subprocess.run(["git", "config", "user.name", "T"], check=True)
    write(pathlib.Path("descriptor.ts"), f"export const link = '{GOOD}';\n")
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(["git", "commit", "-qm", "link"], check=True)
    write(
        pathlib.Path("descriptor.ts"),
        f"export const link = '{GOOD.replace(APP_UUID, OTHER_UUID)}';\n",
    )
    status, lines = run(main, ["descriptor.ts"], capsys)
    assert codes_of(lines) == ["FC412"]
    assert lines[0].startswith(f"descriptor.ts:1:{22 + GOOD.index(APP_UUID)}:")
