import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import * as main from '../src/index.js'

/**
 * The runtime names each entry of package.json `exports` gives, sorted. Adding or removing one changes what
 * users may import: a decision made here, on purpose, not a side effect of an edit elsewhere.
 */
const surface: Record<string, { entry: object; names: readonly string[] }> = {
  '.': { entry: main, names: ['findUnknownFields', 'startInspector', 'webhookPath'] },
}

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | Record<string, unknown>>
}
const sourceOf = Object.entries(packageJson.exports).flatMap(([key, target]) =>
  typeof target === 'object' && typeof target['@blinger-webhooks/source'] === 'string'
    ? [[key, target['@blinger-webhooks/source']] as const]
    : [],
)

test.each(Object.keys(surface))('%s exports exactly its listed names', (key) => {
  const { entry, names } = surface[key] as (typeof surface)[string]
  expect(Object.keys(entry).sort()).toEqual(names)
})

test('every entry of package.json is pinned here, and lists its exports by name', () => {
  expect(sourceOf.map(([key]) => key).sort()).toEqual(Object.keys(surface).sort())
  for (const [, source] of sourceOf) {
    const text = readFileSync(new URL(`../${source}`, import.meta.url), 'utf8')
    expect(text, source).not.toMatch(/^export \*/m)
  }
})
