import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { post, receiverWith, token } from '../helpers.js'

// Issue 12 (D1): the strip ran only when the raw text held the literal words `__proto__` or `constructor`.
// JSON escapes spell the same keys without those words, and JSON.parse turns them into real own keys, so a
// handler's deep merge polluted Object.prototype on every raw-body path (bare adapters, the queue receiver).

const spellings = [
  String.raw`{"webhook":"on_x","\u005f_proto__":{"polluted":true}}`,
  String.raw`{"webhook":"on_x","__pro\u0074o__":{"polluted":true}}`,
  String.raw`{"webhook":"on_x","\u005F\u005F\u0070\u0072\u006F\u0074\u006F\u005F\u005F":{"polluted":true}}`,
  String.raw`{"webhook":"on_x","nested":[{"deep":{"\u005f_proto__":{"polluted":true}}}]}`,
  String.raw`{"webhook":"on_x","constr\u0075ctor":{"prototype":{"polluted":true}}}`,
  String.raw`{"webhook":"on_x","constr\u0075ctor":{"protot\u0079pe":{"polluted":true}}}`,
  // No `proto` left in the text: only the escape gives the key away.
  String.raw`{"webhook":"on_x","constructor":{"\u0070rototype":{"polluted":true}}}`,
]

/** What a careless handler does: a hand-rolled deep merge of the payload into a fresh object. */
function deepMerge(target: Record<string, unknown>, source: unknown): Record<string, unknown> {
  if (typeof source !== 'object' || source === null) return target
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key]
    if (typeof value === 'object' && value !== null) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {}
      deepMerge(target[key] as Record<string, unknown>, value)
    } else target[key] = value
  }
  return target
}

function expectHarmless(payload: unknown): void {
  const merged = deepMerge({}, payload)
  const assigned = Object.assign({}, payload)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.getPrototypeOf(assigned)).toBe(Object.prototype)
  expect(JSON.stringify(merged)).not.toContain('polluted')
}

afterEach(() => {
  // Undo a pollution so one failing case does not fail every later one.
  delete (Object.prototype as Record<string, unknown>).polluted
})

test.each(spellings)('the payload a handler gets holds no escaped poison key at all: %s', async (text) => {
  const receiver = receiverWith({ validation: 'off' })
  const payloads: unknown[] = []
  receiver.on('*', (event) => {
    payloads.push(event.payload)
  })
  expect((await receiver.handle(post(text))).status).toBe(200)
  // The key is dropped, not kept as an own property that a later merge or spread could still follow.
  expect(JSON.stringify(payloads[0])).not.toContain('polluted')
  expectHarmless(payloads[0])
})

test.each(spellings)('every raw body path of handle() hands out a harmless payload: %s', async (text) => {
  const { stream: _stream, ...bare } = post(text)
  // The stream as bare adapters pass it; a string (express.text()); a Buffer (express.raw(), Koa's rawBody).
  for (const request of [post(text), { ...bare, body: text }, { ...bare, body: Buffer.from(text) }]) {
    const receiver = receiverWith({ validation: 'off' })
    const payloads: unknown[] = []
    receiver.on('*', (event) => {
      payloads.push(event.payload)
    })
    expect((await receiver.handle(request)).status).toBe(200)
    expect(payloads).toHaveLength(1)
    expectHarmless(payloads[0])
  }
})

test('over a real socket, a handler merging an escaped __proto__ pollutes nothing', async () => {
  const receiver = receiverWith({ validation: 'off', dedupe: false })
  const payloads: unknown[] = []
  receiver.on('*', (event) => {
    payloads.push(event.payload)
    deepMerge({}, event.payload)
  })
  const server = createServer(async (request, response) => {
    const answer = await receiver.handle({
      method: request.method,
      url: request.url ?? '/',
      headers: request.headers,
      stream: request,
    })
    response.writeHead(answer.status, answer.headers).end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    for (const body of spellings) {
      const response = await fetch(`http://127.0.0.1:${port}/webhooks/blinger?token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(response.status).toBe(200)
    }
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
  expect(payloads).toHaveLength(spellings.length)
  for (const payload of payloads) expectHarmless(payload)
})
