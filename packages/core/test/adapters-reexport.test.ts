import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import * as core from '../src/index.js'

// Every package an app installs instead of core re-exports `@blinger-webhooks/core/app-types` whole, and
// `WebhookError`. Type exports leave no trace at run time, so this reads the entries' text.
const adapters = ['express', 'koa', 'fastify', 'fetch', 'node', 'bullmq'] as const
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

test.each(adapters)('%s re-exports app-types and WebhookError', (adapter) => {
  const text = read(`../../${adapter}/src/index.ts`)
  expect(text).toContain("export type * from '@blinger-webhooks/core/app-types'")
  expect(text).toContain("export { WebhookError } from '@blinger-webhooks/core'")
})

test('app-types covers every payload, and the event, option and error types', () => {
  const listed = /export type \{([^}]*)\}/
    .exec(read('../src/app-types.ts'))?.[1]
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  // Each payload schema core exports has a type of the same name.
  const payloads = Object.keys(core).filter((name) => /^[A-Z]\w*Payload$/.test(name))
  expect(payloads).toHaveLength(core.eventNames.length)
  for (const name of [
    ...payloads,
    'WebhookEvent',
    'EventName',
    'ReceiverOptions',
    'PayloadByEventName',
    'WebhookErrorCode',
  ])
    expect(listed, name).toContain(name)
})
