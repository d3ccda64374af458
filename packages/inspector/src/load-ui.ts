import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/** One file of the built page, held in memory. */
export interface UiFile {
  readonly type: string
  readonly body: Buffer
}

/** The page's files by the URL path they are served at. */
export type UiFiles = ReadonlyMap<string, UiFile>

const served = [
  { file: 'index.html', path: '/', type: 'text/html; charset=utf-8' },
  { file: 'app.js', path: '/assets/app.js', type: 'text/javascript; charset=utf-8' },
  { file: 'app.css', path: '/assets/app.css', type: 'text/css; charset=utf-8' },
] as const

/**
 * Reads the built page (index.html, app.js, app.css) into memory, from `dir` or from the package's
 * `dist/ui`: beside the built module, or one folder up when running from `src`. `undefined` when the
 * page was never built; the inspector then still receives and serves the API.
 */
export async function loadUi(dir?: string): Promise<UiFiles | undefined> {
  const candidates =
    dir === undefined
      ? [new URL('./ui/', import.meta.url), new URL('../dist/ui/', import.meta.url)].map((url) =>
          fileURLToPath(url),
        )
      : [dir]
  for (const candidate of candidates) {
    const files = await readAll(candidate)
    if (files !== undefined) return files
  }
  return undefined
}

async function readAll(dir: string): Promise<UiFiles | undefined> {
  try {
    const entries = await Promise.all(
      served.map(
        async ({ file, path, type }) => [path, { type, body: await readFile(`${dir}/${file}`) }] as const,
      ),
    )
    return new Map(entries)
  } catch {
    return undefined
  }
}
