import { readdir, readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'

// The README's platform snippets are copies of the regions in test/snippets/*.ts, which the typecheck
// compiles: a snippet edited in one place only fails here.

const snippets = new URL('./snippets/', import.meta.url)
const readme = readFile(new URL('../README.md', import.meta.url), 'utf8')

/** The text of every `// #region <name>` … `// #endregion` in `source`, by name. */
function regions(source: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const match of source.matchAll(/^\/\/ #region (\S+)\n([\s\S]*?)^\/\/ #endregion$/gm))
    found.set(match[1] as string, match[2] as string)
  return found
}

const files = (await readdir(snippets)).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))

test.each(files)('README holds the snippet of %s verbatim', async (file) => {
  const found = regions(await readFile(new URL(file, snippets), 'utf8'))
  expect(found.size).toBe(1)
  for (const code of found.values()) expect(await readme).toContain(`\`\`\`ts\n${code}\`\`\``)
})
