import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, expect, test } from 'vitest'

// The README's first example, run as written: a process of its own, a real socket, the closed-conversation sample.
const app = fileURLToPath(new URL('../src/quick-start.ts', import.meta.url))
const token = 'quick-start-token-0123456789abcdef'
let child: ChildProcess | undefined

afterAll(() => {
  child?.kill('SIGTERM')
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()))
    })
  })
}

test("the README's quick start receives a closed conversation and logs it", async () => {
  const port = await freePort()
  child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@blinger-webhooks/source', app], {
    env: { ...process.env, BLINGER_TOKEN: token, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const sample = FixtureByEventName['conversation.closed']
  let status = 0
  for (let attempt = 0; attempt < 200 && status === 0; attempt++) {
    status = await fetch(`http://127.0.0.1:${port}/webhooks/blinger?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sample),
    }).then(
      (response) => response.status,
      () => new Promise<number>((resolve) => setTimeout(() => resolve(0), 100)),
    )
  }
  expect(status).toBe(200)
  await expect.poll(() => output, { timeout: 5000 }).toContain(`#${sample.conversation.id} closed by`)
}, 30_000)
