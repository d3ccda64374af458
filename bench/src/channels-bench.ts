import { type TracingChannelSubscribers, tracingChannel } from 'node:diagnostics_channel'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { channelNames } from '@blinger-webhooks/core'
import type { HandleRequest } from '@blinger-webhooks/core/adapter'
import { BlingerWebhooksInstrumentation } from '@blinger-webhooks/opentelemetry'
import { context } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base'
import { build } from 'esbuild'
import { median, orderOf, rateOf } from './measure.js'
import { benchRequest, smallTemplate, stamp, token } from './payloads.js'

type Steps = typeof import('./channels-steps.js')

/** Settings of the channels bench: many short slices, cases taking turns, so ratios pair within a round. */
export interface ChannelsSettings {
  readonly rounds: number
  readonly ms: number
  readonly warmupMs: number
}

/** One case: its median CPU per delivery, and its ratio to `bare` in each round. */
export interface ChannelsRow {
  readonly case: string
  readonly cpuNsPerOp: number
  readonly vsBare: number
  readonly vsBareMin: number
  readonly vsBareMax: number
}

interface Case {
  readonly name: string
  /** Subscribes what the case needs, returns the step and how to unsubscribe. */
  readonly setUp: () => { step: (i: number) => unknown; tearDown: () => void }
}

async function loadSteps(): Promise<Steps> {
  const outfile = fileURLToPath(new URL('../.cache/channels-steps.mjs', import.meta.url))
  const entry = fileURLToPath(new URL('./channels-steps.ts', import.meta.url))
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
  })
  return (await import(pathToFileURL(outfile).href)) as Steps
}

const noop = () => {}
const noopSubscribers: TracingChannelSubscribers<object> = {
  start: noop,
  end: noop,
  asyncStart: noop,
  asyncEnd: noop,
  error: noop,
}
const discard: SpanExporter = {
  export: (_spans: ReadableSpan[], done) => done({ code: 0 }),
  shutdown: async () => {},
}
class IdleReader extends MetricReader {
  protected override async onForceFlush() {}
  protected override async onShutdown() {}
}

/**
 * `handle()` of one small delivery (dedupe on, one listener, a new id each time) four ways: `bare` is the
 * pipeline without the delivery trace's wrapper (the handlers' `hasSubscribers` check stays); `no subscriber`
 * is the receiver as shipped; then a subscriber that does nothing, and @blinger-webhooks/opentelemetry
 * recording spans (exported to nowhere) and metrics.
 */
export async function runChannelsBench(settings: ChannelsSettings) {
  const steps = await loadSteps()
  const template = smallTemplate()
  const request = benchRequest(template.body)
  const receiverStep = (handle: (request: HandleRequest) => Promise<unknown>) => (i: number) => {
    stamp(template, i)
    return handle(request)
  }
  const bareHandle = () => {
    const options = steps.resolveOptions({ token })
    const emitter = new steps.TypedEmitter()
    emitter.on('message.incoming', noop)
    const check = steps.createAuthCheck([token])
    const anonymous = { account: undefined }
    const checkAuth = (request: HandleRequest) => (check(request) ? anonymous : undefined)
    const pipeline = steps.createPipeline({ options, emitter, report: noop, checkAuth, keep: undefined })
    return (request: HandleRequest) => steps.handle(pipeline, request)
  }
  const shipped = () => steps.createReceiver({ token }).on('message.incoming', noop)

  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  const instrumentation = new BlingerWebhooksInstrumentation({
    enabled: false,
    tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(discard)] }),
    meterProvider: new MeterProvider({ readers: [new IdleReader()] }),
  })
  const channels = [tracingChannel(channelNames.delivery), tracingChannel(channelNames.handlers)]

  const cases: Case[] = [
    {
      name: 'bare (no delivery wrapper)',
      setUp: () => ({ step: receiverStep(bareHandle()), tearDown: noop }),
    },
    { name: 'no subscriber', setUp: () => ({ step: receiverStep(shipped().handle), tearDown: noop }) },
    {
      name: 'a subscriber that does nothing',
      setUp: () => {
        for (const channel of channels) channel.subscribe(noopSubscribers)
        return {
          step: receiverStep(shipped().handle),
          tearDown: () => {
            for (const channel of channels) channel.unsubscribe(noopSubscribers)
          },
        }
      },
    },
    {
      name: '@blinger-webhooks/opentelemetry',
      setUp: () => {
        instrumentation.enable()
        return { step: receiverStep(shipped().handle), tearDown: () => instrumentation.disable() }
      },
    },
  ]

  const cpu = new Map<string, number[]>(cases.map((c) => [c.name, []]))
  const ratios = new Map<string, number[]>(cases.map((c) => [c.name, []]))
  for (let round = 0; round < settings.rounds; round++) {
    const thisRound = new Map<string, number>()
    for (const c of orderOf(cases, round)) {
      const { step, tearDown } = c.setUp()
      try {
        thisRound.set(c.name, (await rateOf(step, settings.ms, settings.warmupMs)).cpuNs)
      } finally {
        tearDown()
      }
    }
    const bare = thisRound.get(cases[0]?.name ?? '') ?? Number.NaN
    for (const [name, ns] of thisRound) {
      cpu.get(name)?.push(ns)
      ratios.get(name)?.push(ns / bare)
    }
  }
  context.disable()
  const rows: ChannelsRow[] = cases.map((c) => {
    const list = ratios.get(c.name) ?? []
    return {
      case: c.name,
      cpuNsPerOp: median(cpu.get(c.name) ?? []),
      vsBare: median(list),
      vsBareMin: Math.min(...list),
      vsBareMax: Math.max(...list),
    }
  })
  return { rows, rounds: settings.rounds }
}
