import { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import { createReceiver, type ReceiverOptions } from '@blinger-webhooks/core'
import { median, orderOf, quantile, rateOf } from './measure.js'
import { benchRequest, smallTemplate, stamp, token } from './payloads.js'

/** Settings of the floor bench: short slices, the rungs taking turns, so each step pairs within a round. */
export interface FloorSettings {
  readonly rounds: number
  readonly ms: number
  readonly warmupMs: number
}

/** One rung of the ladder: its CPU per delivery, and what it adds to the rung below, paired per round. */
export interface FloorRow {
  readonly rung: string
  readonly cpuNsPerOp: number
  /** CPU ns this rung adds to the one before it: median over rounds, and quartiles. */
  readonly addedNs: { median: number; low: number; high: number }
}

interface Rung {
  readonly name: string
  /** `undefined`: the bare floor, no receiver. */
  readonly options?: Partial<ReceiverOptions>
  readonly listener?: boolean
}

// Each rung adds one feature to the one above, ending at default options with one async listener (the
// headline case, what `-ours` runs over HTTP), then the silence alarm. Alarms stay off below the rung that adds
// the default one, so each rung's difference is its own feature.
const rungs: readonly Rung[] = [
  { name: 'bare: the same request, its stream read, JSON.parse, a response' },
  {
    name: '+ handle(): method, content type, read, parse checks, shape, event, answer',
    options: { allowUnauthenticated: true, validation: 'off', dedupe: false, alerts: false },
  },
  { name: '+ token check', options: { token, validation: 'off', dedupe: false, alerts: false } },
  { name: '+ strict schema validation', options: { token, dedupe: false, alerts: false } },
  {
    name: '+ one async listener (dispatch, await, handlerTimeout)',
    options: { token, dedupe: false, alerts: false },
    listener: true,
  },
  {
    name: '+ dedupe: sha256 id, memory store claim and confirm',
    options: { token, alerts: false },
    listener: true,
  },
  { name: '+ unauthorized alarm watch (defaults)', options: { token }, listener: true },
  {
    name: '+ silence alarm (alerts.silenceAfter: the time stored, no timer per request)',
    options: { token, alerts: { silenceAfter: 30 * 60_000 } },
    listener: true,
  },
]

const ok = {
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: '{"ok":true}',
}

/**
 * The adapter's path in process, one feature at a time: each rung is `handle()` with a fresh stream and response
 * per request (as the Node adapters pass them) and one more feature than the rung before; the first is what a
 * bare route does with the same stream. Rungs take turns in short slices and every step is paired within a
 * round, so the column of differences is the floor, step by step, that an adapter adds to its bare framework.
 */
export async function runFloorBench(settings: FloorSettings): Promise<FloorRow[]> {
  const template = smallTemplate()
  const { body: _body, ...head } = benchRequest(template.body)
  // Both sides get the same request: a fresh stream and response, which a server builds for bare and ours alike
  // (the response alone, an EventEmitter, costs about 4 µs here).
  const requestOf = (i: number) => {
    const stream = new Readable({ read() {} })
    stream.push(stamp(template, i))
    stream.push(null)
    const response = Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false })
    return { ...head, stream, response }
  }
  const steps = rungs.map((rung): ((i: number) => unknown) => {
    if (rung.options === undefined)
      return (i) =>
        new Promise((resolve) => {
          const { stream } = requestOf(i)
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('end', () => {
            JSON.parse(Buffer.concat(chunks).toString('utf8'))
            resolve(ok)
          })
        })
    const receiver = createReceiver(rung.options as ReceiverOptions)
    if (rung.listener === true) receiver.on('message.incoming', async () => {})
    return (i) => receiver.handle(requestOf(i))
  })
  const costs: number[][] = rungs.map(() => [])
  for (let round = 0; round < settings.rounds; round++) {
    for (const index of orderOf(
      rungs.map((_, at) => at),
      round,
    )) {
      const rate = await rateOf(steps[index] as (i: number) => unknown, settings.ms, settings.warmupMs)
      costs[index]?.push(rate.cpuNs)
    }
  }
  return rungs.map((rung, index) => {
    const own = costs[index] as number[]
    const below = index === 0 ? own.map(() => 0) : (costs[index - 1] as number[])
    const added = own.map((cost, round) => cost - (below[round] as number))
    return {
      rung: rung.name,
      cpuNsPerOp: median(own),
      addedNs: { median: median(added), low: quantile(added, 0.25), high: quantile(added, 0.75) },
    }
  })
}
