#!/usr/bin/env bash
# Installs the packed tarballs into a fresh npm project outside the monorepo, as a user would, and runs its
# `npm test`. NAME is a folder beside this script: its package.json names the tools it needs (jest, express…)
# and its `tarballs` file the packages it takes from PACKS.
# Usage: bash scripts/consumers/run-consumer.sh NAME PACKS   (PACKS from scripts/release/pack-packages.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
name="$1"
packs="$(cd "$2" && pwd)"
project="$(mktemp -d)/$name"
trap 'rm -rf "$(dirname "$project")"' EXIT

cp -r "$here/$name" "$project"
cd "$project"
tarballs=()
while read -r package; do
  [ -n "$package" ] && tarballs+=("$packs/blinger-webhooks-$package-"*.tgz)
done <tarballs
npm install --no-audit --no-fund --loglevel=error "${tarballs[@]}" >/dev/null
npm test
