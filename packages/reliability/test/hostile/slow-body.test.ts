import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { createReceiver } from '@blinger-webhooks/core'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import {
  hookPath,
  postJson,
  postRequest,
  type RunningApp,
  rawRequest,
  requestHead,
  stacks,
  startApp,
  uniqueDelivery,
} from '../support/index.js'

const token = 'slow-token-8e2d4c'
const readTimeout = 300
const authed = `${hookPath}?token=${token}`

/** One byte every 50 ms, for at most `ms`: a slowloris body. */
async function* trickle(ms: number) {
  for (let spent = 0; spent < ms; spent += 50) {
    yield ' '
    await sleep(50)
  }
}

describe.each(stacks)('%s', (stack) => {
  let app: RunningApp
  let seq = 0
  beforeAll(async () => {
    app = await startApp(stack, { token, readTimeout })
  })
  afterAll(() => app.close())

  const stillServing = async () => {
    seq += 1
    expect((await postJson(app.origin, token, uniqueDelivery(seq))).status).toBe(200)
  }

  test('a body that trickles in is cut off at readTimeout: 408 and the connection closed', async () => {
    const head = requestHead(authed, { 'content-type': 'application/json', 'content-length': 10_000 })
    const response = await rawRequest(app.port, head, trickle(8000), { timeout: 6000 })
    expect(response.status).toBe(408)
    expect(JSON.parse(response.body)).toMatchObject({ error: 'request_timeout' })
    expect(response.ms).toBeGreaterThanOrEqual(readTimeout - 20)
    expect(response.ms).toBeLessThan(readTimeout + 3000)
    expect(response.closed).toBe(true)
    await stillServing()
  })

  test('a chunked body that trickles in is cut off the same way', async () => {
    const head = requestHead(authed, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })
    async function* chunks() {
      for await (const byte of trickle(5000)) yield `1\r\n${byte}\r\n`
    }
    const response = await rawRequest(app.port, head, chunks(), { timeout: 4000 })
    expect(response.status).toBe(408)
    expect(response.closed).toBe(true)
  })

  test('a Content-Length longer than the body, then silence: 408 and closed', async () => {
    const body = uniqueDelivery(1_000_000)
    const head = requestHead(authed, {
      'content-type': 'application/json',
      'content-length': body.length + 50,
    })
    const response = await rawRequest(app.port, head, body, { timeout: 4000 })
    expect(response.status).toBe(408)
    expect(response.closed).toBe(true)
    await stillServing()
  })

  test('a Content-Length longer than the body, then the client hangs up: nothing emitted, still serving', async () => {
    const seen: string[] = []
    const listener = (event: { id: string }) => {
      seen.push(event.id)
    }
    app.hooks.on('*', listener)
    const body = uniqueDelivery(1_000_001)
    const head = requestHead(authed, {
      'content-type': 'application/json',
      'content-length': body.length + 50,
    })
    const response = await rawRequest(app.port, head, body, { timeout: 4000, end: true })
    // The client is gone; whatever was answered (a 400, or nothing at all) must not be a 200.
    expect(response.status).not.toBe(200)
    expect(seen).toEqual([])
    app.hooks.off('*', listener)
    await stillServing()
  })

  test('an unauthenticated client that trickles gets 401 at once and the connection closed', async () => {
    const head = requestHead(hookPath, { 'content-type': 'application/json', 'content-length': 10_000 })
    const response = await rawRequest(app.port, head, trickle(5000), { timeout: 4000, linger: 1000 })
    expect(response.status).toBe(401)
    expect(response.closed).toBe(true)
  })
})

test('readTimeout defaults to 10 s', async () => {
  vi.useFakeTimers()
  try {
    const receiver = createReceiver({ token })
    const stalled = new Readable({ read() {} })
    stalled.push('{"webhook":')
    let status: number | undefined
    receiver.handle(postRequest('', token, { stream: stalled })).then((response) => {
      status = response.status
    })
    await vi.advanceTimersByTimeAsync(9_999)
    expect(status).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(status).toBe(408)
  } finally {
    vi.useRealTimers()
  }
})
