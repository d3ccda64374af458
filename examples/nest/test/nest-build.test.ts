import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

// Needs the packages' dist (`pnpm build`, which .ci/run does before the tests): under `module: commonjs` tsc
// resolves them through `types`, as in an app that installed them from npm.
const root = dirname(dirname(fileURLToPath(import.meta.url)))
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc')

test('both variants compile with tsc under nest new’s tsconfig (commonjs, isolatedModules, decorator metadata)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'example-nest-'))
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: root,
    encoding: 'utf8',
  })
  expect(`${result.stdout}${result.stderr}`).toBe('')
  expect(result.status).toBe(0)
}, 60_000)
