/**
 * @module Writes every payload's JSON Schema to `packages/core/schemas/`: `<event-name>.json` for each event
 * and `index.json` for any payload. Run with `pnpm schemas` (or `tsx packages/core/scripts/write-json-schemas.ts`)
 * after changing a schema; a test fails while the committed files differ from what this writes.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createJsonSchema, eventNames } from '../src/index.js'

/** The folder the files are written to. */
export const schemasDir = fileURLToPath(new URL('../schemas/', import.meta.url))

/** Every file's name and text, exactly as written: two-space JSON and a final newline. */
export function renderJsonSchemaFiles(): Map<string, string> {
  const render = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
  const files = new Map<string, string>()
  for (const name of eventNames) files.set(`${name}.json`, render(createJsonSchema(name)))
  files.set('index.json', render(createJsonSchema()))
  return files
}

/** Writes the files and removes any other `.json` left from an event that no longer exists. */
export async function writeJsonSchemas(dir: string = schemasDir): Promise<string[]> {
  const files = renderJsonSchemaFiles()
  await mkdir(dir, { recursive: true })
  for (const stale of await readdir(dir)) {
    if (stale.endsWith('.json') && !files.has(stale)) await rm(join(dir, stale))
  }
  for (const [file, text] of files) await writeFile(join(dir, file), text)
  return [...files.keys()]
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await writeJsonSchemas()
  console.log(`Wrote ${written.length} files to ${schemasDir}`)
}
