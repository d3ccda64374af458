#!/usr/bin/env bash
# Packs every published package (not the private ones) with `pnpm pack` into DIR, as `pnpm publish` would, and
# checks each packed package.json: no `workspace:` range left, no `@blinger-webhooks/source` condition (src/ is
# not shipped), and every file its exports, main, types and bin name is in the tarball.
# Usage: bash scripts/release/pack-packages.sh DIR   (after `pnpm build`)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mkdir -p "$1" && cd "$1" && pwd)"

# One recursive pack, filtered to the packages that are not private.
filters=()
for manifest in packages/*/package.json; do
  name="$(node -p "const p = require('./$manifest'); p.private === true ? '' : p.name")"
  [ -n "$name" ] && filters+=(--filter "$name")
done
npx -y pnpm@10 -r "${filters[@]}" pack --pack-destination "$out" >/dev/null

node - "$out" <<'JS'
const { execFileSync } = require('node:child_process')
const { readdirSync } = require('node:fs')
const { join } = require('node:path')
const dir = process.argv[2]
const problems = []
const tarballs = readdirSync(dir).filter((name) => name.endsWith('.tgz'))
for (const tarball of tarballs) {
  const path = join(dir, tarball)
  const files = new Set(execFileSync('tar', ['-tzf', path], { encoding: 'utf8' }).split('\n').filter(Boolean))
  const pkg = JSON.parse(execFileSync('tar', ['-xzOf', path, 'package/package.json'], { encoding: 'utf8' }))
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    for (const [name, range] of Object.entries(pkg[field] ?? {}))
      if (String(range).startsWith('workspace:')) problems.push(`${tarball}: ${field}.${name} is ${range}`)
  if (JSON.stringify(pkg.exports ?? {}).includes('@blinger-webhooks/source'))
    problems.push(`${tarball}: exports still name the @blinger-webhooks/source condition`)
  const targets = []
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value)
    else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  walk([pkg.exports, pkg.main, pkg.module, pkg.types, pkg.bin])
  for (const target of targets) {
    if (target.includes('*')) continue
    if (!files.has(`package/${target.replace(/^\.\//, '')}`)) problems.push(`${tarball}: ${target} is not packed`)
  }
}
if (tarballs.length === 0) problems.push('no tarball was packed')
for (const problem of problems) console.error(`pack-packages: ${problem}`)
if (problems.length > 0) process.exit(1)
console.log(`pack-packages: ${tarballs.length} tarballs in ${dir}, no workspace: range, every entry point packed`)
JS
