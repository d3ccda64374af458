import { Readable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import type { HandleRequest } from '../src/adapter.js'
import { FixtureByEventName } from '../src/fixtures/index.js'
import { createReceiver, WebhookError } from '../src/index.js'
import { letterStream } from './helpers.js'

const token = { acme: 'acme-token-1', globex: ['globex-new-2', 'globex-old-3'] }
const as = (value: string, body: unknown): HandleRequest => ({
  method: 'POST',
  url: `/webhooks/blinger?token=${value}`,
  headers: { 'content-type': 'application/json' },
  stream: Readable.from([Buffer.from(JSON.stringify(body))]),
})

describe('a receiver with a token map', () => {
  test('invalid, dead letters and the error event carry the account', async () => {
    const out = letterStream()
    const receiver = createReceiver({ token, deadLetters: { stream: out } })
    const seen: unknown[] = []
    receiver.on('invalid', (event) => void seen.push(['invalid', event.account]))
    receiver.on('error', (error) => void seen.push(['error', error.event?.account]))
    receiver.on('message.incoming', () => {
      throw new Error('boom')
    })
    const broken = { ...FixtureByEventName['user.new'], user: 'not an object' }
    expect((await receiver.handle(as('globex-old-3', broken))).status).toBe(422)
    expect((await receiver.handle(as('acme-token-1', FixtureByEventName['message.incoming']))).status).toBe(
      500,
    )
    expect(seen).toEqual([
      ['invalid', 'globex'],
      ['error', 'acme'],
    ])
    expect(out.letters.map((letter) => [letter.reason, letter.account])).toEqual([
      ['invalid', 'globex'],
      ['failed', 'acme'],
    ])
  })

  test('receive() takes the account, and scopes the default id with it', async () => {
    const receiver = createReceiver({ token })
    const payload = FixtureByEventName['user.new']
    const acme = await receiver.receive(payload, { account: 'acme' })
    const plain = await createReceiver({ token: 't' }).receive(payload)
    expect(acme.event?.account).toBe('acme')
    expect(acme.id).toBe(`acme/${plain.id}`)
    expect(plain.id).toMatch(/^[0-9a-f]{64}$/)
    expect((await receiver.receive(payload, { account: 'globex' })).duplicate).toBe(false)
  })

  test('setTokens swaps the map at once; a bad map throws and keeps the old one', async () => {
    const receiver = createReceiver({ token })
    const body = FixtureByEventName['comment.incoming']
    receiver.setTokens({ acme: 'acme-token-1' })
    expect((await receiver.handle(as('globex-new-2', body))).status).toBe(401)
    expect(() => receiver.setTokens({ acme: undefined } as never)).toThrow(/"acme"/)
    expect((await receiver.handle(as('acme-token-1', body))).status).toBe(200)
    // @ts-expect-error: an account the receiver was not typed with
    receiver.setTokens({ initech: 'x' })
  })

  test('allowUnauthenticated without a token: everyone is let in, with no account', async () => {
    const receiver = createReceiver({ allowUnauthenticated: true })
    const result = await receiver.handle({ ...as('', FixtureByEventName['user.new']), url: '/' })
    expect(result.status).toBe(200)
    receiver.setTokens('now-a-token')
    expect((await receiver.handle({ ...as('', FixtureByEventName['user.new']), url: '/' })).status).toBe(401)
  })

  test('WebhookError stays untyped in account: it is one class for every receiver', () => {
    expect(new WebhookError('handler_failed', 'x').event).toBeUndefined()
  })
})
