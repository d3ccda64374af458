import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { letterStream, post, receiverWith, token } from '../helpers.js'

// Issue 14: a payload that drifted from the schema was answered 422 and emitted as `invalid`, with nothing
// logged and nothing kept. It is now a dead letter, handed to the file before the answer.

const drifted = { ...FixtureByEventName['message.incoming'], message: 'a plain string, as the old API sent' }

afterEach(() => {
  vi.restoreAllMocks()
})

describe('issue 14: an invalid payload is never lost silently', () => {
  test('with deadLetters: one line, written before the 422, with its issues and never the token', async () => {
    const stream = letterStream()
    const receiver = receiverWith({ deadLetters: { stream } })
    receiver.on('message.incoming', () => {})
    const answer = receiver
      .handle(post(drifted))
      .then((response) => ({ response, lines: stream.letters.length }))
    const { response, lines } = await answer
    expect(response.status).toBe(422)
    expect(lines).toBe(1)
    const [letter] = stream.letters
    expect(Object.keys(letter ?? {})).toEqual([
      'receivedAt',
      'id',
      'name',
      'webhook',
      'payload',
      'reason',
      'issues',
    ])
    expect(letter).toMatchObject({
      name: 'message.incoming',
      webhook: 'on_message_incoming',
      payload: drifted,
      reason: 'invalid',
      issues: [{ path: '/message', message: 'must be object' }],
    })
    expect(letter?.id).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(letter)).not.toContain(token)
    expect(receiver.deadLetters).toMatchObject({ written: 1, dropped: 0 })
  })

  test('without the option: one console.warn line with the reason, webhook, id and path, no payload value', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const receiver = receiverWith()
    receiver.on('message.incoming', () => {})
    const invalid = vi.fn()
    receiver.on('invalid', invalid) // the lifecycle event still works
    expect((await receiver.handle(post(drifted))).status).toBe(422)
    expect(invalid).toHaveBeenCalledTimes(1)
    expect(warn).toHaveBeenCalledTimes(1)
    const line = String(warn.mock.calls[0]?.[0])
    expect(line).toMatch(
      /^\[@blinger-webhooks\/core\] Lost delivery \(invalid\): on_message_incoming [0-9a-f]{12}, at \/message\./,
    )
    expect(line).not.toContain('plain string')
    expect(line).not.toContain(token)
  })

  test('deadLetters: false keeps nothing and warns about nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const receiver = receiverWith({ deadLetters: false })
    expect((await receiver.handle(post(drifted))).status).toBe(422)
    expect(warn).not.toHaveBeenCalled()
  })

  test('a stream that throws never changes the answer: the failure goes to error', async () => {
    const receiver = receiverWith({
      deadLetters: {
        stream: {
          write() {
            throw new Error('disk full')
          },
        },
      },
    })
    const errors = vi.fn()
    receiver.on('error', errors)
    expect((await receiver.handle(post(drifted))).status).toBe(422)
    expect(errors).toHaveBeenCalledTimes(1)
    expect(errors.mock.calls[0]?.[0]).toMatchObject({ code: 'dead_letter_failed' })
    expect(receiver.deadLetters).toMatchObject({ written: 0, dropped: 1 })
  })
})
