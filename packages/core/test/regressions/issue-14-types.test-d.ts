import {
  type ClosedConversation,
  type CloseGroup,
  createReceiver,
  type DeadLetter,
  type DeadLetterReason,
  type DeadLetters,
  type DedupeStore,
  type Operator,
  type ReceiverOptions,
} from '@blinger-webhooks/core'
import { describe, expectTypeOf, test } from 'vitest'

describe('issue 14 types', () => {
  test('deadLetters takes { path }, { stream } or false, and the receiver exposes its output', () => {
    expectTypeOf<{ deadLetters: { path: string } }>().toExtend<ReceiverOptions>()
    expectTypeOf<{ deadLetters: { stream: NodeJS.WritableStream } }>().toExtend<ReceiverOptions>()
    expectTypeOf<{ deadLetters: false }>().toExtend<ReceiverOptions>()
    // @ts-expect-error: true is not an output
    createReceiver({ token: 't', deadLetters: true })
    expectTypeOf(createReceiver({ token: 't' }).deadLetters).toEqualTypeOf<DeadLetters>()
    expectTypeOf<DeadLetter['reason']>().toEqualTypeOf<DeadLetterReason>()
    expectTypeOf<DeadLetterReason>().toEqualTypeOf<
      'invalid' | 'unhandled' | 'failed' | 'unavailable' | 'shutdown' | 'timeout' | 'overflow'
    >()
  })

  test('a store written for the old interface still type-checks: extend is optional', () => {
    const old = { claim: (_id: string, _ttl: number) => true, release: (_id: string) => {} }
    expectTypeOf(old).toExtend<DedupeStore>()
  })

  test("PHP's [] changes no payload type", () => {
    expectTypeOf<ClosedConversation['close_group']>().toEqualTypeOf<CloseGroup | null | undefined>()
    expectTypeOf<ClosedConversation['operator']>().toEqualTypeOf<Operator | null | undefined>()
  })
})
