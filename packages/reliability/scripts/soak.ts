/**
 * The soak run (`pnpm soak`): sustained deliveries mixed with bad input through a real adapter on loopback,
 * for about 60 s. Checks that every 200 was handled exactly once and that memory stays flat; exits non-zero
 * when either fails. Run with `--expose-gc` (the package script does) so memory is read after a full GC.
 *
 * Environment: SOAK_SECONDS (total, default 60), SOAK_STACK (node | express | express4 | koa | fastify,
 * default express), SOAK_CONCURRENCY (default 16), SOAK_MAX_HEAP_GROWTH_MB (default 8),
 * SOAK_MAX_RSS_GROWTH_MB (default 48).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { gzipSync } from 'node:zlib'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import {
  hookPath,
  rawRequest,
  requestHead,
  type Stack,
  settledMemory,
  stacks,
  startApp,
  uniqueDelivery,
} from '../test/support/index.js'

const seconds = Number(process.env.SOAK_SECONDS ?? 60)
const stack = (process.env.SOAK_STACK ?? 'express') as Stack
const concurrency = Number(process.env.SOAK_CONCURRENCY ?? 16)
const maxHeapGrowth = Number(process.env.SOAK_MAX_HEAP_GROWTH_MB ?? 8)
const maxRssGrowth = Number(process.env.SOAK_MAX_RSS_GROWTH_MB ?? 48)
if (!stacks.includes(stack))
  throw new Error(`[@blinger-webhooks/reliability] SOAK_STACK must be one of ${stacks.join(', ')}`)
if ((globalThis as { gc?: unknown }).gc === undefined)
  console.warn(
    '[@blinger-webhooks/reliability] Run with --expose-gc (pnpm soak does): memory is read without a full GC.',
  )

const token = 'soak-token-0d6b1e8c4a2f'
const limit = 256 * 1024
const readTimeout = 500
const warmup = Math.min(10, seconds * 0.15) * 1000
const mebibyte = 1024 * 1024

// Bookkeeping sized up front, so the harness itself does not grow during the measured window.
const capacity = 4_000_000
const handled = new Uint8Array(capacity) // successful handler runs per delivery marker
const accepted = new Uint8Array(capacity) // 1 once a delivery got its 200
const failFirst = new Uint8Array(capacity) // 1: the handler fails on the first run of this marker
const recent = new Int32Array(1024) // recently accepted markers, for resending duplicates
let recentCount = 0
let nextMarker = 1

const counts = {
  requests: 0,
  delivered: 0,
  duplicates: 0,
  handlerFailures: 0,
  refused: 0,
  unknownSent: 0,
  unknownEmitted: 0,
  slowCutOff: 0,
  resets: 0,
  unexpected: 0,
}
const unexpected: string[] = []

const samples: string[] = []
async function sampleMemory(until: number): Promise<void> {
  while (performance.now() < until - 5000) {
    await sleep(5000)
    const { rss, heapUsed } = settledMemory()
    samples.push(`${(rss / mebibyte).toFixed(0)}/${(heapUsed / mebibyte).toFixed(0)}`)
  }
}

const app = await startApp(stack, { token, limit, readTimeout, handlerTimeout: 5000 })
app.hooks.on('message.incoming', (event) => {
  const marker = event.payload.message.id
  if (failFirst[marker] === 1) {
    failFirst[marker] = 0
    throw new Error('failing once, as a flaky database would')
  }
  handled[marker] = (handled[marker] ?? 0) + 1
})
app.hooks.on('unknown', () => {
  counts.unknownEmitted += 1
})
app.hooks.on('error', () => {})

const url = `${app.origin}${hookPath}?token=${token}`
const oversize = Buffer.alloc(limit + 1024, 0x20)
const gzipped = gzipSync(JSON.stringify(FixtureByEventName['user.new']))
const invalid = JSON.stringify({ ...FixtureByEventName['user.new'], user: 'not an object' })
const brokenUtf8 = Buffer.concat([
  Buffer.from('{"webhook":"on_user_new","x":"'),
  Buffer.from([0xff]),
  Buffer.from('"}'),
])

async function send(
  body: string | Uint8Array,
  init: { url?: string; headers?: Record<string, string>; method?: string } = {},
) {
  counts.requests += 1
  const response = await fetch(init.url ?? url, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.method === 'GET' ? {} : { body }),
    signal: AbortSignal.timeout(10_000),
  })
  await response.arrayBuffer()
  return response.status
}

function expect(kind: string, status: number, wanted: number) {
  if (status === wanted) return true
  counts.unexpected += 1
  if (unexpected.length < 20) unexpected.push(`${kind}: ${status}, expected ${wanted}`)
  return false
}

/** One request of a kind picked by weight. */
async function step(): Promise<void> {
  const roll = Math.random() * 100
  if (roll < 60 || recentCount === 0) {
    const marker = nextMarker++
    if (expect('delivery', await send(uniqueDelivery(marker)), 200)) {
      accepted[marker] = 1
      recent[recentCount++ % recent.length] = marker
      counts.delivered += 1
    }
  } else if (roll < 68) {
    const marker = recent[Math.floor(Math.random() * Math.min(recentCount, recent.length))] as number
    if (expect('duplicate', await send(uniqueDelivery(marker)), 200)) counts.duplicates += 1
  } else if (roll < 73) {
    // Fails once (500), then Blinger's retry succeeds: handled exactly once in the end.
    const marker = nextMarker++
    failFirst[marker] = 1
    if (expect('failing handler', await send(uniqueDelivery(marker)), 500)) counts.handlerFailures += 1
    if (expect('retry', await send(uniqueDelivery(marker)), 200)) {
      accepted[marker] = 1
      counts.delivered += 1
    }
  } else if (roll < 77) {
    if (expect('malformed', await send('{"webhook":'), 400)) counts.refused += 1
  } else if (roll < 81) {
    if (
      expect(
        'wrong token',
        await send(uniqueDelivery(0), { url: `${app.origin}${hookPath}?token=nope` }),
        401,
      )
    )
      counts.refused += 1
  } else if (roll < 85) {
    if (expect('schema', await send(invalid), 422)) counts.refused += 1
  } else if (roll < 88) {
    // Refused at the limit; the reset that closes the socket sometimes overtakes the 413.
    try {
      if (expect('oversize', await send(oversize), 413)) counts.refused += 1
    } catch {
      counts.resets += 1
    }
  } else if (roll < 91) {
    if (expect('gzip', await send(gzipped, { headers: { 'content-encoding': 'gzip' } }), 415))
      counts.refused += 1
  } else if (roll < 94) {
    if (expect('unknown webhook', await send(`{"webhook":"on_soak_unknown","n":${nextMarker++}}`), 200))
      counts.unknownSent += 1
  } else if (roll < 97) {
    if (expect('invalid utf-8', await send(brokenUtf8), 400)) counts.refused += 1
  } else if (expect('GET', await send('', { method: 'GET' }), 405)) counts.refused += 1
}

