import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test, vi } from 'vitest'
import { createHarness } from '../fixtures/harness.js'

// Issue 12 (D1): an escaped poison key (`"\u005f_proto__"`) got past the strip, was enqueued as a real own key,
// and reached the worker's handlers, where a deep merge of the payload polluted Object.prototype.

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted
})

describeWithRedis('the queue path, issue 12', (redis) => {
  const harness = createHarness(redis)

  test('a delivery with escaped poison keys reaches the worker without them', async () => {
    const queueName = harness.queueName()
    const url = await harness.serve(harness.receiver({ queueName }))
    const payloads: unknown[] = []
    harness.worker({ queueName }).on('user.new', (event) => {
      payloads.push(event.payload)
    })
    const user = JSON.stringify(FixtureByEventName['user.new']).slice(1, -1)
    const body = String.raw`{${user},"\u005f_proto__":{"polluted":true},"constr\u0075ctor":{"prototype":{"polluted":true}}}`
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    expect(response.status).toBe(200)
    await vi.waitFor(() => expect(payloads).toHaveLength(1))
    const [payload] = payloads as Record<string, unknown>[]
    expect(Object.hasOwn(payload ?? {}, '__proto__')).toBe(false)
    expect(Object.hasOwn(payload ?? {}, 'constructor')).toBe(false)
    expect(Object.getPrototypeOf(Object.assign({}, payload))).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
