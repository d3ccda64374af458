/**
 * The memory case, in its own process so nothing else is on its heap:
 *   node --expose-gc --import tsx src/memory.ts <deliveries> <step>
 * Sends `MemoryResult` to its parent over IPC.
 */
import { createReceiver } from '@blinger-webhooks/core'
import { benchRequest, smallTemplate, stamp, token } from './payloads.js'

/** Heap used after a full GC, every `step` deliveries. */
export interface MemoryResult {
  readonly deliveries: number
  readonly storeMax: number
  readonly curve: readonly { deliveries: number; heapUsedMiB: number }[]
  /** The highest heap after the store filled (from the second sample on), minus the heap at the first. */
  readonly growthMiB: number
}

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')
const total = Number(process.argv[2] ?? 1_000_000)
const step = Number(process.argv[3] ?? 100_000)
const storeMax = 10_000 // the default store's size limit

const template = smallTemplate()
const receiver = createReceiver({ token }) // dedupe on, default in-memory store
receiver.on('message.incoming', () => {})
const request = benchRequest(template.body)
const heapMiB = () => {
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

const curve = [{ deliveries: 0, heapUsedMiB: heapMiB() }]
for (let n = 0; n < total; ) {
  const out = await receiver.handle(request)
  if (out.status !== 200) throw new Error(`handle() answered ${out.status}`)
  stamp(template, ++n) // a new body, so a new delivery id, every time
  if (n % step === 0) curve.push({ deliveries: n, heapUsedMiB: heapMiB() })
}
const first = curve[1]?.heapUsedMiB ?? 0
const growthMiB = Math.max(...curve.slice(1).map((p) => p.heapUsedMiB)) - first
const result: MemoryResult = { deliveries: total, storeMax, curve, growthMiB }
process.send?.(result)
