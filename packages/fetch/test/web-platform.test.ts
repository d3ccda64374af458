import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { eventNames } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { build, stop as stopEsbuild } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { token } from './runtimes/token.js'

// Cloudflare Workers without `nodejs_compat` (and Vercel Edge, Deno Deploy): the bundle is made as a Worker's
// would be, with the `workerd` condition, so core's `#platform` import resolves to its Web build; no `node:`
// import may reach it (esbuild fails on one: nothing is external). workerd then runs it with no flags at all.

/**
 * The Worker bundle's gzip budget in bytes, documented in the README's "Runtimes": 57.7 kB before the Web build,
 * 40.6 kB with it and with the validators built from TypeBox's `typebox/schema` instead of `Compile`, 43.8 kB
 * with `order` and the alarms (issue 27), which every receiver carries whether they are on or not.
 */
const gzipBudget = 48_000

let dir: string
let bundle: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fetch-web-platform-'))
  bundle = join(dir, 'worker.mjs')
  await build({
    entryPoints: [fileURLToPath(new URL('./runtimes/web-app.ts', import.meta.url))],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    // Wrangler's own conditions; `@blinger-webhooks/source` reads the workspace's TypeScript instead of dist.
    conditions: ['workerd', 'worker', 'browser', '@blinger-webhooks/source'],
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'error',
  })
  // esbuild's service process would keep the test worker alive.
  await stopEsbuild()
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

test('the Worker bundle imports no node: module and stays within its gzip budget', async () => {
  const code = await readFile(bundle)
  expect(code.toString('utf8')).not.toMatch(/["']node:/)
  const gzip = gzipSync(code).byteLength
  console.log(
    `Worker bundle (fetch adapter + core, workerd condition, minified): ${(code.byteLength / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzip (budget ${gzipBudget / 1000} kB)`,
  )
  expect(gzip).toBeLessThan(gzipBudget)
})

test('workerd without nodejs_compat: the eight samples get 200 and reach their typed handlers', async () => {
  const worker = new Miniflare({
    modules: true,
    scriptPath: bundle,
    modulesRoot: dir,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: [],
    host: '127.0.0.1',
    // Never fetch the `request.cf` data from Cloudflare: this test stays on loopback.
    cf: false,
  })
  try {
    const send = async (path: string, init?: RequestInit) =>
      (await worker.dispatchFetch(`http://127.0.0.1${path}`, init as never)) as unknown as Response
    for (const name of eventNames) {
      const response = await send(`/webhooks/blinger?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(FixtureByEventName[name]),
      })
      expect({ name, status: response.status, body: await response.json() }).toEqual({
        name,
        status: 200,
        body: { ok: true },
      })
    }
    // Each handler saw its event, with the 64-hex-digit delivery id the pure sha256 computed.
    expect(await (await send('/seen')).json()).toEqual(eventNames.map((name) => `${name} 64`))
    const wrong = await send('/webhooks/blinger?token=wrong-token-of-some-length', {
      method: 'POST',
      body: '{}',
    })
    expect(wrong.status).toBe(401)
    await wrong.arrayBuffer()
    expect(await (await send('/file-dead-letters')).json()).toEqual({
      created: false,
      message: expect.stringContaining("needs Node's file system"),
    })
  } finally {
    await worker.dispose()
  }
}, 60_000)
