import { afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest'
import type { HandleRequest } from '../../src/adapter.js'
import type { AlarmMessage } from '../../src/alerts/alarm-events.js'
import { alarmLine } from '../../src/alerts/alarm-line.js'
import { userNew } from '../../src/fixtures/index.js'
import { createReceiver, type ReceiverOptions } from '../../src/index.js'
import { token } from '../helpers.js'

const minute = 60_000
const wrongToken = 'wrong-token-abcdef0123456789'

/** A POST whose body the app's parser already read: no stream, so fake timers stop nothing. */
function request(extra: Partial<HandleRequest> = {}): HandleRequest {
  return {
    method: 'POST',
    url: `/webhooks/blinger?token=${token}`,
    headers: { 'content-type': 'application/json' },
    body: structuredClone(userNew),
    ...extra,
  }
}
const right = () => request()
const wrong = () => request({ url: `/webhooks/blinger?token=${wrongToken}` })
const none = () => request({ url: '/webhooks/blinger' })

let warn: MockInstance<typeof console.warn>
beforeEach(() => {
  vi.useFakeTimers()
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  warn.mockRestore()
  vi.useRealTimers()
})

function receiverWith(options: Partial<ReceiverOptions> = {}) {
  const receiver = createReceiver({ token, dedupe: false, ...options })
  receiver.on('*', () => {}) // handled: no lost-delivery line among the alarm lines
  const seen: { name: string; event: unknown }[] = []
  for (const name of ['silence', 'resumed', 'unauthorized'] as const)
    receiver.on(name, (event) => {
      seen.push({ name, event })
    })
  return { receiver, seen, names: () => seen.map((alarm) => alarm.name) }
}

const lines = (): string[] => warn.mock.calls.map((call: unknown[]) => String(call[0]))

describe('silence', () => {
  test('fires once after silenceAfter with the start time when nothing came, and not again', async () => {
    const started = Date.now()
    const { names, seen, receiver } = receiverWith({ alerts: { silenceAfter: 30 * minute } })
    vi.advanceTimersByTime(30 * minute - 1)
    expect(names()).toEqual([])
    vi.advanceTimersByTime(1)
    expect(names()).toEqual(['silence'])
    expect(seen[0]?.event).toEqual({
      since: new Date(started),
      lastDeliveryAt: undefined,
      silenceAfter: 30 * minute,
      at: new Date(started + 30 * minute),
    })
    vi.advanceTimersByTime(10 * 30 * minute)
    expect(names()).toEqual(['silence'])
    expect(lines().filter((line) => line.includes('Silence:'))).toHaveLength(1)
    await receiver.close()
  })

  test('counts from the last authenticated delivery, and resumes on the next one', async () => {
    const { names, seen, receiver } = receiverWith({ alerts: { silenceAfter: 30 * minute } })
    vi.advanceTimersByTime(20 * minute)
    expect((await receiver.handle(right())).status).toBe(200)
    const last = Date.now()
    vi.advanceTimersByTime(29 * minute)
    expect(names()).toEqual([])
    vi.advanceTimersByTime(1 * minute)
    expect(names()).toEqual(['silence'])
    expect(seen[0]?.event).toMatchObject({ since: new Date(last), lastDeliveryAt: new Date(last) })
    vi.advanceTimersByTime(15 * minute)
    await receiver.handle(right())
    expect(names()).toEqual(['silence', 'resumed'])
    expect(seen[1]?.event).toEqual({
      since: new Date(last),
      at: new Date(Date.now()),
      silentFor: 45 * minute,
    })
    await receiver.handle(right())
    expect(names()).toEqual(['silence', 'resumed'])
    // Watching again: a second silence after another silenceAfter.
    vi.advanceTimersByTime(30 * minute)
    expect(names()).toEqual(['silence', 'resumed', 'silence'])
    expect(
      lines().some((line) => line.includes('Resumed: an authenticated delivery arrived after 45 min')),
    ).toBe(true)
    await receiver.close()
  })

  test('unauthenticated requests, with a wrong token or none, do not put it off', async () => {
    const { names, receiver } = receiverWith({ alerts: { silenceAfter: 30 * minute, unauthorized: false } })
    for (let step = 0; step < 6; step++) {
      vi.advanceTimersByTime(5 * minute)
      expect((await receiver.handle(wrong())).status).toBe(401)
      expect((await receiver.handle(none())).status).toBe(401)
    }
    expect(names()).toEqual(['silence'])
    await receiver.close()
  })

  test('a receiver without a token (500 token_missing) never counts as delivered', async () => {
    const receiver = createReceiver({ alerts: { silenceAfter: minute } })
    receiver.on('error', () => {})
    const silences: unknown[] = []
    receiver.on('silence', (event) => void silences.push(event))
    await receiver.handle(right())
    vi.advanceTimersByTime(minute)
    expect(silences).toHaveLength(1)
    await receiver.close()
  })

  test('one timer, not one per request; close() stops it', async () => {
    const { names, receiver } = receiverWith({ alerts: { silenceAfter: 30 * minute } })
    expect(vi.getTimerCount()).toBe(1)
    for (let index = 0; index < 50; index++) await receiver.handle(right())
    expect(vi.getTimerCount()).toBe(1)
    await receiver.close()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(60 * minute)
    expect(names()).toEqual([])
  })

  test('off by default', () => {
    receiverWith()
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('unauthorized', () => {
  test('10 wrong tokens within a minute raise one alarm, naming the count and span', async () => {
    const { receiver, names, seen } = receiverWith()
    const from = Date.now()
    for (let index = 0; index < 9; index++) {
      expect((await receiver.handle(wrong())).status).toBe(401)
      vi.advanceTimersByTime(5000)
    }
    expect(names()).toEqual([])
    await receiver.handle(wrong())
    expect(names()).toEqual(['unauthorized'])
    expect(seen[0]?.event).toEqual({
      count: 10,
      withoutToken: 0,
      from: new Date(from),
      to: new Date(from + 45_000),
    })
    expect(
      lines().filter((line) => line.includes('Unauthorized: 10 requests with a wrong token in 45 s')),
    ).toHaveLength(1)
  })

  test('is rate-limited: one per repeatAfter while wrong tokens go on, with the count since the last', async () => {
    const { receiver, names, seen } = receiverWith()
    for (let index = 0; index < 200; index++) {
      await receiver.handle(wrong())
      vi.advanceTimersByTime(5000) // 12 a minute, 200 in 16 min 40 s
    }
    expect(names()).toEqual(['unauthorized', 'unauthorized'])
    expect(seen[1]?.event).toMatchObject({ count: 180 })
  })

  test('wrong tokens spread wider than the window raise nothing', async () => {
    const { receiver, names } = receiverWith()
    for (let index = 0; index < 100; index++) {
      await receiver.handle(wrong())
      vi.advanceTimersByTime(7000) // 10 span 63 s
    }
    expect(names()).toEqual([])
  })

  test('requests without a token are counted apart and never raise it', async () => {
    const { receiver, names, seen } = receiverWith()
    for (let index = 0; index < 100; index++) await receiver.handle(none())
    expect(names()).toEqual([])
    for (let index = 0; index < 10; index++) await receiver.handle(wrong())
    expect(names()).toEqual(['unauthorized'])
    expect(seen[0]?.event).toMatchObject({ count: 10, withoutToken: 100 })
  })

  test('a right token among them starts the count afresh: "none with a right one"', async () => {
    const { receiver, names } = receiverWith()
    for (let index = 0; index < 9; index++) await receiver.handle(wrong())
    await receiver.handle(right())
    for (let index = 0; index < 9; index++) await receiver.handle(wrong())
    expect(names()).toEqual([])
    await receiver.handle(wrong())
    expect(names()).toEqual(['unauthorized'])
  })

  test('a right token after an alarm lifts the rate limit: a new episode alarms at once', async () => {
    const { receiver, names } = receiverWith()
    for (let index = 0; index < 10; index++) await receiver.handle(wrong())
    await receiver.handle(right())
    for (let index = 0; index < 10; index++) await receiver.handle(wrong())
    expect(names()).toEqual(['unauthorized', 'unauthorized'])
  })

  test('a receiver without a token (500) raises nothing', async () => {
    const receiver = createReceiver({})
    receiver.on('error', () => {})
    const alarms: unknown[] = []
    receiver.on('unauthorized', (event) => void alarms.push(event))
    for (let index = 0; index < 20; index++) expect((await receiver.handle(wrong())).status).toBe(500)
    expect(alarms).toEqual([])
  })

  test('count and within are options; false turns it off', async () => {
    const tuned = receiverWith({ alerts: { unauthorized: { count: 3, within: 1000 } } })
    for (let index = 0; index < 3; index++) await tuned.receiver.handle(wrong())
    expect(tuned.names()).toEqual(['unauthorized'])
    const off = receiverWith({ alerts: { unauthorized: false } })
    for (let index = 0; index < 30; index++) await off.receiver.handle(wrong())
    expect(off.names()).toEqual([])
  })
})

describe('warning lines', () => {
  test('carry no token, wherever the wrong token came', async () => {
    const secret = 'sekrit-token-value-4242424242'
    const { receiver } = receiverWith({ alerts: { silenceAfter: minute, unauthorized: { count: 3 } } })
    await receiver.handle(request({ url: `/webhooks/blinger?token=${secret}` }))
    await receiver.handle(request({ url: '/webhooks/blinger', headers: { 'x-blinger-token': secret } }))
    await receiver.handle(
      request({ url: '/webhooks/blinger', headers: { authorization: `Bearer ${secret}` } }),
    )
    vi.advanceTimersByTime(minute)
    await receiver.handle(right())
    expect(lines()).toHaveLength(3)
    for (const line of lines()) {
      expect(line).not.toContain(secret)
      expect(line).not.toContain(token)
      expect(line).not.toContain('token=')
      expect(line).not.toContain('/webhooks')
    }
    await receiver.close()
  })

  test('read as a person would', () => {
    const at = new Date('2026-12-06T09:00:00.000Z')
    const messages: AlarmMessage[] = [
      {
        kind: 'silence',
        event: {
          since: at,
          lastDeliveryAt: at,
          silenceAfter: 30 * minute,
          at: new Date(at.getTime() + 30 * minute),
        },
      },
      {
        kind: 'unauthorized',
        event: { count: 12, withoutToken: 3, from: at, to: new Date(at.getTime() + 90 * minute + 60_000) },
      },
    ]
    expect(messages.map(alarmLine)).toEqual([
      "[@blinger-webhooks/core] Silence: no authenticated delivery for 30 min (the last at 2026-12-06T09:00:00.000Z). Check that the webhook is switched on in Blinger and that its URL and token are this receiver's. Behind a load balancer this instance sees only its own share.",
      "[@blinger-webhooks/core] Unauthorized: 12 requests with a wrong token in 1 h 31 min (2026-12-06T09:00:00.000Z to 2026-12-06T10:31:00.000Z) and none with a right one (3 more came without a token, not counted). Was the token rotated on one side only? Compare the URL registered in Blinger with this receiver's token option.",
    ])
  })
})

describe('listeners', () => {
  test('a failing alarm listener is reported on error, never thrown into the request', async () => {
    const receiver = createReceiver({ token, alerts: { unauthorized: { count: 1 } } })
    const errors: Error[] = []
    receiver.on('error', (error) => void errors.push(error))
    receiver.on('unauthorized', () => {
      throw new Error('pager down')
    })
    expect((await receiver.handle(wrong())).status).toBe(401)
    expect(errors.map((error) => error.message)).toEqual([
      '[@blinger-webhooks/core] A listener of unauthorized failed.',
    ])
  })
})

describe('the alerts option', () => {
  test('misuse throws a clear error that names no value', () => {
    const make = (alerts: unknown) => () => createReceiver({ token, alerts: alerts as never })
    expect(make({ silenceAfter: 0 })).toThrow(
      '[@blinger-webhooks/core] alerts.silenceAfter must be a positive number of milliseconds, got 0.',
    )
    expect(make({ silenceAfter: 'sekrit' })).toThrow('got a value of type string.')
    expect(make({ silenceafter: 1 })).toThrow('Unknown option `alerts.silenceafter`.')
    expect(make({ unauthorized: { count: 2.5 } })).toThrow(
      'alerts.unauthorized.count must be a whole number from 1 to 10,000, got 2.5.',
    )
    expect(make({ unauthorized: { count: 1e9 } })).toThrow('from 1 to 10,000, got 1000000000.')
    expect(make({ unauthorized: { within: -1 } })).toThrow('alerts.unauthorized.within must be a positive')
    expect(make({ unauthorized: { every: 1 } })).toThrow('Unknown option `alerts.unauthorized.every`.')
    expect(make('on')).toThrow('alerts must be an object, got a value of type string.')
  })
})
