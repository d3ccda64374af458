import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Inspector, startInspector } from '../../src/index.js'
import { hasChromium, inCi, launchChromium } from '../support/launch-chromium.js'
import { startTargetApp } from '../support/start-target-app.js'

// Issue 12 (D3): on loopback without --token, the inspector took a webhook POST from any web page (a
// `no-cors` fetch or `sendBeacon` sends no content type, which the core parses as JSON) and relayed it to
// --forward, whose URL carries the app's token. Browsers send Origin or Sec-Fetch-* on such a POST;
// Blinger never does.

const body = JSON.stringify(FixtureByEventName['user.new'])
type Beacon = { sendBeacon(url: string, data: Blob): boolean }

/** A raw POST with exactly these headers (fetch adds its own), answered as status, headers and body. */
function rawPost(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          connection: response.headers.connection,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    request.on('error', reject)
    request.end(body)
  })
}

describe('the inspector refuses webhook posts made by a web page', () => {
  let target: Awaited<ReturnType<typeof startTargetApp>>
  let inspector: Inspector

  beforeAll(async () => {
    target = await startTargetApp()
    inspector = await startInspector({ port: 0, uiDir: '/nonexistent', forward: target.url })
  })

  afterAll(async () => {
    await inspector?.close()
    await target?.close()
  })

  test.each([
    ['Origin of another site', { origin: 'https://evil.example' }],
    ['Origin null (a sandboxed frame)', { origin: 'null' }],
    ['Sec-Fetch-Site', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }],
    ['Sec-Fetch-Dest', { 'sec-fetch-dest': 'empty' }],
  ])('%s: 403 with a JSON error, closed, kept apart, never forwarded', async (_, headers) => {
    const answer = await rawPost(inspector.webhookUrl, { ...headers, 'content-length': String(body.length) })
    expect(answer.status).toBe(403)
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'browser_request' })
    expect(answer.connection).toBe('close')
    expect(inspector.deliveries()[0]).toMatchObject({ status: 403, error: 'browser_request', body: '' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(target.received).toHaveLength(0)
  })

  test('a server post (Blinger, curl, Node fetch with its Sec-Fetch-Mode) is still received and forwarded', async () => {
    const curl = await rawPost(inspector.webhookUrl, { 'content-type': 'application/json' })
    expect(curl.status).toBe(200)
    await target.next()
    const nodeFetch = await fetch(inspector.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...FixtureByEventName['user.new'], extra: 1 }),
    })
    expect(nodeFetch.status).toBe(200)
    await target.next()
  })

  test("the API's own Origin and Host checks are unchanged", async () => {
    const api = `${inspector.url}api/samples/user.new/send`
    const forged = await rawPost(api, { origin: 'https://evil.example', 'content-type': 'application/json' })
    expect(forged.status).toBe(403)
    expect(JSON.parse(forged.body)).toMatchObject({ error: 'forbidden_origin' })
  })
})

// A real browser on a page of another origin, as an attacker would have it. Skipped without Chromium
// locally; in CI (which installs it) it runs.
const skip = !hasChromium && !inCi
describe.skipIf(skip)('in headless Chromium, a page of another origin', { timeout: 30_000 }, () => {
  test('cannot get a delivery forwarded with a no-cors fetch or sendBeacon', async () => {
    const target = await startTargetApp()
    const inspector = await startInspector({ port: 0, uiDir: '/nonexistent', forward: target.url })
    const site = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>a site</title>')
    })
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`)
      const statuses = await page.evaluate(
        async ({ url, text }) => {
          const sent: string[] = []
          await fetch(url, { method: 'POST', mode: 'no-cors', body: new Blob([text]) })
          sent.push('fetch')
          // This runs in the page; the test's own types are Node's, which know no `navigator`.
          const { navigator } = globalThis as unknown as { navigator: Beacon }
          sent.push(String(navigator.sendBeacon(url, new Blob([text]))))
          return sent
        },
        { url: inspector.webhookUrl, text: body },
      )
      expect(statuses).toEqual(['fetch', 'true'])
      // The beacon goes out after the call returns: wait until both posts were answered.
      for (let tries = 0; tries < 50 && inspector.deliveries().length < 2; tries++)
        await new Promise((resolve) => setTimeout(resolve, 100))
      expect(inspector.deliveries().map((delivery) => delivery.status)).toEqual([403, 403])
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(target.received).toHaveLength(0)
    } finally {
      await browser.close()
      await new Promise((resolve) => site.close(resolve))
      await inspector.close()
      await target.close()
    }
  })
})
