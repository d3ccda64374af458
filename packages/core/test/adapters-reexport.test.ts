import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import * as core from '../src/index.js'

// Every package an app installs instead of core re-exports the same names from it. Type exports leave no trace
// at run time, so this reads the entries' text: a new payload type must be listed in each, or users of that
// adapter have to install core again to name it.
const adapters = ['express', 'koa', 'fastify', 'fetch', 'node', 'bullmq'] as const
const fromCore = /export \{([^}]*)\} from '@blinger-webhooks\/core'/

function reexported(adapter: string): string[] {
  const text = readFileSync(new URL(`../../${adapter}/src/index.ts`, import.meta.url), 'utf8')
  const block = fromCore.exec(text)?.[1] ?? ''
  return block
    .split(',')
    .map((name) => name.replace(/^\s*type\s+/, '').trim())
    .filter((name) => name !== '')
}

const [first] = adapters
const expected = reexported(first)

test.each(adapters)('%s re-exports the same names from core as every other adapter', (adapter) => {
  expect(reexported(adapter)).toEqual(expected)
})

test('those names cover every payload, WebhookError and the event and option types', () => {
  // Each payload schema core exports has a type of the same name.
  const payloads = Object.keys(core).filter((name) => /^[A-Z]\w*Payload$/.test(name))
  expect(payloads).toHaveLength(core.eventNames.length)
  for (const name of [
    ...payloads,
    'WebhookError',
    'WebhookEvent',
    'EventName',
    'ReceiverOptions',
    'PayloadByEventName',
  ])
    expect(expected, name).toContain(name)
})
