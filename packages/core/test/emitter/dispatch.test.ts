import { expect, test } from 'vitest'
import { dispatch } from '../../src/emitter/dispatch.js'
import { TypedEmitter } from '../../src/emitter/typed-emitter.js'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import type { UnknownWebhookEvent } from '../../src/index.js'

const event: UnknownWebhookEvent = {
  id: 'x',
  account: undefined,
  name: 'unknown',
  webhook: 'on_x',
  payload: { webhook: 'on_x' },
  receivedAt: new Date(0),
  signal: new AbortController().signal,
}

test('stays synchronous when no listener returns a promise', () => {
  const emitter = new TypedEmitter()
  emitter.on('unknown', () => {})
  expect(dispatch(emitter, ['unknown'], event)).toEqual([])
})

test('gathers sync throws and rejections, and never rejects itself', async () => {
  const emitter = new TypedEmitter()
  emitter
    .on('unknown', () => {
      throw new Error('sync')
    })
    .on('unknown', async () => {
      throw new Error('async')
    })
    .on('unknown', () => 'fine')
  const errors = await dispatch(emitter, ['unknown'], event)
  expect(errors.map((error) => (error as Error).message).sort()).toEqual(['async', 'sync'])
})

test('off removes the listener from each name it was added to; unknown listeners are ignored', () => {
  const emitter = new TypedEmitter()
  const calls: string[] = []
  const listener = () => {
    calls.push('called')
  }
  emitter.on('unknown', listener).on('*', listener)
  emitter.off('unknown', listener).off('unknown', () => {})
  dispatch(emitter, ['unknown', '*'], event)
  expect(calls).toEqual(['called'])
  emitter.off('*')
  expect(emitter.has('*')).toBe(false)
})

test('fixtures are plain data the emitter passes through untouched', () => {
  const emitter = new TypedEmitter()
  let seen: unknown
  emitter.on('*', (e) => {
    seen = e.payload
  })
  dispatch(emitter, ['*'], { ...event, payload: FixtureByEventName['user.new'] } as never)
  expect(seen).toBe(FixtureByEventName['user.new'])
})

test('a once listener runs once, in its place among the others, and is off before it runs', () => {
  const emitter = new TypedEmitter()
  const calls: string[] = []
  emitter
    .on('unknown', () => {
      calls.push('first')
    })
    .once('unknown', () => {
      calls.push('once')
      // Re-entrant: an emit from inside a listener no longer sees the once listener.
      dispatch(emitter, ['unknown'], event)
    })
    .on('unknown', () => {
      calls.push('last')
    })
  dispatch(emitter, ['unknown'], event)
  expect(calls).toEqual(['first', 'once', 'first', 'last', 'last'])
  dispatch(emitter, ['unknown'], event)
  expect(calls.slice(5)).toEqual(['first', 'last'])
})

test('off removes a listener added with on and with once, on that name only', () => {
  const emitter = new TypedEmitter()
  const calls: string[] = []
  const listener = (e: { name: string }) => {
    calls.push(e.name)
  }
  emitter.on('unknown', listener).once('unknown', listener).once('*', listener)
  emitter.off('unknown', listener)
  expect(emitter.has('unknown')).toBe(false)
  dispatch(emitter, ['unknown', '*'], event)
  dispatch(emitter, ['unknown', '*'], event)
  expect(calls).toEqual(['unknown'])
  expect(emitter.has('*')).toBe(false)
})

test('one listener alone: its throw, its rejection or its fulfilment, as for several', async () => {
  const one = (listener: () => unknown) =>
    dispatch(new TypedEmitter().on('unknown', listener), ['unknown'], event)
  const failure = new Error('one')
  expect(
    one(() => {
      throw failure
    }),
  ).toEqual([failure])
  expect(one(() => 'fine')).toEqual([])
  const rejected = one(async () => Promise.reject(failure))
  expect(rejected).toBeInstanceOf(Promise)
  expect(await rejected).toEqual([failure])
  expect(await one(async () => 'fine')).toEqual([])
  // A thenable that is not a Promise is awaited too.
  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
  expect(await one(() => ({ then: (_: unknown, reject: (e: unknown) => void) => reject('no') }))).toEqual([
    'no',
  ])
})

test('a once listener alone runs once and is off after it', () => {
  const emitter = new TypedEmitter()
  let calls = 0
  emitter.once('unknown', () => {
    calls++
  })
  dispatch(emitter, ['unknown', '*'], event)
  dispatch(emitter, ['unknown', '*'], event)
  expect(calls).toBe(1)
  expect(emitter.has('unknown')).toBe(false)
})
