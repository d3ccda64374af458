import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { instrumentationName, instrumentationVersion } from '../src/index.js'

test('the tracer and meter are named after this package, at its version', () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    name: string
    version: string
  }
  expect([instrumentationName, instrumentationVersion]).toEqual([manifest.name, manifest.version])
})
