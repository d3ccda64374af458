import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'

// The README's and docs/' code is copied from files CI compiles and runs. A block introduced by "(from `<path>`)"
// (a path from the repository's root) must stand in that file verbatim, so the docs cannot drift from it; any
// other block must be a shell command.
const root = new URL('../../../', import.meta.url)
const pages = ['README.md', ...readdirSync(new URL('docs/', root)).map((name) => `docs/${name}`)].filter(
  (page) => page.endsWith('.md'),
)
const texts = pages.map((page) => ({ page, text: readFileSync(new URL(page, root), 'utf8') }))
const quoted = texts.flatMap(({ page, text }) =>
  [...text.matchAll(/\(from `([^`]+)`\):?\*?\*?\n+```ts\n([\s\S]*?)```/g)].map(([, path, code]) => ({
    page,
    path: path as string,
    code: code as string,
  })),
)
const unquoted = texts.flatMap(({ page, text }) =>
  [...text.matchAll(/^(.*)\n+```(ts|js|tsx)\n/gm)]
    .filter(([, before]) => !/\(from `[^`]+`\):?\*?\*?$/.test(before ?? ''))
    .map(([, before]) => ({ page, before: before as string })),
)

describe('README snippets quoted from examples', () => {
  test('there are some', () => {
    expect(quoted.length).toBeGreaterThan(0)
  })
  test.each(quoted)('$page: $path holds its snippet verbatim', ({ path, code }) => {
    expect(readFileSync(new URL(path, root), 'utf8')).toContain(code)
  })
  test('every TypeScript block says which file it is copied from', () => {
    expect(unquoted).toEqual([])
  })
})
