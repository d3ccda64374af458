import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { get as httpGet } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eventNames } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Delivery, DeliverySummary, InspectorInfo, SendResult } from '../src/delivery-types.js'
import { type Inspector, startInspector } from '../src/start-inspector.js'
import { buildUiForTest } from './support/build-ui-for-test.js'
import { startTargetApp } from './support/start-target-app.js'

type TargetApp = Awaited<ReturnType<typeof startTargetApp>>

const json = { 'content-type': 'application/json' }

function post(url: string, body: unknown, headers: Record<string, string> = json): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })
}

/** A GET with a chosen Host header, which fetch does not allow to set. */
function getWithHost(url: string, host: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers: { host } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 0 })),
      )
    })
    request.on('error', reject)
  })
}

/** Reads SSE messages from `/api/events` until `count` of them have arrived. */
async function readEvents(url: string, count: number, act: () => Promise<unknown>) {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), 5000)
  const response = await fetch(url, { signal: controller.signal })
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const messages: { event: string; data: unknown }[] = []
  let text = ''
  let acted = false
  try {
    while (messages.length < count) {
      const step = await reader.read()
      if (step.done) break
      text += new TextDecoder().decode(step.value)
      for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n')) {
        const block = text.slice(0, end)
        text = text.slice(end + 2)
        const event = /^event: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (event !== undefined && data !== undefined) messages.push({ event, data: JSON.parse(data) })
      }
      if (!acted && messages.length > 0) {
        acted = true
        await act()
      }
    }
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
  return messages
}

