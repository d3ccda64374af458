import * as crypto from 'node:crypto'
import { createReceiver, redactToken } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import {
  collectText,
  hookPath,
  postJson,
  postRequest,
  type RunningApp,
  stacks,
  startApp,
  uniqueDelivery,
} from './support/index.js'

vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>()
  return { ...actual, hash: vi.fn(actual.hash), timingSafeEqual: vi.fn(actual.timingSafeEqual) }
})

const current = 'rotation-new-3f9a0c5e7b1d'
const previous = 'rotation-old-8d2e6b4a0f7c'
const body = JSON.stringify(FixtureByEventName['user.new'])

/** Guesses an attacker would time: every prefix of the token, one byte changed, longer, empty, unrelated. */
const guess = fc.oneof(
  fc.nat({ max: current.length }).map((length) => current.slice(0, length)),
  fc.nat({ max: current.length - 1 }).map((at) => `${current.slice(0, at)}#${current.slice(at + 1)}`),
  fc.string({ maxLength: 3 }).map((suffix) => `${current}${suffix}`),
  fc.string({ maxLength: 64 }),
  fc.string({ maxLength: 64, unit: 'binary' }),
)

describe('the token comparison', () => {
  test('one token: one timingSafeEqual, of the same length whatever the guess', async () => {
    const compare = vi.mocked(crypto.timingSafeEqual)
    const receiver = createReceiver({ token: current, dedupe: false })
    // What a guess costs in comparisons: the byte lengths compared, per call. It must never depend on the guess.
    await fc.assert(
      fc.asyncProperty(guess, async (candidate) => {
        compare.mockClear()
        const response = await receiver.handle(
          postRequest(body, candidate, { url: `${hookPath}?token=${encodeURIComponent(candidate)}` }),
        )
        expect(response.status).toBe(candidate === current ? 200 : 401)
        expect(compare).toHaveBeenCalledTimes(1)
        const [given, expected] = compare.mock.calls[0] as [Buffer, Buffer]
        expect(given.length).toBe(expected.length)
        expect(given.length).toBe(Buffer.byteLength(current))
      }),
      { numRuns: 300 },
    )
  })

  test('several tokens (rotation, accounts): one keyed hash per guess, whatever it matches', async () => {
    const hash = vi.mocked(crypto.hash)
    const receiver = createReceiver({ token: [current, previous], dedupe: false })
    const accounts = createReceiver({ token: { acme: current, globex: previous }, dedupe: false })
    await fc.assert(
      fc.asyncProperty(guess, async (candidate) => {
        for (const target of [receiver, accounts]) {
          hash.mockClear()
          const response = await target.handle(
            postRequest(body, candidate, { url: `${hookPath}?token=${encodeURIComponent(candidate)}` }),
          )
          expect(response.status).toBe(candidate === current ? 200 : 401)
          // The auth hashes strings (the delivery id hashes the body's Buffer): one, of key ‖ guess.
          const auth = hash.mock.calls.filter(([, data]) => typeof data === 'string')
          expect(auth).toHaveLength(1)
          const [algorithm, data] = auth[0] as [string, string]
          expect(algorithm).toBe('sha256')
          expect(data.endsWith(candidate)).toBe(true)
          expect(data.length - candidate.length).toBe(32) // the per-receiver key
        }
      }),
      { numRuns: 300 },
    )
  })

  test('every presented token (header, Bearer, query) goes through the same comparison', async () => {
    const compare = vi.mocked(crypto.timingSafeEqual)
    compare.mockClear()
    const receiver = createReceiver({ token: current })
    const response = await receiver.handle(
      postRequest(body, 'x', {
        url: `${hookPath}?token=a&token=b`,
        headers: { 'content-type': 'application/json', authorization: 'Bearer c', 'x-blinger-token': 'd' },
      }),
    )
    expect(response.status).toBe(401)
    expect(compare).toHaveBeenCalledTimes(4)
  })
})

