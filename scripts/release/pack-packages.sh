#!/usr/bin/env bash
# Packs every published package (not the private ones) with `pnpm pack` into DIR, as `pnpm publish` would, and
# checks each packed package.json: no `workspace:` range left, no `@blinger-webhooks/source` condition (src/ is
# not shipped), every file its exports, main, types and bin name is in the tarball, `repository` (git, this repo,
# `directory` = the package's folder), `homepage` and `bugs` are set, and the tarball has a LICENSE, the root's.
# No package has a LICENSE of its own: pnpm packs the workspace root's into each tarball (https://pnpm.io/cli/publish).
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
const { existsSync, readdirSync, readFileSync } = require('node:fs')
const { join } = require('node:path')
const dir = process.argv[2]
const problems = []
const license = existsSync('LICENSE') ? readFileSync('LICENSE', 'utf8') : undefined
if (license === undefined) problems.push('no LICENSE at the root of the repository')
const repository = 'git+https://github.com/blinger-webhooks/blinger-webhooks.git'
const folderByName = new Map(
  readdirSync('packages', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => [JSON.parse(readFileSync(join('packages', entry.name, 'package.json'), 'utf8')).name, entry.name]),
)
const tarballs = readdirSync(dir).filter((name) => name.endsWith('.tgz'))
for (const tarball of tarballs) {
  const path = join(dir, tarball)
  const files = new Set(execFileSync('tar', ['-tzf', path], { encoding: 'utf8' }).split('\n').filter(Boolean))
  const pkg = JSON.parse(execFileSync('tar', ['-xzOf', path, 'package/package.json'], { encoding: 'utf8' }))
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    for (const [name, range] of Object.entries(pkg[field] ?? {}))
      if (String(range).startsWith('workspace:')) problems.push(`${tarball}: ${field}.${name} is ${range}`)
  if (!files.has('package/LICENSE')) problems.push(`${tarball}: no LICENSE`)
  else if (execFileSync('tar', ['-xzOf', path, 'package/LICENSE'], { encoding: 'utf8' }) !== license)
    problems.push(`${tarball}: its LICENSE is not the root's`)
  const folder = `packages/${folderByName.get(pkg.name)}`
  const { type, url, directory } = pkg.repository ?? {}
  if (type !== 'git' || url !== repository || directory !== folder)
    problems.push(`${tarball}: repository must be { type: 'git', url: '${repository}', directory: '${folder}' }`)
  if (typeof pkg.homepage !== 'string' || !pkg.homepage.startsWith('https://'))
    problems.push(`${tarball}: no homepage (an https URL)`)
  if (typeof (pkg.bugs?.url ?? pkg.bugs) !== 'string') problems.push(`${tarball}: no bugs URL`)
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
console.log(
  `pack-packages: ${tarballs.length} tarballs in ${dir}, no workspace: range, every entry point packed, ` +
    'LICENSE, repository, homepage and bugs in each',
)
JS
