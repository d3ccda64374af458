// Compiled as CommonJS (module node16, skipLibCheck false) and run by node without require(esm).
import { strict as assert } from 'node:assert'
import type { ConversationClosedPayload, WebhookEvent } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { blingerWebhooks } from '@blinger-webhooks/express'
import { deliver } from '@blinger-webhooks/testing'
import express from 'express'

const token = 'node16-consumer-token'
const hooks = blingerWebhooks({ token })
express().use('/webhooks/blinger', hooks)

const closed: number[] = []
hooks.on('conversation.closed', (event: WebhookEvent<'conversation.closed'>) => {
  const payload: ConversationClosedPayload = event.payload
  closed.push(payload.conversation.id)
})

async function main(): Promise<void> {
  const fixture = FixtureByEventName['conversation.closed']
  const result = await deliver(hooks, fixture, { token })
  assert.equal(result.status, 200)
  assert.deepEqual(closed, [fixture.conversation.id])
  console.log('node16 CommonJS consumer: 1 passed, 0 failed')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
