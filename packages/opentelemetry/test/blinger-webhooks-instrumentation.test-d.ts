import type { Instrumentation } from '@opentelemetry/instrumentation'
import { expectTypeOf, test } from 'vitest'
import { BlingerWebhooksInstrumentation, instrument } from '../src/index.js'

test('goes where NodeSDK and registerInstrumentations take an Instrumentation', () => {
  expectTypeOf(new BlingerWebhooksInstrumentation()).toMatchTypeOf<Instrumentation>()
  expectTypeOf(instrument()).toMatchTypeOf<Instrumentation>()
})

test('takes providers and enabled, nothing else', () => {
  new BlingerWebhooksInstrumentation({ enabled: false })
  // @ts-expect-error: no receiver, no hooks: it subscribes to the channels of every receiver
  new BlingerWebhooksInstrumentation({ receiver: {} })
  // @ts-expect-error: instrument() always enables
  instrument({ enabled: false })
})
