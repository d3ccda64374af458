import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildUi } from '../../scripts/build-ui.js'

/**
 * Bundles the page into a fresh temporary folder (esbuild takes well under a second), so a test never serves a
 * stale `dist/ui` and parallel test files never write the same files.
 */
export async function buildUiForTest(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'blinger-inspector-ui-'))
  await buildUi(dir)
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
