"""The reading rules (FC1xx, and a file that is no document at all): what a
file must be before any rule can read it. The checks are the readers of
this package (:mod:`.documents`, :mod:`.jsontext`, :mod:`.yamltext`): they
report these codes where a file stops being readable.
"""

from __future__ import annotations

from ..reporting.rule import Rule

UNREADABLE = Rule(
    "FC101",
    "Unreadable",
    meaning="the file cannot be read (missing, a directory, no permission)",
    why=(
        "A file the hooks were asked to check and cannot read is unchecked: passing it would let "
        "anything through."
    ),
    example="$ chmod 000 atlassian-connect.json && git commit",
    fix="Make the file readable, or keep it out of the commit.",
)


NOT_UTF8 = Rule(
    "FC102",
    "NotUtf8",
    meaning="the file is not UTF-8 text",
    why=(
        "JSON and Forge's YAML are UTF-8. Bitbucket and the Forge CLI refuse or misread other "
        "encodings."
    ),
    example="atlassian-connect.json saved as UTF-16 or Latin-1 by an editor",
    fix="Save the file as UTF-8 (a byte-order mark is allowed).",
)


JSON_SYNTAX = Rule(
    "FC103",
    "JsonSyntax",
    meaning="not valid JSON (or JSON5 where allowed)",
    why="Bitbucket cannot read a descriptor that is not JSON, so it cannot install the app.",
    example='{"key": "my-app", "name": "My app",}',
    fix=(
        "Correct the JSON at the line and column given. If the app is served by "
        "atlassian-connect-express, comments and trailing commas are allowed (JSON5) and detected "
        "from package.json; pass --json5 otherwise."
    ),
)


DUPLICATE_KEY = Rule(
    "FC104",
    "DuplicateKey",
    meaning="the same key twice in one object or mapping",
    why=(
        "Parsers keep one of the two values, and not all the same one: what you read is not what "
        "Bitbucket or Forge uses."
    ),
    example='{"key": "my-app", "key": "my-app-staging"}',
    fix="Keep one of the keys.",
)


TOO_DEEP = Rule(
    "FC105",
    "TooDeep",
    meaning="nesting deeper than any real descriptor or manifest",
    why=(
        "No real file nests hundreds of levels deep. Such a file is hostile or broken, and reading "
        "it further risks a crash."
    ),
    example="[[[[[[ ... 500 levels ... ]]]]]]",
    fix="Flatten the structure; a descriptor is a few levels deep.",
)


NUMBER_TOO_LONG = Rule(
    "FC106",
    "NumberTooLong",
    meaning="a number literal too long to be real",
    why=(
        "A number of hundreds of digits is no setting of a descriptor or manifest, and converting "
        "it costs time that grows with its square."
    ),
    example='{"apiVersion": 1000000000000000 ... 500 digits}',
    fix="Write the number the setting needs.",
)


TOO_LARGE = Rule(
    "FC107",
    "TooLarge",
    meaning="the file is larger than allowed (Forge limits manifests to 200 KB)",
    why=(
        "Forge refuses a manifest over 200 KB. A descriptor over 1 MiB, or a text file over 8 MiB "
        "that holds an install link, is not something the hooks can vouch for."
    ),
    example="manifest.yml of 250 KB",
    fix="Make the file smaller: Forge's limit cannot be raised.",
)


YAML_SYNTAX = Rule(
    "FC108",
    "YamlSyntax",
    meaning="not YAML that Forge's parser reads, or more than one YAML document",
    why=(
        "The Forge CLI reads manifest.yml with npm's yaml package and refuses what it cannot "
        "parse, so the app cannot be deployed."
    ),
    example="app:\n  id: ari:cloud:ecosystem::app/...\n   runtime: {name: nodejs22.x}",
    fix="Correct the YAML at the line and column given; keep one document per file.",
)


YAML_TAG = Rule(
    "FC109",
    "YamlTag",
    meaning="a YAML tag other than the core schema's (never executed)",
    why=(
        "Forge reads only the core schema's tags. Another tag is either refused or read as "
        "something else than it says, and a tagged value that is not of its tag's kind (`!!int "
        "yes`) is no value Forge keeps."
    ),
    example="app:\n  id: !!python/object:os.system ari:cloud:ecosystem::app/...",
    fix=(
        "Remove the tag, or use a core tag (!!str, !!int, !!bool, !!map, !!seq) that fits the "
        "value."
    ),
)


YAML_ALIASES = Rule(
    "FC110",
    "YamlAliases",
    meaning="YAML aliases that expand to too many nodes",
    why=(
        "A few aliases can expand to billions of nodes (a 'billion laughs' file): no real manifest "
        "does this, and reading it would hang."
    ),
    example="a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n...",
    fix="Write the values out, or use fewer aliases.",
)


MANIFEST_EMPTY = Rule(
    "FC317",
    "ManifestEmpty",
    meaning="a manifest.yml in a Forge app that is empty or not a mapping",
    why="Forge cannot deploy an app whose manifest is empty or a list.",
    example="manifest.yml holding only a comment, beside a package.json that depends on @forge/api",
    fix="Restore the manifest (git checkout manifest.yml), or run `forge create`.",
)


NOTE_TEMPLATE = Rule(
    "FC911",
    "Template",
    meaning="note: a descriptor that is a template: only its literal links and ids are checked",
    why="A note: a template is not JSON until it is rendered, so its schema cannot be checked.",
    example='atlassian-connect.json holding {{#if prod}}"key": "my-app"{{/if}}',
    fix="Nothing, or check the rendered descriptor in CI.",
)
