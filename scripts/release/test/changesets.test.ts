import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import parse from '@changesets/parse'
import { expect, test } from 'vitest'

// A formatter once rewrote one-package front matter into a Markdown heading (`## '@pkg': minor`), which
// `changeset version` cannot read: every pending changeset must parse and name at least one package.
const folder = fileURLToPath(new URL('../../../.changeset/', import.meta.url))
const changesets = readdirSync(folder).filter((name) => name.endsWith('.md') && name !== 'README.md')

test.each(changesets)('%s parses as a changeset naming its packages', (name) => {
  const { releases, summary } = parse(readFileSync(folder + name, 'utf8'))
  expect(releases.length).toBeGreaterThan(0)
  for (const { name: pkg } of releases) expect(pkg).toMatch(/^@blinger-webhooks\//)
  expect(summary.length).toBeGreaterThan(0)
})
