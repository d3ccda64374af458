import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'

// The README's code is copied from files CI compiles and runs. A block introduced by "(from `<path>`)" must
// stand in that file verbatim, so the README cannot drift from the example it quotes.
const root = new URL('../../../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')
const quoted = [...readme.matchAll(/\(from `([^`]+)`\):?\*?\*?\n+```ts\n([\s\S]*?)```/g)].map(
  ([, path, code]) => ({ path: path as string, code: code as string }),
)

describe('README snippets quoted from examples', () => {
  test('there are some', () => {
    expect(quoted.length).toBeGreaterThan(0)
  })
  test.each(quoted)('$path holds its snippet verbatim', ({ path, code }) => {
    expect(readFileSync(new URL(path, root), 'utf8')).toContain(code)
  })
})
