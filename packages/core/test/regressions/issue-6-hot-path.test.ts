import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createReceiver, eventNames } from '@blinger-webhooks/core'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { ValidatorByEventName } from '@blinger-webhooks/core/internal'
import { afterEach, expect, test, vi } from 'vitest'
import { post, receiverWith, token } from '../helpers.js'

// Compiling per request (a TypeBox `Compile`, a `new Function`, a `new RegExp`) costs microseconds each
// time and grows V8's code space. TypeBox compiles through `globalThis.Function`, so counting calls to it,
// and to `globalThis.RegExp`, while requests run catches any compile the pipeline triggers.

const originals = { Function: globalThis.Function, RegExp: globalThis.RegExp }
afterEach(() => {
  globalThis.Function = originals.Function
  globalThis.RegExp = originals.RegExp
  vi.restoreAllMocks()
})

function counting<T extends object>(target: T, counts: Map<string, number>, name: string): T {
  const bump = () => counts.set(name, (counts.get(name) ?? 0) + 1)
  return new Proxy(target, {
    apply(fn, self, args) {
      bump()
      return Reflect.apply(fn as (...a: unknown[]) => unknown, self, args)
    },
    construct(fn, args, newTarget) {
      bump()
      return Reflect.construct(fn as new (...a: unknown[]) => object, args, newTarget)
    },
  })
}

test('handle() compiles no validator, function or regex while requests run, whatever the outcome', async () => {
  const receiver = receiverWith({ validation: 'lenient' })
  const strict = receiverWith()
  receiver.on('*', () => {})
  receiver.on('invalid', () => {})
  const validators = { ...ValidatorByEventName }
  const requests = [
    ...eventNames.map((name) => post(FixtureByEventName[name])),
    post({ ...FixtureByEventName['message.incoming'], message: 42 }), // invalid: Errors() runs
    post(FixtureByEventName['user.new'], { url: '/hook', headers: { authorization: `Bearer ${token}` } }),
    post(FixtureByEventName['user.new'], { url: '/hook', headers: { 'x-blinger-token': token } }),
    post(FixtureByEventName['user.new'], { url: '/hook?token=wrong' }),
    post('{"webhook":', {}),
    post({ webhook: 'on_something_new' }),
  ]
  const counts = new Map<string, number>()
  globalThis.Function = counting(originals.Function, counts, 'Function')
  globalThis.RegExp = counting(originals.RegExp, counts, 'RegExp')
  const statuses: number[] = []
  try {
    for (const request of requests) statuses.push((await receiver.handle(request)).status)
    statuses.push(
      (await strict.handle(post({ ...FixtureByEventName['message.incoming'], message: 42 }))).status,
    )
  } finally {
    globalThis.Function = originals.Function
    globalThis.RegExp = originals.RegExp
  }
  expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 400, 200, 422])
  expect(Object.fromEntries(counts)).toEqual({})
  // The same compiled validator objects serve every request.
  for (const name of eventNames) expect(ValidatorByEventName[name]).toBe(validators[name])
})

// Every source file, wherever a refactor puts it: schemas are built once at import (TypeBox's `Build`), so no file
// has a reason to compile from text.
const src = fileURLToPath(new URL('../../src/', import.meta.url))
const sources = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => join(src, file))
/** Files never on a request's path, by name wherever they sit: a regex per call costs nothing there. */
const offThePath = new Set([
  'create-json-schema.ts', // `pnpm schemas`, at build time
  'error-text.ts', // one line of a failure's text, when something failed
])

