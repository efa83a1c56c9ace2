"""check-connect-descriptor, rule by rule."""

from __future__ import annotations

import codecs
import json
import os
import pathlib
import stat

import pytest

from forge_connect_hooks.check_connect_descriptor import main

from .helpers import (
    APP_ID,
    DATA,
    OTHER_ID,
    codes_of,
    descriptor,
    manifest_text,
    run,
    write,
)

Capsys = pytest.CaptureFixture[str]


pytestmark = pytest.mark.usefixtures("repo_root")


def check(capsys: Capsys, *args: str) -> tuple[int, list[str]]:
    return run(main, args, capsys)


def test_the_realistic_example_app_passes(capsys: Capsys) -> None:
    path = DATA / "bitbucket-app" / "atlassian-connect.json"
    assert check(capsys, str(path)) == (0, [])


def test_a_minimal_descriptor_passes_silently(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor())
    assert check(capsys, "atlassian-connect.json") == (0, [])


@pytest.mark.parametrize(
    "missing", ["key", "name", "description", "baseUrl", "authentication", "lifecycle"]
)
def test_documented_required_fields(missing: str, tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(**{missing: None}))
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert lines == [
        f"atlassian-connect.json:1:1: FC201 the root: missing required key {missing!r}"
    ]


def test_authentication_type_is_jwt_or_none(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(authentication={"type": "oauth"}))
    status, lines = check(capsys, "atlassian-connect.json")
    assert lines == [
        "atlassian-connect.json:7:13: FC201 authentication.type: "
        '"oauth" is not one of: jwt, JWT, none, NONE'
    ]
    # A production integration spells it in capitals, and Bitbucket installs it.
    write(tmp_path / "atlassian-connect.json", descriptor(authentication={"type": "JWT"}))
    assert check(capsys, "atlassian-connect.json") == (0, [])


def test_base_url_must_be_https_or_a_template(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(baseUrl="http://acme.example.com"))
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert codes_of(lines) == ["FC201"]
    assert "must be an https:// URL" in lines[0]
    write(tmp_path / "atlassian-connect.json", descriptor(baseUrl="{{localBaseUrl}}"))
    assert check(capsys, "atlassian-connect.json") == (0, [])


def test_unknown_root_key_names_the_key_meant(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(
        tmp_path / "atlassian-connect.json",
        descriptor(forgeAppID=APP_ID, forge_app_id=APP_ID, forgeAppLinks="x", colour="red"),
    )
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert lines[0].endswith(
        "FC202 unknown key 'forgeAppID' in the root; did you mean 'forgeAppId'?"
    )
    assert lines[1].endswith("did you mean 'forgeAppId'?")
    assert lines[2].endswith("did you mean 'forgeAppLink'?")
    assert lines[0].startswith("atlassian-connect.json:12:3:")
    # 'colour' is no slip of a known key: unknown, not wrong, so only a note.
    assert len(lines) == 3
    status, lines = check(capsys, "-v", "atlassian-connect.json")
    assert any(
        "FC908 key 'colour' in the root is not one the documentation names" in line
        for line in lines
    )


def test_unknown_keys_under_links_are_refused(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(
        tmp_path / "atlassian-connect.json",
        descriptor(links={"homepage": "https://acme.example.com", "blog": "https://b.example"}),
    )
    status, lines = check(capsys, "atlassian-connect.json")
    assert codes_of(lines) == ["FC202"]
    assert "'blog' in links" in lines[0]


def test_unknown_scope_and_module_type(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(
        tmp_path / "atlassian-connect.json",
        descriptor(
            scopes=["repository", "pullrequests"],
            modules={
                "webItmes": [{"key": "a", "url": "/a", "location": "x", "name": {"value": "A"}}]
            },
        ),
    )
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert any("did you mean 'webItems'?" in line for line in lines)
    assert any(
        "\"pullrequests\" is not allowed; did you mean 'pullrequest'?" in line for line in lines
    )


def test_personal_context_is_deprecated(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(contexts=["personal"]))
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert codes_of(lines) == ["FC203"]
    assert "was removed on 1 January 2023; use 'account'" in lines[0]


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        (APP_ID, None, ""),
        (
            APP_ID.upper().replace("ARI:CLOUD:ECOSYSTEM::APP/", "ari:cloud:ecosystem::app/"),
            "FC204",
            "must be lowercase",
        ),
        (APP_ID.split("/")[1], "FC204", "a bare UUID"),
        (
            "ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000",
            "FC205",
            "placeholder copied from the docs",
        ),
        (
            "ari:cloud:ecosystem::app/6f1c2a47-8d3e-7b5a-9c21-0e7f3d9b2a64",
            "FC204",
            "not a lowercase UUID",
        ),
        (
            "ari:cloud:ecosystem::app/6f1c2a47-8d3e-4b5a-cc21-0e7f3d9b2a64",
            "FC204",
            "not a lowercase UUID",
        ),
        (
            "ari:cloud:ecosystem::app/" + "6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64 ",
            "FC204",
            "whitespace",
        ),
        (
            "ari:cloud:jira::app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64",
            "FC204",
            "must start with",
        ),
    ],
)
def test_forge_app_id_form(
    value: str, code: str | None, words: str, tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=value))
    status, lines = check(capsys, "atlassian-connect.json")
    if code is None:
        assert (status, lines) == (0, [])
        return
    assert status == 1
    assert codes_of(lines) == [code]
    assert words in lines[0]
    assert lines[0].startswith("atlassian-connect.json:12:17:")


