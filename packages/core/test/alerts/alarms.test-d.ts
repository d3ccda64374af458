import { describe, expectTypeOf, test } from 'vitest'
import {
  type AlarmMessage,
  type AlertOptions,
  createReceiver,
  type EmitterEventName,
  type ReceiverOptions,
  type ResumedAlarm,
  type SilenceAlarm,
  type UnauthorizedAlarm,
} from '../../src/index.js'

describe('alarm events', () => {
  const receiver = createReceiver({ token: 'test-token-0123456789', alerts: { silenceAfter: 30 * 60_000 } })

  test('each alarm name types its listener', () => {
    receiver.on('silence', (event) => {
      expectTypeOf(event).toEqualTypeOf<SilenceAlarm>()
      expectTypeOf(event.since).toEqualTypeOf<Date>()
      expectTypeOf(event.lastDeliveryAt).toEqualTypeOf<Date | undefined>()
    })
    receiver.once('resumed', (event) => expectTypeOf(event.silentFor).toEqualTypeOf<number>())
    receiver.on('unauthorized', (event) => {
      expectTypeOf(event).toEqualTypeOf<UnauthorizedAlarm>()
      expectTypeOf(event).toHaveProperty('count').toEqualTypeOf<number>()
      // @ts-expect-error: an alarm never carries a token
      event.token
    })
    expectTypeOf<'silence' | 'resumed' | 'unauthorized'>().toExtend<EmitterEventName>()
    expectTypeOf<ResumedAlarm>().toHaveProperty('since').toEqualTypeOf<Date>()
  })

  test('the channel message pairs each kind with its event', () => {
    const message = {} as AlarmMessage
    if (message.kind === 'silence') expectTypeOf(message.event).toEqualTypeOf<SilenceAlarm>()
    if (message.kind === 'unauthorized') expectTypeOf(message.event).toEqualTypeOf<UnauthorizedAlarm>()
  })
})

describe('the alerts option', () => {
  test('takes silenceAfter, unauthorized settings or false', () => {
    expectTypeOf<ReceiverOptions['alerts']>().toEqualTypeOf<AlertOptions | false | undefined>()
    createReceiver({
      token: 't',
      alerts: { silenceAfter: 60_000, unauthorized: { count: 5, within: 30_000 } },
    })
    createReceiver({ token: 't', alerts: { unauthorized: false } })
    createReceiver({ token: 't', alerts: false })
    // @ts-expect-error: milliseconds, not a string
    createReceiver({ token: 't', alerts: { silenceAfter: '30m' } })
    // @ts-expect-error: unknown key
    createReceiver({ token: 't', alerts: { silence: 60_000 } })
    // @ts-expect-error: true is not a setting
    createReceiver({ token: 't', alerts: { unauthorized: true } })
  })
})
