import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { letterStream, post, receiverWith } from '../helpers.js'

// Issue 14: a handler that threw gave a 500 and one console.error, and the payload was kept nowhere. It is
// now a `failed` dead letter with the error, in either ack mode and also after handlerTimeout; its id is
// released, so a replay (or Blinger's retry) is handled.

const message = FixtureByEventName['message.incoming']
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

class DatabaseError extends Error {
  readonly code = 'ECONNREFUSED'
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('issue 14: a failed handler is never lost silently', () => {
  test('after-handlers: the letter is written before the 500, with the error code and message', async () => {
    const stream = letterStream()
    const receiver = receiverWith({ deadLetters: { stream } })
    receiver.on('error', () => {})
    receiver.on('message.incoming', async () => {
      throw new DatabaseError('connect ECONNREFUSED 127.0.0.1:5432')
    })
    expect((await receiver.handle(post(message))).status).toBe(500)
    expect(stream.letters).toHaveLength(1)
    expect(stream.letters[0]).toMatchObject({
      name: 'message.incoming',
      payload: message,
      reason: 'failed',
      error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' },
    })
    // The id was released: the replay of the letter is handled by the fixed app.
    receiver.off('message.incoming').on('message.incoming', () => {})
    expect((await receiver.handle(post(stream.letters[0]?.payload))).status).toBe(200)
    expect(stream.letters).toHaveLength(1)
  })

  test('immediately, and after handlerTimeout: the letter comes when the handler fails', async () => {
    for (const options of [{ ack: 'immediately' as const }, { handlerTimeout: 20 }]) {
      const stream = letterStream()
      const receiver = receiverWith({ ...options, deadLetters: { stream } })
      receiver.on('error', () => {})
      receiver.on('message.incoming', async () => {
        await sleep(60)
        throw new TypeError('late')
      })
      expect((await receiver.handle(post(message))).status).toBe(200)
      expect(stream.letters).toEqual([])
      await vi.waitFor(() => expect(stream.letters).toHaveLength(1))
      expect(stream.letters[0]).toMatchObject({
        reason: 'failed',
        error: { code: 'TypeError', message: 'late' },
      })
    }
  })

  test('without the option: a warning with the error code, never its message', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {}) // the error report, as before
    const receiver = receiverWith()
    receiver.on('message.incoming', () => {
      throw new DatabaseError('user alice@example.com not saved')
    })
    expect((await receiver.handle(post(message))).status).toBe(500)
    expect(warn).toHaveBeenCalledTimes(1)
    const line = String(warn.mock.calls[0]?.[0])
    expect(line).toMatch(/Lost delivery \(failed\): on_message_incoming [0-9a-f]{12}, ECONNREFUSED\./)
    expect(line).not.toContain('alice')
  })

  test('a handler still running at handlerTimeout keeps its claim; a failure then frees it', async () => {
    const receiver = receiverWith({ handlerTimeout: 50, deadLetters: false })
    receiver.on('error', () => {})
    let calls = 0
    receiver.on('message.incoming', async () => {
      calls++
      if (calls > 1) return
      await sleep(400) // well past the lease of 50 + 50 ms: kept alive
      throw new Error('failed late')
    })
    expect((await receiver.handle(post(message))).status).toBe(200)
    await sleep(200)
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect(calls).toBe(1) // still running: the retry is a duplicate
    await sleep(300)
    expect((await receiver.handle(post(message))).status).toBe(200)
    expect(calls).toBe(2) // failed and released: handled
  })
})
