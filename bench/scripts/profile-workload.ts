/**
 * The loop `scripts/profile.ts` runs under `--cpu-prof`: `handle()` on distinct deliveries of one payload,
 * as in the pipeline bench, for a fixed time after one second of warm-up. It writes the measured window
 * (profiler clock, µs) to PROFILE_WINDOW, so the summary leaves out start-up and warm-up.
 */
import { writeFileSync } from 'node:fs'
import { createReceiver, type ValidationMode } from '@blinger-webhooks/core'
import { benchRequest, largeTemplate, smallTemplate, stamp, token } from '../src/payloads.js'

const size = process.argv[2] === 'large' ? 'large' : 'small'
const validation = (process.argv[3] ?? 'strict') as ValidationMode
const seconds = Number(process.argv[4] ?? 5)
const template = size === 'small' ? smallTemplate() : largeTemplate()
const receiver = createReceiver({ token, validation })
receiver.on(size === 'small' ? 'message.incoming' : 'conversation.closed', () => {})
const request = benchRequest(template.body)
const now = () => Number(process.hrtime.bigint() / 1000n)
let n = 0
const runFor = async (ms: number) => {
  const end = now() + ms * 1000
  let count = 0
  while (now() < end) {
    for (let k = 0; k < 256; k++) {
      stamp(template, n++)
      const out = await receiver.handle(request)
      if (out.status !== 200) throw new Error(`handle() answered ${out.status}`)
    }
    count += 256
  }
  return count
}
await runFor(1000)
const from = now()
const count = await runFor(seconds * 1000)
const to = now()
if (process.env.PROFILE_WINDOW !== undefined)
  writeFileSync(process.env.PROFILE_WINDOW, JSON.stringify({ from, to }))
console.log(
  `${size}, validation ${validation}: ${Math.round((count / (to - from)) * 1e6)} deliveries/s while profiled`,
)
