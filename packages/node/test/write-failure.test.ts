import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { expect, test, vi } from 'vitest'
import { blingerWebhooks } from '../src/index.js'

const token = 'write-failure-token-0123456789'

function request(): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from('{"webhook":"on_x"}')]), {
    method: 'POST',
    url: `/hooks?token=${token}`,
    headers: { 'content-type': 'application/json' },
  }) as unknown as IncomingMessage
}

function failingResponse(error: Error) {
  return {
    destroyed: false,
    writableFinished: false,
    once: () => {},
    writeHead: () => {
      throw error
    },
    destroy: vi.fn(),
  }
}

test('an answer that cannot be written destroys the response, or goes to next() when the server gives one', async () => {
  const hooks = blingerWebhooks({ token, dedupe: false })
  hooks.on('*', async () => {})
  const error = new Error('headers already sent')
  const response = failingResponse(error)
  hooks(request(), response as unknown as ServerResponse)
  await vi.waitFor(() => expect(response.destroy).toHaveBeenCalledWith(error))
  const next = vi.fn()
  hooks(request(), failingResponse(error) as unknown as ServerResponse, next)
  await vi.waitFor(() => expect(next).toHaveBeenCalledWith(error))
})
