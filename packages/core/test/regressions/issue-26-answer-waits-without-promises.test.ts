import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test, vi } from 'vitest'
import { responderOf } from '../../src/pipeline/responder.js'
import { post, receiverWith } from '../helpers.js'

// With an async listener (the default `ack` waits for it), the answer waited through `settleWithin`: a promise,
// two closures and two `then`s per delivery, and the answer's own `then` (709 bytes allocated per delivery,
// measured, and five microtasks between the handlers settling and the reply). The running entry now calls the
// answer back itself (issue 26).

const message = FixtureByEventName['message.incoming']

/** Microtasks between the listener's promise settling and the reply. */
async function microtasksToReply(options: Parameters<typeof receiverWith>[0]): Promise<number> {
  const receiver = receiverWith(options)
  let release = () => {}
  receiver.on('message.incoming', () => new Promise<void>((resolve) => (release = resolve)))
  const reply = vi.fn()
  responderOf(receiver)(post(message), reply, vi.fn())
  await new Promise((resolve) => setTimeout(resolve, 10))
  expect(reply).not.toHaveBeenCalled()
  release()
  let hops = 0
  while (reply.mock.calls.length === 0 && hops < 20) {
    await null
    hops++
  }
  expect(reply.mock.calls[0]?.[0]).toMatchObject({ status: 200 })
  return hops
}

test('an async listener is answered two microtasks after it settles, not through a chain of promises', async () => {
  // One `then` turns the listener's promise into its errors, one more tells the running entry: then the reply.
  expect(await microtasksToReply({})).toBeLessThanOrEqual(3)
})

test('under `order`, whose turns the answer still waits on with settleWithin, the answer comes all the same', async () => {
  expect(await microtasksToReply({ order: 'conversation' })).toBeLessThan(20)
})