describe('startInspector', () => {
  let ui: Awaited<ReturnType<typeof buildUiForTest>>
  let target: TargetApp
  let inspector: Inspector
  let recordDir: string
  let api: string

  beforeAll(async () => {
    ui = await buildUiForTest()
    target = await startTargetApp()
    recordDir = await mkdtemp(join(tmpdir(), 'blinger-inspector-record-'))
    inspector = await startInspector({
      port: 0,
      uiDir: ui.dir,
      forward: target.url,
      record: join(recordDir, 'deliveries.ndjson'),
      max: 50,
      sendTimeout: 3000,
    })
    api = `${inspector.url}api`
  })

  afterAll(async () => {
    await inspector?.close()
    await target?.close()
    await ui?.remove()
    if (recordDir !== undefined) await rm(recordDir, { recursive: true, force: true })
  })

  test('serves the page and its bundle, with no CDN in sight', async () => {
    const page = await fetch(inspector.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await page.text()
    expect(html).toContain('/assets/app.js')
    expect(html).not.toMatch(/(src|href)="https?:/)
    const script = await fetch(`${inspector.url}assets/app.js`)
    expect(script.headers.get('content-type')).toContain('text/javascript')
    expect((await fetch(`${inspector.url}assets/nope.js`)).status).toBe(404)
  })

  test('answers a delivery as the core does, records its outcome, forwards and records it', async () => {
    const forwarded = target.next()
    const response = await post(inspector.webhookUrl, FixtureByEventName['message.incoming'])
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })

    const [latest] = inspector.deliveries()
    expect(latest).toMatchObject({
      method: 'POST',
      path: '/webhooks/blinger',
      status: 200,
      name: 'message.incoming',
      webhook: 'on_message_incoming',
      duplicate: false,
      invalid: false,
      issues: [],
      unknownFields: [],
      error: null,
      payload: FixtureByEventName['message.incoming'],
    })
    expect(latest?.id).toMatch(/^[0-9a-f]{64}$/)
    expect(latest?.size).toBe(Buffer.byteLength(JSON.stringify(FixtureByEventName['message.incoming'])))

    const relayed = await forwarded
    expect(JSON.parse(relayed.body)).toEqual(FixtureByEventName['message.incoming'])
    await expect.poll(() => inspector.deliveries()[0]?.forward?.status, { timeout: 3000 }).toBe(200)

    const recorded = (await readFile(join(recordDir, 'deliveries.ndjson'), 'utf8')).trim().split('\n')
    expect(JSON.parse(recorded.at(-1) ?? '')).toMatchObject({
      name: 'message.incoming',
      webhook: 'on_message_incoming',
      payload: FixtureByEventName['message.incoming'],
    })
  })

  test('accepts an invalid payload (lenient), flagged, with the failing paths and the drift', async () => {
    const payload = structuredClone(FixtureByEventName['user.new']) as Record<string, unknown> & {
      user: Record<string, unknown>
    }
    payload.user.id = 'not a number'
    payload.user.email = 'ann@example.com'
    const response = await post(inspector.webhookUrl, payload)
    expect(response.status).toBe(200)
    const [latest] = inspector.deliveries()
    expect(latest).toMatchObject({
      name: 'user.new',
      invalid: true,
      issues: [{ path: '/user/id', message: expect.any(String) }],
      issueCount: 1,
      unknownFields: ['/user/email'],
      unknownFieldCount: 1,
    })
  })

  test('keeps the outcomes of concurrent requests apart', async () => {
    const names = ['user.new', 'message.outgoing', 'comment.outgoing', 'conversation.unassigned'] as const
    const sent = names.flatMap((name, index) => {
      const valid = { ...FixtureByEventName[name], run: index }
      // The first field after `webhook` is an integer or an object in every sample: a string breaks it.
      const broken = Object.keys(FixtureByEventName[name]).find((key) => key !== 'webhook') ?? ''
      const invalid = { ...FixtureByEventName[name], [broken]: 'broken', run: `x${index}` }
      return [valid, invalid]
    })
    const before = inspector.deliveries().length
    await Promise.all(sent.map((payload) => post(inspector.webhookUrl, payload)))
    const got = inspector.deliveries().slice(0, inspector.deliveries().length - before)
    expect(got).toHaveLength(sent.length)
    for (const delivery of got) {
      const payload = delivery.payload as { webhook: string; run: unknown }
      expect(delivery.webhook).toBe(payload.webhook)
      expect(delivery.invalid).toBe(typeof payload.run === 'string')
      expect(delivery.issueCount > 0).toBe(delivery.invalid)
      expect(delivery.unknownFields).toContain('/run')
    }
  })

  test('flags a duplicate', async () => {
    const body = JSON.stringify({ ...FixtureByEventName['comment.incoming'], conversation_id: 424242 })
    await post(inspector.webhookUrl, body)
    const again = await post(inspector.webhookUrl, body)
    expect(await again.json()).toEqual({ ok: true, duplicate: true })
    const [second, first] = inspector.deliveries()
    expect(second?.response.body).toBe('{"ok":true,"duplicate":true}')
    expect(first?.duplicate).toBe(false)
    expect(second?.duplicate).toBe(true)
    expect(second?.id).toBe(first?.id)
  })

  test('records refused requests too, with the status and error the core chose', async () => {
    expect((await post(inspector.webhookUrl, '{not json')).status).toBe(400)
    expect(inspector.deliveries()[0]).toMatchObject({
      status: 400,
      error: 'invalid_json',
      name: null,
      body: '{not json',
      payload: null,
    })
    expect((await post(inspector.webhookUrl, '{}', { 'content-type': 'text/plain' })).status).toBe(415)
    expect(inspector.deliveries()[0]).toMatchObject({ status: 415, error: 'unsupported_media_type' })
    const unknown = await post(`${inspector.url}any/path`, { webhook: 'on_chat_rated', rating: 5 })
    expect(unknown.status).toBe(200)
    expect(inspector.deliveries()[0]).toMatchObject({ name: 'unknown', path: '/any/path', unknownFields: [] })
    expect((await fetch(inspector.webhookUrl)).status).toBe(405)
    expect((await fetch(`${inspector.url}favicon.ico`)).status).toBe(404)
  })

  test('refuses a body over the limit with 413 and keeps at most the limit', async () => {
    const small = await startInspector({ port: 0, uiDir: ui.dir, limit: 64 })
    try {
      const response = await post(small.webhookUrl, { ...FixtureByEventName['user.new'] })
      expect(response.status).toBe(413)
      const [latest] = small.deliveries()
      expect(latest?.status).toBe(413)
      expect(Buffer.byteLength(latest?.body ?? '')).toBeLessThanOrEqual(64)
    } finally {
      await small.close()
    }
  })

  test('GET /api/deliveries lists full deliveries newest first, filtered by event', async () => {
    const all = (await (await fetch(`${api}/deliveries`)).json()) as { deliveries: Delivery[] }
    expect(all.deliveries.map((delivery) => delivery.seq)).toEqual(inspector.deliveries().map((d) => d.seq))
    const filtered = (await (await fetch(`${api}/deliveries?event=user.new&limit=1`)).json()) as {
      deliveries: Delivery[]
    }
    expect(filtered.deliveries).toHaveLength(1)
    expect(filtered.deliveries[0]).toMatchObject({ name: 'user.new' })
    expect((await fetch(`${api}/deliveries?limit=-1`)).status).toBe(400)
    const first = inspector.deliveries().at(-1)
    const one = (await (await fetch(`${api}/deliveries/${first?.seq}`)).json()) as Delivery
    expect(one.seq).toBe(first?.seq)
    expect((await fetch(`${api}/deliveries/999999`)).status).toBe(404)
  })

  test('GET /api/events sends a snapshot, then each new delivery as it arrives', async () => {
    const messages = await readEvents(`${api}/events`, 2, () =>
      post(inspector.webhookUrl, FixtureByEventName['conversation.closed']),
    )
    expect(messages[0]?.event).toBe('snapshot')
    expect(messages[1]?.event).toBe('delivery')
    const summary = messages[1]?.data as DeliverySummary & { body?: unknown }
    expect(summary).toMatchObject({ name: 'conversation.closed', status: 200 })
    expect(summary.body).toBeUndefined()
  })

  test('replays a delivery to a target and reports its status and time', async () => {
    const [latest] = inspector.deliveries()
    const received = target.next()
    const response = await post(`${api}/deliveries/${latest?.seq}/replay`, { target: target.url })
    expect(response.status).toBe(200)
    const result = (await response.json()) as SendResult
    expect(result).toMatchObject({ target: target.url, status: 200, body: '{"handled":true}', error: null })
    expect(result.ms).toBeGreaterThanOrEqual(0)
    expect((await received).body).toBe(latest?.body)
  })

  test('sends any of the eight samples, to the forward target when none is given', async () => {
    const received = target.next()
    const response = await post(`${api}/samples/user.new/send`, {})
    expect(((await response.json()) as SendResult).status).toBe(200)
    expect(JSON.parse((await received).body)).toEqual(FixtureByEventName['user.new'])
    expect((await post(`${api}/samples/user.deleted/send`, {})).status).toBe(404)
  })

  test('reports an unreachable target as a result, not a failure', async () => {
    const closed = await startTargetApp()
    await closed.close()
    const response = await post(`${api}/samples/user.new/send`, { target: closed.url })
    const result = (await response.json()) as SendResult
    expect(result.status).toBeNull()
    expect(result.error).toContain('Connection refused')
  })

  test('answers bad API calls with a clear status and a short JSON error', async () => {
    const cases: [Promise<Response>, number, string][] = [
      [post(`${api}/samples/user.new/send`, { target: 'file:///etc/passwd' }), 400, 'invalid_target'],
      [post(`${api}/samples/user.new/send`, { target: 42 }), 400, 'invalid_target'],
      [post(`${api}/samples/user.new/send`, '{nope'), 400, 'invalid_json'],
      [
        post(`${api}/samples/user.new/send`, '{}', { 'content-type': 'text/plain' }),
        415,
        'unsupported_media_type',
      ],
      [post(`${api}/samples/user.new/send`, { target: 'x'.repeat(70_000) }), 413, 'payload_too_large'],
      [post(`${api}/deliveries/999999/replay`, {}), 404, 'not_found'],
      [fetch(`${api}/samples/user.new/send`), 405, 'method_not_allowed'],
      [post(`${api}/deliveries`, {}), 405, 'method_not_allowed'],
      [fetch(`${api}/nothing`), 404, 'not_found'],
      [getWithHost(`${api}/info`, 'rebound.example:4000'), 403, 'forbidden_host'],
      [
        post(`${api}/samples/user.new/send`, {}, { ...json, origin: 'https://evil.example' }),
        403,
        'forbidden_origin',
      ],
    ]
    for (const [pending, status, error] of cases) {
      const response = await pending
      expect(response.status, error).toBe(status)
      expect(((await response.json()) as { error: string }).error).toBe(error)
    }
  })

  test('without a forward target, replay and samples ask for one', async () => {
    const bare = await startInspector({ port: 0, uiDir: ui.dir })
    try {
      const response = await post(`${bare.url}api/samples/user.new/send`, {})
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: 'no_target' })
      const info = (await (await fetch(`${bare.url}api/info`)).json()) as InspectorInfo
      expect(info).toMatchObject({ webhookUrl: bare.webhookUrl, forward: null, max: 500 })
      expect(info.samples).toEqual(eventNames)
    } finally {
      await bare.close()
    }
  })

  test('with a token, webhooks need it; on loopback the page does not', async () => {
    const guarded = await startInspector({ port: 0, uiDir: ui.dir, token: 's3cret' })
    try {
      expect(guarded.webhookUrl).toContain('?token=s3cret')
      const bare = guarded.webhookUrl.replace('?token=s3cret', '')
      expect((await post(bare, FixtureByEventName['user.new'])).status).toBe(401)
      expect(guarded.deliveries()[0]).toMatchObject({ status: 401, error: 'unauthorized', body: '' })
      expect((await post(guarded.webhookUrl, FixtureByEventName['user.new'])).status).toBe(200)
      expect(guarded.url).not.toContain('token')
      expect((await fetch(guarded.url)).status).toBe(200)
    } finally {
      await guarded.close()
    }
  })

  test('without a built page, still receives and explains how to build it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'blinger-inspector-empty-'))
    const unbuilt = await startInspector({ port: 0, uiDir: empty })
    try {
      const page = await fetch(unbuilt.url)
      expect(page.status).toBe(503)
      expect(await page.text()).toContain('pnpm --filter @blinger-webhooks/inspector build')
      expect((await post(unbuilt.webhookUrl, FixtureByEventName['user.new'])).status).toBe(200)
    } finally {
      await unbuilt.close()
      await rm(empty, { recursive: true, force: true })
    }
  })

  test('fails to start with a clear error when the record file cannot be written', async () => {
    await expect(
      startInspector({ port: 0, uiDir: ui.dir, record: join(recordDir, 'missing-dir', 'x.ndjson') }),
    ).rejects.toThrow('[@blinger-webhooks/inspector] Cannot record to')
  })

  test('fails to start with a clear error when the port is taken', async () => {
    await expect(startInspector({ port: inspector.port, uiDir: ui.dir })).rejects.toThrow(
      `[@blinger-webhooks/inspector] The inspector did not start: port ${inspector.port} is in use`,
    )
  })

  test('close() ends open event streams and is safe to call twice', async () => {
    const closing = await startInspector({ port: 0, uiDir: ui.dir })
    const events = await fetch(`${closing.url}api/events`)
    const reader = (events.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await Promise.all([closing.close(), closing.close()])
    const rest = await reader.read().catch(() => ({ done: true }))
    expect(rest.done).toBe(true)
  })
})
