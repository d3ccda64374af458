import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createLedger,
  hookPath,
  type Ledger,
  postJson,
  type RunningApp,
  rawRequest,
  requestHead,
  stacks,
  startApp,
  uniqueDelivery,
} from '../support/index.js'

const token = 'length-token-51ac07'
const authed = `${hookPath}?token=${token}`

describe.each(stacks)('%s', (stack) => {
  let app: RunningApp
  let ledger: Ledger
  let seq = 0
  beforeAll(async () => {
    app = await startApp(stack, { token, readTimeout: 300 })
    ledger = createLedger(app.hooks)
  })
  afterAll(() => app.close())

  const stillServing = async () => {
    seq += 1
    const { status } = await postJson(app.origin, token, uniqueDelivery(seq))
    expect(status).toBe(200)
    expect(ledger.settle(status)).toBeUndefined()
  }

  test('shorter than the body: the truncated body is refused (400), the rest is not a request, nothing emitted', async () => {
    const body = uniqueDelivery(2_000_000)
    const head = requestHead(authed, {
      'content-type': 'application/json',
      'content-length': body.length - 10,
    })
    const response = await rawRequest(app.port, head, body)
    expect(response.statuses[0]).toBe(400)
    // Node takes the 10 leftover bytes for the next request and rejects them: never a second delivery.
    expect(response.statuses.slice(1).every((status) => status === 400)).toBe(true)
    expect(ledger.settle(400)).toBeUndefined()
    await stillServing()
  })

  test('shorter than the body, cut where the JSON is still whole: never emitted twice, a retry is safe', async () => {
    const marker = 2_000_001
    const body = uniqueDelivery(marker)
    let emits = 0
    const count = (event: { payload: unknown }) => {
      if ((event.payload as { message?: { id?: unknown } }).message?.id === marker) emits += 1
    }
    app.hooks.on('*', count)
    const head = requestHead(authed, { 'content-type': 'application/json', 'content-length': body.length })
    const response = await rawRequest(app.port, head, `${body}{"webhook":"on_user_new"}`)
    // Node rejects the trailing bytes as a malformed second request and closes at once; that 400 usually
    // overtakes our 200. Either way the delivery ran at most once, and the retry the sender makes is a duplicate.
    expect([200, 400]).toContain(response.statuses[0])
    expect(response.closed).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(emits).toBeLessThanOrEqual(1)
    expect((await postJson(app.origin, token, body)).status).toBe(200)
    expect(emits).toBe(1)
    app.hooks.off('*', count)
    ledger.settle(200) // this test's emits are counted above
    await stillServing()
  })

  test.each([
    ['not a number', { 'content-length': '12abc' }],
    ['negative', { 'content-length': '-1' }],
    ['given twice, differently', { 'content-length': '5', 'Content-Length': '6' }],
    [
      'with Transfer-Encoding: chunked (a smuggling shape)',
      { 'content-length': '4', 'transfer-encoding': 'chunked' },
    ],
  ])('%s: refused by the HTTP parser with 400, nothing emitted', async (_label, headers) => {
    const body = uniqueDelivery(2_000_002)
    const head = requestHead(authed, { 'content-type': 'application/json', ...headers })
    const response = await rawRequest(app.port, head, body)
    expect(response.status).toBe(400)
    expect(response.closed).toBe(true)
    expect(ledger.settle(400)).toBeUndefined()
    await stillServing()
  })
})
