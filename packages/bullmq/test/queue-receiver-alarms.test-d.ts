import type { ResumedAlarm, SilenceAlarm, UnauthorizedAlarm } from '@blinger-webhooks/core'
import { expectTypeOf, test } from 'vitest'
import { createQueueReceiver } from '../src/index.js'

test("the queue receiver's on takes the alarm names, typed", () => {
  const receiver = createQueueReceiver({
    token: 't',
    connection: 'redis://127.0.0.1:6379',
    alerts: { silenceAfter: 30 * 60_000 },
  })
  receiver
    .on('silence', (event) => expectTypeOf(event).toEqualTypeOf<SilenceAlarm>())
    .on('resumed', (event) => expectTypeOf(event).toEqualTypeOf<ResumedAlarm>())
    .once('unauthorized', (event) => expectTypeOf(event).toEqualTypeOf<UnauthorizedAlarm>())
})
