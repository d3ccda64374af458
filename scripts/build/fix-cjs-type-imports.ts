// Run after tsup in a package directory: `tsx ../../scripts/build/fix-cjs-type-imports.ts`.
//
// A `.d.cts` file is CommonJS to TypeScript, so under `module: node16` an `import … from 'typebox'` in it is a
// `require` of an ESM-only package: TS1479, reported to every consumer with `skipLibCheck: false`. Only types
// are imported, so each such import becomes `import type … with { 'resolution-mode': 'import' }`, which
// TypeScript resolves as ESM. The runtime is unaffected: the CJS build bundles those packages (see
// tsup.config.base.ts). scripts/consumers/node16-cjs is the test: it fails with TS1479 without this.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

const importLine = /^(import|export) (.+) from '([^'.][^']*)';$/gm
const sideEffectImport = /^import '([^'.][^']*)';\n/gm
const esmOnly = new Map<string, boolean>()

/** Whether a bare specifier's package is ESM-only: `type: module` and no `require` condition. */
function isEsmOnly(specifier: string): boolean {
  const parts = specifier.split('/')
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
  const known = esmOnly.get(name)
  if (known !== undefined) return known
  let answer = false
  for (let dir = resolve('.'); ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json')
    if (existsSync(manifest)) {
      const { type, exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        type?: string
        exports?: unknown
      }
      answer = type === 'module' && exports !== undefined && !JSON.stringify(exports).includes('"require"')
      break
    }
    if (dirname(dir) === dir) break
  }
  esmOnly.set(name, answer)
  return answer
}

/** `X, { a, b as c }` → `['X', '{ a, b as c }']`: a type-only import takes a default or named bindings, not both. */
function splitClause(clause: string): string[] {
  const brace = clause.indexOf('{')
  if (brace <= 0) return [clause]
  return [clause.slice(0, brace).replace(/,\s*$/, '').trim(), clause.slice(brace)]
}

function fixCjsTypeImports(text: string): string {
  // A types file needs no side-effect import, and under node16 CommonJS it would be a `require` too.
  const kept = text.replace(sideEffectImport, (line, specifier: string) => (isEsmOnly(specifier) ? '' : line))
  return kept.replace(importLine, (line, keyword: string, clause: string, specifier: string) => {
    if (!isEsmOnly(specifier)) return line
    const attribute = ` from '${specifier}' with { 'resolution-mode': 'import' };`
    const bare = clause
      .replace(/^type /, '')
      .replace(/\{([^}]*)\}/, (_, names: string) => `{${names.replace(/\btype /g, '')}}`)
    return splitClause(bare)
      .map((part) => `${keyword} type ${part}${attribute}`)
      .join('\n')
  })
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesIn(path) : entry.name.endsWith('.d.cts') ? [path] : []
  })
}

if (existsSync('dist'))
  for (const file of filesIn('dist')) {
    const before = readFileSync(file, 'utf8')
    const after = fixCjsTypeImports(before)
    if (after !== before) writeFileSync(file, after)
  }
