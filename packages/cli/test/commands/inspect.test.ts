import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test } from 'vitest'
import type { CliIo } from '../../src/cli-io.js'
import { inspect } from '../../src/commands/inspect.js'
import { ExitCode, runCli } from '../../src/index.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

function memoryIo() {
  let out = ''
  let err = ''
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdin: [],
  }
  return { io, out: () => out, err: () => err }
}

test('inspect starts the inspector, prints where to send, and records what arrives', async () => {
  const { io, out } = memoryIo()
  const inspector = await inspect({ port: 0, host: '127.0.0.1', max: 10 }, io, false)
  closers.push(() => inspector.close())
  expect(out()).toContain(`Send webhooks to ${inspector.webhookUrl}`)
  const response = await fetch(inspector.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(FixtureByEventName['user.new']),
  })
  expect(response.status).toBe(200)
  const listed = (await (await fetch(`${inspector.url}api/deliveries`)).json()) as unknown
  expect(JSON.stringify(listed)).toContain('user.new')
})

test('inspect --help, and a bad --port is a one-line usage error', async () => {
  const help = memoryIo()
  expect(await runCli(['inspect', '--help'], help.io)).toBe(ExitCode.ok)
  expect(help.out()).toContain('--forward <url>')
  const bad = memoryIo()
  expect(await runCli(['inspect', '--port', 'abc'], bad.io)).toBe(ExitCode.usage)
  expect(bad.err().trimEnd().split('\n')).toHaveLength(1)
  expect(bad.err()).toMatch(/^\[@blinger-webhooks\/cli\] /)
})

test('an inspector error becomes a CLI usage error without the inspector prefix', async () => {
  const { io } = memoryIo()
  await expect(inspect({ port: 0, host: '0.0.0.0' }, io, false)).rejects.toMatchObject({
    exitCode: ExitCode.usage,
    message: expect.not.stringContaining('[@blinger-webhooks/inspector]'),
  })
})
