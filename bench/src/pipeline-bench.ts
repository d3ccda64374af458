import { hash } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createReceiver, type ReceiverOptions } from '@blinger-webhooks/core'
import { build } from 'esbuild'
import { median, orderOf, type Rate, rateOf } from './measure.js'
import { benchRequest, largeTemplate, smallTemplate, stamp, type Template, token } from './payloads.js'
import type { DeliveryShape } from './steps.js'

type Size = 'small' | 'large'
const nameBySize = { small: 'message.incoming', large: 'conversation.closed' } as const

/** The in-process headline: default options, one async listener, a stream and a response as adapters pass. */
export const headline = 'handle(), defaults, stream + response'

/** Settings of one pipeline run. */
export interface PipelineSettings {
  readonly rounds: number
  /** Measured milliseconds per case and round for `handle()` and the ceiling; steps get half. */
  readonly ms: number
  readonly warmupMs: number
}

/** One measured case: the median of its rounds. */
export interface PipelineRow {
  readonly case: string
  readonly payload: string
  readonly bytes: number
  readonly opsPerSec: number
  readonly nsPerOp: number
  /** CPU time per operation: steadier than wall time when other processes share the machine. */
  readonly cpuNsPerOp: number
  readonly rounds: readonly number[]
}

/** The in-process figures: `handle()` with validation on and off, the ceiling, and each step's share. */
export interface PipelineResult {
  readonly rows: readonly PipelineRow[]
  /** CPU nanoseconds per delivery of each step, timed alone, and its share of a strict `handle()`. */
  readonly steps: Record<Size, readonly { step: string; cpuNsPerOp: number; share: number }[]>
}

interface Case {
  readonly name: string
  readonly size: Size
  readonly kind: 'handle' | 'ceiling' | 'step'
  readonly run: () => (i: number) => unknown
}

/** How a `handle()` case calls it. */
interface HandleSetup {
  /** `stream`: a fresh Readable and response per request, as the Node adapters pass; `buffer`: a raw Buffer body, as after `express.raw()`. */
  readonly body: 'stream' | 'buffer'
  readonly options: Partial<ReceiverOptions>
}

/** `handle()` on a new delivery every time (its counter rewritten), with one async listener. */
function handleCase(template: Template, size: Size, setup: HandleSetup): () => (i: number) => unknown {
  return () => {
    const receiver = createReceiver({ token, ...setup.options })
    receiver.on(nameBySize[size], async () => {})
    const req = benchRequest(template.body)
    if (setup.body === 'buffer')
      return (i) => {
        stamp(template, i)
        return receiver.handle(req)
      }
    const { body: _body, ...head } = req
    return (i) => {
      const stream = new Readable({ read() {} })
      stream.push(stamp(template, i))
      stream.push(null)
      const response = Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false })
      return receiver.handle({ ...head, stream, response })
    }
  }
}

type Steps = typeof import('./steps.js')

