import { inspect } from 'node:util'
import { WebhookError } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { post, receiverWith } from '../helpers.js'

// Issue 23: a failing handler with no `error` listener printed the payload to stderr through the default
// console.error of the WebhookError (its top-level fields, conversation_token among them). Default output now
// names the code, the event name and the delivery id, never a payload value nor the handler error's message.

const message = FixtureByEventName['message.incoming']
afterEach(() => {
  vi.restoreAllMocks()
})

describe('issue 23: default error output carries no payload value', () => {
  test('a failing handler with no error listener: code, event name and id on stderr, nothing of the payload', async () => {
    const printed: unknown[] = []
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      printed.push(...args)
    })
    const receiver = receiverWith({ ack: 'immediately' })
    let id = ''
    receiver.on('message.incoming', (event) => {
      id = event.id
      throw new Error(`No customer with token ${event.payload.conversation_token}`)
    })
    expect((await receiver.handle(post(message))).status).toBe(200)
    await vi.waitFor(() => expect(printed).toHaveLength(1))
    const text = printed
      .map((each) => (typeof each === 'string' ? each : inspect(each, { depth: 10 })))
      .join('\n')
    expect(text).toContain('handler_failed')
    expect(text).toContain('message.incoming')
    expect(text).toContain(id)
    expect(text).toContain('at ') // where it failed
    expect(text).not.toContain(message.conversation_token)
    expect(text).not.toContain('Yuri Dzabaev')
    expect(text).not.toContain('ta4@tut.by')
  })

  test("WebhookError's inspected form carries no payload; the event stays readable", async () => {
    const receiver = receiverWith()
    let failure: WebhookError | undefined
    receiver.on('error', (error) => {
      failure = error
    })
    receiver.on('message.incoming', () => {
      throw new Error('boom')
    })
    await receiver.handle(post(message))
    expect(failure).toBeInstanceOf(WebhookError)
    expect(failure?.event?.payload).toEqual(message)
    const shown = inspect(failure, { depth: 10 })
    expect(shown).not.toContain(message.conversation_token)
    expect(JSON.stringify(failure)).not.toContain(message.conversation_token)
  })
})
