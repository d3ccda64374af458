import { describe, expect, test } from 'vitest'
import { createDeliveryLog } from '../src/create-delivery-log.js'
import type { Delivery } from '../src/delivery-types.js'

function delivery(name: string): Omit<Delivery, 'seq'> {
  return {
    id: null,
    receivedAt: new Date(0).toISOString(),
    method: 'POST',
    path: '/webhooks/blinger',
    status: 200,
    size: 2,
    webhook: null,
    name,
    duplicate: false,
    invalid: false,
    issueCount: 0,
    unknownFieldCount: 0,
    account: null,
    error: null,
    forward: null,
    body: '{}',
    payload: {},
    issues: [],
    unknownFields: [],
    response: { status: 200, body: '{"ok":true}' },
  }
}

describe('createDeliveryLog', () => {
  test('numbers deliveries from 1 and lists them newest first', () => {
    const log = createDeliveryLog(10)
    expect(log.add(delivery('a')).seq).toBe(1)
    expect(log.add(delivery('b')).seq).toBe(2)
    expect(log.list().map((kept) => kept.name)).toEqual(['b', 'a'])
    expect(log.get(1)?.name).toBe('a')
  })

  test('keeps only the latest max deliveries', () => {
    const log = createDeliveryLog(3)
    for (const name of ['a', 'b', 'c', 'd', 'e']) log.add(delivery(name))
    expect(log.list().map((kept) => [kept.seq, kept.name])).toEqual([
      [5, 'e'],
      [4, 'd'],
      [3, 'c'],
    ])
    expect(log.get(2)).toBeUndefined()
    expect(log.get(5)?.name).toBe('e')
  })

  test('updates a kept delivery, and ignores one that was dropped', () => {
    const log = createDeliveryLog(2)
    log.add(delivery('a'))
    const forward = { target: 'http://x/', status: 204, ms: 1, body: '', error: null, at: '' }
    expect(log.update(1, { forward })?.forward).toEqual(forward)
    expect(log.get(1)?.forward).toEqual(forward)
    log.add(delivery('b'))
    log.add(delivery('c'))
    expect(log.update(1, { forward })).toBeUndefined()
  })

  test('answers undefined for numbers it never gave', () => {
    const log = createDeliveryLog(2)
    log.add(delivery('a'))
    for (const seq of [0, -1, 1.5, 2, Number.NaN]) expect(log.get(seq)).toBeUndefined()
  })

  test('keeps requests refused before they were let in (401, 403, 405) in a small ring of their own', () => {
    const log = createDeliveryLog(2, 3)
    log.add(delivery('real'))
    for (const status of [401, 403, 405, 401, 401]) log.add({ ...delivery(`refused ${status}`), status })
    expect(log.list().map((kept) => [kept.seq, kept.name])).toEqual([
      [6, 'refused 401'],
      [5, 'refused 401'],
      [4, 'refused 405'],
      [1, 'real'],
    ])
    expect(log.get(1)?.name).toBe('real')
    expect(log.get(2)).toBeUndefined()
    log.add(delivery('second'))
    log.add(delivery('third'))
    expect(log.get(1)).toBeUndefined()
    expect(log.list().map((kept) => kept.seq)).toEqual([8, 7, 6, 5, 4])
  })

  test('rejects a max that is not a positive integer', () => {
    expect(() => createDeliveryLog(0)).toThrow('[@blinger-webhooks/inspector] max must be a positive integer')
  })
})