describe('the token in the query', () => {
  // Pieces that URLSearchParams treats specially, so that random queries probe the parser the check relies on.
  const piece = fc.oneof(
    fc.constantFrom(
      'token',
      '=',
      '&',
      '?',
      '%',
      '+',
      '%74oken',
      'tok%65n',
      '%3D',
      '%26',
      '#',
      'x',
      current,
      previous,
    ),
    fc.constantFrom(encodeURIComponent(current), current.replace('-', '+'), current.replace('-', '%2D')),
    fc.constantFrom(
      `token=${current}`,
      `&token=${previous}`,
      `token=${current.replace('-', '%2D')}`,
      'token=',
    ),
    fc.string({ maxLength: 3, unit: 'binary' }),
  )
  const query = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''))

  test('is found exactly where URLSearchParams finds it: any `token` parameter, decoded', async () => {
    const receiver = createReceiver({ token: [current, previous], dedupe: false })
    await fc.assert(
      fc.asyncProperty(query, async (search) => {
        const found = new URLSearchParams(search).getAll('token')
        const expected = found.includes(current) || found.includes(previous) ? 200 : 401
        const response = await receiver.handle(postRequest(body, '', { url: `${hookPath}?${search}` }))
        expect(response.status).toBe(expected)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('redactToken', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9._~+/=%-]{12,40}$/)
  const otherParam = fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/))

  test('leaves no trace of a token query parameter, however it is encoded, and keeps the rest', () => {
    fc.assert(
      fc.property(
        secret,
        fc.array(otherParam, { maxLength: 3 }),
        fc.nat({ max: 3 }),
        fc.boolean(),
        (value, others, at, hash) => {
          fc.pre(!others.some(([name]) => name === 'token'))
          const params = new URLSearchParams(others)
          const entries = [...params]
          entries.splice(Math.min(at, entries.length), 0, ['token', value])
          const query = new URLSearchParams(entries).toString()
          const url = `${hookPath}?${query}${hash ? '#top' : ''}`
          const redacted = redactToken(url)
          expect(redacted).not.toContain(value)
          expect(redacted).not.toContain(encodeURIComponent(value))
          expect(redacted).not.toContain(new URLSearchParams({ t: value }).toString().slice(2))
          for (const [name, other] of others) expect(redacted).toContain(`${name}=${other}`)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe.each(stacks)('%s over a socket', (stack) => {
  let app: RunningApp
  const said: unknown[] = []
  beforeAll(async () => {
    app = await startApp(stack, { token: [current, previous] })
    for (const name of ['*', 'invalid', 'duplicate', 'unknown', 'error'] as const)
      app.hooks.on(name, (event: unknown) => {
        said.push(event)
      })
  })
  afterAll(() => app.close())

  test('rotation: both tokens are accepted, by query, Bearer and X-Blinger-Token; anything else gets 401', async () => {
    let seq = 3_000_000
    const tryWith = async (url: string, headers: Record<string, string> = {}) => {
      seq += 1
      const response = await fetch(`${app.origin}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: uniqueDelivery(seq),
      })
      return response.status
    }
    for (const token of [current, previous]) {
      expect(await tryWith(`${hookPath}?token=${token}`)).toBe(200)
      expect(await tryWith(hookPath, { authorization: `Bearer ${token}` })).toBe(200)
      expect(await tryWith(hookPath, { 'x-blinger-token': token })).toBe(200)
    }
    for (const wrong of [
      '',
      current.slice(0, -1),
      `${current}0`,
      current.toUpperCase(),
      `${previous} ${current}`,
    ])
      expect(await tryWith(`${hookPath}?token=${encodeURIComponent(wrong)}`)).toBe(401)
    expect(await tryWith(hookPath)).toBe(401)
  })

  test('the token shows in no response and no emitted event or error, whatever the outcome', async () => {
    app.hooks.on('message.incoming', (event) => {
      if (event.payload.message.id === 4_000_002) throw new Error('handler failed')
    })
    const bodies = [
      uniqueDelivery(4_000_001),
      uniqueDelivery(4_000_001),
      uniqueDelivery(4_000_002),
      '{',
      '[]',
      '{"webhook":"on_user_new"}',
      '{"webhook":"on_new_thing"}',
    ]
    const responses: unknown[] = []
    for (const token of [current, previous, 'wrong'])
      for (const item of bodies) {
        const response = await postJson(app.origin, token, item)
        responses.push(response)
      }
    const get = await fetch(`${app.origin}${hookPath}?token=${current}`)
    responses.push({ status: get.status, headers: [...get.headers], text: await get.text() })
    const text = collectText([responses, said])
    expect(said.length).toBeGreaterThan(0)
    expect(text).toContain('handler failed')
    expect(text).not.toContain(current)
    expect(text).not.toContain(previous)
  })
})
