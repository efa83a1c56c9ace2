"""sync-forge-app-id: the fix is the inserted line or the replaced value, nothing else."""

from __future__ import annotations

import codecs
import json
import os
import pathlib
import stat
from typing import Any, Dict

import pytest

from forge_connect_hooks.sync_forge_app_id import main

from .envelope import link
from .helpers import APP_ID, OTHER_ID, codes_of, descriptor, manifest_text, run, write

Capsys = pytest.CaptureFixture[str]
NAME = "atlassian-connect.json"


@pytest.fixture(autouse=True)
def _paired(repo_root: pathlib.Path) -> None:
    write(repo_root / "manifest.yml", manifest_text(APP_ID))


def sync(capsys: Capsys, *args: str) -> tuple[int, list[str]]:
    return run(main, [*args, NAME] if not any(a.endswith(".json") for a in args) else args, capsys)


def inserted_only(before: bytes, after: bytes, expected: str) -> bool:
    """True when ``after`` is ``before`` with ``expected`` inserted, and nothing else."""
    needle = expected.encode()
    at = after.find(needle)
    while at != -1:
        if after[:at] + after[at + len(needle) :] == before:
            return True
        at = after.find(needle, at + 1)
    return False


def dumps(data: Dict[str, Any], indent: Any = 2) -> str:
    return json.dumps(data, indent=indent, ensure_ascii=False)


LINE = f'"forgeAppId": "{APP_ID}",'

# (name, file text, the exact inserted bytes)
STYLES = [
    ("2 spaces", dumps(descriptor()) + "\n", f"  {LINE}\n"),
    ("4 spaces", dumps(descriptor(), 4) + "\n", f"    {LINE}\n"),
    ("tabs", dumps(descriptor(), "\t") + "\n", f"\t{LINE}\n"),
    ("crlf", (dumps(descriptor()) + "\n").replace("\n", "\r\n"), f"  {LINE}\r\n"),
    ("no final newline", dumps(descriptor()), f"  {LINE}\n"),
    ("minified", json.dumps(descriptor(), separators=(",", ":")), f'"forgeAppId":"{APP_ID}",'),
    ("one line", json.dumps(descriptor()), f'"forgeAppId": "{APP_ID}", '),
    (
        "templated values",
        dumps(descriptor(key="{{appKey}}", baseUrl="{{localBaseUrl}}")) + "\n",
        f"  {LINE}\n",
    ),
    (
        "escapes and trailing spaces elsewhere",
        dumps(descriptor()).replace('"An app"', '"Caf\\u00e9 \\/ app"  ') + "\n",
        f"  {LINE}\n",
    ),
    (
        "large",
        dumps(
            descriptor(
                modules={
                    "webhooks": [{"event": f"repo:e{i}", "url": f"/h/{i}"} for i in range(2000)]
                }
            )
        )
        + "\n",
        f"  {LINE}\n",
    ),
]


