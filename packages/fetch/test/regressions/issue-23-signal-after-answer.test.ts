import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { expect, test } from 'vitest'
import { blingerWebhooks } from '../../src/index.js'

// Issue 23: on Deno, `event.signal` aborted 3–21 ms after the answer though no timeout was reached. Deno (and
// other runtimes) abort `request.signal` once the response is done; the adapter passed that signal on as is,
// so a handler still running after an `immediately` answer was told the sender went away.

const token = 'issue-23-token'
const body = JSON.stringify(FixtureByEventName['message.incoming'])

/** A Request whose signal the test aborts, as a runtime does once the response is done. */
function delivery(): { request: Request; close: () => void } {
  const runtime = new AbortController()
  const request = new Request(`http://x.test/webhooks/blinger?token=${token}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    signal: runtime.signal,
  })
  return { request, close: () => runtime.abort() }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {}
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

test.each([
  ['read before the answer', true],
  ['first read after the runtime closed the request', false],
])(
  'ack immediately, a slow handler: event.signal %s is not aborted by the request closing after the answer',
  async (_, early) => {
    const hooks = blingerWebhooks({ token, ack: 'immediately' })
    const release = deferred()
    const finished = new Promise<boolean>((resolve) => {
      hooks.on('message.incoming', async (event) => {
        const signal = early ? event.signal : undefined
        await release.promise
        resolve((signal ?? event.signal).aborted)
      })
    })
    const { request, close } = delivery()
    const response = await hooks(request)
    expect(response.status).toBe(200)
    close()
    release.resolve()
    expect(await finished).toBe(false)
  },
)

test('before the answer, the request closing (the sender went away) still aborts event.signal', async () => {
  const hooks = blingerWebhooks({ token }) // ack after the handlers: the sender waits for them
  const started = deferred()
  const aborted = deferred()
  hooks.on('message.incoming', async (event) => {
    event.signal.addEventListener('abort', aborted.resolve)
    started.resolve()
    await aborted.promise
  })
  const { request, close } = delivery()
  const answer = hooks(request)
  await started.promise
  close()
  await aborted.promise
  expect((await answer).status).toBe(200)
})
