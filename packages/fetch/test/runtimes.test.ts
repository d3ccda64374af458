import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { build, stop as stopEsbuild } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { token } from './runtimes/token.js'

// The README says the fetch adapter runs on Bun, Deno and Cloudflare Workers: this serves it on each (their
// npm packages carry the binaries; workerd through miniflare, with `nodejs_compat`) and delivers to it.

const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url))
let dir: string
let bundle: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fetch-runtimes-'))
  bundle = join(dir, 'app.mjs')
  // One ESM file for all three: node: built-ins stay imports, as Workers' nodejs_compat provides them.
  await build({
    entryPoints: [fileURLToPath(new URL('./runtimes/app.ts', import.meta.url))],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['@blinger-webhooks/source'],
    mainFields: ['module', 'main'],
    external: ['node:*'],
    logLevel: 'error',
  })
  // esbuild's service process would keep the test worker alive.
  await stopEsbuild()
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

type Send = (path: string, init?: RequestInit) => Promise<Response>

/** Two samples and a wrong token, then what the typed handlers saw. */
async function deliverTo(send: Send): Promise<void> {
  const post = (body: unknown, key = token) =>
    send(`/webhooks/blinger?token=${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const message = FixtureByEventName['message.incoming']
  const user = FixtureByEventName['user.new']

  const first = await post(message)
  expect(first.status).toBe(200)
  expect(await first.json()).toEqual({ ok: true })
  expect((await post(user)).status).toBe(200)
  const wrong = await post(message, 'wrong-token')
  expect(wrong.status).toBe(401)
  expect(await wrong.json()).toMatchObject({ error: 'unauthorized' })
  expect(await (await send('/seen')).json()).toEqual([
    `message.incoming ${message.message.message}`,
    `user.new ${user.user.name}`,
  ])
}

/**
 * Runs a server script beside the bundle with `command`, waits for it to print `listening <port>`, delivers to
 * it over loopback, and stops it, whatever happened.
 */
async function deliverToServer(command: string, args: string[], script: string): Promise<void> {
  const path = join(dir, `${command}-server.mjs`)
  await writeFile(path, script)
  const child = spawn(bin(command), [...args, path], {
    cwd: dir,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, 'deno') },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group: node_modules/.bin/bun is a shell script and deno's bin a node wrapper, so the
    // runtime is a grandchild, ended with the group.
    detached: true,
  })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject)
      child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before listening`)))
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const match = /^listening (\d+)$/.exec(line)
        if (match) resolve(Number(match[1]))
      })
    })
    await deliverTo((path, init) => fetch(`http://127.0.0.1:${port}${path}`, init))
  } finally {
    await stop(child)
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
  await exited
}

describe('the fetch adapter on other runtimes', () => {
  test('Bun: Bun.serve({ fetch })', async () => {
    await deliverToServer(
      'bun',
      ['run'],
      `import app from './app.mjs'
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch })
console.log('listening ' + server.port)`,
    )
  }, 60_000)

  test('Deno: Deno.serve(fetch)', async () => {
    await deliverToServer(
      'deno',
      ['run', '--allow-net=127.0.0.1', '--no-prompt'],
      `import app from './app.mjs'
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log('listening ' + port) }, app.fetch)`,
    )
  }, 60_000)

  test('workerd (Cloudflare Workers, through miniflare) with the nodejs_compat flag', async () => {
    const worker = new Miniflare({
      modules: true,
      scriptPath: bundle,
      modulesRoot: dir,
      compatibilityDate: '2026-04-01',
      compatibilityFlags: ['nodejs_compat'],
      host: '127.0.0.1',
      // Never fetch the `request.cf` data from Cloudflare: this test stays on loopback.
      cf: false,
    })
    try {
      await deliverTo(async (path, init) => {
        const response = await worker.dispatchFetch(`http://127.0.0.1${path}`, init as never)
        return response as unknown as Response
      })
    } finally {
      await worker.dispose()
    }
  }, 60_000)
})
