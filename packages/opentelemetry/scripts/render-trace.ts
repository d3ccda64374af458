/**
 * Renders docs/trace.png: one real delivery through the node:http adapter, with @opentelemetry/instrumentation-http
 * and this package on, drawn as a trace viewer draws it (Jaeger does not install from npm or Debian).
 * Run: `pnpm --filter @blinger-webhooks/opentelemetry render-trace` (needs /usr/bin/chromium).
 */
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { blingerWebhooks } from '@blinger-webhooks/node'
import { context, SpanKind } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { hrTimeToMicroseconds } from '@opentelemetry/core'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { BlingerWebhooksInstrumentation } from '../src/index.js'

const token = 'render-trace-token-0123456789'
const spans = new InMemorySpanExporter()
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] })
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
registerInstrumentations({
  tracerProvider,
  instrumentations: [
    new HttpInstrumentation({ redactedQueryParamsServer: ['token'] }),
    new BlingerWebhooksInstrumentation(),
  ],
})
createRequire(import.meta.url)('node:http')
const tracer = tracerProvider.getTracer('app')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const hooks = blingerWebhooks({ token, path: '/webhooks/blinger' })
hooks.on('message.incoming', async () => {
  await tracer.startActiveSpan('INSERT messages', async (span) => {
    await sleep(6)
    span.end()
  })
  await tracer.startActiveSpan(
    'POST api.blinger.io send-message',
    { kind: SpanKind.CLIENT },
    async (span) => {
      await sleep(9)
      span.end()
    },
  )
})
const server = createServer((req, res) => hooks(req, res))
server.listen(0, '127.0.0.1')
await once(server, 'listening')
const address = server.address()
if (address === null || typeof address === 'string') throw new Error('no port')
const post = async (body: object) => {
  const response = await fetch(`http://127.0.0.1:${address.port}/webhooks/blinger?token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  await response.text()
}
const sample = FixtureByEventName['message.incoming']
// A first delivery warms the pipeline up (JIT, validators); the picture shows the second.
await post({ ...sample, message_id: 1 })
await sleep(50)
spans.reset()
await post(sample)
await sleep(50)
server.close()

const finished = spans.getFinishedSpans()
const root = finished.find((span) => span.parentSpanContext === undefined)
if (root === undefined) throw new Error('no root span')
const start = hrTimeToMicroseconds(root.startTime)
const total = hrTimeToMicroseconds(root.endTime) - start
const children = (parent: ReadableSpan) =>
  finished.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId)
const rows: { span: ReadableSpan; depth: number }[] = []
const walk = (span: ReadableSpan, depth: number) => {
  rows.push({ span, depth })
  for (const child of children(span)) walk(child, depth + 1)
}
walk(root, 0)

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
const kinds = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER']
const colour = (span: ReadableSpan) =>
  span.instrumentationScope.name === '@blinger-webhooks/opentelemetry'
    ? '#7b4fd6'
    : span.instrumentationScope.name === 'app'
      ? '#2a9d8f'
      : '#e07a2f'
const ms = (us: number) => `${(us / 1000).toFixed(2)} ms`
const bars = rows
  .map(({ span, depth }) => {
    const left = ((hrTimeToMicroseconds(span.startTime) - start) / total) * 100
    const width = Math.max(
      0.4,
      ((hrTimeToMicroseconds(span.endTime) - hrTimeToMicroseconds(span.startTime)) / total) * 100,
    )
    const duration = hrTimeToMicroseconds(span.endTime) - hrTimeToMicroseconds(span.startTime)
    return `<div class="row"><div class="name" style="padding-left:${12 + depth * 18}px"><span class="dot" style="background:${colour(span)}"></span>${escapeHtml(span.name)} <span class="kind">${kinds[span.kind]}</span><div class="scope">${escapeHtml(span.instrumentationScope.name)}</div></div><div class="lane"><div class="bar" style="left:${left}%;width:${width}%;background:${colour(span)}"></div><div class="dur" style="left:calc(${left + width}% + 6px)">${ms(duration)}</div></div></div>`
  })
  .join('\n')
const table = (span: ReadableSpan | undefined) =>
  span === undefined
    ? ''
    : `<h3>${escapeHtml(span.name)}</h3><table>${Object.entries(span.attributes)
        .map(([key, value]) => `<tr><td>${escapeHtml(key)}</td><td>${escapeHtml(String(value))}</td></tr>`)
        .join('')}</table>`
const ticks = [0, 0.25, 0.5, 0.75, 1]
  .map((f) => `<span style="left:${f * 100}%">${ms(total * f)}</span>`)
  .join('')
const html = `<!doctype html><meta charset="utf-8"><style>
body{font:13px system-ui,sans-serif;margin:0;background:#fff;color:#222;width:1200px}
header{background:#1f2430;color:#fff;padding:12px 16px;font-size:15px}header small{color:#aab;margin-left:12px}
.ticks{position:relative;height:22px;margin-left:420px;margin-right:90px;border-bottom:1px solid #ddd;color:#888;font-size:11px}
.ticks span{position:absolute;transform:translateX(-50%);top:4px}
.row{display:flex;border-bottom:1px solid #f0f0f0;height:40px;align-items:center}
.name{width:420px;box-sizing:border-box;white-space:nowrap;overflow:hidden}.scope{color:#999;font-size:11px;margin-left:14px}
.kind{color:#888;font-size:10px;border:1px solid #ccc;border-radius:3px;padding:0 3px;margin-left:4px}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px}
.lane{position:relative;flex:1;height:100%;margin-right:90px}.bar{position:absolute;top:13px;height:14px;border-radius:2px}
.dur{position:absolute;top:12px;font-size:11px;color:#555;white-space:nowrap}
.attrs{display:flex;gap:24px;padding:8px 16px}.attrs>div{flex:1}h3{font-size:13px;margin:8px 0}
table{border-collapse:collapse;width:100%;table-layout:fixed;word-break:break-all}td{border-bottom:1px solid #eee;padding:3px 6px;font-family:ui-monospace,monospace;font-size:11.5px}td:first-child{color:#666;width:45%}
</style><header>Trace ${root.spanContext().traceId.slice(0, 16)}… <small>${rows.length} spans · ${ms(total)} · one message.incoming delivery on node:http</small></header>
<div class="ticks">${ticks}</div>${bars}
<div class="attrs"><div>${table(finished.find((span) => span.name === 'blinger.webhook receive'))}</div><div>${table(finished.find((span) => span.name === 'blinger.webhook process'))}</div></div>`

const htmlFile = join(mkdtempSync(join(tmpdir(), 'trace-')), 'trace.html')
writeFileSync(htmlFile, html)
const png = fileURLToPath(new URL('../docs/trace.png', import.meta.url))
execFileSync('/usr/bin/chromium', [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--hide-scrollbars',
  `--screenshot=${png}`,
  '--window-size=1200,520',
  `file://${htmlFile}`,
])
console.log(`Wrote ${png}`)
process.exit(0)
