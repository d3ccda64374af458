import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterEach, expect, test, vi } from 'vitest'
import { RunningEntry } from '../../src/pipeline/running-deliveries.js'
import { post, receiverWith } from '../helpers.js'

// Every async delivery made a promise (and its resolver) for `done` when its handlers were tracked, though on
// the default path nothing read it once the answer waited on the running entry: 217 bytes per delivery,
// measured with `bench/scripts/allocation.ts` (5,144 → 4,927). It is now made when something reads it (issue 26).

const message = FixtureByEventName['message.incoming']

afterEach(() => {
  vi.restoreAllMocks()
})

/** Handles one delivery whose async listener ends as `outcome` says; how many handler promises were made. */
async function promisesMade(
  options: Parameters<typeof receiverWith>[0],
  outcome: 'resolve' | 'reject' = 'resolve',
): Promise<{ made: number; status: number }> {
  const made = vi.spyOn(RunningEntry.prototype, 'promise')
  // Without dead letters, a failed delivery is reported, not written out as a warning line.
  const receiver = receiverWith({ deadLetters: false, ...options })
  receiver.on('error', () => {})
  receiver.on('message.incoming', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    if (outcome === 'reject') throw new Error('handler failed')
  })
  const response = await receiver.handle(post(message))
  await receiver.close()
  return { made: made.mock.calls.length, status: response.status }
}

test('at the defaults, an async delivery is answered without a promise for its handlers', async () => {
  expect(await promisesMade({})).toEqual({ made: 0, status: 200 })
  expect(await promisesMade({}, 'reject')).toEqual({ made: 0, status: 500 })
})

test("where something reads the handlers' end, the promise is made and settles with it", async () => {
  // `ack: 'immediately'` reports a failure after the answer; `order` chains the next turn on it.
  const reported: unknown[] = []
  const receiver = receiverWith({ ack: 'immediately', deadLetters: false })
  receiver.on('error', (error) => reported.push(error))
  receiver.on('message.incoming', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    throw new Error('handler failed')
  })
  const made = vi.spyOn(RunningEntry.prototype, 'promise')
  expect((await receiver.handle(post(message))).status).toBe(200)
  await receiver.close()
  expect(made).toHaveBeenCalled()
  expect(reported).toEqual([expect.objectContaining({ code: 'handler_failed' })])
  expect((await promisesMade({ order: 'conversation' })).made).toBeGreaterThan(0)
})
