import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

// The README and docs/ pages, read once for both checks below.
const root = fileURLToPath(new URL('../../../', import.meta.url))
const pages = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)].filter((page) =>
  page.endsWith('.md'),
)
const texts = pages.map((page) => ({ page, text: readFileSync(join(root, page), 'utf8') }))

// Their code is copied from files CI compiles and runs. A block introduced by "(from `<path>`)" (a path from the
// repository's root) must stand in that file verbatim, so the docs cannot drift from it; any other block must be
// a shell command.
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

describe('README and docs snippets quoted from compiled files', () => {
  test('there are some', () => {
    expect(quoted.length).toBeGreaterThan(0)
  })
  test.each(quoted)('$page: $path holds its snippet verbatim', ({ path, code }) => {
    expect(readFileSync(join(root, path), 'utf8')).toContain(code)
  })
  test('every TypeScript block says which file it is copied from', () => {
    expect(unquoted).toEqual([])
  })
})

// Every relative link and #anchor points at a file and a heading that exist.
/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const [, heading] of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading as string)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

const links = texts.flatMap(({ page, text: raw }) => {
  const text = raw.replace(/```[\s\S]*?```/g, '')
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target as string)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => ({ page, target }))
})

describe('README and docs links', () => {
  test('there are some', () => {
    expect(links.length).toBeGreaterThan(20)
  })
  test.each(links)('$page → $target', ({ page, target }) => {
    const [path = '', anchor] = target.split('#')
    const file = path === '' ? join(root, page) : join(root, dirname(page), path)
    expect(existsSync(file), `${file} exists`).toBe(true)
    if (anchor !== undefined && file.endsWith('.md')) expect([...anchorsOf(file)]).toContain(anchor)
  })
})
