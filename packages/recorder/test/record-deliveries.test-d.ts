import { createReceiver } from '@blinger-webhooks/core'
import { attachEmitter } from '@blinger-webhooks/core/adapter'
import { describe, expectTypeOf, it } from 'vitest'
import { type Recorder, recordDeliveries } from '../src/index.js'

describe('recordDeliveries types', () => {
  it('takes a receiver or any adapter value, and a path or any stream with write()', () => {
    const receiver = createReceiver({ token: 't' })
    const middleware = attachEmitter((_req: unknown, _res: unknown) => {}, receiver)
    expectTypeOf(recordDeliveries(receiver, { path: 'x.ndjson' })).toEqualTypeOf<Recorder>()
    recordDeliveries(middleware, { stream: process.stdout })
    recordDeliveries(receiver, { stream: { write: (line: string) => line.length > 0 } })
    // @ts-expect-error: not a stream
    recordDeliveries(receiver, { stream: {} })
    // @ts-expect-error: not an emitter
    recordDeliveries({}, { path: 'x' })
  })
})