def test_forge_app_id_must_be_a_string(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=42))
    status, lines = check(capsys, "atlassian-connect.json")
    assert lines == [
        "atlassian-connect.json:12:17: FC201 forgeAppId: must be a string or null, not an integer"
    ]


# -- pairing with the Forge manifest ----------------------------------------------------------


def test_forge_app_id_must_equal_the_manifest_app_id(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "manifest.yml", manifest_text(OTHER_ID))
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=APP_ID))
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert lines == [
        f"atlassian-connect.json:12:17: FC206 forgeAppId {APP_ID} differs from "
        f"app.id {OTHER_ID} (manifest.yml:6)"
    ]


def test_connect_key_must_equal_the_descriptor_key(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text(extra="  connect:\n    key: acme-other\n"))
    write(tmp_path / "atlassian-connect.json", descriptor())
    status, lines = check(capsys, "atlassian-connect.json")
    assert lines == [
        "atlassian-connect.json:2:10: FC207 key 'acme-app' differs from "
        "app.connect.key 'acme-other' (manifest.yml:10)"
    ]


def test_a_templated_key_is_not_compared(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text(extra="  connect:\n    key: acme-other\n"))
    write(tmp_path / "atlassian-connect.json", descriptor(key="{{appKey}}"))
    assert check(capsys, "atlassian-connect.json") == (0, [])


def test_nearest_manifest_wins_over_a_farther_one(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text(OTHER_ID))
    write(tmp_path / "app" / "manifest.yml", manifest_text(APP_ID))
    write(tmp_path / "app" / "connect" / "atlassian-connect.json", descriptor(forgeAppId=APP_ID))
    assert check(capsys, "app/connect/atlassian-connect.json") == (0, [])


def test_manifest_argument_wins(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "manifest.yml", manifest_text(APP_ID))
    write(tmp_path / "elsewhere" / "forge.yml", manifest_text(OTHER_ID))
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=APP_ID))
    status, lines = check(capsys, "--manifest", "elsewhere/forge.yml", "atlassian-connect.json")
    assert codes_of(lines) == ["FC206"]


def test_a_kubernetes_manifest_nearby_is_not_a_forge_manifest(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "manifest.yml", "apiVersion: v1\nkind: Pod\n")
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=APP_ID))
    assert check(capsys, "atlassian-connect.json") == (0, [])
    status, lines = check(capsys, "--verbose", "atlassian-connect.json")
    assert status == 0
    assert codes_of(lines) == ["FC901"]


def test_no_manifest_is_a_note_only_under_verbose(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / "atlassian-connect.json", descriptor(forgeAppId=APP_ID))
    assert check(capsys, "atlassian-connect.json") == (0, [])
    assert check(capsys, "-v", "atlassian-connect.json") == (
        0,
        ["atlassian-connect.json:1:1: FC901 no Forge manifest found; no cross-check"],
    )


# -- JSON strictness, encodings and hostile files ------------------------------------------------


