import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { optionsReference } from '../options-reference.js'

test('docs/options.md is what the option interfaces document (run `pnpm docs:options` after editing them)', () => {
  expect(readFileSync(new URL('../../../docs/options.md', import.meta.url), 'utf8')).toBe(optionsReference())
})

test('every receiver option is in the reference, with its default', () => {
  const page = optionsReference()
  for (const name of [
    'token',
    'limit',
    'validation',
    'dedupe',
    'ack',
    'handlerTimeout',
    'handlerDeadline',
    'readTimeout',
    'deadLetters',
  ])
    expect(page).toMatch(new RegExp(`\\*\\*\`${name}\`\\*\\*: .* Default: `))
})
