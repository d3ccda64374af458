// A plain CommonJS app, run by node without require(esm): it requires the Express adapter and core as a user
// would. Core's entries (index.cjs, adapter.cjs, internal.cjs) must share one copy of core, or the error the adapter's
// receiver raises is not an instance of the WebhookError the app imported, and there are two emitter classes.
const { strict: assert } = require('node:assert')
const express = require('express')
const { WebhookError, createReceiver } = require('@blinger-webhooks/core')
const { TypedEmitter } = require('@blinger-webhooks/core/internal')
const { FixtureByEventName } = require('@blinger-webhooks/core/fixtures')
const { blingerWebhooks } = require('@blinger-webhooks/express')

const token = 'cjs-one-core-consumer-token'

// The emitter is private to the receiver: a spy on the prototype of the TypedEmitter this app required sees
// every `on()` made on an emitter of that class, and no other.
const subscribedOn = []
const on = TypedEmitter.prototype.on
TypedEmitter.prototype.on = function spiedOn(name, listener) {
  subscribedOn.push({ name, emitter: this })
  return on.call(this, name, listener)
}

async function main() {
  const hooks = blingerWebhooks({ token })
  const errors = []
  hooks.on('error', (error) => {
    errors.push(error)
  })
  hooks.on('conversation.closed', () => {
    throw new Error('the handler fails on purpose')
  })
  assert.deepEqual(
    subscribedOn.map((call) => call.name),
    ['error', 'conversation.closed'],
    "the Express adapter's emitter is not an instance of require('@blinger-webhooks/core/internal').TypedEmitter",
  )
  for (const { emitter } of subscribedOn) assert.ok(emitter instanceof TypedEmitter)

  const app = express()
  app.post('/webhooks/blinger', hooks)
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  try {
    const { port } = server.address()
    const response = await fetch(`http://127.0.0.1:${port}/webhooks/blinger?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(FixtureByEventName['conversation.closed']),
    })
    assert.equal(response.status, 500)
  } finally {
    server.close()
  }
  assert.equal(errors.length, 1)
  const [error] = errors
  assert.equal(error.name, 'WebhookError')
  assert.equal(error.code, 'handler_failed')
  assert.ok(
    error instanceof WebhookError,
    "the adapter's error is not an instance of require('@blinger-webhooks/core').WebhookError: core is loaded twice",
  )
  // createReceiver comes from the main entry (index.cjs), TypedEmitter from internal.cjs: the same class.
  subscribedOn.length = 0
  createReceiver({ token }).on('user.new', () => {})
  assert.equal(subscribedOn.length, 1, "createReceiver's emitter is not the adapter entry's TypedEmitter")
  console.log('CommonJS one-core consumer: 1 passed, 0 failed')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
