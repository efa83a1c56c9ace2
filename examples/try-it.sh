#!/bin/sh
# Runs this checkout's hooks on a small example app: first as it is (passes),
# then with three typical mistakes (fails, showing the findings).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/tests/data/bitbucket-app/atlassian-connect.json" "$here/tests/data/bitbucket-app/manifest.yml" "$work/"
cd "$work"
git init -q
git add -A
echo "== the example app, as it is"
pre-commit try-repo "$here" --all-files
echo
echo "== the same app with a misspelt key, a tracking parameter on the link and an unregistered Forge app"
# sed without -i: the BSD sed of macOS and GNU sed read -i differently.
edit() { file=$1; shift; sed "$@" "$file" > "$file.new" && mv "$file.new" "$file"; }
edit atlassian-connect.json -e 's/"forgeAppId"/"forgeAppID"/' -e 's/product=bitbucket"/product=bitbucket\&utm_source=slack"/'
edit manifest.yml -e 's|app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64|app/invalid-run-forge-register|'
git add -A
if pre-commit try-repo "$here" --all-files; then
    echo "expected the hooks to fail" >&2
    exit 1
fi
echo "(the hooks refused the change, as they should)"