test('no source file builds a RegExp or Function from text, compiles a schema, or makes a regex per call', () => {
  expect(sources.length).toBeGreaterThan(20)
  for (const path of sources) {
    const file = relative(src, path)
    const text = readFileSync(path, 'utf8')
    expect(text, file).not.toMatch(/new RegExp|new Function|\beval\(|\bCompile\(/)
    // A regex literal inside a function is a new object on every call; the pipeline keeps them at module scope.
    const indentedLiteral = text
      .split('\n')
      .filter((line) => /^\s+/.test(line) && !/^\s*(\/\/|\*)/.test(line))
      .find((line) => /(^|[=(,:!&|?]\s*)\/[^/*\s][^/\n]*\/[dgimsuy]*\s*[.,;)]/.test(line))
    if (!offThePath.has(basename(path))) expect(indentedLiteral, file).toBeUndefined()
  }
})

// check-auth splits a plain query by hand instead of building a URLSearchParams on every request.
/** Whether `handle()` lets `request` past the token check: a body of `{}` then gets 400, a wrong token 401. */
async function passes(receiver: ReturnType<typeof createReceiver>, request: Partial<HandleRequest>) {
  return (await receiver.handle(post('{}', request))).status !== 401
}

test('query tokens are read exactly as URLSearchParams reads them', async () => {
  // Values the parts below decode to, so that reading the wrong parameter, or decoding a value wrongly, flips
  // whether a request gets in. Short on purpose: silence the warning that says so.
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const accepted = ['a', 'A', ' ', '+', 'é', '=', 'x', '1', '2', 'a=b', '\uFFFD', '#', ';', '%']
  const receiver = createReceiver({ token: accepted, dedupe: false })
  const parts = [
    'token',
    '=',
    '&',
    'a',
    '?',
    'tokenx',
    'TOKEN',
    '%',
    '+',
    '%41',
    '%2B',
    '\uD800',
    '#',
    ';',
    ' ',
    'é',
    '==',
  ]
  const queries = ['', '?', '??token=a', 'token', 'token=', 'token=a=b', '&&token=x&&', 'xtoken=1&token=2']
  // Every sequence of up to three parts, then longer pseudo-random ones.
  for (const a of parts) for (const b of parts) for (const c of parts) queries.push(a + b + c)
  let seed = 6
  for (let i = 0; i < 2000; i++) {
    let query = ''
    for (let k = 0; k < 8; k++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      query += parts[seed % parts.length]
    }
    queries.push(query)
  }
  let admitted = 0
  for (const query of queries) {
    const expected = new URLSearchParams(query).getAll('token').some((value) => accepted.includes(value))
    expect(await passes(receiver, { url: `/h?${query}`, headers: {} }), query).toBe(expected)
    if (expected) admitted++
  }
  // Both answers occur (every `token=` and one part, among others), so the comparison means something.
  expect(admitted).toBeGreaterThan(10)
  expect(queries.length - admitted).toBeGreaterThan(100)
})

// Creating an AbortSignal costs about a microsecond; an adapter may hand `signal` as a getter, and the
// pipeline reads it only when a handler reads `event.signal`.
test("handle() reads the request's signal only when a handler reads event.signal", async () => {
  const receiver = receiverWith({ dedupe: false })
  let reads = 0
  const client = new AbortController()
  const request = (extra = {}) => ({
    ...post(FixtureByEventName['user.new']),
    get signal() {
      reads++
      return client.signal
    },
    ...extra,
  })
  const ignoring = () => {}
  receiver.on('user.new', ignoring)
  expect((await receiver.handle(request())).status).toBe(200)
  expect(reads).toBe(0)
  receiver.off('user.new', ignoring)
  let seen: AbortSignal | undefined
  receiver.on('user.new', (event) => {
    seen = event.signal
  })
  expect((await receiver.handle(request())).status).toBe(200)
  expect(reads).toBe(1)
  client.abort()
  expect(seen?.aborted).toBe(true)
})

// check-auth compares each guess in a zeroed probe of the token's length instead of hashing it.
test('the token check accepts exactly the guesses whose UTF-8 equals an accepted token', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {}) // 'x' is short on purpose
  const tokens = ['s3cr3t-token', 'rotated-tök€n', 'x']
  const receiver = createReceiver({ token: tokens, dedupe: false })
  const utf8 = (text: string) => Buffer.from(text).toString('hex')
  const guesses = ['', 'x', 'xx', 'X', ' x', 's3cr3t-toke', 's3cr3t-token ', 's3cr3t-token\0', 's3cr3t-tokeN']
  for (const token of tokens) {
    guesses.push(token, token.slice(0, -1), `${token}a`, token.toUpperCase(), `${token.slice(0, -1)}\uD800`)
  }
  guesses.push('rotated-tök€', 'rotated-tök€n€', 'rotated-tok€n', '\uD800', '\uDFFF')
  for (const guess of guesses) {
    const accepted = tokens.some((token) => utf8(token) === utf8(guess))
    for (const request of [
      { url: '/h', headers: { 'x-blinger-token': guess } },
      { url: `/h?${new URLSearchParams({ token: guess })}`, headers: {} },
    ])
      expect(await passes(receiver, request), JSON.stringify(guess)).toBe(accepted)
  }
})

test('a response given instead of a signal is listened to only when a handler reads event.signal', async () => {
  const { EventEmitter } = await import('node:events')
  const receiver = receiverWith({ dedupe: false })
  const response = Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false })
  receiver.on('user.new', () => {})
  expect((await receiver.handle({ ...post(FixtureByEventName['user.new']), response })).status).toBe(200)
  expect(response.listenerCount('close')).toBe(0)
  let seen: AbortSignal | undefined
  receiver.off('user.new').on('user.new', (event) => {
    seen = event.signal
  })
  expect((await receiver.handle({ ...post(FixtureByEventName['user.new']), response })).status).toBe(200)
  expect(seen?.aborted).toBe(false)
  response.emit('close') // closed before it finished: the client went away
  expect(seen?.aborted).toBe(true)
})
