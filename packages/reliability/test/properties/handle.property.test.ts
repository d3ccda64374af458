import {
  createReceiver,
  type HandleResponse,
  type ReceiverOptions,
  WebhookError,
} from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  arbitraryBody,
  consumedStream,
  createLedger,
  documentedStatuses,
  expectedStatus,
  mutatedFixture,
  postRequest,
  within,
} from '../support/index.js'

// In-process runs through `handle()`: 10,500 cases in all, a few seconds. Socket runs are in adapters.property.test.ts.
const token = 'prop-token-4b1e9c0a7d2f'
const budget = 60_000

/** A receiver per case, so every case starts from an empty dedupe store; a small one, since it is thrown away. */
function freshReceiver(options: Partial<ReceiverOptions> = {}) {
  const receiver = createReceiver({ token, dedupe: { max: 8 }, ...options })
  const errors: WebhookError[] = []
  receiver.on('error', (error) => {
    errors.push(error)
  })
  return { receiver, ledger: createLedger(receiver), errors }
}

/** Our response shape: a documented status and a short JSON body, `{ ok: true }` or `{ error, message }`. */
function expectWellFormed(response: HandleResponse): void {
  expect(documentedStatuses.has(response.status), `status ${response.status}`).toBe(true)
  const body = JSON.parse(response.body) as Record<string, unknown>
  if (response.status === 200) expect(body).toEqual({ ok: true })
  else expect(typeof body.error).toBe('string')
}

describe('handle() on arbitrary input', () => {
  test(
    'arbitrary bytes, JSON, mutated and damaged fixtures: the expected status, emitted at most once',
    async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryBody(), async (raw) => {
          const { receiver, ledger, errors } = freshReceiver()
          const expected = expectedStatus(raw)
          const first = await within(receiver.handle(postRequest(raw, token)), 2000, 'handle()')
          expectWellFormed(first)
          expect(first.status).toBe(expected)
          expect(ledger.settle(first.status)).toBeUndefined()
          // The same bytes again: the same answer, and a 200 is a duplicate, never a second emit.
          const again = await within(receiver.handle(postRequest(raw, token)), 2000, 'handle()')
          expect(again.status).toBe(expected)
          expect(ledger.settle(again.status)).toBeUndefined()
          expect(ledger.emitted.size).toBe(expected === 200 ? 1 : 0)
          expect(errors).toEqual([])
        }),
        { numRuns: 4000 },
      )
    },
    budget,
  )

  test(
    'mutated fixtures: a valid one is emitted exactly once under its name; an invalid one never',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedFixture(), async ({ name, text }) => {
          const { receiver, ledger } = freshReceiver()
          const named: string[] = []
          receiver.on(name, (event) => {
            named.push(event.id)
          })
          const expected = expectedStatus(Buffer.from(text))
          const response = await within(receiver.handle(postRequest(text, token)), 2000, 'handle()')
          expectWellFormed(response)
          expect(response.status).toBe(expected)
          expect(ledger.settle(response.status)).toBeUndefined()
          const parsed = JSON.parse(text) as { webhook?: unknown }
          const stillNamed = expected === 200 && parsed.webhook === FixtureByEventName[name].webhook
          expect(named).toHaveLength(stillNamed ? 1 : 0)
          await receiver.handle(postRequest(text, token))
          expect(named).toHaveLength(stillNamed ? 1 : 0)
        }),
        { numRuns: 3000 },
      )
    },
    budget,
  )

  test(
    'a body an app parser already parsed: the expected status, emitted at most once',
    async () => {
      const parsedBody = fc
        .oneof(
          mutatedFixture().map(({ text }) => JSON.parse(text) as unknown),
          fc.jsonValue({ maxDepth: 4 }),
          fc.constantFrom('text', 42, true),
        )
        .filter((value) => value !== null && value !== undefined)
      await fc.assert(
        fc.asyncProperty(parsedBody, async (value) => {
          const { receiver, ledger } = freshReceiver()
          const request = async () =>
            postRequest('', token, { body: structuredClone(value), stream: await consumedStream() })
          const expected = expectedStatus({ parsed: value })
          const first = await within(receiver.handle(await request()), 2000, 'handle()')
          expectWellFormed(first)
          expect(first.status).toBe(expected)
          expect(ledger.settle(first.status)).toBeUndefined()
          const again = await within(receiver.handle(await request()), 2000, 'handle()')
          expect(again.status).toBe(expected)
          expect(ledger.settle(again.status)).toBeUndefined()
        }),
        { numRuns: 1500 },
      )
    },
    budget,
  )

  test(
    'receive(): resolves once per delivery or rejects with a WebhookError, never anything else',
    async () => {
      const value = fc.oneof(
        mutatedFixture().map(({ text }) => JSON.parse(text) as unknown),
        fc.jsonValue({ maxDepth: 3 }),
        fc.anything({ maxDepth: 2 }),
      )
      await fc.assert(
        fc.asyncProperty(value, async (payload) => {
          const { receiver, ledger } = freshReceiver()
          const outcome = await within(
            receiver.receive(payload).then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            ),
            2000,
            'receive()',
          )
          if ('error' in outcome) {
            expect(outcome.error).toBeInstanceOf(WebhookError)
            expect(['bad_request', 'invalid_payload']).toContain((outcome.error as WebhookError).code)
            expect(ledger.emitted.size).toBe(0)
            return
          }
          expect(outcome.result.duplicate).toBe(false)
          expect(ledger.emitted.get(outcome.result.id)).toBe(1)
          const again = await receiver.receive(payload)
          expect(again.duplicate).toBe(true)
          expect(ledger.emitted.get(outcome.result.id)).toBe(1)
        }),
        { numRuns: 1000 },
      )
    },
    budget,
  )
})