@pytest.mark.parametrize(("text", "inserted"), [s[1:] for s in STYLES], ids=[s[0] for s in STYLES])
def test_insertion_is_the_only_change(
    text: str, inserted: str, tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    before = write(tmp_path / NAME, text).read_bytes()
    status, lines = sync(capsys)
    after = (tmp_path / NAME).read_bytes()
    assert status == 1
    assert codes_of(lines) == ["FC501"]
    assert inserted_only(before, after, inserted)
    assert json.loads(after)["forgeAppId"] == APP_ID
    keys = list(json.loads(before))
    assert keys[0] == "key"
    assert list(json.loads(after)) == ["key", "forgeAppId", *keys[1:]]
    assert sync(capsys) == (0, [])
    assert (tmp_path / NAME).read_bytes() == after


def test_the_report_points_at_the_new_line(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / NAME, descriptor())
    assert sync(capsys) == (
        1,
        [
            f"{NAME}:3:3: FC501 inserted forgeAppId '{APP_ID}' from manifest.yml's app.id: "
            "stage the change"
        ],
    )


def test_bom_is_kept(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    before = write(
        tmp_path / NAME, codecs.BOM_UTF8 + (dumps(descriptor()) + "\n").encode()
    ).read_bytes()
    assert sync(capsys)[0] == 1
    after = (tmp_path / NAME).read_bytes()
    assert after.startswith(codecs.BOM_UTF8)
    assert inserted_only(before, after, f"  {LINE}\n")


def test_next_to_forge_app_link_when_present(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    data = descriptor(forgeAppLink=link())
    data["vendor"] = {"name": "Acme"}
    before = write(tmp_path / NAME, data).read_bytes()
    sync(capsys)
    after = (tmp_path / NAME).read_bytes()
    assert inserted_only(before, after, f"  {LINE}\n")
    keys = list(json.loads(after))
    assert keys.index("forgeAppId") == keys.index("forgeAppLink") + 1


def test_before_the_anchor_when_it_is_the_last_member(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    data = {k: v for k, v in descriptor().items() if k != "key"}
    data["key"] = "acme-app"
    before = write(tmp_path / NAME, data).read_bytes()
    sync(capsys)
    after = (tmp_path / NAME).read_bytes()
    assert inserted_only(before, after, f"  {LINE}\n")
    keys = list(json.loads(after))
    assert keys[-2:] == ["forgeAppId", "key"]


def test_json5_comments_and_trailing_commas_survive(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    text = (
        '{\n  // the app\'s key\n  "key": "{{appKey}}", // keep me\n  /* name */ "name": "A",\n'
        '  "description": "d",\n  "baseUrl": "{{localBaseUrl}}",\n'
        '  "authentication": {"type": "jwt",},\n  "lifecycle": {"installed": "/i"},\n}\n'
    )
    before = write(tmp_path / NAME, text).read_bytes()
    status, lines = sync(capsys, "--json5")
    after = (tmp_path / NAME).read_bytes()
    assert status == 1
    assert inserted_only(before, after, f"  {LINE}\n")
    assert after.decode().splitlines()[3] == f"  {LINE}"


def test_a_different_value_is_replaced_in_place(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    before = write(tmp_path / NAME, descriptor(forgeAppId=OTHER_ID)).read_bytes()
    status, lines = sync(capsys)
    after = (tmp_path / NAME).read_bytes()
    assert status == 1
    assert lines == [
        f"{NAME}:12:17: FC502 corrected forgeAppId from '{OTHER_ID}' to '{APP_ID}' "
        "(manifest.yml's app.id): stage the change"
    ]
    assert after == before.replace(OTHER_ID.encode(), APP_ID.encode())
    assert sync(capsys) == (0, [])


def test_an_equal_value_is_left_alone(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    write(tmp_path / NAME, descriptor(forgeAppId=APP_ID))
    assert sync(capsys) == (0, [])


def test_check_reports_and_writes_nothing(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    before = write(tmp_path / NAME, descriptor()).read_bytes()
    assert sync(capsys, "--check") == (
        1,
        [f"{NAME}:3:3: FC501 forgeAppId is missing; the fix inserts '{APP_ID}'"],
    )
    assert (tmp_path / NAME).read_bytes() == before


def test_app_id_option(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    (tmp_path / "manifest.yml").unlink()
    write(tmp_path / NAME, descriptor())
    assert sync(capsys, "--app-id", OTHER_ID)[0] == 1
    assert json.loads((tmp_path / NAME).read_bytes())["forgeAppId"] == OTHER_ID
    with pytest.raises(SystemExit) as caught:
        main(["--app-id", "ari:cloud:ecosystem::app/YOUR-APP-ID", NAME])
    assert caught.value.code == 2


def test_no_manifest_and_no_app_id_is_nothing_to_do(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    (tmp_path / "manifest.yml").unlink()
    before = write(tmp_path / NAME, descriptor()).read_bytes()
    assert sync(capsys) == (0, [])
    assert (tmp_path / NAME).read_bytes() == before


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b'{"key": "a", "key": "b"}', "FC104"),
        (b'{"key": "a",}', "FC103"),
        (b'{"key": "caf\xe9"}', "FC102"),
        (json.dumps(descriptor(forgeAppId=42)).encode(), "FC503"),
        (b'["not", "an", "object"]', "FC503"),
    ],
)
def test_never_writes_what_it_cannot_understand(
    raw: bytes, code: str, tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / NAME, raw)
    status, lines = sync(capsys)
    if code in ("FC104", "FC103", "FC102"):
        # The file's own problem is check-connect-descriptor's to report: here a note.
        assert (status, lines) == (0, [])
        assert codes_of(sync(capsys, "--verbose")[1]) == ["FC913"]
    else:
        assert status == 1
        assert codes_of(lines) == [code]
    assert (tmp_path / NAME).read_bytes() == raw


@pytest.mark.parametrize(
    ("app_id", "copied"),
    [
        ("ari:cloud:ecosystem::app/invalid-run-forge-register", False),
        ("ari:cloud:ecosystem::app/6F1C2A47-8D3E-4B5A-9C21-0E7F3D9B2A64", False),
        ("ari:cloud:ecosystem::app/${UNSET_VARIABLE_FOR_TEST}", False),
    ],
)
def test_an_unusable_app_id_is_never_copied(
    app_id: str, copied: bool, tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "manifest.yml", manifest_text(app_id))
    before = write(tmp_path / NAME, descriptor()).read_bytes()
    status, lines = sync(capsys)
    assert (tmp_path / NAME).read_bytes() == before
    assert status == 1
    assert codes_of(lines) == ["FC504"]


def test_a_manifest_with_duplicate_keys_is_not_trusted(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    write(tmp_path / "manifest.yml", manifest_text(APP_ID) + "app:\n  id: x\n")
    before = write(tmp_path / NAME, descriptor()).read_bytes()
    status, lines = sync(capsys)
    assert status == 1
    assert codes_of(lines) == ["FC504"]
    assert (tmp_path / NAME).read_bytes() == before


def test_read_only_file_is_a_finding(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    path = write(tmp_path / NAME, descriptor())
    before = path.read_bytes()
    path.chmod(0o444)
    status, lines = sync(capsys)
    path.chmod(0o644)
    assert status == 1
    assert lines == [f"{NAME}:1:1: FC505 forgeAppId not written: it is read-only"]
    assert path.read_bytes() == before


def test_permissions_are_kept_and_symlinks_followed(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    target = write(tmp_path / "real" / NAME, descriptor())
    target.chmod(0o640)
    (tmp_path / NAME).symlink_to(target)
    write(tmp_path / "real" / "manifest.yml", manifest_text(APP_ID))
    assert sync(capsys)[0] == 1
    assert (tmp_path / NAME).is_symlink()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert json.loads(target.read_bytes())["forgeAppId"] == APP_ID
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_staged_manifest_updates_its_descriptors(tmp_path: pathlib.Path, capsys: Capsys) -> None:
    import subprocess

    (tmp_path / ".git").rmdir()
    subprocess.run(["git", "init", "-q"], check=True)
    write(tmp_path / "connect" / NAME, descriptor(forgeAppId=OTHER_ID))
    write(tmp_path / "manifest.yml", manifest_text(OTHER_ID))
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "app"],
        check=True,
    )
    write(tmp_path / "manifest.yml", manifest_text(APP_ID))  # only the manifest changes
    subprocess.run(["git", "add", "manifest.yml"], check=True)
    status, lines = run(main, ["manifest.yml"], capsys)
    assert status == 1
    assert lines[0].startswith(f"connect/{NAME}:12:17: FC502")
    assert json.loads((tmp_path / "connect" / NAME).read_bytes())["forgeAppId"] == APP_ID


@pytest.mark.parametrize("misspelt", ["forgeAppID", "forge_app_id", "ForgeAppId"])
def test_a_misspelt_key_is_renamed_in_place(
    tmp_path: pathlib.Path, capsys: Capsys, misspelt: str
) -> None:
    before = dumps(descriptor(**{misspelt: OTHER_ID})) + "\n"
    write(tmp_path / NAME, before)
    status, lines = sync(capsys)
    assert status == 1
    assert lines == [
        f"{NAME}:12:3: FC506 renamed {misspelt!r} to forgeAppId, with '{APP_ID}' from "
        "manifest.yml's app.id: stage the change"
    ]
    after = (tmp_path / NAME).read_text()
    assert after == before.replace(f'"{misspelt}": "{OTHER_ID}"', f'"forgeAppId": "{APP_ID}"')
    assert sync(capsys) == (0, [])


def test_a_misspelt_key_beside_the_right_one_is_left_to_the_checks(
    tmp_path: pathlib.Path, capsys: Capsys
) -> None:
    before = dumps(descriptor(forgeAppId=APP_ID, forgeAppID=OTHER_ID)) + "\n"
    write(tmp_path / NAME, before)
    assert sync(capsys) == (0, [])
    assert (tmp_path / NAME).read_text() == before


def test_a_template_variable_is_never_replaced(repo_root: pathlib.Path, capsys: Capsys) -> None:
    text = json.dumps(descriptor(forgeAppId="{{.ForgeAppId}}"), indent=2) + "\n"
    write(repo_root / NAME, text)
    assert sync(capsys) == (0, [])
    assert (repo_root / NAME).read_text() == text
    status, lines = sync(capsys, "-v", NAME)
    assert codes_of(lines) == ["FC910"]
    for slot in ("${addon.forgeAppId}", "<%= forge_app_id %>", None):
        text = json.dumps(descriptor(forgeAppId=slot), indent=2) + "\n"
        if slot is None:
            text = text.replace('"key": "acme-app",', '"key": "acme-app",\n  "forgeAppId": null,')
        write(repo_root / NAME, text)
        assert sync(capsys) == (0, [])
        assert (repo_root / NAME).read_text() == text


def test_a_descriptor_named_template_is_left_alone_with_a_note(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    template = '{{define "d"}}\n{"key": "{{.Key}}", "baseUrl": "{{.BaseUrl}}"}\n{{end}}\n'
    write(repo_root / NAME, template)
    assert sync(capsys) == (0, [])
    assert (repo_root / NAME).read_text() == template
    assert codes_of(sync(capsys, "-v", NAME)[1]) == ["FC911"]


def test_a_json_descriptor_of_another_name_is_fixed(
    repo_root: pathlib.Path, capsys: Capsys
) -> None:
    write(repo_root / "bitbucket-app.json", descriptor())
    status, lines = sync(capsys, "bitbucket-app.json")
    assert (status, codes_of(lines)) == (1, ["FC501"])
    assert json.loads((repo_root / "bitbucket-app.json").read_text())["forgeAppId"] == APP_ID
    # Someone else's JSON is passed over untouched, however broken.
    write(repo_root / "tsconfig.json", {"compilerOptions": {"baseUrl": "."}})
    (repo_root / "broken.json").write_text("{,")
    assert sync(capsys, "tsconfig.json", "broken.json") == (0, [])
