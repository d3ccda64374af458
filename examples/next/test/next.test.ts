import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, beforeAll, expect, test } from 'vitest'

// Needs the packages' dist (`pnpm build`, which .ci/run does before the tests): Next resolves the workspace
// packages through their default export condition, as an app that installed them from npm would.
const root = dirname(dirname(fileURLToPath(import.meta.url)))
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
const token = 'example-next-token-0123456789abcdef'
const events = join(mkdtempSync(join(tmpdir(), 'example-next-')), 'events.txt')

const { BLINGER_TOKEN: _unset, ...withoutToken } = process.env
let build: { status: number | null; output: string }
let server: ReturnType<typeof spawn> | undefined
let base = ''

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()))
    })
  })
}

beforeAll(async () => {
  // One build, WITHOUT the token: it is a runtime secret, and Next evaluates route modules while building.
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: { ...withoutToken, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  })
  build = { status: result.status, output: `${result.stdout}${result.stderr}` }
  if (build.status !== 0) return
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: { ...withoutToken, BLINGER_TOKEN: token, BLINGER_EVENTS_FILE: events, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  })
  // Ready when it answers; generous bound for a loaded CI machine.
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await fetch(base)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}, 180_000)

afterAll(() => {
  server?.kill('SIGTERM')
})

// Issue 24 §2: core threw at import without a token, so `next build` failed on a runtime secret.
test('issue 24: next build passes without BLINGER_TOKEN set (a missing token is reported per request)', () => {
  expect(build.status, build.output).toBe(0)
})

test('next start with the token: the eight samples get 200 and reach the typed handlers', async () => {
  expect(base).not.toBe('')
  for (const [name, payload] of Object.entries(FixtureByEventName)) {
    const response = await fetch(`${base}/webhooks/blinger?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    })
    expect({ name, status: response.status }).toEqual({ name, status: 200 })
  }
  // Handlers run after the answer: wait (generously) until the file has all eight.
  let seen: string[] = []
  for (let attempt = 0; attempt < 100 && seen.length < 8; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    try {
      seen = readFileSync(events, 'utf8').trim().split('\n')
    } catch {}
  }
  expect(seen.sort()).toEqual(Object.keys(FixtureByEventName).sort())
  expect((await fetch(`${base}/webhooks/blinger?token=wrong`, { method: 'POST', body: '{}' })).status).toBe(
    401,
  )
})
