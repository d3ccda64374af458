/**
 * The process `instructions.ts` runs under callgrind: one route (node:http or Fastify, bare or ours) on a
 * loopback server and a keep-alive client in the same process, 8 requests in flight, a distinct body each.
 * It sends `WARM` requests uninstrumented (so the JIT has settled: with 3,000 the optimizing compiler still took
 * 7–16% of a request's instructions), turns callgrind's instrumentation on for itself, sends `count` more and
 * exits. The client's share is the same for every route, so it cancels in a difference.
 *
 *   WARM=20000 valgrind --tool=callgrind --instr-atstart=no … node --import tsx scripts/instructions-server.ts <route> <count>
 */
import { execFileSync } from 'node:child_process'
import { Agent, createServer, request as httpRequest, type RequestListener } from 'node:http'
import { blingerWebhooks as fastifyWebhooks } from '@blinger-webhooks/fastify'
import { blingerWebhooks as nodeWebhooks } from '@blinger-webhooks/node'
import Fastify from 'fastify'
import { smallTemplate, stamp, token, url } from '../src/payloads.js'

export const instructionRoutes = [
  'node-bare',
  'node-off',
  'node-defaults',
  'fastify-bare',
  'fastify-off',
  'fastify-defaults',
] as const
export type InstructionRoute = (typeof instructionRoutes)[number]

const everyFeatureOff = {
  allowUnauthenticated: true,
  validation: 'off',
  dedupe: false,
  deadLetters: false,
} as const

async function listenerOf(route: InstructionRoute): Promise<RequestListener> {
  const [framework, kind] = route.split('-') as ['node' | 'fastify', 'bare' | 'off' | 'defaults']
  const options = kind === 'off' ? everyFeatureOff : { token }
  if (framework === 'node') {
    if (kind === 'bare')
      return (req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (chunk: Buffer) => chunks.push(chunk))
        req.on('end', () => {
          JSON.parse(Buffer.concat(chunks).toString('utf8'))
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"ok":true}')
        })
      }
    const hooks = nodeWebhooks(options)
    if (kind === 'defaults') hooks.on('message.incoming', async () => {})
    return hooks
  }
  const app = Fastify()
  if (kind === 'bare') app.post('/webhooks/blinger', async () => ({ ok: true }))
  else {
    const hooks = fastifyWebhooks(options)
    if (kind === 'defaults') hooks.on('message.incoming', async () => {})
    await app.register(hooks)
  }
  await app.ready()
  return app.routing
}

if (process.argv[1]?.endsWith('instructions-server.ts')) {
  const [route, countArg = '2000'] = process.argv.slice(2) as [InstructionRoute, string]
  if (!instructionRoutes.includes(route)) throw new Error(`route: one of ${instructionRoutes.join(', ')}`)
  const server = createServer(await listenerOf(route))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  const template = smallTemplate()
  let n = 0
  const send = () =>
    new Promise<void>((resolve, reject) => {
      const body = Buffer.from(stamp(template, n++))
      const headers = { 'content-type': 'application/json', 'content-length': body.length }
      httpRequest({ port, method: 'POST', path: url, agent, headers }, (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}`))))
      }).end(body)
    })
  const sendMany = async (count: number) => {
    for (let i = 0; i < count; i += 8) await Promise.all(Array.from({ length: 8 }, send))
  }
  await sendMany(Number(process.env.WARM ?? 0))
  execFileSync('callgrind_control', ['-i', 'on', String(process.pid)], { stdio: 'ignore' })
  await sendMany(Number(countArg))
  agent.destroy()
  server.close()
}
