/**
 * Bytes allocated per delivery by `handle()` (Buffer body, small payload), by function, from V8's sampling heap
 * profiler with the objects GC already collected counted in: short-lived garbage costs more over HTTP than its CPU
 * time in process (docs/performance.md, "The measurement's own price"), and a CPU profile does not show it.
 *
 *   tsx scripts/allocation.ts [deliveries=20000] [top=15]
 */
import { Session } from 'node:inspector/promises'
import { createReceiver, type ReceiverOptions } from '@blinger-webhooks/core'
import { benchRequest, smallTemplate, stamp, token } from '../src/payloads.js'

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number }
  selfSize: number
  children: SamplingNode[]
}

const deliveries = Number(process.argv[2] ?? 20_000)
const top = Number(process.argv[3] ?? 15)
const cases: { name: string; options: ReceiverOptions; listener: 'sync' | 'async' }[] = [
  {
    name: 'every feature off, a sync listener',
    options: { allowUnauthenticated: true, validation: 'off', dedupe: false },
    listener: 'sync',
  },
  { name: 'defaults, an async listener', options: { token }, listener: 'async' },
]

const session = new Session()
session.connect()

for (const { name, options, listener } of cases) {
  const receiver = createReceiver(options)
  receiver.on('message.incoming', listener === 'sync' ? () => {} : async () => {})
  const template = smallTemplate()
  const request = benchRequest(template.body)
  const run = async (count: number, from: number) => {
    for (let n = from; n < from + count; n++) {
      stamp(template, n)
      const out = await receiver.handle(request)
      if (out.status !== 200) throw new Error(`handle() answered ${out.status}`)
    }
  }
  await run(20_000, 0)
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  await run(deliveries, 20_000)
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } }
  const byFunction = new Map<string, number>()
  let total = 0
  const walk = (node: SamplingNode) => {
    const { functionName, url, lineNumber } = node.callFrame
    const file = url.replace(/^.*\/(packages|node_modules|bench)\//, '$1/')
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize)
    total += node.selfSize
    for (const child of node.children) walk(child)
  }
  walk(profile.head)
  console.log(`\n${name}: ${Math.round(total / deliveries)} bytes per delivery (sampled every 64 bytes)\n`)
  for (const [fn, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${String(Math.round(bytes / deliveries)).padStart(6)}  ${fn}`)
}
session.disconnect()
