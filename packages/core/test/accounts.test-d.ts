import { describe, expectTypeOf, test } from 'vitest'
import {
  type AccountOf,
  type AnyWebhookEvent,
  createReceiver,
  type DeadLetter,
  type Receiver,
  type TokenMap,
  type WebhookEvent,
} from '../src/index.js'

describe('event.account is typed from the token option', () => {
  const receiver = createReceiver({ token: { acme: process.env.ACME_TOKEN, globex: ['new', 'old'] } })

  test('a map: the union of its keys, on every event and lifecycle event', () => {
    receiver.on('message.incoming', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
    receiver.on('conversation', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
    receiver.on('*', (e) => expectTypeOf(e).toEqualTypeOf<AnyWebhookEvent<'acme' | 'globex'>>())
    receiver.on('unknown', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
    receiver.on('invalid', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
    receiver.on('duplicate', (e) => expectTypeOf(e.account).toEqualTypeOf<'acme' | 'globex'>())
    expectTypeOf(receiver).toEqualTypeOf<Receiver<'acme' | 'globex'>>()
  })

  test('a string, an array, or process.env: undefined', () => {
    createReceiver({ token: 'x' }).on('*', (e) => expectTypeOf(e.account).toEqualTypeOf<undefined>())
    createReceiver({ token: ['a', 'b'] }).on('user.new', (e) => expectTypeOf(e.account).toBeUndefined())
    createReceiver({ token: process.env.BLINGER_TOKEN }).on('invalid', (e) =>
      expectTypeOf(e.account).toEqualTypeOf<undefined>(),
    )
  })

  test('existing code keeps compiling: the unparameterised types take any account', () => {
    const listener = (event: WebhookEvent<'user.new'>) => event.account
    receiver.on('user.new', listener)
    createReceiver({ token: 'x' }).on('user.new', listener)
    expectTypeOf<WebhookEvent['account']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<DeadLetter['account']>().toEqualTypeOf<string | undefined>()
    const wide: Receiver = receiver
    expectTypeOf(wide.on).toBeFunction()
  })

  test('setTokens takes the same accounts; receive() an account of them', () => {
    receiver.setTokens({ acme: 'a', globex: 'g' })
    receiver.setTokens({ acme: 'a' }) // globex removed
    // @ts-expect-error: an account the receiver was not typed with
    receiver.setTokens({ acme: 'a', initech: 'i' })
    const dynamic = createReceiver<TokenMap>({ token: { acme: 'a' } })
    dynamic.setTokens({ initech: 'i' })
    dynamic.on('*', (e) => expectTypeOf(e.account).toEqualTypeOf<string>())
    // @ts-expect-error: a string is one unnamed account
    receiver.setTokens('a')
    createReceiver({ token: 'x' }).setTokens(['y', 'z'])
    void receiver.receive({}, { account: 'acme' })
    // @ts-expect-error: not an account of this receiver
    void receiver.receive({}, { account: 'initech' })
  })

  test('AccountOf', () => {
    expectTypeOf<AccountOf<{ a: string; b: string[] }>>().toEqualTypeOf<'a' | 'b'>()
    expectTypeOf<AccountOf<string>>().toEqualTypeOf<undefined>()
    expectTypeOf<AccountOf<readonly string[] | undefined>>().toEqualTypeOf<undefined>()
  })
})