def test_bom_is_accepted_and_positions_ignore_it(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    body = json.dumps(descriptor(forgeAppId="nope"), indent=2).encode()
    write(tmp_path / "atlassian-connect.json", codecs.BOM_UTF8 + body)
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert lines[0].startswith("atlassian-connect.json:12:17: FC204")


def test_crlf_file_is_fine(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    body = json.dumps(descriptor(), indent=2).replace("\n", "\r\n").encode()
    write(tmp_path / "atlassian-connect.json", body)
    assert check(capsys, "atlassian-connect.json") == (0, [])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            codecs.BOM_UTF16_LE + '{"a": 1}'.encode("utf-16-le"),
            "1:1: FC102 file is UTF-16; save it as UTF-8",
        ),
        (b'{\n  "key": "caf\xe9"\n}', "2:14: FC102 byte 0xe9 is not UTF-8"),
        (b"", "1:1: FC103 empty document"),
        (b'{"key": "a",\n "key": "b"}', "2:2: FC104 duplicate key 'key'"),
        (b'{"a": 1,}', "1:9: FC103 trailing comma is not allowed in JSON"),
        (b"[" * 50_000, "1:201: FC105 nesting deeper than 200 levels"),
        (b'{"a": ' + b"1" * 100_000 + b"}", "1:7: FC106 number of 100000 characters"),
    ],
)
def test_bad_input_is_one_clear_finding(
    raw: bytes, expected: str, tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "atlassian-connect.json", raw)
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"atlassian-connect.json:{expected}")


def test_missing_file_and_directory(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    (tmp_path / "dir.json").mkdir()
    status, lines = check(capsys, "missing.json", "dir.json")
    assert status == 1
    assert lines == [
        "dir.json:1:1: FC101 is a directory, not a file",
        "missing.json:1:1: FC101 no such file",
    ]


def test_a_fifo_is_refused_without_blocking(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    os.mkfifo(tmp_path / "atlassian-connect.json")
    status, lines = check(capsys, "atlassian-connect.json", "/dev/zero")
    assert status == 1
    assert lines == [
        "/dev/zero:1:1: FC101 not a regular file",
        "atlassian-connect.json:1:1: FC101 not a regular file",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    path = write(tmp_path / "atlassian-connect.json", descriptor())
    path.chmod(0)
    status, lines = check(capsys, "atlassian-connect.json")
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert lines == ["atlassian-connect.json:1:1: FC101 permission denied"]


def test_json5_when_the_app_uses_atlassian_connect_express(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    text = (
        '{\n  // served by ACE\n  "key": "{{appKey}}",\n  "name": "A",\n  "description": "d",\n'
        '  "baseUrl": "{{localBaseUrl}}",\n  "authentication": {"type": "jwt"},\n'
        '  "lifecycle": {"installed": "/installed",},\n}\n'
    )
    write(tmp_path / "atlassian-connect.json", text)
    status, lines = check(capsys, "atlassian-connect.json")
    assert status == 1
    assert lines[0].startswith("atlassian-connect.json:2:3: FC103 comments are not allowed")
    assert check(capsys, "--json5", "atlassian-connect.json") == (0, [])
    write(tmp_path / "package.json", {"dependencies": {"atlassian-connect-express": "^12"}})
    assert check(capsys, "atlassian-connect.json") == (0, [])


def test_usage_error_exits_2(capsys: Capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--no-such-option"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["--descriptor-pattern", "(", "x.json"])
    assert caught.value.code == 2


def test_a_json_descriptor_of_another_name_is_checked(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "connect.json", descriptor(authentication={"type": "oauth"}))
    status, lines = check(capsys, "connect.json")
    assert (status, codes_of(lines)) == (1, ["FC201"])
    write(tmp_path / "package.json", {"name": "x", "scripts": {"key": "v"}})
    (tmp_path / "data.json").write_text("[1, 2,]")
    assert check(capsys, "package.json", "data.json") == (0, [])


def test_template_slots_are_not_findings(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    for base_url in ("{{.BaseUrl}}", "<%= base_url %>", "{{localBaseUrl}}"):
        write(
            tmp_path / "atlassian-connect.json",
            descriptor(baseUrl=base_url, forgeAppId="{{.ForgeAppId}}"),
        )
        assert check(capsys, "atlassian-connect.json") == (0, [])
    template = '<% if prod %>\n{"key": "acme-app", "baseUrl": "<%= base_url %>"}\n<% end %>\n'
    (tmp_path / "atlassian-connect.json").write_text(template)
    assert check(capsys, "atlassian-connect.json") == (0, [])
    assert codes_of(check(capsys, "-v", "atlassian-connect.json")[1]) == ["FC911"]
