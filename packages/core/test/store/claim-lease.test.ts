import { afterEach, describe, expect, test, vi } from 'vitest'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import { createMemoryStore, type DedupeStore } from '../../src/index.js'
import { claimLease } from '../../src/store/claim-lease.js'
import { post, receiverWith } from '../helpers.js'

const message = FixtureByEventName['message.incoming']

/** A store that answers yes to everything and logs each call. */
function loggingStore() {
  const calls: string[] = []
  const log = (call: string) => {
    calls.push(call)
    return true
  }
  const store: DedupeStore = {
    claim: (_id, ms) => log(`claim ${ms}`),
    release: () => void log('release'),
    extend: (_id, ms) => log(`extend ${ms}`),
  }
  return { calls, store }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('claimLease', () => {
  test('handlerTimeout plus at most 5 s, never more than the TTL', () => {
    const store = createMemoryStore()
    expect(claimLease(store, 600_000, 10_000)).toBe(15_000)
    expect(claimLease(store, 600_000, 1000)).toBe(2000)
    expect(claimLease(store, 12_000, 10_000)).toBe(12_000)
  })

  test('a store written for the old interface (no extend) keeps working with whole-TTL claims, and warns once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const old: DedupeStore = { claim: () => true, release: () => {} }
    expect(claimLease(old, 600_000, 10_000)).toBe(600_000)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/has no extend\(id, ttlMs\) method/)
  })
})

describe('the receiver with a leasing store', () => {
  test('claims for the lease, and confirms the whole TTL once the handlers succeeded', async () => {
    const { calls, store } = loggingStore()
    const receiver = receiverWith({ dedupe: { store }, handlerTimeout: 1000, deadLetters: false })
    receiver.on('message.incoming', () => {})
    await receiver.handle(post(message))
    expect(calls).toEqual(['claim 2000', 'extend 600000'])
  })

  test('a failure releases and never confirms', async () => {
    const { calls, store } = loggingStore()
    const receiver = receiverWith({ dedupe: { store }, deadLetters: false })
    receiver.on('error', () => {})
    receiver.on('message.incoming', () => {
      throw new Error('no')
    })
    await receiver.handle(post(message))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(calls).toEqual(['claim 15000', 'release'])
  })

  test('an extend that throws or rejects is reported, never answered', async () => {
    for (const extend of [
      () => {
        throw new Error('sync')
      },
      () => Promise.reject(new Error('async')),
    ]) {
      const store: DedupeStore = { claim: () => true, release: () => {}, extend }
      const receiver = receiverWith({ dedupe: { store }, deadLetters: false })
      const errors = vi.fn()
      receiver.on('error', errors).on('message.incoming', () => {})
      expect((await receiver.handle(post(message))).status).toBe(200)
      await vi.waitFor(() => expect(errors).toHaveBeenCalledTimes(1))
      expect(errors.mock.calls[0]?.[0]).toMatchObject({ code: 'store_failed' })
    }
  })

  test('receive() keeps the lease of a handler still running past handlerTimeout, without aborting it', async () => {
    const receiver = receiverWith({ handlerTimeout: 50 })
    let signal: AbortSignal | undefined
    receiver.on('message.incoming', async (event) => {
      signal = event.signal
      await new Promise((resolve) => setTimeout(resolve, 300)) // past the lease of 50 + 50 ms
    })
    const first = receiver.receive(message)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await receiver.receive(message)).duplicate).toBe(true)
    expect((await first).duplicate).toBe(false)
    expect(signal?.aborted).toBe(false)
  })
})
