import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const token = 'wait-until-token'
const body = JSON.stringify(FixtureByEventName['message.incoming'])

const delivery = () =>
  new Request(`http://x.test/webhooks/blinger?token=${token}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  })

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {}
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

/** Like workerd's `ExecutionContext`: `waitUntil` called off its object throws "Illegal invocation". */
class ExecutionContext {
  readonly kept: Promise<unknown>[] = []
  waitUntil(promise: Promise<unknown>): void {
    if (!(this instanceof ExecutionContext)) throw new TypeError('Illegal invocation')
    this.kept.push(promise)
  }
}

test('ack immediately: the handler still running after the answer goes to context.waitUntil, once', async () => {
  const hooks = blingerWebhooks({ token, ack: 'immediately' })
  const release = deferred()
  let finished = false
  hooks.on('message.incoming', async () => {
    await release.promise
    finished = true
  })
  const context = new ExecutionContext()
  const response = await hooks(delivery(), context)
  expect(response.status).toBe(200)
  expect(context.kept).toHaveLength(1)
  release.resolve()
  await context.kept[0]
  expect(finished).toBe(true)
})

test('a handler slower than handlerTimeout: answered 200 at the timeout, the rest goes to waitUntil', async () => {
  const hooks = blingerWebhooks({ token, handlerTimeout: 20 })
  const release = deferred()
  let finished = false
  hooks.on('message.incoming', async () => {
    await release.promise
    finished = true
  })
  const context = new ExecutionContext()
  expect((await hooks(delivery(), context)).status).toBe(200)
  expect(context.kept).toHaveLength(1)
  expect(finished).toBe(false)
  release.resolve()
  await context.kept[0]
  expect(finished).toBe(true)
})

test('a second argument without waitUntil (Bun’s server, Deno’s info, Workers’ env) is not a context', async () => {
  const hooks = blingerWebhooks({ token, ack: 'immediately' })
  hooks.on('message.incoming', async () => {})
  const fetch = hooks as (request: Request, second: unknown) => Promise<Response>
  for (const second of [{ upgrade() {} }, { remoteAddr: {} }, { BLINGER_TOKEN: 'x' }, null])
    expect((await fetch(delivery(), second)).status).toBe(200)
})
