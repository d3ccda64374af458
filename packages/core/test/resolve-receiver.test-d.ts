import { expectTypeOf, test } from 'vitest'
import type { AdapterReceiverOptions } from '../src/adapter.js'
import { createReceiver } from '../src/index.js'

const receiver = createReceiver({ token: 't' })

test('receiver and the receiver options are exclusive', () => {
  expectTypeOf({ receiver }).toExtend<AdapterReceiverOptions>()
  expectTypeOf({ token: 't', limit: 1 }).toExtend<AdapterReceiverOptions>()
  // @ts-expect-error: token would be ignored beside a receiver
  const withToken: AdapterReceiverOptions = { receiver, token: 't' }
  // @ts-expect-error: limit would be ignored beside a receiver
  const withLimit: AdapterReceiverOptions = { receiver, limit: 1 }
  void [withToken, withLimit]
})
