#!/bin/sh
# Runs this checkout's hooks with pre-commit on a small example app, in README's
# order (sync-forge-app-id first): once as it is (passes), then with three
# typical mistakes (fails, showing the findings). The hook environment is
# built once, in a cache of the demo's own, and used by both runs.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pre-commit installs hooks from a commit: snapshot this checkout, uncommitted
# changes included, as a repository of its own.
mkdir "$work/hooks"
if [ -d "$here/.git" ]; then
    (cd "$here" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar cf -) | (cd "$work/hooks" && tar xf -)
else
    (cd "$here" && tar cf - --exclude=.venv --exclude=build --exclude='*.egg-info' .) | (cd "$work/hooks" && tar xf -)
fi
git -C "$work/hooks" init -q
git -C "$work/hooks" add -A
git -C "$work/hooks" -c user.name=demo -c user.email=demo@example.com commit -q -m snapshot
rev=$(git -C "$work/hooks" rev-parse HEAD)

mkdir "$work/app"
cp -R "$here/tests/data/bitbucket-app/." "$work/app/"
cd "$work/app"
git init -q
cat > .pre-commit-config.yaml <<CONFIG
repos:
  - repo: $work/hooks
    rev: $rev
    hooks:
      - id: sync-forge-app-id
      - id: check-connect-descriptor
      - id: check-forge-manifest
      - id: check-forge-app
      - id: check-forge-app-link
CONFIG
git add -A
export PRE_COMMIT_HOME="$work/cache"
echo "== the example app, as it is"
pre-commit run --all-files
echo
echo "== the same app with a misspelt key, a tracking parameter on the link and an unregistered Forge app"
# sed without -i: the BSD sed of macOS and GNU sed read -i differently.
edit() { file=$1; shift; sed "$@" "$file" > "$file.new" && mv "$file.new" "$file"; }
edit atlassian-connect.json -e 's/"forgeAppId"/"forgeAppID"/' -e 's/product=bitbucket"/product=bitbucket\&utm_source=slack"/'
edit manifest.yml -e 's|app/6f1c2a47-8d3e-4b5a-9c21-0e7f3d9b2a64|app/invalid-run-forge-register|'
git add -A
if pre-commit run --all-files; then
    echo "expected the hooks to fail" >&2
    exit 1
fi
echo "(the hooks refused the change, as they should)"
