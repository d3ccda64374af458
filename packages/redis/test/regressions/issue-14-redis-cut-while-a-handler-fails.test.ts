import { createTcpProxy, describeWithRedis, type TcpProxy } from '@blinger-webhooks/conformance/redis'
import { createReceiver, type WebhookError } from '@blinger-webhooks/core'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test } from 'vitest'
import { createRedisStore, type RedisStore } from '../../src/index.js'

// Issue 14: a handler failed while Redis was cut, so the release failed, the claim kept its 10-minute TTL,
// and Blinger's retry was answered 200 as a duplicate and never handled. A claim is now a lease of
// handlerTimeout plus at most 5 s, made long only once the handlers succeeded.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const body = Buffer.from(JSON.stringify(FixtureByEventName['message.incoming']))
const post = (): HandleRequest => ({
  method: 'POST',
  url: '/webhooks/blinger?token=secret',
  headers: { 'content-type': 'application/json' },
  body,
})

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

let proxy: TcpProxy | undefined
let store: RedisStore | undefined
afterEach(async () => {
  await store?.close()
  await proxy?.close()
})

describeWithRedis('issue 14: Redis cut while a handler fails', (redis) => {
  test('the release fails, the lease ends, and the retry after Redis is back is handled', async () => {
    proxy = await createTcpProxy(Number(new URL(redis.url).port))
    const keyPrefix = `${redis.unique('issue-14-cut')}:`
    store = createRedisStore({ connection: proxy.url, keyPrefix, timeout: 300 })
    const handlerTimeout = 400 // lease: 400 ms + a 400 ms margin
    const receiver = createReceiver({
      token: 'secret',
      handlerTimeout,
      dedupe: { store },
      deadLetters: false,
    })
    const errors: WebhookError[] = []
    receiver.on('error', (error) => {
      errors.push(error)
    })
    let calls = 0
    receiver.on('message.incoming', () => {
      calls++
      if (calls === 1) {
        proxy?.cut()
        throw new Error('the database is down too')
      }
    })

    expect((await receiver.handle(post())).status).toBe(500)
    await until(
      () => errors.some((error) => error.message.includes('failed to release')),
      'the failed release to be reported',
    )

    proxy.restore()
    await until(() => store?.client.status === 'ready', 'the store to reconnect')
    await sleep(2 * handlerTimeout + 200) // past the lease, far short of dedupe.ttl (10 min)
    expect((await receiver.handle(post())).status).toBe(200)
    expect(calls).toBe(2)

    // Handled this time: the claim now lasts the whole TTL, so a third delivery is a duplicate.
    await sleep(50) // the confirming PEXPIRE is not awaited by the answer
    expect(errors.map((error) => error.code)).toEqual(['handler_failed', 'store_failed'])
    const [key] = await redis.client.keys(`${keyPrefix}*`)
    expect(await redis.client.pttl(key ?? '')).toBeGreaterThan(9 * 60 * 1000)
    expect((await receiver.handle(post())).status).toBe(200)
    expect(calls).toBe(2)
  })
})