/** A client that trickles its body, always one at a time: cut off by readTimeout. */
async function slowClient(until: number): Promise<void> {
  while (performance.now() < until) {
    counts.requests += 1
    const head = requestHead(`${hookPath}?token=${token}`, {
      'content-type': 'application/json',
      'content-length': 4096,
    })
    async function* trickle() {
      for (let i = 0; i < 100; i++) {
        yield ' '
        await sleep(100)
      }
    }
    const response = await rawRequest(app.port, head, trickle(), { timeout: readTimeout * 4, linger: 0 })
    if (expect('slow body', response.status, 408)) counts.slowCutOff += 1
  }
}

async function run(ms: number): Promise<void> {
  const until = performance.now() + ms
  const worker = async () => {
    while (performance.now() < until) {
      try {
        await step()
      } catch (error) {
        counts.unexpected += 1
        if (unexpected.length < 20) unexpected.push(`network: ${String(error)}`)
      }
    }
  }
  await Promise.all([...Array.from({ length: concurrency }, worker), slowClient(until), sampleMemory(until)])
}

const format = (bytes: number) => `${(bytes / mebibyte).toFixed(1)} MB`

console.log(
  `soak: ${stack} adapter, ${seconds} s (${warmup / 1000} s warm-up), ${concurrency} clients, loopback`,
)
await run(warmup)
const warmCounts = { ...counts }
const before = settledMemory()
const started = performance.now()
await run(seconds * 1000 - warmup)
const elapsed = (performance.now() - started) / 1000
await sleep(100) // late handler runs, if any
const after = settledMemory()
await app.close()

let lost = 0
let twice = 0
for (let marker = 1; marker < nextMarker; marker++) {
  if (accepted[marker] === 1 && handled[marker] !== 1) lost += handled[marker] === 0 ? 1 : 0
  if ((handled[marker] ?? 0) > 1) twice += 1
}
const heapGrowth = (after.heapUsed - before.heapUsed) / mebibyte
const rssGrowth = (after.rss - before.rss) / mebibyte
const measured = counts.requests - warmCounts.requests

console.log(`requests        ${counts.requests} (${Math.round(measured / elapsed)}/s after warm-up)`)
console.log(
  `deliveries      ${counts.delivered} accepted (200), each handled exactly once: ${lost === 0 && twice === 0 ? 'yes' : 'NO'}`,
)
console.log(`duplicates      ${counts.duplicates} answered 200, not handled again`)
console.log(`failures        ${counts.handlerFailures} handler failures (500, then retried and handled once)`)
console.log(`refused         ${counts.refused} bad requests refused as expected (400/401/405/413/415/422)`)
console.log(
  `slow bodies     ${counts.slowCutOff} cut off at readTimeout (408); ${counts.resets} resets before a 413 was read`,
)
console.log(`unknown         ${counts.unknownEmitted} of ${counts.unknownSent} unknown webhooks emitted`)
console.log(`memory samples  ${samples.join(' ')} (MB rss/heap, every 5 s after a GC)`)
console.log(
  `unexpected      ${counts.unexpected}${unexpected.length > 0 ? `: ${unexpected.join('; ')}` : ''}`,
)
console.log(`lost / twice    ${lost} / ${twice}`)
console.log(
  `rss             ${format(before.rss)} → ${format(after.rss)} (${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)} MB, bound ${maxRssGrowth})`,
)
console.log(
  `heap used       ${format(before.heapUsed)} → ${format(after.heapUsed)} (${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} MB, bound ${maxHeapGrowth})`,
)

const failed =
  lost > 0 ||
  counts.unknownEmitted !== counts.unknownSent ||
  twice > 0 ||
  counts.unexpected > 0 ||
  heapGrowth > maxHeapGrowth ||
  rssGrowth > maxRssGrowth
console.log(failed ? 'soak: FAILED' : 'soak: passed')
process.exitCode = failed ? 1 : 0
