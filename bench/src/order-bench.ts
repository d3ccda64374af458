import { createReceiver, type ReceiverOptions } from '@blinger-webhooks/core'
import { messageIncoming } from '@blinger-webhooks/core/fixtures'
import { median, orderOf, rateOf } from './measure.js'
import { benchRequest, smallTemplate, stamp, token } from './payloads.js'

/** Settings of the `order` measurement. */
export interface OrderSettings {
  readonly rounds: number
  /** Measured milliseconds per variant and round. */
  readonly ms: number
  readonly warmupMs: number
}

/** One case: CPU per delivery without and with `order: 'conversation'`, and their difference paired per round. */
export interface OrderRow {
  readonly case: string
  readonly offCpuNs: number
  readonly onCpuNs: number
  /** The median over rounds of (with − without) measured in the same round: the cost of `order`. */
  readonly costCpuNs: number
  readonly costs: readonly number[]
}

/** Deliveries a burst sends at once: `conversations` × `each`, so all but one of each conversation wait. */
const conversations = 8
const each = 4

interface Case {
  readonly name: string
  /** A step of `rateOf` for the options given, and how many deliveries one step makes. */
  readonly make: (options: Partial<ReceiverOptions>) => { step: (i: number) => unknown; deliveries: number }
}

const cases: readonly Case[] = [
  {
    // Awaited one by one: each delivery finds its conversation idle, the common case; the key and its queue's
    // creation and deletion are the cost.
    name: 'one at a time, defaults, one async listener',
    make: (options) => {
      const template = smallTemplate()
      const receiver = createReceiver({ token, ...options })
      receiver.on('message.incoming', async () => {})
      const request = benchRequest(template.body)
      return {
        step: (i) => {
          stamp(template, i)
          return receiver.handle(request)
        },
        deliveries: 1,
      }
    },
  },
  {
    // 8 conversations × 4 deliveries at once (dedupe off, so the 32 fixed bodies are new each time): 24 of
    // them wait for their turn with `order`.
    name: `bursts of ${conversations} conversations × ${each}, dedupe off, one async listener`,
    make: (options) => {
      const receiver = createReceiver({ token, dedupe: false, ...options })
      receiver.on('message.incoming', async () => {})
      const requests = Array.from({ length: conversations * each }, (_, n) =>
        benchRequest(
          Buffer.from(
            JSON.stringify({
              ...messageIncoming,
              conversation_id: 1000 + (n % conversations),
              message: { ...messageIncoming.message, id: n },
            }),
          ),
        ),
      )
      return {
        step: () => Promise.all(requests.map((request) => receiver.handle(request))),
        deliveries: requests.length,
      }
    },
  },
]

/** Each case without and with `order`, taking turns within every round; costs paired within a round. */
export async function runOrderBench(settings: OrderSettings): Promise<OrderRow[]> {
  const variants = [
    { order: false, options: {} },
    { order: true, options: { order: 'conversation' } },
  ] as const
  const rows: OrderRow[] = []
  for (const c of cases) {
    const off: number[] = []
    const on: number[] = []
    for (let round = 0; round < settings.rounds; round++)
      for (const variant of orderOf(variants, round)) {
        const { step, deliveries } = c.make(variant.options)
        const rate = await rateOf(step, settings.ms, settings.warmupMs)
        const list = variant.order ? on : off
        list.push(rate.cpuNs / deliveries)
      }
    const costs = on.map((ns, round) => ns - (off[round] as number))
    rows.push({
      case: c.name,
      offCpuNs: median(off),
      onCpuNs: median(on),
      costCpuNs: median(costs),
      costs,
    })
  }
  return rows
}