/** Core's internal steps: from source with `start:source`, else bundled the way tsup builds core. */
async function loadSteps(fromSource: boolean): Promise<Steps> {
  if (fromSource) return import('./steps.js')
  const outfile = fileURLToPath(new URL('../.cache/steps.mjs', import.meta.url))
  await build({
    entryPoints: [fileURLToPath(new URL('./steps.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  })
  return (await import(pathToFileURL(outfile).href)) as Steps
}

function cases(small: Template, large: Template, steps: Steps): Case[] {
  const {
    createAuthCheck,
    createEvent,
    createMemoryStore,
    Delivery,
    deliveryId,
    dispatch,
    groupOf,
    parseJson,
  } = steps
  const { TypedEmitter, validatePayload, ValidatorByEventName } = steps
  const list: Case[] = []
  for (const [size, template] of [
    ['small', small],
    ['large', large],
  ] as const) {
    const name = nameBySize[size]
    const validator = ValidatorByEventName[name]
    list.push(
      {
        name: headline,
        size,
        kind: 'handle',
        run: handleCase(template, size, { body: 'stream', options: {} }),
      },
      {
        name: 'handle(), defaults, Buffer body',
        size,
        kind: 'handle',
        run: handleCase(template, size, { body: 'buffer', options: {} }),
      },
      {
        name: 'handle(), dedupe off, Buffer body',
        size,
        kind: 'handle',
        run: handleCase(template, size, { body: 'buffer', options: { dedupe: false } }),
      },
      {
        name: 'handle(), validation off, Buffer body',
        size,
        kind: 'handle',
        run: handleCase(template, size, { body: 'buffer', options: { validation: 'off' } }),
      },
      {
        name: 'ceiling: JSON.parse + compiled Check',
        size,
        kind: 'ceiling',
        run: () => (i) => {
          if (!validator.Check(JSON.parse(stamp(template, i).toString('utf8'))))
            throw new Error('invalid sample')
        },
      },
    )
    // Each step alone, on the same bytes and the value they parse to.
    const parsed = parseJson(template.body)
    if (!parsed.ok) throw new Error('the sample does not parse')
    const value = parsed.value as DeliveryShape
    const checkAuth = createAuthCheck([token])
    const req = benchRequest(template.body)
    const ids = Array.from({ length: 20_000 }, (_, n) => hash('sha256', `${size}-${n}`, 'hex'))
    const emitter = new TypedEmitter()
    emitter.on(name, () => {})
    const names = [name, groupOf(name), '*'] as const
    list.push(
      { name: 'step: auth (?token=)', size, kind: 'step', run: () => () => checkAuth(req) },
      { name: 'step: JSON parse', size, kind: 'step', run: () => (i) => parseJson(stamp(template, i)) },
      {
        name: 'step: delivery id (sha256)',
        size,
        kind: 'step',
        run: () => (i) => deliveryId(stamp(template, i)),
      },
      { name: 'step: validation', size, kind: 'step', run: () => () => validatePayload(name, value) },
      {
        name: 'step: dedupe (memory store claim)',
        size,
        kind: 'step',
        run: () => {
          const store = createMemoryStore()
          return (i) => store.claim(ids[i % ids.length] as string, 600_000)
        },
      },
      {
        name: 'step: event + dispatch',
        size,
        kind: 'step',
        run: () => {
          const delivery = new Delivery(undefined, undefined, undefined, 'id')
          delivery.name = name
          delivery.payload = value
          return () => dispatch(emitter, names, createEvent(delivery) as never)
        },
      },
    )
  }
  return list
}

/** Runs every case `rounds` times, in alternating order, and keeps the median. */
export async function runPipelineBench(
  settings: PipelineSettings,
  fromSource: boolean,
): Promise<PipelineResult> {
  const small = smallTemplate()
  const large = largeTemplate()
  const all = cases(small, large, await loadSteps(fromSource))
  const rates = new Map<Case, Rate[]>(all.map((c) => [c, []]))
  for (let round = 0; round < settings.rounds; round++) {
    for (const c of orderOf(all, round)) {
      const ms = c.kind === 'step' ? settings.ms / 2 : settings.ms
      // Large payloads take milliseconds each: give them as many deliveries as the time allows.
      rates.get(c)?.push(await rateOf(c.run(), ms, settings.warmupMs))
    }
  }
  const rows: PipelineRow[] = all.map((c) => {
    const list = rates.get(c) ?? []
    const ops = median(list.map((r) => r.ops))
    return {
      case: c.name,
      payload: nameBySize[c.size],
      bytes: (c.size === 'small' ? small : large).body.length,
      opsPerSec: ops,
      nsPerOp: 1e9 / ops,
      cpuNsPerOp: median(list.map((r) => r.cpuNs)),
      rounds: list.map((r) => Math.round(r.ops)),
    }
  })
  // Shares use CPU time: on a busy machine, wall time swings between cases more than CPU time does.
  const steps = { small: [], large: [] } as Record<
    Size,
    { step: string; cpuNsPerOp: number; share: number }[]
  >
  for (const size of ['small', 'large'] as const) {
    const total = rows.find(
      (r) => r.payload === nameBySize[size] && r.case === 'handle(), defaults, Buffer body',
    )
    if (total === undefined) continue
    let sum = 0
    for (const row of rows.filter((r) => r.payload === nameBySize[size] && r.case.startsWith('step: '))) {
      sum += row.cpuNsPerOp
      steps[size].push({
        step: row.case.slice(6),
        cpuNsPerOp: row.cpuNsPerOp,
        share: row.cpuNsPerOp / total.cpuNsPerOp,
      })
    }
    const rest = Math.max(0, total.cpuNsPerOp - sum)
    steps[size].push({
      step: 'the rest (method, content type, promises, responses)',
      cpuNsPerOp: rest,
      share: rest / total.cpuNsPerOp,
    })
  }
  return { rows, steps }
}
