import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createQueueReceiver } from '../src/index.js'

const minute = 60_000
const wrong: HandleRequest = {
  method: 'POST',
  url: '/webhooks/blinger?token=wrong-token-0123456789',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{}'),
}

// Neither alarm needs Redis: a refused request never reaches it, and silence is a timer of the receiver's own.
describe('the queue receiver raises the alarms of the alerts option', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  test("on('silence') and on('unauthorized') are accepted and fire", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const receiver = createQueueReceiver({
      token: 'right-token-0123456789',
      connection: { lazyConnect: true },
      alerts: { silenceAfter: 30 * minute, unauthorized: { count: 3 } },
    })
    const silence = vi.fn()
    const unauthorized = vi.fn()
    receiver
      .on('silence', silence)
      .once('resumed', () => {})
      .on('unauthorized', unauthorized)
    for (let index = 0; index < 3; index++) expect((await receiver.handle(wrong)).status).toBe(401)
    expect(unauthorized).toHaveBeenCalledWith(expect.objectContaining({ count: 3, withoutToken: 0 }))
    vi.advanceTimersByTime(30 * minute)
    expect(silence).toHaveBeenCalledTimes(1)
    expect(silence).toHaveBeenCalledWith(
      expect.objectContaining({ lastDeliveryAt: undefined, silenceAfter: 30 * minute }),
    )
    receiver.off('silence', silence)
    vi.useRealTimers()
    await receiver.close()
  })
})
