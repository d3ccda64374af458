import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import type { Inspector } from '@blinger-webhooks/inspector'
import { afterEach, describe, expect, expectTypeOf, test } from 'vitest'
import type { CliIo } from '../../src/cli-io.js'
import { type InspectOptions, inspect } from '../../src/commands/inspect.js'
import { ExitCode, runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

test('inspect starts the inspector, prints where to send, and records what arrives', async () => {
  const io = memoryIo()
  const inspector = await inspect({ port: 0, host: '127.0.0.1', max: 10 }, io, false)
  closers.push(() => inspector.close())
  expect(io.out()).toContain(`Send webhooks to ${inspector.webhookUrl}`)
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
  expect(await runCli(['inspect', '--help'], help)).toBe(ExitCode.ok)
  expect(help.out()).toContain('--forward <url>')
  const bad = memoryIo()
  expect(await runCli(['inspect', '--port', 'abc'], bad)).toBe(ExitCode.usage)
  expect(bad.err().trimEnd().split('\n')).toHaveLength(1)
  expect(bad.err()).toMatch(/^\[@blinger-webhooks\/cli\] /)
})

test('an inspector error becomes a CLI usage error without the inspector prefix', async () => {
  await expect(inspect({ port: 0, host: '0.0.0.0' }, memoryIo(), false)).rejects.toMatchObject({
    exitCode: ExitCode.usage,
    message: expect.not.stringContaining('[@blinger-webhooks/inspector]'),
  })
})

const runInspectCommand = (options: InspectOptions, { write }: { write: (text: string) => void }) =>
  inspect(options, { stdout: { write }, stderr: { write }, stdin: [] } as CliIo)

describe('inspect, the command', () => {
  test('takes the options as a CLI parser gives them, and prints where to look and where to send', async () => {
    const lines: string[] = []
    const listenersBefore = process.listenerCount('SIGINT')
    const inspector = await runInspectCommand(
      { port: '0', max: '5', token: 'tok', forward: 'http://127.0.0.1:9/hooks' },
      { write: (text) => lines.push(text) },
    )
    try {
      expect(process.listenerCount('SIGINT')).toBe(listenersBefore + 1)
      const output = lines.join('')
      expect(output).toContain(`Blinger webhook inspector: ${inspector.url}`)
      expect(output).toContain(`Send webhooks to ${inspector.webhookUrl}`)
      expect(output).toContain('Forwarding each delivery to http://127.0.0.1:9/hooks')
      for (let index = 0; index < 7; index++) {
        const body = JSON.stringify({ ...FixtureByEventName['user.new'], n: index })
        await fetch(inspector.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      }
      expect(inspector.deliveries()).toHaveLength(5)
    } finally {
      await inspector.close()
    }
    expect(process.listenerCount('SIGINT')).toBe(listenersBefore)
  })

  test('rejects a port that is not a whole number', async () => {
    await expect(runInspectCommand({ port: '80a' }, { write: () => {} })).rejects.toThrow(
      '--port must be a whole number, got 80a.',
    )
  })
})

test('takes what a CLI parser gives, and resolves to the Inspector', () => {
  expectTypeOf(inspect).toBeCallableWith(
    { port: '4000', max: '50', forward: 'http://127.0.0.1:3000' },
    {} as CliIo,
  )
  expectTypeOf(inspect).returns.resolves.toEqualTypeOf<Inspector>()
})
