import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { describe, expect, test } from 'vitest'
import { runInspectCommand } from '../src/run-inspect-command.js'

describe('runInspectCommand', () => {
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
      '[@blinger-webhooks/inspector] --port must be a whole number, got 80a.',
    )
  })
})
