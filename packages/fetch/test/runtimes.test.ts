import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bundleApp, type Runtime, type Send, serveApp } from './runtimes/serve-app.js'
import { token } from './runtimes/token.js'

// The README says the fetch adapter runs on Bun, Deno and Cloudflare Workers: this serves it on each and
// delivers to it.

let app: Awaited<ReturnType<typeof bundleApp>>

beforeAll(async () => {
  app = await bundleApp()
}, 60_000)
afterAll(async () => {
  await app.remove()
})

/** Two samples and a wrong token, then what the typed handlers saw. */
async function deliverTo(send: Send): Promise<void> {
  const post = (body: unknown, key = token) =>
    send(`/webhooks/blinger?token=${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const message = FixtureByEventName['message.incoming']
  const user = FixtureByEventName['user.new']

  const first = await post(message)
  expect(first.status).toBe(200)
  expect(await first.json()).toEqual({ ok: true })
  expect((await post(user)).status).toBe(200)
  const wrong = await post(message, 'wrong-token')
  expect(wrong.status).toBe(401)
  expect(await wrong.json()).toMatchObject({ error: 'unauthorized' })
  expect(await (await send('/seen')).json()).toEqual([
    `message.incoming ${message.message.message}`,
    `user.new ${user.user.name}`,
  ])
}

describe('the fetch adapter on other runtimes', () => {
  test.each<[string, Runtime]>([
    ['Bun: Bun.serve({ fetch })', 'bun'],
    ['Deno: Deno.serve(fetch)', 'deno'],
    ['workerd (Cloudflare Workers, through miniflare) with the nodejs_compat flag', 'workerd'],
  ])(
    '%s',
    async (_, runtime) => {
      const served = await serveApp(runtime, app.dir)
      try {
        await deliverTo(served.send)
      } finally {
        await served.stop()
      }
    },
    60_000,
  )
})
