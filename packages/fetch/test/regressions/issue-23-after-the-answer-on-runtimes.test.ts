import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { bundleApp, type Runtime, type Send, serveApp } from '../runtimes/serve-app.js'
import { token } from '../runtimes/token.js'

// Issue 23, measured on the runtimes themselves: with `ack: 'immediately'`, on workerd the handler never
// finished (the adapter had no way to take `ctx.waitUntil`, so workerd cancelled its timer once the answer was
// out), and on Deno `event.signal` was aborted 3–21 ms after the answer (Deno aborts `request.signal` once the
// response is done). The app's /webhooks/later handler awaits 200 ms after an `immediately` answer, then notes
// whether its signal, read before the answer, was aborted; its Worker passes `ctx` to the adapter.

let app: Awaited<ReturnType<typeof bundleApp>>

beforeAll(async () => {
  app = await bundleApp()
}, 60_000)
afterAll(async () => {
  await app.remove()
})

async function deliverLaterTo(send: Send): Promise<unknown> {
  const response = await send(`/webhooks/later?token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(FixtureByEventName['message.incoming']),
  })
  expect(response.status).toBe(200)
  await response.arrayBuffer()
  // Generous: the handler needs 200 ms; a loaded machine may take far longer, a cut one never gets there.
  const deadline = Date.now() + 10_000
  let finished: unknown = []
  while (Date.now() < deadline) {
    finished = await (await send('/later')).json()
    if (Array.isArray(finished) && finished.length > 0) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return finished
}

test.each<Runtime>(['workerd', 'deno', 'bun'])(
  '%s, ack immediately: the handler finishes after the answer, its event.signal not aborted',
  async (runtime) => {
    const served = await serveApp(runtime, app.dir)
    try {
      expect(await deliverLaterTo(served.send)).toEqual(['message.incoming finished, signal not aborted'])
    } finally {
      await served.stop()
    }
  },
  60_000,
)
