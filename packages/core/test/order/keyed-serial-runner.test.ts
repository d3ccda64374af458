import { describe, expect, test } from 'vitest'
import { createKeyedSerialRunner } from '../../src/order/keyed-serial-runner.js'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((settle) => {
    resolve = settle
  })
  return { promise, resolve }
}

const limits = { perKey: 10, total: 100 }

describe('createKeyedSerialRunner', () => {
  test('one key: each item starts when the one before it ended, in the order given', async () => {
    const gates = [deferred(), deferred(), deferred()]
    const started: number[] = []
    const runner = createKeyedSerialRunner((n: number) => {
      started.push(n)
      return gates[n]?.promise
    }, limits)
    expect([0, 1, 2].map((n) => runner.run('a', n))).toEqual(['started', 'queued', 'queued'])
    expect(started).toEqual([0])
    expect(runner.waiting).toBe(2)
    gates[1]?.resolve() // the second ending early changes nothing: it has not started
    await Promise.resolve()
    expect(started).toEqual([0])
    gates[0]?.resolve()
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual([0, 1, 2])
  })

  test('different keys run side by side; a key is deleted once its queue is empty', async () => {
    const gate = deferred()
    const started: string[] = []
    const runner = createKeyedSerialRunner((key: string) => {
      started.push(key)
      return gate.promise
    }, limits)
    runner.run('a', 'a')
    runner.run('b', 'b')
    expect(started).toEqual(['a', 'b'])
    expect(runner.keys).toBe(2)
    gate.resolve()
    await new Promise((resolve) => setImmediate(resolve))
    expect(runner.keys).toBe(0)
    expect(runner.waiting).toBe(0)
  })

  test('items that end at once run through without holding their key or growing the stack', () => {
    let count = 0
    const runner = createKeyedSerialRunner(() => {
      count++
    }, limits)
    const placed = new Set<string>()
    for (let n = 0; n < 100_000; n++) placed.add(runner.run('a', n))
    expect([...placed]).toEqual(['started'])
    expect(count).toBe(100_000)
    expect(runner.keys).toBe(0)
  })

  test('a rejected item does not hold its key', async () => {
    const started: number[] = []
    const runner = createKeyedSerialRunner((n: number) => {
      started.push(n)
      return n === 0 ? Promise.reject(new Error('x')) : undefined
    }, limits)
    runner.run('a', 0)
    runner.run('a', 1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual([0, 1])
    expect(runner.keys).toBe(0)
  })

  test('caps: per key and in all, counting waiting items only', () => {
    const runner = createKeyedSerialRunner(() => new Promise(() => {}), { perKey: 2, total: 3 })
    expect(['a', 'a', 'a', 'a'].map((key, n) => runner.run(key, n))).toEqual([
      'started',
      'queued',
      'queued',
      'full',
    ])
    expect(runner.run('b', 4)).toBe('started')
    expect(runner.run('b', 5)).toBe('queued')
    expect(runner.run('b', 6)).toBe('full')
    expect(runner.waiting).toBe(3)
  })

  test('takeWaiting gives every waiting item in the order given, across keys; none of them starts', async () => {
    const gate = deferred()
    const started: number[] = []
    const runner = createKeyedSerialRunner((n: number) => {
      started.push(n)
      return gate.promise
    }, limits)
    for (const [key, n] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['b', 4],
      ['a', 5],
    ] as const)
      runner.run(key, n)
    expect(runner.takeWaiting()).toEqual([3, 4, 5])
    expect(runner.waiting).toBe(0)
    gate.resolve()
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual([1, 2])
    expect(runner.keys).toBe(0)
  })
})
