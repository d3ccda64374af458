import { eventNames } from '@blinger-webhooks/core'
import { expect, test } from 'vitest'
import { runDemo } from '../src/demo.js'

test('the demo delivers every sample, rejects a wrong token and drops a duplicate', async () => {
  const lines: string[] = []
  const steps = await runDemo((line) => lines.push(line))
  expect(steps.map((step) => step.status)).toEqual([...eventNames.map(() => 200), 401, 200])
  const output = lines.join('\n')
  expect(output).toContain('app: Yuri Dzabaev wrote via vk: "test"')
  expect(output).toContain(
    'app: conversation #181 closed by Supervisor after 1 message(s), group "Duplicate"',
  )
  expect(output).toContain('app: comment on "Пост из вк"')
  expect(output).toContain('app: new client Yuri Dzabaev via telegrambot')
  expect(output).toMatch(/app: duplicate message\.incoming [0-9a-f]{12}… dropped/)
  expect(output).toContain('← 401 {"error":"unauthorized"')
})
