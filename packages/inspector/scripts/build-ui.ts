/**
 * Bundles the inspector page (Preact, TSX) into `dist/ui` with esbuild: index.html, app.js, app.css. Nothing is
 * loaded from a CDN, so the page works offline and the published package serves it as is.
 * Run by `pnpm build`; tests call `buildUi(tempDir)` so they never depend on a stale bundle.
 */
import { copyFile, mkdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const ui = fileURLToPath(new URL('../ui/', import.meta.url))

/** Bundles the page into `outdir`. @default the package's `dist/ui` */
export async function buildUi(
  outdir = fileURLToPath(new URL('../dist/ui/', import.meta.url)),
): Promise<void> {
  await mkdir(outdir, { recursive: true })
  await build({
    entryPoints: { app: `${ui}main.tsx` },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome111', 'firefox115', 'safari16.4'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'eof',
    tsconfig: `${ui}tsconfig.json`,
    logLevel: 'warning',
  })
  await copyFile(`${ui}index.html`, `${outdir}/index.html`)
  await copyFile(`${ui}app.css`, `${outdir}/app.css`)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildUi(process.argv[2])
}
