/**
 * A/B of two builds of @blinger-webhooks/core in one process, rounds alternating, so the machine's drift
 * hits both alike. Each build's `handle()` runs on the same distinct deliveries as the pipeline bench.
 *
 *   tsx scripts/compare-builds.ts <before/index.js> <after/index.js> [small|large] [rounds]
 * COMPARE_BODY=buffer passes a raw Buffer body instead of a stream and a response; COMPARE_DEDUPE=off turns
 * dedupe off. The listener is async, as users write it.
 * Make a build of the working tree in a second with:
 *   npx esbuild packages/core/src/index.ts --bundle --platform=node --format=esm --packages=external --outfile=/tmp/after/index.js
 * (bundle into a folder whose node_modules reaches core's dependencies, e.g. a symlink to packages/core/node_modules).
 */
import { EventEmitter } from 'node:events'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import type { createReceiver as CreateReceiver } from '@blinger-webhooks/core'
import { median, rateOf } from '../src/measure.js'
import { benchRequest, largeTemplate, smallTemplate, stamp, token } from '../src/payloads.js'

const [a, b, size = 'small', roundsArg = '10'] = process.argv.slice(2)
if (a === undefined || b === undefined) {
  console.error('usage: tsx scripts/compare-builds.ts <before.js> <after.js> [small|large] [rounds]')
  process.exit(1)
}
const rounds = Number(roundsArg)
const template = size === 'large' ? largeTemplate() : smallTemplate()
const request = benchRequest(template.body)

async function stepOf(file: string) {
  const { createReceiver } = (await import(pathToFileURL(resolve(file)).href)) as {
    createReceiver: typeof CreateReceiver
  }
  const receiver = createReceiver({ token, dedupe: process.env.COMPARE_DEDUPE !== 'off' })
  receiver.on(size === 'large' ? 'conversation.closed' : 'message.incoming', async () => {})
  if (process.env.COMPARE_BODY === 'buffer')
    return (i: number) => {
      stamp(template, i)
      return receiver.handle(request)
    }
  const { body: _body, ...head } = request
  return (i: number) => {
    const stream = new Readable({ read() {} })
    stream.push(stamp(template, i))
    stream.push(null)
    const response = Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false })
    return receiver.handle({ ...head, stream, response })
  }
}

const steps = [await stepOf(a), await stepOf(b)] as const
const wall: [number[], number[]] = [[], []]
const cpu: [number[], number[]] = [[], []]
for (let round = 0; round < rounds; round++) {
  for (const which of round % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
    const rate = await rateOf(steps[which], size === 'large' ? 1000 : 400, 100)
    wall[which].push(rate.ns)
    cpu[which].push(rate.cpuNs)
  }
}
const show = (label: string, w: number[], c: number[]) =>
  console.log(`${label} ${Math.round(median(w))} ns wall, ${Math.round(median(c))} ns CPU per delivery`)
show('before', wall[0], cpu[0])
show('after ', wall[1], cpu[1])
console.log(
  `after ÷ before (time): ${(median(wall[1]) / median(wall[0])).toFixed(3)} wall, ${(median(cpu[1]) / median(cpu[0])).toFixed(3)} CPU (median of ${rounds} alternating rounds)`,
)
