import { expect, test } from 'vitest'
import { TypedEmitter } from '../../src/emitter/typed-emitter.js'

const names = ['message.incoming', 'message', '*'] as const

test('only: the one listener across the names, wherever it was added', () => {
  for (const name of names) {
    const emitter = new TypedEmitter()
    const listener = () => {}
    emitter.on(name, listener)
    expect(emitter.only(names), name).toBe(listener)
  }
})

test('only: nothing when there is no listener, more than one, or one added with once (take must remove it)', () => {
  const none = new TypedEmitter()
  expect(none.only(names)).toBeUndefined()
  const twoOnOneName = new TypedEmitter().on('message', () => {}).on('message', () => {})
  expect(twoOnOneName.only(names)).toBeUndefined()
  const twoOnTwoNames = new TypedEmitter().on('message.incoming', () => {}).on('*', () => {})
  expect(twoOnTwoNames.only(names)).toBeUndefined()
  const once = new TypedEmitter().once('message', () => {})
  expect(once.only(names)).toBeUndefined()
})
